// Package markdown renders the bodies of content files with goldmark,
// configured once with safe defaults: raw HTML is dropped unless a site
// enables it, heading IDs keep Cyrillic and Polish letters (goldmark's own
// IDs drop every letter outside ASCII), and links written from the site's
// root ("/glossary/") are made to work under the site's base path.
package markdown

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Renderer converts Markdown to HTML. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// Options configure a Renderer.
type Options struct {
	RawHTML bool                    // keep raw HTML in bodies (off by default: content is untrusted)
	Link    func(rel string) string // makes a root-relative link ("/x/") into a site URL
}

// New returns a Renderer.
func New(o Options) *Renderer {
	rendererOpts := []goldmark.Option{}
	if o.RawHTML {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	parserOpts := []parser.Option{parser.WithAutoHeadingID()}
	if o.Link != nil {
		parserOpts = append(parserOpts, parser.WithASTTransformers(util.Prioritized(&rootLinks{link: o.Link}, 100)))
	}
	md := goldmark.New(append(rendererOpts,
		goldmark.WithExtensions(extension.GFM, extension.Typographer),
		goldmark.WithParserOptions(parserOpts...),
	)...)
	return &Renderer{md: md}
}

// Render converts src to HTML. Markdown nested more than MaxDepth levels
// deep is refused with a *DepthError before goldmark sees it.
func (r *Renderer) Render(src []byte) ([]byte, error) {
	if line := TooDeep(src); line > 0 {
		return nil, &DepthError{Line: line}
	}
	var buf bytes.Buffer
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	if err := r.md.Convert(src, &buf, parser.WithContext(ctx)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ids makes heading IDs from heading text, keeping letters of every script:
// "## Оплата заказа" becomes "оплата-заказа", and repeats get "-1", "-2".
type ids struct{ seen map[string]bool }

func newIDs() *ids { return &ids{seen: map[string]bool{}} }

// Slug makes an ID from heading text: lower-case letters and digits of any
// script, with every other run of characters turned into one hyphen.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(string(value))
	if base == "" {
		base = "heading"
	}
	id := base
	for i := 1; s.seen[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.seen[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.seen[string(value)] = true }

// rootLinks rewrites link and image destinations that start with one "/"
// (root-relative, as authors write them) through the site's link function.
type rootLinks struct{ link func(string) string }

func (t *rootLinks) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.Link:
			v.Destination = t.rewrite(v.Destination)
		case *ast.Image:
			v.Destination = t.rewrite(v.Destination)
		}
		return ast.WalkContinue, nil
	})
}

func (t *rootLinks) rewrite(dest []byte) []byte {
	if len(dest) > 0 && dest[0] == '/' && !bytes.HasPrefix(dest, []byte("//")) {
		return []byte(t.link(string(dest)))
	}
	return dest
}

// MaxDepth bounds how deeply lists and block quotes may nest in a body.
// goldmark is quadratic in the list markers on one line (yuin/goldmark#592:
// 100,000 take 30 s) and in lists nested over lines (2,000 levels, 4 MB,
// take 10 s). Real Markdown nests a few levels; up to 100, a 10 MB body of
// the worst lines costs what plain lists of that size do (about 10 s).
const MaxDepth = 100

// DepthError is Markdown nested more than MaxDepth levels deep.
type DepthError struct {
	Line int // from 1, in the Markdown given
}

func (e *DepthError) Error() string {
	return fmt.Sprintf("line %d: lists and block quotes nested more than %d levels deep", e.Line, MaxDepth)
}

// TooDeep returns the first line of src, from 1, that may nest lists and
// block quotes more than MaxDepth levels deep, or 0 when none does. It
// reads each line's start only, and counts high rather than low: every
// `>`, every list marker and every two columns of indentation before the
// text count as a level, since a list nested over lines needs two columns
// a level at least. The blanks that follow a list marker, and the one that
// may follow a `>`, are the marker's own and continue nothing.
func TooDeep(src []byte) int {
	for line := 1; len(src) > 0; line++ {
		var l []byte
		l, src, _ = bytes.Cut(src, []byte("\n"))
		if depth(l) > MaxDepth {
			return line
		}
	}
	return 0
}

// depth counts the levels a line's start may open or continue, stopping
// once past MaxDepth.
func depth(l []byte) int {
	brk := breakFrom(l)
	levels, cols := 0, 0
	for i := 0; i < len(l) && levels+cols/2 <= MaxDepth; {
		switch c := l[i]; {
		case c == ' ' || c == '\r':
			cols++
			i++
		case c == '\t':
			cols += 4
			i++
		case c == '>':
			levels++
			i++
			if i < len(l) && l[i] == ' ' { // the quote's own blank
				i++
			}
		case (c == '-' || c == '*' || c == '+') && (i+1 == len(l) || blank(l[i+1])):
			if i >= brk { // a thematic break, not a list: `- - -`
				return levels + cols/2
			}
			levels++
			i = skipBlanks(l, i+1)
		case c >= '0' && c <= '9':
			j := i + 1
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j == len(l) || (l[j] != '.' && l[j] != ')') || (j+1 < len(l) && !blank(l[j+1])) {
				return levels + cols/2
			}
			levels++
			i = skipBlanks(l, j+1)
		default:
			return levels + cols/2
		}
	}
	return levels + cols/2
}

func blank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

func skipBlanks(l []byte, i int) int {
	for i < len(l) && blank(l[i]) {
		i++
	}
	return i
}

// breakFrom is where the thematic break that ends l starts (three or more
// of one of - * _, with spaces between), or past its end when none does.
func breakFrom(l []byte) int {
	var mark byte
	n, from := 0, len(l)+1
	for i := len(l) - 1; i >= 0; i-- {
		c := l[i]
		if blank(c) {
			continue
		}
		if mark == 0 && (c == '-' || c == '*' || c == '_') {
			mark = c
		}
		if c != mark {
			break
		}
		n++
		if n >= 3 {
			from = i
		}
	}
	return from
}
