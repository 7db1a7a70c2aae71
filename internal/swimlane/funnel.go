package swimlane

import (
	"bytes"
	"strings"

	"github.com/cjm-portal/cjm/internal/textfit"
	"github.com/cjm-portal/cjm/internal/words"
)

// FunnelStep is one stage of a funnel: how many customers reach it.
type FunnelStep struct {
	Label    string  // the stage's title
	URL      string  // its page, as a site path
	Reaching float64 // share of customers who reach the stage, 0 to 1
	// Unknown says an earlier stage has no conversion, so Reaching counts
	// that stage as losing nobody: the true share may be lower.
	Unknown bool
}

// The funnel's geometry, in CSS pixels.
const (
	funnelLabelW = 200.0
	funnelBarW   = 360.0
	funnelValueW = 80.0
	funnelRowH   = 34.0 // at least; a label of more lines makes its row taller
	funnelGap    = 6.0
)

// The faces of the funnel's labels and values: the page's stylesheet sets
// .funnel-label and .funnel-value in Inter at these weights and sizes.
var (
	faceFunnel      = faceLabel
	faceFunnelValue = textfit.SemiBold(13)
)

// Funnel draws the share of customers reaching each stage as centred
// bars, widest first, for a journey page. It sits inline in the page and
// takes its colours from the page's stylesheet (funnel-bar, funnel-label,
// funnel-value classes). Labels are whole, wrapped in their column, and
// right-aligned against the bars; each bar links to its stage. Nil for no
// steps.
func Funnel(steps []FunnelStep, o Options) []byte {
	if len(steps) == 0 {
		return nil
	}
	if o.Link == nil {
		o.Link = func(s string) string { return s }
	}
	labels := make([][]string, len(steps))
	heights := make([]float64, len(steps))
	lh := faceFunnel.LineHeight()
	height := 0.0
	for i, st := range steps {
		labels[i] = faceFunnel.Wrap(st.Label, funnelLabelW-12)
		heights[i] = max(funnelRowH, float64(len(labels[i]))*lh+8)
		if i > 0 {
			height += funnelGap
		}
		height += heights[i]
	}
	valueW := funnelValueW
	for _, st := range steps {
		valueW = max(valueW, faceFunnelValue.Width(st.share())+10)
	}
	width := funnelLabelW + funnelBarW + valueW
	var desc []string
	for _, st := range steps {
		desc = append(desc, st.Label+": "+st.share())
	}
	w := &writer{o: o, Buffer: new(bytes.Buffer)}
	// A document rather than an image: its bars are links.
	w.f(`<svg xmlns="http://www.w3.org/2000/svg" class="funnel" role="graphics-document" aria-labelledby="funnel-title-svg funnel-desc" viewBox="0 0 %s %s" width="%s" height="%s">`, num(width), num(height), num(width), num(height))
	w.f(`<title id="funnel-title-svg">%s</title><desc id="funnel-desc">%s</desc>`, esc(words.Word(o.Lang, "funnel")), esc(strings.Join(desc, "; ")))
	y := 0.0
	for i, st := range steps {
		rowH := heights[i]
		bar := min(max(st.Reaching, 0), 1) * funnelBarW
		x := funnelLabelW + (funnelBarW-bar)/2
		w.f(`<a href="%s"><title>%s</title>`, esc(o.Link(st.URL)), esc(st.Label))
		ty := y + rowH/2 - float64(len(labels[i]))*lh/2 + lh*0.5 + faceFunnel.Size()*0.35
		for k, ln := range labels[i] {
			w.f(`<text class="funnel-label" x="%s" y="%s" text-anchor="end">%s</text>`, num(funnelLabelW-12), num(ty+float64(k)*lh), esc(ln))
		}
		class := "funnel-bar"
		if st.Unknown {
			class += " is-unknown"
		}
		w.f(`<rect class="%s" x="%s" y="%s" width="%s" height="%s" rx="3"/>`, class, num(x), num(y), num(max(bar, 1)), num(rowH))
		w.WriteString(`</a>`)
		w.f(`<text class="funnel-value" x="%s" y="%s">%s</text>`, num(funnelLabelW+funnelBarW+10), num(y+rowH/2+4), esc(st.share()))
		y += rowH + funnelGap
	}
	w.WriteString(`</svg>`)
	return w.Bytes()
}

// share writes the share reaching the stage, "≤" when it is an upper bound.
func (st FunnelStep) share() string {
	if st.Unknown {
		return "≤ " + percent(st.Reaching)
	}
	return percent(st.Reaching)
}
