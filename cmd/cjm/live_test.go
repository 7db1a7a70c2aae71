package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cjm-portal/cjm/internal/gen"
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

// TestServeLive runs `cjm serve` on port 0 and edits its site the way an
// author does; every step waits for the server's events, never a clock.
func TestServeLive(t *testing.T) {
	dir := liveSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	out, outW := io.Pipe()
	stderr := &lockedWriter{w: &strings.Builder{}}
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, serveOptions{source: dir, bind: "127.0.0.1", port: 0, baseURL: "/"}, outW, stderr)
		outW.Close()
	}()
	defer func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
	}()

	// The address is printed once the first build is served; the rest of
	// the output is drained so that the server never blocks on it.
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var addr string
	for addr == "" {
		select {
		case l := <-lines:
			if m := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+/)`).FindStringSubmatch(l); m != nil {
				addr = m[1]
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("no address printed; stderr: %s", stderr.String())
		}
	}
	go func() {
		for range lines {
		}
	}()

	events := subscribe(t, ctx, addr+"__cjm/events")
	next := func(name string) event {
		t.Helper()
		for {
			select {
			case e, ok := <-events:
				if !ok {
					t.Fatalf("the event stream ended while waiting for %q", name)
				}
				if e.name == name {
					return e
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("no %q event; stderr: %s", name, stderr.String())
			}
		}
	}
	// until waits for reload events until the page at path answers with
	// status and contains want.
	until := func(path string, status int, want string) {
		t.Helper()
		for {
			if code, body := get(t, addr+path); code == status && strings.Contains(body, want) {
				return
			}
			next("reload")
		}
	}
	next("hello")
	const page = "journeys/order/buy/pay/"
	until(page, 200, "Pay by card")

	tp := filepath.Join(dir, "content/journeys/order/01-buy/pay.md")
	writeFile(t, tp, "---\ntitle: Pay with a phone\nemotion: 1\n---\nBody.\n")
	until(page, 200, "Pay with a phone")

	// A broken file: the errors reach the page, which keeps the last good build.
	writeFile(t, tp, "---\ntitle: [unclosed\nemotion: 1\n---\n")
	e := next("errors")
	var errs []struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal([]byte(e.data), &errs); err != nil {
		t.Fatalf("errors event %q: %v", e.data, err)
	}
	found := false
	for _, er := range errs {
		if er.File == "content/journeys/order/01-buy/pay.md" && er.Line == 2 && strings.Contains(er.Message, "YAML") {
			found = true
		}
	}
	if !found {
		t.Errorf("the errors event does not name pay.md, line 2: %s", e.data)
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
