package site

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/diag"
)

func resolveMap(t *testing.T, files map[string]string) *Site {
	t.Helper()
	s, diags := resolveAll(files)
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

// TestFeelingsPerPersona checks the map form of `emotion`: feelings in the
// journey's order of personas whatever the order written, Unanimous and
// FeelingsDiffer, the lane it fills, and the warning of an empty map.
func TestFeelingsPerPersona(t *testing.T) {
	s, diags := resolveAll(map[string]string{
		"content/personas/olga.md":          "---\ntitle: Olga, busy parent\n---\n",
		"content/personas/marek.md":         "---\ntitle: Marek\n---\n",
		"content/journeys/a/_index.md":      "---\ntitle: A\npersonas: [olga, marek]\n---\n",
		"content/journeys/a/01-s/_index.md": "---\ntitle: S\n---\n",
		"content/journeys/a/01-s/p.md":      "---\ntitle: P\nweight: 1\nemotion: {marek: -2, olga: 1}\n---\n",
		"content/journeys/a/01-s/q.md":      "---\ntitle: Q\nweight: 2\nemotion: {olga: 0, marek: 0}\n---\n",
		"content/journeys/a/01-s/r.md":      "---\ntitle: R\nweight: 3\nemotion: {olga: -1}\n---\n",
		"content/journeys/a/01-s/e.md":      "---\ntitle: E\nweight: 4\nemotion: {}\n---\n",
		"content/journeys/b/_index.md":      "---\ntitle: B\npersonas: olga\n---\n",
		"content/journeys/b/01-s/_index.md": "---\ntitle: S\n---\n",
		"content/journeys/b/01-s/x.md":      "---\ntitle: X\nemotion: {olga: 2}\n---\n",
	})
	if got := diags.String(); got != "content/journeys/a/01-s/e.md:1: warning: no emotion; add `emotion: N`, an integer from -2 (very negative) to 2 (very positive)\n" {
		t.Errorf("diagnostics:\n%s", got)
	}
	a, b := s.Journeys[0], s.Journeys[1]
	olga, marek := a.Personas[0], a.Personas[1]
	p, q, r, e := a.Touchpoints[0], a.Touchpoints[1], a.Touchpoints[2], a.Touchpoints[3]
	if !slices.Equal(p.Feelings, []Feeling{{olga, 1}, {marek, -2}}) {
		t.Errorf("P: feelings %v, want olga 1 then marek -2, the journey's order", p.Feelings)
	}
	if v, ok := p.FeelingOf(marek); !ok || v != -2 {
		t.Errorf("P: FeelingOf(marek) = %d, %v", v, ok)
	}
	if _, ok := r.FeelingOf(marek); ok || len(r.Feelings) != 1 {
		t.Errorf("R: feelings %v, want olga's alone", r.Feelings)
	}
	if e.Feelings != nil {
		t.Errorf("E: feelings %v from an empty map", e.Feelings)
	}
	for _, c := range []struct {
		tp     *Touchpoint
		shared *int
		differ bool
	}{
		{p, nil, true},
		{q, ptr(0), false}, // a map that gives both one value
		{r, nil, true},     // Marek says nothing here
		{e, nil, false},
		{b.Touchpoints[0], ptr(2), false}, // the journey's only persona
	} {
		if got := c.tp.Unanimous(); (got == nil) != (c.shared == nil) || got != nil && *got != *c.shared {
			t.Errorf("%s: Unanimous() = %v, want %v", c.tp.Title, got, c.shared)
		}
		if got := c.tp.FeelingsDiffer(); got != c.differ {
			t.Errorf("%s: FeelingsDiffer() = %v, want %v", c.tp.Title, got, c.differ)
		}
	}
	if !a.FeelingsDiffer() || b.FeelingsDiffer() {
		t.Errorf("journeys: A differs %v (want true), B %v (want false)", a.FeelingsDiffer(), b.FeelingsDiffer())
	}
	if !slices.Contains(b.Lanes, "emotions") {
		t.Errorf("B: lanes %v lack emotions, which per-persona feelings fill", b.Lanes)
	}
	if olga.Name() != "Olga" || marek.Name() != "Marek" {
		t.Errorf("names %q, %q", olga.Name(), marek.Name())
	}
}

// TestFeelingErrors checks what a per-persona emotion may name: a persona
// that exists, and is one of the journey's.
func TestFeelingErrors(t *testing.T) {
	_, diags := resolveAll(map[string]string{
		"content/personas/olga-busy-parent.md": "---\ntitle: Olga\n---\n",
		"content/personas/marek.md":            "---\ntitle: Marek\n---\n",
		"content/journeys/a/_index.md":         "---\ntitle: A\npersonas: olga-busy-parent\n---\n",
		"content/journeys/a/01-s/_index.md":    "---\ntitle: S\n---\n",
		"content/journeys/a/01-s/p.md":         "---\ntitle: P\nemotion:\n  olga: 1\n  marek: -1\n  olga-busy-parent: 2\n---\n",
		"content/journeys/b/_index.md":         "---\ntitle: B\npersonas: marek\n---\n",
	})
	want := "content/journeys/a/01-s/p.md:4: emotion.olga: no persona \"olga\"; did you mean \"olga-busy-parent\"? known: marek, olga-busy-parent\n" +
		"content/journeys/a/01-s/p.md:5: emotion.marek: persona \"marek\" is not one of the journey's personas (olga-busy-parent); add it to the journey's `personas` in content/journeys/a/_index.md, or remove it here\n"
	if got := diags.Errors().Sort().String(); got != want {
		t.Errorf("errors:\n%s\nwant:\n%s", got, want)
	}
}

// resolveAll loads and links files, returning every diagnostic.
func resolveAll(files map[string]string) (*Site, diag.List) {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	c, diags := content.Load(fsys)
	s, more := Resolve(c, Base{Path: "/"})
	diags.Add(more...)
	return s, diags.Sort()
}

func ptr(v int) *int { return &v }

// TestGeneratedPagesNeverCollide builds a journey whose stages are called
// compare, embed and history, which are also the names of pages cjm makes
// inside a journey: those live under -/, which no slug can take, and the
// comparison's old URL sends readers on only where no stage took it.
func TestGeneratedPagesNeverCollide(t *testing.T) {
	files := map[string]string{
		"content/personas/p.md":             "---\ntitle: P\n---\n",
		"content/journeys/a/_index.md":      "---\ntitle: A\npersonas: p\ntarget: b\n---\n",
		"content/journeys/b/_index.md":      "---\ntitle: B\npersonas: p\nstate: target\n---\n",
		"content/journeys/b/01-s/_index.md": "---\ntitle: S\n---\n",
	}
	for i, st := range []string{"compare", "embed", "history"} {
		files["content/journeys/a/0"+strconv.Itoa(i+1)+"-"+st+"/_index.md"] = "---\ntitle: Search and " + st + "\n---\n"
	}
	s := resolveMap(t, files)
	routes := map[string]string{}
	for _, rt := range s.Routes {
		routes[rt.Path] = rt.Kind
	}
	for path, kind := range map[string]string{
		"journeys/a/compare/":   "stage",
		"journeys/a/embed/":     "stage",
		"journeys/a/history/":   "stage",
		"journeys/a/-/compare/": "compare",
		"journeys/a/-/embed/":   "embed",
		"journeys/b/-/embed/":   "embed",
		"journeys/b/compare/":   "", // b has no target: nothing to compare
	} {
		if routes[path] != kind {
			t.Errorf("/%s is %q, want %q", path, routes[path], kind)
		}
	}

	// Without a stage called compare, the comparison's old URL sends on.
	delete(files, "content/journeys/a/01-compare/_index.md")
	s = resolveMap(t, files)
	for _, rt := range s.Routes {
		if rt.Path == "journeys/a/compare/" {
			if a, ok := rt.Item.(*Alias); !ok || rt.Kind != "alias" || a.To != "journeys/a/-/compare/" {
				t.Errorf("/journeys/a/compare/ is %s %v, want an alias of journeys/a/-/compare/", rt.Kind, rt.Item)
			}
			return
		}
	}
	t.Error("/journeys/a/compare/ is gone")
}

// TestKPIDirections: a KPI name measured both ways is a warning at every
// KPI that goes against the way the written `better` keys say most often.
func TestKPIDirections(t *testing.T) {
	const head = "content/journeys/j/01-s/"
	base := map[string]string{
		"content/personas/o.md":             "---\ntitle: O\n---\n",
		"content/journeys/j/_index.md":      "---\ntitle: J\npersonas: o\n---\n",
		"content/journeys/j/01-s/_index.md": "---\ntitle: S\n---\n",
	}
	kpi := func(name, better string) string {
		s := "---\ntitle: T\nemotion: 0\nkpis:\n  - name: " + name + "\n    current: 4\n    target: 0.5\n"
		if better != "" {
			s += "    better: " + better + "\n"
		}
		return s + "---\n"
	}
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"one forgets lower", map[string]string{head + "a.md": kpi("Time to email", "lower"), head + "b.md": kpi("time to email", "")},
			[]string{head + `b.md:5: warning: kpis[1]: "time to email" counts higher as better here (the default), but lower at ` + head + "a.md:8; write `better: lower`, so that it counts as met the same way everywhere"}},
		{"written both ways, lower wins a tie", map[string]string{head + "a.md": kpi("Wait", "lower"), head + "b.md": kpi("Wait", "higher")},
			[]string{head + `b.md:8: warning: kpis[1]: "Wait" counts higher as better here (` + "`better: higher`" + `), but lower at ` + head + "a.md:8; write `better: lower`, so that it counts as met the same way everywhere"}},
		{"the most written wins", map[string]string{head + "a.md": kpi("Share", "higher"), head + "b.md": kpi("Share", "higher"), head + "c.md": kpi("Share", "lower")},
			[]string{head + `c.md:8: warning: kpis[1]: "Share" counts lower as better here (` + "`better: lower`" + `), but higher at ` + head + "a.md:8; write `better: higher`, so that it counts as met the same way everywhere"}},
		{"nobody writes better", map[string]string{head + "a.md": kpi("Share", ""), head + "b.md": kpi("Share", "")}, nil},
		{"all agree", map[string]string{head + "a.md": kpi("Wait", "lower"), head + "b.md": kpi("Wait", "lower")}, nil},
		{"other names", map[string]string{head + "a.md": kpi("Wait", "lower"), head + "b.md": kpi("Share", "")}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := maps.Clone(base)
			maps.Copy(files, tc.files)
			_, diags := resolveAll(files)
			var got []string
			for _, d := range diags.Warnings() {
				got = append(got, d.String())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestOwnerWithoutTeamFile: where teams have files, an owner naming none
// is a warning with the nearest team (an error under requireTeams); the
// team still gets its page. Where no team has a file, owners are names
// as written and say nothing.
func TestOwnerWithoutTeamFile(t *testing.T) {
	files := func(settings string, teams bool) map[string]string {
		m := map[string]string{
			"content/_index.md":                 "---\ntitle: P\n" + settings + "---\n",
			"content/personas/o.md":             "---\ntitle: O\n---\n",
			"content/journeys/j/_index.md":      "---\ntitle: J\npersonas: o\n---\n",
			"content/journeys/j/01-s/_index.md": "---\ntitle: S\n---\n",
			"content/journeys/j/01-s/a.md":      "---\ntitle: A\nemotion: 0\nowner: crn\n---\n",
			"content/journeys/j/01-s/b.md":      "---\ntitle: B\nemotion: 0\nowner: none\nopportunities: [{title: Fix, owner: Contact Centre}]\n---\n",
		}
		if teams {
			m["content/teams/crm.md"] = "---\ntitle: CRM\n---\n"
			m["content/teams/logistics.md"] = "---\ntitle: Logistics\n---\n"
		}
		return m
	}
	tests := []struct {
		name     string
		settings string
		teams    bool
		want     []string
		page     bool // whether /teams/crn/ is made
	}{
		{"team files exist", "", true, []string{
			`content/journeys/j/01-s/a.md:4: warning: owner: no team file for "crn"; add content/teams/crn.md, or name a known team; did you mean "crm"? known: crm, logistics`,
			`content/journeys/j/01-s/b.md:5: warning: opportunities[1].owner: no team file for "Contact Centre"; add content/teams/contact-centre.md, or name a known team; known: crm, logistics`,
		}, true},
		{"no team files", "", false, nil, true},
		{"requireTeams", "requireTeams: true\n", true, []string{
			`content/journeys/j/01-s/a.md:4: owner: no team "crn"; add content/teams/crn.md, or name a known team; did you mean "crm"? known: crm, logistics`,
			`content/journeys/j/01-s/b.md:5: opportunities[1].owner: no team "contact-centre"; add content/teams/contact-centre.md, or name a known team; known: crm, logistics`,
		}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, diags := resolveAll(files(tc.settings, tc.teams))
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			page := slices.ContainsFunc(s.Routes, func(r Route) bool { return r.Path == "teams/crn/" })
			if page != tc.page {
				t.Errorf("a page for crn: %v, want %v", page, tc.page)
			}
		})
	}
}

// TestChannels: a channel is defined by its file, built in, or a word
// cjm does not know, which is warned about with the nearest channel it
// knows and shown as written.
func TestChannels(t *testing.T) {
	s, diags := resolveAll(map[string]string{
		"content/_index.md":                 "---\ntitle: P\nlanguage: en\n---\n",
		"content/channels/airport.md":       "---\ntitle: At the airport\ntitles: {ru: В аэропорту}\nkind: offline\nicon: plane\n---\nThe airport's gates.\n",
		"content/channels/sms.md":           "---\ntitle: Text message\n---\n",
		"content/personas/o.md":             "---\ntitle: O\nchannels: [App, Kiosk]\n---\n",
		"content/journeys/j/_index.md":      "---\ntitle: J\npersonas: o\n---\n",
		"content/journeys/j/01-s/_index.md": "---\ntitle: S\n---\n",
		"content/journeys/j/01-s/a.md":      "---\ntitle: A\nemotion: 0\nchannel: airport\n---\n",
		"content/journeys/j/01-s/b.md":      "---\ntitle: B\nemotion: 0\nchannel: SMS\n---\n",
		"content/journeys/j/01-s/c.md":      "---\ntitle: C\nemotion: 0\nchannel: aiport\n---\n",
		"content/journeys/j/01-s/d.md":      "---\ntitle: D\nemotion: 0\nchannel: Fax\n---\n",
	})
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := []string{
		`content/journeys/j/01-s/c.md:4: warning: channel: cjm does not know the channel "aiport"; add content/channels/aiport.md to name it in every language, or use a channel cjm knows; did you mean "airport"? known: ads, airport, app, chat, courier, email, event, ivr, kiosk, meeting, and 8 more`,
		`content/journeys/j/01-s/d.md:4: warning: channel: cjm does not know the channel "Fax"; add content/channels/fax.md to name it in every language, or use a channel cjm knows; known: ads, airport, app, chat, courier, email, event, ivr, kiosk, meeting, and 8 more`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	by := map[string]*Channel{}
	for _, c := range s.Channels {
		by[c.Slug] = c
	}
	tests := []struct {
		slug, title, kind, icon string
		defined, builtin        bool
		titles                  map[string]string
		touchpoints             int
	}{
		{"airport", "At the airport", "offline", "plane", true, false, map[string]string{"en": "At the airport", "ru": "В аэропорту"}, 1},
		{"sms", "Text message", "online", "sms", true, true, map[string]string{"en": "Text message"}, 1},
		{"app", "App", "online", "app", true, true, nil, 0},
		{"kiosk", "Kiosk", "offline", "kiosk", true, true, nil, 0},
		{"aiport", "aiport", "", "", false, false, nil, 1},
		{"fax", "Fax", "", "", false, false, nil, 1},
	}
	for _, tc := range tests {
		c := by[tc.slug]
		if c == nil {
			t.Errorf("no channel %s", tc.slug)
			continue
		}
		if c.Title != tc.title || c.Kind != tc.kind || c.Icon != tc.icon || c.Defined() != tc.defined || c.Builtin != tc.builtin ||
			!maps.Equal(c.Titles, tc.titles) || len(c.Touchpoints) != tc.touchpoints || c.URL != "channels/"+tc.slug+"/" {
			t.Errorf("%s: %+v", tc.slug, *c)
		}
	}
	if r := slices.IndexFunc(s.Routes, func(r Route) bool { return r.Path == "channels/airport/" }); r < 0 || s.Routes[r].File != "content/channels/airport.md" {
		t.Errorf("the airport's page does not come from its file")
	}
}

// TestToBeTakesFromAsIs: a to-be journey keeps as-is stages by slug and
// its touchpoints replace as-is touchpoints, links kept both ways; each
// name that is wrong, or said where it means nothing, is an error.
func TestToBeTakesFromAsIs(t *testing.T) {
	files := map[string]string{
		"content/personas/o.md":                  "---\ntitle: O\n---\n",
		"content/journeys/now/_index.md":         "---\ntitle: Now\npersonas: o\ntarget: next\n---\n",
		"content/journeys/now/01-plan/_index.md": "---\ntitle: Plan\n---\n",
		"content/journeys/now/01-plan/a.md":      "---\ntitle: A\nemotion: 0\n---\n",
		"content/journeys/now/02-pay/_index.md":  "---\ntitle: Pay\n---\n",
		"content/journeys/now/02-pay/sms.md":     "---\ntitle: SMS\nemotion: -1\n---\n",
		"content/journeys/now/02-pay/email.md":   "---\ntitle: Email\nemotion: -2\n---\n",
		"content/journeys/next/_index.md":        "---\ntitle: Next\npersonas: o\nstate: target\nkeep: [plan, plam, email]\n---\n",
		"content/journeys/next/01-pay/_index.md": "---\ntitle: Pay\n---\n",
		"content/journeys/next/01-pay/push.md":   "---\ntitle: Push\nemotion: 2\nreplaces: [sms, now/email, nope]\n---\n",
		"content/journeys/solo/_index.md":        "---\ntitle: Solo\npersonas: o\nstate: target\nkeep: plan\n---\n",
		"content/journeys/solo/01-s/_index.md":   "---\ntitle: S\n---\n",
		"content/journeys/solo/01-s/x.md":        "---\ntitle: X\nemotion: 0\n---\n",
		"content/journeys/now/02-pay/bad.md":     "---\ntitle: Bad\nemotion: 0\nreplaces: a\n---\n",
	}
	s, diags := resolveAll(files)
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := []string{
		`content/journeys/next/01-pay/push.md:4: replaces: no touchpoint "nope" in "now"; name a touchpoint of the as-is journey; known: a, bad, email, sms`,
		`content/journeys/next/_index.md:5: keep: no stage or touchpoint "plam" in "now"; keep names stages or touchpoints of the as-is journey; did you mean "plan"? known: a, bad, email, pay, plan, sms`,
		`content/journeys/now/02-pay/bad.md:4: replaces[1]: only a to-be journey replaces touchpoints of its as-is journey; remove it, or set ` + "`state: target`" + ` on the journey`,
		`content/journeys/solo/_index.md:5: keep[1]: no as-is journey names "solo" as its target; name this journey in an as-is journey's ` + "`target`",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	tp := map[string]*Touchpoint{}
	for _, t := range s.Touchpoints {
		tp[t.Ref] = t
	}
	next := tp["next/push"].Journey
	if len(next.Keep) != 1 || next.Keep[0].Slug != "plan" || next.Keep[0].Journey.Slug != "now" || len(next.KeepTouchpoints) != 1 || next.KeepTouchpoints[0] != tp["now/email"] {
		t.Errorf("next keeps %v", next.Keep)
	}
	push := tp["next/push"]
	if len(push.Replaces) != 2 || push.Replaces[0] != tp["now/sms"] || push.Replaces[1] != tp["now/email"] ||
		len(tp["now/sms"].ReplacedBy) != 1 || tp["now/sms"].ReplacedBy[0] != push {
		t.Errorf("push replaces %v", push.Replaces)
	}
}
