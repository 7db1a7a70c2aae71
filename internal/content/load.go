package content

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cjm-portal/cjm/internal/diag"
	"github.com/cjm-portal/cjm/internal/markdown"
	"github.com/cjm-portal/cjm/internal/par"
	"github.com/cjm-portal/cjm/internal/sitedir"
	"github.com/cjm-portal/cjm/internal/sitefs"
	"golang.org/x/text/unicode/norm"
)

// Dir is the folder of the site that holds the content.
const Dir = sitedir.Content

// Load reads content/ from fsys, the site's source folder. It returns what
// it could read and every problem found; a file with errors is still
// returned where possible, so that later checks can run on the rest.
func Load(fsys fs.FS) (*Content, diag.List) { return LoadWith(fsys, Options{}) }

// LoadCached is Load that decodes only the files whose size or
// modification time changed since cache last saw them, or that were
// forgotten; the others are taken from the cache. A nil cache decodes
// every file.
func LoadCached(fsys fs.FS, cache *Cache) (*Content, diag.List) {
	return LoadWith(fsys, Options{Cache: cache})
}

// Options say how Load reads; the zero value reads every file.
type Options struct {
	// Cache, when set, keeps decoded files between loads (see LoadCached).
	Cache *Cache
	// KeyRead, when set, is told every key path the loader asks a file
	// it decodes for, present or not: "title", "kpis.0.name". It may be
	// called from several goroutines at once. The schema tests hold the
	// JSON Schemas and the loader in agreement with it.
	KeyRead func(file, path string)
}

// LoadWith is Load with options.
func LoadWith(fsys fs.FS, o Options) (*Content, diag.List) {
	var diags diag.List
	cache := o.Cache
	if cache != nil {
		if files, dirs, ok := cache.listing(fsys); ok {
			return assemble(fsys, files, dirs, nil, o, diags)
		}
	}
	if fi, err := fs.Lstat(fsys, Dir); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		// WalkDir would follow it: the link is all there is to say.
		diags.Errorf(Dir, 0, "make content/ a folder of the site", "%s", sitefs.Link(fsys, Dir).Message())
		return &Content{Sections: map[string]*Section{}}, diags
	}
	var files []string
	entries := map[string]fs.DirEntry{}
	dirs := map[string]bool{}
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == Dir && errors.Is(err, fs.ErrNotExist) {
				return nil // said once below: no content folder
			}
			diags.Errorf(p, 0, "", "cannot read: %v", err)
			return nil
		}
		name := d.Name()
		if bad, ok := NameNotUTF8(p, d.IsDir()); ok && !skipped(name) && (d.IsDir() || strings.HasSuffix(name, ".md")) {
			// It could be neither opened nor made into a URL.
			diags.Add(bad)
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 && !skipped(name) {
			// A link may lead out of the site, and a linked folder is not
			// walked: neither is read, and the author hears why.
			diags.Errorf(p, 0, "copy the file or folder into the site instead", "%s", sitefs.Link(fsys, p).Message())
			return nil
		}
		if p != Dir && skipped(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil // hidden files, editor backups and drafts kept aside
		}
		if d.IsDir() {
			dirs[p] = true
		} else if strings.HasSuffix(name, ".md") {
			files = append(files, p)
			entries[p] = d
		}
		return nil
	})
	if err != nil {
		diags.Errorf(Dir, 0, "run cjm in the site's folder, or point -source at it", "cannot read the content folder: %v", err)
		return &Content{Sections: map[string]*Section{}}, diags
	}
	if !dirs[Dir] {
		diags.Errorf(Dir, 0, "run cjm in the site's folder, or point -source at it", "no content folder")
		return &Content{Sections: map[string]*Section{}}, diags
	}

	if cache != nil {
		cache.list(files, dirs)
	}
	return assemble(fsys, files, dirs, entries, o, diags)
}

// skipped reports whether a file or folder in content/ is kept aside:
// hidden files, editor backups, and drafts named with a leading "_".
func skipped(name string) bool {
	return strings.HasPrefix(name, ".") || (strings.HasPrefix(name, "_") && name != "_index.md")
}

// assemble decodes the files (or takes them from the cache) and puts
// them together: stages into journeys, touchpoints into stages, in order.
func assemble(fsys fs.FS, files []string, dirs map[string]bool, entries map[string]fs.DirEntry, o Options, diags diag.List) (*Content, diag.List) {
	cache := o.Cache
	// Decode every file in parallel; each keeps its own diagnostics.
	type result struct {
		item  Item
		diags diag.List
	}
	results := make([]result, len(files))
	stamps := make([]stamp, len(files))
	decoded := make([]bool, len(files))
	trust := cache != nil && cache.trusted()
	decode := func(i int, limit int64) {
		if cache != nil {
			if !trust {
				stamps[i] = stampOf(fsys, files[i], entries[files[i]])
			}
			if item, ds, ok := cache.get(files[i], stamps[i]); ok {
				results[i] = result{item, ds}
				return
			}
			if trust { // decoded anew: keep its stamp for a later untrusted load
				stamps[i] = stampOf(fsys, files[i], entries[files[i]])
			}
		}
		var ds diag.List
		item := loadFile(fsys, files[i], limit, o.KeyRead, &ds)
		results[i], decoded[i] = result{item, ds}, true
	}
	// The site settings come first, read within the default limit: they
	// may raise it for the other files.
	limit := int64(DefaultMaxFileMB) << 20
	settings := slices.Index(files, Dir+"/_index.md")
	if settings >= 0 {
		decode(settings, limit)
		if s, ok := results[settings].item.(*Settings); ok && s.MaxFileMB > 0 {
			limit = int64(s.MaxFileMB) << 20
		}
	}
	if cache != nil {
		cache.limit(limit, Dir+"/_index.md")
	}
	par.For(len(files), func(i int) {
		if i != settings {
			decode(i, limit)
		}
	})
	if cache != nil {
		cache.keep(files, stamps, decoded, func(i int) (Item, diag.List) { return results[i].item, results[i].diags })
	}

	c := &Content{Sections: map[string]*Section{}}
	journeys := map[string]*Journey{} // by folder
	stages := map[string]*Stage{}     // by folder
	var touchpoints []*Touchpoint
	var tpDirs []string
	for i, r := range results {
		diags.Add(r.diags...)
		switch it := r.item.(type) {
		case *Settings:
			c.Settings = *it
		case *Persona:
			c.Personas = append(c.Personas, it)
		case *Team:
			c.Teams = append(c.Teams, it)
		case *Channel:
			c.Channels = append(c.Channels, it)
		case *Journey:
			journeys[path.Dir(files[i])] = it
			c.Journeys = append(c.Journeys, it)
		case *Stage:
			stages[path.Dir(files[i])] = it
		case *Touchpoint:
			touchpoints = append(touchpoints, it)
			tpDirs = append(tpDirs, path.Dir(files[i]))
		case *Page:
			c.Pages = append(c.Pages, it)
		case *Section:
			c.Sections[it.Name] = it
		case *KPIDef:
			c.KPIs = append(c.KPIs, it)
		case *Competitor:
			c.Competitors = append(c.Competitors, it)
		}
	}
	if c.Settings.File == "" {
		c.Settings.File = Dir + "/_index.md"
		c.Settings.Start = 1
	}
	if c.Settings.Language == "" {
		c.Settings.Language = "en"
	}
	if c.Settings.Theme == "" {
		c.Settings.Theme = "default"
	}

	// Every folder in journeys/ must be a journey, and every folder in a
	// journey a stage: a missing _index.md would silently drop its files.
	dirList := make([]string, 0, len(dirs))
	for d := range dirs {
		dirList = append(dirList, d)
	}
	sort.Strings(dirList)
	for _, d := range dirList {
		parts := strings.Split(d, "/")
		if len(parts) == 3 && parts[1] == "journeys" && journeys[d] == nil {
			diags.Errorf(d, 0, "add "+d+"/_index.md with at least a title and personas", "journey folder has no _index.md")
		}
		if len(parts) == 4 && parts[1] == "journeys" && stages[d] == nil && journeys[path.Dir(d)] != nil {
			diags.Errorf(d, 0, "add "+d+"/_index.md with at least a title", "stage folder has no _index.md")
		}
	}
	for d, s := range stages {
		if j := journeys[path.Dir(d)]; j != nil {
			j.Stages = append(j.Stages, s)
			s.url = childPath(j.url, s)
		}
	}
	for i, t := range touchpoints {
		if s := stages[tpDirs[i]]; s != nil {
			s.Touchpoints = append(s.Touchpoints, t)
			t.url = childPath(s.url, t)
		}
	}
	sortItems(c.Personas)
	sortItems(c.Teams)
	sortItems(c.Channels)
	sortItems(c.Journeys)
	sortItems(c.Pages)
	sortItems(c.KPIs)
	sortItems(c.Competitors)
	for _, j := range c.Journeys {
		sortItems(j.Stages)
		for _, s := range j.Stages {
			sortItems(s.Touchpoints)
		}
	}
	return c, diags
}

// loadFile reads one file of at most limit bytes and decodes it as the
// kind its place implies: it reads the file, finds its kind in Kinds,
// splits off the front matter, reads the keys every item has and hands
// the rest to the kind's decoder, telling keyRead (if not nil) each key it
// asks for.
func loadFile(fsys fs.FS, file string, limit int64, keyRead func(file, path string), diags *diag.List) Item {
	data := readText(fsys, file, limit, diags)
	if data == nil {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(file, Dir+"/"), "/")
	info, bad := kindAt(parts)
	if bad != nil {
		diags.Errorf(file, 0, bad.hint, "%s", bad.msg)
		return nil
	}
	d := newDecoder(file, parts, data, keyRead, diags)
	if d == nil {
		return nil
	}
	d.readMeta(info)
	item := info.decode(d)
	if item == nil {
		return nil
	}
	if info.path != nil {
		item.ItemMeta().url = info.path(item, parts)
	}
	d.f.unknown(nil)
	d.meta.lines.compact()
	return item
}

// readText reads one file of at most limit bytes as UTF-8 text, with old
// Mac line ends made line feeds; nil, said in diags, when it cannot.
func readText(fsys fs.FS, file string, limit int64, diags *diag.List) []byte {
	data, size, err := readLimited(fsys, file, limit)
	if err != nil {
		diags.Errorf(file, 0, "", "cannot read: %v", err)
		return nil
	}
	if data == nil {
		hint := fmt.Sprintf("split it, or raise `maxFileMB` in %s/_index.md (%d by default)", Dir, DefaultMaxFileMB)
		if file == Dir+"/_index.md" {
			hint = fmt.Sprintf("the site settings are read before their own `maxFileMB`: keep this file under %d MB", DefaultMaxFileMB)
		}
		diags.Errorf(file, 0, hint, "is %s bytes, over the limit of %s a file", thousands(int(size)), megabytes(limit))
		return nil
	}
	if !utf8.Valid(data) {
		line, b := invalidUTF8(data)
		diags.Errorf(file, line, "save the file as UTF-8", "is not UTF-8 text: byte 0x%02x cannot start or continue a character", b)
		return nil
	}
	return loneCRs(data)
}

// decoder is one file being read: its place, its front matter's keys,
// and the item's common fields once readMeta has read them.
type decoder struct {
	file  string
	parts []string // the path under content/, split at "/"
	f     *fields
	meta  Meta
	diags *diag.List
}

// newDecoder splits the front matter off data; nil, said in diags, when
// it cannot be read.
func newDecoder(file string, parts []string, data []byte, keyRead func(file, path string), diags *diag.List) *decoder {
	fm, err := splitFrontMatter(data)
	if err != nil {
		e := err.(*fmError)
		diags.Errorf(file, e.line, e.hint, "%s", e.msg)
		return nil
	}
	root := fm.root
	start := 1
	if root == nil {
		root = &node{kind: mapNode, line: 1}
	} else {
		start = root.line
		if fm.format != "json" {
			start = max(root.line-1, 1)
		}
	}
	src := Source{File: file, Start: start, Hash: maphash.Bytes(hashSeed, data), lines: &lineTable{}}
	d := &decoder{file: file, parts: parts, f: newFields(file, root, diags, src.lines, "", ""), meta: Meta{Source: src, Body: fm.body}, diags: diags}
	d.f.keyRead = keyRead
	if line := markdown.TooDeep(fm.body); line > 0 {
		// goldmark is quadratic in nesting: refused here, at its line, and
		// the body dropped so that nothing renders it.
		bodyStart := bytes.Count(data[:len(data)-len(fm.body)], []byte("\n"))
		diags.Errorf(file, bodyStart+line, "write lists and quotes a few levels deep at most",
			"the body nests lists and block quotes more than %d levels deep", markdown.MaxDepth)
		d.meta.Body = nil
	}
	return d
}

// name is the last part of the file's path: its file name.
func (d *decoder) name() string { return d.parts[len(d.parts)-1] }

// readMeta reads the keys every item has: title, description, weight and
// slug, which defaults to the name of the file or folder that info says.
func (d *decoder) readMeta(info *KindInfo) {
	f, meta := d.f, &d.meta
	meta.Title = f.str("title")
	meta.Description = f.str("description")
	meta.Weight = f.weight("weight")
	dirName := d.name()
	if info.slugFrom >= 0 {
		dirName = d.parts[info.slugFrom]
	}
	base := strings.TrimSuffix(dirName, ".md")
	meta.Number, meta.Numbered, base = SplitNumber(base)
	slug := f.str("slug")
	line := meta.Line("slug")
	if slug == "" {
		slug, line = base, 0
	}
	meta.Slug = Slugify(slug)
	if err := CheckSlug(meta.Slug); err != nil {
		d.diags.Errorf(d.file, line, "use lower-case letters, digits and hyphens, e.g. `order-confirmation`", "slug %q %s", slug, err)
		meta.Slug = ""
	}
	if info.NeedsTitle && meta.Title == "" {
		d.diags.Errorf(d.file, max(meta.Start, 1), "add `title: ...` to the front matter", "missing title")
	}
}

// The decoders of the kinds, one each: they read the keys only their kind
// has, after readMeta.

func decodeSettings(d *decoder) Item {
	f := d.f
	s := &Settings{Meta: d.meta}
	s.Slug = ""
	s.Language = f.enum("language", Languages...)
	s.BaseURL = f.str("baseURL")
	s.Theme = f.str("theme")
	if s.Theme != "" && CheckSlug(s.Theme) != nil {
		d.diags.Errorf(d.file, s.Line("theme"), "name a folder under themes/, e.g. default", "theme: %q is not a folder name", s.Theme)
		s.Theme = ""
	}
	s.EditURL = f.str("editURL")
	s.RawHTML = f.boolean("rawHTML")
	s.RequireTeams = f.boolean("requireTeams")
	s.MaxFileMB, _ = f.integerHint("maxFileMB", 1, MaxFileMBCeiling, fmt.Sprintf("use a whole number of megabytes from 1 to %d; %d if absent", MaxFileMBCeiling, DefaultMaxFileMB))
	if n, ok := f.integerHint("historyCommits", 0, 100_000, "use a whole number of commits from 0 (no history) to 100000; 500 if absent"); ok {
		s.HistoryCommits = &n
	}
	s.HistoryYears, _ = f.integerHint("historyYears", 1, 100, "use a whole number of years from 1 to 100; 2 if absent")
	if c := f.str("currency"); c != "" {
		if !currencyCode.MatchString(c) {
			d.diags.Errorf(d.file, s.Line("currency"), "write a three-letter ISO 4217 code, e.g. `currency: EUR`", "currency: %q is not a currency code", c)
		} else {
			s.Currency = strings.ToUpper(c)
		}
	}
	return s
}

func decodeSection(d *decoder) Item { return &Section{Meta: d.meta, Name: d.parts[0]} }

func decodePersona(d *decoder) Item {
	f := d.f
	p := &Persona{Meta: d.meta}
	p.Role = f.str("role")
	p.Segment = f.str("segment")
	p.Quote = f.str("quote")
	p.Avatar = f.str("avatar")
	p.Goals = f.list("goals")
	p.Needs = f.list("needs")
	p.Pains = f.list("pains")
	p.Channels = f.list("channels")
	return p
}

func decodeTeam(d *decoder) Item {
	t := &Team{Meta: d.meta}
	t.Lead = d.f.str("lead")
	t.Contact = d.f.str("contact")
	return t
}

func decodeChannel(d *decoder) Item {
	f := d.f
	ch := &Channel{Meta: d.meta}
	f.sub("titles", func(m *fields) {
		for _, lang := range Languages {
			if t := m.str(lang); t != "" {
				if ch.Titles == nil {
					ch.Titles = map[string]string{}
				}
				ch.Titles[lang] = t
			}
		}
	})
	ch.Kind = f.enum("kind", ChannelKinds...)
	ch.Icon = f.enum("icon", Icons...)
	return ch
}

func decodeCompetitor(d *decoder) Item {
	c := &Competitor{Meta: d.meta}
	c.Website = d.f.str("website")
	return c
}

func decodeJourney(d *decoder) Item {
	f := d.f
	j := &Journey{Meta: d.meta}
	j.Personas = lower(f.list("personas"))
	if len(j.Personas) == 0 {
		d.diags.Errorf(d.file, j.Line("personas"), "add `personas: [slug]` naming a file in content/personas/", "missing personas")
	}
	j.Scenario = f.str("scenario")
	j.Product = f.str("product")
	j.State = f.enum("state", States...)
	if j.State == "" {
		j.State = "current"
	}
	j.Target = strings.ToLower(f.str("target"))
	j.Owner = f.str("owner")
	j.Lanes = lower(f.list("lanes"))
	for i, l := range j.Lanes {
		if !slices.Contains(Lanes, l) {
			hint := "use lanes from: " + strings.Join(Lanes, ", ")
			if s := Nearest(l, Lanes); s != "" {
				hint = fmt.Sprintf("did you mean `%s`? lanes are: %s", s, strings.Join(Lanes, ", "))
			}
			d.diags.Errorf(d.file, j.Line("lanes."+strconv.Itoa(i)), hint, "lanes: %q is not a lane", l)
		}
	}
	j.Tags = f.list("tags")
	j.Updated = f.date("updated")
	j.Language = f.enum("language", Languages...)
	j.Keep = lower(f.list("keep"))
	return j
}

func decodeStage(d *decoder) Item {
	f := d.f
	s := &Stage{Meta: d.meta}
	s.Duration = f.str("duration")
	s.Goals = f.list("goals")
	s.Expectations = f.list("expectations")
	if v, ok := f.number("conversion", 0, 1, "a share"); ok {
		s.Conversion = &v
	}
	return s
}

// decodePage reads a plain page, whose path is its folders' names and
// its slug; nil when a folder's name cannot be part of a URL.
func decodePage(d *decoder) Item {
	p := &Page{Meta: d.meta}
	var segs []string
	for _, dir := range d.parts[:len(d.parts)-1] {
		_, _, dir = SplitNumber(dir)
		segs = append(segs, Slugify(dir))
	}
	if d.name() != "_index.md" && p.Slug != "" {
		segs = append(segs, p.Slug)
	}
	for _, s := range segs {
		if err := CheckSlug(s); err != nil {
			d.diags.Errorf(d.file, 0, "use lower-case letters, digits and hyphens in folder names", "folder name %q %s", s, err)
			return nil
		}
	}
	p.Path = strings.Join(segs, "/")
	return p
}

func decodeTouchpoint(d *decoder) Item { return readTouchpoint(d.f, d.meta) }

func decodeKPIDef(d *decoder) Item { return readKPIDef(d.f, d.meta) }

func readTouchpoint(f *fields, meta Meta) *Touchpoint {
	t := &Touchpoint{Meta: meta}
	t.Channel = f.str("channel")
	readEmotion(f, t)
	t.Importance = f.enum("importance", Importances...)
	t.Engagement = f.enum("engagement", Engagements...)
	t.Owner = f.str("owner")
	for _, l := range NoteLists {
		*l.of(t) = f.notes(l.Key)
	}
	f.maps("kpis", func(i int, k *fields) {
		kpi := KPI{Name: k.str("name"), Unit: k.str("unit"), Better: k.enum("better", Betters...)}
		if ref := k.str("kpi"); ref != "" {
			kpi.Ref = Slugify(ref)
			if err := CheckSlug(kpi.Ref); err != nil {
				f.diags.Errorf(f.file, f.lines.lineOf(k.pathOf("kpi")), "name a file in content/kpis/ by its slug, e.g. `kpi: time-to-confirm`", "kpis[%d].kpi: %q %s", i+1, ref, err)
				kpi.Ref = ""
			}
		}
		if kpi.Better == "" && kpi.Ref == "" {
			kpi.Better = "higher"
		}
		if ref := k.m.get("kpi"); kpi.Name == "" && kpi.Ref == "" && (ref == nil || ref.tag == "null") {
			f.diags.Errorf(f.file, f.lines.lineOf(k.path), "give each KPI a `name`, or name a catalogue entry: `kpi: SLUG`", "kpis[%d]: no name", i+1)
		}
		const hint = "write a plain number, and the unit in `unit`"
		if v, ok := k.numberHint("current", -1e15, 1e15, hint); ok {
			kpi.Current = &v
		}
		if v, ok := k.numberHint("target", -1e15, 1e15, hint); ok {
			kpi.Target = &v
		}
		t.KPIs = append(t.KPIs, kpi)
	})
	f.sub("metrics", func(m *fields) {
		if v, ok := m.number("csi", 1, 5, "a score"); ok {
			t.Metrics.CSI = &v
		}
		if v, ok := m.number("nps", -100, 100, "a score"); ok {
			t.Metrics.NPS = &v
		}
		if v, ok := m.number("conversion", 0, 1, "a share"); ok {
			t.Metrics.Conversion = &v
		}
		if v, ok := m.number("retention", 0, 1, "a share"); ok {
			t.Metrics.Retention = &v
		}
		if v, ok := m.number("ces", 1, 7, "a score"); ok {
			t.Metrics.CES = &v
		}
		if v, ok := m.numberHint("ltv", 0, 1e15, "write the lifetime value as a plain number, e.g. 1200; its currency is the site's `currency`"); ok {
			t.Metrics.LTV = &v
		}
	})
	f.maps("opportunities", func(i int, o *fields) {
		op := Opportunity{Title: o.str("title"), Owner: o.str("owner"), Due: o.date("due"), Status: o.enum("status", Statuses...)}
		if op.Title == "" {
			f.diags.Errorf(f.file, f.lines.lineOf(o.path), "say what will be done, e.g. `title: Add a Cancel button`", "opportunities[%d]: no title", i+1)
		}
		if op.Status == "" {
			op.Status = "idea"
		}
		op.Impact, _ = o.integerHint("impact", 1, 5, "use a whole number from 1 (helps a little) to 5 (helps a lot)")
		op.Effort, _ = o.integerHint("effort", 1, 5, "use a whole number from 1 (a day's work) to 5 (a project of months)")
		if v, ok := o.number("confidence", 0, 1, "a share"); ok {
			op.Confidence = &v
		}
		op.KPI = o.str("kpi")
		if v, ok := o.numberHint("expected", -1e15, 1e15, "write the value the KPI should reach as a plain number"); ok {
			op.Expected = &v
		}
		t.Opportunities = append(t.Opportunities, op)
	})
	// An opportunity's `kpi` names a KPI of its touchpoint, and its
	// `expected` is a value of that KPI. A catalogued KPI written without a
	// name takes its entry's: the site checks those touchpoints, where the
	// catalogue is known.
	for i, op := range t.Opportunities {
		path := "opportunities." + strconv.Itoa(i)
		switch {
		case op.KPI != "" && !NamesKPI(t.KPIs, op.KPI) && !slices.ContainsFunc(t.KPIs, func(k KPI) bool { return k.Name == "" }):
			f.diags.Errorf(f.file, f.lines.lineOf(path+".kpi"), KPIHint(t.KPIs, op.KPI), "opportunities[%d].kpi: no KPI %q on this touchpoint", i+1, op.KPI)
		case op.Expected != nil && op.KPI == "":
			f.diags.Errorf(f.file, f.lines.lineOf(path+".expected"), "say which KPI should reach it: `kpi: NAME`, a KPI of this touchpoint", "opportunities[%d].expected: no `kpi` to reach it", i+1)
		}
	}
	t.Parent = strings.ToLower(f.str("parent"))
	t.Related = lower(f.list("related"))
	t.Replaces = lower(f.list("replaces"))
	t.Evidence = f.enum("source", Sources...)
	f.maps("competitors", func(i int, c *fields) {
		b := Benchmark{Name: c.str("name"), Note: c.str("note"), Source: c.str("source")}
		if b.Name == "" {
			f.diags.Errorf(f.file, f.lines.lineOf(c.path), "name the competitor: a slug of content/competitors/, or its name", "competitors[%d]: no name", i+1)
		}
		if v, ok := c.number("csi", 1, 5, "a score"); ok {
			b.CSI = &v
		}
		if v, ok := c.number("nps", -100, 100, "a score"); ok {
			b.NPS = &v
		}
		t.Competitors = append(t.Competitors, b)
	})
	return t
}

// currencyCode is an ISO 4217 code, in any case.
var currencyCode = regexp.MustCompile(`^[A-Za-z]{3}$`)

// readKPIDef reads a file of the KPI catalogue.
func readKPIDef(f *fields, meta Meta) *KPIDef {
	d := &KPIDef{Meta: meta}
	f.sub("titles", func(ts *fields) {
		for _, kn := range ts.m.keys {
			lang := strings.ToLower(kn.text)
			if !slices.Contains(Languages, lang) {
				ts.used[kn.text] = true
				f.diags.Errorf(f.file, kn.line, "give titles in "+strings.Join(Languages, ", ")+", e.g. `titles: {ru: ..., pl: ...}`", "titles: %q is not an interface language", kn.text)
				continue
			}
			if t := ts.str(kn.text); t != "" {
				if d.Titles == nil {
					d.Titles = map[string]string{}
				}
				d.Titles[lang] = t
			}
		}
	})
	d.Unit = f.str("unit")
	d.Better = f.enum("better", Betters...)
	if d.Better == "" {
		d.Better = "higher"
	}
	d.Owner = f.str("owner")
	d.Definition = f.str("definition")
	d.Formula = f.str("formula")
	d.DataSource = f.str("dataSource")
	if v, ok := f.numberHint("target", -1e15, 1e15, "write a plain number, and the unit in `unit`"); ok {
		d.Target = &v
	}
	return d
}

// readEmotion reads `emotion`: one integer, how every persona of the
// journey feels, or a map from persona slugs to integers, each persona's
// own. Whether a slug names a persona of the journey is package site's to
// say; a persona left empty (`irina:`) says nothing, as any empty key.
func readEmotion(f *fields, t *Touchpoint) {
	lo, hi := EmotionRange[0], EmotionRange[1]
	hint := fmt.Sprintf("use an integer from %d to %d", lo, hi)
	n := f.node("emotion")
	switch {
	case n == nil:
		return
	case n.kind == scalarNode:
		if v, ok := f.integerOf(n, "emotion", lo, hi, hint); ok {
			t.Emotion = &v
		}
		return
	case n.kind != mapNode:
		f.errorf(n, hint+", or one per persona: `emotion: {persona-slug: 1, other-persona: -2}`",
			"emotion: expected a whole number or one per persona, found %s", n.describe())
		return
	}
	wrong := false
	for i, kn := range n.keys {
		slug := Slugify(kn.text)
		if err := CheckSlug(slug); err != nil {
			f.errorf(kn, "name a persona by its slug, e.g. `emotion: {olga-busy-parent: 1}`", "emotion: persona %q %s", kn.text, err)
			wrong = true
			continue
		}
		path := "emotion." + slug
		if f.lines.lineOf(path) != 0 {
			f.errorf(kn, "give each persona one value", "%s: given twice", path)
			wrong = true
			continue
		}
		f.lines.set(path, kn.line)
		v := n.vals[i]
		if v.kind == scalarNode && v.tag == "null" {
			continue
		}
		e, ok := f.integerOf(v, path, lo, hi, hint)
		if !ok {
			wrong = true
			continue
		}
		t.Emotions = append(t.Emotions, PersonaEmotion{Persona: slug, Value: e})
	}
	t.emptyEmotion = len(t.Emotions) == 0 && !wrong
}

var numberPrefix = regexp.MustCompile(`^(\d+)-(.+)$`)

// SplitNumber takes the leading "NN-" off a file or folder name: "03-pay"
// is 3, true, "pay". Tools that write content name files by the same rule.
func SplitNumber(name string) (int, bool, string) {
	m := numberPrefix.FindStringSubmatch(name)
	if m == nil {
		return 0, false, name
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		return 0, false, name
	}
	return n, true, m[2]
}

// loneCRs turns each carriage return not followed by a line feed (old Mac
// line ends) into a line feed: editors and the YAML parser count it as a
// line end, and so must every line number cjm reports.
func loneCRs(data []byte) []byte {
	var out []byte // a copy, made at the first lone CR: CRLF files stay as read
	for i := bytes.IndexByte(data, '\r'); i >= 0 && i < len(data); i++ {
		if data[i] == '\r' && (i+1 == len(data) || data[i+1] != '\n') {
			if out == nil {
				out = bytes.Clone(data)
			}
			out[i] = '\n'
		}
	}
	if out == nil {
		return data
	}
	return out
}

// invalidUTF8 finds the line and value of the first byte of data that is
// not part of a UTF-8 character.
func invalidUTF8(data []byte) (line int, b byte) {
	line = 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return line, data[i]
		}
		if r == '\n' {
			line++
		}
		i += size
	}
	return line, 0
}

// NameNotUTF8 is the error for path p, a folder if dir, when its last
// element is not UTF-8: named with its bad bytes escaped (caf\xe9.md), since
// the path goes to terminals and the browser's error overlay.
func NameNotUTF8(p string, dir bool) (diag.Diagnostic, bool) {
	name := path.Base(p)
	if utf8.ValidString(name) {
		return diag.Diagnostic{}, false
	}
	what := "file"
	if dir {
		what = "folder"
	}
	var b strings.Builder
	bad := -1
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		if r == utf8.RuneError && size == 1 {
			if bad < 0 && i >= len(p)-len(name) {
				bad = int(p[i])
			}
			fmt.Fprintf(&b, `\x%02x`, p[i])
		} else {
			b.WriteString(p[i : i+size])
		}
		i += size
	}
	return diag.Diagnostic{File: b.String(), Severity: diag.Error,
		Message: fmt.Sprintf("the %s name is not UTF-8: byte 0x%02x cannot start or continue a character", what, bad),
		Hint:    "rename it, in UTF-8"}, true
}

// Slugify turns a name or a written slug into its canonical form: NFC,
// lower case, inner spaces as hyphens. It does not make a slug safe;
// CheckSlug says whether it is.
func Slugify(s string) string {
	s = strings.ToLower(norm.NFC.String(strings.TrimSpace(s)))
	return strings.Join(strings.Fields(s), "-")
}

// GeneratedSegment is the URL segment under which cjm puts the pages it
// makes inside a journey (/journeys/j/-/compare/, /journeys/j/-/embed/):
// no slug may be it, so that no stage or touchpoint ever takes their URLs.
const GeneratedSegment = "-"

// CheckSlug reports why s cannot be one segment of a URL path, or nil.
func CheckSlug(s string) error {
	switch {
	case s == "":
		return fmt.Errorf("is empty")
	case s == "." || s == "..":
		return fmt.Errorf("is not a name")
	case s == GeneratedSegment:
		return fmt.Errorf("is reserved: /%s/ holds the pages cjm makes inside a journey", GeneratedSegment)
	case len(s) > 200:
		return fmt.Errorf("is longer than 200 bytes")
	}
	for _, r := range s {
		if unicode.IsControl(r) || unicode.IsSpace(r) || strings.ContainsRune(`/\:*?"<>|#%&`, r) {
			return fmt.Errorf("holds %q, which cannot stand in a URL path segment", r)
		}
	}
	if strings.HasPrefix(s, ".") {
		return fmt.Errorf("starts with a dot")
	}
	return nil
}

func lower(list []string) []string {
	for i, s := range list {
		list[i] = Slugify(s)
	}
	return list
}

// sortItems orders items by weight, then by the leading number (numbered
// first), then by title, then by slug so that the order is total.
func sortItems[T Item](items []T) {
	// Lower-cased titles are worked out once, not at every comparison.
	type keyed struct {
		item  T
		m     *Meta
		title string
	}
	ks := make([]keyed, len(items))
	for i, it := range items {
		m := it.ItemMeta()
		ks[i] = keyed{it, m, strings.ToLower(m.Title)}
	}
	slices.SortStableFunc(ks, func(x, y keyed) int {
		a, b := x.m, y.m
		switch {
		case a.Weight != b.Weight:
			return cmp.Compare(a.Weight, b.Weight)
		case a.Numbered != b.Numbered:
			if a.Numbered {
				return -1
			}
			return 1
		case a.Number != b.Number:
			return cmp.Compare(a.Number, b.Number)
		case x.title != y.title:
			return strings.Compare(x.title, y.title)
		case a.Slug != b.Slug:
			return strings.Compare(a.Slug, b.Slug)
		}
		return strings.Compare(a.File, b.File)
	})
	for i := range ks {
		items[i] = ks[i].item
	}
}

// NamesKPI reports whether name is one of kpis: by the name it is written
// with, or a catalogued one by its slug.
func NamesKPI(kpis []KPI, name string) bool {
	return slices.ContainsFunc(kpis, func(k KPI) bool { return name != "" && (k.Name == name || k.Ref == name) })
}

// KPIHint says how to name one of kpis, for an opportunity's `kpi` that
// names none of them.
func KPIHint(kpis []KPI, name string) string {
	var names []string
	for _, k := range kpis {
		for _, n := range []string{k.Name, k.Ref} {
			if n != "" && !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	if len(names) == 0 {
		return "name a KPI of this touchpoint's `kpis`; it has none: add it to `kpis` first"
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = strconv.Quote(n)
	}
	hint := "name a KPI of this touchpoint's `kpis`: " + strings.Join(quoted, ", ")
	if s := Nearest(name, names); s != "" {
		hint = fmt.Sprintf("did you mean %q? %s", s, hint)
	}
	return hint
}
