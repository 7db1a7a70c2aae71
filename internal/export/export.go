// Package export writes the resolved portal as data files for BI tools and
// spreadsheets, beside the HTML pages:
//
//	data/cjm.json           the whole resolved model: site, personas, teams,
//	                        channels, journeys with their stages, touchpoints
//	data/cjm.schema.json    the JSON Schema (draft 2020-12) of cjm.json
//	data/touchpoints.csv    one row per touchpoint
//	data/opportunities.csv  one row per opportunity
//	data/kpis.csv           one row per KPI
//
// In cjm.json items name each other by slug (personas, teams, channels,
// journeys, stages) or by ref, journey-slug/touchpoint-slug (touchpoints),
// never by nesting, except that a journey holds its stages. Every key is
// always written, null when there is no value, so that a BI tool sees the
// same shape whatever the content.
//
// The "version" key of cjm.json is 4, and version 4's shape is exactly what
// cjm.schema.json describes: every object closed (additionalProperties
// false), every key required. Adding, removing, renaming or retyping a key
// changes the shape: change cjm.schema.json with it (the tests fail until
// the two agree) and bump Version. Even an added key is a change, since the
// old schema rejects it.
//
// The CSV files are written for spreadsheet programs: UTF-8 with a byte
// order mark (Excel needs it to read UTF-8), CRLF line ends, a header row of
// snake_case column names (opportunities.csv names its columns as issue
// trackers name their fields, so that they import it as it is), lists joined with "; ", numbers as plain
// decimals with a dot (-1.5), an empty cell for an unknown value, and a
// leading apostrophe on a cell that a spreadsheet would run as a formula.
package export

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"maps"
	"strconv"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/par"
	"github.com/cjm-portal/cjm/internal/rollup"
	"github.com/cjm-portal/cjm/internal/site"
)

// Version is the version of cjm.json's shape, written as its "version" key.
// Version 3 added each touchpoint's "emotions", how every persona feels;
// version 4 each channel's names, kind and icon, each journey's own
// language and what a to-be journey keeps, each touchpoint what it
// replaces and what replaces it, each opportunity's "impact", "effort",
// "confidence", "kpi", "expected", "score" and "quadrant", the KPI
// catalogue ("kpis", and "kpi" on a touchpoint's KPI), competitors and
// benchmarks, retention, CES and LTV, and the currency.
const Version = 4

// The output paths of the data files, relative to the site's root.
const (
	JSONPath          = "data/cjm.json"
	SchemaPath        = "data/cjm.schema.json"
	TouchpointsPath   = "data/touchpoints.csv"
	OpportunitiesPath = "data/opportunities.csv"
	KPIsPath          = "data/kpis.csv"
)

// schemaName is how cjm.json names its schema: the file beside it.
const schemaName = "cjm.schema.json"

//go:embed cjm.schema.json
var schema []byte

// Schema returns the JSON Schema of cjm.json.
func Schema() []byte { return bytes.Clone(schema) }

// Files returns the data files of site s, keyed by output path (see the
// package comment). today is the build date: an opportunity is overdue when
// its due date is before today and it is not done. The output depends only
// on s and today's date: the same site gives the same bytes.
func Files(s *site.Site, today time.Time) map[string][]byte { return FilesCached(s, today, nil) }

// FilesCached is Files that reuses, through c, what it encoded for each
// touchpoint in earlier builds of the same site: a rebuild after one edit
// encodes a few touchpoints, not thousands. A nil c encodes everything.
func FilesCached(s *site.Site, today time.Time, c *Cache) map[string][]byte {
	out := map[string][]byte{}
	_ = EachFile(s, today, c, func(name string, data []byte) error {
		out[name] = data
		return nil
	})
	return out
}

// EachFile makes what FilesCached makes, handing emit one file at a time
// (cjm.json first) and letting each file's parts go once it is joined: a
// portal of tens of thousands of touchpoints has hundreds of MB of exports,
// and a build that writes each file as it comes holds one at a time. The
// first error of emit stops it, and is returned.
func EachFile(s *site.Site, today time.Time, c *Cache, emit func(name string, data []byte) error) error {
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	abs := absFunc(s)
	n := len(s.Touchpoints)
	// What each file holds of touchpoint i.
	object := func(i int) []byte { return encodeTouchpoint(touchpointOf(s.Touchpoints[i], today, abs)) }
	tpRow := func(i int) []byte { return encodeRows([][]string{touchpointRow(s, s.Touchpoints[i], today)}) }
	oppRows := func(i int) []byte { return encodeRows(opportunityRows(s, s.Touchpoints[i], today)) }
	kpiRow := func(i int) []byte { return encodeRows(kpiRows(s.Touchpoints[i])) }
	if c != nil {
		// The entries, each touchpoint's parts of every file, from the
		// cache or made, and a file's worth to a slice.
		entries := make([]entry, n)
		keys := make([]uint64, n)
		par.For(n, func(i int) {
			keys[i] = touchpointKey(s, s.Touchpoints[i], today)
			if e, ok := c.get(keys[i]); ok {
				entries[i] = e
				return
			}
			entries[i] = entry{json: object(i), touchpoint: tpRow(i), opportunities: oppRows(i), kpis: kpiRow(i)}
		})
		c.keep(keys, entries)
		fields := func(field func(e entry) []byte) func(int) []byte {
			return func(i int) []byte { return field(entries[i]) }
		}
		object = fields(func(e entry) []byte { return e.json })
		tpRow = fields(func(e entry) []byte { return e.touchpoint })
		oppRows = fields(func(e entry) []byte { return e.opportunities })
		kpiRow = fields(func(e entry) []byte { return e.kpis })
	}
	// One file at a time, its parts made as it is joined (see
	// appendParts): with no cache, a file is never held in parts too.
	// The first file the build cannot take ends it.
	if err := emit(JSONPath, spliceJSON(head(s, today), n, object)); err != nil {
		return err
	}
	if err := emit(SchemaPath, Schema()); err != nil {
		return err
	}
	if err := emit(TouchpointsPath, joinCSV(touchpointColumns, n, tpRow)); err != nil {
		return err
	}
	if err := emit(OpportunitiesPath, joinCSV(opportunityColumns, n, oppRows)); err != nil {
		return err
	}
	return emit(KPIsPath, joinCSV(kpiColumns, n, kpiRow))
}

// The shape of cjm.json. Keys are written in the order of the fields; keep
// them, their JSON names and types in step with cjm.schema.json. No field
// has omitempty: an absent value is null, an empty list [].

type document struct {
	Version     int          `json:"version"`
	Schema      string       `json:"schema"`
	Site        siteInfo     `json:"site"`
	Personas    []persona    `json:"personas"`
	Teams       []team       `json:"teams"`
	Channels    []channel    `json:"channels"`
	Journeys    []journey    `json:"journeys"`
	KPIs        []kpiDef     `json:"kpis"`
	Competitors []competitor `json:"competitors"`
	Touchpoints []touchpoint `json:"touchpoints"`
}

type kpiDef struct {
	Slug        string            `json:"slug"`
	Title       string            `json:"title"`
	Titles      map[string]string `json:"titles"`
	Description string            `json:"description"`
	URL         string            `json:"url"`
	AbsoluteURL *string           `json:"absoluteURL"`
	Unit        string            `json:"unit"`
	Better      string            `json:"better"`
	Owner       *string           `json:"owner"`
	Definition  string            `json:"definition"`
	Formula     string            `json:"formula"`
	DataSource  string            `json:"dataSource"`
	Target      *float64          `json:"target"`
	Touchpoints []string          `json:"touchpoints"`
}

type competitor struct {
	Slug        string   `json:"slug"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	URL         string   `json:"url"`
	AbsoluteURL *string  `json:"absoluteURL"`
	Website     string   `json:"website"`
	Generated   bool     `json:"generated"`
	Touchpoints []string `json:"touchpoints"`
}

type benchmark struct {
	Name       string   `json:"name"`
	Competitor *string  `json:"competitor"`
	CSI        *float64 `json:"csi"`
	NPS        *float64 `json:"nps"`
	Note       string   `json:"note"`
	Source     string   `json:"source"`
}

type siteInfo struct {
	Title       string  `json:"title"`
	Description string  `json:"description"`
	Language    string  `json:"language"`
	BaseURL     string  `json:"baseURL"`
	BuildDate   string  `json:"buildDate"`
	Currency    *string `json:"currency"`
}

type persona struct {
	Slug        string   `json:"slug"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	URL         string   `json:"url"`
	AbsoluteURL *string  `json:"absoluteURL"`
	Role        string   `json:"role"`
	Segment     string   `json:"segment"`
	Quote       string   `json:"quote"`
	Avatar      string   `json:"avatar"`
	Goals       []string `json:"goals"`
	Needs       []string `json:"needs"`
	Pains       []string `json:"pains"`
	Channels    []string `json:"channels"`
	Journeys    []string `json:"journeys"`
}

type team struct {
	Slug        string   `json:"slug"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	URL         string   `json:"url"`
	AbsoluteURL *string  `json:"absoluteURL"`
	Lead        string   `json:"lead"`
	Contact     string   `json:"contact"`
	Generated   bool     `json:"generated"`
	Journeys    []string `json:"journeys"`
	Touchpoints []string `json:"touchpoints"`
}

type channel struct {
	Slug        string            `json:"slug"`
	Title       string            `json:"title"`
	Titles      map[string]string `json:"titles"`
	Description string            `json:"description"`
	Kind        *string           `json:"kind"`
	Icon        *string           `json:"icon"`
	Defined     bool              `json:"defined"`
	URL         string            `json:"url"`
	AbsoluteURL *string           `json:"absoluteURL"`
	Personas    []string          `json:"personas"`
	Touchpoints []string          `json:"touchpoints"`
}

type journey struct {
	Slug        string   `json:"slug"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	URL         string   `json:"url"`
	AbsoluteURL *string  `json:"absoluteURL"`
	MapURL      string   `json:"mapURL"`
	CompareURL  *string  `json:"compareURL"`
	State       string   `json:"state"`
	Language    *string  `json:"language"`
	Scenario    string   `json:"scenario"`
	Product     string   `json:"product"`
	Personas    []string `json:"personas"`
	Owner       *string  `json:"owner"`
	Target      *string  `json:"target"`
	Current     []string `json:"current"`
	Keep        []string `json:"keep"`
	KeepTPs     []string `json:"keepTouchpoints"`
	Tags        []string `json:"tags"`
	Lanes       []string `json:"lanes"`
	Updated     *string  `json:"updated"`
	Stages      []stage  `json:"stages"`
}

type stage struct {
	Slug         string   `json:"slug"`
	Title        string   `json:"title"`
	Description  string   `json:"description"`
	URL          string   `json:"url"`
	AbsoluteURL  *string  `json:"absoluteURL"`
	Duration     string   `json:"duration"`
	Goals        []string `json:"goals"`
	Expectations []string `json:"expectations"`
	Conversion   *float64 `json:"conversion"`
	Touchpoints  []string `json:"touchpoints"`
}

// touchpoint is a touchpoint as cjm.json has it: the keys of
// touchpointHead, then one key for each of the touchpoint's lists of notes
// (content.NoteLists, in order), then those of touchpointTail.
type touchpoint struct {
	touchpointHead
	Lists [][]note `json:"-"` // in the order of content.NoteLists
	touchpointTail
}

type touchpointHead struct {
	Ref         string   `json:"ref"`
	Journey     string   `json:"journey"`
	Stage       string   `json:"stage"`
	Slug        string   `json:"slug"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	URL         string   `json:"url"`
	AbsoluteURL *string  `json:"absoluteURL"`
	Channel     *string  `json:"channel"`
	Emotion     *int     `json:"emotion"`
	Emotions    feelings `json:"emotions"`
	Importance  *string  `json:"importance"`
	Engagement  *string  `json:"engagement"`
	Owner       *string  `json:"owner"`
	OwnerNone   bool     `json:"ownerNone"`
	Parent      *string  `json:"parent"`
	Children    []string `json:"children"`
	Related     []string `json:"related"`
	Replaces    []string `json:"replaces"`
	ReplacedBy  []string `json:"replacedBy"`
	Depth       int      `json:"depth"`
}

type touchpointTail struct {
	KPIs          []kpi         `json:"kpis"`
	Metrics       metrics       `json:"metrics"`
	Opportunities []opportunity `json:"opportunities"`
	Source        *string       `json:"source"`
	Competitors   []benchmark   `json:"competitors"`
}

// MarshalJSON writes the head's keys, the lists' and the tail's, in order
// (see writeTouchpoint).
func (tp touchpoint) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	if err := writeTouchpoint(&b, &tp, "", ""); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeTouchpoint writes tp to b as an Encoder with SetIndent(prefix,
// indent) would write a struct of its head's fields, a field for each of
// its lists (content.NoteLists, in order) and its tail's, without the
// final newline. cjm.json's touchpoints are written by it directly, not
// through MarshalJSON, whose output encoding/json reads again.
func writeTouchpoint(b *bytes.Buffer, tp *touchpoint, prefix, indent string) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, indent)
	list := json.NewEncoder(b) // a value inside the object: one level in
	list.SetEscapeHTML(false)
	list.SetIndent(prefix+indent, indent)
	end, nl, colon := "}\n", "", ":"
	if prefix != "" || indent != "" {
		end, nl, colon = "\n"+prefix+"}\n", "\n"+prefix+indent, ": "
	}
	if err := enc.Encode(&tp.touchpointHead); err != nil {
		return err
	}
	b.Truncate(b.Len() - len(end))
	for i, l := range content.NoteLists {
		b.WriteByte(',')
		b.WriteString(nl)
		b.WriteByte('"')
		b.WriteString(l.Key)
		b.WriteByte('"')
		b.WriteString(colon)
		if i >= len(tp.Lists) || len(tp.Lists[i]) == 0 {
			b.WriteString("[]")
			continue
		}
		if err := list.Encode(&tp.Lists[i]); err != nil {
			return err
		}
		b.Truncate(b.Len() - 1) // "\n"
	}
	b.WriteByte(',')
	n := b.Len()
	if err := enc.Encode(&tp.touchpointTail); err != nil {
		return err
	}
	tail := b.Bytes()[n:]
	copy(tail, tail[1:]) // drop the tail's "{"
	b.Truncate(b.Len() - 2)
	return nil
}

// UnmarshalJSON reads what MarshalJSON writes, refusing unknown keys.
func (tp *touchpoint) UnmarshalJSON(data []byte) error {
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(data, &keys); err != nil {
		return err
	}
	tp.Lists = make([][]note, len(content.NoteLists))
	for i, l := range content.NoteLists {
		if raw, ok := keys[l.Key]; ok {
			if err := json.Unmarshal(raw, &tp.Lists[i]); err != nil {
				return fmt.Errorf("%s: %w", l.Key, err)
			}
			delete(keys, l.Key)
		}
	}
	rest, err := json.Marshal(keys)
	if err != nil {
		return err
	}
	type plain touchpoint // without these methods
	dec := json.NewDecoder(bytes.NewReader(rest))
	dec.DisallowUnknownFields()
	return dec.Decode((*plain)(tp))
}

// feelings are how each persona feels at a touchpoint: a JSON object from
// persona slug to value, in the journey's order of personas, {} for none.
// A plain emotion gives every persona of the journey its value.
type feelings []feeling

type feeling struct {
	Persona string
	Value   int
}

func feelingsOf(t *site.Touchpoint) feelings {
	out := make(feelings, len(t.Feelings))
	for i, f := range t.Feelings {
		out[i] = feeling{f.Persona.Slug, f.Value}
	}
	return out
}

// MarshalJSON writes the object in order, which a Go map would not keep.
func (fs feelings) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, f := range fs {
		if i > 0 {
			b = append(b, ',')
		}
		key, err := json.Marshal(f.Persona)
		if err != nil {
			return nil, err
		}
		b = append(append(b, key...), ':')
		b = strconv.AppendInt(b, int64(f.Value), 10)
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads the object back in its order.
func (fs *feelings) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fmt.Errorf("emotions: expected an object")
	}
	*fs = feelings{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		var v int
		if err := dec.Decode(&v); err != nil {
			return err
		}
		*fs = append(*fs, feeling{t.(string), v})
	}
	_, err := dec.Token()
	return err
}

// note is one entry of a touchpoint's list. Source is null when the note
// rests on its touchpoint's source.
type note struct {
	Text   string  `json:"text"`
	Source *string `json:"source"`
}

type kpi struct {
	Name    string   `json:"name"`
	KPI     *string  `json:"kpi"`
	Current *float64 `json:"current"`
	Target  *float64 `json:"target"`
	Unit    string   `json:"unit"`
	Better  string   `json:"better"`
	Met     *bool    `json:"met"`
}

type metrics struct {
	CSI        *float64 `json:"csi"`
	NPS        *float64 `json:"nps"`
	Conversion *float64 `json:"conversion"`
	Retention  *float64 `json:"retention"`
	CES        *float64 `json:"ces"`
	LTV        *float64 `json:"ltv"`
}

type opportunity struct {
	Title      string   `json:"title"`
	Owner      *string  `json:"owner"`
	Due        *string  `json:"due"`
	Status     string   `json:"status"`
	Overdue    bool     `json:"overdue"`
	Impact     *int     `json:"impact"`
	Effort     *int     `json:"effort"`
	Confidence *float64 `json:"confidence"`
	KPI        *string  `json:"kpi"`
	Expected   *float64 `json:"expected"`
	Score      *float64 `json:"score"`
	Quadrant   *string  `json:"quadrant"`
}

// model is the whole document, touchpoints included.
func model(s *site.Site, today time.Time) *document {
	d := head(s, today)
	abs := absFunc(s)
	d.Touchpoints = make([]touchpoint, 0, len(s.Touchpoints))
	for _, t := range s.Touchpoints {
		d.Touchpoints = append(d.Touchpoints, touchpointOf(t, today, abs))
	}
	return d
}

// absFunc makes a page's absolute URL, or nil when the base has no host.
func absFunc(s *site.Site) func(string) *string {
	return func(rel string) *string {
		if s.Base.Root == "" {
			return nil
		}
		return ptr(s.Base.Abs(rel))
	}
}

// head is the document without its touchpoints (Touchpoints is nil).
func head(s *site.Site, today time.Time) *document {
	abs := absFunc(s)
	baseURL := s.Base.Root
	if baseURL == "" {
		baseURL = s.Base.Path
	}
	d := &document{
		Version: Version,
		Schema:  schemaName,
		Site: siteInfo{
			Title:       s.Settings.Title,
			Description: s.Settings.Description,
			Language:    s.Settings.Language,
			BaseURL:     baseURL,
			BuildDate:   today.Format(time.DateOnly),
			Currency:    nonEmpty(s.Settings.Currency),
		},
		Personas:    make([]persona, 0, len(s.Personas)),
		Teams:       make([]team, 0, len(s.Teams)),
		Channels:    make([]channel, 0, len(s.Channels)),
		Journeys:    make([]journey, 0, len(s.Journeys)),
		KPIs:        make([]kpiDef, 0, len(s.KPIs)),
		Competitors: make([]competitor, 0, len(s.Competitors)),
	}
	for _, k := range s.KPIs {
		tps := make([]string, 0, len(k.Uses))
		for _, u := range k.Uses {
			tps = append(tps, u.Touchpoint.Ref)
		}
		titles := map[string]string{}
		for l, t := range k.Titles {
			titles[l] = t
		}
		d.KPIs = append(d.KPIs, kpiDef{
			Slug: k.Slug, Title: k.Title, Titles: titles, Description: k.Description,
			URL: k.URL, AbsoluteURL: abs(k.URL), Unit: k.Unit, Better: k.Better, Owner: teamSlug(k.Owner),
			Definition: k.Definition, Formula: k.Formula, DataSource: k.DataSource, Target: k.KPIDef.Target,
			Touchpoints: tps,
		})
	}
	for _, c := range s.Competitors {
		tps := make([]string, 0, len(c.Benchmarks))
		for _, b := range c.Benchmarks {
			if len(tps) == 0 || tps[len(tps)-1] != b.Touchpoint.Ref {
				tps = append(tps, b.Touchpoint.Ref)
			}
		}
		d.Competitors = append(d.Competitors, competitor{
			Slug: c.Slug, Title: c.Title, Description: c.Description, URL: c.URL, AbsoluteURL: abs(c.URL),
			Website: c.Website, Generated: c.Generated, Touchpoints: tps,
		})
	}
	for _, p := range s.Personas {
		d.Personas = append(d.Personas, persona{
			Slug:        p.Slug,
			Title:       p.Title,
			Description: p.Description,
			URL:         p.URL,
			AbsoluteURL: abs(p.URL),
			Role:        p.Role,
			Segment:     p.Segment,
			Quote:       p.Quote,
			Avatar:      p.Avatar,
			Goals:       list(p.Goals),
			Needs:       list(p.Needs),
			Pains:       list(p.Pains),
			Channels:    channelSlugs(p.Channels),
			Journeys:    journeySlugs(p.Journeys),
		})
	}
	for _, t := range s.Teams {
		d.Teams = append(d.Teams, team{
			Slug:        t.Slug,
			Title:       t.Title,
			Description: t.Description,
			URL:         t.URL,
			AbsoluteURL: abs(t.URL),
			Lead:        t.Lead,
			Contact:     t.Contact,
			Generated:   t.Generated,
			Journeys:    journeySlugs(t.Journeys),
			Touchpoints: refs(t.Touchpoints),
		})
	}
	for _, c := range s.Channels {
		slugs := make([]string, 0, len(c.Personas))
		for _, p := range c.Personas {
			slugs = append(slugs, p.Slug)
		}
		titles, desc := map[string]string{}, ""
		if c.File != nil {
			maps.Copy(titles, c.Titles)
			desc = c.File.Description
		}
		d.Channels = append(d.Channels, channel{
			Slug:        c.Slug,
			Title:       c.Title,
			Titles:      titles,
			Description: desc,
			Kind:        nonEmpty(c.Kind),
			Icon:        nonEmpty(c.Icon),
			Defined:     c.Defined(),
			URL:         c.URL,
			AbsoluteURL: abs(c.URL),
			Personas:    slugs,
			Touchpoints: refs(c.Touchpoints),
		})
	}
	for _, j := range s.Journeys {
		personas := make([]string, 0, len(j.Personas))
		for _, p := range j.Personas {
			personas = append(personas, p.Slug)
		}
		jj := journey{
			Slug:        j.Slug,
			Title:       j.Title,
			Description: j.Description,
			URL:         j.URL,
			AbsoluteURL: abs(j.URL),
			MapURL:      j.MapURL,
			CompareURL:  nonEmpty(j.CompareURL),
			State:       j.State,
			Language:    nonEmpty(j.Language),
			Scenario:    j.Scenario,
			Product:     j.Product,
			Personas:    personas,
			Owner:       teamSlug(j.Owner),
			Current:     journeySlugs(j.Current),
			Keep:        stageSlugs(j.Keep),
			KeepTPs:     refs(j.KeepTouchpoints),
			Tags:        list(j.Tags),
			Lanes:       list(j.Lanes),
			Updated:     date(j.Updated),
			Stages:      make([]stage, 0, len(j.Stages)),
		}
		if j.Target != nil {
			jj.Target = ptr(j.Target.Slug)
		}
		for _, st := range j.Stages {
			jj.Stages = append(jj.Stages, stage{
				Slug:         st.Slug,
				Title:        st.Title,
				Description:  st.Description,
				URL:          st.URL,
				AbsoluteURL:  abs(st.URL),
				Duration:     st.Duration,
				Goals:        list(st.Goals),
				Expectations: list(st.Expectations),
				Conversion:   st.Conversion,
				Touchpoints:  refs(st.Touchpoints),
			})
		}
		d.Journeys = append(d.Journeys, jj)
	}
	return d
}

func encodeJSON(d *document) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		// Only NaN or an infinity could fail, and the content loader
		// accepts neither.
		panic("export: " + err.Error())
	}
	return b.Bytes()
}

// better returns which way the KPI improves: higher unless it says lower.
func better(k content.KPI) string {
	if k.Better == "lower" {
		return "lower"
	}
	return "higher"
}

// met reports whether a KPI reaches its target (package rollup's rule),
// or nil when its current or target value is unknown.
func met(k content.KPI) *bool {
	switch rollup.KPI(k) {
	case rollup.KPIMet:
		return ptr(true)
	case rollup.KPINotMet:
		return ptr(false)
	}
	return nil
}

// overdue is rollup's rule, as the pages show it.
func nonZero(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

// score is the opportunity's priority (content.Opportunity.Score), or nil.
func score(o content.Opportunity) *float64 {
	if v, ok := o.Score(); ok {
		return &v
	}
	return nil
}

func overdue(o *site.Opportunity, today time.Time) bool { return rollup.Overdue(o, today) }

func ptr[T any](v T) *T { return &v }

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func date(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	return ptr(t.Format(time.DateOnly))
}

// list returns l, or an empty list for nil, so that JSON shows [] not null.
func list(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

func notes(ns content.Notes) []note {
	out := make([]note, len(ns))
	for i, n := range ns {
		out[i] = note{Text: n.Text, Source: nonEmpty(n.Source)}
	}
	return out
}

func teamSlug(t *site.Team) *string {
	if t == nil {
		return nil
	}
	return ptr(t.Slug)
}

func refs(tps []*site.Touchpoint) []string {
	out := make([]string, 0, len(tps))
	for _, t := range tps {
		out = append(out, t.Ref)
	}
	return out
}

func journeySlugs(js []*site.Journey) []string {
	out := make([]string, 0, len(js))
	for _, j := range js {
		out = append(out, j.Slug)
	}
	return out
}

func stageSlugs(ss []*site.Stage) []string {
	out := make([]string, 0, len(ss))
	for _, st := range ss {
		out = append(out, st.Slug)
	}
	return out
}

func channelSlugs(cs []*site.Channel) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, c.Slug)
	}
	return out
}

// touchpointOf is a touchpoint as cjm.json has it.
func touchpointOf(t *site.Touchpoint, today time.Time, abs func(string) *string) touchpoint {
	tp := touchpoint{touchpointHead: touchpointHead{
		Ref:         t.Ref,
		Journey:     t.Journey.Slug,
		Stage:       t.Stage.Slug,
		Slug:        t.Slug,
		Title:       t.Title,
		Description: t.Description,
		URL:         t.URL,
		AbsoluteURL: abs(t.URL),
		Emotion:     t.Emotion,
		Emotions:    feelingsOf(t),
		Importance:  nonEmpty(t.Importance),
		Engagement:  nonEmpty(t.Engagement),
		Owner:       teamSlug(t.Owner),
		OwnerNone:   t.OwnerNone,
		Children:    refs(t.Children),
		Related:     refs(t.Related),
		Replaces:    refs(t.Replaces),
		ReplacedBy:  refs(t.ReplacedBy),
		Depth:       t.Depth,
	}, Lists: make([][]note, len(content.NoteLists)), touchpointTail: touchpointTail{
		KPIs:          make([]kpi, 0, len(t.KPIs)),
		Metrics:       metrics{CSI: t.Metrics.CSI, NPS: t.Metrics.NPS, Conversion: t.Metrics.Conversion, Retention: t.Metrics.Retention, CES: t.Metrics.CES, LTV: t.Metrics.LTV},
		Competitors:   make([]benchmark, 0, len(t.Competitors)),
		Opportunities: make([]opportunity, 0, len(t.Opportunities)),
		Source:        nonEmpty(t.Evidence),
	}}
	for i, l := range content.NoteLists {
		tp.Lists[i] = notes(l.Of(t.Touchpoint))
	}
	if t.Channel != nil {
		tp.Channel = ptr(t.Channel.Slug)
	}
	if t.Parent != nil {
		tp.Parent = ptr(t.Parent.Ref)
	}
	for _, k := range t.KPIs {
		var ref *string
		if k.Def != nil {
			ref = ptr(k.Def.Slug)
		}
		tp.KPIs = append(tp.KPIs, kpi{
			Name:    k.Name,
			KPI:     ref,
			Current: k.Current,
			Target:  k.Target,
			Unit:    k.Unit,
			Better:  better(k.KPI),
			Met:     met(k.KPI),
		})
	}
	for _, b := range t.Competitors {
		var slug *string
		if b.Competitor != nil {
			slug = ptr(b.Competitor.Slug)
		}
		tp.Competitors = append(tp.Competitors, benchmark{Name: b.Name, Competitor: slug, CSI: b.CSI, NPS: b.NPS, Note: b.Note, Source: b.Source})
	}
	for _, o := range t.Opportunities {
		tp.Opportunities = append(tp.Opportunities, opportunity{
			Title:      o.Title,
			Owner:      teamSlug(o.Owner),
			Due:        date(o.Due),
			Status:     o.Status,
			Overdue:    overdue(o, today),
			Impact:     nonZero(o.Impact),
			Effort:     nonZero(o.Effort),
			Confidence: o.Confidence,
			KPI:        nonEmpty(o.KPI),
			Expected:   o.Expected,
			Score:      score(o.Opportunity),
			Quadrant:   nonEmpty(o.Quadrant()),
		})
	}
	return tp
}
