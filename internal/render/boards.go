package render

import (
	"cmp"
	"html"
	"html/template"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/cjm-portal/cjm/internal/rollup"
	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/theme"
)

// OpportunityGroup is the opportunities of one status, for the board.
type OpportunityGroup struct {
	Status string
	Items  []*site.Opportunity
}

// opportunityStatuses is the board's order: what is moving first.
var opportunityStatuses = []string{"in-progress", "planned", "idea", "done"}

// OpportunityBoard groups every opportunity of s by status, each group by
// due date (none last), then journey and touchpoint order.
func OpportunityBoard(s *site.Site) []OpportunityGroup {
	groups := make([]OpportunityGroup, len(opportunityStatuses))
	for i, st := range opportunityStatuses {
		groups[i].Status = st
	}
	for _, tp := range s.Touchpoints {
		for _, o := range tp.Opportunities {
			i := slices.Index(opportunityStatuses, o.Status)
			if i < 0 {
				i = slices.Index(opportunityStatuses, "idea")
			}
			groups[i].Items = append(groups[i].Items, o)
		}
	}
	for _, g := range groups {
		slices.SortStableFunc(g.Items, func(a, b *site.Opportunity) int {
			switch {
			case a.Due.IsZero() != b.Due.IsZero():
				if a.Due.IsZero() {
					return 1
				}
				return -1
			}
			return a.Due.Compare(b.Due)
		})
	}
	return slices.DeleteFunc(groups, func(g OpportunityGroup) bool { return len(g.Items) == 0 })
}

// Heatmap is mean emotion by row (journey or channel) and stage: stages of
// the same slug (the life-cycle stages most journeys share: awareness,
// search, purchase...) make one column.
type Heatmap struct {
	Columns  []HeatColumn
	Journeys []HeatRow
	Channels []HeatRow
}

// HeatColumn is one stage slug, titled as its first journey titles it.
type HeatColumn struct{ Slug, Title string }

// HeatRow is one journey or channel across the columns.
type HeatRow struct {
	Title, URL string
	Cells      []HeatCell // one per column
}

// HeatCell is the touchpoints of one row in one column.
type HeatCell struct {
	Mean        *float64 // mean emotion; nil when none has one
	Touchpoints int
	URL         string // the stage's page, for a journey row
}

// Class names the cell's colour by its mean emotion, rounded, as the
// emotion badges do: "emotion-n2" ... "emotion-p2"; "heat-none" without.
func (c HeatCell) Class() string {
	if c.Mean == nil {
		return "heat-none"
	}
	return emotionClass(int(math.Round(*c.Mean)))
}

// NewHeatmap works out the heatmap of s; lang names the channels.
func NewHeatmap(s *site.Site, lang string) Heatmap {
	// Columns in the order stages come, on average, in their journeys.
	type col struct {
		HeatColumn
		pos   float64
		n     int
		first int
	}
	cols := map[string]*col{}
	var order []*col
	for _, j := range s.Journeys {
		for _, st := range j.Stages {
			c := cols[st.Slug]
			if c == nil {
				c = &col{HeatColumn: HeatColumn{st.Slug, st.Title}, first: len(order)}
				cols[st.Slug] = c
				order = append(order, c)
			}
			c.pos += float64(st.Index) / float64(max(len(j.Stages)-1, 1))
			c.n++
		}
	}
	slices.SortStableFunc(order, func(a, b *col) int {
		if d := cmp.Compare(a.pos/float64(a.n), b.pos/float64(b.n)); d != 0 {
			return d
		}
		return a.first - b.first
	})
	var h Heatmap
	index := map[string]int{}
	for i, c := range order {
		h.Columns = append(h.Columns, c.HeatColumn)
		index[c.Slug] = i
	}
	type acc struct{ sum, n, count int }
	cell := func(a acc, url string) HeatCell {
		c := HeatCell{Touchpoints: a.count, URL: url}
		if a.n > 0 {
			m := float64(a.sum) / float64(a.n)
			c.Mean = &m
		}
		return c
	}
	add := func(a *acc, tp *site.Touchpoint) {
		a.count++
		if tp.Emotion != nil {
			a.sum += *tp.Emotion
			a.n++
		}
	}
	for _, j := range s.Journeys {
		row := HeatRow{Title: j.Title, URL: j.URL, Cells: make([]HeatCell, len(order))}
		for _, st := range j.Stages {
			var a acc
			for _, tp := range st.Touchpoints {
				add(&a, tp)
			}
			row.Cells[index[st.Slug]] = cell(a, st.URL)
		}
		h.Journeys = append(h.Journeys, row)
	}
	for _, ch := range s.Channels {
		accs := make([]acc, len(order))
		for _, tp := range ch.Touchpoints {
			add(&accs[index[tp.Stage.Slug]], tp)
		}
		row := HeatRow{Title: theme.ChannelName(lang, ch.Slug, ch.Title), URL: ch.URL, Cells: make([]HeatCell, len(order))}
		for i, a := range accs {
			row.Cells[i] = cell(a, "")
		}
		h.Channels = append(h.Channels, row)
	}
	return h
}

// OpportunityRows writes the board's table rows for items, as
// opportunities.html would with a range, but in Go: a big portal's board
// has thousands of rows, and the template engine takes twenty times as
// long over them, on every rebuild. Every text is escaped.
func OpportunityRows(items []*site.Opportunity, link func(string) string, lang string, today time.Time) template.HTML {
	var b strings.Builder
	b.Grow(len(items) * 600)
	esc := html.EscapeString
	a := func(url, text string) {
		b.WriteString(`<a href="`)
		b.WriteString(esc(link(url)))
		b.WriteString(`">`)
		b.WriteString(esc(text))
		b.WriteString(`</a>`)
	}
	for _, o := range items {
		late := rollup.Overdue(o, today)
		if late {
			b.WriteString("\n<tr class=\"is-overdue\">")
		} else {
			b.WriteString("\n<tr>")
		}
		b.WriteString(`<th scope="row">`)
		b.WriteString(esc(o.Title))
		b.WriteString(`</th><td>`)
		a(o.Touchpoint.URL, o.Touchpoint.Title)
		b.WriteString(`</td><td>`)
		a(o.Touchpoint.Journey.URL, o.Touchpoint.Journey.Title)
		b.WriteString(`</td><td>`)
		if o.Owner != nil {
			a(o.Owner.URL, o.Owner.Title)
		} else {
			b.WriteString(`<span class="gap"><span aria-hidden="true">⚠ </span>`)
			b.WriteString(esc(theme.Word(lang, "no-owner")))
			b.WriteString(`</span>`)
		}
		if o.Due.IsZero() {
			b.WriteString(`</td><td data-value=""><span class="muted">—</span></td></tr>`)
			continue
		}
		iso := o.Due.Format(time.DateOnly)
		b.WriteString(`</td><td data-value="` + iso + `"><time datetime="` + iso + `">`)
		b.WriteString(esc(FormatDate(lang, o.Due)))
		b.WriteString(`</time>`)
		if late {
			b.WriteString(` <strong class="overdue"><span aria-hidden="true">⚠ </span>`)
			b.WriteString(esc(theme.Word(lang, "overdue")))
			b.WriteString(`</strong>`)
		}
		b.WriteString(`</td></tr>`)
	}
	return template.HTML(b.String()) // every piece escaped above
}
