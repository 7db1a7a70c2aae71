package cjm

import (
	"io/fs"
	"strings"
	"testing"
)

// TestStylesheetsBalanced checks that every block of the built-in theme's
// stylesheets is closed: a brace lost when two changes meet swallows every
// rule after it into an @media block, and nothing else would notice.
func TestStylesheetsBalanced(t *testing.T) {
	err := fs.WalkDir(DefaultTheme(), "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".css") {
			return err
		}
		data, err := fs.ReadFile(DefaultTheme(), name)
		if err != nil {
			return err
		}
		if line, depth := unclosed(string(data)); depth != 0 {
			t.Errorf("%s: %d block(s) opened from line %d are not closed, or a } closes nothing there", name, depth, line)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestUnclosed(t *testing.T) {
	for _, tt := range []struct {
		css   string
		depth int
	}{
		{"a { b: c; }", 0},
		{"@media (x) {\n a { b: c; }\n", 1},
		{"a { content: \"{\"; } /* { */", 0},
		{"a { b: c; } }", -1},
	} {
		if _, depth := unclosed(tt.css); depth != tt.depth {
			t.Errorf("unclosed(%q) = %d, want %d", tt.css, depth, tt.depth)
		}
	}
}

// unclosed returns how many blocks css leaves open (negative: closed too
// often) and the line of the outermost block still open at its end.
func unclosed(css string) (line, depth int) {
	n := 1
	var opened []int
	for i := 0; i < len(css); i++ {
		switch c := css[i]; {
		case c == '\n':
			n++
		case c == '/' && i+1 < len(css) && css[i+1] == '*':
			end := strings.Index(css[i+2:], "*/")
			if end < 0 {
				return n, len(opened)
			}
			n += strings.Count(css[i:i+2+end], "\n")
			i += end + 3
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(css) && css[j] != c && css[j] != '\n' {
				if css[j] == '\\' {
					j++
				}
				j++
			}
			i = j
		case c == '{':
			opened = append(opened, n)
		case c == '}':
			if len(opened) == 0 {
				return n, -1
			}
			opened = opened[:len(opened)-1]
		}
	}
	if len(opened) > 0 {
		return opened[0], len(opened)
	}
	return 0, 0
}
