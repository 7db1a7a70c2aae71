// Package cjm holds what the cjm binary carries with it: the default theme,
// embedded so that cjm builds a site that has no themes/ folder.
package cjm

import (
	"embed"
	"io/fs"
)

//go:embed all:themes/default
var themes embed.FS

// DefaultTheme returns the built-in theme: its layouts/ and static/ folders.
func DefaultTheme() fs.FS {
	sub, err := fs.Sub(themes, "themes/default")
	if err != nil {
		panic(err) // the path is fixed at compile time
	}
	return sub
}
