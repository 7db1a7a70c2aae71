package build_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cjm-portal/cjm/internal/render"
)

// TestFeelingsOnPages checks that pages name each persona with its own
// emotion where the personas of a journey feel differently, and show one
// emotion where they feel the same, however it is written.
func TestFeelingsOnPages(t *testing.T) {
	res := buildFS(fstest.MapFS{
		"content/_index.md":                   mapFile("---\ntitle: T\n---\n"),
		"content/personas/irina.md":           mapFile("---\ntitle: Irina, small business owner\n---\n"),
		"content/personas/tomas.md":           mapFile("---\ntitle: Tomas, office manager\n---\n"),
		"content/teams/sales.md":              mapFile("---\ntitle: Sales\n---\n"),
		"content/journeys/b2b/_index.md":      mapFile("---\ntitle: B2B\npersonas: [irina, tomas]\n---\n"),
		"content/journeys/b2b/01-s/_index.md": mapFile("---\ntitle: Deal\n---\n"),
		"content/journeys/b2b/01-s/sign.md":   mapFile("---\ntitle: Sign\nweight: 1\nowner: sales\nchannel: email\nemotion: {tomas: -2, irina: 1}\n---\n"),
		"content/journeys/b2b/01-s/pay.md":    mapFile("---\ntitle: Pay\nweight: 2\nowner: sales\nchannel: email\nparent: sign\nemotion: {irina: 0, tomas: 0}\n---\n"),
	}, "")
	if res.Diags.HasErrors() {
		t.Fatal(res.Diags.Errors())
	}
	// Each emotion is drawn as a face (an SVG), never as an emoji.
	differ := `<span class="feelings"><span class="feeling"><span class="feeling-who">Irina</span> <span class="emotion emotion-p1"><span class="emotion-glyph" aria-hidden="true">` + string(render.EmotionFace(1)) + `</span> <span class="emotion-num">&#43;1</span> <span class="emotion-word">positive</span></span></span><span class="feelings-sep"> · </span><span class="feeling"><span class="feeling-who">Tomas</span> <span class="emotion emotion-n2">`
	same := `<span class="emotion emotion-0"><span class="emotion-glyph" aria-hidden="true">` + string(render.EmotionFace(0)) + `</span> <span class="emotion-num">0</span> <span class="emotion-word">neutral</span></span>`
	pages := []struct{ page, what string }{
		{"journeys/b2b/s/sign/index.html", "touchpoint page"},
		{"journeys/b2b/s/index.html", "touchpoint cards"},
		{"journeys/b2b/index.html", "stage summary"},
		{"teams/sales/index.html", "team's table"},
		{"channels/email/index.html", "channel's cards"},
	}
	for _, p := range pages {
		html := string(res.Files[p.page])
		if html == "" {
			t.Errorf("%s: no page %s", p.what, p.page)
			continue
		}
		if !strings.Contains(html, differ) {
			t.Errorf("%s (%s) does not name Irina +1 and Tomas -2", p.what, p.page)
		}
		if !strings.Contains(html, same) {
			t.Errorf("%s (%s) does not show Pay's one emotion, 0", p.what, p.page)
		}
		if strings.Contains(html, `<span class="feeling-who">Irina</span> <span class="emotion emotion-0">`) {
			t.Errorf("%s (%s) names personas who feel the same", p.what, p.page)
		}
	}
	// The parent's page lists its child with the child's emotion.
	if html := string(res.Files["journeys/b2b/s/sign/index.html"]); !strings.Contains(html, `>Pay</a> `+same) {
		t.Error("the touchpoint page does not list its child with its emotion")
	}
}
