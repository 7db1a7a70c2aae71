package render

import (
	"strings"
	"testing"
	"time"

	"github.com/cjm-portal/cjm/internal/signature"
)

// TestKPIGroupsHTML checks the KPI page's groups, written in Go: the
// catalogue first with its owner, target and way, then the free-form KPIs
// by name, each use a row with its status, every text escaped, and a
// journey in another language marked with it.
func TestKPIGroupsHTML(t *testing.T) {
	s := siteOf(t, map[string]string{
		"content/_index.md":                   "---\ntitle: Portal\n---\n",
		"content/personas/p.md":               "---\ntitle: P\n---\n",
		"content/teams/crm.md":                "---\ntitle: CRM <&>\n---\n",
		"content/kpis/time.md":                "---\ntitle: Time <to> pay\nunit: min\nbetter: lower\nowner: crm\ntarget: 1\n---\n",
		"content/journeys/a/_index.md":        "---\ntitle: A\npersonas: p\nlanguage: pl\n---\n",
		"content/journeys/a/01-buy/_index.md": "---\ntitle: Kupno\n---\n",
		"content/journeys/a/01-buy/x.md":      "---\ntitle: X <b>\nchannel: web\nkpis: [{kpi: time, current: 4}, {name: Share \"paid\", current: 0.4, target: 0.5, unit: '%'}]\n---\n",
		"content/journeys/b/_index.md":        "---\ntitle: B\npersonas: p\n---\n",
		"content/journeys/b/01-buy/_index.md": "---\ntitle: Buy\n---\n",
		"content/journeys/b/01-buy/y.md":      "---\ntitle: Y\nchannel: web\nkpis: [{kpi: time, current: 0.5}, {name: Errors}]\n---\n",
	})
	got := string(KPIGroupsHTML(s, KPIGroups(s, "en"), "en"))
	for _, want := range []string{
		`<a href="#kpi-time">Time &lt;to&gt; pay</a> <small class="muted">Catalogued · <span class="kpi-met">✓ 1</span> <span class="kpi-missed">✗ 1</span> – 0</small>`,
		`<h2 id="kpi-time-h"><a href="/kpis/time/">Time &lt;to&gt; pay</a></h2>`,
		`<dd><a href="/teams/crm/">CRM &lt;&amp;&gt;</a></dd>`,
		`<dt>Target</dt><dd>≤ 1 min</dd>`,
		`<th scope="row" lang="pl"><a href="/journeys/a/buy/x/">X &lt;b&gt;</a></th>`,
		`<td class="num" data-label="Current">4 min</td><td class="num" data-label="Target">≤ 1 min</td><td data-label="Status"><span class="kpi-status kpi-missed">`,
		`<th scope="row"><a href="/journeys/b/buy/y/">Y</a></th>`,
		`Share &#34;paid&#34;`,
		`<span class="kpi-status kpi-unmeasured"><span aria-hidden="true">– </span>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s\nin:\n%s", want, got)
		}
	}
	if strings.Index(got, `id="kpi-time"`) > strings.Index(got, `id="free-errors`) {
		t.Errorf("the catalogue's KPIs come before the free-form ones:\n%s", got)
	}
	if strings.Contains(got, "<b>") || strings.Contains(got, "<to>") {
		t.Errorf("a title is not escaped:\n%s", got)
	}
}

// TestKeptRowsAndSections writes the KPI page's groups and the board's
// rows with a bound cache of rows, twice (the second time from it), and
// checks both against the same written without one: rows of one
// touchpoint's several KPIs and opportunities must not be mixed up.
func TestKeptRowsAndSections(t *testing.T) {
	s := siteOf(t, map[string]string{
		"content/_index.md":                   "---\ntitle: Portal\n---\n",
		"content/personas/p.md":               "---\ntitle: P\n---\n",
		"content/teams/crm.md":                "---\ntitle: CRM\n---\n",
		"content/kpis/time.md":                "---\ntitle: Time\nunit: min\ntarget: 1\n---\n",
		"content/journeys/a/_index.md":        "---\ntitle: A\npersonas: p\n---\n",
		"content/journeys/a/01-buy/_index.md": "---\ntitle: Buy\n---\n",
		"content/journeys/a/01-buy/x.md": "---\ntitle: X\nchannel: web\nkpis: [{kpi: time, current: 4}, {name: Share, current: 1, target: 2}, {name: share, current: 3}]\n" +
			"opportunities: [{title: One, owner: crm, status: planned, impact: 3, effort: 2}, {title: Two, status: planned}]\n---\n",
		"content/journeys/a/01-buy/y.md": "---\ntitle: Y\nchannel: web\nkpis: [{name: Errors, current: 5}]\nopportunities: [{title: Three, status: idea}]\n---\n",
	})
	today := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	groups := KPIGroups(s, "en")
	items := OpportunityList(s)
	wantKPIs, wantRows := string(KPIGroupsHTML(s, groups, "en")), string(OpportunityRows(s, items, "en", today))
	// A cache for one build writes the same, and keeps no rows.
	for _, tc := range []struct {
		name     string
		p        *Partials
		keepsRow bool
	}{
		{"across builds", NewPartials(), true},
		{"one build", NewPartials().OneBuild(), false},
	} {
		p := tc.p
		p.Bind(nil, signature.Sign(s, signature.Global(s), 0), false)
		for i := range 2 {
			if got := string(kpiGroupsHTML(s, groups, "en", p)); got != wantKPIs {
				t.Errorf("%s: KPI groups, pass %d, with the cache:\n%s\nwithout:\n%s", tc.name, i, got, wantKPIs)
			}
			if got := string(opportunityRows(s, items, "en", today, p)); got != wantRows {
				t.Errorf("%s: board rows, pass %d, with the cache:\n%s\nwithout:\n%s", tc.name, i, got, wantRows)
			}
		}
		if (len(p.rows) > 0) != tc.keepsRow || len(p.groups("kpis", "en")) == 0 {
			t.Errorf("%s: %d rows, %d sections kept", tc.name, len(p.rows), len(p.groups("kpis", "en")))
		}
	}
}
