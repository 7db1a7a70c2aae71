package build

import (
	"maps"
	"path"
	"slices"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/export"
	"github.com/cjm-portal/cjm/internal/history"
	"github.com/cjm-portal/cjm/internal/render"
	"github.com/cjm-portal/cjm/internal/schema"
	"github.com/cjm-portal/cjm/internal/search"
	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/sitemap"
)

// memo keeps what a build works out per item and a rebuild can reuse:
// each item's search text and each touchpoint's data export. Each build
// keeps only what it used, so it never grows past one site's worth. A nil
// memo keeps nothing.
type memo struct {
	search  *search.Memo
	exports *export.Cache // each touchpoint's data, encoded
}

func newMemo() *memo { return &memo{search: search.NewMemo(), exports: export.NewCache()} }

// searchMemo and exportCache are nil for a nil memo.
func (m *memo) searchMemo() *search.Memo {
	if m == nil {
		return nil
	}
	return m.search
}

func (m *memo) exportCache() *export.Cache {
	if m == nil {
		return nil
	}
	return m.exports
}

// eachShared makes the files that are not pages, handing emit one at a
// time: the fonts, the files a static host reads (.nojekyll,
// sitemap.xml), the search index, the front matter's JSON Schemas, then
// the data exports. They sum up the whole site, so every build writes
// them anew; a build writing each as it comes never holds all of them, as
// the search index and the exports of a large portal run to hundreds of
// MB. The first error of emit stops it (the build is aborted): the memo
// keeps what it had, and what this build added.
func eachShared(s *site.Site, now time.Time, hist *history.History, m *memo, emit func(name string, data []byte) error) error {
	if err := eachIndex(s, m, emit); err != nil {
		return err
	}
	return eachExport(s, now, hist, m, emit)
}

// eachIndex makes the shared files that read the items' bodies (the
// search index) or are small: everything but the data exports.
func eachIndex(s *site.Site, m *memo, emit func(name string, data []byte) error) error {
	for _, files := range []map[string][]byte{render.Fonts(), sitemap.Files(s, s.Routes, sitemap.Options{})} {
		for _, name := range slices.Sorted(maps.Keys(files)) {
			if err := emit(name, files[name]); err != nil {
				return err
			}
		}
	}
	if err := emit("search.json", search.Index(s, s.Settings.Language, m.searchMemo())); err != nil {
		return err
	}
	for _, k := range content.Kinds { // for editors: see `cjm schema`
		if err := emit("schema/"+schema.FileName(k.Kind), schema.JSON(k.Kind)); err != nil {
			return err
		}
	}
	m.searchMemo().Next()
	return nil
}

// eachExport makes the data exports, which read no item's body.
func eachExport(s *site.Site, now time.Time, hist *history.History, m *memo, emit func(name string, data []byte) error) error {
	if err := export.EachFile(s, now, m.exportCache(), emit); err != nil {
		return err
	}
	return emit("data/history.csv", historyCSV(s, hist))
}

// dataFile is a file the data page links to: its path from the site's
// root, and the interface word that says what it holds.
type dataFile struct{ Path, Word string }

// dataFiles are the exports eachShared writes, with their schema, and the
// front matter's schemas, in the order the data page lists them.
func dataFiles() []dataFile {
	out := []dataFile{
		{export.JSONPath, "data-json"}, {export.SchemaPath, "data-schema"},
		{export.TouchpointsPath, "data-touchpoints"}, {export.OpportunitiesPath, "data-opportunities"}, {export.KPIsPath, "data-kpis"},
		{"data/history.csv", "data-history"},
	}
	for _, k := range content.Kinds {
		out = append(out, dataFile{"schema/" + schema.FileName(k.Kind), "data-kind-" + k.Kind.String()})
	}
	return out
}

// historyCSV is /data/history.csv: every value of every touchpoint's KPIs
// and metrics, commit by commit, journey by journey in map order.
func historyCSV(s *site.Site, hist *history.History) []byte {
	var rows []export.HistoryRow
	seen := map[string]bool{}
	add := func(series *history.Series, journey, tp string) {
		for _, v := range series.Values {
			rows = append(rows, export.HistoryRow{Date: v.Commit.Date.Format(time.DateOnly), Commit: v.Commit.Hash,
				Journey: journey, Touchpoint: tp, Metric: v.Metric, Value: render.FormatNumber(v.Value)})
		}
	}
	for _, t := range s.Touchpoints {
		if series := hist.Series(t.File); series != nil {
			seen[t.File] = true
			add(series, t.Journey.Slug, t.Slug)
		}
	}
	// Touchpoints gone since: named by their folders.
	for _, series := range hist.AllSeries() {
		if !seen[series.File] {
			add(series, path.Base(series.Journey), series.Slug)
		}
	}
	return export.HistoryCSV(rows)
}
