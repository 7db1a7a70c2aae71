package render

import (
	"fmt"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/rollup"
	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/swimlane"
	"github.com/cjm-portal/cjm/internal/words"
)

// FuncsIn returns the functions templates may call for site s, on pages
// in language lang: every word the functions say, and every partial they
// render, is in lang. now is the build's date, against which due dates
// are overdue; tests fix it. cards renders the cards many pages repeat,
// kept between builds; nil renders them every time.
func FuncsIn(s *site.Site, lang string, now time.Time, gaps []rollup.Gap, cards *Partials) template.FuncMap {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return template.FuncMap{
		// url makes every internal link, from a path relative to the site root.
		"url": s.Base.Link,
		// abs makes an absolute URL where the base URL has a host.
		"abs": s.Base.Abs,
		// t looks up an interface word in the site's language.
		"t": func(key string) string { return words.Word(lang, key) },
		// tw looks up the word for an enum value, keeping unknown values as written.
		"tw": func(v string) string {
			if w, ok := words.Lookup(lang, v); ok {
				return w
			}
			return v
		},
		"date":         func(t time.Time) string { return words.Date(lang, t) },
		"isoDate":      func(t time.Time) string { return t.Format("2006-01-02") },
		"num":          FormatNumber,
		"percent":      func(v float64) string { return Percent(v) },
		"emotionWord":  func(e int) string { return words.EmotionWord(lang, e) },
		"emotionClass": emotionClass,
		"kpiValue":     swimlane.KPIValue,
		// kpiStatus says whether a KPI is met: "met", "missed" or "unmeasured".
		"kpiStatus":    KPIStatus,
		"emotionSign":  func(e int) string { return signed(e) },
		"channelTitle": func(c *site.Channel) string { return swimlane.ChannelName(lang, c) },
		// langOf is the language an item is written in where it is not the
		// page's: a journey's own, for the journey, its stages, touchpoints
		// and opportunities; "" else. Pages mark such a title with `lang`.
		"langOf": func(item any) string { return foreignLang(s, lang, item) },
		// channelsOf keeps the site's channels of one kind: online, offline, or "" for those nobody said.
		"channelsOf": func(kind string) []*site.Channel {
			var out []*site.Channel
			for _, c := range s.Channels {
				if c.Kind == kind {
					out = append(out, c)
				}
			}
			return out
		},
		"overdue": func(o *site.Opportunity) bool { return rollup.Overdue(o, today) },
		"editURL": func(file string) string {
			if s.Settings.EditURL == "" || file == "" {
				return ""
			}
			return strings.TrimSuffix(s.Settings.EditURL, "/") + "/" + file
		},
		"join":      strings.Join,
		"hasPrefix": strings.HasPrefix,
		// card renders a partial for an item, from the cache of cards when
		// one is given: {{card "partials/touchpoint-card.html" .}}.
		"card": func(name string, item any) (template.HTML, error) {
			if cards == nil {
				return "", fmt.Errorf("card %s: no cache of cards", name)
			}
			return cards.card(name, lang, item)
		},
		// cached renders a partial once per build for each key, and gives the
		// same HTML to every page with that key: the partial must show
		// nothing of the page but what the key says.
		// {{cached "partials/footer.html" .}} is one footer for all pages;
		// {{cached "partials/header.html" . .Kind}} one header per kind.
		"cached": func(name string, data any, key ...any) (template.HTML, error) {
			if cards == nil {
				return "", fmt.Errorf("cached %s: no cache of partials", name)
			}
			return cards.cached(name, lang, data, fmt.Sprint(key...))
		},
		// summary rolls up a journey, stage, persona, team or the whole site: counts, means, KPIs, health.
		"summary": func(item any) (rollup.Summary, error) {
			switch it := item.(type) {
			case *site.Journey:
				return rollup.Journey(it, today), nil
			case *site.Stage:
				return rollup.Stage(it, today), nil
			case *site.Persona:
				return rollup.Persona(it, today), nil
			case *site.Team:
				return rollup.Team(it, today), nil
			case *site.Site:
				return rollup.Of(rollup.InState(it.Touchpoints, "current"), today), nil
			}
			return rollup.Summary{}, fmt.Errorf("summary: cannot roll up %T", item)
		},
		// summaryToBe rolls up the to-be journeys of a persona, team or .Site,
		// which summary leaves out: summary says how things are today.
		"summaryToBe": func(item any) (rollup.Summary, error) {
			switch it := item.(type) {
			case *site.Persona:
				return rollup.PersonaToBe(it, today), nil
			case *site.Team:
				return rollup.TeamToBe(it, today), nil
			case *site.Site:
				return rollup.Of(rollup.InState(it.Touchpoints, "target"), today), nil
			}
			return rollup.Summary{}, fmt.Errorf("summaryToBe: cannot roll up %T", item)
		},
		// healthLow says a journey's health is under half: most weight on painful moments.
		"healthLow": func(v float64) bool { return v < 50 },
		// round1 rounds to one decimal, for display.
		"round1": rollup.Round1,
		// pct writes a share from 0 to 100 with one decimal at most: "66.7 %".
		"pct": func(v float64) string { return FormatNumber(rollup.Round1(v)) + " %" },
		// funnel draws the share of customers reaching each stage of a journey.
		"funnel": func(j *site.Journey) template.HTML { return template.HTML(drawFunnel(j, s.Base.Link, lang)) }, // escaped by swimlane
		// gaps lists what the maps do not say yet (package rollup's rules).
		"gaps": func() []rollup.Gap { return gaps },
		// gapRules are the rules, in the order the gaps page shows them.
		"gapRules": func() []string { return GapRules },
		// gapsOf keeps the gaps of one rule.
		"gapsOf": func(list []rollup.Gap, rule string) []rollup.Gap {
			var out []rollup.Gap
			for _, g := range list {
				if g.Rule == rule {
					out = append(out, g)
				}
			}
			return out
		},
		// gapItem names the item a gap concerns, with its page.
		"gapItem": gapItem,
		// gapViews says every gap as a sentence in the page's language (see GapView).
		"gapViews": func() []GapView { return GapViews(s, gaps, lang, today) },
		// gapGroups groups gap views by "journey" or by "team".
		"gapGroups": func(views []GapView, by string) []GapGroup { return GroupGaps(s, views, by, lang) },
		// gapTally counts gap views by team and rule, the total last.
		"gapTally": func(views []GapView) []GapTally { return TallyGaps(s, views, lang) },
		// gapRulesOf lists the rules gap views have gaps of.
		"gapRulesOf": RulesOf,
		// opportunityBoard is every opportunity, by status.
		"opportunityBoard": func() []OpportunityGroup { return OpportunityBoard(s) },
		// opportunityList is every opportunity in the board's order.
		"opportunityList": func() []*site.Opportunity { return OpportunityList(s) },
		// opportunityMatrix draws the impact × effort matrix (see OpportunityMatrix).
		"opportunityMatrix": func(items []*site.Opportunity) template.HTML { return OpportunityMatrix(items, lang, today) },
		// opportunityFilters are the teams and journeys the board filters by.
		"opportunityFilters": func(items []*site.Opportunity) map[string][]FilterOption {
			teams, journeys := OpportunityFilters(items, lang)
			return map[string][]FilterOption{"Teams": teams, "Journeys": journeys}
		},
		// opportunityRows writes the board's rows (see OpportunityRows).
		"opportunityRows": func(items []*site.Opportunity) template.HTML {
			return opportunityRows(s, items, lang, today, cards)
		},
		// heatmap is mean emotion by journey and stage, and by channel and stage.
		"heatmap": func() Heatmap { return NewHeatmap(s, lang) },
		// signedNum writes a mean with its sign and one decimal: +1.5, -0.3, 0.
		"signedNum": signedNum,
		// list makes a slice of its arguments.
		"list": func(v ...any) []any { return v },
		// dict makes a map from key, value pairs, to hand a partial more than one value.
		"dict": dict,
		// pad ranges over the cells a row of have cells lacks to reach want.
		"pad": func(have, want int) []struct{} { return make([]struct{}, max(want-have, 0)) },
		// add sums whole numbers: {{add $i 1}} counts from one.
		"add": func(a, b int) int { return a + b },
		// count writes a number with its noun in the language's plural form: "5 этапов".
		"count": func(n int, noun string) string { return words.Count(lang, n, noun) },
		// slugs are the slugs of personas, journeys or teams, space-separated, for a filter's value.
		"slugs": slugList,
		// journeyTags are the tags of the site's journeys, once each, by their slugs' order.
		"journeyTags": func() []Tag { return JourneyTags(s.Journeys) },
		// journeyTeams are the teams that own journeys, in the site's order.
		"journeyTeams": func() []*site.Team {
			var out []*site.Team
			for _, t := range s.Teams {
				if len(t.Journeys) > 0 {
					out = append(out, t)
				}
			}
			return out
		},
		// dataPage reports whether the portal has its data page at /data/ (a page of its own may take the URL).
		"dataPage": func() bool {
			return slices.ContainsFunc(s.Routes, func(r site.Route) bool { return r.Kind == "data" })
		},
		// emotionFace draws an emotion from -2 to 2 as a small face, for pages (never an emoji).
		"emotionFace": EmotionFace,
		// journeyGroups groups journeys by their personas, as-is before to-be.
		"journeyGroups": func(js []*site.Journey) []JourneyGroup { return GroupJourneys(s.Personas, js) },
		// kpiGroups is every KPI of the portal: the catalogue's, then the free-form ones by name.
		"kpiGroups": func() []KPIGroup { return KPIGroups(s, lang) },
		// kpiTitle is a catalogue entry's title in the site's language.
		"kpiTitle": func(d *site.KPIDef) string { return d.TitleIn(lang) },
		// kpiUseRows writes the rows of a table of KPIs where measured (see writeKPIUseRows).
		"kpiUseRows": func(uses []*site.KPI) template.HTML {
			var b strings.Builder
			b.Grow(len(uses) * 700)
			writeKPIUseRows(&b, s, uses, lang, cards)
			return template.HTML(b.String()) // every text escaped
		},
		// kpiGroupsHTML writes the KPI page's index and groups (see KPIGroupsHTML).
		"kpiGroupsHTML": func(groups []KPIGroup) template.HTML { return kpiGroupsHTML(s, groups, lang, cards) },
		// benchmark compares us with each competitor, journey by journey, stage by stage.
		"benchmark": func() []BenchJourney { return Benchmark(s) },
		// benchTally counts the benchmark's comparisons by who leads.
		"benchTally": Tally,
		// lead says who leads between our score and theirs: "lead", "lag", "level" or "".
		"lead": Lead,
		// mul100 turns a share into a percentage: 0.62 → 62.
		"mul100": func(v float64) float64 { return math.Round(v*1e4) / 100 },
		// money writes a lifetime value with the site's currency: "1240 EUR".
		"money": func(v float64) string { return swimlane.Money(v, s.Settings.Currency) },
		// sparkline draws a journey's emotion curve small, for its card.
		"sparkline": func(j *site.Journey) template.HTML { return template.HTML(swimlane.Sparkline(j, lang)) },
	}
}

// FormatNumber writes a number without trailing zeros: 4, 4.2, 0.35.
func FormatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// Percent writes a share as a percentage to two decimals at most, without
// the float noise of the product (0.55 × 100 is 55.00000000000001): 55 %.
func Percent(v float64) string {
	return FormatNumber(math.Round(v*1e4)/100) + " %"
}

// EmotionFace draws emotion e (-2 to 2) as a face of 1em whose mouth bends
// with it, in the text's colour, as the map draws its faces; pages write
// the number and the word beside it, so that neither colour nor the face
// alone tells the feeling. The face is decoration: aria-hidden.
func EmotionFace(e int) template.HTML {
	e = min(max(e, -2), 2)
	bend := float64(e) * 2.2
	y := 13.5 - bend/2
	return template.HTML(fmt.Sprintf(`<svg class="face-icon" viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">`+
		`<circle cx="10" cy="10" r="8.6" fill="none" stroke="currentColor" stroke-width="1.8"/>`+
		`<circle cx="6.6" cy="7.6" r="1.4" fill="currentColor"/><circle cx="13.4" cy="7.6" r="1.4" fill="currentColor"/>`+
		`<path d="M5.5 %sQ10 %s 14.5 %s" fill="none" stroke="currentColor" stroke-width="1.7" stroke-linecap="round"/></svg>`,
		FormatNumber(y), FormatNumber(13.5+bend), FormatNumber(y)))
}

func signed(e int) string {
	if e > 0 {
		return "+" + strconv.Itoa(e)
	}
	return strconv.Itoa(e)
}

func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict wants key, value pairs; got %d arguments", len(kv))
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

func signedNum(v float64) string {
	r := math.Round(v*10) / 10
	switch {
	case r > 0:
		return "+" + FormatNumber(r)
	case r < 0:
		return "−" + FormatNumber(-r)
	}
	return "0"
}

// GapRules are rollup's rules, in the order the gaps page shows them: who
// owns what first, then plans, measures, dates and coverage.
var GapRules = []string{
	rollup.RuleOwnerNone, rollup.RuleNoOwner, rollup.RulePainWithoutOpportunity,
	rollup.RuleKPIIncomplete, rollup.RuleOverdue, rollup.RuleStaleJourney, rollup.RulePersonaWithoutJourney,
}

// GapItem is what the gaps page says of a gap's item.
type GapItem struct{ Title, URL, Context string }

func gapItem(item any) GapItem {
	switch it := item.(type) {
	case *site.Touchpoint:
		return GapItem{it.Title, it.URL, it.Journey.Title + " › " + it.Stage.Title}
	case *site.Journey:
		return GapItem{Title: it.Title, URL: it.URL}
	case *site.Persona:
		return GapItem{Title: it.Title, URL: it.URL}
	}
	return GapItem{}
}

// foreignLang is the language of item's journey when it is not lang, the
// page's; "" when it is, or when item belongs to no journey.
func foreignLang(s *site.Site, lang string, item any) string {
	j := itemJourney(item)
	if l := s.Lang(j); j != nil && l != lang {
		return l
	}
	return ""
}

// drawFunnel draws a journey's funnel, or nothing when no stage gives a
// conversion.
func drawFunnel(j *site.Journey, link func(string) string, lang string) []byte {
	steps := rollup.Funnel(j)
	known := false
	out := make([]swimlane.FunnelStep, len(steps))
	for i, st := range steps {
		known = known || st.Conversion != nil
		out[i] = swimlane.FunnelStep{Label: st.Stage.Title, URL: st.Stage.URL, Reaching: st.Reaching, Unknown: st.Unknown}
	}
	if !known {
		return nil
	}
	return swimlane.Funnel(out, swimlane.Options{Lang: lang, Link: link})
}

// KPIStatus says whether a KPI is met, honouring `better: lower`: "met",
// "missed", or "unmeasured" when its current or target value is missing.
// The words are the interface words kpi-met, kpi-missed, kpi-unmeasured.
// It takes a touchpoint's KPI (*site.KPI) or a content.KPI.
func KPIStatus(kpi any) (string, error) {
	var k content.KPI
	switch v := kpi.(type) {
	case *site.KPI:
		k = v.KPI
	case content.KPI:
		k = v
	default:
		return "", fmt.Errorf("kpiStatus: %T is not a KPI", kpi)
	}
	switch rollup.KPI(k) {
	case rollup.KPIMet:
		return "met", nil
	case rollup.KPINotMet:
		return "missed", nil
	}
	return "unmeasured", nil
}
