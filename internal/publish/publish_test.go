package publish_test

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cjm-portal/cjm/internal/publish"
)

// tree returns every file under dir as "name=bytes", sorted and joined.
func tree(t *testing.T, dir string) string {
	t.Helper()
	var files []string
	for name, data := range snapshot(t, dir) {
		if data != dirMark {
			files = append(files, name+"="+data)
		}
	}
	slices.Sort(files)
	return strings.Join(files, " ")
}

// dirMark stands for a folder in a snapshot.
const dirMark = "\x00folder"

// snapshot returns every file (name → bytes) and folder (name → dirMark)
// under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			out[rel] = dirMark
			return nil
		}
		data, err := os.ReadFile(p)
		out[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// put hands files to a sink in name order and commits them.
func put(s publish.Sink, files map[string]string) (publish.Stats, error) {
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := s.Put(name, []byte(files[name])); err != nil {
			s.Abort()
			return publish.Stats{}, err
		}
	}
	return s.Commit()
}

// publishDir publishes files into dir as cjm build does, without minifying.
func publishDir(t *testing.T, dir string, files map[string]string) (publish.Stats, error) {
	t.Helper()
	d, err := publish.Open(dir)
	if err != nil {
		return publish.Stats{}, err
	}
	defer d.Close()
	return put(publish.SkipUnchanged(d), files)
}

func TestPublish(t *testing.T) {
	dir := t.TempDir()
	st, err := publishDir(t, dir, map[string]string{"index.html": "home", "a/b/index.html": "ab", "x/index.html": "x"})
	if err != nil {
		t.Fatal(err)
	}
	if st != (publish.Stats{Written: 3}) {
		t.Errorf("first publish: %+v", st)
	}
	// A file the user put there must survive.
	if err := os.WriteFile(filepath.Join(dir, "CNAME"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err = publishDir(t, dir, map[string]string{"index.html": "home", "a/b/index.html": "AB"})
	if err != nil {
		t.Fatal(err)
	}
	if st != (publish.Stats{Written: 1, Unchanged: 1, Removed: 1}) {
		t.Errorf("second publish: %+v", st)
	}
	want := ".cjm-manifest=cjm-manifest 2\n\"a/b/index.html\"\n\"index.html\"\n CNAME=mine a/b/index.html=AB index.html=home"
	if got := tree(t, dir); got != want {
		t.Errorf("tree = %q\nwant %q", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "x")); !os.IsNotExist(err) {
		t.Error("the empty folder of a removed page is still there")
	}
}

// TestKeep publishes what a rebuild says changed, carries the rest over,
// and removes what is gone.
func TestKeep(t *testing.T) {
	dir := t.TempDir()
	d, err := publish.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := put(d, map[string]string{"index.html": "home", "a/index.html": "a", "b/index.html": "b"}); err != nil {
		t.Fatal(err)
	}
	if err := d.Keep("index.html"); err != nil {
		t.Fatal(err)
	}
	st, err := put(d, map[string]string{"a/index.html": "a, changed", "c/index.html": "c"})
	if err != nil {
		t.Fatal(err)
	}
	if st != (publish.Stats{Written: 2, Unchanged: 1, Removed: 1}) {
		t.Errorf("stats: %+v", st)
	}
	want := ".cjm-manifest=cjm-manifest 2\n\"a/index.html\"\n\"c/index.html\"\n\"index.html\"\n a/index.html=a, changed c/index.html=c index.html=home"
	if got := tree(t, dir); got != want {
		t.Errorf("tree = %q\nwant %q", got, want)
	}
	// Keeping a file the last build did not have is a mistake of the caller.
	if err := d.Keep("b/index.html"); err == nil {
		t.Error("kept a file the last build did not have")
	}
	d.Abort()
}

// TestPublishStaysInside refuses paths that would leave the folder, and a
// symlink planted in the output cannot lead a write outside it.
func TestPublishStaysInside(t *testing.T) {
	for _, name := range []string{"../escape.html", "/etc/passwd", "a/../../b", "", "bad\xff.html", ".cjm-manifest", ".cjm-staging/x", "x.cjm-tmp"} {
		dir := t.TempDir()
		if _, err := publishDir(t, dir, map[string]string{name: "x"}); err == nil {
			t.Errorf("Publish accepted %q", name)
		}
		if got := tree(t, dir); got != "" {
			t.Errorf("after refusing %q, the folder holds %s", name, got)
		}
	}
	dir, outside := t.TempDir(), t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if _, err := publishDir(t, dir, map[string]string{"link/index.html": "x"}); err == nil {
		t.Error("Publish wrote through a symlink that leads outside")
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("a file was written outside the output folder: %v", entries)
	}
}

// TestNewFolderGoesOnFailure: a failed first build into a folder that was
// not there leaves no folder.
func TestNewFolderGoesOnFailure(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	d, err := publish.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Put("a/index.html", []byte("a")); err != nil {
		t.Fatal(err)
	}
	d.Abort()
	d.Close()
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the new folder is still there: %v", err)
	}
}

// TestLock: two publishers never share a folder.
func TestLock(t *testing.T) {
	dir := t.TempDir()
	d, err := publish.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := publish.Open(dir); err == nil || !strings.Contains(err.Error(), "another cjm is publishing into it") {
		t.Errorf("a second Open: %v", err)
	}
	d.Close()
	d, err = publish.Open(dir)
	if err != nil {
		t.Fatalf("after Close: %v", err)
	}
	d.Close()
}

func TestMemory(t *testing.T) {
	m := publish.NewMemory()
	sink := publish.SkipUnchanged(m)
	if _, err := put(sink, map[string]string{"index.html": "home", "a/index.html": "a"}); err != nil {
		t.Fatal(err)
	}
	first := m.Files()
	if err := sink.Keep("index.html"); err != nil {
		t.Fatal(err)
	}
	st, err := put(sink, map[string]string{"b/index.html": "b"})
	if err != nil {
		t.Fatal(err)
	}
	if st != (publish.Stats{Written: 1, Unchanged: 1, Removed: 1}) {
		t.Errorf("stats: %+v", st)
	}
	if got := slices.Sorted(maps.Keys(m.Files())); !slices.Equal(got, []string{"b/index.html", "index.html"}) {
		t.Errorf("files: %v", got)
	}
	if len(first) != 2 {
		t.Errorf("a commit changed the map of the one before: %v", first)
	}
	// An aborted build leaves the last one.
	if err := sink.Put("c/index.html", []byte("c")); err != nil {
		t.Fatal(err)
	}
	sink.Abort()
	if _, ok := m.Files()["c/index.html"]; ok {
		t.Error("an aborted file was kept")
	}
	if _, err := put(sink, map[string]string{"../x": "x"}); err == nil {
		t.Error("Memory took a name that leaves the folder")
	}
}
