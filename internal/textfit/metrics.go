package textfit

import (
	"fmt"
	"math"
	"sync"
	"unicode"

	"golang.org/x/text/width"
)

// denseLimit bounds the precomputed slice part of the advance table. Every
// script and symbol block the fonts cover lies below it, so measuring the
// common case is an index instead of a map lookup and Unicode table searches.
const denseLimit = 0x3000

// metrics is the advance table of one font, in font units. It is built once
// and never modified, so it is safe to share.
type metrics struct {
	unitsPerEm int
	dense      []int32        // runeUnits(r) for r < denseLimit, precomputed
	sparse     map[rune]int32 // advances of all the runes the font has

	// Estimates, in font units, for runes the font lacks.
	wideUnits  int // East Asian wide and fullwidth: 1 em
	emojiUnits int // emoji and other symbols: 1.25 em
	otherUnits int // anything else: 0.6 em
}

var (
	regularMetrics  = sync.OnceValue(func() *metrics { return mustLoad("Inter Regular", interRegular) })
	semiBoldMetrics = sync.OnceValue(func() *metrics { return mustLoad("Inter SemiBold", interSemiBold) })
)

// mustLoad reads a font and tabulates its advances. The fonts are compiled
// in, so a failure is a build problem, not a runtime condition.
func mustLoad(name, woff2 string) *metrics {
	m, err := load([]byte(woff2))
	if err != nil {
		panic(fmt.Sprintf("textfit: loading %s: %v", name, err))
	}
	return m
}

func load(woff2 []byte) (*metrics, error) {
	f, err := readWOFF2(woff2)
	if err != nil {
		return nil, err
	}
	upem := f.unitsPerEm
	m := &metrics{
		unitsPerEm: upem,
		dense:      make([]int32, denseLimit),
		sparse:     f.advances,
		wideUnits:  upem,
		emojiUnits: int(math.Ceil(1.25 * float64(upem))),
		otherUnits: int(math.Ceil(0.6 * float64(upem))),
	}
	// Resolve the dense range completely, estimates included, so that
	// measuring Latin or Cyrillic text is one index per rune.
	for r := range rune(denseLimit) {
		m.dense[r] = int32(m.slowRuneUnits(r))
	}
	return m, nil
}

// runeUnits returns the advance of r in font units, or an estimate if the
// font lacks r.
func (m *metrics) runeUnits(r rune) int {
	if r >= 0 && r < denseLimit {
		return int(m.dense[r])
	}
	return m.slowRuneUnits(r)
}

// slowRuneUnits is runeUnits without the precomputed dense table.
func (m *metrics) slowRuneUnits(r rune) int {
	// Invisible characters first: a font may have a glyph for the soft
	// hyphen, but browsers do not draw it mid-line.
	if isZeroWidth(r) {
		return 0
	}
	if a, ok := m.sparse[r]; ok {
		return int(a)
	}
	return m.fallbackUnits(r)
}

// fallbackUnits estimates the advance of a rune the font lacks, which the
// browser draws from some other font.
func (m *metrics) fallbackUnits(r rune) int {
	if isEmojiLike(r) {
		return m.emojiUnits
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return m.wideUnits
	}
	return m.otherUnits
}

// isZeroWidth reports whether browsers draw r with no advance: combining
// marks (including variation selectors) and format characters.
func isZeroWidth(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf)
}

// isEmojiLike reports whether r is an emoji or another pictographic symbol,
// which fallback fonts draw wider than letters.
func isEmojiLike(r rune) bool {
	return (r >= 0x1F000 && r <= 0x1FFFF) || unicode.Is(unicode.So, r)
}
