// Package build runs builds of a site: load the content, resolve it into
// a site, load the theme, render the pages and hand them to a sink of
// package publish as they come. A build with errors is aborted, so that
// the sink keeps the previous output; one without is committed.
//
// A Builder builds the same site again and again (watch mode, the dev
// server): it decodes only the files that changed, and renders only the
// routes whose signature (package signature) changed since the last good
// build; every other page is handed to the sink as kept. Its output always
// equals a clean build's.
package build

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/diag"
	"github.com/cjm-portal/cjm/internal/gitlog"
	"github.com/cjm-portal/cjm/internal/history"
	"github.com/cjm-portal/cjm/internal/publish"
	"github.com/cjm-portal/cjm/internal/render"
	"github.com/cjm-portal/cjm/internal/rollup"
	"github.com/cjm-portal/cjm/internal/signature"
	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/sitedir"
	"github.com/cjm-portal/cjm/internal/sitefs"
	"github.com/cjm-portal/cjm/internal/theme"
	"github.com/cjm-portal/cjm/internal/words"
)

// Options say what to build.
type Options struct {
	Source  fs.FS     // the site's folder: content/, layouts/, static/, themes/
	Builtin fs.FS     // the built-in default theme (layouts/ and static/)
	BaseURL string    // overrides the site's baseURL when set
	Now     time.Time // the date the build is made on; zero means today
	Check   bool      // check only: stop before rendering
	// Committed says when a file was last committed, for journeys with no
	// `updated` date; nil takes it from History.
	Committed func(file string) (time.Time, bool)
	// History reads the site's history from git, once per commit checked
	// out (a Builder keeps it between builds); nil: the pages say there
	// is none.
	History *history.Reader
	// Out takes the build's files: each page as soon as it is rendered,
	// the shared files (search index, data exports) as they are made, the
	// static files, and, from a Builder, each page not rendered again as
	// kept. A build with errors is aborted, any other committed, so that
	// Out always holds the last good build. Unused when Check.
	Out publish.Sink
	// Limits bound each page's rendering; the zero value is the default
	// (theme.PageTime, theme.PageBytes).
	Limits theme.Limits
	// Early, when set, is given the pages of the files a Builder's build
	// was told changed (output path → bytes) as soon as they are
	// rendered, before the rest of the build, when only content changed
	// and nothing is wrong so far: the dev server serves the page the
	// author saved while the pages that sum it up are still rendering.
	// The build may still fail after; Out says how it ended.
	Early func(pages map[string][]byte)
}

// Result is a build's outcome.
type Result struct {
	Site  *site.Site
	Diags diag.List    // sorted; errors and warnings
	Pages int          // pages and maps rendered by this build
	Gaps  []rollup.Gap // what the maps do not say yet; also in Diags, as warnings
	Full  bool         // whether every route was rendered
	// History is what git said of the content, or why it said nothing.
	History *history.History
	// Published says what committing the build into Out did.
	Published publish.Stats
	// Err says why a build whose content has no errors was not published:
	// Out failed, or ctx ended. Out holds the last good build.
	Err error
}

// OK reports whether the build has no errors and was published.
func (r *Result) OK() bool { return !r.Diags.HasErrors() && r.Err == nil }

// Build runs one clean build.
func Build(ctx context.Context, o Options) *Result {
	return (&Builder{opts: o, cards: render.NewPartials().OneBuild(), once: true}).Build(ctx, nil)
}

// Builder builds one site repeatedly. It is not safe for concurrent use,
// but for Stop.
type Builder struct {
	opts  Options
	cache *content.Cache
	memo  *memo
	cards *render.Partials
	// once is set for a single build (Build): nothing is kept for a next.
	once bool
	// sigs are the signatures (route path → signature) of the last build
	// committed into Out, which holds its pages; nil before the first.
	sigs map[string]uint64

	stopped atomic.Bool
	theme   atomic.Pointer[theme.Theme] // the latest build's, for Stop
	kept    *keptTheme                  // the theme of the last build, for the next (see loadTheme)
	// earlyRoutes are the paths of the routes the build running rendered
	// before the others (see Options.Early).
	earlyRoutes []string

	tailMu sync.Mutex
	newer  bool                    // Supersede was called during the build running
	cut    context.CancelCauseFunc // ends the rest of the build running, once cuttable
}

// ErrSuperseded is the Err of a build cut short by Supersede.
var ErrSuperseded = errors.New("build superseded by a newer one")

// Supersede says that a build of newer changes will follow the one
// running. Once that one has handed its saved pages to Options.Early, the
// rest of it stops between pages and is aborted, with Err ErrSuperseded:
// the next build renders every page whose signature differs from the
// last build committed, and so what this one left. A build with no early
// pages runs on. It may be called from any goroutine.
func (b *Builder) Supersede() {
	b.tailMu.Lock()
	defer b.tailMu.Unlock()
	b.newer = true
	if b.cut != nil {
		b.cut(ErrSuperseded)
	}
}

// cuttable returns a context that Supersede ends from now on, and its
// release, for the rest of a build whose early pages are out.
func (b *Builder) cuttable(ctx context.Context) (context.Context, func()) {
	tail, cut := context.WithCancelCause(ctx)
	b.tailMu.Lock()
	defer b.tailMu.Unlock()
	b.cut = cut
	if b.newer {
		cut(ErrSuperseded)
	}
	return tail, func() {
		b.tailMu.Lock()
		b.cut = nil
		b.tailMu.Unlock()
		cut(nil)
	}
}

// Stop stops the build running, if any: its pages stop at their next step
// and fail with theme.ErrStopped, and so do those of every later build.
// It may be called from any goroutine, and is how a session ends while a
// template loops without end.
func (b *Builder) Stop() {
	b.stopped.Store(true)
	if th := b.theme.Load(); th != nil {
		th.Halt()
	}
}

// NewBuilder returns a Builder whose first Build is a clean build.
func NewBuilder(o Options) *Builder {
	return &Builder{opts: o, cache: content.NewCache(), memo: newMemo(), cards: render.NewPartials()}
}

// Build builds the site into Out. changed lists the slash paths, relative to the
// site folder, that changed since the last call; only they are decoded
// again. A nil list means the changes are unknown: every file's size and
// time are then compared with the last build's. Any path outside content/
// (a template, a static file) makes the build render every route, as does
// a site with its own templates. When ctx ends, the build stops and is
// aborted.
func (b *Builder) Build(ctx context.Context, changed []string) *Result {
	o := b.opts
	b.earlyRoutes = nil
	b.tailMu.Lock()
	b.newer = false
	b.tailMu.Unlock()
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	res := &Result{}
	var c *content.Content
	var diags diag.List
	if b.cache != nil {
		// A list of changes comes from a watcher that saw them all: trust
		// it rather than look at every file. No list: look.
		b.cache.Trust(changed != nil)
		b.cache.Forget(changed...)
		c, diags = content.LoadCached(o.Source, b.cache)
	} else {
		c, diags = content.Load(o.Source)
	}

	// git is read while the site is resolved.
	histc := make(chan *history.History, 1)
	go func() { histc <- o.History.Read(ctx, c, window(c.Settings), o.Now) }()

	baseURL, baseLine := c.Settings.BaseURL, c.Settings.Line("baseURL")
	if o.BaseURL != "" {
		baseURL = o.BaseURL
	}
	base, err := site.ParseBase(baseURL)
	if err != nil {
		if o.BaseURL != "" {
			diags.FlagErrorf("-base-url", "give a URL like https://org.github.io/cjm/ or a path like /cjm/", "%v", err)
		} else {
			diags.Errorf(c.Settings.File, baseLine, "give a URL like https://org.github.io/cjm/ or a path like /cjm/", "baseURL: %v", err)
		}
	}
	s, more := site.Resolve(c, base)
	diags.Add(more...)
	res.Site = s
	if s.Settings.Title == "" {
		s.Settings.Title = words.Word(s.Settings.Language, "portal")
	}

	if name := s.Settings.Theme; name != "" && name != "default" && !themeFolder(o.Source, sitedir.Theme(name)) {
		diags.Errorf(s.Settings.File, s.Settings.Line("theme"), "create "+sitedir.Theme(name)+"/ or remove `theme` to use the default", "theme: no folder %s", sitedir.Theme(name))
	}
	hist := <-histc
	res.History = hist
	committed := o.Committed
	if committed == nil && hist.Available() {
		committed = lastCommitted(hist)
	}
	res.Gaps = rollup.Gaps(s, rollup.Options{Today: o.Now, Committed: committed})
	for _, g := range res.Gaps {
		diags.Add(g.Diagnostic())
	}
	// The routes' signatures do not depend on the templates: they are
	// summed while the templates are parsed.
	today := o.Now.Format("2006-01-02")
	signed := make(chan *signature.Signed, 1)
	if !o.Check {
		go func() {
			signed <- signature.Sign(s, signature.Global(s, today, s.Base.Root, s.Base.Path, signature.HistoryKey(hist)), render.GapsSum(s, res.Gaps))
		}()
	}
	th, more := b.loadTheme(s, changed, o.Now, res.Gaps, hist)
	diags.Add(more...)
	b.theme.Store(th)
	if b.stopped.Load() { // after the Store: a Stop from now on halts th itself
		th.Halt()
	}
	// A build whose ctx ends stops its pages too, at their next step.
	defer context.AfterFunc(ctx, th.Halt)()
	if diags.HasErrors() || o.Check || ctx.Err() != nil {
		res.Diags, res.Err = diags.Sort(), ctx.Err()
		if !o.Check {
			o.Out.Abort()
		}
		return res
	}

	out := &output{ctx: ctx, sink: o.Out}
	// abort ends a build that will not be published: Out keeps the last
	// good build.
	abort := func() *Result {
		res.Diags = diags.Sort()
		o.Out.Abort()
		res.Err = out.failed()
		return res
	}
	r := render.New(s, th, o.Now).WithHistory(hist)
	res.Full = b.sigs == nil || th.Custom || outsideContent(changed)
	if b.once && !th.Custom {
		// The built-in templates read an item's body on its own page
		// alone; a site's own might read any item's on any page.
		r.ForgetBodies()
	}
	if !res.Full && o.Early != nil {
		// The saved files' own pages first, on their own and before the
		// signatures are summed: they are what the author looks at.
		b.cards.Bind(th, nil, false)
		failed := b.early(r, s.Routes, changed, out, &diags)
		res.Pages = len(b.earlyRoutes)
		if failed {
			return abort()
		}
		if len(b.earlyRoutes) > 0 {
			// The rest may be cut short by a newer build.
			var release func()
			out.ctx, release = b.cuttable(ctx)
			defer release()
			r.Until(out.ctx)
		}
	}

	// Which routes to render: those whose signature changed and that
	// early did not, unless anything but content changed or the
	// templates are the site's own.
	sigs := <-signed
	if out.failed() != nil { // cut short meanwhile
		return abort()
	}
	routes := s.Routes
	b.cards.Bind(th, sigs, b.sigs == nil || outsideContent(changed))
	if !res.Full {
		routes = nil
		for _, rt := range s.Routes {
			if old, ok := b.sigs[rt.Path]; (!ok || old != sigs.Routes[rt.Path]) && !slices.Contains(b.earlyRoutes, rt.Path) {
				routes = append(routes, rt)
			}
		}
	}
	var failures diag.List
	sharedNames := map[string]bool{}
	putShared := func(name string, data []byte) error {
		sharedNames[name] = true
		return out.put(name, data)
	}
	waitShared := func() {}
	if b.once {
		failures = b.renderOnce(r, s, o.Now, hist, routes, out, putShared)
	} else {
		// The shared files (search index, exports) sum up the whole site:
		// they are made beside the pages, not after them, and each handed
		// over at once rather than held.
		shared := make(chan struct{})
		go func() {
			_ = eachShared(s, o.Now, hist, b.memo, putShared) // an error of out's is out's to tell
			close(shared)
		}()
		failures, _ = r.Stream(routes, out.put) // an error of out's is out's to tell
		waitShared = func() { <-shared }
	}
	diags.Add(failures...)
	res.Pages += len(routes)
	pages := make(map[string]bool, len(s.Routes))
	for _, rt := range s.Routes {
		pages[render.OutputPath(rt.Path)] = true
	}
	if !res.Full {
		// Every page that still exists and was not rendered is as the
		// last build made it.
		rendered := make(map[string]bool, len(routes)+len(b.earlyRoutes))
		for _, rt := range routes {
			rendered[rt.Path] = true
		}
		for _, p := range b.earlyRoutes {
			rendered[p] = true
		}
		for _, rt := range s.Routes {
			if !rendered[rt.Path] {
				_ = out.keep(render.OutputPath(rt.Path))
			}
		}
	}
	waitShared()

	// Static files go where they are, except where a page or a shared
	// file already is: that wins, and the author hears about it.
	for _, name := range slices.Sorted(maps.Keys(th.Static)) {
		f := th.Static[name]
		if pages[name] || sharedNames[name] {
			diags.Warnf(f.Source, 0, "rename the static file", "static file is hidden by the page at /%s", name)
			continue
		}
		_ = out.put(name, f.Data)
	}
	if diags.HasErrors() || out.failed() != nil {
		return abort()
	}
	res.Diags = diags.Sort()
	st, err := o.Out.Commit()
	if err != nil {
		// Out holds the build before, whose pages this Builder no longer
		// knows: the next build renders and hands over every page.
		b.sigs = nil
		res.Err = err
		return res
	}
	res.Published = st
	if b.cache != nil {
		b.sigs = sigs.Routes
	}
	return res
}

// renderOnce renders the routes of a one-off build, which keeps nothing
// for a next: the search index first, as it reads the items' bodies, which
// the pages then let go (see render.ForgetBodies), and the data exports
// last, once the pages' cards are gone, so that the heap holds the site
// and one of these at a time rather than all of them.
func (b *Builder) renderOnce(r *render.Renderer, s *site.Site, now time.Time, hist *history.History, routes []site.Route, out *output, put func(string, []byte) error) diag.List {
	// An error of out's is out's to tell, and stops what follows.
	if eachIndex(s, nil, put) != nil {
		return nil
	}
	failures, _ := r.Stream(routes, out.put)
	b.cards.Clear()
	_ = eachExport(s, now, hist, nil, put)
	return failures
}

// window is how far back the site's settings let the history read.
func window(s content.Settings) history.Window {
	w := history.Window{Commits: gitlog.DefaultCommits, Years: s.HistoryYears}
	if s.HistoryCommits != nil {
		w.Commits = *s.HistoryCommits
	}
	if w.Years == 0 {
		w.Years = 2
	}
	return w
}

// lastCommitted dates a journey by the newest commit to any file in its
// folder, as its pages say it was updated; other files by their own.
func lastCommitted(h *history.History) func(string) (time.Time, bool) {
	return func(file string) (time.Time, bool) {
		p := file
		if path.Base(file) == "_index.md" && strings.Count(file, "/") == 3 && strings.HasPrefix(file, content.Dir+"/journeys/") {
			p = path.Dir(file)
		}
		if c := h.Last(p); c != nil {
			return c.Date, true
		}
		return time.Time{}, false
	}
}

// output hands files to Out until the first error, or until ctx ends.
type output struct {
	ctx  context.Context
	sink publish.Sink
	mu   sync.Mutex
	err  error
}

func (o *output) put(name string, data []byte) error {
	return o.do(func() error { return o.sink.Put(name, data) })
}

func (o *output) keep(name string) error {
	return o.do(func() error { return o.sink.Keep(name) })
}

func (o *output) do(f func() error) error {
	if err := o.failed(); err != nil {
		return err
	}
	err := f()
	if err != nil {
		o.mu.Lock()
		if o.err == nil {
			o.err = err
		}
		o.mu.Unlock()
	}
	return err
}

// failed returns the first error, or why ctx ended.
func (o *output) failed() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.err == nil {
		return context.Cause(o.ctx)
	}
	return o.err
}

// themeFolder reports whether the theme's folder dir is there, or is a
// symbolic link (on the way to) it, which theme.Layers reports.
func themeFolder(site fs.FS, dir string) bool {
	fi, err := fs.Lstat(site, dir)
	var link *sitefs.LinkError
	return err == nil && (fi.IsDir() || fi.Mode()&fs.ModeSymlink != 0) || errors.As(err, &link)
}

// outsideContent reports whether a change touches more than content/:
// templates, static files or themes.
func outsideContent(changed []string) bool {
	for _, p := range changed {
		if !sitedir.InContent(p) {
			return true
		}
	}
	return false
}
