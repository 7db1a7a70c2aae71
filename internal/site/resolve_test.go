package site

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/cjm-portal/cjm/internal/content"
)

func resolveMap(t *testing.T, files map[string]string) *Site {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	c, diags := content.Load(fsys)
	s, more := Resolve(c, Base{Path: "/"})
	diags.Add(more...)
	if diags.HasErrors() {
		t.Fatalf("errors:\n%s", diags.Errors())
	}
	return s
}

// TestLinksBothWays checks that every relation is kept on both of its ends.
func TestLinksBothWays(t *testing.T) {
	s := resolveMap(t, map[string]string{
		"content/personas/olga.md":          "---\ntitle: Olga\nchannels: [App]\n---\n",
		"content/teams/crm.md":              "---\ntitle: CRM\n---\n",
		"content/journeys/a/_index.md":      "---\ntitle: A\npersonas: olga\nowner: crm\ntarget: b\n---\n",
		"content/journeys/a/01-s/_index.md": "---\ntitle: S\n---\n",
		"content/journeys/a/01-s/p.md":      "---\ntitle: P\nowner: crm\nchannel: app\n---\n",
		"content/journeys/a/01-s/c.md":      "---\ntitle: C\nparent: p\nrelated: b/x\nowner: ops\nopportunities: [{title: Fix, owner: crm}]\n---\n",
		"content/journeys/a/02-t/_index.md": "---\ntitle: T\n---\n",
		"content/journeys/a/02-t/d.md":      "---\ntitle: D\nparent: c\nowner: none\n---\n",
		"content/journeys/b/_index.md":      "---\ntitle: B\npersonas: olga\nstate: target\n---\n",
		"content/journeys/b/01-s/_index.md": "---\ntitle: S\n---\n",
		"content/journeys/b/01-s/x.md":      "---\ntitle: X\n---\n",
	})
	a, b := s.Journeys[0], s.Journeys[1]
	tp := map[string]*Touchpoint{}
	for _, t := range s.Touchpoints {
		tp[t.Ref] = t
	}
	p, c, d, x := tp["a/p"], tp["a/c"], tp["a/d"], tp["b/x"]
	olga, crm := s.Personas[0], s.Teams[0] // teams sort by title: CRM before ops
	checks := []struct {
		what string
		ok   bool
	}{
		{"journey → persona", len(a.Personas) == 1 && a.Personas[0] == olga},
		{"persona → journeys", len(olga.Journeys) == 2},
		{"journey → owner", a.Owner == crm && len(crm.Journeys) == 1 && crm.Journeys[0] == a},
		{"current ↔ target", a.Target == b && len(b.Current) == 1 && b.Current[0] == a},
		{"touchpoint ↔ team", p.Owner == crm && slices.Contains(crm.Touchpoints, p)},
		{"touchpoint ↔ channel", p.Channel != nil && p.Channel.Slug == "app" && slices.Contains(p.Channel.Touchpoints, p)},
		{"persona ↔ channel", len(olga.Channels) == 1 && olga.Channels[0] == p.Channel && slices.Contains(p.Channel.Personas, olga)},
		{"parent ↔ children", c.Parent == p && slices.Contains(p.Children, c) && d.Parent == c && d.Depth == 2},
		{"related both ways", slices.Contains(c.Related, x) && slices.Contains(x.Related, c)},
		{"stage ↔ touchpoints", c.Stage == a.Stages[0] && slices.Contains(a.Stages[0].Touchpoints, c)},
		{"previous / next touchpoint across stages", p.Next == d && d.Prev == p && c.Prev == nil && c.Next == p && d.Next == nil},
		{"previous / next stage", a.Stages[0].Next == a.Stages[1] && a.Stages[1].Prev == a.Stages[0]},
		{"generated team", c.Owner != nil && c.Owner.Generated && c.Owner.Title == "ops"},
		{"owner none", d.OwnerNone && d.Owner == nil},
		{"opportunity owner", len(c.Opportunities) == 1 && c.Opportunities[0].Owner == crm && slices.Contains(crm.Opportunities, c.Opportunities[0])},
		{"touchpoint ref", c.Ref == "a/c" && c.URL == "journeys/a/s/c/"},
	}
	for _, ch := range checks {
		if !ch.ok {
			t.Errorf("%s: not linked", ch.what)
		}
	}
	// Default lanes are those with data, in the contract's order.
	if got := a.Lanes; len(got) != 4 || got[0] != "stages" || got[1] != "touchpoints" || got[2] != "owners" || got[3] != "opportunities" {
		t.Errorf("lanes = %v", got)
	}
}

// TestFeelingsOfPlainEmotion checks that a plain `emotion` is how every
// persona of the journey feels, and that no emotion gives no feeling.
func TestFeelingsOfPlainEmotion(t *testing.T) {
	s := resolveMap(t, map[string]string{
		"content/personas/olga.md":          "---\ntitle: Olga\n---\n",
		"content/personas/marek.md":         "---\ntitle: Marek\n---\n",
		"content/journeys/a/_index.md":      "---\ntitle: A\npersonas: [olga, marek]\n---\n",
		"content/journeys/a/01-s/_index.md": "---\ntitle: S\n---\n",
		"content/journeys/a/01-s/p.md":      "---\ntitle: P\nemotion: -1\n---\n",
		"content/journeys/a/01-s/q.md":      "---\ntitle: Q\n---\n",
	})
	olga, marek := s.Journeys[0].Personas[0], s.Journeys[0].Personas[1]
	p, q := s.Touchpoints[0], s.Touchpoints[1]
	if len(p.Feelings) != 2 || p.Feelings[0] != (Feeling{olga, -1}) || p.Feelings[1] != (Feeling{marek, -1}) {
		t.Errorf("P: feelings %v, want olga -1 and marek -1 in the journey's order", p.Feelings)
	}
	if v, ok := p.FeelingOf(marek); !ok || v != -1 {
		t.Errorf("P: FeelingOf(marek) = %d, %v", v, ok)
	}
	if len(q.Feelings) != 0 {
		t.Errorf("Q has no emotion but feelings %v", q.Feelings)
	}
	if _, ok := q.FeelingOf(olga); ok {
		t.Error("Q: FeelingOf(olga) says it knows")
	}
}
