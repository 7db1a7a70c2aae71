package swimlane

import (
	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/textfit"
	"github.com/cjm-portal/cjm/internal/words"
)

// Sizes in CSS pixels.
const (
	labelW    = 112.0 // the lane label column
	minColW   = 168.0 // the narrowest stage
	maxColW   = 440.0 // no stage is widened past this for its text: longer lines read badly
	minCardW  = 132.0 // the narrowest touchpoint card
	pad       = 8.0   // inside a card, and left and right inside a cell
	padY      = 5.0   // above and below a cell's content
	gap       = 6.0   // between cards
	indent    = 10.0  // a detail card's shift under its parent
	minRowH   = 36.0
	emotionH  = 120.0 // the emotion lane: five levels
	markerW   = 14.0  // an icon or bullet before a line
	widthStep = 8.0   // columns are widened in steps of this
)

// The faces text is measured and drawn with; the CSS of the SVG names the
// same fonts at the same sizes.
var (
	faceDoc   = textfit.SemiBold(20) // a standalone map's title
	faceHead  = textfit.SemiBold(14)
	faceTitle = textfit.SemiBold(13)
	faceLabel = textfit.SemiBold(12)
	faceText  = textfit.Regular(12)
	faceMeta  = textfit.Regular(11)
)

// layout is a measured map: where every column, row and card goes. Rows
// start at y 0 below the title block, which only a standalone map draws.
type layout struct {
	j       *site.Journey
	o       Options
	cols    []*column
	rows    []*row
	curves  []curve // the emotion curves: one, or one per persona
	title   *block  // the standalone map's title block
	legend  *block
	legendY float64
	width   float64
	height  float64 // of the map without the title block
}

// column is one stage.
type column struct {
	st    *site.Stage
	x, w  float64
	minW  float64
	slots []*slot
}

// slot is one column of cards in a stage: a touchpoint and, under it, the
// touchpoints that name it as their parent.
type slot struct {
	x     float64 // from the column's left
	w     float64
	cards []*card
}

type card struct {
	tp    *site.Touchpoint
	depth int
	x, w  float64 // x from the column's left
	y, h  float64 // y from the top of the touchpoints row
	// body is the card's content laid out at the width bodyW: the last
	// width asked is the one it is placed and drawn at.
	body  *block
	bodyW float64
}

// row is one lane. A row whose cells are drawn from text has a cell per
// column; the emotions and engagement rows are drawn from the cards'
// positions and have a fixed height.
type row struct {
	lane  string
	label *block
	y, h  float64
	cells []*cell // one per column; nil for drawn rows
	fixed float64 // the height of a drawn row
}

// cell is one stage's content in a row, at any column width: measure
// gives its height there cheaply, layout wraps it to draw. Finding the
// columns' widths asks for many heights, each remembered.
type cell struct {
	measure func(width float64) float64
	layout  func(width float64) *block
	heights map[float64]float64
	laid    *block // at the column's final width
}

// height is the cell's height at a column width, padding included.
func (c *cell) height(w float64) float64 {
	if h, ok := c.heights[w]; ok {
		return h
	}
	h := c.measure(w) + 2*padY
	c.heights[w] = h
	return h
}

// block is measured content: its height, and how to draw it with its top
// left corner at x, y.
type block struct {
	h    float64
	draw func(w *writer, x, y float64)
}

func measure(j *site.Journey, o Options) *layout {
	l := &layout{j: j, o: o}
	l.curves = curvesOf(j)
	for _, st := range j.Stages {
		c := &column{st: st, slots: slots(st)}
		c.minW = gap
		for _, s := range c.slots {
			c.minW += s.minW() + gap
		}
		c.minW = max(minColW, c.minW)
		l.cols = append(l.cols, c)
	}
	for _, lane := range lanes(j) {
		l.rows = append(l.rows, l.newRow(lane))
	}
	l.fitWidths()

	x := labelW
	for _, c := range l.cols {
		c.x = x
		x += c.w
	}
	l.width = max(x, labelW+minColW)
	y := 0.0
	for _, r := range l.rows {
		r.y = y
		r.h = max(r.fixed, r.label.h+2*padY, minRowH)
		for i, c := range r.cells {
			c.laid = c.layout(l.cols[i].w)
			r.h = max(r.h, c.laid.h+2*padY)
		}
		if r.lane == "touchpoints" {
			l.placeCards()
		}
		y += r.h
	}
	l.legendY = y
	l.legend = l.legendBlock(l.width - labelW - 2*pad)
	l.height = y + l.legend.h + 2*padY
	l.title = l.titleBlock(l.width - 2*pad)
	return l
}

// lanes are the rows of the map, top to bottom: the stage header, always;
// the stages' goals and expectations, where the journey shows the lane
// "stages" and a stage has them; the journey's other lanes in its order;
// and back-stage processes last, below the line of visibility.
func lanes(j *site.Journey) []string {
	out := []string{"stages"}
	var rest []string
	processes := false
	for _, lane := range j.Lanes {
		switch lane {
		case "stages":
			for _, st := range j.Stages {
				if len(st.Goals)+len(st.Expectations) > 0 {
					out = append(out, "goals")
					break
				}
			}
		case "processes":
			processes = true
		default:
			rest = append(rest, lane)
		}
	}
	out = append(out, rest...)
	if processes {
		out = append(out, "processes")
	}
	return out
}

func (l *layout) newRow(lane string) *row {
	r := &row{lane: lane, label: l.laneLabel(lane)}
	switch lane {
	case "emotions":
		r.fixed = emotionH
	case "engagement":
		r.fixed = 46
	default:
		for _, c := range l.cols {
			r.cells = append(r.cells, l.cellFor(lane, c))
		}
	}
	return r
}

// laneLabel is a lane's name in the label column; the processes lane adds
// the line of visibility, the emotions lane the key to its curves.
func (l *layout) laneLabel(lane string) *block {
	w := labelW - 2*pad
	name := words.Word(l.o.Lang, lane)
	if lane == "goals" {
		name = words.Word(l.o.Lang, "goals-expectations")
	}
	ls := wrapped(name, faceLabel, w, "label")
	switch lane {
	case "processes":
		ls = append(ls, wrapped(words.Word(l.o.Lang, "line-of-visibility"), faceMeta, w, "meta")...)
	case "emotions":
		if len(l.curves) > 1 {
			ls = append(ls, l.curveKey(w)...)
		}
	}
	return linesBlock(ls)
}

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

// pointGap is the least distance between two emotion points, so that
// their faces and numbers, and the engagement words under them, never
// touch.
const pointGap = 60.0

// minW is the narrowest the slot may be: a card, and room for the emotion
// points of all its cards side by side.
func (s *slot) minW() float64 { return max(minCardW, float64(len(s.cards))*pointGap) }

// slotWidths divides a column's width among its slots, each getting its
// least width and a share of the rest in proportion to it.
func slotWidths(c *column, w float64) []float64 {
	least := 0.0
	for _, s := range c.slots {
		least += s.minW()
	}
	spare := w - gap*float64(len(c.slots)+1) - least
	out := make([]float64, len(c.slots))
	for i, s := range c.slots {
		out[i] = s.minW() + spare*s.minW()/least
	}
	return out
}

// cardsCell lays out a stage's cards at a column width: slots side by
// side, each a parent card with its details stacked under it.
func (l *layout) cardsCell(c *column) *cell {
	measure := func(w float64) float64 {
		sws := slotWidths(c, w)
		tallest := 0.0
		for i, s := range c.slots {
			y := 0.0
			for _, cd := range s.cards {
				y += l.cardBody(cd, sws[i]-float64(cd.depth)*indent).h + 2*pad + gap
			}
			tallest = max(tallest, y-gap)
		}
		return tallest
	}
	// The cards draw themselves (drawCards); the block only sizes the row.
	return &cell{measure: measure, heights: map[float64]float64{}, layout: func(w float64) *block {
		return &block{h: measure(w), draw: func(*writer, float64, float64) {}}
	}}
}

// placeCards fixes every card's position at its column's final width.
func (l *layout) placeCards() {
	for _, c := range l.cols {
		x := gap
		for i, s := range c.slots {
			s.x, s.w = x, slotWidths(c, c.w)[i]
			x += s.w + gap
			y := padY
			for _, cd := range s.cards {
				cd.x = s.x + float64(cd.depth)*indent
				cd.w = s.w - float64(cd.depth)*indent
				cd.y = y
				cd.h = l.cardBody(cd, cd.w).h + 2*pad
				y += cd.h + gap
			}
		}
	}
}
