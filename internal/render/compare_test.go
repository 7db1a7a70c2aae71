package render

import (
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
	if cmp.Unchanged != 0 { // both matched touchpoints differ at least in their stage's title
		t.Errorf("unchanged = %d, want 0", cmp.Unchanged)
	}
	var changes []string
	for _, ch := range cmp.Changed {
		for _, f := range ch.Fields {
			changes = append(changes, ch.Current.Slug+"."+f.Name+": "+f.From+" → "+f.To)
		}
	}
	want := "pay.Touchpoint: Pay → Pay in one tap; pay.Stage: Buy → buy; pay.Emotion: -2 → +2; pay.Channel: Website → Mobile app; wait.Touchpoint: Wait → wait; wait.Stage: Buy → buy"
	if got := strings.Join(changes, "; "); got != want {
		t.Errorf("changes:\n got %s\nwant %s", got, want)
	}
}
