package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
)

// Dir is the end that publishes into a folder, crash-safely (see the
// package comment). Put and Keep may be called from many goroutines; one
// goroutine writes the staged files: making files and folders is the file
// system's work under a lock of the parent folder, and two writers only
// took twice the CPU time for the same wall time.
type Dir struct {
	path   string // the folder, for messages
	fsys   FS
	unlock func()
	closer func() error // closes fsys, when Open made it
	// created says Open made the folder: Close removes it again if no
	// build was committed into it.
	created, committed bool

	// Between builds: what the folder holds.
	manifest map[string]bool // the files the manifest lists
	listed   bool            // the folder has a manifest
	oldForm  bool            // the manifest is of the older form
	fresh    bool            // the folder holds nothing at all
	dirty    bool            // a cleanup failed: recover before the next build

	mu      sync.Mutex // guards the fields below while a build is handed over
	started bool
	err     error // the build's first error, returned by every later call
	names   map[string]bool
	st      Stats

	// The writing goroutine's.
	queue   chan job
	done    chan struct{}
	staged  []job           // written into the staging folder (data dropped)
	folders map[string]bool // made in the staging folder
}

type job struct {
	name    string
	data    []byte
	replace bool // the folder holds an older version, which the manifest lists
	folder  bool // a folder has the name
}

// Open opens the folder dir for publishing, creating it: it takes the
// folder's lock and recovers from a process that died publishing into it.
func Open(dir string) (*Dir, error) {
	_, err := os.Stat(dir)
	created := errors.Is(err, fs.ErrNotExist)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	fsys, closer, err := OS(dir)
	if err != nil {
		return nil, err
	}
	d, err := OpenFS(fsys, dir)
	if err != nil {
		closer()
		if created {
			_ = os.Remove(dir)
		}
		return nil, err
	}
	d.closer, d.created = closer, created
	return d, nil
}

// OpenFS is Open on a folder reached through fsys; dir names it in
// messages.
func OpenFS(fsys FS, dir string) (*Dir, error) {
	unlock, err := fsys.Lock()
	if errors.Is(err, errLocked) {
		return nil, fmt.Errorf("%s: another cjm is publishing into it; wait for it to end, or stop it", dir)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	d := &Dir{path: dir, fsys: fsys, unlock: unlock}
	if err := d.recover(); err != nil {
		unlock()
		return nil, err
	}
	return d, nil
}

// Close ends the last build (aborting it unless it was committed) and
// lets the folder go.
func (d *Dir) Close() error {
	d.Abort()
	d.unlock()
	var err error
	if d.closer != nil {
		err = d.closer()
	}
	if d.created && !d.committed {
		_ = os.Remove(d.path) // only if empty
	}
	return err
}

// Holds returns a file the manifest lists, as the folder holds it.
func (d *Dir) Holds(name string) ([]byte, bool, error) {
	if err := d.start(); err != nil {
		return nil, false, err
	}
	if !d.manifest[name] {
		return nil, false, nil
	}
	data, err := d.fsys.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.EISDIR) {
		return nil, false, nil // Put says what is wrong with a folder
	}
	if err != nil {
		return nil, false, d.fail(fmt.Errorf("reading %s: %w", d.at(name), cause(err)))
	}
	return data, true, nil
}

// Put writes a file of the build into the staging folder.
func (d *Dir) Put(name string, data []byte) error {
	if err := d.add(name); err != nil {
		return err
	}
	j := job{name: name, data: data}
	if !d.fresh {
		fi, err := d.fsys.Lstat(name)
		switch {
		case err == nil && fi.IsDir():
			// Fine if it holds only files of the last build that this one
			// does not have, which the plan looks into.
			j.folder = true
		case err == nil && !d.manifest[name]:
			return d.fail(d.foreign(name))
		case err == nil:
			j.replace = true
		case notThere(err):
			// Not there. A file in the way of a folder on its path is
			// found by the plan.
		default:
			return d.fail(fmt.Errorf("looking at %s: %w", d.at(name), cause(err)))
		}
	}
	d.queue <- j
	return nil
}

// foreign is the error for a file the build would overwrite that cjm did
// not write.
func (d *Dir) foreign(name string) error {
	why := d.at(Manifest) + " does not list it"
	if !d.listed {
		why = "the folder has no " + Manifest
	}
	return fmt.Errorf("%s was not written by cjm (%s), and the build has a file of that name; move it out of %s, or build into another folder", d.at(name), why, d.path)
}

// Keep carries a file of the last committed build over into this one.
func (d *Dir) Keep(name string) error {
	if err := d.add(name); err != nil {
		return err
	}
	if !d.manifest[name] {
		return d.fail(fmt.Errorf("keeping %s: the last build has no such file", quote(name)))
	}
	d.mu.Lock()
	d.st.Unchanged++
	d.mu.Unlock()
	return nil
}

// add checks name and records it as part of the build.
func (d *Dir) add(name string) error {
	if err := d.start(); err != nil {
		return err
	}
	if err := checkName(name); err != nil {
		return d.fail(err)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.err != nil {
		return d.err
	}
	if d.names[name] {
		d.err = fmt.Errorf("%s is written twice", quote(name))
		return d.err
	}
	d.names[name] = true
	return nil
}

// fail records the build's first error and returns it.
func (d *Dir) fail(err error) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.err == nil {
		d.err = err
	}
	return d.err
}

// start begins a build on its first call since the last Commit or Abort.
func (d *Dir) start() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.started {
		return d.err
	}
	d.started, d.err = true, nil
	if d.dirty {
		d.err = d.recover()
	}
	d.names, d.st = map[string]bool{}, Stats{}
	d.staged, d.folders = nil, map[string]bool{}
	d.queue, d.done = make(chan job, 64), make(chan struct{})
	go d.write()
	return d.err
}

// write stages the files handed to Put, one at a time.
func (d *Dir) write() {
	defer close(d.done)
	for j := range d.queue {
		d.mu.Lock()
		failed := d.err != nil
		d.mu.Unlock()
		if failed {
			continue // drain: the build will be aborted
		}
		if err := d.stage(j.name, j.data); err != nil {
			d.fail(err)
			continue
		}
		j.data = nil
		d.staged = append(d.staged, j)
	}
}

// stage writes one file into the staging folder.
func (d *Dir) stage(name string, data []byte) error {
	var missing []string
	for dir := path.Dir(newPath(name)); !d.folders[dir]; dir = path.Dir(dir) {
		missing = append(missing, dir)
		if dir == Staging {
			break
		}
	}
	for _, dir := range slices.Backward(missing) {
		if err := d.fsys.Mkdir(dir); err != nil {
			return fmt.Errorf("writing %s: %w", d.at(name), cause(err))
		}
		d.folders[dir] = true
	}
	err := d.fsys.WriteFile(newPath(name), data)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("writing %s: the build has another file that this file system takes for the same one (a name that differs only in case?); rename one of them", d.at(name))
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", d.at(name), cause(err))
	}
	return nil
}

// wait lets the writing goroutine finish the build's files.
func (d *Dir) wait() error {
	close(d.queue)
	<-d.done
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.err
}

// Commit publishes the build: see the package comment.
func (d *Dir) Commit() (Stats, error) {
	if err := d.start(); err != nil {
		d.Abort()
		return Stats{}, err
	}
	st, err := Stats{}, d.wait()
	if err == nil {
		st, err = d.commit()
	} else {
		d.discard()
	}
	d.end(err == nil)
	if err != nil {
		return Stats{}, err
	}
	return st, nil
}

// Abort drops the build: the staging folder is removed.
func (d *Dir) Abort() {
	d.mu.Lock()
	started := d.started
	d.mu.Unlock()
	if started {
		_ = d.wait()
		d.discard()
		d.end(false)
	}
}

// discard removes the staging folder of a build that was not committed.
func (d *Dir) discard() {
	if err := d.removeAll(Staging); err != nil {
		d.dirty = true
	}
}

// end closes the build; after a commit, the folder holds its files.
func (d *Dir) end(committed bool) {
	if committed {
		d.manifest, d.listed, d.oldForm, d.fresh, d.committed = d.names, true, false, false, true
	}
	d.mu.Lock()
	d.started, d.names, d.staged, d.folders = false, nil, nil, nil
	d.mu.Unlock()
}

// at names a file in the folder for messages.
func (d *Dir) at(name string) string { return quote(filepath.Join(d.path, filepath.FromSlash(name))) }
