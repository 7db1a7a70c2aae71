// Package build runs one build of a site: load the content, resolve it
// into a site, load the theme, and render every page into memory. It
// writes nothing: the caller publishes the files only when the build has
// no errors, so a failed build never touches the previous output.
package build

import (
	"io/fs"
	"sort"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/diag"
	"github.com/cjm-portal/cjm/internal/render"
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
}

// Result is a build's outcome.
type Result struct {
	Site  *site.Site
	Files map[string][]byte // output path → bytes; nil when the build has errors
	Diags diag.List         // sorted; errors and warnings
	Pages int               // pages rendered
}

// OK reports whether the build has no errors.
func (r *Result) OK() bool { return !r.Diags.HasErrors() }

// Build runs the build.
func Build(o Options) *Result {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	res := &Result{}
	c, diags := content.Load(o.Source)

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
	th, more := theme.Load(theme.Layers(o.Source, s.Settings.Theme, o.Builtin), render.Funcs(s, o.Now))
	diags.Add(more...)
	if diags.HasErrors() || o.Check {
		res.Diags = diags.Sort()
		return res
	}

	files, more := render.New(s, th, o.Now).All()
	diags.Add(more...)
	res.Pages = len(files)
	// Static files go where they are, except where a page already is:
	// a page always wins, and the author hears about it.
	names := make([]string, 0, len(th.Static))
	for name := range th.Static {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f := th.Static[name]
		if _, taken := files[name]; taken {
			diags.Warnf(f.Source, 0, "rename the static file", "static file is hidden by the page at /%s", name)
			continue
		}
		files[name] = f.Data
	}
	res.Diags = diags.Sort()
	if res.OK() {
		res.Files = files
	}
	return res
}
