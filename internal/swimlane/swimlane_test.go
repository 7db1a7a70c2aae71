package swimlane

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/golden"
	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/textfit"
	"github.com/rogpeppe/go-internal/txtar"
)

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
	golden.CheckMarkup(t, filepath.Join("testdata", name+".svg"), got)
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
	case strings.Contains(class, "doc"):
		return faceDoc
	case strings.Contains(class, "head"):
		return faceHead
	case strings.Contains(class, "title"):
		return faceTitle
	case strings.Contains(class, "label"):
		return faceLabel
	case strings.Contains(class, "meta"), strings.Contains(class, "warn"), strings.Contains(class, "in-mark"):
		return faceMeta
	}
	return faceText
}

// box is where a drawn text lies, from its font's metrics: the line box
// of its face, from the baseline's position, and its anchor.
type box struct {
	text           string
	x0, x1, y0, y1 float64
}

func textBox(tx svgNode, dy float64) box {
	f := faceOf(tx.attr("class"))
	x, y := tx.float("x"), tx.float("y")+dy
	w := f.Width(tx.Text)
	switch class := tx.attr("class"); {
	case strings.Contains(class, "mid"):
		x -= w / 2
	case strings.Contains(class, "end"):
		x -= w
	}
	// The baseline sits 0.35 em under the middle of the line (see
	// writer.text); the box is the em square around that middle.
	mid := y - f.Size()*0.35
	return box{tx.Text, x, x + w, mid - f.Size()/2, mid + f.Size()/2}
}

func (a box) overlaps(b box) bool {
	return min(a.x1, b.x1)-max(a.x0, b.x0) > 0.5 && min(a.y1, b.y1)-max(a.y0, b.y0) > 0.5
}

// translateY reads the y of a group's translate(x y), 0 if it has none.
func translateY(n svgNode) float64 {
	var x, y float64
	if _, err := fmt.Sscanf(n.attr("transform"), "translate(%g %g)", &x, &y); err != nil {
		return 0
	}
	return y
}

// checkSVG parses the map and checks, with the same font metrics, that
// every text of every cell lies inside the cell's rectangle and inside the
// drawing, that no two texts overlap and none is cut with "…", and that
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
	width, height := root.float("width"), root.float("height")
	cells := 0
	var all []box
	var walk func(n svgNode, dy float64, cell *svgNode)
	walk = func(n svgNode, dy float64, cell *svgNode) {
		dy += translateY(n)
		if n.XMLName.Local == "g" && strings.Contains(n.attr("class"), "cell") && !strings.Contains(n.attr("class"), "emotion") {
			cells++
			cell = &n
		}
		if n.XMLName.Local == "text" {
			b := textBox(n, dy)
			all = append(all, b)
			if b.x0 < -0.5 || b.x1 > width+0.5 || b.y0 < -0.5 || b.y1 > height+0.5 {
				t.Errorf("text %q (%.1f..%.1f × %.1f..%.1f) leaves the drawing (%.0f × %.0f)", b.text, b.x0, b.x1, b.y0, b.y1, width, height)
			}
			if strings.HasSuffix(b.text, "…") {
				t.Errorf("text %q is cut", b.text)
			}
			if cell != nil {
				r := firstRect(*cell)
				if r == nil {
					t.Errorf("a cell has no rectangle")
				} else if x0, y0 := r.float("x"), r.float("y")+dy; b.x0 < x0-0.5 || b.x1 > x0+r.float("width")+0.5 || b.y0 < y0-0.5 || b.y1 > y0+r.float("height")+0.5 {
					t.Errorf("text %q (%.1f..%.1f × %.1f..%.1f) leaves its cell (%.1f..%.1f × %.1f..%.1f)", b.text, b.x0, b.x1, b.y0, b.y1, x0, x0+r.float("width"), y0, y0+r.float("height"))
				}
			}
		}
		for _, c := range n.Children {
			walk(c, dy, cell)
		}
	}
	walk(root, 0, nil)
	if cells == 0 {
		t.Error("no cells found")
	}
	overlaps := 0
	for i, a := range all {
		for _, b := range all[i+1:] {
			if a.overlaps(b) {
				if overlaps++; overlaps <= 5 {
					t.Errorf("text %q (%.1f..%.1f × %.1f..%.1f) overlaps %q (%.1f..%.1f × %.1f..%.1f)", a.text, a.x0, a.x1, a.y0, a.y1, b.text, b.x0, b.x1, b.y0, b.y1)
				}
			}
		}
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

// firstRect is a cell's rectangle: the first it draws.
func firstRect(n svgNode) *svgNode {
	for _, c := range n.Children {
		if c.XMLName.Local == "rect" {
			return &c
		}
		if r := firstRect(c); r != nil {
			return r
		}
	}
	return nil
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

// TestContrast checks every colour against the backgrounds it is drawn
// on, in the light scheme and in the dark one: text WCAG AA, 4.5:1; marks,
// lines and icons that carry meaning 3:1 (WCAG 1.4.11).
func TestContrast(t *testing.T) {
	for _, scheme := range []string{"light", "dark"} {
		pick := func(cs ...colour) []string {
			var out []string
			for _, c := range cs {
				if scheme == "light" {
					out = append(out, c.light)
				} else {
					out = append(out, c.dark)
				}
			}
			return out
		}
		check := func(what string, fgs, bgs []colour, least float64) {
			t.Helper()
			for i, fg := range pick(fgs...) {
				for k, bg := range pick(bgs...) {
					r, err := Contrast(fg, bg)
					if err != nil {
						t.Fatal(err)
					}
					if r < least {
						t.Errorf("%s, %s: %s %s on %s: contrast %.2f, want at least %g", scheme, what, fgs[i], fg, bgs[k], r, least)
					}
				}
			}
		}
		lanes := []colour{colPaper, colCard, colHead, colGoals, colLabel, colLane, colPainBg, colGainBg}
		check("text", []colour{colInk, colMuted, colLink, colWarn, colPainInk, colGainInk}, lanes, 4.5)
		check("a curve", []colour{colPersona0, colPersona1, colPersona2, colPersona3, colTarget}, []colour{colLane, colPaper}, 3)
		check("an emotion's face", emotionColours[:], []colour{colCard, colLane}, 3)
		check("a KPI's disc", []colour{colMet, colMissed, colUnmeasured}, []colour{colPaper, colLane}, 3)
		check("the mark on a disc", []colour{colOnMark}, []colour{colMet, colMissed, colUnmeasured, colWarn, colLink}, 3)
		check("an icon", []colour{colMuted, colLink, colWarn, colPainInk, colGainInk}, lanes, 3)
		check("a card's border", []colour{colCardLine}, []colour{colLane}, 3)
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

// BenchmarkTypicalMap lays out and writes a journey of the size most maps
// have, 7 stages of 3 touchpoints with every lane filled, where finding
// the stages' widths does the most work.
func BenchmarkTypicalMap(b *testing.B) {
	_, j := loadJourney(b, generated(7, 3, "en"))
	b.ResetTimer()
	for b.Loop() {
		SVG(j, Options{Lang: "en", Today: today})
	}
}
