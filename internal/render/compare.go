package render

import (
	"github.com/cjm-portal/cjm/internal/swimlane"
	"strconv"
	"strings"

	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/theme"
)

// Comparison sets an as-is journey beside its to-be journey.
type Comparison struct {
	Current, Target *site.Journey
	Stages          []StageDelta
	Added           []*site.Touchpoint // in the target only
	Removed         []*site.Touchpoint // in the current journey only
	Changed         []Change
	Unchanged       int
}

// StageDelta compares the mean emotion of a stage in both journeys, the
// mean of its feelings (each persona's at each touchpoint); a stage is
// matched by slug, else by title.
type StageDelta struct {
	Title           string
	Current, Target *site.Stage
	CurrentMean     string // "" when the stage has no emotion there
	TargetMean      string
	Delta           string // signed, "" unless both have a mean
	Better          bool
	Worse           bool
}

// Change is a touchpoint present in both journeys whose fields differ.
type Change struct {
	Current, Target *site.Touchpoint
	Fields          []FieldChange
}

// FieldChange is one differing field, in the interface's words.
type FieldChange struct {
	Name, From, To string
}

// NewComparison compares journey cur with its target. Touchpoints are
// matched by slug, else by title, ignoring case.
func NewComparison(cur, tgt *site.Journey, lang string) *Comparison {
	c := &Comparison{Current: cur, Target: tgt}
	for _, pair := range swimlane.PairStages(cur.Stages, tgt.Stages) {
		d := StageDelta{Current: pair[0], Target: pair[1]}
		cm, cok := meanEmotion(pair[0])
		tm, tok := meanEmotion(pair[1])
		if pair[0] != nil {
			d.Title = pair[0].Title
		} else {
			d.Title = pair[1].Title
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

	matched := map[*site.Touchpoint]*site.Touchpoint{}
	bySlug, byTitle := map[string]*site.Touchpoint{}, map[string]*site.Touchpoint{}
	for _, t := range tgt.Touchpoints {
		bySlug[t.Slug] = t
		byTitle[strings.ToLower(t.Title)] = t
	}
	used := map[*site.Touchpoint]bool{}
	for _, t := range cur.Touchpoints {
		m := bySlug[t.Slug]
		if m == nil || used[m] {
			m = byTitle[strings.ToLower(t.Title)]
		}
		if m == nil || used[m] {
			c.Removed = append(c.Removed, t)
			continue
		}
		used[m] = true
		matched[t] = m
		if fields := diff(t, m, lang); len(fields) > 0 {
			c.Changed = append(c.Changed, Change{Current: t, Target: m, Fields: fields})
		} else {
			c.Unchanged++
		}
	}
	for _, t := range tgt.Touchpoints {
		if !used[t] {
			c.Added = append(c.Added, t)
		}
	}
	return c
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

func diff(a, b *site.Touchpoint, lang string) []FieldChange {
	var out []FieldChange
	add := func(key, from, to string) {
		if from != to {
			out = append(out, FieldChange{Name: theme.Word(lang, key), From: orDash(from), To: orDash(to)})
		}
	}
	add("touchpoint", a.Title, b.Title)
	add("stage", a.Stage.Title, b.Stage.Title)
	if !sameFeelings(a, b) {
		named := a.FeelingsDiffer() || b.FeelingsDiffer() || !samePersonas(a, b)
		out = append(out, FieldChange{Name: theme.Word(lang, "emotion"), From: orDash(feelingText(a, named)), To: orDash(feelingText(b, named))})
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
			return theme.Word(lang, "nobody")
		}
		return ""
	}
	add("owner", owner(a), owner(b))
	add("importance", theme.Word(lang, a.Importance), theme.Word(lang, b.Importance))
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
