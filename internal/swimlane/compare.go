package swimlane

import (
	"strings"

	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/theme"
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
// points, so they differ without colour.
func Curves(cur, tgt *site.Journey, o Options) []byte {
	if o.Link == nil {
		o.Link = func(s string) string { return s }
	}
	if o.ID == "" {
		o.ID = "curves"
	}
	const colW, plotH, legendH = 180.0, 200.0, 30.0
	pairs := PairStages(cur.Stages, tgt.Stages)
	width := labelW + float64(max(len(pairs), 1))*colW

	heads := make([][]string, len(pairs))
	headH := 0.0
	for i, p := range pairs {
		title := ""
		if p[0] != nil {
			title = p[0].Title
		} else {
			title = p[1].Title
		}
		heads[i] = faceLabel.Wrap(title, colW-2*pad)
		headH = max(headH, float64(len(heads[i]))*faceLabel.LineHeight()+2*pad)
	}
	top := legendH + headH
	height := top + plotH
	yOf := func(e int) float64 { return top + 24 + (plotH-48)*float64(2-e)/4 }

	w := &writer{o: o}
	w.elem("svg", false, "xmlns", "http://www.w3.org/2000/svg", "role", "graphics-document", "aria-labelledby", o.ID+"-title "+o.ID+"-desc",
		"width", num(width), "height", num(height), "viewBox", "0 0 "+num(width)+" "+num(height), "class", "cjm-map cjm-curves")
	w.f(`<title id="%s-title">%s</title>`, o.ID, esc(theme.Word(o.Lang, "emotions")+": "+cur.Title+" / "+tgt.Title))
	w.f(`<desc id="%s-desc">%s</desc>`, o.ID, esc(theme.Word(o.Lang, "current")+": "+describe(cur, o.Lang)+". "+theme.Word(o.Lang, "target")+": "+describe(tgt, o.Lang)))
	w.WriteString(`<style>` + style + `.curve-target{fill:none;stroke:` + colGainInk + `;stroke-width:2.5;stroke-dasharray:7 5}</style>`)
	w.rect("bg", 0, 0, width, height)

	// Legend.
	w.f(`<line class="curve" x1="%s" y1="15" x2="%s" y2="15"/>`, num(pad), num(pad+28))
	legend := theme.Word(o.Lang, "current") + ": " + cur.Title
	w.text(line{text: ellipsize(legend, faceMeta, width/2-60), face: faceMeta, class: "meta"}, pad+34, 7)
	w.f(`<line class="curve-target" x1="%s" y1="15" x2="%s" y2="15"/>`, num(width/2), num(width/2+28))
	legend = theme.Word(o.Lang, "target") + ": " + tgt.Title
	w.text(line{text: ellipsize(legend, faceMeta, width/2-60), face: faceMeta, class: "meta"}, width/2+34, 7)

	w.rect("hd", 0, legendH, width, headH)
	for e := -2; e <= 2; e++ {
		w.f(`<text x="%s" y="%s" class="meta" text-anchor="end">%s</text>`, num(labelW-pad), num(yOf(e)+4), signed(e))
		w.f(`<line class="zero" x1="%s" y1="%s" x2="%s" y2="%s"/>`, num(labelW), num(yOf(e)), num(width), num(yOf(e)))
	}
	for i := range pairs {
		x := labelW + float64(i)*colW
		w.f(`<line class="rule" x1="%s" y1="%s" x2="%s" y2="%s"/>`, num(x), num(legendH), num(x), num(height))
		var ls []line
		for _, s := range heads[i] {
			ls = append(ls, line{text: s, face: faceLabel, class: "label"})
		}
		w.lines(ls, x+pad, legendH+pad, "", 0)
	}
	series := func(side int, class string, square bool) {
		// The points, with nil where a touchpoint has no emotion: a gap.
		type point struct {
			x, y float64
			tp   *site.Touchpoint
		}
		var pts []*point
		for i, p := range pairs {
			st := p[side]
			if st == nil {
				continue
			}
			x0, n := labelW+float64(i)*colW, len(st.Touchpoints)
			for k, tp := range st.Touchpoints {
				if tp.Emotion == nil {
					pts = append(pts, nil)
					continue
				}
				pts = append(pts, &point{x0 + colW*(float64(k)+0.5)/float64(n), yOf(*tp.Emotion), tp})
			}
		}
		var run []string
		for i, p := range pts {
			if p != nil {
				run = append(run, num(p.x)+","+num(p.y))
			}
			if (p == nil || i == len(pts)-1) && len(run) > 0 {
				if len(run) > 1 {
					w.f(`<polyline class="%s" points="%s"/>`, class, strings.Join(run, " "))
				}
				run = nil
			}
		}
		for _, p := range pts {
			if p == nil {
				continue
			}
			w.elem("a", false, "href", esc(o.Link(p.tp.URL)))
			w.f(`<title>%s</title>`, esc(cardTitle(p.tp, o.Lang)))
			col := emotionColours[*p.tp.Emotion+2]
			if square {
				w.elem("rect", true, "x", num(p.x-5), "y", num(p.y-5), "width", "10", "height", "10", "fill", "#ffffff", "stroke", col, "stroke-width", "2.5")
			} else {
				w.elem("circle", true, "cx", num(p.x), "cy", num(p.y), "r", "5.5", "fill", "#ffffff", "stroke", col, "stroke-width", "2.5")
			}
			w.WriteString(`</a>`)
		}
	}
	series(0, "curve", false)
	series(1, "curve-target", true)
	w.WriteString(`</svg>`)
	return w.Bytes()
}
