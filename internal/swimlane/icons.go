package swimlane

import (
	"strconv"

	"github.com/cjm-portal/cjm/internal/rollup"
)

// Icons are drawn with SVG shapes rather than font glyphs, so that they look
// the same whatever fonts the reader's machine has. Each takes the left edge
// and the vertical middle of the line it stands before.

func bulletIcon(w *writer, x, y float64) {
	w.elem("circle", true, "class", "dot", "cx", num(x+4), "cy", num(y), "r", "2")
}

// markerFor gives pains and barriers a cross and gains a plus, so that
// they differ without colour.
func markerFor(lane string) func(*writer, float64, float64) {
	switch lane {
	case "pains", "barriers":
		return func(w *writer, x, y float64) {
			w.f(`<path class="pain-m" d="M%s %sl6 6M%s %sl-6 6"/>`, num(x+1), num(y-3), num(x+7), num(y-3))
		}
	case "gains":
		return func(w *writer, x, y float64) {
			w.f(`<path class="gain-m" d="M%s %sh8M%s %sv8"/>`, num(x), num(y), num(x+4), num(y-4))
		}
	}
	return bulletIcon
}

// goalIcon is a target: what the customer wants from a stage.
func goalIcon(w *writer, x, y float64) {
	w.elem("circle", true, "class", "icon", "cx", num(x+5), "cy", num(y), "r", "4.5")
	w.elem("circle", true, "class", "ifill", "cx", num(x+5), "cy", num(y), "r", "1.6")
}

// expectationIcon is a ticked box: what the customer expects to happen.
func expectationIcon(w *writer, x, y float64) {
	w.elem("rect", true, "class", "icon", "x", num(x+0.5), "y", num(y-4.5), "width", "9", "height", "9", "rx", "2")
	w.elem("path", true, "class", "icon", "d", "M"+num(x+2.6)+" "+num(y)+"l1.8 1.8 3.2-3.4")
}

func clockIcon(w *writer, x, y float64) {
	w.f(`<circle class="icon" cx="%s" cy="%s" r="5"/><path class="icon" d="M%s %sv-3.5M%s %sh2.5"/>`,
		num(x+5), num(y), num(x+5), num(y), num(x+5), num(y))
}

func warnIcon(w *writer, x, y float64) {
	w.f(`<path class="warn-m" d="M%s %sl5 -9l5 9z"/><path class="on-mark" d="M%s %sv-3.2M%s %sv-0.8"/>`,
		num(x), num(y+4.5), num(x+5), num(y+1.6), num(x+5), num(y+3.6))
}

// importanceIcon draws four rising bars, as many filled as the level (1 to
// 4), barsW wide.
func importanceIcon(w *writer, level int, x, y float64) {
	for i := range 4 {
		cls := "icon"
		if i < level {
			cls = "ifill"
		}
		h := 4 + 2.4*float64(i)
		w.elem("rect", true, "class", cls, "x", num(x+float64(i)*5), "y", num(y+5.5-h), "width", "3.5", "height", num(h))
	}
}

// face draws an emotion as a face of radius r whose mouth bends with it,
// in the emotion's colour (classes face, eye, mouth and f-2 ... f2).
func face(w *writer, x, y float64, e int, r float64) {
	f := "f" + strconv.Itoa(min(max(e, -2), 2))
	k := r / 10 // the face is drawn at radius 10 and scaled
	bend := float64(e) * 2.2 * k
	w.elem("circle", true, "class", "face "+f, "cx", num(x), "cy", num(y), "r", num(r), "stroke-width", num(max(1.4, 2*k)))
	w.elem("circle", true, "class", "eye "+f, "cx", num(x-3.5*k), "cy", num(y-3*k), "r", num(1.4*k))
	w.elem("circle", true, "class", "eye "+f, "cx", num(x+3.5*k), "cy", num(y-3*k), "r", num(1.4*k))
	d := "M" + num(x-4.5*k) + " " + num(y+3.5*k-bend/2) + "Q" + num(x) + " " + num(y+3.5*k+bend) + " " + num(x+4.5*k) + " " + num(y+3.5*k-bend/2)
	w.elem("path", true, "class", "mouth face "+f, "d", d, "stroke-width", num(max(1.2, 1.6*k)))
}

// kpiIcon marks a KPI met with a tick, missed with a cross, and one
// without a current or target value with a dash, each on a disc of its
// colour.
func kpiIcon(w *writer, s rollup.KPIStatus, x, y float64) {
	cx := x + 5.5
	switch s {
	case rollup.KPIMet:
		w.elem("circle", true, "class", "met", "cx", num(cx), "cy", num(y), "r", "5.5")
		w.elem("path", true, "class", "on-mark", "d", "M"+num(cx-2.8)+" "+num(y)+"l2 2 3.6-3.8")
	case rollup.KPINotMet:
		w.elem("circle", true, "class", "missed", "cx", num(cx), "cy", num(y), "r", "5.5")
		w.elem("path", true, "class", "on-mark", "d", "M"+num(cx-2.3)+" "+num(y-2.3)+"l4.6 4.6M"+num(cx+2.3)+" "+num(y-2.3)+"l-4.6 4.6")
	default:
		w.elem("circle", true, "class", "unmeasured", "cx", num(cx), "cy", num(y), "r", "5.5")
		w.elem("path", true, "class", "on-mark", "d", "M"+num(cx-2.8)+" "+num(y)+"h5.6")
	}
}

// statusIcon shows how far an opportunity has come: an empty circle for an
// idea, a quarter for planned, a half in progress, a full circle with a
// tick when done.
func statusIcon(w *writer, status string, x, y float64) {
	cx, r := x+5.5, 5.0
	w.elem("circle", true, "class", "st", "cx", num(cx), "cy", num(y), "r", num(r))
	switch status {
	case "planned":
		w.elem("path", true, "class", "st-fill", "d", "M"+num(cx)+" "+num(y)+"V"+num(y-r)+"A5 5 0 0 1 "+num(cx+r)+" "+num(y)+"z")
	case "in-progress":
		w.elem("path", true, "class", "st-fill", "d", "M"+num(cx)+" "+num(y-r)+"A5 5 0 0 1 "+num(cx)+" "+num(y+r)+"z")
	case "done":
		w.elem("circle", true, "class", "st-fill", "cx", num(cx), "cy", num(y), "r", num(r))
		w.elem("path", true, "class", "on-mark", "d", "M"+num(cx-2.6)+" "+num(y)+"l1.9 1.9 3.4-3.6")
	}
}

// channelIcon draws the pictogram named icon (one of content.Icons: the
// built-in channels' and a few more) and a dot for any other, "" included.
func channelIcon(w *writer, slug string, x, y float64) {
	cx, cy := x+5, y
	switch slug {
	case "web":
		w.f(`<circle class="icon" cx="%s" cy="%s" r="5"/><ellipse class="icon" cx="%s" cy="%s" rx="2.2" ry="5"/><path class="icon" d="M%s %sh10"/>`, num(cx), num(cy), num(cx), num(cy), num(x), num(cy))
	case "app":
		w.f(`<rect class="icon" x="%s" y="%s" width="7" height="11" rx="1.5"/><path class="icon" d="M%s %sh2"/>`, num(x+1.5), num(y-5.5), num(cx-1), num(y+3.5))
	case "phone":
		w.f(`<path class="icon" d="M%s %sc0 4 3 7 7 7l1.5-2-2.5-1.5-1 1c-1.5-.7-2.3-1.5-3-3l1-1L%s %sz"/>`, num(x+1), num(y-4), num(x+3), num(y-5.5))
	case "email":
		w.f(`<rect class="icon" x="%s" y="%s" width="10" height="7"/><path class="icon" d="M%s %sl5 4 5-4"/>`, num(x), num(y-3.5), num(x), num(y-3.5))
	case "chat", "messenger":
		w.f(`<path class="icon" d="M%s %sh10v7h-6l-3 2.5v-2.5h-1z"/>`, num(x), num(y-5))
	case "social":
		w.f(`<circle class="icon" cx="%s" cy="%s" r="1.8"/><circle class="icon" cx="%s" cy="%s" r="1.8"/><circle class="icon" cx="%s" cy="%s" r="1.8"/><path class="icon" d="M%s %sL%s %sM%s %sL%s %s"/>`,
			num(x+2), num(y), num(x+8), num(y-3.5), num(x+8), num(y+3.5), num(x+3.6), num(y-.8), num(x+6.4), num(y-2.7), num(x+3.6), num(y+.8), num(x+6.4), num(y+2.7))
	case "store":
		w.f(`<path class="icon" d="M%s %sh10l-1-3.5h-8zM%s %sv5h8v-5"/>`, num(x), num(y-1.5), num(x+1), num(y-1.5))
	case "courier":
		w.f(`<path class="icon" d="M%s %sh6v6h-6zM%s %sh3l1.5 2.5v3.5h-4.5"/><circle class="icon" cx="%s" cy="%s" r="1.2"/><circle class="icon" cx="%s" cy="%s" r="1.2"/>`,
			num(x), num(y-4), num(x+6), num(y-2), num(x+2), num(y+3.5), num(x+8), num(y+3.5))
	case "ads":
		w.f(`<path class="icon" d="M%s %sv4h2l5 3v-10l-5 3z"/>`, num(x), num(y-2))
	case "event", "meeting":
		w.f(`<rect class="icon" x="%s" y="%s" width="10" height="9"/><path class="icon" d="M%s %sh10M%s %sv-2M%s %sv-2"/>`, num(x), num(y-4), num(x), num(y-1), num(x+3), num(y-4), num(x+7), num(y-4))
	case "sms":
		w.f(`<path class="icon" d="M%s %sh10v7h-6l-3 2.5v-2.5h-1z"/>`, num(x), num(y-5))
		for i := range 3 {
			w.f(`<circle class="ifill" cx="%s" cy="%s" r=".9"/>`, num(x+2.5+2.5*float64(i)), num(y-1.5))
		}
	case "push":
		w.f(`<path class="icon" d="M%s %sv-3.5a3 3 0 0 1 6 0v3.5l1.2 1.5h-8.4z"/><circle class="ifill" cx="%s" cy="%s" r="1.2"/>`, num(x+2), num(y+1.5), num(cx), num(y+4.6))
	case "ivr":
		for i := range 9 {
			w.f(`<circle class="ifill" cx="%s" cy="%s" r="1"/>`, num(x+1.5+3.5*float64(i%3)), num(y-3.5+3.5*float64(i/3)))
		}
	case "kiosk":
		w.f(`<rect class="icon" x="%s" y="%s" width="8" height="6"/><path class="icon" d="M%s %sv4M%s %sh6"/>`, num(x+1), num(y-5.5), num(cx), num(y+.5), num(x+2), num(y+4.5))
	case "place":
		w.f(`<path class="icon" d="M%s %sc-3-3.5-4.5-5.5-4.5-7.5a4.5 4.5 0 0 1 9 0c0 2-1.5 4-4.5 7.5z"/><circle class="ifill" cx="%s" cy="%s" r="1.5"/>`, num(cx), num(y+5.5), num(cx), num(y-2))
	case "plane":
		w.f(`<path class="icon" d="M%s %sh10M%s %sl-3-4.5M%s %sl-3 4.5M%s %sl-1-2.5M%s %sl-1 2.5"/>`, num(x), num(cy), num(x+6.5), num(cy), num(x+6.5), num(cy), num(x+1.5), num(cy), num(x+1.5), num(cy))
	case "letter":
		w.f(`<rect class="icon" x="%s" y="%s" width="10" height="7"/><rect class="ifill" x="%s" y="%s" width="2.5" height="2.5"/><path class="icon" d="M%s %sh4M%s %sh4"/>`, num(x), num(y-3.5), num(x+6.5), num(y-2.5), num(x+1.5), num(y+.5), num(x+1.5), num(y+2))
	default:
		w.f(`<circle class="ifill" cx="%s" cy="%s" r="2.5"/>`, num(cx), num(cy))
	}
}
