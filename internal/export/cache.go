package export

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/cjm-portal/cjm/internal/par"
	"github.com/cjm-portal/cjm/internal/site"
)

// Cache keeps each touchpoint's encoded JSON and CSV row between builds of
// one site, keyed by everything they are made of. Each build keeps only
// what it used. Safe for concurrent use; a nil *Cache keeps nothing.
type Cache struct {
	mu      sync.Mutex
	entries map[uint64]entry
}

// entry is one touchpoint's part of each file, encoded.
type entry struct {
	json, touchpoint, opportunities, kpis []byte
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{entries: map[uint64]entry{}} }

func (c *Cache) get(key uint64) (entry, bool) {
	if c == nil {
		return entry{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	return e, ok
}

// keep replaces the cache's entries with this build's.
func (c *Cache) keep(keys []uint64, entries []entry) {
	if c == nil {
		return
	}
	next := make(map[uint64]entry, len(keys))
	for i, k := range keys {
		next[k] = entries[i]
	}
	c.mu.Lock()
	c.entries = next
	c.mu.Unlock()
}

var keySeed = maphash.MakeSeed()

// touchpointKey sums up what a touchpoint's JSON object and CSV row are
// made of: its file (by hash), where it is, what it links to, how each
// persona feels (a plain emotion is every persona's of the journey), the
// build date (overdue) and the base URL (absolute URLs).
func touchpointKey(s *site.Site, t *site.Touchpoint, today time.Time) uint64 {
	var h maphash.Hash
	h.SetSeed(keySeed)
	str := func(v string) { h.WriteString(v); h.WriteByte(0) }
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], t.Hash)
	h.Write(b[:])
	str(today.Format(time.DateOnly))
	str(s.Base.Root)
	str(t.URL)
	str(t.Ref)
	str(t.Journey.Slug)
	str(t.Journey.Title)
	str(t.Journey.State)
	str(t.Stage.Slug)
	str(t.Stage.Title)
	if t.Channel != nil {
		str(t.Channel.Slug)
	}
	str("|")
	if t.Owner != nil {
		str(t.Owner.Slug)
	}
	str("|")
	if t.Parent != nil {
		str(t.Parent.Ref)
	}
	str("|")
	for _, list := range [][]*site.Touchpoint{t.Children, t.Related} {
		for _, o := range list {
			str(o.Ref)
		}
		str("|")
	}
	for _, o := range t.Opportunities {
		if o.Owner != nil {
			str(o.Owner.Slug)
			str(o.Owner.Title) // the Team column of opportunities.csv
		}
		str("|")
	}
	// A catalogued KPI shows what its entry says; a benchmark its
	// competitor's slug.
	for _, k := range t.KPIs {
		if k.Def != nil {
			binary.LittleEndian.PutUint64(b[:], k.Def.Hash)
			h.Write(b[:])
			str(k.Def.Slug)
		}
		str("|")
	}
	for _, c := range t.Competitors {
		if c.Competitor != nil {
			str(c.Competitor.Slug)
		}
		str("|")
	}
	for _, f := range t.Feelings {
		str(f.Persona.Slug)
		str(strconv.Itoa(f.Value))
	}
	str("|")
	b[0] = byte(t.Depth)
	h.Write(b[:1])
	return h.Sum64()
}

// encodeTouchpoint writes one touchpoint as it stands, indented, in the
// touchpoints list of cjm.json.
func encodeTouchpoint(tp touchpoint) []byte {
	var b bytes.Buffer
	if err := writeTouchpoint(&b, &tp, "    ", "  "); err != nil {
		panic("export: " + err.Error()) // only NaN or an infinity could fail, which the loader refuses
	}
	return b.Bytes()
}

// spliceJSON writes the document with the n touchpoints' encoded
// objects, object(i), in place of its (nil) touchpoints list: the same
// bytes encodeJSON writes for the whole document.
func spliceJSON(d *document, n int, object func(i int) []byte) []byte {
	doc := encodeJSON(d)
	tail := []byte("null\n}\n")
	if !bytes.HasSuffix(doc, tail) {
		panic("export: touchpoints are not the document's last field")
	}
	b := append(make([]byte, 0, len(doc)+16), doc[:len(doc)-len(tail)]...)
	if n == 0 {
		return append(b, "[]\n}\n"...)
	}
	b = append(b, '[')
	b = appendParts(b, n, "\n    ", ",\n    ", object)
	return append(b, "\n  ]\n}\n"...)
}

// partsChunk is how many touchpoints' parts of a file appendParts holds
// at once.
const partsChunk = 1024

// appendParts appends the n parts part(i) to b, first before the first
// and sep before each other. They are made a chunk at a time on every
// core and copied in as they come, so that a file of hundreds of MB is
// never held twice, whole and in parts. b is grown once beforehand, to
// what one part in sampleEvery says they take: grown as it fills, the
// file would be copied whole at least once more.
func appendParts(b []byte, n int, first, sep string, part func(i int) []byte) []byte {
	b = slices.Grow(b, estimate(n, len(sep), part))
	chunk := make([][]byte, min(n, partsChunk))
	for lo := 0; lo < n; lo += len(chunk) {
		parts := chunk[:min(len(chunk), n-lo)]
		par.For(len(parts), func(k int) { parts[k] = part(lo + k) })
		for k, p := range parts {
			if lo+k == 0 {
				b = append(b, first...)
			} else {
				b = append(b, sep...)
			}
			b = append(b, p...)
			parts[k] = nil
		}
	}
	return b
}

// sampleEvery is how many of a large file's parts estimate makes one of,
// to size the file.
const sampleEvery = 64

// estimate is about 10 % more than the n parts part(i) take with their
// separators, from one part in sampleEvery; 0 for a file of fewer than
// partsChunk parts, which is small and grows as it fills.
func estimate(n, sep int, part func(i int) []byte) int {
	if n < partsChunk {
		return 0
	}
	sizes := make([]int, (n+sampleEvery-1)/sampleEvery)
	par.For(len(sizes), func(k int) { sizes[k] = len(part(k * sampleEvery)) })
	sum := 0
	for _, size := range sizes {
		sum += size
	}
	return (sum*n/len(sizes) + n*sep) * 11 / 10
}
