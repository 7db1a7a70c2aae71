// Package render turns a resolved site into output files: one index.html
// for every route and a map.svg for every journey. Pages render in
// parallel; the result depends only on the site, so two builds of the same
// content give the same bytes.
package render

import (
	"context"
	"errors"
	"fmt"
	"html"
	"html/template"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/diag"
	"github.com/cjm-portal/cjm/internal/history"
	"github.com/cjm-portal/cjm/internal/markdown"
	"github.com/cjm-portal/cjm/internal/par"
	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/swimlane"
	"github.com/cjm-portal/cjm/internal/textfit"
	"github.com/cjm-portal/cjm/internal/theme"
	"github.com/cjm-portal/cjm/internal/words"
)

// Page is what a template sees as its dot.
type Page struct {
	Site        *site.Site
	Kind        string
	Path        string // route path, relative to the base URL
	Title       string
	Description string // the item's description, else the site's
	Lang        string
	Source      string        // the content file, "" for generated pages
	Body        template.HTML // the item's Markdown body, rendered
	Crumbs      []Crumb       // breadcrumbs, home first, this page excluded

	// One of these is set, by kind.
	Persona    *site.Persona
	Team       *site.Team
	Channel    *site.Channel
	Journey    *site.Journey
	Stage      *site.Stage
	Touchpoint *site.Touchpoint
	Page       *site.Page
	KPI        *site.KPIDef     // on a KPI's page: the catalogue entry
	Competitor *site.Competitor // on a competitor's page

	Map *Table // the journey map as a table, on journey pages

	// MapPanes is the journey's map drawn in four panes, for a viewer that
	// keeps lane names and stage headers in view, on journey and embed
	// pages; mapSVG draws it whole (see MapSVG).
	MapPanes *MapPanes
	mapSVG   func() template.HTML
	// MapPrint are the sheets the map prints on, on journey pages: see
	// printSheet.
	MapPrint []template.HTML

	Compare   *Comparison   // on compare pages: the as-is journey beside its target
	CurvesSVG template.HTML // on compare pages: both emotion curves

	History *JourneyHistory // on history pages: the journey's commits
}

// MapSVG is the journey's map drawn whole, as one <svg>, for a site's own
// template; the built-in pages show MapPanes.
func (p *Page) MapSVG() template.HTML {
	if p.mapSVG == nil {
		return ""
	}
	return p.mapSVG()
}

// MapPanes is a journey's map cut in four <svg> panes (see swimlane.Panes),
// with its sizes in CSS pixels.
type MapPanes struct {
	Body, Left, Top, Corner template.HTML
	Width, Height           float64
	LabelW, HeadH           float64
}

// addMap gives a journey's page its map: in panes, and whole on demand.
// The page's stylesheet declares the font, so the inline map needs none.
func (r *Renderer) addMap(p *Page, j *site.Journey) {
	sl := r.take(j)
	l, o, ps := sl.measure(), sl.paneOptions, sl.panes()
	p.MapPanes = &MapPanes{ // escaped by swimlane
		Body: template.HTML(ps.Body), Left: template.HTML(ps.Left), Top: template.HTML(ps.Top), Corner: template.HTML(ps.Corner),
		Width: ps.Width, Height: ps.Height, LabelW: ps.LabelW, HeadH: ps.HeadH,
	}
	p.mapSVG = func() template.HTML { return template.HTML(l.SVG(o)) }
	if p.Kind == "journey" {
		for _, sheet := range l.PrintSheets(o, printSheet.width, printSheet.height, printSheet.scale) {
			p.MapPrint = append(p.MapPrint, template.HTML(sheet))
		}
	}
}

// printSheet is what a printed map's sheet holds: an A4 page in landscape
// (297 × 210 mm) less 10 mm margins and a line for the caption, 1,047 ×
// 694 CSS px, with the map at 0.86 of its size, so that its smallest text
// (11 px) prints at 7 pt. A larger map is cut into more sheets rather than
// shrunk.
var printSheet = struct{ width, height, scale float64 }{1047 / 0.86, 694 / 0.86, 0.86}

// Crumb is one step of the breadcrumbs.
type Crumb struct {
	Title string
	URL   string
}

// Renderer renders pages of one site with one theme.
type Renderer struct {
	site  *site.Site
	theme *theme.Theme
	md    *markdown.Renderer
	lang  string
	now   time.Time
	hist  *history.History
	until context.Context // see Until; nil: no end
	// forget is set for a one-off build: see ForgetBodies.
	forget bool

	// layouts holds each journey's measured map, shared by its page and
	// its map.svg: measuring is most of a map's cost.
	layouts sync.Map // *site.Journey → *sharedLayout
}

// layout measures journey j's map once per build. The journey's page, its
// map.svg and its embed page each take it once (see take).
func (r *Renderer) layout(j *site.Journey) *swimlane.Layout { return r.take(j).measure() }

// take gives one of a journey's three pages its shared map, which the
// third lets go.
func (r *Renderer) take(j *site.Journey) *sharedLayout {
	lang := r.site.Lang(j)
	sl := &sharedLayout{paneOptions: swimlane.Options{Lang: lang, Link: r.site.Base.Link, Today: r.now, ID: "swimlane"}}
	sl.measure = sync.OnceValue(func() *swimlane.Layout {
		return swimlane.Measure(j, swimlane.Options{Lang: lang, Today: r.now, Trend: r.trendOf, Currency: r.site.Settings.Currency})
	})
	sl.panes = sync.OnceValue(func() swimlane.Panes { return sl.measure().Panes(sl.paneOptions) })
	// The closures above read sl: the shared map goes in a variable of its
	// own, or another page calling panes would race with the assignment.
	v, _ := r.layouts.LoadOrStore(j, sl)
	shared := v.(*sharedLayout)
	if shared.takers.Add(1) == 3 {
		r.layouts.Delete(j)
	}
	return shared
}

// sharedLayout is a journey's map, measured once, and drawn in panes once
// for both the journey's page and its embed page.
type sharedLayout struct {
	measure     func() *swimlane.Layout
	panes       func() swimlane.Panes
	paneOptions swimlane.Options
	takers      atomic.Int32
}

// New returns a Renderer. The theme must have been loaded with FuncsIn(s,
// lang, now, ...); now is the build's date, against which due dates are
// overdue.
func New(s *site.Site, t *theme.Theme, now time.Time) *Renderer {
	return &Renderer{
		site:  s,
		theme: t,
		md:    markdown.New(markdown.Options{RawHTML: s.Settings.RawHTML, Link: s.Base.Link}),
		lang:  s.Settings.Language,
		now:   now,
	}
}

// ForgetBodies makes r let each item's Markdown body and key lines go
// once its page is rendered (see content.Meta.Forget), and render the
// touchpoints' pages (most of them) first: for a one-off build with the
// built-in templates, which read a body on its item's page alone and no
// key's line, and a search index made before the pages. At 45,000
// touchpoints the bodies are about 120 MB, the lines 40 MB.
func (r *Renderer) ForgetBodies() { r.forget = true }

// Fonts are the font files the pages and maps are measured with and
// name in their CSS, by output path.
func Fonts() map[string][]byte {
	return map[string][]byte{
		"fonts/inter-regular.woff2":  textfit.RegularWOFF2(),
		"fonts/inter-semibold.woff2": textfit.SemiBoldWOFF2(),
	}
}

// Until makes Stream begin no page once ctx has ended, and returns r.
func (r *Renderer) Until(ctx context.Context) *Renderer {
	r.until = ctx
	return r
}

// Stream renders the given routes in parallel and hands each page to emit
// as soon as it is drawn, from the rendering goroutines: a build that
// writes pages as they come never holds the whole site in memory. The
// first error from emit stops it (the pages not begun could not be
// published either) and is returned beside the rendering errors; so does
// the end of Until's context, with its cause.
func (r *Renderer) Stream(routes []site.Route, emit func(name string, data []byte) error) (diag.List, error) {
	// Heavy pages first, so that no core is left with one at the end.
	order := make([]int, len(routes))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return r.rank(routes[a].Kind) - r.rank(routes[b].Kind) })
	errs := make([]error, len(routes))
	var stop atomic.Pointer[error]
	par.For(len(routes), func(k int) {
		if stop.Load() != nil {
			return
		}
		if r.until != nil && r.until.Err() != nil {
			err := context.Cause(r.until)
			stop.CompareAndSwap(nil, &err)
			return
		}
		i := order[k]
		if r.theme.Halted() { // the build is stopped: the rest need not render
			errs[i] = theme.ErrStopped
			return
		}
		name, data, err := r.Route(routes[i])
		if err != nil {
			errs[i] = err
		} else if err := emit(name, data); err != nil {
			stop.CompareAndSwap(nil, &err)
		}
	})
	var diags diag.List
	stopped := -1 // a page stopped with the build, said only when no other page says why
	for i, err := range errs {
		var limit *theme.LimitError
		switch {
		case err == nil:
		case errors.As(err, &limit):
			diags.Errorf(limit.File, limit.Line, limit.Hint, "rendering /%s: %s", routes[i].Path, limit.What)
		case errors.Is(err, theme.ErrStopped):
			if stopped < 0 {
				stopped = i
			}
		default:
			file := routes[i].File
			if file == "" {
				file = "/" + routes[i].Path
			}
			diags.Errorf(file, 0, "check the template named in the message", "rendering /%s: %v", routes[i].Path, err)
		}
	}
	if stopped >= 0 && len(diags) == 0 {
		diags.Errorf("/"+routes[stopped].Path, 0, "", "rendering /%s: %v", routes[stopped].Path, errs[stopped])
	}
	if err := stop.Load(); err != nil {
		return diags, *err
	}
	return diags, nil
}

// rank orders page kinds for Stream: the heavy first, but for a build
// that forgets bodies, which renders the touchpoints' pages before any,
// so that their bodies are gone before the cards of the other pages pile
// up.
func (r *Renderer) rank(kind string) int {
	if r.forget && kind == "touchpoint" {
		return -1
	}
	return heavy(kind)
}

// heavy ranks page kinds by how long they usually take, heaviest 0. The
// boards list every opportunity, gap or channel of the portal: on a big
// one the opportunities board is the largest page of all.
func heavy(kind string) int {
	switch kind {
	case "opportunities", "gaps", "heatmap", "home", "journeys", "map", "journey", "embed":
		return 0
	case "kpis", "benchmark", "compare", "team", "channel":
		return 1
	case "persona", "stage":
		return 2
	}
	return 3
}

// OutputPath is the file a route is written to: pretty URLs end in /index.html.
func OutputPath(route string) string {
	if route == "" || strings.HasSuffix(route, "/") {
		return route + "index.html"
	}
	return route
}

// Route renders one route and returns its output path and bytes.
func (r *Renderer) Route(rt site.Route) (string, []byte, error) {
	switch rt.Kind {
	case "map":
		j := rt.Item.(*site.Journey)
		rel := relativeFrom(j.URL)
		return OutputPath(rt.Path), r.layout(j).SVG(swimlane.Options{Lang: r.site.Lang(j), Link: rel, FontURL: rel("fonts/"), Today: r.now, Standalone: true}), nil
	case "alias":
		return OutputPath(rt.Path), aliasPage(r.site.Base.Link(rt.Item.(*site.Alias).To), r.lang), nil
	}
	p, err := r.page(rt)
	if err != nil {
		return "", nil, err
	}
	data, err := r.theme.ExecuteIn(rt.Kind, p.Lang, p)
	return OutputPath(rt.Path), data, err
}

func (r *Renderer) page(rt site.Route) (*Page, error) {
	s := r.site
	lang := r.langOf(rt.Item)
	p := &Page{Site: s, Kind: rt.Kind, Path: rt.Path, Lang: lang, Source: rt.File}
	home := Crumb{Title: words.Word(lang, "home"), URL: ""}
	section := func(name string) Crumb {
		title := words.Word(lang, name)
		if sec := s.Sections[sectionOf(name)]; sec != nil && sec.Title != "" {
			title = sec.Title
		}
		return Crumb{Title: title, URL: name + "/"}
	}
	var body []byte
	switch it := rt.Item.(type) {
	case nil:
		switch rt.Kind {
		case "home":
			p.Title = s.Settings.Title
			body = s.Settings.Body
		case "404":
			p.Title = words.Word(lang, "not-found")
		default:
			c := section(rt.Kind)
			p.Title = c.Title
			p.Crumbs = []Crumb{home}
			if sec := s.Sections[sectionOf(rt.Kind)]; sec != nil {
				body = sec.Body
			}
		}
	case *site.Persona:
		p.Persona, p.Title, body = it, it.Title, it.Body
		p.Crumbs = []Crumb{home, section("personas")}
	case *site.Team:
		p.Team, p.Title = it, it.Title
		if !it.Generated {
			body = it.Body
		}
		p.Crumbs = []Crumb{home, section("teams")}
	case *site.Channel:
		p.Channel, p.Title = it, swimlane.ChannelName(lang, it)
		p.Crumbs = []Crumb{home, section("channels")}
		if it.File != nil {
			body = it.File.Body
		}
	case *site.Journey:
		if rt.Kind == "embed" {
			p.Journey, p.Title = it, it.Title
			r.addMap(p, it)
			break
		}
		if rt.Kind == "history" {
			p.Journey, p.Title = it, it.Title+" · "+words.Word(lang, "history")
			p.Crumbs = []Crumb{home, section("journeys"), {it.Title, it.URL}}
			p.History = r.journeyHistory(it)
			break
		}
		if rt.Kind == "compare" {
			p.Journey, p.Title = it, it.Title+" · "+words.Word(lang, "compare")
			p.Crumbs = []Crumb{home, section("journeys"), {it.Title, it.URL}}
			p.Compare = NewComparison(it, it.Target, lang)
			p.CurvesSVG = template.HTML(swimlane.Curves(it, it.Target, swimlane.Options{Lang: lang, Link: s.Base.Link})) // escaped by swimlane
			break
		}
		p.Journey, p.Title, body = it, it.Title, it.Body
		p.Crumbs = []Crumb{home, section("journeys")}
		p.Map = NewTable(it, lang)
		r.addMap(p, it)
	case *site.Stage:
		p.Stage, p.Journey, p.Title, body = it, it.Journey, it.Title, it.Body
		p.Crumbs = []Crumb{home, section("journeys"), {it.Journey.Title, it.Journey.URL}}
	case *site.Touchpoint:
		p.Touchpoint, p.Stage, p.Journey, p.Title, body = it, it.Stage, it.Journey, it.Title, it.Body
		p.Crumbs = []Crumb{home, section("journeys"), {it.Journey.Title, it.Journey.URL}, {it.Stage.Title, it.Stage.URL}}
		for _, a := range ancestors(it) {
			p.Crumbs = append(p.Crumbs, Crumb{a.Title, a.URL})
		}
	case *site.Page:
		p.Page, p.Title, body = it, it.Title, it.Body
		p.Crumbs = []Crumb{home}
	case *site.KPIDef:
		p.KPI, p.Title, body = it, it.TitleIn(r.lang), it.Body
		p.Crumbs = []Crumb{home, section("kpis")}
	case *site.Competitor:
		p.Competitor, p.Title = it, it.Title
		if !it.Generated {
			body = it.Body
		}
		p.Crumbs = []Crumb{home, section("benchmark")}
	default:
		return nil, fmt.Errorf("unknown item %T", it)
	}
	p.Description = s.Settings.Description
	m := meta(rt.Item)
	if m != nil && m.Description != "" {
		p.Description = m.Description
	}
	if len(body) > 0 {
		html, err := r.md.Render(body)
		if err != nil {
			return nil, err
		}
		p.Body = template.HTML(html) // goldmark's output: raw HTML is dropped unless the site enabled it
	}
	if r.forget && m != nil && ownPage(rt.Kind) {
		m.Forget()
	}
	return p, nil
}

// ownPage reports whether a route of kind is the page an item's body is
// shown on: a journey's embed, compare and history pages are not.
func ownPage(kind string) bool {
	switch kind {
	case "embed", "compare", "history":
		return false
	}
	return true
}

// langOf is the language of the page showing item: a journey's own, on
// the pages of the journey, its stages and touchpoints; else the site's.
func (r *Renderer) langOf(item any) string {
	if j := itemJourney(item); j != nil {
		return r.site.Lang(j)
	}
	return r.lang
}

// itemJourney is the journey item belongs to: a journey itself, or the
// journey of a stage, touchpoint or opportunity; nil for anything else.
func itemJourney(item any) *site.Journey {
	switch it := item.(type) {
	case *site.Journey:
		return it
	case *site.Stage:
		return it.Journey
	case *site.Touchpoint:
		return it.Journey
	case *site.Opportunity:
		return it.Touchpoint.Journey
	}
	return nil
}

// sectionOf names the folder whose _index.md titles a list page: the
// benchmark's is content/competitors/_index.md.
func sectionOf(kind string) string {
	if kind == "benchmark" {
		return "competitors"
	}
	return kind
}

// meta returns the common fields of an item that has a content file: a
// content item the site wraps (*site.Persona, *site.Journey, ...), or a
// channel's file.
func meta(item any) *content.Meta {
	switch it := item.(type) {
	case content.Item:
		return it.ItemMeta()
	case *site.Channel:
		if it.File != nil {
			return &it.File.Meta
		}
	}
	return nil
}

func ancestors(t *site.Touchpoint) []*site.Touchpoint {
	var out []*site.Touchpoint
	for a := t.Parent; a != nil; a = a.Parent {
		out = append([]*site.Touchpoint{a}, out...)
	}
	return out
}

// relativeFrom returns a link function for a file served at dir (a route
// path like "journeys/x/"): it turns site paths into relative URLs, so a
// standalone map.svg works under any base URL and when opened directly.
func relativeFrom(dir string) func(string) string {
	depth := strings.Count(dir, "/")
	up := strings.Repeat("../", depth)
	return func(rel string) string {
		if strings.HasPrefix(rel, dir) {
			return "./" + site.EscapePath(strings.TrimPrefix(rel, dir))
		}
		return up + site.EscapePath(rel)
	}
}

// aliasPage sends the reader on to url, where the page now is: at once,
// and with a link for a browser that does not follow the refresh.
func aliasPage(url, lang string) []byte {
	u := html.EscapeString(url)
	return []byte(`<!DOCTYPE html><html lang="` + html.EscapeString(lang) + `"><head><meta charset="utf-8"><meta name="robots" content="noindex">` +
		`<link rel="canonical" href="` + u + `"><meta http-equiv="refresh" content="0; url=` + u + `"><title>` + u + `</title></head>` +
		`<body><p><a href="` + u + `">` + u + `</a></p></body></html>` + "\n")
}
