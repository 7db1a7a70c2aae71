package author

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/diag"
)

// The columns a spreadsheet of touchpoints may have, named like the
// contract's keys, in the order a touchpoint's keys are written. `stage`
// names the row's stage (empty: the row above's); `body` is the free text.
var csvColumns = slices.Concat([]string{
	"stage", "title", "slug", "description", "weight", "channel", "emotion", "emotions", "importance", "engagement",
	"owner", "source",
}, content.NoteListKeys(), []string{
	"csi", "nps", "conversion", "parent", "related", "body",
})

// csvAliases are other names spreadsheets give the same columns.
var csvAliases = map[string]string{
	"touchpoint": "title", "name": "title", "metrics.csi": "csi", "metrics.nps": "nps",
	"metrics.conversion": "conversion", "text": "body", "notes": "body",
}

// metricRange is the range of each metric, as the loader checks it.
var metricRange = map[string][2]float64{"csi": {1, 5}, "nps": {-100, 100}, "conversion": {0, 1}}

// csvLists are the columns that hold lists: a touchpoint's lists of notes
// and related.
var csvLists = append(content.NoteListKeys(), "related")

// ReadCSV reads a spreadsheet of touchpoints, one row each, into the stages
// and touchpoints of a draft (slug, title and personas are the caller's).
// A header row names the columns; lists are separated by ";" or line
// breaks within the cell. An `emotion` or `emotions` cell holds one integer
// or one per persona, "irina: 1; tomas: -2"; a sheet that names personas so
// makes them the draft's, in the order first named. It accepts a byte order
// mark, CRLF line ends, and ",", ";" or tab between cells (spreadsheets in
// many languages save with ";"). Problems are reported at name:line.
func ReadCSV(name string, data []byte) (*Draft, diag.List) {
	var diags diag.List
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		diags.Errorf(name, line, "save the sheet as \"CSV UTF-8\"", "the file is not UTF-8 text")
		return nil, diags
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = delimiter(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil {
		diags.Errorf(name, 1, "give the sheet a header row naming its columns: stage, title, emotion, ...", "no header row")
		return nil, diags
	}
	cols := make([]string, len(header))
	for i, h := range header {
		key := strings.ToLower(strings.TrimSpace(h))
		key = strings.ReplaceAll(strings.ReplaceAll(key, " ", "-"), "_", "-")
		if a, ok := csvAliases[key]; ok {
			key = a
		}
		switch {
		case key == "":
		case !slices.Contains(csvColumns, key):
			hint := "columns are: " + strings.Join(csvColumns, ", ")
			if s := content.Nearest(key, csvColumns); s != "" {
				hint = fmt.Sprintf("did you mean `%s`? %s", s, hint)
			}
			diags.Errorf(name, 1, hint, "column %d, %q: unknown column", i+1, strings.TrimSpace(h))
		case slices.Contains(cols[:i], key):
			diags.Errorf(name, 1, "keep one column of each name", "column %d, %q: a second %s column", i+1, strings.TrimSpace(h), key)
			key = ""
		}
		cols[i] = key
	}
	for _, need := range []string{"stage", "title"} {
		if !slices.Contains(cols, need) {
			diags.Errorf(name, 1, "name the columns in the first row, e.g. stage, title, channel, emotion", "no %s column", need)
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}

	d := &Draft{}
	var named []string // personas named by per-persona emotions, in order
	stage := -1
	slugs := map[string]int{}     // touchpoint slug → how many so far
	titled := map[string]string{} // title → slug, to read parents written as titles
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			diags.Errorf(name, line, "check the quotes in this row", "%v", err)
			break
		}
		cell := map[string]string{}
		empty := true
		for i, v := range rec {
			if i < len(cols) && cols[i] != "" {
				if v = strings.TrimSpace(v); v != "" {
					cell[cols[i]] = v
					empty = false
				}
			} else if strings.TrimSpace(v) != "" {
				diags.Errorf(name, line, "name the column in the header row, or empty the cell", "cell %d has no column", i+1)
			}
		}
		if empty {
			continue
		}
		if st := cell["stage"]; st != "" && (stage < 0 || d.Stages[stage].Title != st) {
			stage = slices.IndexFunc(d.Stages, func(s DraftStage) bool { return s.Title == st })
			if stage < 0 {
				d.Stages = append(d.Stages, DraftStage{Title: st})
				stage = len(d.Stages) - 1
			}
		}
		if stage < 0 {
			diags.Errorf(name, line, "write the stage's title in the stage column; rows below with an empty stage belong to it", "no stage")
			continue
		}
		if cell["title"] == "" {
			diags.Errorf(name, line, "give every touchpoint a title", "no title")
			continue
		}
		t := DraftTouchpoint{Body: cell["body"]}
		metrics := map[string]any{}
		for _, col := range csvColumns {
			v, ok := cell[col]
			if !ok || col == "stage" || col == "body" || col == "slug" {
				continue
			}
			bad := func(hint string) {
				diags.Errorf(name, line, hint, "%s: %q is not allowed", col, v)
			}
			switch col {
			case "emotion", "emotions":
				if col == "emotions" && cell["emotion"] != "" {
					diags.Errorf(name, line, "fill one of the two in a row", "emotion and emotions: both are filled")
					continue
				}
				e, ok := emotionCell(v)
				if !ok {
					bad("use an integer from -2 (very negative) to 2 (very positive), or one per persona: `irina: 1; tomas: -2`")
					continue
				}
				if es, ok := e.([]content.PersonaEmotion); ok {
					for _, pe := range es {
						if !slices.Contains(named, pe.Persona) {
							named = append(named, pe.Persona)
						}
					}
				}
				t.Keys = append(t.Keys, Key{"emotion", e})
			case "weight":
				n, err := strconv.Atoi(v)
				if err != nil {
					bad("use a whole number; lower weights come first")
					continue
				}
				t.Keys = append(t.Keys, Key{col, n})
			case "importance", "engagement", "source":
				allowed := map[string][]string{"importance": content.Importances, "engagement": content.Engagements, "source": content.Sources}[col]
				low := strings.ToLower(v)
				if !slices.Contains(allowed, low) {
					bad("use one of: " + strings.Join(allowed, ", "))
					continue
				}
				t.Keys = append(t.Keys, Key{col, low})
			case "csi", "nps", "conversion":
				lo, hi := metricRange[col][0], metricRange[col][1]
				f, ok := number(v)
				if !ok || f < lo || f > hi {
					bad(fmt.Sprintf("use a number from %g to %g", lo, hi))
					continue
				}
				metrics[col] = f
			default:
				if slices.Contains(csvLists, col) {
					t.Keys = append(t.Keys, Key{col, splitCell(v)})
				} else {
					t.Keys = append(t.Keys, Key{col, v})
				}
			}
		}
		if len(metrics) > 0 {
			t.Keys = append(t.Keys, Key{"metrics", metrics})
		}
		if _, ok := cell["weight"]; !ok && len(t.Keys) > 0 {
			// Keep the rows' order, not the titles'.
			w := Key{"weight", 10 * (len(d.Stages[stage].Touchpoints) + 1)}
			t.Keys = append(t.Keys[:1], append([]Key{w}, t.Keys[1:]...)...)
		}
		t.Slug = SlugOf(cell["title"])
		if s := cell["slug"]; s != "" {
			t.Slug = SlugOf(s)
		}
		slugs[t.Slug]++
		if n := slugs[t.Slug]; n > 1 {
			t.Slug = fmt.Sprintf("%s-%d", t.Slug, n)
		}
		titled[strings.ToLower(cell["title"])] = t.Slug
		d.Stages[stage].Touchpoints = append(d.Stages[stage].Touchpoints, t)
	}
	// A parent may be written as the other row's title: use its slug.
	for si := range d.Stages {
		for ti := range d.Stages[si].Touchpoints {
			t := &d.Stages[si].Touchpoints[ti]
			for ki := range t.Keys {
				if k := &t.Keys[ki]; k.Name == "parent" {
					if slug, ok := titled[strings.ToLower(k.Value.(string))]; ok {
						k.Value = slug
					} else {
						k.Value = SlugOf(k.Value.(string))
					}
				}
			}
		}
	}
	if len(d.Stages) == 0 && !diags.HasErrors() {
		diags.Errorf(name, 2, "add a row for each touchpoint under the header", "no touchpoints")
	}
	for _, slug := range named {
		d.Personas = append(d.Personas, DraftPersona{Slug: slug})
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return d, diags
}

// emotionCell reads an emotion: an integer from -2 to 2 ("+1" too), or
// one per persona, "irina: 1; tomas: -2" (`;` or line breaks between), as
// []content.PersonaEmotion in the order written.
func emotionCell(v string) (any, bool) {
	value := func(s string) (int, bool) {
		n, err := strconv.Atoi(strings.TrimPrefix(strings.TrimSpace(s), "+"))
		return n, err == nil && n >= content.EmotionRange[0] && n <= content.EmotionRange[1]
	}
	if !strings.Contains(v, ":") {
		return value(v)
	}
	var out []content.PersonaEmotion
	for _, part := range splitCell(v) {
		who, n, ok := strings.Cut(part, ":")
		slug := content.Slugify(who)
		e, valid := value(n)
		if !ok || !valid || content.CheckSlug(slug) != nil || slices.ContainsFunc(out, func(p content.PersonaEmotion) bool { return p.Persona == slug }) {
			return nil, false
		}
		out = append(out, content.PersonaEmotion{Persona: slug, Value: e})
	}
	return out, len(out) > 0
}

// splitCell splits a list cell at ";" and line breaks.
func splitCell(v string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// number reads "0.4", "0,4" (a decimal comma) or "40%".
func number(v string) (float64, bool) {
	v = strings.ReplaceAll(strings.TrimSpace(v), ",", ".")
	pct := strings.HasSuffix(v, "%")
	f, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(v, "%")), 64)
	if err != nil {
		return 0, false
	}
	if pct {
		f /= 100
	}
	return f, true
}

// delimiter guesses the cell separator from the header line: the most
// frequent of comma, semicolon and tab outside quotes.
func delimiter(data []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(data) {
		if r == '"' {
			quoted = !quoted
		}
		if !quoted && (r == '\n' || r == '\r') {
			break
		}
		if !quoted && (r == ',' || r == ';' || r == '\t') {
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}
