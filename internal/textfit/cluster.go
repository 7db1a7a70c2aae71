package textfit

import (
	"sync"
	"unicode"
	"unicode/utf8"
)

const (
	zeroWidthSpace     = '\u200B'
	zeroWidthNonJoiner = '\u200C'
	zeroWidthJoiner    = '\u200D'
	emojiPresentation  = '\uFE0F' // variation selector 16
)

// cluster is one user-perceived character of a string being wrapped.
type cluster struct {
	start, end int  // byte offsets into the string
	units      int  // advance in font units
	base       rune // first rune, which decides where lines may break
}

// units returns the advance of s in font units.
func (m *metrics) units(s string) int {
	total := 0
	for len(s) > 0 {
		n, u, _ := m.nextCluster(s)
		total += u
		s = s[n:]
	}
	return total
}

// appendClusters appends the clusters of s to cs.
func (m *metrics) appendClusters(cs []cluster, s string) []cluster {
	for i := 0; i < len(s); {
		n, u, base := m.nextCluster(s[i:])
		cs = append(cs, cluster{start: i, end: i + n, units: u, base: base})
		i += n
	}
	return cs
}

// nextCluster measures the cluster at the start of s (which must not be
// empty) and returns its length in bytes, its advance in font units and its
// first rune.
//
// This is a simplification of Unicode grapheme clusters (UAX #29) that covers
// what map text contains: combining marks, variation selectors, emoji
// modifiers and tags, flags, and emoji ZWJ sequences. It looks only forward,
// so clustering a substring that starts at a cluster boundary gives the same
// clusters as clustering the whole string.
func (m *metrics) nextCluster(s string) (n, units int, base rune) {
	base, n = utf8.DecodeRuneInString(s)
	units = m.runeUnits(base)
	if isBreakingSpace(base) || base == zeroWidthSpace {
		return n, units, base
	}
	pendingFlag := isRegionalIndicator(base) // a flag is two regional indicators
	emoji := false
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		switch {
		case pendingFlag && isRegionalIndicator(r):
			// The pair draws as one flag, already counted with the first half.
		case r == zeroWidthJoiner:
			// The joiner glues the next character on. Two emoji joined this
			// way draw as one (👩‍👩‍👧); elsewhere, as in Indic scripts, both
			// characters stay visible, so the joined one keeps its width.
			if next, nsize := utf8.DecodeRuneInString(s[n+size:]); nsize > 0 &&
				!isBreakingSpace(next) && next != zeroWidthSpace {
				if !isEmojiLike(base) || !isEmojiLike(next) {
					units += m.runeUnits(next)
				}
				size += nsize
			}
		case isEmojiModifier(r):
			// A skin tone recolours its emoji; it adds no width.
		case isExtender(r):
			units += m.runeUnits(r) // zero except for spacing marks (Mc)
			if r == emojiPresentation {
				emoji = true
			}
		default:
			return n, m.finish(units, emoji), base
		}
		n += size
		pendingFlag = false
	}
	return n, m.finish(units, emoji), base
}

// finish widens a cluster that asked for emoji presentation (☺️, 1️⃣): the
// browser then draws it from the colour emoji font even if Inter has a
// text glyph.
func (m *metrics) finish(units int, emoji bool) int {
	if emoji && units < m.emojiUnits {
		return m.emojiUnits
	}
	return units
}

// isExtender reports whether r attaches to the preceding character rather
// than starting a cluster of its own.
func isExtender(r rune) bool {
	if r >= 0 && r < denseLimit {
		return denseExtenders()[r>>6]&(1<<(r&63)) != 0
	}
	return slowIsExtender(r)
}

// denseExtenders is a bitset of isExtender for runes below denseLimit: the
// check runs for every rune after the first of a cluster, and searching the
// Unicode tables each time would dominate the cost of measuring.
var denseExtenders = sync.OnceValue(func() *[denseLimit / 64]uint64 {
	var bits [denseLimit / 64]uint64
	for r := range rune(denseLimit) {
		if slowIsExtender(r) {
			bits[r>>6] |= 1 << (r & 63)
		}
	}
	return &bits
})

func slowIsExtender(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) ||
		r == zeroWidthNonJoiner ||
		(r >= 0xE0020 && r <= 0xE007F) // tags, as in the flag of Scotland
}

func isEmojiModifier(r rune) bool { return r >= 0x1F3FB && r <= 0x1F3FF }

func isRegionalIndicator(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// isBreakingSpace reports whether r is whitespace that Wrap collapses and
// breaks lines at. The no-break spaces are not: "в\u00A0городе" and
// "10\u202Fkm" stay together.
func isBreakingSpace(r rune) bool {
	switch {
	case r > 0x00A0 && r < 0x1680, r > 0x3000:
		return false // no whitespace there; skips a table search for most letters
	case r == '\u00A0', r == '\u2007', r == '\u202F':
		return false
	}
	return unicode.IsSpace(r)
}
