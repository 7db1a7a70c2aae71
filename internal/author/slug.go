package author

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// SlugOf makes a slug from a title, for the files an import writes:
// letters and digits kept, lower case, every run of anything else one
// hyphen. "Оплата: картой!" becomes "оплата-картой"; a title with no letter
// or digit gives "item".
func SlugOf(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFC.String(strings.ToLower(title)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	s := b.String()
	if s == "" {
		return "item"
	}
	// Keep a slug a comfortable file name: 80 bytes, cut at a hyphen.
	if len(s) > 80 {
		cut := strings.LastIndexByte(s[:80], '-')
		if cut < 20 {
			cut = 80
			for !utf8Start(s[cut]) {
				cut--
			}
		}
		s = s[:cut]
	}
	return s
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }
