package build_test

import (
	"net/url"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var linkAttr = regexp.MustCompile(`(?:href|src|xlink:href)="([^"]*)"`)

// TestLinksResolve builds the example portal at the root and under a
// sub-path, and follows every internal link of every page and map: each
// must name a file of the output, and none may leave the base path.
func TestLinksResolve(t *testing.T) {
	for _, base := range []string{"", "https://example.github.io/cjm/", "/deep/sub/path/"} {
		t.Run("base="+base, func(t *testing.T) {
			res := example(base)
			if !res.OK() {
				t.Fatalf("build failed:\n%s", res.Diags.Errors())
			}
			basePath := "/"
			if base != "" {
				u, _ := url.Parse(base)
				basePath = u.Path
			}
			checked := checkLinks(t, res, basePath)
			if checked < 500 {
				t.Errorf("only %d links checked; the example portal should have many more", checked)
			}
		})
	}
}

// checkLinks follows every internal link of every page and map of a
// build served under basePath; it returns how many it followed.
func checkLinks(t *testing.T, res built, basePath string) int {
	t.Helper()
	checked := 0
	for _, name := range sortedKeys(res.Files) {
		if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".svg") {
			continue
		}
		// The page's own URL, as a browser would resolve relative links against.
		pageURL := basePath + strings.TrimSuffix(name, "index.html")
		if name == "404.html" {
			pageURL = basePath + "some/missing/deep/page/" // served at any depth
		}
		for _, m := range linkAttr.FindAllStringSubmatch(string(res.Files[name]), -1) {
			link := strings.ReplaceAll(m[1], "&amp;", "&")
			u, err := url.Parse(link)
			if err != nil {
				t.Errorf("%s: bad URL %q", name, link)
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				if strings.HasPrefix(link, "https://example.github.io/cjm/") {
					u, _ = url.Parse(strings.TrimPrefix(link, "https://example.github.io"))
				} else {
					continue // external
				}
			}
			if u.Path == "" { // "#fragment"
				continue
			}
			target := u.Path
			if !strings.HasPrefix(target, "/") {
				target = path.Join(path.Dir(pageURL+"x"), target)
				if strings.HasSuffix(u.Path, "/") {
					target += "/"
				}
			}
			if !strings.HasPrefix(target, basePath) {
				t.Errorf("%s: link %q leaves the base path %s", name, link, basePath)
				continue
			}
			file := strings.TrimPrefix(target, basePath)
			if file == "" || strings.HasSuffix(file, "/") {
				file += "index.html"
			}
			if _, ok := res.Files[file]; !ok {
				t.Errorf("%s: link %q resolves to %s, which is not in the output", name, link, file)
			}
			checked++
		}
	}
	return checked
}

// TestLinksOfOddSites builds sites with Cyrillic file names, spaces and
// capitals in names, and no _index.md, and follows their links.
func TestLinksOfOddSites(t *testing.T) {
	for _, file := range []string{"testdata/golden/site.txtar", "testdata/odd-names.txtar"} {
		a, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, base := range []string{"", "https://example.github.io/cjm/"} {
			res := buildFS(siteFS(a), base)
			if !res.OK() {
				t.Fatalf("%s: build failed:\n%s", file, res.Diags.Errors())
			}
			basePath := "/"
			if base != "" {
				basePath = "/cjm/"
			}
			if n := checkLinks(t, res, basePath); n < 20 {
				t.Errorf("%s: only %d links", file, n)
			}
		}
	}
}

// TestEveryURL checks that every page of the contract's URL table exists
// for every item of the example portal.
func TestEveryURL(t *testing.T) {
	res := example("")
	if !res.OK() {
		t.Fatalf("build failed:\n%s", res.Diags.Errors())
	}
	s := res.Site
	want := []string{"index.html", "404.html", "personas/index.html", "teams/index.html", "journeys/index.html", "channels/index.html"}
	for _, p := range s.Personas {
		want = append(want, "personas/"+p.Slug+"/index.html")
	}
	for _, tm := range s.Teams {
		want = append(want, "teams/"+tm.Slug+"/index.html")
	}
	for _, c := range s.Channels {
		want = append(want, "channels/"+c.Slug+"/index.html")
	}
	for _, p := range s.Pages {
		want = append(want, p.Path+"/index.html")
	}
	for _, j := range s.Journeys {
		want = append(want, "journeys/"+j.Slug+"/index.html", "journeys/"+j.Slug+"/map.svg")
		for _, st := range j.Stages {
			want = append(want, "journeys/"+j.Slug+"/"+st.Slug+"/index.html")
			for _, tp := range st.Touchpoints {
				want = append(want, "journeys/"+j.Slug+"/"+st.Slug+"/"+tp.Slug+"/index.html")
			}
		}
	}
	for _, w := range want {
		if _, ok := res.Files[w]; !ok {
			t.Errorf("missing %s", w)
		}
	}
	if len(s.Touchpoints) < 30 {
		t.Errorf("only %d touchpoints", len(s.Touchpoints))
	}
}
