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

// TestJourneyTags checks that the home page's tag filter offers each tag
// once, however it is written, as first written, in the order of the
// slugs; and that a tag in any script gets a slug to filter by.
func TestJourneyTags(t *testing.T) {
	journey := func(tags ...string) *site.Journey {
		return &site.Journey{Journey: &content.Journey{Tags: tags}}
	}
	tests := []struct {
		name     string
		journeys []*site.Journey
		want     string
	}{
		{"none", []*site.Journey{journey()}, ""},
		{"once each, as first written, by slug", []*site.Journey{journey("Sales funnel", "b2b"), journey("sales  funnel", "B2B", "as-is")},
			"as-is=as-is b2b=b2b sales-funnel=Sales funnel"},
		{"Cyrillic and Polish keep their letters", []*site.Journey{journey("SMS-коды", "Łódź", "sms-КОДЫ")}, "sms-коды=SMS-коды łódź=Łódź"},
		{"a tag of many words is one value", []*site.Journey{journey("contact centre  load")}, "contact-centre-load=contact centre  load"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, tag := range JourneyTags(tt.journeys) {
				if strings.ContainsAny(tag.Slug, " \t") {
					t.Errorf("slug %q holds a space: the filter would split it", tag.Slug)
				}
				got = append(got, tag.Slug+"="+tag.Title)
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("JourneyTags = %q, want %q", g, tt.want)
			}
		})
	}
}

// TestSlugList checks the values of the filters' data attributes: the
// slugs of what a journey names, space-separated, so that a filter value
// matches one of them whole.
func TestSlugList(t *testing.T) {
	olga := &site.Persona{Persona: &content.Persona{Meta: content.Meta{Slug: "olga"}}}
	irina := &site.Persona{Persona: &content.Persona{Meta: content.Meta{Slug: "irina"}}}
	order := &site.Journey{Journey: &content.Journey{Meta: content.Meta{Slug: "order"}}}
	tests := []struct {
		name  string
		items any
		want  string
	}{
		{"personas", []*site.Persona{olga, irina}, "olga irina"},
		{"journeys", []*site.Journey{order}, "order"},
		{"tags are slugified", []string{"Sales funnel", "SMS-коды"}, "sales-funnel sms-коды"},
		{"nothing", []*site.Persona(nil), ""},
		{"what it does not know", 42, ""},
	}
	for _, tt := range tests {
		if got := slugList(tt.items); got != tt.want {
			t.Errorf("%s: slugList = %q, want %q", tt.name, got, tt.want)
		}
	}
}
