package history

import (
	"slices"
	"strconv"
	"strings"

	"github.com/cjm-portal/cjm/internal/content"
)

// Touchpoint describes how a touchpoint changed from old to new (either
// may be nil: added, removed), beyond its title and stage, which the
// caller compares. personas are the journey's, before and after, for a
// plain emotion, which every one of them feels.
func Touchpoint(old, new *content.Touchpoint, oldPersonas, newPersonas []string) []Change {
	if old == nil || new == nil {
		return nil
	}
	title := new.Title
	var out []Change
	add := func(c Change) {
		c.Touchpoint = title
		out = append(out, c)
	}
	for _, c := range emotions(old, new, oldPersonas, newPersonas) {
		add(c)
	}
	for _, l := range []struct {
		old, new      content.Notes
		added, solved Kind
	}{
		{old.Pains, new.Pains, PainAdded, PainResolved},
		{old.Barriers, new.Barriers, BarrierAdded, BarrierResolved},
		{old.Gains, new.Gains, GainAdded, GainRemoved},
	} {
		was, is := l.old.Texts(), l.new.Texts()
		for _, t := range is {
			if !slices.Contains(was, t) {
				add(Change{Kind: l.added, Detail: t})
			}
		}
		for _, t := range was {
			if !slices.Contains(is, t) {
				add(Change{Kind: l.solved, Detail: t})
			}
		}
	}
	switch was, is := owner(old.Owner), owner(new.Owner); {
	case was == is:
	case was == "":
		add(Change{Kind: OwnerAssigned, To: is})
	case is == "":
		add(Change{Kind: OwnerRemoved, From: was})
	default:
		add(Change{Kind: OwnerChanged, From: was, To: is})
	}
	for _, k := range new.KPIs {
		i := slices.IndexFunc(old.KPIs, func(o content.KPI) bool { return o.Key() == k.Key() })
		switch {
		case i < 0 && k.Current != nil:
			add(Change{Kind: KPIAdded, Detail: k.Key(), To: num(k.Current), Unit: k.Unit})
		case i >= 0 && !sameNum(old.KPIs[i].Current, k.Current):
			add(Change{Kind: KPIChanged, Detail: k.Key(), From: num(old.KPIs[i].Current), To: num(k.Current), Unit: k.Unit})
		}
	}
	for _, m := range []struct {
		name     string
		old, new *float64
	}{{"csi", old.Metrics.CSI, new.Metrics.CSI}, {"nps", old.Metrics.NPS, new.Metrics.NPS}, {"conversion", old.Metrics.Conversion, new.Metrics.Conversion},
		{"retention", old.Metrics.Retention, new.Metrics.Retention}, {"ces", old.Metrics.CES, new.Metrics.CES}, {"ltv", old.Metrics.LTV, new.Metrics.LTV}} {
		if !sameNum(m.old, m.new) {
			add(Change{Kind: MetricChanged, Detail: m.name, From: num(m.old), To: num(m.new)})
		}
	}
	for _, o := range new.Opportunities {
		i := slices.IndexFunc(old.Opportunities, func(x content.Opportunity) bool { return x.Title == o.Title })
		switch {
		case i < 0 && o.Status == "done":
			add(Change{Kind: OpportunityDone, Detail: o.Title})
		case i < 0:
			add(Change{Kind: OpportunityOpened, Detail: o.Title, To: status(o.Status)})
		case status(old.Opportunities[i].Status) == status(o.Status):
		case o.Status == "done":
			add(Change{Kind: OpportunityDone, Detail: o.Title, From: status(old.Opportunities[i].Status)})
		default:
			add(Change{Kind: OpportunityStatus, Detail: o.Title, From: status(old.Opportunities[i].Status), To: status(o.Status)})
		}
	}
	return out
}

// emotions compares how each persona feels. Two plain emotions make one
// change for all; otherwise each persona whose feeling changed gets one.
func emotions(old, new *content.Touchpoint, oldPersonas, newPersonas []string) []Change {
	if old.Emotion != nil && new.Emotion != nil && slices.Equal(oldPersonas, newPersonas) {
		if *old.Emotion == *new.Emotion {
			return nil
		}
		return []Change{{Kind: Emotion, From: strconv.Itoa(*old.Emotion), To: strconv.Itoa(*new.Emotion)}}
	}
	was, is := feelings(old, oldPersonas), feelings(new, newPersonas)
	var out []Change
	seen := map[string]bool{}
	for _, list := range [][]Feeling{is, was} {
		for _, f := range list {
			if seen[f.Persona] {
				continue
			}
			seen[f.Persona] = true
			a, aok := valueOf(was, f.Persona)
			b, bok := valueOf(is, f.Persona)
			if aok != bok || a != b {
				out = append(out, Change{Kind: Emotion, Detail: f.Persona, From: intOr(a, aok), To: intOr(b, bok)})
			}
		}
	}
	return out
}

// feelings are how each persona feels at t: a plain emotion is every
// persona's of the journey.
func feelings(t *content.Touchpoint, personas []string) []Feeling {
	if t == nil {
		return nil
	}
	if t.Emotion != nil {
		out := make([]Feeling, len(personas))
		for i, p := range personas {
			out[i] = Feeling{p, *t.Emotion}
		}
		return out
	}
	out := make([]Feeling, 0, len(t.Emotions))
	for _, p := range personas { // the journey's order first
		for _, e := range t.Emotions {
			if e.Persona == p {
				out = append(out, Feeling{p, e.Value})
			}
		}
	}
	for _, e := range t.Emotions {
		if !slices.Contains(personas, e.Persona) {
			out = append(out, Feeling{e.Persona, e.Value})
		}
	}
	return out
}

func valueOf(fs []Feeling, persona string) (int, bool) {
	for _, f := range fs {
		if f.Persona == persona {
			return f.Value, true
		}
	}
	return 0, false
}

func intOr(v int, ok bool) string {
	if !ok {
		return ""
	}
	return strconv.Itoa(v)
}

func owner(s string) string {
	if strings.EqualFold(s, "none") {
		return ""
	}
	return s
}

func status(s string) string {
	if s == "" {
		return "idea"
	}
	return s
}

func sameNum(a, b *float64) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

func num(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// Stages compares a journey's stages before and after, each in order:
// those added, removed, renamed (matched by slug), and whether the ones
// kept changed order.
func Stages(old, new []*content.Stage) []Change {
	var out []Change
	find := func(list []*content.Stage, slug string) *content.Stage {
		for _, s := range list {
			if s.Slug == slug {
				return s
			}
		}
		return nil
	}
	var keptOld, keptNew []string
	for _, s := range new {
		o := find(old, s.Slug)
		switch {
		case o == nil:
			out = append(out, Change{Kind: StageAdded, Stage: s.Title})
		case o.Title != s.Title:
			out = append(out, Change{Kind: StageRenamed, Stage: s.Title, From: o.Title, To: s.Title})
		}
		if o != nil {
			keptNew = append(keptNew, s.Slug)
		}
	}
	for _, o := range old {
		if find(new, o.Slug) == nil {
			out = append(out, Change{Kind: StageRemoved, Stage: o.Title})
		} else {
			keptOld = append(keptOld, o.Slug)
		}
	}
	if !slices.Equal(keptOld, keptNew) {
		titles := make([]string, len(new))
		for i, s := range new {
			titles[i] = s.Title
		}
		out = append(out, Change{Kind: StagesReordered, To: strings.Join(titles, " → ")})
	}
	return out
}

// Compare lists how journey b differs from journey a, two points of its
// history: touchpoints added, removed, moved to another stage or renamed
// (matched by slug), and emotions changed, for everyone at once where
// every persona felt and feels alike, else persona by persona.
func Compare(a, b *Point) []Change {
	type at struct {
		stage string
		tp    PointTouchpoint
	}
	index := func(p *Point) (map[string]at, []string) {
		m := map[string]at{}
		var order []string
		for _, st := range p.Stages {
			for _, tp := range st.Touchpoints {
				if _, ok := m[tp.Slug]; !ok {
					order = append(order, tp.Slug)
				}
				m[tp.Slug] = at{st.Title, tp}
			}
		}
		return m, order
	}
	was, oldOrder := index(a)
	is, newOrder := index(b)
	var out []Change
	for _, slug := range newOrder {
		n := is[slug]
		o, ok := was[slug]
		if !ok {
			out = append(out, Change{Kind: TouchpointAdded, Touchpoint: n.tp.Title, Stage: n.stage})
			continue
		}
		if o.tp.Title != n.tp.Title {
			out = append(out, Change{Kind: TouchpointRenamed, Touchpoint: n.tp.Title, From: o.tp.Title, To: n.tp.Title})
		}
		if o.stage != n.stage {
			out = append(out, Change{Kind: TouchpointMoved, Touchpoint: n.tp.Title, From: o.stage, To: n.stage})
		}
		ov, oone := unanimous(o.tp.Feelings)
		nv, none := unanimous(n.tp.Feelings)
		if oone && none && len(o.tp.Feelings) == len(n.tp.Feelings) {
			if ov != nv {
				out = append(out, Change{Kind: Emotion, Touchpoint: n.tp.Title, From: strconv.Itoa(ov), To: strconv.Itoa(nv)})
			}
			continue
		}
		seen := map[string]bool{}
		for _, list := range [][]Feeling{n.tp.Feelings, o.tp.Feelings} {
			for _, f := range list {
				if seen[f.Persona] {
					continue
				}
				seen[f.Persona] = true
				x, xok := valueOf(o.tp.Feelings, f.Persona)
				y, yok := valueOf(n.tp.Feelings, f.Persona)
				if xok != yok || x != y {
					out = append(out, Change{Kind: Emotion, Touchpoint: n.tp.Title, Detail: f.Persona, From: intOr(x, xok), To: intOr(y, yok)})
				}
			}
		}
	}
	for _, slug := range oldOrder {
		if _, ok := is[slug]; !ok {
			o := was[slug]
			out = append(out, Change{Kind: TouchpointRemoved, Touchpoint: o.tp.Title, Stage: o.stage})
		}
	}
	return out
}

// unanimous returns the one value all feelings have, and whether there is
// one: some feelings, all alike.
func unanimous(fs []Feeling) (int, bool) {
	if len(fs) == 0 {
		return 0, false
	}
	for _, f := range fs[1:] {
		if f.Value != fs[0].Value {
			return 0, false
		}
	}
	return fs[0].Value, true
}
