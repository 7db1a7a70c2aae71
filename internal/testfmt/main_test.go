package main

import (
	"strings"
	"testing"
	"time"
)

func TestPrinter(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var out strings.Builder
	p := newPrinter(&out, t0)
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	for _, l := range []struct {
		s    int
		line string
	}{
		{0, `{"Action":"start","Package":"github.com/cjm-portal/cjm/internal/a"}`},
		{0, `{"Action":"run","Package":"github.com/cjm-portal/cjm/internal/a","Test":"TestSlow"}`},
		{1, `{"Action":"start","Package":"github.com/cjm-portal/cjm/internal/b"}`},
		{1, `{"Action":"run","Package":"github.com/cjm-portal/cjm/internal/b","Test":"TestBad"}`},
		{1, `{"Action":"output","Package":"github.com/cjm-portal/cjm/internal/b","Test":"TestBad","Output":"    b_test.go:9: wrong\n"}`},
		{2, `{"Action":"fail","Package":"github.com/cjm-portal/cjm/internal/b","Test":"TestBad","Elapsed":1}`},
		{2, `{"Action":"output","Package":"github.com/cjm-portal/cjm/internal/b","Output":"FAIL\n"}`},
		{2, `{"Action":"fail","Package":"github.com/cjm-portal/cjm/internal/b","Elapsed":1.5}`},
		{3, `{"Action":"output","Package":"github.com/cjm-portal/cjm/internal/c","Output":"ok  \tgithub.com/cjm-portal/cjm/internal/c\t(cached)\n"}`},
		{3, `{"Action":"pass","Package":"github.com/cjm-portal/cjm/internal/c","Elapsed":0}`},
		{3, `{"Action":"skip","Package":"github.com/cjm-portal/cjm/internal/d","Elapsed":0}`},
		{4, `{"Action":"build-output","ImportPath":"github.com/cjm-portal/cjm/internal/e [github.com/cjm-portal/cjm/internal/e.test]","Output":"e.go:1: syntax error\n"}`},
		{4, `{"Action":"build-fail","ImportPath":"github.com/cjm-portal/cjm/internal/e [github.com/cjm-portal/cjm/internal/e.test]"}`},
		{4, `{"Action":"start","Package":"github.com/cjm-portal/cjm/internal/e"}`},
		{4, `{"Action":"fail","Package":"github.com/cjm-portal/cjm/internal/e","Elapsed":0,"FailedBuild":"github.com/cjm-portal/cjm/internal/e [github.com/cjm-portal/cjm/internal/e.test]"}`},
	} {
		p.line(l.line, at(l.s))
	}
	p.tick(at(10), 15*time.Second) // too soon: nothing
	p.tick(at(25), 15*time.Second)
	p.line(`{"Action":"pass","Package":"github.com/cjm-portal/cjm/internal/a","Elapsed":30.25}`, at(30))
	if p.summary(at(31)) {
		t.Error("summary reported success despite failures")
	}
	want := `--- FAIL internal/b TestBad
    b_test.go:9: wrong
FAIL
FAIL  internal/b                      1.5s
ok    internal/c                    cached
build of internal/e failed:
e.go:1: syntax error
FAIL  internal/e                      0.0s
      … 25s: still running internal/a 25s (TestSlow 25s)
ok    internal/a                     30.2s
go test: 1 packages ok, 1 cached, 1 without tests, 2 failed, in 31s
FAILED: internal/b, internal/e
`
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestPrinterAllPass(t *testing.T) {
	t0 := time.Now()
	var out strings.Builder
	p := newPrinter(&out, t0)
	p.line(`{"Action":"start","Package":"github.com/cjm-portal/cjm"}`, t0)
	p.line(`{"Action":"pass","Package":"github.com/cjm-portal/cjm","Elapsed":0.5}`, t0)
	if !p.summary(t0) {
		t.Errorf("summary reported failure:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "ok    .  ") {
		t.Errorf("the root package is not named \".\":\n%s", out.String())
	}
	// A package that never finished is a failure.
	p = newPrinter(&out, t0)
	p.line(`{"Action":"start","Package":"github.com/cjm-portal/cjm/internal/x"}`, t0)
	if p.summary(t0) {
		t.Error("a package that did not finish passed")
	}
}
