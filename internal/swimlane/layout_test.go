package swimlane

import (
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/site"
)

// cellTexts reads the drawn map back: the text of every cell, its lines
// joined, in drawing order.
func cellTexts(t *testing.T, svg []byte) []string {
	t.Helper()
	var root svgNode
	if err := xml.Unmarshal(svg, &root); err != nil {
		t.Fatal(err)
	}
	var out []string
	var texts func(n svgNode, b *strings.Builder)
	texts = func(n svgNode, b *strings.Builder) {
		if n.XMLName.Local == "text" {
			b.WriteString(n.Text)
		}
		for _, c := range n.Children {
			texts(c, b)
		}
	}
	var walk func(n svgNode)
	walk = func(n svgNode) {
		if n.XMLName.Local == "g" && strings.Contains(n.attr("class"), "cell") {
			var b strings.Builder
			texts(n, &b)
			out = append(out, b.String())
			return
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(root)
	return out
}

// squeeze drops whitespace, which wrapping moves, and unescapes nothing:
// the drawn text is compared as the reader sees it.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// TestEveryWordDrawn draws journeys with long lists, long titles,
// 80-letter words and URLs, and finds every title and every list item whole
// in one cell of the map: nothing is cut or left out.
func TestEveryWordDrawn(t *testing.T) {
	long := strings.Repeat("Długiesłowobezspacji", 4)
	url := "https://example.com/a/very/long/url/that/never/ends/with/a/space/anywhere/at/all"
	var actions []string
	for i := range 14 {
		actions = append(actions, "Step "+strings.Repeat("again and ", i%4)+"done "+string(rune('A'+i)))
	}
	actions = append(actions, long, url)
	quoted := func(ss []string) string {
		var q []string
		for _, s := range ss {
			q = append(q, `"`+s+`"`)
		}
		return "[" + strings.Join(q, ", ") + "]"
	}
	title := strings.Repeat("Confirmation never arrives, ", 4)[:100]
	fsys := fstest.MapFS{
		"content/personas/p.md":             {Data: []byte("---\ntitle: P\n---\n")},
		"content/journeys/j/_index.md":      {Data: []byte("---\ntitle: J\npersonas: p\n---\n")},
		"content/journeys/j/01-s/_index.md": {Data: []byte("---\ntitle: \"" + title + "\"\ngoals: " + quoted(actions[:5]) + "\n---\n")},
		"content/journeys/j/01-s/t.md": {Data: []byte("---\ntitle: \"" + title + "\"\nemotion: -1\nchannel: kiosk\nimportance: high\nactions: " + quoted(actions) +
			"\npains: " + quoted(actions[3:]) + "\nkpis: [{name: \"" + long + "\", current: 4, target: 1, better: lower}]\nopportunities: [{title: \"" + url + "\", status: planned}]\n---\n")},
		"content/journeys/j/01-s/u.md": {Data: []byte("---\ntitle: \"" + long + "\"\nparent: t\nemotion: 1\n---\n")},
	}
	_, j := loadJourney(t, fsys)
	svg := SVG(j, Options{Lang: "en", Standalone: true})
	checkSVG(t, svg, j)
	cells := cellTexts(t, svg)
	want := append([]string{title, long, url, long + "4→1"}, actions...)
	for _, w := range want {
		found := false
		for _, c := range cells {
			if strings.Contains(squeeze(c), squeeze(w)) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%q is not drawn whole in any cell", w)
		}
	}
}

// TestPersonaCurves draws a journey whose two personas feel differently:
// one curve each, told apart by class, dash and mark, a gap where one has
// no value, each named in the lane's key and the legend; where they feel
// alike everywhere, one curve of faces.
func TestPersonaCurves(t *testing.T) {
	fsys := fstest.MapFS{
		"content/personas/anna.md":          {Data: []byte("---\ntitle: Anna, buyer\n---\n")},
		"content/personas/boris.md":         {Data: []byte("---\ntitle: Boris, office manager\n---\n")},
		"content/journeys/j/_index.md":      {Data: []byte("---\ntitle: J\npersonas: [anna, boris]\n---\n")},
		"content/journeys/j/01-s/_index.md": {Data: []byte("---\ntitle: S\n---\n")},
		"content/journeys/j/01-s/a.md":      {Data: []byte("---\ntitle: A\nemotion: 1\n---\n")},
		"content/journeys/j/01-s/b.md":      {Data: []byte("---\ntitle: B\nemotion: 0\n---\n")},
		"content/journeys/j/01-s/c.md":      {Data: []byte("---\ntitle: C\nemotion: 2\n---\n")},
	}
	s, j := loadJourney(t, fsys)
	anna, boris := s.Personas[0], s.Personas[1]
	alike := string(SVG(j, Options{Lang: "en"}))
	if n := strings.Count(alike, "<polyline"); n != 1 {
		t.Errorf("personas who feel alike: %d curves, want 1", n)
	}
	if strings.Contains(alike, "Boris") {
		t.Error("personas who feel alike are named in a key")
	}
	// Boris dreads B and says nothing of C.
	b, c := j.Touchpoints[1], j.Touchpoints[2]
	b.Feelings = []site.Feeling{{Persona: anna, Value: 0}, {Persona: boris, Value: -2}}
	c.Feelings = []site.Feeling{{Persona: anna, Value: 2}}
	b.Emotion, c.Emotion = nil, nil
	svg := SVG(j, Options{Lang: "en", Standalone: true})
	checkSVG(t, svg, j)
	got := string(svg)
	if n := strings.Count(got, "<polyline"); n != 2 {
		t.Errorf("%d curves, want one per persona", n)
	}
	for _, want := range []string{
		`class="curve curve-p0"/>`,                                     // Anna's, solid
		`class="curve curve-p1" stroke-dasharray="7 4"/>`,              // Boris's, dashed
		`<title>B · Boris, office manager: Emotion −2 (very negative)`, // a point says whose it is
		">Anna<", ">Boris<", // the lane's key
		">Anna, buyer<", ">Boris, office manager<", // the legend
	} {
		if !strings.Contains(got, want) {
			t.Errorf("map lacks %s", want)
		}
	}
	// Boris's curve: A (+1) to B (−2), then a gap at C: two points, one
	// line; his mark also on the two cards, in the key and in the legend.
	if n := strings.Count(got, `class="mark curve-p1"`); n != 2+2+2 {
		t.Errorf("Boris has %d marks, want 6", n)
	}
}

// TestStandaloneSaysWhat checks that map.svg says what it shows: the
// journey, its state, personas, date and scenario above the map, and a
// legend of the signs it uses, and only those.
func TestStandaloneSaysWhat(t *testing.T) {
	_, j := loadJourney(t, archiveFS(t, "testdata/small.txtar"))
	svg := string(SVG(j, Options{Lang: "ru", Standalone: true, Today: today}))
	for _, want := range []string{
		`class="doc">Order groceries</text>`,
		"Карта «как есть» · Персоны: Olga · Обновлено 1 октября 2026",
		`class="label">Условные</text>`,
		">Важность:<", ">−2 очень негативно<", ">Каналы:<", ">KPI:<", ">не достигнут<", ">Предупреждения:<",
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("standalone map lacks %s", want)
		}
	}
	if strings.Contains(svg, ">Доказательность:<") {
		t.Error("the legend explains assumptions on a map that has none")
	}
	inPage := string(SVG(j, Options{Lang: "ru", Today: today}))
	if strings.Contains(inPage, `class="doc"`) {
		t.Error("a map inside its journey's page repeats the page's title")
	}
}

// TestExampleGroceryMap keeps the example portal's grocery map compact:
// its area is at most two thirds of what it was when every stage was as
// wide as its touchpoints and every lane as tall as its fullest cell
// (2,494 × 2,277 px), with nothing cut. A golden file keeps the drawing.
func TestExampleGroceryMap(t *testing.T) {
	c, diags := content.Load(os.DirFS("../.."))
	s, more := site.Resolve(c, site.Base{Path: "/"})
	if diags.Add(more...); diags.HasErrors() {
		t.Fatalf("the example has errors:\n%s", diags.Errors())
	}
	var j *site.Journey
	for _, sj := range s.Journeys {
		if sj.Slug == "order-groceries" {
			j = sj
		}
	}
	if j == nil {
		t.Fatal("the example has no journey order-groceries")
	}
	svg := SVG(j, Options{Lang: "en", Today: today, Standalone: true, FontURL: "../../fonts/"})
	checkSVG(t, svg, j)
	var root svgNode
	if err := xml.Unmarshal(svg, &root); err != nil {
		t.Fatal(err)
	}
	w, h := root.float("width"), root.float("height")
	const before = 2494 * 2277
	t.Logf("the grocery map is %.0f × %.0f px, %.0f %% of %d × %d", w, h, 100*w*h/before, 2494, 2277)
	if w*h > before*2/3 {
		t.Errorf("the grocery map is %.0f × %.0f = %.0f px², more than two thirds of %d", w, h, w*h, before)
	}
	goldenCheck(t, "example-grocery", svg)
}

// TestPanes cuts a map into its four panes and finds in them every text
// of the whole map, each inside its pane's viewBox, the stages' and
// touchpoints' deep-link targets, and the map's title only in the body.
func TestPanes(t *testing.T) {
	_, j := loadJourney(t, archiveFS(t, "testdata/small.txtar"))
	m := Measure(j, Options{Lang: "en", Today: today})
	whole := m.SVG(Options{Lang: "en", Today: today})
	p := m.Panes(Options{Lang: "en", Today: today, ID: "swimlane"})
	texts := func(svg []byte) []string {
		var root svgNode
		if err := xml.Unmarshal(svg, &root); err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, svg)
		}
		var out []string
		var walk func(n svgNode)
		walk = func(n svgNode) {
			if n.XMLName.Local == "text" {
				out = append(out, n.Text)
			}
			for _, c := range n.Children {
				walk(c)
			}
		}
		walk(root)
		slices.Sort(out)
		return out
	}
	var all []string
	for name, pane := range map[string][]byte{"body": p.Body, "left": p.Left, "top": p.Top, "corner": p.Corner} {
		all = append(all, texts(pane)...)
		var root svgNode
		xml.Unmarshal(pane, &root)
		var x, y, w, h float64
		fmt.Sscanf(root.attr("viewBox"), "%g %g %g %g", &x, &y, &w, &h)
		var walk func(n svgNode)
		walk = func(n svgNode) {
			if n.XMLName.Local == "text" {
				if b := textBox(n, 0); b.x0 < x-0.5 || b.x1 > x+w+0.5 || b.y0 < y-0.5 || b.y1 > y+h+0.5 {
					t.Errorf("%s pane: %q (%.1f..%.1f × %.1f..%.1f) leaves its viewBox %s", name, b.text, b.x0, b.x1, b.y0, b.y1, root.attr("viewBox"))
				}
			}
			for _, c := range n.Children {
				walk(c)
			}
		}
		walk(root)
	}
	slices.Sort(all)
	if want := texts(whole); !slices.Equal(all, want) {
		t.Errorf("the panes draw %d texts, the whole map %d:\npanes %q\nwhole %q", len(all), len(want), all, want)
	}
	if p.LabelW != labelW || p.HeadH <= 0 || p.Width <= p.LabelW || p.Height <= p.HeadH {
		t.Errorf("panes' sizes: %+v", p)
	}
	for _, want := range []string{`id="stage-buy"`, `id="stage-confirm"`} {
		if !strings.Contains(string(p.Top), want) {
			t.Errorf("the top pane lacks %s", want)
		}
	}
	for _, tp := range j.Touchpoints {
		if !strings.Contains(string(p.Body), `id="tp-`+tp.Slug+`"`) {
			t.Errorf("the body lacks the deep link to %s", tp.Slug)
		}
	}
	if !strings.Contains(string(p.Body), `<title id="swimlane-title">`) || strings.Contains(string(p.Top)+string(p.Left), "<title") {
		t.Error("the map's title belongs to the body pane alone")
	}
}

// TestPrintPages cuts maps into sheets: every sheet fits, the sheets cover
// the map once, whole stages and lanes where they fit, and a stage wider
// than a sheet is cut between its cards.
func TestPrintPages(t *testing.T) {
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
	}{
		{"small", archiveFS(t, "testdata/small.txtar")},
		{"twelve stages", generated(12, 2, "en")},
		{"forty a stage", generated(2, 40, "en")},
		{"a stage without touchpoints", fstest.MapFS{
			"content/personas/p.md":             {Data: []byte("---\ntitle: P\n---\n")},
			"content/journeys/j/_index.md":      {Data: []byte("---\ntitle: J\npersonas: p\n---\n")},
			"content/journeys/j/01-s/_index.md": {Data: []byte("---\ntitle: Empty so far\n---\n")},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, j := loadJourney(t, tc.fsys)
			m := Measure(j, Options{Lang: "en", Today: today})
			l := m.l
			const w, h = 1200.0, 800.0
			pages := m.PrintPages(w, h)
			area := 0.0
			for _, p := range pages {
				if p.W > w-labelW+0.01 || p.H > h-l.rows[0].h+0.01 || p.W <= 0 || p.H <= 0 {
					t.Errorf("sheet %+v does not fit %g × %g beside the lane names and under the headers", p, w, h)
				}
				area += p.W * p.H
			}
			if want := (l.width - labelW) * (l.height - l.rows[0].h); math.Abs(area-want) > 1 {
				t.Errorf("the sheets cover %.0f px², the map %.0f", area, want)
			}
			edges := map[float64]bool{l.width: true}
			for _, c := range l.cols {
				edges[c.x] = true
				for _, s := range c.slots {
					edges[c.x+s.x-gap/2] = true
				}
			}
			for _, p := range pages {
				if !edges[p.X+p.W] {
					t.Errorf("sheet %+v ends at %.1f, between no stages or cards", p, p.X+p.W)
				}
			}
		})
	}
}

// TestPrintSheetsLegend checks that the printed sheets fit their size and
// that each stage group ends with the whole legend, not a stretch of it:
// every text of the map's own legend is on every sheet that shows one.
func TestPrintSheetsLegend(t *testing.T) {
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
	}{
		{"small", archiveFS(t, "testdata/small.txtar")},
		{"twelve stages", generated(12, 2, "en")},
		{"forty a stage", generated(2, 40, "en")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, j := loadJourney(t, tc.fsys)
			m := Measure(j, Options{Lang: "en", Today: today})
			const w, h = 1200.0, 800.0
			svg := string(m.SVG(Options{Lang: "en", Today: today}))
			legend := svg[strings.Index(svg, `<g class="legend cell">`):]
			legend = legend[:strings.Index(legend, "</g>")]
			texts := regexp.MustCompile(`>([^<]+)</text>`).FindAllStringSubmatch(legend, -1)
			if len(texts) < 5 {
				t.Fatalf("the map's legend has %d texts", len(texts))
			}
			groups := map[float64]bool{}
			for _, p := range m.PrintPages(w, h) {
				groups[p.X] = true
			}
			viewBox := regexp.MustCompile(`viewBox="0 0 ([\d.]+) ([\d.]+)"`)
			withLegend := 0
			for i, sheet := range m.PrintSheets(Options{Lang: "en", Today: today}, w, h, 1) {
				s := string(sheet)
				vb := viewBox.FindStringSubmatch(s)
				sw, _ := strconv.ParseFloat(vb[1], 64)
				sh, _ := strconv.ParseFloat(vb[2], 64)
				if sw > w+0.01 || sh > h+0.01 {
					t.Errorf("sheet %d is %g × %g, over %g × %g", i+1, sw, sh, w, h)
				}
				if !strings.Contains(s, `class="legend cell"`) {
					continue
				}
				withLegend++
				for _, text := range texts {
					if !strings.Contains(s, ">"+text[1]+"</text>") {
						t.Errorf("sheet %d shows the legend without %q", i+1, text[1])
					}
				}
			}
			if withLegend != len(groups) {
				t.Errorf("%d sheets show the legend, want one for each of the %d stage groups", withLegend, len(groups))
			}
		})
	}
}
