package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strconv"
	"syscall"
	"time"

	"github.com/cjm-portal/cjm"
	"github.com/cjm-portal/cjm/internal/build"
	"github.com/cjm-portal/cjm/internal/diag"
	"github.com/cjm-portal/cjm/internal/publish"
)

func buildSite(source, baseURL string, check bool, stderr io.Writer) *build.Result {
	return build.Build(buildOptions(source, baseURL, check, stderr, nil))
}

func buildOptions(source, baseURL string, check bool, stderr io.Writer, emit func(string, []byte) error) build.Options {
	return build.Options{
		Source:    openSite(source),
		Builtin:   cjm.DefaultTheme(),
		BaseURL:   baseURL,
		Check:     check,
		Committed: newGitDates(source, stderr).Committed,
		Emit:      emit,
	}
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

// startCPUProfile profiles the process into file until the returned
// function is called.
func startCPUProfile(file string) (stop func(), err error) {
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// writeHeapProfile writes the memory in use now into file.
func writeHeapProfile(file string) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	defer f.Close()
	return pprof.Lookup("heap").WriteTo(f, 0)
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
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file, for `go tool pprof`")
	memProfile := fs.String("memprofile", "", "write a profile of the memory in use once the pages are rendered to this file, for `go tool pprof`")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
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
	// Pages are minified and written as they are rendered, so that the
	// site is never held in memory whole; nothing counts as published
	// until Commit, and a failed build takes back what it wrote.
	w, err := publish.Open(*out)
	if err != nil {
		return fmt.Errorf("writing %s: %w", *out, err)
	}
	var mini *publish.Minifier
	if *minify {
		mini = publish.NewMinifier()
	}
	emit := func(name string, data []byte) error {
		if mini != nil {
			data = mini.File(name, data)
		}
		return w.Write(name, data)
	}
	res := build.Build(buildOptions(*source, *baseURL, false, stderr, emit))
	if *memProfile != "" {
		if err := writeHeapProfile(*memProfile); err != nil {
			w.Abort()
			return err
		}
	}
	if !res.OK() {
		w.Abort()
		errs := res.Diags.Errors()
		printDiags(stderr, *source, errs)
		fmt.Fprintf(stderr, "cjm: build failed with %s; %s was left as it was\n", plural(len(errs), "error", "errors"), *out)
		return errFailed
	}
	// The static files: stylesheets, scripts, fonts, the site's own.
	for _, name := range slices.Sorted(maps.Keys(res.Files)) {
		if err := emit(name, res.Files[name]); err != nil {
			w.Abort()
			return fmt.Errorf("writing %s: %w", *out, err)
		}
	}
	st, err := w.Commit()
	if err != nil {
		return fmt.Errorf("writing %s: %w", *out, err)
	}
	if !*quiet {
		saved := ""
		if mini != nil {
			before, after := mini.Sizes()
			saved = fmt.Sprintf(", minified %d → %d kB", before/1000, after/1000)
		}
		fmt.Fprintf(stdout, "built %s (%d written, %d unchanged, %d removed%s) into %s in %s\n",
			plural(st.Written+st.Unchanged, "file", "files"), st.Written, st.Unchanged, st.Removed, saved, *out, time.Since(start).Round(time.Millisecond))
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
