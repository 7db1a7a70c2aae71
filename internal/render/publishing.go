package render

import (
	"bytes"
	"encoding/xml"
	"sort"

	"github.com/cjm-portal/cjm/internal/site"
)

// hostFiles are the files a static host reads rather than a reader, by
// output path:
//
//   - .nojekyll, always, empty: without it GitHub Pages runs Jekyll over a
//     site published from a branch, and Jekyll hides folders starting with
//     "_".
//   - sitemap.xml (https://www.sitemaps.org/protocol.html), listing every
//     HTML page, only when the base URL is absolute: a sitemap must hold
//     absolute URLs, and a build for "/" or "/cjm/" does not know its host.
func hostFiles(s *site.Site, routes []site.Route) map[string][]byte {
	out := map[string][]byte{".nojekyll": {}}
	if s.Base.Root != "" {
		out["sitemap.xml"] = sitemap(s, routes)
	}
	return out
}

// sitemap lists the pages among routes, sorted by URL, with the journey's
// updated date as the lastmod of its page. map.svg and 404.html are files,
// not pages to index, so they are left out. The protocol caps a sitemap at
// 50,000 URLs, far beyond a portal's size, so there is no sitemap index.
func sitemap(s *site.Site, routes []site.Route) []byte {
	type entry struct{ loc, lastmod string }
	var urls []entry
	for _, rt := range routes {
		// Pages have pretty URLs ("" or ending in "/"); map.svg and
		// 404.html do not.
		if rt.Kind == "404" || rt.Kind == "map" || (rt.Path != "" && rt.Path[len(rt.Path)-1] != '/') {
			continue
		}
		e := entry{loc: s.Base.Abs(rt.Path)}
		if j, ok := rt.Item.(*site.Journey); ok && rt.Kind == "journey" && !j.Updated.IsZero() {
			e.lastmod = j.Updated.Format("2006-01-02")
		}
		urls = append(urls, e)
	}
	sort.Slice(urls, func(i, k int) bool { return urls[i].loc < urls[k].loc })

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
