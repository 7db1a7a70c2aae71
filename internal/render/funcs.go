package render

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/swimlane"
	"github.com/cjm-portal/cjm/internal/theme"
)

// Funcs returns the functions templates may call for site s. now is the
// build's date, against which due dates are overdue; tests fix it.
func Funcs(s *site.Site, now time.Time) template.FuncMap {
	lang := s.Settings.Language
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return template.FuncMap{
		// url makes every internal link, from a path relative to the site root.
		"url": s.Base.Link,
		// abs makes an absolute URL where the base URL has a host.
		"abs": s.Base.Abs,
		// t looks up an interface word in the site's language.
		"t": func(key string) string { return theme.Word(lang, key) },
		// tw looks up the word for an enum value, keeping unknown values as written.
		"tw": func(v string) string {
			if w, ok := theme.Words[lang][v]; ok {
				return w
			}
			return v
		},
		"date":         func(t time.Time) string { return FormatDate(lang, t) },
		"isoDate":      func(t time.Time) string { return t.Format("2006-01-02") },
		"num":          FormatNumber,
		"percent":      func(v float64) string { return FormatNumber(v*100) + " %" },
		"emotionWord":  func(e int) string { return theme.EmotionWord(lang, e) },
		"emotionGlyph": EmotionGlyph,
		"emotionClass": emotionClass,
		"kpiValue":     swimlane.KPIValue,
		"emotionSign":  func(e int) string { return signed(e) },
		"channelTitle": func(c *site.Channel) string { return theme.ChannelName(lang, c.Slug, c.Title) },
		"overdue":      func(o *site.Opportunity) bool { return o.Status != "done" && !o.Due.IsZero() && o.Due.Before(today) },
		"editURL": func(file string) string {
			if s.Settings.EditURL == "" || file == "" {
				return ""
			}
			return strings.TrimSuffix(s.Settings.EditURL, "/") + "/" + file
		},
		"join": strings.Join,
		// dict makes a map from key, value pairs, to hand a partial more than one value.
		"dict": dict,
		// count writes a number with its noun in the language's plural form: "5 этапов".
		"count": func(n int, noun string) string { return theme.Count(lang, n, noun) },
		// journeyGroups groups journeys by their personas, as-is before to-be.
		"journeyGroups": func(js []*site.Journey) []JourneyGroup { return GroupJourneys(s.Personas, js) },
		// sparkline draws a journey's emotion curve small, for its card.
		"sparkline": func(j *site.Journey) template.HTML { return template.HTML(swimlane.Sparkline(j, lang)) },
	}
}

var months = map[string][]string{
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	"ru": {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
	"pl": {"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"},
}

// FormatDate writes a date as people of the language write it:
// "31 March 2027", "31 марта 2027", "31 marca 2027".
func FormatDate(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	m, ok := months[lang]
	if !ok {
		m = months["en"]
	}
	return fmt.Sprintf("%d %s %d", t.Day(), m[t.Month()-1], t.Year())
}

// FormatNumber writes a number without trailing zeros: 4, 4.2, 0.35.
func FormatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// EmotionGlyph shows an emotion without relying on colour.
func EmotionGlyph(e int) string {
	switch {
	case e <= -2:
		return "😣"
	case e == -1:
		return "🙁"
	case e == 0:
		return "😐"
	case e == 1:
		return "🙂"
	}
	return "😄"
}

func signed(e int) string {
	if e > 0 {
		return "+" + strconv.Itoa(e)
	}
	return strconv.Itoa(e)
}

func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict wants key, value pairs; got %d arguments", len(kv))
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
