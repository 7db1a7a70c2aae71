package render

import (
	"slices"
	"strings"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/site"
)

// JourneyGroup is the journeys drawn for the same personas: as-is ones
// first, then to-be, so a map and its target sit side by side.
type JourneyGroup struct {
	Personas []*site.Persona
	Journeys []*site.Journey
}

// GroupJourneys groups journeys by their set of personas. Groups come in
// the order of their first persona in the portal's persona order (weight,
// then title), then in the order the journeys come; within a group the
// journeys keep their order, as-is before to-be.
func GroupJourneys(personas []*site.Persona, journeys []*site.Journey) []JourneyGroup {
	rank := map[*site.Persona]int{}
	for i, p := range personas {
		rank[p] = i
	}
	var groups []JourneyGroup
	index := map[string]int{}
	for _, j := range journeys {
		key := ""
		for _, p := range j.Personas {
			key += p.Slug + "\x00"
		}
		i, ok := index[key]
		if !ok {
			i = len(groups)
			index[key] = i
			groups = append(groups, JourneyGroup{Personas: j.Personas})
		}
		groups[i].Journeys = append(groups[i].Journeys, j)
	}
	first := func(g JourneyGroup) int {
		if len(g.Personas) == 0 {
			return len(personas) // journeys for nobody go last
		}
		return rank[g.Personas[0]]
	}
	slices.SortStableFunc(groups, func(a, b JourneyGroup) int { return first(a) - first(b) })
	for _, g := range groups {
		slices.SortStableFunc(g.Journeys, func(a, b *site.Journey) int { return targetRank(a) - targetRank(b) })
	}
	return groups
}

func targetRank(j *site.Journey) int {
	if j.State == "target" {
		return 1
	}
	return 0
}

// Tag is a journey tag as written, and its slug for filters.
type Tag struct{ Slug, Title string }

// JourneyTags lists the tags of journeys once each, as first written, in
// the order of their slugs.
func JourneyTags(journeys []*site.Journey) []Tag {
	seen := map[string]bool{}
	var out []Tag
	for _, j := range journeys {
		for _, t := range j.Tags {
			slug := content.Slugify(t)
			if slug != "" && !seen[slug] {
				seen[slug] = true
				out = append(out, Tag{slug, t})
			}
		}
	}
	slices.SortFunc(out, func(a, b Tag) int { return strings.Compare(a.Slug, b.Slug) })
	return out
}

// slugList writes the slugs of items (personas, journeys, teams, or text
// to slugify) space-separated: the value of a filter's data attribute.
func slugList(items any) string {
	var out []string
	switch it := items.(type) {
	case []*site.Persona:
		for _, p := range it {
			out = append(out, p.Slug)
		}
	case []*site.Journey:
		for _, j := range it {
			out = append(out, j.Slug)
		}
	case []string:
		for _, s := range it {
			out = append(out, content.Slugify(s))
		}
	}
	return strings.Join(out, " ")
}
