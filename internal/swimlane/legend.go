package swimlane

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/cjm-portal/cjm/internal/rollup"
	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/words"
)

// entry is one sign of the legend and what it means.
type entry struct {
	icon  func(w *writer, x, y float64) // drawn left of the text, y the middle of its line
	iconW float64
	text  string
	class string // "label" for a group's heading
}

// legendEntries explains every sign the map uses, and only those, in
// groups: emotions (the faces, or each persona's curve), importance,
// channels, the marks of the lists, KPIs, opportunities, evidence and
// warnings.
func (l *layout) legendEntries() []entry {
	lang := l.o.Lang
	word := func(k string) string { return words.Word(lang, k) }
	var out []entry
	group := func(heading string) { out = append(out, entry{text: heading + ":", class: "label"}) }
	add := func(iconW float64, icon func(*writer, float64, float64), text string) {
		out = append(out, entry{icon: icon, iconW: iconW, text: text, class: "meta"})
	}
	shows := func(lane string) bool { return slices.Contains(l.j.Lanes, lane) }
	tps := l.j.Touchpoints

	if shows("emotions") || slices.ContainsFunc(tps, func(tp *site.Touchpoint) bool { return tp.Emotion != nil || len(tp.Feelings) > 0 }) {
		group(word("emotions"))
		if l.curves[0].persona == nil {
			for e := -2; e <= 2; e++ {
				add(2*chipR+4, func(w *writer, x, y float64) { face(w, x+chipR, y, e, chipR) }, signed(e)+" "+words.EmotionWord(lang, e))
			}
		} else {
			for _, cv := range l.curves {
				add(30, cv.sample, cv.persona.Title)
			}
		}
	}
	if slices.ContainsFunc(l.rows, func(r *row) bool { return r.lane == "goals" }) {
		group(word("goals-expectations"))
		add(markerW, goalIcon, word("goal"))
		add(markerW, expectationIcon, word("expectation"))
	}
	if slices.ContainsFunc(tps, func(tp *site.Touchpoint) bool { return importanceLevel(tp.Importance) > 0 }) {
		group(word("importance"))
		for level, k := range []string{"low", "medium", "high", "critical"} {
			add(barsW+4, func(w *writer, x, y float64) { importanceIcon(w, level+1, x, y) }, word(k))
		}
	}
	var channels []*site.Channel
	for _, tp := range tps {
		if tp.Channel != nil && !slices.Contains(channels, tp.Channel) {
			channels = append(channels, tp.Channel)
		}
	}
	if len(channels) > 0 {
		group(word("channels"))
		for _, ch := range channels {
			add(markerW+2, l.channelIcon(ch.Icon), ChannelName(lang, ch))
		}
	}
	if shows("pains") || shows("barriers") || shows("gains") {
		group(word("notes"))
		if shows("pains") || shows("barriers") {
			add(markerW, markerFor("pains"), word("pains")+", "+strings.ToLower(word("barriers")))
		}
		if shows("gains") {
			add(markerW, markerFor("gains"), word("gains"))
		}
	}
	if shows("kpis") {
		group(word("kpis"))
		for _, s := range []rollup.KPIStatus{rollup.KPIMet, rollup.KPINotMet, rollup.KPIUnknown} {
			add(markerW, func(w *writer, x, y float64) { kpiIcon(w, s, x, y) }, word(kpiWord(s)))
		}
		if l.o.Trend != nil && slices.ContainsFunc(tps, func(tp *site.Touchpoint) bool {
			return slices.ContainsFunc(tp.KPIs, func(k *site.KPI) bool { return len(l.o.Trend(tp, k.Key())) > 1 })
		}) {
			add(markerW, func(w *writer, x, y float64) { trendIcon(w, []float64{2, 3, 1, 2.5}, x, y) }, word("trend-legend"))
		}
	}
	if shows("opportunities") {
		group(word("opportunities"))
		for _, st := range []string{"idea", "planned", "in-progress", "done"} {
			add(markerW, func(w *writer, x, y float64) { statusIcon(w, st, x, y) }, word(st))
		}
	}
	if l.assumed() {
		group(word("evidence"))
		add(26, func(w *writer, x, y float64) { w.rect("assumed", x+1, y-6, 22, 12) }, word("assumption-legend"))
	}
	if l.warns() {
		group(word("warnings"))
		add(markerW, warnIcon, word("warn-legend"))
	}
	return out
}

func kpiWord(s rollup.KPIStatus) string {
	switch s {
	case rollup.KPIMet:
		return "kpi-met"
	case rollup.KPINotMet:
		return "kpi-missed"
	}
	return "kpi-unmeasured"
}

// assumed reports whether a card or a shown note rests on an assumption.
func (l *layout) assumed() bool {
	for _, tp := range l.j.Touchpoints {
		if tp.Evidence == "assumption" {
			return true
		}
		for _, lane := range l.j.Lanes {
			for _, n := range notesOf(tp, lane) {
				if n.Source == "assumption" {
					return true
				}
			}
		}
	}
	return false
}

// warns reports whether the map shows a warning sign: a touchpoint nobody
// owns, or an overdue opportunity.
func (l *layout) warns() bool {
	for _, tp := range l.j.Touchpoints {
		if tp.OwnerNone {
			return true
		}
		if slices.Contains(l.j.Lanes, "opportunities") && !l.o.Today.IsZero() {
			for _, op := range tp.Opportunities {
				if rollup.Overdue(op, l.o.Today) {
					return true
				}
			}
		}
	}
	return false
}

// Spacing of the legend's flow.
const (
	entryGap = 14.0 // between two entries on a line
	groupGap = 26.0 // before a group's heading
)

// legendBlock is the map's legend, flowed across a width.
func (l *layout) legendBlock(width float64) *block { return flow(l.legendEntries(), width) }

// flow lays entries out across a width, left to right, a group's heading
// starting each group, wrapping where a line is full. An entry wider than
// a line wraps its own text.
func flow(entries []entry, width float64) *block {
	if len(entries) == 0 {
		return &block{draw: func(*writer, float64, float64) {}}
	}
	type placed struct {
		e     entry
		x, y  float64
		lines []line
	}
	var out []placed
	lh := faceLabel.LineHeight()
	x, y, lineH := 0.0, 0.0, lh
	for i, e := range entries {
		f := faceMeta
		if e.class == "label" {
			f = faceLabel
		}
		ls := wrapped(e.text, f, width-e.iconW, e.class)
		w := e.iconW + f.Width(ls[0].text)
		if len(ls) > 1 {
			w = width
		}
		space := entryGap
		if e.class == "label" {
			space = groupGap
		}
		if i > 0 && x+space+w > width {
			x, y, lineH = 0, y+lineH, lh
		} else if i > 0 {
			x += space
		}
		// A group's heading never ends a line: it moves down with its first entry.
		if e.class == "label" && i+1 < len(entries) {
			next := entries[i+1]
			if nw := next.iconW + faceMeta.Width(next.text); x > 0 && x+w+entryGap+nw > width {
				x, y, lineH = 0, y+lineH, lh
			}
		}
		out = append(out, placed{e, x, y, ls})
		x += w
		lineH = max(lineH, linesHeight(ls))
	}
	return &block{h: y + lineH, draw: func(wr *writer, x0, y0 float64) {
		for _, p := range out {
			top := y0 + p.y + (lh-p.lines[0].face.LineHeight())/2
			if p.e.icon != nil {
				p.e.icon(wr, x0+p.x, top+p.lines[0].face.LineHeight()/2)
			}
			wr.lines(p.lines, x0+p.x+p.e.iconW, top)
		}
	}}
}

// titleBlock is what a standalone map says about itself above the map:
// the journey's title, its state, personas and last update.
func (l *layout) titleBlock(width float64) *block {
	lang, j := l.o.Lang, l.j
	ls := wrapped(j.Title, faceDoc, width, "doc")
	facts := []string{words.Word(lang, "map-"+cmp.Or(j.State, "current"))}
	if len(j.Personas) > 0 {
		var names []string
		for _, p := range j.Personas {
			names = append(names, p.Title)
		}
		facts = append(facts, words.Word(lang, "personas")+": "+strings.Join(names, "; "))
	}
	if d := l.updated(); !d.IsZero() {
		facts = append(facts, words.Word(lang, "updated")+" "+words.Date(lang, d))
	}
	ls = append(ls, wrapped(strings.Join(facts, " · "), faceText, width, "text")...)
	return linesBlock(ls)
}

// updated is the date the map says it was last updated: the one the
// options give, else the journey's `updated`.
func (l *layout) updated() time.Time {
	if !l.o.Updated.IsZero() {
		return l.o.Updated
	}
	return l.j.Updated
}
