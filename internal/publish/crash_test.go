package publish_test

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/cjm-portal/cjm/internal/publish"
	"github.com/cjm-portal/cjm/internal/publish/faultfs"
)

// Builds whose files exercise every step of a commit: changed, unchanged,
// added in a folder that is there and in one that is not, deleted until a
// folder is empty, a file that becomes a folder and a folder that becomes
// a file, names with a newline, a tab, a space.
var (
	buildA = map[string]string{
		"index.html":              "home A",
		"css/cjm.css":             "css",
		"journeys/a/index.html":   "a A",
		"journeys/a/map.svg":      "map a",
		"journeys/b/index.html":   "b",
		"journeys/b/s/index.html": "b s",
		"x":                       "a file that becomes a folder",
		"y/index.html":            "a folder that becomes a file",
		"y/z/index.html":          "y z",
		"tab\tname.txt":           "tab",
		"new\nline.txt":           "newline A",
		"Readme.txt":              "cjm's, beside the user's README.txt",
		"sp ace/index.html":       "space",
	}
	buildB = map[string]string{
		"index.html":                "home B",
		"css/cjm.css":               "css",
		"journeys/a/index.html":     "a B",
		"journeys/a/map.svg":        "map a",
		"journeys/a/new/index.html": "new in a folder that is there",
		"journeys/c/index.html":     "c",
		"journeys/c/s/t/index.html": "c s t",
		"x/index.html":              "x is a folder now",
		"y":                         "y is a file now",
		"tab\tname.txt":             "tab",
		"new\nline.txt":             "newline B",
		"sp ace/index.html":         "space B",
		"fresh/deep/er/index.html":  "a new top-level folder",
	}
	buildC = map[string]string{
		"index.html":            "home C",
		"css/cjm.css":           "css C",
		"journeys/a/index.html": "a C",
		"new\nline.txt":         "newline C",
	}
	// foreign are the user's files: never touched, whatever their names.
	foreign = map[string]string{
		"CNAME":               "example.org",
		"README.txt":          "the user's, beside cjm's Readme.txt",
		"new":                 "the user's: the name before the newline",
		"line.txt":            "the user's: the name after the newline",
		"tab":                 "the user's",
		"journeys/notes.txt":  "the user's, in a folder of cjm's",
		"journeys/b/keep.txt": "the user's, in a folder cjm empties",
		"bad\xff.txt":         "the user's, not UTF-8",
	}
)

// scenario is one build over what a folder held before.
type scenario struct {
	name         string
	old, foreign map[string]string
	new          map[string]string
}

var scenarios = []scenario{
	{"into an empty folder", nil, nil, buildA},
	{"into a folder of the user's files", nil, foreign, buildA},
	{"over an earlier build", buildA, foreign, buildB},
}

// setUp writes the user's files and publishes the old build.
func setUp(t *testing.T, sc scenario) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range sc.foreign {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if sc.old != nil {
		if _, err := publishFS(quiet(t, dir), dir, sc.old); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// quiet is the folder's file system without faults, and without the
// flushes to disk that would make the thousands of publishes here slow.
func quiet(t *testing.T, dir string) publish.FS { return faultfs.New(osFS(t, dir), nil) }

// osFS opens dir as the writer's file system.
func osFS(t *testing.T, dir string) publish.FS {
	t.Helper()
	fsys, closer, err := publish.OS(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { closer() })
	return fsys
}

// publishFS publishes files into dir through fsys.
func publishFS(fsys publish.FS, dir string, files map[string]string) (publish.Stats, error) {
	d, err := publish.OpenFS(fsys, dir)
	if err != nil {
		return publish.Stats{}, err
	}
	defer d.Close()
	return put(publish.SkipUnchanged(d), files)
}

// holds reports whether dir holds exactly the build's files beside the
// user's, a manifest listing the build's, and nothing else: no staging
// folder, no empty folder of cjm's.
func holds(t *testing.T, dir string, build, user map[string]string) error {
	t.Helper()
	return holdsIn(snapshot(t, dir), build, user)
}

// holdsIn is holds on a snapshot of the folder, which it leaves as it is.
func holdsIn(got, build, user map[string]string) error {
	got = maps.Clone(got)
	want := map[string]string{}
	for _, files := range []map[string]string{build, user} {
		for name, data := range files {
			want[name] = data
			for d := path.Dir(name); d != "."; d = path.Dir(d) {
				want[d] = dirMark
			}
		}
	}
	manifest, listed := got[publish.Manifest]
	delete(got, publish.Manifest)
	if !maps.Equal(got, want) {
		var diff []string
		for _, name := range slices.Sorted(maps.Keys(got)) {
			if w, ok := want[name]; !ok || w != got[name] {
				diff = append(diff, fmt.Sprintf("%q is %q, want %q", name, got[name], want[name]))
			}
		}
		for _, name := range slices.Sorted(maps.Keys(want)) {
			if _, ok := got[name]; !ok {
				diff = append(diff, fmt.Sprintf("%q is missing", name))
			}
		}
		return errors.New(strings.Join(diff, "; "))
	}
	if build == nil {
		if listed && manifest != "cjm-manifest 2\n" {
			return fmt.Errorf("no build, and a manifest %q", manifest)
		}
		return nil
	}
	lines := []string{"cjm-manifest 2"}
	for _, name := range slices.Sorted(maps.Keys(build)) {
		lines = append(lines, fmt.Sprintf("%q", name))
	}
	if want := strings.Join(lines, "\n") + "\n"; manifest != want {
		return fmt.Errorf("the manifest is %q, want %q", manifest, want)
	}
	return nil
}

// sameFiles compares the files of dir outside the staging folder, and
// the manifest's names, with a build's and the user's, leaving folders
// aside; it returns what differs.
func sameFiles(t *testing.T, dir string, build, user map[string]string) string {
	t.Helper()
	var diff []string
	got := snapshot(t, dir)
	want := map[string]string{}
	maps.Copy(want, user)
	maps.Copy(want, build)
	for name, data := range got {
		if data == dirMark || name == publish.Manifest || strings.HasPrefix(name, publish.Staging+"/") {
			continue
		}
		if w, ok := want[name]; !ok || w != data {
			diff = append(diff, fmt.Sprintf("%q is %q, want %q", name, data, w))
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			diff = append(diff, fmt.Sprintf("%q is missing", name))
		}
	}
	var names []string
	for _, line := range strings.Split(got[publish.Manifest], "\n")[1:] {
		if line != "" {
			names = append(names, line)
		}
	}
	var wantNames []string
	for _, name := range slices.Sorted(maps.Keys(build)) {
		wantNames = append(wantNames, fmt.Sprintf("%q", name))
	}
	if !slices.Equal(names, wantNames) {
		diff = append(diff, fmt.Sprintf("the manifest lists %v, want %v", names, wantNames))
	}
	slices.Sort(diff)
	return strings.Join(diff, "; ")
}

// oldOrNew checks that dir holds wholly the old build or wholly the new,
// and reports whether it is the new.
func oldOrNew(t *testing.T, dir string, sc scenario) bool {
	t.Helper()
	got := snapshot(t, dir)
	errOld, errNew := holdsIn(got, sc.old, sc.foreign), holdsIn(got, sc.new, sc.foreign)
	if errOld != nil && errNew != nil {
		t.Fatalf("the folder is neither the old build (%v) nor the new (%v)", errOld, errNew)
	}
	return errNew == nil
}

// faults are what may happen at an operation.
var faults = []error{faultfs.ErrKilled, faultfs.ErrPowerLoss, syscall.ENOSPC, syscall.EPERM}

// TestCrashAtEveryStep publishes each scenario's build and fails, at each
// of its file operations in turn, that operation with each fault: the
// process killed there, the power cut, a full disk (the file written at
// that moment is cut short), a file that may not be changed. Once the next Open has recovered, the folder
// must hold wholly the old build or wholly the new, with the user's files
// untouched and nothing left over, and the next build must publish.
func TestCrashAtEveryStep(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			dir := setUp(t, sc)
			// The publish without faults, noting the operations' kinds.
			var kinds []string
			counter := faultfs.New(osFS(t, dir), func(op faultfs.Op) error {
				kinds = append(kinds, op.Kind)
				return nil
			})
			d, err := publish.OpenFS(counter, dir)
			if err != nil {
				t.Fatal(err)
			}
			recovery := counter.Ops() // Open's own, in the same order every time
			_, err = put(publish.SkipUnchanged(d), sc.new)
			d.Close()
			if err != nil {
				t.Fatal(err)
			}
			if err := holds(t, dir, sc.new, sc.foreign); err != nil {
				t.Fatal(err)
			}
			steps := counter.Ops()
			// Before the first write, and after the first flush that follows
			// the last, no file has bytes that a power cut could lose, and
			// the operation failed is no write that a full disk could cut
			// short. faultfs then does the same for ErrPowerLoss as for
			// ErrKilled, and for ENOSPC as for EPERM, and the publisher
			// tells neither pair apart: each pair is one case there, failed
			// once. Open's operations come in the same order every time,
			// and so do those after the staged files are written.
			for i, kind := range kinds[:recovery] {
				if kind == "writefile" {
					recovery = i
					break
				}
			}
			synced := steps + 1
			for n := len(kinds); n >= 1 && kinds[n-1] != "writefile"; n-- {
				if kinds[n-1] == "flush" {
					synced = n
				}
			}
			var olds, news, cases atomic.Int32
			t.Cleanup(func() {
				t.Logf("%d operations, each failed %d ways, %d cases: the old build %d times, the new %d", steps, len(faults), cases.Load(), olds.Load(), news.Load())
			})
			for n := 1; n <= steps; n++ {
				for _, fault := range faults {
					if (n <= recovery || n > synced) && (fault == faultfs.ErrPowerLoss || errors.Is(fault, syscall.ENOSPC)) {
						continue
					}
					cases.Add(1)
					t.Run(fmt.Sprintf("%d/%v", n, fault), func(t *testing.T) {
						t.Parallel()
						dir := setUp(t, sc)
						fsys := faultfs.New(osFS(t, dir), faultfs.At(n, fault))
						_, err := publishFS(fsys, dir, sc.new)
						if !fsys.Dead() {
							// The process lives on: the folder's files are
							// the new build's if the publish succeeded, else
							// the old's (leftovers go at the next Open).
							want := sc.new
							if err != nil {
								want = sc.old
							}
							if diff := sameFiles(t, dir, want, sc.foreign); diff != "" {
								t.Fatalf("publish returned %v, and the folder is not the build it says: %s", err, diff)
							}
						}
						d, err := publish.OpenFS(quiet(t, dir), dir) // the next command
						if err != nil {
							t.Fatalf("recovery: %v", err)
						}
						if oldOrNew(t, dir, sc) {
							news.Add(1)
						} else {
							olds.Add(1)
						}
						if _, err := put(publish.SkipUnchanged(d), buildC); err != nil {
							t.Fatalf("the next build: %v", err)
						}
						d.Close()
						if err := holds(t, dir, buildC, sc.foreign); err != nil {
							t.Fatalf("after the next build: %v", err)
						}
					})
				}
			}
		})
	}
}

// TestCrashDuringRecovery kills the process at each step of publishing
// that leaves a commit record, then kills the recovery at each of its
// steps, then recovers: still wholly the old build or the new.
func TestCrashDuringRecovery(t *testing.T) {
	sc := scenario{
		old:     map[string]string{"index.html": "home", "a/index.html": "a", "b/index.html": "b", "x": "x"},
		foreign: map[string]string{"b/keep.txt": "the user's"},
		new:     map[string]string{"index.html": "home, new", "a/index.html": "a", "c/d/index.html": "c d", "x/index.html": "x"},
	}
	dir := setUp(t, sc)
	counter := quiet(t, dir).(*faultfs.FS)
	if _, err := publishFS(counter, dir, sc.new); err != nil {
		t.Fatal(err)
	}
	steps, runs := counter.Ops(), 0
	for n := 1; n <= steps; n++ {
		for m := 1; ; m++ {
			dir := setUp(t, sc)
			publishFS(faultfs.New(osFS(t, dir), faultfs.At(n, faultfs.ErrKilled)), dir, sc.new)
			if _, err := os.Stat(filepath.Join(dir, publish.Staging, "commit")); err != nil {
				break // no record: recovery removes the staging folder, as TestCrashAtEveryStep checks
			}
			recovery := faultfs.New(osFS(t, dir), faultfs.At(m, faultfs.ErrKilled))
			if d, err := publish.OpenFS(recovery, dir); err == nil {
				d.Close()
			}
			d, err := publish.OpenFS(quiet(t, dir), dir)
			if err != nil {
				t.Fatalf("killed at %d, recovery killed at %d: %v", n, m, err)
			}
			d.Close()
			runs++
			oldOrNew(t, dir, sc)
			if !recovery.Dead() {
				break
			}
		}
	}
	t.Logf("%d publishing steps, %d recoveries killed", steps, runs)
}

// TestUnwritableFile: a file of the last build that may not be replaced
// (chattr +i) fails the build with an error naming it, and the folder
// stays the last build, until the file may be replaced again.
func TestUnwritableFile(t *testing.T) {
	sc := scenarios[2]
	for _, stuck := range []string{"journeys/a/index.html", "journeys/b/index.html", "y/z/index.html", "sp ace"} {
		t.Run(stuck, func(t *testing.T) {
			dir := setUp(t, sc)
			// As the system treats an immutable file, or folder: neither
			// it nor an entry of it may be renamed, removed or made.
			locked := func(name string) bool { return name == stuck || path.Dir(name) == stuck }
			immutable := func(op faultfs.Op) error {
				switch op.Kind {
				case "rename", "remove", "mkdir", "writefile":
					if locked(op.Name) || locked(op.To) {
						return syscall.EPERM
					}
				}
				return nil
			}
			for range 2 {
				_, err := publishFS(faultfs.New(osFS(t, dir), immutable), dir, sc.new)
				if err == nil || !strings.Contains(err.Error(), "operation not permitted") || !strings.Contains(err.Error(), stuck) {
					t.Fatalf("publish: %v", err)
				}
				if err := holds(t, dir, sc.old, sc.foreign); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := publishFS(quiet(t, dir), dir, sc.new); err != nil {
				t.Fatal(err)
			}
			if err := holds(t, dir, sc.new, sc.foreign); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestForeignFileInTheWay: a build that would overwrite a file the
// manifest does not list fails, naming it and saying what to do, and
// changes nothing.
func TestForeignFileInTheWay(t *testing.T) {
	for _, c := range []struct{ name, user, want string }{
		{"a file of the user's", "journeys/c/index.html", "journeys/c/index.html was not written by cjm"},
		{"a file of the user's where the build has a folder", "journeys/c", "journeys/c is in the way of"},
		{"a folder of the user's where the build has a file", "y/mine.txt", "y/mine.txt, which cjm did not write"},
		{"a name with a newline", "new\nline.txt", `new\nline.txt" was not written by cjm`},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := scenarios[2]
			user := maps.Clone(sc.foreign)
			user[c.user] = "the user's"
			if c.user == "new\nline.txt" {
				sc.old = maps.Clone(sc.old)
				delete(sc.old, c.user)
			}
			sc.foreign = nil
			dir := setUp(t, sc)
			for name, data := range user {
				p := filepath.Join(dir, filepath.FromSlash(name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before := snapshot(t, dir)
			_, err := publishDir(t, dir, sc.new)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "or build into another folder") {
				t.Fatalf("publish: %v", err)
			}
			if after := snapshot(t, dir); !maps.Equal(before, after) {
				t.Errorf("the folder changed:\n%q\n%q", before, after)
			}
		})
	}
}

// TestOldManifest reads a manifest of one name a line and removes the
// NAME.cjm-tmp files the publisher before the staging folder left beside
// the names it lists, and no other.
func TestOldManifest(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		".cjm-manifest":              "index.html\na/index.html\n",
		"index.html":                 "home",
		"index.html.cjm-tmp":         "half a new home",
		"a/index.html":               "a",
		"a/index.html.cjm-tmp":       "half a new a",
		"mine.cjm-tmp":               "the user's",
		"a/index.html.cjm-tmp.saved": "the user's",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := publishDir(t, dir, map[string]string{"index.html": "home", "b/index.html": "b"}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"index.html": "home", "b/index.html": "b"}
	if err := holds(t, dir, want, map[string]string{"mine.cjm-tmp": "the user's", "a/index.html.cjm-tmp.saved": "the user's"}); err != nil {
		t.Error(err)
	}
}
