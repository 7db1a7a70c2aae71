package author

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/site"
)

func TestSlugOf(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Pay by card", "pay-by-card"},
		{"Оплата: картой!", "оплата-картой"},
		{"  Łódź — lotnisko ", "łódź-lotnisko"},
		{"3-D Secure", "3-d-secure"},
		{"e\u0301te", "\u00e9te"}, // NFD becomes NFC
		{"???", "item"},
		{"../../etc/passwd", "etc-passwd"},
		{"a#b%c&d", "a-b-c-d"},
		{strings.Repeat("word ", 30), strings.TrimSuffix(strings.Repeat("word-", 16), "-")},
	}
	for _, tt := range tests {
		got := SlugOf(tt.in)
		if got != tt.want {
			t.Errorf("SlugOf(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if err := content.CheckSlug(got); err != nil {
			t.Errorf("SlugOf(%q) = %q, which is not a safe slug: %v", tt.in, got, err)
		}
	}
}

func TestTitleOf(t *testing.T) {
	tests := []struct{ in, want string }{
		{"03-pay-by-card.md", "Pay by card"},
		{"olga_busy_parent", "Olga busy parent"},
		{"оплата-картой.md", "Оплата картой"},
		{"2024", "2024"},
	}
	for _, tt := range tests {
		if got := titleOf(tt.in); got != tt.want {
			t.Errorf("titleOf(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCleanPath(t *testing.T) {
	ok := map[string]string{
		"journeys/order":             "journeys/order",
		"content/journeys/order/":    "journeys/order",
		"./content/personas/olga.md": "personas/olga.md",
		"olga":                       "olga",
	}
	for in, want := range ok {
		if got, err := cleanPath(in); err != nil || got != want {
			t.Errorf("cleanPath(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "/etc/passwd", "..", "../x", "content/../../x", "content", "."} {
		if got, err := cleanPath(in); err == nil {
			t.Errorf("cleanPath(%q) = %q, want an error", in, got)
		}
	}
}

// TestYAMLScalar checks that what the archetypes write reads back as the
// same text, whatever YAML would make of it unquoted.
func TestYAMLScalar(t *testing.T) {
	for _, s := range []string{"Pay by card", "no", "2024", "a: b", "# hash", "- dash", "[x]", `quote "q"`, "Łódź", "ok, then", strings.Repeat("long words ", 20), "line\nbreak", "{x}"} {
		fm := "---\ntitle: " + yamlScalar(s) + "\nchannels: " + yamlList([]string{s, "web"}) + "\n---\n"
		c, diags := content.Load(fstest.MapFS{"content/personas/p.md": {Data: []byte(fm)}})
		if diags.HasErrors() {
			t.Errorf("%q: %s\n%s", s, diags, fm)
			continue
		}
		p := c.Personas[0]
		want := strings.Join(strings.Fields(s), " ")
		if got := strings.Join(strings.Fields(p.Title), " "); got != want {
			t.Errorf("%q reads back as %q", s, p.Title)
		}
		if len(p.Channels) != 2 || strings.Join(strings.Fields(p.Channels[0]), " ") != want {
			t.Errorf("%q in a list reads back as %q", s, p.Channels)
		}
	}
}

func TestDelimiter(t *testing.T) {
	tests := []struct {
		in   string
		want rune
	}{
		{"stage,title,emotion\n", ','},
		{"stage;title;emotion\na,b;c,d\n", ';'},
		{"stage\ttitle\n", '\t'},
		{"\"a;b\",title,x\n", ','},
		{"title\n", ','},
	}
	for _, tt := range tests {
		if got := delimiter([]byte(tt.in)); got != tt.want {
			t.Errorf("delimiter(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReadCSV(t *testing.T) {
	// Rows keep their order through weights, since titles would sort them.
	d, diags := ReadCSV("t.csv", []byte("Touchpoint,Stage,emotion,nps,related,actions\n"+
		"Pay,Buy,+1,-20,other/x,\"Opens; pays\"\n"+
		"Pay,,0,,,\n"+ // the same title again, in the same stage
		"Wait,Get,-2,,,\n"+
		",,,,,\n"+ // an empty row
		"Back,Buy,,,,\n"))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var got []string
	for _, st := range d.Stages {
		for _, tp := range st.Touchpoints {
			got = append(got, st.Title+"/"+tp.Slug+keys(tp.Keys))
		}
	}
	want := []string{
		"Buy/pay title=Pay weight=10 emotion=1 actions=[Opens pays] related=[other/x] metrics=map[nps:-20]",
		"Buy/pay-2 title=Pay weight=20 emotion=0",
		"Buy/back title=Back weight=30",
		"Get/wait title=Wait weight=10 emotion=-2",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("draft:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func keys(ks []Key) string {
	var b strings.Builder
	for _, k := range ks {
		b.WriteString(" " + k.Name + "=")
		switch v := k.Value.(type) {
		case []string:
			b.WriteString("[" + strings.Join(v, " ") + "]")
		default:
			b.WriteString(fmt.Sprint(v))
		}
	}
	return b.String()
}

// TestWriteDraftAllOrNothing checks that a draft that fails part way
// leaves no file behind.
func TestWriteDraftAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	s := &Site{Dir: dir, Theme: os.DirFS("../../themes/default"), Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}
	tp := DraftTouchpoint{Slug: "pay", Keys: []Key{{"title", "Pay"}}}
	// Two touchpoints with one slug in one stage: the second cannot be written.
	d := &Draft{Slug: "order", Title: "Order", Personas: []DraftPersona{{Slug: "olga", Title: "Olga"}},
		Stages: []DraftStage{{Title: "Buy", Touchpoints: []DraftTouchpoint{tp, tp}}}}
	if _, err := s.WriteDraft(d); err == nil || !strings.Contains(err.Error(), "pay.md exists") {
		t.Fatalf("err = %v, want one saying pay.md exists", err)
	}
	var left []string
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if p != dir {
			left = append(left, p)
		}
		return nil
	})
	if len(left) > 0 {
		t.Errorf("a failed draft left %s", left)
	}
}

// TestReadCSVEmotions reads emotions in both forms and both columns; the
// personas a sheet names per persona become the draft's.
func TestReadCSVEmotions(t *testing.T) {
	d, diags := ReadCSV("t.csv", []byte("stage,title,emotion,emotions\n"+
		"Deal,Sign,irina: +1; Tomas: -2,\n"+
		"Deal,Pay,\"irina: 1\nanna: 0\",\n"+
		"Deal,Wait,,tomas: 2\n"+
		"Deal,Call,-1,\n"))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var got []string
	for _, tp := range d.Stages[0].Touchpoints {
		got = append(got, tp.Slug+keys(tp.Keys))
	}
	want := []string{
		"sign title=Sign weight=10 emotion=[{irina 1} {tomas -2}]",
		"pay title=Pay weight=20 emotion=[{irina 1} {anna 0}]",
		"wait title=Wait weight=30 emotion=[{tomas 2}]",
		"call title=Call weight=40 emotion=-1",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("draft:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if want := []DraftPersona{{Slug: "irina"}, {Slug: "tomas"}, {Slug: "anna"}}; !reflect.DeepEqual(d.Personas, want) {
		t.Errorf("personas %v, want %v", d.Personas, want)
	}

	for _, bad := range []string{"3", "irina: 3", "irina", "irina: 1; irina: 2", "a/b: 1", ": 1", "irina: one"} {
		_, diags := ReadCSV("t.csv", []byte("stage,title,emotion\nDeal,Sign,\""+bad+"\"\n"))
		if !diags.HasErrors() {
			t.Errorf("emotion %q: no error", bad)
		}
	}
}

// TestMermaidRoundTrip exports a journey whose personas feel differently to
// Mermaid, imports the diagram as a new journey, and checks that every
// persona feels as before at every touchpoint.
func TestMermaidRoundTrip(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"content/personas/irina.md":           "---\ntitle: Irina, small business owner\n---\n",
		"content/personas/tomas.md":           "---\ntitle: Tomas\n---\n",
		"content/personas/anna.md":            "---\ntitle: Anna\n---\n",
		"content/journeys/b2b/_index.md":      "---\ntitle: B2B\npersonas: [irina, tomas, anna]\n---\n",
		"content/journeys/b2b/01-a/_index.md": "---\ntitle: Find\n---\n",
		"content/journeys/b2b/01-a/ad.md":     "---\ntitle: Ad\nweight: 1\nemotion: 1\n---\n",
		"content/journeys/b2b/01-a/call.md":   "---\ntitle: Call\nweight: 2\nemotion: {anna: -1, irina: 2, tomas: -1}\n---\n",
		"content/journeys/b2b/01-a/call2.md":  "---\ntitle: Call\nweight: 3\nemotion: 0\n---\n",
		"content/journeys/b2b/02-b/_index.md": "---\ntitle: Sign\n---\n",
		"content/journeys/b2b/02-b/sign.md":   "---\ntitle: Sign the contract\nweight: 1\nemotion: {tomas: -2, irina: 1}\n---\n",
		"content/journeys/b2b/02-b/wait.md":   "---\ntitle: Wait\nweight: 2\nparent: sign\n---\n",
		"content/journeys/b2b/02-b/same.md":   "---\ntitle: Same\nweight: 3\nemotion: {irina: 2, tomas: 2, anna: 2}\n---\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	feelings := func(slug string) []string {
		t.Helper()
		c, diags := content.Load(os.DirFS(dir))
		s, more := site.Resolve(c, site.Base{Path: "/"})
		diags.Add(more...)
		if diags.HasErrors() {
			t.Fatal(diags.Errors())
		}
		var out []string
		for _, j := range s.Journeys {
			if j.Slug != slug {
				continue
			}
			for _, tp := range j.Touchpoints {
				line := tp.Stage.Title + "/" + tp.Title + ":"
				if tp.Parent != nil {
					line = tp.Stage.Title + "/" + tp.Title + " under " + tp.Parent.Slug + ":"
				}
				for _, f := range tp.Feelings {
					line += fmt.Sprintf(" %s %d", f.Persona.Slug, f.Value)
				}
				out = append(out, line)
			}
			return out
		}
		t.Fatalf("no journey %s", slug)
		return nil
	}
	// Mermaid has no task without a score: no emotion is written as 3,
	// with a `%% cjm:` comment saying there is none, which comes back as no
	// emotion; the parent comes back from the same comment.
	want := feelings("b2b")
	if !slices.Contains(want, "Sign/Wait under sign:") {
		t.Fatalf("the journey is not as the test means it: %q", want)
	}
	c, _ := content.Load(os.DirFS(dir))
	s, _ := site.Resolve(c, site.Base{Path: "/"})
	var diagram []byte
	for _, j := range s.Journeys {
		diagram = Mermaid(j)
	}
	if !strings.Contains(string(diagram), "    %% cjm: {\"slug\":\"sign\"}\n    Sign the contract: 4: Irina#44; small business owner\n    Sign the contract: 1: Tomas\n") ||
		!strings.Contains(string(diagram), "    %% cjm: {\"parent\":\"sign\",\"noEmotion\":true}\n    Wait: 3: ") {
		t.Errorf("Sign the contract is not one task per value:\n%s", diagram)
	}
	d, diags := ReadMermaid("b2b.mmd", diagram)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	d.Slug = "again"
	a := &Site{Dir: dir, Theme: os.DirFS("../../themes/default"), Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}
	written, err := a.WriteDraft(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range written {
		if strings.HasPrefix(f, "content/personas/") {
			t.Errorf("wrote %s: the personas are found by title", f)
		}
	}
	if got := feelings("again"); !reflect.DeepEqual(got, want) {
		t.Errorf("after the round trip:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Again: the same diagram.
	c, _ = content.Load(os.DirFS(dir))
	s, _ = site.Resolve(c, site.Base{Path: "/"})
	for _, j := range s.Journeys {
		if j.Slug == "again" && string(Mermaid(j)) != string(diagram) {
			t.Errorf("exported again:\n%s\nwant:\n%s", Mermaid(j), diagram)
		}
	}
}

// TestNewFollowsNoLink: archetypes and the folders a new file goes into are
// read and written without following a symbolic link, at any level.
func TestNewFollowsNoLink(t *testing.T) {
	for _, c := range []struct {
		name, link, kind, path, want string
	}{
		{"archetypes folder", "archetypes", "persona", "olga", "archetypes: is a symbolic link to OUTSIDE, outside the site; cjm does not follow links"},
		{"archetype file", "archetypes/persona.md", "persona", "olga", "archetypes/persona.md: is a symbolic link to OUTSIDE/persona.md, outside the site"},
		{"content's folder", "content/personas", "persona", "olga", "content/personas: is a symbolic link to OUTSIDE, outside the site"},
		{"journey folder", "content/journeys/order", "stage", "journeys/order/pay", "content/journeys/order: is a symbolic link to OUTSIDE, outside the site"},
	} {
		t.Run(c.name, func(t *testing.T) {
			top := t.TempDir()
			dir, outside := filepath.Join(top, "site"), filepath.Join(top, "outside")
			for name, data := range map[string]string{
				"site/content/_index.md": "---\ntitle: Portal\n---\n",
				"site/archetypes/.keep":  "",
				"outside/persona.md":     "---\ntitle: LEAKED\n---\n",
				"outside/_index.md":      "---\ntitle: LEAKED\npersonas: [x]\n---\n",
			} {
				p := filepath.Join(top, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			link := filepath.Join(dir, filepath.FromSlash(c.link))
			os.RemoveAll(link)
			os.MkdirAll(filepath.Dir(link), 0o755)
			target := outside
			if strings.HasSuffix(c.link, ".md") {
				target = filepath.Join(outside, "persona.md")
			}
			if err := os.Symlink(target, link); err != nil {
				t.Skip("no symbolic links here:", err)
			}
			s := &Site{Dir: dir, Theme: os.DirFS("../../themes/default"), Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}
			files, err := s.New(c.kind, c.path, NewOptions{})
			want := strings.ReplaceAll(c.want, "OUTSIDE", outside)
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("New(%s, %s) = %v, %v; want the error %q", c.kind, c.path, files, err, want)
			}
			if entries, _ := os.ReadDir(outside); len(entries) != 2 {
				t.Errorf("wrote into the folder outside: %v", entries)
			}
		})
	}
}

// TestNewPlaces checks where New puts each kind, and what it says of a
// kind or a place it does not take.
func TestNewPlaces(t *testing.T) {
	if want := []string{"persona", "team", "channel", "kpi", "competitor", "journey", "stage", "touchpoint"}; !slices.Equal(Kinds, want) {
		t.Errorf("Kinds = %q, want %q", Kinds, want)
	}
	for _, c := range []struct {
		kind, path string
		want       string // the first file written, or the error's text
	}{
		{"persona", "olga", "content/personas/olga.md"},
		{"team", "teams/crm.md", "content/teams/crm.md"},
		{"channel", "content/channels/sms", "content/channels/sms.md"},
		{"kpi", "time", "content/kpis/time.md"},
		{"competitor", "acme", "content/competitors/acme.md"},
		{"journey", "order", "content/journeys/order/_index.md"},
		{"stage", "journeys/shop/pay", "content/journeys/shop/02-pay/_index.md"},
		{"touchpoint", "journeys/shop/01-buy/card", "content/journeys/shop/01-buy/card.md"},
		{"kpi", "kpis/old/time", "a kpi goes directly in content/kpis/, e.g. content/kpis/time.md"},
		{"persona", "teams/olga", "a persona goes directly in content/personas/, e.g. content/personas/olga.md"},
		{"journey", "journeys/a/b", "a journey is a folder directly in content/journeys/, e.g. content/journeys/b"},
		{"touchpoint", "journeys/shop/card", "a touchpoint is a file in a stage folder"},
		{"page", "guide", `cannot make a "page": the kinds are persona, team, channel, kpi, competitor, journey, stage, touchpoint`},
		{"site", "x", `cannot make a "site"`},
	} {
		t.Run(c.kind+" "+c.path, func(t *testing.T) {
			s := testSite(writeSite(t, map[string]string{
				"content/_index.md":                      "---\ntitle: Portal\n---\n",
				"content/personas/p.md":                  "---\ntitle: P\n---\n",
				"content/journeys/shop/_index.md":        "---\ntitle: Shop\npersonas: [p]\n---\n",
				"content/journeys/shop/01-buy/_index.md": "---\ntitle: Buy\n---\n",
			}))
			files, err := s.New(c.kind, c.path, NewOptions{})
			switch {
			case strings.HasPrefix(c.want, "content/"):
				if err != nil || len(files) == 0 || filepath.ToSlash(files[0]) != c.want {
					t.Errorf("New(%s, %s) = %q, %v; want %s first", c.kind, c.path, files, err, c.want)
				}
			case err == nil || !strings.Contains(err.Error(), c.want):
				t.Errorf("New(%s, %s) = %q, %v; want the error %q", c.kind, c.path, files, err, c.want)
			}
		})
	}
}
