package render

import (
	"cmp"
	"html"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/rollup"
	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/swimlane"
	"github.com/cjm-portal/cjm/internal/words"
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

// Heatmap is mean emotion by row (journey or channel) and stage: the mean
// of the feelings there, each persona's at each touchpoint.
//
// When the journeys share their stages (as-is and to-be, or a company's
// own life cycle used throughout), stages of the same slug make one
// column, and Aligned is true: one table of journeys and one of channels.
// When they do not, a shared column would be empty in almost every row, so
// each journey row lists its own stages in order, and each journey gets its
// own table of channels × its stages in Journeys' place.
type Heatmap struct {
	Aligned  bool
	Columns  []HeatColumn // when Aligned
	Journeys []HeatRow
	Channels []HeatRow         // when Aligned
	ByStage  []JourneyChannels // when not Aligned
	Widest   int               // the most stages in one journey
}

// HeatColumn is one stage slug, titled as its first journey titles it; URL
// is the stage's page when the column is one journey's stage.
type HeatColumn struct{ Slug, Title, URL, Lang string }

// HeatRow is one journey or channel across the columns.
type HeatRow struct {
	Title, URL string
	Lang       string     // the journey's own language, where it is not the page's
	Cells      []HeatCell // one per column
}

// JourneyChannels is the channels × stages table of one journey.
type JourneyChannels struct {
	Title, URL string
	Lang       string // the journey's own language, where it is not the page's
	Columns    []HeatColumn
	Rows       []HeatRow
}

// HeatCell is the touchpoints of one row in one column.
type HeatCell struct {
	Mean        *float64 // mean of the touchpoints' feelings; nil when none has one
	Touchpoints int
	URL         string // the stage's page, for a journey row
	Title       string // the stage's title, for a journey row that is not aligned
	Lang        string // the language of Title, where it is not the page's
}

// Class names the cell's colour by its mean emotion, rounded, as the
// emotion badges do: "emotion-n2" ... "emotion-p2"; "heat-none" without.
func (c HeatCell) Class() string {
	if c.Mean == nil {
		return "heat-none"
	}
	return emotionClass(int(math.Round(*c.Mean)))
}

// heatAcc sums the feelings of a cell's touchpoints: each persona's at
// each touchpoint.
type heatAcc struct{ sum, n, count int }

func (a *heatAcc) add(tp *site.Touchpoint) {
	a.count++
	for _, f := range tp.Feelings {
		a.sum += f.Value
		a.n++
	}
}

func (a heatAcc) cell(url, title string) HeatCell {
	c := HeatCell{Touchpoints: a.count, URL: url, Title: title}
	if a.n > 0 {
		m := float64(a.sum) / float64(a.n)
		c.Mean = &m
	}
	return c
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
	var h Heatmap
	cols := map[string]*col{}
	var order []*col
	for _, j := range s.Journeys {
		h.Widest = max(h.Widest, len(j.Stages))
		for _, st := range j.Stages {
			c := cols[st.Slug]
			if c == nil {
				c = &col{HeatColumn: HeatColumn{Slug: st.Slug, Title: st.Title, Lang: foreignLang(s, lang, j)}, first: len(order)}
				cols[st.Slug] = c
				order = append(order, c)
			}
			c.pos += float64(st.Index) / float64(max(len(j.Stages)-1, 1))
			c.n++
		}
	}
	// Shared enough: at most half again as many columns as the longest
	// journey has stages.
	h.Aligned = 2*len(order) <= 3*h.Widest
	if !h.Aligned {
		rank := map[*site.Channel]int{}
		for i, ch := range s.Channels {
			rank[ch] = i
		}
		for _, j := range s.Journeys {
			row := HeatRow{Title: j.Title, URL: j.URL, Lang: foreignLang(s, lang, j)}
			for _, st := range j.Stages {
				var a heatAcc
				for _, tp := range st.Touchpoints {
					a.add(tp)
				}
				c := a.cell(st.URL, st.Title)
				c.Lang = row.Lang
				row.Cells = append(row.Cells, c)
			}
			h.Journeys = append(h.Journeys, row)
			jc := journeyChannels(j, rank, lang)
			jc.Lang = row.Lang
			for i := range jc.Columns {
				jc.Columns[i].Lang = row.Lang
			}
			h.ByStage = append(h.ByStage, jc)
		}
		return h
	}
	slices.SortStableFunc(order, func(a, b *col) int {
		if d := cmp.Compare(a.pos/float64(a.n), b.pos/float64(b.n)); d != 0 {
			return d
		}
		return a.first - b.first
	})
	index := map[string]int{}
	for i, c := range order {
		h.Columns = append(h.Columns, c.HeatColumn)
		index[c.Slug] = i
	}
	for _, j := range s.Journeys {
		row := HeatRow{Title: j.Title, URL: j.URL, Lang: foreignLang(s, lang, j), Cells: make([]HeatCell, len(order))}
		for _, st := range j.Stages {
			var a heatAcc
			for _, tp := range st.Touchpoints {
				a.add(tp)
			}
			row.Cells[index[st.Slug]] = a.cell(st.URL, "")
		}
		h.Journeys = append(h.Journeys, row)
	}
	for _, ch := range s.Channels {
		accs := make([]heatAcc, len(order))
		for _, tp := range ch.Touchpoints {
			accs[index[tp.Stage.Slug]].add(tp)
		}
		row := HeatRow{Title: swimlane.ChannelName(lang, ch), URL: ch.URL, Cells: make([]HeatCell, len(order))}
		for i, a := range accs {
			row.Cells[i] = a.cell("", "")
		}
		h.Channels = append(h.Channels, row)
	}
	return h
}

// journeyChannels is the channels × stages table of j: a row for each
// channel its touchpoints use, in the site's channel order (rank).
func journeyChannels(j *site.Journey, rank map[*site.Channel]int, lang string) JourneyChannels {
	out := JourneyChannels{Title: j.Title, URL: j.URL}
	rows := map[*site.Channel][]heatAcc{}
	var chans []*site.Channel
	for i, st := range j.Stages {
		out.Columns = append(out.Columns, HeatColumn{Slug: st.Slug, Title: st.Title, URL: st.URL})
		for _, tp := range st.Touchpoints {
			if tp.Channel == nil {
				continue
			}
			accs, ok := rows[tp.Channel]
			if !ok {
				accs = make([]heatAcc, len(j.Stages))
				chans = append(chans, tp.Channel)
			}
			accs[i].add(tp)
			rows[tp.Channel] = accs
		}
	}
	slices.SortFunc(chans, func(a, b *site.Channel) int { return rank[a] - rank[b] })
	for _, ch := range chans {
		row := HeatRow{Title: swimlane.ChannelName(lang, ch), URL: ch.URL}
		for _, a := range rows[ch] {
			row.Cells = append(row.Cells, a.cell("", ""))
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// OpportunityList is every opportunity of s in the board's order: by
// status (in progress, planned, idea, done), then due date (none last),
// then journey and touchpoint order. The board numbers them from 1 in this
// order, in the matrix and the table alike.
func OpportunityList(s *site.Site) []*site.Opportunity {
	var out []*site.Opportunity
	for _, g := range OpportunityBoard(s) {
		out = append(out, g.Items...)
	}
	return out
}

// FilterOption is one choice of a filter of the board.
type FilterOption struct{ Value, Title string }

// OpportunityFilters are the choices of the board's filters: the teams
// (by slug; "none" for opportunities no team owns) and the journeys that
// have opportunities, in the site's order.
func OpportunityFilters(items []*site.Opportunity, lang string) (teams, journeys []FilterOption) {
	seenT, seenJ := map[string]bool{}, map[string]bool{}
	noTeam := false
	for _, o := range items {
		if o.Owner == nil {
			noTeam = true
		} else if !seenT[o.Owner.Slug] {
			seenT[o.Owner.Slug] = true
			teams = append(teams, FilterOption{o.Owner.Slug, o.Owner.Title})
		}
		if j := o.Touchpoint.Journey; !seenJ[j.Slug] {
			seenJ[j.Slug] = true
			journeys = append(journeys, FilterOption{j.Slug, j.Title})
		}
	}
	slices.SortStableFunc(teams, func(a, b FilterOption) int {
		return strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title))
	})
	if noTeam {
		teams = append(teams, FilterOption{"none", words.Word(lang, "no-team")})
	}
	return teams, journeys
}

// filterAttrs are the data attributes the board's script filters by.
func filterAttrs(o *site.Opportunity, late bool) string {
	team := "none"
	if o.Owner != nil {
		team = o.Owner.Slug
	}
	overdue := "false"
	if late {
		overdue = "true"
	}
	esc := html.EscapeString
	return ` data-team="` + esc(team) + `" data-journey="` + esc(o.Touchpoint.Journey.Slug) + `" data-status="` + esc(o.Status) + `" data-overdue="` + overdue + `"`
}

// OpportunityMatrix draws the board's impact × effort matrix as HTML: five
// rows of impact (5 at the top) by five columns of effort (1 at the left),
// the four quadrants labelled behind them, each opportunity a numbered link
// to its row of the table. items are numbered from 1 in their order.
func OpportunityMatrix(items []*site.Opportunity, lang string, today time.Time) template.HTML {
	var b strings.Builder
	esc := html.EscapeString
	word := func(k string) string { return esc(words.Word(lang, k)) }
	var cells [5][5][]int // [impact-1][effort-1] → item indexes
	for i, o := range items {
		if o.Impact > 0 && o.Effort > 0 {
			cells[o.Impact-1][o.Effort-1] = append(cells[o.Impact-1][o.Effort-1], i)
		}
	}
	b.WriteString(`<div class="matrix-plot">`)
	for _, q := range content.Quadrants {
		b.WriteString(`<div class="matrix-quad q-` + q + `"><span class="matrix-quad-name">` + word(q) + `</span></div>`)
	}
	for impact := 5; impact >= 1; impact-- {
		b.WriteString(`<span class="matrix-tick y" data-impact="` + strconv.Itoa(impact) + `" aria-hidden="true">` + strconv.Itoa(impact) + `</span>`)
		for effort := 1; effort <= 5; effort++ {
			op := content.Opportunity{Impact: impact, Effort: effort}
			b.WriteString(`<div class="matrix-cell in-` + op.Quadrant() + `" data-impact="` + strconv.Itoa(impact) + `" data-effort="` + strconv.Itoa(effort) + `">`)
			if list := cells[impact-1][effort-1]; len(list) > 0 {
				b.WriteString(`<ul>`)
				for _, i := range list {
					o := items[i]
					late := rollup.Overdue(o, today)
					n := strconv.Itoa(i + 1)
					class := "opp-chip status-" + esc(o.Status)
					if late {
						class += " is-overdue"
					}
					b.WriteString(`<li` + filterAttrs(o, late) + `><a class="` + class + `" href="#opp-` + n + `" title="` + esc(o.Title) + `">` + n + `<span class="visually-hidden">: ` + esc(o.Title) + ` (` + word("impact") + ` ` + strconv.Itoa(impact) + `, ` + word("effort") + ` ` + strconv.Itoa(effort) + `)</span></a></li>`)
				}
				b.WriteString(`</ul>`)
			}
			b.WriteString(`</div>`)
		}
	}
	for effort := 1; effort <= 5; effort++ {
		b.WriteString(`<span class="matrix-tick x" data-effort="` + strconv.Itoa(effort) + `" aria-hidden="true">` + strconv.Itoa(effort) + `</span>`)
	}
	b.WriteString(`</div>`)
	return template.HTML(b.String()) // every text escaped above
}

// OpportunityRows writes the board's table rows for items, numbered from
// 1, as opportunities.html would with a range, but in Go: a big portal's
// board has thousands of rows, and the template engine takes twenty times
// as long over them, on every rebuild. Every text is escaped. Each row
// carries what the filters filter by (data-team, -journey, -status,
// -overdue) and each sortable cell its value (data-value).
func OpportunityRows(s *site.Site, items []*site.Opportunity, lang string, today time.Time) template.HTML {
	return opportunityRows(s, items, lang, today, nil)
}

// opportunityRows writes OpportunityRows, each row but its number taken
// from rows (see Partials.row) when it holds it.
func opportunityRows(s *site.Site, items []*site.Opportunity, lang string, today time.Time, rows *Partials) template.HTML {
	link := s.Base.Link
	esc := html.EscapeString
	// Each cell names its column, for the cards the rows become on a phone.
	label := func(key string) string { return ` data-label="` + esc(words.Word(lang, key)) + `"` }
	touchpoint, owner, due, status := label("touchpoint"), label("owner"), label("due"), label("status")
	impact, effort, confidence, score, kpi := label("impact"), label("effort"), label("confidence"), label("score"), label("kpi")
	var parts []rowParts
	size := 0
	for _, o := range items {
		sub := slices.Index(o.Touchpoint.Opportunities, o)
		p := rows.row("opportunity", lang, o.Touchpoint, sub, func() rowParts {
			var b strings.Builder
			b.Grow(900)
			a := func(url, text string, lang string) {
				b.WriteString(`<a href="`)
				b.WriteString(esc(link(url)))
				if lang != "" { // the journey's own language, not the page's
					b.WriteString(`" lang="`)
					b.WriteString(esc(lang))
				}
				b.WriteString(`">`)
				b.WriteString(esc(text))
				b.WriteString(`</a>`)
			}
			num := func(attr string, v string, shown string) {
				b.WriteString(`<td class="num"` + attr + ` data-value="` + v + `">`)
				if shown == "" {
					b.WriteString(`<span class="muted">—</span>`)
				} else {
					b.WriteString(esc(shown))
				}
				b.WriteString(`</td>`)
			}
			late := rollup.Overdue(o, today)
			var head string
			if late {
				head = ` class="is-overdue"`
			}
			head += filterAttrs(o, late) + `><td class="num" data-label="#">`
			b.WriteString(`</td>`)
			ol := foreignLang(s, lang, o)
			if ol != "" {
				b.WriteString(`<th scope="row" lang="` + esc(ol) + `">`)
			} else {
				b.WriteString(`<th scope="row">`)
			}
			b.WriteString(esc(o.Title))
			b.WriteString(`</th><td` + touchpoint + `>`)
			a(o.Touchpoint.URL, o.Touchpoint.Title, ol)
			b.WriteString(`<br><small class="muted">`)
			a(o.Touchpoint.Journey.URL, o.Touchpoint.Journey.Title, ol)
			b.WriteString(`</small></td><td` + owner + `>`)
			if o.Owner != nil {
				a(o.Owner.URL, o.Owner.Title, "")
			} else {
				b.WriteString(`<span class="gap"><span aria-hidden="true">⚠ </span>`)
				b.WriteString(esc(words.Word(lang, "no-owner")))
				b.WriteString(`</span>`)
			}
			b.WriteString(`</td><td` + status + ` data-value="` + strconv.Itoa(slices.Index(opportunityStatuses, o.Status)) + `"><span class="badge status status-` + esc(o.Status) + `">` + esc(words.Word(lang, o.Status)) + `</span></td>`)
			if o.Due.IsZero() {
				b.WriteString(`<td` + due + ` data-value=""><span class="muted">—</span></td>`)
			} else {
				iso := o.Due.Format(time.DateOnly)
				b.WriteString(`<td` + due + ` data-value="` + iso + `"><time datetime="` + iso + `">`)
				b.WriteString(esc(words.Date(lang, o.Due)))
				b.WriteString(`</time>`)
				if late {
					b.WriteString(` <strong class="overdue"><span aria-hidden="true">⚠ </span>`)
					b.WriteString(esc(words.Word(lang, "overdue")))
					b.WriteString(`</strong>`)
				}
				b.WriteString(`</td>`)
			}
			whole := func(v int) (string, string) {
				if v == 0 {
					return "", ""
				}
				return strconv.Itoa(v), strconv.Itoa(v)
			}
			v, shown := whole(o.Impact)
			num(impact, v, shown)
			v, shown = whole(o.Effort)
			num(effort, v, shown)
			if o.Confidence != nil {
				num(confidence, strconv.FormatFloat(*o.Confidence, 'f', -1, 64), FormatNumber(*o.Confidence*100)+" %")
			} else {
				num(confidence, "", "")
			}
			if sc, ok := o.Score(); ok {
				num(score, strconv.FormatFloat(sc, 'f', -1, 64), FormatNumber(sc))
			} else {
				num(score, "", "")
			}
			b.WriteString(`<td` + kpi + `>`)
			if o.KPI == "" {
				b.WriteString(`<span class="muted">—</span>`)
			} else {
				b.WriteString(esc(o.KPI))
				if o.Expected != nil {
					unit := ""
					for _, k := range o.Touchpoint.KPIs {
						if k.Name == o.KPI || k.Ref == o.KPI {
							unit = k.Unit
						}
					}
					b.WriteString(` → ` + esc(FormatNumber(*o.Expected)))
					if unit != "" {
						b.WriteString(` ` + esc(unit))
					}
				}
			}
			b.WriteString(`</td></tr>`)
			return rowParts{head, b.String()}
		})
		parts = append(parts, p)
		size += len(p[0]) + len(p[1]) + 40
	}
	var b strings.Builder
	b.Grow(size)
	for i, p := range parts {
		n := strconv.Itoa(i + 1)
		b.WriteString("\n<tr id=\"opp-")
		b.WriteString(n)
		b.WriteString(`"`)
		b.WriteString(p[0])
		b.WriteString(n)
		b.WriteString(p[1])
	}
	return template.HTML(b.String()) // every piece escaped when made
}
