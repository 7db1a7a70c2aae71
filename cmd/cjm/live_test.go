package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cjm-portal/cjm/internal/build"
	"github.com/cjm-portal/cjm/internal/gen"
	"github.com/cjm-portal/cjm/internal/theme"
)

// event is one server-sent event.
type event struct{ name, data string }

// liveSite writes a small site into a temporary folder.
func liveSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"content/_index.md":                       "---\ntitle: Live portal\n---\n",
		"content/personas/olga.md":                "---\ntitle: Olga\n---\n",
		"content/journeys/order/_index.md":        "---\ntitle: Order\npersonas: olga\n---\n",
		"content/journeys/order/01-buy/_index.md": "---\ntitle: Buy\n---\n",
		"content/journeys/order/01-buy/pay.md":    "---\ntitle: Pay by card\nemotion: 1\n---\nBody.\n",
	}
	for name, data := range files {
		writeFile(t, filepath.Join(dir, name), data)
	}
	return dir
}

func writeFile(t testing.TB, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// session is a `cjm serve` running in this process on port 0.
type session struct {
	t      *testing.T
	addr   string
	lines  <-chan string // what it prints, line by line, once the address is known
	events <-chan event
	stderr *lockedWriter
}

// startServe runs `cjm serve` on dir until the test ends, and waits for it
// to print its address: the first build is then served.
func startServe(t *testing.T, o serveOptions) *session {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, outW := io.Pipe()
	stderr := &lockedWriter{w: &strings.Builder{}}
	done := make(chan error, 1)
	o.bind, o.port, o.baseURL = "127.0.0.1", 0, "/"
	go func() {
		done <- serve(ctx, o, outW, stderr)
		outW.Close()
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
	})

	// The address is printed once the first build is served; the rest of
	// the output is read on, so that the server never blocks on it.
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			default: // nobody is waiting for lines: drop them
			}
		}
		close(lines)
	}()
	s := &session{t: t, lines: lines, stderr: stderr}
	for s.addr == "" {
		select {
		case l := <-lines:
			if m := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+/)`).FindStringSubmatch(l); m != nil {
				s.addr = m[1]
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("no address printed; stderr: %s", stderr.String())
		}
	}
	s.events = subscribe(t, ctx, s.addr+"__cjm/events")
	return s
}

// next waits for the next event called name.
func (s *session) next(name string) event {
	s.t.Helper()
	for {
		select {
		case e, ok := <-s.events:
			if !ok {
				s.t.Fatalf("the event stream ended while waiting for %q", name)
			}
			if e.name == name {
				return e
			}
		case <-time.After(10 * time.Second):
			s.t.Fatalf("no %q event; stderr: %s", name, s.stderr.String())
		}
	}
}

// until waits for reload events until the page at path answers with
// status and contains want.
func (s *session) until(path string, status int, want string) {
	s.t.Helper()
	for {
		if code, body := get(s.t, s.addr+path); code == status && strings.Contains(body, want) {
			return
		}
		s.next("reload")
	}
}

// TestServeLive runs `cjm serve` on port 0 and edits its site the way an
// author does; every step waits for the server's events, never a clock.
func TestServeLive(t *testing.T) {
	dir := liveSite(t)
	s := startServe(t, serveOptions{source: dir})
	next, until, addr := s.next, s.until, s.addr
	next("hello")
	const page = "journeys/order/buy/pay/"
	until(page, 200, "Pay by card")

	tp := filepath.Join(dir, "content/journeys/order/01-buy/pay.md")
	writeFile(t, tp, "---\ntitle: Pay with a phone\nemotion: 1\n---\nBody.\n")
	until(page, 200, "Pay with a phone")

	// A broken file: the errors reach the page, which keeps the last good build.
	writeFile(t, tp, "---\ntitle: [unclosed\nemotion: 1\n---\n")
	errs := overlayErrors(t, next("errors").data)
	found := false
	for _, er := range errs {
		if er.File == "content/journeys/order/01-buy/pay.md" && er.Line == 2 && strings.Contains(er.Message, "YAML") {
			found = true
		}
	}
	if !found {
		t.Errorf("the errors event does not name pay.md, line 2: %+v", errs)
	}
	if code, body := get(t, addr+page); code != 200 || !strings.Contains(body, "Pay with a phone") {
		t.Errorf("after a broken save, the page is %d and lacks the last good title", code)
	}

	// Fixed: the page reloads with the new text.
	writeFile(t, tp, "---\ntitle: Pay in one tap\nemotion: 2\n---\n")
	until(page, 200, "Pay in one tap")

	// A new stage folder with a touchpoint appears; deleted, it is gone.
	stage := filepath.Join(dir, "content/journeys/order/02-wait")
	writeFile(t, filepath.Join(stage, "_index.md"), "---\ntitle: Wait\n---\n")
	writeFile(t, filepath.Join(stage, "courier.md"), "---\ntitle: Courier is late\n---\n")
	until("journeys/order/wait/courier/", 200, "Courier is late")
	if err := os.RemoveAll(stage); err != nil {
		t.Fatal(err)
	}
	until("journeys/order/wait/courier/", 404, "")
	if _, body := get(t, addr+"journeys/order/"); strings.Contains(body, "Courier is late") {
		t.Error("the journey page still shows the deleted stage's touchpoint")
	}
}

// subscribe reads the server-sent events at url into a channel.
func subscribe(t testing.TB, ctx context.Context, url string) <-chan event {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("events: Content-Type %q", ct)
	}
	ch := make(chan event, 100)
	go func() {
		defer close(ch)
		defer res.Body.Close()
		r := bufio.NewReader(res.Body)
		var e event
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimRight(line, "\r\n")
			switch {
			case line == "":
				if e.name != "" {
					ch <- e
				}
				e = event{}
			case strings.HasPrefix(line, "event:"):
				e.name = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
			case strings.HasPrefix(line, "data:"):
				e.data += strings.TrimSpace(strings.TrimPrefix(line, "data:"))
			}
		}
	}()
	return ch
}

func get(t testing.TB, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// lockedWriter lets the server write while a failing test reads.
type lockedWriter struct {
	mu sync.Mutex
	w  *strings.Builder
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func (l *lockedWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.String()
}

// BenchmarkServeEdit measures what an author waits for at 4,000
// touchpoints: from saving a touchpoint to the dev server serving its
// page with the new title, the watcher's debounce and the reload event
// included. It reports the median.
func BenchmarkServeEdit(b *testing.B) {
	dir := b.TempDir()
	var tp string
	for name, data := range gen.Files(gen.Options{Touchpoints: 4000, Seed: 1}) {
		writeFile(b, filepath.Join(dir, filepath.FromSlash(name)), string(data))
		if strings.HasSuffix(name, "/s0-t0.md") && (tp == "" || name < tp) {
			tp = name
		}
	}
	original, _ := os.ReadFile(filepath.Join(dir, tp))
	parts := strings.Split(tp, "/") // content/journeys/J/NN-stage/slug.md
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, outW := io.Pipe()
	go func() {
		_ = serve(ctx, serveOptions{source: dir, bind: "127.0.0.1", port: 0, baseURL: "/"}, outW, io.Discard)
	}()
	sc := bufio.NewScanner(out)
	addr := ""
	for addr == "" && sc.Scan() {
		if m := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+/)`).FindStringSubmatch(sc.Text()); m != nil {
			addr = m[1]
		}
	}
	go func() {
		for sc.Scan() {
		}
	}()
	events := subscribe(b, ctx, addr+"__cjm/events")
	<-events // hello
	// The page's URL: the stage's slug drops the folder's number.
	_, stageSlug, _ := strings.Cut(parts[3], "-")
	page := addr + "journeys/" + parts[2] + "/" + stageSlug + "/" + strings.TrimSuffix(parts[4], ".md") + "/"
	if code, _ := get(b, page); code != 200 {
		b.Fatalf("%s: %d", page, code)
	}
	var took []time.Duration
	i := 0
	for b.Loop() {
		i++
		title := fmt.Sprintf("Edited %d", i)
		start := time.Now()
		writeFile(b, filepath.Join(dir, tp), strings.Replace(string(original), "title: ", "title: "+title+" ", 1))
		for {
			e := <-events
			if e.name != "reload" {
				continue
			}
			if _, body := get(b, page); strings.Contains(body, title) {
				break
			}
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms")
}

// stuckLayout is a touchpoint template whose loops would not end in a
// lifetime, and write nothing.
const stuckLayout = "{{define \"main\"}}<h1>{{.Title}}</h1>\n{{range $i := 1000000}}{{range $j := 1000000}}{{end}}{{end}}{{end}}\n"

// stuckAfter is the time a page may take in TestServeStuckTemplate: the
// stuck page is stopped at it, and the ordinary pages must end well within
// it even on a loaded machine under the race detector (300 ms was too little).
const stuckAfter = time.Second

// TestServeStuckTemplate: a template that never ends fails its rebuild,
// with the error over the last good page, which is still served; the save
// that fixes it rebuilds.
func TestServeStuckTemplate(t *testing.T) {
	dir := liveSite(t)
	s := startServe(t, serveOptions{source: dir, limits: theme.Limits{Time: stuckAfter}})
	s.next("hello")
	const page = "journeys/order/buy/pay/"
	s.until(page, 200, "Pay by card")

	layout := filepath.Join(dir, "layouts/touchpoint.html")
	writeFile(t, layout, stuckLayout)
	errs := overlayErrors(t, s.next("errors").data)
	if len(errs) != 1 || errs[0].File != "layouts/touchpoint.html" || errs[0].Line != 2 ||
		errs[0].Message != "rendering /"+page+": stopped after "+stuckAfter.String()+", the time one page may take" {
		t.Errorf("errors = %+v; want one at layouts/touchpoint.html:2 saying /%s was stopped after %s", errs, page, stuckAfter)
	}
	if code, body := get(t, s.addr+page); code != 200 || !strings.Contains(body, "Pay by card") {
		t.Errorf("after a stuck rebuild, the page is %d and lacks the last good title", code)
	}

	writeFile(t, layout, "{{define \"main\"}}<h1>Fixed: {{.Title}}</h1>{{end}}\n")
	s.until(page, 200, "Fixed: Pay by card")
}

// TestServeStopsWhileStuck runs `cjm serve` as a process, as a terminal
// does, and sends it Ctrl+C or SIGTERM while a template is stuck: it still
// answers with the last good page meanwhile, and exits within a second.
func TestServeStopsWhileStuck(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no signals to send")
	}
	for _, sig := range []os.Signal{syscall.SIGTERM, os.Interrupt} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := liveSite(t)
			cmd := exec.Command("cjm", "serve", "-source", dir, "-port", "0") // this test binary (see TestMain)
			// Built with -race, a process waits a second at exit for
			// reports from other goroutines: not the wait measured here.
			cmd.Env = append(os.Environ(), "GORACE="+strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"))
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			stderr := &lockedWriter{w: &strings.Builder{}}
			cmd.Stderr = stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			defer cmd.Process.Kill()
			lines := make(chan string, 100)
			go func() {
				sc := bufio.NewScanner(out)
				for sc.Scan() {
					lines <- sc.Text()
				}
				close(lines)
			}()
			// waitFor waits for a printed line holding re, and returns its match.
			waitFor := func(re string) []string {
				t.Helper()
				for {
					select {
					case l, ok := <-lines:
						if !ok {
							t.Fatalf("cjm serve ended without printing %q; stderr: %s", re, stderr.String())
						}
						if m := regexp.MustCompile(re).FindStringSubmatch(l); m != nil {
							return m
						}
					case <-time.After(20 * time.Second):
						t.Fatalf("cjm serve did not print %q; stderr: %s", re, stderr.String())
					}
				}
			}
			addr := waitFor(`at (http://127\.0\.0\.1:\d+/)`)[1]
			const page = "journeys/order/buy/pay/"
			if code, body := get(t, addr+page); code != 200 || !strings.Contains(body, "Pay by card") {
				t.Fatalf("%s: %d", page, code)
			}

			writeFile(t, filepath.Join(dir, "layouts/touchpoint.html"), stuckLayout)
			waitFor(`: still building after 2s; a page still rendering at 10s is stopped$`)
			asked := time.Now()
			if code, body := get(t, addr+page); code != 200 || !strings.Contains(body, "Pay by card") {
				t.Errorf("while a template is stuck, the page is %d and lacks the last good title", code)
			}
			t.Logf("answered in %s while stuck", time.Since(asked).Round(time.Millisecond))

			sent := time.Now()
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-exited:
				took := time.Since(sent)
				t.Logf("exited %s after %s", took.Round(time.Millisecond), sig)
				if took > time.Second {
					t.Errorf("cjm serve took %s to exit after %s", took, sig)
				}
				if err != nil {
					t.Errorf("cjm serve: %v; stderr: %s", err, stderr.String())
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("cjm serve did not exit after %s", sig)
			}
		})
	}
}

// overlayError is one error of an errors event, as the browser's overlay
// shows it.
type overlayError struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// overlayErrors reads the data of an errors event.
func overlayErrors(t *testing.T, data string) []overlayError {
	t.Helper()
	var errs []overlayError
	if err := json.Unmarshal([]byte(data), &errs); err != nil {
		t.Fatalf("errors event %q: %v", data, err)
	}
	return errs
}

// TestPreviews: the pages a build cut short by a newer save served ahead
// stay served when a later build fails; those of the failed build itself
// give way to the last good build's, and a good build ends it all.
func TestPreviews(t *testing.T) {
	cut := &build.Result{Err: build.ErrSuperseded}
	var failed build.Result
	failed.Diags.Errorf("content/x.md", 1, "", "broken")
	page := func(s string) map[string][]byte { return map[string][]byte{"p/index.html": []byte(s)} }
	var p previews

	p.add(page("first save"))
	if _, revert := p.end(cut); revert {
		t.Error("a build cut short reverts its pages")
	}
	if good, revert := p.end(&failed); revert || good == nil {
		t.Errorf("a failed build that served nothing ahead: revert %v, good %v", revert, good)
	}
	p.add(page("third save"))
	good, revert := p.end(&failed)
	if !revert || string(good["p/index.html"]) != "first save" {
		t.Errorf("a failed build that served a page ahead: revert %v, good %q, want the first save's", revert, good)
	}
	p.add(page("fourth save"))
	if _, revert := p.end(&build.Result{}); revert {
		t.Error("a good build reverts")
	}
	p.add(page("fifth save"))
	if good, revert := p.end(&failed); !revert || len(good) != 0 {
		t.Errorf("after a good build, a failed one: revert %v, good %v; want the last good build alone", revert, good)
	}
}
