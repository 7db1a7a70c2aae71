package gen

import (
	"bytes"
	"testing"
)

func TestDeterministic(t *testing.T) {
	a := Files(Options{Touchpoints: 100, Seed: 7})
	b := Files(Options{Touchpoints: 100, Seed: 7})
	c := Files(Options{Touchpoints: 100, Seed: 8})
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	same := true
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs for the same seed", name)
		}
		same = same && bytes.Equal(data, c[name])
	}
	if same {
		t.Error("another seed gave the same files")
	}
}
