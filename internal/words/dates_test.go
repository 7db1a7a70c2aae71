package words

import (
	"testing"
	"time"
)

func TestDate(t *testing.T) {
	d := time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ lang, want string }{
		{"en", "31 March 2027"},
		{"ru", "31 марта 2027"},
		{"pl", "31 marca 2027"},
		{"de", "31 March 2027"}, // a language without words falls back to English
	} {
		if got := Date(tc.lang, d); got != tc.want {
			t.Errorf("Date(%q) = %q, want %q", tc.lang, got, tc.want)
		}
	}
	if got := Date("en", time.Time{}); got != "" {
		t.Errorf("the zero time gives %q, want nothing", got)
	}
}
