package publish

import (
	"bytes"
	"path"
	"sync"
	"sync/atomic"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
)

// mediaTypes are the files Minify shrinks, by extension: HTML is
// compacted (compactHTML), the rest minified. SVG is left out,
// inline or in a file: the maps are written compact already, and
// minifying them saved 0.3 % of a 4,000-touchpoint portal for a quarter
// of the minifying time.
var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".json": "application/json",
}

func newMinifier() *minify.M {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("application/json", json.Minify)
	return m
}

// Minify returns the stage that shrinks the HTML, CSS, JavaScript and JSON
// files handed to it with m before passing them to next. A file the
// minifier cannot parse is passed on as it is: a smaller site is never
// worth a broken one.
func Minify(next Sink, m *Minifier) Sink { return minifying{next, m} }

type minifying struct {
	Sink
	m *Minifier
}

func (s minifying) Put(name string, data []byte) error { return s.Sink.Put(name, s.m.file(name, data)) }

// A Minifier shrinks files for Minify, from many goroutines at once, and
// counts the bytes before and after.
type Minifier struct {
	m             *minify.M
	before, after atomic.Int64
}

// NewMinifier returns a Minifier.
func NewMinifier() *Minifier { return &Minifier{m: newMinifier()} }

// file returns the file named name shrunk, or data itself when its kind is
// not minified or the minifier cannot parse it.
func (m *Minifier) file(name string, data []byte) []byte {
	media, ok := mediaTypes[path.Ext(name)]
	if !ok {
		return data
	}
	// Bytes sizes the output to the input, where Minify over a Reader
	// grows both. It is given a copy: the JS minifier renames variables
	// in the bytes it reads (inline scripts included), and the bytes are
	// not the stage's to change (a static file's are the theme's, read
	// again by every rebuild). The copy comes from a
	// pool, as the output never points into it: a build of thousands of
	// pages would otherwise copy every page into fresh memory.
	var min []byte
	var err error
	switch media {
	case "text/html":
		// Pages are compacted, not minified: see compactHTML.
		min = compactHTML(make([]byte, 0, len(data)), data)
	case "application/json":
		// The JSON minifier rewrites nothing it reads (it borrows the
		// byte past the end, within capacity, and puts it back): the data
		// export, the largest file of a big portal, is not copied.
		min, err = m.json(data)
	default:
		in := copies.Get().(*[]byte)
		*in = append((*in)[:0], data...)
		min, err = m.m.Bytes(media, *in)
		if cap(*in) <= maxPooledCopy {
			copies.Put(in)
		}
	}
	if err != nil || len(min) > len(data) {
		min = data
	}
	m.before.Add(int64(len(data)))
	m.after.Add(int64(len(min)))
	return min
}

// bigJSON is the size past which a JSON file is minified twice: to count
// its bytes, then into a buffer of that size. Minified once, it would be
// written into room for the whole input: the data export of a portal of
// 45,000 touchpoints is 147 MB, 91 MB minified.
const bigJSON = 32 << 20

// json minifies a JSON file.
func (m *Minifier) json(data []byte) ([]byte, error) {
	const media = "application/json"
	if len(data) <= bigJSON {
		return m.m.Bytes(media, data)
	}
	var n counter
	if err := m.m.Minify(media, &n, bytes.NewBuffer(data)); err != nil {
		return data, err
	}
	out := bytes.NewBuffer(make([]byte, 0, n))
	if err := m.m.Minify(media, out, bytes.NewBuffer(data)); err != nil {
		return data, err
	}
	return out.Bytes(), nil
}

// counter counts the bytes written to it.
type counter int

func (c *counter) Write(p []byte) (int, error) {
	*c += counter(len(p))
	return len(p), nil
}

// copies hold the inputs file gives the minifier; larger ones than
// maxPooledCopy (an export, say) are left to the collector.
var copies = sync.Pool{New: func() any { return new([]byte) }}

const maxPooledCopy = 1 << 20

// Sizes returns the bytes given to the stage so far, and the bytes it returned.
func (m *Minifier) Sizes() (before, after int) {
	return int(m.before.Load()), int(m.after.Load())
}
