package content

import "strconv"

// lineTable maps key paths ("owner", "kpis.1.target") to their lines. A
// large portal holds one per item for as long as it builds, and a map per
// item cost more than the item's text: the paths sit in one string instead,
// each ended by a newline, with their lines in a parallel slice. Items have
// a few dozen keys, so a scan is as quick as hashing.
type lineTable struct {
	paths []byte
	lines []int32
}

// set records the line of path. A path read twice is recorded twice, at
// the same line; get finds the first.
func (t *lineTable) set(path string, line int) {
	t.paths = append(append(t.paths, path...), '\n')
	t.lines = append(t.lines, int32(line))
}

func (t *lineTable) get(path string) (int, bool) {
	if t == nil {
		return 0, false
	}
	rest := t.paths
	for i := range t.lines {
		end := 0
		for rest[end] != '\n' {
			end++
		}
		if end == len(path) && string(rest[:end]) == path {
			return int(t.lines[i]), true
		}
		rest = rest[end+1:]
	}
	return 0, false
}

// compact trims what appending left spare, once the item is read.
func (t *lineTable) compact() {
	t.paths = append([]byte(nil), t.paths...)
	t.lines = append([]int32(nil), t.lines...)
}

// joinIndex is the path of a list's item i: "kpis.1".
func joinIndex(path string, i int) string { return path + "." + strconv.Itoa(i) }

// lineOf is the line of path, 0 when it was not recorded.
func (t *lineTable) lineOf(path string) int {
	l, _ := t.get(path)
	return l
}
