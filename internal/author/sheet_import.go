package author

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/diag"
)

// SheetOptions tune ImportSheet.
type SheetOptions struct {
	Journey  string   // the journey's slug (its folder); else the sheet's journey row's
	Title    string   // a new journey's title, over the sheet's
	Personas []string // a new journey's personas, over the sheet's
	// Update writes into the journey that is there: a key the sheet has a
	// column for is changed where its value differs, and nothing else is.
	Update bool
}

// ErrPlainSheet says a sheet has no `kind` column: it is a plain list of
// touchpoints, for ReadCSV and WriteDraft, unless it updates a journey.
var ErrPlainSheet = errors.New("a sheet of touchpoints without a kind column")

// sheetRow is one row of a sheet.
type sheetRow struct {
	line  int
	kind  string
	cells map[string]string // by column name, unguarded, trimmed
}

// sheetAliases are other names spreadsheets give columns.
var sheetAliases = map[string]string{
	"touchpoint": "title", "name": "title", "csi": "metrics.csi", "nps": "metrics.nps",
	"emotions": "emotion", "text": "body", "notes": "body", "type": "kind",
}

// ImportSheet reads a journey sheet (see ExportSheet) and writes it: a new
// journey, or with opts.Update the journey that is there, edited in place.
// Files that exist are never replaced except the journey's own with
// Update; persona, team and site rows write a file only where there is
// none. Every problem is reported, at the sheet's line and column, and
// nothing is written unless there are none.
func (s *Site) ImportSheet(name string, data []byte, opts SheetOptions) ([]string, diag.List, error) {
	var diags diag.List
	if err := s.open(); err != nil {
		return nil, nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		diags.Errorf(name, line, "save the sheet as \"CSV UTF-8\"", "the file is not UTF-8 text")
		return nil, diags, nil
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = delimiter(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil {
		diags.Errorf(name, 1, "give the sheet a header row naming its columns: kind, file, title, ...", "no header row")
		return nil, diags, nil
	}
	names := sheetHeader()
	hasKind := false
	for _, h := range header {
		if k := normHeader(h); k == "kind" || k == "type" {
			hasKind = true
		}
	}
	if !hasKind && !opts.Update {
		return nil, nil, ErrPlainSheet
	}
	cols := make([]string, len(header))
	for i, h := range header {
		key := normHeader(h)
		if a, ok := sheetAliases[key]; ok {
			key = a
		}
		if key == "conversion" && !hasKind {
			key = "metrics.conversion" // a sheet of touchpoints alone
		}
		for _, n := range names {
			if strings.EqualFold(n, key) {
				key = n
			}
		}
		switch {
		case key == "":
		case !slices.Contains(names, key):
			hint := "columns are: " + strings.Join(names, ", ")
			if n := content.Nearest(key, names); n != "" {
				hint = fmt.Sprintf("did you mean `%s`? %s", n, hint)
			}
			diags.Errorf(name, 1, hint, "column %d, %q: unknown column", i+1, strings.TrimSpace(h))
			key = ""
		case slices.Contains(cols[:i], key):
			diags.Errorf(name, 1, "keep one column of each name", "column %d, %q: a second %s column", i+1, strings.TrimSpace(h), key)
			key = ""
		}
		cols[i] = key
	}
	if !slices.Contains(cols, "title") && !slices.Contains(cols, "file") && !slices.Contains(cols, "slug") {
		diags.Errorf(name, 1, "name the rows' items with a title, file or slug column", "no title, file or slug column")
	}
	if diags.HasErrors() {
		return nil, diags, nil
	}
	colIndex := map[string]int{}
	for i, c := range cols {
		if c != "" {
			colIndex[c] = i
		}
	}
	var rows []sheetRow
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			diags.Errorf(name, line, "check the quotes in this row", "%v", err)
			break
		}
		row := sheetRow{line: line, cells: map[string]string{}}
		for i, v := range rec {
			v = strings.TrimSpace(unguardCell(strings.ReplaceAll(v, "\r\n", "\n")))
			if i < len(cols) && cols[i] != "" {
				if v != "" {
					row.cells[cols[i]] = v
				}
			} else if v != "" {
				diags.Errorf(name, line, "name the column in the header row, or empty the cell", "column %d: the cell has no column", i+1)
			}
		}
		if len(row.cells) == 0 {
			continue
		}
		row.kind = strings.ToLower(row.cells["kind"])
		if row.kind == "" {
			row.kind = kindTouchpoint
		}
		if !slices.Contains(sheetKinds, row.kind) {
			diags.Errorf(name, line, "use one of: "+strings.Join(sheetKinds, ", "), "column %d (kind): %q is not a kind of row", colIndex["kind"]+1, row.cells["kind"])
			continue
		}
		rows = append(rows, row)
	}
	p := &sheetPlan{site: s, name: name, opts: opts, cols: cols, colIndex: colIndex, diags: &diags}
	p.plan(rows)
	if diags.HasErrors() {
		return nil, diags, nil
	}
	files, err := p.write()
	return files, diags, err
}

func normHeader(h string) string {
	k := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
	return strings.ReplaceAll(strings.ReplaceAll(k, " ", "-"), "_", "-")
}

// sheetPlan turns rows into files.
type sheetPlan struct {
	site     *Site
	name     string
	opts     SheetOptions
	cols     []string
	colIndex map[string]int
	diags    *diag.List

	journey   string // the journey's folder
	existing  *content.Journey
	stages    []planStage // the journey's stages, those there and those the sheet adds
	files     []planFile
	seenFiles map[string]bool
}

type planStage struct {
	folder, slug, title string
}

type planFile struct {
	rel  string // inside content/
	row  sheetRow
	data []byte
	old  []byte // the file as it was; nil for a new one
}

// errorAt reports a problem with row's cell of column col.
func (p *sheetPlan) errorAt(row sheetRow, col, hint, format string, args ...any) {
	where := ""
	if i, ok := p.colIndex[col]; ok {
		where = fmt.Sprintf("column %d (%s): ", i+1, col)
	}
	p.diags.Errorf(p.name, row.line, hint, "%s%s", where, fmt.Sprintf(format, args...))
}

func (p *sheetPlan) plan(rows []sheetRow) {
	c := p.site.content()
	p.seenFiles = map[string]bool{}
	// The journey: -journey, else the journey row's.
	var jrow *sheetRow
	for i := range rows {
		if rows[i].kind == kindJourney {
			if jrow != nil {
				p.errorAt(rows[i], "kind", "keep one journey row: a sheet is one journey", "a second journey row")
				continue
			}
			jrow = &rows[i]
		}
	}
	p.journey = p.opts.Journey
	if p.journey == "" && jrow != nil {
		p.journey = firstOf(jrow.cells["file"], jrow.cells["slug"], SlugOf(jrow.cells["title"]))
	}
	if p.journey == "" {
		p.diags.Errorf(p.name, 2, "add a row of kind journey, or give the journey's slug: -journey SLUG", "no journey")
		return
	}
	if err := checkSlug(content.Slugify(p.journey)); err != nil {
		p.diags.Errorf(p.name, 2, "", "journey %v", err)
		return
	}
	for _, j := range c.Journeys {
		if path.Base(path.Dir(j.File)) == p.journey || j.Slug == p.journey {
			p.existing = j
			p.journey = path.Base(path.Dir(j.File))
		}
	}
	if p.existing == nil && p.site.exists("journeys/"+p.journey) {
		p.diags.Errorf(p.name, 2, "fix the journey's files first (cjm check lists what is wrong)", "content/journeys/%s exists but cannot be read as a journey", p.journey)
		return
	}
	if p.existing != nil && !p.opts.Update {
		p.diags.Errorf(p.name, 2, "update it in place with -update, or import under another slug with -journey", "content/journeys/%s exists", p.journey)
		return
	}
	if p.existing != nil {
		for _, st := range p.existing.Stages {
			p.stages = append(p.stages, planStage{path.Base(path.Dir(st.File)), st.Slug, st.Title})
		}
	}
	if jrow == nil && p.existing == nil {
		// A sheet of touchpoints alone, for a new journey.
		title := p.opts.Title
		if title == "" {
			title = titleOf(p.journey)
		}
		jrow = &sheetRow{line: 2, kind: kindJourney, cells: map[string]string{"title": title}}
		p.item(*jrow, "journeys/"+p.journey+"/_index.md", nil)
	}
	stage := -1 // the last stage row's index in p.stages
	for _, row := range rows {
		switch row.kind {
		case kindSite:
			if !p.site.exists("_index.md") {
				p.item(row, "_index.md", nil)
			}
		case kindPersona, kindTeam, kindChannel, kindKPI, kindCompetitor:
			file := firstOf(row.cells["file"], row.cells["slug"], SlugOf(row.cells["title"]))
			rel := row.kind + "s/" + file + ".md"
			if !p.site.exists(rel) {
				p.item(row, rel, nil)
			}
		case kindJourney:
			if p.opts.Title != "" {
				row.cells["title"] = p.opts.Title
			}
			if len(p.opts.Personas) > 0 {
				row.cells["personas"] = strings.Join(p.opts.Personas, "\n")
			}
			var old any
			if p.existing != nil {
				old = p.existing
			}
			p.item(row, "journeys/"+p.journey+"/_index.md", old)
		case kindStage:
			stage = p.findStage(row.cells["file"], row.cells["slug"], row.cells["title"])
			var old any
			if stage >= 0 && p.existing != nil {
				old = p.stageItem(p.stages[stage].folder)
			}
			if stage < 0 {
				folder := row.cells["file"]
				if folder == "" {
					folder = fmt.Sprintf("%02d-%s", len(p.stages)+1, firstOf(row.cells["slug"], SlugOf(row.cells["title"])))
				}
				_, _, slug := content.SplitNumber(folder)
				p.stages = append(p.stages, planStage{folder, firstOf(row.cells["slug"], slug), row.cells["title"]})
				stage = len(p.stages) - 1
			}
			p.item(row, "journeys/"+p.journey+"/"+p.stages[stage].folder+"/_index.md", old)
		case kindTouchpoint:
			st := stage
			if v := row.cells["stage"]; v != "" {
				if st = p.findStage(v, v, v); st < 0 {
					if p.existing == nil && !slices.Contains(p.cols, "kind") || !slices.ContainsFunc(rows, func(r sheetRow) bool { return r.kind == kindStage }) {
						// A sheet of touchpoints names its stages by title.
						p.stages = append(p.stages, planStage{fmt.Sprintf("%02d-%s", len(p.stages)+1, SlugOf(v)), SlugOf(v), v})
						st = len(p.stages) - 1
						p.item(sheetRow{line: row.line, kind: kindStage, cells: map[string]string{"title": v}}, "journeys/"+p.journey+"/"+p.stages[st].folder+"/_index.md", nil)
					} else {
						var known []string
						for _, s := range p.stages {
							known = append(known, s.slug)
						}
						p.errorAt(row, "stage", "name a stage of the journey by its slug, folder or title: "+strings.Join(known, ", "), "no stage %q", v)
						continue
					}
				}
				stage = st
			}
			old, rel := p.findTouchpoint(row)
			if old == nil && st < 0 {
				p.errorAt(row, "stage", "put a row of kind stage above it, or name its stage in the stage column", "the touchpoint has no stage")
				continue
			}
			if old == nil {
				file := firstOf(row.cells["file"], row.cells["slug"], SlugOf(row.cells["title"]))
				rel = "journeys/" + p.journey + "/" + p.stages[st].folder + "/" + file + ".md"
				for n := 2; p.seenFiles[rel] || p.site.exists(rel); n++ {
					rel = fmt.Sprintf("journeys/%s/%s/%s-%d.md", p.journey, p.stages[st].folder, file, n)
				}
				p.item(row, rel, nil)
				continue
			}
			p.item(row, rel, old)
		}
	}
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// findStage finds a stage of the journey by folder, slug or title.
func (p *sheetPlan) findStage(folder, slug, title string) int {
	for i, s := range p.stages {
		if folder != "" && s.folder == folder || slug != "" && s.slug == strings.ToLower(slug) {
			return i
		}
	}
	for i, s := range p.stages {
		if title != "" && strings.EqualFold(s.title, title) {
			return i
		}
	}
	return -1
}

func (p *sheetPlan) stageItem(folder string) *content.Stage {
	for _, st := range p.existing.Stages {
		if path.Base(path.Dir(st.File)) == folder {
			return st
		}
	}
	return nil
}

// findTouchpoint finds the touchpoint a row updates, by file, slug or
// title, in any stage of the journey; nil when the row adds one.
func (p *sheetPlan) findTouchpoint(row sheetRow) (*content.Touchpoint, string) {
	if p.existing == nil {
		return nil, ""
	}
	match := []func(t *content.Touchpoint) bool{
		func(t *content.Touchpoint) bool {
			return row.cells["file"] != "" && baseName(t.File) == row.cells["file"]
		},
		func(t *content.Touchpoint) bool {
			return row.cells["slug"] != "" && t.Slug == strings.ToLower(row.cells["slug"])
		},
		func(t *content.Touchpoint) bool {
			return row.cells["file"] == "" && row.cells["slug"] == "" && strings.EqualFold(t.Title, row.cells["title"])
		},
	}
	for _, m := range match {
		for _, st := range p.existing.Stages {
			for _, t := range st.Touchpoints {
				if m(t) {
					return t, strings.TrimPrefix(t.File, content.Dir+"/")
				}
			}
		}
	}
	return nil, ""
}

// item plans the file rel for row: a new file when old is nil, else old's
// file with the keys that changed.
func (p *sheetPlan) item(row sheetRow, rel string, old any) {
	if p.seenFiles[rel] {
		p.errorAt(row, "file", "keep one row for each item", "a second row for content/%s", rel)
		return
	}
	p.seenFiles[rel] = true
	var edits []keyEdit
	var body *string
	metrics := record{}
	metricsGiven := false
	for _, name := range p.cols {
		if name == "" || slices.Contains(placeColumns, name) {
			continue
		}
		col := columnFor(name, row.kind)
		if col == nil {
			if row.cells[name] != "" {
				p.errorAt(row, name, "empty the cell, or move the value to a row it belongs to", "a %s row has no %s", row.kind, name)
			}
			continue
		}
		v, err := decodeCell(col.Codec, name, row.cells[name])
		if err != nil {
			p.errorAt(row, name, err.hint, "%s", err.msg)
			continue
		}
		if old != nil && col.Get != nil && encodeCell(col.Codec, col.Get(old)) == encodeCell(col.Codec, v) {
			continue // unchanged: the file keeps its bytes
		}
		switch {
		case name == "body":
			if v == nil {
				v = ""
			}
			b := v.(string)
			body = &b
		case name == "slug":
			if v != nil && content.Slugify(v.(string)) != slugFromPath(rel) {
				edits = append(edits, keyEdit{"slug", content.Slugify(v.(string))})
			} else if old != nil && metaOf(old).Source.Has("slug") {
				edits = append(edits, keyEdit{"slug", nil})
			}
		case strings.HasPrefix(name, "metrics."):
			metricsGiven = true
			if v != nil {
				metrics = append(metrics, field{strings.TrimPrefix(name, "metrics."), v})
			} else {
				metrics = append(metrics, field{strings.TrimPrefix(name, "metrics."), nil})
			}
		default:
			edits = append(edits, keyEdit{col.key(), v})
		}
	}
	if metricsGiven {
		// The metrics the file has and the sheet does not hold stay.
		var merged record
		for _, c := range sheetColumns {
			if !strings.HasPrefix(c.Name, "metrics.") {
				continue
			}
			key := strings.TrimPrefix(c.Name, "metrics.")
			var v any
			if old != nil {
				v = c.Get(old)
			}
			if i := slices.IndexFunc(metrics, func(f field) bool { return f.Key == key }); i >= 0 {
				v = metrics[i].Value
			}
			if v != nil {
				merged = append(merged, field{key, v})
			}
		}
		var mv any
		if len(merged) > 0 {
			mv = merged
		}
		// Keep metrics in the order of the touchpoint's keys: before opportunities.
		at := slices.IndexFunc(edits, func(e keyEdit) bool { return e.Key == "opportunities" })
		if at < 0 {
			at = len(edits)
		}
		edits = slices.Insert(edits, at, keyEdit{"metrics", mv})
	}
	pf := planFile{rel: rel, row: row}
	if old == nil {
		if row.kind == kindJourney && row.cells["personas"] == "" {
			p.errorAt(row, "personas", "name the journey's personas in the personas column, or with -personas", "the new journey has no personas")
		}
		if t := row.cells["title"]; t == "" && row.kind != kindSite {
			p.errorAt(row, "title", "give every item a title", "no title")
		}
		b := ""
		if body != nil {
			b = *body
		}
		data, err := newFile(edits, b)
		if err != nil {
			p.errorAt(row, "", "", "%v", err)
			return
		}
		pf.data = data
	} else {
		data, err := fs.ReadFile(p.site.root, content.Dir+"/"+rel)
		if err != nil {
			p.errorAt(row, "", "", "%v", err)
			return
		}
		pf.old = data
		if len(edits) == 0 && body == nil {
			return // nothing changed
		}
		if body != nil && strings.TrimSpace(*body) == strings.TrimSpace(strings.ReplaceAll(string(metaOf(old).Body), "\r\n", "\n")) {
			body = nil
		}
		if pf.data, err = editFile(data, edits, body); err != nil {
			p.errorAt(row, "", "", "content/%s: %v", rel, err)
			return
		}
		if bytes.Equal(pf.data, data) {
			return
		}
	}
	// The loader checks every value, as a build would: its errors are the
	// row's, at the column of the key.
	_, ds := content.Decode(content.Dir+"/"+rel, pf.data)
	for _, d := range ds.Errors() {
		col := keyColumn(d.Message)
		msg := d.Message
		if col != "" {
			if _, ok := p.colIndex[col]; ok {
				msg = strings.TrimPrefix(strings.TrimPrefix(msg, col), ":")
				msg = strings.TrimSpace(msg)
				if msg == "" || strings.HasPrefix(d.Message, col+".") || strings.HasPrefix(d.Message, col+"[") {
					msg = d.Message
				}
			}
		}
		p.errorAt(row, col, d.Hint, "%s", msg)
	}
	p.files = append(p.files, pf)
}

// slugFromPath is the slug a file's name gives it.
func slugFromPath(rel string) string { return content.Slugify(slugOfFile(rel)) }

// keyColumn is the column of the key a loader's message starts with:
// "kpis[1].current: ..." is kpis, "metrics.csi: ..." metrics.csi.
func keyColumn(msg string) string {
	end := strings.IndexAny(msg, ":[ ")
	if end < 0 {
		return ""
	}
	key := msg[:end]
	if key == "metrics" || strings.HasPrefix(key, "metrics.") {
		return key
	}
	if i := strings.IndexByte(key, '.'); i >= 0 {
		key = key[:i]
	}
	return key
}

// write writes the planned files: new ones first, all or none of them,
// then the changed ones, each replaced whole.
func (p *sheetPlan) write() ([]string, error) {
	w := &writer{site: p.site}
	for _, f := range p.files {
		if f.old != nil {
			continue
		}
		if err := w.write(f.rel, f.data); err != nil {
			w.undo()
			return nil, err
		}
	}
	written := w.written
	for _, f := range p.files {
		if f.old == nil {
			continue
		}
		if err := p.site.root.Replace(content.Dir+"/"+f.rel, f.data); err != nil {
			return written, err
		}
		written = append(written, content.Dir+"/"+f.rel)
	}
	return written, nil
}
