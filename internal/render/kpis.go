package render

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/cjm-portal/cjm/internal/rollup"
	"github.com/cjm-portal/cjm/internal/site"
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
	for _, tp := range s.Touchpoints {
		for _, k := range tp.KPIs {
			if k.Def != nil || k.Twin != nil {
				continue
			}
			key := site.KPIName(k.Name)
			i, ok := free[key]
			if !ok {
				i = len(loose)
				free[key] = i
				loose = append(loose, KPIGroup{Title: k.Name})
			}
			loose[i].Uses = append(loose[i].Uses, k)
		}
	}
	slices.SortStableFunc(loose, func(a, b KPIGroup) int {
		return cmp.Or(strings.Compare(site.KPIName(a.Title), site.KPIName(b.Title)), strings.Compare(a.Title, b.Title))
	})
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
