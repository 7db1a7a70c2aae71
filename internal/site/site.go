// Package site turns loaded content into a cross-linked graph: references
// resolved to pointers, links kept both ways, team and channel pages
// generated for owners and channels that have no file, the URL of every
// page, and the gaps worth a warning. It does no I/O.
package site

import (
	"strings"

	"github.com/cjm-portal/cjm/internal/content"
)

// Site is the whole resolved portal.
type Site struct {
	Settings    content.Settings
	Base        Base
	Personas    []*Persona
	Teams       []*Team
	Journeys    []*Journey
	Channels    []*Channel
	Pages       []*Page
	Touchpoints []*Touchpoint // every touchpoint, journey by journey, in map order
	Sections    map[string]*content.Section
	Routes      []Route       // every page to render, sorted by path
	KPIs        []*KPIDef     // the KPI catalogue, in order
	Competitors []*Competitor // every competitor, from a file or named on a touchpoint
}

// Lang is the language of journey j's pages: its own `language`, else the
// site's. Pages of nothing in particular are in the site's.
func (s *Site) Lang(j *Journey) string {
	if j != nil && j.Language != "" {
		return j.Language
	}
	return s.Settings.Language
}

// Route is one page of the output: its URL path and what it shows.
type Route struct {
	Path string // relative to the base URL: "", "personas/olga/", "404.html"
	Kind string // home, personas, persona, teams, team, journeys, journey, map, embed, compare, history, alias, stage, touchpoint, channels, channel, opportunities, gaps, heatmap, data, kpis, kpi, benchmark, competitor, page, 404
	Item any    // the *Persona, *Journey, ... it shows; nil for home and lists
	File string // the source file it comes from, "" when generated
}

// Persona is a persona with the journeys drawn for it.
type Persona struct {
	*content.Persona
	URL      string
	Journeys []*Journey
	Channels []*Channel
}

// Name is what pages call the persona where space is short: its title up
// to the first comma, "Irina" for "Irina, small business owner".
func (p *Persona) Name() string {
	if name, _, ok := strings.Cut(p.Title, ","); ok && strings.TrimSpace(name) != "" {
		return strings.TrimSpace(name)
	}
	return p.Title
}

// Team is an owner. A team named only in an `owner` key is Generated: it
// has no file, and its title is its slug.
type Team struct {
	*content.Team
	URL           string
	Generated     bool
	Journeys      []*Journey
	Touchpoints   []*Touchpoint
	Opportunities []*Opportunity
}

// Channel is a channel: one defined in content/channels/, one of the
// built-in ones, or a word used by touchpoints or preferred by personas.
type Channel struct {
	Slug    string
	Title   string // the file's title, else the word as first written
	URL     string
	File    *content.Channel // nil when it has no file
	Builtin bool             // one of content.Channels
	Kind    string           // online, offline, or "" when unknown
	Icon    string           // one of content.Icons, or "" for none
	// Titles are its names by language, as its file gives them: `titles`,
	// and `title` for the site's language. Empty without a file.
	Titles      map[string]string
	Touchpoints []*Touchpoint
	Personas    []*Persona
}

// Defined reports whether cjm knows the channel: it has a file or is
// built in. Pages show any other by its word as written.
func (c *Channel) Defined() bool { return c.File != nil || c.Builtin }

// Journey is one map: its stages, touchpoints and the journeys it pairs with.
type Journey struct {
	*content.Journey
	URL             string
	MapURL          string
	CompareURL      string // the as-is / to-be comparison, on a journey with a target
	EmbedURL        string // the map alone with its controls, for an <iframe>
	HistoryURL      string // what changed, commit by commit (see package history)
	Personas        []*Persona
	Owner           *Team
	Target          *Journey      // the to-be journey this as-is journey names
	Current         []*Journey    // the as-is journeys that name this one as their target
	Keep            []*Stage      // on a to-be journey: the as-is stages it does not redraw (`keep`)
	KeepTouchpoints []*Touchpoint // and the as-is touchpoints, of stages it redraws, it keeps as they are
	Stages          []*Stage
	Touchpoints     []*Touchpoint
	Lanes           []string // the lanes the map shows, in order
}

// Stage is a column of the map.
type Stage struct {
	*content.Stage
	URL         string
	Index       int // 0-based position in the journey
	Journey     *Journey
	Touchpoints []*Touchpoint
	Prev, Next  *Stage
}

// Touchpoint is a moment where the customer meets the company.
type Touchpoint struct {
	*content.Touchpoint
	URL           string
	Ref           string // journey-slug/touchpoint-slug, how it is named from elsewhere
	Journey       *Journey
	Stage         *Stage
	Owner         *Team // nil when the key is absent or `none`
	OwnerNone     bool  // `owner: none`: nobody owns it, said honestly
	Channel       *Channel
	Parent        *Touchpoint
	Children      []*Touchpoint
	Related       []*Touchpoint // both ways: those it names and those naming it
	Replaces      []*Touchpoint // on a to-be journey: the as-is touchpoints it replaces
	ReplacedBy    []*Touchpoint // on an as-is journey: the to-be touchpoints that replace it
	Opportunities []*Opportunity
	Prev, Next    *Touchpoint // in map order across the whole journey
	Depth         int         // 0 for a top-level touchpoint, 1 for its children, ...
	// Feelings say how each persona of the journey feels here, in the
	// journey's order of personas: a plain `emotion` gives every persona
	// the same value. A persona with no value here has no entry.
	Feelings []Feeling
	// KPIs are the touchpoint's KPIs as measured here, a catalogued one
	// with what its entry gives (name, unit, better, target) filled in.
	KPIs []*KPI
	// Competitors are its benchmarks, each with its competitor.
	Competitors []*Benchmark
}

// Feeling is how one persona feels at a touchpoint.
type Feeling struct {
	Persona *Persona
	Value   int // -2 (very negative) to 2 (very positive)
}

// FeelingOf returns how persona p feels at the touchpoint, and whether
// the touchpoint says.
func (t *Touchpoint) FeelingOf(p *Persona) (int, bool) {
	for _, f := range t.Feelings {
		if f.Persona == p {
			return f.Value, true
		}
	}
	return 0, false
}

// Unanimous returns the one value every persona of the journey feels at
// the touchpoint, or nil when they do not all feel the same: it has no
// feelings, a persona has none, or their values differ. A plain `emotion`
// is unanimous, and so is a map that gives every persona one value.
func (t *Touchpoint) Unanimous() *int {
	if len(t.Feelings) == 0 || len(t.Feelings) != len(t.Journey.Personas) {
		return nil
	}
	v := t.Feelings[0].Value
	for _, f := range t.Feelings[1:] {
		if f.Value != v {
			return nil
		}
	}
	return &v
}

// FeelingsDiffer reports whether the personas of the journey feel
// differently at the touchpoint: it has feelings that are not unanimous.
// Pages then name each persona with its value.
func (t *Touchpoint) FeelingsDiffer() bool { return len(t.Feelings) > 0 && t.Unanimous() == nil }

// FeelingsDiffer reports whether the journey's personas feel differently
// at any of its touchpoints, so that one curve cannot tell how they feel.
func (j *Journey) FeelingsDiffer() bool {
	for _, t := range j.Touchpoints {
		if t.FeelingsDiffer() {
			return true
		}
	}
	return false
}

// Opportunity is an improvement on a touchpoint, with its owner resolved.
type Opportunity struct {
	content.Opportunity
	Owner      *Team
	Touchpoint *Touchpoint
}

// Alias is a page that only sends the reader on to another URL, where a
// page used to be.
type Alias struct {
	To string // the site path the page now has
}

// Page is a plain page.
type Page struct {
	*content.Page
	URL string
}
