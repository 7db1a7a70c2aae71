package publish

import (
	"fmt"
	"sync"
)

// Memory is the end that holds the last committed build in memory: the
// dev server serves it, tests read it. It is safe for concurrent use.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte // the last committed build; never modified
	next  map[string][]byte // the build being handed over
	st    Stats
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{} }

// Files returns the last committed build (output path → bytes), nil before
// the first. The map is never modified afterwards: a commit makes a new one.
func (m *Memory) Files() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.files
}

// Holds returns a file of the last committed build.
func (m *Memory) Holds(name string) ([]byte, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.files[name]
	return data, ok, nil
}

// Put adds a file to the build.
func (m *Memory) Put(name string, data []byte) error {
	return m.add(name, func() ([]byte, error) { m.st.Written++; return data, nil })
}

// Keep carries a file of the last committed build over into this one.
func (m *Memory) Keep(name string) error {
	return m.add(name, func() ([]byte, error) {
		data, ok := m.files[name]
		if !ok {
			return nil, fmt.Errorf("keeping %s: the last build has no such file", quote(name))
		}
		m.st.Unchanged++
		return data, nil
	})
}

func (m *Memory) add(name string, data func() ([]byte, error)) error {
	if err := checkName(name); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.next == nil {
		m.next = map[string][]byte{}
	}
	if _, dup := m.next[name]; dup {
		return fmt.Errorf("%s is written twice", quote(name))
	}
	d, err := data()
	if err != nil {
		return err
	}
	m.next[name] = d
	return nil
}

// Commit makes the files handed over the build.
func (m *Memory) Commit() (Stats, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	st := m.st
	for name := range m.files {
		if _, ok := m.next[name]; !ok {
			st.Removed++
		}
	}
	if m.next == nil {
		m.next = map[string][]byte{}
	}
	m.files, m.next, m.st = m.next, nil, Stats{}
	return st, nil
}

// Abort drops the files handed over since the last commit.
func (m *Memory) Abort() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.next, m.st = nil, Stats{}
}
