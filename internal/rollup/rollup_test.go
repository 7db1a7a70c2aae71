package rollup

import (
	"fmt"
	"maps"
	"math"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/site"
)

// resolve loads and links files as a site, failing on any error.
func resolve(t *testing.T, files map[string]string) *site.Site {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	c, diags := content.Load(fsys)
	s, more := site.Resolve(c, site.Base{Path: "/"})
	diags.Add(more...)
	if diags.HasErrors() {
		t.Fatalf("errors:\n%s", diags.Errors())
	}
	return s
}

// today is 2026-06-15 in a zone ten hours ahead of UTC, late in the day:
// its date is still the 15th, whatever UTC says.
var today = time.Date(2026, 6, 15, 23, 30, 0, 0, time.FixedZone("+10", 10*3600))

// rollupFiles is the roll-up fixture. Journey a has five stages:
//
//	s1 (conversion 0.5): p1, p2
//	s2 (conversion 0.8): p3 (a child of p1), p4
//	s3 (no conversion):  p5
//	s4 (conversion 0.5): no touchpoints
//	s5 (no conversion):  no touchpoints
//
// Journey b has one stage with q. Olga is in both, Ivan in b only. CRM owns
// p1 and p4.
var rollupFiles = map[string]string{
	"content/personas/olga.md": "---\ntitle: Olga\n---\n",
	"content/personas/ivan.md": "---\ntitle: Ivan\n---\n",
	"content/teams/crm.md":     "---\ntitle: CRM\n---\n",

	"content/journeys/a/_index.md": "---\ntitle: A\npersonas: olga\n---\n",

	"content/journeys/a/01-s1/_index.md": "---\ntitle: S1\nconversion: 0.5\n---\n",
	// p1: +1, critical, interview; CSI 4, NPS 20; K1 higher 10 vs 8 met; K2 lower 10 vs 8 not met;
	// notes: one from a survey, one resting on the touchpoint's interview.
	"content/journeys/a/01-s1/p1.md": "---\ntitle: P1\nweight: 1\nowner: crm\nemotion: 1\nimportance: critical\nsource: interview\n" +
		"metrics: {csi: 4, nps: 20}\n" +
		"kpis: [{name: K1, current: 10, target: 8}, {name: K2, current: 10, target: 8, better: lower}]\n" +
		"pains: [{text: A, source: survey}, B]\n---\n",
	// p2: 0, no importance (weighs 2), survey; CSI 2; K3 lower 5 vs 6 met; K4 no current: unknown;
	// O1 done although its date is past: neither open nor overdue.
	"content/journeys/a/01-s1/p2.md": "---\ntitle: P2\nweight: 2\nowner: ops\nemotion: 0\nsource: survey\n" +
		"metrics: {csi: 2}\n" +
		"kpis: [{name: K3, current: 5, target: 6, better: lower}, {name: K4, target: 3}]\n" +
		"opportunities: [{title: O1, status: done, due: 2026-01-01}]\n---\n",

	"content/journeys/a/02-s2/_index.md": "---\ntitle: S2\nconversion: 0.8\n---\n",
	// p3: -2, high, no source; NPS -10, conversion 0.3; a child of p1; notes: two with no
	// source anywhere, one from analytics.
	// O2 open and due yesterday: overdue; O3 due today: open, not overdue; O4 no date: open.
	"content/journeys/a/02-s2/p3.md": "---\ntitle: P3\nweight: 1\nparent: p1\nowner: ops\nemotion: -2\nimportance: high\n" +
		"metrics: {nps: -10, conversion: 0.3}\n" +
		"opportunities: [{title: O2, due: 2026-06-14}, {title: O3, status: planned, due: 2026-06-15}, {title: O4, status: in-progress}]\n" +
		"actions: X\ngains: [G1, {text: G2, source: analytics}]\n---\n",
	// p4: no emotion, low, assumption; one note resting on it.
	"content/journeys/a/02-s2/p4.md": "---\ntitle: P4\nweight: 2\nowner: crm\nimportance: low\nsource: assumption\nprocesses: [Z]\n---\n",

	"content/journeys/a/03-s3/_index.md": "---\ntitle: S3\n---\n",
	// p5: -1, low, no source.
	"content/journeys/a/03-s3/p5.md": "---\ntitle: P5\nowner: ops\nemotion: -1\nimportance: low\n---\n",

	"content/journeys/a/04-s4/_index.md": "---\ntitle: S4\nconversion: 0.5\n---\n",
	"content/journeys/a/05-s5/_index.md": "---\ntitle: S5\n---\n",

	"content/journeys/b/_index.md":      "---\ntitle: B\npersonas: [olga, ivan]\n---\n",
	"content/journeys/b/01-s/_index.md": "---\ntitle: S\n---\n",
	// q: +2, medium.
	"content/journeys/b/01-s/q.md": "---\ntitle: Q\nowner: ops\nemotion: 2\nimportance: medium\n---\n",
}

func f(v float64) *float64 { return &v }

func fmtPtr(p *float64) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprint(*p)
}

func samePtr(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) < 1e-9
}

// diff lists the fields of got that differ from want.
func diff(got, want Summary) []string {
	var d []string
	ints := []struct {
		name      string
		got, want int
	}{
		{"Touchpoints", got.Touchpoints, want.Touchpoints},
		{"WithEmotion", got.WithEmotion, want.WithEmotion},
		{"Painful", got.Painful, want.Painful},
		{"KPIs", got.KPIs, want.KPIs},
		{"KPIsMet", got.KPIsMet, want.KPIsMet},
		{"KPIsNotMet", got.KPIsNotMet, want.KPIsNotMet},
		{"Opportunities", got.Opportunities, want.Opportunities},
		{"OpenOpportunities", got.OpenOpportunities, want.OpenOpportunities},
		{"Overdue", got.Overdue, want.Overdue},
	}
	for _, c := range ints {
		if c.got != c.want {
			d = append(d, fmt.Sprintf("%s = %d, want %d", c.name, c.got, c.want))
		}
	}
	ptrs := []struct {
		name      string
		got, want *float64
	}{
		{"MeanEmotion", got.MeanEmotion, want.MeanEmotion},
		{"CSI", got.CSI, want.CSI},
		{"NPS", got.NPS, want.NPS},
		{"Conversion", got.Conversion, want.Conversion},
		{"Health", got.Health, want.Health},
	}
	for _, c := range ptrs {
		if !samePtr(c.got, c.want) {
			d = append(d, fmt.Sprintf("%s = %s, want %s", c.name, fmtPtr(c.got), fmtPtr(c.want)))
		}
	}
	if got.Evidence == nil {
		d = append(d, "Evidence is nil")
	}
	if !maps.Equal(got.Evidence, want.Evidence) {
		d = append(d, fmt.Sprintf("Evidence = %v, want %v", got.Evidence, want.Evidence))
	}
	if got.Notes == nil {
		d = append(d, "Notes is nil")
	}
	if !maps.Equal(got.Notes, want.Notes) {
		d = append(d, fmt.Sprintf("Notes = %v, want %v", got.Notes, want.Notes))
	}
	return d
}

func TestSummaries(t *testing.T) {
	s := resolve(t, rollupFiles)
	a, b := s.Journeys[0], s.Journeys[1]
	if a.Slug != "a" || b.Slug != "b" || len(a.Stages) != 5 || len(a.Touchpoints) != 5 {
		t.Fatalf("fixture: journeys %s, %s; %d stages, %d touchpoints", a.Slug, b.Slug, len(a.Stages), len(a.Touchpoints))
	}
	tp := map[string]*site.Touchpoint{}
	for _, t := range s.Touchpoints {
		tp[t.Slug] = t
	}
	var olga, ivan *site.Persona
	for _, p := range s.Personas {
		switch p.Slug {
		case "olga":
			olga = p
		case "ivan":
			ivan = p
		}
	}
	var crm *site.Team
	for _, tm := range s.Teams {
		if tm.Slug == "crm" {
			crm = tm
		}
	}
	// A persona whose journeys list a twice and b once: each touchpoint once.
	twice := &site.Persona{Persona: olga.Persona, Journeys: []*site.Journey{a, b, a}}

	tests := []struct {
		name string
		got  Summary
		want Summary
	}{
		{
			// Five touchpoints, p3 (a child) included. Emotions 1, 0, -2, -1: mean -2/4 = -0.5;
			// painful p3, p5. CSI (4+2)/2 = 3; NPS (20-10)/2 = 5; conversion 0.3 (p3 only).
			// KPIs: K1 met, K2 not met, K3 met, K4 unknown. Opportunities O1 done, O2 overdue,
			// O3 due today, O4 undated: 4, 3 open, 1 overdue.
			// Health: weights with emotion p1 4 (+1), p2 2 (0, no importance), p3 3 (-2), p5 1 (-1):
			// 100 × (4+2) / (4+2+3+1) = 60.
			name: "journey a",
			got:  Journey(a, today),
			want: Summary{
				Touchpoints: 5, WithEmotion: 4, MeanEmotion: f(-0.5), Painful: 2,
				CSI: f(3), NPS: f(5), Conversion: f(0.3),
				KPIs: 4, KPIsMet: 2, KPIsNotMet: 1,
				Opportunities: 4, OpenOpportunities: 3, Overdue: 1,
				Health:   f(60),
				Evidence: map[string]int{"interview": 1, "survey": 1, "assumption": 1, "": 2},
				Notes:    map[string]int{"survey": 1, "interview": 1, "": 2, "analytics": 1, "assumption": 1},
			},
		},
		{
			// p1, p2, p3: weights 4+2 positive over 4+2+3 → 100 × 6/9 = 66.67 (66.7 shown).
			// Emotions 1, 0, -2: mean -1/3.
			name: "of p1 p2 p3",
			got:  Of([]*site.Touchpoint{tp["p1"], tp["p2"], tp["p3"]}, today),
			want: Summary{
				Touchpoints: 3, WithEmotion: 3, MeanEmotion: f(-1.0 / 3), Painful: 1,
				CSI: f(3), NPS: f(5), Conversion: f(0.3),
				KPIs: 4, KPIsMet: 2, KPIsNotMet: 1,
				Opportunities: 4, OpenOpportunities: 3, Overdue: 1,
				Health:   f(200.0 / 3),
				Evidence: map[string]int{"interview": 1, "survey": 1, "": 1},
				Notes:    map[string]int{"survey": 1, "interview": 1, "": 2, "analytics": 1},
			},
		},
		{
			// p3 and p4: only p3 has an emotion, -2, high: health 100 × 0/3 = 0, not nil.
			name: "stage s2",
			got:  Stage(a.Stages[1], today),
			want: Summary{
				Touchpoints: 2, WithEmotion: 1, MeanEmotion: f(-2), Painful: 1,
				NPS: f(-10), Conversion: f(0.3),
				Opportunities: 3, OpenOpportunities: 3, Overdue: 1,
				Health:   f(0),
				Evidence: map[string]int{"": 1, "assumption": 1},
				Notes:    map[string]int{"": 2, "analytics": 1, "assumption": 1},
			},
		},
		{
			// No touchpoints: every mean and health nil, evidence empty but not nil.
			name: "empty stage s4",
			got:  Stage(a.Stages[3], today),
			want: Summary{Evidence: map[string]int{}, Notes: map[string]int{}},
		},
		{
			// p1 and p4: emotion only on p1 (+1): mean 1, health 100 × 4/4 = 100.
			// KPIs K1 met, K2 not met.
			name: "team crm",
			got:  Team(crm, today),
			want: Summary{
				Touchpoints: 2, WithEmotion: 1, MeanEmotion: f(1),
				CSI: f(4), NPS: f(20),
				KPIs: 2, KPIsMet: 1, KPIsNotMet: 1,
				Health:   f(100),
				Evidence: map[string]int{"interview": 1, "assumption": 1},
				Notes:    map[string]int{"survey": 1, "interview": 1, "assumption": 1},
			},
		},
		{
			// a's five and b's q. Emotions 1, 0, -2, -1, 2: mean 0/5 = 0.
			// Health: 100 × (4+2+2) / (4+2+3+1+2) = 800/12 = 66.67.
			name: "persona olga",
			got:  Persona(olga, today),
			want: Summary{
				Touchpoints: 6, WithEmotion: 5, MeanEmotion: f(0), Painful: 2,
				CSI: f(3), NPS: f(5), Conversion: f(0.3),
				KPIs: 4, KPIsMet: 2, KPIsNotMet: 1,
				Opportunities: 4, OpenOpportunities: 3, Overdue: 1,
				Health:   f(800.0 / 12),
				Evidence: map[string]int{"interview": 1, "survey": 1, "assumption": 1, "": 3},
				Notes:    map[string]int{"survey": 1, "interview": 1, "": 2, "analytics": 1, "assumption": 1},
			},
		},
		{
			// Journeys a, b, a: still the six touchpoints, each once.
			name: "persona with a journey listed twice",
			got:  Persona(twice, today),
			want: Summary{
				Touchpoints: 6, WithEmotion: 5, MeanEmotion: f(0), Painful: 2,
				CSI: f(3), NPS: f(5), Conversion: f(0.3),
				KPIs: 4, KPIsMet: 2, KPIsNotMet: 1,
				Opportunities: 4, OpenOpportunities: 3, Overdue: 1,
				Health:   f(800.0 / 12),
				Evidence: map[string]int{"interview": 1, "survey": 1, "assumption": 1, "": 3},
				Notes:    map[string]int{"survey": 1, "interview": 1, "": 2, "analytics": 1, "assumption": 1},
			},
		},
		{
			// q alone: +2, medium: mean 2, health 100.
			name: "persona ivan",
			got:  Persona(ivan, today),
			want: Summary{
				Touchpoints: 1, WithEmotion: 1, MeanEmotion: f(2),
				Health:   f(100),
				Evidence: map[string]int{"": 1},
				Notes:    map[string]int{},
			},
		},
		{
			// The day before: O2 (due 2026-06-14) is due today, so not overdue yet.
			name: "journey a a day earlier",
			got:  Journey(a, today.AddDate(0, 0, -1)),
			want: Summary{
				Touchpoints: 5, WithEmotion: 4, MeanEmotion: f(-0.5), Painful: 2,
				CSI: f(3), NPS: f(5), Conversion: f(0.3),
				KPIs: 4, KPIsMet: 2, KPIsNotMet: 1,
				Opportunities: 4, OpenOpportunities: 3, Overdue: 0,
				Health:   f(60),
				Evidence: map[string]int{"interview": 1, "survey": 1, "assumption": 1, "": 2},
				Notes:    map[string]int{"survey": 1, "interview": 1, "": 2, "analytics": 1, "assumption": 1},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, d := range diff(tc.got, tc.want) {
				t.Error(d)
			}
		})
	}
}

func TestKPI(t *testing.T) {
	tests := []struct {
		name            string
		current, target *float64
		better          string
		want            KPIStatus
	}{
		{"higher, above target", f(10), f(8), "higher", KPIMet},
		{"higher, on target", f(8), f(8), "higher", KPIMet},
		{"higher, below target", f(7), f(8), "higher", KPINotMet},
		{"no better is higher", f(7), f(8), "", KPINotMet},
		{"lower, below target", f(5), f(6), "lower", KPIMet},
		{"lower, on target", f(6), f(6), "lower", KPIMet},
		{"lower, above target", f(10), f(8), "lower", KPINotMet},
		{"no current", nil, f(8), "higher", KPIUnknown},
		{"no target", f(8), nil, "lower", KPIUnknown},
		{"neither", nil, nil, "", KPIUnknown},
	}
	for _, tc := range tests {
		if got := KPI(content.KPI{Current: tc.current, Target: tc.target, Better: tc.better}); got != tc.want {
			t.Errorf("%s: KPI() = %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestHealthAndRound(t *testing.T) {
	p := &site.Persona{Persona: &content.Persona{Meta: content.Meta{Slug: "p"}}}
	emo := func(e int, imp string) *site.Touchpoint {
		return &site.Touchpoint{Touchpoint: &content.Touchpoint{Emotion: &e, Importance: imp}, Feelings: []site.Feeling{{Persona: p, Value: e}}}
	}
	none := &site.Touchpoint{Touchpoint: &content.Touchpoint{Importance: "critical"}}
	tests := []struct {
		name    string
		tps     []*site.Touchpoint
		want    *float64
		rounded float64
	}{
		// 100 × (4+2) / (4+2+3) = 66.666… → 66.7
		{"brief's example", []*site.Touchpoint{emo(1, "critical"), emo(0, "medium"), emo(-2, "high")}, f(200.0 / 3), 66.7},
		// no importance weighs 2: 100 × 2 / (2+1) = 66.666…; a touchpoint with no emotion is left out
		{"missing importance", []*site.Touchpoint{emo(2, ""), emo(-1, "low"), none}, f(200.0 / 3), 66.7},
		// 100 × 1 / (1+4) = 20
		{"low good, critical bad", []*site.Touchpoint{emo(0, "low"), emo(-1, "critical")}, f(20), 20},
		// 100 × 3 / (3+2+2+2) = 33.333… → 33.3
		{"high good", []*site.Touchpoint{emo(1, "high"), emo(-1, ""), emo(-2, "medium"), emo(-1, "medium")}, f(100.0 / 3), 33.3},
		{"no emotion at all", []*site.Touchpoint{none}, nil, 0},
		{"nothing", nil, nil, 0},
	}
	for _, tc := range tests {
		got := HealthOf(tc.tps)
		if !samePtr(got, tc.want) {
			t.Errorf("%s: HealthOf = %s, want %s", tc.name, fmtPtr(got), fmtPtr(tc.want))
			continue
		}
		if got != nil && Round1(*got) != tc.rounded {
			t.Errorf("%s: Round1(%v) = %v, want %v", tc.name, *got, Round1(*got), tc.rounded)
		}
	}
	if Round1(0.05) != 0.1 || Round1(-0.05) != -0.1 || Round1(99.94) != 99.9 {
		t.Errorf("Round1: 0.05 → %v, -0.05 → %v, 99.94 → %v", Round1(0.05), Round1(-0.05), Round1(99.94))
	}
}

func TestFunnel(t *testing.T) {
	s := resolve(t, rollupFiles)
	type step struct {
		stage      string
		conversion *float64
		reaching   float64
		unknown    bool
	}
	tests := []struct {
		journey int
		want    []step
	}{
		// Conversions 0.5, 0.8, none, 0.5, none: reaching 1, 0.5, 0.5×0.8 = 0.4, then s3 has
		// none (counts as 1): s4 0.4 unknown, s5 0.4×0.5 = 0.2 unknown.
		{0, []step{{"s1", f(0.5), 1, false}, {"s2", f(0.8), 0.5, false}, {"s3", nil, 0.4, false}, {"s4", f(0.5), 0.4, true}, {"s5", nil, 0.2, true}}},
		// One stage: everyone reaches it; its missing conversion leads nowhere.
		{1, []step{{"s", nil, 1, false}}},
	}
	for _, tc := range tests {
		j := s.Journeys[tc.journey]
		got := Funnel(j)
		if len(got) != len(tc.want) {
			t.Errorf("journey %s: %d steps, want %d", j.Slug, len(got), len(tc.want))
			continue
		}
		for i, w := range tc.want {
			g := got[i]
			if g.Stage.Slug != w.stage || !samePtr(g.Conversion, w.conversion) || math.Abs(g.Reaching-w.reaching) > 1e-9 || g.Unknown != w.unknown {
				t.Errorf("journey %s step %d = {%s %s %v %v}, want {%s %s %v %v}", j.Slug, i,
					g.Stage.Slug, fmtPtr(g.Conversion), g.Reaching, g.Unknown, w.stage, fmtPtr(w.conversion), w.reaching, w.unknown)
			}
		}
	}
	if got := Funnel(&site.Journey{}); got != nil {
		t.Errorf("no stages: %v, want nil", got)
	}
}

// feelingFiles is a journey of two personas: x is felt the same by both
// (plain -1, high), y differently ({irina: 2, tomas: -2}, critical), z by
// Tomas alone (+1, low), w by nobody.
var feelingFiles = map[string]string{
	"content/personas/irina.md":           "---\ntitle: Irina\n---\n",
	"content/personas/tomas.md":           "---\ntitle: Tomas\n---\n",
	"content/journeys/b2b/_index.md":      "---\ntitle: B2B\npersonas: [irina, tomas]\n---\n",
	"content/journeys/b2b/01-s/_index.md": "---\ntitle: S\n---\n",
	"content/journeys/b2b/01-s/x.md":      "---\ntitle: X\nweight: 1\nemotion: -1\nimportance: high\n---\n",
	"content/journeys/b2b/01-s/y.md":      "---\ntitle: Y\nweight: 2\nemotion: {irina: 2, tomas: -2}\nimportance: critical\n---\n",
	"content/journeys/b2b/01-s/z.md":      "---\ntitle: Z\nweight: 3\nemotion: {tomas: 1}\nimportance: low\n---\n",
	"content/journeys/b2b/01-s/w.md":      "---\ntitle: W\nweight: 4\n---\n",
}

// TestFeelingSummaries checks that roll-ups count (touchpoint, persona)
// feelings, and a persona's summary that persona's own.
func TestFeelingSummaries(t *testing.T) {
	s := resolve(t, feelingFiles)
	j := s.Journeys[0]
	persona := map[string]*site.Persona{}
	for _, p := range s.Personas {
		persona[p.Slug] = p
	}
	empty := map[string]int{}
	tests := []struct {
		name string
		got  Summary
		want Summary
	}{
		{
			// Feelings -1, -1 (x), 2, -2 (y), 1 (z): mean -1/5. Painful x and y.
			// Health: good y-irina 4 and z 1 over 3+3+4+4+1: 100 × 5/15.
			name: "journey",
			got:  Journey(j, today),
			want: Summary{Touchpoints: 4, WithEmotion: 3, MeanEmotion: f(-0.2), Painful: 2, Health: f(100.0 / 3),
				Evidence: map[string]int{"": 4}, Notes: empty},
		},
		{
			// x -1, y 2: mean 0.5; painful x; health 100 × 4/(3+4).
			name: "irina",
			got:  Persona(persona["irina"], today),
			want: Summary{Touchpoints: 4, WithEmotion: 2, MeanEmotion: f(0.5), Painful: 1, Health: f(400.0 / 7),
				Evidence: map[string]int{"": 4}, Notes: empty},
		},
		{
			// x -1, y -2, z 1: mean -2/3; painful x and y; health 100 × 1/(3+4+1).
			name: "tomas",
			got:  Persona(persona["tomas"], today),
			want: Summary{Touchpoints: 4, WithEmotion: 3, MeanEmotion: f(-2.0 / 3), Painful: 2, Health: f(12.5),
				Evidence: map[string]int{"": 4}, Notes: empty},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, d := range diff(tc.got, tc.want) {
				t.Error(d)
			}
		})
	}
}

// TestPlainEmotionFiguresUnchanged checks that a plain emotion counts as
// one value would, however many personas the journey has: N equal feelings
// leave the mean, the pains and the health as they were with one persona.
func TestPlainEmotionFiguresUnchanged(t *testing.T) {
	journey := func(personas string) *site.Journey {
		files := map[string]string{
			"content/personas/a.md":             "---\ntitle: A\n---\n",
			"content/personas/b.md":             "---\ntitle: B\n---\n",
			"content/personas/c.md":             "---\ntitle: C\n---\n",
			"content/journeys/j/_index.md":      "---\ntitle: J\npersonas: [" + personas + "]\n---\n",
			"content/journeys/j/01-s/_index.md": "---\ntitle: S\n---\n",
			"content/journeys/j/01-s/p.md":      "---\ntitle: P\nemotion: 1\nimportance: critical\n---\n",
			"content/journeys/j/01-s/q.md":      "---\ntitle: Q\nemotion: 0\n---\n",
			"content/journeys/j/01-s/r.md":      "---\ntitle: R\nemotion: -2\nimportance: high\n---\n",
			"content/journeys/j/01-s/s.md":      "---\ntitle: S\n---\n",
		}
		return resolve(t, files).Journeys[0]
	}
	one := journey("a")
	want := Journey(one, today)
	// 100 × (4+2) / (4+2+3), mean -1/3, one painful, three with an emotion.
	if !samePtr(want.Health, f(200.0/3)) || !samePtr(want.MeanEmotion, f(-1.0/3)) || want.Painful != 1 || want.WithEmotion != 3 {
		t.Fatalf("one persona: health %s, mean %s, painful %d, with emotion %d", fmtPtr(want.Health), fmtPtr(want.MeanEmotion), want.Painful, want.WithEmotion)
	}
	for _, personas := range []string{"a, b", "a, b, c"} {
		j := journey(personas)
		for _, d := range diff(Journey(j, today), want) {
			t.Errorf("personas [%s]: journey: %s", personas, d)
		}
		for _, d := range diff(Stage(j.Stages[0], today), want) {
			t.Errorf("personas [%s]: stage: %s", personas, d)
		}
		for _, p := range j.Personas {
			for _, d := range diff(Persona(p, today), want) {
				t.Errorf("personas [%s]: persona %s: %s", personas, p.Slug, d)
			}
		}
		if got := HealthOf(j.Touchpoints); !samePtr(got, want.Health) {
			t.Errorf("personas [%s]: HealthOf = %s, want %s", personas, fmtPtr(got), fmtPtr(want.Health))
		}
	}
}

// TestTodayApartFromToBe: a persona's and a team's roll-ups count their
// as-is journeys, how things are today; the to-be ones are summed apart.
func TestTodayApartFromToBe(t *testing.T) {
	s := resolve(t, map[string]string{
		"content/personas/olga.md":             "---\ntitle: Olga\n---\n",
		"content/teams/crm.md":                 "---\ntitle: CRM\n---\n",
		"content/journeys/now/_index.md":       "---\ntitle: Now\npersonas: olga\ntarget: next\n---\n",
		"content/journeys/now/01-s/_index.md":  "---\ntitle: S\n---\n",
		"content/journeys/now/01-s/a.md":       "---\ntitle: A\nowner: crm\nemotion: -2\n---\n",
		"content/journeys/now/01-s/b.md":       "---\ntitle: B\nowner: crm\nemotion: -1\n---\n",
		"content/journeys/next/_index.md":      "---\ntitle: Next\npersonas: olga\nstate: target\n---\n",
		"content/journeys/next/01-s/_index.md": "---\ntitle: S\n---\n",
		"content/journeys/next/01-s/a.md":      "---\ntitle: A\nowner: crm\nemotion: 2\n---\n",
	})
	p, team := s.Personas[0], s.Teams[0]
	for _, tc := range []struct {
		what    string
		got     Summary
		tps     int
		painful int
		health  float64
	}{
		{"persona today", Persona(p, today), 2, 2, 0},
		{"persona to-be", PersonaToBe(p, today), 1, 0, 100},
		{"team today", Team(team, today), 2, 2, 0},
		{"team to-be", TeamToBe(team, today), 1, 0, 100},
	} {
		if tc.got.Touchpoints != tc.tps || tc.got.Painful != tc.painful || tc.got.Health == nil || *tc.got.Health != tc.health {
			t.Errorf("%s: %d touchpoints, %d painful, health %v; want %d, %d, %v", tc.what, tc.got.Touchpoints, tc.got.Painful, tc.got.Health, tc.tps, tc.painful, tc.health)
		}
	}
}
