// Package sitemap makes the files a static host reads rather than a reader:
// .nojekyll and the sitemaps of the site's pages. They sum up the routes, so
// every build writes them anew.
package sitemap

import (
	"bytes"
	"encoding/xml"
	"maps"
	"sort"
	"strconv"

	"github.com/cjm-portal/cjm/internal/site"
)

// Files are the files a static host reads rather than a reader, by
// output path:
//
//   - .nojekyll, always, empty: without it GitHub Pages runs Jekyll over a
//     site published from a branch, and Jekyll hides folders starting with
//     "_".
//   - sitemap.xml (https://www.sitemaps.org/protocol.html), listing every
//     HTML page, only when the base URL is absolute: a sitemap must hold
//     absolute URLs, and a build for "/" or "/cjm/" does not know its host.
//     Past o.MaxURLs pages it is an index of sitemap-1.xml, sitemap-2.xml…
func Files(s *site.Site, routes []site.Route, o Options) map[string][]byte {
	out := map[string][]byte{".nojekyll": {}}
	if s.Base.Root != "" {
		maps.Copy(out, sitemaps(s, routes, o.maxURLs()))
	}
	return out
}

// Options say how the sitemaps are cut; the zero value follows the protocol.
type Options struct {
	// MaxURLs is the most URLs one sitemap file lists; 0 means MaxURLs.
	MaxURLs int
}

// MaxURLs is the protocol's cap on the URLs of one sitemap file. A portal
// of 45,000 touchpoints has more pages than that.
const MaxURLs = 50000

func (o Options) maxURLs() int {
	if o.MaxURLs > 0 {
		return o.MaxURLs
	}
	return MaxURLs
}

// sitemaps lists the pages among routes, sorted by URL, with the journey's
// updated date as the lastmod of its page. map.svg and 404.html are files,
// not pages to index, an embed page repeats its journey's map, and an
// alias only sends readers on: all are left out. Up to perFile pages go in
// sitemap.xml; more are split into files of perFile, which sitemap.xml
// then names as a sitemap index.
func sitemaps(s *site.Site, routes []site.Route, perFile int) map[string][]byte {
	var urls []sitemapURL
	for _, rt := range routes {
		// Pages have pretty URLs ("" or ending in "/"); map.svg and
		// 404.html do not.
		if rt.Kind == "404" || rt.Kind == "map" || rt.Kind == "embed" || rt.Kind == "alias" || (rt.Path != "" && rt.Path[len(rt.Path)-1] != '/') {
			continue
		}
		e := sitemapURL{loc: s.Base.Abs(rt.Path)}
		if j, ok := rt.Item.(*site.Journey); ok && rt.Kind == "journey" && !j.Updated.IsZero() {
			e.lastmod = j.Updated.Format("2006-01-02")
		}
		urls = append(urls, e)
	}
	sort.Slice(urls, func(i, k int) bool { return urls[i].loc < urls[k].loc })
	if len(urls) <= perFile {
		return map[string][]byte{"sitemap.xml": urlSet(urls)}
	}
	out := map[string][]byte{}
	var index bytes.Buffer
	index.WriteString(xml.Header)
	index.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for i := 0; i*perFile < len(urls); i++ {
		name := "sitemap-" + strconv.Itoa(i+1) + ".xml"
		out[name] = urlSet(urls[i*perFile : min((i+1)*perFile, len(urls))])
		index.WriteString("  <sitemap><loc>")
		_ = xml.EscapeText(&index, []byte(s.Base.Abs(name))) // a bytes.Buffer does not fail
		index.WriteString("</loc></sitemap>\n")
	}
	index.WriteString("</sitemapindex>\n")
	out["sitemap.xml"] = index.Bytes()
	return out
}

type sitemapURL struct{ loc, lastmod string }

func urlSet(urls []sitemapURL) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, u := range urls {
		b.WriteString("  <url><loc>")
		_ = xml.EscapeText(&b, []byte(u.loc)) // a bytes.Buffer does not fail
		b.WriteString("</loc>")
		if u.lastmod != "" {
			b.WriteString("<lastmod>" + u.lastmod + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}
