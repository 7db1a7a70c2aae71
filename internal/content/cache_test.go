package content

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestLoadCached checks that a cached load decodes only what changed and
// gives the same content as a load from scratch.
func TestLoadCached(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	file := func(data string, mod time.Time) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(data), ModTime: mod}
	}
	fsys := fstest.MapFS{
		"content/_index.md":                file("---\ntitle: Site\n---\n", t0),
		"content/personas/olga.md":         file("---\ntitle: Olga\n---\n", t0),
		"content/journeys/j/_index.md":     file("---\ntitle: J\npersonas: olga\n---\n", t0),
		"content/journeys/j/1-s/_index.md": file("---\ntitle: S\n---\n", t0),
		"content/journeys/j/1-s/a.md":      file("---\ntitle: A\nemotios: 1\n---\n", t0),
		"content/journeys/j/1-s/b.md":      file("---\ntitle: B\n---\n", t0),
	}
	cache := NewCache()
	check := func(step string, wantLoaded int) {
		t.Helper()
		got, gotDiags := LoadCached(fsys, cache)
		if cache.Loaded != wantLoaded {
			t.Errorf("%s: decoded %d files, want %d", step, cache.Loaded, wantLoaded)
		}
		want, wantDiags := Load(fsys)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: cached load differs from a load from scratch", step)
		}
		if !reflect.DeepEqual(gotDiags, wantDiags) {
			t.Errorf("%s: diagnostics %v, want %v", step, gotDiags, wantDiags)
		}
	}
	check("first load", 6)
	check("nothing changed", 0)

	fsys["content/journeys/j/1-s/b.md"] = file("---\ntitle: B edited\n---\n", t0.Add(time.Second))
	check("one edit", 1)

	fsys["content/journeys/j/1-s/c.md"] = file("---\ntitle: C\n---\n", t0)
	delete(fsys, "content/journeys/j/1-s/a.md")
	check("one added, one removed", 1)

	// Same size and time, new bytes: only Forget tells.
	fsys["content/journeys/j/1-s/c.md"] = file("---\ntitle: D\n---\n", t0)
	cache.Forget("content/journeys/j/1-s/c.md")
	check("forgotten", 1)

	// Trusted, the cache takes a file as unchanged unless told otherwise.
	cache.Trust(true)
	fsys["content/journeys/j/1-s/b.md"] = file("---\ntitle: B trusted\n---\n", t0.Add(time.Hour))
	if c, _ := LoadCached(fsys, cache); cache.Loaded != 0 || c.Journeys[0].Stages[0].Touchpoints[0].Title != "B edited" {
		t.Errorf("trusted: decoded %d files; an untold change should not be seen", cache.Loaded)
	}
	cache.Forget("content/journeys/j/1-s/b.md")
	check("trusted and told", 1)
	cache.Trust(false)
	check("untrusted again", 0)

	c, _ := LoadCached(fsys, cache)
	if n := len(c.Journeys[0].Stages); n != 1 {
		t.Errorf("the journey has %d stages after several loads, want 1", n)
	}
	if n := len(c.Journeys[0].Stages[0].Touchpoints); n != 2 {
		t.Errorf("the stage has %d touchpoints after several loads, want 2", n)
	}
}

// TestLoadCachedSizeLimit checks that a change of `maxFileMB` decodes
// again the files read or refused under the old limit.
func TestLoadCachedSizeLimit(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	big := "---\ntitle: Big\n---\n" + strings.Repeat("A line of the body.\n", 1<<20*3/2/20)
	fsys := fstest.MapFS{
		"content/_index.md": {Data: []byte("---\ntitle: Site\nmaxFileMB: 1\n---\n"), ModTime: t0},
		"content/big.md":    {Data: []byte(big), ModTime: t0},
	}
	cache := NewCache()
	if _, diags := LoadCached(fsys, cache); !strings.Contains(diags.String(), "content/big.md: is 1,572,879 bytes, over the limit of 1 MB a file") {
		t.Errorf("under 1 MB: %s", diags)
	}
	fsys["content/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Site\nmaxFileMB: 2\n---\n"), ModTime: t0.Add(time.Second)}
	c, diags := LoadCached(fsys, cache)
	if diags.HasErrors() || len(c.Pages) != 1 || cache.Loaded != 2 {
		t.Errorf("under 2 MB: decoded %d files, %d pages, %s", cache.Loaded, len(c.Pages), diags)
	}
	if _, _ = LoadCached(fsys, cache); cache.Loaded != 0 {
		t.Errorf("unchanged: decoded %d files", cache.Loaded)
	}
}
