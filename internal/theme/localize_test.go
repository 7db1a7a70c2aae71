package theme

import (
	"html/template"
	"testing"
	"testing/fstest"

	"github.com/cjm-portal/cjm/internal/words"
)

// TestLocalize: pages and partials in another language run with that
// language's functions; the site's own language keeps the theme's.
func TestLocalize(t *testing.T) {
	files := fstest.MapFS{
		"layouts/baseof.html":        {Data: []byte(`<html lang="{{.}}">{{block "main" .}}{{end}}</html>`)},
		"layouts/partials/word.html": {Data: []byte(`<b>{{t "home"}}</b>`)},
	}
	for _, names := range Kinds {
		files["layouts/"+names[len(names)-1]] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{t "home"}} {{template "partials/word.html" .}}{{end}}`)}
	}
	say := func(lang string) template.FuncMap {
		return template.FuncMap{"t": func(key string) string { return words.Word(lang, key) }}
	}
	th, diags := Load([]Layer{{FS: files, Layouts: "layouts"}}, say("en"), Limits{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, lang := range []string{"ru", "pl"} {
		if err := th.Localize(lang, say(lang)); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ lang, page, partial string }{
		{"", `<html lang="">Home <b>Home</b></html>`, `<b>Home</b>`},
		{"en", `<html lang="en">Home <b>Home</b></html>`, `<b>Home</b>`},
		{"ru", `<html lang="ru">Главная <b>Главная</b></html>`, `<b>Главная</b>`},
		{"pl", `<html lang="pl">Strona główna <b>Strona główna</b></html>`, `<b>Strona główna</b>`},
	} {
		got, err := th.ExecuteIn("journey", tc.lang, tc.lang)
		if err != nil || string(got) != tc.page {
			t.Errorf("%s page: %s, %v; want %s", tc.lang, got, err, tc.page)
		}
		part, err := th.PartialIn("partials/word.html", tc.lang, nil)
		if err != nil || string(part) != tc.partial {
			t.Errorf("%s partial: %s, %v; want %s", tc.lang, part, err, tc.partial)
		}
	}
}
