package swimlane

import (
	"regexp"
	"slices"
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

// TestSparklinePerPersona checks the lines of personas who feel
// differently: one each, told apart by class, dash and point shape, named
// in the legend and the label.
func TestSparklinePerPersona(t *testing.T) {
	tests := []struct {
		name     string
		fsys     fstest.MapFS
		lines    []string // the polylines' classes, in order
		dashes   int      // lines and legend keys with a dash pattern
		circles  int      // the first persona's points
		rects    int      // the second's
		polygons int      // the third's and fourth's, and their legend keys
		legend   []string
		label    string
	}{
		{"personas who differ get a line each",
			personaSpark("ann, bob", "a: {ann: 1, bob: -2}", "b: 0", "c: {bob: -1, ann: 2}"),
			[]string{"spark-line spark-line-1", "spark-line spark-line-2"}, 2, 3 + 1, 3 + 1, 0, []string{"Ann", "Bob"},
			"Emotion curve: Ann: lowest 0 (b &lt;&amp;&gt;), highest +2 (c &lt;&amp;&gt;); Bob: lowest −2 (a &lt;&amp;&gt;), highest 0 (b &lt;&amp;&gt;)"},
		{"the same values written per persona make one line",
			personaSpark("ann, bob", "a: {ann: 1, bob: 1}", "b: -1"),
			[]string{"spark-line"}, 0, 2, 0, 0, nil, "Emotion curve: lowest −1 (b &lt;&amp;&gt;), highest +1 (a &lt;&amp;&gt;)"},
		{"a persona who says nothing has no point there",
			personaSpark("ann, bob", "a: {ann: 1}", "b: 0", "c: {ann: -1, bob: 2}"),
			[]string{"spark-line spark-line-1", "spark-line spark-line-2"}, 2, 3 + 1, 2 + 1, 0, []string{"Ann", "Bob"},
			"Ann: lowest −1 (c &lt;&amp;&gt;), highest +1 (a &lt;&amp;&gt;); Bob: lowest 0 (b &lt;&amp;&gt;), highest +2 (c &lt;&amp;&gt;)"},
		{"a long name takes a row of its own, whole, wrapped",
			personaSpark("ann, konstantynopolitanczykowianeczka", "a: {ann: 1, konstantynopolitanczykowianeczka: -2}", "b: 0"),
			[]string{"spark-line spark-line-1", "spark-line spark-line-2"}, 2, 2 + 1, 2 + 1, 0,
			[]string{"Ann", "Konstantynopolitanczykowianec", "zka"}, "Konstantynopolitanczykowianeczka: lowest −2"},
		{"at most four lines",
			personaSpark("p1, p2, p3, p4, p5", "a: {p1: 1, p2: 0, p3: -1, p4: 2, p5: -2}", "b: 0"),
			[]string{"spark-line spark-line-1", "spark-line spark-line-2", "spark-line spark-line-3", "spark-line spark-line-4"},
			6, 2 + 1, 2 + 1, 4 + 2, []string{"P1", "P2", "P3", "P4"}, "; P4: lowest 0 (b &lt;&amp;&gt;), highest +2 (a &lt;&amp;&gt;)"},
	}
	lineClass := regexp.MustCompile(`<polyline class="([^"]*)"`)
	legend := regexp.MustCompile(`<text class="spark-legend"[^>]*>([^<]*)</text>`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, j := loadJourney(t, tt.fsys)
			svg := string(Sparkline(j, "en"))
			checkWellFormed(t, []byte(svg))
			var lines, names []string
			for _, m := range lineClass.FindAllStringSubmatch(svg, -1) {
				lines = append(lines, m[1])
			}
			for _, m := range legend.FindAllStringSubmatch(svg, -1) {
				names = append(names, m[1])
			}
			if !slices.Equal(lines, tt.lines) {
				t.Errorf("lines %q, want %q", lines, tt.lines)
			}
			if !slices.Equal(names, tt.legend) {
				t.Errorf("legend %q, want %q", names, tt.legend)
			}
			for _, c := range []struct {
				what string
				got  int
				want int
			}{
				{"dashed", strings.Count(svg, "stroke-dasharray="), tt.dashes},
				{"circles", strings.Count(svg, "<circle"), tt.circles},
				{"squares", strings.Count(svg, "<rect"), tt.rects},
				{"polygons", strings.Count(svg, "<polygon"), tt.polygons},
			} {
				if c.got != c.want {
					t.Errorf("%d %s, want %d:\n%s", c.got, c.what, c.want, svg)
				}
			}
			if !strings.Contains(svg, tt.label) {
				t.Errorf("label lacks %q:\n%s", tt.label, svg)
			}
			if strings.Contains(svg, "P5") {
				t.Errorf("a fifth persona is drawn or named:\n%s", svg)
			}
		})
	}
}

// personaSpark is sparkSite for a journey of the given personas, each with
// a file titled after its slug; touchpoints are given as "slug: EMOTION".
func personaSpark(personas string, tps ...string) fstest.MapFS {
	fsys := sparkSite()
	fsys["content/journeys/j/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: J\npersonas: [" + personas + "]\n---\n")}
	for _, p := range strings.Split(personas, ", ") {
		fsys["content/personas/"+p+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: " + strings.ToUpper(p[:1]) + p[1:] + ", someone\n---\n")}
	}
	for i, tp := range tps {
		slug, emotion, _ := strings.Cut(tp, ": ")
		stage := "2-two"
		if i == 0 {
			stage = "1-one"
		}
		fm := "title: " + slug + " <&>\nweight: " + string(rune('1'+i)) + "\nemotion: " + emotion + "\n"
		fsys["content/journeys/j/"+stage+"/"+slug+".md"] = &fstest.MapFile{Data: []byte("---\n" + fm + "---\n")}
	}
	return fsys
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
