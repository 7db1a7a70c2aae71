package sitefs

import (
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// beneath is how every path is resolved: below the folder, through no
// symbolic link at all.
const beneath = unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS

// openBeneath opens name in dir for reading, in one call that fails
// (ELOOP) at a link on any step.
func openBeneath(dir *os.File, name string) (*os.File, error) {
	fd, err := openat2(dir, name, unix.O_RDONLY)
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(fd), name), nil
}

// lstatBeneath describes name in dir without following it, failing at a
// link on the way to it: O_PATH|O_NOFOLLOW makes openat2 hand back the
// link itself where the path ends in one.
func lstatBeneath(dir *os.File, name string) (fs.FileInfo, error) {
	fd, err := openat2(dir, name, unix.O_PATH|unix.O_NOFOLLOW)
	if err != nil {
		return nil, err
	}
	f := os.NewFile(uintptr(fd), name)
	defer f.Close()
	return f.Stat()
}

func openat2(dir *os.File, name string, flags int) (int, error) {
	how := unix.OpenHow{Flags: uint64(flags | unix.O_CLOEXEC), Resolve: beneath}
	for tries := 0; ; tries++ {
		fd, err := unix.Openat2(int(dir.Fd()), name, &how)
		switch {
		case err == unix.EINTR || err == unix.EAGAIN && tries < 8:
			continue // EAGAIN: a rename raced with the lookup
		case err == unix.ENOSYS:
			return -1, errNoOpenat2
		case err == unix.EPERM:
			// A sandbox that forbids openat2 may say so: the slower way
			// tells that from a file that may not be read.
			return -1, errSlowWay
		}
		return fd, err
	}
}
