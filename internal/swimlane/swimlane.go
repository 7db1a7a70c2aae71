// Package swimlane draws a journey as an SVG swimlane map: stages across,
// a row of touchpoint cards and the emotion curve down. It writes the SVG
// by hand, escaping every piece of content, so the file is well-formed XML
// whatever characters the content holds.
package swimlane

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/theme"
)

// Options configure the drawing.
type Options struct {
	Lang string                  // interface language of the lane labels
	Link func(rel string) string // turns a site path into the URL used in the SVG
}

const (
	labelW   = 150.0 // lane label column
	colW     = 220.0 // one stage column
	pad      = 10.0
	lineH    = 17.0
	fontSize = 13.0
	charW    = 7.4 // average advance at fontSize, for wrapping
	emotionH = 150.0
)

// SVG returns the map of journey j as a standalone SVG document.
func SVG(j *site.Journey, o Options) []byte {
	if o.Link == nil {
		o.Link = func(s string) string { return s }
	}
	var b strings.Builder
	cols := max(len(j.Stages), 1)
	width := labelW + float64(cols)*colW

	// Stage headers: title wrapped, grown to fit the tallest.
	headLines := make([][]string, len(j.Stages))
	headH := 0.0
	for i, st := range j.Stages {
		headLines[i] = wrap(st.Title, colW-2*pad)
		if st.Duration != "" {
			headLines[i] = append(headLines[i], "⏱ "+st.Duration)
		}
		headH = max(headH, float64(len(headLines[i]))*lineH+2*pad)
	}
	headH = max(headH, 44)

	// Touchpoint cards, stacked per stage.
	type card struct {
		tp    *site.Touchpoint
		lines []string
		y, h  float64
	}
	cards := make([][]card, len(j.Stages))
	tpH := 0.0
	for i, st := range j.Stages {
		y := pad
		for _, tp := range st.Touchpoints {
			indent := float64(min(tp.Depth, 2)) * 12
			lines := wrap(tp.Title, colW-2*pad-16-indent)
			meta := []string{}
			if tp.Channel != nil {
				meta = append(meta, tp.Channel.Title)
			}
			if tp.Importance != "" {
				meta = append(meta, importanceMark(tp.Importance)+" "+theme.Word(o.Lang, tp.Importance))
			}
			if len(meta) > 0 {
				lines = append(lines, strings.Join(meta, " · "))
			}
			h := float64(len(lines))*lineH + 12
			cards[i] = append(cards[i], card{tp, lines, y, h})
			y += h + 8
		}
		tpH = max(tpH, y)
	}
	tpH = max(tpH, 50)

	height := headH + tpH + emotionH
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" role="graphics-document" aria-labelledby="map-title map-desc" width="%s" height="%s" viewBox="0 0 %s %s" font-family="Go, 'Noto Sans', 'DejaVu Sans', sans-serif" font-size="%s">`,
		num(width), num(height), num(width), num(height), num(fontSize))
	fmt.Fprintf(&b, `<title id="map-title">%s</title>`, esc(j.Title))
	fmt.Fprintf(&b, `<desc id="map-desc">%s</desc>`, esc(describe(j, o.Lang)))
	b.WriteString(`<style>.lane{fill:#f6f7f9}.head{fill:#e8edf5}.card{fill:#fff;stroke:#8a94a6}.label{font-weight:600;fill:#1f2937}.meta{fill:#4b5563;font-size:11px}.curve{fill:none;stroke:#1d4ed8;stroke-width:2}.grid{stroke:#d1d5db}a:focus .card{stroke:#1d4ed8;stroke-width:3}</style>`)
	fmt.Fprintf(&b, `<rect width="%s" height="%s" fill="#ffffff"/>`, num(width), num(height))

	// Lane labels.
	fmt.Fprintf(&b, `<rect class="head" x="0" y="0" width="%s" height="%s"/>`, num(width), num(headH))
	fmt.Fprintf(&b, `<text class="label" x="%s" y="%s">%s</text>`, num(pad), num(pad+lineH), esc(theme.Word(o.Lang, "stages")))
	fmt.Fprintf(&b, `<rect class="lane" x="0" y="%s" width="%s" height="%s"/>`, num(headH), num(labelW), num(tpH))
	fmt.Fprintf(&b, `<text class="label" x="%s" y="%s">%s</text>`, num(pad), num(headH+pad+lineH), esc(theme.Word(o.Lang, "touchpoints")))
	fmt.Fprintf(&b, `<rect class="lane" x="0" y="%s" width="%s" height="%s"/>`, num(headH+tpH), num(labelW), num(emotionH))
	fmt.Fprintf(&b, `<text class="label" x="%s" y="%s">%s</text>`, num(pad), num(headH+tpH+pad+lineH), esc(theme.Word(o.Lang, "emotions")))

	var points []string
	var gaps []string
	for i, st := range j.Stages {
		x := labelW + float64(i)*colW
		fmt.Fprintf(&b, `<line class="grid" x1="%s" y1="0" x2="%s" y2="%s"/>`, num(x), num(x), num(height))
		fmt.Fprintf(&b, `<a href="%s"><text class="label" x="%s" y="%s">`, esc(o.Link(st.URL)), num(x+pad), num(pad+lineH-3))
		for k, l := range headLines[i] {
			cls := ""
			if k == len(headLines[i])-1 && st.Duration != "" {
				cls = ` class="meta"`
			}
			fmt.Fprintf(&b, `<tspan x="%s" dy="%s"%s>%s</tspan>`, num(x+pad), num(lineH*float64(min(k, 1))), cls, esc(l))
		}
		b.WriteString(`</text></a>`)
		for _, c := range cards[i] {
			indent := float64(min(c.tp.Depth, 2)) * 12
			cy := headH + c.y
			fmt.Fprintf(&b, `<a href="%s"><title>%s</title><rect class="card" x="%s" y="%s" width="%s" height="%s" rx="6"/>`,
				esc(o.Link(c.tp.URL)), esc(c.tp.Title), num(x+pad+indent), num(cy), num(colW-2*pad-indent), num(c.h))
			for k, l := range c.lines {
				cls := ""
				if k == len(c.lines)-1 && (c.tp.Channel != nil || c.tp.Importance != "") {
					cls = ` class="meta"`
				}
				fmt.Fprintf(&b, `<text x="%s" y="%s"%s>%s</text>`, num(x+pad+indent+8), num(cy+lineH+float64(k)*lineH), cls, esc(l))
			}
			b.WriteString(`</a>`)
		}
		// Emotions: one point per touchpoint, spread across the column.
		n := len(st.Touchpoints)
		for k, tp := range st.Touchpoints {
			px := x + colW*(float64(k)+0.5)/float64(max(n, 1))
			if tp.Emotion == nil {
				if len(points) > 0 {
					gaps = append(gaps, strings.Join(points, " "))
					points = nil
				}
				continue
			}
			py := headH + tpH + emotionH/2 - float64(*tp.Emotion)*(emotionH/2-24)/2
			points = append(points, num(px)+","+num(py))
			fmt.Fprintf(&b, `<g><title>%s: %s</title><circle cx="%s" cy="%s" r="5" fill="#1d4ed8"/><text x="%s" y="%s" text-anchor="middle">%s %s</text></g>`,
				esc(tp.Title), esc(theme.Word(o.Lang, "emotion"+strconv.Itoa(*tp.Emotion))), num(px), num(py), num(px), num(py-10), glyph(*tp.Emotion), signed(*tp.Emotion))
		}
	}
	if len(points) > 0 {
		gaps = append(gaps, strings.Join(points, " "))
	}
	mid := headH + tpH + emotionH/2
	fmt.Fprintf(&b, `<line class="grid" x1="%s" y1="%s" x2="%s" y2="%s" stroke-dasharray="4 4"/>`, num(labelW), num(mid), num(width), num(mid))
	for _, seg := range gaps {
		fmt.Fprintf(&b, `<polyline class="curve" points="%s"/>`, seg)
	}
	b.WriteString(`</svg>`)
	return []byte(b.String())
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
	return theme.Word(lang, "map") + ". " + strings.Join(parts, "; ")
}

// wrap breaks text into lines no wider than w, on word boundaries, and
// breaks words longer than a line.
func wrap(text string, w float64) []string {
	maxRunes := max(int(w/charW), 4)
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		for utf8.RuneCountInString(word) > maxRunes {
			r := []rune(word)
			if line != "" {
				lines = append(lines, line)
				line = ""
			}
			lines = append(lines, string(r[:maxRunes]))
			word = string(r[maxRunes:])
		}
		switch {
		case line == "":
			line = word
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) <= maxRunes:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

func importanceMark(s string) string {
	switch s {
	case "critical":
		return "▲▲▲"
	case "high":
		return "▲▲"
	case "medium":
		return "▲"
	}
	return "△"
}

func glyph(e int) string {
	return [...]string{"😣", "🙁", "😐", "🙂", "😄"}[min(max(e, -2), 2)+2]
}

func signed(e int) string {
	if e > 0 {
		return "+" + strconv.Itoa(e)
	}
	return strconv.Itoa(e)
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// esc escapes text for XML and drops characters XML forbids (control
// characters, lone surrogates, U+FFFE/U+FFFF), which YAML allows.
func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
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
			if r == utf8.RuneError || r == 0xFFFE || r == 0xFFFF || (unicode.IsControl(r) && r < 0x20) || (r >= 0xD800 && r <= 0xDFFF) {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}
