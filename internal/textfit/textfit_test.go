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

// The advances below were read from the committed WOFF2 files with
// fontTools, independently of this package's reader:
//
//	/usr/bin/python3 -c 'from fontTools.ttLib import TTFont
//	f = TTFont("fonts/inter-regular.woff2"); cmap, hmtx = f.getBestCmap(), f["hmtx"]
//	print(sum(hmtx[cmap[ord(c)]][0] for c in "As-is"))'
func TestWidth(t *testing.T) {
	reg, semi := Regular(upem), SemiBold(upem)
	tests := []struct {
		name string
		face *Face
		s    string
		want float64
	}{
		{"empty", reg, "", 0},
		{"space", reg, " ", 576},
		{"semibold space", semi, " ", 516},
		{"W", reg, "W", 2018},
		{"i", reg, "i", 496},
		{"Cyrillic from the font", reg, "Ш", 1961},
		{"semibold Cyrillic from the font", semi, "Ш", 2004},
		{"Polish from the font", reg, "ł", 496},
		{"a word with a hyphen", reg, "As-is", 5013},
		{"semibold, with a hyphen", semi, "As-is", 5229},
		{"hyphen-minus", reg, "-", 942},
		{"hyphen", reg, "\u2010", 734},
		{"en dash", reg, "–", 1024},
		{"em dash", reg, "—", 2048},
		{"tabular zero", reg, "0", 1328},
		{"tabular one", reg, "1", 1328},
		{"semibold tabular one", semi, "1", 1325},
		{"Russian from the font", reg, "Подтверждение заказа", 23444},
		{"semibold Russian from the font", semi, "Подтверждение заказа", 24053},
		{"Polish word from the font", reg, "Zażółć", 6463},
		{"numero sign from the font", reg, "№", 2237},
		{"rouble sign from the font", reg, "₽", 1436},
		{"minus sign from the font", reg, "−", 1355},
		{"less than or equal from the font", reg, "≤", 1355},
		{"ellipsis from the font", reg, "…", 1770},
		{"arrow from the font", reg, "→", 1954},
		{"triangle from the font", reg, "▲", 2070},
		{"check mark from the font", reg, "✓", 1811},
		{"warning sign from the font", reg, "⚠", 2100},
		{"soft hyphen is invisible", reg, "\u00AD", 0},
		{"e + combining acute", reg, "e\u0301", reg.Width("e")},
		{"zero width space", reg, "\u200B", 0},
		{"direction marks", reg, "\u200E\u200F", 0},
		{"CJK ideograph, 1 em", reg, "中", 2048},
		{"kana, 1 em", reg, "ア", 2048},
		{"Hangul, 1 em", reg, "한", 2048},
		{"fullwidth comma, 1 em", reg, "，", 2048},
		{"emoji, 1.25 em", reg, "😀", 2560},
		{"symbol missing from the font, 1.25 em", reg, "✎", 2560},
		{"stopwatch, 1.25 em", reg, "⏱", 2560},
		{"stopwatch with VS16, one emoji", reg, "⏱\uFE0F", 2560},
		{"text glyph forced to emoji by VS16", reg, "⚠\uFE0F", 2560},
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
	if r, b := f.Width(s), SemiBold(13).Width(s); b <= r {
		t.Errorf("semibold %v is not wider than regular %v", b, r)
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
	f := SemiBold(13)
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

// TestCoverage checks that the letters of the portal's languages and the
// symbols it draws come from the fonts, not from estimates.
func TestCoverage(t *testing.T) {
	var b strings.Builder
	b.WriteString("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ") // Polish
	for r := 'а'; r <= 'я'; r++ {
		b.WriteRune(r)
		b.WriteRune(r - 'а' + 'А')
	}
	b.WriteString("ёЁ")
	// Drawn by the theme, the map and the Markdown of the example.
	b.WriteString("→←↑↓…·•—–‐−×÷≤≥≈±°№€₽$£%‰«»„“”‘’‹›✓⚠▲▼◆♥½")
	for name, m := range map[string]*metrics{"regular": regularMetrics(), "semibold": semiBoldMetrics()} {
		for _, r := range b.String() {
			if _, ok := m.sparse[r]; !ok {
				t.Errorf("%s: %q (%U) is not in the font", name, r, r)
			}
		}
	}
}

// TestTabularDigits checks that figures line up in columns: every digit has
// the same advance, without any feature switch in the CSS.
func TestTabularDigits(t *testing.T) {
	for name, f := range map[string]*Face{"regular": Regular(upem), "semibold": SemiBold(upem)} {
		want := f.Width("0")
		for d := '1'; d <= '9'; d++ {
			if got := f.Width(string(d)); got != want {
				t.Errorf("%s: Width(%q) = %v, want %v as for 0", name, d, got, want)
			}
		}
	}
}

func TestWOFF2(t *testing.T) {
	for name, get := range map[string]func() []byte{"regular": RegularWOFF2, "semibold": SemiBoldWOFF2} {
		b := get()
		if !bytes.HasPrefix(b, []byte("wOF2")) {
			t.Errorf("%s: not a WOFF2 file: % x", name, b[:min(4, len(b))])
		}
		b[0] = 0 // the caller owns its copy
		if get()[0] != 'w' {
			t.Errorf("%s: modifying the returned bytes changed the font", name)
		}
	}
	if bytes.Equal(RegularWOFF2(), SemiBoldWOFF2()) {
		t.Error("regular and semibold fonts are identical")
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
				f = SemiBold(12)
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
	for _, m := range []*metrics{regularMetrics(), semiBoldMetrics()} {
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
