package render

import (
	"cmp"
	"html"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/cjm-portal/cjm/internal/rollup"
	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/swimlane"
	"github.com/cjm-portal/cjm/internal/words"
)

// KPIGroup is one KPI across the portal, as /kpis/ lists it: an entry of
// the catalogue with every touchpoint that measures it, or the free-form
// KPIs of one name (case and spaces aside).
type KPIGroup struct {
	Title  string
	Def    *site.KPIDef // nil for free-form KPIs
	Anchor string       // the group's id on /kpis/
	Uses   []*site.KPI  // in map order
	// Met, Missed and Unmeasured count the uses by status.
	Met, Missed, Unmeasured int
}

// KPIGroups lists every KPI of s: the catalogue's entries in its order,
// each with the touchpoints naming it (or writing out its title), then the
// free-form KPIs grouped by name, by name.
func KPIGroups(s *site.Site, lang string) []KPIGroup {
	var out []KPIGroup
	for _, d := range s.KPIs {
		out = append(out, KPIGroup{Title: d.TitleIn(lang), Def: d, Anchor: "kpi-" + d.Slug, Uses: d.Uses})
	}
	free := map[string]int{}
	var loose []KPIGroup
	var keys []string // each loose group's MatchName, to sort by
	for _, tp := range s.Touchpoints {
		for _, k := range tp.KPIs {
			if k.Def != nil || k.Twin != nil {
				continue
			}
			key := k.MatchName()
			i, ok := free[key]
			if !ok {
				i = len(loose)
				free[key] = i
				loose = append(loose, KPIGroup{Title: k.Name})
				keys = append(keys, key)
			}
			loose[i].Uses = append(loose[i].Uses, k)
		}
	}
	// Sort by the names as compared, computed once: a portal of thousands
	// of free-form KPIs rebuilds this page on every save.
	order := make([]int, len(loose))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(strings.Compare(keys[a], keys[b]), strings.Compare(loose[a].Title, loose[b].Title))
	})
	sorted := make([]KPIGroup, len(loose))
	for i, j := range order {
		sorted[i] = loose[j]
	}
	loose = sorted
	for i := range loose {
		loose[i].Anchor = "free-" + anchorOf(loose[i].Title, i)
	}
	out = append(out, loose...)
	for i := range out {
		for _, k := range out[i].Uses {
			switch rollup.KPI(k.KPI) {
			case rollup.KPIMet:
				out[i].Met++
			case rollup.KPINotMet:
				out[i].Missed++
			default:
				out[i].Unmeasured++
			}
		}
	}
	return out
}

// anchorOf makes an id from a KPI's name: letters and digits, hyphens
// between words, and the group's number to keep it unique.
func anchorOf(name string, i int) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && !strings.ContainsRune("«»“”„—–…", r))
	}) {
		b.WriteString(w)
		b.WriteByte('-')
	}
	return b.String() + FormatNumber(float64(i+1))
}

// Lead says who leads where two scores are compared, ours first: "lead"
// when ours is higher, "lag" when lower, "level" when equal, "" when
// either is unknown.
func Lead(us, them *float64) string {
	if us == nil || them == nil {
		return ""
	}
	switch d := *us - *them; {
	case math.Abs(d) < 1e-9:
		return "level"
	case d > 0:
		return "lead"
	}
	return "lag"
}

// BenchJourney is one journey of /benchmark/: its stages' rows, one per
// competitor benchmarked there.
type BenchJourney struct {
	Journey *site.Journey
	Rows    []BenchRow
}

// BenchRow compares us with one competitor over a stage's touchpoints
// benchmarked against it.
type BenchRow struct {
	Stage       *site.Stage
	Competitor  *site.Competitor
	Touchpoints int // benchmarked against it in the stage
	CSI, NPS    BenchCell
}

// BenchCell is one metric's means over the touchpoints where both ours
// and theirs are known, so that both sides are compared on the same
// moments.
type BenchCell struct {
	Us, Them *float64
	N        int // touchpoints compared
}

// Lead is who leads on the cell (see Lead).
func (c BenchCell) Lead() string { return Lead(c.Us, c.Them) }

// Gap is our mean less theirs, or nil when either is unknown.
func (c BenchCell) Gap() *float64 {
	if c.Us == nil || c.Them == nil {
		return nil
	}
	d := *c.Us - *c.Them
	return &d
}

// Benchmark lists, journey by journey and stage by stage, how we compare
// with each competitor benchmarked there: the means of CSI and NPS over
// the stage's touchpoints where both sides give them. Journeys and stages
// without benchmarks are left out; competitors come in the order first
// named in the stage.
func Benchmark(s *site.Site) []BenchJourney {
	var out []BenchJourney
	for _, j := range s.Journeys {
		bj := BenchJourney{Journey: j}
		for _, st := range j.Stages {
			var comps []*site.Competitor
			for _, tp := range st.Touchpoints {
				for _, b := range tp.Competitors {
					if b.Competitor != nil && !slices.Contains(comps, b.Competitor) {
						comps = append(comps, b.Competitor)
					}
				}
			}
			for _, c := range comps {
				row := BenchRow{Stage: st, Competitor: c}
				var usC, themC, usN, themN pairMean
				for _, tp := range st.Touchpoints {
					i := slices.IndexFunc(tp.Competitors, func(b *site.Benchmark) bool { return b.Competitor == c })
					if i < 0 {
						continue
					}
					row.Touchpoints++
					b := tp.Competitors[i]
					if tp.Metrics.CSI != nil && b.CSI != nil {
						usC.add(*tp.Metrics.CSI)
						themC.add(*b.CSI)
					}
					if tp.Metrics.NPS != nil && b.NPS != nil {
						usN.add(*tp.Metrics.NPS)
						themN.add(*b.NPS)
					}
				}
				row.CSI = BenchCell{Us: usC.get(), Them: themC.get(), N: usC.n}
				row.NPS = BenchCell{Us: usN.get(), Them: themN.get(), N: usN.n}
				bj.Rows = append(bj.Rows, row)
			}
		}
		if len(bj.Rows) > 0 {
			out = append(out, bj)
		}
	}
	return out
}

// BenchTally counts a benchmark's cells by who leads.
type BenchTally struct{ Lead, Lag, Level int }

// Tally counts the cells of every row of js by who leads.
func Tally(js []BenchJourney) BenchTally {
	var t BenchTally
	for _, j := range js {
		for _, r := range j.Rows {
			for _, c := range []BenchCell{r.CSI, r.NPS} {
				switch c.Lead() {
				case "lead":
					t.Lead++
				case "lag":
					t.Lag++
				case "level":
					t.Level++
				}
			}
		}
	}
	return t
}

type pairMean struct {
	sum float64
	n   int
}

func (m *pairMean) add(v float64) { m.sum += v; m.n++ }

func (m *pairMean) get() *float64 {
	if m.n == 0 {
		return nil
	}
	v := m.sum / float64(m.n)
	return &v
}

// writeKPIUseRows writes the rows of a table of KPIs where they are measured
// into b, as partials/kpi-uses.html would with a range, but in Go: the KPI
// page of a big portal has a row for every KPI of every touchpoint. Each
// row is taken from rows (see Partials.row) when it holds it.
func writeKPIUseRows(b *strings.Builder, s *site.Site, uses []*site.KPI, lang string, rows *Partials) {
	esc := html.EscapeString
	word := func(key string) string { return esc(words.Word(lang, key)) }
	where := ` data-label="` + word("journey") + ` › ` + word("stage") + `"`
	current, target, status := ` data-label="`+word("kpi-current")+`"`, ` data-label="`+word("kpi-target")+`"`, ` data-label="`+word("kpi-status")+`"`
	for _, k := range uses {
		tp := k.Touchpoint
		row := rows.row("kpi-use", lang, tp, slices.Index(tp.KPIs, k), func() rowParts {
			var b strings.Builder
			b.Grow(700)
			a := func(url, text string) {
				b.WriteString(`<a href="` + esc(s.Base.Link(url)) + `">` + esc(text) + `</a>`)
			}
			b.WriteString("\n<tr><th scope=\"row\"")
			ol := foreignLang(s, lang, tp)
			if ol != "" {
				b.WriteString(` lang="` + esc(ol) + `"`)
			}
			b.WriteString(`>`)
			a(tp.URL, tp.Title)
			if k.Twin != nil {
				b.WriteString(` <small class="note-gap">⚠ ` + word("kpi-free-form") + `</small>`)
			}
			b.WriteString(`</th><td` + where)
			if ol != "" {
				b.WriteString(` lang="` + esc(ol) + `"`)
			}
			b.WriteString(`>`)
			a(tp.Journey.URL, tp.Journey.Title)
			b.WriteString(` › `)
			a(tp.Stage.URL, tp.Stage.Title)
			b.WriteString(`</td><td class="num"` + current + `>` + esc(swimlane.KPIValue(k.Current, k.Unit)) + `</td><td class="num"` + target + `>`)
			if k.Target != nil {
				if k.Better == "lower" {
					b.WriteString("≤ ")
				} else {
					b.WriteString("≥ ")
				}
			}
			b.WriteString(esc(swimlane.KPIValue(k.Target, k.Unit)) + `</td>`)
			st, _ := KPIStatus(k)
			mark := "–"
			switch st {
			case "met":
				mark = "✓"
			case "missed":
				mark = "✗"
			}
			b.WriteString(`<td` + status + `><span class="kpi-status kpi-` + st + `"><span aria-hidden="true">` + mark + ` </span>` + word("kpi-"+st) + `</span></td></tr>`)
			return rowParts{b.String()}
		})
		b.WriteString(row[0])
	}
}

// KPIGroupsHTML writes the KPI page's index and a section per group, as
// kpis.html once did with ranges: a big portal has thousands of free-form
// KPIs, each a section, and the page is rendered again on every save.
// Every text is escaped.
func KPIGroupsHTML(s *site.Site, groups []KPIGroup, lang string) template.HTML {
	return kpiGroupsHTML(s, groups, lang, nil)
}

// tallyStatus gives the tally of a KPI's section the status classes.
var tallyStatus = strings.NewReplacer(`class="kpi-met"`, `class="kpi-status kpi-met"`, `class="kpi-missed"`, `class="kpi-status kpi-missed"`)

// kpiGroupsHTML writes KPIGroupsHTML, the rows taken from rows (see
// Partials.row) when it holds them.
func kpiGroupsHTML(s *site.Site, groups []KPIGroup, lang string, rows *Partials) template.HTML {
	var b strings.Builder
	b.Grow(rows.size("kpis", lang) + 4096)
	esc := html.EscapeString
	word := func(key string) string { return esc(words.Word(lang, key)) }
	link := func(url string) string { return esc(s.Base.Link(url)) }
	tally := func(g KPIGroup, sep string) string {
		return `<span class="kpi-met">✓ ` + strconv.Itoa(g.Met) + `</span>` + sep + `<span class="kpi-missed">✗ ` + strconv.Itoa(g.Missed) + `</span>` + sep + `– ` + strconv.Itoa(g.Unmeasured)
	}
	b.WriteString(`<nav class="section kpi-index" aria-label="` + word("kpis") + `"><ul class="plain-list kpi-index-list">`)
	// Each group's item of the index and section, made again only when
	// what it shows changed (see Partials.groups).
	last := rows.groups("kpis", lang)
	kept := make(map[uint64]rowParts, len(groups))
	parts := make([]rowParts, len(groups))
	for i, g := range groups {
		key, ok := rows.groupKey(g, lang)
		if p, hit := last[key]; ok && hit {
			parts[i] = p
			kept[key] = p
			continue
		}
		var b strings.Builder
		kind := word("kpi-free-form")
		if g.Def != nil {
			kind = word("kpi-catalogue")
		}
		b.WriteString("\n<li><a href=\"#" + esc(g.Anchor) + `">` + esc(g.Title) + `</a> <small class="muted">` + kind + ` · ` + tally(g, " ") + `</small></li>`)
		nav := b.String()
		b.Reset()
		func() {
			id := esc(g.Anchor)
			b.WriteString("\n<section class=\"section kpi-group\" id=\"" + id + `" aria-labelledby="` + id + `-h"><h2 id="` + id + `-h">`)
			if d := g.Def; d != nil {
				b.WriteString(`<a href="` + link(d.URL) + `">` + esc(d.TitleIn(lang)) + `</a>`)
			} else {
				b.WriteString(esc(g.Title))
			}
			b.WriteString(`</h2><dl class="facts facts-inline">`)
			if d := g.Def; d != nil {
				b.WriteString(`<div><dt>` + word("owner") + `</dt><dd>`)
				if d.Owner != nil {
					b.WriteString(`<a href="` + link(d.Owner.URL) + `">` + esc(d.Owner.Title) + `</a>`)
				} else {
					b.WriteString(`<span class="muted">` + word("none") + `</span>`)
				}
				b.WriteString(`</dd></div>`)
				if d.KPIDef.Target != nil {
					sign := "≥ "
					if d.Better == "lower" {
						sign = "≤ "
					}
					b.WriteString(`<div><dt>` + word("kpi-target") + `</dt><dd>` + sign + esc(swimlane.KPIValue(d.KPIDef.Target, d.Unit)) + `</dd></div>`)
				}
				b.WriteString(`<div><dt>` + word("better-way") + `</dt><dd>` + word("better-"+d.Better) + `</dd></div>`)
			} else {
				b.WriteString(`<div><dt>` + word("kpi-free-form") + `</dt><dd class="muted">` + word("kpi-free-form-note") + `</dd></div>`)
			}
			b.WriteString(`<div><dt>` + word("kpi-tally") + `</dt><dd>` + tallyStatus.Replace(tally(g, " / ")) + `</dd></div></dl>`)
			if len(g.Uses) == 0 {
				b.WriteString(`<p class="muted">` + word("not-measured-anywhere") + `</p></section>`)
				return
			}
			b.WriteString(`<div class="table-scroll" tabindex="0"><table class="data kpi-uses reflow" data-sortable><thead><tr><th scope="col">` + word("touchpoint") + `</th><th scope="col">` + word("journey") + ` › ` + word("stage") + `</th><th scope="col" class="num">` + word("kpi-current") + `</th><th scope="col" class="num">` + word("kpi-target") + `</th><th scope="col">` + word("kpi-status") + `</th></tr></thead><tbody>`)
			writeKPIUseRows(&b, s, g.Uses, lang, rows)
			b.WriteString("\n</tbody></table></div></section>")
		}()
		parts[i] = rowParts{nav, b.String()}
		if ok {
			kept[key] = parts[i]
		}
	}
	rows.keepGroups("kpis", lang, kept)
	for _, p := range parts {
		b.WriteString(p[0])
	}
	b.WriteString("\n</ul></nav>")
	for _, p := range parts {
		b.WriteString(p[1])
	}
	rows.setSize("kpis", lang, b.Len())
	return template.HTML(b.String()) // every text escaped above
}
