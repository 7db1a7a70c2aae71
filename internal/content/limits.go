package content

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
)

// DefaultMaxFileMB is the largest content file read unless the site
// settings' `maxFileMB` says otherwise: 10 MB, a thousand times a long
// touchpoint. A file is refused unread, from its size: a 50 MB body took
// 20 s and 1.25 GB to build.
const DefaultMaxFileMB = 10

// MaxFileMBCeiling bounds `maxFileMB`: past a gigabyte a file is no
// content.
const MaxFileMBCeiling = 1024

// readLimited reads a file of at most limit bytes. A larger one is not
// read: data is nil and size its size.
func readLimited(fsys fs.FS, file string, limit int64) (data []byte, size int64, err error) {
	f, err := fsys.Open(file)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	if info.Size() > limit {
		return nil, info.Size(), nil
	}
	// A file that grew since, or whose size was not told, is cut short.
	// The buffer is sized to the file at once (ReadFrom wants room for
	// 512 bytes more before it reads): io.ReadAll would start at 512 bytes
	// and grow, copying and zeroing each file's bytes several times over.
	buf := bytes.NewBuffer(make([]byte, 0, info.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, 0, err
	}
	data = buf.Bytes()
	if int64(len(data)) > limit {
		return nil, int64(len(data)), nil
	}
	return data, int64(len(data)), nil
}

// Bounds of a front matter, far beyond what any portal writes, so that no
// file can make the parsers or what follows them take long.
const (
	// maxFrontMatter bounds a front matter's bytes, checked before it is
	// parsed. Real ones are a few kilobytes: 50 notes of 200 characters
	// make 10 KB. The YAML parser takes about 0.8 s and 220 MB over the
	// worst megabyte (500,000 one-letter items).
	maxFrontMatter = 1 << 20
	// maxDepth bounds how deeply maps and lists nest. Front matter nests
	// three levels (kpis, an item, its keys); 64 keeps the decoders'
	// recursion shallow.
	maxDepth = 64
	// maxItems bounds the items of a list and the keys of a map: notes,
	// KPIs, opportunities, personas, lanes. A card shows a handful; a
	// touchpoint with 10,000 pains is a mistake, and takes 0.3 s to build.
	maxItems = 10_000
)

func tooBig(size, line int) *fmError {
	return &fmError{line: line, msg: fmt.Sprintf("front matter is %s bytes, over the limit of %s", thousands(size), megabytes(maxFrontMatter)),
		hint: "keep long text in the body, below the front matter"}
}

func tooDeep(line int) *fmError {
	return &fmError{line: line, msg: fmt.Sprintf("front matter is nested more than %d levels deep", maxDepth),
		hint: "write lists and maps a few levels deep at most"}
}

// tooMany is a list or map, named where, of more than maxItems items or
// keys: count of them, or -1 when it was refused before they were counted.
func tooMany(where string, count int, what string, line int) *fmError {
	msg := fmt.Sprintf("%s: holds %s %s, over the limit of %s", where, thousands(count), what, thousands(maxItems))
	if count < 0 {
		msg = fmt.Sprintf("%s: holds more %s than the limit of %s", where, what, thousands(maxItems))
	}
	return &fmError{line: line, msg: msg, hint: "keep the ones a reader needs; longer text belongs in the body"}
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
// decoded front matter: a key given twice in one map, at any depth, and a
// list or map longer than maxItems.
func checkNodes(root *node) error {
	c := &nodeCheck{}
	return c.check(root, root.line)
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

// where names the current node, "front matter" at the top.
func (c *nodeCheck) where() string {
	var b strings.Builder
	for _, s := range c.path {
		switch {
		case s.key == "":
			fmt.Fprintf(&b, "[%d]", s.index)
		case b.Len() > 0:
			b.WriteString("." + s.key)
		default:
			b.WriteString(s.key)
		}
	}
	if b.Len() == 0 {
		return "front matter"
	}
	return b.String()
}

// check checks n, whose key (or n itself, in a list) is on line.
func (c *nodeCheck) check(n *node, line int) error {
	if len(n.items) > maxItems {
		return tooMany(c.where(), len(n.items), "items", line)
	}
	if len(n.keys) > maxItems {
		return tooMany(c.where(), len(n.keys), "keys", line)
	}
	switch n.kind {
	case listNode:
		for i, item := range n.items {
			c.path = append(c.path, pathSeg{index: i + 1})
			err := c.check(item, item.line)
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
			c.path = append(c.path, pathSeg{key: k.text})
			if first, ok := seen[k.text]; ok {
				return twice(c.where(), first, k.line)
			}
			if seen != nil {
				seen[k.text] = k.line
			}
			err := c.check(n.vals[i], k.line)
			c.path = c.path[:len(c.path)-1]
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// megabytes writes a limit in whole MB of 2²⁰ bytes: "10 MB".
func megabytes(n int64) string { return thousands(int(n>>20)) + " MB" }

// thousands writes n with commas between groups of three digits: 10,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
