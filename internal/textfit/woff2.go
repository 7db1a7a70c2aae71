package textfit

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/andybalholm/brotli"
)

// fontInfo is what measuring needs of a font file.
type fontInfo struct {
	unitsPerEm int
	// advances holds, in font units, the advance width of every rune the
	// font's cmap maps to a glyph other than .notdef.
	advances map[rune]int32
}

// WOFF2 constants (https://www.w3.org/TR/WOFF2/).
const (
	woff2Signature  = 0x774F4632 // "wOF2"
	woff2HeaderSize = 48
	collectionTag   = 0x74746366 // "ttcf"
	// maxSfntSize bounds the decompressed tables, so that a corrupt size
	// in a header cannot make the reader allocate gigabytes.
	maxSfntSize = 32 << 20
)

// knownTags are the table tags that the directory of a WOFF2 file names by
// index (the spec's table of known tags, in its order).
var knownTags = [63]string{
	"cmap", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post", "cvt ", "fpgm", "glyf", "loca", "prep",
	"CFF ", "VORG", "EBDT", "EBLC", "gasp", "hdmx", "kern", "LTSH", "PCLT", "VDMX", "vhea", "vmtx", "BASE",
	"GDEF", "GPOS", "GSUB", "EBSC", "JSTF", "MATH", "CBDT", "CBLC", "COLR", "CPAL", "SVG ", "sbix", "acnt",
	"avar", "bdat", "bloc", "bsln", "cvar", "fdsc", "feat", "fmtx", "fvar", "gvar", "hsty", "just", "lcar",
	"mort", "morx", "opbd", "prop", "trak", "Zapf", "Silf", "Glat", "Gloc", "Feat", "Sill",
}

// readWOFF2 reads the units per em and the advance of every mapped rune
// from a WOFF2 file. It reads only head, hhea, maxp, hmtx and cmap, so the
// glyf and loca transforms are skipped rather than undone; a transformed
// hmtx is an error.
func readWOFF2(b []byte) (*fontInfo, error) {
	tables, err := woff2Tables(b)
	if err != nil {
		return nil, fmt.Errorf("woff2: %w", err)
	}
	info, err := parseTables(tables)
	if err != nil {
		return nil, fmt.Errorf("woff2: %w", err)
	}
	return info, nil
}

// woff2Tables decompresses a WOFF2 file and returns its untransformed
// tables by tag; a transformed table maps to nil.
func woff2Tables(b []byte) (map[string][]byte, error) {
	if len(b) < woff2HeaderSize {
		return nil, fmt.Errorf("%d bytes is too short for a WOFF2 header", len(b))
	}
	if sig := binary.BigEndian.Uint32(b); sig != woff2Signature {
		return nil, fmt.Errorf("signature %08x is not wOF2", sig)
	}
	if binary.BigEndian.Uint32(b[4:]) == collectionTag {
		return nil, errors.New("font collections are not supported")
	}
	if n := binary.BigEndian.Uint32(b[8:]); int64(n) != int64(len(b)) {
		return nil, fmt.Errorf("the header gives a length of %d bytes, the file has %d (truncated?)", n, len(b))
	}
	numTables := int(binary.BigEndian.Uint16(b[12:]))
	compressedSize := int64(binary.BigEndian.Uint32(b[20:]))
	if numTables == 0 {
		return nil, errors.New("no tables")
	}

	type entry struct {
		tag         string
		length      uint32 // in the decompressed stream
		transformed bool
	}
	entries := make([]entry, 0, numTables)
	p := b[woff2HeaderSize:]
	var total int64
	for i := range numTables {
		if len(p) == 0 {
			return nil, fmt.Errorf("table directory cut short at entry %d", i)
		}
		flags := p[0]
		p = p[1:]
		var tag string
		if idx := flags & 0x3f; idx < 0x3f {
			tag = knownTags[idx]
		} else if len(p) < 4 {
			return nil, fmt.Errorf("table directory cut short at entry %d", i)
		} else {
			tag, p = string(p[:4]), p[4:]
		}
		origLength, n, err := readUintBase128(p)
		if err != nil {
			return nil, fmt.Errorf("table %q: origLength: %w", tag, err)
		}
		p = p[n:]
		// Version 0 transforms glyf and loca and is the null transform of
		// every other table; version 3 is glyf and loca's null transform.
		version := flags >> 6
		transformed := version != 0
		if tag == "glyf" || tag == "loca" {
			transformed = version != 3
		}
		length := origLength
		if transformed {
			if length, n, err = readUintBase128(p); err != nil {
				return nil, fmt.Errorf("table %q: transformLength: %w", tag, err)
			}
			p = p[n:]
		}
		total += int64(length)
		if total > maxSfntSize {
			return nil, fmt.Errorf("tables of more than %d bytes", maxSfntSize)
		}
		entries = append(entries, entry{tag, length, transformed})
	}
	if compressedSize > int64(len(p)) {
		return nil, fmt.Errorf("compressed data of %d bytes, %d left in the file (truncated?)", compressedSize, len(p))
	}

	data := make([]byte, total)
	r := brotli.NewReader(bytes.NewReader(p[:compressedSize]))
	if _, err := io.ReadFull(r, data); err != nil {
		return nil, fmt.Errorf("decompressing %d bytes of tables: %w", total, err)
	}
	if n, _ := r.Read(make([]byte, 1)); n > 0 {
		return nil, fmt.Errorf("decompressed data longer than the %d bytes of the tables", total)
	}

	tables := make(map[string][]byte, numTables)
	for _, e := range entries {
		t := data[:e.length:e.length]
		data = data[e.length:]
		if e.transformed {
			t = nil
		}
		tables[e.tag] = t
	}
	return tables, nil
}

// readUintBase128 reads WOFF2's variable-length UIntBase128 and returns it
// with the number of bytes it took.
func readUintBase128(p []byte) (uint32, int, error) {
	var v uint32
	for i := 0; i < 5 && i < len(p); i++ {
		c := p[i]
		if i == 0 && c == 0x80 {
			return 0, 0, errors.New("UIntBase128 with leading zeros")
		}
		if v&0xFE000000 != 0 {
			return 0, 0, errors.New("UIntBase128 overflows 32 bits")
		}
		v = v<<7 | uint32(c&0x7f)
		if c&0x80 == 0 {
			return v, i + 1, nil
		}
	}
	if len(p) < 5 {
		return 0, 0, errors.New("UIntBase128 cut short")
	}
	return 0, 0, errors.New("UIntBase128 longer than 5 bytes")
}

// parseTables reads the advances of the mapped runes from the sfnt tables.
func parseTables(tables map[string][]byte) (*fontInfo, error) {
	get := func(tag string, minLen int) ([]byte, error) {
		t, ok := tables[tag]
		switch {
		case !ok:
			return nil, fmt.Errorf("no %s table", tag)
		case t == nil:
			return nil, fmt.Errorf("the %s table is transformed; write the file without transforming it", tag)
		case len(t) < minLen:
			return nil, fmt.Errorf("%s table of %d bytes, want at least %d", tag, len(t), minLen)
		}
		return t, nil
	}
	head, err := get("head", 54)
	if err != nil {
		return nil, err
	}
	hhea, err := get("hhea", 36)
	if err != nil {
		return nil, err
	}
	maxp, err := get("maxp", 6)
	if err != nil {
		return nil, err
	}
	if magic := binary.BigEndian.Uint32(head[12:]); magic != 0x5F0F3CF5 {
		return nil, fmt.Errorf("head: magic number %08x", magic)
	}
	upem := int(binary.BigEndian.Uint16(head[18:]))
	if upem < 16 || upem > 16384 {
		return nil, fmt.Errorf("head: %d units per em", upem)
	}
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	numHMetrics := int(binary.BigEndian.Uint16(hhea[34:]))
	if numHMetrics == 0 || numHMetrics > numGlyphs {
		return nil, fmt.Errorf("hhea: %d horizontal metrics for %d glyphs", numHMetrics, numGlyphs)
	}
	hmtx, err := get("hmtx", 4*numHMetrics)
	if err != nil {
		return nil, err
	}
	cmap, err := get("cmap", 4)
	if err != nil {
		return nil, err
	}

	// Glyphs past the last long metric share its advance.
	advance := func(g uint16) int32 {
		i := min(int(g), numHMetrics-1)
		return int32(binary.BigEndian.Uint16(hmtx[4*i:]))
	}
	info := &fontInfo{unitsPerEm: upem, advances: make(map[rune]int32)}
	err = eachMapping(cmap, func(r rune, g uint16) error {
		if int(g) >= numGlyphs {
			return fmt.Errorf("cmap maps %U to glyph %d of %d", r, g, numGlyphs)
		}
		if g != 0 {
			info.advances[r] = advance(g)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return info, nil
}

// eachMapping calls fn for every rune of the cmap's best Unicode subtable:
// format 12 (all of Unicode) if there is one, else format 4 (the BMP).
func eachMapping(cmap []byte, fn func(r rune, g uint16) error) error {
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	if len(cmap) < 4+8*n {
		return fmt.Errorf("cmap: %d encoding records in %d bytes", n, len(cmap))
	}
	var best []byte
	bestFormat := uint16(0)
	for i := range n {
		rec := cmap[4+8*i:]
		platform, encoding := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		if platform != 0 && !(platform == 3 && (encoding == 1 || encoding == 10)) {
			continue // not Unicode
		}
		off := int64(binary.BigEndian.Uint32(rec[4:]))
		if off+2 > int64(len(cmap)) {
			return fmt.Errorf("cmap: subtable %d at %d, past the table's %d bytes", i, off, len(cmap))
		}
		sub := cmap[off:]
		if f := binary.BigEndian.Uint16(sub); (f == 4 || f == 12) && f > bestFormat {
			best, bestFormat = sub, f
		}
	}
	switch bestFormat {
	case 4:
		return eachFormat4(best, fn)
	case 12:
		return eachFormat12(best, fn)
	}
	return errors.New("cmap: no Unicode subtable of format 4 or 12")
}

func eachFormat4(t []byte, fn func(r rune, g uint16) error) error {
	if len(t) < 14 {
		return errors.New("cmap format 4: cut short")
	}
	segX2 := int(binary.BigEndian.Uint16(t[6:]))
	if segX2%2 != 0 || len(t) < 16+4*segX2 {
		return fmt.Errorf("cmap format 4: %d segments in %d bytes", segX2/2, len(t))
	}
	ends, starts := t[14:], t[16+segX2:]
	deltas, rangeOffsets := t[16+2*segX2:], t[16+3*segX2:]
	for i := 0; i < segX2; i += 2 {
		start, end := int(binary.BigEndian.Uint16(starts[i:])), int(binary.BigEndian.Uint16(ends[i:]))
		delta := binary.BigEndian.Uint16(deltas[i:])
		ro := int(binary.BigEndian.Uint16(rangeOffsets[i:]))
		if start > end {
			return fmt.Errorf("cmap format 4: segment %d starts at %U after its end %U", i/2, start, end)
		}
		for c := start; c <= end && c != 0xFFFF; c++ {
			g := uint16(c) + delta
			if ro != 0 {
				// The offset counts from the segment's own idRangeOffset.
				at := 16 + 3*segX2 + i + ro + 2*(c-start)
				if at+2 > len(t) {
					return fmt.Errorf("cmap format 4: glyph of %U past the subtable", c)
				}
				if g = binary.BigEndian.Uint16(t[at:]); g != 0 {
					g += delta
				}
			}
			if err := fn(rune(c), g); err != nil {
				return err
			}
		}
	}
	return nil
}

func eachFormat12(t []byte, fn func(r rune, g uint16) error) error {
	if len(t) < 16 {
		return errors.New("cmap format 12: cut short")
	}
	n := int64(binary.BigEndian.Uint32(t[12:]))
	if int64(len(t)) < 16+12*n {
		return fmt.Errorf("cmap format 12: %d groups in %d bytes", n, len(t))
	}
	next := int64(0) // groups are sorted and do not overlap
	for i := range n {
		grp := t[16+12*i:]
		start := int64(binary.BigEndian.Uint32(grp))
		end := int64(binary.BigEndian.Uint32(grp[4:]))
		glyph := int64(binary.BigEndian.Uint32(grp[8:]))
		if start < next || end < start || end > 0x10FFFF || glyph+end-start > 0xFFFF {
			return fmt.Errorf("cmap format 12: bad group %d (%X..%X to glyph %d)", i, start, end, glyph)
		}
		for c := start; c <= end; c++ {
			if err := fn(rune(c), uint16(glyph+c-start)); err != nil {
				return err
			}
		}
		next = end + 1
	}
	return nil
}
