// Package build runs builds of a site: load the content, resolve it into
// a site, load the theme, and render the pages into memory. It writes
// nothing: the caller publishes the files only when the build has no
// errors, so a failed build never touches the previous output.
//
// A Builder builds the same site again and again (watch mode, the dev
// server): it decodes only the files that changed, and renders only the
// routes whose signature (package render) changed since the last good
// build; everything else is carried over. Its output always equals a
// clean build's.
package build

import (
	"bytes"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/diag"
	"github.com/cjm-portal/cjm/internal/render"
	"github.com/cjm-portal/cjm/internal/rollup"
	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/theme"
)

// Options say what to build.
type Options struct {
	Source  fs.FS     // the site's folder: content/, layouts/, static/, themes/
	Builtin fs.FS     // the built-in default theme (layouts/ and static/)
	BaseURL string    // overrides the site's baseURL when set
	Now     time.Time // the date the build is made on; zero means today
	Check   bool      // check only: stop before rendering
	// Committed says when a file was last committed, for journeys with no
	// `updated` date; nil when unknown (not a git checkout).
	Committed func(file string) (time.Time, bool)
	// Emit, when set, is handed each rendered page and shared file (search
	// index, data exports) as soon as it is made, from the rendering
	// goroutines, and Result.Files then holds only the static files: a one-off build writes pages as they come
	// instead of holding the site in memory. An error from Emit fails the
	// build. A Builder that rebuilds ignores it.
	Emit func(name string, data []byte) error
}

// Result is a build's outcome.
type Result struct {
	Site  *site.Site
	Files map[string][]byte // output path → bytes; nil when the build has errors
	Diags diag.List         // sorted; errors and warnings
	Pages int               // pages and maps rendered by this build
	Gaps  []rollup.Gap      // what the maps do not say yet; also in Diags, as warnings
	// Changed lists the output paths whose bytes differ from the last good
	// build's (all of them on a first build), Removed those it no longer
	// has; both sorted.
	Changed, Removed []string
	Full             bool // whether every route was rendered
}

// OK reports whether the build has no errors.
func (r *Result) OK() bool { return !r.Diags.HasErrors() }

// Build runs one clean build.
func Build(o Options) *Result { return (&Builder{opts: o, cards: render.NewPartials()}).Build(nil) }

// Builder builds one site repeatedly. It is not safe for concurrent use.
type Builder struct {
	opts  Options
	cache *content.Cache
	memo  *render.Memo
	cards *render.Partials
	last  *snapshot // the last good build
}

// snapshot is what a rebuild compares against.
type snapshot struct {
	files map[string][]byte
	sigs  map[string]uint64 // route path → signature
}

// NewBuilder returns a Builder whose first Build is a clean build.
func NewBuilder(o Options) *Builder {
	return &Builder{opts: o, cache: content.NewCache(), memo: render.NewMemo(), cards: render.NewPartials()}
}

// Build builds the site. changed lists the slash paths, relative to the
// site folder, that changed since the last call; only they are decoded
// again. A nil list means the changes are unknown: every file's size and
// time are then compared with the last build's. Any path outside content/
// (a template, a static file) makes the build render every route, as does
// a site with its own templates.
func (b *Builder) Build(changed []string) *Result {
	o := b.opts
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

	baseURL, baseLine := c.Settings.BaseURL, c.Settings.Line("baseURL")
	if o.BaseURL != "" {
		baseURL = o.BaseURL
	}
	base, err := site.ParseBase(baseURL)
	if err != nil {
		if o.BaseURL != "" {
			diags.Errorf("-base-url", 0, "give a URL like https://org.github.io/cjm/ or a path like /cjm/", "%v", err)
		} else {
			diags.Errorf(c.Settings.File, baseLine, "give a URL like https://org.github.io/cjm/ or a path like /cjm/", "baseURL: %v", err)
		}
	}
	s, more := site.Resolve(c, base)
	diags.Add(more...)
	res.Site = s
	if s.Settings.Title == "" {
		s.Settings.Title = theme.Word(s.Settings.Language, "portal")
	}

	if name := s.Settings.Theme; name != "" && name != "default" {
		if fi, err := fs.Stat(o.Source, "themes/"+name); err != nil || !fi.IsDir() {
			diags.Errorf(s.Settings.File, s.Settings.Line("theme"), "create themes/"+name+"/ or remove `theme` to use the default", "theme: no folder themes/%s", name)
		}
	}
	res.Gaps = rollup.Gaps(s, rollup.Options{Today: o.Now, Committed: o.Committed})
	for _, g := range res.Gaps {
		diags.Add(g.Diagnostic())
	}
	// The routes' signatures do not depend on the templates: they are
	// summed while the templates are parsed.
	today := o.Now.Format("2006-01-02")
	signed := make(chan *render.Signed, 1)
	if !o.Check {
		go func() { signed <- render.Signatures(s, render.Global(s, today, s.Base.Root, s.Base.Path), res.Gaps) }()
	}
	th, more := theme.Load(theme.Layers(o.Source, s.Settings.Theme, o.Builtin), render.Funcs(s, o.Now, res.Gaps, b.cards))
	diags.Add(more...)
	if diags.HasErrors() || o.Check {
		res.Diags = diags.Sort()
		return res
	}

	// Which routes to render: those whose signature changed, unless
	// anything but content changed or the templates are the site's own.
	sigs := <-signed
	routes := s.Routes
	b.cards.Bind(th, sigs, b.last == nil || outsideContent(changed))
	res.Full = b.last == nil || th.Custom || outsideContent(changed)
	if !res.Full {
		routes = nil
		for _, rt := range s.Routes {
			if old, ok := b.last.sigs[rt.Path]; !ok || old != sigs.Routes[rt.Path] {
				routes = append(routes, rt)
			}
		}
	}

	r := render.New(s, th, o.Now).WithMemo(b.memo)
	// The shared files (search index, sitemap) sum up the whole site:
	// they are worked out beside the pages, not after them.
	stream := o.Emit != nil && b.cache == nil
	type sharedFiles struct {
		files map[string][]byte // empty when emitted
		diags diag.List
	}
	shared := make(chan sharedFiles, 1)
	go func() {
		var out sharedFiles
		if !stream {
			out.files = r.Shared()
			shared <- out
			return
		}
		// Each written at once rather than held while the pages render:
		// the data exports of a large portal run to hundreds of MB.
		r.EachShared(func(name string, data []byte) {
			if err := o.Emit(name, data); err != nil {
				out.diags.Errorf("/"+name, 0, "", "writing /%s: %v", name, err)
			}
		})
		shared <- out
	}()
	var files map[string][]byte
	if stream {
		files = map[string][]byte{}
		more, err := r.Stream(routes, o.Emit)
		diags.Add(more...)
		if err != nil {
			diags.Errorf("-out", 0, "", "writing the site: %v", err)
		}
	} else {
		var more diag.List
		files, more = r.Routes(routes)
		diags.Add(more...)
	}
	res.Pages = len(routes)
	pages := make(map[string]bool, len(s.Routes))
	for _, rt := range s.Routes {
		pages[render.OutputPath(rt.Path)] = true
	}
	if !res.Full {
		// Carry over every page that still exists and was not rendered.
		rendered := files
		files = make(map[string][]byte, len(b.last.files))
		for name, data := range b.last.files {
			if pages[name] {
				files[name] = data
			}
		}
		maps.Copy(files, rendered)
	}
	sh := <-shared
	maps.Copy(files, sh.files)
	diags.Add(sh.diags...)

	// Static files go where they are, except where a page already is:
	// a page always wins, and the author hears about it.
	names := slices.Sorted(maps.Keys(th.Static))
	for _, name := range names {
		f := th.Static[name]
		if _, taken := files[name]; taken || pages[name] {
			diags.Warnf(f.Source, 0, "rename the static file", "static file is hidden by the page at /%s", name)
			continue
		}
		files[name] = f.Data
	}
	res.Diags = diags.Sort()
	if !res.OK() {
		return res
	}
	res.Files = files
	if stream {
		return res
	}
	res.Changed, res.Removed = diff(b.last, files)
	if b.cache != nil {
		b.last = &snapshot{files: files, sigs: sigs.Routes}
	}
	return res
}

// outsideContent reports whether a change touches more than content/:
// templates, static files or themes.
func outsideContent(changed []string) bool {
	for _, p := range changed {
		if p != content.Dir && !strings.HasPrefix(path.Clean(p), content.Dir+"/") {
			return true
		}
	}
	return false
}

// diff lists the files that differ from the last build and those gone.
func diff(last *snapshot, files map[string][]byte) (changed, removed []string) {
	for name, data := range files {
		if last == nil {
			changed = append(changed, name)
			continue
		}
		if old, ok := last.files[name]; !ok || !bytes.Equal(old, data) {
			changed = append(changed, name)
		}
	}
	if last != nil {
		for name := range last.files {
			if _, ok := files[name]; !ok {
				removed = append(removed, name)
			}
		}
	}
	sort.Strings(changed)
	sort.Strings(removed)
	return changed, removed
}
