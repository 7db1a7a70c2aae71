package devserver

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestFiles(t *testing.T) {
	files := map[string][]byte{
		"index.html":          []byte("home"),
		"journeys/index.html": []byte("journeys"),
		"css/cjm.css":         []byte("body{}"),
		"404.html":            []byte("not found page"),
	}
	srv := httptest.NewServer(Files(files, "/cjm/"))
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tests := []struct {
		path   string
		status int
		body   string
		header string
	}{
		{"/cjm/", 200, "home", "text/html; charset=utf-8"},
		{"/cjm/journeys/", 200, "journeys", "text/html; charset=utf-8"},
		{"/cjm/journeys", 301, "", ""},
		{"/cjm", 301, "", ""},
		{"/cjm/css/cjm.css", 200, "body{}", "text/css; charset=utf-8"},
		{"/cjm/nothing/here/", 404, "not found page", "text/html; charset=utf-8"},
		{"/elsewhere/", 404, "not found page", "text/html; charset=utf-8"},
		{"/cjm/../cjm/index.html", 200, "home", "text/html; charset=utf-8"},
	}
	for _, tt := range tests {
		res, err := client.Get(srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.path, res.StatusCode, tt.status)
		}
		if tt.body != "" && string(body) != tt.body {
			t.Errorf("%s: body %q, want %q", tt.path, body, tt.body)
		}
		if tt.header != "" && res.Header.Get("Content-Type") != tt.header {
			t.Errorf("%s: Content-Type %q, want %q", tt.path, res.Header.Get("Content-Type"), tt.header)
		}
	}
}

// wait bounds every wait for the server: long enough for a loaded -race
// run, short enough that a hang fails rather than stalls the suite.
const wait = 5 * time.Second

// sseEvent is one server-sent event; comments come as name ":".
type sseEvent struct {
	name, data string
}

// stream reads an event stream in a goroutine and hands events over a
// channel, so tests can wait for them with a timeout.
type stream struct {
	events chan sseEvent // closed at EOF or read error
}

// openEvents connects to the event stream of srv.
func openEvents(t *testing.T, srv *httptest.Server) *stream {
	t.Helper()
	res, err := srv.Client().Get(srv.URL + "/__cjm/events")
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		res.Body.Close()
		t.Fatalf("events: status %d", res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("events: Content-Type %q", ct)
	}
	if cc := res.Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("events: Cache-Control %q", cc)
	}
	s := &stream{events: make(chan sseEvent)}
	stop := make(chan struct{})
	// Closing the body unblocks the reader; stop unblocks its send.
	t.Cleanup(func() { close(stop); res.Body.Close() })
	go func() {
		defer close(s.events)
		br := bufio.NewReader(res.Body)
		var ev sseEvent
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSuffix(line, "\n")
			var out *sseEvent
			switch {
			case line == "":
				if ev.name != "" || ev.data != "" {
					out = &ev
				}
			case strings.HasPrefix(line, ":"):
				out = &sseEvent{":", strings.TrimSpace(line[1:])}
			case strings.HasPrefix(line, "event: "):
				ev.name = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				ev.data = line[len("data: "):]
			}
			if out != nil {
				select {
				case s.events <- *out:
				case <-stop:
					return
				}
				if out == &ev {
					ev = sseEvent{}
				}
			}
		}
	}()
	return s
}

// next returns the next event other than a comment.
func (s *stream) next(t *testing.T) sseEvent {
	t.Helper()
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				t.Fatal("event stream ended")
			}
			if ev.name != ":" {
				return ev
			}
		case <-time.After(wait):
			t.Fatal("no event within", wait)
		}
	}
}

// expect returns the data of the next event, which must be called name.
func (s *stream) expect(t *testing.T, name string, data any) {
	t.Helper()
	ev := s.next(t)
	if ev.name != name {
		t.Fatalf("event %q (%s), want %q", ev.name, ev.data, name)
	}
	if err := json.Unmarshal([]byte(ev.data), data); err != nil {
		t.Fatalf("event %s: %v in %s", name, err, ev.data)
	}
}

type hello struct {
	Build  int     `json:"build"`
	Errors []Error `json:"errors"`
}

func (s *stream) expectHello(t *testing.T) hello {
	t.Helper()
	var h hello
	s.expect(t, "hello", &h)
	if h.Errors == nil {
		t.Error(`hello: "errors" is null or missing, want a list`)
	}
	return h
}

// newTestServer returns a Server under base and an httptest server for it.
func newTestServer(t *testing.T, base string) (*Server, *httptest.Server) {
	s := New(base)
	return s, serve(t, s)
}

// serve starts an httptest server for s. Both are closed at the end of the
// test, s first so that open event streams do not keep httptest's Close
// waiting. Use srv.Client(): it gives up when the server sends no response
// headers (e.g. an event stream that is never flushed) instead of hanging.
func serve(t *testing.T, s *Server) *httptest.Server {
	return serveHandler(t, s, s)
}

// serveHandler is serve with h (wrapping s) as the handler.
func serveHandler(t *testing.T, s *Server, h http.Handler) *httptest.Server {
	srv := httptest.NewServer(h)
	srv.Client().Transport.(*http.Transport).ResponseHeaderTimeout = wait
	t.Cleanup(func() { bounded(t, "httptest.Server.Close", srv.Close) })
	t.Cleanup(func() { bounded(t, "Server.Close", s.Close) })
	return srv
}

// bounded runs f, failing the test if it does not return in time: a
// deadlocked Server should fail its test, not hang the whole run.
func bounded(t *testing.T, what string, f func()) {
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
	case <-time.After(wait):
		t.Error(what, "blocked")
	}
}

// get fetches path from srv and returns the response and its body.
func get(t *testing.T, srv *httptest.Server, path string) (*http.Response, string) {
	t.Helper()
	res, err := srv.Client().Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

func page(body string) []byte {
	return []byte("<!doctype html><html><body>" + body + "</body></html>")
}

var sampleErrors = []Error{
	{File: "content/journeys/x/01-s/t.md", Line: 7, Message: "unknown emotion \"meh\"", Hint: "use one of: happy, neutral, sad"},
	{File: "cjm.toml", Message: "base must end with /"},
}

func TestHelloUpdateReload(t *testing.T) {
	s, srv := newTestServer(t, "/")
	s.Update(map[string][]byte{"index.html": page("one")})

	ev := openEvents(t, srv)
	if h := ev.expectHello(t); h.Build != 1 || len(h.Errors) != 0 {
		t.Errorf("hello = %+v, want build 1 without errors", h)
	}

	s.Update(map[string][]byte{"index.html": page("two")})
	var reload struct{ Build int }
	ev.expect(t, "reload", &reload)
	if reload.Build != 2 {
		t.Errorf("reload build %d, want 2", reload.Build)
	}
	res, body := get(t, srv, "/")
	if res.StatusCode != 200 || !strings.Contains(body, "two") {
		t.Errorf("after Update: %d %q, want 200 with the new page", res.StatusCode, body)
	}
	if !strings.Contains(body, `data-build="2"`) {
		t.Errorf("after Update: page not marked as build 2: %q", body)
	}
}

func TestFailKeepsPageAndSendsErrors(t *testing.T) {
	s, srv := newTestServer(t, "/")
	s.Update(map[string][]byte{"index.html": page("good")})
	ev := openEvents(t, srv)
	ev.expectHello(t)

	s.Fail(sampleErrors)
	var got []Error
	ev.expect(t, "errors", &got)
	if !equalErrors(got, sampleErrors) {
		t.Errorf("errors event = %+v, want %+v", got, sampleErrors)
	}
	// The raw JSON uses the documented lower-case keys.
	s.Fail(sampleErrors[:1])
	raw := ev.next(t)
	for _, key := range []string{`"file":"content/journeys/x/01-s/t.md"`, `"line":7`, `"message":`, `"hint":"use one of`} {
		if !strings.Contains(raw.data, key) {
			t.Errorf("errors event %s lacks %s", raw.data, key)
		}
	}

	res, body := get(t, srv, "/")
	if res.StatusCode != 200 || !strings.Contains(body, "good") {
		t.Errorf("after Fail: %d %q, want the last good page with 200", res.StatusCode, body)
	}

	// A page opened after the failure learns of it in hello.
	late := openEvents(t, srv)
	if h := late.expectHello(t); h.Build != 1 || !equalErrors(h.Errors, sampleErrors[:1]) {
		t.Errorf("hello after Fail = %+v, want build 1 with the errors", h)
	}

	// A good build clears them.
	s.Update(map[string][]byte{"index.html": page("fixed")})
	var reload struct{ Build int }
	ev.expect(t, "reload", &reload)
	if h := openEvents(t, srv).expectHello(t); h.Build != 2 || len(h.Errors) != 0 {
		t.Errorf("hello after Update = %+v, want build 2 without errors", h)
	}
}

func TestFailCopiesErrors(t *testing.T) {
	s, srv := newTestServer(t, "/")
	errs := []Error{{File: "a.md", Message: "bad"}}
	s.Fail(errs)
	errs[0].Message = "changed by caller"
	if h := openEvents(t, srv).expectHello(t); len(h.Errors) != 1 || h.Errors[0].Message != "bad" {
		t.Errorf("hello = %+v, want the errors as passed to Fail", h)
	}
}

func equalErrors(a, b []Error) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestScriptInjection(t *testing.T) {
	// Spare capacity after the page: writing the script into the stored
	// slice (append(data[:i], …)) would overwrite "</body></html>" there.
	html := make([]byte, 0, 200)
	html = append(html, page("hello")...)
	files := map[string][]byte{
		"index.html":       html,
		"nobody.html":      []byte("<p>fragment"),
		"upper/index.html": []byte("<HTML><BODY>x</BODY></HTML>"),
		"css/cjm.css":      []byte("body{}"),
		"js/app.js":        []byte("let a = '</body>';"),
		"data.json":        []byte(`{"a":"</body>"}`),
		"404.html":         page("not found"),
	}
	stored := maps.Clone(files)
	for k, v := range stored {
		stored[k] = bytes.Clone(v)
	}
	s, srv := newTestServer(t, "/")
	s.Update(files)
	s.Update(files) // build 2: the tag must carry the current number

	const tag = `<script src="/__cjm/live.js" data-build="2" defer></script>`
	tests := []struct {
		path, status, body string
	}{
		{"/", "200", "<!doctype html><html><body>hello" + tag + "</body></html>"},
		{"/nobody.html", "200", "<p>fragment" + tag},
		{"/upper/", "200", "<HTML><BODY>x" + tag + "</BODY></HTML>"},
		{"/css/cjm.css", "200", "body{}"},
		{"/js/app.js", "200", "let a = '</body>';"},
		{"/data.json", "200", `{"a":"</body>"}`},
		{"/missing/", "404", "<!doctype html><html><body>not found" + tag + "</body></html>"},
	}
	for _, tt := range tests {
		res, body := get(t, srv, tt.path)
		if strconv.Itoa(res.StatusCode) != tt.status || body != tt.body {
			t.Errorf("GET %s = %d %q, want %s %q", tt.path, res.StatusCode, body, tt.status, tt.body)
		}
		if cl := res.Header.Get("Content-Length"); cl != strconv.Itoa(len(tt.body)) {
			t.Errorf("GET %s: Content-Length %s, want %d", tt.path, cl, len(tt.body))
		}
	}
	// HEAD announces the length of the injected page, not the stored one.
	res, err := srv.Client().Head(srv.URL + "/missing/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if want := strconv.Itoa(len(tests[len(tests)-1].body)); res.Header.Get("Content-Length") != want {
		t.Errorf("HEAD 404: Content-Length %s, want %s", res.Header.Get("Content-Length"), want)
	}
	for k, v := range stored {
		if !bytes.Equal(files[k], v) {
			t.Errorf("stored %s changed to %q", k, files[k])
		}
	}
	if got := html[:cap(html)][len(html):]; bytes.Contains(got, []byte("script")) {
		t.Errorf("script written into the spare capacity of the stored page: %q", got)
	}
}

func TestInjectScript(t *testing.T) {
	tag := []byte("<S>")
	tests := []struct{ in, want string }{
		{"<body></body>", "<body><S></body>"},
		{"a</body>b</body>c", "a</body>b<S></body>c"}, // the last one is the real end
		{"<BODY></Body>", "<BODY><S></Body>"},
		{"no end", "no end<S>"},
		{"", "<S>"},
	}
	for _, tt := range tests {
		if got := string(injectScript([]byte(tt.in), tag)); got != tt.want {
			t.Errorf("injectScript(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLiveJS(t *testing.T) {
	s, srv := newTestServer(t, "/cjm/")
	res, body := get(t, srv, "/cjm/__cjm/live.js")
	if res.StatusCode != 200 {
		t.Fatalf("live.js: status %d", res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
		t.Errorf("live.js: Content-Type %q", ct)
	}
	for _, want := range []string{"'use strict'", "EventSource", "visibilitychange", "textContent", `'role', 'alert'`} {
		if !strings.Contains(body, want) {
			t.Errorf("live.js lacks %s", want)
		}
	}
	if strings.Contains(body, "innerHTML") {
		t.Error("live.js uses innerHTML")
	}
	// Under base, the page's tag points at the same place.
	s.Update(map[string][]byte{"index.html": page("x")})
	_, body = get(t, srv, "/cjm/")
	if !strings.Contains(body, `<script src="/cjm/__cjm/live.js" data-build="1" defer></script>`) {
		t.Errorf("page under /cjm/ = %q, want the script under /cjm/__cjm/", body)
	}
}

func TestBeforeFirstBuild(t *testing.T) {
	s, srv := newTestServer(t, "/")
	res, body := get(t, srv, "/journeys/")
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("before first build: status %d, want 503", res.StatusCode)
	}
	if !strings.Contains(body, "first build is running") ||
		!strings.Contains(body, `<script src="/__cjm/live.js" data-build="0" defer></script></body>`) {
		t.Errorf("before first build: page %q lacks the message or the live script", body)
	}
	if res, _ := get(t, srv, "/css/cjm.css"); res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("before first build, CSS: status %d, want 503", res.StatusCode)
	}

	s.Fail([]Error{{File: "a.md", Line: 3, Message: "bad <script>alert(1)</script>", Hint: "use & not &&"}})
	res, body = get(t, srv, "/")
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("first build failed: status %d, want 503", res.StatusCode)
	}
	for _, want := range []string{"first build failed", "a.md:3", "bad &lt;script&gt;alert(1)&lt;/script&gt;", "use &amp; not &amp;&amp;", `data-build="0"`} {
		if !strings.Contains(body, want) {
			t.Errorf("first build failed: page lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<script>alert") {
		t.Error("first build failed: error message not escaped")
	}

	ev := openEvents(t, srv)
	if h := ev.expectHello(t); h.Build != 0 || len(h.Errors) != 1 {
		t.Errorf("hello = %+v, want build 0 with 1 error", h)
	}
	s.Update(map[string][]byte{"index.html": page("ready")})
	var reload struct{ Build int }
	ev.expect(t, "reload", &reload)
	if res, body := get(t, srv, "/"); res.StatusCode != 200 || !strings.Contains(body, "ready") {
		t.Errorf("after first build: %d %q", res.StatusCode, body)
	}
}

// TestServerRoutes checks that Server routes like Files (it reuses it).
func TestServerRoutes(t *testing.T) {
	s, srv := newTestServer(t, "/cjm/")
	s.Update(map[string][]byte{
		"index.html":          page("home"),
		"journeys/index.html": page("journeys"),
		"css/cjm.css":         []byte("body{}"),
		"404.html":            page("not found page"),
	})
	client := *srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	tests := []struct {
		path   string
		status int
		body   string
	}{
		{"/cjm/", 200, "home"},
		{"/cjm/journeys/", 200, "journeys"},
		{"/cjm/journeys", 301, ""},
		{"/cjm", 301, ""},
		{"/cjm/css/cjm.css", 200, "body{}"},
		{"/cjm/nothing/", 404, "not found page"},
		{"/elsewhere/", 404, "not found page"},
	}
	for _, tt := range tests {
		res, err := client.Get(srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tt.status || !strings.Contains(string(body), tt.body) {
			t.Errorf("%s: %d %q, want %d with %q", tt.path, res.StatusCode, body, tt.status, tt.body)
		}
		if tt.status != 301 && res.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("%s: Cache-Control %q", tt.path, res.Header.Get("Cache-Control"))
		}
	}
	for _, p := range []string{"/cjm/", "/cjm/__cjm/events", "/cjm/__cjm/live.js"} {
		res, err := srv.Client().Post(srv.URL+p, "text/plain", strings.NewReader("x"))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("POST %s: status %d, want 405", p, res.StatusCode)
		}
	}
}

func TestHostCheck(t *testing.T) {
	s, srv := newTestServer(t, "/")
	s.Update(map[string][]byte{"index.html": page("x")})
	s.AllowHosts("MyBox.lan")
	tests := []struct {
		host   string
		status int
	}{
		{"localhost:1313", 200},
		{"localhost", 200},
		{"LocalHost:1313", 200},
		{"127.0.0.1:5", 200},
		{"192.168.1.20", 200},
		{"[::1]:5", 200},
		{"[::1]", 200},
		{"mybox.lan:1313", 200},
		{"evil.example:1313", 403},
		{"evil.example", 403},
		{"localhost.evil.example", 403},
		{"127.0.0.1.evil.example:5", 403},
		{"other.lan:1313", 403},
	}
	for _, tt := range tests {
		req, err := http.NewRequest("GET", srv.URL+"/", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = tt.host
		res, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tt.status {
			t.Errorf("Host %q: status %d, want %d", tt.host, res.StatusCode, tt.status)
		}
		if tt.status == 403 && (!strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") || !strings.Contains(string(body), "DNS rebinding")) {
			t.Errorf("Host %q: 403 without a plain-text explanation: %q", tt.host, body)
		}
	}
	// The check guards the live endpoints too. The deadline ends the
	// stream should the check be missing.
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	req := httptest.NewRequestWithContext(ctx, "GET", "/__cjm/events", nil)
	req.Host = "evil.example"
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != 403 {
		t.Errorf("events from evil.example: status %d, want 403", rec.Code)
	}
	// HTTP/1.0 may send no Host at all.
	req = httptest.NewRequest("GET", "/", nil)
	req.Host = ""
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != 400 && rec.Code != 403 {
		t.Errorf("empty Host: status %d, want 400 or 403", rec.Code)
	}
}

func TestCloseEndsStreams(t *testing.T) {
	s, srv := newTestServer(t, "/")
	a, b := openEvents(t, srv), openEvents(t, srv)
	a.expectHello(t)
	b.expectHello(t)
	s.Close()
	s.Close() // idempotent
	for _, ev := range []*stream{a, b} {
		select {
		case e, ok := <-ev.events:
			if ok {
				t.Errorf("after Close: got %+v, want end of stream", e)
			}
		case <-time.After(wait):
			t.Fatal("stream still open", wait, "after Close")
		}
	}
	// New streams are refused rather than left hanging; pages still load.
	if res, _ := get(t, srv, "/__cjm/events"); res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("events after Close: status %d, want 503", res.StatusCode)
	}
	s.Update(map[string][]byte{"index.html": page("x")}) // must not panic or block
}

// TestClientGoneEndsStream checks that a stream ends, and unsubscribes,
// as soon as its page goes away, not at the next ping or write.
func TestClientGoneEndsStream(t *testing.T) {
	s := New("/")
	returned := make(chan string, 10)
	srv := serveHandler(t, s, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.ServeHTTP(w, r)
		returned <- r.URL.Path
	}))
	res, err := srv.Client().Get(srv.URL + "/__cjm/events")
	if err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(res.Body).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "retry:") {
		t.Fatalf("first line %q, %v", line, err)
	}
	res.Body.Close() // the page goes away
	select {
	case p := <-returned:
		if p != "/__cjm/events" {
			t.Fatalf("handler for %s returned", p)
		}
	case <-time.After(wait):
		t.Fatal("event stream handler still running", wait, "after the client left")
	}
	s.mu.Lock()
	left := len(s.clients)
	s.mu.Unlock()
	if left != 0 {
		t.Errorf("%d clients still subscribed", left)
	}
}

func TestPing(t *testing.T) {
	s := New("/")
	s.ping = 10 * time.Millisecond
	srv := serve(t, s)
	ev := openEvents(t, srv)
	ev.expectHello(t)
	select {
	case e := <-ev.events:
		if e != (sseEvent{":", "ping"}) {
			t.Errorf("got %+v, want a ping comment", e)
		}
	case <-time.After(wait):
		t.Fatal("no ping")
	}
}

// TestSlowClientDoesNotBlock opens a stream that is never read and floods
// it with large events, far more than socket buffers hold: Update and Fail
// must still return promptly, and the state must be right afterwards.
func TestSlowClientDoesNotBlock(t *testing.T) {
	s, srv := newTestServer(t, "/")
	res, err := srv.Client().Get(srv.URL + "/__cjm/events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })

	files := map[string][]byte{"index.html": page("flood")}
	big := []Error{{File: "a.md", Message: strings.Repeat("x", 8<<10)}}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 1000 {
			s.Fail(big)
			s.Update(files)
		}
	}()
	select {
	case <-done:
	case <-time.After(wait):
		t.Fatal("Update/Fail blocked by a client that does not read")
	}
	if h := openEvents(t, srv).expectHello(t); h.Build != 1000 || len(h.Errors) != 0 {
		t.Errorf("hello after flood = %+v, want build 1000 without errors", h)
	}
}

// TestSlowClientDropped checks the broadcaster itself: a subscriber that
// never drains is dropped (its channel closed, ending its stream so it
// reconnects for the latest state) instead of blocking or growing.
func TestSlowClientDropped(t *testing.T) {
	s := New("/")
	ch, _, ok := s.subscribe()
	if !ok {
		t.Fatal("subscribe failed")
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 1000 {
			s.Update(nil)
		}
	}()
	select {
	case <-done:
	case <-time.After(wait):
		t.Fatal("Update blocked by a subscriber that does not read")
	}
	n := 0
	for closed := false; !closed; {
		select {
		case _, ok := <-ch:
			if ok {
				n++
			}
			closed = !ok
		case <-time.After(wait):
			t.Fatal("slow subscriber was not dropped (channel still open)")
		}
	}
	if n != clientBuffer {
		t.Errorf("dropped client had %d queued events, want %d", n, clientBuffer)
	}
	s.mu.Lock()
	left := len(s.clients)
	s.mu.Unlock()
	if left != 0 {
		t.Errorf("%d clients still subscribed", left)
	}
}

// TestUpdatePagesReloadsChangedPages: after a build of content alone, the
// reload event names the pages whose HTML changed, so that the other open
// pages stay; a changed stylesheet, script or image reloads every page.
func TestUpdatePagesReloadsChangedPages(t *testing.T) {
	css := []byte("body{}")
	before := map[string][]byte{
		"index.html":       page("home"),
		"a/index.html":     page("a"),
		"b/index.html":     page("b"),
		"gone/index.html":  page("gone"),
		"search.json":      []byte("[]"),
		"a/map.svg":        []byte("<svg/>"),
		"assets/site.css":  css,
		"assets/logo.webp": []byte("img"),
	}
	for _, tc := range []struct {
		name   string
		change func(files map[string][]byte)
		pages  []string // nil: every page reloads
	}{
		{"one page", func(f map[string][]byte) { f["a/index.html"] = page("a2") }, []string{"/a/"}},
		{"home page", func(f map[string][]byte) { f["index.html"] = page("home2") }, []string{"/"}},
		{"page added and removed", func(f map[string][]byte) {
			f["new/index.html"] = page("new")
			delete(f, "gone/index.html")
		}, []string{"/gone/", "/new/"}},
		{"documents alone", func(f map[string][]byte) {
			f["search.json"] = []byte("[1]")
			f["a/map.svg"] = []byte("<svg></svg>")
		}, []string{}},
		{"same bytes in a new slice", func(f map[string][]byte) { f["b/index.html"] = page("b") }, []string{}},
		{"stylesheet", func(f map[string][]byte) { f["assets/site.css"] = []byte("body{color:red}") }, nil},
		{"image removed", func(f map[string][]byte) { delete(f, "assets/logo.webp") }, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, srv := newTestServer(t, "/")
			s.Update(maps.Clone(before))
			ev := openEvents(t, srv)
			ev.expectHello(t)
			files := maps.Clone(before)
			tc.change(files)
			s.UpdatePages(files)
			var reload struct {
				Build int
				Pages *[]string
			}
			ev.expect(t, "reload", &reload)
			if reload.Build != 2 {
				t.Errorf("reload build %d, want 2", reload.Build)
			}
			switch {
			case tc.pages == nil && reload.Pages != nil:
				t.Errorf("reload names pages %q, want every page to reload", *reload.Pages)
			case tc.pages != nil && (reload.Pages == nil || !slices.Equal(*reload.Pages, tc.pages)):
				t.Errorf("reload pages = %v, want %q", reload.Pages, tc.pages)
			}
		})
	}
}

// TestPreview: pages of a build still running are served at once over the
// last build's files, and the open ones reload; before the first build
// there is nothing to preview.
func TestPreview(t *testing.T) {
	s, srv := newTestServer(t, "/")
	s.Preview(map[string][]byte{"a/index.html": page("early")})
	if res, _ := get(t, srv, "/a/"); res.StatusCode == 200 {
		t.Error("a preview before the first build is served")
	}
	s.Update(map[string][]byte{"index.html": page("home"), "a/index.html": page("a")})
	ev := openEvents(t, srv)
	ev.expectHello(t)
	s.Preview(map[string][]byte{"a/index.html": page("a2")})
	var reload struct {
		Build int
		Pages *[]string
	}
	ev.expect(t, "reload", &reload)
	if reload.Pages == nil || !slices.Equal(*reload.Pages, []string{"/a/"}) {
		t.Errorf("reload pages = %v, want [/a/]", reload.Pages)
	}
	if _, body := get(t, srv, "/a/"); !strings.Contains(body, "a2") {
		t.Errorf("previewed page = %q, want the new one", body)
	}
	if _, body := get(t, srv, "/"); !strings.Contains(body, "home") {
		t.Errorf("other page = %q, want the last build's", body)
	}
}
