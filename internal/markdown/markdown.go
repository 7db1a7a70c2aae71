// Package markdown renders the bodies of content files with goldmark,
// configured once with safe defaults: raw HTML is dropped unless a site
// enables it, heading IDs keep Cyrillic and Polish letters (goldmark's own
// IDs drop every letter outside ASCII), and links written from the site's
// root ("/glossary/") are made to work under the site's base path.
package markdown

import (
	"bytes"
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

// Render converts src to HTML.
func (r *Renderer) Render(src []byte) ([]byte, error) {
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
