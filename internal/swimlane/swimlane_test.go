package swimlane

import (
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/textfit"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite testdata/*.svg")

var today = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// loadJourney resolves a txtar site and returns its first journey.
func loadJourney(t testing.TB, fsys fstest.MapFS) (*site.Site, *site.Journey) {
	t.Helper()
	c, diags := content.Load(fsys)
	s, more := site.Resolve(c, site.Base{Path: "/"})
	diags.Add(more...)
	if diags.HasErrors() {
		t.Fatalf("errors:\n%s", diags.Errors())
	}
	return s, s.Journeys[0]
}

func archiveFS(t testing.TB, file string) fstest.MapFS {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

// generated makes a journey of stages × touchpoints per stage, with every
// lane filled.
func generated(stages, perStage int, lang string) fstest.MapFS {
	words := map[string][]string{
		"en": strings.Fields("order confirmation email never arrives customer calls support again waiting"),
		"ru": strings.Fields("подтверждение заказа не приходит клиент звонит в поддержку снова ждёт"),
		"pl": strings.Fields("potwierdzenie zamówienia nie przychodzi klient dzwoni do wsparcia znowu czeka"),
	}[lang]
	text := func(i, n int) string {
		var out []string
		for k := 0; k < n; k++ {
			out = append(out, words[(i*7+k*3)%len(words)])
		}
		return strings.Join(out, " ")
	}
	fsys := fstest.MapFS{
		"content/_index.md":            {Data: []byte("---\ntitle: T\nlanguage: " + lang + "\n---\n")},
		"content/personas/p.md":        {Data: []byte("---\ntitle: P\n---\n")},
		"content/teams/crm.md":         {Data: []byte("---\ntitle: CRM\n---\n")},
		"content/journeys/j/_index.md": {Data: []byte("---\ntitle: " + text(1, 5) + "\npersonas: p\n---\n")},
	}
	for s := 0; s < stages; s++ {
		dir := fmt.Sprintf("content/journeys/j/%02d-s%d", s+1, s)
		fsys[dir+"/_index.md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: %s\nduration: %d days\ngoals: [%s]\nconversion: 0.%d\n---\n", text(s, 3), s+1, text(s, 6), 9-s%9))}
		for t := 0; t < perStage; t++ {
			i := s*perStage + t
			parent := ""
			if t%5 == 1 {
				parent = fmt.Sprintf("parent: t%d-%d\n", s, t-1)
			}
			fsys[fmt.Sprintf("%s/t%d-%d.md", dir, s, t)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
				"---\ntitle: %s\nchannel: %s\nemotion: %d\nimportance: %s\nengagement: %s\nowner: %s\n%sactions: [%s]\npains: [%s]\ngains: [%s]\nprocesses: [%s]\nkpis: [{name: %s, current: %d, target: %d, unit: \"%%\"}]\nopportunities: [{title: %s, owner: crm, due: 2026-0%d-15, status: planned}]\n---\n",
				text(i, 2+i%4), []string{"web", "app", "email", "phone", "kiosk"}[i%5], i%5-2, []string{"low", "medium", "high", "critical"}[i%4],
				[]string{"low", "medium", "high"}[i%3], []string{"crm", "none", "ops"}[i%3], parent,
				text(i, 5), text(i+1, 7), text(i+2, 4), text(i+3, 6), text(i, 2), i%100, (i+30)%100, text(i+4, 5), 1+i%9))}
		}
	}
	return fsys
}

func goldenCheck(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".svg")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file; run go test ./internal/swimlane -update and review the diff", path)
	}
}

// TestGolden draws journeys of several kinds and sizes and compares them
// with testdata/*.svg; each must also be well-formed and keep its text in
// its cells.
func TestGolden(t *testing.T) {
	cases := []struct {
		name string
		fsys fstest.MapFS
	}{
		{"small", archiveFS(t, "testdata/small.txtar")},
		{"russian", generated(4, 3, "ru")},
		{"polish", generated(4, 3, "pl")},
		{"twelve-stages", generated(12, 2, "en")},
		{"forty-per-stage", generated(2, 40, "en")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, j := loadJourney(t, tc.fsys)
			svg := SVG(j, Options{Lang: langOf(tc.fsys), FontURL: "../../fonts/", Today: today, Standalone: true})
			checkSVG(t, svg, j)
			goldenCheck(t, tc.name, svg)
		})
	}
}

func langOf(fsys fstest.MapFS) string {
	for _, l := range []string{"ru", "pl"} {
		if strings.Contains(string(fsys["content/_index.md"].Data), "language: "+l) {
			return l
		}
	}
	return "en"
}

type svgNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Text     string     `xml:",chardata"`
	Children []svgNode  `xml:",any"`
}

func (n svgNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n svgNode) float(name string) float64 {
	v, _ := strconv.ParseFloat(n.attr(name), 64)
	return v
}

// faceOf is the face a text of this class is drawn with.
func faceOf(class string) *textfit.Face {
	switch {
	case strings.Contains(class, "head"):
		return faceHead
	case strings.Contains(class, "title"):
		return faceTitle
	case strings.Contains(class, "label"), strings.Contains(class, "strong"):
		return faceLabel
	case strings.Contains(class, "meta"), strings.Contains(class, "warn"):
		return faceMeta
	}
	return faceText
}

// checkSVG parses the map and checks that every text of every cell lies
// inside the cell's rectangle, measured with the same font metrics, that
// every stage title and every touchpoint link is there.
func checkSVG(t *testing.T, svg []byte, j *site.Journey) {
	t.Helper()
	var root svgNode
	if err := xml.Unmarshal(svg, &root); err != nil {
		t.Fatalf("not well-formed: %v", err)
	}
	if root.attr("role") != "graphics-document" {
		t.Error(`the map lacks role="graphics-document"`)
	}
	cells := 0
	var walk func(n svgNode)
	walk = func(n svgNode) {
		if n.XMLName.Local == "g" && strings.Contains(n.attr("class"), "cell") && !strings.Contains(n.attr("class"), "emotion") {
			cells++
			var box *svgNode
			var texts []svgNode
			var collect func(m svgNode)
			collect = func(m svgNode) {
				switch m.XMLName.Local {
				case "rect":
					if box == nil {
						mm := m
						box = &mm
					}
				case "text":
					texts = append(texts, m)
				}
				for _, c := range m.Children {
					collect(c)
				}
			}
			for _, c := range n.Children {
				collect(c)
			}
			if box == nil {
				t.Errorf("a cell has no rectangle")
				return
			}
			x0, y0 := box.float("x"), box.float("y")
			x1, y1 := x0+box.float("width"), y0+box.float("height")
			for _, tx := range texts {
				f := faceOf(tx.attr("class"))
				x, y := tx.float("x"), tx.float("y")
				w := f.Width(tx.Text)
				if x < x0 || x+w > x1+0.5 || y-f.Size() < y0 || y > y1 {
					t.Errorf("text %q (%.1f..%.1f, baseline %.1f) leaves its cell (%.1f..%.1f, %.1f..%.1f)", tx.Text, x, x+w, y, x0, x1, y0, y1)
				}
			}
			return
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(root)
	if cells == 0 {
		t.Error("no cells found")
	}
	s := string(svg)
	for _, st := range j.Stages {
		if !strings.Contains(s, esc(st.Title)) && !strings.Contains(s, esc(strings.Fields(st.Title)[0])) {
			t.Errorf("stage title %q is missing", st.Title)
		}
	}
	for _, tp := range j.Touchpoints {
		if !strings.Contains(s, `href="`+esc(tp.URL)+`"`) {
			t.Errorf("no link to touchpoint %s", tp.URL)
		}
	}
}

// TestHostile draws titles holding markup, control characters, emoji,
// right-to-left and CJK text, and 80-letter words.
func TestHostile(t *testing.T) {
	hostile := []string{
		`<script>alert("x")</script> & 'quotes'`,
		"control \x01\x02\x08\x0b\x0c\x1f characters",
		"emoji 😀👩‍👩‍👧 and RTL שלום עולם مرحبا and CJK 顧客体験の地図",
		strings.Repeat("Длинноесловобезпробелов", 4),
		"https://example.com/a/very/long/url/that/never/ends/with/a/space/anywhere/at/all",
		"\ufeff\ufffe\uffff non-characters",
	}
	for _, h := range hostile {
		fsys := fstest.MapFS{
			"content/personas/p.md":                 {Data: []byte("---\ntitle: P\n---\n")},
			"content/journeys/j/_index.md":          {Data: []byte("---\ntitle: " + strconv.Quote(h) + "\npersonas: p\n---\n")},
			"content/journeys/j/01-s/_index.md":     {Data: []byte("---\ntitle: " + strconv.Quote(h) + "\ngoals: [" + strconv.Quote(h) + "]\n---\n")},
			"content/journeys/j/01-s/t.md":          {Data: []byte("---\ntitle: " + strconv.Quote(h) + "\nemotion: -1\nchannel: " + strconv.Quote(h[:min(len(h), 8)]) + "\npains: [" + strconv.Quote(h) + "]\n---\n")},
			"content/journeys/j/01-s/u.md":          {Data: []byte("---\ntitle: " + strconv.Quote(h+h) + "\nemotion: 2\n---\n")},
			"content/journeys/j/02-other/_index.md": {Data: []byte("---\ntitle: Other\n---\n")},
		}
		c, _ := content.Load(fsys)
		s, _ := site.Resolve(c, site.Base{Path: "/"})
		j := s.Journeys[0]
		svg := SVG(j, Options{Lang: "en", Standalone: true})
		if err := wellFormed(svg); err != nil {
			t.Fatalf("not well-formed for %q: %v", h, err)
		}
		if strings.Contains(string(svg), "<script") {
			t.Errorf("markup from %q came through", h)
		}
		checkSVG(t, svg, j)
	}
}

// FuzzWellFormed draws a journey titled with any string: the SVG must
// always parse.
func FuzzWellFormed(f *testing.F) {
	for _, s := range []string{"plain", "<&>\"'", "\x00\x01", "😀👩‍👩‍👧", "שלום", "\xff\xfe", strings.Repeat("я", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, title string) {
		j := &site.Journey{Journey: &content.Journey{Meta: content.Meta{Slug: "j", Title: title}}, URL: "journeys/j/"}
		st := &site.Stage{Stage: &content.Stage{Meta: content.Meta{Slug: "s", Title: title}, Goals: []string{title}}, URL: "journeys/j/s/", Journey: j}
		e := 1
		tp := &site.Touchpoint{Touchpoint: &content.Touchpoint{Meta: content.Meta{Slug: "t", Title: title}, Emotion: &e, Pains: content.Notes{{Text: title}, {Text: title, Source: "survey"}}}, URL: "journeys/j/s/t/", Journey: j, Stage: st}
		st.Touchpoints = []*site.Touchpoint{tp}
		j.Stages, j.Touchpoints, j.Lanes = []*site.Stage{st}, []*site.Touchpoint{tp}, []string{"stages", "touchpoints", "emotions", "pains"}
		if err := wellFormed(SVG(j, Options{Lang: "en"})); err != nil {
			t.Fatalf("map not well-formed for %q: %v", title, err)
		}
		if err := wellFormed(Sparkline(j, "en")); err != nil {
			t.Fatalf("sparkline not well-formed for %q: %v", title, err)
		}
	})
}

// wellFormed reads svg as XML to its end.
func wellFormed(svg []byte) error {
	dec := xml.NewDecoder(strings.NewReader(string(svg)))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// TestContrast checks every text colour against the backgrounds it is
// drawn on: WCAG AA, 4.5:1.
func TestContrast(t *testing.T) {
	texts := []string{colInk, colMuted, colLink, colWarn, colPainInk, colGainInk}
	backgrounds := []string{colPaper, colHead, colLabel, colLane, colPainBg, colGainBg}
	for _, fg := range texts {
		for _, bg := range backgrounds {
			r, err := Contrast(fg, bg)
			if err != nil {
				t.Fatal(err)
			}
			if r < 4.5 {
				t.Errorf("%s on %s: contrast %.2f, want at least 4.5", fg, bg, r)
			}
		}
	}
	for _, c := range emotionColours {
		if r, _ := Contrast(c, colLane); r < 3 { // graphics: 3:1
			t.Errorf("emotion colour %s on %s: contrast %.2f, want at least 3", c, colLane, r)
		}
	}
	if r, _ := Contrast("#000000", "#ffffff"); r < 20.9 || r > 21.1 {
		t.Errorf("black on white = %.2f, want 21", r)
	}
}

// BenchmarkMap lays out and writes the map of a 12-stage journey with 40
// touchpoints per stage.
func BenchmarkMap(b *testing.B) {
	_, j := loadJourney(b, generated(12, 40, "ru"))
	b.ResetTimer()
	for b.Loop() {
		SVG(j, Options{Lang: "ru", Today: today})
	}
}
