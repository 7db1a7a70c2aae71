package author

import (
	"fmt"

	"github.com/cjm-portal/cjm/internal/diag"
	"github.com/cjm-portal/cjm/internal/mermaid"
	"github.com/cjm-portal/cjm/internal/site"
)

// ReadMermaid reads a Mermaid journey diagram into a draft: the title is
// the journey's, sections are stages, tasks are touchpoints, a task's
// score (1 to 5) its emotion (-2 to 2), and the actors the journey's
// personas, named by title. Problems are reported at name:line.
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
	seenActor := map[string]bool{}
	slugs := map[string]int{}
	for i, sec := range m.Sections {
		st := DraftStage{Title: sec.Name}
		if st.Title == "" {
			st.Title = fmt.Sprintf("Stage %d", i+1)
		}
		for _, task := range sec.Tasks {
			for _, a := range task.Actors {
				if !seenActor[a] {
					seenActor[a] = true
					d.Personas = append(d.Personas, DraftPersona{Slug: SlugOf(a), Title: a})
				}
			}
			slug := SlugOf(task.Name)
			slugs[slug]++
			if n := slugs[slug]; n > 1 {
				slug = fmt.Sprintf("%s-%d", slug, n)
			}
			st.Touchpoints = append(st.Touchpoints, DraftTouchpoint{Slug: slug, Keys: []Key{
				{"title", task.Name},
				{"weight", 10 * (len(st.Touchpoints) + 1)}, // the diagram's order, not the titles'
				{"emotion", task.Score - 3},
			}})
		}
		d.Stages = append(d.Stages, st)
	}
	return d, diags
}

// Mermaid draws journey j as a Mermaid journey diagram: its stages as
// sections, every touchpoint (children too, in the map's order) as a task
// scored emotion + 3 (3, neutral, when it has no emotion), done by the
// journey's personas.
func Mermaid(j *site.Journey) []byte {
	d := &mermaid.Diagram{Title: j.Title}
	var actors []string
	for _, p := range j.Personas {
		actors = append(actors, p.Title)
	}
	for _, st := range j.Stages {
		sec := mermaid.Section{Name: st.Title}
		for _, tp := range st.Touchpoints {
			score := 3
			if tp.Emotion != nil {
				score = *tp.Emotion + 3
			}
			sec.Tasks = append(sec.Tasks, mermaid.Task{Name: tp.Title, Score: score, Actors: actors})
		}
		d.Sections = append(d.Sections, sec)
	}
	return mermaid.Format(d)
}
