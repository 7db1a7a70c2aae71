package words

import "testing"

func TestCount(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		noun string
		want string
	}{
		{"en", 0, "stage", "0 stages"},
		{"en", 1, "stage", "1 stage"},
		{"en", 2, "touchpoint", "2 touchpoints"},
		{"en", 21, "opportunity", "21 opportunities"},
		{"ru", 1, "stage", "1 этап"},
		{"ru", 2, "stage", "2 этапа"},
		{"ru", 4, "touchpoint", "4 точки контакта"},
		{"ru", 5, "touchpoint", "5 точек контакта"},
		{"ru", 11, "stage", "11 этапов"},
		{"ru", 12, "stage", "12 этапов"},
		{"ru", 14, "stage", "14 этапов"},
		{"ru", 21, "touchpoint", "21 точка контакта"},
		{"ru", 22, "journey", "22 пути"},
		{"ru", 111, "stage", "111 этапов"},
		{"ru", 0, "persona", "0 персон"},
		{"pl", 1, "stage", "1 etap"},
		{"pl", 2, "stage", "2 etapy"},
		{"pl", 5, "stage", "5 etapów"},
		{"pl", 12, "touchpoint", "12 punktów styku"},
		{"pl", 21, "touchpoint", "21 punktów styku"},
		{"pl", 22, "touchpoint", "22 punkty styku"},
		{"pl", 0, "journey", "0 ścieżek"},
		{"de", 3, "stage", "3 stages"},          // no German words: English
		{"en", 3, "unheard-of", "3 unheard-of"}, // no noun: as written
	}
	for _, tt := range tests {
		got := Count(tt.lang, tt.n, tt.noun)
		want := tt.want
		if tt.noun != "unheard-of" {
			want = replaceFirstSpace(want)
		}
		if got != want {
			t.Errorf("Count(%q, %d, %q) = %q, want %q", tt.lang, tt.n, tt.noun, got, want)
		}
	}
}

// replaceFirstSpace puts the no-break space Count writes between number and noun.
func replaceFirstSpace(s string) string {
	for i, r := range s {
		if r == ' ' {
			return s[:i] + "\u00a0" + s[i+1:]
		}
	}
	return s
}

// TestPluralWordsComplete checks every language has every noun, in as many
// forms as its rule has.
func TestPluralWordsComplete(t *testing.T) {
	forms := map[string]int{"en": 2, "ru": 3, "pl": 3}
	for lang, nouns := range pluralWords {
		if len(nouns) != len(pluralWords["en"]) {
			t.Errorf("%s has %d nouns, en has %d", lang, len(nouns), len(pluralWords["en"]))
		}
		for noun, f := range nouns {
			if len(f) != forms[lang] {
				t.Errorf("%s %q has %d forms, want %d", lang, noun, len(f), forms[lang])
			}
			if _, ok := pluralWords["en"][noun]; !ok {
				t.Errorf("%s %q has no English forms", lang, noun)
			}
		}
	}
}
