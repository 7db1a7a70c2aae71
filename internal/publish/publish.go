// Package publish writes a built site to a folder. It writes only inside
// that folder (through os.Root, or into folders it made itself in an empty
// one, so no path can climb out), rewrites only files whose bytes changed,
// puts the changed files in place together at the end, and removes the
// files a previous build wrote that this one no longer has. It never
// removes a file it did not write: a manifest in the folder lists what it
// wrote.
package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Manifest is the file in the output folder listing what cjm wrote there.
const Manifest = ".cjm-manifest"

// Stats say what a publish did.
type Stats struct {
	Written, Unchanged, Removed int
}

// Publish writes files (output path → bytes) into dir, creating it. A
// file already there with the same bytes is left alone.
func Publish(dir string, files map[string][]byte) (Stats, error) {
	return publish(dir, files, nil)
}

// PublishChanged is Publish after a rebuild that knows what changed: it
// writes the files in changed (a subset of files, perhaps minified since)
// without comparing, and takes every other file of files as already in
// dir, from the last publish. It still removes what files no longer has.
func PublishChanged(dir string, files, changed map[string][]byte) (Stats, error) {
	return publish(dir, files, changed)
}

func publish(dir string, files, changed map[string][]byte) (Stats, error) {
	w, err := Open(dir)
	if err != nil {
		return Stats{}, err
	}
	// The Writer writes on a goroutine of its own: handing it the files
	// from one loop is enough.
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if changed == nil {
			err = w.Write(name, files[name])
		} else if data, ok := changed[name]; ok {
			err = w.Replace(name, data)
		} else {
			err = w.Keep(name)
		}
		if err != nil {
			w.Abort()
			return Stats{}, err
		}
	}
	return w.Commit()
}

// A Writer publishes a site file by file as a build hands them over, so
// that a build can write each page as soon as it is rendered instead of
// holding the whole site in memory. Nothing it writes is seen as the site
// until Commit: into an empty folder it writes in place and Abort removes
// what it wrote; over an earlier build it writes each changed file beside
// the old one, and Commit renames them all over at the end.
//
// Write may be called from many goroutines. One goroutine does the
// writing: making files and folders is the file system's work under a
// lock of the parent folder, and two writers only took twice the CPU
// time for the same wall time.
type Writer struct {
	dir     string
	root    *os.Root
	fresh   bool // the folder was empty: nothing to compare with or to protect
	created bool // Open made the folder: Abort removes it

	queue chan job
	done  chan struct{}

	mu      sync.Mutex // guards names, st and err, shared with the callers
	names   map[string]bool
	st      Stats
	err     error
	folders map[string]bool // made, or known to be there; the writer's own
	pending []string        // files written beside their old version; the writer's own
	made    []string        // files written in place, for Abort; the writer's own
}

type job struct {
	name    string
	data    []byte
	compare bool
}

// Open starts publishing into dir, creating it.
func Open(dir string) (*Writer, error) {
	_, err := os.Stat(dir)
	created := errors.Is(err, fs.ErrNotExist)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	w := &Writer{dir: dir, root: root, fresh: isEmpty(root), created: created, folders: map[string]bool{".": true}, names: map[string]bool{},
		queue: make(chan job, 64), done: make(chan struct{})}
	go w.run()
	return w, nil
}

// Write publishes one file unless the folder already holds the same bytes.
// Errors are reported by Commit.
func (w *Writer) Write(name string, data []byte) error { return w.send(name, data, true) }

// Replace publishes one file without comparing it with what is there.
func (w *Writer) Replace(name string, data []byte) error { return w.send(name, data, false) }

// Keep counts a file of the site as already published, unchanged.
func (w *Writer) Keep(name string) error {
	if err := w.add(name); err != nil {
		return err
	}
	w.mu.Lock()
	w.st.Unchanged++
	w.mu.Unlock()
	return nil
}

func (w *Writer) send(name string, data []byte, compare bool) error {
	if err := w.add(name); err != nil {
		return err
	}
	w.queue <- job{name, data, compare}
	return nil
}

// add checks name and records it as part of the site.
func (w *Writer) add(name string) error {
	if !fs.ValidPath(name) || name == "." || name == Manifest || strings.HasSuffix(name, tmpSuffix) {
		return fmt.Errorf("refusing to write %q: not a path inside the output folder", name)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.names[name] {
		return fmt.Errorf("%s is written twice", name)
	}
	w.names[name] = true
	return nil
}

const tmpSuffix = ".cjm-tmp"

func (w *Writer) run() {
	defer close(w.done)
	for j := range w.queue {
		w.mu.Lock()
		failed := w.err != nil
		w.mu.Unlock()
		if failed {
			continue // drain: the publish will be aborted
		}
		written, err := w.write(j)
		w.mu.Lock()
		if err != nil && w.err == nil {
			w.err = err
		} else if written {
			w.st.Written++
		} else if err == nil {
			w.st.Unchanged++
		}
		w.mu.Unlock()
	}
}

func (w *Writer) write(j job) (written bool, err error) {
	if err := w.mkdir(path.Dir(j.name)); err != nil {
		return false, err
	}
	if w.fresh {
		// Every folder on the path was made by this Writer in a folder
		// that was empty, so no symlink can lead the plain path outside;
		// the plain path spares the kernel a lookup per folder.
		w.made = append(w.made, j.name)
		return true, os.WriteFile(filepath.Join(w.dir, filepath.FromSlash(j.name)), j.data, 0o644)
	}
	if j.compare {
		if old, err := w.root.ReadFile(j.name); err == nil && bytes.Equal(old, j.data) {
			return false, nil
		}
	}
	if err := w.root.WriteFile(j.name+tmpSuffix, j.data, 0o644); err != nil {
		return false, err
	}
	w.pending = append(w.pending, j.name)
	return true, nil
}

// mkdir makes folder d and its parents, each once per Writer.
func (w *Writer) mkdir(d string) error {
	var missing []string
	for ; !w.folders[d]; d = path.Dir(d) {
		missing = append(missing, d)
	}
	for i := len(missing) - 1; i >= 0; i-- {
		var err error
		if w.fresh {
			// Made here or not at all: a folder already there in a fresh
			// output was not made by this Writer.
			err = os.Mkdir(filepath.Join(w.dir, filepath.FromSlash(missing[i])), 0o755)
		} else if err = w.root.Mkdir(missing[i], 0o755); errors.Is(err, fs.ErrExist) {
			err = nil
		}
		if err != nil {
			return err
		}
		w.folders[missing[i]] = true
	}
	return nil
}

// wait lets the writing goroutine finish and returns its first error.
func (w *Writer) wait() error {
	close(w.queue)
	<-w.done
	return w.err
}

// Commit puts the written files in place, removes the files the previous
// build wrote that this one did not, and writes the manifest. After an
// error of any Write, it aborts the publish and returns that error.
func (w *Writer) Commit() (Stats, error) {
	if err := w.wait(); err != nil {
		w.undo()
		return Stats{}, err
	}
	defer w.root.Close()
	for i, name := range w.pending {
		if err := w.root.Rename(name+tmpSuffix, name); err != nil {
			for _, rest := range w.pending[i:] {
				_ = w.root.Remove(rest + tmpSuffix)
			}
			return w.st, err
		}
	}
	if old, err := w.root.ReadFile(Manifest); err == nil {
		for _, name := range strings.Split(string(old), "\n") {
			if name == "" || !fs.ValidPath(name) || w.names[name] {
				continue
			}
			if err := w.root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return w.st, err
			}
			w.st.Removed++
			removeEmptyDirs(w.root, path.Dir(name))
		}
	}
	manifest := strings.Join(slices.Sorted(maps.Keys(w.names)), "\n") + "\n"
	return w.st, w.root.WriteFile(Manifest, []byte(manifest), 0o644)
}

// Abort undoes a publish that will not be committed: the folder is left
// as it was before Open.
func (w *Writer) Abort() {
	_ = w.wait()
	w.undo()
}

func (w *Writer) undo() {
	for _, name := range w.pending {
		_ = w.root.Remove(name + tmpSuffix)
	}
	for _, name := range w.made {
		_ = w.root.Remove(name)
		removeEmptyDirs(w.root, path.Dir(name))
	}
	w.root.Close()
	if w.created {
		_ = os.Remove(w.dir) // only if empty
	}
}

// isEmpty reports whether the folder holds nothing at all.
func isEmpty(root *os.Root) bool {
	f, err := root.Open(".")
	if err != nil {
		return false
	}
	defer f.Close()
	_, err = f.ReadDir(1)
	return errors.Is(err, io.EOF)
}

// removeEmptyDirs removes dir and its parents while they are empty;
// removing a folder that still holds anything fails, and stops the climb.
func removeEmptyDirs(root *os.Root, dir string) {
	for dir != "." && root.Remove(dir) == nil {
		dir = path.Dir(dir)
	}
}
