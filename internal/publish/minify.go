package publish

import (
	"bytes"
	"path"
	"regexp"

	"github.com/cjm-portal/cjm/internal/par"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
)

// mediaTypes are the files Minify shrinks, by extension.
var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".json": "application/json",
	".svg":  "image/svg+xml",
}

func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("application/json", json.Minify)
	m.Add("image/svg+xml", &svg.Minifier{KeepComments: false})
	m.AddFuncRegexp(regexp.MustCompile("^(application|text)/(x-)?(java|ecma)script$"), js.Minify) // scripts inside HTML
	return m
}

// Minify shrinks the HTML, CSS, JavaScript, JSON and SVG files in place,
// in parallel. A file the minifier cannot parse is kept as it is: a
// smaller site is never worth a broken one. It returns the bytes before
// and after.
func Minify(files map[string][]byte) (before, after int) {
	m := newMinifier()
	names := make([]string, 0, len(files))
	for name := range files {
		if _, ok := mediaTypes[path.Ext(name)]; ok {
			names = append(names, name)
		}
	}
	out := make([][]byte, len(names))
	par.For(len(names), func(i int) {
		var buf bytes.Buffer
		in := files[names[i]]
		if err := m.Minify(mediaTypes[path.Ext(names[i])], &buf, bytes.NewReader(in)); err != nil || buf.Len() > len(in) {
			out[i] = in
			return
		}
		out[i] = buf.Bytes()
	})
	for i, name := range names {
		before += len(files[name])
		after += len(out[i])
		files[name] = out[i]
	}
	return before, after
}
