package render

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestEmotionFace checks that each emotion is drawn as an SVG face whose
// mouth bends its way (a frown below -1, a straight line at 0, a smile
// above), that values beyond -2..2 draw the nearest end, and that the face
// is decoration, never an emoji or text a screen reader would read.
func TestEmotionFace(t *testing.T) {
	mouth := regexp.MustCompile(`<path d="M5\.5 ([0-9.]+)Q10 ([0-9.]+) 14\.5 ([0-9.]+)"`)
	tests := []struct {
		e    int
		bend string // "frown", "flat" or "smile"
		same int    // the emotion it must draw the same as
	}{
		{-3, "frown", -2},
		{-2, "frown", -2},
		{-1, "frown", -1},
		{0, "flat", 0},
		{1, "smile", 1},
		{2, "smile", 2},
		{7, "smile", 2},
	}
	for _, tt := range tests {
		got := string(EmotionFace(tt.e))
		if !strings.HasPrefix(got, `<svg class="face-icon"`) || !strings.Contains(got, `aria-hidden="true"`) {
			t.Errorf("EmotionFace(%d) is not a hidden SVG: %s", tt.e, got)
		}
		for _, r := range got {
			if r > 0x7f {
				t.Errorf("EmotionFace(%d) holds %q: faces are drawn, never written", tt.e, r)
			}
		}
		m := mouth.FindStringSubmatch(got)
		if m == nil {
			t.Fatalf("EmotionFace(%d) has no mouth: %s", tt.e, got)
		}
		end, _ := strconv.ParseFloat(m[1], 64)
		ctrl, _ := strconv.ParseFloat(m[2], 64)
		if m[1] != m[3] {
			t.Errorf("EmotionFace(%d): a lopsided mouth, %s and %s", tt.e, m[1], m[3])
		}
		var bend string
		switch {
		case ctrl > end: // SVG's y grows downwards: the middle lower than the corners smiles
			bend = "smile"
		case ctrl < end:
			bend = "frown"
		default:
			bend = "flat"
		}
		if bend != tt.bend {
			t.Errorf("EmotionFace(%d) draws a %s, want a %s", tt.e, bend, tt.bend)
		}
		if want := string(EmotionFace(tt.same)); got != want {
			t.Errorf("EmotionFace(%d) differs from EmotionFace(%d)", tt.e, tt.same)
		}
	}
	if EmotionFace(-1) == EmotionFace(-2) || EmotionFace(1) == EmotionFace(2) {
		t.Error("a strong feeling is drawn like a mild one")
	}
}

func TestPercent(t *testing.T) {
	for _, tt := range []struct {
		share float64
		want  string
	}{
		{0.55, "55 %"}, {0.07, "7 %"}, {0.123456, "12.35 %"}, {1, "100 %"}, {0, "0 %"}, {0.004, "0.4 %"},
	} {
		if got := Percent(tt.share); got != tt.want {
			t.Errorf("Percent(%v) = %q, want %q", tt.share, got, tt.want)
		}
	}
}
