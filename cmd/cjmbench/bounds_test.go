package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFloor(t *testing.T) {
	content, out := t.TempDir(), t.TempDir()
	files := map[string]string{
		"_index.md":                           "---\ntitle: Portal\n---\n# Welcome\n",
		"journeys/j/_index.md":                "---\ntitle: J\n---\nThe *journey*.\n",
		"journeys/j/01-search/compare.md":     "---\ntitle: Compare\nchannel: web\n---\n- one\n- two\n",
		"journeys/j/01-search/no-fences.md":   "Just **text**.\n",
		"journeys/j/01-search/notes.txt":      "not Markdown",
		"personas/anna.md":                    "---\ntitle: Anna\n---\n",
		"journeys/j/01-search/unclosed-fm.md": "---\ntitle: x\n",
	}
	writeTree(t, content, files)
	if err := floor(content, out); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"index.html":                                  "<h1>Welcome</h1>",
		"journeys/j/index.html":                       "<p>The <em>journey</em>.</p>",
		"journeys/j/01-search/compare/index.html":     "<li>one</li>",
		"journeys/j/01-search/no-fences/index.html":   "<p>Just <strong>text</strong>.</p>",
		"personas/anna/index.html":                    "<title>page</title>",
		"journeys/j/01-search/unclosed-fm/index.html": "<p>title: x</p>",
	}
	for name, part := range want {
		got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !strings.Contains(string(got), part) {
			t.Errorf("%s = %q, want it to contain %q", name, got, part)
		}
		if strings.Contains(string(got), "title: Compare") {
			t.Errorf("%s: front matter rendered as the body: %q", name, got)
		}
	}
	var pages int
	filepath.WalkDir(out, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			pages++
		}
		return nil
	})
	if pages != len(want) {
		t.Errorf("wrote %d files, want %d (one per Markdown file)", pages, len(want))
	}
}

func TestRewrite(t *testing.T) {
	built, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	files := map[string]string{
		"index.html":                   "<p>home",
		"journeys/j/index.html":        "<p>journey",
		"journeys/j/map.svg":           "<svg/>",
		"journeys/j/01-s/t/index.html": "<p>touchpoint",
		".cjm-manifest":                "index.html\n",
	}
	writeTree(t, built, files)
	took, err := rewrite(built, out)
	if err != nil {
		t.Fatal(err)
	}
	if took <= 0 {
		t.Errorf("took %v, want a positive time", took)
	}
	for name, text := range files {
		got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil || string(got) != text {
			t.Errorf("%s = %q, %v; want %q", name, got, err, text)
		}
	}
	if _, err := rewrite(filepath.Join(built, "missing"), out); err == nil {
		t.Error("rewrite of a missing folder succeeded, want an error")
	}
}

// writeTree writes files (slash-separated path → text) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
