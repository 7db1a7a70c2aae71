package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/cjm-portal/cjm/internal/content"
)

// TestCSVRoundTripExample exports every journey of the example portal with
// `cjm export csv`, imports each sheet into an empty site with `cjm import
// csv`, builds both, and checks that the two cjm.json files are equal and
// that every journey, stage and touchpoint decodes to the same front matter
// and body.
func TestCSVRoundTripExample(t *testing.T) {
	root := filepath.Join("..", "..")
	tmp := t.TempDir()
	empty := filepath.Join(tmp, "site")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	cli := func(args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		if code := run(args, &out, &errb); code != 0 {
			t.Fatalf("cjm %s: exit %d\n%s%s", strings.Join(args, " "), code, out.String(), errb.String())
		}
		return out.String()
	}
	orig, diags := content.Load(openSite(root))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if len(orig.Journeys) < 4 {
		t.Fatalf("the example has %d journeys", len(orig.Journeys))
	}
	for _, j := range orig.Journeys {
		sheet := filepath.Join(tmp, j.Slug+".csv")
		cli("export", "csv", j.Slug, "-source", root, "-o", sheet)
		cli("import", "csv", sheet, "-source", empty)
	}
	cli("build", "-source", root, "-out", filepath.Join(tmp, "a"), "-history=false", "-minify=false", "-quiet")
	cli("build", "-source", empty, "-out", filepath.Join(tmp, "b"), "-history=false", "-minify=false", "-quiet")
	a, err := os.ReadFile(filepath.Join(tmp, "a", "data", "cjm.json"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(tmp, "b", "data", "cjm.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("cjm.json differs after the round trip:\n%s", firstDiff(string(a), string(b)))
	}

	again, diags := content.Load(openSite(empty))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	got := map[string]any{}
	for _, j := range again.Journeys {
		for k, v := range items(j) {
			got[k] = v
		}
	}
	n := 0
	for _, j := range orig.Journeys {
		for key, want := range items(j) {
			n++
			g, ok := got[key]
			if !ok {
				t.Errorf("%s: not imported", key)
				continue
			}
			if !reflect.DeepEqual(g, want) {
				t.Errorf("%s: front matter differs:\n got %+v\nwant %+v", key, g, want)
			}
		}
	}
	if n < 50 {
		t.Errorf("compared %d items; the example has more", n)
	}
}

// items are a journey's journey, stage and touchpoint values by file,
// without what depends on the file's bytes (hash, lines) and with bodies
// trimmed, stages and touchpoints compared on their own.
func items(j *content.Journey) map[string]any {
	out := map[string]any{}
	clean := func(m *content.Meta) {
		m.Source = content.Source{File: m.File}
		m.Body = bytes.TrimSpace(m.Body)
	}
	jj := *j
	jj.Stages = nil
	clean(&jj.Meta)
	out[j.File] = jj
	for _, st := range j.Stages {
		s := *st
		s.Touchpoints = nil
		clean(&s.Meta)
		out[st.File] = s
		for _, tp := range st.Touchpoints {
			t := *tp
			clean(&t.Meta)
			out[tp.File] = t
		}
	}
	return out
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n- " + al[i] + "\n+ " + bl[i]
		}
	}
	return "one is longer"
}
