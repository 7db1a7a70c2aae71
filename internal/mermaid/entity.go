package mermaid

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// named holds the HTML entity names Mermaid users write most. Mermaid hands
// any name to the browser; we know these, and leave others as written so
// that no text is lost.
var named = map[string]string{
	"amp": "&", "lt": "<", "gt": ">", "quot": `"`, "apos": "'",
	"colon": ":", "semi": ";", "num": "#", "comma": ",", "period": ".",
	"excl": "!", "quest": "?", "percnt": "%", "commat": "@", "dollar": "$",
	"lpar": "(", "rpar": ")", "lsqb": "[", "rsqb": "]",
	"lcub": "{", "rcub": "}", "lbrace": "{", "rbrace": "}",
	"verbar": "|", "vert": "|", "sol": "/", "bsol": `\`, "ast": "*",
	"plus": "+", "equals": "=", "lowbar": "_", "grave": "`", "Hat": "^",
	"nbsp": "\u00a0", "copy": "©", "reg": "®", "trade": "™", "deg": "°",
	"hellip": "…", "ndash": "–", "mdash": "—", "bull": "•", "middot": "·",
	"laquo": "«", "raquo": "»", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”",
	"larr": "←", "rarr": "→", "uarr": "↑", "darr": "↓", "harr": "↔",
	"times": "×", "divide": "÷", "euro": "€", "hearts": "♥", "check": "✓",
}

// decode replaces the entity codes in s, #NNN; (decimal) and #name;, with
// the characters they stand for. Codes it does not know stay as written.
func decode(s string) string {
	if !strings.Contains(s, "#") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '#')
		if i < 0 {
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		if text, n := entity(s); n > 0 {
			b.WriteString(text)
			s = s[n:]
			continue
		}
		b.WriteByte('#')
		s = s[1:]
	}
	b.WriteString(s)
	return b.String()
}

// entity reads the code at the start of s, which begins with '#', and
// returns its text and length, or a length of 0 when s holds no code there.
// A code is '#', word characters and ';', as Mermaid's /#\w+;/ has it.
func entity(s string) (string, int) {
	j := 1
	for j < len(s) && isWord(s[j]) {
		j++
	}
	if j == 1 || j == len(s) || s[j] != ';' {
		return "", 0
	}
	code := s[1:j]
	if strings.Trim(code, "0123456789") == "" {
		// A code point that is no character (0, a surrogate, past
		// U+10FFFF) is kept as text rather than turned into U+FFFD.
		n, err := strconv.Atoi(code)
		if err != nil || n <= 0 || n > utf8.MaxRune || !utf8.ValidRune(rune(n)) {
			return "", 0
		}
		return string(rune(n)), j + 1
	}
	if text, ok := named[code]; ok {
		return text, j + 1
	}
	return "", 0
}

func isWord(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// flatten puts a name on one line and trims it, as Parse would read it back.
func flatten(s string) string { return strings.TrimSpace(newlines.Replace(s)) }

var newlines = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ")

// encode flattens s and spells with entity codes the characters that would
// break it in Mermaid: '#' (a comment, or the start of a code), ';' (a
// statement separator), the first '%' of "%%" (a comment) and the bytes in
// special, which split the statement s goes in.
func encode(s, special string) string {
	s = flatten(s)
	var b strings.Builder
	b.Grow(len(s))
	// Byte by byte, since every character to encode is ASCII and any
	// invalid UTF-8 must come through unchanged.
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '#', c == ';', strings.IndexByte(special, c) >= 0,
			c == '%' && i+1 < len(s) && s[i+1] == '%':
			b.WriteByte('#')
			b.WriteString(strconv.Itoa(int(c)))
			b.WriteByte(';')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
