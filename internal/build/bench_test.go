package build_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cjm-portal/cjm"
	"github.com/cjm-portal/cjm/internal/build"
	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/gen"
	"github.com/cjm-portal/cjm/internal/gitlog"
	"github.com/cjm-portal/cjm/internal/history"
)

// BenchmarkBuild times a whole build in memory (load, resolve, render) of
// generated portals; whole processes, publishing included, are timed by cmd/cjmbench.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{150, 4000} {
		fsys := fstest.MapFS{}
		for name, data := range gen.Files(gen.Options{Touchpoints: n, Seed: 1}) {
			fsys[name] = &fstest.MapFile{Data: data}
		}
		b.Run(fmt.Sprintf("touchpoints=%d", n), func(b *testing.B) {
			for b.Loop() {
				res := buildFS(fsys, "")
				if !res.OK() {
					b.Fatalf("build failed:\n%s", res.Diags.Errors())
				}
			}
		})
	}
}

// BenchmarkRebuild times what watch mode and the dev server do after an
// author saves one touchpoint of a 4,000-touchpoint portal on disk: walk
// the folder, decode that file, resolve, render the pages whose signature
// changed, and rebuild the shared files. Compare it with BenchmarkBuild's
// clean build.
func BenchmarkRebuild(b *testing.B) {
	dir := b.TempDir()
	files := gen.Files(gen.Options{Touchpoints: 4000, Seed: 1})
	if _, err := gen.Write(dir, files); err != nil {
		b.Fatal(err)
	}
	benchSaves(b, dir, files, build.Options{Source: os.DirFS(dir), Builtin: cjm.DefaultTheme(), Now: now})
}

// benchSaves builds the generated portal in dir once, then saves its first
// touchpoint again and again with a new title, as an author does, and
// rebuilds after each save as watch mode and the dev server do, reporting
// the pages rendered and the median time from the save to the end of the
// rebuild, and to the saved page's own (build.Options.Early). The file is put back as it was at the end.
func benchSaves(b *testing.B, dir string, files map[string][]byte, opts build.Options) {
	var tp string
	for name := range files {
		if strings.HasSuffix(name, "/s0-t0.md") && (tp == "" || name < tp) {
			tp = name
		}
	}
	original, _ := os.ReadFile(filepath.Join(dir, tp))
	defer os.WriteFile(filepath.Join(dir, tp), original, 0o644)
	var early time.Time // when the saved page was handed over, as cjm serve serves it
	opts.Early = func(map[string][]byte) { early = time.Now() }
	builder := newMemBuilder(opts)
	if res := builder.Build(nil); !res.OK() {
		b.Fatalf("build failed:\n%s", res.Diags.Errors())
	}
	pages, i := 0, 0
	var took, tookEarly []time.Duration
	for b.Loop() {
		i++
		early = time.Time{}
		start := time.Now()
		data := bytes.Replace(original, []byte("title: "), []byte(fmt.Sprintf("title: Edited %d ", i)), 1)
		if err := os.WriteFile(filepath.Join(dir, tp), data, 0o644); err != nil {
			b.Fatal(err)
		}
		res := builder.Build([]string{tp})
		if !res.OK() || res.Full {
			b.Fatalf("rebuild failed or was full:\n%s", res.Diags.Errors())
		}
		pages = res.Pages
		took = append(took, time.Since(start))
		if early.IsZero() {
			b.Fatal("the saved page was not handed over before the rest")
		}
		tookEarly = append(tookEarly, early.Sub(start))
	}
	slices.Sort(took)
	slices.Sort(tookEarly)
	b.ReportMetric(float64(pages), "pages/op")
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(tookEarly[len(tookEarly)/2].Microseconds())/1000, "saved-page-ms")
}

// BenchmarkHistory times what reading the history from git adds, on a
// generated portal of 4,000 touchpoints whose repository has 1,000
// commits changing it (gen.History): a clean build with and without
// history, the history read alone, and a rebuild after one save, as cjm
// serve does it, where the history is kept for the commit checked out.
func BenchmarkHistory(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not installed")
	}
	dir := b.TempDir()
	files := gen.Files(gen.Options{Touchpoints: 4000, Seed: 1})
	if err := gen.WriteRepo(dir, gen.History(files, 1000, 1)); err != nil {
		b.Fatal(err)
	}
	// The window of a build made a year after the first commit holds
	// the last 500 commits; historyCommits: 1000 would read them all.
	at := gen.HistoryStart.AddDate(1, 11, 0)
	reader := func() *history.Reader { return &history.Reader{Repo: &gitlog.Repo{Dir: dir}} }
	opts := func(h *history.Reader) build.Options {
		return build.Options{Source: os.DirFS(dir), Builtin: cjm.DefaultTheme(), Now: at, History: h}
	}
	for _, on := range []bool{false, true} {
		b.Run(fmt.Sprintf("clean/history=%v", on), func(b *testing.B) {
			for b.Loop() {
				var h *history.Reader
				if on {
					h = reader()
				}
				if res := buildOpts(opts(h)); !res.OK() || on != res.History.Available() {
					b.Fatalf("build failed:\n%s %v", res.Diags.Errors(), res.History.Unavailable)
				}
			}
		})
	}
	b.Run("read", func(b *testing.B) {
		c, _ := content.Load(os.DirFS(dir))
		for b.Loop() {
			if h := reader().Read(context.Background(), c, history.Window{Commits: 500, Years: 2}, at); !h.Available() {
				b.Fatal(h.Unavailable)
			}
		}
	})
	for _, on := range []bool{false, true} {
		b.Run(fmt.Sprintf("rebuild/history=%v", on), func(b *testing.B) {
			var h *history.Reader
			if on {
				h = reader()
			}
			benchSaves(b, dir, files, opts(h))
		})
	}
}
