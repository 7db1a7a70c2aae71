package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/cjm-portal/cjm"
	"github.com/cjm-portal/cjm/internal/build"
	"github.com/cjm-portal/cjm/internal/diag"
	"github.com/cjm-portal/cjm/internal/publish"
)

func buildSite(source, baseURL string, check bool, stderr io.Writer) *build.Result {
	return build.Build(build.Options{
		Source:    os.DirFS(source),
		Builtin:   cjm.DefaultTheme(),
		BaseURL:   baseURL,
		Check:     check,
		Committed: newGitDates(source, stderr).Committed,
	})
}

// printDiags writes diagnostics with paths as the user typed -source, so
// that `file:line` opens in an editor from the terminal.
func printDiags(w io.Writer, source string, ds diag.List) {
	for _, d := range ds {
		if source != "." && source != "" && d.File != "" && d.File[0] != '-' {
			d.File = filepath.ToSlash(filepath.Join(source, d.File))
		}
		fmt.Fprintln(w, d)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func runBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", stderr)
	source := fs.String("source", ".", "the site's folder, holding content/")
	out := fs.String("out", "", "the output folder (default SOURCE/public)")
	baseURL := fs.String("base-url", "", "the URL the site is served at, e.g. https://org.github.io/cjm/ (overrides baseURL)")
	quiet := fs.Bool("quiet", false, "print only errors")
	minify := fs.Bool("minify", true, "minify HTML, CSS, JavaScript and JSON (-minify=false keeps them as rendered)")
	watching := fs.Bool("watch", false, "after building, rebuild on every change under content/, layouts/, static/ and themes/")
	poll := fs.Duration("poll", 0, "with -watch: look for changes this often (e.g. 500ms) instead of waiting for file events")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		*out = filepath.Join(*source, "public")
	}
	if err := checkOut(*source, *out); err != nil {
		fmt.Fprintln(stderr, "cjm build:", err)
		return errUsage
	}
	if *watching {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		return buildAndWatch(ctx, *source, *out, *baseURL, *minify, *poll, stdout, stderr)
	}
	start := time.Now()
	res := buildSite(*source, *baseURL, false, stderr)
	if !res.OK() {
		errs := res.Diags.Errors()
		printDiags(stderr, *source, errs)
		fmt.Fprintf(stderr, "cjm: build failed with %s; %s was left as it was\n", plural(len(errs), "error", "errors"), *out)
		return errFailed
	}
	saved := ""
	if *minify {
		before, after := publish.Minify(res.Files)
		saved = fmt.Sprintf(", minified %d → %d kB", before/1000, after/1000)
	}
	st, err := publish.Publish(*out, res.Files)
	if err != nil {
		return fmt.Errorf("writing %s: %w", *out, err)
	}
	if !*quiet {
		fmt.Fprintf(stdout, "built %s (%d written, %d unchanged, %d removed%s) into %s in %s\n",
			plural(len(res.Files), "file", "files"), st.Written, st.Unchanged, st.Removed, saved, *out, time.Since(start).Round(time.Millisecond))
		if gaps, warns := len(res.Diags.Gaps()), len(res.Diags.Warnings()); gaps+warns > 0 {
			fmt.Fprintf(stdout, "%s, %s: run 'cjm check' to list them\n", plural(gaps, "gap", "gaps"), plural(warns, "warning", "warnings"))
		}
	}
	return nil
}

func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	source := fs.String("source", ".", "the site's folder, holding content/")
	strict := fs.Bool("strict", false, "fail on gaps and other warnings too, so that CI can gate on them")
	if err := parse(fs, args); err != nil {
		return err
	}
	res := buildSite(*source, "", true, stderr)
	printDiags(stdout, *source, res.Diags)
	errs, gaps, warns := len(res.Diags.Errors()), len(res.Diags.Gaps()), len(res.Diags.Warnings())
	fmt.Fprintf(stdout, "%s, %s, %s\n", plural(errs, "error", "errors"), plural(gaps, "gap", "gaps"), plural(warns, "warning", "warnings"))
	if errs > 0 || (*strict && gaps+warns > 0) {
		return errFailed
	}
	return nil
}

func runServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	source := fs.String("source", ".", "the site's folder, holding content/")
	bind := fs.String("bind", "127.0.0.1", "the address to listen on")
	port := fs.Int("port", 1313, "the port to listen on; 0 picks a free one")
	baseURL := fs.String("base-url", "/", "the URL path the site is served under")
	poll := fs.Duration("poll", 0, "look for changes this often (e.g. 500ms) instead of waiting for the system's file events, which network shares and some virtual machines never send")
	if err := parse(fs, args); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, serveOptions{source: *source, bind: *bind, port: *port, baseURL: *baseURL, poll: *poll}, stdout, stderr)
}
