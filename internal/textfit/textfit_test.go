package textfit

import (
	"bytes"
	"math"
	"strings"
	"sync"
	"testing"
)

// At a size equal to the fonts' 2048 units per em, widths are in font units,
// so the font's own advances can be checked exactly.
const upem = 2048

func TestWidth(t *testing.T) {
	reg, bold := Regular(upem), Bold(upem)
	tests := []struct {
		name string
		face *Face
		s    string
		want float64
	}{
		{"empty", reg, "", 0},
		{"space", reg, " ", 569},
		{"W", reg, "W", 1933},
		{"i", reg, "i", 505},
		{"Cyrillic from the font", reg, "Ш", 1877},
		{"bold Cyrillic from the font", bold, "Ш", 2058},
		{"Polish from the font", reg, "ł", 592},
		{"ellipsis from the font", reg, "…", 2048},
		{"arrow from the font", reg, "→", 2048},
		{"triangle from the font", reg, "▲", 2027},
		{"soft hyphen is invisible", reg, "\u00AD", 0},
		{"e + combining acute", reg, "e\u0301", reg.Width("e")},
		{"zero width space", reg, "\u200B", 0},
		{"direction marks", reg, "\u200E\u200F", 0},
		{"CJK ideograph, 1 em", reg, "中", 2048},
		{"kana, 1 em", reg, "ア", 2048},
		{"Hangul, 1 em", reg, "한", 2048},
		{"fullwidth comma, 1 em", reg, "，", 2048},
		{"emoji, 1.25 em", reg, "😀", 2560},
		{"symbol missing from the font, 1.25 em", reg, "△", 2560},
		{"stopwatch, 1.25 em", reg, "⏱", 2560},
		{"stopwatch with VS16, one emoji", reg, "⏱\uFE0F", 2560},
		{"text glyph forced to emoji by VS16", reg, "☺\uFE0F", 2560},
		{"ZWJ family, one emoji", reg, "👩\u200D👩\u200D👧", 2560},
		{"skin tone, one emoji", reg, "👍🏽", 2560},
		{"flag, one emoji", reg, "🇵🇱", 2560},
		{"two flags", reg, "🇵🇱🇺🇦", 5120},
		{"keycap, one emoji", reg, "1\uFE0F\u20E3", 2560},
		{"Hebrew letter, 0.6 em", reg, "א", 1229},
		{"Arabic letter, 0.6 em", reg, "ب", 1229},
		{"invalid byte as U+FFFD", reg, "\xff", reg.Width("\uFFFD")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.face.Width(tt.s); got != tt.want {
				t.Errorf("Width(%q) = %v, want %v", tt.s, got, tt.want)
			}
		})
	}
}

func TestWidthComparisons(t *testing.T) {
	f := Regular(13)
	if w, i := f.Width("WWW"), f.Width("iii"); w <= 2*i {
		t.Errorf("Width(WWW) = %v, not much wider than Width(iii) = %v", w, i)
	}
	const s = "Подтверждение заказа"
	if r, b := f.Width(s), Bold(13).Width(s); b <= r {
		t.Errorf("bold %v is not wider than regular %v", b, r)
	}
	if a, b := f.Width(s), Regular(26).Width(s); math.Abs(b-2*a) > 1e-9 {
		t.Errorf("Width at 26px = %v, want twice %v", b, a)
	}
}

func TestWidthAdditive(t *testing.T) {
	f := Regular(13)
	parts := []string{"", "a", "Wi", "Ш", "Zażółć", " ", "gęślą jaźń", "中文", "😀", "👩\u200D👩\u200D👧", "e\u0301", "→", "…", "-"}
	for _, a := range parts {
		for _, b := range parts {
			got, want := f.Width(a+b), f.Width(a)+f.Width(b)
			if math.Abs(got-want) > 1e-9 {
				t.Errorf("Width(%q) = %v, want Width(%q) + Width(%q) = %v", a+b, got, a, b, want)
			}
		}
	}
}

func TestSizeAndLineHeight(t *testing.T) {
	f := Bold(13)
	if f.Size() != 13 {
		t.Errorf("Size() = %v, want 13", f.Size())
	}
	if got := f.LineHeight(); math.Abs(got-16.9) > 1e-9 {
		t.Errorf("LineHeight() = %v, want 16.9", got)
	}
}

func TestInvalidSizePanics(t *testing.T) {
	for _, size := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Regular(%v) did not panic", size)
				}
			}()
			Regular(size)
		}()
	}
}

func TestTTF(t *testing.T) {
	for name, get := range map[string]func() []byte{"regular": RegularTTF, "bold": BoldTTF} {
		b := get()
		if !bytes.HasPrefix(b, []byte{0, 1, 0, 0}) {
			t.Errorf("%s: not a TrueType file: % x", name, b[:min(4, len(b))])
		}
		b[0] = 0xff // the caller owns its copy
		if get()[0] != 0 {
			t.Errorf("%s: modifying the returned bytes changed the font", name)
		}
	}
	if bytes.Equal(RegularTTF(), BoldTTF()) {
		t.Error("regular and bold fonts are identical")
	}
}

// TestConcurrentFirstUse runs under -race: faces built and used from many
// goroutines at once share the lazily built tables.
func TestConcurrentFirstUse(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			f := Regular(12)
			if i%2 == 0 {
				f = Bold(12)
			}
			if lines := f.Wrap(strings.Repeat("Подтверждение заказа ", 5), 100); len(lines) < 2 {
				t.Errorf("got %d lines, want several", len(lines))
			}
		})
	}
	wg.Wait()
}

// TestDenseTables guards the precomputed fast paths against drifting from the
// Unicode-table checks they stand in for.
func TestDenseTables(t *testing.T) {
	for _, m := range []*metrics{regularMetrics(), boldMetrics()} {
		for r := range rune(denseLimit) {
			if got, want := m.runeUnits(r), m.slowRuneUnits(r); got != want {
				t.Fatalf("runeUnits(%U) = %d, want %d", r, got, want)
			}
			if got, want := isExtender(r), slowIsExtender(r); got != want {
				t.Fatalf("isExtender(%U) = %v, want %v", r, got, want)
			}
		}
	}
}
