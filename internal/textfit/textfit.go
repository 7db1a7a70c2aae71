// Package textfit measures and wraps text for SVG, which cannot wrap text
// itself.
//
// Widths come from the advance tables of Go Regular and Go Bold
// (golang.org/x/image/font/gofont), the same fonts the site serves to the
// browser (see RegularTTF and BoldTTF), so a line that Wrap says fits is the
// line the browser draws. The Go fonts have no kerning or ligature tables,
// so summing advances gives exactly what the browser lays out.
//
// The fonts cover Latin (including Polish), Greek and Cyrillic, plus common
// punctuation, arrows and some symbols. For anything else the browser falls
// back to another font that this package cannot see, so it estimates:
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
	"slices"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// lineHeightFactor is the line height as a multiple of the font size. The Go
// fonts' own ascent plus descent is about 1.15 em; 1.3 leaves room between
// lines for diacritics such as Ż or Й and reads well in small map cards.
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

// Regular returns Go Regular at size pixels. It panics if size is not a
// positive finite number.
func Regular(size float64) *Face { return newFace(regularMetrics(), size) }

// Bold returns Go Bold at size pixels. It panics if size is not a positive
// finite number.
func Bold(size float64) *Face { return newFace(boldMetrics(), size) }

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

// RegularTTF returns the Go Regular font file, to publish for the browser.
// The result is a fresh copy that the caller may keep or modify.
func RegularTTF() []byte { return slices.Clone(goregular.TTF) }

// BoldTTF returns the Go Bold font file, to publish for the browser. The
// result is a fresh copy that the caller may keep or modify.
func BoldTTF() []byte { return slices.Clone(gobold.TTF) }
