package publish

import (
	"bytes"
	"testing"
)

func TestCompactHTML(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty", "", ""},
		{"no line break", "<p>a  b\t c</p>", "<p>a  b\t c</p>"},
		{"indentation", "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"},
		{"spaces around a break", "<p>one  \t\n\n   two</p>", "<p>one\ntwo</p>"},
		{"CRLF", "<p>one\r\n  two</p>\r\n", "<p>one\ntwo</p>\n"},
		{"leading and trailing", "\n\n  <p>x</p>  \n  ", "\n<p>x</p>\n"},
		{"tag across lines kept", "<a\n   href=\"x\">y</a>", "<a\n   href=\"x\">y</a>"},
		{"attribute with a break kept", "<p title=\"a\n    b\">c\n   d</p>", "<p title=\"a\n    b\">c\nd</p>"},
		{"'>' in a quoted attribute", "<p data-x='a > b\n  c'>\n  d</p>", "<p data-x='a > b\n  c'>\nd</p>"},
		{"pre kept", "<div>\n  <pre><code>a\n    b\n\n</code></pre>\n  </div>", "<div>\n<pre><code>a\n    b\n\n</code></pre>\n</div>"},
		{"PRE in capitals", "<PRE>a\n  b</PRE>\n  c", "<PRE>a\n  b</PRE>\nc"},
		{"textarea kept", "<textarea rows=\"2\">a\n   b</textarea>\n  x", "<textarea rows=\"2\">a\n   b</textarea>\nx"},
		{"script kept", "<script>\n  if (a < b) {\n    x()\n  }\n</script>\n  <p>", "<script>\n  if (a < b) {\n    x()\n  }\n</script>\n<p>"},
		{"style kept", "<style>\n  p { color: red }\n</style>\n  <p>", "<style>\n  p { color: red }\n</style>\n<p>"},
		{"a tag whose name starts like a raw one", "<prelude>\n  x</prelude>\n  <scripts>\n  y", "<prelude>\nx</prelude>\n<scripts>\ny"},
		{"end tag with another name inside", "<script>a = '</scripts>\n  '</script>\n  z", "<script>a = '</scripts>\n  '</script>\nz"},
		{"unclosed pre", "<pre>a\n  b", "<pre>a\n  b"},
		{"comment kept", "<!-- a\n   b -->\n   c", "<!-- a\n   b -->\nc"},
		{"unclosed comment", "<!-- a\n   b", "<!-- a\n   b"},
		{"doctype", "<!DOCTYPE html>\n  <html>", "<!DOCTYPE html>\n<html>"},
		{"stray '<'", "a < b\n   c", "a < b\nc"},
		{"unclosed tag", "x\n  <p class=\"a\n  b", "x\n<p class=\"a\n  b"},
		{"inline svg kept", "<div>\n  <svg><text x=\"1\">A  B</text>\n  </svg>\n  </div>", "<div>\n<svg><text x=\"1\">A  B</text>\n  </svg>\n</div>"},
		{"svg with attributes kept", "<svg class=\"map\" viewBox='0 0 1 1'>\n  <g>\n  </g></svg>\n  x", "<svg class=\"map\" viewBox='0 0 1 1'>\n  <g>\n  </g></svg>\nx"},
		{"unclosed svg compacted", "<svg>\n  <g>\n  </g>", "<svg>\n<g>\n</g>"},
		{"a tag whose name starts like svg", "<svgs>\n  x</svgs>", "<svgs>\nx</svgs>"},
		{"'>' in double quotes", "<a title=\"1 > 0\">\n  x</a>", "<a title=\"1 > 0\">\nx</a>"},
		{"quotes of both kinds", "<a title=\"it's\" data-x='say \"a>b\"'>\n  x</a>", "<a title=\"it's\" data-x='say \"a>b\"'>\nx</a>"},
		{"unclosed quote", "<a title=\"x>\n  y", "<a title=\"x>\n  y"},
	} {
		got := string(compactHTML(nil, []byte(tc.in)))
		if got != tc.want {
			t.Errorf("%s: compactHTML(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

// FuzzCompactHTML checks that compacting never lengthens a page, changes
// nothing but whitespace, and leaves a compacted page as it is.
func FuzzCompactHTML(f *testing.F) {
	for _, s := range []string{
		"<ul>\n  <li>a</li>\n</ul>\n",
		"<pre>a\n  b</pre>\n  c",
		"<script>\n  x\n</script>\n  <p title=\"a\n  b\">c\n d</p>",
		"<!-- a\n b -->\n <a\n href='x'>y</a>",
		"a < b\n c <",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out := compactHTML(nil, in)
		if len(out) > len(in) {
			t.Fatalf("compactHTML(%q) = %q, longer", in, out)
		}
		if !bytes.Equal(dropSpace(out), dropSpace(in)) {
			t.Fatalf("compactHTML(%q) = %q: more than whitespace changed", in, out)
		}
		if again := compactHTML(nil, out); !bytes.Equal(again, out) {
			t.Fatalf("compactHTML(%q) = %q, but that compacts again to %q", in, out, again)
		}
	})
}

func dropSpace(b []byte) []byte {
	return bytes.Map(func(r rune) rune {
		if r < 0x80 && isSpace(byte(r)) {
			return -1
		}
		return r
	}, b)
}

// BenchmarkCompactHTML compacts a page shaped like cjm's: indented
// markup, text, and an inline map of many small tags.
func BenchmarkCompactHTML(b *testing.B) {
	var page bytes.Buffer
	page.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<body>\n")
	for range 200 {
		page.WriteString("    <section class=\"panel panel-actions\">\n      <h2>Actions</h2>\n      <ul class=\"bullets\">\n        <li>Opens the app and looks for the order</li>\n        <li><a href=\"/journeys/order/buy/pay/\">Pay</a></li>\n      </ul>\n    </section>\n")
	}
	page.WriteString("<svg viewBox=\"0 0 100 100\">")
	for range 2000 {
		page.WriteString(`<g class="cell"><rect class="ifill" x="12.50" y="40" width="180" height="64" rx="6"/><text x="20" y="60">Pays by card</text></g>`)
	}
	page.WriteString("</svg>\n</body>\n</html>\n")
	in := page.Bytes()
	out := make([]byte, 0, len(in))
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		out = compactHTML(out[:0], in)
	}
}
