package swimlane

import (
	"slices"
	"strings"

	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/words"
)

// curve is one line of the emotions lane: a persona's, or, when every
// persona of the journey feels the same everywhere, the journey's one
// curve (persona nil), drawn with faces.
type curve struct {
	persona *site.Persona
	style   curveStyle
}

// curveStyle tells a persona's curve from the others by colour, by dash
// and by the shape of its marks, so that colour is never the only clue.
type curveStyle struct {
	class string // stroke and fill colour: curve-p0 ...
	dash  string // stroke-dasharray, "" for a solid line
	shape string // circle, square, diamond or triangle
}

var curveStyles = []curveStyle{
	{"p0", "", "circle"},
	{"p1", "7 4", "square"},
	{"p2", "2 3", "diamond"},
	{"p3", "9 3 2 3", "triangle"},
}

// curvesOf gives the journey one curve when its personas feel alike at
// every touchpoint (or it has one persona), else a curve per persona that
// says how it feels somewhere.
func curvesOf(j *site.Journey) []curve {
	one := []curve{{style: curveStyles[0]}}
	if !j.FeelingsDiffer() {
		return one
	}
	var out []curve
	for _, p := range j.Personas { // in the journey's order
		if slices.ContainsFunc(j.Touchpoints, func(tp *site.Touchpoint) bool { _, ok := tp.FeelingOf(p); return ok }) {
			out = append(out, curve{persona: p, style: curveStyles[len(out)%len(curveStyles)]})
		}
	}
	if len(out) < 2 {
		return one
	}
	return out
}

// value is how the curve's persona feels at tp, and whether tp says.
func (cv curve) value(tp *site.Touchpoint) (int, bool) {
	if cv.persona != nil {
		return tp.FeelingOf(cv.persona)
	}
	if tp.Emotion != nil {
		return *tp.Emotion, true
	}
	if len(tp.Feelings) > 0 {
		return tp.Feelings[0].Value, true
	}
	return 0, false
}

// mark draws the curve's mark, radius r, centred at x, y.
func (cv curve) mark(w *writer, x, y, r float64) {
	cls := "mark curve-" + cv.style.class
	switch cv.style.shape {
	case "square":
		w.rect(cls, x-r*0.9, y-r*0.9, r*1.8, r*1.8)
	case "diamond":
		w.elem("path", true, "class", cls, "d", "M"+num(x)+" "+num(y-r*1.25)+"l"+num(r*1.25)+" "+num(r*1.25)+" "+num(-r*1.25)+" "+num(r*1.25)+" "+num(-r*1.25)+" "+num(-r*1.25)+"z")
	case "triangle":
		w.elem("path", true, "class", cls, "d", "M"+num(x)+" "+num(y-r*1.2)+"L"+num(x+r*1.2)+" "+num(y+r*0.9)+"H"+num(x-r*1.2)+"z")
	default:
		w.elem("circle", true, "class", cls, "cx", num(x), "cy", num(y), "r", num(r))
	}
}

// curveKey lists the personas' curves under the lane's name: a piece of
// each line with its mark, and the persona's name.
func (l *layout) curveKey(width float64) []line {
	var out []line
	for _, cv := range l.curves {
		cv := cv
		out = append(out, marked(cv.persona.Name(), faceMeta, width, 30, "meta", func(w *writer, x, y float64) { cv.sample(w, x, y) })...)
	}
	return out
}

// sample draws a short piece of the curve with its mark, 26 px wide.
func (cv curve) sample(w *writer, x, y float64) {
	w.elem("line", true, cv.lineAttrs("x1", num(x), "y1", num(y), "x2", num(x+26), "y2", num(y))...)
	cv.mark(w, x+13, y, 4.5)
}

// lineAttrs are the attributes of a line of the curve, after attrs.
func (cv curve) lineAttrs(attrs ...string) []string {
	attrs = append(attrs, "class", "curve curve-"+cv.style.class)
	if cv.style.dash != "" {
		attrs = append(attrs, "stroke-dasharray", cv.style.dash)
	}
	return attrs
}

// pointXs gives each card of a stage the x of its emotion point: slots
// across the stage, cards of one slot spread across the slot.
func (l *layout) pointXs(c *column) ([]*card, []float64) {
	var cards []*card
	var xs []float64
	for _, s := range c.slots {
		for k, cd := range s.cards {
			cards = append(cards, cd)
			xs = append(xs, c.x+s.x+s.w*(float64(k)+0.5)/float64(len(s.cards)))
		}
	}
	return cards, xs
}

func (l *layout) drawEmotions(w *writer, r *row) {
	top, bottom := r.y+22, r.y+r.h-34 // room for the number under the lowest face
	yOf := func(e int) float64 { return top + (bottom-top)*float64(2-e)/4 }
	for _, c := range l.cols {
		w.rect("ln", c.x, r.y, c.w, r.h)
	}
	w.pane(paneLeft) // the scale stands in the lane names' column
	for e := -2; e <= 2; e += 2 {
		w.text(line{text: signed(e), face: faceMeta, class: "meta end"}, labelW-pad, yOf(e)-faceMeta.LineHeight()/2)
	}
	w.pane(paneBody)
	w.elem("line", true, "class", "zero", "x1", num(labelW), "y1", num(yOf(0)), "x2", num(l.width), "y2", num(yOf(0)))
	type point struct {
		x, y float64
		e    int
		tp   *site.Touchpoint
	}
	pts := make([][]point, len(l.curves))
	// The personas' marks at one touchpoint sit side by side, and never
	// reach those of the next touchpoint, pointGap away.
	spread := 22.0
	if n := len(l.curves); n > 1 {
		spread = min(spread, (pointGap-12)/float64(n-1))
	}
	for ci, cv := range l.curves {
		dx := (float64(ci) - float64(len(l.curves)-1)/2) * spread
		if len(l.curves) == 1 {
			dx = 0
		}
		var run []string
		flush := func() {
			if len(run) > 1 {
				w.elem("polyline", true, cv.lineAttrs("points", strings.Join(run, " "))...)
			}
			run = nil
		}
		for _, c := range l.cols {
			cards, xs := l.pointXs(c)
			for i, cd := range cards {
				e, ok := cv.value(cd.tp)
				if !ok {
					flush() // no value: a gap in the curve, not a zero
					continue
				}
				p := point{xs[i] + dx, yOf(e), e, cd.tp}
				pts[ci] = append(pts[ci], p)
				run = append(run, num(p.x)+","+num(p.y))
			}
		}
		flush()
	}
	for ci, cv := range l.curves {
		for _, p := range pts[ci] {
			w.open(p.tp.URL)
			w.WriteString(`<g class="cell emotion"><title>`)
			w.WriteString(esc(pointTitle(p.tp, cv, p.e, l.o.Lang)))
			w.WriteString(`</title>`)
			if cv.persona == nil {
				face(w, p.x, p.y, p.e, 10)
				w.text(line{text: signed(p.e), face: faceLabel, class: "label mid"}, p.x, p.y+12)
			} else {
				cv.mark(w, p.x, p.y, 10)
				w.text(line{text: signed(p.e), face: faceMeta, class: "in-mark mid"}, p.x, p.y-faceMeta.LineHeight()/2)
			}
			w.WriteString(`</g></a>`)
		}
	}
}

// pointTitle is an emotion point's tooltip: the touchpoint, whose feeling,
// the value and its word.
func pointTitle(tp *site.Touchpoint, cv curve, e int, lang string) string {
	s := tp.Title + " · "
	if cv.persona != nil {
		s += cv.persona.Title + ": "
	}
	return s + words.Word(lang, "emotion") + " " + signed(e) + " (" + words.EmotionWord(lang, e) + ")"
}

func (l *layout) drawEngagement(w *writer, r *row) {
	for _, c := range l.cols {
		w.rect("ln", c.x, r.y, c.w, r.h)
		cards, xs := l.pointXs(c)
		for i, cd := range cards {
			level := map[string]int{"low": 1, "medium": 2, "high": 3}[cd.tp.Engagement]
			if level == 0 {
				continue
			}
			x := xs[i]
			for b := 0; b < 3; b++ {
				cls := "icon"
				if b < level {
					cls = "ifill"
				}
				h := 6 + 4*float64(b)
				w.elem("rect", true, "class", cls, "x", num(x-11+float64(b)*8), "y", num(r.y+20-h), "width", "6", "height", num(h))
			}
			w.text(line{text: words.Word(l.o.Lang, cd.tp.Engagement), face: faceMeta, class: "meta mid"}, x, r.y+24)
		}
	}
}
