package render

import (
	"fmt"
	"maps"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/site"
)

func TestComparison(t *testing.T) {
	fsys := fstest.MapFS{
		"content/personas/p.md":                    {Data: []byte("---\ntitle: P\n---\n")},
		"content/journeys/now/_index.md":           {Data: []byte("---\ntitle: Now\npersonas: p\ntarget: next\n---\n")},
		"content/journeys/now/01-buy/_index.md":    {Data: []byte("---\ntitle: Buy\n---\n")},
		"content/journeys/now/01-buy/pay.md":       {Data: []byte("---\ntitle: Pay\nemotion: -2\nchannel: web\n---\n")},
		"content/journeys/now/01-buy/wait.md":      {Data: []byte("---\ntitle: Wait\nemotion: -1\n---\n")},
		"content/journeys/now/02-get/_index.md":    {Data: []byte("---\ntitle: Get\n---\n")},
		"content/journeys/now/02-get/call.md":      {Data: []byte("---\ntitle: Call support\nemotion: -2\n---\n")},
		"content/journeys/next/_index.md":          {Data: []byte("---\ntitle: Next\npersonas: p\nstate: target\n---\n")},
		"content/journeys/next/01-pay/_index.md":   {Data: []byte("---\ntitle: buy\n---\n")},
		"content/journeys/next/01-pay/pay.md":      {Data: []byte("---\ntitle: Pay in one tap\nemotion: 2\nchannel: app\n---\n")},
		"content/journeys/next/01-pay/w.md":        {Data: []byte("---\ntitle: wait\nemotion: -1\n---\n")},
		"content/journeys/next/02-track/_index.md": {Data: []byte("---\ntitle: Track\n---\n")},
		"content/journeys/next/02-track/push.md":   {Data: []byte("---\ntitle: Push\nemotion: 1\n---\n")},
	}
	c, diags := content.Load(fsys)
	s, more := site.Resolve(c, site.Base{Path: "/"})
	diags.Add(more...)
	if diags.HasErrors() {
		t.Fatal(diags.Errors())
	}
	now := s.Journeys[0]
	if now.Slug != "now" {
		now = s.Journeys[1]
	}
	cmp := NewComparison(now, now.Target, "en")

	var stages []string
	for _, d := range cmp.Stages {
		stages = append(stages, d.Title+" "+d.CurrentMean+"/"+d.TargetMean+"="+d.Delta)
	}
	// "Buy" pairs with "buy" by title; "Get" has no partner; "Track" follows the stage before it.
	if got, want := strings.Join(stages, "; "), "Buy -1.5/+0.5=+2; Track /+1=; Get -2/="; got != want {
		t.Errorf("stages = %q, want %q", got, want)
	}
	if len(cmp.Added) != 1 || cmp.Added[0].Slug != "push" {
		t.Errorf("added = %v", cmp.Added)
	}
	if len(cmp.Removed) != 1 || cmp.Removed[0].Slug != "call" {
		t.Errorf("removed = %v", cmp.Removed)
	}
	if cmp.Unchanged != 0 { // both matched touchpoints differ, in their titles at least
		t.Errorf("unchanged = %d, want 0", cmp.Unchanged)
	}
	var changes []string
	for _, ch := range cmp.Changed {
		for _, f := range ch.Fields {
			changes = append(changes, ch.Current.Slug+"."+f.Name+": "+f.From+" → "+f.To)
		}
	}
	// The stage Buy is renamed buy, and paired with it: no touchpoint moved.
	want := "pay.Touchpoint: Pay → Pay in one tap; pay.Emotion: -2 → +2; pay.Channel: Website → Mobile app; wait.Touchpoint: Wait → wait"
	if got := strings.Join(changes, "; "); got != want {
		t.Errorf("changes:\n got %s\nwant %s", got, want)
	}
}

// TestComparisonCounts: unchanged, changed, added and gone as `replaces`
// and `keep` make them, for a to-be journey that redraws part of the
// as-is one; and the measures and KPIs as-is and to-be.
func TestComparisonCounts(t *testing.T) {
	asIs := map[string]string{
		"content/personas/p.md":                  "---\ntitle: P\n---\n",
		"content/journeys/now/_index.md":         "---\ntitle: Now\npersonas: p\ntarget: next\n---\n",
		"content/journeys/now/01-plan/_index.md": "---\ntitle: Plan\nconversion: 0.5\n---\n",
		"content/journeys/now/01-plan/ad.md":     "---\ntitle: Ad\nemotion: 1\nmetrics: {csi: 4}\n---\n",
		"content/journeys/now/01-plan/news.md":   "---\ntitle: News\nemotion: 0\n---\n",
		"content/journeys/now/02-pay/_index.md":  "---\ntitle: Pay\nconversion: 0.8\n---\n",
		"content/journeys/now/02-pay/card.md":    "---\ntitle: Card\nemotion: -1\nmetrics: {csi: 2, nps: -40}\nkpis: [{name: Wait, current: 4, target: 0.5, unit: min, better: lower}]\n---\n",
		"content/journeys/now/02-pay/sms.md":     "---\ntitle: SMS\nemotion: -2\n---\n",
		"content/journeys/now/02-pay/email.md":   "---\ntitle: Email\nemotion: -2\n---\n",
		"content/journeys/now/03-wait/_index.md": "---\ntitle: Wait\n---\n",
		"content/journeys/now/03-wait/call.md":   "---\ntitle: Call\nemotion: -2\n---\n",
		"content/journeys/next/01-pay/_index.md": "---\ntitle: Pay\nconversion: 0.9\n---\n",
		"content/journeys/next/01-pay/card.md":   "---\ntitle: Card\nemotion: -1\nmetrics: {csi: 4, nps: 10}\nkpis: [{name: wait, current: 4, target: 1, unit: min, better: lower}, {name: Taps, target: 2}]\n---\n",
	}
	tests := []struct {
		name   string
		toBe   string // the to-be journey's front matter
		push   string // the push touchpoint's extra keys
		counts string // unchanged changed added gone kept
		gone   string
	}{
		{"by slug and title only", "", "", "1 0 1 5 0", "ad news email sms call"},
		{"replaces", "", "replaces: [sms, email]\n", "1 2 0 3 0", "ad news call"},
		{"keep and replaces", "keep: [plan]\n", "replaces: [sms, email]\n", "3 2 0 1 2", "call"},
		{"keep all it does not redraw", "keep: [plan, wait]\n", "replaces: [sms, email]\n", "4 2 0 0 3", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := maps.Clone(asIs)
			files["content/journeys/next/_index.md"] = "---\ntitle: Next\npersonas: p\nstate: target\n" + tc.toBe + "---\n"
			files["content/journeys/next/01-pay/push.md"] = "---\ntitle: Push\nemotion: 2\n" + tc.push + "---\n"
			now := journeyOf(siteOf(t, files), "now")
			c := NewComparison(now, now.Target, "en")
			got := fmt.Sprintf("%d %d %d %d %d", c.Unchanged, len(c.Changed), len(c.Added), len(c.Removed), c.KeptTouchpoints)
			var gone []string
			for _, t := range c.Removed {
				gone = append(gone, t.Slug)
			}
			if got != tc.counts || strings.Join(gone, " ") != tc.gone {
				t.Errorf("unchanged changed added gone kept: %s, gone %q; want %s, %q", got, gone, tc.counts, tc.gone)
			}
			// Every as-is touchpoint is counted once.
			if n := c.Unchanged + len(c.Changed) + len(c.Removed); n < len(now.Touchpoints) {
				t.Errorf("%d of %d as-is touchpoints counted", n, len(now.Touchpoints))
			}
		})
	}
	// Measures and KPIs, keeping the plan stage: CSI 3 → 4 (card 4 and the
	// kept ad 4), NPS -40 → 10, reaching the end 40 % → 45 %.
	files := maps.Clone(asIs)
	files["content/journeys/next/_index.md"] = "---\ntitle: Next\npersonas: p\nstate: target\nkeep: plan\n---\n"
	now := journeyOf(siteOf(t, files), "now")
	c := NewComparison(now, now.Target, "en")
	var ms []string
	for _, m := range c.Measures {
		ms = append(ms, m.Name+" "+m.From+" → "+m.To+" ("+m.Delta+")")
	}
	if got, want := strings.Join(ms, "; "), "Mean CSI 3 → 4 (+1); Mean NPS -40 → 10 (+50); Customers reaching the end 40 % → 45 % (+5 %)"; got != want {
		t.Errorf("measures:\n got %s\nwant %s", got, want)
	}
	var ks []string
	for _, k := range c.KPIs {
		ks = append(ks, fmt.Sprintf("%s %s → %s (%s) better %v worse %v", k.Name, k.From, k.To, k.Delta, k.Better, k.Worse))
	}
	if got, want := strings.Join(ks, "; "), "Wait 4 min → 1 min (−3 min) better true worse false; Taps — → 2 () better false worse false"; got != want {
		t.Errorf("kpis:\n got %s\nwant %s", got, want)
	}
	if len(c.Stages) != 3 || !c.Stages[0].Kept || c.Stages[0].TargetMean != c.Stages[0].CurrentMean || c.Stages[2].Kept {
		t.Errorf("stages: %+v", c.Stages)
	}
}

func journeyOf(s *site.Site, slug string) *site.Journey {
	for _, j := range s.Journeys {
		if j.Slug == slug {
			return j
		}
	}
	return nil
}
