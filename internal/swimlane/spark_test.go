package swimlane

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestSparkline(t *testing.T) {
	t.Run("golden", func(t *testing.T) {
		_, j := loadJourney(t, generated(3, 3, "ru"))
		svg := Sparkline(j, "ru")
		checkWellFormed(t, svg)
		goldenCheck(t, "spark-russian", svg)
	})

	tests := []struct {
		name   string
		fsys   fstest.MapFS
		points int    // circles drawn
		ticks  int    // stage changes
		label  string // part of the title
	}{
		{"lowest and highest named", sparkSite("a: {emotion: 1}", "b: {emotion: -2}", "c: {emotion: 2}"), 3, 1,
			"Emotion curve: lowest −2 (b &lt;&amp;&gt;), highest +2 (c &lt;&amp;&gt;)"},
		{"touchpoints without emotion are skipped", sparkSite("a: {emotion: 0}", "b: {}", "c: {emotion: -1}"), 2, 1, "lowest −1 (c"},
		{"children are not drawn", sparkSite("a: {emotion: 0}", "b: {emotion: -2, parent: a}"), 1, 0, "Emotion curve: 0 throughout"},
		{"one emotion throughout", sparkSite("a: {emotion: 1}", "b: {emotion: 1}"), 2, 1, "Emotion curve: +1 throughout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, j := loadJourney(t, tt.fsys)
			svg := string(Sparkline(j, "en"))
			checkWellFormed(t, []byte(svg))
			if got := strings.Count(svg, "<circle"); got != tt.points {
				t.Errorf("%d points, want %d:\n%s", got, tt.points, svg)
			}
			if got := strings.Count(svg, `class="spark-stage"`); got != tt.ticks {
				t.Errorf("%d stage ticks, want %d:\n%s", got, tt.ticks, svg)
			}
			if !strings.Contains(svg, tt.label) {
				t.Errorf("label lacks %q:\n%s", tt.label, svg)
			}
		})
	}

	t.Run("no emotions, no sparkline", func(t *testing.T) {
		_, j := loadJourney(t, sparkSite("a: {}", "b: {}"))
		if svg := Sparkline(j, "en"); svg != nil {
			t.Errorf("got %s, want nil", svg)
		}
	})
}

// sparkSite makes a journey whose touchpoints are given as "slug: {keys}";
// the first touchpoint is in stage one, the others in stage two.
func sparkSite(tps ...string) fstest.MapFS {
	fsys := fstest.MapFS{
		"content/personas/p.md":              {Data: []byte("---\ntitle: P\n---\n")},
		"content/journeys/j/_index.md":       {Data: []byte("---\ntitle: J\npersonas: p\n---\n")},
		"content/journeys/j/1-one/_index.md": {Data: []byte("---\ntitle: One\n---\n")},
		"content/journeys/j/2-two/_index.md": {Data: []byte("---\ntitle: Two\n---\n")},
	}
	for i, tp := range tps {
		slug, keys, _ := strings.Cut(tp, ": ")
		stage := "2-two"
		if i == 0 {
			stage = "1-one"
		}
		fm := "title: " + slug + " <&>\nweight: " + string(rune('1'+i)) + "\n"
		for _, kv := range strings.Split(strings.Trim(keys, "{}"), ", ") {
			if kv != "" {
				fm += kv + "\n"
			}
		}
		fsys["content/journeys/j/"+stage+"/"+slug+".md"] = &fstest.MapFile{Data: []byte("---\n" + fm + "---\n")}
	}
	return fsys
}

func checkWellFormed(t *testing.T, svg []byte) {
	t.Helper()
	if err := wellFormed(svg); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, svg)
	}
}
