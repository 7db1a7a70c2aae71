package publish

import (
	"maps"
	"slices"
	"testing"
)

// TestManifest writes names no line-based list survives and reads them
// back as they were, and still reads the older form.
func TestManifest(t *testing.T) {
	names := []string{"index.html", "x\ny.txt", "tab\there.txt", "sp ace/index.html", "quote\"d.txt", "back\\slash.txt", "Case.txt", "case.txt", "café.txt"}
	got, oldForm, err := parseManifest(formatManifest(names))
	if err != nil || oldForm {
		t.Fatalf("parse: %v, old form %v", err, oldForm)
	}
	if want := slices.Sorted(slices.Values(names)); !slices.Equal(slices.Sorted(maps.Keys(got)), want) {
		t.Errorf("read back %q, want %q", slices.Sorted(maps.Keys(got)), want)
	}

	// The older form: one name a line. Names cjm never writes are left out.
	got, oldForm, err = parseManifest([]byte("index.html\na/index.html\n\n../escape\n.cjm-manifest\n"))
	if err != nil || !oldForm {
		t.Fatalf("parse: %v, old form %v", err, oldForm)
	}
	if want := []string{"a/index.html", "index.html"}; !slices.Equal(slices.Sorted(maps.Keys(got)), want) {
		t.Errorf("old form: %q, want %q", slices.Sorted(maps.Keys(got)), want)
	}

	if _, _, err := parseManifest([]byte(manifestHeader + "\n\"index.html\"\nnot quoted\n")); err == nil || err.Error() != `line 3 is not a quoted file name: not quoted` {
		t.Errorf("a damaged manifest: %v", err)
	}
}

// TestRecord reads back the steps it writes, and refuses a record cut short.
func TestRecord(t *testing.T) {
	ops := []op{{opDelete, "x\ny.txt"}, {opReplace, "index.html"}, {opAdd, "journeys/new"}}
	data := formatRecord(ops)
	got, err := parseRecord(data)
	if err != nil || !slices.Equal(got, ops) {
		t.Fatalf("read back %v, %v; want %v", got, err, ops)
	}
	if _, err := parseRecord(data[:len(data)-4]); err == nil {
		t.Error("a record cut short was read")
	}
}
