package swimlane

import (
	"strconv"
	"strings"

	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/theme"
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

	label := theme.Word(lang, "emotion-curve") + ": "
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
	if differ {
		h += sparkLegendRow * float64((len(lines)+1)/2)
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
	if differ {
		sparkLegend(&w, lines)
	}
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
		return signed(lo.v) + " " + theme.Word(lang, "throughout")
	}
	return theme.Word(lang, "lowest") + " " + signed(lo.v) + " (" + lo.tp.Title + "), " +
		theme.Word(lang, "highest") + " " + signed(hi.v) + " (" + hi.tp.Title + ")"
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

// sparkLegend names each persona's line under the chart, two to a row: a
// stretch of its line and its point, then the persona's name.
func sparkLegend(w *strings.Builder, lines []sparkLine) {
	for k, l := range lines {
		x0 := float64(k%2) * sparkW / 2
		cy := sparkH + sparkLegendRow*float64(k/2) + sparkLegendRow/2
		w.WriteString(`<line class="spark-line` + sparkClass(true, k) + `"` + sparkDash(true, k) + ` x1="` + num(x0+1) + `" y1="` + num(cy) + `" x2="` + num(x0+17) + `" y2="` + num(cy) + `"/>`)
		sparkMark(w, k, "spark-key", x0+9, cy)
		w.WriteString(`<text class="spark-legend" x="` + num(x0+21) + `" y="` + num(cy+3) + `" font-size="9">` + esc(sparkName(l.who.Name())) + `</text>`)
	}
}

// sparkName keeps a name to what fits half the width of a sparkline.
func sparkName(name string) string {
	const most = 13
	if r := []rune(name); len(r) > most {
		return string(r[:most-1]) + "…"
	}
	return name
}
