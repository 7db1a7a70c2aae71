// Package author writes content for authors: new items from archetypes
// (`cjm new`), and journeys imported from spreadsheets and Mermaid
// diagrams. It only ever creates files; it never overwrites one.
package author

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/sitedir"
	"github.com/cjm-portal/cjm/internal/sitefs"
)

// Kinds are the kinds `cjm new` writes, in the order of content.Kinds:
// each kind whose files go in a folder of their own, and journeys, stages
// and touchpoints.
var Kinds = func() []string {
	var out []string
	for _, k := range content.Kinds {
		if k.Folder != "" || k.Kind == content.KindJourney || k.Kind == content.KindStage || k.Kind == content.KindTouchpoint {
			out = append(out, k.Kind.String())
		}
	}
	return out
}()

// Site is the folder an author works in: the one holding content/.
type Site struct {
	Dir   string // the site's folder on disk
	Theme fs.FS  // the built-in theme, whose archetypes/ are the defaults
	Lang  string // the site's language: en, ru or pl; read from content/_index.md when ""
	Now   time.Time

	root   *sitefs.FS       // Dir, read and written without following links
	loaded *content.Content // the site's content as it was, read once
}

// NewOptions tune New.
type NewOptions struct {
	// Stages are a new journey's stage titles; nil means the nine stages
	// of the customer life cycle in the site's language.
	Stages []string
}

// New writes a new item of kind at rel, a path inside content/ ("journeys/
// order", "content/personas/olga.md", or for a persona, team or channel
// just "olga").
// It returns the files it wrote, relative to the site's folder. A new journey
// gets its stage folders, and a persona if the site has none to name.
func (s *Site) New(kind, rel string, opts NewOptions) ([]string, error) {
	if !slices.Contains(Kinds, kind) {
		return nil, fmt.Errorf("cannot make a %q: the kinds are %s", kind, strings.Join(Kinds, ", "))
	}
	p, err := cleanPath(rel)
	if err != nil {
		return nil, err
	}
	if err := s.open(); err != nil {
		return nil, err
	}
	w := &writer{site: s}
	info, _ := content.InfoOf(content.Kind(kind))
	switch {
	case info.Folder != "": // a file directly in the kind's folder
		folder := info.Folder
		if !strings.Contains(p, "/") {
			p = folder + "/" + p
		}
		dir, name := path.Split(p)
		if dir != folder+"/" {
			return nil, fmt.Errorf("a %s goes directly in content/%s/, e.g. content/%s/%s", kind, folder, folder, ensureMD(name))
		}
		name = ensureMD(name)
		if err := w.item(kind, folder+"/"+name, titleOf(name), nil); err != nil {
			return nil, err
		}
	case info.Kind == content.KindJourney:
		p = strings.TrimSuffix(p, "/_index.md")
		if !strings.Contains(p, "/") {
			p = "journeys/" + p
		}
		parts := strings.Split(p, "/")
		if len(parts) != 2 || parts[0] != "journeys" {
			return nil, fmt.Errorf("a journey is a folder directly in content/journeys/, e.g. content/journeys/%s", parts[len(parts)-1])
		}
		if _, err := w.journey(parts[1], "", nil, opts.Stages); err != nil {
			return nil, err
		}
	case info.Kind == content.KindStage:
		p = strings.TrimSuffix(p, "/_index.md")
		parts := strings.Split(p, "/")
		if len(parts) != 3 || parts[0] != "journeys" {
			return nil, fmt.Errorf("a stage is a folder inside a journey: content/journeys/JOURNEY/STAGE, e.g. content/journeys/order/05-delivery")
		}
		if err := s.needJourney(parts[1]); err != nil {
			return nil, err
		}
		folder := parts[2]
		if _, numbered, _ := content.SplitNumber(folder); !numbered {
			folder = fmt.Sprintf("%02d-%s", s.nextStageNumber(parts[1]), folder)
		}
		if err := w.item("stage", "journeys/"+parts[1]+"/"+folder+"/_index.md", titleOf(folder), nil); err != nil {
			return nil, err
		}
	case info.Kind == content.KindTouchpoint:
		parts := strings.Split(p, "/")
		if len(parts) != 4 || parts[0] != "journeys" {
			return nil, fmt.Errorf("a touchpoint is a file in a stage folder: content/journeys/JOURNEY/STAGE/NAME.md, e.g. content/journeys/order/03-checkout/pay.md")
		}
		if err := s.needJourney(parts[1]); err != nil {
			return nil, err
		}
		stage, err := s.findStage(parts[1], parts[2])
		if err != nil {
			return nil, err
		}
		name := ensureMD(parts[3])
		if err := w.item("touchpoint", "journeys/"+parts[1]+"/"+stage+"/"+name, titleOf(name), nil); err != nil {
			return nil, err
		}
	}
	return w.written, nil
}

// open opens the site's folder, once, and fills in what was left out.
func (s *Site) open() error {
	if s.root == nil {
		r, err := sitefs.Open(s.Dir)
		if err != nil {
			return err
		}
		s.root = r
	}
	if s.Now.IsZero() {
		s.Now = time.Now()
	}
	if s.Lang == "" {
		s.Lang = s.language()
	}
	return nil
}

// content reads the site's content once: what a command learns from it
// (language, personas) is as the site was before the command wrote.
func (s *Site) content() *content.Content {
	if s.loaded == nil {
		s.loaded, _ = content.Load(s.root) // problems are cjm check's to report
		if s.loaded == nil {
			s.loaded = &content.Content{}
		}
	}
	return s.loaded
}

// language is the site's language from content/_index.md; "en" when the
// file or the key is missing.
func (s *Site) language() string {
	if l := s.content().Settings.Language; slices.Contains(content.Languages, l) {
		return l
	}
	return "en"
}

// cleanPath makes rel a slash path inside content/, refusing one that
// would leave it.
func cleanPath(rel string) (string, error) {
	p := filepath.ToSlash(rel)
	if p == "" || path.IsAbs(p) || filepath.IsAbs(rel) {
		return "", fmt.Errorf("%q: give a path inside content/, e.g. journeys/order", rel)
	}
	p = path.Clean(p)
	p = strings.TrimPrefix(p, "content/")
	if p == "." || p == ".." || strings.HasPrefix(p, "../") || p == "content" {
		return "", fmt.Errorf("%q: give a path inside content/, e.g. journeys/order", rel)
	}
	return p, nil
}

func ensureMD(name string) string {
	if strings.HasSuffix(name, ".md") {
		return name
	}
	return name + ".md"
}

// titleOf makes a first title from a file or folder name: "03-pay-by-card.md"
// becomes "Pay by card".
func titleOf(name string) string {
	name = strings.TrimSuffix(name, ".md")
	_, _, name = content.SplitNumber(name)
	words := strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(name))
	t := strings.Join(words, " ")
	for i, r := range t {
		return strings.ToUpper(string(r)) + t[i+len(string(r)):]
	}
	return t
}

// contentPath is the path of rel, inside content/, in the site's folder.
func contentPath(rel string) string { return path.Join(content.Dir, rel) }

func (s *Site) needJourney(slug string) error {
	_, err := fs.Stat(s.root, contentPath("journeys/"+slug+"/_index.md"))
	if link := linkOf(err); link != nil {
		return link
	}
	if err != nil {
		return fmt.Errorf("no journey content/journeys/%s: make it first with: cjm new journey journeys/%s", slug, slug)
	}
	return nil
}

// linkOf is the symbolic link err met on its way, or nil: it is all the
// author needs to hear.
func linkOf(err error) error {
	var link *sitefs.LinkError
	if errors.As(err, &link) {
		return link
	}
	return nil
}

// findStage finds a journey's stage folder by its name, or by its slug
// without the number: "checkout" finds "03-checkout".
func (s *Site) findStage(journey, name string) (string, error) {
	entries, _ := fs.ReadDir(s.root, contentPath("journeys/"+journey))
	var folders []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		folders = append(folders, e.Name())
		if _, _, bare := content.SplitNumber(e.Name()); e.Name() == name || bare == name {
			return e.Name(), nil
		}
	}
	hint := "make it first with: cjm new stage journeys/" + journey + "/" + name
	if len(folders) > 0 {
		hint = "its stages are " + strings.Join(folders, ", ") + "; or " + hint
	}
	return "", fmt.Errorf("journey %s has no stage %q: %s", journey, name, hint)
}

// nextStageNumber is one more than the highest number of the journey's
// stage folders.
func (s *Site) nextStageNumber(journey string) int {
	entries, _ := fs.ReadDir(s.root, contentPath("journeys/"+journey))
	n := 0
	for _, e := range entries {
		if k, ok, _ := content.SplitNumber(e.Name()); ok && e.IsDir() {
			n = max(n, k)
		}
	}
	return n + 1
}

// personas maps the slugs of the site's personas to their titles.
func (s *Site) personas() map[string]string {
	out := map[string]string{}
	for _, p := range s.content().Personas {
		if p.Slug != "" {
			out[p.Slug] = p.Title
		}
	}
	return out
}

// writer writes the files of one command, and remembers them so that a
// failure part way removes what it wrote: a command writes all or nothing.
type writer struct {
	site    *Site
	written []string
	dirs    []string // folders it made, deepest last
}

// errExists says a file is there already.
var errExists = errors.New("exists")

// item renders kind's archetype for the file at rel (inside content/).
func (w *writer) item(kind, rel, title string, extra map[string]any) error {
	data := map[string]any{
		"Title":    title,
		"Slug":     content.Slugify(slugOfFile(rel)),
		"Date":     w.site.Now.Format(time.DateOnly),
		"Personas": []string{},
		"Schema":   w.site.schemaRef(kind, rel),
		"Lang":     w.site.Lang,
	}
	for k, v := range extra {
		data[k] = v
	}
	text, err := w.site.archetype(kind)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := text.Execute(&b, data); err != nil {
		return fmt.Errorf("archetype %s: %v", kind, err)
	}
	return w.write(rel, b.Bytes())
}

// slugOfFile is the slug part of a content path: its file's name, or for an
// _index.md its folder's, without the number.
func slugOfFile(rel string) string {
	dir, name := path.Split(rel)
	if name == "_index.md" {
		name = path.Base(dir)
	}
	_, _, name = content.SplitNumber(strings.TrimSuffix(name, ".md"))
	return name
}

// write creates the file at rel (inside content/), refusing to replace one.
func (w *writer) write(rel string, data []byte) error {
	if err := content.CheckSlug(content.Slugify(slugOfFile(rel))); err != nil && rel != "_index.md" {
		return fmt.Errorf("content/%s: the name %q %v; use lower-case letters, digits and hyphens", rel, slugOfFile(rel), err)
	}
	file := contentPath(rel)
	if err := w.mkdir(path.Dir(file)); err != nil {
		return err
	}
	f, err := w.site.root.Create(file)
	if link := linkOf(err); link != nil {
		return link
	}
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("content/%s %w; cjm never overwrites a file: pick another name, or edit it", rel, errExists)
	}
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	w.written = append(w.written, file)
	return nil
}

// mkdir makes dir, a slash path in the site's folder, and its missing
// parents, remembering each it made.
func (w *writer) mkdir(dir string) error {
	var missing []string
	for d := dir; d != "."; d = path.Dir(d) {
		_, err := fs.Stat(w.site.root, d)
		if link := linkOf(err); link != nil {
			return link
		}
		if err == nil {
			break
		}
		missing = append(missing, d)
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := w.site.root.Mkdir(missing[i]); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
		w.dirs = append(w.dirs, missing[i])
	}
	return nil
}

// undo removes what the writer made, after a failure part way.
func (w *writer) undo() {
	for _, f := range w.written {
		w.site.root.Remove(f)
	}
	for i := len(w.dirs) - 1; i >= 0; i-- {
		w.site.root.Remove(w.dirs[i]) // only if empty
	}
	w.written, w.dirs = nil, nil
}

// journey writes a journey folder with its stages: titles as given, or the
// life-cycle stages in the site's language, and returns the stages' folder
// names. personas nil names the site's first persona, or a new one when it
// has none.
func (w *writer) journey(slug, title string, personas, stages []string) (folders []string, err error) {
	defer func() {
		if err != nil {
			w.undo()
		}
	}()
	dir := "journeys/" + slug
	if w.site.exists(dir) {
		return nil, fmt.Errorf("content/%s %w; cjm never overwrites: pick another name, or remove the folder", dir, errExists)
	}
	if title == "" {
		title = titleOf(slug)
	}
	if personas == nil {
		personas, err = w.somePersona()
		if err != nil {
			return nil, err
		}
	}
	if err := w.item("journey", dir+"/_index.md", title, map[string]any{"Personas": personas}); err != nil {
		return nil, err
	}
	for i, st := range w.site.stageList(stages) {
		folder := fmt.Sprintf("%02d-%s", i+1, st.slug)
		if err := w.item("stage", dir+"/"+folder+"/_index.md", st.title, nil); err != nil {
			return nil, err
		}
		folders = append(folders, folder)
	}
	return folders, nil
}

// somePersona names the site's first persona, or writes one to name.
func (w *writer) somePersona() ([]string, error) {
	if ps := slices.Sorted(maps.Keys(w.site.personas())); len(ps) > 0 {
		return ps[:1], nil
	}
	slug, title := defaultPersona[w.site.Lang][0], defaultPersona[w.site.Lang][1]
	if err := w.item("persona", "personas/"+slug+".md", title, nil); err != nil {
		return nil, err
	}
	return []string{slug}, nil
}

// defaultPersona is the persona a new journey names in a site without one.
var defaultPersona = map[string][2]string{
	"en": {"customer", "Customer"},
	"ru": {"customer", "Клиент"},
	"pl": {"customer", "Klient"},
}

type stageName struct{ slug, title string }

// lifeCycle is the customer's life cycle, the default stages of a journey.
var lifeCycle = []string{"unaware", "awareness", "search", "purchase", "onboarding", "usage", "support", "loyalty", "churn"}

var lifeCycleTitles = map[string][]string{
	"en": {"Unaware", "Awareness", "Search", "Purchase", "Onboarding", "Usage", "Support", "Loyalty", "Churn"},
	"ru": {"Неосведомлённость", "Осведомлённость", "Поиск", "Покупка", "Начало использования", "Использование", "Поддержка", "Лояльность", "Отток"},
	"pl": {"Nieświadomość", "Świadomość", "Wyszukiwanie", "Zakup", "Wdrożenie", "Użytkowanie", "Wsparcie", "Lojalność", "Odejście"},
}

// stageList names the stages of a new journey: titles as given, with slugs
// made from them, or the life cycle.
func (s *Site) stageList(titles []string) []stageName {
	var out []stageName
	if len(titles) == 0 {
		for i, slug := range lifeCycle {
			out = append(out, stageName{slug, lifeCycleTitles[s.Lang][i]})
		}
		return out
	}
	seen := map[string]int{}
	for _, t := range titles {
		slug := SlugOf(t)
		seen[slug]++
		if n := seen[slug]; n > 1 {
			slug = fmt.Sprintf("%s-%d", slug, n)
		}
		out = append(out, stageName{slug, strings.TrimSpace(t)})
	}
	return out
}

// schemaRef is the path from the file at rel to its kind's JSON Schema in
// the site's schema/ folder, for the YAML language server; "" when the site
// has no such folder (see `cjm schema`).
func (s *Site) schemaRef(kind, rel string) string {
	name := kind + ".schema.json"
	if _, err := fs.Stat(s.root, "schema/"+name); err != nil {
		return ""
	}
	depth := strings.Count(path.Join("content", rel), "/")
	return strings.Repeat("../", depth) + "schema/" + name
}

// archetype finds kind's template: the site's archetypes/KIND.LANG.md or
// archetypes/KIND.md, else the theme's, in that order.
func (s *Site) archetype(kind string) (*template.Template, error) {
	names := []string{kind + "." + s.Lang + ".md", kind + ".md"}
	var data []byte
	var from string
	for _, n := range names {
		b, err := fs.ReadFile(s.root, sitedir.Archetypes+"/"+n)
		if link := linkOf(err); link != nil {
			return nil, link // archetypes/ or the file: either may lead anywhere
		}
		if err == nil {
			data, from = b, sitedir.Archetypes+"/"+n
			break
		}
	}
	if data == nil && s.Theme != nil {
		for _, n := range names {
			if b, err := fs.ReadFile(s.Theme, sitedir.Archetypes+"/"+n); err == nil {
				data, from = b, "the theme's archetypes/"+n
				break
			}
		}
	}
	if data == nil {
		return nil, fmt.Errorf("no archetype for %s: add archetypes/%s.md to the site", kind, kind)
	}
	t, err := template.New(from).Funcs(template.FuncMap{"yaml": yamlScalar, "list": yamlList}).Option("missingkey=error").Parse(string(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", from, err)
	}
	return t, nil
}

// yamlScalar writes v as one YAML scalar, quoted only where YAML needs it:
// `no`, `2024`, `a: b` and leading `#` all stay text.
func yamlScalar(v string) string {
	b, err := yaml.Marshal(v)
	if err != nil {
		panic(err) // a string always marshals
	}
	out := strings.TrimSuffix(string(b), "\n")
	if strings.Contains(out, "\n") { // a long or multi-line string: keep it on one line
		j, _ := yaml.Marshal(&yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Value: v})
		out = strings.TrimSuffix(string(j), "\n")
	}
	return out
}

// yamlList writes a flow list of scalars: [a, "no", b].
func yamlList(vs []string) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = yamlScalar(v)
		if strings.ContainsAny(parts[i], ",[]{}") && !strings.HasPrefix(parts[i], `"`) && !strings.HasPrefix(parts[i], `'`) {
			j, _ := yaml.Marshal(&yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Value: v})
			parts[i] = strings.TrimSuffix(string(j), "\n")
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
