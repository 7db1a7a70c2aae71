package markdown

import (
	"errors"
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

// nestedOverLines nests lists n deep, a level a line, each indent wide.
func nestedOverLines(n int, marker string, indent int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(" ", i*indent) + marker + " x\n")
	}
	return b.String()
}

func TestTooDeep(t *testing.T) {
	tests := []struct {
		name string
		src  string
		line int // the first line past MaxDepth, or 0
	}{
		{"plain text", "A paragraph.\n\n- a list\n  - nested\n", 0},
		{"100 list markers on a line", strings.Repeat("- ", 100) + "x\n", 0},
		{"101 list markers on a line", "intro\n\n" + strings.Repeat("- ", 101) + "x\n", 3},
		{"100,000 list markers on a line", strings.Repeat("- ", 100_000) + "x\n", 1},
		{"ordered and other bullets", strings.Repeat("1. * + ", 34) + "x\n", 1},
		{"101 quotes", strings.Repeat(">", 101) + " x\n", 1},
		{"200,000 quotes", strings.Repeat("> ", 200_000) + "x\n", 1},
		{"quotes and lists", strings.Repeat("> - ", 51) + "x\n", 1},
		{"lists nested over lines", nestedOverLines(100, "-", 2), 0},
		{"lists nested over lines, past the limit", nestedOverLines(101, "-", 2), 101},
		{"ordered lists nested over lines, counted high", nestedOverLines(70, "1.", 3), 68},
		{"tabs", "x\n" + strings.Repeat("\t", 25) + "- x\n" + strings.Repeat("\t", 50) + "- x\n", 3},
		{"quotes over lines", "> a\n> > b\n" + strings.Repeat("> ", 101) + "c\n", 3},
		{"lists in a quote over lines", "> - a\n> " + strings.Repeat(" ", 196) + "- b\n> " + strings.Repeat(" ", 200) + "- c\n", 3},
		{"a long thematic break", strings.Repeat("- ", 300) + "\n\n" + strings.Repeat("* ", 300) + "\n", 0},
		{"a thematic break after markers", strings.Repeat("> ", 100) + strings.Repeat("- ", 300) + "\n", 0},
		{"numbers that are not markers", strings.Repeat("1.5 ", 200) + "\n" + strings.Repeat("1234567890. ", 200) + "\n", 0},
		{"CRLF", strings.Repeat("- ", 100) + "x\r\n" + strings.Repeat("> ", 101) + "\r\n", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TooDeep([]byte(tt.src)); got != tt.line {
				t.Errorf("TooDeep = %d, want %d", got, tt.line)
			}
		})
	}
}

// TestRenderRefusesDeepNesting checks that Render refuses nesting past
// MaxDepth before goldmark runs: a refusal allocates little more than the
// error (the race detector and the runtime may add one or two), where
// goldmark allocates for every one of the thousands of levels.
func TestRenderRefusesDeepNesting(t *testing.T) {
	r := New(Options{})
	for _, src := range []string{strings.Repeat("- ", 100_000) + "x\n", strings.Repeat(">", 200_000) + "x\n", nestedOverLines(2000, "-", 2)} {
		var err error
		allocs := testing.AllocsPerRun(1, func() { _, err = r.Render([]byte(src)) })
		var de *DepthError
		if !errors.As(err, &de) {
			t.Fatalf("err = %v, want a *DepthError", err)
		}
		if allocs > 10 {
			t.Errorf("refusing %.20q… made %v allocations; goldmark ran", src, allocs)
		}
	}
	if _, err := r.Render([]byte(strings.Repeat("- ", 100) + "x\n")); err != nil {
		t.Errorf("100 levels: %v", err)
	}
}

// BenchmarkTooDeep scans a 10 MB body of lines 100 levels deep, the worst
// that passes.
func BenchmarkTooDeep(b *testing.B) {
	src := []byte(strings.Repeat(strings.Repeat("- ", 100)+"x\n", 10<<20/202))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if TooDeep(src) != 0 {
			b.Fatal("refused")
		}
	}
}

// BenchmarkRefuseDeep times Render's refusal of the inputs that goldmark
// takes 30 s and 16 s over.
func BenchmarkRefuseDeep(b *testing.B) {
	for name, src := range map[string]string{
		"100,000 list markers": strings.Repeat("- ", 100_000) + "x\n",
		"200,000 quotes":       strings.Repeat("> ", 200_000) + "x\n",
	} {
		b.Run(name, func(b *testing.B) {
			r := New(Options{})
			for b.Loop() {
				if _, err := r.Render([]byte(src)); err == nil {
					b.Fatal("rendered")
				}
			}
		})
	}
}
