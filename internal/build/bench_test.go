package build_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cjm-portal/cjm"
	"github.com/cjm-portal/cjm/internal/build"
	"github.com/cjm-portal/cjm/internal/gen"
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
	var tp string
	for name := range files {
		if strings.HasSuffix(name, "/s0-t0.md") && (tp == "" || name < tp) {
			tp = name
		}
	}
	original, _ := os.ReadFile(filepath.Join(dir, tp))
	builder := newMemBuilder(build.Options{Source: os.DirFS(dir), Builtin: cjm.DefaultTheme(), Now: now})
	if res := builder.Build(nil); !res.OK() {
		b.Fatalf("build failed:\n%s", res.Diags.Errors())
	}
	pages, i := 0, 0
	var took []time.Duration
	for b.Loop() {
		i++
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
	}
	slices.Sort(took)
	b.ReportMetric(float64(pages), "pages/op")
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms")
}
