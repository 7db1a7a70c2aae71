package main

import (
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// gitDates answers when a site's files were last committed, for journeys
// with no `updated` date. Outside a git checkout, or without git, it
// knows nothing, and no journey is judged stale from git. Answers are
// kept: a file's date changes with a commit, not with a save.
type gitDates struct {
	dir  string
	mu   sync.Mutex
	seen map[string]time.Time
	ok   bool
}

// newGitDates looks at the site folder; in a shallow clone, where the
// last commit of every file may look recent, it says so on warn.
func newGitDates(dir string, warn io.Writer) *gitDates {
	g := &gitDates{dir: dir, seen: map[string]time.Time{}}
	out, err := exec.Command("git", "-C", dir, "rev-parse", "--is-shallow-repository").Output()
	if err != nil {
		return g
	}
	g.ok = true
	if strings.TrimSpace(string(out)) == "true" {
		fmt.Fprintln(warn, "cjm: warning: the git clone is shallow, so journeys without `updated` may look recently changed; fetch the whole history (actions/checkout with fetch-depth: 0) or give each journey `updated`")
	}
	return g
}

// Committed returns when file (relative to the site folder) was last committed.
func (g *gitDates) Committed(file string) (time.Time, bool) {
	if g == nil || !g.ok {
		return time.Time{}, false
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if t, ok := g.seen[file]; ok {
		return t, !t.IsZero()
	}
	out, err := exec.Command("git", "-C", g.dir, "log", "-1", "--format=%cI", "--", filepath.FromSlash(file)).Output()
	var t time.Time
	if err == nil {
		t, _ = time.Parse(time.RFC3339, string(bytes.TrimSpace(out)))
	}
	g.seen[file] = t
	return t, !t.IsZero()
}
