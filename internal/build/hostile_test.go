package build_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cjm-portal/cjm"
	"github.com/cjm-portal/cjm/internal/build"
	"github.com/cjm-portal/cjm/internal/gen"
	"github.com/cjm-portal/cjm/internal/publish"
)

// hostileBase is a small valid site that each hostile case adds to.
var hostileBase = map[string]string{
	"content/_index.md":                       "---\ntitle: Portal\n---\n",
	"content/personas/anna.md":                "---\ntitle: Anna\n---\n",
	"content/teams/care.md":                   "---\ntitle: Care\n---\n",
	"content/journeys/order/_index.md":        "---\ntitle: Order\npersonas: [anna]\n---\n",
	"content/journeys/order/01-pay/_index.md": "---\ntitle: Pay\n---\n",
}

const tpDir = "content/journeys/order/01-pay/"

// TestHostileSites builds sites made to break a generator, from real
// folders (symbolic links need them), and publishes what builds. Each case
// must end in a clear error naming the file, or in a correct page; never a
// panic, a hang, or a byte outside the output folder.
func TestHostileSites(t *testing.T) {
	tenMB := strings.Repeat("A paragraph of an interview, as an analyst pastes it in.\n\n", 10<<20/58) + "THE-END"
	var list strings.Builder
	list.WriteString("---\ntitle: Long list\nowner: care\npains:\n")
	for i := range 100_000 {
		fmt.Fprintf(&list, "  - \"Pain number %d\"\n", i)
	}
	list.WriteString("---\n")

	cases := []struct {
		name  string
		files map[string]string
		links map[string]string // link path in the site → target; "OUTSIDE/x" is in a folder beside the site
		// errs are the texts every one of which some error must hold; none
		// means the build must succeed.
		errs []string
		// page is an output file that must hold every text in want.
		page string
		want []string
	}{
		{
			name:  "link to a file outside the site",
			links: map[string]string{tpDir + "secret.md": "OUTSIDE/secret.md"},
			errs:  []string{tpDir + "secret.md", "symbolic link to", "outside the site"},
		},
		{
			name:  "link to a folder outside the site",
			links: map[string]string{"content/journeys/stolen": "OUTSIDE"},
			errs:  []string{"content/journeys/stolen", "outside the site"},
		},
		{
			name:  "static file linked from outside",
			links: map[string]string{"static/leak.txt": "OUTSIDE/secret.md"},
			errs:  []string{"static/leak.txt", "outside the site"},
		},
		{
			name:  "link inside the site",
			files: map[string]string{tpDir + "a.md": "---\ntitle: A\n---\n"},
			links: map[string]string{tpDir + "b.md": "a.md"},
			errs:  []string{tpDir + "b.md", "symbolic link to a.md"},
		},
		{
			name:  "10 MB body",
			files: map[string]string{tpDir + "big.md": "---\ntitle: Big\n---\n" + tenMB},
			page:  "journeys/order/pay/big/index.html",
			want:  []string{"THE-END"},
		},
		{
			name:  "100,000-item list",
			files: map[string]string{tpDir + "long.md": list.String()},
			page:  "journeys/order/pay/long/index.html",
			want:  []string{"Pain number 0", "Pain number 99999"},
		},
		{
			name:  "invalid UTF-8",
			files: map[string]string{tpDir + "bad.md": "---\ntitle: \"Bad \xff\xfe title\"\n---\nBody \xc3\x28 here.\n"},
			errs:  []string{tpDir + "bad.md:2", "not UTF-8", "0xff"},
		},
		{
			name:  "NUL and control characters",
			files: map[string]string{tpDir + "ctl.md": "---\ntitle: \"Bell\\a and \\x01 tab\\t\"\npains: [\"nul \\0 byte\"]\n---\nText \x00 with \x1b[31m escape.\n"},
			page:  "journeys/order/pay/ctl/index.html",
			want:  []string{"Bell", "byte", "escape."},
		},
		{
			name:  "byte-order mark and CRLF",
			files: map[string]string{tpDir + "win.md": "\ufeff---\r\ntitle: Saved on Windows\r\nemotion: -1\r\n---\r\nFirst line.\r\nSecond line.\r\n"},
			page:  "journeys/order/pay/win/index.html",
			want:  []string{"Saved on Windows", "First line."},
		},
		{
			name:  "names that differ only in case",
			files: map[string]string{tpDir + "Call.md": "---\ntitle: Call\n---\n", tpDir + "call.md": "---\ntitle: call\n---\n"},
			errs:  []string{tpDir + "call.md", tpDir + "Call.md"},
		},
		{
			name:  "names that differ only in Unicode normalisation",
			files: map[string]string{tpDir + "caf\u00e9.md": "---\ntitle: NFC\n---\n", tpDir + "cafe\u0301.md": "---\ntitle: NFD\n---\n"},
			errs:  []string{"caf\u00e9.md", "cafe\u0301.md"},
		},
		{
			name:  "slug that climbs out",
			files: map[string]string{tpDir + "up.md": "---\ntitle: Up\nslug: ../../../etc\n---\n"},
			errs:  []string{tpDir + "up.md:3", "slug"},
		},
		{
			name:  "YAML alias bomb",
			files: map[string]string{tpDir + "bomb.md": "---\ntitle: Bomb\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n---\n"},
			errs:  []string{tpDir + "bomb.md", "aliases"},
		},
		{
			name:  "deeply nested Markdown",
			files: map[string]string{tpDir + "deep.md": "---\ntitle: Deep\n---\n" + strings.Repeat("> ", 10_000) + "quote\n\n" + strings.Repeat("[", 50_000) + "\n"},
			page:  "journeys/order/pay/deep/index.html",
			want:  []string{"quote"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			top := t.TempDir()
			site, outside, out := filepath.Join(top, "site"), filepath.Join(top, "outside"), filepath.Join(top, "out")
			write(t, outside, map[string]string{"secret.md": "---\ntitle: SECRET\n---\nSECRET\n"})
			write(t, site, hostileBase)
			write(t, site, c.files)
			for link, target := range c.links {
				target = strings.Replace(target, "OUTSIDE", outside, 1)
				p := filepath.Join(site, filepath.FromSlash(link))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(target, p); err != nil {
					t.Skip("no symbolic links here:", err)
				}
			}

			res := buildWithin(t, os.DirFS(site), out, 2*time.Minute)
			errs := res.Diags.Errors()
			if len(c.errs) > 0 {
				if res.OK() {
					t.Fatal("the build succeeded; want an error")
				}
				text := errs.String()
				for _, want := range c.errs {
					if !strings.Contains(text, want) {
						t.Errorf("errors do not mention %q:\n%s", want, text)
					}
				}
				for _, d := range errs {
					if d.File == "" {
						t.Errorf("an error names no file: %s", d)
					}
				}
				return
			}
			if !res.OK() {
				t.Fatalf("build failed:\n%s", errs)
			}
			page, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(c.page)))
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range c.want {
				if !bytes.Contains(page, []byte(want)) {
					t.Errorf("%s does not show %q", c.page, want)
				}
			}
			checkOutput(t, out)
			if entries, _ := os.ReadDir(top); len(entries) != 3 {
				t.Errorf("the build wrote beside the output folder: %v", entries)
			}
			if entries, _ := os.ReadDir(outside); len(entries) != 1 {
				t.Errorf("the build wrote into a folder outside: %v", entries)
			}
		})
	}
}

// buildWithin builds the site into the folder out as cjm build does,
// failing the test if it takes longer than limit: a generator that hangs
// on some input never returns at all.
func buildWithin(t *testing.T, site fs.FS, out string, limit time.Duration) *build.Result {
	t.Helper()
	dir, err := publish.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Close()
	done := make(chan *build.Result, 1)
	go func() {
		done <- build.Build(context.Background(), build.Options{Source: site, Builtin: cjm.DefaultTheme(), Now: now,
			Out: publish.Minify(publish.SkipUnchanged(dir), publish.NewMinifier())})
	}()
	select {
	case res := <-done:
		return res
	case <-time.After(limit):
		t.Fatalf("the build did not finish in %s", limit)
		return nil
	}
}

// checkOutput checks every published file with checkFile.
func checkOutput(t *testing.T, out string) {
	t.Helper()
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil {
			checkFile(t, p, data)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkFile checks one output file: HTML is valid UTF-8 without NUL, and
// an SVG is well-formed XML.
func checkFile(t *testing.T, name string, data []byte) {
	t.Helper()
	switch filepath.Ext(name) {
	case ".html":
		if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
			t.Errorf("%s is not clean UTF-8", name)
		}
	case ".svg":
		dec := xml.NewDecoder(bytes.NewReader(data))
		for {
			_, err := dec.Token()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				t.Errorf("%s is not well-formed: %v", name, err)
				return
			}
		}
	}
}

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestHostileOutput publishes into an output folder that holds the user's
// files beside cjm's, with names that a manifest of one name a line broke
// (a newline, a tab) and names that differ only in case: cjm changes only
// the files it wrote, and refuses to overwrite any other.
func TestHostileOutput(t *testing.T) {
	top := t.TempDir()
	site, out := filepath.Join(top, "site"), filepath.Join(top, "out")
	write(t, site, hostileBase)
	write(t, site, map[string]string{
		"static/x\ny.txt":      "a newline in the name",
		"static/tab\there.txt": "a tab in the name",
		"static/Case.txt":      "upper case",
		"static/case.txt":      "lower case",
	})
	user := map[string]string{
		"x":           "the user's: the name before the newline",
		"y.txt":       "the user's: the name after it",
		"tab":         "the user's",
		"CASE.txt":    "the user's",
		"bad\xff.txt": "the user's, not UTF-8",
	}
	write(t, out, user)
	rebuild := func() *build.Result {
		t.Helper()
		return buildWithin(t, os.DirFS(site), out, 2*time.Minute)
	}
	if res := rebuild(); !res.OK() {
		t.Fatalf("build failed: %v %s", res.Err, res.Diags.Errors())
	}
	files := tree(t, out)
	for name, want := range map[string]string{"x\ny.txt": "a newline in the name", "tab\there.txt": "a tab in the name", "Case.txt": "upper case", "case.txt": "lower case"} {
		if files[name] != want {
			t.Errorf("%q = %q, want %q", name, files[name], want)
		}
	}
	keepsUsers := func(step string) {
		t.Helper()
		files := tree(t, out)
		for name, want := range user {
			if files[name] != want {
				t.Errorf("%s: the user's %q = %q, want %q", step, name, files[name], want)
			}
		}
	}
	keepsUsers("first build")

	// Removed from the site, removed from the output; nothing else is.
	for _, name := range []string{"static/x\ny.txt", "static/Case.txt"} {
		if err := os.Remove(filepath.Join(site, name)); err != nil {
			t.Fatal(err)
		}
	}
	if res := rebuild(); !res.OK() || res.Published.Removed != 2 {
		t.Fatalf("build: %v %s, %+v", res.Err, res.Diags.Errors(), res.Published)
	}
	files = tree(t, out)
	for name, want := range map[string]bool{"x\ny.txt": false, "Case.txt": false, "case.txt": true, "tab\there.txt": true} {
		if _, ok := files[name]; ok != want {
			t.Errorf("%q there: %v, want %v", name, ok, want)
		}
	}
	keepsUsers("a build that removes files")

	// A file the build would overwrite that cjm did not write: the build
	// fails, names it, says what to do, and changes nothing.
	for _, c := range []struct{ site, out string }{
		{"static/new page.txt", "new page.txt"},
		{"content/personas/bea.md", "personas/bea/index.html"},
	} {
		write(t, site, map[string]string{c.site: "---\ntitle: Bea\n---\n"})
		write(t, out, map[string]string{c.out: "the user's"})
		before := tree(t, out)
		res := rebuild()
		if res.Err == nil || !strings.Contains(res.Err.Error(), filepath.Join(out, c.out)+" was not written by cjm") || !strings.Contains(res.Err.Error(), "or build into another folder") {
			t.Errorf("%s in the way: %v", c.out, res.Err)
		}
		if after := tree(t, out); !maps.Equal(before, after) {
			t.Errorf("%s in the way: the output changed", c.out)
		}
		os.Remove(filepath.Join(out, c.out))
		if res := rebuild(); !res.OK() {
			t.Errorf("%s moved away: %v %s", c.out, res.Err, res.Diags.Errors())
		}
	}
	keepsUsers("refused builds")
}

// TestInterruptedBuild cancels a build halfway, as Ctrl+C does: the build
// stops, and the output folder is the previous build, with nothing left
// over.
func TestInterruptedBuild(t *testing.T) {
	site, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	if _, err := gen.Write(site, gen.Files(gen.Options{Touchpoints: 60, Seed: 3, BodyWords: 20})); err != nil {
		t.Fatal(err)
	}
	if res := buildWithin(t, os.DirFS(site), out, 2*time.Minute); !res.OK() {
		t.Fatalf("build failed: %v %s", res.Err, res.Diags.Errors())
	}
	before := tree(t, out)

	dir, err := publish.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sink := &cancelling{Sink: publish.SkipUnchanged(dir), cancel: cancel, after: 20}
	// Another base URL: every page changes.
	res := build.Build(ctx, build.Options{Source: os.DirFS(site), Builtin: cjm.DefaultTheme(), Now: now, BaseURL: "/elsewhere/", Out: sink})
	dir.Close()
	if !errors.Is(res.Err, context.Canceled) {
		t.Errorf("the build's error: %v, want context.Canceled", res.Err)
	}
	if n := int(sink.late.Load()); n > runtime.GOMAXPROCS(0) {
		t.Errorf("%d files were handed over after the build was interrupted", n)
	}
	if after := tree(t, out); !maps.Equal(before, after) {
		t.Error("the output is not the previous build")
	}
}

// cancelling cancels the build after so many files have been put.
type cancelling struct {
	publish.Sink
	cancel func()
	after  int32
	puts   atomic.Int32
	late   atomic.Int32 // files put after cancelling
}

func (c *cancelling) Put(name string, data []byte) error {
	switch n := c.puts.Add(1); {
	case n == c.after:
		c.cancel()
	case n > c.after:
		c.late.Add(1)
	}
	return c.Sink.Put(name, data)
}

// tree returns every file under dir, name → bytes.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
