package render

import (
	"cmp"
	"html"
	"html/template"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cjm-portal/cjm/internal/rollup"
	"github.com/cjm-portal/cjm/internal/signature"
	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/words"
)

// GapView is a gap as the gaps page says it: a sentence about the
// customer's journey in the page's language, its items linked, and how an
// author fixes it. cjm check prints the gap's own Message and Hint.
type GapView struct {
	Rule     string
	Sentence template.HTML // escaped; titles linked, and marked with their language where it is not the page's
	Fix      template.HTML // escaped; YAML in <code>
	File     string
	Line     int
	Journey  *site.Journey // nil for a persona's gap
	Team     *site.Team    // the team that would fix it; nil for none
}

// JourneyKey and TeamKey name the view's journey and team for the page's
// filters: a slug, or "-" for none.
func (v GapView) JourneyKey() string {
	if v.Journey == nil {
		return "-"
	}
	return v.Journey.Slug
}

// TeamKey: see JourneyKey.
func (v GapView) TeamKey() string {
	if v.Team == nil {
		return "-"
	}
	return v.Team.Slug
}

// GapGroup is the gaps of one journey (or of the personas, with no
// journey) or of one team (or of none).
type GapGroup struct {
	Key   string // a slug, or "-"
	Title string
	URL   string // "" for the group of none
	Lang  string // the title's language where it is not the page's
	Gaps  []GapView
}

// GapViews says gaps in lang, in GapRules' order and, within a rule, in
// the gaps' order (by file and line).
func GapViews(s *site.Site, gaps []rollup.Gap, lang string, today time.Time) []GapView {
	order := make(map[string]int, len(GapRules))
	for i, r := range GapRules {
		order[r] = i
	}
	sorted := slices.Clone(gaps)
	slices.SortStableFunc(sorted, func(a, b rollup.Gap) int { return cmp.Compare(order[a.Rule], order[b.Rule]) })
	out := make([]GapView, 0, len(sorted))
	for _, g := range sorted {
		out = append(out, gapView(s, g, lang, today))
	}
	return out
}

// GroupGaps groups views by journey (the journeys' order, personas' gaps
// last) or, by "team", by team (the teams' order, gaps no team would fix
// last). Groups without gaps are left out.
func GroupGaps(s *site.Site, views []GapView, by, lang string) []GapGroup {
	var groups []GapGroup
	index := map[string]int{}
	add := func(key, title, url, l string) {
		index[key] = len(groups)
		groups = append(groups, GapGroup{Key: key, Title: title, URL: url, Lang: l})
	}
	if by == "team" {
		for _, t := range s.Teams {
			add(t.Slug, t.Title, t.URL, "")
		}
		add("-", words.Word(lang, "gaps-no-team"), "", "")
	} else {
		for _, j := range s.Journeys {
			add(j.Slug, j.Title, j.URL, foreignLang(s, lang, j))
		}
		add("-", words.Word(lang, "personas"), "personas/", "")
	}
	for _, v := range views {
		key := v.JourneyKey()
		if by == "team" {
			key = v.TeamKey()
		}
		if i, ok := index[key]; ok {
			groups[i].Gaps = append(groups[i].Gaps, v)
		}
	}
	return slices.DeleteFunc(groups, func(g GapGroup) bool { return len(g.Gaps) == 0 })
}

// gapView says one gap in lang.
func gapView(s *site.Site, g rollup.Gap, lang string, today time.Time) GapView {
	v := GapView{Rule: g.Rule, File: g.File, Line: g.Line, Journey: g.Journey, Team: g.Team}
	link := func(url, title, l string) string {
		return words.Word(lang, "quote-open") + `<a href="` + html.EscapeString(s.Base.Link(url)) + `"` + langAttr(l) + `>` + html.EscapeString(title) + `</a>` + words.Word(lang, "quote-close")
	}
	quoted := func(text, l string) string {
		if l == "" {
			return words.Word(lang, "quote-open") + html.EscapeString(text) + words.Word(lang, "quote-close")
		}
		return words.Word(lang, "quote-open") + `<span` + langAttr(l) + `>` + html.EscapeString(text) + `</span>` + words.Word(lang, "quote-close")
	}
	fill := map[string]string{"today": today.Format(time.DateOnly), "due": rollup.QuarterEnd(today)}
	var key, fix string
	switch it := g.Item.(type) {
	case *site.Touchpoint:
		l := foreignLang(s, lang, it)
		fill["tp"] = link(it.URL, it.Title, l)
		fill["stage"] = link(it.Stage.URL, it.Stage.Title, l)
		switch g.Rule {
		case rollup.RuleOwnerNone:
			key, fix = "gap-s-owner-none", "gap-fix-owner-none"
		case rollup.RuleNoOwner:
			key, fix = "gap-s-no-owner", "gap-fix-no-owner"
		case rollup.RulePainWithoutOpportunity:
			key, fix = "gap-s-pain", "gap-fix-pain"
			if g.Opportunity != nil {
				key = "gap-s-pain-done"
			}
			fill["emotion"] = html.EscapeString(hurtText(it, g.Hurt, lang))
			fill["importance"] = html.EscapeString(words.Word(lang, it.Importance))
		case rollup.RuleKPIIncomplete:
			switch {
			case g.KPI == nil:
			case g.KPI.Current == nil && g.KPI.Target == nil:
				key, fix = "gap-s-kpi-both", "gap-fix-kpi-both"
			case g.KPI.Target == nil:
				key, fix = "gap-s-kpi-target", "gap-fix-kpi-target"
			default:
				key, fix = "gap-s-kpi-current", "gap-fix-kpi-current"
			}
			if g.KPI != nil {
				fill["kpi"] = quoted(g.KPI.Name, l)
			}
		case rollup.RuleOverdue:
			key, fix = "gap-s-overdue", "gap-fix-overdue"
			if o := g.Opportunity; o != nil {
				fill["opp"] = quoted(o.Title, l)
				fill["date"] = html.EscapeString(words.Date(lang, o.Due))
				fill["status"] = html.EscapeString(words.Word(lang, o.Status))
			}
		}
	case *site.Journey:
		fill["journey"] = link(it.URL, it.Title, foreignLang(s, lang, it))
		fill["date"] = html.EscapeString(words.Date(lang, g.Last))
		fill["days"] = html.EscapeString(words.Count(lang, g.Days, "day"))
		key, fix = "gap-s-stale", "gap-fix-stale"
		if g.Committed {
			key = "gap-s-stale-committed"
		}
	case *site.Persona:
		fill["persona"] = link(it.URL, it.Title, "")
		fill["slug"] = html.EscapeString(it.Slug)
		key, fix = "gap-s-persona", "gap-fix-persona"
	}
	if key == "" { // a rule this page does not know: say it as cjm check does
		v.Sentence = template.HTML(html.EscapeString(g.Message))
		v.Fix = codeSpans(html.EscapeString(g.Hint))
		return v
	}
	v.Sentence = template.HTML(fillIn(html.EscapeString(words.Word(lang, key)), fill))
	v.Fix = codeSpans(fillIn(html.EscapeString(words.Word(lang, fix)), fill))
	return v
}

// hurtText says how much a touchpoint hurts: "−2, very negative" when
// every persona feels the same, else who feels what, "Tomas −2, Irina −1".
func hurtText(t *site.Touchpoint, hurt []site.Feeling, lang string) string {
	if v := t.Unanimous(); v != nil {
		return signedNum(float64(*v)) + ", " + words.EmotionWord(lang, *v)
	}
	parts := make([]string, len(hurt))
	for i, f := range hurt {
		parts[i] = f.Persona.Name() + " " + signedNum(float64(f.Value))
	}
	return strings.Join(parts, ", ")
}

// placeholder is a {name} in a word to fill in: lower-case letters and
// hyphens between braces, so that YAML's own braces stay as written.
var placeholder = regexp.MustCompile(`\{[a-z-]+\}`)

// fillIn puts each {name} of text (already escaped) in its place from
// fill, leaving unknown names as written.
func fillIn(text string, fill map[string]string) string {
	return placeholder.ReplaceAllStringFunc(text, func(m string) string {
		if v, ok := fill[m[1:len(m)-1]]; ok {
			return v
		}
		return m
	})
}

// codeSpans turns `text` in escaped HTML into <code>text</code>.
func codeSpans(s string) template.HTML {
	var b strings.Builder
	for i, part := range strings.Split(s, "`") {
		if i%2 == 1 {
			b.WriteString("<code>" + part + "</code>")
		} else {
			b.WriteString(part)
		}
	}
	return template.HTML(b.String()) // every part was escaped by the caller
}

func langAttr(l string) string {
	if l == "" {
		return ""
	}
	return ` lang="` + html.EscapeString(l) + `"`
}

// GapTally is how many gaps of each rule a team (or no team) would fix,
// for the gaps page's table by team.
type GapTally struct {
	Key, Title, URL string
	Counts          map[string]int // by rule
	Total           int
}

// TallyGaps counts views by team and rule: the teams in the site's order,
// the gaps no team would fix last; teams without gaps are left out. The
// last tally is the total of all, its Key "".
func TallyGaps(s *site.Site, views []GapView, lang string) []GapTally {
	var out []GapTally
	index := map[string]int{}
	add := func(key, title, url string) {
		index[key] = len(out)
		out = append(out, GapTally{Key: key, Title: title, URL: url, Counts: map[string]int{}})
	}
	for _, t := range s.Teams {
		add(t.Slug, t.Title, t.URL)
	}
	add("-", words.Word(lang, "gaps-no-team"), "")
	total := GapTally{Title: words.Word(lang, "all"), Counts: map[string]int{}}
	for _, v := range views {
		t := &out[index[v.TeamKey()]]
		t.Counts[v.Rule]++
		t.Total++
		total.Counts[v.Rule]++
		total.Total++
	}
	out = slices.DeleteFunc(out, func(t GapTally) bool { return t.Total == 0 })
	return append(out, total)
}

// RulesOf lists the rules views have gaps of, in GapRules' order.
func RulesOf(views []GapView) []string {
	var out []string
	for _, r := range GapRules {
		if slices.ContainsFunc(views, func(v GapView) bool { return v.Rule == r }) {
			out = append(out, r)
		}
	}
	return out
}

// GapsSum is what the gaps page shows of each gap, for its signature
// (see package signature): as cjm check says it,
// and as the page does (the build's date is in every page's sum already),
// with the teams and journeys it is grouped and filtered by.
func GapsSum(s *site.Site, gaps []rollup.Gap) uint64 {
	f := signature.NewFields()
	for _, g := range gaps {
		it := gapItem(g.Item)
		f.Add(g.Rule, g.File, strconv.Itoa(g.Line), g.Message, g.Hint, it.Title, it.URL, it.Context)
	}
	for _, v := range GapViews(s, gaps, s.Settings.Language, time.Time{}) {
		f.Add(string(v.Sentence), string(v.Fix), v.JourneyKey(), v.TeamKey())
	}
	for _, t := range s.Teams {
		f.Add(t.Slug, t.Title, t.URL)
	}
	for _, j := range s.Journeys {
		f.Add(j.Slug, j.Title, j.URL, j.Language)
	}
	return f.Sum64()
}
