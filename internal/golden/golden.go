// Package golden compares test output with golden files: on a mismatch it
// prints a unified diff, and with -update it rewrites the files.
//
// Markup (SVG, HTML) is stored one element per line, so that a golden file
// reads, and diffs, line by line; see Lines.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files with what the tests produce")

// Update reports whether the test run was asked to rewrite golden files.
func Update() bool { return *update }

// CheckMarkup compares SVG or HTML with the golden file at path, which
// holds it one element per line (Lines). Lines is lossless, so this is as
// strict as comparing bytes.
func CheckMarkup(t testing.TB, path string, got []byte) {
	t.Helper()
	check(t, path, Lines(got))
}

func check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test with -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what the test produced (run go test with -update to rewrite it, and review the diff):\n%s",
			path, Diff(path, string(want), "got", string(got)))
	}
}

// Lines breaks markup after every '>' that is followed by '<' or by a
// newline: one element a line. It is lossless: a '>' followed by a
// newline in the input is followed by two in the output, so the input is
// got back by removing the newline after every '>' that is followed by
// "\n<" or "\n\n".
func Lines(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/16)
	for i, c := range b {
		out = append(out, c)
		if c == '>' && i+1 < len(b) && (b[i+1] == '<' || b[i+1] == '\n') {
			out = append(out, '\n')
		}
	}
	return out
}

// Unlines undoes Lines.
func Unlines(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		out = append(out, b[i])
		if b[i] == '>' && i+2 < len(b) && b[i+1] == '\n' && (b[i+2] == '<' || b[i+2] == '\n') {
			i++
		}
	}
	return out
}

// maxDiffLines caps a diff's length in a test's output.
const maxDiffLines = 300

// Diff returns a unified diff, with three lines of context, from a (named
// aName) to b (named bName); "" if they are equal.
func Diff(aName, a, bName, b string) string {
	if a == b {
		return ""
	}
	x, y := splitLines(a), splitLines(b)
	ops := diffOps(x, y)
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s\n+++ %s\n", aName, bName)
	lines := 0
	const ctx = 3
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		// A hunk: from ctx lines before this change to ctx lines after
		// the last change closer than 2*ctx to the one before it.
		start := max(i-ctx, 0)
		for start < i && ops[start].kind != ' ' {
			start++
		}
		end := i
		for j := i; j < len(ops); j++ {
			if ops[j].kind != ' ' {
				end = j
			} else if j-end > 2*ctx {
				break
			}
		}
		stop := min(end+ctx+1, len(ops))
		aStart, bStart := ops[start].a, ops[start].b
		var an, bn int
		for _, op := range ops[start:stop] {
			if op.kind != '+' {
				an++
			}
			if op.kind != '-' {
				bn++
			}
		}
		fmt.Fprintf(&sb, "@@ -%s +%s @@\n", span(aStart, an), span(bStart, bn))
		for _, op := range ops[start:stop] {
			if lines++; lines > maxDiffLines {
				fmt.Fprintf(&sb, "... (diff cut at %d lines)\n", maxDiffLines)
				return sb.String()
			}
			line := op.text
			if !strings.HasSuffix(line, "\n") {
				line += "\n\\ No newline at end of file\n"
			}
			sb.WriteString(string(op.kind) + line)
		}
		i = stop
	}
	return sb.String()
}

func span(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	if n == 1 {
		return fmt.Sprint(start + 1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

// splitLines splits s after each newline; a last line without one is
// kept as it is.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// op is a line of a diff: ' ' kept, '-' only in a, '+' only in b; a and b
// are the numbers of the lines of a and b before it.
type op struct {
	kind rune
	text string
	a, b int
}

// maxCells bounds the table of the longest common subsequence; past it,
// the differing middle is shown as removed, then added.
const maxCells = 25_000_000

// diffOps aligns x and y on a longest common subsequence of lines, after
// taking off their common beginning and end.
func diffOps(x, y []string) []op {
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	var ops []op
	ai, bi := 0, 0
	keep := func(s string) { ops = append(ops, op{' ', s, ai, bi}); ai++; bi++ }
	del := func(s string) { ops = append(ops, op{'-', s, ai, bi}); ai++ }
	add := func(s string) { ops = append(ops, op{'+', s, ai, bi}); bi++ }
	for _, s := range x[:pre] {
		keep(s)
	}
	mx, my := x[pre:len(x)-suf], y[pre:len(y)-suf]
	n, m := len(mx), len(my)
	if n*m > maxCells {
		for _, s := range mx {
			del(s)
		}
		for _, s := range my {
			add(s)
		}
	} else {
		// lcs[i][j]: the length of a longest common subsequence of mx[i:] and my[j:].
		lcs := make([][]int32, n+1)
		for i := range lcs {
			lcs[i] = make([]int32, m+1)
		}
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				if mx[i] == my[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < n || j < m {
			switch {
			case i < n && j < m && mx[i] == my[j]:
				keep(mx[i])
				i++
				j++
			case j < m && (i == n || lcs[i][j+1] > lcs[i+1][j]):
				add(my[j])
				j++
			default:
				del(mx[i])
				i++
			}
		}
	}
	for _, s := range x[len(x)-suf:] {
		keep(s)
	}
	return ops
}
