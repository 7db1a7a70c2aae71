// Package swimlane draws a journey as an SVG swimlane map: stages across,
// lanes down (the stages' goals, touchpoint cards, the emotion curves, the
// touchpoints' lists, owners, KPIs, opportunities and, below a line of
// visibility, back-stage processes), and a legend of every sign it uses.
// It also draws the small charts of the pages: the funnel, the as-is and
// to-be curves, the sparkline.
//
// Text is measured with the metrics of the font the browser is given
// (Inter Regular and SemiBold, package textfit) and wrapped here, since SVG cannot wrap. No word is
// ever dropped: cells grow to hold their text, and each stage is as wide
// as its content needs (fitWidths), so the map stays compact. Every piece
// of content is escaped and stripped of characters XML forbids, so the
// SVG is well-formed whatever the content holds, and the same journey
// always gives the same bytes.
package swimlane

import (
	"time"

	"github.com/cjm-portal/cjm/internal/site"
)

// Options configure the drawing.
type Options struct {
	Lang string                  // interface language of lane names and words
	Link func(rel string) string // turns a site path into the URL written in the SVG
	// FontURL is the folder, as seen from the SVG, that holds the fonts
	// (inter-regular.woff2, inter-semibold.woff2); "" leaves the font to the
	// page the SVG sits in.
	FontURL string
	ID      string    // prefix of element ids, unique within a page; "map" if empty
	Today   time.Time // opportunities due before it and not done are overdue
	// Updated is the date a standalone map says it was last updated; the
	// journey's `updated` when zero.
	Updated time.Time
	// Standalone makes a map.svg file of its own: an XML declaration, and
	// above the map the journey's title, state, personas and date.
	Standalone bool
	// Trend gives a KPI's current values over time, oldest first (see
	// package history), drawn small under it in the KPI lane; nil or
	// fewer than two values draw none.
	Trend func(tp *site.Touchpoint, kpi string) []float64
	// Currency is the site's `currency`, written after a touchpoint's LTV.
	Currency string
}

// SVG returns the map of journey j.
func SVG(j *site.Journey, o Options) []byte { return Measure(j, o).SVG(o) }

// Layout is a journey's map measured and placed: text wrapped, cells
// sized. Measuring is most of a map's cost, and depends only on the
// options' Lang, Today, Updated, Trend and Currency, so one Layout can be drawn many times
// with other links, fonts and ids (a journey's page and its map.svg).
type Layout struct{ l *layout }

// Measure lays out journey j's map.
func Measure(j *site.Journey, o Options) *Layout { return &Layout{measure(j, o)} }

// SVG draws the layout. Its Lang, Today and Updated must be those it was
// measured with.
func (m *Layout) SVG(o Options) []byte {
	return draw(m.with(o))
}

// with is a copy of the layout to draw with options o.
func (m *Layout) with(o Options) *layout {
	if o.Link == nil {
		o.Link = func(s string) string { return s }
	}
	if o.ID == "" {
		o.ID = "map"
	}
	l := *m.l
	l.o = o
	return &l
}
