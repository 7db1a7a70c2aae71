package swimlane

import (
	"strconv"
	"strings"

	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/textfit"
	"github.com/cjm-portal/cjm/internal/words"
)

// The sparkline's size in CSS pixels: small enough for a card, wide enough
// to tell a dip from a peak.
const (
	sparkW, sparkH = 160.0, 40.0
	sparkPad       = 5.0
)

// sparkMost is how many personas' lines a sparkline draws: more would be a
// tangle at this size.
const sparkMost = 4

// sparkDashes tell the personas' lines apart without colour: solid, dashed,
// dotted, dash-dot.
var sparkDashes = [sparkMost]string{"", "4 2", "1.2 2", "6 2 1.2 2"}

// sparkLegendRow is the height of a row of the legend under the lines.
const sparkLegendRow = 12.0

// sparkPoint is one value of a line, at the x-th of the drawn touchpoints.
type sparkPoint struct {
	x  int
	v  int
	tp *site.Touchpoint
}

// sparkLine is one curve: everyone's (who is nil), or one persona's.
type sparkLine struct {
	who *site.Persona
	pts []sparkPoint
}

// Sparkline draws a journey's emotion curve small, for a card: one point per
// top-level touchpoint that has an emotion, in map order, a dashed line at
// neutral and faint ticks where stages change. When the journey's personas
// feel differently at one of those touchpoints, it draws one line per
// persona instead (the first four that feel anything), told apart by class
// (spark-line-1 ...), dash pattern and point shape, with a legend under
// them; a persona with nothing to say at a touchpoint has no point there.
// It is meant to sit inline in a page: colours come from the page's
// stylesheet through classes (spark-line, spark-zero, spark-stage, spark-e-2
// ... spark-e2, spark-legend), so it follows the page's light or dark
// scheme. Its label names the lowest and the highest moment in words, each
// persona's when there are several lines, for readers who cannot see it. A
// journey without emotions has no sparkline: it returns nil.
func Sparkline(j *site.Journey, lang string) []byte {
	var tps []*site.Touchpoint
	differ := false
	for _, tp := range j.Touchpoints {
		if tp.Depth == 0 && len(tp.Feelings) > 0 {
			tps = append(tps, tp)
			differ = differ || tp.FeelingsDiffer()
		}
	}
	if len(tps) == 0 {
		return nil
	}
	lines := sparkLines(j, tps, differ)
	x := func(i int) float64 {
		if len(tps) == 1 {
			return sparkW / 2
		}
		return sparkPad + float64(i)*(sparkW-2*sparkPad)/float64(len(tps)-1)
	}
	y := func(e int) float64 { return sparkH/2 - float64(e)*(sparkH/2-sparkPad)/2 }

	label := words.Word(lang, "emotion-curve") + ": "
	if !differ {
		label += sparkExtremes(lines[0], lang)
	} else {
		parts := make([]string, len(lines))
		for i, l := range lines {
			parts[i] = l.who.Name() + ": " + sparkExtremes(l, lang)
		}
		label += strings.Join(parts, "; ")
	}

	h := sparkH
	legendH, legend := 0.0, func(*strings.Builder, float64) {}
	if differ {
		legendH, legend = sparkLegend(lines)
		h += legendH
	}
	var w strings.Builder
	w.WriteString(`<svg class="spark" role="img" viewBox="0 0 ` + num(sparkW) + ` ` + num(h) + `" width="` + num(sparkW) + `" height="` + num(h) + `"><title>` + esc(label) + `</title>`)
	w.WriteString(`<line class="spark-zero" x1="0" y1="` + num(y(0)) + `" x2="` + num(sparkW) + `" y2="` + num(y(0)) + `"/>`)
	for i := 1; i < len(tps); i++ {
		if tps[i].Stage.Index != tps[i-1].Stage.Index {
			mid := num((x(i-1) + x(i)) / 2)
			w.WriteString(`<line class="spark-stage" x1="` + mid + `" y1="0" x2="` + mid + `" y2="` + num(sparkH) + `"/>`)
		}
	}
	for k, l := range lines {
		if len(l.pts) < 2 {
			continue
		}
		w.WriteString(`<polyline class="spark-line` + sparkClass(differ, k) + `"` + sparkDash(differ, k) + ` points="`)
		for i, p := range l.pts {
			if i > 0 {
				w.WriteByte(' ')
			}
			w.WriteString(num(x(p.x)) + "," + num(y(p.v)))
		}
		w.WriteString(`"/>`)
	}
	for k, l := range lines {
		for _, p := range l.pts {
			sparkMark(&w, k, "spark-e"+strconv.Itoa(p.v), x(p.x), y(p.v))
		}
	}
	legend(&w, sparkH)
	w.WriteString(`</svg>`)
	return []byte(w.String())
}

// sparkLines are the curves to draw through tps: everyone's when nobody
// differs, else one for each of the first personas who feel anything.
func sparkLines(j *site.Journey, tps []*site.Touchpoint, differ bool) []sparkLine {
	if !differ {
		l := sparkLine{}
		for i, tp := range tps {
			l.pts = append(l.pts, sparkPoint{i, *tp.Unanimous(), tp})
		}
		return []sparkLine{l}
	}
	var lines []sparkLine
	for _, p := range j.Personas {
		l := sparkLine{who: p}
		for i, tp := range tps {
			if v, ok := tp.FeelingOf(p); ok {
				l.pts = append(l.pts, sparkPoint{i, v, tp})
			}
		}
		if len(l.pts) > 0 && len(lines) < sparkMost {
			lines = append(lines, l)
		}
	}
	return lines
}

// sparkExtremes names a line's lowest and highest moment: "lowest -2 (Pay),
// highest +1 (Get)", or "+1 throughout".
func sparkExtremes(l sparkLine, lang string) string {
	lo, hi := l.pts[0], l.pts[0]
	for _, p := range l.pts[1:] {
		if p.v < lo.v {
			lo = p
		}
		if p.v > hi.v {
			hi = p
		}
	}
	if lo.v == hi.v {
		return signed(lo.v) + " " + words.Word(lang, "throughout")
	}
	return words.Word(lang, "lowest") + " " + signed(lo.v) + " (" + lo.tp.Title + "), " +
		words.Word(lang, "highest") + " " + signed(hi.v) + " (" + hi.tp.Title + ")"
}

// sparkClass is the class that tells the k-th persona's line from the
// others'; one line for everyone has none.
func sparkClass(differ bool, k int) string {
	if !differ {
		return ""
	}
	return " spark-line-" + strconv.Itoa(k+1)
}

// sparkDash is the k-th persona's dash pattern, as an attribute.
func sparkDash(differ bool, k int) string {
	if !differ || sparkDashes[k] == "" {
		return ""
	}
	return ` stroke-dasharray="` + sparkDashes[k] + `"`
}

// sparkMark draws a point of the k-th line at (cx, cy): a circle, or for the
// second to fourth persona a square, a diamond and a triangle.
func sparkMark(w *strings.Builder, k int, class string, cx, cy float64) {
	switch k {
	case 0:
		w.WriteString(`<circle class="` + class + `" cx="` + num(cx) + `" cy="` + num(cy) + `" r="2.6"/>`)
	case 1:
		w.WriteString(`<rect class="` + class + `" x="` + num(cx-2.3) + `" y="` + num(cy-2.3) + `" width="4.6" height="4.6"/>`)
	case 2:
		w.WriteString(`<polygon class="` + class + `" points="` + num(cx) + `,` + num(cy-3.2) + ` ` + num(cx+3.2) + `,` + num(cy) + ` ` +
			num(cx) + `,` + num(cy+3.2) + ` ` + num(cx-3.2) + `,` + num(cy) + `"/>`)
	default:
		w.WriteString(`<polygon class="` + class + `" points="` + num(cx) + `,` + num(cy-3) + ` ` + num(cx+3) + `,` + num(cy+2.4) + ` ` +
			num(cx-3) + `,` + num(cy+2.4) + `"/>`)
	}
}

// faceSpark is the face of the sparkline's legend: .spark-legend in the
// page's stylesheet, Inter at 9 px.
var faceSpark = textfit.Regular(9)

// sparkLegend lays out the names of the personas' lines under the chart: two
// to a row while every name fits half the width, else one to a row, each
// name whole, wrapped where it is longer than a row. Each entry is a stretch
// of the persona's line and its point, then the name. It returns the
// legend's height and how to draw it from the top y0.
func sparkLegend(lines []sparkLine) (float64, func(w *strings.Builder, y0 float64)) {
	const key = 21.0 // the stretch of line and the point before a name
	perRow, colW := 2, sparkW/2
	for _, l := range lines {
		if faceSpark.LineWidth(l.who.Name()) > colW-key {
			perRow, colW = 1, sparkW
		}
	}
	type entry struct {
		x, y  float64
		names []string
	}
	var entries []entry
	y, rowH := 0.0, 0.0
	for k, l := range lines {
		if k%perRow == 0 && k > 0 {
			y, rowH = y+rowH, 0
		}
		names := faceSpark.Wrap(l.who.Name(), colW-key)
		entries = append(entries, entry{float64(k%perRow) * colW, y, names})
		rowH = max(rowH, sparkLegendRow+float64(len(names)-1)*faceSpark.LineHeight())
	}
	return y + rowH, func(w *strings.Builder, y0 float64) {
		for k, e := range entries {
			cy := y0 + e.y + sparkLegendRow/2
			w.WriteString(`<line class="spark-line` + sparkClass(true, k) + `"` + sparkDash(true, k) + ` x1="` + num(e.x+1) + `" y1="` + num(cy) + `" x2="` + num(e.x+17) + `" y2="` + num(cy) + `"/>`)
			sparkMark(w, k, "spark-key", e.x+9, cy)
			for i, name := range e.names {
				w.WriteString(`<text class="spark-legend" x="` + num(e.x+key) + `" y="` + num(cy+3+float64(i)*faceSpark.LineHeight()) + `" font-size="9">` + esc(name) + `</text>`)
			}
		}
	}
}
