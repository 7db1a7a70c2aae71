package swimlane

import (
	"cmp"
	"math"
	"strconv"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/rollup"
	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/textfit"
	"github.com/cjm-portal/cjm/internal/theme"
)

// line is one line of text, drawn from its top.
type line struct {
	text  string
	face  *textfit.Face
	class string
	dx    float64 // shift right, for a marker or icon before the text
	icon  func(w *writer, x, y float64)
	// aside is a figure set on the same line, in the meta face, ending
	// asideX to the right of the line's start.
	aside  string
	asideX float64
}

func linesHeight(ls []line) float64 {
	h := 0.0
	for _, ln := range ls {
		h += ln.face.LineHeight()
	}
	return h
}

// wrapped turns text into lines of a face at a width.
func wrapped(text string, f *textfit.Face, width float64, class string) []line {
	var out []line
	for _, s := range f.Wrap(text, width) {
		out = append(out, line{text: s, face: f, class: class})
	}
	return out
}

// marked is wrapped text after an icon: the icon on the first line, every
// line shifted right by dx.
func marked(text string, f *textfit.Face, width, dx float64, class string, icon func(*writer, float64, float64)) []line {
	ls := wrapped(text, f, width-dx, class)
	for i := range ls {
		ls[i].dx = dx
	}
	if len(ls) > 0 {
		ls[0].icon = icon
	}
	return ls
}

func linesBlock(ls []line) *block {
	return &block{h: linesHeight(ls), draw: func(w *writer, x, y float64) { w.lines(ls, x, y) }}
}

// item is a piece of a cell: lines that may link to a page, and that are
// boxed with a dashed line when what they say is an assumption.
type item struct {
	lines  []line
	link   string
	dashed bool
}

// The space between two items of a cell: a list's items, each after its
// bullet or mark, sit close; KPIs and opportunities, each of a name and its
// figures, apart. asideGap is the least space between a line and the
// figure set beside it.
const (
	noteGap  = 2.0
	itemGap  = 5.0
	asideGap = 10.0
)

// stack lays items out one under another in a width, gap apart.
func stack(items []item, width, gap float64) *block {
	h := 0.0
	for i, it := range items {
		if i > 0 {
			h += gap
		}
		h += linesHeight(it.lines)
	}
	return &block{h: h, draw: func(w *writer, x, y float64) {
		for _, it := range items {
			h := linesHeight(it.lines)
			if it.dashed {
				w.rect("assumed", x-3, y-1, width+6, h+2)
			}
			if it.link != "" {
				w.open(it.link)
			}
			w.lines(it.lines, x, y)
			if it.link != "" {
				w.WriteString(`</a>`)
			}
			y += h + gap
		}
	}}
}

// cellFor makes the cell of a stage in a lane drawn from text.
func (l *layout) cellFor(lane string, c *column) *cell {
	st := c.st
	switch lane {
	case "stages":
		return newCell(func(w float64) *block { return l.header(st, w-2*pad) })
	case "goals":
		return newCell(func(w float64) *block { return l.goals(st, w-2*pad) })
	case "touchpoints":
		return l.cardsCell(c)
	case "owners":
		return newCell(func(w float64) *block { return l.owners(st, w-2*pad) })
	case "kpis":
		return newCell(func(w float64) *block { return l.kpis(st, w-2*pad) })
	case "opportunities":
		return newCell(func(w float64) *block { return l.opportunities(st, w-2*pad) })
	}
	notes := gather(st, lane)
	return newCell(func(w float64) *block { return list(notes, lane, w-2*pad) })
}

// header is a stage's title, whole and linking to its page, with how long
// it takes and how many customers go on.
func (l *layout) header(st *site.Stage, w float64) *block {
	items := []item{{lines: wrapped(st.Title, faceHead, w, "head"), link: st.URL}}
	var meta []line
	if st.Duration != "" {
		meta = append(meta, marked(st.Duration, faceMeta, w, markerW, "meta", clockIcon)...)
	}
	if st.Conversion != nil {
		meta = append(meta, wrapped(theme.Word(l.o.Lang, "conversion")+": "+percent(*st.Conversion), faceMeta, w, "meta")...)
	}
	if meta != nil {
		items = append(items, item{lines: meta})
	}
	return stack(items, w, itemGap)
}

// goals lists what the customer wants from a stage, each after a target,
// and what they expect of it, each after a ticked box; the legend says
// which is which.
func (l *layout) goals(st *site.Stage, w float64) *block {
	var items []item
	for _, t := range st.Goals {
		items = append(items, item{lines: marked(t, faceText, w, markerW, "text", goalIcon)})
	}
	for _, t := range st.Expectations {
		items = append(items, item{lines: marked(t, faceText, w, markerW, "text", expectationIcon)})
	}
	return stack(items, w, noteGap)
}

// gather collects a list lane's notes from a stage's touchpoints, each
// once, with the evidence it rests on: its own source, else its
// touchpoint's.
func gather(st *site.Stage, lane string) []content.Note {
	var out []content.Note
	seen := map[string]bool{}
	for _, tp := range st.Touchpoints {
		for _, n := range notesOf(tp, lane) {
			if !seen[n.Text] {
				seen[n.Text] = true
				out = append(out, content.Note{Text: n.Text, Source: cmp.Or(n.Source, tp.Evidence)})
			}
		}
	}
	return out
}

func notesOf(tp *site.Touchpoint, lane string) content.Notes {
	switch lane {
	case "actions":
		return tp.Actions
	case "questions":
		return tp.Questions
	case "barriers":
		return tp.Barriers
	case "pains":
		return tp.Pains
	case "gains":
		return tp.Gains
	case "influencers":
		return tp.Influencers
	case "processes":
		return tp.Processes
	}
	return nil
}

// list draws a list lane's notes, every one whole: pains and barriers
// with a cross, gains with a plus, others with a bullet; a note that is an
// assumption is boxed with a dashed line.
func list(notes []content.Note, lane string, w float64) *block {
	class := "text"
	switch lane {
	case "pains", "barriers":
		class = "pain"
	case "gains":
		class = "gain"
	}
	icon := markerFor(lane)
	items := make([]item, len(notes))
	for i, n := range notes {
		items[i] = item{lines: marked(n.Text, faceText, w, markerW, class, icon), dashed: n.Source == "assumption"}
	}
	return stack(items, w, noteGap)
}

// owners links to the teams that own a stage's touchpoints, and warns when
// one is owned by nobody.
func (l *layout) owners(st *site.Stage, w float64) *block {
	var items []item
	seen := map[string]bool{}
	for _, tp := range st.Touchpoints {
		switch {
		case tp.Owner != nil && !seen[tp.Owner.Slug]:
			seen[tp.Owner.Slug] = true
			items = append(items, item{lines: wrapped(tp.Owner.Title, faceText, w, "link"), link: tp.Owner.URL})
		case tp.OwnerNone && !seen[""]:
			seen[""] = true
			items = append(items, item{lines: marked(theme.Word(l.o.Lang, "nobody"), faceText, w, markerW, "warn", warnIcon)})
		}
	}
	return stack(items, w, itemGap)
}

// kpis shows each KPI of a stage's touchpoints with its values and whether
// it is met: a tick, a cross or a dash, and the same in the legend.
func (l *layout) kpis(st *site.Stage, w float64) *block {
	var items []item
	for _, tp := range st.Touchpoints {
		for _, k := range tp.KPIs {
			status := rollup.KPI(k)
			icon := func(wr *writer, x, y float64) { kpiIcon(wr, status, x, y) }
			value := KPIValue(k.Current, k.Unit) + " → " + KPIValue(k.Target, k.Unit)
			// The values beside the name when both fit on one line, else under it.
			var ls []line
			if vw := faceMeta.Width(value); markerW+faceText.Width(k.Name)+asideGap+vw <= w {
				ls = marked(k.Name, faceText, w, markerW, "text", icon)
				ls[0].aside, ls[0].asideX = value, w
			} else {
				ls = marked(k.Name, faceText, w, markerW, "text", icon)
				ls = append(ls, marked(value, faceMeta, w, markerW, "meta", nil)...)
			}
			items = append(items, item{lines: ls, link: tp.URL})
		}
	}
	return stack(items, w, itemGap)
}

// opportunities lists the improvements planned on a stage's touchpoints:
// what, who, by when, in what state, and a warning once overdue.
func (l *layout) opportunities(st *site.Stage, w float64) *block {
	lang := l.o.Lang
	var items []item
	for _, tp := range st.Touchpoints {
		for _, op := range tp.Opportunities {
			ls := marked(op.Title, faceText, w, markerW, "text", func(wr *writer, x, y float64) { statusIcon(wr, op.Status, x, y) })
			meta := ""
			if op.Owner != nil {
				meta = op.Owner.Title + " · "
			}
			if !op.Due.IsZero() {
				meta += op.Due.Format("2006-01-02") + " · "
			}
			meta += theme.Word(lang, op.Status)
			ls = append(ls, marked(meta, faceMeta, w, markerW, "meta", nil)...)
			if !l.o.Today.IsZero() && rollup.Overdue(op, l.o.Today) {
				ls = append(ls, marked(theme.Word(lang, "overdue"), faceMeta, w, markerW, "warn", warnIcon)...)
			}
			items = append(items, item{lines: ls, link: tp.URL})
		}
	}
	return stack(items, w, itemGap)
}

func importanceLevel(s string) int {
	switch s {
	case "critical":
		return 4
	case "high":
		return 3
	case "medium":
		return 2
	case "low":
		return 1
	}
	return 0
}

func percent(v float64) string { return num(math.Round(v*1000)/10) + " %" }

// KPIValue writes a KPI value with its unit, or "—" when it is unknown.
func KPIValue(v *float64, unit string) string {
	if v == nil {
		return "—"
	}
	s := strconv.FormatFloat(*v, 'f', -1, 64)
	switch unit {
	case "":
		return s
	case "%":
		return s + " %"
	}
	return s + " " + unit
}
