// Package devserver serves a built site from memory, as a static host
// would: pretty URLs, index.html for folders, 404.html for what is missing.
//
// Files serves one fixed build. Server (server.go) serves the latest good
// build of a running `cjm serve`, reloads open pages after each rebuild and
// shows build errors over them.
package devserver

import (
	"bytes"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// Files returns a handler serving files (output path → bytes) under the
// URL path base ("/" or "/cjm/").
func Files(files map[string][]byte, base string) http.Handler {
	return site{files: files, base: base}
}

// site serves one build. It is a value: Server makes a fresh one per
// request from its current build, so the two never disagree about routing.
type site struct {
	files map[string][]byte
	base  string
	// page, when set, returns the bytes to send for an HTML file in place
	// of its stored bytes (Server injects its live script this way). It
	// must not modify its argument: the stored build is shared.
	page func([]byte) []byte
}

func (s site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !allowMethod(w, r) {
		return
	}
	p := cleanPath(r)
	if !strings.HasPrefix(p, s.base) {
		if p+"/" == s.base {
			http.Redirect(w, r, s.base, http.StatusMovedPermanently)
			return
		}
		s.notFound(w, r)
		return
	}
	name := strings.TrimPrefix(p, s.base)
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	data, ok := s.files[name]
	if !ok {
		if _, dir := s.files[path.Join(name, "index.html")]; dir {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		s.notFound(w, r)
		return
	}
	s.serve(w, r, name, data)
}

func (s site) serve(w http.ResponseWriter, r *http.Request, name string, data []byte) {
	ct := mime.TypeByExtension(path.Ext(name))
	if ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	if s.page != nil && strings.HasPrefix(ct, "text/html") {
		data = s.page(data)
	}
	w.Header().Set("Cache-Control", "no-cache")
	// ServeContent sets Content-Length from data, so it stays right even
	// when page made the body longer than the stored file.
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

func (s site) notFound(w http.ResponseWriter, r *http.Request) {
	data, ok := s.files["404.html"]
	if !ok {
		http.NotFound(w, r)
		return
	}
	if s.page != nil {
		data = s.page(data)
	}
	writeHTML(w, r, http.StatusNotFound, data)
}

// writeHTML sends an HTML page with a status ServeContent cannot send.
func writeHTML(w http.ResponseWriter, r *http.Request, status int, data []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	// Set explicitly so HEAD answers carry the length GET would send.
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// allowMethod answers 405 to anything but GET and HEAD: a static host has
// nothing to do with other methods.
func allowMethod(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	return false
}

// cleanPath returns the request path without dot segments or doubled
// slashes, so "/cjm/../x" cannot escape base; a trailing slash is kept
// because it tells a folder from a file.
func cleanPath(r *http.Request) string {
	p := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") && p != "/" {
		p += "/"
	}
	return p
}
