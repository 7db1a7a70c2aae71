package swimlane

import (
	"math"
	"strconv"
	"strings"

	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/theme"
)

// cardBody lays out a touchpoint card: its title, whole; its channel with
// an icon; its importance as bars; its owner.
func (l *layout) cardBody(cd *card) *block {
	tp, w := cd.tp, cd.w-2*pad
	lang := l.o.Lang
	ls := wrapped(tp.Title, faceTitle, w, "title")
	if tp.Channel != nil {
		for i, cl := range wrapped(theme.ChannelName(lang, tp.Channel.Slug, tp.Channel.Title), faceMeta, w-markerW, "meta") {
			cl.dx = markerW
			if i == 0 {
				slug := tp.Channel.Slug
				cl.icon = func(wr *writer, x, y float64) { channelIcon(wr, slug, x, y) }
			}
			ls = append(ls, cl)
		}
	}
	if tp.Importance != "" {
		level := importanceLevel(tp.Importance)
		for i, il := range wrapped(theme.Word(lang, "importance")+": "+theme.Word(lang, tp.Importance), faceMeta, w-30, "meta") {
			il.dx = 30
			if i == 0 {
				il.icon = func(wr *writer, x, y float64) { importanceIcon(wr, level, x, y) }
			}
			ls = append(ls, il)
		}
	}
	switch {
	case tp.Owner != nil:
		ls = append(ls, wrapped(theme.Word(lang, "owner")+": "+tp.Owner.Title, faceMeta, w, "meta")...)
	case tp.OwnerNone:
		for i, ol := range wrapped(theme.Word(lang, "owner")+": "+theme.Word(lang, "nobody"), faceMeta, w-markerW, "warn") {
			ol.dx = markerW
			if i == 0 {
				ol.icon = warnIcon
			}
			ls = append(ls, ol)
		}
	}
	return &block{h: linesHeight(ls), draw: func(wr *writer, x, y, _ float64) { wr.lines(ls, x, y, "", 0) }}
}

// cell lays out one stage's content in a lane that is drawn per stage.
func (l *layout) cell(lane string, c *column) *block {
	w := c.w - 2*pad
	lang := l.o.Lang
	gather := func(get func(*site.Touchpoint) []string) []string {
		var out []string
		for _, tp := range c.st.Touchpoints {
			out = append(out, get(tp)...)
		}
		return out
	}
	list := func(items []string, class string) *block {
		ls, cut, full := bullets(items, faceText, w, maxLines, class)
		for i := range ls {
			if ls[i].icon != nil {
				ls[i].icon = markerFor(lane)
			}
		}
		b := &block{h: linesHeight(ls), draw: func(wr *writer, x, y, _ float64) { wr.lines(ls, x, y, "", 0) }}
		if cut {
			b.title = full
		}
		return b
	}
	switch lane {
	case "actions":
		return list(gather(func(t *site.Touchpoint) []string { return t.Actions.Texts() }), "text")
	case "questions":
		return list(gather(func(t *site.Touchpoint) []string { return t.Questions.Texts() }), "text")
	case "barriers":
		return list(gather(func(t *site.Touchpoint) []string { return t.Barriers.Texts() }), "pain")
	case "pains":
		return list(gather(func(t *site.Touchpoint) []string { return t.Pains.Texts() }), "pain")
	case "gains":
		return list(gather(func(t *site.Touchpoint) []string { return t.Gains.Texts() }), "gain")
	case "influencers":
		return list(gather(func(t *site.Touchpoint) []string { return t.Influencers.Texts() }), "text")
	case "processes":
		return list(gather(func(t *site.Touchpoint) []string { return t.Processes.Texts() }), "text")
	case "owners":
		var ls []line
		var links []string
		seen := map[string]bool{}
		for _, tp := range c.st.Touchpoints {
			switch {
			case tp.Owner != nil && !seen[tp.Owner.Slug]:
				seen[tp.Owner.Slug] = true
				for _, ol := range wrapped(tp.Owner.Title, faceText, w, "link") {
					ls = append(ls, ol)
					links = append(links, tp.Owner.URL)
				}
			case tp.OwnerNone && !seen[""]:
				seen[""] = true
				for i, ol := range wrapped(theme.Word(lang, "nobody"), faceText, w-markerW, "warn") {
					ol.dx = markerW
					if i == 0 {
						ol.icon = warnIcon
					}
					ls = append(ls, ol)
					links = append(links, "")
				}
			}
		}
		return &block{h: linesHeight(ls), draw: func(wr *writer, x, y, _ float64) { wr.linkedLines(ls, links, x, y) }}
	case "kpis":
		var ls []line
		var links []string
		for _, tp := range c.st.Touchpoints {
			for _, k := range tp.KPIs {
				for _, kl := range wrapped(k.Name, faceText, w, "text") {
					ls, links = append(ls, kl), append(links, tp.URL)
				}
				value := KPIValue(k.Current, k.Unit) + " → " + KPIValue(k.Target, k.Unit)
				for _, kl := range wrapped(value, faceMeta, w, "meta") {
					ls, links = append(ls, kl), append(links, tp.URL)
				}
			}
		}
		return &block{h: linesHeight(ls), draw: func(wr *writer, x, y, _ float64) { wr.linkedLines(ls, links, x, y) }}
	case "opportunities":
		var ls []line
		var links []string
		for _, tp := range c.st.Touchpoints {
			for _, op := range tp.Opportunities {
				title, _ := faceText.Clamp(op.Title, w, 3)
				for _, s := range title {
					ls, links = append(ls, line{text: s, face: faceText, class: "text"}), append(links, tp.URL)
				}
				var meta []string
				if op.Owner != nil {
					meta = append(meta, op.Owner.Title)
				}
				if !op.Due.IsZero() {
					meta = append(meta, op.Due.Format("2006-01-02"))
				}
				meta = append(meta, theme.Word(lang, op.Status))
				for _, ml := range wrapped(strings.Join(meta, " · "), faceMeta, w, "meta") {
					ls, links = append(ls, ml), append(links, tp.URL)
				}
				if op.Status != "done" && !op.Due.IsZero() && !l.o.Today.IsZero() && op.Due.Before(l.o.Today) {
					for i, ol := range wrapped(theme.Word(lang, "overdue"), faceMeta, w-markerW, "warn") {
						ol.dx = markerW
						if i == 0 {
							ol.icon = warnIcon
						}
						ls, links = append(ls, ol), append(links, tp.URL)
					}
				}
			}
		}
		return &block{h: linesHeight(ls), draw: func(wr *writer, x, y, _ float64) { wr.linkedLines(ls, links, x, y) }}
	}
	return &block{draw: func(*writer, float64, float64, float64) {}}
}

func importanceLevel(s string) int {
	switch s {
	case "critical":
		return 4
	case "high":
		return 3
	case "medium":
		return 2
	}
	return 1
}

func percent(v float64) string { return num(math.Round(v*1000)/10) + " %" }

// KPIValue writes a KPI value with its unit, or "—" when it is unknown.
func KPIValue(v *float64, unit string) string {
	if v == nil {
		return "—"
	}
	s := strconv.FormatFloat(*v, 'f', -1, 64)
	switch unit {
	case "":
		return s
	case "%":
		return s + " %"
	}
	return s + " " + unit
}
