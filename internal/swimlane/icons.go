package swimlane

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

func clockIcon(w *writer, x, y float64) {
	w.f(`<circle class="icon" cx="%s" cy="%s" r="5"/><path class="icon" d="M%s %sv-3.5M%s %sh2.5"/>`,
		num(x+5), num(y), num(x+5), num(y), num(x+5), num(y))
}

func warnIcon(w *writer, x, y float64) {
	w.f(`<path class="warn-m" d="M%s %sl5 -9l5 9z"/><path d="M%s %sv-3.2M%s %sv-0.8" stroke="#ffffff" stroke-width="1.2"/>`,
		num(x), num(y+4.5), num(x+5), num(y+1.6), num(x+5), num(y+3.6))
}

// importanceIcon draws four bars, as many filled as the level (1 to 4).
func importanceIcon(w *writer, level int, x, y float64) {
	for i := 0; i < 4; i++ {
		cls := "icon"
		if i < level {
			cls = "ifill"
		}
		h := 3 + 2*float64(i)
		w.elem("rect", true, "class", cls, "x", num(x+float64(i)*6), "y", num(y+5-h), "width", "4", "height", num(h))
	}
}

// face draws an emotion as a face whose mouth bends with it.
func face(w *writer, x, y float64, e int) {
	col := emotionColours[min(max(e, -2), 2)+2]
	bend := float64(e) * 2.2
	w.elem("circle", true, "cx", num(x), "cy", num(y), "r", "10", "fill", "#ffffff", "stroke", col, "stroke-width", "2")
	w.elem("circle", true, "cx", num(x-3.5), "cy", num(y-3), "r", "1.4", "fill", col)
	w.elem("circle", true, "cx", num(x+3.5), "cy", num(y-3), "r", "1.4", "fill", col)
	d := "M" + num(x-4.5) + " " + num(y+3.5-bend/2) + "Q" + num(x) + " " + num(y+3.5+bend) + " " + num(x+4.5) + " " + num(y+3.5-bend/2)
	w.elem("path", true, "d", d, "fill", "none", "stroke", col, "stroke-width", "1.6", "stroke-linecap", "round")
}

// channelIcon draws a small pictogram for the contract's channels and a
// dot for any other.
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
	default:
		w.f(`<circle class="ifill" cx="%s" cy="%s" r="2.5"/>`, num(cx), num(cy))
	}
}
