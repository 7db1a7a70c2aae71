package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// site makes a folder with a file, a folder, and links of every kind:
// to a file and a folder outside, and to a file inside.
func site(t *testing.T) (dir, outside string) {
	t.Helper()
	top := t.TempDir()
	dir, outside = filepath.Join(top, "site"), filepath.Join(top, "outside")
	for name, data := range map[string]string{
		"site/a/file.md":      "inside",
		"outside/LEAKED.txt":  "outside",
		"outside/sub/more.md": "outside",
	} {
		p := filepath.Join(top, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"a/dir":   outside,
		"a/file":  filepath.Join(outside, "LEAKED.txt"),
		"a/alias": "file.md",
		"top":     outside,
	} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	return dir, outside
}

// both runs a test with openat2 where the system has it, and with the
// step-by-step look that stands in for it elsewhere.
func both(t *testing.T, test func(t *testing.T, f *FS, dir, outside string)) {
	for _, slow := range []bool{false, true} {
		name := "openat2"
		if slow {
			name = "step by step"
		}
		t.Run(name, func(t *testing.T) {
			dir, outside := site(t)
			f, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			f.slow.Store(slow)
			test(t, f, dir, outside)
		})
	}
}

func TestLinksAreNeverFollowed(t *testing.T) {
	both(t, func(t *testing.T, f *FS, dir, outside string) {
		if data, err := fs.ReadFile(f, "a/file.md"); err != nil || string(data) != "inside" {
			t.Fatalf("a/file.md: %q, %v", data, err)
		}
		for _, c := range []struct{ name, link, target string }{
			{"a/file", "a/file", filepath.Join(outside, "LEAKED.txt")},
			{"a/alias", "a/alias", "file.md"},
			{"a/dir/LEAKED.txt", "a/dir", outside},
			{"a/dir/sub/more.md", "a/dir", outside},
			{"top/LEAKED.txt", "top", outside},
			{"top", "top", outside},
		} {
			data, err := fs.ReadFile(f, c.name)
			var link *LinkError
			if !errors.As(err, &link) {
				t.Errorf("ReadFile(%s) = %q, %v; want a link error", c.name, data, err)
				continue
			}
			if link.Path != c.link || link.Target != c.target {
				t.Errorf("ReadFile(%s): the link is %s → %s; want %s → %s", c.name, link.Path, link.Target, c.link, c.target)
			}
			if _, err := fs.ReadDir(f, c.name); !errors.As(err, &link) {
				t.Errorf("ReadDir(%s): %v; want a link error", c.name, err)
			}
		}
		// Stat describes a link as a link, and goes through none.
		if fi, err := fs.Stat(f, "top"); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("Stat(top) = %v, %v; want the link", fi, err)
		}
		if fi, err := fs.Stat(f, "a/file.md"); err != nil || !fi.Mode().IsRegular() || fi.Size() != 6 {
			t.Errorf("Stat(a/file.md) = %v, %v", fi, err)
		}
		var link *LinkError
		if _, err := fs.Stat(f, "top/LEAKED.txt"); !errors.As(err, &link) || link.Path != "top" {
			t.Errorf("Stat(top/LEAKED.txt): %v; want the link top", err)
		}
		if _, err := fs.Stat(f, "a/missing.md"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Stat(a/missing.md): %v; want not found", err)
		}
		// A walk lists links and walks none.
		var walked []string
		err := fs.WalkDir(f, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			walked = append(walked, p)
			return nil
		})
		if got := strings.Join(walked, " "); err != nil || got != ". a a/alias a/dir a/file a/file.md top" {
			t.Errorf("walked %s, %v", got, err)
		}
		if _, err := fs.ReadFile(f, "../outside/LEAKED.txt"); err == nil {
			t.Error("read a file beside the site")
		}
	})
}

func TestWritesFollowNoLink(t *testing.T) {
	both(t, func(t *testing.T, f *FS, dir, outside string) {
		var link *LinkError
		if err := f.Mkdir("top/new"); !errors.As(err, &link) {
			t.Errorf("Mkdir through a link: %v", err)
		}
		if _, err := f.Create("a/dir/new.md"); !errors.As(err, &link) {
			t.Errorf("Create through a link: %v", err)
		}
		if _, err := f.Create("a/file"); err == nil {
			t.Error("Create over a link succeeded")
		}
		if err := f.Remove("a/dir/LEAKED.txt"); !errors.As(err, &link) {
			t.Errorf("Remove through a link: %v", err)
		}
		if entries, _ := os.ReadDir(outside); len(entries) != 2 {
			t.Errorf("the folder outside changed: %v", entries)
		}
		if err := f.Mkdir("b"); err != nil {
			t.Fatal(err)
		}
		w, err := f.Create("b/new.md")
		if err != nil {
			t.Fatal(err)
		}
		w.Close()
		if err := f.Remove("b/new.md"); err != nil {
			t.Error(err)
		}
	})
}

// The site's folder may itself be reached through a link: the user chose it.
func TestSiteFolderThroughALink(t *testing.T) {
	dir, _ := site(t)
	via := filepath.Join(t.TempDir(), "via")
	if err := os.Symlink(dir, via); err != nil {
		t.Skip(err)
	}
	f, err := Open(via)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if data, err := fs.ReadFile(f, "a/file.md"); err != nil || string(data) != "inside" {
		t.Errorf("a/file.md through the site's link: %q, %v", data, err)
	}
}

func TestMessage(t *testing.T) {
	for _, c := range []struct {
		e    LinkError
		want string
	}{
		{LinkError{"content/a.md", "/etc/passwd"}, "content/a.md: is a symbolic link to /etc/passwd, outside the site; cjm does not follow links"},
		{LinkError{"static", "../elsewhere"}, "static: is a symbolic link to ../elsewhere, outside the site; cjm does not follow links"},
		{LinkError{"content/b.md", "a.md"}, "content/b.md: is a symbolic link to a.md; cjm does not follow links"},
		{LinkError{"content/c.md", ""}, "content/c.md: is a symbolic link; cjm does not follow links"},
	} {
		if got := c.e.Error(); got != c.want {
			t.Errorf("got  %s\nwant %s", got, c.want)
		}
	}
}
