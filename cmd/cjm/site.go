package main

import (
	"io/fs"

	"github.com/cjm-portal/cjm/internal/sitefs"
)

// openSite is the site's folder, read so that nothing outside it is (see
// package sitefs). A folder that cannot be opened reads as one whose every
// file fails with the reason, so that the build says what it looked for
// and where: "content: no content folder; run cjm in the site's folder".
func openSite(source string) fs.FS {
	f, err := sitefs.Open(source)
	if err != nil {
		return unopened{err}
	}
	return f
}

type unopened struct{ err error }

func (u unopened) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: u.err}
}
