// Command testfmt shows `go test -json` as it goes: a line for each
// package as it finishes, the output of each failing test in full, and,
// when nothing has finished for a while, which packages and tests are
// still running, so that a long package does not look like a hang.
//
//	go test -json ./... | go run ./internal/testfmt
//
// It exits 1 if a test or a build failed.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
)

const module = "github.com/cjm-portal/cjm/"

// event is a line of `go test -json` (see `go doc test2json`).
type event struct {
	Time       time.Time
	Action     string
	Package    string
	ImportPath string
	Test       string
	Elapsed    float64
	Output     string
}

type pkgState struct {
	start   time.Time
	output  []string            // the package's own output
	tests   map[string][]string // output of each running test
	running map[string]time.Time
	cached  bool
}

type printer struct {
	mu       sync.Mutex
	out      io.Writer
	start    time.Time
	last     time.Time // when a line was last printed
	pkgs     map[string]*pkgState
	build    map[string][]string // build output by import path
	failed   []string
	counts   map[string]int
	finished bool
}

func main() {
	p := newPrinter(os.Stdout, time.Now())
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case now := <-t.C:
				p.tick(now, 15*time.Second)
			}
		}
	}()
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		p.line(sc.Text(), time.Now())
	}
	close(done)
	if !p.summary(time.Now()) {
		os.Exit(1)
	}
}

func newPrinter(out io.Writer, now time.Time) *printer {
	return &printer{out: out, start: now, last: now, pkgs: map[string]*pkgState{}, build: map[string][]string{}, counts: map[string]int{}}
}

func short(pkg string) string {
	if s := strings.TrimPrefix(pkg, module); s != pkg {
		return s
	}
	if pkg+"/" == module {
		return "."
	}
	return pkg
}

func (p *printer) printf(now time.Time, format string, args ...any) {
	fmt.Fprintf(p.out, format, args...)
	p.last = now
}

// line takes one line of go test's output.
func (p *printer) line(s string, now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	var e event
	if !strings.HasPrefix(s, "{") || json.Unmarshal([]byte(s), &e) != nil {
		p.printf(now, "%s\n", s) // not JSON: a build error, a vet message
		return
	}
	switch e.Action {
	case "build-output":
		p.build[e.ImportPath] = append(p.build[e.ImportPath], e.Output)
		return
	case "build-fail":
		// The package's fail event follows, and counts it.
		name, _, _ := strings.Cut(e.ImportPath, " ")
		p.printf(now, "build of %s failed:\n%s", short(name), strings.Join(p.build[e.ImportPath], ""))
		return
	}
	ps := p.pkgs[e.Package]
	if ps == nil {
		ps = &pkgState{start: now, tests: map[string][]string{}, running: map[string]time.Time{}}
		p.pkgs[e.Package] = ps
	}
	switch e.Action {
	case "run":
		if e.Test != "" {
			ps.running[e.Test] = now
		}
	case "output":
		if e.Test == "" {
			ps.output = append(ps.output, e.Output)
			if strings.Contains(e.Output, "(cached)") {
				ps.cached = true
			}
		} else {
			ps.tests[e.Test] = append(ps.tests[e.Test], e.Output)
		}
	case "pass", "fail", "skip":
		if e.Test != "" {
			if e.Action == "fail" {
				p.printf(now, "--- FAIL %s %s\n%s", short(e.Package), e.Test, strings.Join(ps.tests[e.Test], ""))
			}
			delete(ps.tests, e.Test)
			delete(ps.running, e.Test)
			return
		}
		p.endPackage(e, ps, now)
	}
}

func (p *printer) endPackage(e event, ps *pkgState, now time.Time) {
	delete(p.pkgs, e.Package)
	name := short(e.Package)
	switch {
	case e.Action == "skip":
		p.counts["no tests"]++
		return // no test files: not worth a line
	case e.Action == "fail":
		p.counts["failed"]++
		p.failed = append(p.failed, name)
		// The package's own output: a panic, a timeout, TestMain's failure.
		p.printf(now, "%sFAIL  %-28s %6.1fs\n", strings.Join(ps.output, ""), name, e.Elapsed)
	case ps.cached:
		p.counts["cached"]++
		p.printf(now, "ok    %-28s %7s\n", name, "cached")
	default:
		p.counts["ok"]++
		p.printf(now, "ok    %-28s %6.1fs\n", name, e.Elapsed)
	}
}

// tick says what is still running once nothing has been printed for quiet.
func (p *printer) tick(now time.Time, quiet time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if now.Sub(p.last) < quiet || len(p.pkgs) == 0 {
		return
	}
	var names []string
	for pkg := range p.pkgs {
		names = append(names, pkg)
	}
	sort.Strings(names)
	var parts []string
	for _, pkg := range names {
		ps := p.pkgs[pkg]
		part := fmt.Sprintf("%s %ds", short(pkg), int(now.Sub(ps.start).Seconds()))
		// The longest-running top-level test, if any.
		var longest string
		var since time.Time
		for test, at := range ps.running {
			if !strings.Contains(test, "/") && (longest == "" || at.Before(since) || at.Equal(since) && test < longest) {
				longest, since = test, at
			}
		}
		if longest != "" {
			part += fmt.Sprintf(" (%s %ds)", longest, int(now.Sub(since).Seconds()))
		}
		parts = append(parts, part)
	}
	p.printf(now, "      … %ds: still running %s\n", int(now.Sub(p.start).Seconds()), strings.Join(parts, ", "))
}

// summary prints the totals and reports whether everything passed.
func (p *printer) summary(now time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	// A package that never finished: go test was killed, or crashed.
	for pkg := range p.pkgs {
		p.failed = append(p.failed, short(pkg)+" [did not finish]")
	}
	sort.Strings(p.failed)
	p.printf(now, "go test: %d packages ok, %d cached, %d without tests, %d failed, in %.0fs\n",
		p.counts["ok"], p.counts["cached"], p.counts["no tests"], len(p.failed), now.Sub(p.start).Seconds())
	if len(p.failed) > 0 {
		p.printf(now, "FAILED: %s\n", strings.Join(p.failed, ", "))
		return false
	}
	return true
}
