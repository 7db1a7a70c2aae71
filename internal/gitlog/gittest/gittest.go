// Package gittest scripts git repositories for tests: files written,
// moved and removed, then committed with a fixed author and date, so that
// a history reads the same on every machine.
package gittest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Repo is a repository in a test's temporary folder.
type Repo struct {
	t   testing.TB
	Dir string
}

// New makes an empty repository, or skips the test where git is missing.
func New(t testing.TB) *Repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: the history reader needs it (apt-get install git)")
	}
	r := &Repo{t: t, Dir: t.TempDir()}
	r.Git(time.Time{}, "", "init", "-q", "-b", "main")
	return r
}

// Git runs git in the repository with the author and committer date at
// (when not zero) and returns its output.
func (r *Repo) Git(at time.Time, author string, args ...string) string {
	r.t.Helper()
	if author == "" {
		author = "Test"
	}
	cmd := exec.Command("git", append([]string{"-C", r.Dir, "-c", "user.name=" + author, "-c", "user.email=" + strings.ToLower(strings.Fields(author + " x")[0]) + "@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if !at.IsZero() {
		d := at.Format(time.RFC3339)
		cmd.Env = append(cmd.Env, "GIT_AUTHOR_DATE="+d, "GIT_COMMITTER_DATE="+d)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// Write writes files (slash paths relative to the repository) and stages
// them.
func (r *Repo) Write(files map[string]string) {
	r.t.Helper()
	for name, data := range files {
		p := filepath.Join(r.Dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			r.t.Fatal(err)
		}
		r.Git(time.Time{}, "", "add", "--", name)
	}
}

// Move renames a file or folder with git mv.
func (r *Repo) Move(from, to string) {
	r.t.Helper()
	if err := os.MkdirAll(filepath.Dir(filepath.Join(r.Dir, filepath.FromSlash(to))), 0o755); err != nil {
		r.t.Fatal(err)
	}
	r.Git(time.Time{}, "", "mv", from, to)
}

// Remove removes files with git rm.
func (r *Repo) Remove(names ...string) {
	r.t.Helper()
	r.Git(time.Time{}, "", append([]string{"rm", "-q", "-r", "--"}, names...)...)
}

// Commit commits what is staged, by author at the date, and returns its hash.
func (r *Repo) Commit(at time.Time, author, message string) string {
	r.t.Helper()
	r.Git(at, author, "commit", "-q", "--allow-empty", "-m", message)
	return strings.TrimSpace(r.Git(time.Time{}, "", "rev-parse", "HEAD"))
}
