package textfit

import _ "embed"

// The fonts the site serves and measures, made by fonts/subset.py from
// Inter 4.1. They are strings so that nothing can change them.
var (
	//go:embed fonts/inter-regular.woff2
	interRegular string
	//go:embed fonts/inter-semibold.woff2
	interSemiBold string
)

// RegularWOFF2 returns the Inter Regular font file (WOFF2) the widths come
// from, to publish for the browser. The result is a fresh copy that the
// caller may keep or modify.
func RegularWOFF2() []byte { return []byte(interRegular) }

// SemiBoldWOFF2 returns the Inter SemiBold font file (WOFF2) the widths
// come from, to publish for the browser. The result is a fresh copy that
// the caller may keep or modify.
func SemiBoldWOFF2() []byte { return []byte(interSemiBold) }
