package content

import "fmt"

// maxDepth bounds how deeply the maps and lists of a front matter nest.
// Front matter nests three levels at most (kpis, an item, its keys); the
// bound is far beyond that and keeps the decoders' recursion shallow.
const maxDepth = 64

func tooDeep(line int) *fmError {
	return &fmError{line: line, msg: fmt.Sprintf("front matter is nested more than %d levels deep", maxDepth),
		hint: "write lists and maps a few levels deep at most"}
}

// twice is a key given twice in one map: YAML and JSON parsers keep the
// first value and TOML refuses, so every format refuses, naming both lines.
func twice(shown string, first, line int) *fmError {
	return &fmError{line: line, msg: fmt.Sprintf("%s: given twice, at lines %d and %d", shown, first, line), hint: "keep one of them"}
}
