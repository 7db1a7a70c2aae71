package render

import (
	"sync"

	"github.com/cjm-portal/cjm/internal/export"
)

// Memo keeps what a build works out per item and a rebuild can reuse:
// each item's search text, keyed by the hash of its file (the text comes
// from that file alone), and each touchpoint's data export. Each build keeps only what it used, so the memo
// never grows past one site's worth. Safe for concurrent use.
type Memo struct {
	mu         sync.Mutex
	texts, new map[uint64]searchParts
	exports    *export.Cache // each touchpoint's data, encoded
}

// NewMemo returns an empty memo.
func NewMemo() *Memo {
	return &Memo{texts: map[uint64]searchParts{}, new: map[uint64]searchParts{}, exports: export.NewCache()}
}

// exportCache is the data export's cache; nil for a nil memo.
func (m *Memo) exportCache() *export.Cache {
	if m == nil {
		return nil
	}
	return m.exports
}

func (m *Memo) text(hash uint64) (searchParts, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.texts[hash]
	if ok {
		m.new[hash] = t
	}
	return t, ok
}

func (m *Memo) keepText(hash uint64, t searchParts) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.new[hash] = t
}

// next ends a build: what it did not use is dropped.
func (m *Memo) next() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.texts, m.new = m.new, make(map[uint64]searchParts, len(m.new))
}
