package mermaid

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

const example = `journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me
      Do work: 1: Me, Cat
    section Go home
      Go downstairs: 5: Me
      Sit down: 5: Me
`

func TestParseExample(t *testing.T) {
	want := &Diagram{
		Title: "My working day",
		Sections: []Section{
			{Name: "Go to work", Line: 3, Tasks: []Task{
				{Name: "Make tea", Score: 5, Actors: []string{"Me"}, Line: 4},
				{Name: "Go upstairs", Score: 3, Actors: []string{"Me"}, Line: 5},
				{Name: "Do work", Score: 1, Actors: []string{"Me", "Cat"}, Line: 6},
			}},
			{Name: "Go home", Line: 7, Tasks: []Task{
				{Name: "Go downstairs", Score: 5, Actors: []string{"Me"}, Line: 8},
				{Name: "Sit down", Score: 5, Actors: []string{"Me"}, Line: 9},
			}},
		},
	}
	got, errs := Parse([]byte(example))
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%#v\nwant\n%#v", got, want)
	}
}

// one builds a diagram of one section holding one task, the shape most
// cases below need.
func one(section string, sectionLine int, task Task) *Diagram {
	return &Diagram{Sections: []Section{{Name: section, Line: sectionLine, Tasks: []Task{task}}}}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want *Diagram
	}{
		{
			name: "markdown fence",
			src: "# My day\n\nSome text.\n\n" +
				"```mermaid\ngraph TD\n  A --> B\n```\n\n" + // another diagram first
				"````markdown\n```mermaid\njourney\n  Example: 1: Me\n```\n````\n" + // an example inside a fence
				"```mermaid\n%% the real one\njourney\n  title Fenced\n  section S\n    Make tea: 5: Me\n```\n\n" +
				"```mermaid\njourney\n  Second: 1: Me\n```\nMore text.\n",
			want: &Diagram{Title: "Fenced", Sections: []Section{{Name: "S", Line: 20, Tasks: []Task{
				{Name: "Make tea", Score: 5, Actors: []string{"Me"}, Line: 21},
			}}}},
		},
		{
			name: "indented tilde fence",
			src:  "- a list item:\n\n  ~~~ Mermaid\n  journey\n    Make tea: 5: Me\n  ~~~\n",
			want: one("", 5, Task{Name: "Make tea", Score: 5, Actors: []string{"Me"}, Line: 5}),
		},
		{
			name: "byte order mark",
			src:  "\uFEFFjourney\n  Make tea: 5: Me\n",
			want: one("", 2, Task{Name: "Make tea", Score: 5, Actors: []string{"Me"}, Line: 2}),
		},
		{
			name: "CRLF",
			src:  "journey\r\n  title T\r\n  section S\r\n    Make tea: 5: Me, Cat\r\n",
			want: &Diagram{Title: "T", Sections: []Section{{Name: "S", Line: 3, Tasks: []Task{
				{Name: "Make tea", Score: 5, Actors: []string{"Me", "Cat"}, Line: 4},
			}}}},
		},
		{
			name: "comments, blank lines and tabs",
			src:  "%%{init: {'theme': 'forest'}}%%\n\n%% before\njourney\n\t%% inside\n\n\tsection\tS\n\t\tMake tea:\t5 :\tMe \n%%\n",
			want: one("S", 7, Task{Name: "Make tea", Score: 5, Actors: []string{"Me"}, Line: 8}),
		},
		{
			name: "accessibility lines",
			src: "journey\n  accTitle: A: title\n  accDescr: One line\n  accDescr {\n    Several: 1: lines\n    section not one\n  }\n" +
				"  accDescr{ on one line }\n  section S\n    Make tea: 5: Me\n",
			want: one("S", 9, Task{Name: "Make tea", Score: 5, Actors: []string{"Me"}, Line: 10}),
		},
		{
			name: "statement after an accDescr block",
			src:  "journey\n  accDescr { x\n  } section S\n    Make tea: 5: Me\n",
			want: one("S", 3, Task{Name: "Make tea", Score: 5, Actors: []string{"Me"}, Line: 4}),
		},
		{
			name: "tasks before any section",
			src:  "journey\n  Wake up: 2: Me\n  section Work\n    Do work: 1\n",
			want: &Diagram{Sections: []Section{
				{Line: 2, Tasks: []Task{{Name: "Wake up", Score: 2, Actors: []string{"Me"}, Line: 2}}},
				{Name: "Work", Line: 3, Tasks: []Task{{Name: "Do work", Score: 1, Line: 4}}},
			}},
		},
		{
			name: "no actors",
			src:  "journey\n  section S\n    Make tea: 4\n    Drink tea: 5:\n    Wash up: 2: , \n",
			want: &Diagram{Sections: []Section{{Name: "S", Line: 2, Tasks: []Task{
				{Name: "Make tea", Score: 4, Line: 3},
				{Name: "Drink tea", Score: 5, Line: 4},
				{Name: "Wash up", Score: 2, Line: 5},
			}}}},
		},
		{
			name: "empty actors are dropped",
			src:  "journey\n  Make tea: 4: Me,, Cat ,\n",
			want: one("", 2, Task{Name: "Make tea", Score: 4, Actors: []string{"Me", "Cat"}, Line: 2}),
		},
		{
			name: "entity codes",
			src: "journey\n  title Q3#58; #quot;pay#quot; #amp; more#59; #35;1\n  section Day 1#colon; #lt;web#gt;\n" +
				"    Pay#58; card: 2: Smith#44; John, Cat#semi;, #num;3\n" +
				"    #1050;от #128049;: 3\n" +
				"    Kept #unknown; #0; #55296; #x3A; #: 4\n",
			want: &Diagram{Title: `Q3: "pay" & more; #1`, Sections: []Section{{Name: "Day 1: <web>", Line: 3, Tasks: []Task{
				{Name: "Pay: card", Score: 2, Actors: []string{"Smith, John", "Cat;", "#3"}, Line: 4},
				{Name: "Кот 🐱", Score: 3, Line: 5},
				{Name: "Kept #unknown; #0; #55296; #x3A; #", Score: 4, Line: 6},
			}}}},
		},
		{
			name: "keywords in any case",
			src:  "JOURNEY\n  Title T\n  SECTION S\n    Make tea: 5: Me\n",
			want: &Diagram{Title: "T", Sections: []Section{{Name: "S", Line: 3, Tasks: []Task{
				{Name: "Make tea", Score: 5, Actors: []string{"Me"}, Line: 4},
			}}}},
		},
		{
			name: "keywords need a space",
			src:  "journey\n  title: 2\n  sections: 3\n  Journeyman: 4\n",
			want: &Diagram{Sections: []Section{{Line: 2, Tasks: []Task{
				{Name: "title", Score: 2, Line: 2},
				{Name: "sections", Score: 3, Line: 3},
				{Name: "Journeyman", Score: 4, Line: 4},
			}}}},
		},
		{
			name: "a raw colon in a section name",
			src:  "journey\n  section Day 1: morning\n    Make tea: 5\n",
			want: one("Day 1: morning", 2, Task{Name: "Make tea", Score: 5, Line: 3}),
		},
		{
			name: "last title wins",
			src:  "journey\n  title One\n  Make tea: 5\n  title Two\n",
			want: &Diagram{Title: "Two", Sections: []Section{{Line: 3, Tasks: []Task{{Name: "Make tea", Score: 5, Line: 3}}}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := Parse([]byte(tt.src))
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%#v\nwant\n%#v", got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	const noScore = "write `Make tea: 3: Me`, a score from 1 to 5"
	tests := []struct {
		name  string
		src   string
		want  []Error
		tasks []string // the names of the tasks read despite the errors
	}{
		{
			name:  "no journey keyword",
			src:   "%% a comment\n\n  title T\n  Make tea: 5: Me\n",
			want:  []Error{{Line: 3, Msg: "the diagram does not start with journey", Hint: hintJourney}},
			tasks: []string{"Make tea"},
		},
		{
			name: "another diagram",
			src:  "graph TD\n  A-->B\n",
			want: []Error{
				{Line: 1, Msg: "the diagram does not start with journey", Hint: hintJourney},
				// Keep going: later lines may be journey lines.
				{Line: 2, Msg: `task "A-->B" has no score`, Hint: "write `A-->B: 3: Me`, a score from 1 to 5"},
			},
		},
		{
			name: "a mermaid fence without a journey",
			src:  "Text.\n\n```mermaid\ngraph TD\n```\n",
			want: []Error{
				{Line: 4, Msg: "the diagram does not start with journey", Hint: hintJourney},
				{Line: 4, Msg: "the diagram has no task", Hint: hintTask},
			},
		},
		{
			name: "task without a score",
			src:  "journey\n  Make tea\n",
			want: []Error{{Line: 2, Msg: `task "Make tea" has no score`, Hint: noScore}},
		},
		{
			name: "task with an empty score",
			src:  "journey\n  Make tea: : Me\n",
			want: []Error{{Line: 2, Msg: `task "Make tea" has no score`, Hint: noScore}},
		},
		{
			name: "score not an integer",
			src:  "journey\n  Make tea: high: Me\n  Go out: 4.5\n",
			want: []Error{
				{Line: 2, Msg: `score "high" is not an integer`, Hint: hintScore},
				{Line: 3, Msg: `score "4.5" is not an integer`, Hint: hintScore},
			},
		},
		{
			name: "score out of range",
			src:  "journey\n  Make tea: 0: Me\n  Go out: 6\n  Sleep: 99999999999999999999\n",
			want: []Error{
				{Line: 2, Msg: "score 0 is out of range", Hint: hintScore},
				{Line: 3, Msg: "score 6 is out of range", Hint: hintScore},
				{Line: 4, Msg: "score 99999999999999999999 is out of range", Hint: hintScore},
			},
		},
		{
			name: "empty task name",
			src:  "journey\n  : 3: Me\n  #32;: 4\n  :\n",
			want: []Error{
				{Line: 2, Msg: "task has no name", Hint: "write the name before the score, as in `Make tea: 3: Me`"},
				{Line: 3, Msg: "task has no name", Hint: "write the name before the score, as in `Make tea: 3: Me`"},
				{Line: 4, Msg: "task has no name", Hint: "write the name before the score, as in `Make tea: 3: Me`"},
				{Line: 4, Msg: "task has no score", Hint: noScore},
			},
		},
		{
			name: "too many colons",
			src:  "journey\n  Call at 10:30: 4: Me\n",
			want: []Error{{Line: 2, Msg: "task has too many colons", Hint: "write a colon inside a name as `#58;`"}},
		},
		{
			name: "unknown lines",
			src:  "journey\n  }\n  ```\n  accTitle the title\n  Make tea: 5\n",
			want: []Error{
				{Line: 2, Msg: `unknown line "}"`, Hint: hintUnknown},
				{Line: 3, Msg: "unknown line \"```\"", Hint: hintUnknown},
				{Line: 4, Msg: `unknown line "accTitle the title"`, Hint: "write `accTitle: TEXT`, `accDescr: TEXT` or `accDescr { TEXT }`"},
			},
			tasks: []string{"Make tea"},
		},
		{
			name: "empty title and section name",
			src:  "journey\n  title\n  section \n  Make tea: 5\n",
			want: []Error{
				{Line: 2, Msg: "title is empty", Hint: "write `title TEXT` or remove the line"},
				{Line: 3, Msg: "section has no name", Hint: "write `section NAME`"},
			},
			tasks: []string{"Make tea"},
		},
		{
			name:  "journey twice",
			src:   "journey\n  Make tea: 5\njourney\n",
			want:  []Error{{Line: 3, Msg: "journey keyword repeated", Hint: "remove this line: `journey` comes once, at the top"}},
			tasks: []string{"Make tea"},
		},
		{
			name:  "accDescr block not closed",
			src:   "journey\n  Make tea: 5\n  accDescr {\n  Lost: 5\n",
			want:  []Error{{Line: 3, Msg: "accDescr block is not closed", Hint: "end the description with `}`"}},
			tasks: []string{"Make tea"},
		},
		{
			name: "no task",
			src:  "\n%% nothing yet\njourney\n  title T\n  section S\n",
			want: []Error{{Line: 3, Msg: "the diagram has no task", Hint: hintTask}},
		},
		{
			name: "empty source",
			src:  "",
			want: []Error{{Line: 1, Msg: "the diagram is empty", Hint: "start with `journey`, then a task such as `Make tea: 3: Me`"}},
		},
		{
			name: "only comments",
			src:  "\uFEFF%% a\r\n\r\n",
			want: []Error{{Line: 1, Msg: "the diagram is empty", Hint: "start with `journey`, then a task such as `Make tea: 3: Me`"}},
		},
		{
			name: "empty fence",
			src:  "Text.\n```mermaid\n```\n",
			want: []Error{{Line: 2, Msg: "the diagram is empty", Hint: "start with `journey`, then a task such as `Make tea: 3: Me`"}},
		},
		{
			name: "several errors",
			src: "title Late\n" +
				"  section Go to work\n" +
				"    Make tea\n" +
				"    Go upstairs: 3: Me\n" +
				"    Do work: 7: Me, Cat\n" +
				"  section\n" +
				"    : 2\n" +
				"    Go downstairs: five\n" +
				"    Sit down: 5: Me\n",
			want: []Error{
				{Line: 1, Msg: "the diagram does not start with journey", Hint: hintJourney},
				{Line: 3, Msg: `task "Make tea" has no score`, Hint: noScore},
				{Line: 5, Msg: "score 7 is out of range", Hint: hintScore},
				{Line: 6, Msg: "section has no name", Hint: "write `section NAME`"},
				{Line: 7, Msg: "task has no name", Hint: "write the name before the score, as in `Make tea: 3: Me`"},
				{Line: 8, Msg: `score "five" is not an integer`, Hint: hintScore},
			},
			tasks: []string{"Go upstairs", "Sit down"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, errs := Parse([]byte(tt.src))
			if !reflect.DeepEqual(errs, tt.want) {
				t.Errorf("got errors\n%s\nwant\n%s", list(errs), list(tt.want))
			}
			var tasks []string
			for _, s := range d.Sections {
				for _, task := range s.Tasks {
					tasks = append(tasks, task.Name)
				}
			}
			if !reflect.DeepEqual(tasks, tt.tasks) {
				t.Errorf("read tasks %q, want %q", tasks, tt.tasks)
			}
		})
	}
}

func list(errs []Error) string {
	var b strings.Builder
	for _, e := range errs {
		b.WriteString(e.Error() + "\n")
	}
	return b.String()
}

func TestErrorString(t *testing.T) {
	for _, tt := range []struct {
		e    Error
		want string
	}{
		{Error{Line: 3, Msg: "score 7 is out of range", Hint: "use an integer from 1 to 5"}, "line 3: score 7 is out of range; use an integer from 1 to 5"},
		{Error{Line: 1, Msg: "bad"}, "line 1: bad"},
	} {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

// tricky holds text that Format must encode: colons, commas, '#', ';',
// "%%", newlines, keywords, padding, Cyrillic and emoji.
var tricky = &Diagram{
	Title: "Q3: onboarding #1; draft\nv2",
	Sections: []Section{
		{Tasks: []Task{{Name: "Wake up", Score: 1, Actors: []string{"Me"}}}},
		{Name: "Day 1: sign-up", Tasks: []Task{
			{Name: "Pay: card", Score: 2, Actors: []string{"Smith, John", "Cat: the", "Кот 🐱"}},
			{Name: "  Оплата картой 💳  ", Score: 5},
			{Name: "section A", Score: 3, Actors: []string{"Me", " ", "title"}},
			{Name: "100%% done #2;", Score: 4, Actors: []string{"a;b"}},
		}},
		{Name: "Этап #2", Tasks: []Task{
			{Name: "Journeyman", Score: 3},
			{Name: "accDescr", Score: 1},
			{Name: "%% not a comment", Score: 2},
			{Name: "two\r\nlines\nhere", Score: 5, Actors: []string{"line\none"}},
		}},
	},
}

const trickyText = "journey\n" +
	"  title Q3: onboarding #35;1#59; draft v2\n" +
	"    Wake up: 1: Me\n" +
	"  section Day 1#58; sign-up\n" +
	"    Pay#58; card: 2: Smith#44; John, Cat#58; the, Кот 🐱\n" +
	"    Оплата картой 💳: 5\n" +
	"    #115;ection A: 3: Me, title\n" +
	"    100#37;% done #35;2#59;: 4: a#59;b\n" +
	"  section Этап #35;2\n" +
	"    #74;ourneyman: 3\n" +
	"    #97;ccDescr: 1\n" +
	"    #37;% not a comment: 2\n" +
	"    two lines here: 5: line one\n"

func TestFormat(t *testing.T) {
	tests := []struct {
		name string
		d    *Diagram
		want string
	}{
		{"tricky text", tricky, trickyText},
		{"nil", nil, "journey\n"},
		{"empty", &Diagram{Title: " \n "}, "journey\n"},
		{
			name: "unnamed sections",
			d: &Diagram{Sections: []Section{
				{Name: " ", Tasks: []Task{{Name: "First", Score: 1}}},
				{Name: "Empty"},
				{Name: "A", Tasks: []Task{{Name: "Second", Score: 2}}},
				{Tasks: []Task{{Name: "Joins A", Score: 3, Actors: []string{"", "Me"}}}},
			}},
			want: "journey\n    First: 1\n  section Empty\n  section A\n    Second: 2\n    Joins A: 3: Me\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(Format(tt.d)); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		d    *Diagram
	}{
		{"example", func() *Diagram { d, _ := Parse([]byte(example)); return d }()},
		{"tricky", tricky},
		{"no title, no actors", &Diagram{Sections: []Section{{Name: "S", Tasks: []Task{{Name: "T", Score: 3}}}}}},
		{"empty section", &Diagram{Sections: []Section{
			{Name: "Empty"},
			{Name: "Full", Tasks: []Task{{Name: "T", Score: 3}}},
		}}},
		{"entity lookalikes", &Diagram{Title: "#58; #amp;", Sections: []Section{{Name: "#35;", Tasks: []Task{
			{Name: "#58;", Score: 1, Actors: []string{"#44;", "&amp;"}},
		}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkRoundTrip(t, tt.d)
		})
	}
}

// checkRoundTrip checks that Parse reads Format(d) back as d, apart from
// what Format documents it drops.
func checkRoundTrip(t *testing.T, d *Diagram) {
	t.Helper()
	src := Format(d)
	got, errs := Parse(src)
	if len(errs) > 0 {
		t.Fatalf("errors reading\n%s\n%v", src, errs)
	}
	if want := normal(d); !reflect.DeepEqual(zeroLines(got), want) {
		t.Fatalf("reading\n%s\ngot\n%#v\nwant\n%#v", src, zeroLines(got), want)
	}
}

// normal is d as Parse reads it back from Format: names trimmed and on
// one line, no empty actors, no Line.
func normal(d *Diagram) *Diagram {
	out := &Diagram{Title: oneLine(d.Title)}
	for _, s := range d.Sections {
		s.Name, s.Line = oneLine(s.Name), 0
		var tasks []Task
		for _, task := range s.Tasks {
			task.Name, task.Line = oneLine(task.Name), 0
			var actors []string
			for _, a := range task.Actors {
				if a = oneLine(a); a != "" {
					actors = append(actors, a)
				}
			}
			task.Actors = actors
			tasks = append(tasks, task)
		}
		s.Tasks = tasks
		out.Sections = append(out.Sections, s)
	}
	return out
}

func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\r\n", " ")
	s = strings.ReplaceAll(s, "\r", " ")
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.TrimSpace(s)
}

func zeroLines(d *Diagram) *Diagram {
	out := &Diagram{Title: d.Title}
	for _, s := range d.Sections {
		s.Line = 0
		s.Tasks = append([]Task(nil), s.Tasks...)
		for i := range s.Tasks {
			s.Tasks[i].Line = 0
		}
		out.Sections = append(out.Sections, s)
	}
	return out
}

func FuzzRoundTrip(f *testing.F) {
	f.Add("My working day", "", "Go to work", "Make tea", "Me|Cat", "Do work", "", uint8(4), uint8(0))
	f.Add("Q3: #1; draft", "Day 1: sign-up", "Этап #2", "Pay: card", "Smith, John|Cat: the", "section A", "Кот 🐱", uint8(1), uint8(3))
	f.Add("", "%% x", "title t", "journey", "a;b| |c", "accDescr {", "#58;", uint8(2), uint8(9))
	f.Add("t\nu", " s ", "accTitle", "two\r\nlines", "x\ny", "100%% #amp;", "}", uint8(0), uint8(255))
	f.Fuzz(func(t *testing.T, title, sec0, sec1, task0, actors0, task1, actors1 string, score0, score1 uint8) {
		for _, s := range []string{title, sec0, sec1, task0, actors0, task1, actors1} {
			if !utf8.ValidString(s) {
				t.Skip("not UTF-8")
			}
		}
		// Names are trimmed when read, so an empty one cannot come back;
		// the first section may be unnamed, and empty actors are dropped.
		for _, s := range []string{sec1, task0, task1} {
			if oneLine(s) == "" {
				t.Skip("empty name")
			}
		}
		actors := func(s string) []string {
			if s == "" {
				return nil
			}
			return strings.Split(s, "|")
		}
		d := &Diagram{Title: title, Sections: []Section{
			{Name: sec0, Tasks: []Task{{Name: task0, Score: int(score0%5) + 1, Actors: actors(actors0)}}},
			{Name: sec1, Tasks: []Task{{Name: task1, Score: int(score1%5) + 1, Actors: actors(actors1)}}},
		}}
		checkRoundTrip(t, d)
	})
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(example))
	f.Add([]byte(trickyText))
	f.Add([]byte("\uFEFF# Day\r\n```mermaid\r\njourney\r\n  accDescr {\r\n x }\r\n  Pay#58; card: 2\r\n```\r\n"))
	f.Add([]byte("title Late\n  section\n    Make tea\n    : 7: Me: Cat\n  accDescr {\n"))
	f.Add([]byte("~~~mermaid\n~~~\n````\n```mermaid\njourney\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, errs := Parse(src)
		n := strings.Count(string(src), "\n") + 1
		for _, e := range errs {
			if e.Line < 1 || e.Line > n {
				t.Fatalf("error at line %d of %d: %v", e.Line, n, e)
			}
		}
		if len(errs) > 0 {
			return
		}
		// What reads without error must come back the same through Format.
		checkRoundTrip(t, d)
	})
}
