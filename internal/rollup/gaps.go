package rollup

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/diag"
	"github.com/cjm-portal/cjm/internal/site"
)

// The rules of Gaps, stable ids for filtering and for tests.
const (
	RuleOwnerNone              = "owner-none"
	RuleNoOwner                = "no-owner"
	RulePainWithoutOpportunity = "pain-without-opportunity"
	RuleKPIIncomplete          = "kpi-incomplete"
	RuleOverdue                = "overdue"
	RuleStaleJourney           = "stale-journey"
	RulePersonaWithoutJourney  = "persona-without-journey"
)

// DefaultStaleAfter is how long a journey may go without an update before
// it is stale, when Options.StaleAfter is 0: 180 days.
const DefaultStaleAfter = 180 * 24 * time.Hour

// Gap is something a CX team should fill in or fix: not an error, the
// site builds, but the map is less useful as a management tool.
type Gap struct {
	Rule    string // stable id: one of the Rule constants
	File    string // slash path relative to the site folder
	Line    int
	Message string       // what is wrong, lower case, names the item; in English, for cjm check
	Hint    string       // what would be right, in English
	Item    content.Item // the *site.Touchpoint, *site.Journey or *site.Persona it concerns

	// What pages need to say the gap in any language.
	Journey *site.Journey // the journey it is in, or is; nil for a persona
	Team    *site.Team    // the team that would fix it: the touchpoint's or journey's owner, an overdue opportunity's; nil for none
	KPI     *content.KPI  // kpi-incomplete: the KPI
	// Opportunity is the overdue opportunity (overdue), or the last done
	// one of a touchpoint that still hurts (pain-without-opportunity).
	Opportunity *site.Opportunity
	Hurt        []site.Feeling // pain-without-opportunity: who feels -1 or -2
	Last        time.Time      // stale-journey: its last update
	Committed   bool           // stale-journey: Last is the last commit, not `updated`
	Days        int            // stale-journey: days since Last
}

// Options tune Gaps.
type Options struct {
	Today time.Time
	// StaleAfter is how old a journey's last update may be; 0 (or less)
	// means DefaultStaleAfter, 180 days.
	StaleAfter time.Duration
	// Committed returns when a file was last committed (git), for journeys
	// without `updated`; nil or ok=false means unknown, and then the
	// journey is not judged stale.
	Committed func(file string) (time.Time, bool)
}

// Gaps lists the gaps in s, sorted by file, line and rule. The rules, each
// applied to every touchpoint, journey or persona of the site (target
// journeys included):
//
//   - owner-none: a touchpoint says `owner: none` (site.Touchpoint.OwnerNone).
//     Line of `owner`.
//   - no-owner: a touchpoint has no `owner` key, or an empty one (Owner nil,
//     not OwnerNone, and no owner written: an owner naming no team file
//     under `requireTeams` is already an error). Line of the front
//     matter's start.
//   - pain-without-opportunity: a touchpoint whose importance is high or
//     critical and where some persona feels -1 or -2 has no open
//     opportunity: it has none, or all of them are done (the map still says
//     it hurts, so the done work did not fix it). The message names who
//     hurts when the personas feel differently. Line of `emotion`, or of
//     the first persona who hurts in its map.
//   - kpi-incomplete: a KPI lacks its target, its current value, or both;
//     one gap per KPI, at the line of its missing key, which is the line of
//     the KPI item (`kpis.N`).
//   - overdue: an opportunity is not done and its due date is before
//     today's date; one gap per opportunity, at the line of its `due`.
//   - stale-journey: a journey's last update is more than StaleAfter before
//     today, counting whole calendar days (exactly StaleAfter is not stale).
//     The last update is `updated` if given (line of `updated`), else
//     Committed of the journey's _index.md (line of the front matter's
//     start); a journey with neither is not judged.
//   - persona-without-journey: no journey names the persona in `personas`.
//     Line of the front matter's start.
func Gaps(s *site.Site, o Options) []Gap {
	staleAfter := o.StaleAfter
	if staleAfter <= 0 {
		staleAfter = DefaultStaleAfter
	}
	var gaps []Gap
	add := func(rule, file string, line int, item content.Item, hint, format string, args ...any) *Gap {
		g := Gap{Rule: rule, File: file, Line: line, Message: diag.Sprintf(format, args...), Hint: hint, Item: item}
		switch it := item.(type) {
		case *site.Touchpoint:
			g.Journey, g.Team = it.Journey, it.Owner
		case *site.Journey:
			g.Journey, g.Team = it, it.Owner
		}
		gaps = append(gaps, g)
		return &gaps[len(gaps)-1]
	}
	for _, t := range s.Touchpoints {
		name := lazyName{t: t} // formatted only for a touchpoint with a gap
		switch {
		case t.OwnerNone:
			add(RuleOwnerNone, t.File, t.Line("owner"), t,
				"assign a team when one takes it on: `owner: TEAM`",
				"%s: nobody owns this touchpoint (`owner: none`)", name)
		case t.Owner == nil && t.Touchpoint.Owner == "":
			add(RuleNoOwner, t.File, t.Start, t,
				"add `owner: TEAM`, or `owner: none` if nobody owns it yet",
				"%s has no owner", name)
		}
		if hurt := hurting(t); len(hurt) > 0 && (t.Importance == "high" || t.Importance == "critical") && !hasOpen(t) {
			why := "and no opportunity to fix it"
			if len(t.Opportunities) > 0 {
				why = "and all its opportunities are done"
			}
			g := add(RulePainWithoutOpportunity, t.File, t.Line("emotion."+hurt[0].Persona.Slug), t,
				"add an opportunity with an owner and a due date, e.g. `opportunities: [{title: ..., owner: TEAM, due: "+QuarterEnd(o.Today)+"}]`",
				"%s hurts (emotion %s, importance %s) %s", name, lazyHurt{t, hurt}, t.Importance, why)
			g.Hurt = hurt
			if n := len(t.Opportunities); n > 0 {
				g.Opportunity = t.Opportunities[n-1]
			}
		}
		for i, k := range t.KPIs {
			key := "kpis." + strconv.Itoa(i)
			kpi := lazyKPI{name, k.Name} // most KPIs have no gap
			var g *Gap
			switch {
			case k.Current == nil && k.Target == nil:
				g = add(RuleKPIIncomplete, t.File, t.Line(key), t,
					"add `current:`, the value measured now, and `target:`, the value aimed for",
					"%s has neither a current value nor a target", kpi)
			case k.Target == nil:
				g = add(RuleKPIIncomplete, t.File, t.Line(key+".target"), t,
					"add `target:`, the value the team aims for",
					"%s has no target", kpi)
			case k.Current == nil:
				g = add(RuleKPIIncomplete, t.File, t.Line(key+".current"), t,
					"add `current:`, the value measured now",
					"%s has no current value", kpi)
			}
			if g != nil {
				g.KPI = &t.KPIs[i].KPI
			}
		}
		for i, op := range t.Opportunities {
			if Overdue(op, o.Today) {
				g := add(RuleOverdue, t.File, t.Line("opportunities."+strconv.Itoa(i)+".due"), t,
					"finish it and set `status: done`, or move `due` to a new date",
					"%s: opportunity %q was due on %s and is not done (status: %s)", name, op.Title, op.Due.Format(time.DateOnly), op.Status)
				g.Opportunity = op
				if op.Owner != nil {
					g.Team = op.Owner
				}
			}
		}
	}
	for _, j := range s.Journeys {
		last, line, what := j.Updated, j.Line("updated"), "updated"
		if last.IsZero() {
			var ok bool
			if o.Committed == nil {
				continue
			}
			if last, ok = o.Committed(j.File); !ok || last.IsZero() {
				continue
			}
			line, what = j.Start, "committed"
		}
		age := day(o.Today).Sub(day(last))
		if age > staleAfter {
			g := add(RuleStaleJourney, j.File, line, j,
				"review the map with the team and set `updated: "+day(o.Today).Format(time.DateOnly)+"`",
				"journey %q (%s) was last %s on %s, %d days ago (more than %d)", j.Title, j.Slug, what, last.Format(time.DateOnly), int(age/(24*time.Hour)), int(staleAfter/(24*time.Hour)))
			g.Last, g.Committed, g.Days = last, what == "committed", int(age/(24*time.Hour))
		}
	}
	for _, p := range s.Personas {
		if len(p.Journeys) == 0 {
			add(RulePersonaWithoutJourney, p.File, p.Start, p,
				"name it in a journey's `personas`, e.g. `personas: ["+p.Slug+"]`, or remove the persona",
				"persona %q (%s) is in no journey", p.Title, p.Slug)
		}
	}
	slices.SortStableFunc(gaps, func(a, b Gap) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Rule, b.Rule))
	})
	return gaps
}

// Diagnostic turns the gap into a diagnostic for `cjm check`.
func (g Gap) Diagnostic() diag.Diagnostic {
	return diag.Diagnostic{File: g.File, Line: g.Line, Severity: diag.Gap, Message: g.Message, Hint: g.Hint}
}

// hurting returns the feelings of -1 or -2 at t, in the journey's order of
// personas.
func hurting(t *site.Touchpoint) []site.Feeling {
	var out []site.Feeling
	for _, f := range t.Feelings {
		if f.Value <= -1 {
			out = append(out, f)
		}
	}
	return out
}

// lazyHurt says how much a touchpoint hurts: "-2" when every persona feels
// the same, else who feels what, "-2 for tomas and -1 for irina".
type lazyHurt struct {
	t    *site.Touchpoint
	hurt []site.Feeling
}

func (h lazyHurt) String() string {
	if v := h.t.Unanimous(); v != nil {
		return strconv.Itoa(*v)
	}
	parts := make([]string, len(h.hurt))
	for i, f := range h.hurt {
		parts[i] = fmt.Sprintf("%d for %s", f.Value, f.Persona.Slug)
	}
	if n := len(parts); n > 1 {
		return strings.Join(parts[:n-1], ", ") + " and " + parts[n-1]
	}
	return parts[0]
}

func hasOpen(t *site.Touchpoint) bool {
	return slices.ContainsFunc(t.Opportunities, Open)
}

// QuarterEnd is the last day of the quarter after today's, a plausible due
// date for the example in a hint; a fixed date when today is unknown.
func QuarterEnd(today time.Time) string {
	if today.IsZero() {
		return "2027-03-31"
	}
	y, m, _ := today.Date()
	q := (int(m)-1)/3 + 1 // 1 to 4
	// The first day of the quarter two after this one, minus a day.
	first := time.Date(y, time.Month(3*(q+1)+1), 1, 0, 0, 0, 0, time.UTC)
	return first.AddDate(0, 0, -1).Format(time.DateOnly)
}

// lazyName says a touchpoint in messages, `touchpoint "Title" (journey/slug)`,
// formatting it only when a message needs it: most touchpoints have no gap.
type lazyName struct{ t *site.Touchpoint }

func (n lazyName) String() string { return diag.Sprintf("touchpoint %q (%s)", n.t.Title, n.t.Ref) }

// lazyKPI says a touchpoint's KPI in messages: `touchpoint "Title"
// (journey/slug): KPI "CSI"`.
type lazyKPI struct {
	t    lazyName
	name string
}

func (k lazyKPI) String() string { return diag.Sprintf("%s: KPI %q", k.t.String(), k.name) }
