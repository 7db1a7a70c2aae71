package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/cjm-portal/cjm"
	"github.com/cjm-portal/cjm/internal/author"
)

// parseArgs parses flags written before, between or after the positional
// arguments (`cjm new journey x -stages a,b`), and wants exactly n of them.
func parseArgs(fs *flag.FlagSet, args []string, n int, names string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errUsage
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) != n {
		fmt.Fprintf(fs.Output(), "usage: %s %s\n", fs.Name(), names)
		fs.PrintDefaults()
		return nil, errUsage
	}
	return pos, nil
}

// splitList splits "a, b,c" into its trimmed, non-empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func authorSite(dir string) *author.Site {
	return &author.Site{Dir: dir, Theme: cjm.DefaultTheme()}
}

func runNew(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("new", stderr)
	source := fs.String("source", ".", "the site's folder, holding content/")
	stages := fs.String("stages", "", "a new journey's stages, comma-separated (default: the nine life-cycle stages in the site's language)")
	pos, err := parseArgs(fs, args, 2, "KIND PATH   (KIND: "+strings.Join(author.Kinds, ", ")+")")
	if err != nil {
		return err
	}
	files, err := authorSite(*source).New(pos[0], pos[1], author.NewOptions{Stages: splitList(*stages)})
	if err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintln(stdout, "wrote", f)
	}
	return nil
}
