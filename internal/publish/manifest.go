package publish

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// manifestHeader starts a manifest of one quoted name a line. A manifest
// without it is of the older form, one name a line, which a name holding
// a newline broke in two.
const manifestHeader = "cjm-manifest 2"

// formatManifest writes the names, sorted, one quoted name a line.
func formatManifest(names []string) []byte {
	names = slices.Sorted(slices.Values(names))
	var b bytes.Buffer
	b.WriteString(manifestHeader + "\n")
	for _, name := range names {
		b.WriteString(strconv.Quote(name))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// parseManifest reads a manifest of either form. Names cjm would never
// write (a path out of the folder, one of its own) are left out: the
// manifest is a file in the output folder, and anyone may have edited it.
func parseManifest(data []byte) (names map[string]bool, oldForm bool, err error) {
	names = map[string]bool{}
	text := string(data)
	rest, ok := strings.CutPrefix(text, manifestHeader+"\n")
	if !ok {
		for _, name := range strings.Split(text, "\n") {
			if checkName(name) == nil {
				names[name] = true
			}
		}
		return names, true, nil
	}
	for i, line := range strings.Split(strings.TrimSuffix(rest, "\n"), "\n") {
		if line == "" {
			continue
		}
		name, err := strconv.Unquote(line)
		if err != nil {
			return nil, false, fmt.Errorf("line %d is not a quoted file name: %s", i+2, quote(line))
		}
		if checkName(name) == nil {
			names[name] = true
		}
	}
	return names, false, nil
}
