package textfit

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

const ellipsis = "…"

// Wrap breaks s into lines no wider than width pixels.
//
// Lines break at whitespace, after a hyphen or dash inside a word ("e-|mail",
// but not "-5" or "2020–2021"), after a zero width space, and between CJK
// ideographs, kana and Hangul, except before closing and after opening
// punctuation (no line starts with "。" or ends with "「"). A word wider than
// width on a line of its own, such as an 80-letter word or a URL, is broken at
// the character where it no longer fits.
//
// A dash set off by spaces ("Заказ — оплата") stays at the end of a line.
//
// Runs of whitespace (other than no-break spaces) collapse to one ASCII
// space, and leading and trailing whitespace is dropped, as SVG does when it
// draws the lines. Invalid UTF-8 bytes become U+FFFD.
//
// No line is wider than width unless it is a single character wider than
// width; a character, including an emoji ZWJ sequence, is never split.
// Empty or all-whitespace input gives nil.
func (f *Face) Wrap(s string, width float64) []string {
	var lines []string
	f.wrap(s, width, func(line string) { lines = append(lines, line) })
	return lines
}

// Count returns how many lines Wrap would break s into, without making
// them: finding a layout asks for many widths before it draws at one.
func (f *Face) Count(s string, width float64) int {
	if s != "" && isNormal(s) && f.fits(f.m.units(s), width) {
		return 1 // the common case: it fits on one line
	}
	n := 0
	f.wrap(s, width, func(string) { n++ })
	return n
}

// LineWidth returns the width of s laid on one line as Wrap lays it out,
// its whitespace collapsed: s fits on one line of any width at least this.
func (f *Face) LineWidth(s string) float64 { return f.px(f.m.units(normalize(s))) }

// clusterBufs keeps the clusters of strings being wrapped between calls.
var clusterBufs = sync.Pool{New: func() any { return new([]cluster) }}

// wrap breaks s as Wrap describes and passes each line to emit, in order.
func (f *Face) wrap(s string, width float64, emit func(line string)) {
	s = normalize(s)
	if s == "" {
		return
	}
	buf := clusterBufs.Get().(*[]cluster)
	defer clusterBufs.Put(buf)
	cs := f.m.appendClusters((*buf)[:0], s)
	*buf = cs
	line := func(from, to int) { emit(s[cs[from].start:cs[to-1].end]) }

	start := 0 // first cluster of the current line
	used := 0  // units of cs[start:i]

	// The latest place where the current line may break: the line would end
	// before cs[brkEnd] and the next start at cs[brkNext] (after the space,
	// if it is one). brkUsed is the units of cs[start:brkNext].
	brkEnd, brkNext, brkUsed := -1, -1, 0

	for i, c := range cs {
		if c.base == ' ' { // after normalize, the only whitespace left
			if !beforeSpacedDash(cs, i) {
				brkEnd, brkNext, brkUsed = i, i+1, used+c.units
			}
			used += c.units
			continue
		}
		if i > start && cs[i-1].base != ' ' && canBreakBefore(cs, i) {
			brkEnd, brkNext, brkUsed = i, i, used
		}
		if i > start && !f.fits(used+c.units, width) {
			if brkEnd > start {
				line(start, brkEnd)
				start, used = brkNext, used-brkUsed
				brkEnd = -1
			}
			// What was carried over is part of one word, with no break
			// opportunity in it; if c still does not fit, the word is too
			// long for any line and breaks here, mid-word.
			if i > start && !f.fits(used+c.units, width) {
				end := i
				if cs[i-1].base == ' ' { // only before a spaced dash
					end--
				}
				line(start, end)
				start, used = i, 0
			}
		}
		used += c.units
	}
	line(start, len(cs))
}

// Clamp is Wrap limited to maxLines lines. When the text needs more, the last
// kept line is shortened until it fits in width with "…" appended, and cut is
// true. A maxLines of zero or less keeps no lines.
func (f *Face) Clamp(s string, width float64, maxLines int) (lines []string, cut bool) {
	lines = f.Wrap(s, width)
	if len(lines) <= maxLines {
		return lines, false
	}
	if maxLines <= 0 {
		return nil, true
	}
	lines = lines[:maxLines:maxLines]
	lines[maxLines-1] = f.withEllipsis(lines[maxLines-1], width)
	return lines, true
}

// withEllipsis drops whole characters from the end of line until it fits in
// width followed by "…", and appends the ellipsis. If not even one character
// fits, the result is the ellipsis alone.
func (f *Face) withEllipsis(line string, width float64) string {
	cs := f.m.appendClusters(nil, line)
	used := f.m.units(line) + f.m.units(ellipsis)
	keep := len(cs)
	for keep > 0 && !f.fits(used, width) {
		keep--
		used -= cs[keep].units
	}
	if keep == 0 {
		return ellipsis
	}
	// "word …" reads as a stray ellipsis; dropping the space only narrows it.
	return strings.TrimRight(line[:cs[keep-1].end], " ") + ellipsis
}

// fits reports whether units font units fit in width pixels. It converts
// exactly as Width does, so Width of every wrapped line is at most width.
func (f *Face) fits(units int, width float64) bool { return f.px(units) <= width }

// beforeSpacedDash reports whether the space cs[i] precedes a dash set off by
// spaces, as in "Заказ — оплата". Russian and Polish typography keep such a
// dash at the end of a line, never at the start of the next.
func beforeSpacedDash(cs []cluster, i int) bool {
	if i+1 >= len(cs) {
		return false
	}
	switch cs[i+1].base {
	case '—', '–':
		return i+2 == len(cs) || cs[i+2].base == ' '
	}
	return false
}

// canBreakBefore reports whether a line may break between cs[i-1] and cs[i],
// neither of which is a space.
func canBreakBefore(cs []cluster, i int) bool {
	a, b := cs[i-1].base, cs[i].base
	var allowed bool
	switch {
	case a == zeroWidthSpace:
		allowed = true
	case isHyphen(a):
		// Break after a hyphen that joins two parts of a word, not after a
		// leading minus or dash ("-5", "—", "--flag") or before a number.
		allowed = i >= 2 && !isBreakingSpace(cs[i-2].base) && !isHyphen(cs[i-2].base) &&
			!isHyphen(b) && !unicode.IsDigit(b)
	default:
		// CJK text has no spaces; a line may break between any two
		// characters (UAX #14 class ID), also where it meets Latin text.
		allowed = isIdeographic(a) || isIdeographic(b)
	}
	// Checked last: most pairs are letters inside a word, which never break.
	return allowed && !isGlue(a) && !isGlue(b) && !isNoEnd(a) && !isNoStart(b)
}

// isHyphen reports whether a line may break after r when it joins two parts of
// a word: hyphen-minus, hyphen, en dash and em dash.
func isHyphen(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2013', '\u2014':
		return true
	}
	return false
}

// isIdeographic reports whether r belongs to text that breaks between any two
// characters: Han, kana, Hangul, Bopomofo and CJK punctuation and fullwidth
// forms.
func isIdeographic(r rune) bool {
	switch {
	case r < 0x1100:
		return false // fast path for Latin, Greek, Cyrillic
	case r >= 0x3000 && r <= 0x30FF, // CJK punctuation, hiragana, katakana
		r >= 0xFF00 && r <= 0xFFEF: // fullwidth and halfwidth forms
		return true
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo)
}

// isGlue reports whether r forbids a line break on either side of it: no-break
// spaces, the non-breaking hyphen, the word joiner and the BOM.
func isGlue(r rune) bool {
	switch r {
	case '\u00A0', '\u2007', '\u202F', '\u2011', '\u2060', '\uFEFF':
		return true
	}
	return false
}

// isNoStart reports whether r must not begin a line: closing punctuation,
// small kana and iteration marks (Japanese kinsoku shori), and their Western
// counterparts.
func isNoStart(r rune) bool {
	return strings.ContainsRune(")]}»”’,.:;!?%…‥"+
		"、。，．：；！？）］｝〕〉》」』】〙〗〟｠ー・゠ヽヾゝゞ々〻"+
		"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ", r)
}

// isNoEnd reports whether r must not end a line: opening brackets and quotes.
func isNoEnd(r rune) bool {
	return strings.ContainsRune("([{«“‘（［｛〔〈《「『【〘〖〝｟", r)
}

// normalize makes s valid UTF-8, collapses each run of breaking whitespace
// to one ASCII space and trims it from both ends. It returns s itself when
// there is nothing to change, which is the common case.
func normalize(s string) string {
	if isNormal(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s { // yields U+FFFD for each invalid byte
		if isBreakingSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isNormal reports whether normalize would return s unchanged.
func isNormal(s string) bool {
	prevSpace := true // forbids a leading space
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		if isBreakingSpace(r) {
			if r != ' ' || prevSpace {
				return false
			}
			prevSpace = true
		} else {
			prevSpace = false
		}
		i += size
	}
	return !prevSpace || s == ""
}
