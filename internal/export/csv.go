package export

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/cjm-portal/cjm/internal/site"
)

// The header rows of the CSV files. Columns are only ever added, never
// removed or renamed; read them by their header. Retention, CES and LTV
// sit beside the other metrics.
var (
	touchpointColumns = []string{
		"ref", "journey", "journey_title", "journey_state", "stage", "stage_title",
		"slug", "title", "url", "absolute_url", "channel", "emotion", "importance", "engagement",
		"owner", "owner_none", "parent", "depth", "source", "csi", "nps", "conversion", "retention", "ces", "ltv",
		"kpis", "kpis_met", "opportunities", "open_opportunities", "overdue_opportunities",
		"actions", "questions", "barriers", "pains", "gains", "influencers", "processes", "related",
		"emotions",
	}
	opportunityColumns = []string{
		"journey", "touchpoint_ref", "touchpoint_title", "title", "owner", "due", "status", "overdue",
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
	return []string{
		t.Ref, t.Journey.Slug, t.Journey.Title, t.Journey.State, t.Stage.Slug, t.Stage.Title,
		t.Slug, t.Title, t.URL, abs, channel, emotion, t.Importance, t.Engagement,
		owner, strconv.FormatBool(t.OwnerNone), parent, strconv.Itoa(t.Depth), t.Evidence,
		number(t.Metrics.CSI), number(t.Metrics.NPS), number(t.Metrics.Conversion),
		number(t.Metrics.Retention), number(t.Metrics.CES), number(t.Metrics.LTV),
		strconv.Itoa(len(t.KPIs)), strconv.Itoa(metKPIs),
		strconv.Itoa(len(t.Opportunities)), strconv.Itoa(open), strconv.Itoa(late),
		join(t.Actions.Texts()), join(t.Questions.Texts()), join(t.Barriers.Texts()), join(t.Pains.Texts()), join(t.Gains.Texts()),
		join(t.Influencers.Texts()), join(t.Processes.Texts()), join(refs(t.Related)),
		feelingsCell(t),
	}
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
		rows = append(rows, opportunityRows(t, today)...)
	}
	return writeCSV(opportunityColumns, rows)
}

// opportunityRows are one touchpoint's rows of opportunities.csv.
func opportunityRows(t *site.Touchpoint, today time.Time) [][]string {
	var rows [][]string
	for _, o := range t.Opportunities {
		var owner, due string
		if o.Owner != nil {
			owner = o.Owner.Slug
		}
		if !o.Due.IsZero() {
			due = o.Due.Format(time.DateOnly)
		}
		rows = append(rows, []string{
			t.Journey.Slug, t.Ref, t.Title, o.Title, owner, due, o.Status,
			strconv.FormatBool(overdue(o, today)),
		})
	}
	return rows
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

// joinCSV writes the BOM, the header and the encoded lines, dropping each
// of lines once copied.
func joinCSV(header []string, lines [][]byte) []byte {
	n := len(bom) + 200
	for _, l := range lines {
		n += len(l)
	}
	b := bytes.NewBuffer(make([]byte, 0, n))
	b.WriteString(bom)
	b.Write(encodeRows([][]string{header}))
	for i, l := range lines {
		b.Write(l)
		lines[i] = nil
	}
	return b.Bytes()
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
