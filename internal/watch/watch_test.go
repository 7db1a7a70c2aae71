package watch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

const (
	// exactDebounce is used where a test insists on exactly one batch: it
	// must outlast scheduling hiccups on a busy machine between the steps of
	// a simulated save.
	exactDebounce = 150 * time.Millisecond
	fastDebounce  = 30 * time.Millisecond
	waitLimit     = 5 * time.Second
)

type harness struct {
	t    *testing.T
	root string
	w    *Watcher
}

// start creates files (relative, slash-separated; a trailing slash makes
// a folder) under a new site folder, then starts a watcher on it.
func start(t *testing.T, o Options, files ...string) *harness {
	t.Helper()
	h := &harness{t: t, root: t.TempDir()}
	for _, f := range files {
		if strings.HasSuffix(f, "/") {
			h.mkdir(f)
		} else {
			h.write(f, "initial "+f)
		}
	}
	o.Root = h.root
	w, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	h.w = w
	var drained sync.WaitGroup
	drained.Add(1)
	go func() {
		defer drained.Done()
		for err := range w.Errors() {
			t.Errorf("watcher error: %v", err)
		}
	}()
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		drained.Wait()
	})
	return h
}

func (h *harness) path(rel string) string {
	return filepath.Join(h.root, filepath.FromSlash(rel))
}

func (h *harness) mkdir(rel string) {
	h.t.Helper()
	if err := os.MkdirAll(h.path(rel), 0o755); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) write(rel, content string) {
	h.t.Helper()
	p := h.path(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) rename(from, to string) {
	h.t.Helper()
	if err := os.Rename(h.path(from), h.path(to)); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) remove(rel string) {
	h.t.Helper()
	if err := os.RemoveAll(h.path(rel)); err != nil {
		h.t.Fatal(err)
	}
}

// next waits for one batch and checks the promises every batch makes.
func (h *harness) next() Batch {
	h.t.Helper()
	select {
	case b, ok := <-h.w.Batches():
		if !ok {
			h.t.Fatal("Batches closed unexpectedly")
		}
		checkBatch(h.t, b)
		return b
	case <-time.After(waitLimit):
		h.t.Fatal("no batch within", waitLimit)
	}
	panic("unreachable")
}

func checkBatch(t *testing.T, b Batch) {
	t.Helper()
	if len(b.Paths) == 0 {
		t.Errorf("empty batch")
	}
	if !slices.IsSorted(b.Paths) || len(slices.Compact(slices.Clone(b.Paths))) != len(b.Paths) {
		t.Errorf("paths not sorted or not unique: %q", b.Paths)
	}
	for _, p := range b.Paths {
		if filepath.IsAbs(p) || strings.Contains(p, `\`) || strings.HasPrefix(p, "..") {
			t.Errorf("path %q is not relative and slash-separated", p)
		}
		for _, elem := range strings.Split(p, "/") {
			if Ignored(elem) {
				t.Errorf("batch %q contains ignored path %q", b.Paths, p)
			}
		}
	}
}

// collect receives batches until every wanted path has been reported and
// returns them.
func (h *harness) collect(want ...string) []Batch {
	h.t.Helper()
	var got []Batch
	seen := map[string]bool{}
	deadline := time.After(waitLimit)
	for !containsAll(seen, want) {
		select {
		case b := <-h.w.Batches():
			checkBatch(h.t, b)
			got = append(got, b)
			for _, p := range b.Paths {
				seen[p] = true
			}
		case <-deadline:
			h.t.Fatalf("after %v got batches %v, still missing some of %q", waitLimit, got, want)
		}
	}
	return got
}

func containsAll(seen map[string]bool, want []string) bool {
	for _, p := range want {
		if !seen[p] {
			return false
		}
	}
	return true
}

// quiet fails if a batch arrives within d. It bounds the wait that proves
// "no more batches"; it is not used to wait for results.
func (h *harness) quiet(d time.Duration) {
	h.t.Helper()
	select {
	case b := <-h.w.Batches():
		h.t.Fatalf("unexpected batch %q", b.Paths)
	case <-time.After(d):
	}
}

// exactlyOne receives one batch, requires it to be want, and requires no
// further batch to follow.
func (h *harness) exactlyOne(want ...string) {
	h.t.Helper()
	b := h.next()
	if !slices.Equal(b.Paths, want) {
		h.t.Fatalf("batch = %q, want %q", b.Paths, want)
	}
	h.quiet(h.w.debounce + 300*time.Millisecond)
}

func TestWriteExistingFile(t *testing.T) {
	h := start(t, Options{Dirs: []string{"content"}, Debounce: exactDebounce},
		"content/a.md", "content/journeys/b.md")
	h.write("content/a.md", "changed")
	h.exactlyOne("content/a.md")
	h.write("content/journeys/b.md", "changed")
	h.exactlyOne("content/journeys/b.md")
}

func TestEditorSaves(t *testing.T) {
	t.Run("vim backup rename", func(t *testing.T) {
		h := start(t, Options{Dirs: []string{"content"}, Debounce: exactDebounce}, "content/x.md")
		// vim with backupcopy=no and writebackup.
		h.write("content/.x.md.swp", "swap")
		h.write("content/4913", "")
		h.remove("content/4913")
		h.rename("content/x.md", "content/x.md~")
		h.write("content/x.md", "new")
		h.remove("content/x.md~")
		h.remove("content/.x.md.swp")
		h.exactlyOne("content/x.md")
	})
	t.Run("jetbrains safe write", func(t *testing.T) {
		h := start(t, Options{Dirs: []string{"content"}, Debounce: exactDebounce}, "content/x.md")
		h.write("content/x.md___jb_tmp___", "new")
		h.rename("content/x.md", "content/x.md___jb_old___")
		h.rename("content/x.md___jb_tmp___", "content/x.md")
		h.remove("content/x.md___jb_old___")
		h.exactlyOne("content/x.md")
	})
	t.Run("temp file renamed over", func(t *testing.T) {
		h := start(t, Options{Dirs: []string{"content"}, Debounce: exactDebounce}, "content/x.md")
		h.write("content/.x.md.swp", "swap")
		h.write("content/x.md.tmp", "new")
		h.rename("content/x.md.tmp", "content/x.md")
		h.remove("content/.x.md.swp")
		h.exactlyOne("content/x.md")
	})
	t.Run("unrecognised temp name renamed over", func(t *testing.T) {
		// A temporary name that Ignored does not know still must not be
		// reported: it was created and gone within the burst.
		h := start(t, Options{Dirs: []string{"content"}, Debounce: exactDebounce}, "content/x.md")
		h.write("content/x.md.c0ffee", "new")
		h.rename("content/x.md.c0ffee", "content/x.md")
		h.exactlyOne("content/x.md")
	})
}

func TestTruncateThenWrite(t *testing.T) {
	h := start(t, Options{Dirs: []string{"content"}, Debounce: exactDebounce}, "content/x.md")
	h.write("content/x.md", "") // truncates, as os.WriteFile always does
	f, err := os.OpenFile(h.path("content/x.md"), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("second part"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	h.exactlyOne("content/x.md")
}

func TestNewDirectoryTree(t *testing.T) {
	h := start(t, Options{Dirs: []string{"content"}, Debounce: fastDebounce}, "content/")
	h.mkdir("content/journeys/onboarding/stages")
	h.write("content/journeys/onboarding/index.md", "a")
	h.write("content/journeys/onboarding/stages/1.md", "b")
	h.collect("content/journeys/onboarding/index.md", "content/journeys/onboarding/stages/1.md")

	// The new folders must be watched now.
	h.write("content/journeys/onboarding/stages/1.md", "changed")
	h.collect("content/journeys/onboarding/stages/1.md")
	h.write("content/journeys/onboarding/stages/2.md", "new")
	h.collect("content/journeys/onboarding/stages/2.md")
}

func TestCopiedTreeMovedIn(t *testing.T) {
	// A tree built outside the watched folder and moved in at once, as a
	// download or a cp -r to a temporary name followed by mv would do.
	h := start(t, Options{Dirs: []string{"content"}, Debounce: fastDebounce}, "content/")
	h.write("staging/j/a.md", "a")
	h.write("staging/j/sub/b.md", "b")
	h.rename("staging/j", "content/j")
	h.collect("content/j/a.md", "content/j/sub/b.md")
	h.write("content/j/sub/b.md", "changed")
	h.collect("content/j/sub/b.md")
}

func TestRemoveAndRenameDirectory(t *testing.T) {
	h := start(t, Options{Dirs: []string{"content"}, Debounce: fastDebounce},
		"content/j/stage1/a.md", "content/j/stage2/b.md", "content/j/stage2/sub/c.md")

	h.remove("content/j/stage1")
	h.collect("content/j/stage1")

	h.rename("content/j/stage2", "content/j/stage3")
	h.collect("content/j/stage2", "content/j/stage3")

	// The watches must follow the rename: writes below the new name are
	// reported under the new name, also in subfolders.
	h.write("content/j/stage3/sub/c.md", "changed")
	for _, b := range h.collect("content/j/stage3/sub/c.md") {
		for _, p := range b.Paths {
			if strings.HasPrefix(p, "content/j/stage2") {
				t.Errorf("stale path %q after rename", p)
			}
		}
	}
}

func TestWatchedFolderRemovedAndRecreated(t *testing.T) {
	h := start(t, Options{Dirs: []string{"content"}, Debounce: fastDebounce}, "content/a.md")
	h.remove("content")
	h.collect("content")
	h.write("content/b.md", "back")
	h.collect("content/b.md")
	h.write("content/b.md", "again")
	h.collect("content/b.md")
}

func TestMissingFolderCreatedLater(t *testing.T) {
	h := start(t, Options{Dirs: []string{"content", "layouts", "themes/default"}, Debounce: fastDebounce},
		"content/a.md")

	h.write("layouts/base.html", "<html>")
	h.collect("layouts/base.html")
	h.write("layouts/base.html", "<html lang=en>")
	h.collect("layouts/base.html")

	// Two levels missing: themes, then themes/default.
	h.mkdir("themes")
	h.write("themes/other.txt", "not watched")
	h.write("themes/default/style.css", "body{}")
	h.collect("themes/default/style.css")
	h.write("themes/default/partials/head.html", "<head>")
	h.collect("themes/default/partials/head.html")
}

func TestAncestorOfWatchedFolderRenamed(t *testing.T) {
	h := start(t, Options{Dirs: []string{"themes/default"}, Debounce: fastDebounce},
		"themes/default/style.css")
	h.rename("themes", "themes-old")
	h.collect("themes/default")
	h.write("themes-old/default/style.css", "no longer part of the site")
	h.quiet(fastDebounce + 300*time.Millisecond)
	h.write("themes/default/style.css", "back")
	h.collect("themes/default/style.css")
}

func TestNoise(t *testing.T) {
	h := start(t, Options{Dirs: []string{"content"}, Debounce: fastDebounce},
		"content/a.md", "content/.git/HEAD", "config.toml")
	if err := os.Chmod(h.path("content/a.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if err := os.Chtimes(h.path("content/a.md"), now, now); err != nil {
		t.Fatal(err)
	}
	h.write("content/.a.md.swp", "swap")
	h.write("content/a.md~", "backup")
	h.write("content/#a.md#", "emacs")
	h.write("content/4913", "")
	h.remove("content/4913")
	h.write("content/.git/HEAD", "ref")
	h.write("content/.cache/new/x.md", "hidden folder")
	h.write("content/x.md.bak/inner.md", "inside an ignored folder")
	h.write("config.toml", "outside the watched folders")
	h.write("public/index.html", "outside the watched folders")
	h.quiet(10*fastDebounce + 300*time.Millisecond)
}

func TestBurst(t *testing.T) {
	const n = 50
	h := start(t, Options{Dirs: []string{"content"}, Debounce: fastDebounce}, "content/")
	var want []string
	for i := range n {
		rel := fmt.Sprintf("content/p%02d.md", i)
		want = append(want, rel)
		h.write(rel, "x")
	}
	batches := h.collect(want...)
	if len(batches) > 3 {
		t.Errorf("%d files written at once gave %d batches, want 1 (at most 3)", n, len(batches))
	}
	h.quiet(fastDebounce + 300*time.Millisecond)
}

func TestNeverEndingStreamIsCapped(t *testing.T) {
	// Writes arrive more often than the debounce, forever; the cap of
	// 20×Debounce must still release a batch while the stream goes on.
	const debounce = 100 * time.Millisecond
	h := start(t, Options{Dirs: []string{"content"}, Debounce: debounce}, "content/log.md")
	stop := make(chan struct{})
	var writer sync.WaitGroup
	writer.Add(1)
	go func() {
		defer writer.Done()
		tick := time.NewTicker(debounce / 10)
		defer tick.Stop()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-tick.C:
				// Not h.write: t.Fatal must not be called off the test goroutine.
				_ = os.WriteFile(h.path("content/log.md"), []byte(fmt.Sprint(i)), 0o644)
			}
		}
	}()
	defer writer.Wait()
	defer close(stop)
	select {
	case b := <-h.w.Batches():
		checkBatch(t, b)
		if !slices.Equal(b.Paths, []string{"content/log.md"}) {
			t.Errorf("batch = %q", b.Paths)
		}
	case <-time.After(maxWaitFactor*debounce + waitLimit):
		t.Fatal("no batch while changes kept coming")
	}
}

func TestPoll(t *testing.T) {
	h := start(t, Options{Dirs: []string{"content", "layouts"}, Debounce: fastDebounce, Poll: 20 * time.Millisecond},
		"content/a.md", "content/b.md")
	if h.w.fsw != nil {
		t.Fatal("poll mode uses fsnotify")
	}

	h.write("content/new.md", "new")
	h.write("content/.new.md.swp", "swap")
	h.collect("content/new.md")

	h.write("content/a.md", "a longer content than before")
	h.collect("content/a.md")

	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(h.path("content/b.md"), later, later); err != nil {
		t.Fatal(err)
	}
	h.collect("content/b.md")

	h.remove("content/new.md")
	h.collect("content/new.md")

	h.write("content/d/e.md", "in a new folder")
	h.collect("content/d/e.md")

	h.write("layouts/base.html", "<html>")
	h.collect("layouts/base.html")

	h.write("content/.git/HEAD", "ref")
	h.quiet(10*fastDebounce + 300*time.Millisecond)
}

func TestIgnored(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"x.md", false},
		{"index.html", false},
		{"style.css", false},
		{"4914", false},
		{"journey-4913.md", false},
		{"a#b#c.md", false},
		{"tmp", false},
		{"swp.md", false},
		{"", false},

		{".x.md.swp", true},
		{".x.md.swx", true},
		{".#x.md", true},
		{".DS_Store", true},
		{".git", true},
		{"x.md~", true},
		{"x.md.swp", true},
		{"x.md.swo", true},
		{"x.md.swx", true},
		{"x.md.tmp", true},
		{"X.MD.TMP", true},
		{"x.md.bak", true},
		{"x.md.crswap", true},
		{"4913", true},
		{"#x.md#", true},
		{"x.md___jb_tmp___", true},
		{"x.md___jb_old___", true},
	}
	for _, tt := range tests {
		if got := Ignored(tt.name); got != tt.want {
			t.Errorf("Ignored(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestLimitErrorMessage(t *testing.T) {
	for _, errno := range []syscall.Errno{syscall.ENOSPC, syscall.EMFILE} {
		err := watchError("watching content/journeys/x", fmt.Errorf("add: %w", errno))
		if !errors.Is(err, errno) || !isLimit(err) {
			t.Errorf("%v: errno not kept in %v", errno, err)
		}
		msg := err.Error()
		for _, want := range []string{"content/journeys/x", "limit", "-poll"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%v: message %q lacks %q", errno, msg, want)
			}
		}
	}
	if msg := watchError("w", syscall.ENOSPC).Error(); !strings.Contains(msg, "fs.inotify.max_user_watches") {
		t.Errorf("ENOSPC message %q does not name the sysctl", msg)
	}
	if err := watchError("w", syscall.EACCES); isLimit(err) {
		t.Errorf("EACCES taken for a limit: %v", err)
	}
}

func TestClose(t *testing.T) {
	for _, poll := range []time.Duration{0, 20 * time.Millisecond} {
		t.Run(fmt.Sprint("poll=", poll), func(t *testing.T) {
			root := t.TempDir()
			if err := os.Mkdir(filepath.Join(root, "content"), 0o755); err != nil {
				t.Fatal(err)
			}
			w, err := New(Options{Root: root, Dirs: []string{"content"}, Poll: poll})
			if err != nil {
				t.Fatal(err)
			}
			// A batch nobody takes must not keep Close from finishing.
			if err := os.WriteFile(filepath.Join(root, "content", "a.md"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatalf("second Close: %v", err)
			}
			for name, ch := range map[string]func() bool{
				"Batches": func() bool { _, ok := <-w.Batches(); return ok },
				"Errors":  func() bool { _, ok := <-w.Errors(); return ok },
			} {
				closed := make(chan bool, 1)
				go func() { closed <- !ch() }()
				select {
				case ok := <-closed:
					if !ok {
						t.Errorf("%s delivered a value after Close", name)
					}
				case <-time.After(waitLimit):
					t.Errorf("%s not closed after Close", name)
				}
			}
		})
	}
}

func TestBadOptions(t *testing.T) {
	for _, dir := range []string{"../elsewhere", "/abs", ".."} {
		if w, err := New(Options{Root: t.TempDir(), Dirs: []string{dir}}); err == nil {
			w.Close()
			t.Errorf("New accepted folder %q outside the site", dir)
		}
	}
}

func TestNoGoroutineLeak(t *testing.T) {
	before := runtime.NumGoroutine()
	for _, poll := range []time.Duration{0, 10 * time.Millisecond} {
		root := t.TempDir()
		w, err := New(Options{Root: root, Dirs: []string{"content", "missing"}, Poll: poll, Debounce: time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(root, "content", "new"), 0o755); err != nil {
			t.Fatal(err)
		}
		// Leave the batch unreceived: a pending send must not outlive Close.
		w.Close()
	}
	// Close waits for the goroutines to finish their work; they may still
	// need a moment to return. Yield instead of sleeping, with a bound.
	deadline := time.Now().Add(waitLimit)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines before, %d after Close:\n%s",
				before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
		runtime.Gosched()
	}
}

// TestLinkedFoldersAreNotWatched: a symbolic link to a folder elsewhere,
// at any level, is neither watched nor scanned, whether it was there when
// watching began or came later; what changes where it leads is no change
// of the site.
func TestLinkedFoldersAreNotWatched(t *testing.T) {
	for _, poll := range []time.Duration{0, 20 * time.Millisecond} {
		for _, later := range []bool{false, true} {
			t.Run(fmt.Sprintf("poll=%s,later=%v", poll, later), func(t *testing.T) {
				outside := t.TempDir()
				links := map[string]string{
					"static":                 "a",
					"themes/default/static":  "b",
					"content/journeys/x":     "c",
					"themes/default/layouts": "d",
				}
				h := &harness{t: t, root: t.TempDir()}
				h.write("content/a.md", "a")
				h.mkdir("themes/default")
				h.mkdir("content/journeys")
				link := func() {
					for link, target := range links {
						if err := os.MkdirAll(filepath.Join(outside, target), 0o755); err != nil {
							t.Fatal(err)
						}
						if err := os.Symlink(filepath.Join(outside, target), h.path(link)); err != nil {
							t.Skip("no symbolic links here:", err)
						}
					}
				}
				if !later {
					link()
				}
				w, err := New(Options{Root: h.root, Dirs: []string{"content", "layouts", "static", "themes"}, Debounce: fastDebounce, Poll: poll})
				if err != nil {
					t.Fatal(err)
				}
				h.w = w
				t.Cleanup(func() { w.Close() })
				if later {
					link()
					h.collect("content/journeys/x", "static", "themes/default/static", "themes/default/layouts")
				}
				for _, target := range links {
					if err := os.WriteFile(filepath.Join(outside, target, "LEAKED.md"), []byte("x"), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				h.write("content/a.md", "changed")
				for _, b := range h.collect("content/a.md") {
					for _, p := range b.Paths {
						if strings.Contains(p, "LEAKED") {
							t.Errorf("a change behind a link was reported: %s", p)
						}
					}
				}
				if err := w.Close(); err != nil { // its state is read below
					t.Fatal(err)
				}
				for p := range w.watched {
					rel, _ := w.rel(p)
					for link := range links {
						if strings.HasPrefix(p, outside) || rel == link || strings.HasPrefix(rel, link+"/") {
							t.Errorf("watching %s", p)
						}
					}
				}
				for rel := range w.snap {
					for link := range links {
						if strings.HasPrefix(rel, link+"/") {
							t.Errorf("scanned %s", rel)
						}
					}
				}
			})
		}
	}
}

// TestFlushHoldsHalfSave: a burst in which a file that was there is gone
// is held for one more quiet time, as an editor may be between renaming
// the old file away and writing the new one; then it is sent whatever
// it holds. Other bursts are sent at once.
func TestFlushHoldsHalfSave(t *testing.T) {
	for _, tc := range []struct {
		name    string
		there   []string        // files on disk at the flush
		pending map[string]bool // path → created in the burst
		first   []string        // the batch at the first flush
		second  []string        // the batch at the next
	}{
		{"changed file there", []string{"content/x.md"}, map[string]bool{"content/x.md": false}, []string{"content/x.md"}, []string{"content/x.md"}},
		{"new file there", []string{"content/x.md"}, map[string]bool{"content/x.md": true}, []string{"content/x.md"}, []string{"content/x.md"}},
		{"temporary file gone", nil, map[string]bool{"content/x.md~": true}, nil, nil},
		{"renamed away, not yet written", nil, map[string]bool{"content/x.md": false}, nil, []string{"content/x.md"}},
		{"one of two gone", []string{"content/a.md"}, map[string]bool{"content/a.md": false, "content/x.md": false}, nil, []string{"content/a.md", "content/x.md"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			for _, f := range tc.there {
				p := filepath.Join(root, filepath.FromSlash(f))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			w := &Watcher{root: root, debounce: time.Hour, pending: map[string]bool{}, outbox: map[string]struct{}{}, timer: time.NewTimer(time.Hour)}
			defer w.timer.Stop()
			for rel, created := range tc.pending {
				w.touch(rel, created)
			}
			w.flush()
			if !slices.Equal(w.next.Paths, tc.first) {
				t.Errorf("first flush: batch %q, want %q", w.next.Paths, tc.first)
			}
			w.flush()
			if !slices.Equal(w.next.Paths, tc.second) {
				t.Errorf("second flush: batch %q, want %q", w.next.Paths, tc.second)
			}
		})
	}
}
