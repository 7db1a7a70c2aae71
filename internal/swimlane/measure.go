package swimlane

import (
	"strings"

	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/textfit"
	"github.com/cjm-portal/cjm/internal/theme"
)

// Sizes in CSS pixels.
const (
	labelW    = 150.0 // the lane label column
	slotW     = 184.0 // one column of touchpoint cards inside a stage
	minStageW = 232.0 // the narrowest stage
	pad       = 10.0  // inside a cell
	gap       = 8.0   // between cards
	indent    = 12.0  // a child card's shift under its parent
	minRowH   = 44.0
	emotionH  = 156.0
	maxLines  = 8 // lines a list cell shows before "…"
	markerW   = 14.0
)

// The faces text is measured and drawn with; the CSS of the SVG names the
// same fonts at the same sizes.
var (
	faceHead  = textfit.SemiBold(14)
	faceTitle = textfit.SemiBold(13)
	faceLabel = textfit.SemiBold(12)
	faceText  = textfit.Regular(12)
	faceMeta  = textfit.Regular(11)
)

// layout is a measured map: where every column, row and card goes.
type layout struct {
	j             *site.Journey
	o             Options
	stages        []*column
	rows          []*row
	headH         float64
	width, height float64
}

// column is one stage.
type column struct {
	st    *site.Stage
	x, w  float64
	slots []*slot
	head  *block
}

// slot is one column of cards in a stage: a touchpoint and, under it, the
// touchpoints that name it as their parent.
type slot struct {
	x     float64
	cards []*card
}

type card struct {
	tp    *site.Touchpoint
	depth int
	x, w  float64
	y, h  float64 // y from the top of the touchpoints row
	body  *block
}

// row is one lane.
type row struct {
	lane  string
	label []string
	y, h  float64
	cells []*block // one per stage; nil for lanes drawn per card
}

// block is measured content: its height, and how to draw it in a box.
type block struct {
	h     float64
	title string // the full text, shown as a tooltip when the block was clamped
	draw  func(w *writer, x, y, width float64)
}

func measure(j *site.Journey, o Options) *layout {
	l := &layout{j: j, o: o}
	x := labelW
	for _, st := range j.Stages {
		c := &column{st: st, x: x}
		c.slots = slots(st)
		c.w = max(minStageW, float64(len(c.slots))*slotW+gap)
		for i, s := range c.slots {
			s.x = x + gap/2 + float64(i)*slotW
		}
		x += c.w
		l.stages = append(l.stages, c)
	}
	l.width = max(x, labelW+minStageW)

	// The header: stage titles, whole, and what the stage says about itself.
	for _, c := range l.stages {
		c.head = l.header(c)
		l.headH = max(l.headH, c.head.h+2*pad)
	}
	l.headH = max(l.headH, minRowH)

	y := l.headH
	for _, lane := range lanes(j) {
		r := &row{lane: lane, y: y}
		r.label = faceLabel.Wrap(laneName(o.Lang, lane), labelW-2*pad)
		h := float64(len(r.label))*faceLabel.LineHeight() + 2*pad
		if lane == "processes" { // the label cell also names the line of visibility
			h += 4 + linesHeight(wrapped(theme.Word(o.Lang, "line-of-visibility"), faceMeta, labelW-2*pad, "meta"))
		}
		switch lane {
		case "touchpoints":
			h = max(h, l.cards())
		case "emotions":
			h = max(h, emotionH)
		case "engagement":
			h = max(h, 52)
		default:
			for _, c := range l.stages {
				b := l.cell(lane, c)
				r.cells = append(r.cells, b)
				h = max(h, b.h+2*pad)
			}
		}
		r.h = max(h, minRowH)
		y += r.h
		l.rows = append(l.rows, r)
	}
	l.height = y
	return l
}

// lanes are the journey's lanes without "stages", which is the header, and
// with back-stage processes last, below the line of visibility.
func lanes(j *site.Journey) []string {
	var out []string
	processes := false
	for _, l := range j.Lanes {
		switch l {
		case "stages":
		case "processes":
			processes = true
		default:
			out = append(out, l)
		}
	}
	if processes {
		out = append(out, "processes")
	}
	return out
}

func laneName(lang, lane string) string { return theme.Word(lang, lane) }

// slots groups a stage's touchpoints: each top-level touchpoint starts a
// slot, and its descendants in the same stage stack under it.
func slots(st *site.Stage) []*slot {
	var out []*slot
	byRoot := map[*site.Touchpoint]*slot{}
	for _, tp := range st.Touchpoints {
		root, depth := tp, 0
		for root.Parent != nil && root.Parent.Stage == st {
			root = root.Parent
			depth++
		}
		s := byRoot[root]
		if s == nil {
			s = &slot{}
			byRoot[root] = s
			out = append(out, s)
		}
		c := &card{tp: tp, depth: min(depth, 3)}
		if tp == root { // the parent heads its slot, whatever the order
			s.cards = append([]*card{c}, s.cards...)
		} else {
			s.cards = append(s.cards, c)
		}
	}
	return out
}

// cards measures every card and returns the height of the tallest slot.
func (l *layout) cards() float64 {
	tallest := 0.0
	for _, c := range l.stages {
		for _, s := range c.slots {
			y := pad
			for _, cd := range s.cards {
				cd.x = s.x + float64(cd.depth)*indent
				cd.w = slotW - gap - float64(cd.depth)*indent
				cd.body = l.cardBody(cd)
				cd.y = y
				cd.h = cd.body.h + 2*pad
				y += cd.h + gap
			}
			tallest = max(tallest, y-gap+pad)
		}
	}
	return tallest
}

// textBlock stacks wrapped lines of one face.
type line struct {
	text  string
	face  *textfit.Face
	class string
	dx    float64 // shift right, for a marker or icon before the text
	icon  func(w *writer, x, y float64)
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

func (l *layout) header(c *column) *block {
	w := c.w - 2*pad
	ls := wrapped(c.st.Title, faceHead, w, "head")
	titleLines := len(ls) // the whole title links to the stage page
	if c.st.Duration != "" {
		for i, dl := range wrapped(c.st.Duration, faceMeta, w-markerW, "meta") {
			dl.dx = markerW
			if i == 0 {
				dl.icon = clockIcon
			}
			ls = append(ls, dl)
		}
	}
	if c.st.Conversion != nil {
		ls = append(ls, wrapped(theme.Word(l.o.Lang, "conversion")+": "+percent(*c.st.Conversion), faceMeta, w, "meta")...)
	}
	for _, part := range []struct {
		key   string
		items []string
	}{{"goals", c.st.Goals}, {"expectations", c.st.Expectations}} {
		if len(part.items) == 0 {
			continue
		}
		ls = append(ls, wrapped(theme.Word(l.o.Lang, part.key), faceMeta, w, "meta strong")...)
		items, _, _ := bullets(part.items, faceMeta, w, 3, "meta")
		ls = append(ls, items...)
	}
	return &block{h: linesHeight(ls), draw: func(wr *writer, x, y, _ float64) {
		wr.lines(ls, x, y, c.st.URL, titleLines)
	}}
}

// bullets lays out list items with a marker each, at most limit lines in
// all; cut reports whether items or lines were left out.
func bullets(items []string, f *textfit.Face, width float64, limit int, class string) (out []line, cut bool, full string) {
	seen := map[string]bool{}
	var kept []string
	for _, it := range items {
		if !seen[it] {
			seen[it] = true
			kept = append(kept, it)
		}
	}
	for i, it := range kept {
		left := limit - len(out)
		if left <= 0 {
			cut = true
			break
		}
		ls, c := f.Clamp(it, width-markerW, left)
		for k, s := range ls {
			ln := line{text: s, face: f, class: class, dx: markerW}
			if k == 0 {
				ln.icon = bulletIcon
			}
			out = append(out, ln)
		}
		if c {
			cut = true
			break
		}
		if i < len(kept)-1 && len(out) >= limit {
			cut = true
			break
		}
	}
	if cut && len(out) > 0 {
		last := &out[len(out)-1]
		if !strings.HasSuffix(last.text, "…") {
			last.text = ellipsize(last.text, f, width-markerW)
		}
	}
	return out, cut, strings.Join(kept, "\n")
}

// ellipsize ends s with "…", shortening it until it fits in width.
func ellipsize(s string, f *textfit.Face, width float64) string {
	r := []rune(strings.TrimRight(s, " "))
	for len(r) > 0 && f.Width(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ") + "…"
}
