package build_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cjm-portal/cjm/internal/gen"
)

// FuzzBuild builds a generated portal in which one touchpoint file holds
// any bytes. The build must not panic; a failed build must name a file
// for each error; a good one must write only paths inside the output,
// clean UTF-8 pages and well-formed maps.
func FuzzBuild(f *testing.F) {
	f.Add(uint64(1), uint8(12), "---\ntitle: Edited\nemotion: 2\n---\nBody\n")
	f.Add(uint64(2), uint8(40), "---\ntitle: \"<script>alert(1)</script>\"\nslug: ../../x\n---\n")
	f.Add(uint64(3), uint8(5), "---\ntitle: Loop\nparent: s0-t0\nrelated: [journey-0/s0-t0]\n---\n")
	f.Add(uint64(4), uint8(20), "---\ntitle: \x01\x02\nowner: nobody\nchannel: \"\"\nkpis: [{name: \"\", current: -1e308, target: 1e308}]\n---\n")
	f.Add(uint64(5), uint8(9), "")
	f.Fuzz(func(t *testing.T, seed uint64, size uint8, file string) {
		files := gen.Files(gen.Options{Touchpoints: int(size%48) + 1, Seed: seed, BodyWords: 30})
		fsys := fstest.MapFS{}
		var tps []string
		for name, data := range files {
			fsys[name] = &fstest.MapFile{Data: data}
			if strings.Contains(name, "/s") && !strings.HasSuffix(name, "_index.md") {
				tps = append(tps, name)
			}
		}
		slices.Sort(tps)
		fsys[tps[int(seed%uint64(len(tps)))]] = &fstest.MapFile{Data: []byte(file)}

		res := buildFS(fsys, "")
		if !res.OK() {
			for _, d := range res.Diags.Errors() {
				if d.File == "" {
					t.Errorf("an error names no file: %s", d)
				}
			}
			return
		}
		for name, data := range res.Files {
			if !fs.ValidPath(name) {
				t.Fatalf("output path %q leaves the output folder", name)
			}
			checkFile(t, name, data)
		}
	})
}
