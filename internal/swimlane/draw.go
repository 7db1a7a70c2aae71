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
	"github.com/cjm-portal/cjm/internal/theme"
)

// writer writes SVG markup; every attribute and text it is given from
// content goes through esc.
type writer struct {
	bytes.Buffer
	o Options
}

func (w *writer) f(format string, args ...any) { fmt.Fprintf(w, format, args...) }

// text writes one line of text whose top is at y.
func (w *writer) text(ln line, x, y float64) {
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
}

// lines writes lines from the top y; with a link, the first n lines (all
// when n is 0) form one link.
func (w *writer) lines(ls []line, x, y float64, link string, n int) {
	if n == 0 || n > len(ls) {
		n = len(ls)
	}
	if link != "" {
		w.f(`<a href="%s">`, esc(w.o.Link(link)))
	}
	for i, ln := range ls {
		if link != "" && i == n {
			w.WriteString(`</a>`)
		}
		w.text(ln, x, y)
		y += ln.face.LineHeight()
	}
	if link != "" && n == len(ls) {
		w.WriteString(`</a>`)
	}
}

// linkedLines writes lines each with its own link ("" for none), joining
// neighbours that share a link into one.
func (w *writer) linkedLines(ls []line, links []string, x, y float64) {
	open := ""
	for i, ln := range ls {
		if links[i] != open {
			if open != "" {
				w.WriteString(`</a>`)
			}
			if links[i] != "" {
				w.f(`<a href="%s">`, esc(w.o.Link(links[i])))
			}
			open = links[i]
		}
		w.text(ln, x, y)
		y += ln.face.LineHeight()
	}
	if open != "" {
		w.WriteString(`</a>`)
	}
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

// style turns kerning and ligatures off: text is measured as the plain sum
// of its advances (package textfit), and kerning pairs would move it.
const style = `text{font-family:"Inter",sans-serif;font-kerning:none;font-variant-ligatures:none;fill:` + colInk + `}
.head{font-weight:600;font-size:14px}.title{font-weight:600;font-size:13px}.label{font-weight:600;font-size:12px}
.text{font-size:12px}.meta{font-size:11px;fill:` + colMuted + `}.strong{font-weight:600}
.warn{font-size:11px;fill:` + colWarn + `}.link{font-size:12px;fill:` + colLink + `;text-decoration:underline}
.pain{font-size:12px;fill:` + colPainInk + `}.gain{font-size:12px;fill:` + colGainInk + `}
.bg{fill:` + colPaper + `}.hd{fill:` + colHead + `}.lb{fill:` + colLabel + `}.ln{fill:` + colLane + `}
.ln-pains,.ln-barriers{fill:` + colPainBg + `}.ln-gains{fill:` + colGainBg + `}
.card{fill:` + colPaper + `;stroke:` + colCardLine + `;stroke-width:1}.rule{stroke:` + colRule + `;stroke-width:1}
.vis{stroke:` + colVisibilty + `;stroke-width:1.5;stroke-dasharray:6 4}.zero{stroke:` + colRule + `;stroke-dasharray:3 3}
.curve{fill:none;stroke:` + colLink + `;stroke-width:2.5;stroke-linejoin:round}.icon{fill:none;stroke:` + colMuted + `;stroke-width:1.2}
.ifill{fill:` + colMuted + `}.pain-m{stroke:` + colPainInk + `;stroke-width:1.6}.gain-m{stroke:` + colGainInk + `;stroke-width:1.6}
.warn-m{fill:` + colWarn + `}.dot{fill:` + colMuted + `}
a:focus{outline:none}a:focus .card,a:focus-visible .card{stroke:` + colLink + `;stroke-width:3}a:focus text,a:hover text{fill:` + colLink + `;text-decoration:underline}`

func draw(l *layout) []byte {
	w := &writer{o: l.o}
	w.Grow(40_000 + 3_000*len(l.j.Touchpoints)) // about what a map takes; growing a large builder costs more than the drawing
	id := l.o.ID
	if l.o.Standalone {
		w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	}
	w.f(`<svg xmlns="http://www.w3.org/2000/svg" role="graphics-document" aria-roledescription="customer journey map" aria-labelledby="%s-title %s-desc" width="%s" height="%s" viewBox="0 0 %s %s" class="cjm-map">`,
		id, id, num(l.width), num(l.height), num(l.width), num(l.height))
	w.f(`<title id="%s-title">%s</title>`, id, esc(theme.Word(l.o.Lang, "map")+": "+l.j.Title))
	w.f(`<desc id="%s-desc">%s</desc>`, id, esc(describe(l.j, l.o.Lang)))
	w.WriteString(`<style>`)
	if l.o.FontURL != "" {
		w.f(`@font-face{font-family:"Inter";font-weight:400;src:url("%sinter-regular.woff2") format("woff2")}@font-face{font-family:"Inter";font-weight:600;src:url("%sinter-semibold.woff2") format("woff2")}`,
			esc(l.o.FontURL), esc(l.o.FontURL))
	}
	w.WriteString(style + `</style>`)
	w.rect("bg", 0, 0, l.width, l.height)

	// Header: the corner, then one cell per stage.
	w.rect("hd", 0, 0, l.width, l.headH)
	w.f(`<g class="cell">`)
	w.rect("hd", 0, 0, labelW, l.headH)
	w.lines(wrapped(theme.Word(l.o.Lang, "stages"), faceLabel, labelW-2*pad, "label"), pad, pad, "", 0)
	w.WriteString(`</g>`)
	for _, c := range l.stages {
		w.f(`<g class="cell">`)
		w.rect("hd", c.x, 0, c.w, l.headH)
		c.head.draw(w, c.x+pad, pad, c.w-2*pad)
		w.WriteString(`</g>`)
	}

	for _, r := range l.rows {
		if r.lane == "processes" {
			w.f(`<line class="vis" x1="0" y1="%s" x2="%s" y2="%s"/>`, num(r.y), num(l.width), num(r.y))
		}
		w.f(`<g class="lane lane-%s">`, r.lane)
		w.f(`<g class="cell">`)
		w.rect("lb", 0, r.y, labelW, r.h)
		var label []line
		for _, s := range r.label {
			label = append(label, line{text: s, face: faceLabel, class: "label"})
		}
		w.lines(label, pad, r.y+pad, "", 0)
		if r.lane == "processes" {
			w.lines(wrapped(theme.Word(l.o.Lang, "line-of-visibility"), faceMeta, labelW-2*pad, "meta"), pad, r.y+pad+linesHeight(label)+4, "", 0)
		}
		w.WriteString(`</g>`)
		switch r.lane {
		case "touchpoints":
			l.drawCards(w, r)
		case "emotions":
			l.drawEmotions(w, r)
		case "engagement":
			l.drawEngagement(w, r)
		default:
			for i, c := range l.stages {
				b := r.cells[i]
				w.f(`<g class="cell">`)
				if b.title != "" {
					w.f(`<title>%s</title>`, esc(b.title))
				}
				w.rect("ln ln-"+r.lane, c.x, r.y, c.w, r.h)
				b.draw(w, c.x+pad, r.y+pad, c.w-2*pad)
				w.WriteString(`</g>`)
			}
		}
		w.WriteString(`</g>`)
	}

	// Grid lines last, so that they are not hidden by cell backgrounds.
	for _, c := range l.stages {
		w.f(`<line class="rule" x1="%s" y1="0" x2="%s" y2="%s"/>`, num(c.x), num(c.x), num(l.height))
	}
	for _, r := range l.rows {
		w.f(`<line class="rule" x1="0" y1="%s" x2="%s" y2="%s"/>`, num(r.y), num(l.width), num(r.y))
	}
	w.WriteString(`</svg>`)
	return w.Bytes()
}

func (l *layout) drawCards(w *writer, r *row) {
	for _, c := range l.stages {
		w.rect("ln", c.x, r.y, c.w, r.h)
	}
	for _, c := range l.stages {
		for _, s := range c.slots {
			for k, cd := range s.cards {
				if cd.depth > 0 { // a bracket from the parent down to the child
					px := s.x + float64(cd.depth-1)*indent + indent/2
					w.f(`<path class="icon" d="M%s %sV%sH%s"/>`, num(px), num(r.y+s.cards[k-1].y+s.cards[k-1].h), num(r.y+cd.y+cd.h/2), num(cd.x))
				}
				w.elem("a", false, "href", esc(l.o.Link(cd.tp.URL)))
				w.WriteString(`<g class="cell card-cell"><title>`)
				w.WriteString(esc(cardTitle(cd.tp, l.o.Lang)))
				w.WriteString(`</title>`)
				w.elem("rect", true, "class", "card", "x", num(cd.x), "y", num(r.y+cd.y), "width", num(cd.w), "height", num(cd.h), "rx", "6")
				cd.body.draw(w, cd.x+pad, r.y+cd.y+pad, cd.w-2*pad)
				w.WriteString(`</g></a>`)
			}
		}
	}
}

func cardTitle(tp *site.Touchpoint, lang string) string {
	s := tp.Title
	if tp.Emotion != nil {
		s += " · " + theme.Word(lang, "emotion") + " " + signed(*tp.Emotion) + " (" + theme.EmotionWord(lang, *tp.Emotion) + ")"
	}
	return s
}

// cardXs gives each card of a stage the x of its emotion point: slots
// across the stage, cards of one slot spread across the slot.
func (l *layout) cardXs(c *column) ([]*card, []float64) {
	var cards []*card
	var xs []float64
	for _, s := range c.slots {
		for k, cd := range s.cards {
			cards = append(cards, cd)
			xs = append(xs, s.x+(slotW-gap)*(float64(k)+0.5)/float64(len(s.cards)))
		}
	}
	return cards, xs
}

func (l *layout) drawEmotions(w *writer, r *row) {
	top, bottom := r.y+24, r.y+r.h-40 // room for the number under the lowest face
	yOf := func(e int) float64 { return top + (bottom-top)*float64(2-e)/4 }
	for _, c := range l.stages {
		w.rect("ln", c.x, r.y, c.w, r.h)
	}
	for e := -2; e <= 2; e += 2 {
		w.f(`<text x="%s" y="%s" class="meta" text-anchor="end">%s</text>`, num(labelW-pad), num(yOf(e)+4), signed(e))
	}
	w.f(`<line class="zero" x1="%s" y1="%s" x2="%s" y2="%s"/>`, num(labelW), num(yOf(0)), num(l.width), num(yOf(0)))
	// The curve: one point per touchpoint, broken where one has no emotion.
	var segs [][]string
	var cur []string
	type pt struct {
		x, y float64
		e    int
		cd   *card
	}
	var pts []pt
	for _, c := range l.stages {
		cards, xs := l.cardXs(c)
		for i, cd := range cards {
			if cd.tp.Emotion == nil {
				if len(cur) > 0 {
					segs, cur = append(segs, cur), nil
				}
				continue
			}
			e := *cd.tp.Emotion
			p := pt{xs[i], yOf(e), e, cd}
			pts = append(pts, p)
			cur = append(cur, num(p.x)+","+num(p.y))
		}
	}
	if len(cur) > 0 {
		segs = append(segs, cur)
	}
	for _, s := range segs {
		if len(s) > 1 {
			w.f(`<polyline class="curve" points="%s"/>`, strings.Join(s, " "))
		}
	}
	for _, p := range pts {
		w.f(`<a href="%s"><g class="cell emotion"><title>%s</title>`, esc(l.o.Link(p.cd.tp.URL)), esc(cardTitle(p.cd.tp, l.o.Lang)))
		face(w, p.x, p.y, p.e)
		w.f(`<text x="%s" y="%s" class="label" text-anchor="middle">%s</text>`, num(p.x), num(p.y+25), signed(p.e))
		w.WriteString(`</g></a>`)
	}
}

func (l *layout) drawEngagement(w *writer, r *row) {
	for _, c := range l.stages {
		w.rect("ln", c.x, r.y, c.w, r.h)
		cards, xs := l.cardXs(c)
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
				w.elem("rect", true, "class", cls, "x", num(x-12+float64(b)*8), "y", num(r.y+26-h), "width", "6", "height", num(h))
			}
			word := theme.Word(l.o.Lang, cd.tp.Engagement)
			w.f(`<text x="%s" y="%s" class="meta" text-anchor="middle">%s</text>`, num(x), num(r.y+42), esc(word))
		}
	}
}

func describe(j *site.Journey, lang string) string {
	var parts []string
	for _, st := range j.Stages {
		var tps []string
		for _, tp := range st.Touchpoints {
			s := tp.Title
			if tp.Emotion != nil {
				s += " (" + signed(*tp.Emotion) + ")"
			}
			tps = append(tps, s)
		}
		parts = append(parts, st.Title+": "+strings.Join(tps, ", "))
	}
	return strings.Join(parts, "; ")
}

func signed(e int) string {
	if e > 0 {
		return "+" + strconv.Itoa(e)
	}
	return strconv.Itoa(e)
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
