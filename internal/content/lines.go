package content

import "strconv"

// lineTable maps key paths ("owner", "kpis.1.target") to their lines. A
// large portal holds one per item for as long as it builds, and a map per
// item cost more than the item's text: the paths are joined in one slice
// instead, with where each ends and its line in two more. Items have a few
// dozen keys, so a scan is as quick as hashing.
type lineTable struct {
	paths []byte
	ends  []int32
	lines []int32
}

// set records the line of path. A path read twice is recorded twice, at
// the same line; get finds the first.
func (t *lineTable) set(path string, line int) {
	t.paths = append(t.paths, path...)
	t.ends = append(t.ends, int32(len(t.paths)))
	t.lines = append(t.lines, int32(line))
}

func (t *lineTable) get(path string) (int, bool) {
	if t == nil {
		return 0, false
	}
	start := int32(0)
	for i, end := range t.ends {
		if int(end-start) == len(path) && string(t.paths[start:end]) == path {
			return int(t.lines[i]), true
		}
		start = end
	}
	return 0, false
}

// lineOf is the line of path, 0 when it was not recorded.
func (t *lineTable) lineOf(path string) int {
	l, _ := t.get(path)
	return l
}

// compact trims what appending left spare, once the item is read.
func (t *lineTable) compact() {
	t.paths = append([]byte(nil), t.paths...)
	t.ends = append([]int32(nil), t.ends...)
	t.lines = append([]int32(nil), t.lines...)
}

// joinIndex is the path of a list's item i: "kpis.1".
func joinIndex(path string, i int) string { return path + "." + strconv.Itoa(i) }
