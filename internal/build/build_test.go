package build_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cjm-portal/cjm"
	"github.com/cjm-portal/cjm/internal/build"
	"github.com/cjm-portal/cjm/internal/diag"
	"github.com/cjm-portal/cjm/internal/gen"
	"github.com/cjm-portal/cjm/internal/golden"
	"github.com/cjm-portal/cjm/internal/publish"
	"github.com/rogpeppe/go-internal/txtar"
)

// now fixes the build date, so that "overdue" does not change with the calendar.
var now = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// siteFS turns a txtar archive into a site folder; the file "want" is not part of it.
func siteFS(a *txtar.Archive) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		if f.Name == "want" {
			continue
		}
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

func buildFS(fsys fs.FS, baseURL string) built {
	return buildOpts(build.Options{Source: fsys, Builtin: cjm.DefaultTheme(), BaseURL: baseURL, Now: now})
}

// example builds the example portal in content/ once for each base URL
// and shares the result between the tests that only read it: several
// tests check different things of the same build.
func example(baseURL string) built {
	exampleMu.Lock()
	defer exampleMu.Unlock()
	res, ok := examples[baseURL]
	if !ok {
		res = buildFS(os.DirFS("../.."), baseURL)
		examples[baseURL] = res
	}
	return res
}

var (
	exampleMu sync.Mutex
	examples  = map[string]built{}
)

// built is a build's result with the files it published.
type built struct {
	*build.Result
	Files map[string][]byte // output path → bytes; nil unless published
}

// buildOpts builds into memory of its own, as a test reads it.
func buildOpts(o build.Options) built {
	mem := publish.NewMemory()
	o.Out = mem
	return built{build.Build(context.Background(), o), mem.Files()}
}

// memBuilder rebuilds a site into memory, as cjm serve does.
type memBuilder struct {
	b   *build.Builder
	mem *publish.Memory
}

func newMemBuilder(o build.Options) memBuilder {
	mem := publish.NewMemory()
	o.Out = publish.SkipUnchanged(mem)
	return memBuilder{build.NewBuilder(o), mem}
}

// Build rebuilds; Files holds the last good build.
func (m memBuilder) Build(changed []string) built {
	return built{m.b.Build(context.Background(), changed), m.mem.Files()}
}

// TestDiagnostics builds every site in testdata/diag/ and compares the
// diagnostics, one `file:line: message; hint` a line, with its want file.
// Each archive holds one kind of mistake. Run with -update to rewrite.
func TestDiagnostics(t *testing.T) {
	files, _ := filepath.Glob("testdata/diag/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures in testdata/diag")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			res := buildFS(siteFS(a), "")
			got := res.Diags.String()
			var want string
			for _, f := range a.Files {
				if f.Name == "want" {
					want = string(f.Data)
				}
			}
			if golden.Update() {
				var files []txtar.File
				for _, f := range a.Files {
					if f.Name != "want" {
						files = append(files, f)
					}
				}
				a.Files = append(files, txtar.File{Name: "want", Data: []byte(got)})
				if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != want {
				t.Errorf("diagnostics differ (run go test -update to rewrite the want file, and review the diff):\n%s", golden.Diff(file+": want", want, "got", got))
			}
			if res.Diags.HasErrors() && res.Files != nil {
				t.Error("a build with errors returned files to publish")
			}
		})
	}
}

// TestExampleBuilds builds the example portal in content/: it must have no
// errors, and only the gaps it shows on purpose.
func TestExampleBuilds(t *testing.T) {
	res := example("")
	if errs := res.Diags.Errors(); len(errs) > 0 {
		t.Fatalf("the example portal has errors:\n%s", errs)
	}
	// The example seeds one gap of several kinds, on purpose, and no
	// warning: it passes `cjm check -strict` but for these gaps. Its two
	// touchpoints without an emotion leave `emotion:` empty on purpose.
	wantGaps := []string{
		`content/journeys/card-to-card-transfer/03-confirmation/sms-code-again.md:7: gap: touchpoint "Второй SMS-код для перевода" (card-to-card-transfer/sms-code-again) hurts (emotion -2 for sergey-salary-client, importance high) and no opportunity to fix it`,
		"content/journeys/order-groceries/05-waiting/order-status-page.md:8: gap: touchpoint \"Order status page\" (order-groceries/order-status-page): nobody owns this touchpoint (`owner: none`)",
		`content/journeys/order-groceries/06-delivery/doorstep-handover.md:28: gap: touchpoint "Doorstep handover" (order-groceries/doorstep-handover): KPI "Substitutions accepted at the door" has no target`,
	}
	var wantWarnings []string
	lines := func(ds diag.List) string {
		var got []string
		for _, d := range ds {
			d.Hint = ""
			got = append(got, d.String())
		}
		return strings.Join(got, "\n")
	}
	if got := lines(res.Diags.Gaps()); got != strings.Join(wantGaps, "\n") {
		t.Errorf("gaps of the example portal:\n%s\nwant:\n%s", got, strings.Join(wantGaps, "\n"))
	}
	if got := lines(res.Diags.Warnings()); got != strings.Join(wantWarnings, "\n") {
		t.Errorf("warnings of the example portal:\n%s\nwant:\n%s", got, strings.Join(wantWarnings, "\n"))
	}
	if len(res.Gaps) != len(wantGaps) {
		t.Errorf("the gaps page lists %d gaps, cjm check %d", len(res.Gaps), len(wantGaps))
	}
	// Three weeks later, an opportunity is late.
	later := buildOpts(build.Options{Source: os.DirFS("../.."), Builtin: cjm.DefaultTheme(), Now: now.AddDate(0, 0, 21)})
	if got := lines(later.Diags.Gaps()); !strings.Contains(got, `opportunity "Agree on the owner of the order status page at the November CX council" was due on 2026-11-20 and is not done`) {
		t.Errorf("three weeks later, no overdue opportunity:\n%s", got)
	}
	if len(res.Site.Journeys) < 4 || len(res.Site.Personas) < 3 || len(res.Site.Teams) < 4 {
		t.Errorf("the example portal is too small: %d journeys, %d personas, %d teams", len(res.Site.Journeys), len(res.Site.Personas), len(res.Site.Teams))
	}
}

// TestDeterministic builds the example twice and compares every byte.
func TestDeterministic(t *testing.T) {
	a := example("https://example.github.io/cjm/") // shared with TestLinksResolve
	b := buildFS(os.DirFS("../.."), "https://example.github.io/cjm/")
	if !a.OK() || !b.OK() {
		t.Fatalf("build failed:\n%s", a.Diags.Errors())
	}
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d files, then %d", len(a.Files), len(b.Files))
	}
	for name, data := range a.Files {
		if !bytes.Equal(data, b.Files[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func mapFile(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// TestOneOffForgets checks that a one-off build, which lets each item's
// body go once its page is rendered and makes the shared files around the
// pages, publishes what a Builder's first build does, which keeps them for
// the next.
func TestOneOffForgets(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, data := range gen.Files(gen.Options{Touchpoints: 60, Seed: 3, BodyWords: 20}) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	once := buildFS(fsys, "/")
	kept := newMemBuilder(build.Options{Source: fsys, Builtin: cjm.DefaultTheme(), BaseURL: "/", Now: now}).Build(nil)
	if !once.OK() || !kept.OK() {
		t.Fatalf("build failed:\n%s\n%s", once.Diags.Errors(), kept.Diags.Errors())
	}
	if !slices.Equal(sortedKeys(once.Files), sortedKeys(kept.Files)) {
		t.Fatalf("files differ: %d, then %d", len(once.Files), len(kept.Files))
	}
	for name, data := range once.Files {
		if !bytes.Equal(data, kept.Files[name]) {
			t.Errorf("%s differs between a one-off build and a Builder's", name)
		}
	}
	bodies := func(r *build.Result) (n int) {
		for _, tp := range r.Site.Touchpoints {
			if len(tp.Body) > 0 {
				n++
			}
		}
		return n
	}
	if n := bodies(once.Result); n != 0 {
		t.Errorf("a one-off build kept %d touchpoints' bodies", n)
	}
	if bodies(kept.Result) == 0 {
		t.Error("a Builder let the touchpoints' bodies go; the next build needs them")
	}
}
