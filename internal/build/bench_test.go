package build_test

import (
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/cjm-portal/cjm/internal/gen"
)

// BenchmarkBuild times a whole build in memory (load, resolve, render) of
// generated portals; publishing to disk is timed by tests/bench/run.sh.
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
