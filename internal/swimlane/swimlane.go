// Package swimlane draws a journey as an SVG swimlane map: stages across,
// lanes down (touchpoint cards, the emotion curve, the touchpoints' lists,
// owners, KPIs, opportunities and, below a line of visibility, back-stage
// processes).
//
// Text is measured with the metrics of the font the browser is given (Inter
// Regular and SemiBold, package textfit) and wrapped here, since SVG cannot
// wrap: titles are always shown whole and cells grow to fit them; only the
// list lanes clamp a long list with "…", keeping the full text in <title>.
// Every piece of content is escaped and stripped of characters XML
// forbids, so the SVG is well-formed whatever the content holds, and the
// same journey always gives the same bytes.
package swimlane

import (
	"time"

	"github.com/cjm-portal/cjm/internal/site"
)

// Options configure the drawing.
type Options struct {
	Lang string                  // interface language of lane names and words
	Link func(rel string) string // turns a site path into the URL written in the SVG
	// FontURL is the folder, as seen from the SVG, that holds
	// inter-regular.woff2 and inter-semibold.woff2; "" leaves the font to
	// the page the SVG sits in.
	FontURL string
	ID      string    // prefix of element ids, unique within a page; "map" if empty
	Today   time.Time // opportunities due before it and not done are overdue
	// Standalone writes an XML declaration, for a map.svg file of its own.
	Standalone bool
}

// SVG returns the map of journey j.
func SVG(j *site.Journey, o Options) []byte { return Measure(j, o).SVG(o) }

// Layout is a journey's map measured and placed: text wrapped, cells
// sized. Measuring is most of a map's cost, and depends only on the
// options' Lang and Today, so one Layout can be drawn many times with
// other links, fonts and ids (a journey's page and its map.svg).
type Layout struct{ l *layout }

// Measure lays out journey j's map.
func Measure(j *site.Journey, o Options) *Layout { return &Layout{measure(j, o)} }

// SVG draws the layout. Its Lang and Today must be those it was measured
// with.
func (m *Layout) SVG(o Options) []byte {
	if o.Link == nil {
		o.Link = func(s string) string { return s }
	}
	if o.ID == "" {
		o.ID = "map"
	}
	l := *m.l
	l.o = o
	return draw(&l)
}
