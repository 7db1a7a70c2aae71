package swimlane

import (
	"strings"

	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/words"
)

// The parts of a card's first row, right-aligned: the importance bars and
// an emotion chip per curve.
const (
	barsW   = 19.0 // four bars
	chipGap = 5.0
)

// cardBody lays out a touchpoint card of width cw. A card says at a
// glance: how the customer feels (a face or each persona's mark, and the
// number), how important the moment is (bars), the channel (its icon, or
// the name of a channel that has none), the title, whole, its CSI and NPS
// when measured, and a warning when nobody owns it. A detail card (a touchpoint with a parent
// in the same stage) keeps to the icon, the title and the marks, so that
// levels of detail take little room.
func (l *layout) cardBody(cd *card, cw float64) *block {
	if cd.body == nil || cd.bodyW != cw {
		cd.body, cd.bodyW = l.layCard(cd, cw), cw
	}
	return cd.body
}

func (l *layout) layCard(cd *card, cw float64) *block {
	tp, w, lang := cd.tp, cw-2*pad, l.o.Lang
	marks := l.marks(tp)
	var first, rest []line // the first row, which the marks sit on, and the others
	titleFace, titleClass := faceTitle, "title"
	if cd.depth > 0 {
		titleFace, titleClass = faceLabel, "label"
	}
	ch, dx, icon := tp.Channel, 0.0, (func(*writer, float64, float64))(nil)
	if ch != nil {
		dx, icon = markerW+2, l.channelIcon(ch.Icon)
	}
	switch {
	case cd.depth > 0:
		// A detail card is as short as it can be: its title beside the
		// marks where it takes two lines there at most, else under them.
		if beside := marked(tp.Title, titleFace, w-marks.w, dx, titleClass, icon); len(beside) <= 2 && w-marks.w >= 0.4*w {
			first = beside
		} else {
			rest = marked(tp.Title, titleFace, w, dx, titleClass, icon)
		}
	case ch != nil && ch.Icon == "":
		// A channel without a pictogram: its name heads the card, beside
		// the marks where it fits on one line.
		name := ChannelName(lang, ch)
		if beside := marked(name, faceMeta, w-marks.w, dx, "meta", icon); len(beside) == 1 {
			first = beside
		} else {
			rest = marked(name, faceMeta, w, dx, "meta", icon)
		}
		rest = append(rest, wrapped(tp.Title, titleFace, w, titleClass)...)
	default:
		// The marks take the top row, the title under them: every card reads
		// the same way.
		rest = marked(tp.Title, titleFace, w, dx, titleClass, icon)
	}
	if cd.depth == 0 {
		if m := metrics(tp, lang, l.o.Currency); m != "" {
			rest = append(rest, wrapped(m, faceMeta, w, "meta")...)
		}
	}
	switch {
	case tp.OwnerNone:
		rest = append(rest, marked(words.Word(lang, "owner")+": "+words.Word(lang, "nobody"), faceMeta, w, markerW, "warn", warnIcon)...)
	case tp.Owner != nil && cd.depth == 0 && !l.showsOwners():
		rest = append(rest, wrapped(words.Word(lang, "owner")+": "+tp.Owner.Title, faceMeta, w, "meta")...)
	}
	// The first row is as tall as its lines or the marks, whichever is
	// taller; the marks sit in the middle of its first line.
	firstH, mid := linesHeight(first), 0.0
	if len(first) > 0 {
		mid = first[0].face.LineHeight() / 2
	}
	if marks.w > 0 {
		mid = max(mid, marks.h/2)
		firstH = max(firstH, marks.h)
		if len(first) > 0 {
			firstH += mid - first[0].face.LineHeight()/2 // the lines move down to centre on the marks
		}
	}
	return &block{h: firstH + linesHeight(rest), draw: func(wr *writer, x, y float64) {
		if len(first) > 0 {
			wr.lines(first, x, y+mid-first[0].face.LineHeight()/2)
		}
		marks.draw(wr, x+w-marks.w, y+mid)
		wr.lines(rest, x, y+firstH)
	}}
}

// showsOwners reports whether the map has an owners lane, which makes an
// owner's name on every card a repetition.
func (l *layout) showsOwners() bool {
	for _, r := range l.rows {
		if r.lane == "owners" {
			return true
		}
	}
	return false
}

// metrics writes a touchpoint's CSI, NPS, CES, retention and LTV, those
// measured; LTV in the site's currency.
func metrics(tp *site.Touchpoint, lang, currency string) string {
	var parts []string
	if v := tp.Metrics.CSI; v != nil {
		parts = append(parts, words.Word(lang, "csi")+" "+num(*v))
	}
	if v := tp.Metrics.NPS; v != nil {
		parts = append(parts, words.Word(lang, "nps")+" "+minus(num(*v)))
	}
	if v := tp.Metrics.CES; v != nil {
		parts = append(parts, words.Word(lang, "ces")+" "+num(*v))
	}
	if v := tp.Metrics.Retention; v != nil {
		parts = append(parts, words.Word(lang, "retention-short")+" "+percent(*v))
	}
	if v := tp.Metrics.LTV; v != nil {
		parts = append(parts, words.Word(lang, "ltv")+" "+Money(*v, currency))
	}
	return strings.Join(parts, " · ")
}

// Money writes an amount with the site's currency, when it has one:
// "1240 EUR".
func Money(v float64, currency string) string {
	s := num(v)
	if currency != "" {
		s += " " + currency
	}
	return s
}

// minus writes a leading hyphen as the minus sign, as figures are set.
func minus(s string) string {
	if strings.HasPrefix(s, "-") {
		return "−" + s[1:]
	}
	return s
}

// cardMarks are the marks at the right of a card's first row.
type cardMarks struct {
	w, h float64
	draw func(w *writer, x, mid float64)
}

// marks makes a card's importance bars and emotion chips: one face and
// number when the journey has one curve, else each persona's mark and
// number, in the order of the curves.
func (l *layout) marks(tp *site.Touchpoint) cardMarks {
	type chip struct {
		cv    curve
		value int
		text  string
		w     float64
	}
	var chips []chip
	for _, cv := range l.curves {
		if v, ok := cv.value(tp); ok {
			s := signed(v)
			chips = append(chips, chip{cv, v, s, 2*chipR + 2 + faceLabel.Width(s)})
		}
	}
	level := importanceLevel(tp.Importance)
	w := 0.0
	if level > 0 {
		w += barsW
	}
	for _, c := range chips {
		if w > 0 {
			w += chipGap
		}
		w += c.w
	}
	if w == 0 {
		return cardMarks{draw: func(*writer, float64, float64) {}}
	}
	w += chipGap // room between the marks and the text beside them
	return cardMarks{w: w, h: max(2*chipR+2, faceLabel.LineHeight()), draw: func(wr *writer, x, mid float64) {
		x += chipGap
		if level > 0 {
			importanceIcon(wr, level, x, mid)
			x += barsW + chipGap
		}
		for _, c := range chips {
			if c.cv.persona == nil {
				face(wr, x+chipR, mid, c.value, chipR)
			} else {
				c.cv.mark(wr, x+chipR, mid, chipR-1)
			}
			wr.text(line{text: c.text, face: faceLabel, class: "label"}, x+2*chipR+2, mid-faceLabel.LineHeight()/2)
			x += c.w + chipGap
		}
	}}
}

// chipR is the radius of an emotion chip's face or mark.
const chipR = 7.0

// ChannelName is channel ch's name in language lang: as its file gives it
// there, else a built-in channel's interface word, else its file's title or
// the word as written.
func ChannelName(lang string, ch *site.Channel) string {
	if t := ch.Titles[lang]; t != "" {
		return t
	}
	if ch.Builtin {
		return words.ChannelName(lang, ch.Slug, ch.Title)
	}
	return ch.Title
}

// channelIcon draws the pictogram of a channel before a line.
func (l *layout) channelIcon(slug string) func(*writer, float64, float64) {
	return func(w *writer, x, y float64) { channelIcon(w, slug, x, y) }
}
