package swimlane

import (
	"bytes"
	"strings"

	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/words"
)

// PairStages pairs the stages of an as-is and a to-be journey by slug,
// else by title; a stage of one journey alone gets nil beside it. The
// order is the as-is journey's, with to-be-only stages placed after the
// stage they follow there.
func PairStages(cur, tgt []*site.Stage) [][2]*site.Stage {
	find := func(s *site.Stage, used map[*site.Stage]bool) *site.Stage {
		for _, t := range tgt {
			if t.Slug == s.Slug && !used[t] {
				return t
			}
		}
		for _, t := range tgt {
			if strings.EqualFold(t.Title, s.Title) && !used[t] {
				return t
			}
		}
		return nil
	}
	var out [][2]*site.Stage
	used := map[*site.Stage]bool{}
	for _, s := range cur {
		t := find(s, used)
		if t != nil {
			used[t] = true
		}
		out = append(out, [2]*site.Stage{s, t})
	}
	for i, t := range tgt {
		if used[t] {
			continue
		}
		at := 0 // after the pair holding the previous to-be stage
		if i > 0 {
			at = len(out)
			for k, p := range out {
				if p[1] == tgt[i-1] {
					at = k + 1
				}
			}
		}
		out = append(out[:at], append([][2]*site.Stage{{nil, t}}, out[at:]...)...)
		used[t] = true
	}
	return out
}

// Curves draws the emotion curves of an as-is journey and its to-be
// journey on one chart, stage columns paired by PairStages. The as-is
// curve is solid with round points, the to-be curve dashed with square
// points, so they differ without colour. Where a touchpoint's personas
// feel differently, its point is their mean.
func Curves(cur, tgt *site.Journey, o Options) []byte {
	if o.Link == nil {
		o.Link = func(s string) string { return s }
	}
	if o.ID == "" {
		o.ID = "curves"
	}
	const colW, plotH = 180.0, 200.0
	pairs := PairStages(cur.Stages, tgt.Stages)
	width := labelW + float64(max(len(pairs), 1))*colW

	asIs, toBe := curve{style: curveStyles[0]}, curve{style: curveStyle{"target", "7 5", "square"}}
	legend := flow([]entry{
		{icon: asIs.sample, iconW: 30, text: words.Word(o.Lang, "current") + ": " + cur.Title, class: "meta"},
		{icon: toBe.sample, iconW: 30, text: words.Word(o.Lang, "target") + ": " + tgt.Title, class: "meta"},
	}, width-2*pad)
	titles := make([]string, len(pairs))
	for i, p := range pairs {
		st := p[0]
		if st == nil {
			st = p[1]
		}
		titles[i] = st.Title
	}
	c := newCurveChart(legend, titles, colW, plotH, width)
	height, yOf := c.height, c.yOf

	w := &writer{o: o, Buffer: new(bytes.Buffer)}
	w.elem("svg", false, "xmlns", "http://www.w3.org/2000/svg", "role", "graphics-document", "aria-labelledby", o.ID+"-title "+o.ID+"-desc",
		"width", num(width), "height", num(height), "viewBox", "0 0 "+num(width)+" "+num(height), "class", "cjm-map cjm-curves")
	w.f(`<title id="%s-title">%s</title>`, o.ID, esc(words.Word(o.Lang, "emotions")+": "+cur.Title+" / "+tgt.Title))
	w.f(`<desc id="%s-desc">%s</desc>`, o.ID, esc(words.Word(o.Lang, "current")+": "+describe(cur, o.Lang)+". "+words.Word(o.Lang, "target")+": "+describe(tgt, o.Lang)))
	w.WriteString(`<style>` + style + `</style>`)
	c.frame(w)
	series := func(side int, cv curve) {
		// The points, with nil where a touchpoint has no emotion: a gap.
		type point struct {
			x, y float64
			tp   *site.Touchpoint
			e    float64
		}
		var pts []*point
		for i, p := range pairs {
			st := p[side]
			if st == nil {
				continue
			}
			x0, n := labelW+float64(i)*colW, len(st.Touchpoints)
			for k, tp := range st.Touchpoints {
				e, ok := meanFeeling(tp)
				if !ok {
					pts = append(pts, nil)
					continue
				}
				pts = append(pts, &point{x0 + colW*(float64(k)+0.5)/float64(n), yOf(e), tp, e})
			}
		}
		var run []string
		for i, p := range pts {
			if p != nil {
				run = append(run, num(p.x)+","+num(p.y))
			}
			if (p == nil || i == len(pts)-1) && len(run) > 0 {
				if len(run) > 1 {
					w.elem("polyline", true, cv.lineAttrs("points", strings.Join(run, " "))...)
				}
				run = nil
			}
		}
		for _, p := range pts {
			if p == nil {
				continue
			}
			w.open(p.tp.URL)
			w.f(`<title>%s</title>`, esc(cardTitle(p.tp, o.Lang)))
			cv.mark(w, p.x, p.y, 5.5)
			w.WriteString(`</a>`)
		}
	}
	series(0, asIs)
	series(1, toBe)
	w.WriteString(`</svg>`)
	return w.Bytes()
}

// meanFeeling is the mean of how the personas feel at tp, and whether any
// says.
func meanFeeling(tp *site.Touchpoint) (float64, bool) {
	if tp.Emotion != nil {
		return float64(*tp.Emotion), true
	}
	if len(tp.Feelings) == 0 {
		return 0, false
	}
	sum := 0
	for _, f := range tp.Feelings {
		sum += f.Value
	}
	return float64(sum) / float64(len(tp.Feelings)), true
}

// curveChart is the frame both emotion charts draw their curves in (the
// as-is / to-be comparison and a journey's history): a legend, a column
// per stage with its title, and the emotion axis from -2 to +2.
type curveChart struct {
	legend              *block
	heads               [][]line
	colW, width, height float64
	legendH, headH, top float64
	yOf                 func(e float64) float64
}

// newCurveChart lays the frame out for columns titled titles, colW wide,
// over a plot plotH high, width wide in all.
func newCurveChart(legend *block, titles []string, colW, plotH, width float64) *curveChart {
	c := &curveChart{legend: legend, heads: make([][]line, len(titles)), colW: colW, width: width, legendH: legend.h + 2*pad}
	for i, t := range titles {
		c.heads[i] = wrapped(t, faceLabel, colW-2*pad, "label")
		c.headH = max(c.headH, linesHeight(c.heads[i])+2*pad)
	}
	c.top = c.legendH + c.headH
	c.height = c.top + plotH
	top := c.top
	c.yOf = func(e float64) float64 { return top + 24 + (plotH-48)*(2-e)/4 }
	return c
}

// frame draws the background, the legend, the axis and the column heads.
func (c *curveChart) frame(w *writer) {
	w.rect("bg", 0, 0, c.width, c.height)
	w.WriteString(`<g class="cell">`)
	w.rect("bg", 0, 0, c.width, c.legendH)
	c.legend.draw(w, pad, pad)
	w.WriteString(`</g>`)
	w.rect("hd", 0, c.legendH, c.width, c.headH)
	for e := -2; e <= 2; e++ {
		y := c.yOf(float64(e))
		w.text(line{text: signed(e), face: faceMeta, class: "meta end"}, labelW-pad, y-faceMeta.LineHeight()/2)
		w.elem("line", true, "class", "zero", "x1", num(labelW), "y1", num(y), "x2", num(c.width), "y2", num(y))
	}
	for i, h := range c.heads {
		x := labelW + float64(i)*c.colW
		w.elem("line", true, "class", "rule", "x1", num(x), "y1", num(c.legendH), "x2", num(x), "y2", num(c.height))
		w.WriteString(`<g class="cell">`)
		w.rect("hd", x, c.legendH, c.colW, c.headH)
		w.lines(h, x+pad, c.legendH+pad)
		w.WriteString(`</g>`)
	}
}
