// Package publish writes a built site to a folder. It writes only inside
// that folder (through os.Root, so no path can climb out of it), rewrites
// only files whose bytes changed, replaces each file atomically, and
// removes the files a previous build wrote that this one no longer has. It
// never removes a file it did not write: a manifest in the folder lists
// what it wrote.
package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
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
	var st Stats
	names := make([]string, 0, len(files))
	for name := range files {
		if !fs.ValidPath(name) || name == "." || name == Manifest {
			return st, fmt.Errorf("refusing to write %q: not a path inside the output folder", name)
		}
		names = append(names, name)
	}
	sort.Strings(names)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return st, err
	}
	defer root.Close()

	for _, name := range names {
		data := files[name]
		if changed != nil {
			var ok bool
			if data, ok = changed[name]; !ok {
				st.Unchanged++
				continue
			}
		} else if old, err := root.ReadFile(name); err == nil && bytes.Equal(old, data) {
			st.Unchanged++
			continue
		}
		if d := path.Dir(name); d != "." {
			if err := root.MkdirAll(d, 0o755); err != nil {
				return st, err
			}
		}
		tmp := name + ".cjm-tmp"
		if err := root.WriteFile(tmp, data, 0o644); err != nil {
			return st, err
		}
		if err := root.Rename(tmp, name); err != nil {
			_ = root.Remove(tmp)
			return st, err
		}
		st.Written++
	}

	// Remove what the previous build wrote and this one did not.
	if old, err := root.ReadFile(Manifest); err == nil {
		var gone []string
		for _, name := range strings.Split(string(old), "\n") {
			if name == "" || !fs.ValidPath(name) {
				continue
			}
			if _, keep := files[name]; !keep {
				gone = append(gone, name)
			}
		}
		for _, name := range gone {
			if err := root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return st, err
			}
			st.Removed++
			removeEmptyDirs(root, path.Dir(name))
		}
	}
	manifest := strings.Join(names, "\n") + "\n"
	if err := root.WriteFile(Manifest, []byte(manifest), 0o644); err != nil {
		return st, err
	}
	return st, nil
}

// removeEmptyDirs removes dir and its parents while they are empty;
// removing a folder that still holds anything fails, and stops the climb.
func removeEmptyDirs(root *os.Root, dir string) {
	for dir != "." && root.Remove(dir) == nil {
		dir = path.Dir(dir)
	}
}
