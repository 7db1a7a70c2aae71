// Package watch reports changes to a site's source folders so that a
// development server can rebuild.
//
// Editors and tools rarely change a file in one step: vim writes a swap
// file, renames the original to a backup and writes a new file; JetBrains
// IDEs write a temporary file and rename it over the original; os.WriteFile
// truncates before it writes; git checkout or cp -r touch hundreds of files
// at once. Rebuilding on every event would rebuild many times per save and
// could read half-written files. So events are collected until nothing
// relevant has happened for a short quiet time (the debounce) and then sent
// as one Batch; the wait is capped so that a change stream that never
// settles still produces batches.
//
// File system notifications are lossy: the kernel queue can overflow, files
// appear in a new folder before its watch is added, a rename's two halves
// can fall into different batches, and network shares may not notify at
// all. The caller therefore rebuilds by re-walking the tree, and a Batch is
// only a reliable signal of when to do that; its paths serve the log line
// and tell which folder changed. That is why this package strives most to
// send exactly one batch per real change and none for editor noise.
//
// Folders are watched with fsnotify, one watch per directory, because
// inotify has no recursive watches. The ancestors of each watched folder
// are watched too (non-recursively) so that a folder that does not exist yet,
// or is deleted and recreated, is picked up when it appears. With
// Options.Poll set, no notifications are used: the folders are scanned
// periodically and compared with the previous scan, for file systems where
// notifications do not work (network shares, WSL mounts, containers).
package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

const (
	defaultDebounce = 20 * time.Millisecond
	// maxWaitFactor caps how long a burst can delay its batch, in units of
	// the debounce, so that a continuous stream of writes (a generator, a
	// slow copy) still leads to periodic rebuilds.
	maxWaitFactor = 20
	// errBuffer is small: errors are for a log, and a full buffer must not
	// stall the watcher.
	errBuffer = 16
)

// Options configure a Watcher.
type Options struct {
	Root string // the site's folder (OS path)
	// Dirs are the folders under Root to watch recursively, slash-separated,
	// e.g. "content", "layouts", "static", "themes". A folder that does not
	// exist yet is watched from the moment it appears.
	Dirs     []string
	Debounce time.Duration // quiet time after the last event before a batch is sent; 0 means 20ms
	// Poll > 0 disables fsnotify: the folders are scanned every Poll and
	// compared by size, mode and modification time (for network shares,
	// WSL, containers).
	Poll time.Duration
}

// Batch is one settled burst of changes.
type Batch struct {
	Paths []string // changed paths, slash-separated, relative to Root, sorted, without duplicates
}

// Watcher reports changes under a site's folders as batches.
type Watcher struct {
	root     string   // absolute OS path
	dirs     []string // cleaned, slash-separated, relative to root
	debounce time.Duration
	poll     time.Duration

	fsw     *fsnotify.Watcher // nil in poll mode
	watched map[string]bool   // OS paths of directories we hold a watch on

	snap    map[string]entry // poll mode: the previous scan
	scanErr map[string]bool  // poll mode: errors already reported, so a lasting problem is not repeated every scan

	// pending is the burst being collected: path → whether its first event
	// in the burst created it. A path created and gone again within one
	// burst is an editor's temporary file, not a change.
	pending map[string]bool
	first   time.Time // when the burst began, for the cap
	timer   *time.Timer
	// held is true once the burst's batch was put off because a file it
	// changed was gone (see flush).
	held bool

	// outbox holds settled paths the receiver has not taken yet; later
	// bursts merge into it, so a slow receiver never blocks the watcher and
	// never loses a change.
	outbox map[string]struct{}
	next   Batch // outbox as a Batch, ready to send

	batches chan Batch
	errs    chan error
	done    chan struct{} // closed by Close
	stopped chan struct{} // closed when run returns

	closeOnce sync.Once
	closeErr  error
}

// entry is what poll mode compares between scans.
type entry struct {
	size  int64
	mode  fs.FileMode
	mtime int64 // UnixNano, so entries compare with ==
}

// New starts watching. In fsnotify mode it fails if the system's limit of
// watches is reached while adding the initial folders; other problems with
// single folders are sent to Errors.
func New(o Options) (*Watcher, error) {
	root, err := filepath.Abs(o.Root)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	var dirs []string
	for _, d := range o.Dirs {
		c := path.Clean(filepath.ToSlash(d))
		if path.IsAbs(c) || filepath.IsAbs(d) || c == ".." || strings.HasPrefix(c, "../") {
			return nil, fmt.Errorf("watch: folder %q is not inside the site folder", d)
		}
		if !slices.Contains(dirs, c) {
			dirs = append(dirs, c)
		}
	}
	w := &Watcher{
		root:     root,
		dirs:     dirs,
		debounce: o.Debounce,
		poll:     o.Poll,
		watched:  map[string]bool{},
		scanErr:  map[string]bool{},
		pending:  map[string]bool{},
		outbox:   map[string]struct{}{},
		batches:  make(chan Batch),
		errs:     make(chan error, errBuffer),
		done:     make(chan struct{}),
		stopped:  make(chan struct{}),
	}
	if w.debounce <= 0 {
		w.debounce = defaultDebounce
	}
	w.timer = time.NewTimer(time.Hour)
	w.timer.Stop()

	if w.poll > 0 {
		w.snap = w.scan()
	} else {
		fsw, err := fsnotify.NewWatcher()
		if err != nil {
			return nil, watchError("starting the file watcher", err)
		}
		w.fsw = fsw
		for _, d := range dirs {
			if err := w.ensure(d, false); err != nil {
				fsw.Close()
				return nil, err
			}
		}
	}
	go w.run()
	return w, nil
}

// Batches delivers settled bursts of changes. It is closed after Close.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Errors delivers problems that do not stop the watcher, such as a folder
// that cannot be watched. Errors are dropped while nobody reads them. It is
// closed after Close.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops the watcher and closes its channels. It is safe to call more
// than once.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() {
		close(w.done)
		<-w.stopped
		if w.fsw != nil {
			w.closeErr = w.fsw.Close()
		}
	})
	return w.closeErr
}

// run owns all of the watcher's state; nothing else touches it after New,
// so no locks are needed.
func (w *Watcher) run() {
	defer close(w.stopped)
	defer close(w.errs)
	defer close(w.batches)
	defer w.timer.Stop()

	var (
		events <-chan fsnotify.Event
		ferrs  <-chan error
		tick   <-chan time.Time
	)
	if w.fsw != nil {
		events, ferrs = w.fsw.Events, w.fsw.Errors
	} else {
		t := time.NewTicker(w.poll)
		defer t.Stop()
		tick = t.C
	}
	for {
		var out chan<- Batch // nil, so never chosen, while there is nothing to send
		if len(w.next.Paths) > 0 {
			out = w.batches
		}
		select {
		case <-w.done:
			return
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			w.handle(ev)
		case err, ok := <-ferrs:
			if !ok {
				ferrs = nil
				continue
			}
			w.handleError(err)
		case <-tick:
			w.diff(w.scan())
		case <-w.timer.C:
			w.flush()
		case out <- w.next:
			w.next = Batch{}
			clear(w.outbox)
		}
	}
}

// touch adds a relevant change to the burst and restarts the quiet time.
func (w *Watcher) touch(rel string, created bool) {
	now := time.Now()
	if len(w.pending) == 0 {
		w.first = now
		w.held = false
	}
	if _, ok := w.pending[rel]; !ok {
		w.pending[rel] = created
	}
	w.wait(now)
}

// wait restarts the quiet time, within the cap.
func (w *Watcher) wait(now time.Time) {
	wait := w.debounce
	if left := w.first.Add(maxWaitFactor * w.debounce).Sub(now); left < wait {
		wait = max(left, 0)
	}
	w.timer.Reset(wait)
}

// flush ends the burst and queues its paths for the receiver. A burst in
// which a file that was there is gone looks like an editor's save caught
// halfway (vim and JetBrains rename the old file away before they write
// the new one): it is given one more quiet time, so that a pause between
// the steps of a save does not cost a rebuild of half of it. A file
// really deleted is reported that much later.
func (w *Watcher) flush() {
	if len(w.pending) == 0 {
		return
	}
	if !w.held {
		for rel, created := range w.pending {
			if !created && !w.exists(rel) {
				w.held = true
				w.wait(time.Now())
				return
			}
		}
	}
	w.held = false
	added := false
	for rel, created := range w.pending {
		if created && !w.exists(rel) {
			continue // created and removed again: a temporary file
		}
		w.outbox[rel] = struct{}{}
		added = true
	}
	clear(w.pending)
	if added {
		w.next = Batch{Paths: slices.Sorted(maps.Keys(w.outbox))}
	}
}

func (w *Watcher) exists(rel string) bool {
	_, err := os.Lstat(w.abs(rel))
	return err == nil
}

func (w *Watcher) abs(rel string) string {
	return filepath.Join(w.root, filepath.FromSlash(rel))
}

// rel converts an OS path under root into the slash-separated form used in
// batches; ok is false for paths outside root.
func (w *Watcher) rel(name string) (string, bool) {
	r, err := filepath.Rel(w.root, name)
	if err != nil {
		return "", false
	}
	r = filepath.ToSlash(r)
	if r == ".." || strings.HasPrefix(r, "../") {
		return "", false
	}
	return r, true
}

// dirOf returns the watched folder that contains rel (or is rel).
func (w *Watcher) dirOf(rel string) (string, bool) {
	for _, d := range w.dirs {
		if d == "." || rel == d || strings.HasPrefix(rel, d+"/") {
			return d, true
		}
	}
	return "", false
}

// isAncestor reports whether rel is a proper ancestor of the folder d.
func isAncestor(rel, d string) bool {
	return d != "." && (rel == "." || strings.HasPrefix(d, rel+"/"))
}

// ignoredBelow applies Ignored to every path element of rel below the
// watched folder dir, so that a file inside an ignored folder (.git, a
// backup folder) is ignored too. The watched folder's own name is the
// caller's choice and is not judged.
func ignoredBelow(dir, rel string) bool {
	rest := rel
	if dir != "." {
		rest = strings.TrimPrefix(strings.TrimPrefix(rel, dir), "/")
	}
	if rest == "" {
		return false
	}
	for elem := range strings.SplitSeq(rest, "/") {
		if Ignored(elem) {
			return true
		}
	}
	return false
}

// handle processes one fsnotify event.
func (w *Watcher) handle(ev fsnotify.Event) {
	if ev.Op&^fsnotify.Chmod == 0 {
		return // attributes only: chmod, touch -a, indexers, backup tools
	}
	rel, ok := w.rel(ev.Name)
	if !ok {
		return
	}
	gone := ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)
	dir, ok := w.dirOf(rel)
	if !ok {
		// An event in an ancestor of a watched folder: only matters if it
		// makes a watched folder appear or disappear.
		var lost []string
		for _, d := range w.dirs {
			if gone && isAncestor(rel, d) && w.watched[w.abs(d)] {
				// The folder left with its ancestor; nothing inside it
				// says so, since its own watch did not move.
				lost = append(lost, d)
			}
		}
		if gone {
			w.unwatch(ev.Name)
		}
		for _, d := range lost {
			w.touch(d, false)
		}
		for _, d := range w.dirs {
			if isAncestor(rel, d) {
				w.report(w.ensure(d, true))
			}
		}
		return
	}
	if ignoredBelow(dir, rel) {
		return
	}
	if gone {
		// Watches below a removed folder are gone already; below a renamed
		// one they live on under the old name and would report wrong paths.
		w.unwatch(ev.Name)
	}
	w.touch(rel, ev.Has(fsnotify.Create))
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			w.report(w.addTree(ev.Name, true))
		}
	}
}

// handleError processes an error from fsnotify.
func (w *Watcher) handleError(err error) {
	if !errors.Is(err, fsnotify.ErrEventOverflow) {
		w.report(fmt.Errorf("watch: %w", err))
		return
	}
	// Events were lost, possibly including new folders that now lack a
	// watch. Re-add everything and announce every folder: the caller
	// re-walks the tree anyway.
	w.report(fmt.Errorf("watch: too many changes at once, some were missed (fs.inotify.max_queued_events); rescanning: %w", err))
	for _, d := range w.dirs {
		w.report(w.ensure(d, false))
		w.touch(d, false)
	}
}

// report sends err to Errors without ever blocking the watcher.
func (w *Watcher) report(err error) {
	if err == nil {
		return
	}
	select {
	case w.errs <- err:
	default:
	}
}

// ensure watches the folder d and its ancestors up to root. A missing
// folder is left to the watch on its nearest existing ancestor, which sees
// it appear and calls ensure again. Only errors about the watch limit are
// returned; others are reported.
func (w *Watcher) ensure(d string, report bool) error {
	p := w.root
	if d != "." {
		for elem := range strings.SplitSeq(d, "/") {
			// Watch the parent before looking for the child, so a child
			// created right now is either found or announced by an event.
			if err := w.add(p); err != nil {
				return err
			}
			p = filepath.Join(p, elem)
			if fi, err := os.Lstat(p); err != nil || !fi.IsDir() {
				return nil
			}
		}
	}
	return w.addTree(p, report)
}

// add watches the single directory p. Only limit errors are returned.
func (w *Watcher) add(p string) error {
	err := w.fsw.Add(p)
	if err == nil {
		w.watched[p] = true
		return nil
	}
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return nil // removed before we got to it; its removal is an event of its own
	}
	rel, _ := w.rel(p)
	err = watchError("watching "+rel, err)
	if isLimit(err) {
		return err
	}
	w.report(err)
	return nil
}

// addTree watches the directory top and every directory below it. With
// report set, everything found is added to the burst: an editor or cp -r
// may have created files before the watch existed, and they would be missed
// otherwise.
func (w *Watcher) addTree(top string, report bool) error {
	err := filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				w.report(fmt.Errorf("watch: %w", err))
			}
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if p != top && Ignored(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			// WalkDir reads the directory after this returns, so a file
			// created from here on is seen by either the walk or the watch.
			if err := w.add(p); err != nil {
				return err // every further add would fail too
			}
		}
		if report {
			if rel, ok := w.rel(p); ok {
				w.touch(rel, true)
			}
		}
		return nil
	})
	return err
}

// unwatch drops the watches on p and everything below it.
func (w *Watcher) unwatch(p string) {
	for q := range w.watched {
		if q == p || strings.HasPrefix(q, p+string(filepath.Separator)) {
			// Errors only say the kernel removed the watch already.
			_ = w.fsw.Remove(q)
			delete(w.watched, q)
		}
	}
}

// scan records every relevant path under the watched folders (poll mode).
func (w *Watcher) scan() map[string]entry {
	snap := map[string]entry{}
	for _, d := range w.dirs {
		top := w.abs(d)
		_ = filepath.WalkDir(top, func(p string, de fs.DirEntry, err error) error {
			if err != nil {
				if !errors.Is(err, fs.ErrNotExist) && !w.scanErr[err.Error()] {
					w.scanErr[err.Error()] = true
					w.report(fmt.Errorf("watch: %w", err))
				}
				return nil
			}
			if p != top && Ignored(de.Name()) {
				if de.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			info, err := de.Info()
			if err != nil {
				return nil // vanished since the directory was read
			}
			rel, ok := w.rel(p)
			if !ok {
				return nil
			}
			e := entry{mode: info.Mode()}
			// A directory's size and mtime change with every file added or
			// removed in it; the file itself is reported, so only the
			// directory's appearance and disappearance matter.
			if !info.IsDir() {
				e.size, e.mtime = info.Size(), info.ModTime().UnixNano()
			}
			snap[rel] = e
			return nil
		})
	}
	return snap
}

// diff feeds the differences between the previous scan and snap into the
// burst (poll mode).
func (w *Watcher) diff(snap map[string]entry) {
	for rel, e := range snap {
		if old, ok := w.snap[rel]; !ok {
			w.touch(rel, true)
		} else if old != e {
			w.touch(rel, false)
		}
	}
	for rel := range w.snap {
		if _, ok := snap[rel]; !ok {
			w.touch(rel, false)
		}
	}
	w.snap = snap
}

// Ignored reports whether a file or folder with the base name name is
// editor or system noise: hidden files (swap files, .#locks, .DS_Store) and
// folders (.git), backups, temporary files and probe files. A folder that is
// ignored is ignored with everything inside it.
func Ignored(name string) bool {
	if name == "" {
		return false
	}
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") {
		return true
	}
	if name == "4913" { // vim checks whether it may create files with this name
		return true
	}
	if len(name) >= 2 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#") {
		return true // emacs auto-save
	}
	lower := strings.ToLower(name)
	for _, suffix := range ignoredSuffixes {
		if strings.HasSuffix(lower, suffix) {
			return true
		}
	}
	return false
}

var ignoredSuffixes = []string{
	".swp", ".swx", ".swo", // vim swap files
	".tmp", ".bak",
	".crswap",                      // Chrome's File System Access API
	"___jb_tmp___", "___jb_old___", // JetBrains safe write
}

// watchError explains a failure to add a watch. When a system limit is
// reached the message says which one and how to raise it, since the bare
// errno ("no space left on device") misleads; the errno stays wrapped for
// errors.Is.
func watchError(what string, err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("%s: the system's limit of file watches is reached (fs.inotify.max_user_watches); "+
			"raise it with `sudo sysctl fs.inotify.max_user_watches=524288`, or run with -poll: %w", what, err)
	case errors.Is(err, syscall.EMFILE):
		return fmt.Errorf("%s: the system's limit of open files or file watchers is reached; "+
			"raise it with `ulimit -n 65536` or `sudo sysctl fs.inotify.max_user_instances=1024`, or run with -poll: %w", what, err)
	}
	return fmt.Errorf("%s: %w", what, err)
}

func isLimit(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE)
}
