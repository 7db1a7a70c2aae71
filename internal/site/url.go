package site

import (
	"fmt"
	"net/url"
	"strings"
)

// Base is where the site is served. Every internal link is made by Link, so
// that a site built for https://org.github.io/cjm/ works under /cjm/.
type Base struct {
	Root string // absolute base URL with a trailing slash, "" when only a path is known
	Path string // URL path with leading and trailing slashes: "/" or "/cjm/"
}

// ParseBase reads a base URL such as "https://org.github.io/cjm/", "/cjm"
// or "" (the root of any host).
func ParseBase(s string) (Base, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Base{Path: "/"}, nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return Base{}, fmt.Errorf("%q is not a URL", s)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return Base{}, fmt.Errorf("%q has a query or fragment", s)
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return Base{}, fmt.Errorf("%q is not an http or https URL", s)
	}
	if (u.Scheme == "") != (u.Host == "") {
		return Base{}, fmt.Errorf("%q needs both a scheme and a host, like https://org.github.io/cjm/, or only a path, like /cjm/", s)
	}
	p := u.EscapedPath()
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	b := Base{Path: p}
	if u.Host != "" {
		b.Root = u.Scheme + "://" + u.Host + p
	}
	return b, nil
}

// Link returns the URL of a page or file given by its path relative to the
// site's root ("journeys/x/", "css/site.css"). A path starting with "/" is
// taken as relative to the root too, as authors write links in Markdown.
func (b Base) Link(rel string) string {
	return b.Path + EscapePath(strings.TrimPrefix(rel, "/"))
}

// Abs returns the absolute URL of rel when the base has a host, else Link.
func (b Base) Abs(rel string) string {
	if b.Root == "" {
		return b.Link(rel)
	}
	return b.Root + EscapePath(strings.TrimPrefix(rel, "/"))
}

// EscapePath percent-escapes each segment, keeping slashes, so that
// Cyrillic or Polish slugs make valid links.
func EscapePath(p string) string {
	if p == "" {
		return ""
	}
	frag := ""
	if i := strings.IndexAny(p, "#?"); i >= 0 {
		p, frag = p[:i], p[i:]
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/") + frag
}
