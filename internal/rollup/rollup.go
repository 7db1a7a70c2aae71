// Package rollup sums up touchpoints for the pages and checks that a CX team
// reads: per stage, journey, persona and team (Summary), the funnel of a
// journey (Funnel), a journeys × stages heatmap of emotion (Heat), and the
// gaps worth fixing in the content (Gaps). It does no I/O and changes
// nothing in the site it is given.
//
// Every roll-up counts every touchpoint it is given, children (touchpoints
// with a `parent`) included: a journey's, stage's or team's touchpoints are
// its flat list, and a child is a touchpoint in its own right, with its own
// emotion, KPIs and opportunities. Nothing is counted twice within one
// Summary of a persona, which may span several journeys.
//
// Emotion is counted by feeling: how one persona of the journey feels at
// one touchpoint (site.Feeling). A plain `emotion` in a journey of N
// personas is N equal feelings, so within a journey it weighs as one value
// would; `emotion: {irina: 1, tomas: -2}` is two. A persona's Summary
// counts that persona's own feelings only.
//
// Dates are compared by calendar day: "today" is the date of the time
// passed in, in its own location, and due and updated dates are dates.
// A zero today makes nothing overdue or stale.
package rollup

import (
	"cmp"
	"math"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/site"
)

// Summary sums up a set of touchpoints.
type Summary struct {
	Touchpoints int // all touchpoints, children included
	WithEmotion int // those with at least one feeling
	// MeanEmotion is the mean of the feelings, from -2 to 2; nil if no
	// touchpoint has one.
	MeanEmotion *float64
	Painful     int // touchpoints where some persona feels -1 or -2

	// CSI, NPS and Conversion are the means of `metrics.csi`, `metrics.nps`
	// and `metrics.conversion` over the touchpoints that have each; a
	// touchpoint without a value does not count as zero. nil if none has it.
	CSI, NPS, Conversion *float64
	// Retention, CES and LTV are the means of `metrics.retention`,
	// `metrics.ces` and `metrics.ltv` the same way.
	Retention, CES, LTV *float64

	// KPIs counts every KPI. One is met when both its current and target
	// values are known and current >= target (`better: higher`, the
	// default) or current <= target (`better: lower`), and not met when
	// both are known and it is not met. A KPI missing either value is
	// neither, so KPIs >= KPIsMet + KPIsNotMet.
	KPIs, KPIsMet, KPIsNotMet int

	// Opportunities counts every opportunity on the touchpoints; open ones
	// have a status other than done (no status reads as `idea`, open);
	// overdue ones are open and have a due date before today.
	Opportunities, OpenOpportunities, Overdue int

	// Health is the journey health, from 0 to 100; see HealthOf. nil when no
	// touchpoint has an emotion.
	Health *float64

	// Evidence counts touchpoints by their `source` key: interview,
	// survey, analytics, assumption, and "" for those that give none. Keys
	// with no touchpoint are absent; the map is never nil.
	Evidence map[string]int

	// Notes counts the entries of the touchpoints' lists (actions,
	// questions, barriers, pains, gains, influencers, processes) the same
	// way, by what each rests on: its own `source`, else its touchpoint's.
	Notes map[string]int
}

// Weight is how much a touchpoint of the given importance counts in
// Health: low 1, medium 2, high 3, critical 4; no (or an unknown)
// importance weighs 2, as medium.
func Weight(importance string) float64 {
	switch importance {
	case "low":
		return 1
	case "high":
		return 3
	case "critical":
		return 4
	}
	return 2
}

// HealthOf computes journey health over tps:
//
// Health is the share of what customers go through that is not bad,
// counting more important touchpoints more. It is made of scores from 0
// to 1, each weighed by its touchpoint's importance: low 1, medium 2, high
// 3, critical 4, and 2 (as medium) when no importance is given:
//
//   - every feeling (how one persona feels at one touchpoint) scores 1 when
//     it is 0 or better, else 0;
//   - a touchpoint's `metrics.ces` (1 very easy to 7 very hard) scores
//     (7 − ces) / 6;
//   - its `metrics.retention` (0 to 1) scores as it is.
//
// Then
//
//	Health = 100 × (sum of weight × score) / (sum of the weights)
//
// For example, a critical touchpoint at +1, a medium one at 0 and a high
// one at -2 give 100 × (4+2) / (4+2+3) = 66.67, whether the journey has one
// persona or three (a plain emotion is every persona's); give the medium
// one `ces: 4` as well and it is 100 × (4+2+2×0.5) / (4+2+3+2) = 63.64.
// Emotion 0 (neutral) counts as healthy. The result is not rounded (see
// Round1 for display); it is nil when no touchpoint has a feeling, a CES
// or a retention.
func HealthOf(tps []*site.Touchpoint) *float64 { return health(tps, nil) }

// health is HealthOf over the feelings of persona p, or of everyone when p
// is nil. The metrics count for every persona.
func health(tps []*site.Touchpoint, p *site.Persona) *float64 {
	var good, all float64
	for _, t := range tps {
		w := Weight(t.Importance)
		for _, f := range t.Feelings {
			if !counts(f, p) {
				continue
			}
			all += w
			if f.Value >= 0 {
				good += w
			}
		}
		if v := t.Metrics.CES; v != nil {
			all += w
			good += w * (7 - *v) / 6
		}
		if v := t.Metrics.Retention; v != nil {
			all += w
			good += w * *v
		}
	}
	if all == 0 {
		return nil
	}
	h := 100 * good / all
	return &h
}

// counts reports whether feeling f is one to count for persona p: all are
// when p is nil. Personas are matched by slug, which is unique.
func counts(f site.Feeling, p *site.Persona) bool {
	return p == nil || f.Persona == p || f.Persona.Slug == p.Slug
}

// Round1 rounds x to one decimal, half away from zero: 66.666… → 66.7.
// It is meant for display; keep the unrounded value for anything else.
func Round1(x float64) float64 { return math.Round(x*10) / 10 }

// Of sums up tps as given: a touchpoint listed twice counts twice.
func Of(tps []*site.Touchpoint, today time.Time) Summary { return of(tps, today, nil) }

// of sums up tps, counting the feelings of persona p only, or of everyone
// when p is nil.
func of(tps []*site.Touchpoint, today time.Time, p *site.Persona) Summary {
	s := Summary{Touchpoints: len(tps), Evidence: map[string]int{}, Notes: map[string]int{}}
	var emo, csi, nps, conv, ret, ces, ltv mean
	for _, t := range tps {
		s.Evidence[t.Evidence]++
		for _, l := range content.NoteLists {
			for _, n := range l.Of(t.Touchpoint) {
				s.Notes[cmp.Or(n.Source, t.Evidence)]++
			}
		}
		felt, painful := false, false
		for _, f := range t.Feelings {
			if counts(f, p) {
				felt, painful = true, painful || f.Value <= -1
				emo.add(float64(f.Value))
			}
		}
		if felt {
			s.WithEmotion++
		}
		if painful {
			s.Painful++
		}
		csi.addPtr(t.Metrics.CSI)
		nps.addPtr(t.Metrics.NPS)
		conv.addPtr(t.Metrics.Conversion)
		ret.addPtr(t.Metrics.Retention)
		ces.addPtr(t.Metrics.CES)
		ltv.addPtr(t.Metrics.LTV)
		for _, k := range t.KPIs {
			s.KPIs++
			switch KPI(k.KPI) {
			case KPIMet:
				s.KPIsMet++
			case KPINotMet:
				s.KPIsNotMet++
			}
		}
		for _, o := range t.Opportunities {
			s.Opportunities++
			if Open(o) {
				s.OpenOpportunities++
				if Overdue(o, today) {
					s.Overdue++
				}
			}
		}
	}
	s.MeanEmotion, s.CSI, s.NPS, s.Conversion = emo.get(), csi.get(), nps.get(), conv.get()
	s.Retention, s.CES, s.LTV = ret.get(), ces.get(), ltv.get()
	s.Health = health(tps, p)
	return s
}

// Stage sums up the stage's touchpoints.
func Stage(st *site.Stage, today time.Time) Summary { return Of(st.Touchpoints, today) }

// Journey sums up the journey's touchpoints, in every stage.
func Journey(j *site.Journey, today time.Time) Summary { return Of(j.Touchpoints, today) }

// Persona sums up the touchpoints of every as-is journey drawn for the
// persona: how the persona fares today. PersonaToBe sums up its to-be
// journeys apart. Each touchpoint counts once even if a journey were listed
// twice. Emotion, pain and health count the persona's own feelings only: in
// a journey shared with an office manager, the buyer's summary says how
// the buyer feels.
func Persona(p *site.Persona, today time.Time) Summary { return persona(p, today, "current") }

// PersonaToBe is Persona over the persona's to-be journeys.
func PersonaToBe(p *site.Persona, today time.Time) Summary { return persona(p, today, "target") }

func persona(p *site.Persona, today time.Time, state string) Summary {
	seen := map[*site.Touchpoint]bool{}
	var tps []*site.Touchpoint
	for _, j := range p.Journeys {
		if j.State != state {
			continue
		}
		for _, t := range j.Touchpoints {
			if !seen[t] {
				seen[t] = true
				tps = append(tps, t)
			}
		}
	}
	return of(tps, today, p)
}

// Team sums up the touchpoints whose `owner` is the team, in as-is
// journeys: what it owns today; TeamToBe sums up those in to-be journeys
// apart. Journeys the team owns as a whole, and opportunities it owns on
// touchpoints of other owners, are not included: the summary is about the
// touchpoints it owns.
func Team(t *site.Team, today time.Time) Summary { return Of(InState(t.Touchpoints, "current"), today) }

// TeamToBe is Team over the team's touchpoints in to-be journeys.
func TeamToBe(t *site.Team, today time.Time) Summary {
	return Of(InState(t.Touchpoints, "target"), today)
}

// InState keeps the touchpoints of journeys in state: current (as-is) or
// target (to-be).
func InState(tps []*site.Touchpoint, state string) []*site.Touchpoint {
	var out []*site.Touchpoint
	for _, t := range tps {
		if t.Journey.State == state {
			out = append(out, t)
		}
	}
	return out
}

// KPIStatus says whether a KPI is met.
type KPIStatus int

// The statuses of a KPI.
const (
	KPIUnknown KPIStatus = iota // current or target missing
	KPIMet
	KPINotMet
)

// KPI tells whether k is met: KPIUnknown if its current or target value is
// missing, else KPIMet when current >= target (better "higher" or "", the
// default) or current <= target (better "lower"), else KPINotMet.
func KPI(k content.KPI) KPIStatus {
	if k.Current == nil || k.Target == nil {
		return KPIUnknown
	}
	ok := *k.Current >= *k.Target
	if k.Better == "lower" {
		ok = *k.Current <= *k.Target
	}
	if ok {
		return KPIMet
	}
	return KPINotMet
}

// Open tells whether an opportunity is still to be done: its status is not
// `done`.
func Open(o *site.Opportunity) bool { return o.Status != "done" }

// Overdue tells whether an opportunity is open and its due date is before
// today's date (due today is not overdue yet). One without a due date is
// never overdue.
func Overdue(o *site.Opportunity, today time.Time) bool {
	return Open(o) && !o.Due.IsZero() && day(o.Due).Before(day(today))
}

// day is t's calendar date, in t's own location, as midnight UTC.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

type mean struct {
	sum float64
	n   int
}

func (m *mean) add(v float64) { m.sum += v; m.n++ }

func (m *mean) addPtr(v *float64) {
	if v != nil {
		m.add(*v)
	}
}

func (m *mean) get() *float64 {
	if m.n == 0 {
		return nil
	}
	v := m.sum / float64(m.n)
	return &v
}

// FunnelStep is one stage of a journey's funnel.
type FunnelStep struct {
	Stage *site.Stage
	// Conversion is the stage's own `conversion`: the share of customers
	// in this stage who go on to the next. nil if not given.
	Conversion *float64
	// Reaching is the share of the customers entering the journey who
	// reach this stage: 1 for the first stage, then the product of the
	// conversions of all stages before it. A stage without a conversion
	// counts as 1 (everyone goes on).
	Reaching float64
	// Unknown is true when some stage before this one has no conversion,
	// so that Reaching is an upper bound rather than a known share.
	Unknown bool
}

// Funnel lists the journey's stages in order with the share of customers
// reaching each. Conversions 0.5 and 0.8 give Reaching 1, 0.5, 0.4. The
// last stage's conversion reaches no further stage. nil for a journey with
// no stages.
func Funnel(j *site.Journey) []FunnelStep {
	var out []FunnelStep
	reach, unknown := 1.0, false
	for _, st := range j.Stages {
		out = append(out, FunnelStep{Stage: st, Conversion: st.Conversion, Reaching: reach, Unknown: unknown})
		if st.Conversion != nil {
			reach *= *st.Conversion
		} else {
			unknown = true
		}
	}
	return out
}
