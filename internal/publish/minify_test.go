package publish_test

import (
	"bytes"
	"maps"
	"slices"
	"testing"

	"github.com/cjm-portal/cjm/internal/publish"
)

// minify puts files through the Minify stage into memory, in place.
func minify(t *testing.T, files map[string][]byte) (before, after int) {
	t.Helper()
	m, mini := publish.NewMemory(), publish.NewMinifier()
	sink := publish.Minify(m, mini)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := sink.Put(name, files[name]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := sink.Commit(); err != nil {
		t.Fatal(err)
	}
	maps.Copy(files, m.Files())
	return mini.Sizes()
}

func TestMinify(t *testing.T) {
	font := []byte("wOF2\x00\x01\x00\x00 \n  ")
	files := map[string][]byte{
		"index.html":        []byte("<!DOCTYPE html>\n<html lang=\"en\">\n  <body>\n    <p>Hello   <b>world</b></p>\n  </body>\n</html>\n"),
		"css/cjm.css":       []byte("body {\n  color : #ffffff ;\n}\n"),
		"map.svg":           []byte("<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <rect x=\"1.50\" y=\"2\" />\n</svg>\n"),
		"fonts/inter.woff2": font,
		"broken.json":       []byte("{not json"),
		"data/ok.json":      []byte("{ \"a\" : [ 1, 2 ] }"),
		"unknown.thing":     []byte("  kept  "),
		"map/index.html":    []byte("<!DOCTYPE html>\n<html lang=\"en\">\n  <body>\n    <div>" + inlineSVG + "</div>\n  </body>\n</html>\n"),
	}
	before, after := minify(t, files)
	if after >= before {
		t.Errorf("minified %d → %d bytes", before, after)
	}
	want := map[string]string{
		"css/cjm.css":   "body{color:#fff}",
		"data/ok.json":  `{"a":[1,2]}`,
		"broken.json":   "{not json",
		"unknown.thing": "  kept  ",
		// SVG is written compact already: files and inline maps stay as drawn.
		"map.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <rect x=\"1.50\" y=\"2\" />\n</svg>\n",
		// Pages are compacted: each run of whitespace with a line break
		// becomes one line break.
		"index.html":     "<!DOCTYPE html>\n<html lang=\"en\">\n<body>\n<p>Hello   <b>world</b></p>\n</body>\n</html>\n",
		"map/index.html": "<!DOCTYPE html>\n<html lang=\"en\">\n<body>\n<div>" + inlineSVG + "</div>\n</body>\n</html>\n",
	}
	for name, w := range want {
		if string(files[name]) != w {
			t.Errorf("%s = %q, want %q", name, files[name], w)
		}
	}
	if !bytes.Equal(files["fonts/inter.woff2"], font) {
		t.Error("a font was changed")
	}
}

const inlineSVG = `<svg viewBox="0 0 10 10"><g class="cell"><rect x="1.50" y="2"/> <text x="1">A  B</text></g></svg>`

// TestMinifyLeavesInputsAlone checks that Minify never writes into the
// bytes it is given: a static file's are the theme's, read by every rebuild.
func TestMinifyLeavesInputsAlone(t *testing.T) {
	inputs := map[string]string{
		"index.html":  "<!DOCTYPE html>\n<html lang=\"en\">\n  <body>\n    <p>Hello   <b>world</b></p>\n<script>var  a = 1 ;  function f ( x ) { return  x + a ; }</script>\n  </body>\n</html>\n",
		"css/cjm.css": "body {\n  color : #ffffff ;\n  margin : 0px ;\n}\n",
		"js/x.js":     "(function () {\n  'use strict';\n  const  a = 1 ;\n  console.log( a );\n})();\n",
		"search.json": "{ \"a\" : [ 1, 2 ] ,  \"b\" : \"c\" }",
	}
	files := map[string][]byte{}
	kept := map[string][]byte{}
	for name, text := range inputs {
		files[name] = []byte(text)
		kept[name] = files[name] // the same backing array, as a rebuild keeps it
	}
	minify(t, files)
	for name, text := range inputs {
		if string(kept[name]) != text {
			t.Errorf("%s was written into: %q", name, kept[name])
		}
	}
}
