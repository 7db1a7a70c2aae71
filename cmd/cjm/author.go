package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cjm-portal/cjm"
	"github.com/cjm-portal/cjm/internal/author"
	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/diag"
	"github.com/cjm-portal/cjm/internal/schema"
	"github.com/cjm-portal/cjm/internal/site"
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

func runImport(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "csv" && args[0] != "mermaid") {
		fmt.Fprint(stderr, "usage: cjm import csv FILE [-journey SLUG] [-title TITLE] [-personas A,B] [-update] [-source DIR]\n       cjm import mermaid FILE [-journey SLUG] [-source DIR]\n")
		return errUsage
	}
	format := args[0]
	fs := newFlags("import "+format, stderr)
	source := fs.String("source", ".", "the site's folder, holding content/")
	slug := fs.String("journey", "", "the new journey's slug: its folder under content/journeys/")
	title := fs.String("title", "", "the new journey's title (default: made from its slug, or the diagram's title)")
	personas := fs.String("personas", "", "the journey's personas, comma-separated slugs (default: the site's first persona)")
	update := false
	if format == "csv" {
		fs.BoolVar(&update, "update", false, "update the journey that is there in place: only the keys whose values the sheet changes")
	}
	pos, err := parseArgs(fs, args[1:], 1, "FILE")
	if err != nil {
		return err
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return err
	}
	var d *author.Draft
	var diags diag.List
	if format == "csv" {
		opts := author.SheetOptions{Journey: *slug, Title: *title, Personas: splitList(*personas), Update: update}
		files, diags, err := authorSite(*source).ImportSheet(filepath.ToSlash(pos[0]), data, opts)
		if !errors.Is(err, author.ErrPlainSheet) {
			for _, dg := range diags {
				fmt.Fprintln(stdout, dg)
			}
			if diags.HasErrors() {
				fmt.Fprintf(stdout, "%s: nothing written\n", plural(len(diags.Errors()), "error", "errors"))
				return errFailed
			}
			if err != nil {
				return err
			}
			for _, f := range files {
				fmt.Fprintln(stdout, "wrote", f)
			}
			if len(files) == 0 {
				fmt.Fprintln(stdout, "nothing to change")
			}
			return nil
		}
	}
	switch format {
	case "csv":
		if *slug == "" {
			fmt.Fprintf(stderr, "cjm import csv: give the journey's slug: -journey SLUG\n")
			return errUsage
		}
		d, diags = author.ReadCSV(filepath.ToSlash(pos[0]), data)
	case "mermaid":
		d, diags = author.ReadMermaid(filepath.ToSlash(pos[0]), data)
	}
	for _, dg := range diags {
		fmt.Fprintln(stdout, dg)
	}
	if diags.HasErrors() {
		fmt.Fprintf(stdout, "%s: nothing written\n", plural(len(diags.Errors()), "error", "errors"))
		return errFailed
	}
	if *slug != "" {
		d.Slug = *slug
	}
	if *title != "" {
		d.Title = *title
	}
	if *personas != "" {
		d.Personas = nil
		for _, p := range splitList(*personas) {
			d.Personas = append(d.Personas, author.DraftPersona{Slug: p})
		}
	}
	files, err := authorSite(*source).WriteDraft(d)
	if err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintln(stdout, "wrote", f)
	}
	return nil
}

func runExport(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "mermaid" && args[0] != "csv") {
		fmt.Fprint(stderr, "usage: cjm export mermaid SLUG [-source DIR]\n       cjm export csv SLUG [-source DIR] [-o FILE]\n")
		return errUsage
	}
	fs := newFlags("export "+args[0], stderr)
	source := fs.String("source", ".", "the site's folder, holding content/")
	out := ""
	if args[0] == "csv" {
		fs.StringVar(&out, "o", "", "write the sheet into FILE instead of printing it")
	}
	pos, err := parseArgs(fs, args[1:], 1, "SLUG")
	if err != nil {
		return err
	}
	c, diags := content.Load(openSite(*source))
	if args[0] == "csv" {
		if errs := diags.Errors(); len(errs) > 0 {
			printDiags(stderr, *source, errs.Sort())
			return fmt.Errorf("the content has %s; fix them first (cjm check lists them)", plural(len(errs), "error", "errors"))
		}
		data, err := author.ExportSheet(c, pos[0])
		if err != nil {
			return err
		}
		if out != "" {
			return os.WriteFile(out, data, 0o644)
		}
		_, err = stdout.Write(data)
		return err
	}
	s, more := site.Resolve(c, site.Base{Path: "/"})
	diags.Add(more...)
	if errs := diags.Errors(); len(errs) > 0 {
		printDiags(stderr, *source, errs.Sort())
		return fmt.Errorf("the content has %s; fix them first (cjm check lists them)", plural(len(errs), "error", "errors"))
	}
	var known []string
	for _, j := range s.Journeys {
		if j.Slug == pos[0] {
			_, err := stdout.Write(author.Mermaid(j))
			return err
		}
		known = append(known, j.Slug)
	}
	hint := ""
	if n := content.Nearest(pos[0], known); n != "" {
		hint = diag.Sprintf("; did you mean %q?", n)
	}
	return errors.New(diag.Sprintf("no journey %q%s (the journeys are: %s)", pos[0], hint, strings.Join(known, ", ")))
}

func runSchema(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("schema", stderr)
	source := fs.String("source", ".", "the site's folder")
	out := fs.String("out", "", "the folder to write the schemas into (default: SOURCE/schema)")
	if err := parse(fs, args); err != nil {
		return err
	}
	dir := *out
	if dir == "" {
		dir = filepath.Join(*source, "schema")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, k := range content.Kinds {
		file := filepath.Join(dir, schema.FileName(k.Kind))
		if err := os.WriteFile(file, schema.JSON(k.Kind), 0o644); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "wrote", filepath.ToSlash(file))
	}
	return nil
}
