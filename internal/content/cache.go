package content

import (
	"errors"
	"hash/maphash"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/cjm-portal/cjm/internal/diag"
)

// hashSeed makes Source.Hash comparable within one process, which is all
// a rebuild needs.
var hashSeed = maphash.MakeSeed()

// Cache keeps decoded files between builds, so that a rebuild after one
// edit decodes one file. It is safe for one build at a time.
type Cache struct {
	mu     sync.Mutex
	files  map[string]cached
	trust  bool
	told   []string        // changes told since the last load
	listed []string        // content files the last load listed, sorted
	dirs   map[string]bool // content folders the last load listed
	Loaded int             // files decoded by the last load, for the rebuild's log line

	sizeLimit int64 // the largest file the cached ones were read under
}

type cached struct {
	stamp stamp
	item  Item
	diags diag.List
}

// stamp is what tells a changed file from an unchanged one without
// reading it.
type stamp struct {
	size int64
	mod  time.Time
}

// same reports whether two stamps are known and equal.
func (s stamp) same(t stamp) bool {
	return s.size == t.size && s.mod.Equal(t.mod) && !s.mod.IsZero()
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cached{}} }

// Forget drops files from the cache, so the next load decodes them even if
// their size and time look unchanged (a save within the file system's
// time resolution, or a watcher that knows better).
func (c *Cache) Forget(files ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, f := range files {
		delete(c.files, f)
	}
	c.told = append(c.told, files...)
}

// Trust says whether the next loads may take a cached file as unchanged
// without looking at its size and time: true when a watcher reports every
// change (and Forget is told of them), which saves a stat of every file
// on each rebuild.
func (c *Cache) Trust(on bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.trust = on
}

func (c *Cache) trusted() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.trust
}

// stampOf reads a file's size and time, from its directory entry when the
// walk found one.
func stampOf(fsys fs.FS, file string, d fs.DirEntry) stamp {
	var info fs.FileInfo
	var err error
	if d != nil {
		info, err = d.Info()
	} else {
		info, err = fs.Stat(fsys, file)
	}
	if err != nil {
		return stamp{}
	}
	return stamp{info.Size(), info.ModTime()}
}

// limit drops every file but keep when the size limit of files changed
// since the last load: a file refused or read under the old one may not
// be under the new.
func (c *Cache) limit(limit int64, keep string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sizeLimit == limit {
		return
	}
	for f := range c.files {
		if f != keep {
			delete(c.files, f)
		}
	}
	c.sizeLimit = limit
}

// list keeps the walk's listing of content/, for a trusted load to start from.
func (c *Cache) list(files []string, dirs map[string]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.listed = append(c.listed[:0], files...)
	c.dirs = dirs
	c.told = nil
}

// listing returns the files and folders of content/ without walking it,
// when the cache is trusted and every change it was told of is a Markdown
// file written or removed in a known folder. A new, removed or renamed
// folder needs a walk: it returns false.
func (c *Cache) listing(fsys fs.FS) (files []string, dirs map[string]bool, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.trust || c.dirs == nil {
		return nil, nil, false
	}
	known := make(map[string]bool, len(c.listed))
	for _, f := range c.listed {
		known[f] = true
	}
	for _, p := range c.told {
		if p != Dir && !strings.HasPrefix(p, Dir+"/") {
			continue // not content: the caller's business
		}
		if !utf8.ValidString(p) {
			return nil, nil, false // no file system opens it: a walk says why
		}
		info, err := fs.Lstat(fsys, p)
		switch {
		case err == nil && info.IsDir(), c.dirs[p]:
			return nil, nil, false // a folder came, went or changed
		case err == nil && info.Mode()&fs.ModeSymlink != 0:
			return nil, nil, false // a link: the walk refuses it, and says why
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return nil, nil, false
		case !strings.HasSuffix(p, ".md") || hiddenPath(p):
			continue // not a content file: a walk would not list it either
		case err != nil:
			if _, err := fs.Stat(fsys, path.Dir(p)); err != nil {
				return nil, nil, false // its folder went with it
			}
			delete(known, p)
		case !c.dirs[path.Dir(p)]:
			return nil, nil, false
		default:
			known[p] = true
		}
	}
	files = slices.Sorted(maps.Keys(known))
	c.listed = append(c.listed[:0], files...)
	c.told = nil
	return files, c.dirs, true
}

// hiddenPath reports whether a walk of content/ would skip the path.
func hiddenPath(p string) bool {
	for _, part := range strings.Split(strings.TrimPrefix(p, Dir+"/"), "/") {
		if skipped(part) {
			return true
		}
	}
	return false
}

// get returns a copy of the cached item for file if its stamp is unchanged.
// The copy matters: loading links stages into journeys and touchpoints
// into stages, which must start empty in every build.
func (c *Cache) get(file string, st stamp) (Item, diag.List, bool) {
	c.mu.Lock()
	e, ok := c.files[file]
	trust := c.trust
	c.mu.Unlock()
	if !ok || (!trust && !e.stamp.same(st)) {
		return nil, nil, false
	}
	return fresh(e.item), e.diags, true
}

// keep stores what this load decoded and drops files that are gone.
func (c *Cache) keep(files []string, stamps []stamp, decoded []bool, result func(i int) (Item, diag.List)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	seen := make(map[string]bool, len(files))
	c.Loaded = 0
	for i, f := range files {
		seen[f] = true
		if !decoded[i] {
			continue
		}
		item, ds := result(i)
		c.files[f] = cached{stamps[i], fresh(item), ds}
		c.Loaded++
	}
	for f := range c.files {
		if !seen[f] {
			delete(c.files, f)
		}
	}
}

// fresh copies an item, with the lists that loading fills emptied.
func fresh(item Item) Item {
	if item == nil {
		return nil
	}
	info, _ := InfoOf(item.ItemKind())
	return info.clone(item)
}
