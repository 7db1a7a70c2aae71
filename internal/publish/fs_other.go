//go:build !linux

package publish

// wrote has nothing to do: flush syncs each file.
func (f *osFS) wrote(int) {}

// change notes files and folders for the next flush.
func (f *osFS) change(names ...string) {
	f.mu.Lock()
	for _, name := range names {
		f.changed[name] = true
	}
	f.mu.Unlock()
}

// flush fsyncs every file and folder changed since the last one.
func (f *osFS) flush() error {
	for name := range f.changed {
		file, err := f.root.Open(name)
		if err != nil {
			continue // gone since: nothing of it to keep
		}
		err = file.Sync()
		file.Close()
		if err != nil {
			return err
		}
	}
	clear(f.changed)
	return nil
}
