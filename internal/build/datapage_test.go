package build_test

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// TestDataPage checks that the data page links every export and schema the
// build writes, each to a file that exists, that every page links to it
// from the footer, and that a plain page of the site's own at /data/ keeps
// its URL and the footer's link goes.
func TestDataPage(t *testing.T) {
	base := fstest.MapFS{
		"content/_index.md":                 mapFile("---\ntitle: T\nlanguage: ru\n---\n"),
		"content/personas/olga.md":          mapFile("---\ntitle: Olga\n---\n"),
		"content/journeys/j/_index.md":      mapFile("---\ntitle: J\npersonas: [olga]\n---\n"),
		"content/journeys/j/01-s/_index.md": mapFile("---\ntitle: S\n---\n"),
		"content/journeys/j/01-s/t.md":      mapFile("---\ntitle: T1\n---\n"),
	}
	tests := []struct {
		name     string
		own      bool // the site has its own content/data.md
		wantPage string
	}{
		{"the portal's data page", false, "Данные"},
		{"a page of the site's own at /data/", true, "Our own data"},
	}
	link := regexp.MustCompile(`<a href="/([^"]+)"><code>`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range base {
				fsys[k] = v
			}
			if tt.own {
				fsys["content/data.md"] = mapFile("---\ntitle: Our own data\n---\nHello.\n")
			}
			res := buildFS(fsys, "/")
			if res.Diags.HasErrors() {
				t.Fatal(res.Diags.Errors())
			}
			page := string(res.Files["data/index.html"])
			if !strings.Contains(page, "<h1>"+tt.wantPage+"</h1>") {
				t.Fatalf("data/index.html is not %q:\n%.600s", tt.wantPage, page)
			}
			home := string(res.Files["index.html"])
			footerLink := strings.Contains(home, `<a href="/data/">Данные</a>`)
			if footerLink == tt.own {
				t.Errorf("the footer links the data page: %v, want %v", footerLink, !tt.own)
			}
			if tt.own {
				return
			}
			var linked []string
			for _, m := range link.FindAllStringSubmatch(page, -1) {
				linked = append(linked, m[1])
				if res.Files[m[1]] == nil {
					t.Errorf("the data page links %s, which the build does not write", m[1])
				}
			}
			for _, want := range []string{"data/cjm.json", "data/cjm.schema.json", "data/touchpoints.csv", "data/opportunities.csv", "data/kpis.csv", "schema/touchpoint.schema.json", "schema/channel.schema.json"} {
				if !strings.Contains(strings.Join(linked, " "), want) {
					t.Errorf("the data page does not link %s; it links %v", want, linked)
				}
			}
			if !strings.Contains(page, `<html lang="ru"`) || !strings.Contains(page, "По строке на точку контакта (CSV)") {
				t.Error("the data page does not speak the portal's language")
			}
		})
	}
}
