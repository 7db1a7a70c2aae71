package swimlane

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/cjm-portal/cjm/internal/words"
)

// Snapshot is a journey's emotion curve as one commit left it.
type Snapshot struct {
	Stages []SnapshotStage
}

// SnapshotStage is a stage of a Snapshot: its touchpoints' titles and
// mean emotions, nil where a touchpoint has none.
type SnapshotStage struct {
	Slug, Title string
	Titles      []string
	Values      []*float64
}

// HistoryCurves draws the emotion curves of a journey at several commits
// on one chart, as Curves draws an as-is and a to-be journey: the stages
// of all of them are its columns, paired by slug as PairStages pairs
// them. Each distinct curve is a group `<g class="h-curve" data-curve="N">`
// holding a line and both kinds of marks; curve[i] is snapshot i's group.
// The groups of snapshots from and to carry the classes "from" (dashed,
// square marks) and "to" (solid, round marks), and the stylesheet shows
// only those two, so that a script can pick any other two.
func HistoryCurves(snaps []Snapshot, from, to int, fromLabel, toLabel string, o Options) (svg []byte, curves []int) {
	if o.ID == "" {
		o.ID = "history-curves"
	}
	const colW, plotH = 160.0, 200.0
	// The columns: every stage slug met, in the order of the newest
	// snapshot, others placed after the stage they follow where they are.
	var cols []SnapshotStage
	index := map[string]int{}
	for _, sn := range snaps {
		prev := -1
		for _, st := range sn.Stages {
			if i, ok := index[st.Slug]; ok {
				prev = i
				continue
			}
			at := prev + 1
			cols = append(cols[:at], append([]SnapshotStage{st}, cols[at:]...)...)
			for k, v := range index {
				if v >= at {
					index[k] = v + 1
				}
			}
			index[st.Slug] = at
			prev = at
		}
	}
	width := labelW + float64(max(len(cols), 1))*colW

	fromCurve, toCurve := curve{style: curveStyle{"target", "7 5", "square"}}, curve{style: curveStyles[0]}
	legend := flow([]entry{
		{icon: fromCurve.sample, iconW: 30, text: fromLabel, class: "meta h-from-label"},
		{icon: toCurve.sample, iconW: 30, text: toLabel, class: "meta h-to-label"},
	}, width-2*pad)
	titles := make([]string, len(cols))
	for i, c := range cols {
		titles[i] = c.Title
	}
	c := newCurveChart(legend, titles, colW, plotH, width)
	height, yOf := c.height, c.yOf

	w := &writer{o: o, Buffer: new(bytes.Buffer)}
	w.elem("svg", false, "xmlns", "http://www.w3.org/2000/svg", "role", "graphics-document", "aria-labelledby", o.ID+"-title",
		"width", num(width), "height", num(height), "viewBox", "0 0 "+num(width)+" "+num(height), "class", "cjm-map cjm-curves cjm-history-curves", "id", o.ID)
	w.f(`<title id="%s-title">%s</title>`, o.ID, esc(words.Word(o.Lang, "emotions")+": "+fromLabel+" / "+toLabel))
	w.WriteString(`<style>` + style + historyStyle + `</style>`)
	c.frame(w)

	// Each distinct curve once.
	curves = make([]int, len(snaps))
	seen := map[string]int{}
	var groups []string
	for i, sn := range snaps {
		g := drawSnapshot(sn, index, colW, yOf, o.Lang, fromCurve, toCurve)
		n, ok := seen[g]
		if !ok {
			n = len(groups)
			seen[g] = n
			groups = append(groups, g)
		}
		curves[i] = n
	}
	for n, g := range groups {
		cls := "h-curve"
		if n == curves[from] {
			cls += " from"
		}
		if n == curves[to] {
			cls += " to"
		}
		w.WriteString(`<g class="` + cls + `" data-curve="` + strconv.Itoa(n) + `">` + g + `</g>`)
	}
	w.WriteString(`</svg>`)
	return w.Bytes(), curves
}

// drawSnapshot draws one curve: its line, and each point's mark twice,
// square for "from" and round for "to".
func drawSnapshot(sn Snapshot, col map[string]int, colW float64, yOf func(float64) float64, lang string, fromCurve, toCurve curve) string {
	w := &writer{Buffer: new(bytes.Buffer)}
	type point struct{ x, y float64 }
	var pts []*point
	var titles []string
	for _, st := range sn.Stages {
		x0, n := labelW+float64(col[st.Slug])*colW, len(st.Values)
		for k, v := range st.Values {
			if v == nil {
				pts = append(pts, nil)
				titles = append(titles, "")
				continue
			}
			pts = append(pts, &point{x0 + colW*(float64(k)+0.5)/float64(n), yOf(*v)})
			titles = append(titles, st.Titles[k]+" · "+words.Word(lang, "emotion")+" "+strconv.FormatFloat(*v, 'f', -1, 64))
		}
	}
	var run []string
	for i, p := range pts {
		if p != nil {
			run = append(run, num(p.x)+","+num(p.y))
		}
		if (p == nil || i == len(pts)-1) && len(run) > 0 {
			if len(run) > 1 {
				pts := strings.Join(run, " ")
				w.elem("polyline", true, fromCurve.lineAttrs("points", pts)...)
				w.elem("polyline", true, toCurve.lineAttrs("points", pts)...)
			}
			run = nil
		}
	}
	for i, p := range pts {
		if p == nil {
			continue
		}
		w.WriteString(`<g class="h-mark"><title>` + esc(titles[i]) + `</title>`)
		fromCurve.mark(w, p.x, p.y, 5.5)
		toCurve.mark(w, p.x, p.y, 5.5)
		w.WriteString(`</g>`)
	}
	return w.String()
}

// historyStyle shows only the two curves picked, told apart by dash and
// by the shape of their marks.
const historyStyle = `.h-curve{display:none}.h-curve.from,.h-curve.to{display:inline}` +
	`.h-curve .curve-target,.h-curve .curve-p0{display:none}` +
	`.h-curve.from .curve-target,.h-curve.to .curve-p0{display:inline}`

// trendIcon draws values as a small line in a marker's place, lowest at
// the bottom, the last point marked.
func trendIcon(w *writer, vs []float64, x, y float64) {
	lo, hi := vs[0], vs[0]
	for _, v := range vs {
		lo, hi = min(lo, v), max(hi, v)
	}
	const wd, ht = 11.0, 9.0
	pts := make([]string, len(vs))
	var lx, ly float64
	for i, v := range vs {
		lx = x + wd*float64(i)/float64(len(vs)-1)
		ly = y + ht/2
		if hi > lo {
			ly -= ht * (v - lo) / (hi - lo)
		}
		pts[i] = num(lx) + "," + num(ly)
	}
	w.elem("polyline", true, "class", "icon trend", "points", strings.Join(pts, " "))
	w.elem("circle", true, "class", "dot", "cx", num(lx), "cy", num(ly), "r", "1.6")
}

// Trend draws values over time as a small line chart for a page, with
// a title that lists them; nil for fewer than two values.
func Trend(vs []float64, title string) []byte {
	if len(vs) < 2 {
		return nil
	}
	lo, hi := vs[0], vs[0]
	for _, v := range vs {
		lo, hi = min(lo, v), max(hi, v)
	}
	const wd, ht, m = 96.0, 24.0, 3.0
	w := &writer{Buffer: new(bytes.Buffer)}
	w.elem("svg", false, "xmlns", "http://www.w3.org/2000/svg", "class", "trend", "role", "img", "aria-label", esc(title),
		"width", num(wd), "height", num(ht), "viewBox", "0 0 "+num(wd)+" "+num(ht))
	w.f(`<title>%s</title>`, esc(title))
	pts := make([]string, len(vs))
	var lx, ly float64
	for i, v := range vs {
		lx = m + (wd-2*m)*float64(i)/float64(len(vs)-1)
		ly = ht / 2
		if hi > lo {
			ly = ht - m - (ht-2*m)*(v-lo)/(hi-lo)
		}
		pts[i] = num(lx) + "," + num(ly)
	}
	w.elem("polyline", true, "points", strings.Join(pts, " "), "fill", "none", "stroke", "currentColor", "stroke-width", "1.5", "stroke-linejoin", "round")
	w.elem("circle", true, "cx", num(lx), "cy", num(ly), "r", "2.5", "fill", "currentColor")
	w.WriteString(`</svg>`)
	return w.Bytes()
}
