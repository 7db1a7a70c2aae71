package build_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cjm-portal/cjm"
	"github.com/cjm-portal/cjm/internal/build"
	"github.com/cjm-portal/cjm/internal/gen"
	"github.com/cjm-portal/cjm/internal/publish"
	"github.com/cjm-portal/cjm/internal/sitefs"
	"github.com/cjm-portal/cjm/internal/theme"
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

// stuckAfter is the time a page may take in the hostile templates' builds.
// A page that never ends is stopped at it whatever it is; the ordinary
// pages of the same build must end well within it even on a loaded
// machine under the race detector, where 200 ms proved too little.
const stuckAfter = time.Second

// TestHostileSites builds sites made to break a generator, from real
// folders (symbolic links need them), and publishes what builds. Each case
// must end in a clear error naming the file, or in a correct page; never a
// panic, a hang, or a byte outside the output folder.
func TestHostileSites(t *testing.T) {
	t.Parallel() // one of the longest tests, with its own site and output
	// Making the big files took a third of this test's time: the 10 MB
	// body is made once and appended to the big files as they are
	// written (tenMBs), and the long lists are made without fmt.
	tenMB := strings.Repeat("A paragraph of an interview, as an analyst pastes it in.\n\n", 10<<20/58) + "THE-END"
	longList := func(n int) string {
		var list strings.Builder
		list.Grow(64 + n*len(`  - "Pain number 1000000"`+"\n"))
		list.WriteString("---\ntitle: Long list\nowner: care\npains:\n")
		for i := range n {
			list.WriteString("  - \"Pain number ")
			list.WriteString(strconv.Itoa(i))
			list.WriteString("\"\n")
		}
		list.WriteString("---\n")
		return list.String()
	}

	cases := []struct {
		name  string
		files map[string]string
		links map[string]string // link path in the site → target; "OUTSIDE/x" is in a folder beside the site
		// tenMBs: the 10 MB body is appended to these files of files so
		// many times, written rather than held whole in memory.
		tenMBs map[string]int
		// errs are the texts every one of which some error must hold; none
		// means the build must succeed.
		errs []string
		// absent are texts no error may hold.
		absent []string
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
		// Every folder cjm reads, linked to a folder outside: each is an
		// error naming the link, and nothing below it is read.
		{
			name:  "content folder linked from outside",
			links: map[string]string{"content": "OUTSIDE"},
			errs:  []string{"content: is a symbolic link to OUTSIDE, outside the site; cjm does not follow links"},
			// Said once: the link is all there is to say.
			absent: []string{"no content folder"},
		},
		{
			name:  "folder inside content linked from outside",
			links: map[string]string{"content/journeys/order/01-pay": "OUTSIDE"},
			errs:  []string{"content/journeys/order/01-pay: is a symbolic link to OUTSIDE, outside the site"},
		},
		{
			name:  "static folder linked from outside",
			links: map[string]string{"static": "OUTSIDE"},
			errs:  []string{"static: is a symbolic link to OUTSIDE, outside the site; cjm does not follow links"},
		},
		{
			name:  "layouts folder linked from outside",
			links: map[string]string{"layouts": "OUTSIDE"},
			errs:  []string{"layouts: is a symbolic link to OUTSIDE, outside the site"},
		},
		{
			name:  "themes folder linked from outside",
			links: map[string]string{"themes": "OUTSIDE"},
			errs:  []string{"themes: is a symbolic link to OUTSIDE, outside the site"},
		},
		{
			name:   "theme folder linked from outside",
			files:  map[string]string{"content/_index.md": "---\ntitle: Portal\ntheme: corporate\n---\n"},
			links:  map[string]string{"themes/corporate": "OUTSIDE"},
			errs:   []string{"themes/corporate: is a symbolic link to OUTSIDE, outside the site"},
			absent: []string{"no folder themes/corporate"},
		},
		{
			name:  "theme's static folder linked from outside",
			links: map[string]string{"themes/default/static": "OUTSIDE"},
			errs:  []string{"themes/default/static: is a symbolic link to OUTSIDE, outside the site"},
		},
		{
			name:  "theme's layouts folder linked from outside",
			links: map[string]string{"themes/default/layouts": "OUTSIDE"},
			errs:  []string{"themes/default/layouts: is a symbolic link to OUTSIDE, outside the site"},
		},
		{
			name:  "theme's static folder linked to a folder of the site",
			files: map[string]string{"static/css/site.css": "body{}"},
			links: map[string]string{"themes/default/static": "../../static"},
			errs:  []string{"themes/default/static: is a symbolic link to ../../static; cjm does not follow links"},
		},
		{
			name:  "link inside the site",
			files: map[string]string{tpDir + "a.md": "---\ntitle: A\n---\n"},
			links: map[string]string{tpDir + "b.md": "a.md"},
			errs:  []string{tpDir + "b.md", "symbolic link to a.md"},
		},
		{
			name:   "10 MB body",
			files:  map[string]string{tpDir + "big.md": "---\ntitle: Big\n---\n"},
			tenMBs: map[string]int{tpDir + "big.md": 1},
			page:   "journeys/order/pay/big/index.html",
			want:   []string{"THE-END"},
		},
		{
			name:   "50 MB body",
			files:  map[string]string{tpDir + "huge.md": "---\ntitle: Huge\n---\n"},
			tenMBs: map[string]int{tpDir + "huge.md": 5},
			errs:   []string{tpDir + "huge.md: is 52,428,575 bytes, over the limit of 10 MB a file; split it, or raise `maxFileMB` in content/_index.md"},
		},
		{
			name:  "10,000-item list",
			files: map[string]string{tpDir + "long.md": longList(10_000)},
			page:  "journeys/order/pay/long/index.html",
			want:  []string{"Pain number 0", "Pain number 9999"},
		},
		{
			name:  "1,000,000-item list",
			files: map[string]string{tpDir + "long.md": longList(1_000_000)},
			errs:  []string{tpDir + "long.md", "over the limit of"},
		},
		{
			name:  "10,001-item list",
			files: map[string]string{tpDir + "long.md": "---\ntitle: Long\nowner: care\nemotion: 1\npains: [" + strings.Repeat("a, ", 10_000) + "a]\n---\n"},
			errs:  []string{tpDir + "long.md:5: pains: holds 10,001 items, over the limit of 10,000"},
		},
		{
			name:  "TOML inline tables 10,000 deep",
			files: map[string]string{tpDir + "deep.md": "+++\ntitle = \"Deep\"\na = " + strings.Repeat("{b = ", 10_000) + "1" + strings.Repeat("}", 10_000) + "\n+++\n"},
			errs:  []string{tpDir + "deep.md:3: front matter is nested more than 64 levels deep"},
		},
		{
			name:  "invalid UTF-8",
			files: map[string]string{tpDir + "bad.md": "---\ntitle: \"Bad \xff\xfe title\"\n---\nBody \xc3\x28 here.\n"},
			errs:  []string{tpDir + "bad.md:2", "not UTF-8", "0xff"},
		},
		{
			name: "file and folder names not in UTF-8",
			files: map[string]string{
				tpDir + "caf\xe9.md":                           "---\ntitle: Latin-1\n---\n",
				"content/journeys/order/02-\xff\xfe/_index.md": "---\ntitle: Stage\n---\n",
				"static/logo\xe9.png":                          "PNG",
			},
			errs: []string{
				tpDir + `caf\xe9.md: the file name is not UTF-8: byte 0xe9 cannot start or continue a character; rename it, in UTF-8`,
				`content/journeys/order/02-\xff\xfe: the folder name is not UTF-8: byte 0xff`,
				`static/logo\xe9.png: the file name is not UTF-8: byte 0xe9`,
			},
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
			name: "duplicate keys",
			files: map[string]string{
				tpDir + "dup.md":      "---\ntitle: A\nowner: care\nkpis:\n  - name: NPS\n    name: CSI\ntitle: B\n---\n",
				tpDir + "dup-json.md": "{\n\"title\": \"A\",\n\"title\": \"B\"\n}\n\n",
				tpDir + "dup-toml.md": "+++\ntitle = \"A\"\ntitle = \"B\"\n+++\n",
			},
			errs: []string{tpDir + "dup.md:6: kpis[1].name: given twice, at lines 5 and 6", tpDir + "dup-json.md:3: title: given twice, at lines 2 and 3",
				tpDir + "dup-toml.md:3: title: given twice, at lines 2 and 3"},
		},
		{
			name:  "deeply nested Markdown",
			files: map[string]string{tpDir + "deep.md": "---\ntitle: Deep\n---\n" + strings.Repeat("> ", 100) + "quote\n\n" + strings.Repeat("- ", 100) + "item\n\n" + strings.Repeat("[", 50_000) + "\n"},
			page:  "journeys/order/pay/deep/index.html",
			want:  []string{"quote", "item"},
		},
		{
			name:  "100,000 nested list markers",
			files: map[string]string{tpDir + "deep.md": "---\ntitle: Deep\n---\nIntro.\n\n" + strings.Repeat("- ", 100_000) + "x\n"},
			errs:  []string{tpDir + "deep.md:6: the body nests lists and block quotes more than 100 levels deep"},
		},
		{
			name:  "> × 200,000",
			files: map[string]string{tpDir + "deep.md": "---\ntitle: Deep\n---\n" + strings.Repeat(">", 200_000) + "x\n"},
			errs:  []string{tpDir + "deep.md:4: the body nests lists and block quotes more than 100 levels deep"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			top := t.TempDir()
			site, outside, out := filepath.Join(top, "site"), filepath.Join(top, "outside"), filepath.Join(top, "out")
			// What a followed link would bring in: a page, a template, a
			// static file, each of which would show up if published.
			write(t, outside, map[string]string{
				"secret.md":            "---\ntitle: SECRET\n---\nSECRET\n",
				"LEAKED.txt":           "LEAKED",
				"home.html":            "LEAKED",
				"leaked/_index.md":     "---\ntitle: LEAKED\n---\n",
				"leaked/LEAKED-tp.md":  "---\ntitle: LEAKED\n---\n",
				"layouts/home.html":    "LEAKED",
				"static/LEAKED.css":    "LEAKED",
				"journeys/x/_index.md": "---\ntitle: LEAKED\n---\n",
			})
			write(t, site, hostileBase)
			write(t, site, c.files)
			for name, n := range c.tenMBs {
				f, err := os.OpenFile(filepath.Join(site, filepath.FromSlash(name)), os.O_WRONLY|os.O_APPEND, 0)
				if err != nil {
					t.Fatal(err)
				}
				for range n {
					if _, err := f.WriteString(tenMB); err != nil {
						t.Fatal(err)
					}
				}
				if err := f.Close(); err != nil {
					t.Fatal(err)
				}
			}
			for link, target := range c.links {
				target = strings.Replace(target, "OUTSIDE", outside, 1)
				p := filepath.Join(site, filepath.FromSlash(link))
				if err := os.RemoveAll(p); err != nil { // a link in place of the site's folder
					t.Fatal(err)
				}
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(target, p); err != nil {
					t.Skip("no symbolic links here:", err)
				}
			}
			for i, want := range c.errs {
				c.errs[i] = strings.ReplaceAll(want, "OUTSIDE", outside)
			}

			sfs, err := sitefs.Open(site)
			if err != nil {
				t.Fatal(err)
			}
			defer sfs.Close()
			fsys := &recorder{FS: sfs}
			res := buildWithin(t, fsys, out, 2*time.Minute)
			errs := res.Diags.Errors()
			for link := range c.links {
				if below := fsys.below(link); len(below) > 0 {
					t.Errorf("read through the link %s: %s", link, below)
				}
			}
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
				for _, not := range append(c.absent, "LEAKED") {
					if strings.Contains(text, not) {
						t.Errorf("errors mention %q:\n%s", not, text)
					}
				}
				if len(c.links) > 0 {
					// A file system that follows links when asked to
					// (os.DirFS) is not asked: the build looks first.
					dirFS := &recorder{FS: os.DirFS(site)}
					again := buildWithin(t, dirFS, filepath.Join(top, "again"), 2*time.Minute)
					if again.Diags.Errors().String() != text {
						t.Errorf("through os.DirFS the errors differ:\n%s\nwant\n%s", again.Diags.Errors(), text)
					}
					for link := range c.links {
						if below := dirFS.below(link); len(below) > 0 {
							t.Errorf("through os.DirFS, read through the link %s: %s", link, below)
						}
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
			if entries, _ := os.ReadDir(outside); len(entries) != 7 {
				t.Errorf("the build wrote into a folder outside: %v", entries)
			}
		})
	}
}

// buildWithin builds the site into the folder out as cjm build does,
// failing the test if it takes longer than limit: a generator that hangs
// on some input never returns at all. A page may take as long: the race
// detector slows the map of a touchpoint with 100,000 pains, 21 MB of
// HTML, past the usual time limit.
func buildWithin(t *testing.T, site fs.FS, out string, limit time.Duration) *build.Result {
	t.Helper()
	dir, err := publish.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Close()
	done := make(chan *build.Result, 1)
	go func() {
		done <- build.Build(context.Background(), build.Options{Source: site, Builtin: cjm.DefaultTheme(), Now: now, Limits: theme.Limits{Time: limit},
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

// recorder is a file system that remembers every path it was asked for.
type recorder struct {
	fs.FS
	mu    sync.Mutex
	asked []string
}

func (r *recorder) ask(name string) {
	r.mu.Lock()
	r.asked = append(r.asked, name)
	r.mu.Unlock()
}

// below lists the paths asked for below the folder dir.
func (r *recorder) below(dir string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, p := range r.asked {
		if strings.HasPrefix(p, dir+"/") {
			out = append(out, p)
		}
	}
	return out
}

func (r *recorder) Open(name string) (fs.File, error) { r.ask(name); return r.FS.Open(name) }

func (r *recorder) Stat(name string) (fs.FileInfo, error) { r.ask(name); return fs.Stat(r.FS, name) }

func (r *recorder) Lstat(name string) (fs.FileInfo, error) { r.ask(name); return fs.Lstat(r.FS, name) }

func (r *recorder) ReadLink(name string) (string, error) { r.ask(name); return fs.ReadLink(r.FS, name) }

func (r *recorder) ReadFile(name string) ([]byte, error) { r.ask(name); return fs.ReadFile(r.FS, name) }

func (r *recorder) ReadDir(name string) ([]fs.DirEntry, error) {
	r.ask(name)
	return fs.ReadDir(r.FS, name)
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
		// As os.WriteFile, but from the string: a big file is not copied first.
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err == nil {
			_, err = f.WriteString(data)
			err = errors.Join(err, f.Close())
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestHostileLinksWhileWatching: links that appear while a Builder is told
// only what changed, as under `cjm serve`, are refused as in a clean
// build, through a file system that would follow them (os.DirFS) too.
func TestHostileLinksWhileWatching(t *testing.T) {
	for _, link := range []string{tpDir + "leak.md", "content/journeys/stolen", "static/leak"} {
		for _, via := range []string{"sitefs", "os.DirFS"} {
			t.Run(link+" via "+via, func(t *testing.T) {
				top := t.TempDir()
				site, outside := filepath.Join(top, "site"), filepath.Join(top, "outside")
				write(t, outside, map[string]string{"secret.md": "---\ntitle: SECRET\n---\nSECRET\n", "_index.md": "---\ntitle: SECRET\npersonas: [anna]\n---\n"})
				write(t, site, hostileBase)
				var fsys fs.FS = os.DirFS(site)
				if via == "sitefs" {
					sfs, err := sitefs.Open(site)
					if err != nil {
						t.Fatal(err)
					}
					defer sfs.Close()
					fsys = sfs
				}
				b := build.NewBuilder(build.Options{Source: fsys, Builtin: cjm.DefaultTheme(), Now: now, Out: publish.SkipUnchanged(publish.NewMemory())})
				if res := b.Build(context.Background(), nil); !res.OK() {
					t.Fatal(res.Diags.Errors())
				}
				target := outside
				if strings.HasSuffix(link, ".md") {
					target = filepath.Join(outside, "secret.md")
				}
				if err := os.MkdirAll(filepath.Dir(filepath.Join(site, link)), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(target, filepath.Join(site, filepath.FromSlash(link))); err != nil {
					t.Skip("no symbolic links here:", err)
				}
				res := b.Build(context.Background(), []string{link})
				if res.OK() {
					t.Fatalf("the rebuild succeeded; want an error naming %s", link)
				}
				if text := res.Diags.Errors().String(); !strings.Contains(text, link+": is a symbolic link to "+target+", outside the site") || strings.Contains(text, "SECRET") {
					t.Errorf("errors:\n%s", text)
				}
			})
		}
	}
}

// TestHostileTemplates builds sites whose own templates never end or
// multiply what they make, with small limits: each build fails within
// moments, naming the template, where known its line, the page's URL and
// the limit it passed.
func TestHostileTemplates(t *testing.T) {
	const page = "/journeys/order/pay/tp/"
	nested := "{{define \"main\"}}\n<h1>{{.Title}}</h1>\n{{range $i := 1000000}}{{range $j := 1000000}}{{end}}{{end}}\n{{end}}\n"
	cases := []struct {
		name   string
		layout string // layouts/NAME: text
		limits theme.Limits
		errs   []string
	}{
		{
			name:   "range over a huge number, as written",
			layout: "touchpoint.html:{{define \"main\"}}\n{{range $i := 100000000000000}}{{end}}\n{{end}}\n",
			errs:   []string{"layouts/touchpoint.html:2: template: range over 100000000000000: more steps than a page can take; range over the site's data, or over a number up to 1000000"},
		},
		{
			name:   "loops within loops that write nothing",
			layout: "touchpoint.html:" + nested,
			limits: theme.Limits{Time: stuckAfter},
			errs:   []string{"layouts/touchpoint.html:3: rendering " + page + ": stopped after " + stuckAfter.String() + ", the time one page may take; look for a loop or a template that does not end"},
		},
		{
			name:   "a range over a number a function makes",
			layout: "touchpoint.html:{{define \"main\"}}{{range pad 0 100000000000000}}{{end}}{{end}}",
			limits: theme.Limits{Time: stuckAfter},
			errs:   []string{"layouts/touchpoint.html:1: rendering " + page + ": stopped after " + stuckAfter.String()},
		},
		{
			name:   "a template that calls itself twice",
			layout: "touchpoint.html:{{define \"main\"}}{{template \"r\" \"0123456789012345678901234567890123456789\"}}{{end}}\n{{define \"r\"}}{{if .}}{{template \"r\" slice . 1}}{{template \"r\" slice . 1}}{{end}}{{end}}",
			limits: theme.Limits{Time: stuckAfter},
			errs:   []string{"layouts/touchpoint.html:2: rendering " + page + ": stopped after " + stuckAfter.String()},
		},
		{
			name:   "a partial that never ends, on every page showing a touchpoint",
			layout: "partials/touchpoint-card.html:<p>\n{{range $i := 1000000}}{{range $j := 1000000}}{{end}}{{end}}</p>",
			limits: theme.Limits{Time: stuckAfter},
			// Its line is known where a page got stuck in it; a page that
			// had not reached it when the build stopped names it alone.
			errs: []string{"layouts/partials/touchpoint-card.html", "rendering /", "stopped after " + stuckAfter.String()},
		},
		{
			name:   "output multiplied",
			layout: "touchpoint.html:{{define \"main\"}}{{range $i := 1000000}}{{range $j := 1000000}}<p>Many, many words.</p>{{end}}{{end}}{{end}}",
			limits: theme.Limits{Bytes: 1 << 20},
			errs:   []string{"layouts/touchpoint.html: rendering " + page + ": stopped at 1 MB, the most one page, or a text its templates make, may hold; look for a loop or a template that writes without end"},
		},
		{
			name:   "output multiplied in a partial",
			layout: "partials/touchpoint-card.html:{{range $i := 1000000}}{{range $j := 1000000}}<p>Many, many words.</p>{{end}}{{end}}",
			limits: theme.Limits{Bytes: 1 << 20},
			errs:   []string{"layouts/partials/touchpoint-card.html: rendering /", "stopped at 1 MB"},
		},
		{
			name:   "a text doubled until the memory is gone",
			layout: "touchpoint.html:{{define \"main\"}}{{$s := \"x\"}}\n{{range $i := 100}}{{$s = printf \"%s%s\" $s $s}}{{end}}{{end}}",
			limits: theme.Limits{Bytes: 1 << 20},
			errs:   []string{"layouts/touchpoint.html:2: rendering " + page + ": stopped at 1 MB"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			site := t.TempDir()
			write(t, site, hostileBase)
			name, text, _ := strings.Cut(c.layout, ":")
			write(t, site, map[string]string{
				tpDir + "tp.md":   "---\ntitle: TP\n---\n",
				"layouts/" + name: text,
			})
			fsys, err := sitefs.Open(site)
			if err != nil {
				t.Fatal(err)
			}
			defer fsys.Close()
			start := time.Now()
			done := make(chan *build.Result, 1)
			go func() {
				done <- build.Build(context.Background(), build.Options{Source: fsys, Builtin: cjm.DefaultTheme(), Now: now, Limits: c.limits, Out: publish.NewMemory()})
			}()
			var res *build.Result
			select {
			case res = <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("the build did not end in 30s")
			}
			t.Logf("failed in %s", time.Since(start).Round(time.Millisecond))
			if res.OK() {
				t.Fatal("the build succeeded")
			}
			text = res.Diags.Errors().String()
			for _, want := range c.errs {
				if !strings.Contains(text, want) {
					t.Errorf("errors do not say %q:\n%s", want, text)
				}
			}
			if strings.Contains(text, theme.ErrStopped.Error()) {
				t.Errorf("errors tell of pages stopped with the build:\n%s", text)
			}
		})
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
