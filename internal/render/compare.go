package render

import (
	"cmp"
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

// Comparison sets an as-is journey beside its to-be journey: what the
// to-be journey adds, takes away, changes and leaves as it is, stage by
// stage, and its measures and KPIs then and now.
//
// Touchpoints are paired by `replaces` first (a to-be touchpoint names the
// as-is ones it replaces), then by slug, then by title, ignoring case. An
// as-is touchpoint left unpaired in a stage the to-be journey keeps, or kept
// by name (`keep`), is kept as it is; any other is gone. Unpaired to-be touchpoints are
// added. A kept stage counts on the to-be side with its as-is values.
type Comparison struct {
	Current, Target *site.Journey
	Stages          []StageDelta
	Added           []*site.Touchpoint // in the target only
	Removed         []*site.Touchpoint // in the current journey only, in no kept stage
	Changed         []Change
	Unchanged       int           // paired with no difference, and kept
	Kept            []*site.Stage // the as-is stages the to-be journey keeps
	KeptTouchpoints int           // the as-is touchpoints kept, with their stages or by name, left unpaired
	Measures        []MeasureDelta
	KPIs            []KPIDelta
}

// StageDelta compares the mean emotion of a stage in both journeys, the
// mean of its feelings (each persona's at each touchpoint); a stage is
// matched by slug, else by title. A kept stage has its as-is means on both
// sides.
type StageDelta struct {
	Title           string
	Current, Target *site.Stage
	Kept            bool   // the to-be journey keeps the as-is stage
	CurrentMean     string // "" when the stage has no emotion there
	TargetMean      string
	Delta           string // signed, "" unless both have a mean
	Better          bool
	Worse           bool
}

// Change is a touchpoint present in both journeys whose fields differ.
type Change struct {
	Current, Target *site.Touchpoint
	Replaced        bool // paired by the to-be touchpoint's `replaces`
	Fields          []FieldChange
}

// FieldChange is one differing field, in the interface's words.
type FieldChange struct {
	Name, From, To string
}

// MeasureDelta is a journey-wide measure as-is and to-be: mean CSI, mean
// NPS, mean conversion of the touchpoints, and the share of customers
// reaching the last stage.
type MeasureDelta struct {
	Name     string // in the interface's words
	From, To string // "—" when unknown
	Delta    string // signed, "" unless both are known
	Better   bool
	Worse    bool
}

// KPIDelta is a KPI as-is and to-be, matched by name: the as-is value is
// its `current`, the to-be value its `target` in the to-be journey (what
// the redrawn journey aims for), else its `current` there; a KPI of a kept
// stage keeps its as-is value.
type KPIDelta struct {
	Name     string
	Unit     string
	From, To string // "—" when unknown
	Delta    string // signed, with the unit; "" unless both are known
	Better   bool   // the change goes the KPI's better way
	Worse    bool
}

// NewComparison compares journey cur with its target tgt.
func NewComparison(cur, tgt *site.Journey, lang string) *Comparison {
	c := &Comparison{Current: cur, Target: tgt}
	kept := map[*site.Stage]bool{}
	for _, st := range tgt.Keep {
		if st.Journey == cur {
			kept[st] = true
			c.Kept = append(c.Kept, st)
		}
	}
	keptTP := map[*site.Touchpoint]bool{}
	for _, t := range tgt.KeepTouchpoints {
		keptTP[t] = true
	}
	stageOf := map[*site.Stage]*site.Stage{} // as-is stage → to-be stage
	for _, pair := range swimlane.PairStages(cur.Stages, tgt.Stages) {
		d := StageDelta{Current: pair[0], Target: pair[1]}
		if pair[0] != nil {
			d.Title = pair[0].Title
			stageOf[pair[0]] = pair[1]
		} else {
			d.Title = pair[1].Title
		}
		cm, cok := meanEmotion(pair[0])
		tm, tok := meanEmotion(pair[1])
		if pair[0] != nil && pair[1] == nil && kept[pair[0]] {
			d.Kept, tm, tok = true, cm, cok
		}
		if cok {
			d.CurrentMean = signedFloat(cm)
		}
		if tok {
			d.TargetMean = signedFloat(tm)
		}
		if cok && tok {
			d.Delta = signedFloat(tm - cm)
			d.Better, d.Worse = tm > cm, tm < cm
		}
		c.Stages = append(c.Stages, d)
	}

	pairs := pairTouchpoints(cur, tgt)
	used := map[*site.Touchpoint]bool{}
	for _, t := range cur.Touchpoints {
		m, ok := pairs[t]
		if !ok {
			if kept[t.Stage] || keptTP[t] {
				c.KeptTouchpoints++
				c.Unchanged++
			} else {
				c.Removed = append(c.Removed, t)
			}
			continue
		}
		used[m.to] = true
		if fields := diff(t, m.to, stageOf, lang); len(fields) > 0 || m.replaced {
			c.Changed = append(c.Changed, Change{Current: t, Target: m.to, Replaced: m.replaced, Fields: fields})
		} else {
			c.Unchanged++
		}
	}
	for _, t := range tgt.Touchpoints {
		if !used[t] {
			c.Added = append(c.Added, t)
		}
	}
	keeps := func(t *site.Touchpoint) bool { return kept[t.Stage] || keptTP[t] }
	c.Measures = measures(cur, tgt, c.Kept, tgt.KeepTouchpoints, lang)
	c.KPIs = kpiDeltas(cur, tgt, keeps)
	return c
}

// paired is the to-be touchpoint an as-is one is paired with.
type paired struct {
	to       *site.Touchpoint
	replaced bool // by `replaces`
}

// pairTouchpoints pairs cur's touchpoints with tgt's: by `replaces`, then
// by slug, then by title. A to-be touchpoint that replaces several as-is
// ones is paired with each; one paired by slug or title, with one.
func pairTouchpoints(cur, tgt *site.Journey) map[*site.Touchpoint]paired {
	out := map[*site.Touchpoint]paired{}
	used := map[*site.Touchpoint]bool{}
	for _, t := range tgt.Touchpoints {
		for _, r := range t.Replaces {
			if r.Journey == cur {
				if _, ok := out[r]; !ok {
					out[r] = paired{t, true}
					used[t] = true
				}
			}
		}
	}
	bySlug, byTitle := map[string]*site.Touchpoint{}, map[string]*site.Touchpoint{}
	for _, t := range tgt.Touchpoints {
		bySlug[t.Slug] = t
		if _, ok := byTitle[strings.ToLower(t.Title)]; !ok {
			byTitle[strings.ToLower(t.Title)] = t
		}
	}
	for _, t := range cur.Touchpoints {
		if _, ok := out[t]; ok {
			continue
		}
		m := bySlug[t.Slug]
		if m == nil || used[m] {
			m = byTitle[strings.ToLower(t.Title)]
		}
		if m != nil && !used[m] {
			out[t] = paired{to: m}
			used[m] = true
		}
	}
	return out
}

// measures compares the journeys' mean CSI, NPS and conversion and the
// share of customers reaching their last stage; the to-be side counts the
// stages and touchpoints it keeps as they are.
func measures(cur, tgt *site.Journey, kept []*site.Stage, keptTPs []*site.Touchpoint, lang string) []MeasureDelta {
	tps := slices.Concat(tgt.Touchpoints, keptTPs)
	for _, st := range kept {
		tps = append(tps, st.Touchpoints...)
	}
	from, to := rollup.Journey(cur, time.Time{}), rollup.Of(tps, time.Time{})
	out := []MeasureDelta{
		measure(words.Word(lang, "csi-mean"), from.CSI, to.CSI, 1, ""),
		measure(words.Word(lang, "nps-mean"), from.NPS, to.NPS, 1, ""),
	}
	pct := func(v *float64) *float64 {
		if v == nil {
			return nil
		}
		p := *v * 100
		return &p
	}
	out = append(out, measure(words.Word(lang, "conversion"), pct(from.Conversion), pct(to.Conversion), 1, " %"))
	out = append(out, measure(words.Word(lang, "reaching-end"), pct(reachingEnd(cur, nil)), pct(reachingEnd(tgt, kept)), 1, " %"))
	return slices.DeleteFunc(out, func(m MeasureDelta) bool { return m.From == "—" && m.To == "—" })
}

// reachingEnd is the share of customers who reach the journey's last
// stage and go through it, from its stages' conversions (and those of the
// kept stages); nil when no stage gives one.
func reachingEnd(j *site.Journey, kept []*site.Stage) *float64 {
	share, known := 1.0, false
	for _, st := range slices.Concat(j.Stages, kept) {
		if st.Conversion != nil {
			share *= *st.Conversion
			known = true
		}
	}
	if !known {
		return nil
	}
	return &share
}

func measure(name string, from, to *float64, digits int, unit string) MeasureDelta {
	m := MeasureDelta{Name: name, From: "—", To: "—"}
	round := func(v float64) float64 { p := math.Pow(10, float64(digits)); return math.Round(v*p) / p }
	if from != nil {
		m.From = FormatNumber(round(*from)) + unit
	}
	if to != nil {
		m.To = FormatNumber(round(*to)) + unit
	}
	if from != nil && to != nil {
		d := round(*to - *from)
		m.Delta = signedNum(d) + unit
		m.Better, m.Worse = d > 0, d < 0
	}
	return m
}

// kpiDeltas pairs the journeys' KPIs by name, ignoring case, in the order
// the as-is journey names them, then the to-be journey's new ones.
func kpiDeltas(cur, tgt *site.Journey, kept func(*site.Touchpoint) bool) []KPIDelta {
	type side struct {
		k  content.KPI
		ok bool
	}
	var names []string
	from, to := map[string]side{}, map[string]side{}
	for _, t := range cur.Touchpoints {
		for _, kp := range t.KPIs {
			k := kp.KPI // a copy, as inherited from the catalogue
			key := strings.ToLower(k.Name)
			if _, ok := from[key]; ok || key == "" {
				continue
			}
			from[key] = side{k, true}
			names = append(names, key)
			if kept(t) {
				to[key] = side{k, true}
			}
		}
	}
	for _, t := range tgt.Touchpoints {
		for _, kp := range t.KPIs {
			k := kp.KPI // a copy: the to-be value below is not written back
			key := strings.ToLower(k.Name)
			if key == "" {
				continue
			}
			if _, ok := from[key]; !ok && !slices.Contains(names, key) {
				names = append(names, key)
			}
			if k.Target != nil {
				k.Current = k.Target // the value the to-be journey aims for
			}
			to[key] = side{k, true}
		}
	}
	var out []KPIDelta
	for _, key := range names {
		f, t := from[key], to[key]
		d := KPIDelta{From: "—", To: "—"}
		k := f.k
		if !f.ok {
			k = t.k
		}
		d.Name, d.Unit = k.Name, cmp.Or(k.Unit, t.k.Unit)
		if f.ok && f.k.Current != nil {
			d.From = swimlane.KPIValue(f.k.Current, d.Unit)
		}
		if t.ok && t.k.Current != nil {
			d.To = swimlane.KPIValue(t.k.Current, d.Unit)
		}
		if f.ok && t.ok && f.k.Current != nil && t.k.Current != nil {
			delta := *t.k.Current - *f.k.Current
			d.Delta = signedNum(delta)
			if d.Unit != "" {
				d.Delta += " " + d.Unit
			}
			up := k.Better != "lower"
			d.Better, d.Worse = (delta > 0) == up && delta != 0, (delta < 0) == up && delta != 0
		}
		out = append(out, d)
	}
	return out
}

func meanEmotion(s *site.Stage) (float64, bool) {
	if s == nil {
		return 0, false
	}
	sum, n := 0, 0
	for _, t := range s.Touchpoints {
		for _, f := range t.Feelings {
			sum += f.Value
			n++
		}
	}
	if n == 0 {
		return 0, false
	}
	return float64(sum) / float64(n), true
}

// diff lists what differs between as-is touchpoint a and to-be b. The
// stage differs only when b is not in the stage a's is paired with
// (stageOf): a stage renamed in the to-be journey moves nothing.
func diff(a, b *site.Touchpoint, stageOf map[*site.Stage]*site.Stage, lang string) []FieldChange {
	var out []FieldChange
	add := func(key, from, to string) {
		if from != to {
			out = append(out, FieldChange{Name: words.Word(lang, key), From: orDash(from), To: orDash(to)})
		}
	}
	add("touchpoint", a.Title, b.Title)
	if stageOf[a.Stage] != b.Stage {
		out = append(out, FieldChange{Name: words.Word(lang, "stage"), From: a.Stage.Title, To: b.Stage.Title})
	}
	if !sameFeelings(a, b) {
		named := a.FeelingsDiffer() || b.FeelingsDiffer() || !samePersonas(a, b)
		out = append(out, FieldChange{Name: words.Word(lang, "emotion"), From: orDash(feelingText(a, named)), To: orDash(feelingText(b, named))})
	}
	channel := func(t *site.Touchpoint) string {
		if t.Channel == nil {
			return ""
		}
		return swimlane.ChannelName(lang, t.Channel)
	}
	add("channel", channel(a), channel(b))
	owner := func(t *site.Touchpoint) string {
		switch {
		case t.Owner != nil:
			return t.Owner.Title
		case t.OwnerNone:
			return words.Word(lang, "nobody")
		}
		return ""
	}
	add("owner", owner(a), owner(b))
	add("importance", words.Word(lang, a.Importance), words.Word(lang, b.Importance))
	return out
}

// sameFeelings reports whether every persona feels the same at a and b,
// personas matched by slug: a change of anyone's feeling is a change.
func sameFeelings(a, b *site.Touchpoint) bool {
	if len(a.Feelings) != len(b.Feelings) {
		return false
	}
	of := make(map[string]int, len(a.Feelings))
	for _, f := range a.Feelings {
		of[f.Persona.Slug] = f.Value
	}
	for _, f := range b.Feelings {
		if v, ok := of[f.Persona.Slug]; !ok || v != f.Value {
			return false
		}
	}
	return true
}

// samePersonas reports whether a and b have feelings of the same personas,
// or one side has none: then one value each says enough.
func samePersonas(a, b *site.Touchpoint) bool {
	if len(a.Feelings) == 0 || len(b.Feelings) == 0 {
		return true
	}
	if len(a.Feelings) != len(b.Feelings) {
		return false
	}
	for i, f := range a.Feelings {
		if f.Persona.Slug != b.Feelings[i].Persona.Slug {
			return false
		}
	}
	return true
}

// feelingText says the feelings at t: "+1" when all feel the same and
// names are not asked for, else persona by persona, "Irina +1 · Tomas -2";
// "" when it has none.
func feelingText(t *site.Touchpoint, named bool) string {
	if v := t.Unanimous(); v != nil && !named {
		return signed(*v)
	}
	parts := make([]string, len(t.Feelings))
	for i, f := range t.Feelings {
		parts[i] = f.Persona.Name() + " " + signed(f.Value)
	}
	return strings.Join(parts, " · ")
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func signedFloat(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if v > 0 {
		return "+" + s
	}
	if s == "-0" {
		return "0"
	}
	return s
}
