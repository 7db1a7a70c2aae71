package author

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/cjm-portal/cjm/internal/content"
)

// Editing front matter in place: `cjm import csv -update` changes only the
// keys whose values changed, and leaves every other byte of the file as it
// was: the body, comments, blank lines, the order and spelling of the other
// keys, and the file's line ends. YAML and TOML are edited line by line
// (a key's lines are replaced, removed, or a new key added before the
// closing line); JSON, which has no comments, is written again key by key,
// each unchanged value as its bytes were.

// keyEdit sets key to Value, or removes it when Value is nil.
type keyEdit struct {
	Key   string
	Value any
}

// newFile writes a file of YAML front matter holding edits, in order, and
// body.
func newFile(edits []keyEdit, body string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("---\n")
	for _, e := range edits {
		if e.Value == nil {
			continue
		}
		text, err := yamlKey(e.Key, e.Value)
		if err != nil {
			return nil, err
		}
		b.WriteString(text)
	}
	b.WriteString("---\n")
	if body = strings.TrimSpace(body); body != "" {
		b.WriteString(body)
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

// editFile applies edits to the front matter of data, and replaces the body
// when body is not nil.
func editFile(data []byte, edits []keyEdit, body *string) ([]byte, error) {
	bom := bytes.HasPrefix(data, []byte("\ufeff"))
	src := bytes.TrimPrefix(data, []byte("\ufeff"))
	eol := "\n"
	if bytes.Contains(src, []byte("\r\n")) {
		eol = "\r\n"
	}
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	lines := strings.SplitAfter(text, "\n")
	open := -1
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			open = i
			break
		}
	}
	var out string
	var err error
	first := ""
	if open >= 0 {
		first = strings.TrimSpace(lines[open])
	}
	switch first {
	case "---", "---yaml":
		out, err = editLines(lines, open, "---", edits, body, yamlSpans, yamlKey, -1)
	case "+++", "---toml":
		closer := "+++"
		if first == "---toml" {
			closer = "---"
		}
		out, err = editLines(lines, open, closer, edits, body, tomlSpans, tomlKey, 0)
	case ";;;", "---json":
		closer := ";;;"
		if first == "---json" {
			closer = "---"
		}
		out, err = editJSONDelimited(lines, open, closer, edits, body)
	case "{":
		out, err = editJSONBare(text, edits, body)
	default:
		// No front matter: give it one.
		fm, ferr := newFile(edits, "")
		if ferr != nil {
			return nil, ferr
		}
		b := text
		if body != nil {
			b = *body + "\n"
		}
		out = string(fm) + b
	}
	if err != nil {
		return nil, err
	}
	if eol != "\n" {
		out = strings.ReplaceAll(out, "\n", eol)
	}
	if bom {
		out = "\ufeff" + out
	}
	return []byte(out), nil
}

// span is the lines [from, to) that hold one key.
type span struct {
	key      string
	from, to int
	table    bool // a TOML table ([key] or [[key]]), below the plain keys
}

// editLines edits a front matter whose lines are lines[open+1 : close].
// spans finds the keys' lines; write writes one key. tomlTables, when 0 or
// more, says new keys go before the first table header.
func editLines(lines []string, open int, closer string, edits []keyEdit, body *string,
	spans func([]string) []span, write func(string, any) (string, error), tomlTables int) (string, error) {
	end := -1
	for i := open + 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == closer {
			end = i
			break
		}
	}
	if end < 0 {
		return "", fmt.Errorf("the front matter is not closed with %s", closer)
	}
	fm := lines[open+1 : end]
	found := spans(fm)
	// New lines for each line index; a key's replacement goes where its
	// first line was.
	removed := make([]bool, len(fm))
	insert := map[int][]string{}
	var tail []string // new keys, before the closing line (or the first table)
	firstTable := len(fm)
	for _, s := range found {
		if s.table && s.from < firstTable {
			firstTable = s.from
		}
	}
	for _, e := range edits {
		var text string
		if e.Value != nil {
			t, err := write(e.Key, e.Value)
			if err != nil {
				return "", err
			}
			text = t
		}
		placed := false
		for _, s := range found {
			if s.key != e.Key {
				continue
			}
			for i := s.from; i < s.to; i++ {
				removed[i] = true
			}
			if !placed && text != "" && !s.table {
				insert[s.from] = append(insert[s.from], text)
				placed = true
			}
		}
		if !placed && text != "" {
			if tomlTables >= 0 && firstTable < len(fm) {
				insert[firstTable] = append(insert[firstTable], text)
			} else {
				tail = append(tail, text)
			}
		}
	}
	var b strings.Builder
	for _, l := range lines[:open+1] {
		b.WriteString(l)
	}
	for i, l := range fm {
		for _, t := range insert[i] {
			b.WriteString(t)
		}
		if !removed[i] {
			b.WriteString(l)
		}
	}
	for _, t := range tail {
		b.WriteString(t)
	}
	if body == nil {
		for _, l := range lines[end:] {
			b.WriteString(l)
		}
	} else {
		b.WriteString(strings.TrimSuffix(lines[end], "\n") + "\n")
		if t := strings.TrimSpace(*body); t != "" {
			b.WriteString(t + "\n")
		}
	}
	return b.String(), nil
}

var (
	yamlKeyLine = regexp.MustCompile(`^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#'"\-?:,\[\]{}][^:#]*?|-[^\s:#][^:#]*?)\s*:(\s|$)`)
	tomlKeyLine = regexp.MustCompile(`^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*(=|\.)`)
	tomlHeader  = regexp.MustCompile(`^\s*\[\[?\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)`)
)

func unquoteKey(k string) string {
	if len(k) >= 2 && (k[0] == '"' || k[0] == '\'') {
		if k[0] == '"' {
			if s, err := strconv.Unquote(k); err == nil {
				return s
			}
		}
		return k[1 : len(k)-1]
	}
	return strings.TrimSpace(k)
}

// yamlSpans finds the top-level keys of YAML front matter lines: a key
// runs from its line to the next key, less the blank lines and comments at
// its end, which stay.
func yamlSpans(fm []string) []span {
	var out []span
	for i, l := range fm {
		if l == "" || l[0] == ' ' || l[0] == '\t' || l[0] == '#' || strings.HasPrefix(l, "- ") || strings.TrimSpace(l) == "-" {
			continue
		}
		m := yamlKeyLine.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		if n := len(out); n > 0 {
			out[n-1].to = i
		}
		out = append(out, span{key: unquoteKey(m[1]), from: i, to: len(fm)})
	}
	for i := range out {
		for out[i].to > out[i].from+1 {
			t := strings.TrimSpace(fm[out[i].to-1])
			if t != "" && !(strings.HasPrefix(t, "#") && !strings.HasPrefix(fm[out[i].to-1], " ")) {
				break
			}
			out[i].to--
		}
	}
	return out
}

// tomlSpans finds the keys of TOML front matter: `key = value` lines
// (running on while brackets are open), dotted `key.sub = value` lines,
// and tables, `[key]` or `[[key]]`, each to the next header.
func tomlSpans(fm []string) []span {
	var out []span
	inTable := ""
	tableStart := -1
	closeTable := func(i int) {
		if tableStart >= 0 {
			to := i
			for to > tableStart+1 && strings.TrimSpace(fm[to-1]) == "" {
				to--
			}
			out = append(out, span{key: inTable, from: tableStart, to: to, table: true})
		}
	}
	for i := 0; i < len(fm); i++ {
		l := fm[i]
		if m := tomlHeader.FindStringSubmatch(l); m != nil {
			closeTable(i)
			inTable, tableStart = unquoteKey(m[1]), i
			continue
		}
		if tableStart >= 0 {
			continue
		}
		m := tomlKeyLine.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		from := i
		depth := bracketDepth(l)
		for depth > 0 && i+1 < len(fm) {
			i++
			depth += bracketDepth(fm[i])
		}
		out = append(out, span{key: unquoteKey(m[1]), from: from, to: i + 1})
	}
	closeTable(len(fm))
	return out
}

// bracketDepth counts [ and { less ] and } outside strings and comments.
func bracketDepth(l string) int {
	d := 0
	var q byte
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case q != 0:
			if c == '\\' && q == '"' {
				i++
			} else if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '#':
			return d
		case c == '[' || c == '{':
			d++
		case c == ']' || c == '}':
			d--
		}
	}
	return d
}

// ---- YAML ----

// yamlKey writes `key: value` as YAML lines.
func yamlKey(key string, v any) (string, error) {
	m := &yaml.Node{Kind: yaml.MappingNode}
	k := &yaml.Node{}
	if err := k.Encode(key); err != nil {
		return "", err
	}
	val, err := yamlNode(key, v)
	if err != nil {
		return "", err
	}
	m.Content = []*yaml.Node{k, val}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return "", err
	}
	enc.Close()
	return b.String(), nil
}

func yamlValueNode(v any) (*yaml.Node, error) {
	switch x := v.(type) {
	case int:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(x)}, nil
	case float64:
		s := formatNumber(x)
		tag := "!!float"
		if !strings.ContainsAny(s, ".eE") {
			tag = "!!int"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: s}, nil
	case dateValue:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: string(x)}, nil
	}
	n := &yaml.Node{}
	err := n.Encode(v)
	return n, err
}

func yamlFlowMap(fields record) (*yaml.Node, error) {
	m := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
	for _, f := range fields {
		k, err := yamlValueNode(f.Key)
		if err != nil {
			return nil, err
		}
		v, err := yamlValueNode(f.Value)
		if err != nil {
			return nil, err
		}
		m.Content = append(m.Content, k, v)
	}
	return m, nil
}

func yamlNode(key string, v any) (*yaml.Node, error) {
	switch x := v.(type) {
	case []string:
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		if key == "personas" || key == "lanes" || key == "tags" || key == "related" {
			seq.Style = yaml.FlowStyle
		}
		for _, s := range x {
			n, err := yamlValueNode(s)
			if err != nil {
				return nil, err
			}
			seq.Content = append(seq.Content, n)
		}
		return seq, nil
	case []noteValue:
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, n := range x {
			var item *yaml.Node
			var err error
			if n.Source == "" {
				item, err = yamlValueNode(n.Text)
			} else {
				item, err = yamlFlowMap(record{{"text", n.Text}, {"source", n.Source}})
			}
			if err != nil {
				return nil, err
			}
			seq.Content = append(seq.Content, item)
		}
		return seq, nil
	case []content.PersonaEmotion:
		var r record
		for _, e := range x {
			r = append(r, field{e.Persona, e.Value})
		}
		return yamlFlowMap(r)
	case []record:
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, r := range x {
			item, err := yamlFlowMap(r)
			if err != nil {
				return nil, err
			}
			seq.Content = append(seq.Content, item)
		}
		return seq, nil
	case record:
		return yamlFlowMap(x)
	}
	return yamlValueNode(v)
}

// ---- TOML ----

// tomlKey writes `key = value` as TOML lines.
func tomlKey(key string, v any) (string, error) {
	return tomlBareKey(key) + " = " + tomlValue(v, true) + "\n", nil
}

var bareTOML = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func tomlBareKey(k string) string {
	if bareTOML.MatchString(k) {
		return k
	}
	return tomlString(k)
}

func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func tomlInline(r record) string {
	parts := make([]string, len(r))
	for i, f := range r {
		parts[i] = tomlBareKey(f.Key) + " = " + tomlValue(f.Value, false)
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

// tomlValue writes v; top lets a list of tables run over several lines.
func tomlValue(v any, top bool) string {
	switch x := v.(type) {
	case string:
		return tomlString(x)
	case int:
		return strconv.Itoa(x)
	case float64:
		return formatNumber(x)
	case dateValue:
		return string(x)
	case []string:
		parts := make([]string, len(x))
		for i, s := range x {
			parts[i] = tomlString(s)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case []noteValue:
		parts := make([]string, len(x))
		for i, n := range x {
			if n.Source == "" {
				parts[i] = tomlString(n.Text)
			} else {
				parts[i] = tomlInline(record{{"text", n.Text}, {"source", n.Source}})
			}
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case []content.PersonaEmotion:
		var r record
		for _, e := range x {
			r = append(r, field{e.Persona, e.Value})
		}
		return tomlInline(r)
	case []record:
		var b strings.Builder
		b.WriteString("[")
		for i, r := range x {
			if top {
				b.WriteString("\n  ")
			} else if i > 0 {
				b.WriteString(" ")
			}
			b.WriteString(tomlInline(r))
			b.WriteString(",")
		}
		if top {
			b.WriteString("\n")
		}
		b.WriteString("]")
		return b.String()
	case record:
		return tomlInline(x)
	}
	return tomlString(fmt.Sprint(v))
}

// ---- JSON ----

func jsonValue(v any) []byte {
	var b bytes.Buffer
	str := func(s string) {
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.Encode(s) // a string cannot fail
		b.Truncate(b.Len() - 1)
	}
	obj := func(r record) {
		b.WriteByte('{')
		for i, f := range r {
			if i > 0 {
				b.WriteString(", ")
			}
			str(f.Key)
			b.WriteString(": ")
			b.Write(jsonValue(f.Value))
		}
		b.WriteByte('}')
	}
	switch x := v.(type) {
	case string:
		str(x)
	case dateValue:
		str(string(x))
	case int:
		b.WriteString(strconv.Itoa(x))
	case float64:
		b.WriteString(formatNumber(x))
	case []string:
		b.WriteByte('[')
		for i, s := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			str(s)
		}
		b.WriteByte(']')
	case []noteValue:
		b.WriteByte('[')
		for i, n := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			if n.Source == "" {
				str(n.Text)
			} else {
				obj(record{{"text", n.Text}, {"source", n.Source}})
			}
		}
		b.WriteByte(']')
	case []content.PersonaEmotion:
		var r record
		for _, e := range x {
			r = append(r, field{e.Persona, e.Value})
		}
		obj(r)
	case []record:
		b.WriteByte('[')
		for i, r := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			obj(r)
		}
		b.WriteByte(']')
	case record:
		obj(x)
	}
	return b.Bytes()
}

// jsonMember is one key of a JSON object with its value's bytes.
type jsonMember struct {
	key string
	raw []byte
}

// editJSON applies edits to a JSON object, keeping each other value's bytes.
func editJSON(obj []byte, edits []keyEdit) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, errors.New("the JSON front matter is not an object")
	}
	var members []jsonMember
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		members = append(members, jsonMember{t.(string), raw})
	}
	for _, e := range edits {
		i := -1
		for j, m := range members {
			if m.key == e.Key {
				i = j
			}
		}
		switch {
		case e.Value == nil && i >= 0:
			members = append(members[:i], members[i+1:]...)
		case e.Value != nil && i >= 0:
			members[i].raw = jsonValue(e.Value)
		case e.Value != nil:
			members = append(members, jsonMember{e.Key, jsonValue(e.Value)})
		}
	}
	var b bytes.Buffer
	b.WriteString("{\n")
	for i, m := range members {
		b.WriteString("  ")
		b.Write(jsonValue(m.key))
		b.WriteString(": ")
		b.Write(m.raw)
		if i < len(members)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("}")
	return b.Bytes(), nil
}

func editJSONDelimited(lines []string, open int, closer string, edits []keyEdit, body *string) (string, error) {
	end := -1
	for i := open + 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == closer {
			end = i
			break
		}
	}
	if end < 0 {
		return "", fmt.Errorf("the front matter is not closed with %s", closer)
	}
	obj, err := editJSON([]byte(strings.Join(lines[open+1:end], "")), edits)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(strings.Join(lines[:open+1], ""))
	b.Write(obj)
	b.WriteByte('\n')
	if body == nil {
		b.WriteString(strings.Join(lines[end:], ""))
	} else {
		b.WriteString(strings.TrimSuffix(lines[end], "\n") + "\n")
		if t := strings.TrimSpace(*body); t != "" {
			b.WriteString(t + "\n")
		}
	}
	return b.String(), nil
}

// editJSONBare edits front matter written as a bare JSON object at the top
// of the file, followed by the body.
func editJSONBare(text string, edits []keyEdit, body *string) (string, error) {
	start := strings.Index(text, "{")
	dec := json.NewDecoder(strings.NewReader(text[start:]))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return "", err
	}
	end := start + int(dec.InputOffset())
	obj, err := editJSON(raw, edits)
	if err != nil {
		return "", err
	}
	rest := text[end:]
	if body != nil {
		rest = "\n\n"
		if t := strings.TrimSpace(*body); t != "" {
			rest += t + "\n"
		}
	}
	return text[:start] + string(obj) + rest, nil
}
