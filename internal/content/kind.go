package content

import (
	"fmt"
	"slices"
	"strings"
)

// Kind is a kind of content file: what its place in content/ makes it.
// The names are the schemas' (site.schema.json, touchpoint.schema.json).
type Kind string

// The kinds, in the order of the contract.
const (
	KindSite       Kind = "site" // content/_index.md: the settings
	KindSection    Kind = "section"
	KindPersona    Kind = "persona"
	KindTeam       Kind = "team"
	KindChannel    Kind = "channel"
	KindKPI        Kind = "kpi"
	KindCompetitor Kind = "competitor"
	KindJourney    Kind = "journey"
	KindStage      Kind = "stage"
	KindTouchpoint Kind = "touchpoint"
	KindPage       Kind = "page"
)

func (k Kind) String() string { return string(k) }

// Item is one content file read into Go values: a *Settings, *Section,
// *Persona, *Team, *Channel, *KPIDef, *Competitor, *Journey, *Stage,
// *Touchpoint or *Page. Its slug, title and body are ItemMeta's.
type Item interface {
	ItemKind() Kind
	// ItemMeta is what every item has: slug, title, description, order,
	// body and source.
	ItemMeta() *Meta
	// URLPath is the item's page, relative to the base URL:
	// "personas/olga/", "journeys/order/buy/pay/"; "" for the site
	// settings, and for a stage or touchpoint read alone (see Decode).
	URLPath() string
}

func (*Settings) ItemKind() Kind   { return KindSite }
func (*Section) ItemKind() Kind    { return KindSection }
func (*Persona) ItemKind() Kind    { return KindPersona }
func (*Team) ItemKind() Kind       { return KindTeam }
func (*Channel) ItemKind() Kind    { return KindChannel }
func (*KPIDef) ItemKind() Kind     { return KindKPI }
func (*Competitor) ItemKind() Kind { return KindCompetitor }
func (*Journey) ItemKind() Kind    { return KindJourney }
func (*Stage) ItemKind() Kind      { return KindStage }
func (*Touchpoint) ItemKind() Kind { return KindTouchpoint }
func (*Page) ItemKind() Kind       { return KindPage }

// ItemMeta returns m itself: every item embeds its Meta.
func (m *Meta) ItemMeta() *Meta { return m }

// URLPath is the item's page relative to the base URL (see Item).
func (m *Meta) URLPath() string { return m.url }

// KindInfo describes one kind of content file: where its files are, how
// they are read and where their pages go. Kinds lists them all; adding a
// kind is adding a line there (and its type, decoder and schema file).
type KindInfo struct {
	Kind Kind
	// Folder is the folder of content/ that holds the kind's files, for a
	// kind whose files go directly in one: "personas". Its _index.md is a
	// section, and a file in a subfolder is an error naming Noun.
	Folder string
	Noun   string // how messages name one file of the kind: "KPI"
	// at reports whether a file at parts (its path under content/, split
	// at "/") is of this kind. Kinds are tried in order: the first wins.
	at func(parts []string) bool
	// slugFrom is the part of the path whose name gives the slug when the
	// front matter sets none: -1 for the file's own name.
	slugFrom int
	// NeedsTitle says a file of the kind must have a `title`.
	NeedsTitle bool
	// decode reads the keys only the kind has, once the common ones are
	// read into d.meta.
	decode func(d *decoder) Item
	// path is the URL path of a decoded item of the kind at parts; nil
	// when it has none, or when only its parent knows it: a stage's is its
	// journey's and its slug (see assemble).
	path func(it Item, parts []string) string
	// clone copies an item of the kind for the cache, with the lists
	// that loading fills (a journey's stages, a stage's touchpoints) empty.
	clone func(Item) Item
}

// Kinds are the kinds of content files, in the order of the contract.
// They are set by init: some look at the others to find their place.
var Kinds []KindInfo

func init() {
	Kinds = kinds()
	for _, k := range Kinds {
		if k.Folder != "" {
			SectionNames = append(SectionNames, k.Folder)
		}
	}
	SectionNames = append(SectionNames, JourneysFolder)
}

func kinds() []KindInfo {
	return []KindInfo{
		{Kind: KindSite, at: func(p []string) bool { return len(p) == 1 && p[0] == "_index.md" },
			slugFrom: -1, decode: decodeSettings, clone: cloneOf[Settings]},
		{Kind: KindSection, at: func(p []string) bool {
			return len(p) == 2 && p[1] == "_index.md" && slices.Contains(SectionNames, p[0])
		},
			slugFrom: 0, decode: decodeSection, path: func(_ Item, p []string) string { return p[0] + "/" }, clone: cloneOf[Section]},
		folderKind(KindPersona, "personas", "persona", decodePersona, cloneOf[Persona]),
		folderKind(KindTeam, "teams", "team", decodeTeam, cloneOf[Team]),
		folderKind(KindChannel, "channels", "channel", decodeChannel, cloneOf[Channel]),
		folderKind(KindKPI, "kpis", "KPI", decodeKPIDef, cloneOf[KPIDef]),
		folderKind(KindCompetitor, "competitors", "competitor", decodeCompetitor, cloneOf[Competitor]),
		{Kind: KindJourney, at: func(p []string) bool { return len(p) == 3 && p[0] == JourneysFolder && p[2] == "_index.md" },
			slugFrom: 1, NeedsTitle: true, decode: decodeJourney, path: folderPath(JourneysFolder), clone: func(it Item) Item {
				cp := *it.(*Journey)
				cp.Stages = nil
				return &cp
			}},
		{Kind: KindStage, at: func(p []string) bool { return len(p) == 4 && p[0] == JourneysFolder && p[3] == "_index.md" },
			slugFrom: 2, NeedsTitle: true, decode: decodeStage, clone: func(it Item) Item {
				cp := *it.(*Stage)
				cp.Touchpoints = nil
				return &cp
			}},
		{Kind: KindTouchpoint, at: func(p []string) bool { return len(p) == 4 && p[0] == JourneysFolder },
			slugFrom: -1, NeedsTitle: true, decode: decodeTouchpoint, clone: cloneOf[Touchpoint]},
		{Kind: KindPage, at: func(p []string) bool { return !slices.Contains(SectionNames, p[0]) }, // outside the sections' folders
			slugFrom: -1, NeedsTitle: true, decode: decodePage, path: pagePath, clone: cloneOf[Page]},
	}
}

// JourneysFolder is the folder of content/ that holds the journeys, one
// folder each, with a folder for each stage.
const JourneysFolder = "journeys"

// InfoOf returns the description of kind k; ok is false for a word that
// is no kind.
func InfoOf(k Kind) (KindInfo, bool) {
	i := slices.IndexFunc(Kinds, func(info KindInfo) bool { return info.Kind == k })
	if i < 0 {
		return KindInfo{}, false
	}
	return Kinds[i], true
}

// folderKind is a kind whose files go directly in folder, each titled,
// named by its file and with its page at folder/SLUG/.
func folderKind(k Kind, folder, noun string, decode func(*decoder) Item, clone func(Item) Item) KindInfo {
	return KindInfo{Kind: k, Folder: folder, Noun: noun, at: func(p []string) bool { return len(p) == 2 && p[0] == folder },
		slugFrom: -1, NeedsTitle: true, decode: decode, path: folderPath(folder), clone: clone}
}

// folderPath is the URL path of an item named by its slug in folder
// dir: "personas/olga/"; "" when the slug is wrong.
func folderPath(dir string) func(Item, []string) string {
	return func(it Item, _ []string) string { return childPath(dir+"/", it) }
}

// childPath is the URL path of it under parent's: parent, its slug and
// a slash; "" when either is unknown.
func childPath(parent string, it Item) string {
	slug := it.ItemMeta().Slug
	if parent == "" || slug == "" {
		return ""
	}
	return parent + slug + "/"
}

func pagePath(it Item, _ []string) string {
	if p := it.(*Page); p.Path != "" {
		return p.Path + "/"
	}
	return ""
}

func cloneOf[T any, P interface {
	*T
	Item
}](it Item) Item {
	cp := *it.(P)
	return P(&cp)
}

// KindOf tells the kind of a content file from its slash path relative
// to content/ ("journeys/order/01-buy/pay.md" → touchpoint), as the loader
// reads it. ok is false for the files the loader does not read as
// content: files that are not Markdown, hidden files and drafts (a name
// starting with "." or "_", other than _index.md, in the path), and
// Markdown files in a place that is an error (a persona in a subfolder, a
// touchpoint outside a stage).
func KindOf(rel string) (Kind, bool) {
	parts := strings.Split(rel, "/")
	if !strings.HasSuffix(parts[len(parts)-1], ".md") {
		return "", false
	}
	for _, p := range parts {
		if p == "" || skipped(p) {
			return "", false
		}
	}
	info, bad := kindAt(parts)
	if bad != nil {
		return "", false
	}
	return info.Kind, true
}

// misplaced is a Markdown file where no kind of file goes.
type misplaced struct{ hint, msg string }

// kindAt is the kind of the file at parts, its path under content/ split
// at "/", or why a file cannot be there.
func kindAt(parts []string) (*KindInfo, *misplaced) {
	name := parts[len(parts)-1]
	for i := range Kinds {
		if Kinds[i].at(parts) {
			return &Kinds[i], nil
		}
		// The places next to a kind's where its files are misplaced.
		switch k := &Kinds[i]; {
		case k.Folder != "" && parts[0] == k.Folder:
			return nil, &misplaced{fmt.Sprintf("move it to content/%s/%s", parts[0], name),
				fmt.Sprintf("%s files go directly in content/%s/, not in a subfolder", k.Noun, parts[0])}
		case k.Kind == KindJourney && parts[0] == JourneysFolder && len(parts) == 2:
			return nil, &misplaced{"a journey is a folder: move this file to content/journeys/" + strings.TrimSuffix(name, ".md") + "/_index.md",
				"journey file outside a journey folder"}
		case k.Kind == KindTouchpoint && parts[0] == JourneysFolder && len(parts) == 3:
			return nil, &misplaced{"move it into a stage folder, e.g. content/journeys/" + parts[1] + "/01-awareness/" + name,
				"touchpoint outside a stage"}
		case k.Kind == KindTouchpoint && parts[0] == JourneysFolder && len(parts) > 4:
			return nil, &misplaced{"put touchpoints directly in the stage folder; use `parent` for levels of detail",
				"folder nested too deep inside a stage"}
		}
	}
	return nil, &misplaced{msg: "no kind of file goes here"} // the page kind takes every other place
}
