package swimlane

import (
	"cmp"
	"math"
	"strconv"
	"strings"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/rollup"
	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/textfit"
	"github.com/cjm-portal/cjm/internal/words"
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

// run is text to be wrapped, in one face, after an icon or an indent of
// dx. An aside is a figure set beside the text's only line when both fit
// on it, else on a line of its own under the text.
type run struct {
	text  string
	face  *textfit.Face
	class string
	dx    float64
	icon  func(w *writer, x, y float64)
	aside string

	// The widths of text and aside on one line, worked out on first use:
	// most runs fit on one line at most widths a layout tries.
	oneLine, asideW float64
	measured        bool
}

func (r *run) measure() {
	if !r.measured {
		r.oneLine, r.asideW, r.measured = r.face.LineWidth(r.text), faceMeta.LineWidth(r.aside), true
	}
}

// nextTo reports whether the aside fits beside the text in width w.
func (r *run) nextTo(w float64) bool {
	r.measure()
	return r.dx+r.oneLine+asideGap+r.asideW <= w
}

// height is the run's height wrapped at width w, counting its lines
// without making them.
func (r *run) height(w float64) float64 {
	if r.aside != "" && r.nextTo(w) {
		return r.face.LineHeight()
	}
	r.measure()
	lines := 1
	if r.text == "" {
		lines = 0
	} else if r.oneLine > w-r.dx {
		lines = r.face.Count(r.text, w-r.dx)
	}
	h := float64(lines) * r.face.LineHeight()
	if r.aside != "" {
		h += float64(faceMeta.Count(r.aside, w-r.dx)) * faceMeta.LineHeight()
	}
	return h
}

// lines wraps the run at width w.
func (r *run) lines(w float64) []line {
	if r.aside != "" && r.nextTo(w) {
		return []line{{text: r.text, face: r.face, class: r.class, dx: r.dx, icon: r.icon, aside: r.aside, asideX: w}}
	}
	ls := marked(r.text, r.face, w, r.dx, r.class, r.icon)
	if r.aside != "" {
		ls = append(ls, marked(r.aside, faceMeta, w, r.dx, "meta", nil)...)
	}
	return ls
}

// item is a piece of a cell: runs that may link to a page, boxed with a
// dashed line when what they say is an assumption.
type item struct {
	runs   []run
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

// stack is what a cell shows, whatever its width: items one under
// another, gap apart.
type stack struct {
	items []item
	gap   float64
}

// height is the stack's height at width w.
func (c stack) height(w float64) float64 {
	h := 0.0
	for i, it := range c.items {
		if i > 0 {
			h += c.gap
		}
		for k := range it.runs {
			h += it.runs[k].height(w)
		}
	}
	return h
}

// lay wraps the stack at width w, to draw.
func (c stack) lay(w float64) *block {
	type laid struct {
		item
		lines []line
		h     float64
	}
	all := make([]laid, len(c.items))
	h := 0.0
	for i, it := range c.items {
		var ls []line
		for k := range it.runs {
			ls = append(ls, it.runs[k].lines(w)...)
		}
		all[i] = laid{it, ls, linesHeight(ls)}
		if i > 0 {
			h += c.gap
		}
		h += all[i].h
	}
	return &block{h: h, draw: func(wr *writer, x, y float64) {
		for _, it := range all {
			if it.dashed {
				wr.rect("assumed", x-3, y-1, w+6, it.h+2)
			}
			if it.link != "" {
				wr.open(it.link)
			}
			wr.lines(it.lines, x, y)
			if it.link != "" {
				wr.WriteString(`</a>`)
			}
			y += it.h + c.gap
		}
	}}
}

// cellFor makes the cell of a stage in a lane drawn from text.
func (l *layout) cellFor(lane string, c *column) *cell {
	st := c.st
	var ct stack
	switch lane {
	case "touchpoints":
		return l.cardsCell(c)
	case "stages":
		ct = l.header(st)
	case "goals":
		ct = goals(st)
	case "owners":
		ct = l.owners(st)
	case "kpis":
		ct = kpis(st, l.o.Trend)
	case "opportunities":
		ct = l.opportunities(st)
	default:
		ct = list(gather(st, lane), lane)
	}
	return &cell{
		measure: func(w float64) float64 { return ct.height(w - 2*pad) },
		layout:  func(w float64) *block { return ct.lay(w - 2*pad) },
		heights: map[float64]float64{},
	}
}

// header is a stage's title, whole and linking to its page, with how long
// it takes and how many customers go on.
func (l *layout) header(st *site.Stage) stack {
	items := []item{{runs: []run{{text: st.Title, face: faceHead, class: "head"}}, link: st.URL}}
	var meta []run
	if st.Duration != "" {
		meta = append(meta, run{text: st.Duration, face: faceMeta, class: "meta", dx: markerW, icon: clockIcon})
	}
	if st.Conversion != nil {
		meta = append(meta, run{text: words.Word(l.o.Lang, "conversion") + ": " + percent(*st.Conversion), face: faceMeta, class: "meta"})
	}
	if meta != nil {
		items = append(items, item{runs: meta})
	}
	return stack{items, itemGap}
}

// note is a run of a list: text after a bullet or a mark.
func note(text, class string, icon func(*writer, float64, float64)) run {
	return run{text: text, face: faceText, class: class, dx: markerW, icon: icon}
}

// goals lists what the customer wants from a stage, each after a target,
// and what they expect of it, each after a ticked box; the legend says
// which is which.
func goals(st *site.Stage) stack {
	var items []item
	for _, t := range st.Goals {
		items = append(items, item{runs: []run{note(t, "text", goalIcon)}})
	}
	for _, t := range st.Expectations {
		items = append(items, item{runs: []run{note(t, "text", expectationIcon)}})
	}
	return stack{items, noteGap}
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
	if l, ok := content.NoteListOf(lane); ok {
		return l.Of(tp.Touchpoint)
	}
	return nil
}

// list draws a list lane's notes, every one whole: pains and barriers
// with a cross, gains with a plus, others with a bullet; a note that is an
// assumption is boxed with a dashed line.
func list(notes []content.Note, lane string) stack {
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
		items[i] = item{runs: []run{note(n.Text, class, icon)}, dashed: n.Source == "assumption"}
	}
	return stack{items, noteGap}
}

// owners links to the teams that own a stage's touchpoints, and warns when
// one is owned by nobody.
func (l *layout) owners(st *site.Stage) stack {
	var items []item
	seen := map[string]bool{}
	for _, tp := range st.Touchpoints {
		switch {
		case tp.Owner != nil && !seen[tp.Owner.Slug]:
			seen[tp.Owner.Slug] = true
			items = append(items, item{runs: []run{{text: tp.Owner.Title, face: faceText, class: "link"}}, link: tp.Owner.URL})
		case tp.OwnerNone && !seen[""]:
			seen[""] = true
			items = append(items, item{runs: []run{note(words.Word(l.o.Lang, "nobody"), "warn", warnIcon)}})
		}
	}
	return stack{items, noteGap}
}

// kpis shows each KPI of a stage's touchpoints with its values, beside
// its name where they fit, and whether it is met: a tick, a cross or a
// dash, and the same in the legend. A catalogued KPI's name links to its
// page, any other to its touchpoint.
func kpis(st *site.Stage, trend func(*site.Touchpoint, string) []float64) stack {
	var items []item
	for _, tp := range st.Touchpoints {
		for _, k := range tp.KPIs {
			status := rollup.KPI(k.KPI)
			r := note(k.Name, "text", func(wr *writer, x, y float64) { kpiIcon(wr, status, x, y) })
			r.aside = KPIValue(k.Current, k.Unit) + " → " + KPIValue(k.Target, k.Unit)
			runs := []run{r}
			if trend != nil {
				// How its current value moved, commit by commit: a line in
				// the marker's place and the values beside it.
				if vs := trend(tp, k.Key()); len(vs) > 1 {
					words := make([]string, len(vs))
					for i, v := range vs {
						words[i] = KPIValue(&v, "")
					}
					runs = append(runs, run{text: strings.Join(words, " → "), face: faceMeta, class: "meta", dx: markerW,
						icon: func(wr *writer, x, y float64) { trendIcon(wr, vs, x, y) }})
				}
			}
			// A catalogued KPI links to its page, which shows it across
			// journeys; the card above links to the touchpoint.
			link := tp.URL
			if u := k.URL(); u != "" {
				link = u
			}
			items = append(items, item{runs: runs, link: link})
		}
	}
	return stack{items, itemGap}
}

// opportunities lists the improvements planned on a stage's touchpoints:
// what, who, by when, in what state, and a warning once overdue.
func (l *layout) opportunities(st *site.Stage) stack {
	lang := l.o.Lang
	var items []item
	for _, tp := range st.Touchpoints {
		for _, op := range tp.Opportunities {
			runs := []run{note(op.Title, "text", func(wr *writer, x, y float64) { statusIcon(wr, op.Status, x, y) })}
			meta := ""
			if op.Owner != nil {
				meta = op.Owner.Title + " · "
			}
			if !op.Due.IsZero() {
				meta += op.Due.Format("2006-01-02") + " · "
			}
			meta += words.Word(lang, op.Status)
			runs = append(runs, run{text: meta, face: faceMeta, class: "meta", dx: markerW})
			if !l.o.Today.IsZero() && rollup.Overdue(op, l.o.Today) {
				runs = append(runs, run{text: words.Word(lang, "overdue"), face: faceMeta, class: "warn", dx: markerW, icon: warnIcon})
			}
			items = append(items, item{runs: runs, link: tp.URL})
		}
	}
	return stack{items, itemGap}
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
