package gitlog_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cjm-portal/cjm/internal/gitlog"
	"github.com/cjm-portal/cjm/internal/gitlog/gittest"
)

func at(d int) time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, d) }

// TestRead reads a site kept in a subfolder of its repository, as a
// portal beside other code is: paths come relative to the site folder, and
// files outside content/ are left out.
func TestRead(t *testing.T) {
	r := gittest.New(t)
	r.Write(map[string]string{"site/content/a.md": "a\n", "site/content/j/b.md": "b\n", "README.md": "x\n"})
	first := r.Commit(at(0), "Anna", "First\n\nwith a body")
	r.Move("site/content/j/b.md", "site/content/j/c.md")
	r.Write(map[string]string{"site/content/a.md": "a2\n", "README.md": "y\n"})
	second := r.Commit(at(1), "Boris", "Second")
	r.Write(map[string]string{"README.md": "z\n"})
	r.Commit(at(2), "Chloé", "Outside the content")
	r.Remove("site/content/a.md")
	third := r.Commit(at(3), "Dora", "Third")

	l := (&gitlog.Repo{Dir: filepath.Join(r.Dir, "site")}).Read(context.Background(), gitlog.Window{})
	if l.Unavailable != "" {
		t.Fatal(l.Unavailable)
	}
	if len(l.Commits) != 3 || l.InWindow != 3 || l.Truncated {
		t.Fatalf("%d commits, %d in the window, truncated %v", len(l.Commits), l.InWindow, l.Truncated)
	}
	c := l.Commits
	if c[0].Hash != third || c[1].Hash != second || c[2].Hash != first {
		t.Errorf("order: %s %s %s", c[0].Short(), c[1].Short(), c[2].Short())
	}
	if c[2].Author != "Anna" || c[2].Email != "anna@example.com" || !c[2].Date.Equal(at(0)) || c[2].Subject() != "First" || !strings.Contains(c[2].Message, "with a body") {
		t.Errorf("first commit read as %+v", c[2])
	}
	var got []string
	for _, ch := range c[1].Changes {
		got = append(got, string(ch.Status)+" "+ch.OldPath+" → "+ch.Path)
		if ch.Blob == "" || ch.OldBlob == "" {
			t.Errorf("%s: blobs %q %q", ch.Path, ch.OldBlob, ch.Blob)
		}
	}
	if want := "M content/a.md → content/a.md|R content/j/b.md → content/j/c.md"; strings.Join(got, "|") != want {
		t.Errorf("second commit's changes: %q, want %q", got, want)
	}
	if d := c[0].Changes[0]; d.Status != 'D' || d.Path != "content/a.md" || d.Blob != "" || d.OldBlob == "" {
		t.Errorf("deletion read as %+v", d)
	}
	if len(l.Tree) != 1 || l.Tree["content/j/c.md"] == "" {
		t.Errorf("tree: %v", l.Tree)
	}
	blobs, err := (&gitlog.Repo{Dir: r.Dir}).Blobs(context.Background(), []string{c[1].Changes[0].OldBlob, c[1].Changes[0].Blob, strings.Repeat("0", 40)})
	if err != nil {
		t.Fatal(err)
	}
	if string(blobs[c[1].Changes[0].OldBlob]) != "a\n" || string(blobs[c[1].Changes[0].Blob]) != "a2\n" || len(blobs) != 2 {
		t.Errorf("blobs: %q", blobs)
	}

	// An edit not committed yet: the file's blob at Head is kept.
	if err := os.WriteFile(filepath.Join(r.Dir, "site/content/j/c.md"), []byte("edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	l = (&gitlog.Repo{Dir: filepath.Join(r.Dir, "site")}).Read(context.Background(), gitlog.Window{Commits: 1})
	if l.Dirty["content/j/c.md"] != l.Tree["content/j/c.md"] || len(l.Dirty) != 1 {
		t.Errorf("dirty: %v", l.Dirty)
	}
	// A window of one commit: the rest only date the files at Head.
	if l.InWindow != 1 || !l.Truncated || len(l.Commits) != 2 || l.Commits[1].Changes != nil || len(l.Commits[1].Paths) == 0 {
		t.Errorf("window of 1: %d in the window of %d, truncated %v", l.InWindow, len(l.Commits), l.Truncated)
	}
	// A window by date.
	l = (&gitlog.Repo{Dir: filepath.Join(r.Dir, "site")}).Read(context.Background(), gitlog.Window{Since: at(1)})
	if l.InWindow != 2 {
		t.Errorf("since the second day: %d commits", l.InWindow)
	}
}

func TestUnavailable(t *testing.T) {
	for name, want := range map[string]error{"outside a repository": gitlog.ErrNoRepo} {
		l := (&gitlog.Repo{Dir: t.TempDir()}).Read(context.Background(), gitlog.Window{})
		if l.Unavailable != want.Error() {
			t.Errorf("%s: %q", name, l.Unavailable)
		}
	}
	r := gittest.New(t)
	if l := (&gitlog.Repo{Dir: r.Dir}).Read(context.Background(), gitlog.Window{}); l.Unavailable != gitlog.ErrNoCommits.Error() {
		t.Errorf("no commits: %q", l.Unavailable)
	}
	r.Write(map[string]string{"content/a.md": "a\n"})
	r.Commit(at(0), "Anna", "First")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if l := (&gitlog.Repo{Dir: r.Dir}).Read(ctx, gitlog.Window{}); l.Unavailable == "" {
		t.Error("a read whose context ended has a history")
	}
	if _, err := (&gitlog.Repo{Dir: filepath.Join(t.TempDir(), "none")}).Head(context.Background()); err == nil || errors.Is(err, gitlog.ErrNoCommits) {
		t.Errorf("a folder that is not there: %v", err)
	}
}
