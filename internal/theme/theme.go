// Package theme finds the templates and static files a site is rendered
// with. Each name is looked up in three layers, the first found wins: the
// site's own layouts/ (or static/), the theme's folder themes/NAME/ in the
// site, then the default theme embedded in the binary. A site thus replaces
// one template of the theme by writing a file of the same name.
package theme

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/diag"
	"github.com/cjm-portal/cjm/internal/sitedir"
	"github.com/cjm-portal/cjm/internal/sitefs"
)

// Theme is a set of parsed page templates and the static files to publish.
type Theme struct {
	pages  map[string]*template.Template // by file name: "journey.html"
	Static map[string]File               // output path → file
	// Custom is true when a template comes from the site (its layouts/ or
	// a theme folder) rather than the built-in theme: such templates may
	// show anything, so a rebuild cannot tell which pages they change.
	Custom bool
	base   *template.Template // baseof.html and the partials, for Partial

	limits  Limits
	halted  atomic.Bool       // see Halt
	sources map[string]string // template file name → its Source, for messages

	// langs are the templates for pages in another language than the
	// site's, each set with that language's functions (see Localize).
	langs map[string]*localized
}

// localized is a theme's templates for pages in one language.
type localized struct {
	pages map[string]*template.Template
	base  *template.Template
}

// Localize readies the templates for pages in language lang: a copy of
// each, whose functions funcs replace (the ones that say words: t,
// count, date ...), so that a journey in its own language gets every word
// of its pages in it. It must be called before any page renders, as
// html/template copies a template only before it first runs.
func (t *Theme) Localize(lang string, funcs template.FuncMap) error {
	if t.base == nil {
		return nil // a theme with errors renders nothing
	}
	l := &localized{pages: make(map[string]*template.Template, len(t.pages))}
	var err error
	if l.base, err = t.base.Clone(); err != nil {
		return err
	}
	l.base.Funcs(funcs)
	for name, page := range t.pages {
		clone, err := page.Clone()
		if err != nil {
			return err
		}
		l.pages[name] = clone.Funcs(funcs)
	}
	if t.langs == nil {
		t.langs = map[string]*localized{}
	}
	t.langs[lang] = l
	return nil
}

// Rebind gives the templates of pages in language lang (those Localize
// readied for it; "" for the theme's own) funcs in place of the functions
// they were given before, so that a theme parsed once serves the next
// build of the same templates: a template looks its functions up by name
// each time it calls one, so nothing is parsed or copied again. funcs must
// have the names and types of the functions given before; the limits'
// functions stay. A language Localize did not ready is left alone. It
// must not be called while a page renders.
func (t *Theme) Rebind(lang string, funcs template.FuncMap) {
	pages, base := t.pages, t.base
	if lang != "" {
		l := t.langs[lang]
		if l == nil {
			return
		}
		pages, base = l.pages, l.base
	}
	if base == nil {
		return
	}
	limits := t.limitFuncs()
	base.Funcs(funcs).Funcs(limits)
	for _, page := range pages {
		page.Funcs(funcs).Funcs(limits)
	}
}

// set returns the page templates and the partials for pages in lang: those
// Localize readied, else the theme's own.
func (t *Theme) set(lang string) (map[string]*template.Template, *template.Template) {
	if l := t.langs[lang]; l != nil {
		return l.pages, l.base
	}
	return t.pages, t.base
}

// Partial renders one partial ("partials/touchpoint-card.html") with data,
// for a function a page calls: the page's time limit covers it.
func (t *Theme) Partial(name string, data any) (template.HTML, error) {
	return t.PartialIn(name, "", data)
}

// PartialIn is Partial for a page in language lang (see Localize).
func (t *Theme) PartialIn(name, lang string, data any) (template.HTML, error) {
	_, base := t.set(lang)
	if base == nil || base.Lookup(name) == nil {
		return "", fmt.Errorf("no template %s", name)
	}
	if t.halted.Load() {
		return "", &stoppedIn{name}
	}
	buf := buffers.Get().(*bytes.Buffer)
	defer putBuffer(buf)
	if err := base.ExecuteTemplate(&limitWriter{buf: buf, max: t.limits.Bytes, template: name}, name, data); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil // html/template escaped it
}

// File is a static file and the layer it comes from.
type File struct {
	Source string // path shown in messages: static/css/x.css, themes/default/static/..., (built-in)
	Data   []byte
}

// Layer is one place templates and static files are looked up in.
type Layer struct {
	Name string // shown before a built-in file's path in messages; "" for the site's own
	FS   fs.FS  // nil when the layer has no files
	// Layouts and Static are the layer's folders in FS ("layouts",
	// "themes/NAME/static"); "" when it has no such folder.
	Layouts, Static string
}

// Layers returns the lookup order for a site folder and theme name. A
// symbolic link on the way to a layer's folder (layouts, static, themes,
// themes/NAME, or its layouts or static) is an error: the folder is left
// out rather than read from wherever the link leads.
func Layers(site fs.FS, name string, builtin fs.FS) ([]Layer, diag.List) {
	var diags diag.List
	said := map[string]bool{}
	folder := func(fsys fs.FS, dir string) string {
		if fsys == nil {
			return ""
		}
		p := ""
		for part := range strings.SplitSeq(dir, "/") {
			p = path.Join(p, part)
			fi, err := fs.Lstat(fsys, p)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				return ""
			case err != nil:
				if !said[p] {
					diags.Errorf(p, 0, "", "cannot read: %v", err)
				}
				said[p] = true
				return ""
			case fi.Mode()&fs.ModeSymlink != 0:
				if !said[p] {
					diags.Errorf(p, 0, "copy the folder into the site instead", "%s", sitefs.Link(fsys, p).Message())
				}
				said[p] = true
				return ""
			case !fi.IsDir():
				return ""
			}
		}
		return dir
	}
	themeDir := sitedir.Theme(name)
	return []Layer{
		{Name: "", FS: site, Layouts: folder(site, sitedir.Layouts), Static: folder(site, sitedir.Static)},
		{Name: "", FS: site, Layouts: folder(site, themeDir+"/"+sitedir.Layouts), Static: folder(site, themeDir+"/"+sitedir.Static)},
		{Name: builtinName, FS: builtin, Layouts: folder(builtin, sitedir.Layouts), Static: folder(builtin, sitedir.Static)},
	}, diags
}

const builtinName = "(built-in theme) "

// Kinds maps a page kind to the template files tried for it, in order.
var Kinds = map[string][]string{
	"home":          {"home.html"},
	"404":           {"404.html", "page.html"},
	"personas":      {"personas.html", "list.html"},
	"teams":         {"teams.html", "list.html"},
	"journeys":      {"journeys.html", "list.html"},
	"channels":      {"channels.html", "list.html"},
	"opportunities": {"opportunities.html"},
	"gaps":          {"gaps.html"},
	"heatmap":       {"heatmap.html"},
	"data":          {"data.html", "page.html"},
	"kpis":          {"kpis.html"},
	"kpi":           {"kpi.html", "single.html"},
	"benchmark":     {"benchmark.html"},
	"competitor":    {"competitor.html", "single.html"},
	"persona":       {"persona.html", "single.html"},
	"team":          {"team.html", "single.html"},
	"channel":       {"channel.html", "single.html"},
	"journey":       {"journey.html", "single.html"},
	"compare":       {"compare.html", "single.html"},
	"history":       {"history.html", "single.html"},
	"embed":         {"embed.html"},
	"stage":         {"stage.html", "single.html"},
	"touchpoint":    {"touchpoint.html", "single.html"},
	"page":          {"page.html", "single.html"},
}

// Load reads the layers' templates and static files. Page templates are
// parsed together with baseof.html and every file under partials/. Pages
// render within limits (see Limits; the zero value is the default).
func Load(layers []Layer, funcs template.FuncMap, limits Limits) (*Theme, diag.List) {
	var diags diag.List
	layouts := map[string]File{}
	static := map[string]File{}
	for i := len(layers) - 1; i >= 0; i-- { // lowest layer first; higher ones overwrite
		l := layers[i]
		collect(l.FS, l.Layouts, l.Name, layouts, &diags)
		collect(l.FS, l.Static, l.Name, static, &diags)
	}
	for name := range static {
		if skipStatic(name) {
			delete(static, name)
		}
	}
	t := &Theme{pages: map[string]*template.Template{}, Static: static, limits: limits.orDefaults(), sources: map[string]string{}}
	for name, f := range layouts {
		if !strings.HasPrefix(f.Source, builtinName) {
			t.Custom = true
		}
		t.sources[name] = f.Source
	}

	base := template.New("").Funcs(funcs).Funcs(t.limitFuncs()).Option("missingkey=error")
	shared := []string{}
	for name := range layouts {
		if name == "baseof.html" || strings.HasPrefix(name, "partials/") {
			shared = append(shared, name)
		}
	}
	sort.Strings(shared)
	if _, ok := layouts["baseof.html"]; !ok {
		diags.Errorf(sitedir.Layouts+"/baseof.html", 0, "restore the theme's baseof.html or add one in layouts/", "no baseof.html template in any layer")
		return t, diags
	}
	for _, name := range shared {
		if err := parseFile(base.New(name), layouts[name]); err != nil {
			diags.Add(templateError(layouts[name].Source, err))
		}
	}
	if diags.HasErrors() {
		return t, diags
	}
	t.guard(base, &diags)
	needed := map[string]bool{}
	for _, files := range Kinds {
		for _, f := range files {
			needed[f] = true
		}
	}
	names := make([]string, 0, len(needed))
	for n := range needed {
		names = append(names, n)
	}
	sort.Strings(names)
	broken := map[string]bool{}
	for _, name := range names {
		f, ok := layouts[name]
		if !ok {
			continue
		}
		clone, err := base.Clone()
		if err != nil {
			diags.Errorf(f.Source, 0, "", "%v", err)
			continue
		}
		if err := parseFile(clone.New(name), f); err != nil {
			diags.Add(templateError(f.Source, err))
			broken[name] = true
			continue
		}
		t.guard(clone, &diags)
		t.pages[name] = clone
	}
	// Pages were cloned from base; it may now run partials on its own.
	t.base = base
	for kind, files := range Kinds {
		found := false
		for _, f := range files {
			found = found || t.pages[f] != nil || broken[f]
		}
		if !found {
			diags.Errorf(sitedir.Layouts+"/"+files[0], 0, "add the template, or restore the theme's", "no template for %s pages", kind)
		}
	}
	return t, diags
}

// Execute renders a page of the given kind with data. A page that passes
// a limit fails with a *LimitError, and so halts the theme (see Halt).
func (t *Theme) Execute(kind string, data any) ([]byte, error) { return t.ExecuteIn(kind, "", data) }

// ExecuteIn is Execute for a page in language lang (see Localize).
func (t *Theme) ExecuteIn(kind, lang string, data any) ([]byte, error) {
	pages, _ := t.set(lang)
	for _, name := range Kinds[kind] {
		if tmpl := pages[name]; tmpl != nil {
			buf := buffers.Get().(*bytes.Buffer)
			if err := t.run(tmpl, "baseof.html", name, buf, data); err != nil {
				putBuffer(buf)
				return nil, err
			}
			if buf.Len() > ownBuffer {
				// A page of megabytes keeps its buffer rather than
				// hold a copy beside it.
				return buf.Bytes(), nil
			}
			defer putBuffer(buf)
			return bytes.Clone(buf.Bytes()), nil
		}
	}
	return nil, fmt.Errorf("no template for %s pages", kind)
}

// ownBuffer is the size past which a page keeps the buffer it was
// written into: the boards of a large portal run to tens of MB.
const ownBuffer = 4 << 20

// buffers are reused across pages: a page grown into a fresh buffer costs
// more in copying and zeroing than it does in executing the template.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putBuffer(b *bytes.Buffer) {
	b.Reset()
	buffers.Put(b)
}

func parseFile(t *template.Template, f File) error {
	_, err := t.Parse(string(f.Data))
	return err
}

// collect reads every file under dir in fsys into into, by its path below
// dir. A symbolic link is an error, and a linked folder is not walked: a
// static file linked from outside would be published.
func collect(fsys fs.FS, dir, name string, into map[string]File, diags *diag.List) {
	if dir == "" {
		return
	}
	_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			diags.Errorf(name+p, 0, "", "cannot read: %v", err)
			return nil
		}
		if bad, ok := content.NameNotUTF8(name+p, d.IsDir()); ok {
			diags.Add(bad)
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			diags.Errorf(name+p, 0, "copy the file or folder into the site instead", "%s", sitefs.Link(fsys, p).Message())
			return nil
		}
		if d.IsDir() {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			diags.Errorf(name+p, 0, "", "cannot read: %v", err)
			return nil
		}
		into[strings.TrimPrefix(p, dir+"/")] = File{Source: name + p, Data: data}
		return nil
	})
}

// skipStatic leaves out files that only serve the repository.
func skipStatic(name string) bool {
	base := path.Base(name)
	return base == ".gitkeep" || base == ".DS_Store" || base == "Thumbs.db" || strings.HasSuffix(base, "~")
}

var templateLine = regexp.MustCompile(`^template: [^:]+:(\d+):(?:\d+:)? ?(.*)$`)

// templateError turns a parse error into a diagnostic at the template's line.
func templateError(file string, err error) diag.Diagnostic {
	msg, line := err.Error(), 0
	if m := templateLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	return diag.Diagnostic{File: file, Line: line, Severity: diag.Error, Message: "template: " + msg, Hint: "fix the template syntax; see https://pkg.go.dev/html/template"}
}
