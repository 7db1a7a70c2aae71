// Package textfit measures and wraps text for SVG, which cannot wrap text
// itself.
//
// Widths come from the advance tables of Inter Regular and Inter SemiBold
// (Inter 4.1, SIL Open Font License), read from the very WOFF2 files the
// site serves to the browser (see RegularWOFF2 and SemiBoldWOFF2), so a
// line that Wrap says fits is the line the browser draws. The files are
// subsets made for this (fonts/subset.py): they have no GSUB table, so no
// ligature, contextual alternate or case form changes an advance, and their
// digits are Inter's tabular figures. They keep GPOS kerning for the pages;
// the map's CSS turns kerning off, so that the browser lays map text out as
// the plain sum of the advances measured here.
//
// The fonts cover Latin (including Polish and the rest of Latin Extended),
// Greek and Cyrillic, punctuation, super- and subscripts, currency and
// letterlike symbols (€ ₽ №), number forms, arrows, mathematical operators,
// geometric shapes (▲ ▼ ◆) and a few symbols (⚠ ✓ ♥). For anything else
// the browser falls back to another font that this package cannot see, so
// it estimates:
//
//   - East Asian wide and fullwidth characters (CJK, kana, Hangul): 1 em;
//   - emoji and other symbols (category So, U+1F000–U+1FFFF), and any
//     cluster containing the emoji-presentation selector U+FE0F: 1.25 em;
//   - combining marks (Mn, Me) and invisible format characters (Cf: zero
//     width space and joiners, direction marks, soft hyphen, tags): 0;
//   - everything else, including Hebrew and Arabic measured rune by rune: 0.6 em.
//
// The estimates err on the wide side, so text may wrap a little early but
// never overflows.
//
// Text is measured in user-perceived characters (a simplified version of
// Unicode grapheme clusters): a base character with its combining marks,
// variation selectors and emoji modifiers, a flag made of two regional
// indicators, or an emoji ZWJ sequence such as 👩‍👩‍👧, which counts as one
// emoji. Wrap never splits such a cluster.
//
// All widths are in CSS pixels. A Face is immutable and safe for concurrent
// use; the font tables are built once per process, on first use.
package textfit

import (
	"fmt"
	"math"
)

// lineHeightFactor is the line height as a multiple of the font size.
// Inter's ascent and descent (hhea: 1984 and 494 of 2048 units) add up to
// 1.21 em; its tallest letters in the scripts the maps show (Ś, Ź, Й with
// their accents) reach 0.95 em above the baseline and its deepest (g, ę,
// Ą) 0.22 em below. The map puts a line's baseline 1 em below the line's
// top (half the line height plus 0.35 em), so at 1.3 the font's whole
// ascent and descent stay inside the line (0.03 em to spare above, 0.06 em
// below), and an ogonek keeps 0.14 em from the accent of a Ś on the line
// under it. A larger factor would only make small map cards taller.
const lineHeightFactor = 1.3

// Face measures text in one font at one size, in CSS pixels.
type Face struct {
	m    *metrics
	size float64
	// pxPerUnit converts font units to pixels. Every width goes through the
	// same multiplication, so Width(line) is exactly what Wrap compared
	// against the limit.
	pxPerUnit float64
}

// Regular returns Inter Regular (weight 400) at size pixels. It panics if
// size is not a positive finite number.
func Regular(size float64) *Face { return newFace(regularMetrics(), size) }

// SemiBold returns Inter SemiBold (weight 600) at size pixels. It panics if
// size is not a positive finite number.
func SemiBold(size float64) *Face { return newFace(semiBoldMetrics(), size) }

func newFace(m *metrics, size float64) *Face {
	if !(size > 0) || math.IsInf(size, 1) {
		panic(fmt.Sprintf("textfit: invalid font size %v", size))
	}
	return &Face{m: m, size: size, pxPerUnit: size / float64(m.unitsPerEm)}
}

// Size returns the font size in pixels.
func (f *Face) Size() float64 { return f.size }

// LineHeight returns the distance between baselines of consecutive lines:
// 1.3 × Size.
func (f *Face) LineHeight() float64 { return lineHeightFactor * f.size }

// Width returns the advance width of s in pixels, as drawn on one line. It
// measures s as given: unlike Wrap it does not collapse whitespace. Invalid
// UTF-8 bytes are measured as U+FFFD, as browsers draw them.
func (f *Face) Width(s string) float64 { return f.px(f.m.units(s)) }

// px converts font units to pixels.
func (f *Face) px(units int) float64 { return float64(units) * f.pxPerUnit }
