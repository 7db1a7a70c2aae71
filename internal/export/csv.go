package export

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/site"
)

// The header rows of the CSV files. Columns are read by their header:
// retention, CES and LTV sit beside the other metrics, and
// opportunities.csv took the trackers' names (cjm.json version 4).
var (
	touchpointColumns = slices.Concat([]string{
		"ref", "journey", "journey_title", "journey_state", "stage", "stage_title",
		"slug", "title", "url", "absolute_url", "channel", "emotion", "importance", "engagement",
		"owner", "owner_none", "parent", "depth", "source", "csi", "nps", "conversion", "retention", "ces", "ltv",
		"kpis", "kpis_met", "opportunities", "open_opportunities", "overdue_opportunities",
	}, content.NoteListKeys(), []string{
		"related", "emotions",
	})
	// opportunityColumns are named as GitHub, Jira and Linear name their
	// fields, so that each tracker's importer maps them by itself: Title
	// (GitHub, Linear) and Summary (Jira, which requires it) both hold the
	// title. Ref comes first, where a byte order mark lands, since no
	// tracker needs it. docs/authoring.md has the mapping, tracker by tracker.
	opportunityColumns = []string{
		"Ref", "Title", "Summary", "Description", "Issue Type", "Status", "Priority", "Due Date", "Team", "Labels",
		"Journey", "Touchpoint", "URL", "Owner", "Impact", "Effort", "Confidence", "Score", "Quadrant", "KPI", "Expected",
		"Overdue", "cjm Status",
	}
	kpiColumns = []string{
		"journey", "touchpoint_ref", "touchpoint_title", "name", "current", "target", "unit", "better", "met", "kpi",
	}
)

// bom is the UTF-8 byte order mark, without which Excel reads a CSV file
// in the system's legacy code page.
const bom = "\uFEFF"

// listSep joins the items of a list in one cell.
const listSep = "; "

func touchpointsCSV(s *site.Site, today time.Time) []byte {
	rows := make([][]string, 0, len(s.Touchpoints))
	for _, t := range s.Touchpoints {
		rows = append(rows, touchpointRow(s, t, today))
	}
	return writeCSV(touchpointColumns, rows)
}

// touchpointRow is one touchpoint's row of touchpoints.csv.
func touchpointRow(s *site.Site, t *site.Touchpoint, today time.Time) []string {
	var channel, emotion, owner, parent, abs string
	if t.Channel != nil {
		channel = t.Channel.Slug
	}
	if t.Emotion != nil {
		emotion = strconv.Itoa(*t.Emotion)
	}
	if t.Owner != nil {
		owner = t.Owner.Slug
	}
	if t.Parent != nil {
		parent = t.Parent.Ref
	}
	if s.Base.Root != "" {
		abs = s.Base.Abs(t.URL)
	}
	metKPIs, open, late := 0, 0, 0
	for _, k := range t.KPIs {
		if m := met(k.KPI); m != nil && *m {
			metKPIs++
		}
	}
	for _, o := range t.Opportunities {
		if o.Status != "done" {
			open++
		}
		if overdue(o, today) {
			late++
		}
	}
	row := []string{
		t.Ref, t.Journey.Slug, t.Journey.Title, t.Journey.State, t.Stage.Slug, t.Stage.Title,
		t.Slug, t.Title, t.URL, abs, channel, emotion, t.Importance, t.Engagement,
		owner, strconv.FormatBool(t.OwnerNone), parent, strconv.Itoa(t.Depth), t.Evidence,
		number(t.Metrics.CSI), number(t.Metrics.NPS), number(t.Metrics.Conversion),
		number(t.Metrics.Retention), number(t.Metrics.CES), number(t.Metrics.LTV),
		strconv.Itoa(len(t.KPIs)), strconv.Itoa(metKPIs),
		strconv.Itoa(len(t.Opportunities)), strconv.Itoa(open), strconv.Itoa(late),
	}
	for _, l := range content.NoteLists {
		row = append(row, join(l.Of(t.Touchpoint).Texts()))
	}
	return append(row, join(refs(t.Related)), feelingsCell(t))
}

// feelingsCell writes how each persona feels, "irina: 1; tomas: -2", in
// the journey's order of personas, as `cjm import csv` reads it back.
func feelingsCell(t *site.Touchpoint) string {
	parts := make([]string, len(t.Feelings))
	for i, f := range t.Feelings {
		parts[i] = f.Persona.Slug + ": " + strconv.Itoa(f.Value)
	}
	return join(parts)
}

func opportunitiesCSV(s *site.Site, today time.Time) []byte {
	var rows [][]string
	for _, t := range s.Touchpoints {
		rows = append(rows, opportunityRows(s, t, today)...)
	}
	return writeCSV(opportunityColumns, rows)
}

// trackerStatus is how each status is called in the trackers (Linear's
// and Jira's default workflows; each importer maps other names by hand).
var trackerStatus = map[string]string{"idea": "Backlog", "planned": "To Do", "in-progress": "In Progress", "done": "Done"}

// Priority is an opportunity's priority in the trackers' words, from its
// score: High from 2, Medium from 0.8, else Low; "" without a score.
func Priority(o content.Opportunity) string {
	v, ok := o.Score()
	switch {
	case !ok:
		return ""
	case v >= 2:
		return "High"
	case v >= 0.8:
		return "Medium"
	}
	return "Low"
}

// opportunityRows are one touchpoint's rows of opportunities.csv.
func opportunityRows(s *site.Site, t *site.Touchpoint, today time.Time) [][]string {
	var rows [][]string
	url := t.URL
	if s.Base.Root != "" {
		url = s.Base.Abs(t.URL)
	}
	for i, o := range t.Opportunities {
		var owner, team, due string
		if o.Owner != nil {
			owner, team = o.Owner.Slug, o.Owner.Title
		}
		if !o.Due.IsZero() {
			due = o.Due.Format(time.DateOnly)
		}
		var impact, effort, sc string
		if o.Impact > 0 {
			impact = strconv.Itoa(o.Impact)
		}
		if o.Effort > 0 {
			effort = strconv.Itoa(o.Effort)
		}
		if v, ok := o.Score(); ok {
			sc = strconv.FormatFloat(v, 'f', -1, 64)
		}
		rows = append(rows, []string{
			t.Ref + "#" + strconv.Itoa(i+1), o.Title, o.Title, trackerDescription(t, o, url), "Task",
			trackerStatus[o.Status], Priority(o.Opportunity), due, team, t.Journey.Slug,
			t.Journey.Slug, t.Ref, url, owner, impact, effort, number(o.Confidence), sc, o.Quadrant(), o.KPI, number(o.Expected),
			strconv.FormatBool(overdue(o, today)), o.Status,
		})
	}
	return rows
}

// trackerDescription is an opportunity's Description: plain lines that
// read the same as Markdown (GitHub, Linear) and as Jira's text, the
// touchpoint's page as a bare link, which all three make clickable.
func trackerDescription(t *site.Touchpoint, o *site.Opportunity, url string) string {
	lines := []string{
		"Touchpoint: " + t.Title + " (" + t.Journey.Title + " / " + t.Stage.Title + ")",
		url,
	}
	if o.KPI != "" {
		kpi := "KPI: " + o.KPI
		for _, k := range t.KPIs {
			if k.Name != o.KPI && k.Ref != o.KPI {
				continue
			}
			if k.Current != nil {
				kpi += ", now " + number(k.Current) + unitSuffix(k.Unit)
			}
			if o.Expected != nil {
				kpi += ", expected " + number(o.Expected) + unitSuffix(k.Unit)
			}
			if k.Target != nil {
				kpi += ", target " + number(k.Target) + unitSuffix(k.Unit)
			}
		}
		lines = append(lines, kpi)
	}
	if v, ok := o.Score(); ok {
		conf := "confidence not given (counted as 0.5)"
		if o.Confidence != nil {
			conf = "confidence " + number(o.Confidence)
		}
		lines = append(lines, "Impact "+strconv.Itoa(o.Impact)+"/5, effort "+strconv.Itoa(o.Effort)+"/5, "+conf+": score "+strconv.FormatFloat(v, 'f', -1, 64))
	}
	return strings.Join(lines, "\n")
}

func unitSuffix(u string) string {
	if u == "" || u == "%" {
		return u
	}
	return " " + u
}

func kpisCSV(s *site.Site) []byte {
	var rows [][]string
	for _, t := range s.Touchpoints {
		rows = append(rows, kpiRows(t)...)
	}
	return writeCSV(kpiColumns, rows)
}

// kpiRows are one touchpoint's rows of kpis.csv.
func kpiRows(t *site.Touchpoint) [][]string {
	var rows [][]string
	for _, k := range t.KPIs {
		var m string
		if v := met(k.KPI); v != nil {
			m = strconv.FormatBool(*v)
		}
		ref := ""
		if k.Def != nil {
			ref = k.Def.Slug
		}
		rows = append(rows, []string{
			t.Journey.Slug, t.Ref, t.Title, k.Name, number(k.Current), number(k.Target), k.Unit, better(k.KPI), m, ref,
		})
	}
	return rows
}

// writeCSV writes the BOM, the header and the rows, every cell made safe
// to open in a spreadsheet.
func writeCSV(header []string, rows [][]string) []byte {
	var b bytes.Buffer
	b.WriteString(bom)
	b.Write(encodeRows([][]string{header}))
	b.Write(encodeRows(rows))
	return b.Bytes()
}

// encodeRows writes rows as CSV lines, every cell made safe to open in a
// spreadsheet.
func encodeRows(rows [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	// Writing to a bytes.Buffer cannot fail, nor can the default comma.
	for _, row := range rows {
		safe := make([]string, len(row))
		for i, cell := range row {
			safe[i] = safeCell(cell)
		}
		_ = w.Write(safe)
	}
	w.Flush()
	return b.Bytes()
}

// joinCSV writes the BOM, the header and the n encoded lines line(i).
func joinCSV(header []string, n int, line func(i int) []byte) []byte {
	b := append([]byte(bom), encodeRows([][]string{header})...)
	return appendParts(b, n, "", "", line)
}

// plainNumber matches a decimal number as a spreadsheet reads one.
var plainNumber = regexp.MustCompile(`^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$`)

// safeCell guards against CSV (formula) injection: a spreadsheet runs a
// cell that starts with =, +, -, @, a tab or a carriage return as a formula,
// so such a cell gets a leading apostrophe, which shows it as text. A plain
// number such as -2 stays as it is, so that it is still a number.
func safeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if plainNumber.MatchString(s) {
			return s
		}
		return "'" + s
	}
	return s
}

// number formats a value with a dot, or "" when it is unknown.
func number(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

func join(l []string) string { return strings.Join(l, listSep) }
