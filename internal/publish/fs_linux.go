package publish

import "golang.org/x/sys/unix"

// flush syncs the whole file system the folder is on in one call: after a
// build of thousands of files it costs a fraction of an fsync a file.
func (f *osFS) flush() error {
	d, err := f.root.Open(".")
	if err != nil {
		return err
	}
	defer d.Close()
	return unix.Syncfs(int(d.Fd()))
}

// change has nothing to note: flush syncs everything.
func (f *osFS) change(...string) {}

// wrote notes n bytes written. Every 16 MB it has the file system synced
// in the background, so that the disk writes a build's files while the
// pages render, and the flush before the commit waits only for the rest
// (at 4,000 touchpoints, 0.05 s instead of 0.3 s).
func (f *osFS) wrote(n int) {
	if f.unsynced.Add(int64(n)) < syncEvery || !f.syncing.CompareAndSwap(false, true) {
		return
	}
	f.unsynced.Store(0)
	go func() {
		defer f.syncing.Store(false)
		if d, err := f.root.Open("."); err == nil {
			_ = unix.Syncfs(int(d.Fd()))
			d.Close()
		}
	}()
}

const syncEvery = 16 << 20
