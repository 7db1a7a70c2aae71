package content

import (
	"fmt"
	"strings"
)

// maxDepth bounds how deeply the maps and lists of a front matter nest.
// Front matter nests three levels at most (kpis, an item, its keys); the
// bound is far beyond that and keeps the decoders' recursion shallow.
const maxDepth = 64

func tooDeep(line int) *fmError {
	return &fmError{line: line, msg: fmt.Sprintf("front matter is nested more than %d levels deep", maxDepth),
		hint: "write lists and maps a few levels deep at most"}
}

// twice is a key given twice in one map: YAML and JSON parsers keep the
// first value and TOML refuses, so every format refuses, naming both lines.
func twice(shown string, first, line int) *fmError {
	msg := fmt.Sprintf("%s: given twice, at lines %d and %d", shown, first, line)
	if first == line {
		msg = fmt.Sprintf("%s: given twice on line %d", shown, line)
	}
	return &fmError{line: line, msg: msg, hint: "keep one of them"}
}

// checkNodes checks what the YAML and JSON parsers let through in a
// decoded front matter: a key given twice in one map, at any depth.
func checkNodes(root *node) error {
	c := &nodeCheck{}
	return c.check(root)
}

// nodeCheck walks a front matter's nodes keeping the path to the current
// one, to name it in messages as fields does: kpis[2].name.
type nodeCheck struct {
	path []pathSeg
}

type pathSeg struct {
	key   string
	index int // a list item's, from 1, when key is ""
}

func (c *nodeCheck) shown(last string) string {
	var b strings.Builder
	for _, s := range c.path {
		if s.key == "" {
			fmt.Fprintf(&b, "[%d]", s.index)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.key)
	}
	if b.Len() > 0 {
		b.WriteByte('.')
	}
	b.WriteString(last)
	return b.String()
}

func (c *nodeCheck) check(n *node) error {
	switch n.kind {
	case listNode:
		for i, item := range n.items {
			c.path = append(c.path, pathSeg{index: i + 1})
			err := c.check(item)
			c.path = c.path[:len(c.path)-1]
			if err != nil {
				return err
			}
		}
	case mapNode:
		var seen map[string]int // key → line; few maps have more than one key
		if len(n.keys) > 1 {
			seen = make(map[string]int, len(n.keys))
		}
		for i, k := range n.keys {
			if first, ok := seen[k.text]; ok {
				return twice(c.shown(k.text), first, k.line)
			}
			if seen != nil {
				seen[k.text] = k.line
			}
			c.path = append(c.path, pathSeg{key: k.text})
			err := c.check(n.vals[i])
			c.path = c.path[:len(c.path)-1]
			if err != nil {
				return err
			}
		}
	}
	return nil
}
