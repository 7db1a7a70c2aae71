package swimlane

import (
	"fmt"
	"math"
	"strconv"
)

// colour is one of the map's colours in the light scheme and the dark one.
// The map names it as light-dark(light, dark), so a map inside a page
// follows the page's scheme (the reader's system, or the header's toggle),
// map.svg opened alone follows the system, and print, which the pages'
// stylesheet sets light, stays light.
type colour struct{ light, dark string }

func (c colour) css() string { return "light-dark(" + c.light + "," + c.dark + ")" }

// The map's colours. Text colours meet WCAG AA (4.5:1) on every background
// they are drawn on, in both schemes; TestContrast checks each pair.
// Nothing is told by colour alone: pains carry a cross, gains a plus,
// emotions a face and a number, importance a count of bars, overdue dates a
// word, KPIs a tick or a cross, personas a dash and a mark.
var (
	colInk       = colour{"#1f2937", "#e5e9f0"} // main text
	colMuted     = colour{"#4b5563", "#aab4c3"} // meta text
	colPaper     = colour{"#ffffff", "#151c26"} // the map's background
	colCard      = colour{"#ffffff", "#1f2835"} // cards, faces and marks
	colHead      = colour{"#e8eef7", "#1c2b41"} // stage header cells
	colGoals     = colour{"#f3f6fb", "#182334"} // the stages' goals and expectations, under their header
	colLabel     = colour{"#f1f3f6", "#1d2530"} // lane label column
	colLane      = colour{"#fafbfc", "#111821"} // lane cells
	colRule      = colour{"#cfd6e0", "#2f3b4c"} // grid lines
	colCardLine  = colour{"#7c8799", "#7b889b"} // card borders
	colLink      = colour{"#1d4ed8", "#8ab8ff"} // link text, focus ring
	colPainBg    = colour{"#fdeeee", "#341a1d"} // pains and barriers
	colPainInk   = colour{"#9b1c1c", "#ffb8b8"}
	colGainBg    = colour{"#eaf6ee", "#13291d"} // gains
	colGainInk   = colour{"#17613a", "#a6e9bd"}
	colWarn      = colour{"#9a3412", "#ffb784"} // overdue, nobody owns
	colVisibilty = colour{"#6b7280", "#8d98a8"} // line of visibility
	colOnMark    = colour{"#ffffff", "#111821"} // a tick or cross drawn on a coloured disc

	// The personas' curves, told apart by dash and marks as well.
	colPersona0 = colour{"#1d4ed8", "#8ab8ff"}
	colPersona1 = colour{"#7e22ce", "#d4a8ff"}
	colPersona2 = colour{"#0f766e", "#5ee0cb"}
	colPersona3 = colour{"#b45309", "#f8c04a"}
	colTarget   = colour{"#17613a", "#7fdca0"} // the to-be curve of the comparison chart

	// A KPI's status, told apart by a tick, a cross and a dash as well.
	colMet        = colour{"#15803d", "#56d88a"}
	colMissed     = colour{"#b91c1c", "#ff8a8a"}
	colUnmeasured = colour{"#6b7280", "#9aa4b2"}
)

// emotionColours are the colours of the emotions from -2 to +2; the face
// and the number say the same without colour.
var emotionColours = [5]colour{
	{"#b91c1c", "#ff8a8a"},
	{"#c2410c", "#ffab6e"},
	{"#4b5563", "#a3adbb"},
	{"#15803d", "#56d88a"},
	{"#166534", "#34c46e"},
}

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
