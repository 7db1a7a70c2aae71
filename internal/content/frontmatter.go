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

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
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
	return strconv.Quote(n.text)
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
	for i, rest := 1, src; len(rest) > 0; i++ {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		if t := bytes.TrimSpace(line); len(t) > 0 {
			openLine, open = i, string(t)
			break
		}
	}
	if _, ok := delimiters[open]; !ok {
		return frontMatter{body: src}, nil
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
		return frontMatter{}, &fmError{line: openLine, msg: fmt.Sprintf("front matter opened with %q is never closed", open),
			hint: fmt.Sprintf("end it with a line holding only %s", closing)}
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
	if depth > 64 {
		return nil, &fmError{line: offset + y.Line, msg: "front matter is nested too deeply"}
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

// decodeJSON walks the token stream so that every key keeps its line.
func decodeJSON(data []byte, offset int) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	lineAt := func(pos int64) int {
		for pos < int64(len(data)) && strings.IndexByte(" \t\r\n,:", data[pos]) >= 0 {
			pos++
		}
		return offset + 1 + bytes.Count(data[:pos], []byte("\n"))
	}
	var parse func(depth int) (*node, error)
	parse = func(depth int) (*node, error) {
		line := lineAt(dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		if depth > 64 {
			return nil, errors.New("nested too deeply")
		}
		switch t := tok.(type) {
		case json.Delim:
			if t == '[' {
				n := &node{kind: listNode, line: line}
				for dec.More() {
					item, err := parse(depth + 1)
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
				val, err := parse(depth + 1)
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
	if err != nil {
		line := lineAt(dec.InputOffset())
		return nil, &fmError{line: line, msg: "malformed JSON front matter: " + strings.TrimPrefix(err.Error(), "json: "),
			hint: "check for a missing comma, quote or brace"}
	}
	return root, nil
}

// decodeTOML decodes with BurntSushi/toml, which keeps no key positions, so
// the lines come from a small scan of the text for `key =` and `[table]`.
func decodeTOML(data []byte, offset int) (*node, error) {
	var m map[string]any
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		line := offset + 1
		var perr toml.ParseError
		if errors.As(err, &perr) {
			line = offset + perr.Position.Line
			return nil, &fmError{line: line, msg: "malformed TOML front matter: " + perr.Message, hint: "write `key = value`, with strings in quotes"}
		}
		return nil, &fmError{line: line, msg: "malformed TOML front matter: " + err.Error()}
	}
	lines := tomlKeyLines(data)
	// Keys on one line (an inline table's) keep the order they were
	// written in: `emotion = {irina = 1, tomas = -2}` names Irina first.
	written := map[string]int{}
	for i, k := range md.Keys() {
		written[strings.Join(k, "\x00")] = i
	}
	var conv func(v any, path, key string, line int) *node
	lineOf := func(path string, fallback int) int {
		if l, ok := lines[path]; ok {
			return offset + l
		}
		return fallback
	}
	// path is a key path with list indices (kpis.0.name), for lines; key
	// the same without them, as md.Keys names it.
	conv = func(v any, path, key string, line int) *node {
		switch t := v.(type) {
		case map[string]any:
			n := &node{kind: mapNode, line: line}
			keys := make([]string, 0, len(t))
			for k := range t {
				keys = append(keys, k)
			}
			rank := func(k string) int { return written[joinKey(key, k)] }
			sort.Slice(keys, func(i, j int) bool {
				li, lj := lineOf(join(path, keys[i]), 0), lineOf(join(path, keys[j]), 0)
				return li < lj || li == lj && rank(keys[i]) < rank(keys[j])
			})
			for _, k := range keys {
				kl := lineOf(join(path, k), line)
				n.keys = append(n.keys, &node{line: kl, text: k, tag: "str"})
				n.vals = append(n.vals, conv(t[k], join(path, k), joinKey(key, k), kl))
			}
			return n
		case []map[string]any:
			n := &node{kind: listNode, line: line}
			for i, item := range t {
				p := join(path, strconv.Itoa(i))
				n.items = append(n.items, conv(item, p, key, lineOf(p, line)))
			}
			return n
		case []any:
			n := &node{kind: listNode, line: line}
			for i, item := range t {
				p := join(path, strconv.Itoa(i))
				n.items = append(n.items, conv(item, p, key, lineOf(p, line)))
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
		case time.Time:
			return &node{line: line, text: t.Format("2006-01-02"), tag: "date"}
		}
		return &node{line: line, text: fmt.Sprint(v), tag: "str"}
	}
	return conv(m, "", "", offset+1), nil
}

// joinKey joins TOML key parts as decodeTOML's index of md.Keys does.
func joinKey(key, k string) string {
	if key == "" {
		return k
	}
	return key + "\x00" + k
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

var (
	tomlTable = regexp.MustCompile(`^\s*\[\s*([A-Za-z0-9_.\- ]+?)\s*\]\s*(#.*)?$`)
	tomlArray = regexp.MustCompile(`^\s*\[\[\s*([A-Za-z0-9_.\- ]+?)\s*\]\]\s*(#.*)?$`)
	tomlKey   = regexp.MustCompile(`^\s*([A-Za-z0-9_\-]+|"[^"]*")\s*=`)
)

// tomlKeyLines maps dotted key paths (kpis.0.name) to their 1-based line in
// data. It understands tables and arrays of tables; keys inside inline
// tables take the line of the key that holds them.
func tomlKeyLines(data []byte) map[string]int {
	lines := map[string]int{}
	counts := map[string]int{}
	table := ""
	for i, l := range strings.Split(string(data), "\n") {
		n := i + 1
		if m := tomlArray.FindStringSubmatch(l); m != nil {
			name := strings.ReplaceAll(m[1], " ", "")
			idx := counts[name]
			counts[name]++
			if _, ok := lines[name]; !ok {
				lines[name] = n
			}
			table = name + "." + strconv.Itoa(idx)
			lines[table] = n
			continue
		}
		if m := tomlTable.FindStringSubmatch(l); m != nil {
			table = strings.ReplaceAll(m[1], " ", "")
			if _, ok := lines[table]; !ok {
				lines[table] = n
			}
			continue
		}
		if m := tomlKey.FindStringSubmatch(l); m != nil {
			key := strings.Trim(m[1], `"`)
			p := join(table, key)
			if _, ok := lines[p]; !ok {
				lines[p] = n
			}
		}
	}
	return lines
}
