package author

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/cjm-portal/cjm/internal/content"
)

// Draft is a journey read from elsewhere (a spreadsheet, a Mermaid
// diagram), to be written as a journey folder.
type Draft struct {
	Slug, Title string
	// Personas are the journey's persona slugs; nil names the site's first
	// persona, or a new one. Those with a Title and no file are written.
	Personas []DraftPersona
	Stages   []DraftStage
}

// DraftPersona is a persona a draft names.
type DraftPersona struct{ Slug, Title string }

// DraftStage is one stage of a draft, in order.
type DraftStage struct {
	Title       string
	Touchpoints []DraftTouchpoint
}

// DraftTouchpoint is one touchpoint: its front matter as keys in the order
// they are written, and its body.
type DraftTouchpoint struct {
	Slug string
	Keys []Key // "title" first
	Body string
}

// Key is one front-matter key: a string, an int, a float64, a []string, a
// map, or (for `emotion`) a []content.PersonaEmotion, written as a map.
type Key struct {
	Name  string
	Value any
}

// Title is the touchpoint's title key.
func (t DraftTouchpoint) Title() string {
	for _, k := range t.Keys {
		if k.Name == "title" {
			s, _ := k.Value.(string)
			return s
		}
	}
	return ""
}

// WriteDraft writes d as content/journeys/SLUG/: the journey and its stages
// from the archetypes, each touchpoint with its keys, and any persona it
// names that has no file yet. It writes everything or nothing, and returns
// the files written.
func (s *Site) WriteDraft(d *Draft) (files []string, err error) {
	if err := s.open(); err != nil {
		return nil, err
	}
	w := &writer{site: s}
	defer func() {
		if err != nil {
			w.undo()
		}
	}()
	if err := checkSlug(d.Slug); err != nil {
		return nil, err
	}
	var personas []string
	renamed := map[string]string{} // a draft's persona slug → the site's, found by title
	if d.Personas != nil {
		have := map[string]bool{}
		byTitle := map[string]string{} // a diagram names personas by title
		for slug, title := range s.personas() {
			have[slug] = true
			if title != "" {
				byTitle[strings.ToLower(title)] = slug
			}
		}
		for _, p := range d.Personas {
			if slug, ok := byTitle[strings.ToLower(p.Title)]; ok && p.Title != "" {
				renamed[p.Slug] = slug
				p.Slug = slug
			}
			if err := checkSlug(p.Slug); err != nil {
				return nil, fmt.Errorf("persona %w", err)
			}
			personas = append(personas, p.Slug)
			if !have[p.Slug] {
				have[p.Slug] = true
				if p.Title == "" {
					p.Title = titleOf(p.Slug)
				}
				if err := w.item("persona", "personas/"+p.Slug+".md", p.Title, nil); err != nil {
					return nil, err
				}
			}
		}
	}
	if err := checkFeelings(d, personas, renamed); err != nil {
		return nil, err
	}
	titles := make([]string, len(d.Stages))
	for i, st := range d.Stages {
		titles[i] = st.Title
	}
	folders, err := w.journey(d.Slug, d.Title, personas, titles)
	if err != nil {
		return nil, err
	}
	for i, st := range d.Stages {
		for _, t := range st.Touchpoints {
			if _, numbered, _ := content.SplitNumber(t.Slug); numbered {
				// "3-d-secure.md" would read as number 3, slug d-secure.
				t.Keys = append([]Key{t.Keys[0], {"slug", t.Slug}}, t.Keys[1:]...)
			}
			data, err := touchpointFile(t)
			if err != nil {
				return nil, err
			}
			if err := w.write("journeys/"+d.Slug+"/"+folders[i]+"/"+t.Slug+".md", data); err != nil {
				return nil, err
			}
		}
	}
	return w.written, nil
}

// checkFeelings names the personas of per-persona emotions by the slugs
// the journey will have, and refuses a persona it will not have.
func checkFeelings(d *Draft, personas []string, renamed map[string]string) error {
	for _, st := range d.Stages {
		for _, t := range st.Touchpoints {
			for i, k := range t.Keys {
				es, ok := k.Value.([]content.PersonaEmotion)
				if !ok {
					continue
				}
				es = slices.Clone(es)
				for j := range es {
					if slug, ok := renamed[es[j].Persona]; ok {
						es[j].Persona = slug
					}
					if !slices.Contains(personas, es[j].Persona) {
						return fmt.Errorf("touchpoint %q: emotion names persona %q, who is not one of the journey's personas (%s); name every persona with -personas", t.Title(), es[j].Persona, strings.Join(personas, ", "))
					}
				}
				t.Keys[i].Value = es
			}
		}
	}
	return nil
}

func checkSlug(slug string) error {
	if SlugOf(slug) != slug {
		return fmt.Errorf("%q is not a slug; use lower-case letters, digits and hyphens, e.g. %s", slug, SlugOf(slug))
	}
	return nil
}

// touchpointFile writes a touchpoint's front matter, with YAML quoting
// whatever needs it, and its body.
func touchpointFile(t DraftTouchpoint) ([]byte, error) {
	m := &yaml.Node{Kind: yaml.MappingNode}
	for _, k := range t.Keys {
		v := &yaml.Node{}
		if err := v.Encode(k.Value); err != nil {
			return nil, err
		}
		if list, ok := k.Value.([]string); ok && len(list) == 0 {
			continue
		}
		if es, ok := k.Value.([]content.PersonaEmotion); ok {
			// A map in the order of the personas, on one line.
			v = &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
			for _, e := range es {
				key, val := &yaml.Node{}, &yaml.Node{}
				if err := errors.Join(key.Encode(e.Persona), val.Encode(e.Value)); err != nil {
					return nil, err
				}
				v.Content = append(v.Content, key, val)
			}
		}
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k.Name}, v)
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	enc.Close()
	b.WriteString("---\n")
	if body := strings.TrimSpace(t.Body); body != "" {
		b.WriteString(body)
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

// exists tells whether the site has the file at rel, inside content/.
func (s *Site) exists(rel string) bool {
	_, err := fs.Stat(s.root, contentPath(rel))
	return err == nil
}
