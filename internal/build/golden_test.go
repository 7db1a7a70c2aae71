package build_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/cjm-portal/cjm/internal/golden"
	"github.com/rogpeppe/go-internal/txtar"
)

// goldenPages are the outputs of testdata/golden/site.txtar kept as golden
// files: one page of each kind and a map.
var goldenPages = []string{
	"index.html",
	"404.html",
	"personas/olga/index.html",
	"teams/crm/index.html",
	"teams/partners/index.html",
	"channels/email/index.html",
	"journeys/index.html",
	"journeys/order/index.html",
	"journeys/order/map.svg",
	"journeys/order/-/compare/index.html",
	"journeys/order/compare/index.html",
	"journeys/order/-/embed/index.html",
	"journeys/order/confirm/index.html",
	"journeys/order/confirm/email/index.html",
	"glossary/index.html",
}

// TestGolden renders a small site with every kind of page and compares
// the pages with testdata/golden/*.golden. Run with -update to rewrite
// them, and review the diff.
func TestGolden(t *testing.T) {
	a, err := txtar.ParseFile("testdata/golden/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	res := buildFS(siteFS(a), "/cjm/")
	if !res.OK() {
		t.Fatalf("build failed:\n%s", res.Diags.Errors())
	}
	for _, page := range goldenPages {
		got, ok := res.Files[page]
		if !ok {
			t.Errorf("%s was not rendered", page)
			continue
		}
		goldenFile := filepath.Join("testdata/golden", strings.NewReplacer("/", "_").Replace(page)+".golden")
		golden.CheckMarkup(t, goldenFile, got)
	}
}

// TestLayoutOverride checks that a site's layouts/NAME replaces the
// theme's NAME and nothing else, and that static files layer the same way.
func TestLayoutOverride(t *testing.T) {
	a, err := txtar.ParseFile("testdata/golden/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := siteFS(a)
	fsys["layouts/page.html"] = mapFile(`{{define "main"}}<p class="custom">custom page: {{.Title}}</p>{{end}}`)
	fsys["static/css/cjm.css"] = mapFile(`/* the site's own stylesheet */`)
	res := buildFS(fsys, "")
	if !res.OK() {
		t.Fatalf("build failed:\n%s", res.Diags.Errors())
	}
	if page := string(res.Files["glossary/index.html"]); !strings.Contains(page, `<p class="custom">custom page: Glossary</p>`) {
		t.Errorf("the site's page.html was not used:\n%s", page)
	}
	if home := string(res.Files["index.html"]); strings.Contains(home, "custom page") {
		t.Error("the site's page.html leaked into the home page")
	}
	if css := string(res.Files["css/cjm.css"]); css != `/* the site's own stylesheet */` {
		t.Errorf("static/css/cjm.css was not the site's: %.60q", css)
	}
}
