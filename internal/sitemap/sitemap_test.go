package sitemap

import (
	"encoding/xml"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/site"
)

func TestHostFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":                       {Data: []byte("---\ntitle: Portal\n---\n")},
		"content/personas/p.md":                   {Data: []byte("---\ntitle: P\n---\n")},
		"content/journeys/order/_index.md":        {Data: []byte("---\ntitle: Order\npersonas: p\nupdated: 2026-10-01\n---\n")},
		"content/journeys/order/01-buy/_index.md": {Data: []byte("---\ntitle: Buy\n---\n")},
		"content/journeys/order/01-buy/pay.md":    {Data: []byte("---\ntitle: Pay\nchannel: web\n---\n")},
		"content/journeys/заказ/_index.md":        {Data: []byte("---\ntitle: Заказ\npersonas: p\n---\n")},
		"content/journeys/заказ/01-a/_index.md":   {Data: []byte("---\ntitle: A\n---\n")},
		"content/journeys/заказ/01-a/b.md":        {Data: []byte("---\ntitle: B\n---\n")},
	}
	c, diags := content.Load(fsys)
	if diags.HasErrors() {
		t.Fatal(diags.Errors())
	}

	tests := []struct {
		base    string
		sitemap bool
		want    []string // locs the sitemap must hold
	}{
		{
			base:    "https://example.github.io/cjm/",
			sitemap: true,
			want: []string{
				"https://example.github.io/cjm/",
				"https://example.github.io/cjm/journeys/order/",
				"https://example.github.io/cjm/journeys/order/buy/pay/",
				"https://example.github.io/cjm/journeys/%D0%B7%D0%B0%D0%BA%D0%B0%D0%B7/",
				"https://example.github.io/cjm/personas/p/",
				"https://example.github.io/cjm/channels/web/",
			},
		},
		{
			// "&" is legal in a URL path and must be escaped in XML.
			base:    "https://example.org/q&a/",
			sitemap: true,
			want:    []string{"https://example.org/q&a/", "https://example.org/q&a/journeys/order/"},
		},
		{base: "/", sitemap: false},
		{base: "/cjm/", sitemap: false},
		{base: "", sitemap: false},
	}
	for _, tt := range tests {
		t.Run("base="+tt.base, func(t *testing.T) {
			base, err := site.ParseBase(tt.base)
			if err != nil {
				t.Fatal(err)
			}
			s, diags := site.Resolve(c, base)
			if diags.HasErrors() {
				t.Fatal(diags.Errors())
			}
			files := Files(s, s.Routes, Options{})
			for name := range files {
				if !fs.ValidPath(name) {
					t.Errorf("%q is not a valid output path", name)
				}
			}

			if data, ok := files[".nojekyll"]; !ok || len(data) != 0 {
				t.Errorf(".nojekyll = %q, %v; want it present and empty", data, ok)
			}

			data, ok := files["sitemap.xml"]
			if ok != tt.sitemap {
				t.Fatalf("sitemap.xml written: %v, want %v", ok, tt.sitemap)
			}
			if !ok {
				return
			}
			var set struct {
				XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
				URLs    []struct {
					Loc     string `xml:"loc"`
					Lastmod string `xml:"lastmod"`
				} `xml:"url"`
			}
			if err := xml.Unmarshal(data, &set); err != nil {
				t.Fatalf("sitemap.xml does not parse: %v\n%s", err, data)
			}
			var locs []string
			lastmod := map[string]string{}
			for _, u := range set.URLs {
				locs = append(locs, u.Loc)
				lastmod[u.Loc] = u.Lastmod
				if !strings.HasPrefix(u.Loc, tt.base) {
					t.Errorf("loc %q is not under %s", u.Loc, tt.base)
				}
				if strings.HasSuffix(u.Loc, "map.svg") || strings.HasSuffix(u.Loc, "404.html") {
					t.Errorf("sitemap lists %s, which is not a page", u.Loc)
				}
			}
			if !slices.IsSorted(locs) {
				t.Errorf("locs are not sorted: %q", locs)
			}
			if len(slices.Compact(slices.Clone(locs))) != len(locs) {
				t.Errorf("locs repeat: %q", locs)
			}
			for _, w := range tt.want {
				if !slices.Contains(locs, w) {
					t.Errorf("sitemap lacks %s; it has %q", w, locs)
				}
			}
			if got := lastmod[tt.base+"journeys/order/"]; got != "2026-10-01" {
				t.Errorf("lastmod of the order journey = %q, want 2026-10-01", got)
			}
			if got := lastmod[tt.base]; got != "" {
				t.Errorf("lastmod of home = %q, want none", got)
			}
			// Every page route is listed: the routes less map.svg, 404.html,
			// the embed pages and aliases.
			pages := indexedPages(s)
			if len(locs) != pages {
				t.Errorf("sitemap lists %d URLs, want %d (one per page)", len(locs), pages)
			}
		})
	}
}

// TestSitemapIndex checks a portal with more pages than one sitemap may
// list: sitemap.xml becomes an index of files that each hold at most the
// cap, and together every page once, in order.
func TestSitemapIndex(t *testing.T) {
	fsys := fstest.MapFS{
		"content/personas/p.md":             {Data: []byte("---\ntitle: P\n---\n")},
		"content/journeys/j/_index.md":      {Data: []byte("---\ntitle: J\npersonas: p\n---\n")},
		"content/journeys/j/01-a/_index.md": {Data: []byte("---\ntitle: A\n---\n")},
	}
	for i := range 7 {
		fsys[fmt.Sprintf("content/journeys/j/01-a/t%d.md", i)] = &fstest.MapFile{Data: []byte("---\ntitle: T\n---\n")}
	}
	c, diags := content.Load(fsys)
	if diags.HasErrors() {
		t.Fatal(diags.Errors())
	}
	base, _ := site.ParseBase("https://example.org/cx/")
	s, diags := site.Resolve(c, base)
	if diags.HasErrors() {
		t.Fatal(diags.Errors())
	}
	const perFile = 4
	files := Files(s, s.Routes, Options{MaxURLs: perFile})

	var index struct {
		XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(files["sitemap.xml"], &index); err != nil {
		t.Fatalf("sitemap.xml is not a sitemap index: %v\n%s", err, files["sitemap.xml"])
	}
	var locs []string
	for i, sm := range index.Sitemaps {
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		if want := "https://example.org/cx/" + name; sm.Loc != want {
			t.Errorf("index entry %d = %s, want %s", i+1, sm.Loc, want)
		}
		var set struct {
			XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
			URLs    []struct {
				Loc string `xml:"loc"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(files[name], &set); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, files[name])
		}
		if len(set.URLs) == 0 || len(set.URLs) > perFile {
			t.Errorf("%s lists %d URLs, want 1 to %d", name, len(set.URLs), perFile)
		}
		for _, u := range set.URLs {
			locs = append(locs, u.Loc)
		}
	}
	pages := indexedPages(s)
	if len(locs) != pages || !slices.IsSorted(locs) || len(slices.Compact(slices.Clone(locs))) != pages {
		t.Errorf("the sitemaps list %d URLs (%q), want each of %d pages once, sorted", len(locs), locs, pages)
	}
	if want := (pages + perFile - 1) / perFile; len(index.Sitemaps) != want || len(files) != want+2 {
		t.Errorf("%d sitemaps in the index, %d host files; want %d and %d", len(index.Sitemaps), len(files), want, want+2)
	}
}

// indexedPages counts the routes a sitemap lists: all but map.svg,
// 404.html, the embed pages and aliases.
func indexedPages(s *site.Site) int {
	n := 0
	for _, rt := range s.Routes {
		if !slices.Contains([]string{"map", "404", "embed", "alias"}, rt.Kind) {
			n++
		}
	}
	return n
}
