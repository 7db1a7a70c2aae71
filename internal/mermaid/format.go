package mermaid

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Format writes d as Mermaid source: "journey", "  title T" (left out when
// empty), "  section S" and "    Task: 5: Actor, Actor", with LF line ends
// and a trailing newline. Parse reads the result back as d, except that
// names are trimmed and put on one line (see the package comment), empty
// actors are left out and a Line is not kept.
//
// Mermaid has no spelling for a section without a name: the tasks of such
// a first section are written before any section line, which is how Parse
// reads them, and those of a later one join the section before it. Format
// does not check scores; Parse reports those out of range.
func Format(d *Diagram) []byte {
	var b bytes.Buffer
	b.WriteString("journey\n")
	if d == nil {
		return b.Bytes()
	}
	if title := encode(d.Title, ""); title != "" {
		b.WriteString("  title " + title + "\n")
	}
	for _, s := range d.Sections {
		// Mermaid ends a section name at a colon.
		if name := encode(s.Name, ":"); name != "" {
			b.WriteString("  section " + name + "\n")
		}
		for _, t := range s.Tasks {
			if note := flatten(t.Note); note != "" {
				b.WriteString("    " + NotePrefix + note + "\n")
			}
			b.WriteString("    " + taskLine(t) + "\n")
		}
	}
	return b.Bytes()
}

// taskLine writes t as `NAME: SCORE: ACTOR, ACTOR`.
func taskLine(t Task) string {
	var actors []string
	for _, a := range t.Actors {
		if a = encode(a, ":,"); a != "" {
			actors = append(actors, a)
		}
	}
	name := encode(t.Name, ":")
	line := func() string {
		l := name + ": " + strconv.Itoa(t.Score)
		if len(actors) > 0 {
			l += ": " + strings.Join(actors, ", ")
		}
		return l
	}
	// A name such as "section A" or "title x" would read back as a
	// keyword line, and Mermaid takes any statement starting with
	// "journey" ("Journeyman") for the keyword: spelling the first
	// character as a code keeps the line a task for both.
	if k, _ := classify(line()); k != kindTask || hasPrefixFold(name, "journey") {
		r, size := utf8.DecodeRuneInString(name)
		name = "#" + strconv.Itoa(int(r)) + ";" + name[size:]
	}
	return line()
}

func hasPrefixFold(s, prefix string) bool {
	_, ok := cutPrefixFold(s, prefix)
	return ok
}
