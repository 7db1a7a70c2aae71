package diag

import "testing"

func TestSortAndString(t *testing.T) {
	var l List
	l.Warnf("b.md", 3, "", "no emotion")
	l.Errorf("b.md", 3, "use an integer from -2 to 2", "emotion: 5 is out of range")
	l.Errorf("a.md", 10, "", "late")
	l.Errorf("a.md", 2, "", "early")
	l.Errorf("a.md", 2, "", "early") // a repeat
	l.Errorf("dir", 0, "add dir/_index.md", "no _index.md")
	got := l.Sort().String()
	want := "a.md:2: early\n" +
		"a.md:10: late\n" +
		"b.md:3: emotion: 5 is out of range; use an integer from -2 to 2\n" +
		"b.md:3: warning: no emotion\n" +
		"dir: no _index.md; add dir/_index.md\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if n := len(l.Sort().Errors()); n != 4 {
		t.Errorf("%d errors, want 4", n)
	}
	if !l.HasErrors() || (List{}).HasErrors() {
		t.Error("HasErrors is wrong")
	}
}
