package render

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/site"
)

func boardSite(t *testing.T) *site.Site {
	t.Helper()
	return siteOf(t, map[string]string{
		"content/personas/p.md":                  "---\ntitle: P\n---\n",
		"content/teams/crm.md":                   "---\ntitle: CRM <&>\n---\n",
		"content/journeys/a/_index.md":           "---\ntitle: A\npersonas: p\n---\n",
		"content/journeys/a/01-search/_index.md": "---\ntitle: Search\n---\n",
		"content/journeys/a/01-search/x.md":      "---\ntitle: X <b>\nchannel: web\nemotion: -2\nopportunities: [{title: Late <i>, owner: crm, due: 2026-01-10, status: planned, impact: 4, effort: 2, confidence: 0.8}, {title: Someday, impact: 1, effort: 5}]\n---\n",
		"content/journeys/a/01-search/y.md":      "---\ntitle: Y\nchannel: web\nemotion: 1\nopportunities: [{title: Soon, due: 2026-03-01, status: planned}, {title: Shipped, status: done}]\n---\n",
		"content/journeys/a/02-buy/_index.md":    "---\ntitle: Buy\n---\n",
		"content/journeys/a/02-buy/z.md":         "---\ntitle: Z\nchannel: app\n---\n",
		"content/journeys/b/_index.md":           "---\ntitle: B\npersonas: p\n---\n",
		"content/journeys/b/01-buy/_index.md":    "---\ntitle: Buying\n---\n",
		"content/journeys/b/01-buy/w.md":         "---\ntitle: W\nchannel: web\nemotion: 2\n---\n",
		"content/journeys/b/02-search/_index.md": "---\ntitle: Searching\n---\n",
		"content/journeys/b/02-search/v.md":      "---\ntitle: V\nchannel: app\nemotion: 0\n---\n",
	})
}

// siteOf resolves a site from file texts.
func siteOf(t *testing.T, files map[string]string) *site.Site {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return loadSite(t, fsys)
}

func loadSite(t testing.TB, fsys fstest.MapFS) *site.Site {
	t.Helper()
	c, diags := content.Load(fsys)
	s, more := site.Resolve(c, site.Base{Path: "/"})
	diags.Add(more...)
	if diags.HasErrors() {
		t.Fatal(diags.Errors())
	}
	return s
}

func TestOpportunityBoard(t *testing.T) {
	s := boardSite(t)
	var got []string
	for _, g := range OpportunityBoard(s) {
		var titles []string
		for _, o := range g.Items {
			titles = append(titles, o.Title)
		}
		got = append(got, g.Status+": "+strings.Join(titles, ", "))
	}
	// Planned first, soonest due first; no due date last; empty groups left out.
	want := "planned: Late <i>, Soon | idea: Someday | done: Shipped"
	if strings.Join(got, " | ") != want {
		t.Errorf("board:\n%s\nwant:\n%s", strings.Join(got, " | "), want)
	}

	rows := string(OpportunityRows(s, OpportunityBoard(s)[0].Items, "en", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)))
	for _, want := range []string{
		`<tr id="opp-1" class="is-overdue" data-team="crm" data-journey="a" data-status="planned" data-overdue="true"><td class="num" data-label="#">1</td><th scope="row">Late &lt;i&gt;</th>`, // due 10 January, seen on 1 February
		`<tr id="opp-2" data-team="none" data-journey="a" data-status="planned" data-overdue="false">`,
		`<td class="num" data-label="Score" data-value="1.6">1.6</td>`,
		`<td class="num" data-label="Confidence" data-value="0.8">80 %</td>`,
		`<a href="/journeys/a/search/x/">X &lt;b&gt;</a>`,
		`<a href="/teams/crm/">CRM &lt;&amp;&gt;</a>`,
		`<td data-label="Due" data-value="2026-03-01"><time datetime="2026-03-01">1 March 2026</time></td>`, // not yet due, its column named for a phone
		`<span class="gap"><span aria-hidden="true">⚠ </span>no owner</span>`,
	} {
		if !strings.Contains(rows, want) {
			t.Errorf("rows lack %q:\n%s", want, rows)
		}
	}
	if strings.Count(rows, "is-overdue") != 1 || strings.Count(rows, `class="overdue"`) != 1 {
		t.Errorf("one row should be overdue:\n%s", rows)
	}
}

// TestOpportunityMatrix checks that each scored opportunity is a numbered
// link in its cell of impact and effort, with what the filters need, and
// that the quadrants are named in the page's language.
func TestOpportunityMatrix(t *testing.T) {
	s := boardSite(t)
	items := OpportunityList(s)
	tests := []struct {
		lang string
		want []string
	}{
		{"en", []string{
			`<div class="matrix-cell in-quick-win" data-impact="4" data-effort="2"><ul><li data-team="crm" data-journey="a" data-status="planned" data-overdue="true"><a class="opp-chip status-planned is-overdue" href="#opp-1" title="Late &lt;i&gt;">1<span class="visually-hidden">: Late &lt;i&gt; (Impact 4, Effort 2)</span></a></li></ul></div>`,
			`<div class="matrix-cell in-money-pit" data-impact="1" data-effort="5"><ul><li data-team="none" data-journey="a" data-status="idea" data-overdue="false"><a class="opp-chip status-idea" href="#opp-3"`,
			`>Quick wins<`, `>Big bets<`, `>Fill-ins<`, `>Money pits<`,
		}},
		{"ru", []string{`>Быстрые победы<`, `>Денежные ямы<`}},
		{"pl", []string{`>Szybkie wygrane<`, `>Studnie bez dna<`}},
	}
	for _, tt := range tests {
		html := string(OpportunityMatrix(items, tt.lang, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)))
		for _, w := range tt.want {
			if !strings.Contains(html, w) {
				t.Errorf("%s: matrix lacks %q:\n%s", tt.lang, w, html)
			}
		}
		if n := strings.Count(html, `class="opp-chip`); n != 2 {
			t.Errorf("%s: %d opportunities on the matrix, want the 2 scored", tt.lang, n)
		}
	}
	teams, journeys := OpportunityFilters(items, "en")
	if fmt.Sprint(teams) != "[{crm CRM <&>} {none no team}]" || fmt.Sprint(journeys) != "[{a A}]" {
		t.Errorf("filters: teams %v, journeys %v", teams, journeys)
	}
}

func TestHeatmap(t *testing.T) {
	h := NewHeatmap(boardSite(t), "en")
	var cols []string
	for _, c := range h.Columns {
		cols = append(cols, c.Slug)
	}
	// search is first in A and second in B: on average at 0.5, as is buy.
	// Ties keep the order first seen.
	if got := strings.Join(cols, ","); got != "search,buy" {
		t.Errorf("columns %s, want search,buy", got)
	}
	cell := func(row HeatRow, i int) string {
		c := row.Cells[i]
		if c.Mean == nil {
			return "none/" + string(rune('0'+c.Touchpoints))
		}
		return signedNum(*c.Mean) + "/" + string(rune('0'+c.Touchpoints)) + "/" + c.Class()
	}
	tests := []struct {
		row  HeatRow
		want [2]string
	}{
		{h.Journeys[0], [2]string{"−0.5/2/emotion-n1", "none/1"}}, // A: (-2+1)/2 rounds to -1 (away from zero)
		{h.Journeys[1], [2]string{"0/1/emotion-0", "+2/1/emotion-p2"}},
		{h.Channels[0], [2]string{"0/1/emotion-0", "none/1"}},              // app: V in search, Z (no emotion) in buy
		{h.Channels[1], [2]string{"−0.5/2/emotion-n1", "+2/1/emotion-p2"}}, // web
	}
	for _, tt := range tests {
		for i, want := range tt.want {
			if got := cell(tt.row, i); got != want {
				t.Errorf("%s, column %d: %s, want %s", tt.row.Title, i, got, want)
			}
		}
	}
}

// TestHeatmapOwnStages checks journeys that share no stage: each row lists
// its own stages, and each journey gets its channels × stages table.
func TestHeatmapOwnStages(t *testing.T) {
	h := NewHeatmap(siteOf(t, map[string]string{
		"content/personas/p.md":                "---\ntitle: P\n---\n",
		"content/journeys/a/_index.md":         "---\ntitle: A\npersonas: p\n---\n",
		"content/journeys/a/01-find/_index.md": "---\ntitle: Find\n---\n",
		"content/journeys/a/01-find/x.md":      "---\ntitle: X\nchannel: web\nemotion: -2\n---\n",
		"content/journeys/a/01-find/y.md":      "---\ntitle: Y\nchannel: app\nemotion: 1\n---\n",
		"content/journeys/a/02-pay/_index.md":  "---\ntitle: Pay\n---\n",
		"content/journeys/a/02-pay/z.md":       "---\ntitle: Z\nchannel: web\nemotion: 2\n---\n",
		"content/journeys/a/03-wait/_index.md": "---\ntitle: Wait <long>\n---\n",
		"content/journeys/b/_index.md":         "---\ntitle: B\npersonas: p\n---\n",
		"content/journeys/b/01-ask/_index.md":  "---\ntitle: Ask\n---\n",
		"content/journeys/b/01-ask/q.md":       "---\ntitle: Q\nchannel: phone\n---\n",
		"content/journeys/b/02-get/_index.md":  "---\ntitle: Get\n---\n",
	}), "en")
	// Five stage slugs against at most three stages in a journey: not aligned.
	if h.Aligned || h.Columns != nil || h.Channels != nil || h.Widest != 3 {
		t.Fatalf("aligned %v, %d columns, %d channel rows, widest %d; want not aligned, none, none, 3", h.Aligned, len(h.Columns), len(h.Channels), h.Widest)
	}
	show := func(c HeatCell) string {
		mean := "none"
		if c.Mean != nil {
			mean = signedNum(*c.Mean)
		}
		return fmt.Sprintf("%s %s/%d %s", c.Title, mean, c.Touchpoints, c.URL)
	}
	rows := func(rs []HeatRow) string {
		var out []string
		for _, r := range rs {
			var cells []string
			for _, c := range r.Cells {
				cells = append(cells, show(c))
			}
			out = append(out, r.Title+": "+strings.Join(cells, " | "))
		}
		return strings.Join(out, "\n")
	}
	if got, want := rows(h.Journeys), "A: Find −0.5/2 journeys/a/find/ | Pay +2/1 journeys/a/pay/ | Wait <long> none/0 journeys/a/wait/\n"+
		"B: Ask none/1 journeys/b/ask/ | Get none/0 journeys/b/get/"; got != want {
		t.Errorf("journey rows:\n%s\nwant:\n%s", got, want)
	}
	if len(h.ByStage) != 2 {
		t.Fatalf("%d channel tables, want 2", len(h.ByStage))
	}
	a := h.ByStage[0]
	var cols []string
	for _, c := range a.Columns {
		cols = append(cols, c.Title+" "+c.URL)
	}
	if got, want := strings.Join(cols, ", "), "Find journeys/a/find/, Pay journeys/a/pay/, Wait <long> journeys/a/wait/"; got != want {
		t.Errorf("columns of A: %s, want %s", got, want)
	}
	// Only the channels A uses, in the site's channel order (app, phone, web).
	if got, want := rows(a.Rows), "Mobile app:  +1/1  |  none/0  |  none/0 \nWebsite:  −2/1  |  +2/1  |  none/0 "; got != want {
		t.Errorf("channels of A:\n%q\nwant:\n%q", got, want)
	}
	if got, want := rows(h.ByStage[1].Rows), "Phone:  none/1  |  none/0 "; got != want {
		t.Errorf("channels of B: %q, want %q", got, want)
	}
}
