//go:build unix

package publish

import (
	"errors"

	"golang.org/x/sys/unix"
)

// errLocked says that another process holds the folder's lock.
var errLocked = errors.New("locked by another process")

// Lock takes an exclusive lock on the folder itself, so that no file is
// left behind: the system lets it go when the process ends, however.
func (f *osFS) Lock() (func(), error) {
	d, err := f.root.Open(".")
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(d.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		d.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, errLocked
		}
		return nil, err
	}
	return func() { d.Close() }, nil
}
