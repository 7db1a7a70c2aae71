// Package gitlog reads the history of a site's content from git: the
// commits that touched content/, newest first, each with its files' old
// and new blobs, and the blobs themselves. It is the one package that runs
// git, always as `git --no-pager -C DIR` with fixed arguments, no shell,
// and a deadline, so that no repository can make a build hang.
//
// A site that is not in a git repository, a machine without git, and a
// shallow clone (whose oldest commit seems to add every file) give a Log
// that says why it has no history, never an error that stops a build.
package gitlog

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/cjm-portal/cjm/internal/sitedir"
)

// Window bounds how far back a Log reads commits in full: at most Commits
// commits, none older than Since. Files last changed before the window
// still get their last commit (see Log.Last).
type Window struct {
	Commits int       // at most this many; 0 means DefaultCommits
	Since   time.Time // none before this; zero means no limit by date
}

// DefaultCommits is a window's default length in commits.
const DefaultCommits = 500

// DefaultTimeout bounds the whole reading of a history.
const DefaultTimeout = 2 * time.Minute

// Repo is a site folder that may be in a git repository.
type Repo struct {
	Dir     string        // the site's folder
	Timeout time.Duration // for all of one Read; 0 means DefaultTimeout
}

// Commit is one commit that touched content/.
type Commit struct {
	Hash    string
	Author  string
	Email   string
	Date    time.Time // the author's date, as `git log` shows it
	Message string    // whole, as written
	Changes []Change  // the files of content/ it changed; nil beyond the window
	// Paths are the files it touched, for a commit beyond the window,
	// read only to date the files last changed there.
	Paths []string
}

// Subject is the message's first line.
func (c *Commit) Subject() string {
	s, _, _ := strings.Cut(strings.TrimSpace(c.Message), "\n")
	return strings.TrimSpace(s)
}

// Short is the commit's abbreviated hash.
func (c *Commit) Short() string { return c.Hash[:min(len(c.Hash), 7)] }

// Change is one file a commit changed, with paths relative to the site
// folder.
type Change struct {
	Status  byte   // 'A' added, 'M' modified, 'D' deleted, 'R' renamed
	Path    string // the file after the commit (before it, when deleted)
	OldPath string // the file before the commit; "" when added
	Blob    string // its blob after the commit; "" when deleted
	OldBlob string // its blob before; "" when added
}

// Log is what git says of a site's content.
type Log struct {
	// Unavailable says why there is no history: not a repository, no git,
	// a shallow clone, git failed. "" when there is one.
	Unavailable string
	Head        string    // the commit checked out
	Commits     []*Commit // newest first: the window's, then older ones that dated a file
	InWindow    int       // how many of Commits are in the window
	// Tree is every file of content/ at Head with its blob.
	Tree map[string]string
	// Dirty maps the files of Tree that differ in the working folder
	// (edited, deleted, or staged) to their blob at Head.
	Dirty map[string]string
	// Truncated says the window cut the history: older commits exist.
	Truncated bool
}

// Unavailable reasons, for tests and pages.
var (
	ErrNoGit     = errors.New("git is not installed")
	ErrNoRepo    = errors.New("the site is not in a git repository")
	ErrShallow   = errors.New("the git clone is shallow (fetch the whole history: actions/checkout with fetch-depth: 0)")
	ErrNoCommits = errors.New("the repository has no commits yet")
)

// Head returns the commit checked out, quickly: the key under which a
// history read from it may be kept. It returns an error for a folder
// without history (see Read for why).
func (r *Repo) Head(ctx context.Context) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout())
	defer cancel()
	info, err := r.info(ctx)
	if err != nil {
		return "", err
	}
	return info.head, nil
}

type repoInfo struct {
	head    string
	shallow bool
}

func (r *Repo) info(ctx context.Context) (repoInfo, error) {
	out, err := r.command(ctx, "rev-parse", "--is-shallow-repository", "--verify", "--quiet", "HEAD").Output()
	lines := strings.Fields(string(out))
	if err != nil {
		var exit *exec.ExitError
		switch {
		case errors.Is(err, exec.ErrNotFound):
			return repoInfo{}, ErrNoGit
		case errors.As(err, &exit) && len(lines) == 1:
			return repoInfo{}, ErrNoCommits // rev-parse answered the first question, not the second
		case errors.As(err, &exit) && strings.Contains(string(exit.Stderr), "not a git repository"):
			return repoInfo{}, ErrNoRepo
		case errors.As(err, &exit):
			return repoInfo{}, gitError(err, exit.Stderr)
		}
		return repoInfo{}, err
	}
	if len(lines) != 2 {
		return repoInfo{}, fmt.Errorf("git rev-parse said %q", out)
	}
	return repoInfo{head: lines[1], shallow: lines[0] == "true"}, nil
}

// Read reads the history of content/ within the window. It never fails:
// a Log without history says why in Unavailable.
func (r *Repo) Read(ctx context.Context, w Window) *Log {
	ctx, cancel := context.WithTimeout(ctx, r.timeout())
	defer cancel()
	l, err := r.read(ctx, w)
	if err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("git took longer than %s", r.timeout())
		}
		return &Log{Unavailable: err.Error()}
	}
	return l
}

func (r *Repo) read(ctx context.Context, w Window) (*Log, error) {
	info, err := r.info(ctx)
	if err != nil {
		return nil, err
	}
	if info.shallow {
		return nil, ErrShallow
	}
	l := &Log{Head: info.head, Tree: map[string]string{}, Dirty: map[string]string{}}
	// ls-tree and diff --relative name paths from the site folder.
	tree, err := r.output(ctx, "ls-tree", "-r", "-z", info.head, "--", sitedir.Content)
	if err != nil {
		return nil, err
	}
	for _, rec := range splitZ(tree) {
		// "100644 blob SHA\tpath"
		meta, p, ok := strings.Cut(rec, "\t")
		f := strings.Fields(meta)
		if !ok || len(f) != 3 || f[1] != "blob" {
			continue
		}
		l.Tree[p] = f[2]
	}
	diff, err := r.output(ctx, "diff", "--no-ext-diff", "--no-textconv", "--raw", "-z", "--no-abbrev", "--no-renames", "--relative", "HEAD", "--", sitedir.Content)
	if err != nil {
		return nil, err
	}
	for _, ch := range parseRaw(splitZ(diff)) {
		if _, ok := l.Tree[ch.Path]; ok && ch.OldBlob != "" {
			l.Dirty[ch.Path] = ch.OldBlob
		}
	}
	if err := r.log(ctx, l, w); err != nil {
		return nil, err
	}
	return l, nil
}

// log reads commits newest first: in full within the window, then only
// their paths, until every file at Head has its last commit.
func (r *Repo) log(ctx context.Context, l *Log, w Window) error {
	if w.Commits <= 0 {
		w.Commits = DefaultCommits
	}
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	cmd := r.command(ctx, "log", "-z", "--raw", "--no-abbrev", "-M", "--relative", "--no-color",
		"--format=%H%x00%an%x00%ae%x00%aI%x00%B", "HEAD", "--", sitedir.Content)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	undated := len(l.Tree)
	dated := make(map[string]bool, len(l.Tree))
	date := func(p string) {
		if _, ok := l.Tree[p]; ok && !dated[p] {
			dated[p] = true
			undated--
		}
	}
	rd := bufio.NewReaderSize(stdout, 64<<10)
	var pending string // a token read ahead: the next commit's hash
	next := func() (string, bool) {
		if pending != "" {
			t := pending
			pending = ""
			return t, true
		}
		b, err := rd.ReadString(0)
		if err != nil && b == "" {
			return "", false
		}
		return strings.TrimSuffix(b, "\x00"), true
	}
	var parseErr error
	for {
		hash, ok := next()
		if !ok {
			break
		}
		hash = strings.TrimLeft(hash, "\n")
		if hash == "" {
			continue
		}
		var f [4]string
		for i := range f {
			if f[i], ok = next(); !ok {
				break
			}
		}
		if !ok {
			parseErr = fmt.Errorf("git log ended inside commit %s", hash)
			break
		}
		c := &Commit{Hash: hash, Author: f[0], Email: f[1], Message: f[3]}
		c.Date, _ = time.Parse(time.RFC3339, f[2])
		var tokens []string
		for {
			t, ok := next()
			if !ok {
				break
			}
			t = strings.TrimLeft(t, "\n")
			if t == "" {
				continue
			}
			if !strings.HasPrefix(t, ":") {
				pending = t
				break
			}
			tokens = append(tokens, t)
			// A rename or copy is followed by two paths, the rest by one.
			n := 1
			if fs := strings.Fields(t); len(fs) == 5 && (fs[4][0] == 'R' || fs[4][0] == 'C') {
				n = 2
			}
			for range n {
				p, ok := next()
				if !ok {
					break
				}
				tokens = append(tokens, p)
			}
		}
		changes := parseRaw(tokens)
		inWindow := l.InWindow < w.Commits && (w.Since.IsZero() || !c.Date.Before(w.Since))
		if !inWindow && len(l.Commits) == l.InWindow {
			l.Truncated = true // the first commit past the window
		}
		if inWindow && len(l.Commits) == l.InWindow {
			c.Changes = changes
			l.InWindow++
		} else {
			if undated == 0 {
				break // every file at Head is dated: the rest is not needed
			}
			for _, ch := range changes {
				c.Paths = append(c.Paths, ch.Path)
				if ch.OldPath != "" {
					c.Paths = append(c.Paths, ch.OldPath)
				}
			}
		}
		for _, ch := range changes {
			date(ch.Path)
		}
		l.Commits = append(l.Commits, c)
	}
	stop() // the rest of the log is not read: git is ended
	err = cmd.Wait()
	if parseErr != nil {
		return parseErr
	}
	if err != nil && ctx.Err() == nil {
		return gitError(err, stderr.Bytes())
	}
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}

// parseRaw reads `--raw -z` records: ":100644 100644 OLD NEW M", path
// (and a second path for a rename).
func parseRaw(tokens []string) []Change {
	var out []Change
	for i := 0; i < len(tokens); i++ {
		f := strings.Fields(strings.TrimLeft(tokens[i], "\n:"))
		if len(f) != 5 || i+1 >= len(tokens) {
			continue
		}
		ch := Change{Status: f[4][0], OldBlob: f[2], Blob: f[3]}
		if zero(ch.OldBlob) {
			ch.OldBlob = ""
		}
		if zero(ch.Blob) {
			ch.Blob = ""
		}
		i++
		ch.Path = tokens[i]
		switch ch.Status {
		case 'R', 'C':
			if i+1 >= len(tokens) {
				continue
			}
			i++
			ch.OldPath, ch.Path = ch.Path, tokens[i]
			if ch.Status == 'C' { // a copy leaves the old file be: an addition
				ch.Status, ch.OldPath, ch.OldBlob = 'A', "", ""
			}
		case 'A':
		case 'D':
			ch.OldPath = ch.Path
		default: // M, T (type changed)
			ch.Status, ch.OldPath = 'M', ch.Path
		}
		out = append(out, ch)
	}
	return out
}

func zero(sha string) bool { return strings.Trim(sha, "0") == "" }

// Blobs reads the blobs named, in one `git cat-file --batch`. A blob git
// does not have is left out.
func (r *Repo) Blobs(ctx context.Context, ids []string) (map[string][]byte, error) {
	out := make(map[string][]byte, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	ctx, cancel := context.WithTimeout(ctx, r.timeout())
	defer cancel()
	cmd := r.command(ctx, "cat-file", "--batch")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		w := bufio.NewWriter(stdin)
		for _, id := range ids {
			w.WriteString(id)
			w.WriteByte('\n')
		}
		w.Flush()
		stdin.Close()
	}()
	rd := bufio.NewReaderSize(stdout, 256<<10)
	var readErr error
	for range ids {
		head, err := rd.ReadString('\n')
		if err != nil {
			readErr = err
			break
		}
		f := strings.Fields(head) // "SHA blob SIZE" or "SHA missing"
		if len(f) != 3 {
			continue
		}
		n, err := strconv.Atoi(f[2])
		if err != nil {
			readErr = fmt.Errorf("git cat-file said %q", head)
			break
		}
		data := make([]byte, n+1) // and the newline after it
		if _, err := io.ReadFull(rd, data); err != nil {
			readErr = err
			break
		}
		if f[1] == "blob" {
			out[f[0]] = data[:n]
		}
	}
	if readErr != nil {
		cancel()
	}
	err = cmd.Wait()
	if readErr != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("git cat-file took longer than %s", r.timeout())
		}
		return nil, readErr
	}
	if err != nil {
		return nil, gitError(err, stderr.Bytes())
	}
	return out, nil
}

func (r *Repo) timeout() time.Duration {
	if r.Timeout > 0 {
		return r.Timeout
	}
	return DefaultTimeout
}

// command is git with fixed options: no pager, no prompt, no colour, no
// external diff, in the site folder.
func (r *Repo) command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "git", append([]string{"--no-pager", "-C", r.Dir, "-c", "core.quotePath=false", "-c", "log.showSignature=false"}, args...)...)
	cmd.Env = append(cmd.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0", "LC_ALL=C")
	cmd.WaitDelay = time.Second
	return cmd
}

func (r *Repo) output(ctx context.Context, args ...string) ([]byte, error) {
	cmd := r.command(ctx, args...)
	out, err := cmd.Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return out, gitError(err, exit.Stderr)
	}
	return out, err
}

func gitError(err error, stderr []byte) error {
	msg := strings.TrimSpace(string(stderr))
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	if msg == "" {
		return fmt.Errorf("git failed: %v", err)
	}
	return fmt.Errorf("git failed: %s", msg)
}

func splitZ(b []byte) []string {
	s := strings.TrimSuffix(string(b), "\x00")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\x00")
}
