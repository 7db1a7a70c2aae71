package textfit

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWrap(t *testing.T) {
	f := Regular(13)
	long := strings.Repeat("a", 80)
	tests := []struct {
		name  string
		s     string
		width float64
		want  []string
	}{
		{"empty", "", 100, nil},
		{"only whitespace", " \t\n\u3000 ", 100, nil},
		{"collapses whitespace", "  Place \t an\n\norder  ", 1000, []string{"Place an order"}},
		{"keeps no-break spaces", "a\u00A0\u00A0b", 1000, []string{"a\u00A0\u00A0b"}},
		{
			"English", "The customer receives an order confirmation email", 120,
			[]string{"The customer", "receives an order", "confirmation email"},
		},
		{
			"Russian", "Клиент получает подтверждение заказа по электронной почте и SMS", 105,
			[]string{"Клиент", "получает", "подтверждение", "заказа по", "электронной", "почте и SMS"},
		},
		{
			"Russian wider", "Клиент получает подтверждение заказа по электронной почте и SMS", 155,
			[]string{"Клиент получает", "подтверждение заказа", "по электронной почте и", "SMS"},
		},
		{
			"Russian no-break space", "жить в\u00A0городе", 60,
			[]string{"жить", "в\u00A0городе"},
		},
		{
			"Polish", "Zażółć gęślą jaźń — pchnąć w tę łódź jeża lub ośm skrzyń fig", 95,
			[]string{"Zażółć gęślą", "jaźń — pchnąć", "w tę łódź jeża", "lub ośm skrzyń", "fig"},
		},
		{
			"a spaced dash ends a line, never starts one", "Заказ — оплата картой", 60,
			[]string{"Заказ —", "оплата", "картой"},
		},
		{
			"a spaced dash breaks as a long word when nothing else fits", "Заказ — оплата", 50,
			[]string{"Заказ", "—", "оплата"},
		},
		{
			"Chinese, 4 ideographs a line", "顾客收到订单确认邮件", 52,
			[]string{"顾客收到", "订单确认", "邮件"},
		},
		{
			"Japanese keeps 。 and 」 off line starts and 「 off line ends",
			"顧客は注文確認メールを受け取ります。「確認」ボタンを押してください。", 60,
			[]string{"顧客は注", "文確認", "メールを", "受け取り", "ます。", "「確認」", "ボタンを", "押してく", "ださい。"},
		},
		{
			"Korean breaks between syllables too", "주문 확인 메일", 40,
			[]string{"주문", "확인", "메일"},
		},
		{
			"CJK next to Latin", "使用Google登录", 60,
			[]string{"使用", "Google登", "录"},
		},
		{
			"long word breaks where it stops fitting", long, 100,
			[]string{long[:13], long[13:26], long[26:39], long[39:52], long[52:65], long[65:78], long[78:]},
		},
		{
			"URL moves to its own line, then breaks",
			"Visit https://example.com/a/very/long/path/that/does/not/fit?query=string&x=1 now", 108,
			[]string{"Visit", "https://example.c", "om/a/very/long/p", "ath/that/does/not", "/fit?query=string", "&x=1 now"},
		},
		{
			"breaks after a hyphen inside a word", "e-mail self-service", 80,
			[]string{"e-mail self-", "service"},
		},
		{
			"no break before a digit after a hyphen", "-5 and 2020-2021", 75,
			[]string{"-5 and", "2020-2021"},
		},
		{
			"zero width space is a break opportunity", "Customer\u200BJourney", 70,
			[]string{"Customer\u200B", "Journey"},
		},
		{
			"word joiner forbids a break", "中\u2060文", 13,
			[]string{"中\u2060", "文"}, // only as a long word, one cluster a line
		},
		{
			"emoji ZWJ sequences stay whole",
			"👩\u200D👩\u200D👧👩\u200D👩\u200D👧👩\u200D👩\u200D👧 family 🇵🇱🇺🇦", 40,
			[]string{"👩\u200D👩\u200D👧👩\u200D👩\u200D👧", "👩\u200D👩\u200D👧", "family", "🇵🇱🇺🇦"},
		},
		{
			"combining marks stay with their letter", "cafe\u0301 cafe\u0301", 10,
			[]string{"c", "a", "f", "e\u0301", "c", "a", "f", "e\u0301"},
		},
		{"invalid UTF-8 becomes U+FFFD", "a\xffb", 100, []string{"a\uFFFDb"}},
		{"zero width puts each character on its own line", "ab cd", 0, []string{"a", "b", "c", "d"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.Wrap(tt.s, tt.width)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Wrap(%q, %v) =\n\t%q\nwant\n\t%q", tt.s, tt.width, got, tt.want)
			}
			checkWrap(t, f, tt.s, tt.width, got)
		})
	}
}

func TestClamp(t *testing.T) {
	f := Regular(13)
	const text = "Клиент получает подтверждение заказа по электронной почте и SMS"
	tests := []struct {
		name     string
		s        string
		width    float64
		maxLines int
		want     []string
		wantCut  bool
	}{
		{"fits", text, 155, 4, []string{"Клиент получает", "подтверждение заказа", "по электронной почте и", "SMS"}, false},
		{"cut to two lines", text, 155, 2, []string{"Клиент получает", "подтверждение заказ…"}, true},
		{"room for the ellipsis without cutting", text, 100, 2, []string{"Клиент", "получает…"}, true},
		{"drops the space before the ellipsis", "Заказ а б в г д е", 52, 1, []string{"Заказ…"}, true},
		{"ellipsis alone when nothing else fits", "中文 中文", 13, 1, []string{"…"}, true},
		{"zero lines", text, 150, 0, nil, true},
		{"zero lines of nothing", "", 150, 0, nil, false},
		{"empty", "", 150, 3, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cut := f.Clamp(tt.s, tt.width, tt.maxLines)
			if !slices.Equal(got, tt.want) || cut != tt.wantCut {
				t.Errorf("Clamp(%q, %v, %d) = %q, %v; want %q, %v", tt.s, tt.width, tt.maxLines, got, cut, tt.want, tt.wantCut)
			}
			checkClamp(t, f, tt.s, tt.width, tt.maxLines, got, cut)
		})
	}
}

// pieces are the building blocks of generated text: ordinary words in the
// scripts the maps use, and the things that tend to break wrapping.
var pieces = []string{
	"order", "Wi", "confirmation", "Подтверждение", "заказа", "ёж", "Zażółć", "łódź",
	"中文", "確認", "。", "「", "」", "주문", "😀", "👩\u200D👩\u200D👧", "👍🏽", "🇵🇱", "🇺🇦", "🇵",
	"e\u0301", "\u0301", "\u200D", "\u200B", "\uFE0F", "\u2060", "-", "—", "–", " — ", "5",
	"https://example.com/path?q=1", strings.Repeat("x", 80), "שלום", "مرحبا",
	" ", "  ", "\t", "\n", "\u00A0", "\u3000", "\xff", "\xe2\x82", "…",
}

func randomText(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(12) {
		b.WriteString(pieces[r.IntN(len(pieces))])
		if r.IntN(3) > 0 {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func TestWrapProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	widths := []float64{0, 5, 13, 40, 77.7, 100, 160, 1000, math.Inf(1)}
	for range 20000 {
		f := Regular(8 + 10*r.Float64())
		if r.IntN(2) == 0 {
			f = SemiBold(13)
		}
		s, width := randomText(r), widths[r.IntN(len(widths))]
		checkWrap(t, f, s, width, f.Wrap(s, width))
		maxLines := r.IntN(4)
		lines, cut := f.Clamp(s, width, maxLines)
		checkClamp(t, f, s, width, maxLines, lines, cut)
		if t.Failed() {
			t.Fatalf("failed on Wrap(%q, %v)", s, width)
		}
	}
}

// TestWrapKeepsWords checks that plain words that each fit on a line come
// back whole and in order, and that every line is as full as it can be.
func TestWrapKeepsWords(t *testing.T) {
	words := strings.Fields("customer order Подтверждение заказа Zażółć gęślą jaźń i a W WWW Оплата картой")
	f := Regular(13)
	r := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		in := make([]string, 1+r.IntN(15))
		for i := range in {
			in[i] = words[r.IntN(len(words))]
		}
		width := 110 + 200*r.Float64() // the longest word is 104 px wide
		s := strings.Join(in, strings.Repeat(" ", 1+r.IntN(2)))
		lines := f.Wrap(s, width)
		if got := strings.Fields(strings.Join(lines, " ")); !slices.Equal(got, in) {
			t.Fatalf("Wrap(%q, %v) = %q: words changed", s, width, lines)
		}
		for i, line := range lines {
			if f.Width(line) > width {
				t.Fatalf("Wrap(%q, %v): line %q is %v wide", s, width, line, f.Width(line))
			}
			if i+1 < len(lines) {
				next := strings.Fields(lines[i+1])[0]
				if f.Width(line+" "+next) <= width {
					t.Fatalf("Wrap(%q, %v): %q would still fit on line %q", s, width, next, line)
				}
			}
		}
	}
}

func FuzzWrap(f *testing.F) {
	seeds := []string{
		"", " ", "\t\n", "a", "Подтверждение заказа", "Zażółć gęślą jaźń",
		"顧客は注文確認メールを受け取ります。「確認」", strings.Repeat("ы", 80),
		"https://example.com/a/very/long/path/that/does/not/fit",
		"👩\u200D👩\u200D👧👩\u200D👩\u200D👧 🇵🇱🇺🇦🇵", "\u200D\u200D", "a\u200D", "\u200Da",
		"👍🏽\uFE0F\u20E3", "e\u0301\u0301\u0301", " \u0301 ", "\xff\xfe", "a\xe2\x82b",
		"-", "--", "-a-", "a--b", "a- -b", "e-mail—self–service", "\u200B\u200B", "\u00A0 \u00A0",
		"「」。、", "中\u2060文", "שלום עולם", "مرحبا بالعالم", "…", "\x00\x01\x7f",
		"\U000E0067\U000E0062", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F",
	}
	for i, s := range seeds {
		f.Add(s, float64(i*7), i%2 == 0, i%4)
	}
	f.Add("abc", math.Inf(1), false, 1)
	f.Add("abc", -1.0, false, 1)
	f.Add("abc", math.NaN(), true, 1)
	f.Fuzz(func(t *testing.T, s string, width float64, semibold bool, maxLines int) {
		face := Regular(13)
		if semibold {
			face = SemiBold(13)
		}
		checkWrap(t, face, s, width, face.Wrap(s, width))
		maxLines %= 8
		lines, cut := face.Clamp(s, width, maxLines)
		checkClamp(t, face, s, width, maxLines, lines, cut)
	})
}

// checkWrap asserts what Wrap promises for any input.
func checkWrap(t *testing.T, f *Face, s string, width float64, lines []string) {
	t.Helper()
	norm := normalize(s)
	boundaries := map[int]bool{}
	for _, c := range f.m.appendClusters(nil, norm) {
		boundaries[c.start] = true
	}
	pos := 0 // where the next line must begin in the normalized text
	for i, line := range lines {
		if !utf8.ValidString(line) {
			t.Errorf("line %d %q is not valid UTF-8", i, line)
		}
		if line == "" || strings.HasPrefix(line, " ") || strings.HasSuffix(line, " ") || strings.Contains(line, "  ") {
			t.Errorf("line %d %q has stray spaces", i, line)
		}
		if w := f.Width(line); w > width && len(f.m.appendClusters(nil, line)) > 1 {
			t.Errorf("line %d %q is %v wide, more than %v", i, line, w, width)
		}
		if i > 0 && strings.HasPrefix(norm[pos:], " ") {
			pos++
		}
		if !strings.HasPrefix(norm[pos:], line) {
			t.Errorf("line %d %q does not continue the text at %q", i, line, norm[pos:])
			return
		}
		if !boundaries[pos] {
			t.Errorf("line %d %q starts inside a character", i, line)
		}
		pos += len(line)
	}
	if pos != len(norm) {
		t.Errorf("lines %q lost the end of the text %q", lines, norm[pos:])
	}
	// Independently of normalize: only whitespace may go missing.
	if got, want := dropSpaces(strings.Join(lines, "")), dropSpaces(s); got != want {
		t.Errorf("lines %q hold %q, want %q", lines, got, want)
	}
}

// dropSpaces removes breaking whitespace and turns invalid bytes into U+FFFD.
func dropSpaces(s string) string {
	var b strings.Builder
	for _, r := range s {
		if !isBreakingSpace(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// checkClamp asserts what Clamp promises for any input.
func checkClamp(t *testing.T, f *Face, s string, width float64, maxLines int, lines []string, cut bool) {
	t.Helper()
	all := f.Wrap(s, width)
	if !cut {
		if !slices.Equal(lines, all) {
			t.Errorf("Clamp(%q, %v, %d) = %q without cutting, want Wrap's %q", s, width, maxLines, lines, all)
		}
		return
	}
	if len(all) <= maxLines {
		t.Errorf("Clamp(%q, %v, %d) cut text that fits in %d lines", s, width, maxLines, len(all))
	}
	if len(lines) != max(maxLines, 0) {
		t.Errorf("Clamp(%q, %v, %d) = %d lines, want %d", s, width, maxLines, len(lines), maxLines)
	}
	if len(lines) == 0 {
		return
	}
	if !slices.Equal(lines[:len(lines)-1], all[:len(lines)-1]) {
		t.Errorf("Clamp(%q, %v, %d) changed lines before the last: %q", s, width, maxLines, lines)
	}
	last := lines[len(lines)-1]
	if !strings.HasSuffix(last, "…") || !utf8.ValidString(last) {
		t.Errorf("Clamp(%q, %v, %d): last line %q does not end with …", s, width, maxLines, last)
	}
	if w := f.Width(last); w > width && last != "…" {
		t.Errorf("Clamp(%q, %v, %d): last line %q is %v wide, more than %v", s, width, maxLines, last, w, width)
	}
}

func BenchmarkWrap(b *testing.B) {
	f := Regular(13)
	const text = "Клиент получает подтверждение заказа по электронной почте и SMS, " +
		"затем отслеживает доставку в личном кабинете — Zażółć gęślą jaźń 🚚"
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		f.Wrap(text, 160)
	}
}

func BenchmarkWidth(b *testing.B) {
	f := Regular(13)
	const text = "Подтверждение заказа"
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		f.Width(text)
	}
}

// TestCount checks that Count gives the number of lines Wrap makes, for
// every case Wrap is tested with and at many widths.
func TestCount(t *testing.T) {
	f := Regular(12)
	texts := []string{
		"", "   ", "one", "Заказ — оплата", "e-mail and self-service", "https://example.com/a/very/long/url/that/never/ends",
		strings.Repeat("Długiesłowo", 8), "顧客体験の地図を描く", "emoji 👩‍👩‍👧 and flags 🇵🇱 here", "  many   spaces\tand\nbreaks  ",
		"Opens the Thursday newsletter on the phone and taps two or three offers",
	}
	for _, s := range texts {
		for w := 1.0; w < 500; w += 7 {
			if got, want := f.Count(s, w), len(f.Wrap(s, w)); got != want {
				t.Errorf("Count(%q, %g) = %d, Wrap gives %d lines", s, w, got, want)
			}
		}
	}
}
