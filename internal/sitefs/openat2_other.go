//go:build !linux

package sitefs

import (
	"io/fs"
	"os"
)

// Without openat2, every path is looked at step by step (FS.check).
func openBeneath(*os.File, string) (*os.File, error)     { return nil, errNoOpenat2 }
func lstatBeneath(*os.File, string) (fs.FileInfo, error) { return nil, errNoOpenat2 }
