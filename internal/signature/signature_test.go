package signature

import (
	"maps"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/site"
)

// portal is a site of two journeys; edits replace one file's text.
var portal = map[string]string{
	"content/_index.md":                   "---\ntitle: Portal\n---\n",
	"content/personas/p.md":               "---\ntitle: P\n---\n",
	"content/teams/crm.md":                "---\ntitle: CRM\n---\n",
	"content/journeys/a/_index.md":        "---\ntitle: A\npersonas: p\n---\n",
	"content/journeys/a/01-buy/_index.md": "---\ntitle: Buy\n---\n",
	"content/journeys/a/01-buy/x.md":      "---\ntitle: X\nchannel: web\nowner: crm\n---\nBody.\n",
	"content/journeys/b/_index.md":        "---\ntitle: B\npersonas: p\n---\n",
	"content/journeys/b/01-use/_index.md": "---\ntitle: Use\n---\n",
	"content/journeys/b/01-use/y.md":      "---\ntitle: Y\nchannel: app\n---\nBody.\n",
}

func resolve(t *testing.T, edit map[string]string) *site.Site {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range portal {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	for name, data := range edit {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	c, diags := content.Load(fsys)
	s, more := site.Resolve(c, site.Base{Path: "/"})
	diags.Add(more...)
	if diags.HasErrors() {
		t.Fatal(diags.Errors())
	}
	return s
}

// changed lists the routes whose signatures differ between a and b.
func changed(a, b *Signed) []string {
	var out []string
	for p, v := range a.Routes {
		if w, ok := b.Routes[p]; !ok || w != v {
			out = append(out, p)
		}
	}
	for p := range b.Routes {
		if _, ok := a.Routes[p]; !ok {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// TestSignChangesWhatTheEditShows checks that an edit changes the
// signatures of the pages that show the edited item, and of no page of
// the journey it is not in.
func TestSignChangesWhatTheEditShows(t *testing.T) {
	base := resolve(t, nil)
	before := Sign(base, Global(base), 0)
	if again := Sign(base, Global(base), 0); !maps.Equal(before.Routes, again.Routes) {
		t.Fatalf("two signings of one site differ: %v", changed(before, again))
	}
	tests := []struct {
		name       string
		edit       map[string]string
		global     []string
		must, keep []string // routes that must change; routes that must not
	}{
		{
			name: "a touchpoint's body",
			edit: map[string]string{"content/journeys/a/01-buy/x.md": "---\ntitle: X\nchannel: web\nowner: crm\n---\nNew body.\n"},
			must: []string{"journeys/a/buy/x/", "journeys/a/"},
			keep: []string{"journeys/b/", "journeys/b/use/y/", "channels/app/"},
		},
		{
			name: "a touchpoint's title",
			edit: map[string]string{"content/journeys/b/01-use/y.md": "---\ntitle: Why\nchannel: app\n---\nBody.\n"},
			must: []string{"journeys/b/use/y/", "journeys/b/", "channels/app/"},
			keep: []string{"journeys/a/", "journeys/a/buy/x/", "channels/web/"},
		},
		{
			// The touchpoint's file is as it was, but its page moved:
			// the team's page links to it.
			name: "a stage's slug",
			edit: map[string]string{"content/journeys/a/01-buy/_index.md": "---\ntitle: Buy\nslug: purchase\n---\n"},
			must: []string{"journeys/a/", "journeys/a/purchase/x/", "teams/crm/"},
			keep: []string{"journeys/b/", "journeys/b/use/y/", "channels/app/"},
		},
		{
			name:   "the build's date",
			global: []string{"2026-12-08"},
			must:   []string{"journeys/a/", "journeys/b/use/y/", "personas/p/"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := resolve(t, tt.edit)
			after := Sign(s, Global(s, tt.global...), 0)
			diff := changed(before, after)
			for _, p := range tt.must {
				if _, ok := after.Routes[p]; !ok {
					t.Fatalf("no route %s; routes: %v", p, slices.Sorted(maps.Keys(after.Routes)))
				}
				if !slices.Contains(diff, p) {
					t.Errorf("%s kept its signature; changed: %v", p, diff)
				}
			}
			for _, p := range tt.keep {
				if slices.Contains(diff, p) {
					t.Errorf("%s changed its signature; changed: %v", p, diff)
				}
			}
		})
	}
}

// TestSumFollowsItsTouchpoint checks the cards' sums: an edit of one
// touchpoint changes its card's sum and leaves the other's.
func TestSumFollowsItsTouchpoint(t *testing.T) {
	a := resolve(t, nil)
	b := resolve(t, map[string]string{"content/journeys/a/01-buy/x.md": "---\ntitle: X2\nchannel: web\nowner: crm\n---\nBody.\n"})
	sa, sb := Sign(a, Global(a), 0), Sign(b, Global(b), 0)
	sum := func(s *site.Site, sg *Signed, title string) uint64 {
		t.Helper()
		for _, tp := range s.Touchpoints {
			if tp.Title == title {
				v, ok := sg.Sum(tp)
				if !ok {
					t.Fatalf("no sum for %s", title)
				}
				return v
			}
		}
		t.Fatalf("no touchpoint %s", title)
		return 0
	}
	if sum(a, sa, "X") == sum(b, sb, "X2") {
		t.Error("the edited touchpoint kept its card's sum")
	}
	if sum(a, sa, "Y") != sum(b, sb, "Y") {
		t.Error("the other touchpoint's card's sum changed")
	}
	if _, ok := sa.Sum(&site.Touchpoint{}); ok {
		t.Error("a touchpoint of another build has a sum")
	}
}
