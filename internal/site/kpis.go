package site

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cjm-portal/cjm/internal/content"
)

// KPIDef is an entry of the KPI catalogue with the touchpoints that
// measure it.
type KPIDef struct {
	*content.KPIDef
	URL   string
	Owner *Team // nil when the entry names none
	// Uses are its measurements, journey by journey in map order:
	// catalogued ones (`kpi: SLUG`) and free-form ones whose name is its
	// title.
	Uses []*KPI
}

// Name is the entry's title in the site's language.
func (d *KPIDef) Name(lang string) string { return d.TitleIn(lang) }

// KPI is one KPI of a touchpoint, as measured there. A catalogued KPI
// takes its entry's name, unit, better and target where it gives none.
type KPI struct {
	content.KPI
	Def        *KPIDef // the catalogue entry: named with `kpi`, nil for a free-form KPI
	Touchpoint *Touchpoint
	// Twin is the entry whose title a free-form KPI's name matches: it
	// should name it with `kpi: SLUG`.
	Twin *KPIDef
	key  string
	name string // KPIName of Name, for a KPI outside the catalogue
}

// MatchName is KPIName of a KPI's Name where it has no catalogue entry
// (Def is nil): what free-form KPIs are grouped by. "" otherwise.
func (k *KPI) MatchName() string { return k.name }

// Key names the KPI in its touchpoint's history, as written (see
// content.KPI.Key): the name it gives, else its catalogue slug.
func (k *KPI) Key() string { return k.key }

// URL is the page of the KPI's catalogue entry, "" for a free-form KPI.
func (k *KPI) URL() string {
	if k.Def != nil {
		return k.Def.URL
	}
	if k.Twin != nil {
		return k.Twin.URL
	}
	return ""
}

// Competitor is a company touchpoints are benchmarked against. One named
// only in a touchpoint's `competitors` is Generated: it has no file, and
// its title is the name as written.
type Competitor struct {
	*content.Competitor
	URL        string
	Generated  bool
	Benchmarks []*Benchmark
}

// Benchmark is a competitor's scores at one touchpoint.
type Benchmark struct {
	content.Benchmark
	Competitor *Competitor
	Touchpoint *Touchpoint
}

// KPIName normalises a KPI's name for matching: lower case, inner spaces
// as one, NFC (as loaded).
func KPIName(s string) string {
	// ASCII names, the most, in one pass: every touchpoint's KPIs are
	// matched on every build.
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return strings.Join(strings.Fields(strings.ToLower(s)), " ")
		case c == ' ' || '\t' <= c && c <= '\r':
			if len(b) > 0 && b[len(b)-1] != ' ' {
				b = append(b, ' ')
			}
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, c)
		}
	}
	return strings.TrimSuffix(string(b), " ")
}

// indexCatalogue wraps the KPI catalogue and the competitors' files.
func (r *resolver) indexCatalogue() {
	seen := map[string]string{}
	for _, d := range r.c.KPIs {
		if d.Slug == "" {
			continue
		}
		if prev, ok := seen[d.Slug]; ok {
			r.diags.Errorf(d.File, d.Line("slug"), "rename one of them or set a different `slug`", "duplicate KPI slug %q: %s has it too", d.Slug, prev)
			continue
		}
		seen[d.Slug] = d.File
		sd := &KPIDef{KPIDef: d, URL: d.URLPath()}
		r.kpis[d.Slug] = sd
		r.s.KPIs = append(r.s.KPIs, sd)
	}
	clear(seen)
	for _, c := range r.c.Competitors {
		if c.Slug == "" {
			continue
		}
		if prev, ok := seen[c.Slug]; ok {
			r.diags.Errorf(c.File, c.Line("slug"), "rename one of them or set a different `slug`", "duplicate competitor slug %q: %s has it too", c.Slug, prev)
			continue
		}
		seen[c.Slug] = c.File
		sc := &Competitor{Competitor: c, URL: c.URLPath()}
		r.competitors[c.Slug] = sc
		r.s.Competitors = append(r.s.Competitors, sc)
	}
}

// linkCatalogue resolves the catalogue's owners; before the journeys, so
// that a team named only here gets its page like any owner.
func (r *resolver) linkCatalogue() {
	for _, d := range r.s.KPIs {
		if o := d.KPIDef.Owner; o != "" && !isNone(o) {
			d.Owner = r.team(o, d.Source, "owner")
		}
	}
	// A title in any language names the entry.
	for _, d := range r.s.KPIs {
		for _, t := range append([]string{d.Title}, mapValues(d.Titles)...) {
			if n := KPIName(t); n != "" {
				if _, ok := r.kpiTitles[n]; !ok {
					r.kpiTitles[n] = d
				}
			}
		}
	}
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, l := range content.Languages {
		if v, ok := m[l]; ok {
			out = append(out, v)
		}
	}
	return out
}

// touchpointKPIs resolves a touchpoint's KPIs against the catalogue.
func (r *resolver) touchpointKPIs(t *Touchpoint) {
	lang := r.c.Settings.Language
	for i, k := range t.Touchpoint.KPIs {
		sk := &KPI{KPI: k, Touchpoint: t, key: k.Key()}
		if k.Ref != "" {
			d, ok := r.kpis[k.Ref]
			if !ok {
				r.diags.Errorf(t.File, t.Line("kpis."+strconv.Itoa(i)+".kpi"), known("name a file in content/kpis/, or write the KPI out with `name`", k.Ref, keys(r.kpis)), "kpis[%d].kpi: no KPI %q in the catalogue", i+1, k.Ref)
				if sk.Name == "" {
					sk.Name = k.Ref
				}
			} else {
				sk.Def = d
				if sk.Name == "" {
					sk.Name = d.TitleIn(lang)
				}
				if sk.Unit == "" {
					sk.Unit = d.Unit
				}
				if sk.Better == "" {
					sk.Better = d.Better
				}
				if sk.Target == nil {
					sk.Target = d.KPIDef.Target
				}
				d.Uses = append(d.Uses, sk)
			}
			if sk.Better == "" {
				sk.Better = "higher"
			}
		}
		if sk.Def == nil {
			sk.name = KPIName(sk.Name)
		}
		if d, ok := r.kpiTitles[sk.name]; ok && k.Ref == "" {
			sk.Twin = d
			d.Uses = append(d.Uses, sk)
			r.diags.Warnf(t.File, t.Line("kpis."+strconv.Itoa(i)+".name"),
				"write `kpi: "+d.Slug+"` instead of its name, and leave out what the catalogue says (unit, better, target)",
				"kpis[%d]: %q is the catalogued KPI %q (%s)", i+1, k.Name, d.Slug, d.File)
		}
		t.KPIs = append(t.KPIs, sk)
	}
	r.opportunityKPIs(t)
}

// opportunityKPIs checks that each opportunity's `kpi` names a KPI of its
// touchpoint, where one of them is catalogued without a name of its own
// (the loader checks the others): by the name it inherits, the name it is
// written with, or a catalogued one by its slug.
func (r *resolver) opportunityKPIs(t *Touchpoint) {
	own := t.Touchpoint.KPIs
	if !slices.ContainsFunc(own, func(k content.KPI) bool { return k.Name == "" }) {
		return
	}
	inherited := make([]content.KPI, len(t.KPIs))
	for i, k := range t.KPIs {
		inherited[i] = k.KPI
	}
	for i, op := range t.Touchpoint.Opportunities {
		if op.KPI != "" && !content.NamesKPI(inherited, op.KPI) {
			r.diags.Errorf(t.File, t.Line("opportunities."+strconv.Itoa(i)+".kpi"), content.KPIHint(inherited, op.KPI), "opportunities[%d].kpi: no KPI %q on this touchpoint", i+1, op.KPI)
		}
	}
}

// touchpointCompetitors links a touchpoint's benchmarks to competitors,
// generating one for a name that has no file.
func (r *resolver) touchpointCompetitors(t *Touchpoint) {
	for i, b := range t.Touchpoint.Competitors {
		sb := &Benchmark{Benchmark: b, Touchpoint: t}
		if b.Name != "" {
			slug := content.Slugify(b.Name)
			c, ok := r.competitors[slug]
			if !ok {
				if err := content.CheckSlug(slug); err != nil {
					r.diags.Errorf(t.File, t.Line("competitors."+strconv.Itoa(i)+".name"), "name a competitor by its slug or a plain name", "competitors[%d].name: %q %s", i+1, b.Name, err)
				} else {
					c = &Competitor{Competitor: &content.Competitor{Meta: content.Meta{Slug: slug, Title: b.Name}}, URL: "competitors/" + slug + "/", Generated: true}
					r.competitors[slug] = c
					r.s.Competitors = append(r.s.Competitors, c)
				}
			}
			if c != nil {
				sb.Competitor = c
				c.Benchmarks = append(c.Benchmarks, sb)
			}
		}
		t.Competitors = append(t.Competitors, sb)
	}
}
