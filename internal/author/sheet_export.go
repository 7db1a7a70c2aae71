package author

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/cjm-portal/cjm/internal/content"
)

// ExportSheet writes journey slug of c as a journey sheet (see sheetColumns):
// a row for the site settings, each of the journey's personas, each team
// file it names, the journey, and each stage followed by its touchpoints.
// It is UTF-8 with a byte order mark, CRLF line ends and commas, as
// spreadsheet programs open it, and every cell a spreadsheet would run as a
// formula starts with an apostrophe, which the import takes off.
func ExportSheet(c *content.Content, slug string) ([]byte, error) {
	var j *content.Journey
	var known []string
	for _, x := range c.Journeys {
		if x.Slug == slug {
			j = x
		}
		known = append(known, x.Slug)
	}
	if j == nil {
		hint := ""
		if n := content.Nearest(slug, known); n != "" {
			hint = fmt.Sprintf("; did you mean %q?", n)
		}
		return nil, fmt.Errorf("no journey %q%s (the journeys are: %s)", slug, hint, strings.Join(known, ", "))
	}
	header := sheetHeader()
	rows := [][]string{header}
	add := func(kind, file, stage string, item any) {
		row := make([]string, len(header))
		for i, name := range header {
			switch name {
			case "kind":
				row[i] = kind
			case "file":
				row[i] = file
			case "stage":
				row[i] = stage
			default:
				if col := columnFor(name, kind); col != nil && col.Get != nil {
					row[i] = encodeCell(col.Codec, col.Get(item))
				}
			}
		}
		rows = append(rows, row)
	}
	if c.Settings.Hash != 0 { // content/_index.md is there
		add(kindSite, "", "", &c.Settings)
	}
	for _, p := range j.Personas {
		for _, per := range c.Personas {
			if per.Slug == p {
				add(kindPersona, baseName(per.File), "", per)
			}
		}
	}
	var owners []string
	if j.Owner != "" {
		owners = append(owners, j.Owner)
	}
	for _, st := range j.Stages {
		for _, t := range st.Touchpoints {
			owners = append(owners, t.Owner)
			for _, o := range t.Opportunities {
				owners = append(owners, o.Owner)
			}
		}
	}
	for _, team := range c.Teams {
		if slices.ContainsFunc(owners, func(o string) bool { return o != "" && (SlugOf(o) == team.Slug || content.Slugify(o) == team.Slug) }) {
			add(kindTeam, baseName(team.File), "", team)
		}
	}
	for _, ch := range c.Channels { // the channels of its touchpoints that have files
		if slices.ContainsFunc(j.Stages, func(st *content.Stage) bool {
			return slices.ContainsFunc(st.Touchpoints, func(t *content.Touchpoint) bool { return content.Slugify(t.Channel) == ch.Slug })
		}) {
			add(kindChannel, baseName(ch.File), "", ch)
		}
	}
	uses := func(used func(t *content.Touchpoint) bool) bool {
		return slices.ContainsFunc(j.Stages, func(st *content.Stage) bool { return slices.ContainsFunc(st.Touchpoints, used) })
	}
	for _, d := range c.KPIs { // the catalogue's KPIs its touchpoints name
		if uses(func(t *content.Touchpoint) bool {
			return slices.ContainsFunc(t.KPIs, func(k content.KPI) bool { return k.Ref == d.Slug })
		}) {
			add(kindKPI, baseName(d.File), "", d)
		}
	}
	for _, cp := range c.Competitors { // the competitors with files its touchpoints name
		if uses(func(t *content.Touchpoint) bool {
			return slices.ContainsFunc(t.Competitors, func(b content.Benchmark) bool { return content.Slugify(b.Name) == cp.Slug })
		}) {
			add(kindCompetitor, baseName(cp.File), "", cp)
		}
	}
	add(kindJourney, path.Base(path.Dir(j.File)), "", j)
	for _, st := range j.Stages {
		add(kindStage, path.Base(path.Dir(st.File)), "", st)
		for _, t := range st.Touchpoints {
			add(kindTouchpoint, baseName(t.File), st.Slug, t)
		}
	}
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	for _, r := range rows {
		for i := range r {
			r[i] = guardCell(r[i])
		}
		if err := w.Write(r); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

func baseName(file string) string { return strings.TrimSuffix(path.Base(file), ".md") }

var plainNumber = regexp.MustCompile(`^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$`)

// guardCell keeps a spreadsheet from running a cell as a formula (CSV
// injection): a cell that starts with =, +, -, @, a tab or a carriage
// return gets a leading apostrophe, and so does one that starts with an
// apostrophe, so that unguardCell gives back exactly what was written. A
// plain number such as -2 stays as it is.
func guardCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if plainNumber.MatchString(s) {
			return s
		}
		return "'" + s
	case '\'':
		return "'" + s
	}
	return s
}

// unguardCell takes off the apostrophe guardCell put on.
func unguardCell(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.IndexByte("=+-@\t\r'", s[1]) >= 0 {
		return s[1:]
	}
	return s
}
