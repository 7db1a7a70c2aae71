// Command cjmgen writes a generated portal that follows the authoring
// contract, for benchmarks: cjmgen -touchpoints 4000 -out DIR. With
// -commits N, DIR becomes a git repository whose N commits wrote and
// then changed the portal (see gen.History).
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
	commits := flag.Int("commits", 0, "make the folder a git repository of this many commits changing the portal (its .git is replaced)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "cjmgen: -out is required")
		os.Exit(2)
	}
	files := gen.Files(gen.Options{Touchpoints: *n, Seed: *seed})
	if *commits > 0 {
		if err := os.RemoveAll(filepath.Join(*out, "content")); err != nil {
			fmt.Fprintln(os.Stderr, "cjmgen:", err)
			os.Exit(1)
		}
		if err := gen.WriteRepo(*out, gen.History(files, *commits, *seed)); err != nil {
			fmt.Fprintln(os.Stderr, "cjmgen:", err)
			os.Exit(1)
		}
		fmt.Printf("wrote %d commits changing %d files into %s\n", *commits, len(files), *out)
		return
	}
	size, err := gen.Write(*out, files)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cjmgen:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d files (%.1f MB) into %s\n", len(files), float64(size)/1e6, *out)
}
