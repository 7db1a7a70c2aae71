package publish

import (
	"bytes"
	"strconv"
	"testing"
)

// TestMinifyBigJSON checks that a JSON file past bigJSON, minified into a
// buffer of its counted size, comes out as it does minified once.
func TestMinifyBigJSON(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("{\n  \"items\": [")
	for i := 0; b.Len() <= bigJSON; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    {\n      \"n\": " + strconv.Itoa(i) + ".50,\n      \"text\": \"a  b \\u003c\"\n    }")
	}
	b.WriteString("\n  ]\n}\n")
	data := b.Bytes()
	m := NewMinifier()
	want, err := m.m.Bytes("application/json", bytes.Clone(data))
	if err != nil {
		t.Fatal(err)
	}
	got := m.file("data/cjm.json", data)
	if !bytes.Equal(got, want) {
		t.Fatalf("minified %d bytes into %d, want %d", len(data), len(got), len(want))
	}
	if cap(got) != len(got) {
		t.Errorf("minified into room for %d bytes, want %d", cap(got), len(got))
	}
}
