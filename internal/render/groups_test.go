package render

import (
	"strings"
	"testing"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/site"
)

func TestGroupJourneys(t *testing.T) {
	persona := func(slug string) *site.Persona {
		return &site.Persona{Persona: &content.Persona{Meta: content.Meta{Slug: slug}}}
	}
	journey := func(slug, state string, ps ...*site.Persona) *site.Journey {
		return &site.Journey{Journey: &content.Journey{Meta: content.Meta{Slug: slug}, State: state}, Personas: ps}
	}
	olga, irina, tomas := persona("olga"), persona("irina"), persona("tomas")
	personas := []*site.Persona{olga, irina, tomas}
	journeys := []*site.Journey{
		journey("pantry", "current", irina, tomas),
		journey("order-to-be", "target", olga),
		journey("order", "current", olga),
		journey("orphan", "current"),
		journey("returns", "current", olga),
		journey("irina-alone", "current", irina),
	}
	var got []string
	for _, g := range GroupJourneys(personas, journeys) {
		var names []string
		for _, j := range g.Journeys {
			names = append(names, j.Slug)
		}
		var who []string
		for _, p := range g.Personas {
			who = append(who, p.Slug)
		}
		got = append(got, strings.Join(who, "+")+": "+strings.Join(names, ","))
	}
	want := []string{
		"olga: order,returns,order-to-be", // as-is first, in their order; to-be after
		"irina+tomas: pantry",             // a set of personas is a group of its own
		"irina: irina-alone",
		": orphan", // no persona: last
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("groups:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
