package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/adrg/frontmatter"
	"github.com/cjm-portal/cjm/internal/diag"
	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"go.yaml.in/yaml/v3"
)

// A node is one value of a front matter, whatever format it was written in,
// with the line it starts on. Decoding every format into nodes first lets
// the rest of the package check keys and report lines in one way.
type node struct {
	kind  nodeKind
	line  int
	text  string // scalars: the value as written (YAML's `no` stays "no")
	tag   string // scalars: "str", "int", "float", "bool", "null", "date"
	cut   string // YAML plain scalars: a comment that looks like the text's own end ("#ecom"), see cutComment
	items []*node
	keys  []*node // maps: key nodes, in written order
	vals  []*node
}

type nodeKind int

const (
	scalarNode nodeKind = iota
	listNode
	mapNode
)

func (n *node) get(key string) *node {
	for i, k := range n.keys {
		if k.text == key {
			return n.vals[i]
		}
	}
	return nil
}

// describe names a node's kind for error messages.
func (n *node) describe() string {
	switch n.kind {
	case listNode:
		return "a list"
	case mapNode:
		return "a map"
	}
	if n.tag == "null" {
		return "empty"
	}
	return diag.Quote(n.text)
}

// frontMatter is the result of splitting a file.
type frontMatter struct {
	root   *node  // nil when the file has no front matter
	format string // "yaml", "toml" or "json"
	body   []byte
}

// fmError is a front matter that cannot be read, at a line of the file.
type fmError struct {
	line int
	msg  string
	hint string
}

func (e *fmError) Error() string { return e.msg }

var delimiters = map[string]string{"---": "yaml", "---yaml": "yaml", "+++": "toml", "---toml": "toml", ";;;": "json", "---json": "json", "{": "json"}

// splitFrontMatter separates the front matter from the body and decodes it
// into nodes whose lines count from the top of the file.
func splitFrontMatter(src []byte) (frontMatter, error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	// Find the opening delimiter ourselves: adrg/frontmatter treats an
	// unclosed front matter as no front matter at all, which would publish
	// the keys as body text instead of reporting the mistake.
	openLine, open := 0, ""
	var after []byte // what follows the opening line
	for i, rest := 1, src; len(rest) > 0; i++ {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		if t := bytes.TrimSpace(line); len(t) > 0 {
			openLine, open, after = i, string(t), rest
			break
		}
	}
	if _, ok := delimiters[open]; !ok {
		return frontMatter{body: src}, nil
	}
	// Measure it before adrg/frontmatter, which reads it a line at a time
	// (two allocations a line), or any parser sees it.
	if size := frontMatterSize(after, open); size > maxFrontMatter {
		return frontMatter{}, tooBig(size, openLine)
	}
	first := openLine + 1 // the line the front matter's first key is on
	if open == "{" {
		first = openLine
	}
	var fm frontMatter
	var decodeErr error
	called := false
	unmarshal := func(format string) frontmatter.UnmarshalFunc {
		return func(data []byte, _ any) error {
			called = true
			fm.format = format
			if len(data) > maxFrontMatter { // before any parser sees it
				decodeErr = tooBig(len(data), openLine)
				return nil
			}
			fm.root, decodeErr = decodeNodes(format, data, first-1)
			return nil
		}
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", unmarshal("yaml")),
		frontmatter.NewFormat("---yaml", "---", unmarshal("yaml")),
		frontmatter.NewFormat("+++", "+++", unmarshal("toml")),
		frontmatter.NewFormat("---toml", "---", unmarshal("toml")),
		frontmatter.NewFormat(";;;", ";;;", unmarshal("json")),
		frontmatter.NewFormat("---json", "---", unmarshal("json")),
		{Start: "{", End: "}", Unmarshal: unmarshal("json"), UnmarshalDelims: true, RequiresNewLine: true},
	}
	body, err := frontmatter.Parse(bytes.NewReader(src), nil, formats...)
	if err != nil {
		return frontMatter{}, &fmError{line: openLine, msg: "front matter cannot be read: " + err.Error()}
	}
	if !called {
		closing := map[string]string{"---": "---", "---yaml": "---", "+++": "+++", "---toml": "---", ";;;": ";;;", "---json": "---", "{": "} followed by an empty line"}[open]
		return frontMatter{}, &fmError{line: openLine, msg: diag.Sprintf("front matter opened with %q is never closed", open),
			hint: fmt.Sprintf("end it with a line holding only %s", closing)}
	}
	if decodeErr == nil && fm.root != nil {
		decodeErr = checkNodes(fm.root)
	}
	if decodeErr != nil {
		return frontMatter{}, decodeErr
	}
	// The parser's buffer grew by doubling; the body is kept until its page
	// is rendered, so keep only its bytes.
	fm.body = bytes.Clone(body)
	if fm.root == nil { // an empty front matter
		fm.root = &node{kind: mapNode, line: openLine}
	}
	if fm.root.kind != mapNode {
		return frontMatter{}, &fmError{line: openLine, msg: "front matter is not a set of keys", hint: "write one `key: value` a line"}
	}
	return fm, nil
}

// frontMatterSize is the length of the front matter opened with open and
// followed by rest, up to its closing line; 0 when it is never closed.
func frontMatterSize(rest []byte, open string) int {
	closing := []byte(closers[open])
	for size := 0; len(rest) > 0; {
		line, next, _ := bytes.Cut(rest, []byte("\n"))
		if bytes.Equal(bytes.TrimSpace(line), closing) {
			return size
		}
		size += len(rest) - len(next)
		rest = next
	}
	return 0
}

// closers are the lines that close each kind of front matter.
var closers = map[string]string{"---": "---", "---yaml": "---", "+++": "+++", "---toml": "---", ";;;": ";;;", "---json": "---", "{": "}"}

func decodeNodes(format string, data []byte, offset int) (*node, error) {
	switch format {
	case "toml":
		return decodeTOML(data, offset)
	case "json":
		return decodeJSON(data, offset)
	}
	return decodeYAML(data, offset)
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

func decodeYAML(data []byte, offset int) (*node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := offset+1, err.Error()
		if m := yamlLine.FindStringSubmatch(strings.SplitN(msg, "\n", 2)[0]); m != nil {
			msg = m[2]
			if m[1] != "" {
				n, _ := strconv.Atoi(m[1])
				line = offset + n
			}
		}
		if strings.HasPrefix(msg, "exceeded max depth") { // the parser's own bound, past ours
			return nil, tooDeep(line)
		}
		return nil, &fmError{line: line, msg: "malformed YAML front matter: " + msg,
			hint: "check the indentation and quote values that hold `: ` or start with a special character"}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	d := &yamlDecoder{offset: offset}
	return d.node(doc.Content[0], 0)
}

// maxAliased bounds the values that YAML aliases (*name) may repeat: a few
// lines of anchors can otherwise stand for millions of values.
const maxAliased = 10_000

type yamlDecoder struct {
	offset  int // lines before the front matter's first
	inAlias int // aliases being expanded
	aliased int // values made by expanding aliases
}

func (d *yamlDecoder) node(y *yaml.Node, depth int) (*node, error) {
	offset := d.offset
	if depth > maxDepth {
		return nil, tooDeep(offset + y.Line)
	}
	if y.Kind == yaml.AliasNode {
		d.inAlias++
		defer func() { d.inAlias-- }()
		return d.node(y.Alias, depth+1)
	}
	if d.inAlias > 0 {
		if d.aliased++; d.aliased > maxAliased {
			return nil, &fmError{line: offset + y.Line, msg: fmt.Sprintf("front matter repeats more than %d values through YAML aliases", maxAliased),
				hint: "write the values out instead of referring to them with *name"}
		}
	}
	n := &node{line: offset + y.Line}
	switch y.Kind {
	case yaml.SequenceNode:
		n.kind = listNode
		for _, c := range y.Content {
			item, err := d.node(c, depth+1)
			if err != nil {
				return nil, err
			}
			n.items = append(n.items, item)
		}
	case yaml.MappingNode:
		n.kind = mapNode
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, &fmError{line: offset + k.Line, msg: "a key must be a plain word"}
			}
			if k.Value == "<<" { // merge keys are rare in front matter; take them literally
				continue
			}
			val, err := d.node(v, depth+1)
			if err != nil {
				return nil, err
			}
			n.keys = append(n.keys, &node{line: offset + k.Line, text: k.Value, tag: "str"})
			n.vals = append(n.vals, val)
		}
	default:
		n.kind = scalarNode
		n.text = y.Value
		n.cut = cutComment(y)
		switch y.ShortTag() {
		case "!!int":
			n.tag = "int"
		case "!!float":
			n.tag = "float"
		case "!!bool":
			n.tag = "bool"
		case "!!null":
			n.tag = "null"
		case "!!timestamp":
			n.tag = "date"
		default:
			n.tag = "str"
		}
	}
	return n, nil
}

// cutComment returns the comment after a plain YAML scalar when it looks
// like the rest of the text rather than a comment: `#` with no space
// after it, as in `contact: Slack #crm-team`, which YAML reads as the text
// "Slack" and a comment. "" when there is none or it reads as a comment.
func cutComment(y *yaml.Node) string {
	c := y.LineComment
	if y.Style != 0 || len(c) < 2 || c[0] != '#' || c[1] == ' ' || c[1] == '\t' || c[1] == '#' {
		return ""
	}
	return c
}

// decodeJSON walks the token stream so that every key keeps its line.
func decodeJSON(data []byte, offset int) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	// Line ends are counted from the last position asked for, not from
	// the start: counting from the start made a long list quadratic.
	var at int64
	lines := 0
	lineAt := func(pos int64) int {
		for pos < int64(len(data)) && strings.IndexByte(" \t\r\n,:", data[pos]) >= 0 {
			pos++
		}
		if pos < at {
			at, lines = 0, 0
		}
		lines += bytes.Count(data[at:pos], []byte("\n"))
		at = pos
		return offset + 1 + lines
	}
	var parse func(depth int) (*node, error)
	path := &nodeCheck{} // to name a list too long
	parse = func(depth int) (*node, error) {
		line := lineAt(dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		if depth > maxDepth {
			return nil, tooDeep(line)
		}
		switch t := tok.(type) {
		case json.Delim:
			if t == '[' {
				n := &node{kind: listNode, line: line}
				for dec.More() {
					if len(n.items) == maxItems { // refused before the rest is read
						return nil, tooMany(path.where(), -1, "items", line)
					}
					path.path = append(path.path, pathSeg{index: len(n.items) + 1})
					item, err := parse(depth + 1)
					path.path = path.path[:len(path.path)-1]
					if err != nil {
						return nil, err
					}
					n.items = append(n.items, item)
				}
				_, err := dec.Token()
				return n, err
			}
			n := &node{kind: mapNode, line: line}
			for dec.More() {
				kline := lineAt(dec.InputOffset())
				ktok, err := dec.Token()
				if err != nil {
					return nil, err
				}
				if len(n.keys) == maxItems {
					return nil, tooMany(path.where(), -1, "keys", line)
				}
				path.path = append(path.path, pathSeg{key: ktok.(string)})
				val, err := parse(depth + 1)
				path.path = path.path[:len(path.path)-1]
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, &node{line: kline, text: ktok.(string), tag: "str"})
				n.vals = append(n.vals, val)
			}
			_, err := dec.Token()
			return n, err
		case string:
			return &node{line: line, text: t, tag: "str"}, nil
		case json.Number:
			tag := "int"
			if strings.ContainsAny(string(t), ".eE") {
				tag = "float"
			}
			return &node{line: line, text: string(t), tag: tag}, nil
		case bool:
			return &node{line: line, text: strconv.FormatBool(t), tag: "bool"}, nil
		default:
			return &node{line: line, tag: "null"}, nil
		}
	}
	root, err := parse(0)
	if e, ok := err.(*fmError); ok {
		return nil, e
	}
	if err != nil {
		line := lineAt(dec.InputOffset())
		return nil, &fmError{line: line, msg: "malformed JSON front matter: " + strings.TrimPrefix(err.Error(), "json: "),
			hint: "check for a missing comma, quote or brace"}
	}
	return root, nil
}

// decodeTOML decodes with go-toml, whose parser is linear in its input and
// bounds how deeply values nest. The values come from toml.Unmarshal; the
// line and written order of every key come from a walk of the parser's
// syntax tree (tomlKeys), which also refuses keys given twice and nesting
// deeper than maxDepth before anything is decoded.
func decodeTOML(data []byte, offset int) (*node, error) {
	keys, err := tomlKeys(data, offset)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := toml.Unmarshal(data, &m); err != nil {
		var derr *toml.DecodeError
		if errors.As(err, &derr) {
			row, _ := derr.Position()
			msg := "malformed TOML front matter: " + strings.TrimPrefix(derr.Error(), "toml: ")
			// A table given again by another means (`a.b = 1`, then `[a]`): say where it was first.
			if k, ok := keys[strings.Join(derr.Key(), ".")]; ok && k.line != offset+row {
				msg += fmt.Sprintf(" (first at line %d)", k.line)
			}
			return nil, &fmError{line: offset + row, msg: msg, hint: "write `key = value`, with strings in quotes"}
		}
		return nil, &fmError{line: offset + 1, msg: "malformed TOML front matter: " + strings.TrimPrefix(err.Error(), "toml: ")}
	}
	// path is a key path with list indices (kpis.0.name), as tomlKeys
	// names it; line is where the value's key is, for values it does not know.
	var conv func(v any, path string, line int) *node
	lineOf := func(path string, fallback int) int {
		if k, ok := keys[path]; ok {
			return k.line
		}
		return fallback
	}
	conv = func(v any, path string, line int) *node {
		switch t := v.(type) {
		case map[string]any:
			n := &node{kind: mapNode, line: line}
			type named struct {
				name, path string
				at         int
			}
			names := make([]named, 0, len(t))
			for k := range t {
				p := join(path, k)
				names = append(names, named{k, p, keys[p].at})
			}
			// In the order written: `emotion = {irina = 1, tomas = -2}` names Irina first.
			sort.Slice(names, func(i, j int) bool { return names[i].at < names[j].at })
			for _, k := range names {
				kl := lineOf(k.path, line)
				n.keys = append(n.keys, &node{line: kl, text: k.name, tag: "str"})
				n.vals = append(n.vals, conv(t[k.name], k.path, kl))
			}
			return n
		case []any:
			n := &node{kind: listNode, line: line}
			for i, item := range t {
				p := joinIndex(path, i)
				n.items = append(n.items, conv(item, p, lineOf(p, line)))
			}
			return n
		case string:
			return &node{line: line, text: t, tag: "str"}
		case int64:
			return &node{line: line, text: strconv.FormatInt(t, 10), tag: "int"}
		case float64:
			return &node{line: line, text: strconv.FormatFloat(t, 'g', -1, 64), tag: "float"}
		case bool:
			return &node{line: line, text: strconv.FormatBool(t), tag: "bool"}
		case time.Time: // the day only, as YAML's dates
			return &node{line: line, text: t.Format(time.DateOnly), tag: "date"}
		case toml.LocalDate:
			return &node{line: line, text: t.String(), tag: "date"}
		case toml.LocalDateTime:
			return &node{line: line, text: t.LocalDate.String(), tag: "date"}
		}
		return &node{line: line, text: fmt.Sprint(v), tag: "str"}
	}
	return conv(m, "", offset+1), nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// tomlKey is where a key path of a TOML front matter is first written.
type tomlKey struct {
	line int // in the file
	at   int // byte offset in the front matter: keys on one line keep their order
}

// tomlKeys walks the syntax tree of a TOML front matter and returns where
// each key path (kpis.0.name) is first written, lines counted from offset.
// It refuses a key or table given twice, naming both lines, and nesting
// deeper than maxDepth, so that toml.Unmarshal never sees either. A syntax
// error ends the walk quietly: toml.Unmarshal reports it.
func tomlKeys(data []byte, offset int) (map[string]tomlKey, error) {
	w := &tomlWalk{keys: map[string]tomlKey{}, defined: map[string]int{}, arrays: map[string]int{}, offset: offset}
	for i, b := range data {
		if b == '\n' {
			w.newlines = append(w.newlines, i)
		}
	}
	w.p.Reset(data)
	table, shown, depth := "", "", 0
	for w.p.NextExpression() {
		e := w.p.Expression()
		var err error
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table, shown, depth, err = w.header(e)
		case unstable.KeyValue:
			err = w.keyValue(e, table, shown, depth)
		}
		if err != nil {
			return nil, err
		}
	}
	return w.keys, nil
}

type tomlWalk struct {
	p        unstable.Parser
	offset   int   // lines before the front matter's first
	newlines []int // offsets of the front matter's line ends
	keys     map[string]tomlKey
	defined  map[string]int // paths given a value or a [table] header → line
	arrays   map[string]int // [[array]] paths → elements so far
}

// pos is where node n is written.
func (w *tomlWalk) pos(n *unstable.Node) tomlKey {
	at := int(n.Raw.Offset)
	return tomlKey{line: w.offset + 1 + sort.SearchInts(w.newlines, at), at: at}
}

func (w *tomlWalk) note(path string, n *unstable.Node) {
	if _, ok := w.keys[path]; !ok {
		w.keys[path] = w.pos(n)
	}
}

// define records that path, shown in messages as shown, is given at node n.
func (w *tomlWalk) define(path, shown string, n *unstable.Node) error {
	line := w.pos(n).line
	if first, ok := w.defined[path]; ok {
		return twice(shown, first, line)
	}
	w.defined[path] = line
	return nil
}

// header reads a [table] or [[array]] header: the table the next keys go in.
func (w *tomlWalk) header(e *unstable.Node) (path, shown string, depth int, err error) {
	it := e.Key()
	for it.Next() {
		k := it.Node()
		if depth++; depth > maxDepth {
			return "", "", 0, tooDeep(w.pos(k).line)
		}
		path, shown = join(path, string(k.Data)), join(shown, string(k.Data))
		w.note(path, k)
		if it.IsLast() {
			break
		}
		if n := w.arrays[path]; n > 0 { // [[kpis]] then [kpis.metrics]: the last KPI's
			path, shown, depth = joinIndex(path, n-1), fmt.Sprintf("%s[%d]", shown, n), depth+1
		}
	}
	k := it.Node()
	if e.Kind == unstable.Table {
		return path, shown, depth, w.define(path, "["+shown+"]", k)
	}
	n := w.arrays[path]
	if n == maxItems {
		return "", "", 0, tooMany(shown, n+1, "items", w.keys[path].line)
	}
	w.arrays[path]++
	if depth++; depth > maxDepth {
		return "", "", 0, tooDeep(w.pos(k).line)
	}
	path, shown = joinIndex(path, n), fmt.Sprintf("%s[%d]", shown, n+1)
	w.note(path, k)
	return path, shown, depth, nil
}

// keyValue reads `a.b = value` in the table at path, depth levels down.
func (w *tomlWalk) keyValue(kv *unstable.Node, path, shown string, depth int) error {
	it := kv.Key()
	var k *unstable.Node
	for it.Next() {
		k = it.Node()
		if depth++; depth > maxDepth {
			return tooDeep(w.pos(k).line)
		}
		path, shown = join(path, string(k.Data)), join(shown, string(k.Data))
		w.note(path, k)
	}
	if err := w.define(path, shown, k); err != nil {
		return err
	}
	return w.value(kv.Value(), path, shown, depth, w.pos(k).line)
}

// value reads the value at path, depth levels down, whose key is on line.
func (w *tomlWalk) value(v *unstable.Node, path, shown string, depth, line int) error {
	switch v.Kind {
	case unstable.InlineTable:
		it := v.Children()
		for it.Next() {
			if err := w.keyValue(it.Node(), path, shown, depth); err != nil {
				return err
			}
		}
	case unstable.Array:
		if depth++; depth > maxDepth {
			return tooDeep(line)
		}
		it := v.Children()
		for i := 0; it.Next(); i++ {
			if i == maxItems { // refused before toml.Unmarshal makes them all
				for it.Next() {
					i++
				}
				return tooMany(shown, i+1, "items", line)
			}
			item := it.Node()
			if item.Kind != unstable.InlineTable && item.Kind != unstable.Array {
				if item.Raw.Length > 0 {
					w.note(joinIndex(path, i), item)
				}
				continue
			}
			p, l := joinIndex(path, i), line
			if item.Raw.Length > 0 { // an array has no place of its own
				w.note(p, item)
				l = w.pos(item).line
			}
			if err := w.value(item, p, fmt.Sprintf("%s[%d]", shown, i+1), depth, l); err != nil {
				return err
			}
		}
	}
	return nil
}
