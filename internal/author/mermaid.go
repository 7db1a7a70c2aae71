package author

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/diag"
	"github.com/cjm-portal/cjm/internal/mermaid"
	"github.com/cjm-portal/cjm/internal/site"
)

// ReadMermaid reads a Mermaid journey diagram into a draft: the title is
// the journey's, sections are stages, tasks are touchpoints, a task's
// score (1 to 5) its emotion (-2 to 2), and the actors the journey's
// personas, named by title. Consecutive tasks of one section with the same
// name and no actor in common are one touchpoint that its personas feel
// differently, as Mermaid writes it: its emotion is per persona, unless
// every actor of the diagram got the same score, which is a plain emotion.
// A task without actors is felt by everyone. Problems are reported at
// name:line.
func ReadMermaid(name string, data []byte) (*Draft, diag.List) {
	var diags diag.List
	m, errs := mermaid.Parse(data)
	for _, e := range errs {
		diags.Errorf(name, e.Line, e.Hint, "%s", e.Msg)
	}
	if diags.HasErrors() {
		return nil, diags
	}
	d := &Draft{Title: m.Title}
	if d.Title == "" {
		d.Title = "Journey"
	}
	d.Slug = SlugOf(d.Title)
	var actors []string // every actor of the diagram, in order of first appearance
	for _, sec := range m.Sections {
		for _, task := range sec.Tasks {
			for _, a := range task.Actors {
				if !slices.Contains(actors, a) {
					actors = append(actors, a)
					d.Personas = append(d.Personas, DraftPersona{Slug: SlugOf(a), Title: a})
				}
			}
		}
	}
	slugs := map[string]int{}
	for i, sec := range m.Sections {
		st := DraftStage{Title: sec.Name}
		if st.Title == "" {
			st.Title = fmt.Sprintf("Stage %d", i+1)
		}
		for _, tasks := range sameTask(sec.Tasks) {
			note := readNote(tasks[0].Note)
			slug := SlugOf(tasks[0].Name)
			if note.Slug != "" && checkSlug(note.Slug) == nil {
				slug = note.Slug
			}
			slugs[slug]++
			if n := slugs[slug]; n > 1 {
				slug = fmt.Sprintf("%s-%d", slug, n)
			}
			keys := []Key{
				{"title", tasks[0].Name},
				{"weight", 10 * (len(st.Touchpoints) + 1)}, // the diagram's order, not the titles'
			}
			if !note.NoEmotion {
				keys = append(keys, Key{"emotion", taskEmotion(tasks, actors)})
			}
			if note.Parent != "" {
				keys = append(keys, Key{"parent", note.Parent})
			}
			st.Touchpoints = append(st.Touchpoints, DraftTouchpoint{Slug: slug, Keys: keys})
		}
		d.Stages = append(d.Stages, st)
	}
	return d, diags
}

// taskNote is what cjm keeps about a touchpoint in a `%% cjm:` comment
// above its task, where Mermaid has no place for it: its slug when the
// title would not give it, its parent, and that it has no emotion (Mermaid
// needs a score, so the task says 3).
type taskNote struct {
	Slug      string `json:"slug,omitempty"`
	Parent    string `json:"parent,omitempty"`
	NoEmotion bool   `json:"noEmotion,omitempty"`
}

func readNote(s string) taskNote {
	var n taskNote
	if s != "" {
		_ = json.Unmarshal([]byte(s), &n) // a note cjm did not write says nothing
	}
	return n
}

func (n taskNote) String() string {
	if n == (taskNote{}) {
		return ""
	}
	b, _ := json.Marshal(n) // strings and a bool cannot fail
	return string(b)
}

// sameTask groups consecutive tasks of one name whose actors differ: the
// tasks of one touchpoint. A task without actors stands alone.
func sameTask(tasks []mermaid.Task) [][]mermaid.Task {
	var out [][]mermaid.Task
	for _, t := range tasks {
		if n := len(out); n > 0 && joins(out[n-1], t) {
			out[n-1] = append(out[n-1], t)
			continue
		}
		out = append(out, []mermaid.Task{t})
	}
	return out
}

// joins reports whether t is more of the touchpoint of group: the same
// name, and actors of its own.
func joins(group []mermaid.Task, t mermaid.Task) bool {
	if group[0].Name != t.Name || len(t.Actors) == 0 {
		return false
	}
	for _, g := range group {
		if len(g.Actors) == 0 || slices.ContainsFunc(g.Actors, func(a string) bool { return slices.Contains(t.Actors, a) }) {
			return false
		}
	}
	return true
}

// taskEmotion is the emotion of a touchpoint's tasks: an int when every
// actor of the diagram got one score (or the task names no actor), else
// each actor's, in the diagram's order of actors.
func taskEmotion(tasks []mermaid.Task, actors []string) any {
	if len(tasks) == 1 && len(tasks[0].Actors) == 0 {
		return tasks[0].Score - 3
	}
	score := map[string]int{}
	for _, t := range tasks {
		for _, a := range t.Actors {
			score[a] = t.Score - 3
		}
	}
	var es []content.PersonaEmotion
	same := len(score) == len(actors)
	for _, a := range actors {
		if v, ok := score[a]; ok {
			es = append(es, content.PersonaEmotion{Persona: SlugOf(a), Value: v})
			same = same && v == es[0].Value
		}
	}
	if same {
		return es[0].Value
	}
	return es
}

// Mermaid draws journey j as a Mermaid journey diagram: its stages as
// sections, every touchpoint (children too, in the map's order) as a task
// scored emotion + 3 (3, neutral, when it has no emotion), done by the
// journey's personas. A touchpoint whose personas feel differently is one
// task per value, each naming the personas who feel it.
func Mermaid(j *site.Journey) []byte {
	d := &mermaid.Diagram{Title: j.Title}
	var actors []string
	for _, p := range j.Personas {
		actors = append(actors, p.Title)
	}
	for _, st := range j.Stages {
		sec := mermaid.Section{Name: st.Title}
		for _, tp := range st.Touchpoints {
			note := taskNote{NoEmotion: len(tp.Feelings) == 0}
			if SlugOf(tp.Title) != tp.Slug {
				note.Slug = tp.Slug
			}
			if tp.Parent != nil {
				note.Parent = tp.Parent.Slug
			}
			if !tp.FeelingsDiffer() {
				score := 3
				if v := tp.Unanimous(); v != nil {
					score = *v + 3
				}
				sec.Tasks = append(sec.Tasks, mermaid.Task{Name: tp.Title, Score: score, Actors: actors, Note: note.String()})
				continue
			}
			var values []int
			who := map[int][]string{}
			for _, f := range tp.Feelings {
				if _, ok := who[f.Value]; !ok {
					values = append(values, f.Value)
				}
				who[f.Value] = append(who[f.Value], f.Persona.Title)
			}
			for i, v := range values {
				t := mermaid.Task{Name: tp.Title, Score: v + 3, Actors: who[v]}
				if i == 0 {
					t.Note = note.String()
				}
				sec.Tasks = append(sec.Tasks, t)
			}
		}
		d.Sections = append(d.Sections, sec)
	}
	return mermaid.Format(d)
}
