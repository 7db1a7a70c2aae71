package words

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestWordsComplete checks that every language has every word, and that
// every `t "key"` in the default theme's templates names a word.
func TestWordsComplete(t *testing.T) {
	for lang := range Words {
		for _, k := range WordKeys("en") {
			if _, ok := Lookup(lang, k); !ok {
				t.Errorf("%s lacks the word %q", lang, k)
			}
		}
		if n, en := len(WordKeys(lang)), len(WordKeys("en")); n != en {
			t.Errorf("%s has %d words, en has %d", lang, n, en)
		}
		for k := range portalWords[lang] {
			if _, ok := Words[lang][k]; ok {
				t.Errorf("%s: %q is both in Words and in portalWords", lang, k)
			}
		}
	}
	call := regexp.MustCompile(`\bt "([^"]+)"`)
	countCall := regexp.MustCompile(`\bcount [^"}]*"([^"]+)"`)
	files, _ := filepath.Glob("../../themes/default/layouts/*.html")
	more, _ := filepath.Glob("../../themes/default/layouts/partials/*.html")
	files = append(files, more...)
	if len(files) == 0 {
		t.Fatal("no templates found")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range countCall.FindAllStringSubmatch(string(data), -1) {
			if _, ok := pluralWords["en"][m[1]]; !ok {
				t.Errorf("%s: count %q names no counted noun", filepath.Base(f), m[1])
			}
		}
		for _, m := range call.FindAllStringSubmatch(string(data), -1) {
			if _, ok := Lookup("en", m[1]); !ok {
				t.Errorf("%s: t %q names no word", filepath.Base(f), m[1])
			}
		}
	}
}
