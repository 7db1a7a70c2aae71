// Package schema holds JSON Schemas (draft 2020-12) of the front matter of
// every kind of content file, for editors: with the YAML language server a
// file gets completion, hover text and a squiggle under an unknown key or a
// wrong value.
//
// The schemas follow the loader (package content) rather than a tidier
// ideal, so that content the loader accepts is never marked:
//
//   - Text keys take any scalar: YAML reads `title: 2024` and `owner: 123`
//     as numbers, the loader as the text "2024" and "123".
//   - Every optional key may be left empty (`owner:`): the loader reads it
//     as absent. Required keys (title, a journey's personas) may not.
//   - A list may be one plain string; a touchpoint's list item may be
//     `{text, source}`; kpis and opportunities may be one item without the
//     list.
//   - conversion is a number from 0 to 1 or a percentage such as "40%";
//     dates are YYYY-MM-DD strings (a date with a time of day, which the
//     loader accepts and cuts to the day, passes too).
//
// Where the loader is more lenient still, the schemas keep to the
// documented spelling: enum words are lower case (the loader ignores case),
// and numbers are YAML numbers, not quoted strings.
//
// The kinds are package content's (content.Kinds), named as the schema
// files are. The package must not import package content: content's own
// test checks, through a hook in its loader, that every key the loader
// reads is in the schema of its kind and every key of a schema is read.
package schema

import "embed"

//go:embed *.schema.json
var files embed.FS

// JSON returns the schema of kind (content.Kinds lists them), or nil for
// an unknown kind.
func JSON[K ~string](kind K) []byte {
	data, err := files.ReadFile(FileName(kind))
	if err != nil {
		return nil
	}
	return data
}

// FileName is the schema file's name for kind: "touchpoint.schema.json".
func FileName[K ~string](kind K) string { return string(kind) + ".schema.json" }
