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
// The package must not import package content: content's own test checks,
// through a hook in its loader, that every key the loader reads is in the
// schema of its kind and every key of a schema is read.
package schema

import (
	"embed"
	"slices"
	"strings"
)

//go:embed *.schema.json
var files embed.FS

// Kinds are the kinds of content files, in the order of the contract.
var Kinds = []string{"site", "section", "persona", "team", "channel", "kpi", "competitor", "journey", "stage", "touchpoint", "page"}

// JSON returns the schema of kind, or nil for an unknown kind.
func JSON(kind string) []byte {
	if !slices.Contains(Kinds, kind) {
		return nil
	}
	data, err := files.ReadFile(FileName(kind))
	if err != nil {
		return nil
	}
	return data
}

// FileName is the schema file's name for kind: "touchpoint.schema.json".
func FileName(kind string) string { return kind + ".schema.json" }

// KindOf tells the kind of a content file from its slash path relative to
// content/ ("journeys/order/01-buy/pay.md" → "touchpoint"), as the loader
// does. It returns "" for files the loader does not read as content: files
// that are not Markdown, hidden files and drafts (a name starting with "."
// or "_", other than _index.md, in the path), and Markdown files in a place
// that is an error (a persona in a subfolder, a touchpoint outside a stage).
func KindOf(rel string) string {
	parts := strings.Split(rel, "/")
	name := parts[len(parts)-1]
	if !strings.HasSuffix(name, ".md") {
		return ""
	}
	for _, p := range parts {
		if p == "" || strings.HasPrefix(p, ".") || (strings.HasPrefix(p, "_") && p != "_index.md") {
			return ""
		}
	}
	top, n := parts[0], len(parts)
	index := name == "_index.md"
	switch {
	case rel == "_index.md":
		return "site"
	case top == "personas" || top == "teams" || top == "channels" || top == "kpis" || top == "competitors":
		switch {
		case n != 2:
			return ""
		case index:
			return "section"
		}
		return strings.TrimSuffix(top, "s")
	case top == "journeys":
		switch {
		case n == 2 && index:
			return "section"
		case n == 3 && index:
			return "journey"
		case n == 4 && index:
			return "stage"
		case n == 4:
			return "touchpoint"
		}
		return ""
	}
	return "page"
}
