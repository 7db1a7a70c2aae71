package content

import (
	"strings"
	"testing"
)

// deepTOML is an inline table nested n deep: `a = {b = {b = … 1}}`.
func deepTOML(n int) string {
	return "+++\na = " + strings.Repeat("{b = ", n) + "1" + strings.Repeat("}", n) + "\n+++\n"
}

// TestFrontMatterLimits checks each bound of a front matter in every
// format, and keys given twice, at any depth: the error, its line and
// that it names both lines where a key is given twice.
func TestFrontMatterLimits(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"TOML inline tables 10,000 deep", deepTOML(10_000), 2, "front matter is nested more than 64 levels deep"},
		{"TOML inline tables 64 deep", deepTOML(63), 0, ""},
		{"TOML arrays 10,000 deep", "+++\n\na = " + strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000) + "\n+++\n", 3, "nested more than 64 levels"},
		{"TOML dotted key 100,000 parts", "+++\ntitle = \"A\"\n" + strings.Repeat("a.", 100_000) + "b = 1\n+++\n", 3, "nested more than 64 levels"},
		{"TOML table header 100,000 parts", "+++\n[" + strings.Repeat("a.", 100_000) + "b]\nc = 1\n+++\n", 2, "nested more than 64 levels"},
		{"TOML arrays of tables 40 deep", "+++\n" + tomlArrays(40) + "+++\n", 34, "nested more than 64 levels"},
		{"YAML key twice", "---\ntitle: A\nowner: x\ntitle: B\n---\n", 4, "title: given twice, at lines 2 and 4"},
		{"YAML key twice, once quoted", "---\ntitle: A\n\"title\": B\n---\n", 3, "title: given twice, at lines 2 and 3"},
		{"YAML key twice in a map", "---\nmetrics:\n  csi: 4\n  nps: 1\n  csi: 5\n---\n", 5, "metrics.csi: given twice, at lines 3 and 5"},
		{"YAML key twice in a flow map", "---\nemotion: {irina: 1, irina: 2}\n---\n", 2, "emotion.irina: given twice on line 2"},
		{"YAML key twice in a list item", "---\nkpis:\n  - name: a\n  - name: b\n    unit: s\n    name: c\n---\n", 6, "kpis[2].name: given twice, at lines 4 and 6"},
		{"YAML key twice four levels down", "---\na:\n  - b:\n      - c: 1\n        d: 2\n        c: 3\n---\n", 6, "a[1].b[1].c: given twice, at lines 4 and 6"},
		{"YAML the same key in two maps", "---\na: {x: 1}\nb: {x: 1}\nc: [{x: 1}, {x: 2}]\n---\n", 0, ""},
		{"YAML a persona in two cases", "---\nemotion: {Irina: 1, irina: 2}\n---\n", 0, ""},
		{"JSON key twice", "{\n\"title\": \"A\",\n\"title\": \"B\"\n}\n\n", 3, "title: given twice, at lines 2 and 3"},
		{"JSON key twice in a list item", "{\n\"kpis\": [{\"name\": \"a\"},\n  {\"name\": \"b\",\n   \"name\": \"c\"}]\n}\n\n", 4, "kpis[2].name: given twice, at lines 3 and 4"},
		{"JSON key twice after ;;;", ";;;\n{\"metrics\": {\"csi\": 4,\n\"csi\": 5}}\n;;;\n", 3, "metrics.csi: given twice, at lines 2 and 3"},
		{"TOML key twice", "+++\ntitle = \"A\"\nowner = \"x\"\ntitle = \"B\"\n+++\n", 4, "title: given twice, at lines 2 and 4"},
		{"TOML table twice", "+++\n[metrics]\ncsi = 4\n[metrics]\nnps = 1\n+++\n", 4, "[metrics]: given twice, at lines 2 and 4"},
		{"TOML key twice in a table", "+++\n[metrics]\ncsi = 4\ncsi = 5\n+++\n", 4, "metrics.csi: given twice, at lines 3 and 4"},
		{"TOML key twice in an inline table", "+++\nemotion = {irina = 1,\n  irina = 2}\n+++\n", 3, "emotion.irina: given twice, at lines 2 and 3"},
		{"TOML key twice in an array of tables", "+++\n[[kpis]]\nname = \"a\"\n[[kpis]]\nname = \"b\"\nunit = \"s\"\nname = \"c\"\n+++\n", 7, "kpis[2].name: given twice, at lines 5 and 7"},
		{"TOML key twice in an array", "+++\nbarriers = [{text = \"a\"}, {text = \"b\", text = \"c\"}]\n+++\n", 2, "barriers[2].text: given twice on line 2"},
		{"TOML dotted key and a table", "+++\nmetrics.csi = 4\n[metrics]\nnps = 1\n+++\n", 3, "malformed TOML front matter: table metrics already exists as defined by a dotted key (first at line 2)"},
		{"TOML the same key in two tables", "+++\n[a]\nx = 1\n[b]\nx = 1\n[[k]]\nx = 1\n[[k]]\nx = 1\n+++\n", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := splitFrontMatter([]byte(tt.src))
			if tt.msg == "" {
				if err != nil {
					t.Fatalf("err = %v, want none", err)
				}
				return
			}
			e, ok := err.(*fmError)
			if !ok {
				t.Fatalf("err = %v, want an fmError", err)
			}
			if e.line != tt.line || !strings.Contains(e.msg, tt.msg) {
				t.Errorf("got line %d %q, want line %d %q", e.line, e.msg, tt.line, tt.msg)
			}
		})
	}
}

// tomlArrays nests arrays of tables n deep, [[a]], [[a.a]], …, each
// two levels an array: the 33rd is 66 deep.
func tomlArrays(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString("[[" + strings.TrimSuffix(strings.Repeat("a.", i), ".") + "]]\n")
	}
	return b.String()
}

// BenchmarkRefuse times how long each pathological front matter takes to
// be refused.
func BenchmarkRefuse(b *testing.B) {
	for _, c := range []struct{ name, src string }{
		{"TOML inline tables 10,000 deep", deepTOML(10_000)},
		{"TOML dotted key 100,000 parts", "+++\n" + strings.Repeat("a.", 100_000) + "b = 1\n+++\n"},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := splitFrontMatter([]byte(c.src)); err == nil {
					b.Fatal("not refused")
				}
			}
		})
	}
}
