// Package history tells what changed in a portal's journeys, commit by
// commit, in the words of the maps rather than of diffs: touchpoints
// added, removed, renamed or moved between stages, emotions changed per
// persona, pains resolved, owners assigned, KPIs moved, opportunities
// opened and done, stages added or reordered. It also keeps, for every
// file and folder of content/, the newest commit that touched it; every
// touchpoint's KPIs and metrics as they were at each commit that changed
// them; and each journey's touchpoints and emotions after each commit,
// for comparing any two points.
//
// It reads a gitlog.Log, whose blobs it decodes with the content loader,
// and the content of the working folder, which stands in for every file
// unchanged since the commit checked out, so that most files are decoded
// once per build, not once more per commit.
package history

import (
	"slices"
	"strings"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/gitlog"
)

// History is what git says of a portal's content.
type History struct {
	// Unavailable says why there is no history (see gitlog); "" when
	// there is one.
	Unavailable string
	Head        string
	Commits     []*gitlog.Commit // in the window, newest first
	Since       time.Time        // the window's oldest date, zero for none
	MaxCommits  int              // the window's length in commits
	Truncated   bool             // older commits were left out

	last     map[string]*gitlog.Commit // file or folder → newest commit touching it
	journeys map[string]*Journey       // by journey folder, as it is now
	series   map[string]*Series        // by touchpoint file, as it is now
	done     map[string]map[string]*gitlog.Commit
}

// Off is a History that says why there is none.
func Off(why string) *History { return &History{Unavailable: why} }

// Available reports whether h holds a history.
func (h *History) Available() bool { return h != nil && h.Unavailable == "" }

// Last returns the newest commit that touched a file or anything in a
// folder (slash paths relative to the site folder: "content/journeys/x"),
// or nil when none did (not committed yet, or no history).
func (h *History) Last(p string) *gitlog.Commit {
	if h == nil {
		return nil
	}
	return h.last[strings.TrimSuffix(p, "/")]
}

// Journey returns the history of the journey in folder dir
// ("content/journeys/order"); nil when no commit in the window touched it.
func (h *History) Journey(dir string) *Journey {
	if h == nil {
		return nil
	}
	return h.journeys[dir]
}

// Series returns the values of a touchpoint's KPIs and metrics over the
// window, by its file now; nil when no commit changed them.
func (h *History) Series(file string) *Series {
	if h == nil {
		return nil
	}
	return h.series[file]
}

// AllSeries returns every touchpoint's series, by file.
func (h *History) AllSeries() []*Series {
	if h == nil {
		return nil
	}
	out := make([]*Series, 0, len(h.series))
	for _, s := range h.series {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b *Series) int { return strings.Compare(a.File, b.File) })
	return out
}

// Done returns the commit that marked a touchpoint's opportunity done,
// by its title; nil when the window does not hold it.
func (h *History) Done(file, title string) *gitlog.Commit {
	if h == nil {
		return nil
	}
	return h.done[file][title]
}

// Journey is one journey's history.
type Journey struct {
	Dir     string
	Entries []*Entry // newest first: each commit that touched the journey
}

// Entry is one commit's changes to a journey.
type Entry struct {
	Commit  *gitlog.Commit
	Changes []Change
	// After is the journey as the commit left it: its stages and
	// touchpoints, with their emotions.
	After *Point
}

// Change is one change in the maps' own words.
type Change struct {
	Kind       Kind
	Touchpoint string // the touchpoint's title, when it is about one
	Stage      string // the stage's title, when it is about one
	Detail     string // a note's text, a KPI's or metric's name, a persona's slug, an opportunity's title
	From, To   string // the values before and after, where there are two
	Unit       string // a KPI's unit
}

// Kind is what sort of change a Change is.
type Kind string

// The kinds of change. Their words are the interface words "h-" + kind.
const (
	TouchpointAdded   Kind = "touchpoint-added"   // Touchpoint added to Stage
	TouchpointRemoved Kind = "touchpoint-removed" // Touchpoint removed from Stage
	TouchpointRenamed Kind = "touchpoint-renamed" // From renamed To
	TouchpointMoved   Kind = "touchpoint-moved"   // Touchpoint moved from stage From to To
	TouchpointEdited  Kind = "touchpoint-edited"  // Touchpoint's text edited
	Emotion           Kind = "emotion"            // Touchpoint: emotion From → To (Detail: a persona, "" for all)
	PainAdded         Kind = "pain-added"
	PainResolved      Kind = "pain-resolved"
	BarrierAdded      Kind = "barrier-added"
	BarrierResolved   Kind = "barrier-resolved"
	GainAdded         Kind = "gain-added"
	GainRemoved       Kind = "gain-removed"
	OwnerAssigned     Kind = "owner-assigned" // To
	OwnerChanged      Kind = "owner-changed"  // From → To
	OwnerRemoved      Kind = "owner-removed"  // From
	KPIChanged        Kind = "kpi"            // Detail: From → To Unit
	KPIAdded          Kind = "kpi-added"      // Detail, To
	MetricChanged     Kind = "metric"         // Detail (csi, nps, conversion): From → To
	OpportunityOpened Kind = "opportunity-opened"
	OpportunityStatus Kind = "opportunity-status" // Detail: From → To
	OpportunityDone   Kind = "opportunity-done"
	StageAdded        Kind = "stage-added"
	StageRemoved      Kind = "stage-removed"
	StageRenamed      Kind = "stage-renamed" // From → To
	StagesReordered   Kind = "stages-reordered"
	JourneyAdded      Kind = "journey-added"
	JourneyEdited     Kind = "journey-edited"
	JourneyRenamed    Kind = "journey-renamed" // From → To
)

// Point is a journey as one commit left it.
type Point struct {
	Personas []string // the journey's personas, in order
	Stages   []PointStage
}

// PointStage is a stage of a Point.
type PointStage struct {
	Slug, Title string
	Touchpoints []PointTouchpoint
}

// PointTouchpoint is a touchpoint of a Point.
type PointTouchpoint struct {
	Slug, Title string
	Feelings    []Feeling // each persona's, in the journey's order; none when no emotion
}

// Feeling is how one persona feels at a touchpoint.
type Feeling struct {
	Persona string
	Value   int
}

// Series is one touchpoint's KPIs and metrics over time.
type Series struct {
	File    string // the touchpoint's file now
	Journey string // its journey's folder now
	Slug    string
	Values  []Value // oldest first
}

// Value is one KPI's current value, or one metric, as a commit set it.
type Value struct {
	Commit *gitlog.Commit
	Metric string // "csi", "nps", "conversion", or "kpi:" and the KPI's name
	Value  float64
}

// Of returns the values of one metric ("csi", "kpi:NAME"), oldest first.
func (s *Series) Of(metric string) []Value {
	if s == nil {
		return nil
	}
	var out []Value
	for _, v := range s.Values {
		if v.Metric == metric {
			out = append(out, v)
		}
	}
	return out
}

// At returns the value a metric had right after commit c: the last value
// set at or before c's date; false when none was.
func (s *Series) At(metric string, c *gitlog.Commit) (float64, bool) {
	var v float64
	ok := false
	for _, x := range s.Of(metric) {
		if x.Commit.Date.After(c.Date) {
			break
		}
		v, ok = x.Value, true
	}
	return v, ok
}

// Before returns the value a metric had just before commit c: the last
// value set by an earlier commit; false when none was.
func (s *Series) Before(metric string, c *gitlog.Commit) (float64, bool) {
	var v float64
	ok := false
	for _, x := range s.Of(metric) {
		if x.Commit == c || x.Commit.Date.After(c.Date) {
			break
		}
		v, ok = x.Value, true
	}
	return v, ok
}

// journeyDir is the folder of the journey a content path is in, or "".
func journeyDir(p string) string {
	const prefix = content.Dir + "/journeys/"
	if !strings.HasPrefix(p, prefix) {
		return ""
	}
	i := strings.IndexByte(p[len(prefix):], '/')
	if i <= 0 {
		return ""
	}
	return p[:len(prefix)+i]
}

// read reports whether the loader reads a file: Markdown, not hidden, not
// a draft kept aside (see package content).
func read(p string) bool {
	if !strings.HasSuffix(p, ".md") {
		return false
	}
	for _, part := range strings.Split(p, "/") {
		if strings.HasPrefix(part, ".") || strings.HasPrefix(part, "_") && part != "_index.md" {
			return false
		}
	}
	return true
}
