package build_test

import (
	stdhtml "html"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	cjm "github.com/cjm-portal/cjm"
	"github.com/cjm-portal/cjm/internal/build"
)

// catalogueSite has a KPI catalogue, competitors (one with a file, one
// named only), the new metrics and a hostile title.
var catalogueSite = map[string]string{
	"content/_index.md":        "---\ntitle: T\nbaseURL: https://x.example/\ncurrency: EUR\n---\n",
	"content/personas/olga.md": "---\ntitle: Olga\n---\n",
	"content/teams/crm.md":     "---\ntitle: CRM team\n---\n",
	"content/kpis/time-to-email.md": "---\ntitle: Time to email <b>\nunit: min\nbetter: lower\nowner: crm\n" +
		"definition: From payment to email\nformula: median(sent - paid)\ndataSource: Order events\ntarget: 1\n---\nWhy it matters.\n",
	"content/kpis/unused.md":              "---\ntitle: Never measured\n---\n",
	"content/competitors/freshmart.md":    "---\ntitle: FreshMart\nwebsite: https://freshmart.example\n---\nA grocer.\n",
	"content/journeys/a/_index.md":        "---\ntitle: Order\npersonas: olga\n---\n",
	"content/journeys/a/01-pay/_index.md": "---\ntitle: Pay stage\n---\n",
	"content/journeys/a/01-pay/email.md": "---\ntitle: Email\nemotion: -1\nowner: crm\n" +
		"kpis: [{kpi: time-to-email, current: 4}, {name: Calls, current: 10, target: 5, better: lower}]\n" +
		"metrics: {csi: 2, nps: -10, retention: 62%, ces: 5.5, ltv: 1240}\n" +
		"competitors: [{name: freshmart, csi: 4, nps: 20, note: Push first, source: Survey 2026}, {name: Ozon Fresh, csi: 1.5}]\n---\n",
	"content/journeys/a/01-pay/screen.md": "---\ntitle: Screen\nemotion: 1\n" +
		"kpis: [{kpi: time-to-email, current: 0.5}]\nmetrics: {csi: 4, nps: 40}\n" +
		"competitors: [{name: freshmart, csi: 3, nps: 10}]\n---\n",
	"content/journeys/a/02-wait/_index.md": "---\ntitle: Wait stage\n---\n",
	"content/journeys/a/02-wait/call.md":   "---\ntitle: Call\nemotion: -2\nkpis: [{name: calls, current: 3, target: 5, better: lower}]\n---\n",
}

func buildMap(t *testing.T, files map[string]string) built {
	t.Helper()
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	b := buildOpts(build.Options{Source: fsys, Builtin: cjm.DefaultTheme(), Now: now})
	if !b.OK() {
		t.Fatalf("build failed: %v", b.Diags.Errors())
	}
	return b
}

var tags = regexp.MustCompile(`<[^>]+>`)

// text is a page's words with tags taken out and spaces squeezed.
func text(html []byte) string {
	return strings.Join(strings.Fields(stdhtml.UnescapeString(tags.ReplaceAllString(string(html), " "))), " ")
}

func TestCataloguePages(t *testing.T) {
	b := buildMap(t, catalogueSite)
	tests := []struct {
		page string
		html []string // in the HTML as it is
		text []string // in its words
		not  []string
	}{
		{"kpis/index.html",
			[]string{`<a href="/kpis/time-to-email/">Time to email &lt;b&gt;</a>`, `<a href="/teams/crm/">CRM team</a>`, `<a href="/journeys/a/pay/email/">Email</a>`},
			[]string{
				"Email Order › Pay stage 4 min ≤ 1 min ✗ missed", "Screen Order › Pay stage 0.5 min ≤ 1 min ✓ met",
				"Never measured", "No touchpoint measures it yet.",
				// Free-form KPIs of one name, case aside, make one group.
				"Calls Written out on touchpoints", "Email Order › Pay stage 10 ≤ 5 ✗ missed", "Call Order › Wait stage 3 ≤ 5 ✓ met",
			},
			[]string{"<b>"}},
		{"kpis/time-to-email/index.html",
			[]string{`<code>median(sent - paid)</code>`, `<a href="/teams/crm/">CRM team</a>`},
			[]string{"Owner CRM team", "Unit min", "Better lower is better", "Target ≤ 1 min", "Data source Order events", "Definition From payment to email", "Why it matters.", "Email Order › Pay stage 4 min ≤ 1 min ✗ missed"},
			[]string{"Call"}},
		{"journeys/a/pay/email/index.html",
			[]string{`<a href="/kpis/time-to-email/">Time to email &lt;b&gt;</a>`, `<a href="/competitors/freshmart/">FreshMart</a>`, `<a href="/competitors/ozon-fresh/">Ozon Fresh</a>`},
			[]string{"Retention 62 %", "CES 5.5 / 7", "LTV 1240 EUR",
				"Us 2 -10", "FreshMart 4 ▼ we lag 20 ▼ we lag Push first Survey 2026", "Ozon Fresh 1.5 ▲ we lead —"},
			nil},
		{"benchmark/index.html",
			[]string{`<a href="/journeys/a/pay/">Pay stage</a>`},
			// Means over the stage's touchpoints with both values: CSI (2+4)/2 = 3 against (4+3)/2 = 3.5.
			[]string{"Pay stage FreshMart 3 / 3.5 (−0.5) ▼ we lag 15 / 15 (0) = level 2", "Pay stage Ozon Fresh 2 / 1.5 (+0.5) ▲ we lead — / — 1",
				"Comparisons we lead ▲ 1", "Comparisons we lag ▼ 1"},
			[]string{"Wait stage"}},
		{"competitors/freshmart/index.html",
			[]string{`<a href="https://freshmart.example" rel="noopener nofollow">`},
			[]string{"A grocer.", "Email Order › Pay stage 2 / 4 ▼ we lag -10 / 20 ▼ we lag Push first (Survey 2026)", "Screen Order › Pay stage 4 / 3 ▲ we lead 40 / 10 ▲ we lead"},
			nil},
		{"competitors/ozon-fresh/index.html", nil, []string{"This competitor has no file of its own"}, nil},
		{"journeys/a/index.html", nil, []string{"Mean CES 5.5 / 7", "Mean retention 62 %", "Mean LTV 1240 EUR"}, nil},
	}
	for _, tt := range tests {
		data, ok := b.Files[tt.page]
		if !ok {
			t.Errorf("no %s", tt.page)
			continue
		}
		words := text(data)
		for _, w := range tt.html {
			if !strings.Contains(string(data), w) {
				t.Errorf("%s lacks %q", tt.page, w)
			}
		}
		for _, w := range tt.text {
			if !strings.Contains(words, w) {
				t.Errorf("%s lacks the words %q:\n%s", tt.page, w, words)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(string(data), w) {
				t.Errorf("%s has %q", tt.page, w)
			}
		}
	}
	// The map's KPI lane links a catalogued KPI to its page.
	if svg := string(b.Files["journeys/a/map.svg"]); !strings.Contains(svg, `href="../../kpis/time-to-email/"`) || !strings.Contains(svg, "1240 EUR") {
		t.Errorf("map.svg lacks the KPI's link or the LTV:\n%s", regexp.MustCompile(`href="[^"]*kpis[^"]*"|LTV[^<]*`).FindAllString(svg, -1))
	}
	// Searchable, and in the sitemap.
	for file, want := range map[string][]string{
		"search.json": {`"kpis/time-to-email/"`, `"competitors/freshmart/"`},
		"sitemap.xml": {"https://x.example/kpis/", "https://x.example/kpis/time-to-email/", "https://x.example/benchmark/", "https://x.example/competitors/ozon-fresh/"},
	} {
		for _, w := range want {
			if !strings.Contains(string(b.Files[file]), w) {
				t.Errorf("%s lacks %s", file, w)
			}
		}
	}
}

func TestCataloguePagesWords(t *testing.T) {
	files := map[string]string{}
	for k, v := range catalogueSite {
		files[k] = v
	}
	files["content/_index.md"] = "---\ntitle: T\nlanguage: pl\n---\n"
	files["content/kpis/time-to-email.md"] = "---\ntitle: Time to email\ntitles: {pl: Czas do e-maila, ru: Время до письма}\nunit: min\nbetter: lower\ntarget: 1\n---\n"
	b := buildMap(t, files)
	for page, want := range map[string]string{
		"kpis/index.html":                  "Czas do e-maila",
		"kpis/time-to-email/index.html":    "im mniej, tym lepiej",
		"benchmark/index.html":             "odstajemy",
		"journeys/a/pay/email/index.html":  "My i konkurencja",
		"competitors/freshmart/index.html": "Gdzie jest porównywany",
	} {
		if !strings.Contains(text(b.Files[page]), want) {
			t.Errorf("%s lacks %q", page, want)
		}
	}
}
