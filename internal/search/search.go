// Package search makes the portal's search index, search.json, from a
// resolved site: what each item says, normalised, cut to fit a budget, and
// written by an encoder of its own (the index is one large line of JSON).
package search

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/cjm-portal/cjm/internal/content"

	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/swimlane"
	"github.com/cjm-portal/cjm/internal/words"
)

// The search index, search.json, is what themes/default/static/js/search.js
// searches in the browser, with no server. It is one line of JSON:
//
//	{"v":2,"kinds":["Journeys","Stages",...],"items":[[kind,"title","path",ctx,"text","heads","body"],...]}
//
// In an item:
//   - kind is an index into kinds, the kinds' names in the interface
//     language; items come kind by kind, in the order of kinds.
//   - title is the item's title as written, for display.
//   - ctx says where the item is. A number is the index of its parent item
//     (a stage's journey, a touchpoint's stage): the page shows the parents'
//     titles, "Journey › Stage", and path is relative to the parent's path.
//     Otherwise ctx is a string, shown as it is ("" for none), and path is
//     relative to the site's root.
//   - path is URL-escaped; the page prefixes it with the base URL.
//   - text is the item's other searchable words, normalised (see
//     normalizeSearch): description and key lists, each word once,
//     leaving out the title's words (the page normalises titles itself)
//     and one-letter words.
//   - heads are the words of the body's headings, normalised the same way.
//   - body is the start of the body as plain text, as written: the page
//     normalises it to search it, and shows a snippet of it around the
//     first word found. On a big portal texts and bodies are cut short
//     (see fitTexts).
//
// heads and body are left out when empty, body last. An item matches when
// every word of the query starts a word of its title, text, heads or body;
// title matches rank first, then headings, then the rest.
const searchVersion = 2

// searchBudget is the most bytes search.json may take: the issue asks for
// under 2 MB at 10,000 touchpoints. Titles and paths are kept whole; the
// texts share what is left (see fitTexts). searchBodyRunes caps the part of
// a body an item's text is taken from.
const (
	searchBudget    = 1_900_000
	searchBodyRunes = 200
)

// mapValues lists a map's values in the order of their keys.
func mapValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, m[k])
	}
	return out
}

// searchKinds are the kinds of items, in the index's order. The page shows
// the kind with the best result first, and kinds whose results are as good
// in this order.
var searchKinds = []string{"journeys", "stages", "touchpoints", "personas", "teams", "channels", "kpis", "competitors", "pages"}

// searchedLists are the touchpoint lists the search indexes, in the
// order of their places in the search text (content.NoteList's Search).
var searchedLists = content.SearchedLists()

// searchedNotes are t's description and the notes of searchedLists: what
// the search reads of a touchpoint besides its title and body.
func searchedNotes(t *content.Touchpoint) []any {
	out := make([]any, 0, 1+len(searchedLists))
	out = append(out, t.Description)
	for _, l := range searchedLists {
		out = append(out, l.Of(t))
	}
	return out
}

// Index returns search.json for site s with the interface in lang.
// memo, which may be nil, keeps items' texts between builds.
func Index(s *site.Site, lang string, memo *Memo) []byte {
	text := func(hash uint64, title string, body []byte, fields ...any) searchParts {
		if memo == nil || hash == 0 {
			return searchText(title, body, fields...)
		}
		if t, ok := memo.text(hash); ok {
			return t
		}
		t := searchText(title, body, fields...)
		memo.keepText(hash, t)
		return t
	}
	kind := map[string]int{}
	kinds := make([]string, len(searchKinds))
	for i, k := range searchKinds {
		kind[k] = i
		kinds[i] = words.Word(lang, k)
		if sec := s.Sections[k]; sec != nil && sec.Title != "" {
			kinds[i] = sec.Title
		}
	}
	var items []searchItem
	var paths []string // of the items, unescaped
	// add adds an item; parent is the index of its parent item, or -1.
	add := func(k, title, url string, parent int, text searchParts) {
		paths = append(paths, url)
		if parent >= 0 && strings.HasPrefix(url, paths[parent]) { // always so in a resolved site
			url = url[len(paths[parent]):]
		} else {
			parent = -1
		}
		items = append(items, searchItem{kind[k], title, site.EscapePath(url), parent, text})
	}

	journeys := map[*site.Journey]int{}
	for _, j := range s.Journeys {
		journeys[j] = len(items)
		add("journeys", j.Title, j.URL, -1, text(j.Hash, j.Title, j.Body, j.Description, j.Scenario, j.Product, j.Tags))
	}
	stages := map[*site.Stage]int{}
	for _, j := range s.Journeys {
		for _, st := range j.Stages {
			stages[st] = len(items)
			add("stages", st.Title, st.URL, journeys[j], text(st.Hash, st.Title, st.Body, st.Description, st.Goals, st.Expectations))
		}
	}
	for _, j := range s.Journeys {
		for _, st := range j.Stages {
			for _, t := range st.Touchpoints {
				add("touchpoints", t.Title, t.URL, stages[st], text(t.Hash, t.Title, t.Body, searchedNotes(t.Touchpoint)...))
			}
		}
	}
	for _, p := range s.Personas {
		add("personas", p.Title, p.URL, -1, text(p.Hash, p.Title, p.Body, p.Description, p.Role, p.Segment, p.Quote, p.Goals, p.Needs, p.Pains))
	}
	for _, t := range s.Teams {
		var body []byte
		if !t.Generated {
			body = t.Body
		}
		add("teams", t.Title, t.URL, -1, searchText(t.Title, body, t.Description, t.Lead, t.Contact))
	}
	for _, c := range s.Channels {
		title := swimlane.ChannelName(lang, c)
		var body []byte
		desc := ""
		if c.File != nil {
			body, desc = c.File.Body, c.File.Description
		}
		names := make([]string, 0, len(c.Titles))
		for _, l := range content.Languages {
			if t := c.Titles[l]; t != "" {
				names = append(names, t)
			}
		}
		add("channels", title, c.URL, -1, searchText(title, body, c.Title, c.Slug, names, desc))
	}
	for _, d := range s.KPIs {
		title := d.TitleIn(lang)
		add("kpis", title, d.URL, -1, searchText(title, d.Body, d.Title, d.Description, d.Definition, d.Formula, d.DataSource, mapValues(d.Titles)))
	}
	for _, c := range s.Competitors {
		var body []byte
		if !c.Generated {
			body = c.Body
		}
		add("competitors", c.Title, c.URL, -1, searchText(c.Title, body, c.Description, c.Website))
	}
	for _, p := range s.Pages {
		add("pages", p.Title, p.URL, -1, text(p.Hash, p.Title, p.Body, p.Description))
	}

	// Texts and bodies share what titles and paths leave of the budget. A
	// text is letters, digits and spaces, so it takes as many bytes in
	// JSON as it has; a body may take a few more for its escapes, so the
	// cut is made again, tighter, until the whole fits.
	texts := make([]string, 2*len(items))
	for i := range items {
		texts[2*i], texts[2*i+1] = items[i].text.text, items[i].text.body
		items[i].text.text, items[i].text.body = "", ""
	}
	out := encodeSearch(kinds, items)
	fixed := len(out)
	for budget := searchBudget - fixed; budget > 0; {
		cut := fitTexts(texts, budget)
		for i := range items {
			items[i].text.text, items[i].text.body = cut[2*i], cut[2*i+1]
		}
		out = encodeSearch(kinds, items)
		if len(out) <= searchBudget {
			break
		}
		budget -= len(out) - searchBudget
	}
	return out
}

// searchItem is one item of search.json; parent is -1 for none.
type searchItem struct {
	kind        int
	title, path string
	parent      int
	text        searchParts
}

// searchParts are what an item is searched by besides its title: the
// normalised words of its fields and of its body's headings, and the start
// of its body as written.
type searchParts struct{ text, heads, body string }

// encodeSearch writes search.json by hand: encoding/json spent most of a
// rebuild's search index on reflecting over the items.
func encodeSearch(kinds []string, items []searchItem) []byte {
	n := 64
	for _, k := range kinds {
		n += len(k) + 3
	}
	for _, it := range items {
		n += len(it.title) + len(it.path) + len(it.text.text) + len(it.text.heads) + len(it.text.body) + 32
	}
	b := make([]byte, 0, n)
	b = append(b, `{"v":`...)
	b = strconv.AppendInt(b, searchVersion, 10)
	b = append(b, `,"kinds":[`...)
	for i, k := range kinds {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
	}
	b = append(b, `],"items":[`...)
	for i, it := range items {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(it.kind), 10)
		b = append(b, ',')
		b = appendJSONString(b, it.title)
		b = append(b, ',')
		b = appendJSONString(b, it.path)
		b = append(b, ',')
		if it.parent >= 0 {
			b = strconv.AppendInt(b, int64(it.parent), 10)
		} else {
			b = append(b, `""`...)
		}
		b = append(b, ',')
		b = appendJSONString(b, it.text.text)
		if it.text.heads != "" || it.text.body != "" {
			b = append(b, ',')
			b = appendJSONString(b, it.text.heads)
		}
		if it.text.body != "" {
			b = append(b, ',')
			b = appendJSONString(b, it.text.body)
		}
		b = append(b, ']')
	}
	return append(b, "]}\n"...)
}

// appendJSONString appends s as a JSON string, byte for byte as
// encoding/json writes it with HTML escaping off: invalid UTF-8 becomes
// U+FFFD, and U+2028 and U+2029 are escaped for JavaScript.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			switch r {
			case utf8.RuneError:
				b = append(b, `\ufffd`...)
			case '\u2028':
				b = append(b, `\u2028`...)
			default:
				b = append(b, `\u2029`...)
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// fitTexts cuts texts, between words, so that together they take at most
// budget bytes: every text longer than some length is cut to that length,
// the longest that fits, and shorter texts stay whole.
func fitTexts(texts []string, budget int) []string {
	total, longest := 0, 0
	for _, t := range texts {
		total += len(t)
		longest = max(longest, len(t))
	}
	if total <= budget {
		return texts
	}
	sum := func(c int) int {
		n := 0
		for _, t := range texts {
			n += min(len(t), c)
		}
		return n
	}
	lo, hi := 0, longest // sum(lo) <= budget < sum(hi)
	for hi-lo > 1 {
		if mid := (lo + hi) / 2; sum(mid) <= budget {
			lo = mid
		} else {
			hi = mid
		}
	}
	out := make([]string, len(texts))
	for i, t := range texts {
		if len(t) > lo {
			t = t[:strings.LastIndexByte(t[:lo+1], ' ')+1] // a space ends a whole word
			t = strings.TrimSuffix(t, " ")
		}
		out[i] = t
	}
	return out
}

// searchText is what an item with the given title is searched by: the
// words of fields (strings or string lists) and of its Markdown body's
// headings, each once, normalised, leaving out the title's words and
// one-letter words; and the start of the body as plain text.
func searchText(title string, body []byte, fields ...any) searchParts {
	seen := map[string]bool{}
	for _, w := range strings.Fields(normalizeSearch(title)) {
		seen[w] = true
	}
	var b strings.Builder
	addText := func(s string) {
		for _, w := range strings.Fields(normalizeSearch(s)) {
			if seen[w] || utf8.RuneCountInString(w) == 1 {
				continue
			}
			seen[w] = true
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
	}
	for _, f := range fields {
		switch v := f.(type) {
		case string:
			addText(v)
		case []string:
			for _, s := range v {
				addText(s)
			}
		case content.Notes:
			for _, n := range v {
				addText(n.Text)
			}
		default:
			panic(fmt.Sprintf("searchText: cannot index %T", f))
		}
	}
	var out searchParts
	out.text = b.String()
	b.Reset()
	for _, h := range bodyHeadings(body) {
		addText(h)
	}
	out.heads = b.String()
	if len(body) > 0 {
		out.body = plainExcerpt(bodyExcerpt(body, searchBodyRunes))
	}
	return out
}

// bodyHeadings are the texts of a Markdown body's ATX headings ("## Why").
func bodyHeadings(body []byte) []string {
	var out []string
	for len(body) > 0 {
		line := body
		if k := bytes.IndexByte(body, '\n'); k >= 0 {
			line, body = body[:k], body[k+1:]
		} else {
			body = nil
		}
		t := bytes.TrimLeft(line, " ")
		if len(line)-len(t) > 3 || len(t) == 0 || t[0] != '#' {
			continue
		}
		h := bytes.TrimLeft(t, "#")
		if n := len(t) - len(h); n <= 6 && (len(h) == 0 || h[0] == ' ' || h[0] == '\t') {
			out = append(out, strings.TrimSpace(strings.TrimRight(string(h), "# ")))
		}
	}
	return out
}

// excerptMarks are the Markdown marks plainExcerpt takes out of a word:
// one replacer for every word of every page, not one a word.
var excerptMarks = strings.NewReplacer("![", "", "[", "", "]", "", "**", "", "__", "", "`", "")

// plainExcerpt reads an excerpt of Markdown as a person would: without
// the marks of headings, lists, quotes, emphasis, code and links.
func plainExcerpt(s string) string {
	words := strings.Fields(s)
	out := words[:0]
	for _, w := range words {
		if strings.Trim(w, "#>*+-") == "" {
			continue // a heading's, quote's or list item's mark
		}
		w = excerptMarks.Replace(w)
		w = strings.Trim(w, "*")
		switch {
		case w == "":
		case len(out) > 0 && strings.ContainsRune(".,;:!?)»", []rune(w)[0]):
			out[len(out)-1] += w // punctuation left alone by a tag taken out
		default:
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// bodyExcerpt is the start of a Markdown body as plain text, at most max
// runes and cut between words. It leaves out what is not read as text:
// link destinations, HTML tags, autolinks and link reference definitions.
// Other markup needs no care: normalizeSearch turns every markup character
// into a space.
func bodyExcerpt(body []byte, max int) string {
	out := make([]rune, 0, max+1)
	space := true // the last rune kept is a space, or none is kept yet
	for i := 0; i < len(body) && len(out) <= max; {
		line := body[i:]
		if k := bytes.IndexByte(line, '\n'); k >= 0 {
			line = line[:k]
		}
		if (i == 0 || body[i-1] == '\n') && isRefDef(line) {
			i += len(line)
			continue
		}
		r, size := utf8.DecodeRune(body[i:])
		switch {
		case r == '<' && len(line) > 1 && (line[1] == '/' || line[1] == '!' || isASCIILetter(line[1])):
			if k := bytes.IndexByte(line, '>'); k > 0 {
				r, size = ' ', k+1
			}
		case r == ']' && len(line) > 1 && line[1] == '(':
			if k := bytes.IndexByte(line, ')'); k > 0 {
				r, size = ' ', k+1
			}
		}
		i += size
		if unicode.IsSpace(r) {
			if !space {
				out = append(out, ' ')
				space = true
			}
			continue
		}
		out = append(out, r)
		space = false
	}
	if len(out) > max {
		out = out[:max+1]
		cut := max
		for k := max; k > 0; k-- {
			if out[k] == ' ' {
				cut = k
				break
			}
		}
		out = out[:cut]
	}
	return strings.TrimSpace(string(out))
}

// isRefDef reports whether a line is a link reference definition:
// "[label]: https://..." after at most three spaces.
func isRefDef(line []byte) bool {
	line = bytes.TrimLeft(line, " ")
	if len(line) < 4 || line[0] != '[' {
		return false
	}
	k := bytes.IndexByte(line, ']')
	return k > 1 && k+1 < len(line) && line[k+1] == ':'
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// searchFold maps letters that Unicode does not decompose into a letter
// and a mark to the letters people type for them. search.js holds the
// same table.
var searchFold = map[rune]string{'ł': "l", 'đ': "d", 'ø': "o", 'ß': "ss", 'ı': "i", 'ς': "σ"}

// normalizeSearch is how the index and the queries are compared: letters
// and digits only, lower case, without diacritics (é→e, ą→a, ż→z, ё→е,
// й→и), ł→l, words separated by one space. search.js normalises queries
// the same way, with the whole text's NFD; keep the two in step.
func normalizeSearch(s string) string {
	b := make([]byte, 0, len(s))
	space := false
	for _, r := range s {
		var f string
		if r < utf8.RuneSelf {
			switch {
			case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			case 'A' <= r && r <= 'Z':
				r += 'a' - 'A'
			default:
				space = true
				continue
			}
		} else if f = foldRune(r); f == "" { // a mark: part of the letter before
			continue
		} else if f == " " {
			space = true
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		if f == "" {
			b = append(b, byte(r))
		} else {
			b = append(b, f...)
		}
	}
	return string(b)
}

// foldedRunes caches foldRune: a portal uses few runes, many times.
var foldedRunes sync.Map // rune → string

// foldRune is how normalizeSearch writes a rune other than ASCII: its
// canonical decomposition (NFD) without marks, lower case and folded by
// searchFold; "" for a mark and " " for anything but a letter or digit.
// Taking the decomposition rune by rune gives what it gives for the whole
// text, as only the order of marks can differ, and marks are left out.
func foldRune(r rune) string {
	if f, ok := foldedRunes.Load(r); ok {
		return f.(string)
	}
	var b strings.Builder
	for _, d := range norm.NFD.String(string(r)) {
		switch {
		case unicode.IsMark(d):
		case unicode.IsLetter(d) || unicode.IsNumber(d):
			d = unicode.ToLower(d)
			if f, ok := searchFold[d]; ok {
				b.WriteString(f)
			} else {
				b.WriteRune(d)
			}
		default:
			b.WriteByte(' ')
		}
	}
	f := b.String()
	if strings.Contains(f, " ") {
		f = " "
	}
	foldedRunes.Store(r, f)
	return f
}
