package theme

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"text/template/parse"
	"time"

	"github.com/cjm-portal/cjm/internal/diag"
)

// Limits bound the rendering of one page, so that no template, however
// written, hangs a build or fills the memory. No page of a real portal
// comes near them: the largest page of a generated portal of 45,000
// touchpoints renders in about a second and is 21 MB.
type Limits struct {
	Time  time.Duration // how long one page may take; 0 means PageTime
	Bytes int           // a page's HTML, and any one text a template makes; 0 means PageBytes
}

const (
	// PageTime is how long one page may take to render.
	PageTime = 10 * time.Second
	// PageBytes is how large one page may grow, and any text a template
	// makes with print, printf or println.
	PageBytes = 64 << 20
	// MaxRange is the largest number a template may range over as
	// written: {{range 100000000000000}} would not end in a lifetime.
	// A number worked out while the page renders is bounded by PageTime.
	MaxRange = 1_000_000
)

func (l Limits) orDefaults() Limits {
	if l.Time <= 0 {
		l.Time = PageTime
	}
	if l.Bytes <= 0 {
		l.Bytes = PageBytes
	}
	return l
}

// LimitError is a page that passed one of the Limits.
type LimitError struct {
	File string // the template's source: layouts/journey.html
	Line int    // where it was stopped; 0 when unknown
	What string // which limit, and what it allows
	Hint string // what would be right
}

func (e *LimitError) Error() string {
	s := e.File
	if e.Line > 0 {
		s += ":" + strconv.Itoa(e.Line)
	}
	return s + ": " + e.What
}

// ErrStopped is the error of a page stopped because the build was: another
// page passed a limit, or Halt was called. It says nothing of the page.
var ErrStopped = errors.New("stopped with the build")

// stoppedIn is ErrStopped for a partial that was not started because the
// build had stopped: a page that ran out of time waiting for its turn on a
// busy machine is then blamed on the partial it was about to render, which
// is where its siblings were stuck, rather than on its own template.
type stoppedIn struct{ template string }

func (s *stoppedIn) Error() string { return s.template + ": " + ErrStopped.Error() }
func (s *stoppedIn) Unwrap() error { return ErrStopped }

// errTooLarge is what the functions of a page say when a text they make
// grows past Limits.Bytes; Execute turns it into a LimitError.
var errTooLarge = errors.New("too large")

// writeTooLarge is what a template's writer says when what it writes
// grows past Limits.Bytes. html/template gives a write error no place: it
// names the template.
type writeTooLarge struct{ template string }

func (e *writeTooLarge) Error() string        { return e.template + ": too large" }
func (e *writeTooLarge) Is(target error) bool { return target == errTooLarge }

// stepFunc is the function every loop and template of a theme calls at
// each step, where a stuck page is stopped (see guard).
const stepFunc = "_cjm_step"

// Halt stops every page being rendered with this theme at its next step,
// and every later one before it starts: each then fails with ErrStopped.
// html/template cannot be interrupted from outside; this is how a page
// that loops without end is stopped.
func (t *Theme) Halt() { t.halted.Store(true) }

// Halted reports whether Halt was called, or a page passed a limit.
func (t *Theme) Halted() bool { return t.halted.Load() }

// step is stepFunc.
func (t *Theme) step() (bool, error) {
	if t.halted.Load() {
		return false, ErrStopped
	}
	return false, nil
}

// limitFuncs are the functions that make text (print, printf, println),
// bounded: {{$s = printf "%s%s" $s $s}} in a loop doubles a text until the
// memory is gone without writing a byte.
func (t *Theme) limitFuncs() template.FuncMap {
	// Texts given are measured first, so that the largest text made is
	// about the limit, not twice it.
	given := func(args []any) int {
		n := 0
		for _, a := range args {
			switch a := a.(type) {
			case string:
				n += len(a)
			case template.HTML:
				n += len(a)
			case []byte:
				n += len(a)
			}
		}
		return n
	}
	bound := func(args []any, print func() string) (string, error) {
		if given(args) > t.limits.Bytes {
			return "", errTooLarge
		}
		if s := print(); len(s) <= t.limits.Bytes {
			return s, nil
		}
		return "", errTooLarge
	}
	return template.FuncMap{
		stepFunc: t.step,
		"print": func(args ...any) (string, error) {
			return bound(args, func() string { return fmt.Sprint(args...) })
		},
		"printf": func(format string, args ...any) (string, error) {
			return bound(args, func() string { return fmt.Sprintf(format, args...) })
		},
		"println": func(args ...any) (string, error) {
			return bound(args, func() string { return fmt.Sprintln(args...) })
		},
	}
}

// limitWriter holds what template (a file name) renders, failing past
// max bytes: this stops a template that multiplies what it writes.
type limitWriter struct {
	buf      *bytes.Buffer
	max      int
	template string
}

func (w *limitWriter) Write(p []byte) (int, error) {
	if w.buf.Len()+len(p) > w.max {
		return 0, &writeTooLarge{w.template}
	}
	return w.buf.Write(p)
}

// run executes template name of set into buf within the limits, as the
// page template page (a file name, for messages).
func (t *Theme) run(set *template.Template, name, page string, buf *bytes.Buffer, data any) error {
	if t.halted.Load() {
		return ErrStopped
	}
	var late atomic.Bool
	timer := time.AfterFunc(t.limits.Time, func() {
		late.Store(true)
		t.Halt() // the build fails: every page may stop
	})
	err := set.ExecuteTemplate(&limitWriter{buf: buf, max: t.limits.Bytes, template: page}, name, data)
	timer.Stop()
	switch {
	case late.Load():
		file, line := t.locate(err, page)
		return &LimitError{File: file, Line: line,
			What: fmt.Sprintf("stopped after %s, the time one page may take", t.limits.Time),
			Hint: "look for a loop or a template that does not end"}
	case errors.Is(err, errTooLarge):
		file, line := t.locate(err, page)
		return &LimitError{File: file, Line: line,
			What: fmt.Sprintf("stopped at %s, the most one page, or a text its templates make, may hold", size(t.limits.Bytes)),
			Hint: "look for a loop or a template that writes without end"}
	}
	return err
}

// templateAt finds where an error of html/template happened; the last
// place is the innermost, in a partial that a function rendered.
var templateAt = regexp.MustCompile(`template: ([^:\s]+):(\d+):`)

// locate names the file and line an execution error happened at; a
// failed write names its template, without a line.
func (t *Theme) locate(err error, page string) (string, int) {
	var w *writeTooLarge
	if errors.As(err, &w) {
		if src, ok := t.sources[w.template]; ok {
			return src, 0
		}
	}
	var s *stoppedIn
	if errors.As(err, &s) {
		if src, ok := t.sources[s.template]; ok && !t.builtin(s.template) {
			return src, 0
		}
	}
	if err != nil {
		if m := templateAt.FindAllStringSubmatch(err.Error(), -1); m != nil {
			last := m[len(m)-1]
			if src, ok := t.sources[last[1]]; ok {
				line, _ := strconv.Atoi(last[2])
				return src, line
			}
		}
	}
	return t.sources[page], 0
}

func size(n int) string {
	switch {
	case n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n%(1<<10) == 0:
		return fmt.Sprintf("%d kB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// guard readies the site's own templates in set (from its layouts/ and
// theme folder) for the limits: each loop's body, and each template,
// starts with a call of stepFunc, where a page is stopped once halted. A
// loop that writes nothing, {{range 1000000}}{{range 1000000}}{{end}}{{end}},
// could not be stopped otherwise. The call is an {{if}} with nothing in
// it: it writes nothing, and html/template leaves it as it is. A range
// over a number larger than MaxRange, as written, is an error at once.
func (t *Theme) guard(set *template.Template, diags *diag.List) {
	for _, tmpl := range set.Templates() {
		tree := tmpl.Tree
		if tree == nil || tree.Root == nil || guarded(tree.Root) || t.builtin(tree.ParseName) {
			continue
		}
		t.guardList(tree, tree.Root, diags)
		tree.Root.Nodes = append([]parse.Node{stepNode(tree.Root.Pos)}, tree.Root.Nodes...)
	}
}

// builtin reports whether the template file name is the built-in
// theme's: its loops run over the site's data and end, and a page that
// takes long would pay for its steps (some 300,000 in a portal of 4,000
// touchpoints).
func (t *Theme) builtin(name string) bool {
	return strings.HasPrefix(t.sources[name], builtinName)
}

func guarded(l *parse.ListNode) bool {
	if len(l.Nodes) == 0 {
		return false
	}
	n, ok := l.Nodes[0].(*parse.IfNode)
	if !ok || len(n.Pipe.Cmds) != 1 || len(n.Pipe.Cmds[0].Args) != 1 {
		return false
	}
	id, ok := n.Pipe.Cmds[0].Args[0].(*parse.IdentifierNode)
	return ok && id.Ident == stepFunc
}

func (t *Theme) guardList(tree *parse.Tree, l *parse.ListNode, diags *diag.List) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.IfNode:
			t.guardList(tree, n.List, diags)
			t.guardList(tree, n.ElseList, diags)
		case *parse.WithNode:
			t.guardList(tree, n.List, diags)
			t.guardList(tree, n.ElseList, diags)
		case *parse.RangeNode:
			if v, ok := constant(n.Pipe); ok && v > MaxRange {
				diags.Errorf(t.sources[tree.ParseName], lineOf(tree, n), fmt.Sprintf("range over the site's data, or over a number up to %d", MaxRange),
					"template: range over %d: more steps than a page can take", v)
			}
			t.guardList(tree, n.List, diags)
			t.guardList(tree, n.ElseList, diags)
			n.List.Nodes = append([]parse.Node{stepNode(n.Pos)}, n.List.Nodes...)
		}
	}
}

// constant is the number a pipeline is, where it is written as one.
func constant(p *parse.PipeNode) (int64, bool) {
	if p == nil || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return 0, false
	}
	switch a := p.Cmds[0].Args[0].(type) {
	case *parse.NumberNode:
		return a.Int64, a.IsInt
	case *parse.PipeNode:
		return constant(a)
	}
	return 0, false
}

// lineOf is the line of node n in its template's file.
func lineOf(tree *parse.Tree, n parse.Node) int {
	loc, _ := tree.ErrorContext(n) // "name:line:column"
	if m := locLine.FindStringSubmatch(loc); m != nil {
		line, _ := strconv.Atoi(m[1])
		return line
	}
	return 0
}

var locLine = regexp.MustCompile(`:(\d+):\d+$`)

// stepNode is {{if _cjm_step}}{{end}} at pos, the place a stopped page
// is said to have been.
func stepNode(pos parse.Pos) *parse.IfNode {
	call := &parse.CommandNode{NodeType: parse.NodeCommand, Pos: pos, Args: []parse.Node{parse.NewIdentifier(stepFunc).SetPos(pos)}}
	return &parse.IfNode{BranchNode: parse.BranchNode{
		NodeType: parse.NodeIf, Pos: pos,
		Pipe: &parse.PipeNode{NodeType: parse.NodePipe, Pos: pos, Cmds: []*parse.CommandNode{call}},
		List: &parse.ListNode{NodeType: parse.NodeList, Pos: pos},
	}}
}
