// Package content reads a site's content/ folder into Go values: the
// authoring contract as types. It walks an fs.FS, splits and decodes front
// matter (YAML, TOML or JSON) keeping the line of every key, derives slugs
// and order, normalises text to NFC, and checks everything that can be
// checked within one file: types, ranges, enums, slugs and the folder
// layout. References between files are resolved by package site.
package content

import (
	"math"
	"slices"
	"strings"
	"time"
)

// Source says where an item was written, and on which line each of its keys
// is, so that later checks can point at the exact key.
type Source struct {
	File  string // slash path relative to the site folder: content/personas/olga.md
	Start int    // line of the front matter's opening delimiter (1 when there is none)
	Hash  uint64 // of the file's bytes: equal hashes, equal items (within one process)
	lines *lineTable
}

// Line returns the line of a key path such as "owner", "kpis.1.target" or
// "personas.0". A missing path falls back to its parent, then to Start.
func (s Source) Line(path string) int {
	for path != "" {
		if l, ok := s.lines.get(path); ok {
			return l
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return s.Start
}

// Has reports whether the front matter holds the key path, even empty.
func (s Source) Has(path string) bool {
	_, ok := s.lines.get(path)
	return ok
}

// Meta holds what every item has.
type Meta struct {
	Source
	Slug        string
	Title       string
	Description string
	Weight      int
	Number      int  // the leading NN- of the file or folder name
	Numbered    bool // whether the name had one
	Body        []byte
	url         string // see URLPath
}

// Forget lets the item's body and the lines of its keys go, for a build
// that reads neither again: a one-off build, once the item's page is
// rendered. Line then says Start.
func (m *Meta) Forget() { m.Body, m.lines = nil, nil }

// Settings are the site settings, from the front matter of content/_index.md.
type Settings struct {
	Meta
	Language     string // en, ru or pl
	BaseURL      string
	Theme        string
	EditURL      string // prefix of a link to each page's source file
	RawHTML      bool   // render raw HTML in bodies
	RequireTeams bool   // every owner must name a team file
	MaxFileMB    int    // the largest content file read, in MB; 0: DefaultMaxFileMB
	// The window of history read from git: at most HistoryCommits commits
	// (nil: 500; 0: none) of the last HistoryYears years (0: 2).
	HistoryCommits *int
	HistoryYears   int
	Currency       string // the currency of `ltv`, e.g. EUR; "" when not said
}

// Persona is one file in content/personas/.
type Persona struct {
	Meta
	Role, Segment, Quote, Avatar string
	Goals, Needs, Pains          []string
	Channels                     []string
}

// Team is one file in content/teams/: an owner of touchpoints.
type Team struct {
	Meta
	Lead, Contact string
}

// Channel is one file in content/channels/: a channel's name in each
// language, whether it is online or offline, and its icon. A channel word
// used without a file is one of the built-in Channels, or shown as written.
type Channel struct {
	Meta
	Titles map[string]string // `titles: {ru: ..., pl: ...}`: its name in other languages
	Kind   string            // online or offline; "" when not given
	Icon   string            // one of Icons; "" when not given
}

// Journey is the _index.md of a folder under content/journeys/.
type Journey struct {
	Meta
	Personas          []string
	Scenario, Product string
	State             string // current or target
	Target            string
	Owner             string
	Lanes             []string
	Tags              []string
	Updated           time.Time
	Language          string   // en, ru or pl: the journey's own; "" for the site's
	Keep              []string // on a to-be journey: slugs of its as-is journey's stages it does not redraw
	Stages            []*Stage
}

// Stage is the _index.md of a folder inside a journey.
type Stage struct {
	Meta
	Duration            string
	Goals, Expectations []string
	Conversion          *float64
	Touchpoints         []*Touchpoint
}

// Touchpoint is any other Markdown file in a stage folder.
type Touchpoint struct {
	Meta
	Channel       string
	Emotion       *int             // `emotion: N`: how every persona of the journey feels here
	Emotions      []PersonaEmotion // `emotion: {persona: N, ...}`: each persona's own, as written
	Importance    string
	Engagement    string
	Owner         string
	Actions       Notes
	Questions     Notes
	Barriers      Notes
	Pains         Notes
	Gains         Notes
	Influencers   Notes
	Processes     Notes
	KPIs          []KPI
	Metrics       Metrics
	Opportunities []Opportunity
	Parent        string
	Related       []string
	Replaces      []string // on a to-be journey: the as-is touchpoints it replaces, by slug
	Evidence      string   // the `source` key: interview, survey, analytics or assumption
	Competitors   []Benchmark
	emptyEmotion  bool // `emotion: {}`: a map that says nothing
}

// Benchmark is how a competitor handles the same moment, and how it
// scores there: an entry of a touchpoint's `competitors`.
type Benchmark struct {
	Name     string   // a competitor's slug (content/competitors/SLUG.md) or its name
	CSI, NPS *float64 // the competitor's scores: 1 to 5, -100 to 100
	Note     string   // how they handle the moment
	Source   string   // where the scores come from, free text
}

// PersonaEmotion is how one persona feels at a touchpoint, as the map form
// of `emotion` says it: `emotion: {irina: 1, tomas: -2}`.
type PersonaEmotion struct {
	Persona string // the persona's slug, lower case
	Value   int    // -2 (very negative) to 2 (very positive)
}

// NoEmotion reports whether the touchpoint leaves unsaid how anyone feels
// and should hear so: it has no `emotion` key, or a map with no values. An
// empty `emotion:` is a placeholder (new files have one), and a wrong value
// is an error already, so neither counts.
func (t *Touchpoint) NoEmotion() bool { return !t.Has("emotion") || t.emptyEmotion }

// Note is one entry of a touchpoint's list: a short sentence and, when the
// author gave one, the evidence it rests on. A note without a source rests
// on its touchpoint's.
type Note struct {
	Text   string
	Source string // interview, survey, analytics, assumption or ""
}

// String is the note's text, so that templates print a note as its words.
func (n Note) String() string { return n.Text }

// Notes is one of a touchpoint's lists.
type Notes []Note

// Texts returns the notes' words alone.
func (ns Notes) Texts() []string {
	if ns == nil {
		return nil
	}
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Text
	}
	return out
}

// KPI is a key performance indicator with its current and target values.
// One that names a catalogue entry (`kpi: SLUG`) has Ref set and takes
// from the entry what it does not say itself; package site fills that in.
type KPI struct {
	Name            string
	Ref             string `key:"kpi"` // `kpi`: the slug of a file in content/kpis/, lower case
	Current, Target *float64
	Unit            string
	Better          string // higher or lower: which way is good; "" when a catalogued KPI leaves it to its entry
}

// Key names the KPI in its touchpoint's history and trends: its name as
// written, else (a catalogued KPI that takes its entry's name) the
// catalogue slug.
func (k KPI) Key() string {
	if k.Name != "" {
		return k.Name
	}
	return k.Ref
}

// KPIDef is one file in content/kpis/: a KPI defined once, which
// touchpoints name with `kpi: SLUG`.
type KPIDef struct {
	Meta
	Titles     map[string]string // the title in other interface languages: ru, pl (en)
	Unit       string
	Better     string // higher (the default) or lower
	Owner      string // the team that owns the KPI, as written
	Definition string // what it means, or how it is worked out (`definition` or `formula`)
	Formula    string
	DataSource string // where its values come from
	Target     *float64
}

// TitleIn is the entry's title in lang, else its title.
func (d *KPIDef) TitleIn(lang string) string {
	if t := d.Titles[lang]; t != "" {
		return t
	}
	return d.Title
}

// Competitor is one file in content/competitors/: a company a touchpoint
// is benchmarked against.
type Competitor struct {
	Meta
	Website string
}

// Metrics are the standard CX measures of a touchpoint.
type Metrics struct {
	CSI        *float64 // customer satisfaction, 1 to 5
	NPS        *float64 // net promoter score, -100 to 100
	Conversion *float64 // 0 to 1
	Retention  *float64 // share of customers kept, 0 to 1
	CES        *float64 // customer effort score, 1 (very easy) to 7 (very hard)
	LTV        *float64 // customer lifetime value, in the site's `currency`
}

// Opportunity is a concrete improvement with an owner and a date, and
// what it is worth: how much it helps, what it costs, how sure the team is,
// and the KPI of its touchpoint it is meant to move.
type Opportunity struct {
	Title      string
	Owner      string
	Due        time.Time
	Status     string   // idea, planned, in-progress or done
	Impact     int      // 1 (little) to 5 (a lot); 0 when not given
	Effort     int      // 1 (little) to 5 (a lot); 0 when not given
	Confidence *float64 // 0 to 1: how sure the team is of the impact
	KPI        string   // the name of a KPI of the same touchpoint it should move
	Expected   *float64 // the value that KPI should reach
}

// DefaultConfidence is the confidence an opportunity that states none is
// scored with: a guess, neither sure nor hopeless.
const DefaultConfidence = 0.5

// Score is the opportunity's priority, RICE without reach: impact ×
// confidence ÷ effort (confidence DefaultConfidence when not given), from
// 0.04 to 5; ok is false when impact or effort is not given.
func (o Opportunity) Score() (score float64, ok bool) {
	if o.Impact == 0 || o.Effort == 0 {
		return 0, false
	}
	c := DefaultConfidence
	if o.Confidence != nil {
		c = *o.Confidence
	}
	return math.Round(float64(o.Impact)*c/float64(o.Effort)*100) / 100, true
}

// Quadrant places the opportunity on the impact × effort matrix:
// "quick-win" (impact 3 to 5, effort 1 or 2), "big-bet" (impact 3 to 5,
// effort 3 to 5), "fill-in" (impact 1 or 2, effort 1 or 2) or "money-pit"
// (impact 1 or 2, effort 3 to 5); "" when impact or effort is not given.
func (o Opportunity) Quadrant() string {
	if o.Impact == 0 || o.Effort == 0 {
		return ""
	}
	switch high, hard := o.Impact >= 3, o.Effort >= 3; {
	case high && !hard:
		return "quick-win"
	case high:
		return "big-bet"
	case !hard:
		return "fill-in"
	}
	return "money-pit"
}

// Quadrants are the matrix's quadrants, best first.
var Quadrants = []string{"quick-win", "big-bet", "fill-in", "money-pit"}

// Page is a plain page: any Markdown file outside personas/, teams/ and
// journeys/. Path is its slug path: "glossary" or "guides/setup".
type Page struct {
	Meta
	Path string
}

// Section is the optional _index.md of personas/, teams/ or journeys/,
// giving the list page its title and introduction.
type Section struct {
	Meta
	Name string
}

// Content is everything read from content/.
type Content struct {
	Settings Settings
	Personas []*Persona
	Teams    []*Team
	Journeys []*Journey
	Channels []*Channel
	Pages    []*Page
	Sections map[string]*Section
	// The KPI catalogue and the competitors, in order.
	KPIs        []*KPIDef
	Competitors []*Competitor
}

// The enums of the contract.
var (
	States      = []string{"current", "target"}
	Importances = []string{"low", "medium", "high", "critical"}
	// Sources say what a touchpoint's data rests on, from proven to guessed.
	Sources = []string{"interview", "survey", "analytics", "assumption"}
	// Betters say which way a KPI improves.
	Betters     = []string{"higher", "lower"}
	Engagements = []string{"low", "medium", "high"}
	Statuses    = []string{"idea", "planned", "in-progress", "done"}
	Languages   = []string{"en", "ru", "pl"}
	Lanes       = []string{"stages", "touchpoints", "actions", "questions", "barriers", "emotions", "pains", "gains", "engagement", "influencers", "owners", "kpis", "opportunities", "processes"}
	// Channels are the built-in channels: cjm names them in every
	// interface language and draws their icons.
	Channels = []string{"web", "app", "phone", "email", "chat", "messenger", "social", "store", "courier", "ads", "event", "meeting", "sms", "push", "ivr", "kiosk"}
	// OfflineChannels are the built-in channels met in person, by voice or
	// by hand; the others are online.
	OfflineChannels = []string{"phone", "store", "courier", "event", "meeting", "ivr", "kiosk"}
	ChannelKinds    = []string{"online", "offline"}
	// Icons are the pictograms a channel file may name in `icon`: the
	// built-in channels' and a few more.
	Icons        = append(slices.Clone(Channels), "place", "plane", "letter")
	EmotionRange = [2]int{-2, 2}
	// SectionNames are the folders whose _index.md titles a list page:
	// the Folder of each kind that has one, and journeys (set by init).
	SectionNames []string
)

// NoteList is one of a touchpoint's lists of notes. Its key names it
// everywhere: in the front matter, as a lane of the map, as a column of
// the exports and the spreadsheet, and as the interface word of its title.
type NoteList struct {
	Key string
	// Search is the list's place in a touchpoint's search text, 1 first;
	// 0 for a list the search leaves out.
	Search int
	of     func(*Touchpoint) *Notes
}

// Of returns t's notes in the list.
func (l NoteList) Of(t *Touchpoint) Notes { return *l.of(t) }

// NoteLists are a touchpoint's lists, in the order the contract writes
// them. A new list is a field of Touchpoint and a line here (its key needs
// an entry in the touchpoint schema, a lane and an interface word).
var NoteLists = []NoteList{
	{Key: "actions", Search: 3, of: func(t *Touchpoint) *Notes { return &t.Actions }},
	{Key: "questions", Search: 4, of: func(t *Touchpoint) *Notes { return &t.Questions }},
	{Key: "barriers", Search: 5, of: func(t *Touchpoint) *Notes { return &t.Barriers }},
	{Key: "pains", Search: 1, of: func(t *Touchpoint) *Notes { return &t.Pains }},
	{Key: "gains", Search: 2, of: func(t *Touchpoint) *Notes { return &t.Gains }},
	{Key: "influencers", of: func(t *Touchpoint) *Notes { return &t.Influencers }},
	{Key: "processes", of: func(t *Touchpoint) *Notes { return &t.Processes }},
}

// SearchedLists are the lists the search indexes, in the order of their
// Search places.
func SearchedLists() []NoteList {
	var out []NoteList
	for _, l := range NoteLists {
		if l.Search > 0 {
			out = append(out, l)
		}
	}
	slices.SortFunc(out, func(a, b NoteList) int { return a.Search - b.Search })
	return out
}

// NoteListOf returns the list named key; ok is false when none is.
func NoteListOf(key string) (l NoteList, ok bool) {
	i := slices.IndexFunc(NoteLists, func(l NoteList) bool { return l.Key == key })
	if i < 0 {
		return NoteList{}, false
	}
	return NoteLists[i], true
}

// NoteListKeys are the keys of NoteLists, in order.
func NoteListKeys() []string {
	out := make([]string, len(NoteLists))
	for i, l := range NoteLists {
		out[i] = l.Key
	}
	return out
}

// KeyedNotes are the notes of one of a touchpoint's lists, with its key.
type KeyedNotes struct {
	Key   string
	Notes Notes
}

// Lists returns the touchpoint's lists that hold notes, in the order of
// NoteLists: what its page shows.
func (t *Touchpoint) Lists() []KeyedNotes {
	var out []KeyedNotes
	for _, l := range NoteLists {
		if ns := l.Of(t); len(ns) > 0 {
			out = append(out, KeyedNotes{l.Key, ns})
		}
	}
	return out
}
