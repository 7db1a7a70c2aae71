package content

import (
	"fmt"
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

// TestTOMLKeys checks the walk that gives TOML keys their lines: tables,
// arrays of tables, dotted keys and the keys of inline tables.
func TestTOMLKeys(t *testing.T) {
	src := "title = \"A\"\n\n[metrics]\ncsi = 4\n\n[[kpis]]\nname = \"x\"\n[[kpis]]\nname = \"y\"\ntarget = 3\n" +
		"[[kpis]]\nname = \"z\"\n[kpis.extra]\nnote.text = \"n\"\n[emotion]\nirina = {v = 1}\nlist = [1, {a = 2}]\n"
	got, err := tomlKeys([]byte(src), 0)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"title": 1, "metrics": 3, "metrics.csi": 4, "kpis": 6, "kpis.0": 6, "kpis.0.name": 7, "kpis.1": 8, "kpis.1.name": 9, "kpis.1.target": 10,
		"kpis.2.extra": 13, "kpis.2.extra.note": 14, "kpis.2.extra.note.text": 14, "emotion.irina.v": 16, "emotion.list.0": 17, "emotion.list.1.a": 17}
	for k, l := range want {
		if got[k].line != l {
			t.Errorf("line of %s = %d, want %d", k, got[k].line, l)
		}
	}
}

// tomlTouchpoint is a touchpoint's front matter as an author writes it in
// TOML: plain keys, arrays, an inline table, a table and arrays of tables.
const tomlTouchpoint = `title = "Enter the card number"
description = "The customer types the recipient's card number"
channel = "app"
emotion = { irina = -1, tomas = 1 }
importance = "high"
owner = "payments"
actions = ["Opens the transfer form", "Types 16 digits", "Checks the bank's name"]
questions = ["Is this the right card?", "What is the fee?"]
barriers = ["Small keyboard", { text = "Card scanner fails in low light", source = "interview" }]
pains = ["Typing 16 digits is slow", "No recent recipients"]
related = ["fee-display", "confirm-transfer"]
source = "interview"

[metrics]
csi = 3.8
nps = 12

[[kpis]]
name = "Form completion"
current = 78
target = 90
unit = "%"

[[kpis]]
name = "Time to fill"
current = 42
target = 25
better = "lower"

[[opportunities]]
title = "Remember recent recipients"
due = 2027-03-31
status = "planned"
`

// TestDecodeTOML checks values, lines and the written order of keys.
func TestDecodeTOML(t *testing.T) {
	src := "updated = 2026-05-01T10:00:00Z\nseen = 2026-05-02T10:00:00\nat = 07:30:00\n" + tomlTouchpoint
	root, err := decodeTOML([]byte(src), 1) // the front matter starts on line 2
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var walk func(n *node, path string)
	walk = func(n *node, path string) {
		switch n.kind {
		case mapNode:
			for i, k := range n.keys {
				got = append(got, fmt.Sprintf("%s:%d", join(path, k.text), k.line))
				walk(n.vals[i], join(path, k.text))
			}
		case listNode:
			for i, item := range n.items {
				walk(item, joinIndex(path, i))
			}
		default:
			got = append(got, fmt.Sprintf("%s=%s(%s)@%d", path, n.text, n.tag, n.line))
		}
	}
	walk(root, "")
	text := strings.Join(got, " ")
	for _, want := range []string{
		"updated:2 updated=2026-05-01(date)@2 seen:3 seen=2026-05-02(date)@3 at:4 at=07:30:00(str)@4 title:5",
		"emotion:8 emotion.irina:8 emotion.irina=-1(int)@8 emotion.tomas:8 emotion.tomas=1(int)@8 importance:9",
		"barriers.1.text:13 barriers.1.text=Card scanner fails in low light(str)@13",
		"metrics:18 metrics.csi:19 metrics.csi=3.8(float)@19",
		"kpis:22 kpis.0.name:23 kpis.0.name=Form completion(str)@23",
		"kpis.1.better:32 kpis.1.better=lower(str)@32",
		"opportunities.0.due:36 opportunities.0.due=2027-03-31(date)@36",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("decoded TOML lacks %q:\n%s", want, text)
		}
	}
}

// BenchmarkDecodeTOML decodes a touchpoint's front matter written in TOML.
func BenchmarkDecodeTOML(b *testing.B) {
	for b.Loop() {
		if _, err := decodeTOML([]byte(tomlTouchpoint), 1); err != nil {
			b.Fatal(err)
		}
	}
}
