// Package sitefs reads and writes a site's folder without ever leaving it.
// A symbolic link met at any step of a path, a folder's or a file's, is
// refused rather than followed: a link may lead anywhere, and whatever cjm
// reads it may publish or serve. No path can climb out of the folder
// either: every one is opened below it, with openat2 where the system has
// it (one call, in which the kernel refuses any link), else through an
// os.Root after a look at every step.
//
// The site's folder itself may be reached through a link: that is where
// the user pointed cjm. Nothing inside it is.
package sitefs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
)

// FS is a site's folder. It implements fs.StatFS, fs.ReadFileFS,
// fs.ReadDirFS and fs.ReadLinkFS. Stat describes a link as a link, as
// Lstat does: a walk started at a linked folder then sees the link and
// stops there, instead of walking what it leads to.
type FS struct {
	root *os.Root
	dir  *os.File    // the same folder, for openat2
	slow atomic.Bool // the system has no openat2: look at every step
}

// Open opens the site's folder dir.
func Open(dir string) (*FS, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	d, err := os.Open(dir)
	if err != nil {
		r.Close()
		return nil, err
	}
	return &FS{root: r, dir: d}, nil
}

// Close releases the folder; its files may not be read afterwards.
func (f *FS) Close() error {
	f.dir.Close()
	return f.root.Close()
}

// Open opens a file or folder for reading.
func (f *FS) Open(name string) (fs.File, error) {
	file, err := f.open("open", name)
	if err != nil {
		return nil, err
	}
	return file, nil
}

// ReadFile reads a whole file.
func (f *FS) ReadFile(name string) ([]byte, error) {
	file, err := f.open("read", name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	size := 512
	if fi, err := file.Stat(); err == nil && fi.Size() < 1<<40 {
		size += int(fi.Size())
	}
	data := make([]byte, 0, size)
	for {
		n, err := file.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if len(data) == cap(data) {
			data = slices.Grow(data, len(data))
		}
	}
}

// ReadDir lists a folder, sorted by name. Its entries are not followed
// either: a link is listed as a link.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	file, err := f.open("readdir", name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	list, err := file.ReadDir(-1)
	slices.SortFunc(list, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return list, err
}

// Stat describes a file, a folder or a link; it does not follow a link.
func (f *FS) Stat(name string) (fs.FileInfo, error) { return f.Lstat(name) }

// Lstat describes a file, a folder or a link; it does not follow a link.
func (f *FS) Lstat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: fs.ErrInvalid}
	}
	if !f.slow.Load() {
		fi, err := lstatBeneath(f.dir, name)
		if err == nil || !f.slower(err) {
			return fi, f.explain("lstat", name, false, err)
		}
	}
	if err := f.check("lstat", name, false); err != nil {
		return nil, err
	}
	return f.root.Lstat(name)
}

// ReadLink says where the link name leads, as it is written.
func (f *FS) ReadLink(name string) (string, error) {
	if err := f.check("readlink", name, false); err != nil {
		return "", err
	}
	return f.root.Readlink(name)
}

// Create makes the file name, which must not be there yet, for writing.
func (f *FS) Create(name string) (*os.File, error) {
	if err := f.check("create", name, false); err != nil {
		return nil, err
	}
	return f.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

// Replace writes data as the file name, which must be there, a plain file:
// into a new file beside it, then renamed over it, so that the file is
// wholly the old or the new at any moment.
func (f *FS) Replace(name string, data []byte) error {
	if err := f.check("replace", name, false); err != nil {
		return err
	}
	fi, err := f.root.Lstat(name)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return &fs.PathError{Op: "replace", Path: name, Err: fs.ErrInvalid}
	}
	tmp := path.Join(path.Dir(name), ".cjm-"+path.Base(name)+".tmp")
	w, err := f.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, fi.Mode().Perm())
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = f.root.Rename(tmp, name)
	}
	if err != nil {
		f.root.Remove(tmp)
	}
	return err
}

// Mkdir makes the folder name in a folder that is there.
func (f *FS) Mkdir(name string) error {
	if err := f.check("mkdir", name, false); err != nil {
		return err
	}
	return f.root.Mkdir(name, 0o755)
}

// Remove removes a file or an empty folder; a link itself, never what it
// leads to.
func (f *FS) Remove(name string) error {
	if err := f.check("remove", name, false); err != nil {
		return err
	}
	return f.root.Remove(name)
}

// open opens name for reading, refusing a link at any step.
func (f *FS) open(op, name string) (*os.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if !f.slow.Load() {
		file, err := openBeneath(f.dir, name)
		if err == nil || !f.slower(err) {
			return file, f.explain(op, name, true, err)
		}
	}
	if err := f.check(op, name, true); err != nil {
		return nil, err
	}
	return f.root.Open(name)
}

// slower reports whether err asks for the slower way, and remembers it
// for every later path when the system has no openat2 at all.
func (f *FS) slower(err error) bool {
	if err == errNoOpenat2 {
		f.slow.Store(true)
	}
	return err == errNoOpenat2 || err == errSlowWay
}

// explain turns an error of openat2 into one that names the path, and
// for a link met on the way, the link.
func (f *FS) explain(op, name string, last bool, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, syscall.ELOOP) {
		if err := f.check(op, name, last); err != nil {
			return err // the link, named
		}
	}
	return &fs.PathError{Op: op, Path: name, Err: err}
}

var (
	// errNoOpenat2 says the system cannot open a path refusing every link
	// in one call (another system, a Linux before 5.6).
	errNoOpenat2 = errors.New("no openat2")
	// errSlowWay asks for this one path to be opened the slower way.
	errSlowWay = errors.New("try the slower way")
)

// check refuses name when a folder on its way, or with last the file
// itself, is a symbolic link, looking at each step in turn. os.Root would
// follow a link that stays inside the folder; cjm follows none.
func (f *FS) check(op, name string, last bool) error {
	if !fs.ValidPath(name) {
		return &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return nil
	}
	for i := 0; ; i++ {
		n := strings.IndexByte(name[i:], '/')
		if n < 0 && !last {
			return nil
		}
		p := name
		if n >= 0 {
			p = name[:i+n]
		}
		fi, err := f.root.Lstat(p)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err // said below, with the whole path
			}
			return &fs.PathError{Op: op, Path: name, Err: err}
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return &fs.PathError{Op: op, Path: name, Err: Link(f, p)}
		}
		if n < 0 {
			return nil
		}
		i += n
	}
}

// LinkError is a symbolic link in the site's folder, which cjm does not
// follow.
type LinkError struct {
	Path   string // the link, slash-separated, as named in its file system
	Target string // where it leads, as written; "" when it cannot be read
}

// Link describes the link at p in fsys.
func Link(fsys fs.FS, p string) *LinkError {
	target, _ := fs.ReadLink(fsys, p)
	return &LinkError{Path: p, Target: target}
}

// Message says what is wrong, without the path: the form diagnostics take
// beside the file they name.
func (e *LinkError) Message() string {
	switch t := path.Join(path.Dir(e.Path), e.Target); {
	case e.Target == "":
		return "is a symbolic link; cjm does not follow links"
	case path.IsAbs(e.Target) || !fs.ValidPath(t):
		return fmt.Sprintf("is a symbolic link to %s, outside the site; cjm does not follow links", e.Target)
	}
	return fmt.Sprintf("is a symbolic link to %s; cjm does not follow links", e.Target)
}

func (e *LinkError) Error() string { return e.Path + ": " + e.Message() }
