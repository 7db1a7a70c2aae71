package render

import (
	"encoding/json"
	"html/template"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/gitlog"
	"github.com/cjm-portal/cjm/internal/history"
	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/swimlane"
	"github.com/cjm-portal/cjm/internal/words"
)

// WithHistory gives the renderer the site's history (package history),
// which the history pages, the KPI trends and /data/history.csv show.
func (r *Renderer) WithHistory(h *history.History) *Renderer {
	r.hist = h
	return r
}

// Updated is when a page's item was last changed: the newest commit that
// touched its files, or, where git cannot say, its `updated` date.
type Updated struct {
	Date   time.Time
	Author string
	Commit string // the commit's hash; "" when not from git
	Note   string // why the date is not from git, in the page's language
}

// HistoryEntry is one commit on a journey's history page.
type HistoryEntry struct {
	Hash, Short     string
	Date            time.Time
	Author, Subject string
	Body            string // the message after its first line
	Changes         []string
}

// HistoryPoint is a commit a reader can pick to compare.
type HistoryPoint struct {
	Short, Label string
	Legend       string // shorter: the date and the author, for the chart's legend
}

// JourneyHistory is what a journey's history page shows.
type JourneyHistory struct {
	Unavailable string // why there is no history; "" when there is
	Window      string // the window, in words
	Truncated   bool
	Entries     []HistoryEntry // newest first
	Points      []HistoryPoint // newest first
	From, To    int            // the points compared when the page opens: the oldest and the newest
	CurvesSVG   template.HTML
	Differences []string
	Data        string // the points' curves and touchpoints, as JSON, for js/history.js
}

// clean drops control characters but line breaks from a commit's text:
// a message may hold terminal escapes, which a page has no use for.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return -1
		}
		return r
	}, s)
}

// ChangeText says a change in the interface's words; persona names a
// persona by slug.
func ChangeText(lang string, c history.Change, persona func(string) string) string {
	key := "h-" + string(c.Kind)
	detail := c.Detail
	switch c.Kind {
	case history.Emotion:
		if detail != "" {
			key, detail = "h-emotion-persona", persona(detail)
		}
	case history.MetricChanged:
		detail = words.Word(lang, detail)
	case history.OpportunityOpened, history.OpportunityStatus:
		c.From, c.To = statusWord(lang, c.From), statusWord(lang, c.To)
	}
	or := func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	}
	from, to := or(c.From), or(c.To)
	if c.Kind == history.Emotion {
		from, to = signedText(c.From), signedText(c.To)
	}
	text := strings.NewReplacer("{t}", c.Touchpoint, "{s}", c.Stage, "{d}", detail, "{from}", from, "{to}", to, "{u}", c.Unit).Replace(words.Word(lang, key))
	return strings.TrimSpace(text)
}

func statusWord(lang, s string) string {
	if s == "" {
		return ""
	}
	return words.Word(lang, s)
}

// signedText writes an emotion with its sign: "+1", "-2", "—" for none.
func signedText(s string) string {
	if s == "" {
		return "—"
	}
	if n, err := strconv.Atoi(s); err == nil {
		return signed(n)
	}
	return s
}

// personaNamer names personas by slug, as the pages do.
func personaNamer(s *site.Site) func(string) string {
	return func(slug string) string {
		for _, p := range s.Personas {
			if p.Slug == slug {
				return p.Name()
			}
		}
		return slug
	}
}

// journeyHistory makes a journey's history page.
func (r *Renderer) journeyHistory(j *site.Journey) *JourneyHistory {
	h, lang := r.hist, r.site.Lang(j)
	out := &JourneyHistory{}
	if !h.Available() {
		out.Unavailable = historyOff(h)
		return out
	}
	out.Window = strings.NewReplacer("{n}", strconv.Itoa(h.MaxCommits), "{date}", words.Date(lang, h.Since)).Replace(words.Word(lang, "history-window"))
	out.Truncated = h.Truncated
	jh := h.Journey(path.Dir(j.File))
	if jh == nil {
		return out
	}
	name := personaNamer(r.site)
	var snaps []swimlane.Snapshot
	var points []*history.Point
	for _, e := range jh.Entries {
		c := e.Commit
		subject, body, _ := strings.Cut(strings.TrimSpace(c.Message), "\n")
		he := HistoryEntry{Hash: c.Hash, Short: c.Short(), Date: c.Date, Author: clean(c.Author), Subject: clean(strings.TrimSpace(subject)), Body: clean(strings.TrimSpace(body))}
		for _, ch := range e.Changes {
			he.Changes = append(he.Changes, clean(ChangeText(lang, ch, name)))
		}
		out.Entries = append(out.Entries, he)
		if e.After != nil {
			label := words.Date(lang, c.Date) + " · " + clean(c.Author) + " · " + he.Subject
			legend := words.Date(lang, c.Date) + " · " + clean(c.Author)
			out.Points = append(out.Points, HistoryPoint{Short: c.Short(), Label: label, Legend: legend})
			snaps = append(snaps, snapshotOf(e.After))
			points = append(points, e.After)
		}
	}
	if len(points) == 0 {
		return out
	}
	out.From, out.To = len(points)-1, 0
	svg, curves := swimlane.HistoryCurves(snaps, out.From, out.To, out.Points[out.From].Legend, out.Points[out.To].Legend,
		swimlane.Options{Lang: lang, Link: r.site.Base.Link, ID: "history-curves"})
	out.CurvesSVG = template.HTML(svg) // escaped by swimlane
	for _, c := range history.Compare(points[out.From], points[out.To]) {
		out.Differences = append(out.Differences, clean(ChangeText(lang, c, name)))
	}
	out.Data = historyData(points, curves, out.Points, lang, name)
	return out
}

// historyOff says why there is no history.
func historyOff(h *history.History) string {
	if h == nil {
		return "history is off"
	}
	return h.Unavailable
}

func snapshotOf(p *history.Point) swimlane.Snapshot {
	var sn swimlane.Snapshot
	for _, st := range p.Stages {
		ss := swimlane.SnapshotStage{Slug: st.Slug, Title: st.Title}
		for _, tp := range st.Touchpoints {
			ss.Titles = append(ss.Titles, tp.Title)
			if len(tp.Feelings) == 0 {
				ss.Values = append(ss.Values, nil)
				continue
			}
			sum := 0
			for _, f := range tp.Feelings {
				sum += f.Value
			}
			v := float64(sum) / float64(len(tp.Feelings))
			ss.Values = append(ss.Values, &v)
		}
		sn.Stages = append(sn.Stages, ss)
	}
	return sn
}

// historyData is what js/history.js needs to compare any two points: each
// point's curve and label, and its touchpoints as [slug, title, stage,
// feelings], feelings as [[persona's name, value], ...]; and the words of
// the differences.
func historyData(points []*history.Point, curves []int, labels []HistoryPoint, lang string, name func(string) string) string {
	type pt struct {
		Curve  int     `json:"curve"`
		Label  string  `json:"label"`
		Legend string  `json:"legend"`
		TPs    [][]any `json:"tps"`
	}
	data := struct {
		Points []pt              `json:"points"`
		Words  map[string]string `json:"words"`
	}{Words: map[string]string{}}
	for i, p := range points {
		x := pt{Curve: curves[i], Label: labels[i].Label, Legend: labels[i].Legend}
		for _, st := range p.Stages {
			for _, tp := range st.Touchpoints {
				fs := make([][]any, len(tp.Feelings))
				for k, f := range tp.Feelings {
					fs[k] = []any{name(f.Persona), f.Value}
				}
				x.TPs = append(x.TPs, []any{tp.Slug, clean(tp.Title), clean(st.Title), fs})
			}
		}
		data.Points = append(data.Points, x)
	}
	for _, k := range []history.Kind{history.TouchpointAdded, history.TouchpointRemoved, history.TouchpointRenamed, history.TouchpointMoved, history.Emotion} {
		data.Words[string(k)] = words.Word(lang, "h-"+string(k))
	}
	data.Words["emotion-persona"] = words.Word(lang, "h-emotion-persona")
	data.Words["none"] = words.Word(lang, "no-differences")
	b, _ := json.Marshal(data) // plain values: cannot fail
	return string(b)
}

// HistoryFuncs are the template functions of the history: updated, asOf,
// trend and movedSince (see the list of functions in docs/themes.md), saying their
// words in lang.
func HistoryFuncs(lang string, h *history.History, now time.Time) template.FuncMap {
	return template.FuncMap{
		// updated says when a page's item was last changed, and by whom.
		"updated": func(p *Page) *Updated { return updatedOf(p, h, lang) },
		// asOf is the date the portal was built on, which overdue and stale count from.
		"asOf": func() time.Time { return now },
		// historyWord fills an interface word's {placeholders}:
		// {{historyWord "as-of" "date" (date asOf)}}.
		"historyWord": func(key string, kv ...string) string {
			w := words.Word(lang, key)
			for i := 0; i+1 < len(kv); i += 2 {
				w = strings.ReplaceAll(w, "{"+kv[i]+"}", kv[i+1])
			}
			return w
		},
		// trend draws a touchpoint's KPI ("kpi:NAME") or metric ("csi") over time.
		"trend": func(tp *site.Touchpoint, metric string) template.HTML {
			vals := h.Series(tp.File).Of(metric)
			if len(vals) < 2 {
				return ""
			}
			vs := make([]float64, len(vals))
			parts := make([]string, len(vals))
			nums := make([]string, len(vals))
			for i, v := range vals {
				vs[i] = v.Value
				nums[i] = FormatNumber(v.Value)
				parts[i] = words.Date(lang, v.Commit.Date) + ": " + nums[i]
			}
			svg := swimlane.Trend(vs, words.Word(lang, "over-time")+" — "+strings.Join(parts, "; ")) // escaped by swimlane
			return template.HTML(string(svg) + `<span class="trend-values" aria-hidden="true">` + template.HTMLEscapeString(strings.Join(nums, " → ")) + `</span>`)
		},
		// movedSince says how a touchpoint's KPIs moved since an
		// opportunity of it was marked done.
		"movedSince": func(o *site.Opportunity) *Moved { return movedSince(o, h, lang) },
	}
}

// Moved is how a touchpoint's KPIs moved since one of its opportunities
// was done: from their values just before the commit that said so to
// their values now.
type Moved struct {
	Since time.Time
	KPIs  []FieldChange
}

func movedSince(o *site.Opportunity, h *history.History, lang string) *Moved {
	if o.Status != "done" || o.Touchpoint == nil {
		return nil
	}
	tp := o.Touchpoint
	c := h.Done(tp.File, o.Title)
	if c == nil {
		return nil
	}
	s := h.Series(tp.File)
	m := &Moved{Since: c.Date}
	for _, k := range tp.KPIs {
		if k.Current == nil {
			continue
		}
		was, ok := s.Before("kpi:"+k.Key(), c)
		if !ok {
			continue
		}
		m.KPIs = append(m.KPIs, FieldChange{Name: k.Name, From: swimlane.KPIValue(&was, k.Unit), To: swimlane.KPIValue(k.Current, k.Unit)})
	}
	if len(m.KPIs) == 0 {
		return nil
	}
	return m
}

// updatedOf finds the files a page shows and their newest commit.
func updatedOf(p *Page, h *history.History, lang string) *Updated {
	var paths []string
	var fallback time.Time
	switch {
	case p.Touchpoint != nil:
		paths, fallback = []string{p.Touchpoint.File}, p.Touchpoint.Journey.Updated
	case p.Stage != nil:
		paths, fallback = []string{path.Dir(p.Stage.File)}, p.Stage.Journey.Updated
	case p.Journey != nil:
		paths, fallback = []string{path.Dir(p.Journey.File)}, p.Journey.Updated
		if p.Kind == "compare" && p.Journey.Target != nil {
			paths = append(paths, path.Dir(p.Journey.Target.File))
		}
	case p.Persona != nil:
		paths = []string{p.Persona.File}
	case p.Team != nil && !p.Team.Generated:
		paths = []string{p.Team.File}
	case p.Team != nil:
		for _, tp := range p.Team.Touchpoints {
			paths = append(paths, tp.File)
		}
	case p.Channel != nil:
		for _, tp := range p.Channel.Touchpoints {
			paths = append(paths, tp.File)
		}
	case p.Page != nil:
		paths = []string{p.Page.File}
	default: // home, the lists and the boards sum up the whole portal
		paths = []string{content.Dir}
	}
	var newest *gitlog.Commit
	for _, f := range paths {
		if c := h.Last(f); c != nil && (newest == nil || c.Date.After(newest.Date)) {
			newest = c
		}
	}
	if newest != nil {
		return &Updated{Date: newest.Date, Author: clean(newest.Author), Commit: newest.Hash}
	}
	u := &Updated{Date: fallback}
	if h.Available() {
		u.Note = words.Word(lang, "not-committed")
	} else {
		u.Note = strings.ReplaceAll(words.Word(lang, "no-git-history"), "{why}", historyOff(h))
	}
	return u
}

// trendOf is the KPI lane's trend: a KPI's current values over time.
func (r *Renderer) trendOf(tp *site.Touchpoint, kpi string) []float64 {
	vals := r.hist.Series(tp.File).Of("kpi:" + kpi)
	if len(vals) < 2 {
		return nil
	}
	out := make([]float64, len(vals))
	for i, v := range vals {
		out[i] = v.Value
	}
	return out
}
