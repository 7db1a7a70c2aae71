package textfit

import (
	"bytes"
	"encoding/binary"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// woff2Table is one table of a WOFF2 file built by a test.
type woff2Table struct {
	tag     string
	data    []byte // as stored: transformed if the version says so
	version byte   // transformation version, the top two bits of the flags
	// extra is added to the length the directory gives, to make a
	// directory that disagrees with the data.
	extra int
}

// buildWOFF2 writes tables as a WOFF2 file.
func buildWOFF2(t testing.TB, tables []woff2Table) []byte {
	t.Helper()
	var dir, stream []byte
	for _, tb := range tables {
		if i := slices.Index(knownTags[:], tb.tag); i >= 0 {
			dir = append(dir, tb.version<<6|byte(i))
		} else {
			dir = append(dir, tb.version<<6|0x3f)
			dir = append(dir, tb.tag...)
		}
		n := uint32(len(tb.data) + tb.extra)
		transformed := tb.version != 0
		if tb.tag == "glyf" || tb.tag == "loca" {
			transformed = tb.version != 3
		}
		if transformed {
			dir = appendUintBase128(dir, n+100) // origLength: what undoing the transform gives
		}
		dir = appendUintBase128(dir, n)
		stream = append(stream, tb.data...)
	}
	var z bytes.Buffer
	w := brotli.NewWriter(&z)
	if _, err := w.Write(stream); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	b := binary.BigEndian.AppendUint32(nil, woff2Signature)
	b = binary.BigEndian.AppendUint32(b, 0x00010000) // flavor: TrueType
	b = binary.BigEndian.AppendUint32(b, uint32(woff2HeaderSize+len(dir)+z.Len()))
	b = binary.BigEndian.AppendUint16(b, uint16(len(tables)))
	b = binary.BigEndian.AppendUint16(b, 0)                   // reserved
	b = binary.BigEndian.AppendUint32(b, uint32(len(stream))) // totalSfntSize, near enough
	b = binary.BigEndian.AppendUint32(b, uint32(z.Len()))
	b = append(b, make([]byte, 24)...) // versions, metadata and private data: none
	b = append(b, dir...)
	return append(b, z.Bytes()...)
}

func appendUintBase128(b []byte, v uint32) []byte {
	var groups []byte
	for {
		groups = append(groups, byte(v&0x7f))
		if v >>= 7; v == 0 {
			break
		}
	}
	for i := len(groups) - 1; i > 0; i-- {
		b = append(b, groups[i]|0x80)
	}
	return append(b, groups[0])
}

// seg4 is one segment of a cmap format 4 subtable: start..end map to
// c+delta, or to glyphs (through idRangeOffset) when glyphs is set.
type seg4 struct {
	start, end, delta uint16
	glyphs            []uint16
}

// delta is the idDelta that maps c to glyph g.
func delta(c rune, g int) uint16 { return uint16(g - int(c)) }

func cmapFormat4(segs ...seg4) []byte {
	segs = append(segs, seg4{start: 0xFFFF, end: 0xFFFF, delta: 1})
	n := len(segs)
	var ends, starts, deltas, offsets, glyphs []byte
	for i, s := range segs {
		ends = binary.BigEndian.AppendUint16(ends, s.end)
		starts = binary.BigEndian.AppendUint16(starts, s.start)
		deltas = binary.BigEndian.AppendUint16(deltas, s.delta)
		ro := uint16(0)
		if s.glyphs != nil {
			ro = uint16(2*(n-i) + len(glyphs)) // from this offset to its glyphs
			for _, g := range s.glyphs {
				glyphs = binary.BigEndian.AppendUint16(glyphs, g)
			}
		}
		offsets = binary.BigEndian.AppendUint16(offsets, ro)
	}
	b := binary.BigEndian.AppendUint16(nil, 4)
	b = binary.BigEndian.AppendUint16(b, uint16(16+8*n+len(glyphs)))
	b = binary.BigEndian.AppendUint16(b, 0) // language
	b = binary.BigEndian.AppendUint16(b, uint16(2*n))
	b = append(b, make([]byte, 6)...) // search hints, unused
	b = append(b, ends...)
	b = append(b, 0, 0) // reservedPad
	b = append(b, starts...)
	b = append(b, deltas...)
	b = append(b, offsets...)
	return append(b, glyphs...)
}

// cmapFormat12 takes groups of start, end and first glyph.
func cmapFormat12(groups ...[3]uint32) []byte {
	b := binary.BigEndian.AppendUint16(nil, 12)
	b = binary.BigEndian.AppendUint16(b, 0)
	b = binary.BigEndian.AppendUint32(b, uint32(16+12*len(groups)))
	b = binary.BigEndian.AppendUint32(b, 0) // language
	b = binary.BigEndian.AppendUint32(b, uint32(len(groups)))
	for _, g := range groups {
		for _, v := range g {
			b = binary.BigEndian.AppendUint32(b, v)
		}
	}
	return b
}

// cmapTable joins subtables, each under a platform and encoding.
type cmapSub struct {
	platform, encoding uint16
	data               []byte
}

func cmapTable(subs ...cmapSub) []byte {
	b := binary.BigEndian.AppendUint16(nil, 0)
	b = binary.BigEndian.AppendUint16(b, uint16(len(subs)))
	off := 4 + 8*len(subs)
	var data []byte
	for _, s := range subs {
		b = binary.BigEndian.AppendUint16(b, s.platform)
		b = binary.BigEndian.AppendUint16(b, s.encoding)
		b = binary.BigEndian.AppendUint32(b, uint32(off+len(data)))
		data = append(data, s.data...)
	}
	return append(b, data...)
}

// testTables are the tables of a font of 1000 units per em and four
// glyphs: .notdef, then glyphs 1 to 3 with advances 600, 700 and (sharing
// the last long metric) 700 again; cmap maps A to glyph 1 and Б (through
// idRangeOffset) to glyph 2, and В to .notdef.
func testTables() []woff2Table {
	head := make([]byte, 54)
	binary.BigEndian.PutUint32(head[12:], 0x5F0F3CF5)
	binary.BigEndian.PutUint16(head[18:], 1000)
	hhea := make([]byte, 36)
	binary.BigEndian.PutUint16(hhea[34:], 3)
	maxp := []byte{0, 0, 0x50, 0, 0, 4}
	hmtx := []byte{0x01, 0xF4, 0, 0, 0x02, 0x58, 0, 0, 0x02, 0xBC, 0, 0, 0, 0}
	cmap := cmapTable(cmapSub{3, 1, cmapFormat4(
		seg4{start: 'A', end: 'A', delta: delta('A', 1)},
		seg4{start: 'Б', end: 'В', glyphs: []uint16{2, 0}},
	)})
	return []woff2Table{
		{tag: "cmap", data: cmap},
		{tag: "glyf", data: []byte("transformed glyphs, never read")}, // version 0: transformed
		{tag: "head", data: head},
		{tag: "hhea", data: hhea},
		{tag: "hmtx", data: hmtx},
		{tag: "loca", data: nil},
		{tag: "maxp", data: maxp},
		{tag: "zzzz", data: []byte("a tag the spec does not know")},
	}
}

// withTable returns testTables with the table of tag changed by fn.
func withTable(tag string, fn func(*woff2Table)) []woff2Table {
	ts := testTables()
	for i := range ts {
		if ts[i].tag == tag {
			fn(&ts[i])
		}
	}
	return ts
}

func withoutTable(tag string) []woff2Table {
	return slices.DeleteFunc(testTables(), func(t woff2Table) bool { return t.tag == tag })
}

// setLength makes a file's header agree with its length.
func setLength(b []byte) []byte {
	binary.BigEndian.PutUint32(b[8:], uint32(len(b)))
	return b
}

func TestReadWOFF2(t *testing.T) {
	valid := buildWOFF2(t, testTables())
	inter := []byte(interRegular)
	tests := []struct {
		name    string
		file    []byte
		want    map[rune]int32 // advances, when wantErr is ""
		wantErr string
	}{
		{"format 4", valid, map[rune]int32{'A': 600, 'Б': 700}, ""},
		{
			"format 12 preferred to format 4, past the BMP and the long metrics",
			buildWOFF2(t, withTable("cmap", func(tb *woff2Table) {
				tb.data = cmapTable(
					cmapSub{3, 1, cmapFormat4(seg4{start: 'A', end: 'A', delta: delta('A', 1)})},
					cmapSub{1, 0, cmapFormat4(seg4{start: 'Z', end: 'Z', delta: delta('Z', 1)})}, // Macintosh: ignored
					cmapSub{3, 10, cmapFormat12([3]uint32{'A', 'B', 1}, [3]uint32{0x1F600, 0x1F600, 3})},
				)
			})),
			map[rune]int32{'A': 600, 'B': 700, '😀': 700}, "",
		},
		{"empty", nil, nil, "too short"},
		{"bad signature", append([]byte("wOFF"), valid[4:]...), nil, "signature"},
		{"truncated file", valid[:len(valid)-10], nil, "truncated"},
		{"truncated header", valid[:30], nil, "too short"},
		{"truncated compressed data, header patched", setLength(slices.Clone(valid[:len(valid)-5])), nil, "compressed data"},
		{"truncated directory, header patched", setLength(slices.Clone(valid[:woff2HeaderSize+3])), nil, "cut short"},
		{"Inter cut short", inter[:len(inter)/2], nil, "truncated"},
		{"Inter cut short, header patched", setLength(slices.Clone(inter[:len(inter)/2])), nil, "compressed data"},
		{"collection", append(append(slices.Clone(valid[:4]), "ttcf"...), valid[8:]...), nil, "collections"},
		{"not Brotli", setLength(append(slices.Clone(valid[:len(valid)-20]), bytes.Repeat([]byte{0xff}, 20)...)), nil, "decompressing"},
		{
			"directory longer than the data",
			buildWOFF2(t, withTable("maxp", func(tb *woff2Table) { tb.extra = 10 })), nil, "decompressing",
		},
		{
			"directory shorter than the data",
			buildWOFF2(t, withTable("zzzz", func(tb *woff2Table) { tb.extra = -3 })), nil, "longer than",
		},
		{"no cmap", buildWOFF2(t, withoutTable("cmap")), nil, "no cmap table"},
		{"no hmtx", buildWOFF2(t, withoutTable("hmtx")), nil, "no hmtx table"},
		{
			"transformed hmtx",
			buildWOFF2(t, withTable("hmtx", func(tb *woff2Table) { tb.version = 1 })), nil, "hmtx table is transformed",
		},
		{
			"glyf and loca with the null transform are read past too",
			buildWOFF2(t, withTable("loca", func(tb *woff2Table) { tb.version, tb.data = 3, make([]byte, 10) })),
			map[rune]int32{'A': 600, 'Б': 700}, "",
		},
		{
			"short head",
			buildWOFF2(t, withTable("head", func(tb *woff2Table) { tb.data = tb.data[:20] })), nil, "head table of 20 bytes",
		},
		{
			"bad head magic",
			buildWOFF2(t, withTable("head", func(tb *woff2Table) { tb.data[12] = 0 })), nil, "magic",
		},
		{
			"no horizontal metrics",
			buildWOFF2(t, withTable("hhea", func(tb *woff2Table) { tb.data[35] = 0 })), nil, "0 horizontal metrics",
		},
		{
			"hmtx too short",
			buildWOFF2(t, withTable("hmtx", func(tb *woff2Table) { tb.data = tb.data[:10] })), nil, "hmtx table of 10 bytes",
		},
		{
			"no Unicode subtable",
			buildWOFF2(t, withTable("cmap", func(tb *woff2Table) {
				tb.data = cmapTable(cmapSub{1, 0, cmapFormat4(seg4{start: 'A', end: 'A', delta: delta('A', 1)})})
			})), nil, "no Unicode subtable",
		},
		{
			"glyph out of range",
			buildWOFF2(t, withTable("cmap", func(tb *woff2Table) {
				tb.data = cmapTable(cmapSub{0, 3, cmapFormat4(seg4{start: 'A', end: 'A', delta: delta('A', 9)})})
			})), nil, "glyph 9 of 4",
		},
		{
			"format 12 groups out of order",
			buildWOFF2(t, withTable("cmap", func(tb *woff2Table) {
				tb.data = cmapTable(cmapSub{3, 10, cmapFormat12([3]uint32{'B', 'B', 1}, [3]uint32{'A', 'A', 1})})
			})), nil, "bad group 1",
		},
		{
			"format 4 glyph array cut short",
			buildWOFF2(t, withTable("cmap", func(tb *woff2Table) { tb.data = tb.data[:len(tb.data)-4] })), nil, "past the subtable",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := readWOFF2(tt.file)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("readWOFF2() error = %v, want one saying %q", err, tt.wantErr)
				}
				if !strings.HasPrefix(err.Error(), "woff2: ") {
					t.Errorf("error %q does not say it is about a WOFF2 file", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if f.unitsPerEm != 1000 {
				t.Errorf("unitsPerEm = %d, want 1000", f.unitsPerEm)
			}
			if !maps.Equal(f.advances, tt.want) {
				t.Errorf("advances = %v, want %v", f.advances, tt.want)
			}
		})
	}
}

func TestReadUintBase128(t *testing.T) {
	tests := []struct {
		in      []byte
		want    uint32
		n       int
		wantErr string
	}{
		{[]byte{0}, 0, 1, ""},
		{[]byte{0x3f, 0xff}, 63, 1, ""},
		{[]byte{0x81, 0x00}, 128, 2, ""},
		{[]byte{0x8f, 0xff, 0xff, 0xff, 0x7f}, 0xFFFFFFFF, 5, ""},
		{[]byte{0x80, 0x01}, 0, 0, "leading zeros"},
		{[]byte{0x90, 0x80, 0x80, 0x80, 0x00}, 0, 0, "overflows"},
		{[]byte{0x81, 0x81, 0x81, 0x81, 0x81, 0x01}, 0, 0, "longer than 5 bytes"},
		{[]byte{0x81, 0x81}, 0, 0, "cut short"},
		{nil, 0, 0, "cut short"},
	}
	for _, tt := range tests {
		v, n, err := readUintBase128(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("readUintBase128(% x) error = %v, want one saying %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || v != tt.want || n != tt.n {
			t.Errorf("readUintBase128(% x) = %d, %d, %v; want %d, %d", tt.in, v, n, err, tt.want, tt.n)
		}
	}
	for _, v := range []uint32{0, 1, 127, 128, 16383, 16384, 1 << 28, 0xFFFFFFFF} {
		b := appendUintBase128(nil, v)
		if got, n, err := readUintBase128(b); got != v || n != len(b) || err != nil {
			t.Errorf("round trip of %d through % x = %d, %d, %v", v, b, got, n, err)
		}
	}
}

// TestReadInter checks the reader against what fontTools lists in the
// committed files: 1,576 code points each, at 2048 units per em.
func TestReadInter(t *testing.T) {
	for name, file := range map[string]string{"regular": interRegular, "semibold": interSemiBold} {
		f, err := readWOFF2([]byte(file))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if f.unitsPerEm != 2048 || len(f.advances) != 1576 {
			t.Errorf("%s: %d units per em and %d runes, want 2048 and 1576", name, f.unitsPerEm, len(f.advances))
		}
	}
}

func FuzzReadWOFF2(f *testing.F) {
	f.Add(buildWOFF2(f, testTables()))
	f.Add([]byte(interRegular)[:2000])
	f.Add([]byte("wOF2"))
	f.Fuzz(func(t *testing.T, b []byte) {
		info, err := readWOFF2(b)
		if err == nil && info.unitsPerEm < 16 {
			t.Errorf("read %d units per em", info.unitsPerEm)
		}
	})
}
