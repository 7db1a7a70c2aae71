// Package publish is cjm's output pipeline. A build hands its files to a
// Sink one by one, as each is made, and ends with Commit, which makes them
// the output, or Abort, which leaves the output as the last committed
// build. Every command goes through it:
//
//	build ─► Minify ─► SkipUnchanged ─► Dir      cjm build, cjm build -watch
//	build ─────────►   SkipUnchanged ─► Memory   cjm serve, tests
//
// Put hands over a file; Keep says that a file of the last committed build
// is part of this one with the same bytes (a page a rebuild did not render
// again). Stages pass both on: Minify shrinks what it is given,
// SkipUnchanged turns a Put of bytes the end already holds into a Keep. An
// end holds the last committed build: Memory in memory, Dir in a folder.
//
// # Publishing into a folder
//
// Dir publishes so that, whenever the process dies (kill -9, power loss,
// a full disk, a file it may not replace, Ctrl-C), the folder is wholly
// the previous build or wholly the new one once the next command that
// opens it has started, and nothing of cjm's is left over. It only ever
// removes or replaces files listed in the manifest, OUT/.cjm-manifest,
// which names every file cjm wrote there; a file of the build whose name
// is taken by a file the manifest does not list fails the build.
//
//  1. Open takes a lock on the folder (two processes never publish into
//     one folder at once) and recovers from a process that died (step 5).
//  2. During the build, new and changed files are written into
//     OUT/.cjm-staging/new/, under their own names. Nothing else changes.
//     Abort removes OUT/.cjm-staging.
//  3. Commit decides. It plans the steps (the stale files the old manifest
//     lists to delete, the staged files to put in place: a whole folder
//     where none is there yet), writes the new manifest and the plan, the
//     commit record, into the staging folder, makes them and the staged
//     files durable, and renames the record into place as
//     OUT/.cjm-staging/commit. The build is committed once it exists.
//  4. Applying the record: each file to delete or replace is first moved
//     into OUT/.cjm-staging/old/ (so that it can be put back), each staged
//     file or folder is renamed into place, then the new manifest replaces
//     the old one and folders emptied by deletions are removed. Then the
//     record, then the staging folder, are removed. Should any step fail
//     (a file that may not be moved), the steps done are undone in reverse
//     from the staging folder, and the output is the previous build.
//  5. Recovery, at Open and before each build: with a record, apply it
//     (every step looks first whether it was done), else remove the
//     staging folder. Folders of the old protocol, whose manifest was one
//     name a line, may hold NAME.cjm-tmp beside a NAME it lists: removed.
//
// The manifest's first line is "cjm-manifest 2", then one name a line in
// Go's quoted form, so that any name (a newline, a tab, invalid UTF-8)
// reads back as written; the older form, one name a line, is still read.
package publish

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
)

// A Sink takes the files of a build. Put and Keep may be called from many
// goroutines at once; Commit or Abort ends the build, after which the
// sink takes the next one.
type Sink interface {
	// Put hands over a file: name is a slash path inside the output, data
	// its bytes, which no one may modify afterwards (an end may keep them).
	Put(name string, data []byte) error
	// Keep says the build has the file name with the bytes it had in the
	// last build committed into this sink.
	Keep(name string) error
	// Commit makes the build the sink's output: files it neither put nor
	// kept are gone. After an error the output is the last committed build.
	Commit() (Stats, error)
	// Abort drops the build: the output stays the last committed build.
	Abort()
}

// An End is where a pipeline ends: it holds the last committed build.
type End interface {
	Sink
	// Holds returns the bytes of the file name in the last committed
	// build; ok is false when it has no such file.
	Holds(name string) (data []byte, ok bool, err error)
}

// Stats say what committing a build did.
type Stats struct {
	Written, Unchanged, Removed int
}

// Names cjm keeps for itself in an output folder.
const (
	// Manifest lists the files cjm wrote into the output folder.
	Manifest = ".cjm-manifest"
	// Staging holds a build until it is committed, and its commit record.
	Staging = ".cjm-staging"
	// oldTmpSuffix marked files written beside their old version by the
	// publisher before the staging folder: recovery removes them.
	oldTmpSuffix = ".cjm-tmp"
)

// checkName refuses a name that is not a path inside the output folder, or
// that is one of cjm's own.
func checkName(name string) error {
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("refusing to write %s: not a path inside the output folder", quote(name))
	}
	top, _, _ := strings.Cut(name, "/")
	if top == Manifest || top == Staging || strings.HasSuffix(name, oldTmpSuffix) {
		return fmt.Errorf("refusing to write %s: the name is cjm's own; rename the file", quote(name))
	}
	return nil
}

// quote returns name as it is when that reads unambiguously, else in Go's
// quoted form: a name with a newline or invalid UTF-8 in an error message
// must not look like another name.
func quote(name string) string {
	if q := strconv.Quote(name); q[1:len(q)-1] != name {
		return q
	}
	return name
}
