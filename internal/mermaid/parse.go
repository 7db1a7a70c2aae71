package mermaid

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cjm-portal/cjm/internal/diag"
)

// Hints shared by several errors.
const (
	hintJourney = "start the diagram with `journey`"
	hintTask    = "add a task such as `Make tea: 3: Me`"
	hintScore   = "use an integer from 1 to 5"
	hintUnknown = "write `title TEXT`, `section NAME` or a task such as `Make tea: 3: Me`"
)

// Parse reads a diagram. It reports every problem it finds, not just the
// first, each with its line, in line order; the Diagram holds what could be
// read: a task whose name or score is wrong is left out.
//
// src is a journey diagram, or a Markdown page holding one in a ```mermaid
// fence: then the first such fence whose diagram starts with `journey` is
// read, and lines are still counted from the top of the page.
// Keywords are case-insensitive, as in Mermaid; when there are several
// titles the last wins, as in Mermaid; empty actors ("Me, , Cat") are
// dropped. Accessibility lines (accTitle, accDescr) are skipped: a Diagram
// has no place for them.
func Parse(src []byte) (*Diagram, []Error) {
	lines := splitLines(src)
	from, to := diagramLines(lines)
	p := parser{d: &Diagram{}, lines: lines[:to]}
	p.read(from)
	p.finish(max(from, 1)) // a fence's diagram is reported at its opening line
	slices.SortStableFunc(p.errs, func(a, b Error) int { return cmp.Compare(a.Line, b.Line) })
	return p.d, p.errs
}

// splitLines drops a leading byte order mark and splits src into lines
// without their LF or CRLF ends.
func splitLines(src []byte) []string {
	s := strings.TrimPrefix(string(src), "\uFEFF")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// diagramLines returns the range of lines that hold the diagram: all of
// them, or the inside of a ```mermaid fence when the source is Markdown.
// It prefers the first fence holding a journey, then the first mermaid
// fence (whose missing keyword Parse then reports), then the whole source.
func diagramLines(lines []string) (from, to int) {
	if i := firstMeaningful(lines, 0, len(lines)); i < 0 || isJourney(lines[i]) {
		return 0, len(lines)
	}
	found := false
	for i := 0; i < len(lines); i++ {
		c, n, info, ok := fenceOpen(lines[i])
		if !ok {
			continue
		}
		end := fenceEnd(lines, i+1, c, n)
		// Other fences are skipped whole: a ```mermaid fence inside a
		// ````markdown one is an example, not the diagram.
		if f := strings.Fields(info); len(f) > 0 && strings.EqualFold(f[0], "mermaid") {
			if j := firstMeaningful(lines, i+1, end); j >= 0 && isJourney(lines[j]) {
				return i + 1, end
			}
			if !found {
				found, from, to = true, i+1, end
			}
		}
		i = end
	}
	if found {
		return from, to
	}
	return 0, len(lines)
}

// firstMeaningful returns the index of the first line in [from, to) that is
// neither blank nor a comment, or -1.
func firstMeaningful(lines []string, from, to int) int {
	for i := from; i < to; i++ {
		if k, _ := classify(strings.TrimSpace(lines[i])); k != kindBlank && k != kindComment {
			return i
		}
	}
	return -1
}

func isJourney(line string) bool {
	k, _ := classify(strings.TrimSpace(line))
	return k == kindJourney
}

// fenceOpen reports whether line opens a Markdown code fence, and returns
// its character, its length and its info string. Any indentation is
// allowed, since fences in list items are indented too.
func fenceOpen(line string) (c byte, n int, info string, ok bool) {
	t := strings.TrimSpace(line)
	if len(t) < 3 || t[0] != '`' && t[0] != '~' {
		return 0, 0, "", false
	}
	c = t[0]
	for n < len(t) && t[n] == c {
		n++
	}
	info = strings.TrimSpace(t[n:])
	if n < 3 || c == '`' && strings.ContainsRune(info, '`') {
		return 0, 0, "", false
	}
	return c, n, info, true
}

// fenceEnd returns the index of the line that closes a fence of n c's
// opened before lines[from], or len(lines): an unclosed fence runs to the
// end of the page.
func fenceEnd(lines []string, from int, c byte, n int) int {
	for i := from; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if len(t) >= n && strings.Trim(t, string(c)) == "" {
			return i
		}
	}
	return len(lines)
}

// lineKind is what a line is, judged on the line alone.
type lineKind int

const (
	kindBlank lineKind = iota
	kindComment
	kindJourney
	kindTitle
	kindSection
	kindAccTitle
	kindAccDescr
	kindAccDescrBlock // accDescr { ... }, which may run over several lines
	kindTask          // anything else
)

// classify tells what a trimmed line is and returns the text after its
// keyword. Keywords are case-insensitive, as in Mermaid. Format uses it too,
// to make sure a task it writes does not read back as something else.
func classify(line string) (lineKind, string) {
	if line == "" {
		return kindBlank, ""
	}
	if strings.HasPrefix(line, "%%") {
		return kindComment, ""
	}
	if rest, ok := keyword(line, "journey"); ok && rest == "" {
		return kindJourney, ""
	}
	if rest, ok := keyword(line, "title"); ok {
		return kindTitle, rest
	}
	if rest, ok := keyword(line, "section"); ok {
		return kindSection, rest
	}
	if rest, ok := cutPrefixFold(line, "accTitle"); ok {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(rest), ":"); ok {
			return kindAccTitle, strings.TrimSpace(rest)
		}
	}
	if rest, ok := cutPrefixFold(line, "accDescr"); ok {
		rest = strings.TrimSpace(rest)
		if rest, ok := strings.CutPrefix(rest, ":"); ok {
			return kindAccDescr, strings.TrimSpace(rest)
		}
		if rest, ok := strings.CutPrefix(rest, "{"); ok {
			return kindAccDescrBlock, rest
		}
	}
	return kindTask, line
}

// keyword reports whether line is the word kw, alone or followed by space,
// and returns the trimmed rest.
func keyword(line, kw string) (string, bool) {
	rest, ok := cutPrefixFold(line, kw)
	if !ok {
		return "", false
	}
	if r, _ := utf8.DecodeRuneInString(rest); rest != "" && !unicode.IsSpace(r) {
		return "", false
	}
	return strings.TrimSpace(rest), true
}

// cutPrefixFold is strings.CutPrefix ignoring ASCII case only: Unicode
// folding would take "ſection" (long s) for a keyword, which Mermaid does not.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) {
		return s, false
	}
	for i := 0; i < len(prefix); i++ {
		if lower(s[i]) != lower(prefix[i]) {
			return s, false
		}
	}
	return s[len(prefix):], true
}

// equalFold is strings.EqualFold for ASCII case only, like cutPrefixFold.
func equalFold(s, t string) bool {
	_, ok := cutPrefixFold(s, t)
	return ok && len(s) == len(t)
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// parser holds the state of one Parse.
type parser struct {
	d       *Diagram
	errs    []Error
	lines   []string // the source up to the end of the diagram
	journey int      // line of the journey keyword; 0 until seen
	first   int      // line of the first meaningful line; 0 until seen
	tasks   bool     // a line was read as a task, right or wrong
	open    bool     // an accDescr block runs to the end
	note    string   // a `%% cjm:` comment waiting for the next task
}

func (p *parser) errorf(line int, hint, format string, args ...any) {
	p.errs = append(p.errs, Error{Line: line, Msg: diag.Sprintf(format, args...), Hint: hint})
}

// read reads the lines from index from to the end.
func (p *parser) read(from int) {
	for i := from; i < len(p.lines); i++ {
		text := p.lines[i]
		// One line may hold more than one statement, when text follows
		// the } that closes an accDescr block.
		for {
			kind, rest := classify(strings.TrimSpace(text))
			if kind == kindComment {
				if note, ok := strings.CutPrefix(strings.TrimSpace(text), NotePrefix); ok {
					p.note = strings.TrimSpace(note)
				}
			}
			if kind == kindBlank || kind == kindComment || !p.start(i+1, kind, text) {
				break
			}
			if kind != kindAccDescrBlock {
				p.statement(i+1, kind, rest)
				break
			}
			end, after, ok := p.blockEnd(i, rest)
			if !ok {
				p.errorf(i+1, "end the description with `}`", "accDescr block is not closed")
				p.open = true
				return
			}
			i, text = end, after
		}
	}
}

// start checks that the first meaningful line is the journey keyword. It
// returns whether the line still needs reading as a statement.
func (p *parser) start(n int, kind lineKind, text string) bool {
	if p.first > 0 {
		return true
	}
	p.first = n
	if kind == kindJourney {
		p.journey = n
		return false
	}
	p.errorf(n, hintJourney, "the diagram does not start with journey")
	// A line that is no journey statement is likely the header of another
	// diagram ("graph TD"): the error above says all there is to say.
	return kind != kindTask || strings.Contains(text, ":")
}

// blockEnd finds the } that closes an accDescr block opened at line index i,
// rest being the text after its {. It returns the index of the line of the
// } and the text after it.
func (p *parser) blockEnd(i int, rest string) (int, string, bool) {
	for {
		if _, after, ok := strings.Cut(rest, "}"); ok {
			return i, after, true
		}
		if i++; i >= len(p.lines) {
			return 0, "", false
		}
		rest = p.lines[i]
	}
}

// statement reads one meaningful line other than the journey keyword.
func (p *parser) statement(n int, kind lineKind, rest string) {
	switch kind {
	case kindJourney:
		// When the keyword was missing from the top, that error covers
		// this line too.
		if p.journey > 0 {
			p.errorf(n, "remove this line: `journey` comes once, at the top", "journey keyword repeated")
		}
	case kindTitle:
		if rest == "" {
			p.errorf(n, "write `title TEXT` or remove the line", "title is empty")
			return
		}
		p.d.Title = text(rest)
	case kindSection:
		name := text(rest)
		if name == "" {
			p.errorf(n, "write `section NAME`", "section has no name")
			return
		}
		p.d.Sections = append(p.d.Sections, Section{Name: name, Line: n})
	case kindAccTitle, kindAccDescr:
		// Accessibility text has no place in a Diagram.
	case kindTask:
		p.task(n, rest)
	}
}

// task reads a line `NAME: SCORE: ACTOR, ACTOR`, the actors being optional.
func (p *parser) task(n int, line string) {
	p.tasks = true
	rawName, data, ok := strings.Cut(line, ":")
	rawName = strings.TrimSpace(rawName)
	if !ok {
		if first := strings.Fields(line)[0]; equalFold(first, "accTitle") || equalFold(first, "accDescr") {
			p.errorf(n, "write `accTitle: TEXT`, `accDescr: TEXT` or `accDescr { TEXT }`", "unknown line %q", line)
			return
		}
		// Text without a letter or digit ("}", "-->", "```") is no name
		// anyone meant for a task.
		if !strings.ContainsFunc(line, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			p.errorf(n, hintUnknown, "unknown line %q", line)
			return
		}
		p.errorf(n, fmt.Sprintf("write `%s: 3: Me`, a score from 1 to 5", rawName), "task %q has no score", rawName)
		return
	}
	t := Task{Name: text(rawName), Line: n, Note: p.note}
	p.note = ""
	valid := true
	if t.Name == "" {
		p.errorf(n, "write the name before the score, as in `Make tea: 3: Me`", "task has no name")
		valid = false
	}
	rawScore, actors, _ := strings.Cut(data, ":")
	if strings.Contains(actors, ":") {
		// The score is likely wrong too, but that would be a guess.
		p.errorf(n, "write a colon inside a name as `#58;`", "task has too many colons")
		return
	}
	rawScore = strings.TrimSpace(rawScore)
	score, err := strconv.Atoi(rawScore)
	switch {
	case rawScore == "" && rawName == "":
		p.errorf(n, "write `Make tea: 3: Me`, a score from 1 to 5", "task has no score")
		valid = false
	case rawScore == "":
		p.errorf(n, fmt.Sprintf("write `%s: 3: Me`, a score from 1 to 5", rawName), "task %q has no score", rawName)
		valid = false
	case errors.Is(err, strconv.ErrRange), err == nil && (score < 1 || score > 5):
		p.errorf(n, hintScore, "score %s is out of range", rawScore)
		valid = false
	case err != nil:
		p.errorf(n, hintScore, "score %q is not an integer", rawScore)
		valid = false
	}
	if !valid {
		return
	}
	t.Score = score
	for _, a := range strings.Split(actors, ",") {
		// Empty actors ("Me, , Cat", or a trailing comma) name nobody.
		if a = text(a); a != "" {
			t.Actors = append(t.Actors, a)
		}
	}
	if len(p.d.Sections) == 0 {
		p.d.Sections = append(p.d.Sections, Section{Line: n})
	}
	s := &p.d.Sections[len(p.d.Sections)-1]
	s.Tasks = append(s.Tasks, t)
}

// finish reports a diagram that is empty or has no task. top is the line
// to report an empty diagram at.
func (p *parser) finish(top int) {
	if p.first == 0 {
		p.errorf(top, "start with `journey`, then "+strings.TrimPrefix(hintTask, "add "), "the diagram is empty")
		return
	}
	// A task line with an error, or an open accDescr block that swallowed
	// the rest, already explains why no task was read.
	if p.tasks || p.open {
		return
	}
	p.errorf(p.first, hintTask, "the diagram has no task")
}

// text decodes the entity codes in raw text and trims it.
func text(raw string) string {
	return strings.TrimSpace(decode(strings.TrimSpace(raw)))
}
