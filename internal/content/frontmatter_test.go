package content

import (
	"strings"
	"testing"
)

// TestSplitFrontMatter decodes the same keys written in each format and
// checks values, lines and the body.
func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name, src string
		format    string
		lines     map[string]int // key → line in the file
		texts     map[string]string
		body      string
	}{
		{
			name:   "yaml",
			src:    "---\ntitle: Pay\nowner: no\nemotion: -1\n---\nBody text.\n",
			format: "yaml",
			lines:  map[string]int{"title": 2, "owner": 3, "emotion": 4},
			texts:  map[string]string{"title": "Pay", "owner": "no", "emotion": "-1"},
			body:   "Body text.\n",
		},
		{
			name:   "yaml after blank lines and a BOM, with CRLF",
			src:    "\ufeff\r\n\r\n---\r\ntitle: Pay\r\nowner: on\r\n---\r\nBody\r\n",
			format: "yaml",
			lines:  map[string]int{"title": 4, "owner": 5},
			texts:  map[string]string{"title": "Pay", "owner": "on"},
			body:   "Body\r\n",
		},
		{
			name:   "toml",
			src:    "+++\ntitle = \"Pay\"\nemotion = -1\n\n[metrics]\ncsi = 4.5\n+++\nBody\n",
			format: "toml",
			lines:  map[string]int{"title": 2, "emotion": 3, "metrics": 5},
			texts:  map[string]string{"title": "Pay", "emotion": "-1"},
			body:   "Body\n",
		},
		{
			name:   "json",
			src:    "{\n  \"title\": \"Pay\",\n  \"emotion\": -1\n}\n\nBody\n",
			format: "json",
			lines:  map[string]int{"title": 2, "emotion": 3},
			texts:  map[string]string{"title": "Pay", "emotion": "-1"},
			body:   "Body\n",
		},
		{
			name: "no front matter",
			src:  "# Just Markdown\n",
			body: "# Just Markdown\n",
		},
		{
			name:   "a horizontal rule in the body is not a delimiter",
			src:    "---\ntitle: A\n---\nabove\n\n---\n\nbelow\n",
			format: "yaml",
			lines:  map[string]int{"title": 2},
			texts:  map[string]string{"title": "A"},
			body:   "above\n\n---\n\nbelow\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, err := splitFrontMatter([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if fm.format != tt.format {
				t.Errorf("format = %q, want %q", fm.format, tt.format)
			}
			if string(fm.body) != tt.body {
				t.Errorf("body = %q, want %q", fm.body, tt.body)
			}
			for k, line := range tt.lines {
				var got int
				for i, kn := range fm.root.keys {
					if kn.text == k {
						got = fm.root.keys[i].line
					}
				}
				if got != line {
					t.Errorf("line of %s = %d, want %d", k, got, line)
				}
			}
			for k, text := range tt.texts {
				if n := fm.root.get(k); n == nil || n.text != text {
					t.Errorf("%s = %v, want %q", k, n, text)
				}
			}
		})
	}
}

func TestSplitFrontMatterErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"unclosed yaml", "---\ntitle: A\n\nbody", 1, `front matter opened with "---" is never closed`},
		{"unclosed toml", "\n+++\ntitle = 'A'\n", 2, `front matter opened with "+++" is never closed`},
		{"bad yaml indentation", "---\ntitle: A\nlist:\n  - a\n - b\n---\n", 4, "malformed YAML front matter"},
		{"tab in yaml", "---\ntitle: A\n\tbad: 1\n---\n", 3, "malformed YAML front matter"},
		{"bad toml", "+++\ntitle = \"A\"\nbad =\n+++\n", 3, "malformed TOML front matter"},
		{"bad json", "{\n\"title\": \"A\"\n\"x\": 1\n}\n\n", 3, "malformed JSON front matter"},
		{"a list, not keys", "---\n- a\n- b\n---\n", 1, "front matter is not a set of keys"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := splitFrontMatter([]byte(tt.src))
			e, ok := err.(*fmError)
			if !ok {
				t.Fatalf("err = %v, want an fmError", err)
			}
			if e.line != tt.line || !strings.HasPrefix(e.msg, tt.msg) {
				t.Errorf("got line %d %q, want line %d %q", e.line, e.msg, tt.line, tt.msg)
			}
		})
	}
}

// TestTOMLKeyLines checks the scan that gives TOML keys their lines.
func TestTOMLKeyLines(t *testing.T) {
	src := "title = \"A\"\n\n[metrics]\ncsi = 4\n\n[[kpis]]\nname = \"x\"\n[[kpis]]\nname = \"y\"\ntarget = 3\n"
	got := tomlKeyLines([]byte(src))
	want := map[string]int{"title": 1, "metrics": 3, "metrics.csi": 4, "kpis": 6, "kpis.0": 6, "kpis.0.name": 7, "kpis.1": 8, "kpis.1.name": 9, "kpis.1.target": 10}
	for k, l := range want {
		if got[k] != l {
			t.Errorf("line of %s = %d, want %d", k, got[k], l)
		}
	}
}
