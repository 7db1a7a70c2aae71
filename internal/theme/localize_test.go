package theme

import (
	"errors"
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

// TestRebind: a theme already run takes new functions for each language
// without being parsed again, and each language keeps its own.
func TestRebind(t *testing.T) {
	files := fstest.MapFS{
		"layouts/baseof.html":        {Data: []byte(`{{block "main" .}}{{end}}`)},
		"layouts/partials/word.html": {Data: []byte(`<b>{{v}}</b>`)},
	}
	for _, names := range Kinds {
		files["layouts/"+names[len(names)-1]] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{v}} {{template "partials/word.html" .}}{{end}}`)}
	}
	value := func(s string) template.FuncMap {
		return template.FuncMap{"v": func() string { return s }}
	}
	th, diags := Load([]Layer{{FS: files, Layouts: "layouts"}}, value("en 1"), Limits{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if err := th.Localize("ru", value("ru 1")); err != nil {
		t.Fatal(err)
	}
	run := func() (en, ru, part string) {
		t.Helper()
		a, err1 := th.ExecuteIn("journey", "", nil)
		b, err2 := th.ExecuteIn("journey", "ru", nil)
		c, err3 := th.PartialIn("partials/word.html", "ru", nil)
		if err := errors.Join(err1, err2, err3); err != nil {
			t.Fatal(err)
		}
		return string(a), string(b), string(c)
	}
	for i, tc := range []struct {
		rebind       func()
		en, ru, part string
	}{
		{func() {}, "en 1 <b>en 1</b>", "ru 1 <b>ru 1</b>", "<b>ru 1</b>"},
		{func() { th.Rebind("", value("en 2")) }, "en 2 <b>en 2</b>", "ru 1 <b>ru 1</b>", "<b>ru 1</b>"},
		{func() { th.Rebind("ru", value("ru 2")) }, "en 2 <b>en 2</b>", "ru 2 <b>ru 2</b>", "<b>ru 2</b>"},
		{func() { th.Rebind("pl", value("pl")) }, "en 2 <b>en 2</b>", "ru 2 <b>ru 2</b>", "<b>ru 2</b>"},
	} {
		tc.rebind()
		if en, ru, part := run(); en != tc.en || ru != tc.ru || part != tc.part {
			t.Errorf("step %d: %q, %q, %q; want %q, %q, %q", i, en, ru, part, tc.en, tc.ru, tc.part)
		}
	}
}
