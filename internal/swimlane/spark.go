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

// Sparkline draws a journey's emotion curve small, for a card: one point per
// top-level touchpoint that has an emotion, in map order, a dashed line at
// neutral and faint ticks where stages change. It is meant to sit inline in
// a page: colours come from the page's stylesheet through classes
// (spark-line, spark-zero, spark-stage, spark-e-2 ... spark-e2), so it
// follows the page's light or dark scheme. Its label names the lowest and
// the highest moment in words, for readers who cannot see it. A journey
// without emotions has no sparkline: it returns nil.
func Sparkline(j *site.Journey, lang string) []byte {
	type point struct {
		tp    *site.Touchpoint
		stage int
	}
	var pts []point
	for _, tp := range j.Touchpoints {
		if tp.Depth == 0 && tp.Emotion != nil {
			pts = append(pts, point{tp, tp.Stage.Index})
		}
	}
	if len(pts) == 0 {
		return nil
	}
	lo, hi := pts[0], pts[0]
	for _, p := range pts[1:] {
		if *p.tp.Emotion < *lo.tp.Emotion {
			lo = p
		}
		if *p.tp.Emotion > *hi.tp.Emotion {
			hi = p
		}
	}
	x := func(i int) float64 {
		if len(pts) == 1 {
			return sparkW / 2
		}
		return sparkPad + float64(i)*(sparkW-2*sparkPad)/float64(len(pts)-1)
	}
	y := func(e int) float64 { return sparkH/2 - float64(e)*(sparkH/2-sparkPad)/2 }

	label := theme.Word(lang, "emotion-curve") + ": "
	if *lo.tp.Emotion == *hi.tp.Emotion {
		label += signed(*lo.tp.Emotion) + " " + theme.Word(lang, "throughout")
	} else {
		label += theme.Word(lang, "lowest") + " " + signed(*lo.tp.Emotion) + " (" + lo.tp.Title + "), " +
			theme.Word(lang, "highest") + " " + signed(*hi.tp.Emotion) + " (" + hi.tp.Title + ")"
	}

	var w strings.Builder
	w.WriteString(`<svg class="spark" role="img" viewBox="0 0 ` + num(sparkW) + ` ` + num(sparkH) + `" width="` + num(sparkW) + `" height="` + num(sparkH) + `"><title>` + esc(label) + `</title>`)
	w.WriteString(`<line class="spark-zero" x1="0" y1="` + num(y(0)) + `" x2="` + num(sparkW) + `" y2="` + num(y(0)) + `"/>`)
	for i := 1; i < len(pts); i++ {
		if pts[i].stage != pts[i-1].stage {
			mid := num((x(i-1) + x(i)) / 2)
			w.WriteString(`<line class="spark-stage" x1="` + mid + `" y1="0" x2="` + mid + `" y2="` + num(sparkH) + `"/>`)
		}
	}
	if len(pts) > 1 {
		w.WriteString(`<polyline class="spark-line" points="`)
		for i, p := range pts {
			if i > 0 {
				w.WriteByte(' ')
			}
			w.WriteString(num(x(i)) + "," + num(y(*p.tp.Emotion)))
		}
		w.WriteString(`"/>`)
	}
	for i, p := range pts {
		w.WriteString(`<circle class="spark-e` + strconv.Itoa(*p.tp.Emotion) + `" cx="` + num(x(i)) + `" cy="` + num(y(*p.tp.Emotion)) + `" r="2.6"/>`)
	}
	w.WriteString(`</svg>`)
	return []byte(w.String())
}
