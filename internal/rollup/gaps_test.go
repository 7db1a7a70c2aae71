package rollup

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cjm-portal/cjm/internal/site"
)

// gapFiles seeds exactly one case of each rule, with line numbers counted
// from the opening "---" as line 1, and near misses that are not gaps.
var gapFiles = map[string]string{
	"content/personas/olga.md": "---\ntitle: Olga\n---\n",
	// persona-without-journey: no journey names Ivan. Line 1.
	"content/personas/ivan.md": "---\ntitle: Ivan\n---\n",
	"content/teams/crm.md":     "---\ntitle: CRM\n---\n",

	// Near miss: updated 2026-05-01, 45 days before 2026-06-15.
	"content/journeys/fresh/_index.md":      "---\ntitle: Fresh\npersonas: olga\nowner: crm\nupdated: 2026-05-01\n---\n",
	"content/journeys/fresh/01-s/_index.md": "---\ntitle: S\n---\n",
	// owner-none: `owner: none` on line 3.
	"content/journeys/fresh/01-s/a.md": "---\ntitle: A\nowner: none\n---\n",
	// no-owner: no owner key; the front matter starts on line 1.
	"content/journeys/fresh/01-s/b.md": "---\ntitle: B\nemotion: 1\n---\n",
	// pain-without-opportunity: critical, -2, its only opportunity done; emotion on line 5.
	// Its done opportunity is past due: not overdue.
	"content/journeys/fresh/01-s/c.md": "---\ntitle: C\nowner: crm\nimportance: critical\nemotion: -2\nopportunities: [{title: Done fix, status: done, due: 2026-01-31}]\n---\n",
	// Near miss: medium importance with -2.
	"content/journeys/fresh/01-s/d.md": "---\ntitle: D\nowner: crm\nimportance: medium\nemotion: -2\n---\n",
	// Near miss: high with -1 but an open opportunity, due in the future.
	"content/journeys/fresh/01-s/e.md": "---\ntitle: E\nowner: crm\nimportance: high\nemotion: -1\nopportunities: [{title: Fix, owner: crm, due: 2026-09-30}]\n---\n",
	// kpi-incomplete: the second KPI (line 9) has no target; the first has both values.
	"content/journeys/fresh/01-s/f.md": `---
title: F
owner: crm
kpis:
  - name: Wait time
    current: 5
    target: 3
    better: lower
  - name: Orders
    current: 100
---
`,
	// overdue: "Late" was due 2026-06-14 (line 10, its due); "Old done" is past
	// but done, "Later" is due in the future.
	"content/journeys/fresh/01-s/g.md": `---
title: G
owner: crm
opportunities:
  - title: Old done
    due: 2026-01-31
    status: done
  - title: Late
    status: planned
    due: 2026-06-14
  - title: Later
    due: 2026-07-01
---
`,
	// stale-journey: updated 2025-11-01 (line 4), 226 days before 2026-06-15.
	"content/journeys/old/_index.md": "---\ntitle: Old\npersonas: olga\nupdated: 2025-11-01\n---\n",
	// Near miss: no date at all, and Committed nil or unknown.
	"content/journeys/nodate/_index.md": "---\ntitle: No date\npersonas: olga\n---\n",
}

type gapAt struct {
	rule, file string
	line       int
}

func (g gapAt) String() string { return fmt.Sprintf("%s:%d %s", g.file, g.line, g.rule) }

func TestGaps(t *testing.T) {
	s := resolve(t, gapFiles)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	const j = "content/journeys/"
	base := []gapAt{
		{"owner-none", j + "fresh/01-s/a.md", 3},
		{"no-owner", j + "fresh/01-s/b.md", 1},
		{"pain-without-opportunity", j + "fresh/01-s/c.md", 5},
		{"kpi-incomplete", j + "fresh/01-s/f.md", 9},
		{"overdue", j + "fresh/01-s/g.md", 10},
		{"stale-journey", j + "old/_index.md", 4},
		{"persona-without-journey", "content/personas/ivan.md", 1},
	}
	// with returns base with more gaps added, in the sorted order.
	with := func(more ...gapAt) []gapAt {
		out := append(slices.Clone(base), more...)
		slices.SortStableFunc(out, func(a, b gapAt) int {
			return cmp.Or(strings.Compare(a.file, b.file), cmp.Compare(a.line, b.line), strings.Compare(a.rule, b.rule))
		})
		return out
	}
	without := func(rule string) []gapAt {
		return slices.DeleteFunc(slices.Clone(base), func(g gapAt) bool { return g.rule == rule })
	}
	committedAll := func(file string) (time.Time, bool) { return day(2024, 1, 1), true }
	tests := []struct {
		name string
		o    Options
		want []gapAt
	}{
		{"one of each, Committed nil", Options{Today: today}, base},
		{"Committed unknown", Options{Today: today, Committed: func(string) (time.Time, bool) { return time.Time{}, false }}, base},
		// Committed is asked only for nodate, which has no `updated`: fresh stays fresh.
		{"Committed long ago", Options{Today: today, Committed: committedAll},
			with(gapAt{"stale-journey", j + "nodate/_index.md", 1})},
		// Committed 2026-06-01 (14 days) for nodate: not stale.
		{"committed recently", Options{Today: today, Committed: func(string) (time.Time, bool) { return day(2026, 6, 1), true }}, base},
		// 45 days > 30: fresh is stale too, at its `updated` (line 5).
		{"stale after 30 days", Options{Today: today, StaleAfter: 30 * 24 * time.Hour},
			with(gapAt{"stale-journey", j + "fresh/_index.md", 5})},
		// Exactly 45 days is not more than 45.
		{"stale after 45 days", Options{Today: today, StaleAfter: 45 * 24 * time.Hour}, base},
		// old was updated 226 days ago: not more than 226, but more than 225.
		{"stale after 226 days", Options{Today: today, StaleAfter: 226 * 24 * time.Hour}, without("stale-journey")},
		{"stale after 225 days", Options{Today: today, StaleAfter: 225 * 24 * time.Hour}, base},
		// A day earlier, "Late" is due today: not overdue yet.
		{"due today", Options{Today: today.AddDate(0, 0, -1)}, without("overdue")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []gapAt
			for _, g := range Gaps(s, tc.o) {
				got = append(got, gapAt{g.Rule, g.File, g.Line})
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("gaps:\n%s\nwant:\n%s", lines(got), lines(tc.want))
			}
		})
	}
}

func lines(gs []gapAt) string {
	var b strings.Builder
	for _, g := range gs {
		fmt.Fprintf(&b, "\t%s\n", g)
	}
	return b.String()
}

// TestGapWords checks what each gap says and points at.
func TestGapWords(t *testing.T) {
	s := resolve(t, gapFiles)
	gaps := Gaps(s, Options{Today: today})
	by := map[string]Gap{}
	for _, g := range gaps {
		by[g.Rule] = g
	}
	tests := []struct {
		rule     string
		item     string // the item's title
		kind     string // its type
		contains []string
	}{
		{"owner-none", "A", "*site.Touchpoint", []string{`touchpoint "A" (fresh/a)`, "nobody owns", "assign a team"}},
		{"no-owner", "B", "*site.Touchpoint", []string{`touchpoint "B" (fresh/b) has no owner`, "`owner: none`"}},
		{"pain-without-opportunity", "C", "*site.Touchpoint", []string{"emotion -2, importance critical", "all its opportunities are done", "due: 2026-09-30"}},
		{"kpi-incomplete", "F", "*site.Touchpoint", []string{`KPI "Orders" has no target`, "add `target:`"}},
		{"overdue", "G", "*site.Touchpoint", []string{`opportunity "Late" was due on 2026-06-14`, "status: planned", "status: done"}},
		{"stale-journey", "Old", "*site.Journey", []string{`journey "Old" (old) was last updated on 2025-11-01, 226 days ago (more than 180)`, "updated: 2026-06-15"}},
		{"persona-without-journey", "Ivan", "*site.Persona", []string{`persona "Ivan" (ivan) is in no journey`, "personas: [ivan]"}},
	}
	for _, tc := range tests {
		g, ok := by[tc.rule]
		if !ok {
			t.Errorf("%s: no gap", tc.rule)
			continue
		}
		var title string
		switch it := g.Item.(type) {
		case *site.Touchpoint:
			title = it.Title
		case *site.Journey:
			title = it.Title
		case *site.Persona:
			title = it.Title
		}
		if kind := fmt.Sprintf("%T", g.Item); kind != tc.kind || title != tc.item {
			t.Errorf("%s: item %s %q, want %s %q", tc.rule, kind, title, tc.kind, tc.item)
		}
		text := g.Message + "; " + g.Hint
		for _, c := range tc.contains {
			if !strings.Contains(text, c) {
				t.Errorf("%s: %q does not say %q", tc.rule, text, c)
			}
		}
		if g.Message == "" || g.Hint == "" || g.Message != strings.ToLower(g.Message[:1])+g.Message[1:] {
			t.Errorf("%s: message %q, hint %q: want both, the message lower case", tc.rule, g.Message, g.Hint)
		}
	}
	d := by["owner-none"].Diagnostic()
	want := `content/journeys/fresh/01-s/a.md:3: gap: touchpoint "A" (fresh/a): nobody owns this touchpoint (` + "`owner: none`" + `); assign a team when one takes it on: ` + "`owner: TEAM`"
	if got := d.String(); got != want {
		t.Errorf("Diagnostic:\n got %s\nwant %s", got, want)
	}
}

func TestQuarterEnd(t *testing.T) {
	tests := []struct {
		today time.Time
		want  string
	}{
		{time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC), "2026-09-30"},  // Q2 → end of Q3
		{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), "2026-06-30"},   // Q1 → end of Q2
		{time.Date(2026, 8, 31, 0, 0, 0, 0, time.UTC), "2026-12-31"},  // Q3 → end of Q4
		{time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), "2027-03-31"}, // Q4 → end of next Q1
		{time.Time{}, "2027-03-31"},
	}
	for _, tc := range tests {
		if got := QuarterEnd(tc.today); got != tc.want {
			t.Errorf("QuarterEnd(%s) = %s, want %s", tc.today.Format(time.DateOnly), got, tc.want)
		}
	}
}

// TestGapsOrder checks the order within one file: by line, then by rule,
// not by rule alone (which would put kpi-incomplete first).
func TestGapsOrder(t *testing.T) {
	s := resolve(t, map[string]string{
		"content/personas/olga.md":          "---\ntitle: Olga\n---\n",
		"content/journeys/j/_index.md":      "---\ntitle: J\npersonas: olga\n---\n",
		"content/journeys/j/01-s/_index.md": "---\ntitle: S\n---\n",
		// Line 1: no-owner; line 3: pain-without-opportunity (emotion); line 5 and 5: two
		// kpi-incomplete on one flow line, kept in the order written.
		"content/journeys/j/01-s/x.md": "---\ntitle: X\nemotion: -1\nimportance: high\nkpis: [{name: K1, current: 1}, {name: K2}]\n---\n",
	})
	const x = "content/journeys/j/01-s/x.md"
	want := []gapAt{{"no-owner", x, 1}, {"pain-without-opportunity", x, 3}, {"kpi-incomplete", x, 5}, {"kpi-incomplete", x, 5}}
	var got []gapAt
	var msgs []string
	for _, g := range Gaps(s, Options{Today: today}) {
		got = append(got, gapAt{g.Rule, g.File, g.Line})
		if g.Rule == "kpi-incomplete" {
			msgs = append(msgs, g.Message)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("gaps:\n%s\nwant:\n%s", lines(got), lines(want))
	}
	if len(msgs) != 2 || !strings.Contains(msgs[0], `KPI "K1" has no target`) || !strings.Contains(msgs[1], `KPI "K2" has neither a current value nor a target`) {
		t.Errorf("kpi messages: %q", msgs)
	}
}

// TestPainGapSaysWho checks the pain rule on feelings: any persona who hurts
// makes the gap, and the message names who when the personas differ.
func TestPainGapSaysWho(t *testing.T) {
	s := resolve(t, map[string]string{
		"content/personas/olga.md":          "---\ntitle: Olga\n---\n",
		"content/personas/ivan.md":          "---\ntitle: Ivan\n---\n",
		"content/journeys/j/_index.md":      "---\ntitle: J\npersonas: [olga, ivan]\n---\n",
		"content/journeys/j/01-s/_index.md": "---\ntitle: S\n---\n",
		// Ivan alone hurts: the gap is at his key, line 7.
		"content/journeys/j/01-s/a.md": "---\ntitle: A\nowner: crm\nimportance: critical\nemotion:\n  olga: 1\n  ivan: -2\n---\n",
		// Both hurt, differently.
		"content/journeys/j/01-s/b.md": "---\ntitle: B\nowner: crm\nimportance: high\nemotion: {olga: -1, ivan: -2}\n---\n",
		// Both hurt the same: said as a plain emotion would be.
		"content/journeys/j/01-s/c.md": "---\ntitle: C\nowner: crm\nimportance: high\nemotion: -1\n---\n",
		// Near miss: nobody below 0.
		"content/journeys/j/01-s/d.md": "---\ntitle: D\nowner: crm\nimportance: critical\nemotion: {olga: 0, ivan: 2}\n---\n",
	})
	var got []string
	for _, g := range Gaps(s, Options{Today: today}) {
		if g.Rule == RulePainWithoutOpportunity {
			got = append(got, fmt.Sprintf("%s:%d: %s", g.File, g.Line, g.Message))
		}
	}
	const j = "content/journeys/j/01-s/"
	want := []string{
		j + `a.md:7: touchpoint "A" (j/a) hurts (emotion -2 for ivan, importance critical) and no opportunity to fix it`,
		j + `b.md:5: touchpoint "B" (j/b) hurts (emotion -1 for olga and -2 for ivan, importance high) and no opportunity to fix it`,
		j + `c.md:5: touchpoint "C" (j/c) hurts (emotion -1, importance high) and no opportunity to fix it`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("gaps:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
