package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cjm-portal/cjm/internal/build"
	"github.com/cjm-portal/cjm/internal/devserver"
	"github.com/cjm-portal/cjm/internal/diag"
	"github.com/cjm-portal/cjm/internal/publish"
	"github.com/cjm-portal/cjm/internal/sitedir"
	"github.com/cjm-portal/cjm/internal/theme"
	"github.com/cjm-portal/cjm/internal/watch"
)

// live builds a site, then rebuilds it after every change until ctx ends,
// handing each result to done. A failed build is printed and handed on
// too; the loop goes on, so fixing the file recovers.
type live struct {
	source         string
	builder        *build.Builder
	watcher        *watch.Watcher
	stdout, stderr io.Writer
	site           fs.FS
	limits         theme.Limits
	builds         sync.WaitGroup // running: the site is read until they end
	// early, when set before the loop starts, is given the saved files'
	// pages of each rebuild ahead of the rest (build.Options.Early).
	early func(pages map[string][]byte)
}

// slowBuild is how long a build runs before cjm says it is still at it:
// long for the example portal, short beside a template stuck in a loop.
const slowBuild = 2 * time.Second

// newLive watches the site in source and builds it into out, each page
// within limits (the defaults when zero).
func newLive(source, baseURL string, poll time.Duration, limits theme.Limits, out publish.Sink, stdout, stderr io.Writer) (*live, error) {
	w, err := watch.New(watch.Options{Root: source, Dirs: sitedir.Sources(), Poll: poll})
	if err != nil {
		return nil, err
	}
	o := buildOptions(source, baseURL, stderr, out)
	o.Limits = limits
	l := &live{source: source, site: o.Source, watcher: w, stdout: stdout, stderr: stderr}
	o.Early = func(pages map[string][]byte) {
		if l.early != nil {
			l.early(pages)
		}
	}
	l.builder = build.NewBuilder(o)
	if limits.Time <= 0 {
		limits.Time = theme.PageTime
	}
	l.limits = limits
	return l, nil
}

// close stops watching, and any build still running; the site is closed
// once no build reads it, without waiting for that.
func (l *live) close() {
	l.builder.Stop()
	l.watcher.Close()
	if c, ok := l.site.(io.Closer); ok {
		go func() {
			l.builds.Wait()
			c.Close()
		}()
	}
}

// build runs one build and waits for it while ctx lasts: a page stuck in
// a template must keep neither Ctrl+C nor the server waiting. ok is false
// when ctx ended first; the build is then stopped, and left to end on its
// own. A build that runs long is said to, once. The changes that batches
// bring meanwhile are returned in newer, and supersede the build (see
// build.Builder.Supersede).
func (l *live) build(ctx context.Context, changed []string, what string, batches <-chan watch.Batch) (res *build.Result, newer []string, ok bool) {
	done := make(chan *build.Result, 1)
	l.builds.Add(1)
	go func() {
		defer l.builds.Done()
		done <- l.builder.Build(ctx, changed)
	}()
	slow := time.NewTimer(slowBuild)
	defer slow.Stop()
	for {
		select {
		case res := <-done:
			return res, newer, true
		case batch, open := <-batches:
			if !open {
				batches = nil // the loop sees it closed next
				continue
			}
			newer = merge(newer, batch.Paths)
			l.builder.Supersede()
		case <-slow.C:
			fmt.Fprintf(l.stdout, "%s %s: still building after %s; a page still rendering at %s is stopped\n",
				time.Now().Format("15:04:05"), what, slowBuild, l.limits.Time)
		case <-ctx.Done():
			l.builder.Stop()
			return nil, nil, false
		}
	}
}

// first runs the first, clean build.
func (l *live) first(ctx context.Context) (*build.Result, bool) {
	res, _, ok := l.build(ctx, nil, "the first build", nil)
	return res, ok
}

// loop rebuilds on every batch of changes and calls done with each result.
func (l *live) loop(ctx context.Context, done func(*build.Result)) {
	defer l.watcher.Close()
	var lost bool // events were lost: the next build looks at every file
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-l.watcher.Errors():
			if ok {
				fmt.Fprintln(l.stderr, "cjm: watching:", err)
				lost = true
			}
		case batch, ok := <-l.watcher.Batches():
			if !ok {
				return
			}
			changed := batch.Paths
			if lost {
				changed, lost = nil, false
			}
			if !l.rebuild(ctx, changed, batch.Paths, done) {
				return
			}
		}
	}
}

// rebuild builds changed, and then the changes that came meanwhile, until
// none did; seen are the paths the log line names. Each build is handed
// to done; one cut short is not reported, the next one is. ok is
// false when ctx ended.
func (l *live) rebuild(ctx context.Context, changed, seen []string, done func(*build.Result)) (ok bool) {
	start := time.Now()
	for {
		res, newer, ok := l.build(ctx, changed, describe(seen), l.watcher.Batches())
		if !ok {
			return false
		}
		done(res)
		if !errors.Is(res.Err, build.ErrSuperseded) {
			l.report(res, seen, time.Since(start))
			start, seen = time.Now(), nil
		}
		if newer == nil {
			return true
		}
		changed, seen = newer, merge(seen, newer)
	}
}

// merge returns the sorted paths of a and b, each once.
func merge(a, b []string) []string {
	return slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(a), b...))))
}

// describe names a batch of changes in one line: its first path, and how
// many more.
func describe(changed []string) string {
	if len(changed) == 0 {
		return "changes"
	}
	if len(changed) > 1 {
		return fmt.Sprintf("%s and %d more", changed[0], len(changed)-1)
	}
	return changed[0]
}

// report prints one line per rebuild, or the errors of a failed one.
func (l *live) report(res *build.Result, changed []string, took time.Duration) {
	what := describe(changed)
	now := time.Now().Format("15:04:05")
	switch {
	case errors.Is(res.Err, context.Canceled):
		// Stopped with Ctrl+C: nothing to say.
	case res.Err != nil:
		fmt.Fprintf(l.stderr, "%s %s: %v; the last good build stays\n", now, what, res.Err)
	case !res.OK():
		errs := res.Diags.Errors()
		printDiags(l.stderr, l.source, errs)
		fmt.Fprintf(l.stderr, "%s %s: build failed with %s; the last good build stays\n", now, what, plural(len(errs), "error", "errors"))
	default:
		fmt.Fprintf(l.stdout, "%s %s: %s rendered, %s changed, %d removed in %s\n",
			now, what, plural(res.Pages, "page", "pages"), plural(res.Published.Written, "file", "files"), res.Published.Removed, took.Round(time.Millisecond))
	}
}

// serveOptions are `cjm serve`'s flags.
type serveOptions struct {
	source, bind, baseURL string
	port                  int
	poll                  time.Duration
	limits                theme.Limits // the default; tests make them small
}

// serve builds, watches and serves the site until ctx ends. It never
// writes into the site's folder: the build lives in memory.
func serve(ctx context.Context, o serveOptions, stdout, stderr io.Writer) error {
	ln, err := net.Listen("tcp", net.JoinHostPort(o.bind, strconv.Itoa(o.port)))
	if err != nil {
		return err
	}
	defer ln.Close()
	mem := publish.NewMemory()
	l, err := newLive(o.source, o.baseURL, o.poll, o.limits, publish.SkipUnchanged(mem), stdout, stderr)
	if err != nil {
		return err
	}
	defer l.close()
	start := time.Now()
	res, ok := l.first(ctx)
	if !ok {
		return nil
	}
	base := "/"
	if res.Site != nil && res.Site.Base.Path != "" {
		base = res.Site.Base.Path
	}
	server := devserver.New(base)
	if host := o.bind; host != "" && net.ParseIP(host) == nil {
		server.AllowHosts(host) // a name the user chose to bind, e.g. a LAN host name
	}
	publishTo(server, mem, res)
	if res.OK() {
		fmt.Fprintf(stdout, "built %s in %s\n", plural(len(mem.Files()), "file", "files"), time.Since(start).Round(time.Millisecond))
	} else {
		l.report(res, nil, time.Since(start))
	}
	fmt.Fprintf(stdout, "serving %s at http://%s%s (Ctrl+C to stop); watching %s for changes\n", o.source, ln.Addr(), base, strings.Join(sitedir.Sources(), ", "))

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	srv := &http.Server{Handler: server, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	// The page an author saved is served as soon as it is rendered; the
	// pages that sum it up follow when the build ends.
	var ahead previews
	l.early = func(pages map[string][]byte) {
		ahead.add(pages)
		server.Preview(pages)
	}
	loopDone := make(chan struct{})
	go func() {
		l.loop(ctx, func(res *build.Result) {
			if good, revert := ahead.end(res); revert {
				files := maps.Clone(mem.Files()) // the last good build's pages again
				maps.Copy(files, good)
				server.UpdatePages(files)
			}
			publishTo(server, mem, res)
		})
		close(loopDone)
	}()
	select {
	case <-ctx.Done():
	case err = <-served:
		cancel()
	}
	<-loopDone
	server.Close() // ends the pages' event streams, which Shutdown would wait for
	shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdown)
	if err != nil && err != http.ErrServerClosed {
		return err
	}
	return nil
}

// previews are the pages served ahead of the builds that made them (see
// build.Options.Early): the build running's, and those of the builds cut
// short by a newer save since the last good build, which were good and
// stay served until a build ends well.
type previews struct {
	mu           sync.Mutex
	running, cut map[string][]byte
}

// add notes pages served ahead of the build running.
func (p *previews) add(pages map[string][]byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.running == nil {
		p.running = map[string][]byte{}
	}
	maps.Copy(p.running, pages)
}

// end notes the end of the build running. revert is true when it failed
// after serving pages ahead: the last good build's must be served again,
// with good, the pages of the builds cut short, over them.
func (p *previews) end(res *build.Result) (good map[string][]byte, revert bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	running := p.running
	p.running = nil
	switch {
	case errors.Is(res.Err, build.ErrSuperseded):
		if p.cut == nil {
			p.cut = map[string][]byte{}
		}
		maps.Copy(p.cut, running)
		return nil, false
	case res.OK():
		p.cut = nil
		return nil, false
	}
	return p.cut, running != nil
}

// publishTo hands a build to the dev server: the files it published into
// mem when it succeeded, the errors, for the browser's overlay, when it
// failed.
func publishTo(server *devserver.Server, mem *publish.Memory, res *build.Result) {
	switch {
	case res.OK() && !res.Full:
		server.UpdatePages(mem.Files()) // content alone changed: no stylesheet or script
	case res.OK():
		server.Update(mem.Files())
	case res.Err == nil:
		server.Fail(browserErrors(res.Diags.Errors()))
	case errors.Is(res.Err, build.ErrSuperseded):
		// A newer build follows: it says how things are.
	case !errors.Is(res.Err, context.Canceled):
		server.Fail([]devserver.Error{{Message: res.Err.Error()}})
	}
}

func browserErrors(ds diag.List) []devserver.Error {
	out := make([]devserver.Error, len(ds))
	for i, d := range ds {
		out[i] = devserver.Error{File: d.Place(), Line: d.Line, Message: d.Message, Hint: d.Hint}
	}
	return out
}

// buildAndWatch is `cjm build -watch`: a build published through out,
// then a rebuild on every change, each publishing only the files that
// changed.
func buildAndWatch(ctx context.Context, source, out, baseURL string, sink publish.Sink, poll time.Duration, stdout, stderr io.Writer) error {
	l, err := newLive(source, baseURL, poll, theme.Limits{}, sink, stdout, stderr)
	if err != nil {
		return err
	}
	defer l.close()
	start := time.Now()
	res, ok := l.first(ctx)
	if !ok {
		return nil
	}
	l.report(res, nil, time.Since(start))
	fmt.Fprintf(stdout, "watching %s for changes, publishing into %s (Ctrl+C to stop)\n", strings.Join(sitedir.Sources(), ", "), out)
	l.loop(ctx, func(*build.Result) {})
	return nil
}
