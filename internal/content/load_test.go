package content

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cjm-portal/cjm/internal/diag"
)

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"see-ad-in-feed", "see-ad-in-feed"},
		{"See Ad In Feed", "see-ad-in-feed"},
		{"  Оплата  заказа ", "оплата-заказа"},
		{"Łódź", "łódź"},
		{"e\u0301te", "\u00e9te"}, // NFD é becomes NFC é
	}
	for _, tt := range tests {
		if got := Slugify(tt.in); got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCheckSlug(t *testing.T) {
	ok := []string{"pay", "order-2", "оплата", "łódź", "a.b"}
	bad := []string{"", ".", "..", "-", "../etc", "a/b", `a\b`, ".hidden", "a b", "a#b", "a?b", "a%2f", "a\x00b", "a\u0085b"}
	for _, s := range ok {
		if err := CheckSlug(s); err != nil {
			t.Errorf("CheckSlug(%q) = %v, want nil", s, err)
		}
	}
	for _, s := range bad {
		if CheckSlug(s) == nil {
			t.Errorf("CheckSlug(%q) = nil, want an error", s)
		}
	}
}

func TestSplitNumber(t *testing.T) {
	tests := []struct {
		in       string
		n        int
		numbered bool
		rest     string
	}{
		{"01-awareness", 1, true, "awareness"},
		{"10-pay", 10, true, "pay"},
		{"awareness", 0, false, "awareness"},
		{"2024", 0, false, "2024"},
		{"3d-secure", 0, false, "3d-secure"},
	}
	for _, tt := range tests {
		n, numbered, rest := SplitNumber(tt.in)
		if n != tt.n || numbered != tt.numbered || rest != tt.rest {
			t.Errorf("SplitNumber(%q) = %d, %v, %q; want %d, %v, %q", tt.in, n, numbered, rest, tt.n, tt.numbered, tt.rest)
		}
	}
}

// TestOrder checks weight, then the leading number, then the title.
func TestOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":                       {Data: []byte("---\ntitle: T\n---\n")},
		"content/personas/o.md":                   {Data: []byte("---\ntitle: O\n---\n")},
		"content/journeys/j/_index.md":            {Data: []byte("---\ntitle: J\npersonas: o\n---\n")},
		"content/journeys/j/02-b/_index.md":       {Data: []byte("---\ntitle: B\n---\n")},
		"content/journeys/j/10-a/_index.md":       {Data: []byte("---\ntitle: A\n---\n")},
		"content/journeys/j/c/_index.md":          {Data: []byte("---\ntitle: C\n---\n")},
		"content/journeys/j/first/_index.md":      {Data: []byte("---\ntitle: Z first\nweight: -1\n---\n")},
		"content/journeys/j/02-b/zebra.md":        {Data: []byte("---\ntitle: Zebra\n---\n")},
		"content/journeys/j/02-b/apple.md":        {Data: []byte("---\ntitle: apple\n---\n")},
		"content/journeys/j/02-b/banana.md":       {Data: []byte("---\ntitle: Banana\n---\n")},
		"content/journeys/j/02-b/heavy.md":        {Data: []byte("---\ntitle: Heavy\nweight: 5\n---\n")},
		"content/journeys/j/02-b/03-numbered.md":  {Data: []byte("---\ntitle: Numbered\n---\n")},
		"content/journeys/j/02-b/01-numbered2.md": {Data: []byte("---\ntitle: Numbered 2\n---\n")},
	}
	c, diags := Load(fsys)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var stages, tps []string
	for _, s := range c.Journeys[0].Stages {
		stages = append(stages, s.Slug)
	}
	for _, tp := range c.Journeys[0].Stages[1].Touchpoints {
		tps = append(tps, tp.Slug)
	}
	if got, want := strings.Join(stages, " "), "first b a c"; got != want {
		t.Errorf("stages = %s, want %s", got, want)
	}
	if got, want := strings.Join(tps, " "), "numbered2 numbered apple banana zebra heavy"; got != want {
		t.Errorf("touchpoints = %s, want %s", got, want)
	}
}

// TestListsAndText checks that one string is a list of one, and that text
// is normalised to NFC.
func TestListsAndText(t *testing.T) {
	fsys := fstest.MapFS{
		"content/personas/o.md": {Data: []byte("---\ntitle: \"Caf\u0065\u0301\"\ngoals: Fill the fridge\npains:\n  - one\n  -\n  - two\n---\n")},
	}
	c, diags := Load(fsys)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	p := c.Personas[0]
	if p.Title != "Caf\u00e9" {
		t.Errorf("title = %q, want NFC", p.Title)
	}
	if len(p.Goals) != 1 || p.Goals[0] != "Fill the fridge" {
		t.Errorf("goals = %q", p.Goals)
	}
	if strings.Join(p.Pains, " ") != "one two" {
		t.Errorf("pains = %q", p.Pains)
	}
	if c.Settings.Language != "en" || c.Settings.Theme != "default" {
		t.Errorf("defaults: language %q, theme %q", c.Settings.Language, c.Settings.Theme)
	}
}

// TestNotes checks a touchpoint's lists: plain lines, lines with their own
// source, a single map, and the mistakes an author makes with them.
func TestNotes(t *testing.T) {
	const head = "---\ntitle: P\n"
	tests := []struct {
		name  string
		yaml  string
		want  Notes
		diags string // every message, joined by "\n"; "" for none
	}{
		{"plain lines", "pains: [a, b]\n", Notes{{Text: "a"}, {Text: "b"}}, ""},
		{"one plain string", "pains: a\n", Notes{{Text: "a"}}, ""},
		{"with a source", "pains:\n  - a\n  - {text: b, source: survey}\n", Notes{{Text: "a"}, {Text: "b", Source: "survey"}}, ""},
		{"one map", "pains: {text: b, source: analytics}\n", Notes{{Text: "b", Source: "analytics"}}, ""},
		{"empty items skipped", "pains:\n  -\n  - ''\n  - a\n", Notes{{Text: "a"}}, ""},
		{"bad source", "pains:\n  - {text: b, source: hunch}\n", Notes{{Text: "b"}},
			`p.md:4: pains[1].source: "hunch" is not allowed; use one of: interview, survey, analytics, assumption`},
		{"no text", "pains:\n  - a\n  - {source: survey}\n", Notes{{Text: "a"}},
			"p.md:5: pains: item 2 has no text; write the sentence in `text`, e.g. `- {text: Waits for the courier, source: interview}`"},
		{"misspelt key", "pains:\n  - {txt: b}\n", nil,
			"p.md:4: pains: item 1 has no text; write the sentence in `text`, e.g. `- {text: Waits for the courier, source: interview}`\n" +
				"p.md:4: warning: pains[1].txt: unknown key; did you mean `text`?"},
		{"a map without text is not a note", "pains: {one: a}\n", nil,
			"p.md:3: pains: expected a list, found a map; write a list, one `- item` a line, or a single text"},
		{"nested list", "pains:\n  - [a, b]\n", nil,
			"p.md:4: pains: item 1 is a list, not text; write each item as one line of text, or as `{text: ..., source: ...}`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"content/personas/o.md":          {Data: []byte("---\ntitle: O\n---\n")},
				"content/journeys/j/_index.md":   {Data: []byte("---\ntitle: J\npersonas: o\n---\n")},
				"content/journeys/j/s/_index.md": {Data: []byte("---\ntitle: S\n---\n")},
				"content/journeys/j/s/p.md":      {Data: []byte(head + tt.yaml + "---\n")},
			}
			c, diags := Load(fsys)
			var got []string
			for _, d := range diags.Sort() {
				got = append(got, strings.TrimPrefix(d.String(), "content/journeys/j/s/"))
			}
			if g := strings.Join(got, "\n"); g != tt.diags {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", g, tt.diags)
			}
			if g := c.Journeys[0].Stages[0].Touchpoints[0].Pains; !reflect.DeepEqual(g, tt.want) {
				t.Errorf("pains = %#v, want %#v", g, tt.want)
			}
		})
	}
}

// TestSourceLine checks the line kept for each key path: nested keys,
// list items, a parent for a path never read, and Start for the rest.
func TestSourceLine(t *testing.T) {
	src := "---\ntitle: Pay\nowner: ops\npains:\n  - slow\n  - {text: dear, source: survey}\nkpis:\n  - name: CSI\n    target: 4\n  - name: NPS\n    target: 40\n    current: 31\nemotion:\n---\nbody\n"
	fsys := fstest.MapFS{
		"content/personas/p.md":               {Data: []byte("---\ntitle: P\n---\n")},
		"content/journeys/j/_index.md":        {Data: []byte("---\ntitle: J\npersonas: [p]\n---\n")},
		"content/journeys/j/01-buy/_index.md": {Data: []byte("---\ntitle: Buy\n---\n")},
		"content/journeys/j/01-buy/pay.md":    {Data: []byte(src)},
	}
	c, diags := Load(fsys)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	tp := c.Journeys[0].Stages[0].Touchpoints[0]
	tests := []struct {
		path string
		line int
		has  bool
	}{
		{"title", 2, true},
		{"owner", 3, true},
		{"pains.0", 5, true},
		{"pains.1", 6, true},
		{"pains.1.source", 6, true},
		{"kpis.1", 10, true},
		{"kpis.1.current", 12, true},
		{"kpis.1.unit", 10, false}, // never written: its item's line
		{"emotion", 13, true},      // written empty: present, read as absent
		{"channel", 1, false},      // never written: the opening delimiter
		{"pains.7", 4, false},
	}
	for _, tt := range tests {
		if got := tp.Line(tt.path); got != tt.line {
			t.Errorf("Line(%q) = %d, want %d", tt.path, got, tt.line)
		}
		if got := tp.Has(tt.path); got != tt.has {
			t.Errorf("Has(%q) = %v, want %v", tt.path, got, tt.has)
		}
	}
}

// TestEmotion reads both forms of `emotion` in each front-matter format: a
// plain integer, and one per persona, in the order written.
func TestEmotion(t *testing.T) {
	one := func(v int) *int { return &v }
	const yaml = "---\ntitle: P\n"
	tests := []struct {
		name      string
		src       string // the whole file
		emotion   *int
		emotions  []PersonaEmotion
		noEmotion bool
		lines     map[string]int // key path → line
		diags     string         // every message, joined by "\n"; "" for none
	}{
		{name: "plain", src: yaml + "emotion: -1\n---\n", emotion: one(-1)},
		{name: "plain with a sign", src: yaml + "emotion: +2\n---\n", emotion: one(2)},
		{name: "no key", src: yaml + "---\n", noEmotion: true},
		{name: "empty key, as new files have it", src: yaml + "emotion:\n---\n"},
		{name: "per persona, flow", src: yaml + "emotion: {Irina: 1, tomas: -2}\n---\n",
			emotions: []PersonaEmotion{{"irina", 1}, {"tomas", -2}}, lines: map[string]int{"emotion.irina": 3, "emotion.tomas": 3}},
		{name: "per persona, block, in the order written", src: yaml + "emotion:\n  tomas: -2\n  irina: +1\n---\n",
			emotions: []PersonaEmotion{{"tomas", -2}, {"irina", 1}}, lines: map[string]int{"emotion": 3, "emotion.tomas": 4, "emotion.irina": 5}},
		{name: "a persona left empty says nothing", src: yaml + "emotion: {irina: , tomas: 0}\n---\n",
			emotions: []PersonaEmotion{{"tomas", 0}}},
		{name: "a map with no entries is no emotion", src: yaml + "emotion: {}\n---\n", noEmotion: true},
		{name: "out of range, at its persona's line", src: yaml + "emotion:\n  irina: 1\n  tomas: 3\n---\n",
			emotions: []PersonaEmotion{{"irina", 1}},
			diags:    "p.md:5: emotion.tomas: 3 is out of range; use an integer from -2 to 2"},
		{name: "not whole", src: yaml + "emotion: {irina: 1.5}\n---\n",
			diags: "p.md:3: emotion.irina: 1.5 is not a whole number; use an integer from -2 to 2"},
		{name: "not a number", src: yaml + "emotion: {irina: happy}\n---\n",
			diags: `p.md:3: emotion.irina: "happy" is not a number; use an integer from -2 to 2`},
		{name: "a list for a value", src: yaml + "emotion:\n  irina: [1]\n---\n",
			diags: "p.md:4: emotion.irina: expected a whole number, found a list; use an integer from -2 to 2"},
		{name: "a list", src: yaml + "emotion: [1, 2]\n---\n",
			diags: "p.md:3: emotion: expected a whole number or one per persona, found a list; use an integer from -2 to 2, or one per persona: `emotion: {persona-slug: 1, other-persona: -2}`"},
		{name: "a persona twice", src: yaml + "emotion: {Irina: 1, irina: 2}\n---\n",
			emotions: []PersonaEmotion{{"irina", 1}},
			diags:    "p.md:3: emotion.irina: given twice; give each persona one value"},
		{name: "not a slug", src: yaml + "emotion: {\"a/b\": 1}\n---\n",
			diags: `p.md:3: emotion: persona "a/b" holds '/', which cannot stand in a URL path segment; name a persona by its slug, e.g. ` + "`emotion: {olga-busy-parent: 1}`"},
		{name: "TOML, plain", src: "+++\ntitle = \"P\"\nemotion = -2\n+++\n", emotion: one(-2)},
		{name: "TOML, an inline table in the order written", src: "+++\ntitle = \"P\"\nemotion = { tomas = -2, irina = 1, anna = 0 }\n+++\n",
			emotions: []PersonaEmotion{{"tomas", -2}, {"irina", 1}, {"anna", 0}}, lines: map[string]int{"emotion.irina": 3}},
		{name: "TOML, a table", src: "+++\ntitle = \"P\"\n\n[emotion]\nirina = 1\ntomas = 3\n+++\n",
			emotions: []PersonaEmotion{{"irina", 1}},
			diags:    "p.md:6: emotion.tomas: 3 is out of range; use an integer from -2 to 2"},
		{name: "JSON", src: "{\n  \"title\": \"P\",\n  \"emotion\": {\n    \"tomas\": -2,\n    \"irina\": 1\n  }\n}\n\n",
			emotions: []PersonaEmotion{{"tomas", -2}, {"irina", 1}}, lines: map[string]int{"emotion.tomas": 4, "emotion.irina": 5}},
		{name: "JSON, out of range", src: "{\n  \"title\": \"P\",\n  \"emotion\": {\"tomas\": -2, \"irina\": -3}\n}\n\n",
			emotions: []PersonaEmotion{{"tomas", -2}},
			diags:    "p.md:3: emotion.irina: -3 is out of range; use an integer from -2 to 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, diags := Load(fstest.MapFS{
				"content/personas/o.md":          {Data: []byte("---\ntitle: O\n---\n")},
				"content/journeys/j/_index.md":   {Data: []byte("---\ntitle: J\npersonas: o\n---\n")},
				"content/journeys/j/s/_index.md": {Data: []byte("---\ntitle: S\n---\n")},
				"content/journeys/j/s/p.md":      {Data: []byte(tt.src)},
			})
			var got []string
			for _, d := range diags.Sort() {
				got = append(got, strings.TrimPrefix(d.String(), "content/journeys/j/s/"))
			}
			if g := strings.Join(got, "\n"); g != tt.diags {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", g, tt.diags)
			}
			tp := c.Journeys[0].Stages[0].Touchpoints[0]
			if !reflect.DeepEqual(tp.Emotion, tt.emotion) {
				t.Errorf("Emotion = %v, want %v", tp.Emotion, tt.emotion)
			}
			if !reflect.DeepEqual(tp.Emotions, tt.emotions) {
				t.Errorf("Emotions = %v, want %v", tp.Emotions, tt.emotions)
			}
			if got := tp.NoEmotion(); got != tt.noEmotion {
				t.Errorf("NoEmotion() = %v, want %v", got, tt.noEmotion)
			}
			for path, line := range tt.lines {
				if got := tp.Line(path); got != line {
					t.Errorf("Line(%q) = %d, want %d", path, got, line)
				}
			}
		})
	}
}

// TestNameNotUTF8 checks that a file or folder whose name is not UTF-8 is
// an error naming it with the bad bytes escaped, unless it is one the walk
// leaves out, and that a trusted cache told of one walks to find it.
func TestNameNotUTF8(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":                    {Data: []byte("---\ntitle: T\n---\n")},
		"content/caf\xe9.md":                   {Data: []byte("---\ntitle: Latin-1\n---\n")},
		"content/guides/\xff\xfe/setup.md":     {Data: []byte("---\ntitle: Setup\n---\n")},
		"content/guides/ok\xc3.md":             {Data: []byte("---\ntitle: Cut short\n---\n")},
		"content/_draft\xe9.md":                {Data: []byte("not read")},
		"content/.caf\xe9.md":                  {Data: []byte("not read")},
		"content/notes\xe9.txt":                {Data: []byte("not read")},
		"content/journeys/j/_index.md":         {Data: []byte("---\ntitle: J\npersonas: o\n---\n")},
		"content/journeys/j/01-\xe9/_index.md": {Data: []byte("---\ntitle: S\n---\n")},
	}
	want := `content/caf\xe9.md: the file name is not UTF-8: byte 0xe9 cannot start or continue a character; rename it, in UTF-8
content/guides/\xff\xfe: the folder name is not UTF-8: byte 0xff cannot start or continue a character; rename it, in UTF-8
content/guides/ok\xc3.md: the file name is not UTF-8: byte 0xc3 cannot start or continue a character; rename it, in UTF-8
content/journeys/j/01-\xe9: the folder name is not UTF-8: byte 0xe9 cannot start or continue a character; rename it, in UTF-8
`
	notUTF8 := func(diags diag.List) string {
		var out diag.List
		for _, d := range diags.Sort() {
			if strings.Contains(d.Message, "UTF-8") {
				out = append(out, d)
			}
		}
		return out.String()
	}
	_, diags := Load(fsys)
	if got := notUTF8(diags); got != want {
		t.Errorf("got:\n%swant:\n%s", got, want)
	}

	cache := NewCache()
	cache.Trust(true)
	delete(fsys, "content/caf\xe9.md")
	if _, diags := LoadCached(fsys, cache); strings.Contains(diags.String(), "caf") {
		t.Errorf("after the file went: %s", diags)
	}
	fsys["content/caf\xe9.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Back\n---\n")}
	cache.Forget("content/caf\xe9.md")
	if _, diags := LoadCached(fsys, cache); notUTF8(diags) != want {
		t.Errorf("a trusted cache told of the file:\n%s", notUTF8(diags))
	}
}

// TestCutAtHash: YAML reads `Slack #crm` as the text "Slack" and a
// comment; a `#` with no space after it is more likely the text's own, and
// is warned about with the whole text quoted. A comment written as one
// (`# ...`), a `#` inside a word, a quoted text and TOML say nothing.
func TestCutAtHash(t *testing.T) {
	tests := []struct {
		name, file, data, want string
	}{
		{"team contact", "content/teams/crm.md", "---\ntitle: CRM\ncontact: crm@acme.example, Slack #crm-comms\n---\n",
			"content/teams/crm.md:3: warning: contact: the text stops before \"#crm-comms\", which YAML reads as a comment; put the whole text in quotes to keep it: `contact: \"crm@acme.example, Slack #crm-comms\"`\n"},
		{"list item", "content/personas/o.md", "---\ntitle: O\nneeds:\n  - Ask in #help\n---\n",
			"content/personas/o.md:4: warning: needs[1]: the text stops before \"#help\", which YAML reads as a comment; put the whole text in quotes to keep it: `- \"Ask in #help\"`\n"},
		{"inside a word", "content/personas/o.md", "---\ntitle: O\ngoals: [Order#1 on time]\n---\n", ""},
		{"a real comment", "content/teams/crm.md", "---\ntitle: CRM\nlead: Anna # until March\n---\n", ""},
		{"quoted", "content/teams/crm.md", "---\ntitle: CRM\ncontact: \"Slack #crm\"\n---\n", ""},
		{"TOML", "content/teams/crm.md", "+++\ntitle = \"CRM\"\ncontact = \"Slack\" #crm\n+++\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := Load(fstest.MapFS{tc.file: {Data: []byte(tc.data)}})
			if got := diags.Sort().String(); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}
