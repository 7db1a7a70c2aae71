package publish

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func tree(t *testing.T, dir string) string {
	t.Helper()
	var files []string
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel)+"="+string(data))
		}
		return nil
	})
	sort.Strings(files)
	return strings.Join(files, " ")
}

func TestPublish(t *testing.T) {
	dir := t.TempDir()
	st, err := Publish(dir, map[string][]byte{"index.html": []byte("home"), "a/b/index.html": []byte("ab"), "x/index.html": []byte("x")})
	if err != nil {
		t.Fatal(err)
	}
	if st != (Stats{Written: 3}) {
		t.Errorf("first publish: %+v", st)
	}
	// A file the user put there must survive.
	if err := os.WriteFile(filepath.Join(dir, "CNAME"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err = Publish(dir, map[string][]byte{"index.html": []byte("home"), "a/b/index.html": []byte("AB")})
	if err != nil {
		t.Fatal(err)
	}
	if st != (Stats{Written: 1, Unchanged: 1, Removed: 1}) {
		t.Errorf("second publish: %+v", st)
	}
	want := ".cjm-manifest=a/b/index.html\nindex.html\n CNAME=mine a/b/index.html=AB index.html=home"
	if got := tree(t, dir); got != want {
		t.Errorf("tree = %q\nwant %q", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "x")); !os.IsNotExist(err) {
		t.Error("the empty folder of a removed page is still there")
	}
}

// TestPublishChanged writes what a rebuild says changed, trusts the rest
// to be there, and removes what is gone.
func TestPublishChanged(t *testing.T) {
	dir := t.TempDir()
	if _, err := Publish(dir, map[string][]byte{"index.html": []byte("home"), "a/index.html": []byte("a"), "b/index.html": []byte("b")}); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"index.html": []byte("home"), "a/index.html": []byte("a, raw"), "c/index.html": []byte("c")}
	changed := map[string][]byte{"a/index.html": []byte("a, minified"), "c/index.html": []byte("c")}
	st, err := PublishChanged(dir, files, changed)
	if err != nil {
		t.Fatal(err)
	}
	if st != (Stats{Written: 2, Unchanged: 1, Removed: 1}) {
		t.Errorf("stats: %+v", st)
	}
	want := ".cjm-manifest=a/index.html\nc/index.html\nindex.html\n a/index.html=a, minified c/index.html=c index.html=home"
	if got := tree(t, dir); got != want {
		t.Errorf("tree = %q\nwant %q", got, want)
	}
}

// TestPublishStaysInside refuses paths that would leave the folder, and a
// symlink planted in the output cannot lead a write outside it.
func TestPublishStaysInside(t *testing.T) {
	for _, name := range []string{"../escape.html", "/etc/passwd", "a/../../b", ""} {
		dir := t.TempDir()
		if _, err := Publish(dir, map[string][]byte{name: []byte("x")}); err == nil {
			t.Errorf("Publish accepted %q", name)
		}
	}
	dir, outside := t.TempDir(), t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if _, err := Publish(dir, map[string][]byte{"link/index.html": []byte("x")}); err == nil {
		t.Error("Publish wrote through a symlink that leads outside")
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("a file was written outside the output folder: %v", entries)
	}
}
