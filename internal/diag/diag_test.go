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
	l.FlagErrorf("-base-url", "give a URL", "parse %q: bad", "::")
	got := l.Sort().String()
	want := "-base-url: parse \"::\": bad; give a URL\n" +
		"a.md:2: early\n" +
		"a.md:10: late\n" +
		"b.md:3: emotion: 5 is out of range; use an integer from -2 to 2\n" +
		"b.md:3: warning: no emotion\n" +
		"dir: no _index.md; add dir/_index.md\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if n := len(l.Sort().Errors()); n != 5 {
		t.Errorf("%d errors, want 5", n)
	}
	if d := l.Sort()[0]; d.File != "" || d.Flag != "-base-url" || d.Place() != "-base-url" {
		t.Errorf("a flag's error is at file %q, flag %q", d.File, d.Flag)
	}
	if !l.HasErrors() || (List{}).HasErrors() {
		t.Error("HasErrors is wrong")
	}
}

// TestQuotesAsWritten: a text given for %q reads as written, whatever
// quotes and backslashes it holds; only what would break the line is
// escaped. Other verbs print as fmt prints them.
func TestQuotesAsWritten(t *testing.T) {
	for _, tc := range []struct {
		format string
		args   []any
		want   string
	}{
		{"touchpoint %q", []any{`Call the contact centre "Did my order go through?"`}, `touchpoint "Call the contact centre "Did my order go through?""`},
		{"path %q", []any{`C:\Users\olga`}, `path "C:\Users\olga"`},
		{"%q holds a tab", []any{"a\tb\nc\x01"}, `"a\tb\nc\u0001" holds a tab`},
		{"«%s» %d %q", []any{"Заказ", 3, 'x'}, `«Заказ» 3 'x'`},
		{"%-6s|%q", []any{"ab", "Zażółć"}, `ab    |"Zażółć"`},
	} {
		if got := Sprintf(tc.format, tc.args...); got != tc.want {
			t.Errorf("Sprintf(%s) = %s, want %s", tc.format, got, tc.want)
		}
	}
	var l List
	l.Warnf("a.md", 2, "", "owner: no team %q", `crn "x"`)
	if got, want := l[0].String(), `a.md:2: warning: owner: no team "crn "x""`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
