// Package mermaid reads and writes Mermaid "journey" diagrams (user journey
// diagrams), so that a map drawn in the Mermaid live editor or pasted from a
// Markdown page can come into the site, and a map can go back out.
//
// Parse is lenient: it takes the diagram alone or inside a ```mermaid fence
// of a Markdown page, skips comments and accessibility lines, decodes
// Mermaid's entity codes (#58; for ':' and so on) and trims names of
// surrounding spaces. It reports every problem it finds, with its line, so
// that a build can list them all at once.
//
// Format is strict: it writes text that both Mermaid and Parse read back as
// the same diagram, spelling with entity codes the characters that would
// otherwise end or split a name. Because names are trimmed when read, Format
// does not keep leading or trailing spaces either, and it writes newlines
// inside names as spaces, since a Mermaid statement is one line.
package mermaid

import (
	"strconv"
	"strings"
)

// Diagram is one journey diagram.
type Diagram struct {
	Title    string
	Sections []Section
}

// Section is a stage of the journey. Tasks written before any section line
// belong to a section with an empty Name.
type Section struct {
	Name  string
	Line  int // 1-based line in the source (of its first task when unnamed); 0 when built in code
	Tasks []Task
}

// Task is one step, with how it felt and who takes part.
type Task struct {
	Name   string
	Score  int // 1 (worst) to 5 (best)
	Actors []string
	Line   int // 1-based line in the source; 0 when built in code
	// Note is what a `%% cjm: TEXT` comment right above the task says:
	// what a tool keeps about the task that Mermaid has no place for
	// (Mermaid ignores comments). Format writes it back above the task.
	Note string
}

// NotePrefix starts a comment that holds a task's Note.
const NotePrefix = "%% cjm: "

// Error is a problem at a line of the source.
type Error struct {
	Line int    // 1-based line in the source
	Msg  string // what is wrong, lower case
	Hint string // what would be right
}

// Error formats the problem as "line N: msg; hint", the hint left out when
// there is none.
func (e Error) Error() string {
	var b strings.Builder
	b.WriteString("line ")
	b.WriteString(strconv.Itoa(e.Line))
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(e.Hint)
	}
	return b.String()
}
