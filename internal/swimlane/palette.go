package swimlane

import (
	"fmt"
	"math"
	"strconv"
)

// The map's colours. Text colours meet WCAG AA (4.5:1) on every background
// they are drawn on; palette_test.go checks each pair. Nothing is told by
// colour alone: pains carry a cross, gains a plus, emotions a face and a
// number, importance a count of bars, overdue dates a word.
const (
	colInk       = "#1f2937" // main text
	colMuted     = "#4b5563" // meta text
	colPaper     = "#ffffff" // map background, cards
	colHead      = "#e8eef7" // stage header cells
	colLabel     = "#f1f3f6" // lane label column
	colLane      = "#fafbfc" // lane cells
	colRule      = "#cfd6e0" // grid lines
	colCardLine  = "#7c8799" // card borders
	colLink      = "#1d4ed8" // link text, curve, focus ring
	colPainBg    = "#fdeeee" // pains and barriers
	colPainInk   = "#9b1c1c"
	colGainBg    = "#eaf6ee" // gains
	colGainInk   = "#17613a"
	colWarn      = "#9a3412" // overdue, nobody owns
	colVisibilty = "#6b7280" // line of visibility
	colGoals     = "#f3f6fb" // the stages' goals and expectations, under their header

	// The personas' curves, told apart by dash and marks as well.
	colPersona0 = "#1d4ed8"
	colPersona1 = "#7e22ce"
	colPersona2 = "#0f766e"
	colPersona3 = "#b45309"

	// A KPI's status, told apart by a tick, a cross and a dash as well.
	colMet        = "#15803d"
	colMissed     = "#b91c1c"
	colUnmeasured = "#6b7280"

	// Emotions from -2 to +2; the face and the number say the same
	// without colour.
	colEmotionM2 = "#b91c1c"
	colEmotionM1 = "#c2410c"
	colEmotion0  = "#4b5563"
	colEmotion1  = "#15803d"
	colEmotion2  = "#166534"
)

// emotionColours are the point colours from -2 to +2; the face and the
// number say the same without colour.
var emotionColours = [5]string{colEmotionM2, colEmotionM1, colEmotion0, colEmotion1, colEmotion2}

// Contrast returns the WCAG contrast ratio of two #rrggbb colours.
func Contrast(a, b string) (float64, error) {
	la, err := luminance(a)
	if err != nil {
		return 0, err
	}
	lb, err := luminance(b)
	if err != nil {
		return 0, err
	}
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05), nil
}

func luminance(hex string) (float64, error) {
	if len(hex) != 7 || hex[0] != '#' {
		return 0, fmt.Errorf("%q is not #rrggbb", hex)
	}
	var c [3]float64
	for i := range c {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			return 0, err
		}
		s := float64(v) / 255
		if s <= 0.04045 {
			c[i] = s / 12.92
		} else {
			c[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2], nil
}
