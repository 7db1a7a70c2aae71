package content

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cjm-portal/cjm/internal/diag"
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
		{"YAML over 1 MB", "---\ntitle: A\npains: [" + strings.Repeat("a, ", 400_000) + "a]\n---\n", 1, "front matter is 1,200,020 bytes, over the limit of 1 MB"},
		{"YAML 1,000,000 items", "\n---\npains:\n" + strings.Repeat("- a\n", 1_000_000) + "---\n", 2, "front matter is 4,000,007 bytes, over the limit of 1 MB"},
		{"TOML over 1 MB", "+++\npains = [" + strings.Repeat("1, ", 400_000) + "]\n+++\n", 1, "front matter is 1,200,011 bytes, over the limit of 1 MB"},
		{"JSON over 1 MB", "{\n\"pains\": [" + strings.Repeat("1, ", 400_000) + "1]\n}\n\n", 1, "front matter is 1,200,013 bytes, over the limit of 1 MB"},
		{"YAML 10,000 items", "---\npains: [" + strings.Repeat("a, ", 9_999) + "a]\n---\n", 0, ""},
		{"YAML 10,001 items", "---\ntitle: A\npains:\n" + strings.Repeat("  - a\n", 10_001) + "---\n", 3, "pains: holds 10,001 items, over the limit of 10,000"},
		{"YAML 10,001 items two levels down", "---\nkpis:\n  - name: a\n  - name: b\n    list: [" + strings.Repeat("1, ", 10_000) + "1]\n---\n", 5, "kpis[2].list: holds 10,001 items"},
		{"YAML a list of 10,001 lists", "---\na:\n  - [" + strings.Repeat("[1], ", 10_000) + "[2]]\n---\n", 3, "a[1]: holds 10,001 items"},
		{"YAML 10,001 keys", "---\nemotion: {" + yamlKeys(10_001) + "}\n---\n", 2, "emotion: holds 10,001 keys, over the limit of 10,000"},
		{"YAML 10,001 keys at the top", "---\n" + strings.ReplaceAll(yamlKeys(10_001), ", ", "\n") + "\n---\n", 2, "front matter: holds 10,001 keys"},
		{"JSON 10,001 items", "{\n\"title\": \"A\",\n\"pains\": [" + strings.Repeat("1, ", 10_000) + "1]\n}\n\n", 3, "pains: holds more items than the limit of 10,000"},
		{"JSON 10,001 keys, a list down", "{\n\"kpis\": [{}, {" + strings.TrimSuffix(strings.Repeat("\"k\": 1, ", 10_001), ", ") + "}]\n}\n\n", 2, "kpis[2]: holds more keys than the limit of 10,000"},
		{"TOML 10,001 items", "+++\ntitle = \"A\"\npains = [" + strings.Repeat("1, ", 10_000) + "1]\n+++\n", 3, "pains: holds 10,001 items"},
		{"TOML 10,001 arrays of tables", "+++\n" + strings.Repeat("[[kpis]]\n", 10_001) + "+++\n", 2, "kpis: holds 10,001 items"},
		{"YAML 65 levels", "---\na: " + strings.Repeat("[", 65) + strings.Repeat("]", 65) + "\n---\n", 2, "front matter is nested more than 64 levels deep"},
		{"YAML 64 levels", "---\na: " + strings.Repeat("[", 63) + strings.Repeat("]", 63) + "\n---\n", 0, ""},
		{"YAML maps 10,000 deep", "---\na: " + strings.Repeat("{b: ", 10_000) + "1" + strings.Repeat("}", 10_000) + "\n---\n", 2, "nested more than 64 levels"},
		{"YAML flow lists 500,000 deep", "---\ntitle: A\na: " + strings.Repeat("[", 500_000) + "\n---\n", 3, "front matter is nested more than 64 levels deep"},
		{"YAML list markers 10,000 deep", "---\na:\n" + strings.Repeat("- ", 10_000) + "x\n---\n", 3, "nested more than 64 levels"},
		{"JSON 65 levels", "{\n\"a\":\n" + strings.Repeat("[", 65) + strings.Repeat("]", 65) + "\n}\n\n", 3, "front matter is nested more than 64 levels deep"},
		{"JSON 10,000 levels", "{\n\"a\": " + strings.Repeat("{\"b\": ", 10_000) + "1" + strings.Repeat("}", 10_000) + "\n}\n\n", 2, "nested more than 64 levels"},
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

// pathological front matters, each refused by a bound.
var pathological = []struct{ name, src string }{
	{"TOML inline tables 10,000 deep", deepTOML(10_000)},
	{"TOML dotted key 100,000 parts", "+++\n" + strings.Repeat("a.", 100_000) + "b = 1\n+++\n"},
	{"YAML maps 10,000 deep", "---\na: " + strings.Repeat("{b: ", 10_000) + "1" + strings.Repeat("}", 10_000) + "\n---\n"},
	{"YAML list markers 100,000 deep", "---\na:\n" + strings.Repeat("- ", 100_000) + "x\n---\n"},
	{"JSON 100,000 deep", "{\n\"a\": " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "\n}\n\n"},
	{"YAML 1,000,000 items", "---\npains:\n" + strings.Repeat("  - \"Pain number 123456\"\n", 1_000_000) + "---\n"},
	{"TOML 300,000 items in 1 MB", "+++\np = [" + strings.Repeat("1,", 300_000) + "]\n+++\n"},
	{"JSON 300,000 items in 1 MB", "{\n\"p\": [" + strings.Repeat("1,", 300_000) + "1]\n}\n\n"},
}

// TestRefusedCheaply checks that each pathological front matter is refused
// with bounded work: no more memory than a parser takes over a megabyte,
// the size limit, where parsing them took up to 745 MB (the 1,000,000-item
// list in YAML) or 2.3 GB (the TOML tables).
func TestRefusedCheaply(t *testing.T) {
	for _, c := range pathological {
		t.Run(c.name, func(t *testing.T) {
			var err error
			src := []byte(c.src)
			n := allocated(func() { _, err = splitFrontMatter(src) })
			if err == nil {
				t.Fatal("not refused")
			}
			if limit := uint64(128 << 20); n > limit {
				t.Errorf("refusing it allocated %d MB, more than %d MB", n>>20, limit>>20)
			}
		})
	}
}

// allocated is how many bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// BenchmarkRefuse times how long each pathological front matter takes to
// be refused, and the worst YAML under the size limit: the YAML parser
// reads a whole megabyte before the list's length can be counted.
func BenchmarkRefuse(b *testing.B) {
	worst := struct{ name, src string }{"YAML 500,000 items in 1 MB", "---\np: [" + strings.Repeat("a,", 500_000) + "]\n---\n"}
	for _, c := range append(pathological, worst) {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := splitFrontMatter([]byte(c.src)); err == nil {
					b.Fatal("not refused")
				}
			}
		})
	}
}

// yamlKeys writes n keys of a flow map: "k0: 1, k1: 1, …".
func yamlKeys(n int) string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = "k" + strconv.Itoa(i) + ": 1"
	}
	return strings.Join(keys, ", ")
}

// TestMarkdownTooDeep checks that a body nested past markdown.MaxDepth is
// an error at its line in the file, whatever the front matter, and that
// the body is dropped so that nothing renders it.
func TestMarkdownTooDeep(t *testing.T) {
	deep := strings.Repeat("> ", 200_000) + "x\n"
	tests := []struct {
		name, src string
		line      int
	}{
		{"no front matter", "Intro.\n\n" + deep, 3},
		{"YAML", "---\ntitle: A\n---\nIntro.\n" + deep, 5},
		{"YAML with a BOM and CRLF", "\ufeff---\r\ntitle: A\r\n---\r\n\r\n" + deep, 5},
		{"old Mac line ends", "---\rtitle: A\r---\rIntro.\r" + strings.ReplaceAll(deep, "\n", "\r"), 5},
		{"TOML", "+++\ntitle = \"A\"\n+++\n" + deep, 4},
		{"JSON", "{\n\"title\": \"A\"\n}\n\n" + deep, 5},
		{"JSON after ;;;", ";;;\n{\"title\": \"A\"}\n;;;\n\n\n" + deep, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			item := loadFile(fstest.MapFS{"content/guide.md": {Data: []byte(tt.src)}}, "content/guide.md", DefaultMaxFileMB<<20, nil, &diags)
			want := fmt.Sprintf("content/guide.md:%d: the body nests lists and block quotes more than 100 levels deep", tt.line)
			if !strings.Contains("\n"+diags.String(), "\n"+want) {
				t.Errorf("diagnostics:\n%s\nwant: %s", diags, want)
			}
			if p, ok := item.(*Page); !ok || p.Body != nil {
				t.Errorf("item = %#v, want a page without its body", item)
			}
		})
	}
}

// sizedFS serves files whose size is all they tell: reading one reads
// nothing but is noted, so a file refused from its size is shown to be
// refused unread.
type sizedFS struct {
	fstest.MapFS
	size map[string]int64
	read map[string]*atomic.Bool
}

func (s sizedFS) Open(name string) (fs.File, error) {
	if n, ok := s.size[name]; ok {
		return sizedFile{name, n, s.read[name]}, nil
	}
	return s.MapFS.Open(name)
}

type sizedFile struct {
	name string
	size int64
	read *atomic.Bool
}

func (f sizedFile) Stat() (fs.FileInfo, error) { return f, nil }
func (f sizedFile) Name() string               { return path.Base(f.name) }
func (f sizedFile) Size() int64                { return f.size }
func (f sizedFile) Mode() fs.FileMode          { return 0o644 }
func (f sizedFile) ModTime() time.Time         { return time.Time{} }
func (f sizedFile) IsDir() bool                { return false }
func (f sizedFile) Sys() any                   { return nil }
func (f sizedFile) Read([]byte) (int, error) {
	f.read.Store(true)
	return 0, io.EOF
}
func (f sizedFile) Close() error { return nil }

// TestFileSize checks the size limit of content files: 10 MB unless the
// site settings raise or lower it, a file over it refused unread.
func TestFileSize(t *testing.T) {
	tests := []struct {
		name     string
		settings string // keys of content/_index.md
		file     string // the file that is only a size
		size     int64
		read     bool   // whether it is to be read
		want     string // a diagnostic, as the list's String writes it
	}{
		{"10 MB is read", "", "content/big.md", 10 << 20, true, ""},
		{"50 MB is not", "", "content/big.md", 50 << 20, false,
			"content/big.md: is 52,428,800 bytes, over the limit of 10 MB a file; split it, or raise `maxFileMB` in content/_index.md (10 by default)"},
		{"raised", "maxFileMB: 60\n", "content/big.md", 50 << 20, true, ""},
		{"lowered", "maxFileMB: 1\n", "content/big.md", 1<<20 + 1, false,
			"content/big.md: is 1,048,577 bytes, over the limit of 1 MB a file; split it, or raise `maxFileMB` in content/_index.md (10 by default)"},
		{"out of range", "maxFileMB: 0\n", "content/big.md", 50 << 20, false,
			"content/_index.md:3: maxFileMB: 0 is out of range; use a whole number of megabytes from 1 to 1024; 10 if absent\ncontent/big.md: is 52,428,800 bytes, over the limit of 10 MB a file"},
		{"the settings themselves", "", "content/_index.md", 11 << 20, false,
			"content/_index.md: is 11,534,336 bytes, over the limit of 10 MB a file; the site settings are read before their own `maxFileMB`: keep this file under 10 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := sizedFS{
				MapFS: fstest.MapFS{
					"content/_index.md":        {Data: []byte("---\ntitle: Site\n" + tt.settings + "---\n")},
					"content/personas/anna.md": {Data: []byte("---\ntitle: Anna\n---\n")},
					tt.file:                    {}, // for the walk to list
				},
				size: map[string]int64{tt.file: tt.size},
				read: map[string]*atomic.Bool{tt.file: new(atomic.Bool)},
			}
			_, diags := Load(fsys)
			if read := fsys.read[tt.file].Load(); read != tt.read {
				t.Errorf("%s read: %v, want %v", tt.file, read, tt.read)
			}
			if got := diags.String(); !strings.Contains(got, tt.want) || tt.want == "" && strings.Contains(got, "over the limit") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
