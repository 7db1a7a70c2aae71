package author

import (
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
)

// The journey sheet: `cjm export csv JOURNEY` writes a journey, its
// stages, touchpoints, personas, the teams it names and the site settings
// one row each, and `cjm import csv` reads it back, as a new journey or
// (with -update) into the journey it came from. The columns are the
// front-matter keys, and sheetColumns is the one table of them: a key
// added to the contract is carried by adding it here. Metrics are found in
// content.Metrics by reflection, so a new metric needs no change here, and
// a structured list (kpis, opportunities) is encoded from its struct's
// fields, so a new field of an entry needs none either.

// Row kinds: the sheet's `kind` column, named as the loader's kinds.
const (
	kindSite       = string(content.KindSite)
	kindPersona    = string(content.KindPersona)
	kindTeam       = string(content.KindTeam)
	kindChannel    = string(content.KindChannel)
	kindKPI        = string(content.KindKPI)
	kindCompetitor = string(content.KindCompetitor)
	kindJourney    = string(content.KindJourney)
	kindStage      = string(content.KindStage)
	kindTouchpoint = string(content.KindTouchpoint)
)

// sheetKinds are the row kinds, in the order export writes them.
var sheetKinds = []string{kindSite, kindPersona, kindTeam, kindChannel, kindKPI, kindCompetitor, kindJourney, kindStage, kindTouchpoint}

// sheetColumn is one column of the sheet for the row kinds it applies to.
// Two entries may share a name for different kinds (`pains` is a list of
// notes on a touchpoint and a plain list on a persona).
type sheetColumn struct {
	Name  string // the header, and the front-matter key ("metrics.csi": a key of metrics)
	Key   string // the front-matter key where it is not Name (a channel's kind: the header "kind" places rows)
	Kinds []string
	Codec codec
	// Get reads the column's value from an item of one of Kinds, as
	// written: nil when it has none.
	Get func(item any) any
}

// The codecs: how a value is written in a cell and read from one.
type codec int

const (
	cText    codec = iota // one line of text (or more, for the body)
	cInt                  // a whole number
	cNumber               // a decimal number; "4,2" and "40%" are read too
	cDate                 // YYYY-MM-DD
	cList                 // one item a line
	cNotes                // one item a line, an item's own source after it in brackets: "Fear [interview]"
	cEmotion              // an integer, or one "persona: N" a line
	cRecords              // one entry a line: "Main | key: value | key: value"
	cBody                 // the Markdown body, as it is
	cMap                  // one "key: text" a line, e.g. a channel's titles "ru: Письмо"
)

var (
	allItems   = []string{kindSite, kindPersona, kindTeam, kindChannel, kindKPI, kindCompetitor, kindJourney, kindStage, kindTouchpoint}
	onlyTP     = []string{kindTouchpoint}
	onlyStage  = []string{kindStage}
	onlyJour   = []string{kindJourney}
	onlyPers   = []string{kindPersona}
	onlyTeam   = []string{kindTeam}
	onlyChan   = []string{kindChannel}
	siteJour   = []string{kindSite, kindJourney}
	onlySite   = []string{kindSite}
	journeyTP  = []string{kindJourney, kindTouchpoint}
	named      = []string{kindPersona, kindTeam, kindChannel, kindKPI, kindCompetitor, kindJourney, kindStage, kindTouchpoint}
	onlyKPI    = []string{kindKPI}
	tpAndStage = []string{kindStage, kindTouchpoint}
)

// sheetColumns is the table of columns, in the order export writes them.
// kind, file and stage place a row; the others are front-matter keys.
var sheetColumns = func() []sheetColumn {
	cols := []sheetColumn{
		{Name: "kind", Kinds: allItems, Codec: cText},
		{Name: "file", Kinds: named, Codec: cText},
		{Name: "stage", Kinds: onlyTP, Codec: cText},
		{Name: "slug", Kinds: named, Codec: cText, Get: func(it any) any { return str(metaOf(it).Slug) }},
		{Name: "title", Kinds: allItems, Codec: cText, Get: func(it any) any { return str(metaOf(it).Title) }},
		{Name: "description", Kinds: allItems, Codec: cText, Get: func(it any) any { return str(metaOf(it).Description) }},
		{Name: "weight", Kinds: named, Codec: cInt, Get: func(it any) any { return whole(metaOf(it).Weight) }},
		// The journey.
		{Name: "personas", Kinds: onlyJour, Codec: cList, Get: func(it any) any { return list(it.(*content.Journey).Personas) }},
		{Name: "scenario", Kinds: onlyJour, Codec: cText, Get: func(it any) any { return str(it.(*content.Journey).Scenario) }},
		{Name: "product", Kinds: onlyJour, Codec: cText, Get: func(it any) any { return str(it.(*content.Journey).Product) }},
		{Name: "state", Kinds: onlyJour, Codec: cText, Get: func(it any) any { return str(it.(*content.Journey).State) }},
		{Name: "target", Kinds: onlyJour, Codec: cText, Get: func(it any) any { return str(it.(*content.Journey).Target) }},
		{Name: "owner", Kinds: []string{kindJourney, kindTouchpoint, kindKPI}, Codec: cText, Get: func(it any) any {
			switch v := it.(type) {
			case *content.Journey:
				return str(v.Owner)
			case *content.KPIDef:
				return str(v.Owner)
			}
			return str(it.(*content.Touchpoint).Owner)
		}},
		{Name: "lanes", Kinds: onlyJour, Codec: cList, Get: func(it any) any { return list(it.(*content.Journey).Lanes) }},
		{Name: "tags", Kinds: onlyJour, Codec: cList, Get: func(it any) any { return list(it.(*content.Journey).Tags) }},
		{Name: "updated", Kinds: onlyJour, Codec: cDate, Get: func(it any) any { return day(it.(*content.Journey).Updated) }},
		{Name: "language", Kinds: siteJour, Codec: cText, Get: func(it any) any {
			if j, ok := it.(*content.Journey); ok {
				return str(j.Language)
			}
			return str(it.(*content.Settings).Language)
		}},
		{Name: "keep", Kinds: onlyJour, Codec: cList, Get: func(it any) any { return list(it.(*content.Journey).Keep) }},
		// The stage.
		{Name: "duration", Kinds: onlyStage, Codec: cText, Get: func(it any) any { return str(it.(*content.Stage).Duration) }},
		{Name: "goals", Kinds: []string{kindStage, kindPersona}, Codec: cList, Get: func(it any) any {
			if s, ok := it.(*content.Stage); ok {
				return list(s.Goals)
			}
			return list(it.(*content.Persona).Goals)
		}},
		{Name: "expectations", Kinds: onlyStage, Codec: cList, Get: func(it any) any { return list(it.(*content.Stage).Expectations) }},
		{Name: "conversion", Kinds: onlyStage, Codec: cNumber, Get: func(it any) any { return num(it.(*content.Stage).Conversion) }},
		// The touchpoint.
		{Name: "channel", Kinds: onlyTP, Codec: cText, Get: func(it any) any { return str(it.(*content.Touchpoint).Channel) }},
		{Name: "emotion", Kinds: onlyTP, Codec: cEmotion, Get: func(it any) any { return emotionOf(it.(*content.Touchpoint)) }},
		{Name: "importance", Kinds: onlyTP, Codec: cText, Get: func(it any) any { return str(it.(*content.Touchpoint).Importance) }},
		{Name: "engagement", Kinds: onlyTP, Codec: cText, Get: func(it any) any { return str(it.(*content.Touchpoint).Engagement) }},
		{Name: "source", Kinds: onlyTP, Codec: cText, Get: func(it any) any { return str(it.(*content.Touchpoint).Evidence) }},
		{Name: "parent", Kinds: onlyTP, Codec: cText, Get: func(it any) any { return str(it.(*content.Touchpoint).Parent) }},
		{Name: "related", Kinds: onlyTP, Codec: cList, Get: func(it any) any { return list(it.(*content.Touchpoint).Related) }},
		{Name: "replaces", Kinds: onlyTP, Codec: cList, Get: func(it any) any { return list(it.(*content.Touchpoint).Replaces) }},
	}
	for _, l := range content.NoteLists {
		cols = append(cols, sheetColumn{Name: l.Key, Kinds: onlyTP, Codec: cNotes, Get: func(it any) any {
			return notesOf(l.Of(it.(*content.Touchpoint)))
		}})
	}
	cols = append(cols,
		sheetColumn{Name: "kpis", Kinds: onlyTP, Codec: cRecords, Get: func(it any) any { return recordsOf(it.(*content.Touchpoint).KPIs) }},
	)
	// Every metric of content.Metrics, by reflection: metrics.csi, ...
	mt := reflect.TypeFor[content.Metrics]()
	for i := range mt.NumField() {
		f := mt.Field(i)
		if f.Type != reflect.TypeFor[*float64]() {
			continue
		}
		cols = append(cols, sheetColumn{Name: "metrics." + strings.ToLower(f.Name), Kinds: onlyTP, Codec: cNumber, Get: func(it any) any {
			return num(reflect.ValueOf(it.(*content.Touchpoint).Metrics).Field(i).Interface().(*float64))
		}})
	}
	cols = append(cols,
		sheetColumn{Name: "opportunities", Kinds: onlyTP, Codec: cRecords, Get: func(it any) any { return recordsOf(it.(*content.Touchpoint).Opportunities) }},
		sheetColumn{Name: "competitors", Kinds: onlyTP, Codec: cRecords, Get: func(it any) any { return recordsOf(it.(*content.Touchpoint).Competitors) }},
		// A persona.
		sheetColumn{Name: "role", Kinds: onlyPers, Codec: cText, Get: func(it any) any { return str(it.(*content.Persona).Role) }},
		sheetColumn{Name: "segment", Kinds: onlyPers, Codec: cText, Get: func(it any) any { return str(it.(*content.Persona).Segment) }},
		sheetColumn{Name: "quote", Kinds: onlyPers, Codec: cText, Get: func(it any) any { return str(it.(*content.Persona).Quote) }},
		sheetColumn{Name: "avatar", Kinds: onlyPers, Codec: cText, Get: func(it any) any { return str(it.(*content.Persona).Avatar) }},
		sheetColumn{Name: "needs", Kinds: onlyPers, Codec: cList, Get: func(it any) any { return list(it.(*content.Persona).Needs) }},
		sheetColumn{Name: "pains", Kinds: onlyPers, Codec: cList, Get: func(it any) any { return list(it.(*content.Persona).Pains) }},
		sheetColumn{Name: "channels", Kinds: onlyPers, Codec: cList, Get: func(it any) any { return list(it.(*content.Persona).Channels) }},
		// A team.
		sheetColumn{Name: "lead", Kinds: onlyTeam, Codec: cText, Get: func(it any) any { return str(it.(*content.Team).Lead) }},
		sheetColumn{Name: "contact", Kinds: onlyTeam, Codec: cText, Get: func(it any) any { return str(it.(*content.Team).Contact) }},
		// A channel: its names in other languages, online or offline, its icon.
		sheetColumn{Name: "titles", Kinds: []string{kindChannel, kindKPI}, Codec: cMap, Get: func(it any) any {
			if d, ok := it.(*content.KPIDef); ok {
				return mapOf(d.Titles)
			}
			return mapOf(it.(*content.Channel).Titles)
		}},
		sheetColumn{Name: "channelKind", Key: "kind", Kinds: onlyChan, Codec: cText, Get: func(it any) any { return str(it.(*content.Channel).Kind) }},
		sheetColumn{Name: "icon", Kinds: onlyChan, Codec: cText, Get: func(it any) any { return str(it.(*content.Channel).Icon) }},
		// A KPI of the catalogue (its title, titles and owner above).
		sheetColumn{Name: "unit", Kinds: onlyKPI, Codec: cText, Get: func(it any) any { return str(it.(*content.KPIDef).Unit) }},
		sheetColumn{Name: "better", Kinds: onlyKPI, Codec: cText, Get: func(it any) any { return str(it.(*content.KPIDef).Better) }},
		sheetColumn{Name: "definition", Kinds: onlyKPI, Codec: cText, Get: func(it any) any { return str(it.(*content.KPIDef).Definition) }},
		sheetColumn{Name: "formula", Kinds: onlyKPI, Codec: cText, Get: func(it any) any { return str(it.(*content.KPIDef).Formula) }},
		sheetColumn{Name: "dataSource", Kinds: onlyKPI, Codec: cText, Get: func(it any) any { return str(it.(*content.KPIDef).DataSource) }},
		sheetColumn{Name: "target", Kinds: onlyKPI, Codec: cNumber, Get: func(it any) any { return num(it.(*content.KPIDef).Target) }},
		// A competitor.
		sheetColumn{Name: "website", Kinds: []string{kindCompetitor}, Codec: cText, Get: func(it any) any { return str(it.(*content.Competitor).Website) }},
		// The site settings, for a portal that has none yet.
		sheetColumn{Name: "baseURL", Kinds: onlySite, Codec: cText, Get: func(it any) any { return str(it.(*content.Settings).BaseURL) }},
		sheetColumn{Name: "currency", Kinds: onlySite, Codec: cText, Get: func(it any) any { return str(it.(*content.Settings).Currency) }},
		sheetColumn{Name: "body", Kinds: allItems, Codec: cBody, Get: func(it any) any { return str(strings.TrimSpace(string(metaOf(it).Body))) }},
	)
	return cols
}()

// placeColumns are the columns that place a row rather than hold a key.
var placeColumns = []string{"kind", "file", "stage"}

// sheetHeader is the header export writes: each name once, in order.
func sheetHeader() []string {
	var out []string
	for _, c := range sheetColumns {
		if !slices.Contains(out, c.Name) {
			out = append(out, c.Name)
		}
	}
	return out
}

// columnFor finds the column name for row kind, or nil.
func columnFor(name, kind string) *sheetColumn {
	for i := range sheetColumns {
		c := &sheetColumns[i]
		if strings.EqualFold(c.Name, name) && slices.Contains(c.Kinds, kind) {
			return c
		}
	}
	return nil
}

// key is the front-matter key the column holds.
func (c *sheetColumn) key() string {
	if c.Key != "" {
		return c.Key
	}
	return c.Name
}

func metaOf(it any) *content.Meta {
	if item, ok := it.(content.Item); ok {
		return item.ItemMeta()
	}
	panic(fmt.Sprintf("author: no meta in %T", it))
}

// The values a column holds, as written: nil for none, else a string, an
// int, a float64, a dateValue, a []string, a []noteValue, an int or
// []content.PersonaEmotion for emotion, or a []record.

type dateValue string

type noteValue struct{ Text, Source string }

// record is one entry of a structured list, its keys in order.
type record []field

type field struct {
	Key   string
	Value any // string, int, float64 or dateValue
}

func str(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func whole(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func num(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

func day(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return dateValue(t.Format(time.DateOnly))
}

func list(l []string) any {
	if len(l) == 0 {
		return nil
	}
	return slices.Clone(l)
}

func notesOf(ns content.Notes) any {
	if len(ns) == 0 {
		return nil
	}
	out := make([]noteValue, len(ns))
	for i, n := range ns {
		out[i] = noteValue{n.Text, n.Source}
	}
	return out
}

// mapOf is a map of texts as a record, its keys sorted.
func mapOf(m map[string]string) any {
	if len(m) == 0 {
		return nil
	}
	var r record
	for _, k := range slices.Sorted(maps.Keys(m)) {
		r = append(r, field{k, m[k]})
	}
	return r
}

func emotionOf(t *content.Touchpoint) any {
	if t.Emotion != nil {
		return *t.Emotion
	}
	if len(t.Emotions) > 0 {
		return slices.Clone(t.Emotions)
	}
	return nil
}

// recordsOf turns a slice of structs (content.KPI, content.Opportunity,
// ...) into records: each exported field a key named as the field in lower
// case, left out when empty. Strings, ints, *float64 and dates (time.Time)
// are carried, so that a field added to the struct is carried too.
func recordsOf(slice any) any {
	v := reflect.ValueOf(slice)
	if v.Len() == 0 {
		return nil
	}
	out := make([]record, v.Len())
	for i := range v.Len() {
		out[i] = recordOf(v.Index(i))
	}
	return out
}

func recordOf(v reflect.Value) record {
	var r record
	for j := range v.NumField() {
		f := v.Type().Field(j)
		if !f.IsExported() {
			continue
		}
		key := entryKey(f)
		switch x := v.Field(j).Interface().(type) {
		case string:
			if x != "" {
				r = append(r, field{key, x})
			}
		case int:
			if x != 0 {
				r = append(r, field{key, x})
			}
		case *float64:
			if x != nil {
				r = append(r, field{key, *x})
			}
		case *int:
			if x != nil {
				r = append(r, field{key, *x})
			}
		case time.Time:
			if !x.IsZero() {
				r = append(r, field{key, dateValue(x.Format(time.DateOnly))})
			}
		}
	}
	return r
}

// recordKeys are the keys an entry of the structured list name may have,
// the first its main key (written without a label): from the struct of
// content.Touchpoint's field of that name.
func recordKeys(name string) []string {
	f, ok := reflect.TypeFor[content.Touchpoint]().FieldByName(recordField[name])
	if !ok {
		return nil
	}
	t := f.Type.Elem()
	var keys []string
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			keys = append(keys, entryKey(t.Field(i)))
		}
	}
	return keys
}

// recordField names the touchpoint's struct field of each structured list.
var recordField = map[string]string{"kpis": "KPIs", "opportunities": "Opportunities", "competitors": "Competitors"}

// entryKey is the front-matter key of a field of an entry: its `key` tag
// (content.KPI's Ref is written `kpi`), else its name in lower case.
func entryKey(f reflect.StructField) string {
	if k := f.Tag.Get("key"); k != "" {
		return k
	}
	return strings.ToLower(f.Name)
}

// recordKind tells how a key of an entry is read: "number", "whole",
// "date" or "text", from the struct field's type.
func recordKind(list, key string) string {
	f, ok := reflect.TypeFor[content.Touchpoint]().FieldByName(recordField[list])
	if !ok {
		return "text"
	}
	t := f.Type.Elem()
	for i := range t.NumField() {
		if entryKey(t.Field(i)) != key {
			continue
		}
		switch t.Field(i).Type {
		case reflect.TypeFor[*float64]():
			return "number"
		case reflect.TypeFor[int](), reflect.TypeFor[*int]():
			return "whole"
		case reflect.TypeFor[time.Time]():
			return "date"
		}
	}
	return "text"
}

// ---- Writing cells ----

// formatNumber writes a number as the loader reads it back exactly.
func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// encodeCell writes value v of column c in a cell; "" for none.
func encodeCell(c codec, v any) string {
	if v == nil {
		return ""
	}
	switch c {
	case cInt:
		return strconv.Itoa(v.(int))
	case cNumber:
		return formatNumber(v.(float64))
	case cDate:
		return string(v.(dateValue))
	case cList:
		return strings.Join(v.([]string), "\n")
	case cNotes:
		ns := v.([]noteValue)
		lines := make([]string, len(ns))
		for i, n := range ns {
			lines[i] = oneLine(n.Text)
			switch {
			case n.Source != "":
				lines[i] += " [" + n.Source + "]"
			case sourceSuffix(lines[i]) != "" || strings.HasSuffix(lines[i], " []"):
				lines[i] += " []" // the text's own brackets are not a source
			}
		}
		return strings.Join(lines, "\n")
	case cEmotion:
		if n, ok := v.(int); ok {
			return strconv.Itoa(n)
		}
		var lines []string
		for _, e := range v.([]content.PersonaEmotion) {
			lines = append(lines, e.Persona+": "+strconv.Itoa(e.Value))
		}
		return strings.Join(lines, "\n")
	case cMap:
		var lines []string
		for _, f := range v.(record) {
			lines = append(lines, f.Key+": "+oneLine(f.Value.(string)))
		}
		return strings.Join(lines, "\n")
	case cRecords:
		rs := v.([]record)
		lines := make([]string, len(rs))
		for i, r := range rs {
			lines[i] = encodeRecord(r)
		}
		return strings.Join(lines, "\n")
	}
	return v.(string)
}

// oneLine puts a list item on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// encodeRecord writes "Main | key: value | key: value": the first key's
// value bare when it is the entry's main key. "|" and "\" in values are
// escaped with "\".
func encodeRecord(r record) string {
	var parts []string
	for i, f := range r {
		v := escapeRecord(oneLine(recordText(f.Value)))
		if i == 0 && (f.Key == "name" || f.Key == "title") {
			parts = append(parts, v)
			continue
		}
		if i == 0 {
			parts = append(parts, "")
		}
		parts = append(parts, f.Key+": "+v)
	}
	return strings.Join(parts, " | ")
}

func recordText(v any) string {
	switch x := v.(type) {
	case int:
		return strconv.Itoa(x)
	case float64:
		return formatNumber(x)
	case dateValue:
		return string(x)
	}
	return v.(string)
}

var recordEscaper = strings.NewReplacer(`\`, `\\`, `|`, `\|`)

func escapeRecord(s string) string { return recordEscaper.Replace(s) }

// sourceSuffix returns the source named by a trailing " [source]", or "".
func sourceSuffix(s string) string {
	if !strings.HasSuffix(s, "]") {
		return ""
	}
	i := strings.LastIndex(s, " [")
	if i < 0 {
		return ""
	}
	src := strings.ToLower(s[i+2 : len(s)-1])
	if slices.Contains(content.Sources, src) {
		return src
	}
	return ""
}

// ---- Reading cells ----

// cellError is what is wrong with a cell, and what would be right.
type cellError struct{ msg, hint string }

func (e *cellError) Error() string { return e.msg }

func cellErr(hint, format string, args ...any) *cellError {
	return &cellError{fmt.Sprintf(format, args...), hint}
}

// decodeCell reads a cell of column c (named name) as its value; nil for
// an empty cell. Ranges and enums are the loader's to check.
func decodeCell(c codec, name, cell string) (any, *cellError) {
	cell = strings.TrimSpace(cell)
	if cell == "" {
		return nil, nil
	}
	switch c {
	case cInt:
		n, err := strconv.Atoi(strings.TrimPrefix(cell, "+"))
		if err != nil {
			return nil, cellErr("write a whole number, e.g. 10", "%q is not a whole number", cell)
		}
		return n, nil
	case cNumber:
		v, ok := number(cell)
		if !ok {
			return nil, cellErr("write a number, e.g. 0.4, 0,4 or 40%", "%q is not a number", cell)
		}
		return v, nil
	case cDate:
		if _, err := time.Parse(time.DateOnly, cell); err != nil {
			return nil, cellErr("write the date as YYYY-MM-DD, e.g. 2027-03-31", "%q is not a date", cell)
		}
		return dateValue(cell), nil
	case cList:
		return lines(cell), nil
	case cNotes:
		var out []noteValue
		for _, l := range lines(cell) {
			n := noteValue{Text: l}
			if src := sourceSuffix(l); src != "" {
				n = noteValue{strings.TrimSpace(l[:strings.LastIndex(l, " [")]), src}
			} else if t, ok := strings.CutSuffix(l, " []"); ok {
				n.Text = strings.TrimSpace(t)
			}
			out = append(out, n)
		}
		return out, nil
	case cEmotion:
		e, ok := emotionCell(cell)
		if !ok {
			return nil, cellErr("use an integer from -2 (very negative) to 2 (very positive), or one per persona, a line each: `irina: 1`", "%q is not an emotion", cell)
		}
		return e, nil
	case cMap:
		var out record
		for _, l := range lines(cell) {
			k, v, ok := strings.Cut(l, ":")
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if !ok || k == "" || v == "" {
				return nil, cellErr("write one `key: text` a line, e.g. `ru: Письмо`", "%q is not `key: text`", l)
			}
			if slices.ContainsFunc(out, func(f field) bool { return f.Key == k }) {
				return nil, cellErr("write each key once", "%q: %s given twice", l, k)
			}
			out = append(out, field{k, v})
		}
		return out, nil
	case cRecords:
		var out []record
		for _, l := range lines(cell) {
			r, err := decodeRecord(name, l)
			if err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		return out, nil
	case cBody:
		return strings.ReplaceAll(cell, "\r\n", "\n"), nil
	}
	return cell, nil
}

// lines splits a list cell at its line breaks, trimming each item.
func lines(cell string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(cell, "\r", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// decodeRecord reads "Main | key: value | ..." as an entry of list name.
func decodeRecord(name, line string) (record, *cellError) {
	keys := recordKeys(name)
	if len(keys) == 0 {
		return nil, cellErr("", "%s: not a structured list", name)
	}
	example := map[string]string{
		"kpis":          "Time to confirm | current: 40 | target: 1 | unit: min | better: lower",
		"opportunities": "Add a push | owner: crm | due: 2027-03-31 | status: planned | impact: 4 | effort: 2 | confidence: 0.8",
		"competitors":   "freshmart | csi: 4.1 | nps: 20 | note: a push within seconds | source: mystery shopping 2026",
	}[name]
	hint := fmt.Sprintf("write one entry a line, the %s first, then `key: value` parts after `|` (keys: %s), e.g. %s", keys[0], strings.Join(keys, ", "), example)
	var r record
	for i, part := range splitRecord(line) {
		part = strings.TrimSpace(part)
		key, val := keys[0], part
		if k, v, ok := strings.Cut(part, ":"); ok && slices.Contains(keys, strings.ToLower(strings.TrimSpace(k))) {
			key, val = strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)
		} else if i > 0 {
			if ok {
				if s := content.Nearest(strings.TrimSpace(k), keys); s != "" {
					return nil, cellErr(hint, "%q: no key %q; did you mean %q?", line, strings.TrimSpace(k), s)
				}
				return nil, cellErr(hint, "%q: no key %q", line, strings.TrimSpace(k))
			}
			return nil, cellErr(hint, "%q: part %d, %q, has no `key:`", line, i+1, part)
		}
		if val == "" {
			continue
		}
		if slices.ContainsFunc(r, func(f field) bool { return f.Key == key }) {
			return nil, cellErr(hint, "%q: %s given twice", line, key)
		}
		var v any = val
		switch recordKind(name, key) {
		case "number":
			f, ok := number(val)
			if !ok {
				return nil, cellErr(hint, "%q: %s: %q is not a number", line, key, val)
			}
			v = f
		case "whole":
			n, err := strconv.Atoi(strings.TrimPrefix(val, "+"))
			if err != nil {
				if f, ok := number(val); ok && f == math.Trunc(f) {
					n, err = int(f), nil
				}
			}
			if err != nil {
				return nil, cellErr(hint, "%q: %s: %q is not a whole number", line, key, val)
			}
			v = n
		case "date":
			if _, err := time.Parse(time.DateOnly, val); err != nil {
				return nil, cellErr(hint, "%q: %s: %q is not a date (YYYY-MM-DD)", line, key, val)
			}
			v = dateValue(val)
		}
		r = append(r, field{key, v})
	}
	return r, nil
}

// splitRecord splits at "|" not escaped, and unescapes each part.
func splitRecord(s string) []string {
	var parts []string
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case s[i] == '|':
			parts = append(parts, b.String())
			b.Reset()
		default:
			b.WriteByte(s[i])
		}
	}
	return append(parts, b.String())
}
