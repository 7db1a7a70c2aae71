package devserver

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"maps"
	"net"
	"net/http"
	"net/netip"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Error is one build problem to show in the browser.
type Error struct {
	File    string `json:"file"`    // "content/journeys/x/01-s/t.md"
	Line    int    `json:"line"`    // 0 when unknown
	Message string `json:"message"` // what is wrong
	Hint    string `json:"hint"`    // what would be right; may be ""
}

// liveJS is the script injected into every HTML page: it listens on the
// event stream, reloads the page after a rebuild and shows build errors.
//
//go:embed live.js
var liveJS []byte

const (
	// pingEvery keeps idle event streams alive through proxies and lets
	// the server notice clients that went away without closing.
	pingEvery = 20 * time.Second
	// writeTimeout bounds each write to an event stream, so a client that
	// stopped reading cannot hold its handler (and Shutdown) forever.
	writeTimeout = 10 * time.Second
	// clientBuffer is how many events may wait for one slow client before
	// it is dropped.
	clientBuffer = 8
	// retryMillis tells EventSource to reconnect quickly after the stream
	// ends (dropped client, Close), instead of its default of seconds.
	retryMillis = 500
)

// Server serves the last good build of a site, with live reload and a build
// error overlay. It is safe for concurrent use.
type Server struct {
	base string
	ping time.Duration // pingEvery; a field so tests can shorten it

	// state is swapped whole by Update and Fail, so a request sees one
	// build's files and number together without taking mu.
	state atomic.Pointer[state]

	// mu orders state changes with subscriptions: a client that
	// subscribes gets the state of that moment in hello and every later
	// event, never a gap or a duplicate.
	mu      sync.Mutex
	clients map[chan []byte]struct{} // open event streams
	allowed map[string]bool          // extra host names (lower case)
	closed  bool
	done    chan struct{} // closed by Close: ends event streams
}

// state is one immutable snapshot of what the server knows.
type state struct {
	files map[string][]byte // last good build; nil before the first
	build int               // number of good builds so far
	errs  []Error           // errors of the latest build; nil if it was good
}

// New returns a Server for a site served under the URL path base ("/" or
// "/cjm/"). Until the first Update it answers with a "building" page.
func New(base string) *Server {
	base = "/" + strings.Trim(base, "/") + "/"
	if base == "//" {
		base = "/"
	}
	s := &Server{
		base:    base,
		ping:    pingEvery,
		clients: make(map[chan []byte]struct{}),
		allowed: make(map[string]bool),
		done:    make(chan struct{}),
	}
	s.state.Store(&state{})
	return s
}

// AllowHosts accepts requests for these host names (without port) besides
// localhost and IP addresses, e.g. the machine's name on the LAN.
func (s *Server) AllowHosts(names ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, n := range names {
		s.allowed[strings.ToLower(n)] = true
	}
}

// Update swaps in a new good build, clears the errors and tells every open
// page to reload. The server keeps files; the caller must not modify it.
func (s *Server) Update(files map[string][]byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.swap(files, false)
}

// UpdatePages is Update after a build of content alone, which changes no
// stylesheet, script, font or image a page shows: only the open pages
// whose own HTML file differs from the one served reload.
func (s *Server) UpdatePages(files map[string][]byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.swap(files, true)
}

// Preview serves pages (output path → bytes) of a build still running
// over the files served, at once, and reloads the open pages among them;
// the build's Update or UpdatePages follows. pages is the caller's.
func (s *Server) Preview(pages map[string][]byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.state.Load().files
	if old == nil {
		return // before the first build there is nothing to add to
	}
	files := maps.Clone(old)
	maps.Copy(files, pages)
	s.swap(files, true)
}

// swap makes files the build served; pagesOnly reloads only the open
// pages whose HTML changed, else every page reloads. Callers hold s.mu.
func (s *Server) swap(files map[string][]byte, pagesOnly bool) {
	old := s.state.Load()
	build := old.build + 1
	var pages *[]string // nil: every page reloads
	if pagesOnly && old.files != nil {
		if changed, ok := s.changedPages(old.files, files); ok {
			pages = &changed
		}
	}
	s.state.Store(&state{files: files, build: build})
	s.broadcast(event("reload", struct {
		Build int       `json:"build"`
		Pages *[]string `json:"pages,omitempty"` // URL paths, unescaped
	}{build, pages}))
}

// changedPages lists the URL paths of the HTML files that differ between
// two builds, added and removed ones included, sorted. ok is false when a
// file pages may show changed too (a stylesheet, a script, a font, an
// image): every page must reload.
func (s *Server) changedPages(old, files map[string][]byte) (pages []string, ok bool) {
	pages, ok = []string{}, true
	add := func(name string) {
		switch {
		case strings.HasSuffix(name, ".html"):
			if name == "index.html" || strings.HasSuffix(name, "/index.html") {
				name = strings.TrimSuffix(name, "index.html")
			}
			pages = append(pages, s.base+name)
		case !document(name):
			ok = false
		}
	}
	for name, data := range files {
		if o, ok := old[name]; !ok || !same(o, data) {
			add(name)
		}
	}
	for name := range old {
		if _, ok := files[name]; !ok {
			add(name)
		}
	}
	slices.Sort(pages)
	return pages, ok
}

// document reports whether a file that is not a page is one no page shows
// but through a link: data a reader downloads, the search index a script
// fetches when asked, a journey's map.svg.
func document(name string) bool {
	switch path.Ext(name) {
	case ".json", ".csv", ".xml", ".txt":
		return true
	}
	return path.Base(name) == "map.svg"
}

// same reports whether a and b hold the same bytes; a file a build kept
// is the very slice of the build before, which saves comparing.
func same(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	return len(a) == 0 || &a[0] == &b[0] || bytes.Equal(a, b)
}

// Fail records a failed build: the last good files stay served, and every
// open page (and any page that connects later) shows errs over itself.
func (s *Server) Fail(errs []Error) {
	errs = slices.Clone(errs) // the caller may reuse its slice
	if errs == nil {
		errs = []Error{} // a failure, even without details: "[]", not "null"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.state.Load()
	s.state.Store(&state{files: old.files, build: old.build, errs: errs})
	s.broadcast(event("errors", errs))
}

// Close ends open event streams, so that http.Server.Shutdown, which waits
// for handlers to return, does not hang on them. Later event requests are
// refused. Files are still served. Close may be called more than once.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.done)
	}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.checkHost(w, r) || !allowMethod(w, r) {
		return
	}
	switch cleanPath(r) {
	case s.base + "__cjm/live.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, "live.js", time.Time{}, bytes.NewReader(liveJS))
		return
	case s.base + "__cjm/events":
		s.serveEvents(w, r)
		return
	}
	st := s.state.Load()
	if st.build == 0 {
		s.serveFirstBuild(w, r, st.errs)
		return
	}
	site{files: st.files, base: s.base, page: func(b []byte) []byte {
		return injectScript(b, s.scriptTag(st.build))
	}}.ServeHTTP(w, r)
}

// checkHost refuses requests whose Host is not a name the server is meant
// to answer to. Without it, a web page on evil.example could point its own
// name at 127.0.0.1 (DNS rebinding) and read this server from the browser
// as same-origin. IP literals and localhost cannot be rebound.
func (s *Server) checkHost(w http.ResponseWriter, r *http.Request) bool {
	name := hostname(r.Host)
	if name == "" {
		http.Error(w, "cjm dev server: the request has no Host header", http.StatusBadRequest)
		return false
	}
	if strings.EqualFold(name, "localhost") {
		return true
	}
	if _, err := netip.ParseAddr(name); err == nil {
		return true
	}
	s.mu.Lock()
	ok := s.allowed[strings.ToLower(name)]
	s.mu.Unlock()
	if !ok {
		msg := fmt.Sprintf("cjm dev server: host %q is not allowed.\n"+
			"To protect against DNS rebinding it only answers to localhost, IP addresses\n"+
			"and names allowed explicitly (Server.AllowHosts).", name)
		http.Error(w, msg, http.StatusForbidden)
	}
	return ok
}

// hostname returns the host of a Host header, without port or brackets.
func hostname(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]")
}

// scriptTag is the element injected into HTML pages; data-build tells the
// script which build the page came from.
func (s *Server) scriptTag(build int) []byte {
	return fmt.Appendf(nil, `<script src="%s__cjm/live.js" data-build="%d" defer></script>`,
		html.EscapeString(s.base), build)
}

// injectScript returns page with tag inserted before the last </body> (or
// appended when there is none). It never writes into page: the stored build
// is shared between requests, and an append into spare capacity would
// corrupt it.
func injectScript(page, tag []byte) []byte {
	i := lastIndexFold(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// lastIndexFold is bytes.LastIndex ignoring ASCII case ("</BODY>").
func lastIndexFold(s, sep []byte) int {
	for i := len(s) - len(sep); i >= 0; i-- {
		if bytes.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}

var firstBuildPage = template.Must(template.New("").Parse(`<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>cjm: {{if .}}build failed{{else}}building…{{end}}</title>
<body style="font-family: system-ui, sans-serif; margin: 2rem">
{{if .}}<h1>The first build failed</h1>
<p>Fix these and save; this page reloads when the build succeeds.</p>
<ul>{{range .}}
<li><code>{{.File}}{{if .Line}}:{{.Line}}{{end}}</code>: {{.Message}}{{if .Hint}} ({{.Hint}}){{end}}</li>{{end}}
</ul>
{{else}}<h1>The first build is running…</h1>
<p>This page reloads when it is ready.</p>
{{end}}</body>
</html>
`))

// serveFirstBuild answers before any build succeeded. HTML requests get a
// page that says so and carries the live script, so the browser reloads by
// itself once the build is done; other requests get plain text.
func (s *Server) serveFirstBuild(w http.ResponseWriter, r *http.Request, errs []Error) {
	w.Header().Set("Retry-After", "1")
	switch path.Ext(cleanPath(r)) {
	case "", ".html", ".htm":
	default:
		w.Header().Set("Cache-Control", "no-cache")
		http.Error(w, "cjm dev server: the first build is not ready", http.StatusServiceUnavailable)
		return
	}
	var buf bytes.Buffer
	if err := firstBuildPage.Execute(&buf, errs); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeHTML(w, r, http.StatusServiceUnavailable, injectScript(buf.Bytes(), s.scriptTag(0)))
}

// serveEvents streams server-sent events to one page until the page goes
// away, the server drops it for being slow, or Close.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no") // tell nginx-like proxies not to buffer
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return
	}
	ch, hello, ok := s.subscribe()
	if !ok {
		h.Del("Content-Type")
		http.Error(w, "cjm dev server: shutting down", http.StatusServiceUnavailable)
		return
	}
	defer s.unsubscribe(ch)

	rc := http.NewResponseController(w)
	send := func(msg []byte) bool {
		// Not every ResponseWriter supports deadlines; without one a
		// stuck client only holds this goroutine longer.
		_ = rc.SetWriteDeadline(time.Now().Add(writeTimeout))
		if _, err := w.Write(msg); err != nil {
			return false
		}
		return rc.Flush() == nil // an unflushed event is a lost event
	}
	if !send(hello) {
		return
	}
	ping := time.NewTicker(s.ping)
	defer ping.Stop()
	for {
		select {
		case msg, ok := <-ch:
			if !ok || !send(msg) { // !ok: dropped as too slow
				return
			}
		case <-ping.C:
			if !send([]byte(": ping\n\n")) {
				return
			}
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

// subscribe registers a new event stream and returns its channel and the
// hello event with the state at that moment; ok is false after Close.
func (s *Server) subscribe() (ch chan []byte, hello []byte, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, nil, false
	}
	st := s.state.Load()
	errs := st.errs
	if errs == nil {
		errs = []Error{}
	}
	hello = append([]byte(fmt.Sprintf("retry: %d\n", retryMillis)), event("hello", struct {
		Build  int     `json:"build"`
		Errors []Error `json:"errors"`
	}{st.build, errs})...)
	ch = make(chan []byte, clientBuffer)
	s.clients[ch] = struct{}{}
	return ch, hello, true
}

func (s *Server) unsubscribe(ch chan []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.clients, ch)
}

// broadcast queues msg for every open stream without ever waiting: a client
// whose buffer is full is dropped (its channel closed, so its stream ends).
// Its EventSource reconnects and the hello event brings it the latest
// state, which is all a page needs. Callers hold s.mu.
func (s *Server) broadcast(msg []byte) {
	for ch := range s.clients {
		select {
		case ch <- msg:
		default:
			delete(s.clients, ch)
			close(ch)
		}
	}
}

// event formats one server-sent event. json.Marshal never emits a newline,
// so the data fits on one "data:" line.
func event(name string, v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own plain structs are marshalled
	}
	return fmt.Appendf(nil, "event: %s\ndata: %s\n\n", name, data)
}
