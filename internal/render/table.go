package render

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/swimlane"
	"github.com/cjm-portal/cjm/internal/words"
)

// Table is a journey map as an accessible HTML table: stages across, one
// row per lane. It carries the same information as the SVG map, for screen
// readers and for pages read without images.
type Table struct {
	Stages []*site.Stage
	Rows   []Row
}

// Row is one lane of the map.
type Row struct {
	Lane  string // the lane's key: touchpoints, emotions, ...
	Label string // the lane's name in the interface language
	Cells [][]Entry
}

// Entry is one line in a cell.
type Entry struct {
	Text  string
	URL   string        // a site path, "" for plain text
	Meta  string        // a short note: channel, owner, date
	Class string        // for styling: emotion-n2 ... emotion-p2, overdue, depth-1
	Face  template.HTML // an emotion's face, drawn before the text (EmotionFace); "" for none
}

// NewTable lays a journey out as a Table in the interface language lang.
func NewTable(j *site.Journey, lang string) *Table {
	t := &Table{Stages: j.Stages}
	for _, lane := range j.Lanes {
		if lane == "stages" {
			continue // the stages are the table's header
		}
		row := Row{Lane: lane, Label: words.Word(lang, lane)}
		for _, st := range j.Stages {
			row.Cells = append(row.Cells, cell(lane, st, lang))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func cell(lane string, st *site.Stage, lang string) []Entry {
	var out []Entry
	texts := func(get func(*site.Touchpoint) []string) {
		seen := map[string]bool{}
		for _, tp := range st.Touchpoints {
			for _, s := range get(tp) {
				if !seen[s] {
					seen[s] = true
					out = append(out, Entry{Text: s})
				}
			}
		}
	}
	if l, ok := content.NoteListOf(lane); ok {
		texts(func(t *site.Touchpoint) []string { return l.Of(t.Touchpoint).Texts() })
		return out
	}
	switch lane {
	case "touchpoints":
		for _, tp := range st.Touchpoints {
			var meta []string
			if tp.Channel != nil {
				meta = append(meta, swimlane.ChannelName(lang, tp.Channel))
			}
			if tp.Importance != "" {
				meta = append(meta, words.Word(lang, "importance")+": "+words.Word(lang, tp.Importance))
			}
			e := Entry{Text: tp.Title, URL: tp.URL, Meta: strings.Join(meta, " · ")}
			if tp.Depth > 0 {
				e.Class = "depth-1"
			}
			out = append(out, e)
		}
	case "emotions":
		// One entry a touchpoint, or one a persona where they differ.
		for _, tp := range st.Touchpoints {
			if v := tp.Unanimous(); v != nil {
				e := *v
				out = append(out, Entry{Text: signed(e), Face: EmotionFace(e), Meta: tp.Title + ": " + words.EmotionWord(lang, e), URL: tp.URL, Class: emotionClass(e)})
				continue
			}
			for _, f := range tp.Feelings {
				e := f.Value
				out = append(out, Entry{Text: f.Persona.Name() + " " + signed(e), Face: EmotionFace(e), Meta: tp.Title + ": " + words.EmotionWord(lang, e), URL: tp.URL, Class: emotionClass(e)})
			}
		}
	case "engagement":
		for _, tp := range st.Touchpoints {
			if tp.Engagement != "" {
				out = append(out, Entry{Text: words.Word(lang, tp.Engagement), Meta: tp.Title, URL: tp.URL})
			}
		}
	case "owners":
		seen := map[string]bool{}
		for _, tp := range st.Touchpoints {
			switch {
			case tp.Owner != nil && !seen[tp.Owner.Slug]:
				seen[tp.Owner.Slug] = true
				out = append(out, Entry{Text: tp.Owner.Title, URL: tp.Owner.URL})
			case tp.OwnerNone && !seen[""]:
				seen[""] = true
				out = append(out, Entry{Text: words.Word(lang, "nobody"), Class: "gap"})
			}
		}
	case "kpis":
		for _, tp := range st.Touchpoints {
			for _, k := range tp.KPIs {
				out = append(out, Entry{Text: k.Name, URL: k.URL(), Meta: swimlane.KPIValue(k.Current, k.Unit) + " → " + swimlane.KPIValue(k.Target, k.Unit)})
			}
		}
	case "opportunities":
		for _, tp := range st.Touchpoints {
			for _, o := range tp.Opportunities {
				var meta []string
				if o.Owner != nil {
					meta = append(meta, o.Owner.Title)
				}
				if !o.Due.IsZero() {
					meta = append(meta, words.Date(lang, o.Due))
				}
				meta = append(meta, words.Word(lang, o.Status))
				out = append(out, Entry{Text: o.Title, URL: tp.URL, Meta: strings.Join(meta, " · ")})
			}
		}
	}
	return out
}

func emotionClass(e int) string {
	switch {
	case e < 0:
		return "emotion-n" + strconv.Itoa(-e)
	case e > 0:
		return "emotion-p" + strconv.Itoa(e)
	}
	return "emotion-0"
}
