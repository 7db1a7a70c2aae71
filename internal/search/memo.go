package search

import "sync"

// Memo keeps each item's search text between builds of the same site,
// keyed by the hash of its file (the text comes from that file alone).
// Each build keeps only what it used, so the memo never grows past one
// site's worth. Safe for concurrent use; a nil Memo keeps nothing.
type Memo struct {
	mu         sync.Mutex
	texts, new map[uint64]searchParts
}

// NewMemo returns an empty memo.
func NewMemo() *Memo {
	return &Memo{texts: map[uint64]searchParts{}, new: map[uint64]searchParts{}}
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

// Next ends a build: what it did not use is dropped.
func (m *Memo) Next() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.texts, m.new = m.new, make(map[uint64]searchParts, len(m.new))
}
