package words

import (
	"fmt"
	"time"
)

var months = map[string][]string{
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	"ru": {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
	"pl": {"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"},
}

// Date writes a date as people of the language write it: "31 March 2027",
// "31 марта 2027", "31 marca 2027"; "" for the zero time.
func Date(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	m, ok := months[lang]
	if !ok {
		m = months["en"]
	}
	return fmt.Sprintf("%d %s %d", t.Day(), m[t.Month()-1], t.Year())
}
