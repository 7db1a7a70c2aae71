// Package diag holds diagnostics: a problem found in the content, with the
// file and line it comes from, what is wrong and what would be right.
//
// Diagnostics are values, collected rather than returned one at a time, so
// that a build can report every problem it finds in one run.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity tells whether a diagnostic stops the build.
type Severity int

const (
	// Error stops the build: nothing is written.
	Error Severity = iota
	// Warning is a mistake the build can live with (an unknown key, a
	// touchpoint without an emotion); the build goes on.
	Warning
	// Gap is what a map does not yet say (nobody owns a touchpoint, a KPI
	// has no target): the list of the /gaps/ page. The build goes on.
	Gap
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Gap:
		return "gap"
	}
	return "error"
}

// Diagnostic is one problem at one place: in a file of the site, or in
// a flag the command was given.
type Diagnostic struct {
	File string // slash-separated path, relative to the site's source folder
	// Flag names the command-line flag the problem is in ("-base-url")
	// when it is in what the command was given rather than in a file;
	// File is then "".
	Flag     string
	Line     int // 1-based; 0 when the problem concerns the file or folder as a whole
	Severity Severity
	Message  string // what is wrong, lower case: `emotion: 5 is out of range`
	Hint     string // what would be right: `use an integer from -2 to 2`
}

// String formats the diagnostic as `file:line: message; hint`, the form
// editors and CI logs turn into links. Warnings say so after the position.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Place())
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
	}
	b.WriteString(": ")
	if d.Severity != Error {
		b.WriteString(d.Severity.String() + ": ")
	}
	b.WriteString(d.Message)
	if d.Hint != "" {
		b.WriteString("; ")
		b.WriteString(d.Hint)
	}
	return b.String()
}

// Place is where the problem is: the file, or else the flag.
func (d Diagnostic) Place() string {
	if d.File == "" {
		return d.Flag
	}
	return d.File
}

// List collects diagnostics. The zero value is ready to use. A List is not
// safe for concurrent use; each goroutine keeps its own and merges.
type List []Diagnostic

// Errorf adds an error at file:line. A text given for %q is quoted as
// written (see Quote), never with Go's escapes.
func (l *List) Errorf(file string, line int, hint, format string, args ...any) {
	*l = append(*l, Diagnostic{File: file, Line: line, Severity: Error, Message: Sprintf(format, args...), Hint: hint})
}

// FlagErrorf adds an error in the command-line flag named flag
// ("-base-url"), quoting as Errorf does.
func (l *List) FlagErrorf(flag, hint, format string, args ...any) {
	*l = append(*l, Diagnostic{Flag: flag, Severity: Error, Message: Sprintf(format, args...), Hint: hint})
}

// Warnf adds a warning at file:line, quoting as Errorf does.
func (l *List) Warnf(file string, line int, hint, format string, args ...any) {
	*l = append(*l, Diagnostic{File: file, Line: line, Severity: Warning, Message: Sprintf(format, args...), Hint: hint})
}

// Sprintf is fmt.Sprintf for messages people read: a text given for %q is
// quoted as written (see Quote). Other verbs and values print as fmt
// prints them.
func Sprintf(format string, args ...any) string {
	shown := make([]any, len(args)) // the caller's slice stays as it was
	for i, a := range args {
		if s, ok := a.(string); ok {
			a = asWritten(s)
		}
		shown[i] = a
	}
	return fmt.Sprintf(format, shown...)
}

// Quote puts s between double quotes as it was written: a title that holds
// quotes, `Call "Did my order go through?"`, reads as the author wrote
// it, not with Go's backslashes. Only characters that would break the
// message's one line (line ends, tabs, other control characters) are
// written as escapes.
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029':
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// asWritten is a text that %q quotes with Quote.
type asWritten string

func (s asWritten) Format(st fmt.State, verb rune) {
	if verb == 'q' && !st.Flag('#') && !st.Flag('+') {
		fmt.Fprint(st, Quote(string(s)))
		return
	}
	fmt.Fprintf(st, fmt.FormatString(st, verb), string(s))
}

// Add appends diagnostics from another list.
func (l *List) Add(ds ...Diagnostic) { *l = append(*l, ds...) }

// Sort orders the list by file (flags first), line, severity and message, and drops exact
// repeats, so that output is stable whatever order the checks ran in.
func (l List) Sort() List {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Flag != b.Flag {
			return a.Flag < b.Flag
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Severity != b.Severity {
			return a.Severity < b.Severity
		}
		return a.Message < b.Message
	})
	out := l[:0]
	for _, d := range l {
		if len(out) > 0 && d == out[len(out)-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}

// Errors returns only the errors.
func (l List) Errors() List { return l.filter(Error) }

// Warnings returns only the warnings.
func (l List) Warnings() List { return l.filter(Warning) }

// Gaps returns only the gaps.
func (l List) Gaps() List { return l.filter(Gap) }

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

func (l List) filter(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// String formats the list one diagnostic a line.
func (l List) String() string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}
