package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// Paths inside the staging folder.
const (
	recordPath  = Staging + "/commit"     // the commit record: the build is committed once it is here
	recordTmp   = Staging + "/commit.tmp" // the record while it is written
	newManifest = Staging + "/manifest"   // the manifest of the build
)

// newPath is where a file or folder of the build is staged.
func newPath(name string) string { return Staging + "/new/" + name }

// oldPath is where step i of a record moves the file it deletes or
// replaces, so that it can be put back.
func oldPath(i int) string { return Staging + "/old/" + strconv.Itoa(i) }

// ErrUnfinished marks an error after which the folder holds parts of two
// builds: the commit record is still there, and the next Open finishes the
// commit or undoes it.
var ErrUnfinished = errors.New("the next cjm build into the folder finishes the last or undoes it")

// An op is one step of a commit record.
type op struct {
	kind string // opDelete, opReplace or opAdd
	name string // a file; for opAdd, a file or a whole folder
}

const (
	opDelete  = "delete"  // move the file aside
	opReplace = "replace" // move the file aside, then the staged one in
	opAdd     = "add"     // move the staged file or folder in

	recordHeader = "cjm-commit 1"
	recordEnd    = "end"
)

// formatRecord writes the steps one a line, the name quoted.
func formatRecord(ops []op) []byte {
	var b bytes.Buffer
	b.WriteString(recordHeader + "\n")
	for _, o := range ops {
		b.WriteString(o.kind + " " + strconv.Quote(o.name) + "\n")
	}
	b.WriteString(recordEnd + "\n")
	return b.Bytes()
}

func parseRecord(data []byte) ([]op, error) {
	lines := strings.Split(string(data), "\n")
	if len(lines) < 3 || lines[0] != recordHeader || lines[len(lines)-2] != recordEnd || lines[len(lines)-1] != "" {
		return nil, errors.New("it does not start with " + recordHeader + " and end with " + recordEnd)
	}
	var ops []op
	for i, line := range lines[1 : len(lines)-2] {
		kind, quoted, _ := strings.Cut(line, " ")
		name, err := strconv.Unquote(quoted)
		if (kind != opDelete && kind != opReplace && kind != opAdd) || err != nil || checkName(name) != nil {
			return nil, fmt.Errorf("line %d is not a step: %s", i+2, quote(line))
		}
		ops = append(ops, op{kind, name})
	}
	return ops, nil
}

// commit decides and applies the build handed over (the package comment
// tells how). After an error the folder holds the previous build.
func (d *Dir) commit() (Stats, error) {
	ops, removed, err := d.plan()
	if err != nil {
		d.discard()
		return Stats{}, err
	}
	st := d.st
	st.Written, st.Removed = len(d.staged), removed
	if len(ops) == 0 && !d.oldForm && maps.Equal(d.names, d.manifest) {
		d.discard()
		return st, nil // nothing changed
	}
	names := slices.Collect(maps.Keys(d.names))
	steps := []func() error{
		func() error { return d.mkdir(Staging) },
		func() error { return d.fsys.Mkdir(Staging + "/old") },
		func() error { return d.fsys.WriteFile(newManifest, formatManifest(names)) },
		func() error { return d.fsys.WriteFile(recordTmp, formatRecord(ops)) },
		d.fsys.Flush, // the staged files, the manifest and the record
		func() error { return d.fsys.Rename(recordTmp, recordPath) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			d.discard()
			return Stats{}, fmt.Errorf("publishing into %s: %w", d.path, cause(err))
		}
	}
	why, err := d.finish(ops, false)
	if err != nil {
		return Stats{}, err
	}
	if why != nil {
		return Stats{}, fmt.Errorf("publishing into %s: %w", d.path, why)
	}
	return st, nil
}

// plan lists the steps that turn the folder into the build: first the
// stale files the manifest lists to delete, then each staged file to
// replace or add, or rather the top-most folder on its path that is not
// there yet, added whole. It returns how many files it deletes.
func (d *Dir) plan() ([]op, int, error) {
	gone := map[string]bool{}
	for name := range d.manifest {
		if d.names[name] {
			continue
		}
		fi, err := d.fsys.Lstat(name)
		if notThere(err) {
			continue
		}
		if err != nil {
			return nil, 0, fmt.Errorf("looking at %s: %w", d.at(name), cause(err))
		}
		if !fi.IsDir() { // someone put a folder there: not cjm's
			gone[name] = true
		}
	}
	removed := len(gone)
	slices.SortFunc(d.staged, func(a, b job) int { return strings.Compare(a.name, b.name) })
	var folders []string // folders in the way of a file, to be moved aside whole
	for _, j := range d.staged {
		if j.folder {
			if err := d.emptied(j.name, gone); err != nil {
				return nil, 0, err
			}
			folders = append(folders, j.name)
		}
	}
	// Files one by one, so that one that may not be moved fails the
	// commit before anything is lost; then the folders, empty by then.
	var ops []op
	for _, name := range slices.Sorted(maps.Keys(gone)) {
		ops = append(ops, op{opDelete, name})
	}
	for _, dir := range folders {
		ops = append(ops, op{opDelete, dir})
	}
	there := map[string]bool{} // folder → whether it is there
	added := map[string]bool{}
	for _, j := range d.staged {
		if j.replace {
			ops = append(ops, op{opReplace, j.name})
			continue
		}
		place, err := d.placeOf(j.name, gone, there)
		if err != nil {
			return nil, 0, err
		}
		if !added[place] {
			added[place] = true
			ops = append(ops, op{opAdd, place})
		}
	}
	return ops, removed, nil
}

// emptied checks that the folder dir, in the way of a file of the build,
// holds nothing but files of the last build that this one deletes, and
// folders holding only such files.
func (d *Dir) emptied(dir string, gone map[string]bool) error {
	var files []string
	var walk func(string) error
	walk = func(name string) error {
		entries, err := d.fsys.ReadDir(name)
		if err != nil {
			return fmt.Errorf("reading %s: %w", d.at(name), cause(err))
		}
		for _, e := range entries {
			p := name + "/" + e.Name()
			switch {
			case e.IsDir():
				if err := walk(p); err != nil {
					return err
				}
			case gone[p]:
				files = append(files, p)
			default:
				return fmt.Errorf("%s is a folder holding %s, which cjm did not write, and the build has a file of the folder's name; move the folder out of %s, or build into another folder",
					d.at(dir), d.at(p), d.path)
			}
		}
		return nil
	}
	if err := walk(dir); err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("%s is a folder, and the build has a file of that name; move the folder out of %s, or build into another folder", d.at(dir), d.path)
	}
	return nil
}

// placeOf returns the top-most folder on the path of name that is not in
// the output folder yet (or will not be, once the files to delete are
// gone), else name itself.
func (d *Dir) placeOf(name string, gone, folders map[string]bool) (string, error) {
	for i := 0; ; {
		j := strings.IndexByte(name[i:], '/')
		if j < 0 {
			return name, nil
		}
		dir := name[:i+j]
		i += j + 1
		there, seen := folders[dir]
		if !seen {
			var err error
			if there, err = d.isFolder(dir, gone, name); err != nil {
				return "", err
			}
			folders[dir] = there
		}
		if !there {
			return dir, nil
		}
	}
}

func (d *Dir) isFolder(dir string, gone map[string]bool, name string) (bool, error) {
	if d.fresh || gone[dir] {
		return false, nil
	}
	fi, err := d.fsys.Lstat(dir)
	switch {
	case notThere(err):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("looking at %s: %w", d.at(dir), cause(err))
	case fi.IsDir(): // a symbolic link is not
		return true, nil
	}
	return false, fmt.Errorf("%s is in the way of %s: the build needs a folder there, and cjm did not write that file; move it out of %s, or build into another folder", d.at(dir), d.at(name), d.path)
}

// finish applies a commit record: the moves, then the manifest. When
// checked (recovery), each step first looks whether it was done already.
// When a step fails, finish undoes the steps done and removes the record:
// why is then that step's error, and the folder holds the previous build.
// err says it could not be put back either.
func (d *Dir) finish(ops []op, checked bool) (why, err error) {
	done, why := 0, d.fsys.Flush() // the record is durable before any step
	if why == nil {
		done, why = d.apply(ops, checked)
	}
	if why == nil {
		why = d.fsys.Flush() // every step is durable before the manifest
	}
	if why == nil {
		why = d.putManifest(checked)
	}
	if why != nil {
		if err := d.undo(ops[:min(done+1, len(ops))]); err != nil {
			d.dirty = true
			return why, fmt.Errorf("publishing into %s: %w; putting the previous build back failed too (%w): %w", d.path, why, err, ErrUnfinished)
		}
		if err := d.fsys.Remove(recordPath); err != nil {
			d.dirty = true
			return why, fmt.Errorf("publishing into %s: %w; the previous build was put back, but removing %s failed (%w): %w",
				d.path, why, d.at(recordPath), cause(err), ErrUnfinished)
		}
		d.discard()
		return why, nil
	}
	if err := d.fsys.Flush(); err != nil {
		d.dirty = true // the record stays: recovery applies it again
		return nil, nil
	}
	files := map[string]bool{} // the folders to remove stop at a file put in place
	for _, o := range ops {
		files[o.name] = o.kind != opDelete
	}
	for _, o := range ops {
		if o.kind == opDelete && !d.removeEmptyDirs(path.Dir(o.name), files) {
			d.dirty = true // the record stays: recovery tries again
			return nil, nil
		}
	}
	if err := d.fsys.Remove(recordPath); err != nil {
		d.dirty = true
		return nil, nil
	}
	d.discard()
	return nil, nil
}

// apply takes the steps in order; it returns how many were done, and why
// the next one failed.
func (d *Dir) apply(ops []op, checked bool) (int, error) {
	for i, o := range ops {
		if err := d.step(i, o, checked); err != nil {
			return i, err
		}
	}
	return len(ops), nil
}

// step moves the file of a delete or replace aside, and the staged file or
// folder of a replace or add into place.
func (d *Dir) step(i int, o op, checked bool) error {
	aside, in := o.kind != opAdd, o.kind != opDelete
	if checked {
		if in {
			staged, err := d.exists(newPath(o.name))
			if err != nil || !staged {
				return err // moved in before: done
			}
		}
		if aside {
			saved, err1 := d.exists(oldPath(i))
			there, err2 := d.exists(o.name)
			if err := errors.Join(err1, err2); err != nil {
				return err
			}
			aside = there && !saved
		}
	}
	if aside {
		// A file gone meanwhile needs no moving; its step is done.
		if err := d.fsys.Rename(o.name, oldPath(i)); err != nil && !notThere(err) {
			return fmt.Errorf("moving %s aside: %w", d.at(o.name), cause(err))
		}
	}
	if in {
		if err := d.fsys.Rename(newPath(o.name), o.name); err != nil {
			return fmt.Errorf("putting %s in place: %w", d.at(o.name), cause(err))
		}
	}
	return nil
}

// putManifest puts the build's manifest in place of the old one.
func (d *Dir) putManifest(checked bool) error {
	if checked {
		if staged, err := d.exists(newManifest); err != nil || !staged {
			return err
		}
	}
	if err := d.fsys.Rename(newManifest, Manifest); err != nil {
		return fmt.Errorf("putting %s in place: %w", d.at(Manifest), cause(err))
	}
	return nil
}

// undo takes back the steps, last first: a file or folder moved in goes
// back into the staging folder, a file moved aside back into place.
func (d *Dir) undo(ops []op) error {
	var errs []error
	for i := len(ops) - 1; i >= 0; i-- {
		o := ops[i]
		if o.kind != opDelete {
			staged, err1 := d.exists(newPath(o.name))
			there, err2 := d.exists(o.name)
			if err := errors.Join(err1, err2); err != nil {
				errs = append(errs, err)
				continue
			}
			if !staged && there {
				if err := d.fsys.Rename(o.name, newPath(o.name)); err != nil {
					errs = append(errs, fmt.Errorf("moving %s back out: %w", d.at(o.name), cause(err)))
					continue
				}
			}
		}
		if o.kind != opAdd {
			saved, err := d.exists(oldPath(i))
			if err == nil && saved {
				err = d.fsys.Rename(oldPath(i), o.name)
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("putting %s back: %w", d.at(o.name), cause(err)))
			}
		}
	}
	return errors.Join(errs...)
}

// recover finishes or undoes a commit that a process left unfinished,
// removes the staging folder, reads the manifest, and removes what the
// publisher before the staging folder left beside the files it lists.
func (d *Dir) recover() error {
	data, err := d.fsys.ReadFile(recordPath)
	switch {
	case err == nil:
		ops, perr := parseRecord(data)
		if perr != nil {
			return fmt.Errorf("%s is damaged (%v): cjm cannot tell whether its build was published; remove %s and build again", d.at(recordPath), perr, d.path)
		}
		// Finished or undone, the folder holds one build: go on.
		if _, err := d.finish(ops, true); err != nil {
			return err
		}
	case !notThere(err):
		return fmt.Errorf("reading %s: %w", d.at(recordPath), cause(err))
	}
	if err := d.removeAll(Staging); err != nil {
		d.dirty = true
		return fmt.Errorf("removing %s: %w", d.at(Staging), cause(err))
	}
	d.dirty = false

	d.manifest, d.listed, d.oldForm = map[string]bool{}, false, false
	data, err = d.fsys.ReadFile(Manifest)
	switch {
	case err == nil:
		d.listed = true
		if d.manifest, d.oldForm, err = parseManifest(data); err != nil {
			return fmt.Errorf("%s: %w; cjm cannot tell which files it wrote: remove %s and build again", d.at(Manifest), err, d.path)
		}
	case !notThere(err):
		return fmt.Errorf("reading %s: %w", d.at(Manifest), cause(err))
	}
	if d.oldForm {
		for name := range d.manifest {
			if fi, err := d.fsys.Lstat(name + oldTmpSuffix); err == nil && fi.Mode().IsRegular() {
				_ = d.fsys.Remove(name + oldTmpSuffix) // what cannot go is left to the user
			}
		}
	}
	entries, err := d.fsys.ReadDir(".")
	if err != nil {
		return fmt.Errorf("reading %s: %w", d.path, cause(err))
	}
	d.fresh = len(entries) == 0
	return nil
}

// mkdir makes a folder unless it is there.
func (d *Dir) mkdir(name string) error {
	if err := d.fsys.Mkdir(name); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return nil
}

// removeAll removes a file or a folder with all it holds.
func (d *Dir) removeAll(name string) error {
	err := d.fsys.Remove(name)
	if err == nil || notThere(err) {
		return nil
	}
	entries, rerr := d.fsys.ReadDir(name)
	if rerr != nil {
		return err
	}
	for _, e := range entries {
		if err := d.removeAll(name + "/" + e.Name()); err != nil {
			return err
		}
	}
	return d.fsys.Remove(name)
}

// removeEmptyDirs removes dir and its parents while they are empty;
// removing a folder that still holds anything fails, and stops the climb.
// It reports false when a removal failed otherwise. It stops at a name in
// stop: a file of the build in place of a folder of the last one.
func (d *Dir) removeEmptyDirs(dir string, stop map[string]bool) bool {
	for ; dir != "." && !stop[dir]; dir = path.Dir(dir) {
		if err := d.fsys.Remove(dir); err != nil {
			return notThere(err) || errors.Is(err, syscall.ENOTEMPTY) || errors.Is(err, syscall.EEXIST)
		}
	}
	return true
}

func (d *Dir) exists(name string) (bool, error) {
	_, err := d.fsys.Lstat(name)
	if notThere(err) {
		return false, nil
	}
	return err == nil, err
}

// notThere reports whether err says a file is not there: missing, or a
// file where a folder on its path should be.
func notThere(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}

// cause strips the operation and paths off a file system error, which
// name the file relative to the folder: messages name it themselves.
func cause(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}
