package history

import (
	"context"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/gitlog"
	"github.com/cjm-portal/cjm/internal/par"
)

// Reader reads a site's history once per commit checked out: a rebuild
// after a save, with no new commit, costs one quick `git rev-parse`.
// Decoded blobs are kept too, so that a new commit decodes only its own.
// Safe for one build at a time.
type Reader struct {
	Repo *gitlog.Repo // nil: no history, Off says why
	Off  string

	mu     sync.Mutex
	key    string
	last   *History
	blobs  map[string]content.Item // path + blob id → decoded item
	loaded int
}

// Window is how far back a history reads.
type Window struct {
	Commits int // 0: no history
	Years   int
}

// Read returns the history of the site whose content now is c, within
// the window, as of today.
func (r *Reader) Read(ctx context.Context, c *content.Content, w Window, today time.Time) *History {
	if r == nil || r.Repo == nil {
		why := "history is off"
		if r != nil && r.Off != "" {
			why = r.Off
		}
		return Off(why)
	}
	if w.Commits == 0 {
		return Off("history is off (historyCommits: 0)")
	}
	since := time.Time{}
	if w.Years > 0 && !today.IsZero() {
		since = time.Date(today.Year()-w.Years, today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	head, err := r.Repo.Head(ctx)
	if err != nil {
		return Off(err.Error())
	}
	key := head + "\x00" + since.Format(time.DateOnly) + "\x00" + itoa(w.Commits)
	if key == r.key && r.last != nil {
		return r.last
	}
	l := r.Repo.Read(ctx, gitlog.Window{Commits: w.Commits, Since: since})
	if l.Unavailable != "" {
		return Off(l.Unavailable)
	}
	if r.blobs == nil {
		r.blobs = map[string]content.Item{}
	}
	// The blobs to decode: every version of a journey's file in the
	// window, and those of Head for the files edited since.
	var ids []string
	type version struct{ path, id string }
	var todo []version
	want, queued := map[string]bool{}, map[string]bool{}
	current := currentFiles(c)
	// A version that Head has and the working folder still has is the
	// build's own item: not decoded again.
	unchanged := func(p, id string) content.Item {
		if _, dirty := l.Dirty[p]; dirty || l.Tree[p] != id {
			return nil
		}
		return current[p]
	}
	need := func(p, id string) {
		if id == "" || !read(p) || journeyDir(p) == "" || unchanged(p, id) != nil {
			return
		}
		if _, ok := r.blobs[p+"\x00"+id]; ok || queued[p+"\x00"+id] {
			return
		}
		queued[p+"\x00"+id] = true
		todo = append(todo, version{p, id})
		if !want[id] {
			want[id] = true
			ids = append(ids, id)
		}
	}
	for _, c := range l.Commits[:l.InWindow] {
		for _, ch := range c.Changes {
			need(ch.Path, ch.Blob)
			need(ch.OldPath, ch.OldBlob)
		}
	}
	for p, id := range l.Tree {
		if dirty, ok := l.Dirty[p]; ok {
			need(p, dirty)
		} else if _, ok := current[p]; !ok {
			need(p, id)
		}
	}
	data, err := r.Repo.Blobs(ctx, ids)
	if err != nil {
		return Off(err.Error())
	}
	// Decoded on every core, before the walk, which is sequential.
	items := make([]content.Item, len(todo))
	par.For(len(todo), func(i int) {
		if b, ok := data[todo[i].id]; ok {
			items[i], _ = content.Decode(todo[i].path, b)
		}
	})
	for i, v := range todo {
		if _, ok := data[v.id]; ok {
			r.blobs[v.path+"\x00"+v.id] = items[i]
			r.loaded++
		}
	}
	h := build(l, current, func(p, id string) content.Item {
		if id == "" || !read(p) {
			return nil
		}
		if it := unchanged(p, id); it != nil {
			return it
		}
		k := p + "\x00" + id
		if it, ok := r.blobs[k]; ok {
			return it
		}
		b, ok := data[id]
		if !ok {
			return nil
		}
		it, _ := content.Decode(p, b)
		r.blobs[k] = it
		r.loaded++
		return it
	})
	h.Since, h.MaxCommits = since, w.Commits
	r.key, r.last = key, h
	return h
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

// currentFiles indexes the working folder's journeys, stages and
// touchpoints by file.
func currentFiles(c *content.Content) map[string]content.Item {
	out := map[string]content.Item{}
	if c == nil {
		return out
	}
	for _, j := range c.Journeys {
		out[j.File] = j
		for _, s := range j.Stages {
			out[s.File] = s
			for _, t := range s.Touchpoints {
				out[t.File] = t
			}
		}
	}
	return out
}

func build(l *gitlog.Log, current map[string]content.Item, decode func(path, blob string) content.Item) *History {
	h := &History{
		Head: l.Head, Commits: l.Commits[:l.InWindow], Truncated: l.Truncated,
		last:     map[string]*gitlog.Commit{},
		journeys: map[string]*Journey{},
		series:   map[string]*Series{},
		done:     map[string]map[string]*gitlog.Commit{},
	}
	// Every file and folder gets the newest commit that touched it.
	for _, c := range l.Commits {
		mark := func(p string) {
			for p != "." && p != "/" && p != "" {
				if _, ok := h.last[p]; ok {
					return // and so are its folders, by a newer commit
				}
				h.last[p] = c
				p = path.Dir(p)
			}
		}
		for _, ch := range c.Changes {
			mark(ch.Path)
			if ch.OldPath != "" {
				mark(ch.OldPath)
			}
		}
		for _, p := range c.Paths {
			mark(p)
		}
	}

	// The journeys' files as Head has them: the working folder's, but
	// where a file was edited since.
	state := files{}
	for p, id := range l.Tree {
		if !read(p) || journeyDir(p) == "" {
			continue
		}
		if dirty, ok := l.Dirty[p]; ok {
			id = dirty
		} else if it, ok := current[p]; ok {
			state.set(p, it)
			continue
		}
		if it := decode(p, id); it != nil {
			state.set(p, it)
		}
	}

	// Walk back from Head, one commit at a time: describe its changes,
	// keep the journeys it touched as it left them, then undo it.
	alias := map[string]string{} // a file's older path → its path now
	now := func(p string) string {
		for range 1000 { // a chain of renames, never a loop
			q, ok := alias[p]
			if !ok {
				break
			}
			p = q
		}
		return p
	}
	values := map[string][]Value{} // newest first, by file now
	for _, c := range h.Commits {
		type side struct{ old, new content.Item }
		changed := map[string]side{} // by the path after (before, when deleted)
		touched := map[string]string{}
		var order []string
		for _, ch := range c.Changes {
			if !read(ch.Path) && !read(ch.OldPath) {
				continue
			}
			if journeyDir(ch.Path) == "" && journeyDir(ch.OldPath) == "" {
				continue
			}
			var old, new content.Item
			if ch.Blob != "" {
				new = decode(ch.Path, ch.Blob)
			}
			if ch.OldBlob != "" {
				old = decode(ch.OldPath, ch.OldBlob)
			}
			cur := now(ch.Path)
			if ch.Status == 'R' {
				alias[ch.OldPath] = cur
			}
			changed[ch.Path] = side{old, new}
			if d := journeyDir(ch.Path); d != "" {
				if _, ok := touched[d]; !ok {
					order = append(order, d)
				}
				touched[d] = journeyDir(cur)
			}
			if d := journeyDir(ch.OldPath); d != "" && ch.OldPath != ch.Path {
				if _, ok := touched[d]; !ok {
					order = append(order, d)
					touched[d] = journeyDir(cur)
				}
			}
		}
		if len(changed) == 0 {
			continue
		}
		after := map[string]*Point{}
		stagesAfter := map[string][]*content.Stage{}
		for _, d := range order {
			after[d] = snapshot(state, d)
			stagesAfter[d] = stagesOf(state, d)
		}
		// Undo the commit.
		for _, ch := range c.Changes {
			s, ok := changed[ch.Path]
			if !ok {
				continue
			}
			state.remove(ch.Path)
			if ch.OldPath != "" && s.old != nil {
				state.set(ch.OldPath, s.old)
			}
		}
		entries := map[string]*Entry{}
		entry := func(dir string) *Entry {
			e := entries[dir]
			if e == nil {
				e = &Entry{Commit: c}
				entries[dir] = e
			}
			return e
		}
		for _, ch := range c.Changes {
			s, ok := changed[ch.Path]
			if !ok {
				continue
			}
			cur := now(ch.Path)
			dir := journeyDir(cur)
			if dir == "" {
				continue
			}
			e := entry(dir)
			e.Changes = append(e.Changes, describe(ch, s.old, s.new, state, afterState{after: stagesAfter, points: after})...)
			if t, ok := s.new.(*content.Touchpoint); ok {
				o, _ := s.old.(*content.Touchpoint)
				set := metricsChanged(c, o, t)
				slices.Reverse(set) // all of values is reversed at the end
				values[cur] = append(values[cur], set...)
				for _, ch := range e.Changes {
					if ch.Kind == OpportunityDone && ch.Touchpoint == t.Title {
						if h.done[cur] == nil {
							h.done[cur] = map[string]*gitlog.Commit{}
						}
						if _, ok := h.done[cur][ch.Detail]; !ok {
							h.done[cur][ch.Detail] = c
						}
					}
				}
				if sr := h.series[cur]; sr == nil {
					h.series[cur] = &Series{File: cur, Journey: dir, Slug: t.Slug}
				}
			}
		}
		// Stages added, removed or reordered, journey by journey.
		for _, d := range order {
			if !stageChanged(c, d) {
				continue
			}
			cur := touched[d]
			if cur == "" {
				continue
			}
			e := entry(cur)
			before := stagesOf(state, d)
			if len(before) == 0 {
				continue // the journey is new: its stages came with it
			}
			for _, sc := range Stages(before, stagesAfter[d]) {
				if sc.Kind != StageRenamed || !slices.ContainsFunc(e.Changes, func(x Change) bool { return x.Kind == StageRenamed && x.To == sc.To }) {
					e.Changes = appendNew(e.Changes, sc)
				}
			}
		}
		for _, d := range order {
			cur := touched[d]
			e := entries[cur]
			if e == nil {
				continue
			}
			if e.After == nil {
				e.After = after[d]
			}
		}
		for dir, e := range entries {
			j := h.journeys[dir]
			if j == nil {
				j = &Journey{Dir: dir}
				h.journeys[dir] = j
			}
			j.Entries = append(j.Entries, e)
		}
	}
	for file, vs := range values {
		slices.Reverse(vs)
		if s := h.series[file]; s != nil && len(vs) > 0 {
			s.Values = vs
		} else {
			delete(h.series, file)
		}
	}
	for file, s := range h.series {
		if len(s.Values) == 0 {
			delete(h.series, file)
		}
	}
	return h
}

// files are a walk's journeys' files, journey by journey: path → item.
type files map[string]map[string]content.Item

func (f files) get(p string) content.Item { return f[journeyDir(p)][p] }

func (f files) set(p string, it content.Item) {
	d := journeyDir(p)
	if f[d] == nil {
		f[d] = map[string]content.Item{}
	}
	f[d][p] = it
}

func (f files) remove(p string) { delete(f[journeyDir(p)], p) }

// appendNew appends c unless list holds it already.
func appendNew(list []Change, c Change) []Change {
	if slices.Contains(list, c) {
		return list
	}
	return append(list, c)
}

// stageChanged reports whether commit c changed a stage's file of the
// journey in folder dir.
func stageChanged(c *gitlog.Commit, dir string) bool {
	for _, ch := range c.Changes {
		for _, p := range []string{ch.Path, ch.OldPath} {
			if journeyDir(p) == dir && strings.Count(p, "/") == 4 && path.Base(p) == "_index.md" {
				return true
			}
		}
	}
	return false
}

type afterState struct {
	after  map[string][]*content.Stage
	points map[string]*Point
}

// describe says what one file's change did. before is the state with the
// commit undone.
func describe(ch gitlog.Change, old, new content.Item, before files, after afterState) []Change {
	switch n := new.(type) {
	case *content.Touchpoint:
		o, _ := old.(*content.Touchpoint)
		stage := stageTitle(path.Dir(ch.Path), nil, after.after[journeyDir(ch.Path)])
		if o == nil {
			return []Change{{Kind: TouchpointAdded, Touchpoint: n.Title, Stage: stage}}
		}
		var out []Change
		if o.Title != n.Title {
			out = append(out, Change{Kind: TouchpointRenamed, Touchpoint: n.Title, From: o.Title, To: n.Title})
		}
		if path.Dir(ch.OldPath) != path.Dir(ch.Path) {
			was := stageTitle(path.Dir(ch.OldPath), before, nil)
			if was != stage || journeyDir(ch.OldPath) != journeyDir(ch.Path) {
				out = append(out, Change{Kind: TouchpointMoved, Touchpoint: n.Title, From: was, To: stage})
			}
		}
		out = append(out, Touchpoint(o, n, personasOf(before, journeyDir(ch.OldPath)), personasIn(after.points[journeyDir(ch.Path)]))...)
		if len(out) == 0 && (ch.Status == 'M' || ch.Status == 'R') && ch.OldBlob != ch.Blob {
			out = append(out, Change{Kind: TouchpointEdited, Touchpoint: n.Title})
		}
		return out
	case *content.Stage:
		return nil // see Stages
	case *content.Journey:
		o, _ := old.(*content.Journey)
		switch {
		case o == nil:
			return []Change{{Kind: JourneyAdded, To: n.Title}}
		case o.Title != n.Title:
			return []Change{{Kind: JourneyRenamed, From: o.Title, To: n.Title}}
		case ch.OldBlob != ch.Blob:
			return []Change{{Kind: JourneyEdited, To: n.Title}}
		}
	case nil:
		if o, ok := old.(*content.Touchpoint); ok {
			return []Change{{Kind: TouchpointRemoved, Touchpoint: o.Title, Stage: stageTitle(path.Dir(ch.OldPath), before, nil)}}
		}
	}
	return nil
}

// stageTitle is the title of the stage in folder dir, from a state or from
// a list of stages; its folder name when neither has it.
func stageTitle(dir string, state files, stages []*content.Stage) string {
	if s, ok := state.get(dir + "/_index.md").(*content.Stage); ok && s.Title != "" {
		return s.Title
	}
	for _, s := range stages {
		if path.Dir(s.File) == dir && s.Title != "" {
			return s.Title
		}
	}
	_, _, name := content.SplitNumber(path.Base(dir))
	return name
}

func personasOf(state files, dir string) []string {
	if j, ok := state.get(dir + "/_index.md").(*content.Journey); ok {
		return j.Personas
	}
	return nil
}

func personasIn(p *Point) []string {
	if p == nil {
		return nil
	}
	return p.Personas
}

// stagesOf returns the stages of the journey in folder dir, in order.
func stagesOf(state files, dir string) []*content.Stage {
	var out []*content.Stage
	for _, it := range state[dir] {
		if s, ok := it.(*content.Stage); ok {
			out = append(out, s)
		}
	}
	content.Sort(out)
	return out
}

// snapshot is the journey in folder dir as state has it.
func snapshot(state files, dir string) *Point {
	p := &Point{Personas: personasOf(state, dir)}
	stages := stagesOf(state, dir)
	byDir := map[string][]*content.Touchpoint{}
	for f, it := range state[dir] {
		if t, ok := it.(*content.Touchpoint); ok {
			byDir[path.Dir(f)] = append(byDir[path.Dir(f)], t)
		}
	}
	for _, s := range stages {
		tps := byDir[path.Dir(s.File)]
		content.Sort(tps)
		ps := PointStage{Slug: s.Slug, Title: s.Title}
		for _, t := range tps {
			ps.Touchpoints = append(ps.Touchpoints, PointTouchpoint{Slug: t.Slug, Title: t.Title, Feelings: feelings(t, p.Personas)})
		}
		p.Stages = append(p.Stages, ps)
	}
	return p
}

// metricsChanged lists the KPIs' current values and the metrics that t
// sets and old did not (all, when old is nil), as of commit c.
func metricsChanged(c *gitlog.Commit, old, t *content.Touchpoint) []Value {
	var out []Value
	for _, k := range t.KPIs {
		if k.Current == nil {
			continue
		}
		if old != nil {
			i := slices.IndexFunc(old.KPIs, func(o content.KPI) bool { return o.Key() == k.Key() })
			if i >= 0 && sameNum(old.KPIs[i].Current, k.Current) {
				continue
			}
		}
		out = append(out, Value{Commit: c, Metric: "kpi:" + k.Key(), Value: *k.Current})
	}
	for _, m := range []struct {
		name     string
		new, old func(content.Metrics) *float64
	}{
		{"csi", func(m content.Metrics) *float64 { return m.CSI }, nil},
		{"nps", func(m content.Metrics) *float64 { return m.NPS }, nil},
		{"conversion", func(m content.Metrics) *float64 { return m.Conversion }, nil},
		{"retention", func(m content.Metrics) *float64 { return m.Retention }, nil},
		{"ces", func(m content.Metrics) *float64 { return m.CES }, nil},
		{"ltv", func(m content.Metrics) *float64 { return m.LTV }, nil},
	} {
		v := m.new(t.Metrics)
		if v == nil || old != nil && sameNum(m.new(old.Metrics), v) {
			continue
		}
		out = append(out, Value{Commit: c, Metric: m.name, Value: *v})
	}
	return out
}
