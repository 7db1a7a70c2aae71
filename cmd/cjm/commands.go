package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"runtime/trace"
	"strconv"
	"syscall"
	"time"

	"github.com/cjm-portal/cjm"
	"github.com/cjm-portal/cjm/internal/build"
	"github.com/cjm-portal/cjm/internal/diag"
	"github.com/cjm-portal/cjm/internal/history"
	"github.com/cjm-portal/cjm/internal/publish"
	"github.com/cjm-portal/cjm/internal/sitedir"
)

func checkSite(source string, stderr io.Writer) *build.Result {
	return build.Build(context.Background(), buildOptions(source, "", stderr, nil))
}

// buildOptions are the options of every build; out nil checks only.
func buildOptions(source, baseURL string, stderr io.Writer, out publish.Sink) build.Options {
	return build.Options{
		Source:  openSite(source),
		Builtin: cjm.DefaultTheme(),
		BaseURL: baseURL,
		Check:   out == nil,
		History: historyReader(source),
		Out:     out,
	}
}

// pipeline is the output pipeline of cjm build and cjm build -watch:
// minified (where mini is not nil), unchanged files skipped, published
// into the folder.
func pipeline(dir *publish.Dir, mini *publish.Minifier) publish.Sink {
	sink := publish.SkipUnchanged(dir)
	if mini != nil {
		sink = publish.Minify(sink, mini)
	}
	return sink
}

// interrupted returns a context that Ctrl+C or SIGTERM ends. A second
// signal ends the process at once: the next command that opens the output
// folder puts it back in order.
func interrupted() (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	context.AfterFunc(ctx, stop)
	return ctx, stop
}

// printDiags writes diagnostics with paths as the user typed -source, so
// that `file:line` opens in an editor from the terminal.
func printDiags(w io.Writer, source string, ds diag.List) {
	for _, d := range ds {
		if source != "." && source != "" && d.File != "" {
			d.File = filepath.ToSlash(filepath.Join(source, d.File))
		}
		fmt.Fprintln(w, d)
	}
}

// record writes into file what start records until the returned stop is
// called, which calls end: a CPU profile (pprof.StartCPUProfile and
// StopCPUProfile), or an execution trace (trace.Start and Stop: goroutines,
// collections, which core runs what, for `go tool trace`).
func record(file string, start func(io.Writer) error, end func()) (stop func(), err error) {
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := start(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { end(); f.Close() }, nil
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
	return buildWith(publish.Open, args, stdout, stderr)
}

// buildWith is `cjm build`, opening the output folder with open.
func buildWith(open func(dir string) (*publish.Dir, error), args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", stderr)
	source := fs.String("source", ".", "the site's folder, holding content/")
	out := fs.String("out", "", "the output folder (default SOURCE/public)")
	baseURL := fs.String("base-url", "", "the URL the site is served at, e.g. https://org.github.io/cjm/ (overrides baseURL)")
	quiet := fs.Bool("quiet", false, "print only errors")
	minify := fs.Bool("minify", true, "compact HTML and minify CSS, JavaScript and JSON (-minify=false keeps them as rendered)")
	watching := fs.Bool("watch", false, "after building, rebuild on every change under content/, layouts/, static/ and themes/")
	poll := fs.Duration("poll", 0, "with -watch: look for changes this often (e.g. 500ms) instead of waiting for file events")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file, for `go tool pprof`")
	traceFile := fs.String("trace", "", "write an execution trace of the build to this file, for `go tool trace`")
	memProfile := fs.String("memprofile", "", "write a profile of the memory in use once the pages are rendered to this file, for `go tool pprof`")
	withHistory := fs.Bool("history", true, "read the site's history from git (-history=false builds without it, saying so on the pages)")
	if err := parse(fs, args); err != nil {
		return err
	}
	for _, rec := range []struct {
		file  string
		start func(io.Writer) error
		end   func()
	}{
		{*cpuProfile, pprof.StartCPUProfile, pprof.StopCPUProfile},
		{*traceFile, trace.Start, trace.Stop},
	} {
		if rec.file == "" {
			continue
		}
		stop, err := record(rec.file, rec.start, rec.end)
		if err != nil {
			return err
		}
		defer stop()
	}
	if *out == "" {
		*out = sitedir.DefaultOut(*source)
	}
	if err := sitedir.CheckOut(*source, *out); err != nil {
		fmt.Fprintln(stderr, "cjm build:", err)
		return errUsage
	}
	start := time.Now()
	ctx, stop := interrupted()
	defer stop()
	// Opening the folder puts right whatever a process that died while
	// publishing into it left.
	dir, err := open(*out)
	if err != nil {
		return err
	}
	defer dir.Close()
	var mini *publish.Minifier
	if *minify {
		mini = publish.NewMinifier()
	}
	if *watching {
		return buildAndWatch(ctx, *source, *out, *baseURL, pipeline(dir, mini), *poll, stdout, stderr)
	}
	// Pages are minified and staged as they are rendered, so that the
	// site is never held in memory whole; nothing is published until the
	// build commits, and a failed build takes back what it staged.
	o := buildOptions(*source, *baseURL, stderr, pipeline(dir, mini))
	if !*withHistory {
		o.History = &history.Reader{Off: "history is off (cjm build -history=false)"}
	}
	res := build.Build(ctx, o)
	if *memProfile != "" {
		if err := writeHeapProfile(*memProfile); err != nil {
			return err
		}
	}
	if !res.OK() {
		printFailure(stderr, *source, *out, res)
		return errFailed
	}
	var said string
	warnHistory(stderr, res, &said)
	st := res.Published
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

// printFailure says why a build was not published, and that the output
// folder holds what it held before.
func printFailure(w io.Writer, source, out string, res *build.Result) {
	switch {
	case errors.Is(res.Err, context.Canceled):
		fmt.Fprintf(w, "cjm: interrupted; %s was left as it was\n", out)
	case errors.Is(res.Err, publish.ErrUnfinished):
		fmt.Fprintf(w, "cjm: %v\n", res.Err)
	case res.Err != nil:
		fmt.Fprintf(w, "cjm: %v\ncjm: %s was left as it was\n", res.Err, out)
	default:
		errs := res.Diags.Errors()
		printDiags(w, source, errs)
		fmt.Fprintf(w, "cjm: build failed with %s; %s was left as it was\n", plural(len(errs), "error", "errors"), out)
	}
}

func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	source := fs.String("source", ".", "the site's folder, holding content/")
	strict := fs.Bool("strict", false, "fail on gaps and other warnings too, so that CI can gate on them")
	if err := parse(fs, args); err != nil {
		return err
	}
	res := checkSite(*source, stderr)
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
