package swimlane

// Steps, in widthStep units, that fitWidths tries for a column at once.
// Several sizes, because one step often shortens no row: a list grows a
// line shorter only when its longest item fits on one line fewer.
var (
	widenSteps  = []float64{1, 2, 3, 4, 6, 8, 12, 16, 24, 32}
	narrowSteps = []float64{1, 2, 4}
)

// fitWidths gives each stage the width its content needs. Every row is as
// tall as its tallest cell, so a narrow stage holding long lists makes
// whole rows tall while the other stages' cells stay white. Starting from
// the narrowest width each stage allows, it moves one stage's width at a
// time, taking the move that shrinks the map's area most, until no move
// does: a stage of short text stays narrow, one with the most text widens
// until widening it no longer pays for itself.
func (l *layout) fitWidths() {
	n := len(l.cols)
	if n == 0 {
		return
	}
	ws := make([]float64, n)
	for i, c := range l.cols {
		ws[i] = c.minW
	}
	// floors are the heights rows have whatever the widths: their label,
	// or the drawing of a drawn row.
	floors := make([]float64, len(l.rows))
	for k, r := range l.rows {
		floors[k] = max(r.fixed, r.label.h+2*padY, minRowH)
	}
	// tops[k] are the two tallest cells of row k at the current widths, so
	// that the row's height without column i is known at once.
	type top struct {
		first, second float64
		at            int
	}
	tops := make([]top, len(l.rows))
	refresh := func() {
		for k, r := range l.rows {
			t := top{at: -1}
			for i, c := range r.cells {
				h := c.height(ws[i])
				switch {
				case h > t.first:
					t.second, t.first, t.at = t.first, h, i
				case h > t.second:
					t.second = h
				}
			}
			tops[k] = t
		}
	}
	// heightWith is the map's height with column i at width w.
	heightWith := func(i int, w float64) float64 {
		total := 0.0
		for k, r := range l.rows {
			h := floors[k]
			if r.cells != nil {
				t := tops[k]
				other := t.first
				if t.at == i {
					other = t.second
				}
				h = max(h, other, r.cells[i].height(w))
			}
			total += h
		}
		return total
	}
	sum := func() float64 {
		s := labelW
		for _, w := range ws {
			s += w
		}
		return s
	}

	refresh()
	width := sum()
	area := width * heightWith(0, ws[0])
	for range 400 { // a bound, never reached in practice
		bestArea, bestI, bestW := area, -1, 0.0
		try := func(i int, w float64) {
			if a := (width - ws[i] + w) * heightWith(i, w); a < bestArea-0.5 {
				bestArea, bestI, bestW = a, i, w
			}
		}
		for i, c := range l.cols {
			for _, k := range widenSteps {
				if w := ws[i] + k*widthStep; w <= max(c.minW, maxColW) {
					try(i, w)
				}
			}
			for _, k := range narrowSteps {
				if w := ws[i] - k*widthStep; w >= c.minW {
					try(i, w)
				}
			}
		}
		if bestI < 0 {
			break
		}
		ws[bestI] = bestW
		width, area = sum(), bestArea
		refresh()
	}
	for i, c := range l.cols {
		c.w = ws[i]
	}
}
