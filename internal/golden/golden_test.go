package golden

import (
	"strings"
	"testing"
)

func TestLinesLossless(t *testing.T) {
	for _, s := range []string{
		"", ">", "<", "<a><b/></a>", "<a>\n<b/>\n</a>\n", "<a>\n\n<b>", "<a>x</a>\n", ">>\n\n\n<<",
		`<svg><text>Hi <tspan>there</tspan></text><!-- c --></svg>`, "a>\nb", ">\n",
	} {
		if got := string(Unlines(Lines([]byte(s)))); got != s {
			t.Errorf("Unlines(Lines(%q)) = %q", s, got)
		}
	}
	if got, want := string(Lines([]byte("<a><b/>t</a>"))), "<a>\n<b/>t</a>"; got != want {
		t.Errorf("Lines = %q, want %q", got, want)
	}
	if got, want := string(Lines([]byte("<a><b/></a>"))), "<a>\n<b/>\n</a>"; got != want {
		t.Errorf("Lines = %q, want %q", got, want)
	}
	// Two inputs that differ only by a newline between elements stay apart.
	if string(Lines([]byte("<a><b>"))) == string(Lines([]byte("<a>\n<b>"))) {
		t.Error("Lines is not one-to-one")
	}
}

func FuzzLines(f *testing.F) {
	f.Add("<a>\n<b>x</b>\n\n</a>")
	f.Fuzz(func(t *testing.T, s string) {
		if got := string(Unlines(Lines([]byte(s)))); got != s {
			t.Errorf("Unlines(Lines(%q)) = %q", s, got)
		}
	})
}

func TestDiff(t *testing.T) {
	if d := Diff("a", "x\ny\n", "b", "x\ny\n"); d != "" {
		t.Errorf("equal texts: %q", d)
	}
	a := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n"
	b := strings.Replace(strings.Replace(a, "2\n", "two\n", 1), "14\n", "", 1)
	want := `--- want
+++ got
@@ -1,5 +1,5 @@
 1
-2
+two
 3
 4
 5
@@ -11,5 +11,4 @@
 11
 12
 13
-14
 15
`
	if got := Diff("want", a, "got", b); got != want {
		t.Errorf("Diff =\n%s\nwant\n%s", got, want)
	}
	want = "--- a\n+++ b\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+x\n"
	if got := Diff("a", "x", "b", "x\n"); got != want {
		t.Errorf("Diff of a missing newline =\n%q\nwant\n%q", got, want)
	}
	want = "--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n"
	if got := Diff("a", "", "b", "x\n"); got != want {
		t.Errorf("Diff from nothing =\n%q\nwant\n%q", got, want)
	}
}
