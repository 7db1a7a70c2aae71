package swimlane

import (
	"strings"

	"github.com/cjm-portal/cjm/internal/theme"
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
	funnelRowH   = 34.0
	funnelGap    = 6.0
)

var faceFunnel = faceMeta

// Funnel draws the share of customers reaching each stage as centred
// bars, widest first, for a journey page. It sits inline in the page and
// takes its colours from the page's stylesheet (funnel-bar, funnel-label,
// funnel-value classes). Labels are clamped to two lines with the full
// title kept in <title>; each bar links to its stage. Nil for no steps.
func Funnel(steps []FunnelStep, o Options) []byte {
	if len(steps) == 0 {
		return nil
	}
	if o.Link == nil {
		o.Link = func(s string) string { return s }
	}
	width := funnelLabelW + funnelBarW + funnelValueW
	height := float64(len(steps))*(funnelRowH+funnelGap) - funnelGap
	var desc []string
	for _, st := range steps {
		v := percent(st.Reaching)
		if st.Unknown {
			v = "≤ " + v
		}
		desc = append(desc, st.Label+": "+v)
	}
	w := &writer{o: o}
	// A document rather than an image: its bars are links.
	w.f(`<svg xmlns="http://www.w3.org/2000/svg" class="funnel" role="graphics-document" aria-labelledby="funnel-title-svg funnel-desc" viewBox="0 0 %s %s" width="%s" height="%s">`, num(width), num(height), num(width), num(height))
	w.f(`<title id="funnel-title-svg">%s</title><desc id="funnel-desc">%s</desc>`, esc(theme.Word(o.Lang, "funnel")), esc(strings.Join(desc, "; ")))
	for i, st := range steps {
		y := float64(i) * (funnelRowH + funnelGap)
		bar := max(st.Reaching, 0) * funnelBarW
		if bar > funnelBarW {
			bar = funnelBarW
		}
		x := funnelLabelW + (funnelBarW-bar)/2
		w.f(`<a href="%s"><title>%s</title>`, esc(o.Link(st.URL)), esc(st.Label))
		lines, _ := faceFunnel.Clamp(st.Label, funnelLabelW-12, 2)
		lh := faceFunnel.LineHeight()
		ty := y + funnelRowH/2 - float64(len(lines))*lh/2 + faceFunnel.Size()
		for k, ln := range lines {
			w.f(`<text class="funnel-label" x="%s" y="%s" text-anchor="end">%s</text>`, num(funnelLabelW-12), num(ty+float64(k)*lh), esc(ln))
		}
		class := "funnel-bar"
		if st.Unknown {
			class += " is-unknown"
		}
		w.f(`<rect class="%s" x="%s" y="%s" width="%s" height="%s" rx="3"/>`, class, num(x), num(y), num(max(bar, 1)), num(funnelRowH))
		w.WriteString(`</a>`)
		v := percent(st.Reaching)
		if st.Unknown {
			v = "≤ " + v
		}
		w.f(`<text class="funnel-value" x="%s" y="%s">%s</text>`, num(funnelLabelW+funnelBarW+10), num(y+funnelRowH/2+4), esc(v))
	}
	w.WriteString(`</svg>`)
	return []byte(w.String())
}
