// Command cjmgen writes a generated portal that follows the authoring
// contract, for benchmarks: cjmgen -touchpoints 4000 -out DIR.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cjm-portal/cjm/internal/gen"
)

func main() {
	out := flag.String("out", "", "the site folder to write (its content/ is replaced)")
	n := flag.Int("touchpoints", 4000, "about how many touchpoints to generate")
	seed := flag.Uint64("seed", 1, "the seed; the same seed writes the same files")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "cjmgen: -out is required")
		os.Exit(2)
	}
	if err := os.RemoveAll(filepath.Join(*out, "content")); err != nil {
		fmt.Fprintln(os.Stderr, "cjmgen:", err)
		os.Exit(1)
	}
	files := gen.Files(gen.Options{Touchpoints: *n, Seed: *seed})
	size := 0
	for name, data := range files {
		p := filepath.Join(*out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "cjmgen:", err)
			os.Exit(1)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "cjmgen:", err)
			os.Exit(1)
		}
		size += len(data)
	}
	fmt.Printf("wrote %d files (%.1f MB) into %s\n", len(files), float64(size)/1e6, *out)
}
