// Package devserver serves a built site from memory, as a static host
// would: pretty URLs, index.html for folders, 404.html for what is missing.
package devserver

import (
	"bytes"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// Files returns a handler serving files (output path → bytes) under the
// URL path base ("/" or "/cjm/").
func Files(files map[string][]byte, base string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := path.Clean("/" + r.URL.Path)
		if strings.HasSuffix(r.URL.Path, "/") && p != "/" {
			p += "/"
		}
		if !strings.HasPrefix(p, base) {
			if p+"/" == base {
				http.Redirect(w, r, base, http.StatusMovedPermanently)
				return
			}
			notFound(w, r, files)
			return
		}
		name := strings.TrimPrefix(p, base)
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		data, ok := files[name]
		if !ok {
			if _, dir := files[path.Join(name, "index.html")]; dir {
				http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
				return
			}
			notFound(w, r, files)
			return
		}
		serve(w, r, name, data)
	})
}

func serve(w http.ResponseWriter, r *http.Request, name string, data []byte) {
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

func notFound(w http.ResponseWriter, r *http.Request, files map[string][]byte) {
	data, ok := files["404.html"]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}
