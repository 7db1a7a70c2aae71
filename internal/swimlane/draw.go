package swimlane

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/words"
)

// writer writes SVG markup; every attribute and text it is given from
// content goes through esc. A map drawn as panes (see Panes) writes each
// part into the pane it belongs to; drawn whole, everything goes into one
// buffer.
type writer struct {
	*bytes.Buffer
	o     Options
	panes *[4]bytes.Buffer // nil when drawing the map whole
}

// The panes of a map drawn for a page: the lanes' cells, the lane names at
// the left, the stage headers at the top, and the corner they share.
const (
	paneBody = iota
	paneLeft
	paneTop
	paneCorner
)

// paneNames end the ids of the panes' groups: ID-body, ID-left, ...
var paneNames = [4]string{"body", "left", "top", "corner"}

// pane sends what is written next to pane p, when drawing panes.
func (w *writer) pane(p int) {
	if w.panes != nil {
		w.Buffer = &w.panes[p]
	}
}

func (w *writer) f(format string, args ...any) { fmt.Fprintf(w, format, args...) }

// text writes one line of text whose top is at y. A line of class "mid"
// or "end" is centred on x or ends at x.
func (w *writer) text(ln line, x, y float64) {
	if ln.text == "" {
		return
	}
	baseline := y + ln.face.LineHeight()*0.5 + ln.face.Size()*0.35
	if ln.icon != nil {
		ln.icon(w, x, y+ln.face.LineHeight()/2)
	}
	// Written without fmt: maps have thousands of lines.
	w.WriteString(`<text x="`)
	w.WriteString(num(x + ln.dx))
	w.WriteString(`" y="`)
	w.WriteString(num(baseline))
	w.WriteString(`" class="`)
	w.WriteString(ln.class)
	w.WriteString(`">`)
	w.WriteString(esc(ln.text))
	w.WriteString(`</text>`)
	if ln.aside != "" {
		w.WriteString(`<text x="`)
		w.WriteString(num(x + ln.asideX))
		w.WriteString(`" y="`)
		w.WriteString(num(baseline))
		w.WriteString(`" class="meta end">`)
		w.WriteString(esc(ln.aside))
		w.WriteString(`</text>`)
	}
}

// lines writes lines one under another from the top y.
func (w *writer) lines(ls []line, x, y float64) {
	for _, ln := range ls {
		w.text(ln, x, y)
		y += ln.face.LineHeight()
	}
}

// open starts a link to a site path.
func (w *writer) open(path string) {
	w.WriteString(`<a href="`)
	w.WriteString(esc(w.o.Link(path)))
	w.WriteString(`">`)
}

func (w *writer) rect(class string, x, y, width, height float64) {
	w.elem("rect", true, "class", class, "x", num(x), "y", num(y), "width", num(width), "height", num(height))
}

// elem writes a start tag, or an empty element when empty is set, from
// name and value pairs; values must already be escaped. It is the fast
// path for the shapes a large map has thousands of.
func (w *writer) elem(name string, empty bool, attrs ...string) {
	w.WriteByte('<')
	w.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		w.WriteByte(' ')
		w.WriteString(attrs[i])
		w.WriteString(`="`)
		w.WriteString(attrs[i+1])
		w.WriteByte('"')
	}
	if empty {
		w.WriteByte('/')
	}
	w.WriteByte('>')
}

// style is the map's own stylesheet, scoped to it, so that a map inlined
// in a page and map.svg opened alone look the same. Map text is laid out
// by summing the font's advances (package textfit), so kerning and
// ligatures, which would move letters, are off. Every colour is a
// light-dark() pair (see colour).
var style = func() string {
	var b strings.Builder
	rule := func(selector, decl string, cols ...colour) {
		b.WriteString(".cjm-map " + strings.ReplaceAll(selector, ",", ",.cjm-map ") + "{")
		for i, part := range strings.Split(decl, "%") {
			b.WriteString(part)
			if i < len(cols) {
				b.WriteString(cols[i].css())
			}
		}
		b.WriteString("}")
	}
	b.WriteString(".cjm-map{color-scheme:light dark}")
	rule("text", "font-family:Inter,sans-serif;font-kerning:none;font-variant-ligatures:none;fill:%", colInk)
	rule(".doc", "font-weight:600;font-size:20px")
	rule(".head", "font-weight:600;font-size:14px")
	rule(".title", "font-weight:600;font-size:13px")
	rule(".label", "font-weight:600;font-size:12px")
	rule(".text", "font-size:12px")
	rule(".meta", "font-size:11px;fill:%", colMuted)
	rule(".in-mark", "font-size:11px;font-weight:400")
	rule(".mid", "text-anchor:middle")
	rule(".end", "text-anchor:end")
	rule(".warn", "font-size:11px;fill:%", colWarn)
	rule(".link", "font-size:12px;fill:%;text-decoration:underline", colLink)
	rule(".pain", "font-size:12px;fill:%", colPainInk)
	rule(".gain", "font-size:12px;fill:%", colGainInk)
	b.WriteString("\n")
	rule(".bg", "fill:%", colPaper)
	rule(".hd", "fill:%", colHead)
	rule(".gl", "fill:%", colGoals)
	rule(".lb", "fill:%", colLabel)
	rule(".ln", "fill:%", colLane)
	rule(".ln-pains,.ln-barriers", "fill:%", colPainBg)
	rule(".ln-gains", "fill:%", colGainBg)
	rule(".card", "fill:%;stroke:%;stroke-width:1", colCard, colCardLine)
	rule(".detail", "fill:%", colLane)
	rule(".card.assumed-card", "stroke-dasharray:5 3")
	rule(".assumed", "fill:none;stroke:%;stroke-width:1;stroke-dasharray:4 3", colMuted)
	rule(".rule", "stroke:%;stroke-width:1", colRule)
	rule(".vis", "stroke:%;stroke-width:1.5;stroke-dasharray:6 4", colVisibilty)
	rule(".zero", "stroke:%;stroke-dasharray:3 3", colRule)
	b.WriteString("\n")
	rule(".curve", "fill:none;stroke-width:2.5;stroke-linejoin:round")
	rule(".mark", "fill:%;stroke-width:2", colCard)
	for i, c := range []colour{colPersona0, colPersona1, colPersona2, colPersona3} {
		rule(".curve-p"+strconv.Itoa(i), "stroke:%", c)
	}
	rule(".curve-target", "stroke:%", colTarget)
	rule(".icon", "fill:none;stroke:%;stroke-width:1.2", colMuted)
	rule(".ifill,.dot", "fill:%", colMuted)
	rule(".pain-m", "stroke:%;stroke-width:1.6", colPainInk)
	rule(".gain-m", "stroke:%;stroke-width:1.6", colGainInk)
	rule(".warn-m", "fill:%", colWarn)
	rule(".met", "fill:%", colMet)
	rule(".missed", "fill:%", colMissed)
	rule(".unmeasured", "fill:%", colUnmeasured)
	rule(".on-mark", "stroke:%;stroke-width:1.6;fill:none", colOnMark)
	rule(".st", "fill:none;stroke:%;stroke-width:1.4", colLink)
	rule(".st-fill", "fill:%", colLink)
	b.WriteString("\n")
	for e := -2; e <= 2; e++ {
		c := emotionColours[e+2]
		rule(".e"+strconv.Itoa(e), "fill:%", c)
		rule(".face.f"+strconv.Itoa(e), "stroke:%", c)
		rule(".eye.f"+strconv.Itoa(e), "fill:%", c)
	}
	rule(".face", "fill:%", colCard)
	rule(".mouth", "fill:none;stroke-linecap:round") // after .face: a mouth is a line
	b.WriteString("\n")
	rule("a:focus", "outline:none")
	rule("a:focus .card,a:focus-visible .card", "stroke:%;stroke-width:3", colLink)
	rule("a:focus text,a:hover text", "fill:%;text-decoration:underline", colLink)
	return b.String()
}()

func draw(l *layout) []byte {
	w := &writer{o: l.o, Buffer: new(bytes.Buffer)}
	w.Grow(mapBytes(len(l.j.Touchpoints))) // growing a large builder costs more than the drawing
	id := l.o.ID
	top := 0.0 // the title block's height: a standalone map says what it shows
	if l.o.Standalone {
		top = l.title.h + 2*pad + 6
		w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	}
	height := top + l.height
	w.f(`<svg xmlns="http://www.w3.org/2000/svg" role="graphics-document" aria-roledescription="customer journey map" aria-labelledby="%s-title %s-desc" width="%s" height="%s" viewBox="0 0 %s %s" class="cjm-map">`,
		id, id, num(l.width), num(height), num(l.width), num(height))
	l.head(w)
	w.rect("bg", 0, 0, l.width, height)
	if top > 0 {
		w.WriteString(`<g class="cell doc-cell">`)
		w.rect("bg", 0, 0, l.width, top)
		l.title.draw(w, pad, pad)
		w.WriteString("</g>\n" + `<g transform="translate(0 ` + num(top) + `)">` + "\n")
	}
	l.content(w)
	if top > 0 {
		w.WriteString("</g>")
	}
	w.WriteString("</svg>\n")
	return w.Bytes()
}

// head writes the map's title, description and stylesheet.
func (l *layout) head(w *writer) {
	id := l.o.ID
	w.f("\n"+`<title id="%s-title">%s</title>`, id, esc(words.Word(l.o.Lang, "map")+": "+l.j.Title))
	w.f(`<desc id="%s-desc">%s</desc>`+"\n", id, esc(describe(l.j, l.o.Lang)))
	w.WriteString(`<style>`)
	if l.o.FontURL != "" {
		for _, f := range []struct {
			file   string
			weight string
		}{{"inter-regular.woff2", "400"}, {"inter-semibold.woff2", "600"}} {
			w.f(`@font-face{font-family:Inter;font-weight:%s;src:url("%s%s") format("woff2")}`, f.weight, esc(l.o.FontURL), f.file)
		}
	}
	w.WriteString(style + "</style>\n")
}

// content draws the lanes, the legend and the grid, each part into its
// pane: the header row's label into the corner and its cells into the top,
// every other row's label into the left and its cells into the body.
func (l *layout) content(w *writer) {
	headH := l.rows[0].h // the stage header, always the first row
	for _, r := range l.rows {
		label, cells := paneLeft, paneBody
		if r.lane == "stages" {
			label, cells = paneCorner, paneTop
		}
		if r.lane == "processes" {
			w.pane(paneLeft)
			w.elem("line", true, "class", "vis", "x1", "0", "y1", num(r.y), "x2", num(labelW), "y2", num(r.y))
			w.pane(paneBody)
			w.elem("line", true, "class", "vis", "x1", num(labelW), "y1", num(r.y), "x2", num(l.width), "y2", num(r.y))
		}
		bg := "lb"
		if r.lane == "stages" {
			bg = "hd"
		}
		w.pane(label)
		w.f(`<g class="lane lane-%s">`, r.lane)
		l.labelCell(w, r.label, bg, r.y, r.h)
		w.WriteString("</g>\n")
		w.pane(cells)
		w.f(`<g class="lane lane-%s">`, r.lane)
		switch r.lane {
		case "touchpoints":
			l.drawCards(w, r)
		case "emotions":
			l.drawEmotions(w, r)
		case "engagement":
			l.drawEngagement(w, r)
		default:
			class := "ln ln-" + r.lane
			switch r.lane {
			case "stages":
				class = "hd"
			case "goals":
				class = "gl"
			}
			for i, c := range l.cols {
				if r.lane == "stages" { // a deep link to the stage: #stage-SLUG
					w.f(`<g class="cell" id="stage-%s">`, esc(c.st.Slug))
				} else {
					w.WriteString(`<g class="cell">`)
				}
				w.rect(class, c.x, r.y, c.w, r.h)
				r.cells[i].laid.draw(w, c.x+pad, r.y+padY)
				w.WriteString("</g>\n")
			}
		}
		w.WriteString("</g>\n")
	}

	// The legend, across the whole width under the lanes.
	w.pane(paneLeft)
	w.WriteString(`<g class="legend">`)
	l.labelCell(w, linesBlock(wrapped(words.Word(l.o.Lang, "legend"), faceLabel, labelW-2*pad, "label")), "lb", l.legendY, l.height-l.legendY)
	w.WriteString("</g>\n")
	w.pane(paneBody)
	w.WriteString(`<g class="legend cell">`)
	w.rect("bg", labelW, l.legendY, l.width-labelW, l.height-l.legendY)
	l.legend.draw(w, labelW+pad, l.legendY+pad)
	w.WriteString("</g>\n")

	// Grid lines last, so that cell backgrounds do not hide them.
	line := func(x1, y1, x2, y2 float64) {
		w.elem("line", true, "class", "rule", "x1", num(x1), "y1", num(y1), "x2", num(x2), "y2", num(y2))
	}
	for _, c := range l.cols {
		w.pane(paneTop)
		line(c.x, 0, c.x, headH)
		w.pane(paneBody)
		line(c.x, headH, c.x, l.legendY)
	}
	// Under the header row, and above the legend. A layout is drawn by
	// several pages at once: nothing here may write to it.
	ys := make([]float64, 0, len(l.rows))
	for _, r := range l.rows[1:] {
		ys = append(ys, r.y)
	}
	for _, y := range append(ys, l.legendY) {
		w.pane(paneLeft)
		line(0, y, labelW, y)
		w.pane(paneBody)
		line(labelW, y, l.width, y)
	}
}

// Panes is a journey's map cut in four, for a page that keeps the lane
// names at the left and the stage headers at the top while the rest
// scrolls (frozen panes). Each is an <svg> of its own whose viewBox is its
// part of the whole map, in the whole map's coordinates.
type Panes struct {
	Body, Left, Top, Corner []byte
	Width, Height           float64 // of the whole map
	LabelW, HeadH           float64 // the lane names' width, the stage headers' height
}

// Panes draws the layout as four panes. The body holds the map's title,
// description and stylesheet, which the other panes share on the page.
func (m *Layout) Panes(o Options) Panes {
	l := m.with(o)
	l.o.Standalone = false
	w := &writer{o: l.o, panes: new([4]bytes.Buffer)}
	w.pane(paneBody)
	w.Grow(mapBytes(len(l.j.Touchpoints)))
	l.content(w)
	headH := l.rows[0].h
	boxes := [4][4]float64{
		paneBody:   {labelW, headH, l.width - labelW, l.height - headH},
		paneLeft:   {0, headH, labelW, l.height - headH},
		paneTop:    {labelW, 0, l.width - labelW, headH},
		paneCorner: {0, 0, labelW, headH},
	}
	var out [4][]byte
	for p, box := range boxes {
		var b bytes.Buffer
		b.Grow(w.panes[p].Len() + 1000)
		vb := num(box[0]) + " " + num(box[1]) + " " + num(box[2]) + " " + num(box[3])
		b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="cjm-map cjm-pane" viewBox="` + vb + `" width="` + num(box[2]) + `" height="` + num(box[3]) + `"`)
		switch p {
		case paneBody:
			b.WriteString(` role="graphics-document" aria-roledescription="customer journey map" aria-labelledby="` + o.ID + `-title ` + o.ID + `-desc">`)
			pw := &writer{o: l.o, Buffer: &b}
			l.head(pw)
		case paneLeft:
			b.WriteString(` role="group" aria-label="` + esc(words.Word(l.o.Lang, "lanes")) + `">`)
		case paneTop:
			b.WriteString(` role="group" aria-label="` + esc(words.Word(l.o.Lang, "stages")) + `">`)
		default:
			b.WriteString(` aria-hidden="true">`)
		}
		// The pane's drawing is one group with an id, which print pages
		// show again, a stretch at a time, through <use>.
		b.WriteString("\n<g class=\"cjm-map\" id=\"" + esc(o.ID) + "-" + paneNames[p] + "\">")
		(&writer{Buffer: &b}).rect("bg", box[0], box[1], box[2], box[3])
		b.Write(w.panes[p].Bytes())
		b.WriteString("</g></svg>")
		out[p] = b.Bytes()
	}
	return Panes{Body: out[paneBody], Left: out[paneLeft], Top: out[paneTop], Corner: out[paneCorner],
		Width: l.width, Height: l.height, LabelW: labelW, HeadH: headH}
}

// labelCell draws a cell of the label column.
func (l *layout) labelCell(w *writer, b *block, class string, y, h float64) {
	w.WriteString(`<g class="cell">`)
	w.rect(class, 0, y, labelW, h)
	b.draw(w, pad, y+padY)
	w.WriteString("</g>")
}

func (l *layout) drawCards(w *writer, r *row) {
	for _, c := range l.cols {
		w.rect("ln", c.x, r.y, c.w, r.h)
	}
	for _, c := range l.cols {
		for _, s := range c.slots {
			for k, cd := range s.cards {
				x, y := c.x+cd.x, r.y+cd.y
				if cd.depth > 0 { // a bracket from the card above down to this one
					above := s.cards[k-1]
					px := c.x + s.x + float64(cd.depth-1)*indent + indent/2
					w.elem("path", true, "class", "icon", "d", "M"+num(px)+" "+num(r.y+above.y+above.h)+"V"+num(y+cd.h/2)+"H"+num(x))
				}
				w.open(cd.tp.URL)
				w.WriteString(`<g class="cell card-cell" id="tp-`) // a deep link to the touchpoint: #tp-SLUG
				w.WriteString(esc(cd.tp.Slug))
				w.WriteString(`"><title>`)
				w.WriteString(esc(cardTitle(cd.tp, l.o.Lang)))
				w.WriteString(`</title>`)
				class := "card"
				if cd.depth > 0 {
					class += " detail"
				}
				if cd.tp.Evidence == "assumption" {
					class += " assumed-card"
				}
				w.elem("rect", true, "class", class, "x", num(x), "y", num(y), "width", num(cd.w), "height", num(cd.h), "rx", "6")
				if e, ok := worst(cd.tp); ok { // the colour of the worst feeling, beside the marks that say it
					w.elem("path", true, "class", emotionClass(e), "d", "M"+num(x+6)+" "+num(y)+"h-1a5 5 0 0 0 -5 5v"+num(cd.h-10)+"a5 5 0 0 0 5 5h1z")
				}
				l.cardBody(cd, cd.w).draw(w, x+pad, y+pad)
				w.WriteString("</g></a>\n")
			}
		}
	}
}

// worst is the lowest feeling at tp, of any persona.
func worst(tp *site.Touchpoint) (int, bool) {
	if tp.Emotion != nil {
		return *tp.Emotion, true
	}
	if len(tp.Feelings) == 0 {
		return 0, false
	}
	e := tp.Feelings[0].Value
	for _, f := range tp.Feelings[1:] {
		e = min(e, f.Value)
	}
	return e, true
}

func emotionClass(e int) string { return "e" + strconv.Itoa(min(max(e, -2), 2)) }

// cardTitle is a card's tooltip: the title and how each persona feels.
func cardTitle(tp *site.Touchpoint, lang string) string {
	s := tp.Title
	if tp.Emotion != nil {
		return s + " · " + words.Word(lang, "emotion") + " " + signed(*tp.Emotion) + " (" + words.EmotionWord(lang, *tp.Emotion) + ")"
	}
	for _, f := range tp.Feelings {
		s += " · " + f.Persona.Title + ": " + signed(f.Value) + " (" + words.EmotionWord(lang, f.Value) + ")"
	}
	return s
}

func describe(j *site.Journey, lang string) string {
	var parts []string
	for _, st := range j.Stages {
		var tps []string
		for _, tp := range st.Touchpoints {
			s := tp.Title
			if tp.Emotion != nil {
				s += " (" + signed(*tp.Emotion) + ")"
			} else if len(tp.Feelings) > 0 {
				var fs []string
				for _, f := range tp.Feelings {
					fs = append(fs, f.Persona.Title+" "+signed(f.Value))
				}
				s += " (" + strings.Join(fs, ", ") + ")"
			}
			tps = append(tps, s)
		}
		parts = append(parts, st.Title+": "+strings.Join(tps, ", "))
	}
	return strings.Join(parts, "; ")
}

// signed writes an emotion with its sign, the minus as a minus sign.
func signed(e int) string {
	switch {
	case e > 0:
		return "+" + strconv.Itoa(e)
	case e < 0:
		return "−" + strconv.Itoa(-e)
	}
	return "0"
}

// num writes a coordinate with at most one decimal, so that output is
// short and the same on every machine.
func num(v float64) string {
	tenths := int64(math.Round(v * 10))
	neg := tenths < 0
	if neg {
		tenths = -tenths
	}
	var buf [24]byte
	b := buf[:0]
	if neg && tenths != 0 {
		b = append(b, '-')
	}
	b = strconv.AppendInt(b, tenths/10, 10)
	if d := tenths % 10; d != 0 {
		b = append(b, '.', byte('0'+d))
	}
	return string(b)
}

// esc escapes text for XML and drops characters XML forbids (control
// characters, surrogates, U+FFFE and U+FFFF), which YAML lets through.
func esc(s string) string {
	if plain(s) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		case '\t', '\n', '\r':
			b.WriteByte(' ')
		default:
			if r == utf8.RuneError {
				if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
					continue // an invalid byte
				}
			}
			if (r < 0x20 && unicode.IsControl(r)) || (r >= 0xD800 && r <= 0xDFFF) || r == 0xFFFE || r == 0xFFFF {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// plain reports whether s needs no escaping, the common case.
func plain(s string) bool {
	for _, r := range s {
		switch {
		case r < 0x20, r == '<', r == '>', r == '&', r == '"', r == '\'', r == utf8.RuneError, r == 0xFFFE, r == 0xFFFF:
			return false
		}
	}
	return true
}

// PrintPage is one sheet of a printed map: the stretch of stages from X to
// X+W and of lanes from Y to Y+H, in the map's coordinates, which the sheet
// shows beside the lane names and under the stage headers.
type PrintPage struct{ X, W, Y, H float64 }

// PrintPages cuts the map into sheets that each hold, besides the lane
// names and the stage headers, at most width × height of the map: a run
// of whole stages and of whole lanes where they fit, else a cut between
// cards, else a cut where the sheet ends. Sheets go stage group by stage
// group, top to bottom within each.
func (m *Layout) PrintPages(width, height float64) []PrintPage {
	l := m.l
	headH := l.rows[0].h
	var xs, ys []float64 // the places a sheet may end
	for _, c := range l.cols {
		xs = append(xs, c.x)
		for i, s := range c.slots {
			if i > 0 { // between two cards
				xs = append(xs, c.x+s.x-gap/2)
			}
		}
	}
	xs = append(xs, l.width)
	for _, r := range l.rows[1:] {
		ys = append(ys, r.y)
	}
	ys = append(ys, l.legendY, l.height)
	var out []PrintPage
	for _, x := range spans(xs, labelW, l.width, width-labelW) {
		for _, y := range spans(ys, headH, l.height, height-headH) {
			out = append(out, PrintPage{x[0], x[1] - x[0], y[0], y[1] - y[0]})
		}
	}
	return out
}

// spans cuts from..to into pieces no longer than most, each ending at the
// farthest of the sorted places cuts that fits, or at most where none does.
func spans(cuts []float64, from, to, most float64) [][2]float64 {
	var out [][2]float64
	for from < to-0.5 {
		end := min(from+most, to)
		best := end // no place to cut within reach: cut where the sheet ends
		for _, c := range cuts {
			if c > from+0.5 && c <= end+0.01 {
				best = c // the cuts are sorted: the last that fits is the farthest
			}
		}
		out = append(out, [2]float64{from, best})
		from = best
	}
	return out
}

// PrintSheets draws the sheets of PrintPages for the page whose panes were
// drawn with o.ID: each an <svg> showing the corner, the stage headers,
// the lane names and its stretch of the map through <use> of the panes,
// scale times the map's size. The legend runs across the whole map, so a
// sheet's stretch of it would be cut mid-word: a sheet that ends with it
// draws it anew, across the sheet's whole width however few stages it
// shows, or on a sheet of its own where it no longer fits under them.
func (m *Layout) PrintSheets(o Options, width, height, scale float64) [][]byte {
	l := m.with(o)
	id := esc(l.o.ID)
	lw, hh := labelW, l.rows[0].h
	legend := l.legendBlock(width - lw - 2*pad)
	legendH := legend.h + 2*padY
	part := func(b *bytes.Buffer, x, y, w, h, vx, vy float64, pane string) {
		b.WriteString(`<svg x="` + num(x) + `" y="` + num(y) + `" width="` + num(w) + `" height="` + num(h) +
			`" viewBox="` + num(vx) + " " + num(vy) + " " + num(w) + " " + num(h) + `"><use href="#` + id + "-" + pane + `"/></svg>`)
	}
	// sheet draws the stages from x to x+w and the lanes from y to y+h,
	// then the legend if withLegend.
	sheet := func(x, w, y, h float64, withLegend bool) []byte {
		var b bytes.Buffer
		sw, sh := lw+w, hh+h
		if withLegend {
			sw, sh = width, sh+legendH
		}
		b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="cjm-map print-sheet" viewBox="0 0 ` + num(sw) + " " + num(sh) +
			`" width="` + num(sw*scale) + `" height="` + num(sh*scale) + `">`)
		part(&b, 0, 0, lw, hh, 0, 0, "corner")
		part(&b, lw, 0, w, hh, x, 0, "top")
		if h > 0 {
			part(&b, 0, hh, lw, h, 0, y, "left")
			part(&b, lw, hh, w, h, x, y, "body")
		}
		if withLegend {
			wr := &writer{Buffer: &b, o: l.o}
			y := hh + h
			wr.WriteString(`<g class="legend">`)
			l.labelCell(wr, linesBlock(wrapped(words.Word(l.o.Lang, "legend"), faceLabel, labelW-2*pad, "label")), "lb", y, legendH)
			wr.WriteString(`</g><g class="legend cell">`)
			wr.rect("bg", lw, y, sw-lw, legendH)
			legend.draw(wr, lw+pad, y+pad)
			wr.WriteString(`</g>`)
			wr.elem("line", true, "class", "rule", "x1", "0", "y1", num(y), "x2", num(sw), "y2", num(y))
		}
		b.WriteString(`</svg>`)
		return b.Bytes()
	}
	var out [][]byte
	for _, p := range m.PrintPages(width, height) {
		switch lanesH := l.legendY - p.Y; {
		case p.Y+p.H <= l.legendY+0.5: // above the legend
			out = append(out, sheet(p.X, p.W, p.Y, p.H, false))
		case lanesH < 0.5 || hh+lanesH+legendH <= height:
			out = append(out, sheet(p.X, p.W, p.Y, lanesH, true))
		default: // the legend, as wide as a sheet, no longer fits under the lanes
			out = append(out, sheet(p.X, p.W, p.Y, lanesH, false), sheet(p.X, p.W, p.Y, 0, true))
		}
	}
	return out
}

// mapBytes is about what a map of n touchpoints takes, a little more
// rather than less: generated journeys of 40 touchpoints draw 200–235 kB,
// and a buffer that falls short is copied and zeroed again at twice its
// size.
func mapBytes(n int) int { return 40_000 + 6_000*n }
