package markdown

import (
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	link := func(rel string) string { return "/cjm" + rel }
	tests := []struct {
		name    string
		raw     bool
		src     string
		want    []string
		notWant []string
	}{
		{"cyrillic heading ids", false, "## Оплата заказа\n\n## Оплата заказа\n", []string{`<h2 id="оплата-заказа">`, `<h2 id="оплата-заказа-1">`}, nil},
		{"polish heading id", false, "# Zażółć gęślą jaźń!\n", []string{`<h1 id="zażółć-gęślą-jaźń">`}, nil},
		{"raw html dropped", false, "<script>alert(1)</script>\n\nText <b>bold</b>\n", []string{"raw HTML omitted"}, []string{"<script>", "<b>"}},
		{"raw html kept when enabled", true, "Text <b>bold</b>\n", []string{"<b>bold</b>"}, nil},
		{"root links follow the base", false, "[g](/glossary/) ![i](/images/a.png) [e](https://x.org/) [r](other/)\n", []string{`href="/cjm/glossary/"`, `src="/cjm/images/a.png"`, `href="https://x.org/"`, `href="other/"`}, nil},
		{"javascript links are not links", false, "[x](javascript:alert(1))\n", nil, []string{"javascript:"}},
		{"tables", false, "| a | b |\n|---|---|\n| 1 | 2 |\n", []string{"<table>", "<td>1</td>"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := New(Options{RawHTML: tt.raw, Link: link}).Render([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(out), w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(string(out), w) {
					t.Errorf("output has %q:\n%s", w, out)
				}
			}
		})
	}
}
