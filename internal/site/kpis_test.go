package site

import (
	"strconv"
	"strings"
	"testing"
)

// catalogueSite has a KPI catalogue entry named three ways: by slug, by
// slug with overrides, and written out with its Russian title.
var catalogueSite = map[string]string{
	"content/_index.md":                 "---\ntitle: T\nlanguage: ru\n---\n",
	"content/personas/olga.md":          "---\ntitle: Olga\n---\n",
	"content/kpis/time-to-pay.md":       "---\ntitle: Time to pay\ntitles: {ru: Время оплаты}\nunit: s\nbetter: lower\nowner: crm\ntarget: 10\n---\n",
	"content/kpis/unused.md":            "---\ntitle: Unused\n---\n",
	"content/competitors/fm.md":         "---\ntitle: FreshMart\n---\n",
	"content/journeys/a/_index.md":      "---\ntitle: A\npersonas: olga\n---\n",
	"content/journeys/a/01-s/_index.md": "---\ntitle: S\n---\n",
	"content/journeys/a/01-s/p.md": "---\ntitle: P\nkpis:\n" +
		"  - {kpi: time-to-pay, current: 12}\n" +
		"  - {kpi: Time-To-Pay, current: 8, target: 5, unit: sec, better: higher, name: Pay time}\n" +
		"  - {name: \"  ВРЕМЯ   оплаты \", current: 9, target: 10, better: lower}\n" +
		"  - {name: Other, current: 1}\n" +
		"competitors: [{name: fm, csi: 4}, {name: Ozon Fresh, nps: 3}, {name: fm, nps: 1}]\n---\n",
}

func TestCatalogueKPIs(t *testing.T) {
	s, diags := resolveAll(catalogueSite)
	if diags.HasErrors() {
		t.Fatalf("errors:\n%s", diags.Errors())
	}
	tp := s.Touchpoints[0]
	def := s.KPIs[0]
	tests := []struct {
		i                          int
		name, unit, better, target string
		def, twin                  *KPIDef
		key                        string
	}{
		{0, "Время оплаты", "s", "lower", "10", def, nil, "time-to-pay"},     // all inherited, title in the site's language
		{1, "Pay time", "sec", "higher", "5", def, nil, "Pay time"},          // every field overridden
		{2, "ВРЕМЯ   оплаты", "", "lower", "10", nil, def, "ВРЕМЯ   оплаты"}, // free-form, its twin named
		{3, "Other", "", "higher", "", nil, nil, "Other"},
	}
	for _, tt := range tests {
		k := tp.KPIs[tt.i]
		target := ""
		if k.Target != nil {
			target = strings.TrimSuffix(strings.TrimRight(strings.TrimRight(formatFloat(*k.Target), "0"), "."), ".")
		}
		if k.Name != tt.name || k.Unit != tt.unit || k.Better != tt.better || target != tt.target || k.Def != tt.def || k.Twin != tt.twin || k.Key() != tt.key {
			t.Errorf("kpis[%d] = {%q %q %q %q def %v twin %v key %q}, want {%q %q %q %q def %v twin %v key %q}", tt.i,
				k.Name, k.Unit, k.Better, target, k.Def != nil, k.Twin != nil, k.Key(), tt.name, tt.unit, tt.better, tt.target, tt.def != nil, tt.twin != nil, tt.key)
		}
	}
	if tp.KPIs[0].URL() != "kpis/time-to-pay/" || tp.KPIs[2].URL() != "kpis/time-to-pay/" || tp.KPIs[3].URL() != "" {
		t.Errorf("URLs %q %q %q", tp.KPIs[0].URL(), tp.KPIs[2].URL(), tp.KPIs[3].URL())
	}
	if len(def.Uses) != 3 || len(s.KPIs[1].Uses) != 0 {
		t.Errorf("uses: %d and %d, want 3 and 0", len(def.Uses), len(s.KPIs[1].Uses))
	}
	if def.Owner == nil || def.Owner.Slug != "crm" || !def.Owner.Generated {
		t.Errorf("owner %+v, want a generated team crm", def.Owner)
	}
	// The written-out twin is a warning that says what to write.
	var warned bool
	for _, d := range diags {
		if strings.Contains(d.Message, `"ВРЕМЯ   оплаты" is the catalogued KPI "time-to-pay"`) && strings.Contains(d.Hint, "write `kpi: time-to-pay`") && d.Line == 6 {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning about the written-out KPI at line 6:\n%s", diags)
	}
	// Competitors: a file's, and one generated from a name; each once.
	if len(s.Competitors) != 2 || s.Competitors[0].Slug != "fm" || s.Competitors[1].Slug != "ozon-fresh" || !s.Competitors[1].Generated {
		t.Fatalf("competitors %v", s.Competitors)
	}
	if len(s.Competitors[0].Benchmarks) != 2 || tp.Competitors[1].Competitor != s.Competitors[1] {
		t.Errorf("benchmarks of fm: %d, want 2", len(s.Competitors[0].Benchmarks))
	}
	routes := map[string]string{}
	for _, r := range s.Routes {
		routes[r.Path] = r.Kind
	}
	for path, kind := range map[string]string{"kpis/": "kpis", "kpis/time-to-pay/": "kpi", "kpis/unused/": "kpi", "benchmark/": "benchmark", "competitors/fm/": "competitor", "competitors/ozon-fresh/": "competitor"} {
		if routes[path] != kind {
			t.Errorf("route %s is %q, want %q", path, routes[path], kind)
		}
	}
}

func TestUnknownCatalogueKPI(t *testing.T) {
	files := map[string]string{}
	for k, v := range catalogueSite {
		files[k] = v
	}
	files["content/journeys/a/01-s/p.md"] = "---\ntitle: P\nkpis:\n  - {current: 1}\n  - {kpi: time-to-pya, current: 3}\n---\n"
	s, diags := resolveAll(files)
	var got []string
	for _, d := range diags.Errors() {
		got = append(got, d.String())
	}
	want := []string{
		"content/journeys/a/01-s/p.md:4: kpis[1]: no name; give each KPI a `name`, or name a catalogue entry: `kpi: SLUG`",
		`content/journeys/a/01-s/p.md:5: kpis[2].kpi: no KPI "time-to-pya" in the catalogue; name a file in content/kpis/, or write the KPI out with ` + "`name`" + `; did you mean "time-to-pay"? known: time-to-pay, unused`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if k := s.Touchpoints[0].KPIs[1]; k.Name != "time-to-pya" || k.Def != nil || k.Better != "higher" {
		t.Errorf("unknown entry read as %+v", k)
	}
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }

// FuzzKPIName: the one-pass normalisation of ASCII names gives what
// lower-casing and splitting into words gives, for any name.
func FuzzKPIName(f *testing.F) {
	for _, s := range []string{"", " ", "Conversion rate", "  NPS \t score\n", "Zeit bis Zustellung", "ÉTAT  du Colis", "a\u00a0b", "x\u0085y", "\v\f\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := KPIName(s), strings.Join(strings.Fields(strings.ToLower(s)), " "); got != want {
			t.Errorf("KPIName(%q) = %q, want %q", s, got, want)
		}
	})
}
