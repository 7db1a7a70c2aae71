// Command cjmgen writes a generated portal that follows the authoring
// contract, for benchmarks: cjmgen -touchpoints 4000 -out DIR.
package main

import (
	"flag"
	"fmt"
	"os"

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
	files := gen.Files(gen.Options{Touchpoints: *n, Seed: *seed})
	size, err := gen.Write(*out, files)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cjmgen:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d files (%.1f MB) into %s\n", len(files), float64(size)/1e6, *out)
}
