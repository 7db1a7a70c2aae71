package render

import (
	"github.com/cjm-portal/cjm/internal/export"
	"github.com/cjm-portal/cjm/internal/search"
)

// Memo keeps what a build works out per item and a rebuild can reuse:
// each item's search text and each touchpoint's data export. Each build
// keeps only what it used, so the memo never grows past one site's worth.
// Safe for concurrent use.
type Memo struct {
	search  *search.Memo
	exports *export.Cache // each touchpoint's data, encoded
}

// NewMemo returns an empty memo.
func NewMemo() *Memo {
	return &Memo{search: search.NewMemo(), exports: export.NewCache()}
}

// exportCache is the data export's cache; nil for a nil memo.
func (m *Memo) exportCache() *export.Cache {
	if m == nil {
		return nil
	}
	return m.exports
}

// searchMemo is the search index's memo; nil for a nil memo.
func (m *Memo) searchMemo() *search.Memo {
	if m == nil {
		return nil
	}
	return m.search
}

// next ends a build: what it did not use is dropped.
func (m *Memo) next() { m.search.Next() }
