package content

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzFrontMatter loads a site whose one touchpoint file holds any bytes:
// the loader must never panic, and every error must name the file it is
// about, at a line the file has.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: Pay\nemotion: -2\npains: [slow]\n---\nBody\n",
		"+++\ntitle = \"Pay\"\nemotion = 1\n+++\n",
		"{\n\"title\": \"Pay\", \"pains\": [{\"text\": \"slow\", \"source\": \"survey\"}]\n}\n\nBody\n",
		"\ufeff---\r\ntitle: Windows\r\n---\r\n",
		"---\ntitle: [unclosed\n---\n",
		"---\ntitle: Pay\n",
		"---\na: &a [x, x]\nb: [*a, *a]\n---\n",
		"---\nkpis:\n  - name: NPS\n    current: 40\n    target: 60\nopportunities:\n  - title: Fix\n    due: 2026-13-40\n---\n",
		"---\ntitle: \"\\0\\a\"\n---\n\x00",
		"---\na: {b: 1, b: 2}\n---\n",
		"\xff\xfe",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, file string) {
		fsys := fstest.MapFS{
			"content/_index.md":                    {Data: []byte("---\ntitle: Portal\n---\n")},
			"content/journeys/j/_index.md":         {Data: []byte("---\ntitle: J\n---\n")},
			"content/journeys/j/01-s/_index.md":    {Data: []byte("---\ntitle: S\n---\n")},
			"content/journeys/j/01-s/tp.md":        {Data: []byte(file)},
			"content/personas/anna.md":             {Data: []byte("---\ntitle: Anna\n---\n")},
			"content/journeys/j/01-s/neighbour.md": {Data: []byte("---\ntitle: N\n---\n")},
		}
		// Lines as an editor counts them: CRLF, LF and a lone CR each end one.
		lines := strings.Count(strings.ReplaceAll(file, "\r\n", "\n"), "\n") + strings.Count(strings.ReplaceAll(file, "\r\n", ""), "\r") + 1
		c, diags := Load(fs.FS(fsys))
		if c == nil {
			t.Fatal("Load returned no content")
		}
		for _, d := range diags {
			if d.File == "" {
				t.Errorf("diagnostic names no file: %s", d)
			}
			if d.File == "content/journeys/j/01-s/tp.md" && (d.Line < 0 || d.Line > lines+1) {
				t.Errorf("diagnostic at line %d of a %d-line file: %s", d.Line, lines, d)
			}
		}
	})
}

// FuzzSlug turns any name into a slug: a slug that passes CheckSlug is
// one path segment that stays inside its folder, and slugging it again
// changes nothing.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Pay by card", "Оплата картой", "Płatność", "..", "../etc", "a/b", "  spaced  out ", "CAFÉ", "cafe\u0301", "\x00", "%2e%2e", "con", ".hidden", "a\\b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		s := Slugify(name)
		if err := CheckSlug(s); err != nil {
			return
		}
		if again := Slugify(s); again != s {
			t.Errorf("Slugify(%q) = %q, and again %q", name, s, again)
		}
		if !fs.ValidPath("out/"+s) || strings.ContainsAny(s, "/\\") || s == "." || s == ".." {
			t.Errorf("slug %q of %q is not one segment inside its folder", s, name)
		}
	})
}
