package search

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/gen"
	"github.com/cjm-portal/cjm/internal/site"
)

func TestNormalizeSearch(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Ёлка", "елка"},
		{"Łódź", "lodz"},
		{"Zażółć gęślą jaźń", "zazolc gesla jazn"},
		{"ZAŻÓŁĆ GĘŚLĄ JAŹŃ", "zazolc gesla jazn"},
		{"ÉTÉ", "ete"},
		{"Подтверждение перевода", "подтверждение перевода"},
		{"Ещё  раз:\tSMS-код!", "еще раз sms код"},
		{"  «Перевод выполнен»  ", "перевод выполнен"},
		{"Straße", "strasse"},
		{"check-in, 15 000 ₽", "check in 15 000"},
		{"", ""},
	} {
		if got := normalizeSearch(c.in); got != c.want {
			t.Errorf("normalizeSearch(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestBodyExcerpt(t *testing.T) {
	body := "## Why\n\nSee [the glossary](/glossary/ \"Glossary\") and ![a chart](images/c.png),\n" +
		"<span class=\"x\">raw</span> <https://example.com/hidden>, 2 < 3 > 1.\n" +
		"   [ref]: https://example.com/also-hidden\n\nЁлка — *ёлка*."
	if got, want := bodyExcerpt([]byte(body), 200), `## Why See [the glossary and ![a chart , raw , 2 < 3 > 1. Ёлка — *ёлка*.`; got != want {
		t.Errorf("bodyExcerpt =\n%q, want\n%q", got, want)
	}
	if got, want := bodyExcerpt([]byte("Перевод с карты на карту"), 12), "Перевод с"; got != want {
		t.Errorf("cut: %q, want %q", got, want)
	}
}

// TestSearchTextParts checks what an item is searched by, part by part:
// its fields' words, its headings' words, and its body as a person reads it.
func TestSearchTextParts(t *testing.T) {
	tests := []struct {
		name, title, body string
		fields            []any
		want              searchParts
	}{
		{"fields without the title's words", "Order status", "", []any{"Where is my order?", []string{"a late courier"}},
			searchParts{text: "where is my late courier"}},
		{"headings apart from the body", "T", "# Why it hurts\n\nThe **code** comes late.\n\n## Why it hurts ##\n    # not a heading\n#hashtag\n", nil,
			searchParts{heads: "why it hurts", body: "Why it hurts The code comes late. Why it hurts not a heading #hashtag"}},
		{"lists, quotes and links read as text", "T", "> quoted\n\n- one\n- [two](/two/) and `code`\n", nil,
			searchParts{body: "quoted one two and code"}},
		{"no body", "T", "", []any{"desc"}, searchParts{text: "desc"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := searchText(tt.title, []byte(tt.body), tt.fields...); got != tt.want {
				t.Errorf("searchText =\n%+v, want\n%+v", got, tt.want)
			}
		})
	}
}

func TestFitTexts(t *testing.T) {
	texts := []string{"aa bb", "cc dd ee ff gg", "hh ii jj kk ll mm nn"}
	if got := fitTexts(texts, 100); strings.Join(got, "|") != strings.Join(texts, "|") {
		t.Errorf("texts within the budget were cut: %q", got)
	}
	// 5 + 8 + 8 <= 21: the two long texts are cut to 8 bytes, between words.
	got := fitTexts(texts, 21)
	if want := "aa bb|cc dd ee|hh ii jj"; strings.Join(got, "|") != want {
		t.Errorf("fitTexts(21) = %q, want %q", got, want)
	}
	if got := fitTexts(texts, 0); strings.Join(got, "") != "" {
		t.Errorf("fitTexts(0) = %q", got)
	}
}

type searchFile struct {
	V     int
	Kinds []string
	Items [][]any
}

func loadSite(t testing.TB, fsys fstest.MapFS) *site.Site {
	t.Helper()
	c, diags := content.Load(fsys)
	s, more := site.Resolve(c, site.Base{Path: "/"})
	diags.Add(more...)
	if diags.HasErrors() {
		t.Fatal(diags.Errors())
	}
	return s
}

func TestSearchIndex(t *testing.T) {
	s := loadSite(t, fstest.MapFS{
		"content/_index.md":                         {Data: []byte("---\ntitle: Portal\nlanguage: ru\n---\n")},
		"content/personas/olga.md":                  {Data: []byte("---\ntitle: Ольга\nrole: Менеджер\n---\n")},
		"content/glossary.md":                       {Data: []byte("---\ntitle: Глоссарий\n---\nСловарь [терминов](https://example.com/secret-word) <b>портала</b>.\n")},
		"content/journeys/pay/_index.md":            {Data: []byte("---\ntitle: Перевод\npersonas: olga\n---\n")},
		"content/journeys/pay/01-конфирм/_index.md": {Data: []byte("---\ntitle: Подтверждение\n---\n")},
		"content/journeys/pay/01-конфирм/sms.md":    {Data: []byte("---\ntitle: SMS-код\nchannel: phone\npains:\n  - Код приходит через минуту, а ждать <всё> время\n---\n## Тело\n\nЁлка & Łódź.\n")},
	})
	data := Index(s, "ru", nil)
	var idx searchFile
	if err := json.Unmarshal(data, &idx); err != nil {
		t.Fatalf("search.json does not parse: %v\n%s", err, data)
	}
	if idx.V != 2 || len(idx.Kinds) != len(searchKinds) || idx.Kinds[2] != "Точки контакта" {
		t.Errorf("v = %d, kinds = %q", idx.V, idx.Kinds)
	}
	if strings.Contains(string(data), `\u003c`) {
		t.Errorf("search.json escapes HTML characters: %s", data)
	}
	byTitle := map[string][]any{}
	for _, it := range idx.Items {
		byTitle[it[1].(string)] = it
	}
	tp := byTitle["SMS-код"]
	if tp == nil {
		t.Fatalf("no touchpoint in %s", data)
	}
	if idx.Kinds[int(tp[0].(float64))] != "Точки контакта" {
		t.Errorf("SMS-код is of kind %v", tp[0])
	}
	text := tp[4].(string)
	for _, w := range []string{"приходит", "минуту", "ждать", "все", "время"} {
		if !strings.Contains(" "+text+" ", " "+w+" ") {
			t.Errorf("the touchpoint's text %q lacks %q", text, w)
		}
	}
	for _, w := range []string{"код", "sms", "а"} { // the title's words, a one-letter word
		if strings.Contains(" "+text+" ", " "+w+" ") {
			t.Errorf("the touchpoint's text %q holds %q", text, w)
		}
	}
	// The body's headings are searched apart, to rank above the body; the
	// body is kept as written, for the snippet, without its marks.
	if len(tp) != 7 || tp[5] != "тело" || tp[6] != "Тело Ёлка & Łódź." {
		t.Errorf("the touchpoint's heads and body: %q", tp[4:])
	}
	// The touchpoint points at its stage, the stage at its journey, and the
	// paths add up to the page's URL, escaped.
	stage := idx.Items[int(tp[3].(float64))]
	journey := idx.Items[int(stage[3].(float64))]
	if stage[1] != "Подтверждение" || journey[1] != "Перевод" || journey[3] != "" {
		t.Errorf("context: %v › %v", journey, stage)
	}
	if got, want := journey[2].(string)+stage[2].(string)+tp[2].(string), site.EscapePath(s.Touchpoints[0].URL); got != want {
		t.Errorf("path = %q, want %q", got, want)
	}
	if g := byTitle["Глоссарий"]; g == nil || len(g) != 7 || g[4] != "" || g[6] != "Словарь терминов портала." || g[2] != "glossary/" {
		t.Errorf("page: %v", g)
	}
	if c := byTitle["Телефон"]; c == nil || c[4] != "phone" || len(c) != 5 {
		t.Errorf("channel: %v", c)
	}
	if p := byTitle["Ольга"]; p == nil || p[4] != "менеджер" {
		t.Errorf("persona: %v", p)
	}
}

// TestSearchIndexSize checks the budget: a portal of 10,000
// touchpoints has an index under 2 MB.
func TestSearchIndexSize(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a portal of 10,000 touchpoints")
	}
	fsys := fstest.MapFS{}
	for name, data := range gen.Files(gen.Options{Touchpoints: 10000, Seed: 1}) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	s := loadSite(t, fsys)
	data := Index(s, "en", nil)
	t.Logf("search.json of %d touchpoints: %d bytes", len(s.Touchpoints), len(data))
	if len(data) >= 2_000_000 {
		t.Errorf("search.json of %d touchpoints is %d bytes, over 2,000,000", len(s.Touchpoints), len(data))
	}
	var idx searchFile
	if err := json.Unmarshal(data, &idx); err != nil {
		t.Fatal(err)
	}
	if want := len(s.Touchpoints) + len(s.Journeys); len(idx.Items) < want {
		t.Errorf("%d items, want at least %d", len(idx.Items), want)
	}
}

// TestAppendJSONString checks the hand-written string encoder against
// encoding/json on what titles may hold.
func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{
		"", "plain", `"quoted" \ back`, "tab\tnew\nline\rcr\bbs\fff", "\x00\x01\x1f\x7f",
		"<b>&amp;</b>", "Łódź · Оплата 😣", "line\u2028para\u2029end", "bad \xff\xfe utf-8 \xe2\x82",
	} {
		checkJSONString(t, s)
	}
}

func FuzzAppendJSONString(f *testing.F) {
	f.Add("Оплата \"заказа\"\n\u2028\xff")
	f.Fuzz(checkJSONString)
}

func checkJSONString(t *testing.T, s string) {
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	if got := appendJSONString(nil, s); string(got)+"\n" != want.String() {
		t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want.Bytes())
	}
}
