package textfit

import (
	"fmt"
	"math"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/width"
)

// denseLimit bounds the precomputed slice part of the advance table. Every
// script and symbol block the Go fonts cover lies below it, so measuring the
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
	regularMetrics = sync.OnceValue(func() *metrics { return mustLoad("Go Regular", goregular.TTF) })
	boldMetrics    = sync.OnceValue(func() *metrics { return mustLoad("Go Bold", gobold.TTF) })
)

// mustLoad parses a font and tabulates its advances. The fonts are compiled
// in, so a failure is a build problem, not a runtime condition.
func mustLoad(name string, ttf []byte) *metrics {
	m, err := load(ttf)
	if err != nil {
		panic(fmt.Sprintf("textfit: loading %s: %v", name, err))
	}
	return m
}

func load(ttf []byte) (*metrics, error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, err
	}
	upem := int(f.UnitsPerEm())
	m := &metrics{
		unitsPerEm: upem,
		dense:      make([]int32, denseLimit),
		sparse:     make(map[rune]int32),
		wideUnits:  upem,
		emojiUnits: int(math.Ceil(1.25 * float64(upem))),
		otherUnits: int(math.Ceil(0.6 * float64(upem))),
	}
	// Asking for advances at ppem = unitsPerEm, unhinted, yields them in font
	// units exactly (as 26.6 fixed point).
	ppem := fixed.Int26_6(upem << 6)
	var buf sfnt.Buffer
	// The Go fonts cover only the Basic Multilingual Plane; scanning all of it
	// (a few milliseconds, once) is simpler and safer than listing ranges.
	for r := rune(0); r <= 0xFFFF; r++ {
		gi, err := f.GlyphIndex(&buf, r)
		if err != nil {
			return nil, fmt.Errorf("glyph index of %U: %w", r, err)
		}
		if gi == 0 {
			continue
		}
		a, err := f.GlyphAdvance(&buf, gi, ppem, font.HintingNone)
		if err != nil {
			return nil, fmt.Errorf("advance of %U: %w", r, err)
		}
		m.sparse[r] = int32(a.Round())
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
	// Invisible characters first: the Go fonts do have a glyph for the soft
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
