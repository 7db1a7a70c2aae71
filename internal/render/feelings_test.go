package render

import (
	"strings"
	"testing"
)

// feelingFiles is a journey of two personas and its target: "sign" is felt
// differently, "pay" the same by both, "wait" by Irina alone.
var feelingFiles = map[string]string{
	"content/personas/irina.md":              "---\ntitle: Irina, owner\n---\n",
	"content/personas/tomas.md":              "---\ntitle: Tomas, office manager\n---\n",
	"content/journeys/now/_index.md":         "---\ntitle: Now\npersonas: [irina, tomas]\ntarget: next\n---\n",
	"content/journeys/now/01-buy/_index.md":  "---\ntitle: Buy\n---\n",
	"content/journeys/now/01-buy/sign.md":    "---\ntitle: Sign\nweight: 1\nemotion: {tomas: -2, irina: 1}\n---\n",
	"content/journeys/now/01-buy/pay.md":     "---\ntitle: Pay\nweight: 2\nemotion: 0\n---\n",
	"content/journeys/now/01-buy/wait.md":    "---\ntitle: Wait\nweight: 3\nemotion: {irina: -1}\n---\n",
	"content/journeys/next/_index.md":        "---\ntitle: Next\npersonas: [irina, tomas]\nstate: target\n---\n",
	"content/journeys/next/01-buy/_index.md": "---\ntitle: Buy\n---\n",
	// Tomas alone changes: a change. Pay is written per persona, the same
	// values: no change. Wait: Tomas now says something: a change.
	"content/journeys/next/01-buy/sign.md": "---\ntitle: Sign\nweight: 1\nemotion: {irina: 1, tomas: 1}\n---\n",
	"content/journeys/next/01-buy/pay.md":  "---\ntitle: Pay\nweight: 2\nemotion: {irina: 0, tomas: 0}\n---\n",
	"content/journeys/next/01-buy/wait.md": "---\ntitle: Wait\nweight: 3\nemotion: {irina: -1, tomas: 1}\n---\n",
}

// TestFeelingsShown checks the heatmap, the comparison and the map as a
// table on feelings: each persona's value counts, and differing personas
// are named.
func TestFeelingsShown(t *testing.T) {
	s := siteOf(t, feelingFiles)
	now, next := s.Journeys[0], s.Journeys[1]
	if now.Slug != "now" {
		now, next = next, now
	}

	// Heatmap: sign 1, -2; pay 0, 0; wait -1: mean -2/5 = -0.4.
	h := NewHeatmap(s, "en")
	for _, row := range h.Journeys {
		if row.Title != "Now" {
			continue
		}
		if c := row.Cells[0]; c.Mean == nil || signedNum(*c.Mean) != "−0.4" || c.Touchpoints != 3 {
			t.Errorf("heatmap cell of Now: %v over %d touchpoints, want −0.4 over 3", c.Mean, c.Touchpoints)
		}
	}

	// Comparison: the stage means over feelings, -2/5 then (1+1+0+0-1+1)/6 = 1/3.
	cmp := NewComparison(now, next, "en")
	if d := cmp.Stages[0]; d.CurrentMean != "-0.4" || d.TargetMean != "+0.3" || d.Delta != "+0.7" {
		t.Errorf("stage: %s / %s = %s, want -0.4 / +0.3 = +0.7", d.CurrentMean, d.TargetMean, d.Delta)
	}
	var changes []string
	for _, ch := range cmp.Changed {
		for _, f := range ch.Fields {
			changes = append(changes, ch.Current.Slug+"."+f.Name+": "+f.From+" → "+f.To)
		}
	}
	want := "sign.Emotion: Irina +1 · Tomas -2 → Irina +1 · Tomas +1; wait.Emotion: Irina -1 → Irina -1 · Tomas +1"
	if got := strings.Join(changes, "; "); got != want {
		t.Errorf("changes:\n got %s\nwant %s", got, want)
	}
	if cmp.Unchanged != 1 {
		t.Errorf("unchanged = %d, want 1 (pay)", cmp.Unchanged)
	}

	// The map as a table: one entry per persona where they differ.
	var emotions []string
	for _, row := range NewTable(now, "en").Rows {
		if row.Lane != "emotions" {
			continue
		}
		for _, e := range row.Cells[0] {
			if e.Face != EmotionFace(signum(e.Class)) {
				t.Errorf("entry %q has face %q, want the face of its class %s", e.Text, e.Face, e.Class)
			}
			emotions = append(emotions, e.Text+" ("+e.Meta+", "+e.Class+")")
		}
	}
	want = "Irina +1 (Sign: positive, emotion-p1) | Tomas -2 (Sign: very negative, emotion-n2) | 0 (Pay: neutral, emotion-0) | Irina -1 (Wait: negative, emotion-n1)"
	if got := strings.Join(emotions, " | "); got != want {
		t.Errorf("emotions row:\n got %s\nwant %s", got, want)
	}
}

// signum reads an emotion back from its class: emotion-n2 is -2.
func signum(class string) int {
	switch class {
	case "emotion-n2":
		return -2
	case "emotion-n1":
		return -1
	case "emotion-p1":
		return 1
	case "emotion-p2":
		return 2
	}
	return 0
}
