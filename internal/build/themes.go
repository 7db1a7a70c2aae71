package build

import (
	"html/template"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/cjm-portal/cjm/internal/diag"
	"github.com/cjm-portal/cjm/internal/history"
	"github.com/cjm-portal/cjm/internal/render"
	"github.com/cjm-portal/cjm/internal/rollup"
	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/sitedir"
	"github.com/cjm-portal/cjm/internal/theme"
)

// keptTheme is a Builder's theme, parsed and localized by an earlier build,
// and what it was made for. Parsing the templates and copying them for
// each language of the journeys costs more than the pages a save renders
// again; a build that changed only content gives the kept theme its own
// functions (theme.Rebind) instead.
type keptTheme struct {
	th  *theme.Theme
	key string // the theme's name and the pages' languages
}

// journeyLangs are the languages of the journeys other than the site's,
// sorted: the theme holds a copy of its templates for each.
func journeyLangs(s *site.Site) []string {
	var langs []string
	for _, j := range s.Journeys {
		if l := s.Lang(j); l != s.Settings.Language && !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	slices.Sort(langs)
	return langs
}

// themeKey says what a theme was made for: its name, the site's language
// and the other languages of the journeys (langs).
func themeKey(s *site.Site, langs []string) string {
	return s.Settings.Theme + "\x00" + s.Settings.Language + "\x00" + strings.Join(langs, "\x00")
}

// loadTheme returns the theme to render s with, bound to this build's
// functions: the kept one when only content changed since it was made
// and it was never halted, else one loaded afresh, which is kept when it
// loaded without a word to say.
func (b *Builder) loadTheme(s *site.Site, changed []string, now time.Time, gaps []rollup.Gap, hist *history.History) (*theme.Theme, diag.List) {
	o := b.opts
	funcsIn := func(lang string) template.FuncMap {
		funcs := render.FuncsIn(s, lang, now, gaps, b.cards)
		maps.Copy(funcs, render.HistoryFuncs(lang, hist, now))
		funcs["dataFiles"] = dataFiles // the files the data page lists: the exports and the front matter's schemas
		return funcs
	}
	langs := journeyLangs(s)
	key := themeKey(s, langs)
	if k := b.kept; k != nil && changed != nil && !outsideContent(changed) && k.key == key && !k.th.Halted() {
		k.th.Rebind("", funcsIn(s.Settings.Language))
		for _, lang := range langs {
			k.th.Rebind(lang, funcsIn(lang))
		}
		return k.th, nil
	}
	b.kept = nil
	layers, diags := theme.Layers(o.Source, s.Settings.Theme, o.Builtin)
	th, more := theme.Load(layers, funcsIn(s.Settings.Language), o.Limits)
	diags.Add(more...)
	for _, lang := range langs {
		if err := th.Localize(lang, funcsIn(lang)); err != nil {
			diags.Errorf(sitedir.Layouts, 0, "", "the templates cannot be readied for a journey's own language: %v", err)
			break
		}
	}
	if b.cache != nil && len(diags) == 0 {
		b.kept = &keptTheme{th: th, key: key}
	}
	return th, diags
}
