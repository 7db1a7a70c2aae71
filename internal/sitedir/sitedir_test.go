package sitedir

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckOut(t *testing.T) {
	src := t.TempDir()
	tests := []struct {
		out  string
		want string // a part of the error; "" for none
	}{
		{filepath.Join(src, "public"), ""},
		{filepath.Join(src, "site-out"), ""},
		{filepath.Join(src, "contents"), ""}, // a name that starts like content/ is not inside it
		{src, "is the site's folder"},
		{filepath.Join(src, "content"), "is inside " + filepath.Join(src, "content") + "; write the site outside content/, layouts/, static/ and themes/, e.g. " + filepath.Join(src, "public")},
		{filepath.Join(src, "layouts", "x"), "is inside " + filepath.Join(src, "layouts")},
		{filepath.Join(src, "static", "a", "b"), "is inside " + filepath.Join(src, "static")},
		{filepath.Join(src, "themes", "default"), "is inside " + filepath.Join(src, "themes")},
	}
	for _, tt := range tests {
		err := CheckOut(src, tt.out)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("CheckOut(%s) = %v, want no error", tt.out, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("CheckOut(%s) = %v, want an error with %q", tt.out, err, tt.want)
		}
	}
}

func TestInContent(t *testing.T) {
	for p, want := range map[string]bool{
		"content":                   true,
		"content/":                  true,
		"content/journeys/a/b.md":   true,
		"./content/_index.md":       true,
		"contents/x.md":             false,
		"layouts/journey.html":      false,
		"themes/default/static/x":   false,
		"content/../layouts/x.html": false,
	} {
		if got := InContent(p); got != want {
			t.Errorf("InContent(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestPlaces(t *testing.T) {
	if got := Theme("dark"); got != "themes/dark" {
		t.Errorf("Theme(dark) = %q", got)
	}
	if got := DefaultOut("site"); got != filepath.Join("site", "public") {
		t.Errorf("DefaultOut(site) = %q", got)
	}
	if got := Sources(); strings.Join(got, " ") != "content layouts static themes" {
		t.Errorf("Sources() = %q", got)
	}
}
