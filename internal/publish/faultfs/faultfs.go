// Package faultfs wraps the file operations of a publish.Dir so that a
// test can fail any one of them, or end the process there, and check what
// the folder holds afterwards. Operations are numbered from 1 in the order
// they start; Lock is not counted.
package faultfs

import (
	"errors"
	"io/fs"
	"strings"
	"sync"
	"syscall"

	"github.com/cjm-portal/cjm/internal/publish"
)

// Op is one operation, as the fault function sees it before it happens.
type Op struct {
	N    int    // 1 for the first
	Kind string // "lstat", "readfile", "readdir", "writefile", "mkdir", "rename", "remove" or "flush"
	Name string
	To   string // the new name of a rename
}

var (
	// ErrKilled, returned by a fault function, ends the process at that
	// operation: it and every later one change nothing and fail. A file
	// being written is left with the first half of its bytes.
	ErrKilled = errors.New("faultfs: the process was killed")
	// ErrPowerLoss is ErrKilled, after which every file written since the
	// last Flush has lost its bytes, as after a power cut.
	ErrPowerLoss = errors.New("faultfs: the power was cut")
)

// FS is a publish.FS whose operations a fault function can fail.
type FS struct {
	inner publish.FS
	fault func(Op) error // may be nil

	mu       sync.Mutex
	n        int
	dead     error           // ErrKilled or ErrPowerLoss once the process has ended
	unsynced map[string]bool // files written since the last Flush, by their current names
}

// New wraps inner. fault is called before each operation; the error it
// returns is the operation's, and nothing is done (a write of ENOSPC
// writes half the bytes first, as a full disk does). nil goes on.
func New(inner publish.FS, fault func(Op) error) *FS {
	return &FS{inner: inner, fault: fault, unsynced: map[string]bool{}}
}

// At returns a fault function that fails the n-th operation with err.
func At(n int, err error) func(Op) error {
	return func(op Op) error {
		if op.N == n {
			return err
		}
		return nil
	}
}

// Ops returns how many operations have started.
func (f *FS) Ops() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

// Dead reports whether the process was killed.
func (f *FS) Dead() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.dead != nil
}

// begin numbers an operation and asks the fault function about it. now
// says the error is this operation's own, rather than a dead process's.
func (f *FS) begin(kind, name, to string) (err error, now bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.dead != nil {
		return f.dead, false
	}
	f.n++
	if f.fault == nil {
		return nil, false
	}
	err = f.fault(Op{N: f.n, Kind: kind, Name: name, To: to})
	if errors.Is(err, ErrKilled) || errors.Is(err, ErrPowerLoss) {
		f.dead = err
	}
	return err, true
}

// die cuts the power: files not flushed lose their bytes.
func (f *FS) die() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.dead != ErrPowerLoss {
		return
	}
	for name := range f.unsynced {
		if f.inner.Remove(name) == nil {
			_ = f.inner.WriteFile(name, nil)
		}
	}
	clear(f.unsynced)
}

func (f *FS) Lstat(name string) (fs.FileInfo, error) {
	if err, _ := f.begin("lstat", name, ""); err != nil {
		f.die()
		return nil, err
	}
	return f.inner.Lstat(name)
}

func (f *FS) ReadFile(name string) ([]byte, error) {
	if err, _ := f.begin("readfile", name, ""); err != nil {
		f.die()
		return nil, err
	}
	return f.inner.ReadFile(name)
}

func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	if err, _ := f.begin("readdir", name, ""); err != nil {
		f.die()
		return nil, err
	}
	return f.inner.ReadDir(name)
}

func (f *FS) WriteFile(name string, data []byte) error {
	if err, now := f.begin("writefile", name, ""); err != nil {
		if now && (errors.Is(err, ErrKilled) || errors.Is(err, ErrPowerLoss) || errors.Is(err, syscall.ENOSPC)) {
			if f.inner.WriteFile(name, data[:len(data)/2]) == nil {
				f.mark(name)
			}
		}
		f.die()
		return err
	}
	err := f.inner.WriteFile(name, data)
	if err == nil {
		f.mark(name)
	}
	return err
}

func (f *FS) mark(name string) {
	f.mu.Lock()
	f.unsynced[name] = true
	f.mu.Unlock()
}

func (f *FS) Mkdir(name string) error {
	if err, _ := f.begin("mkdir", name, ""); err != nil {
		f.die()
		return err
	}
	return f.inner.Mkdir(name)
}

func (f *FS) Rename(from, to string) error {
	if err, _ := f.begin("rename", from, to); err != nil {
		f.die()
		return err
	}
	err := f.inner.Rename(from, to)
	if err == nil {
		f.mu.Lock()
		var moved []string
		for name := range f.unsynced {
			if name == from || strings.HasPrefix(name, from+"/") {
				moved = append(moved, name)
			}
		}
		for _, name := range moved {
			delete(f.unsynced, name)
			f.unsynced[to+name[len(from):]] = true
		}
		f.mu.Unlock()
	}
	return err
}

func (f *FS) Remove(name string) error {
	if err, _ := f.begin("remove", name, ""); err != nil {
		f.die()
		return err
	}
	err := f.inner.Remove(name)
	if err == nil {
		f.mu.Lock()
		delete(f.unsynced, name)
		f.mu.Unlock()
	}
	return err
}

// Flush marks what a power cut keeps. It does not flush the inner FS,
// which would only slow tests down: their power is never cut.
func (f *FS) Flush() error {
	if err, _ := f.begin("flush", "", ""); err != nil {
		f.die()
		return err
	}
	f.mu.Lock()
	clear(f.unsynced)
	f.mu.Unlock()
	return nil
}

// Lock is the inner FS's, never failed: the system lets a dead process's
// lock go.
func (f *FS) Lock() (func(), error) { return f.inner.Lock() }
