package content

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cjm-portal/cjm/internal/diag"
	"golang.org/x/text/unicode/norm"
)

// fields reads the keys of one map node into Go values. Each accessor
// checks the value's type and range, reports a problem at the key's line
// with a hint, and remembers the key so that unknown keys can be reported.
type fields struct {
	file  string
	m     *node
	used  map[string]bool
	diags *diag.List
	lines *lineTable // key path → line, kept on the item for later checks
	path  string     // key path of m, "" at the top: "kpis.0"
	shown string     // the same path as messages show it: "kpis[1]"
	// keyRead, when set, is told every key path asked for, present or not
	// (see Options.KeyRead).
	keyRead func(file, path string)
}

func newFields(file string, m *node, diags *diag.List, lines *lineTable, path, shown string) *fields {
	return &fields{file: file, m: m, used: map[string]bool{}, diags: diags, lines: lines, path: path, shown: shown}
}

// nested reads map m, found at key path path (shown as shown), in the
// same file as f.
func (f *fields) nested(m *node, path, shown string) *fields {
	sub := newFields(f.file, m, f.diags, f.lines, path, shown)
	sub.keyRead = f.keyRead
	return sub
}

// key names key k in messages.
func (f *fields) key(k string) string {
	if f.shown == "" {
		return k
	}
	return f.shown + "." + k
}

// pathOf is the key path of k, under which its line is kept.
func (f *fields) pathOf(k string) string { return join(f.path, k) }

func (f *fields) node(k string) *node {
	f.used[k] = true
	if f.keyRead != nil {
		f.keyRead(f.file, f.pathOf(k))
	}
	for i, kn := range f.m.keys {
		if kn.text == k {
			v := f.m.vals[i]
			f.lines.set(f.pathOf(k), kn.line)
			if v.kind == scalarNode && v.tag == "null" {
				return nil // `key:` with no value reads as absent
			}
			f.warnCut(v, f.key(k), kn.text)
			return v
		}
	}
	return nil
}

// warnCut warns about a text YAML cut short at a `#` (see cutComment),
// naming it as shown and saying how to keep the whole: quotes around it.
func (f *fields) warnCut(n *node, shown, key string) {
	if n.cut == "" {
		return
	}
	whole := n.text + " " + n.cut
	hint := fmt.Sprintf("put the whole text in quotes to keep it: `%s: %s`", key, yamlQuote(whole))
	if key == "" {
		hint = fmt.Sprintf("put the whole text in quotes to keep it: `- %s`", yamlQuote(whole))
	}
	f.diags.Warnf(f.file, n.line, hint, "%s: the text stops before %q, which YAML reads as a comment", shown, n.cut)
}

// yamlQuote writes s as a double-quoted YAML scalar.
func yamlQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func (f *fields) errorf(n *node, hint, format string, args ...any) {
	f.diags.Errorf(f.file, n.line, hint, format, args...)
}

// str reads a scalar as text, whatever YAML thinks its type is: `owner: no`
// is the team "no", not false.
func (f *fields) str(k string) string {
	n := f.node(k)
	if n == nil {
		return ""
	}
	if n.kind != scalarNode {
		f.errorf(n, "write it as one line of text", "%s: expected text, found %s", f.key(k), n.describe())
		return ""
	}
	return clean(n.text)
}

// list reads a list of text; one plain string counts as a list of one.
func (f *fields) list(k string) []string {
	n := f.node(k)
	if n == nil {
		return nil
	}
	if n.kind == scalarNode {
		if s := clean(n.text); s != "" {
			return []string{s}
		}
		return nil
	}
	if n.kind != listNode {
		f.errorf(n, "write a list, one `- item` a line, or a single text", "%s: expected a list, found %s", f.key(k), n.describe())
		return nil
	}
	var out []string
	for i, item := range n.items {
		f.lines.set(joinIndex(f.pathOf(k), i), item.line)
		if item.kind != scalarNode {
			f.errorf(item, "write each item as one line of text", "%s: item %d is %s, not text", f.key(k), i+1, item.describe())
			continue
		}
		if item.tag == "null" {
			continue
		}
		f.warnCut(item, fmt.Sprintf("%s[%d]", f.key(k), i+1), "")
		if s := clean(item.text); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// notes reads a touchpoint's list. Each item is a line of text or, to say
// what it rests on, `{text: ..., source: interview}`; one plain string
// counts as a list of one.
func (f *fields) notes(k string) Notes {
	n := f.node(k)
	if n == nil {
		return nil
	}
	if n.kind == scalarNode || (n.kind == mapNode && n.get("text") != nil) {
		n = &node{kind: listNode, line: n.line, items: []*node{n}}
	} else if n.kind != listNode {
		f.errorf(n, "write a list, one `- item` a line, or a single text", "%s: expected a list, found %s", f.key(k), n.describe())
		return nil
	}
	var out Notes
	for i, item := range n.items {
		path := joinIndex(f.pathOf(k), i)
		f.lines.set(path, item.line)
		switch {
		case item.kind == scalarNode && item.tag == "null":
		case item.kind == scalarNode:
			f.warnCut(item, fmt.Sprintf("%s[%d]", f.key(k), i+1), "")
			if s := clean(item.text); s != "" {
				out = append(out, Note{Text: s})
			}
		case item.kind == mapNode:
			sub := f.nested(item, path, fmt.Sprintf("%s[%d]", f.key(k), i+1))
			note := Note{Text: sub.str("text"), Source: sub.enum("source", Sources...)}
			sub.unknown(nil)
			if note.Text == "" {
				f.errorf(item, "write the sentence in `text`, e.g. `- {text: Waits for the courier, source: interview}`", "%s: item %d has no text", f.key(k), i+1)
				continue
			}
			out = append(out, note)
		default:
			f.errorf(item, "write each item as one line of text, or as `{text: ..., source: ...}`", "%s: item %d is %s, not text", f.key(k), i+1, item.describe())
		}
	}
	return out
}

// number reads a number in [lo, hi]; "40%" reads as 0.4. ok is false
// when the key is absent or wrong. what names the kind of number in the hint.
func (f *fields) number(k string, lo, hi float64, what string) (float64, bool) {
	return f.numberHint(k, lo, hi, fmt.Sprintf("use %s from %s to %s", what, fmtNum(lo), fmtNum(hi)))
}

func (f *fields) numberHint(k string, lo, hi float64, hint string) (float64, bool) {
	n := f.node(k)
	if n == nil {
		return 0, false
	}
	if n.kind != scalarNode {
		f.errorf(n, hint, "%s: expected a number, found %s", f.key(k), n.describe())
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(n.text), "%")), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		f.errorf(n, hint, "%s: %s is not a number", f.key(k), diag.Quote(n.text))
		return 0, false
	}
	if strings.HasSuffix(strings.TrimSpace(n.text), "%") {
		v /= 100
	}
	if v < lo || v > hi {
		f.errorf(n, hint, "%s: %s is out of range", f.key(k), fmtNum(v))
		return 0, false
	}
	return v, true
}

func (f *fields) integerHint(k string, lo, hi int, hint string) (int, bool) {
	n := f.node(k)
	if n == nil {
		return 0, false
	}
	return f.integerOf(n, f.key(k), lo, hi, hint)
}

// integerOf reads node n as a whole number in [lo, hi]; shown names it in
// messages.
func (f *fields) integerOf(n *node, shown string, lo, hi int, hint string) (int, bool) {
	if n.kind != scalarNode {
		f.errorf(n, hint, "%s: expected a whole number, found %s", shown, n.describe())
		return 0, false
	}
	text := strings.TrimPrefix(strings.TrimSpace(n.text), "+")
	v, err := strconv.Atoi(text)
	if err != nil {
		if _, ferr := strconv.ParseFloat(text, 64); ferr == nil {
			f.errorf(n, hint, "%s: %s is not a whole number", shown, n.text)
		} else {
			f.errorf(n, hint, "%s: %s is not a number", shown, diag.Quote(n.text))
		}
		return 0, false
	}
	if v < lo || v > hi {
		f.errorf(n, hint, "%s: %d is out of range", shown, v)
		return 0, false
	}
	return v, true
}

// weight reads an order key: any whole number.
func (f *fields) weight(k string) int {
	v, _ := f.integerHint(k, -1_000_000, 1_000_000, "use a whole number, e.g. 10; lower weights come first")
	return v
}

// enum reads one of the allowed words, case-insensitively.
func (f *fields) enum(k string, allowed ...string) string {
	s := f.str(k)
	if s == "" {
		return ""
	}
	low := strings.ToLower(s)
	for _, a := range allowed {
		if low == a {
			return a
		}
	}
	f.errorf(f.m.get(k), "use one of: "+strings.Join(allowed, ", "), "%s: %q is not allowed", f.key(k), s)
	return ""
}

// boolean reads true or false.
func (f *fields) boolean(k string) bool {
	n := f.node(k)
	if n == nil {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(n.text)) {
	case "true", "yes", "on":
		return true
	case "false", "no", "off":
		return false
	}
	f.errorf(n, "use true or false", "%s: expected true or false, found %s", f.key(k), n.describe())
	return false
}

var dateLayouts = []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04:05 -0700", "2006-01"}

// date reads a calendar date; the time of day, if any, is dropped.
func (f *fields) date(k string) time.Time {
	s := f.str(k)
	if s == "" {
		return time.Time{}
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		}
	}
	f.errorf(f.m.get(k), "write the date as YYYY-MM-DD, e.g. 2027-03-31", "%s: %q is not a date", f.key(k), s)
	return time.Time{}
}

// maps reads a list of maps, calling each with its own fields.
func (f *fields) maps(k string, each func(i int, item *fields)) {
	n := f.node(k)
	if n == nil {
		return
	}
	if n.kind == mapNode { // a single item written without the list
		n = &node{kind: listNode, line: n.line, items: []*node{n}}
	}
	if n.kind != listNode {
		f.errorf(n, "write a list of items, each with its own keys", "%s: expected a list, found %s", f.key(k), n.describe())
		return
	}
	for i, item := range n.items {
		if item.kind != mapNode {
			f.errorf(item, "write each item as keys, e.g. `- title: ...`", "%s: item %d is %s, not a set of keys", f.key(k), i+1, item.describe())
			continue
		}
		sub := f.nested(item, joinIndex(f.pathOf(k), i), fmt.Sprintf("%s[%d]", f.key(k), i+1))
		f.lines.set(sub.path, item.line)
		each(i, sub)
		sub.unknown(nil)
	}
}

// sub reads a nested map of keys.
func (f *fields) sub(k string, each func(item *fields)) {
	n := f.node(k)
	if n == nil {
		return
	}
	if n.kind != mapNode {
		f.errorf(n, "write it as keys indented under "+k, "%s: expected a set of keys, found %s", f.key(k), n.describe())
		return
	}
	s := f.nested(n, f.pathOf(k), f.key(k))
	each(s)
	s.unknown(nil)
}

// unknown warns about every key that no accessor read, suggesting the
// nearest known one. extra lists keys that are accepted but not read here.
func (f *fields) unknown(extra []string) {
	for _, kn := range f.m.keys {
		if f.used[kn.text] {
			continue
		}
		known := make([]string, 0, len(f.used)+len(extra))
		for k := range f.used {
			known = append(known, k)
		}
		known = append(known, extra...)
		sort.Strings(known)
		if slices.Contains(extra, kn.text) {
			continue
		}
		hint := ""
		if s := Nearest(kn.text, known); s != "" {
			hint = fmt.Sprintf("did you mean `%s`?", s)
		}
		f.diags.Warnf(f.file, kn.line, hint, "%s: unknown key", f.key(kn.text))
	}
}

// Nearest returns the candidate most like s: one that s is the start of
// (or that is the start of s), else the closest by edit distance if few
// enough letters differ; "" when none is close. It makes "did you mean" hints.
func Nearest(s string, candidates []string) string {
	low := strings.ToLower(s)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if low == lc || (low != "" && (strings.HasPrefix(lc, low) || strings.HasPrefix(low, lc))) {
			return c
		}
	}
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := editDistance(low, strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	if bestD <= max(2, len([]rune(s))/3) {
		return best
	}
	return ""
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// clean normalises text to NFC and trims it, so that the same word typed on
// two keyboards compares equal.
func clean(s string) string { return strings.TrimSpace(norm.NFC.String(s)) }

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
