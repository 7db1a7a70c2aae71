package site

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/diag"
)

// OwnerNone is the owner value that records that nobody owns a touchpoint.
const OwnerNone = "none"

// Resolve links the content into a Site. It reports every reference that
// names nothing, duplicate slugs and URLs, and the gaps (as warnings).
func Resolve(c *content.Content, base Base) (*Site, diag.List) {
	r := &resolver{
		c:        c,
		s:        &Site{Settings: c.Settings, Base: base, Sections: c.Sections},
		personas: map[string]*Persona{},
		teams:    map[string]*Team{},
		filed:    map[string]*Team{},
		journeys: map[string]*Journey{},
		channels: map[string]*Channel{},

		filedChannels: map[string]*Channel{},
		kpis:          map[string]*KPIDef{},
		kpiTitles:     map[string]*KPIDef{},
		competitors:   map[string]*Competitor{},
	}
	r.index()
	r.link()
	r.gaps()
	r.kpiDirections()
	r.route()
	return r.s, r.diags
}

type resolver struct {
	c        *content.Content
	s        *Site
	diags    diag.List
	personas map[string]*Persona
	teams    map[string]*Team
	filed    map[string]*Team // the teams with a file in content/teams/
	journeys map[string]*Journey
	channels map[string]*Channel
	// filedChannels are the channels with a file in content/channels/.
	filedChannels map[string]*Channel
	kpis          map[string]*KPIDef     // the catalogue, by slug
	kpiTitles     map[string]*KPIDef     // the catalogue, by KPIName of each title
	competitors   map[string]*Competitor // by slug
}

// index wraps every item and reports duplicate slugs.
func (r *resolver) index() {
	firstFile := map[string]string{}
	dup := func(kind, slug string, src content.Source) bool {
		key := kind + "\x00" + slug
		if prev, ok := firstFile[key]; ok {
			r.diags.Errorf(src.File, src.Line("slug"), "rename one of them or set a different `slug`", "duplicate %s slug %q: %s has it too", kind, slug, prev)
			return true
		}
		firstFile[key] = src.File
		return false
	}
	for _, p := range r.c.Personas {
		if p.Slug == "" || dup("persona", p.Slug, p.Source) {
			continue
		}
		sp := &Persona{Persona: p, URL: p.URLPath()}
		r.personas[p.Slug] = sp
		r.s.Personas = append(r.s.Personas, sp)
	}
	for _, t := range r.c.Teams {
		if t.Slug == "" || dup("team", t.Slug, t.Source) {
			continue
		}
		if t.Slug == OwnerNone {
			r.diags.Errorf(t.File, 0, "rename the file: `owner: none` means that nobody owns a touchpoint", "a team cannot have the slug %q", OwnerNone)
			continue
		}
		st := &Team{Team: t, URL: t.URLPath()}
		r.teams[t.Slug] = st
		r.filed[t.Slug] = st
		r.s.Teams = append(r.s.Teams, st)
	}
	for _, c := range r.c.Channels {
		if c.Slug == "" || dup("channel", c.Slug, c.Source) {
			continue
		}
		r.filedChannels[c.Slug] = r.addChannel(&Channel{Slug: c.Slug, File: c, Builtin: slices.Contains(content.Channels, c.Slug)})
	}
	for _, j := range r.c.Journeys {
		if j.Slug == "" || dup("journey", j.Slug, j.Source) {
			continue
		}
		url := j.URLPath()
		sj := &Journey{Journey: j, URL: url, MapURL: url + "map.svg", EmbedURL: url + content.GeneratedSegment + "/embed/", HistoryURL: url + content.GeneratedSegment + "/history/"}
		r.journeys[j.Slug] = sj
		r.s.Journeys = append(r.s.Journeys, sj)
		tps := map[string]*Touchpoint{}
		for _, st := range j.Stages {
			if st.Slug == "" || dup("stage", j.Slug+"/"+st.Slug, st.Source) {
				continue
			}
			ss := &Stage{Stage: st, URL: st.URLPath(), Journey: sj, Index: len(sj.Stages)}
			if n := len(sj.Stages); n > 0 {
				ss.Prev, sj.Stages[n-1].Next = sj.Stages[n-1], ss
			}
			sj.Stages = append(sj.Stages, ss)
			for _, t := range st.Touchpoints {
				if t.Slug == "" {
					continue
				}
				if prev, ok := tps[t.Slug]; ok {
					r.diags.Errorf(t.File, t.Line("slug"), "touchpoints are named by slug within their journey: rename one of them or set a different `slug`",
						"duplicate touchpoint slug %q in journey %q: %s has it too", t.Slug, j.Slug, prev.File)
					continue
				}
				tp := &Touchpoint{Touchpoint: t, URL: t.URLPath(), Ref: j.Slug + "/" + t.Slug, Journey: sj, Stage: ss}
				tps[t.Slug] = tp
				if n := len(sj.Touchpoints); n > 0 {
					tp.Prev, sj.Touchpoints[n-1].Next = sj.Touchpoints[n-1], tp
				}
				ss.Touchpoints = append(ss.Touchpoints, tp)
				sj.Touchpoints = append(sj.Touchpoints, tp)
				r.s.Touchpoints = append(r.s.Touchpoints, tp)
			}
		}
	}
	r.indexCatalogue()
	for _, p := range r.c.Pages {
		if p.Slug == "" && p.Path == "" {
			continue
		}
		r.s.Pages = append(r.s.Pages, &Page{Page: p, URL: p.URLPath()})
	}
}

// team returns the team named by an owner key, generating one for a name
// that has no file unless the site requires team files. An owner is
// matched by slug, so "Contact Centre" names teams/contact-centre.md, and
// a generated team keeps the name as written for its title.
func (r *resolver) team(name string, src content.Source, key string) *Team {
	slug := content.Slugify(name)
	if t, ok := r.teams[slug]; ok {
		return t
	}
	line := src.Line(key)
	if err := content.CheckSlug(slug); err != nil {
		r.diags.Errorf(src.File, line, "name a team by its slug, e.g. `owner: crm`", "%s: %q %s", shownKey(key), name, err)
		return nil
	}
	if r.c.Settings.RequireTeams {
		r.diags.Errorf(src.File, line, known("add content/teams/"+slug+".md, or name a known team", slug, keys(r.filed)), "%s: no team %q", shownKey(key), slug)
		return nil
	}
	if len(r.filed) > 0 {
		// Where teams have files, one without is more likely a typo than
		// a team nobody described: it still gets its page, and a warning.
		r.diags.Warnf(src.File, line, known("add content/teams/"+slug+".md, or name a known team", slug, keys(r.filed)), "%s: no team file for %q", shownKey(key), name)
	}
	t := &Team{Team: &content.Team{Meta: content.Meta{Slug: slug, Title: name}}, URL: "teams/" + slug + "/", Generated: true}
	r.teams[slug] = t
	r.s.Teams = append(r.s.Teams, t)
	return t
}

// channel returns the channel a channel word names, making a page for a
// word cjm does not know: it is shown as written, and warned about with
// the nearest channel it knows.
func (r *resolver) channel(word string, src content.Source, key string) *Channel {
	slug := content.Slugify(word)
	ch, ok := r.channels[slug]
	if !ok {
		if err := content.CheckSlug(slug); err != nil {
			r.diags.Errorf(src.File, src.Line(key), "use a plain word such as "+strings.Join(content.Channels[:4], ", "), "%s: %q %s", shownKey(key), word, err)
			return nil
		}
		ch = r.addChannel(&Channel{Slug: slug, Title: word, Builtin: slices.Contains(content.Channels, slug)})
	}
	if !ch.Defined() {
		names := slices.Concat(content.Channels, keys(r.filedChannels))
		r.diags.Warnf(src.File, src.Line(key), known("add content/channels/"+slug+".md to name it in every language, or use a channel cjm knows", slug, names),
			"%s: cjm does not know the channel %q", shownKey(key), word)
	}
	return ch
}

// addChannel adds a channel to the site, with its kind and icon: its
// file's, else a built-in channel's own.
func (r *resolver) addChannel(ch *Channel) *Channel {
	ch.URL = "channels/" + ch.Slug + "/"
	if ch.Builtin {
		ch.Kind, ch.Icon = "online", ch.Slug
		if slices.Contains(content.OfflineChannels, ch.Slug) {
			ch.Kind = "offline"
		}
	}
	if f := ch.File; f != nil {
		ch.Title = cmp.Or(f.Title, ch.Slug)
		ch.Titles = maps.Clone(f.Titles)
		if ch.Titles == nil {
			ch.Titles = map[string]string{}
		}
		if _, ok := ch.Titles[r.c.Settings.Language]; !ok && f.Title != "" {
			ch.Titles[r.c.Settings.Language] = f.Title
		}
		ch.Kind = cmp.Or(f.Kind, ch.Kind)
		ch.Icon = cmp.Or(f.Icon, ch.Icon)
	}
	r.channels[ch.Slug] = ch
	r.s.Channels = append(r.s.Channels, ch)
	return ch
}

func (r *resolver) link() {
	for _, p := range r.s.Personas {
		for i, w := range p.Persona.Channels {
			if ch := r.channel(w, p.Source, "channels."+strconv.Itoa(i)); ch != nil && !slices.Contains(p.Channels, ch) {
				p.Channels = append(p.Channels, ch)
				ch.Personas = append(ch.Personas, p)
			}
		}
	}
	r.linkCatalogue()
	for _, j := range r.s.Journeys {
		for i, slug := range j.Journey.Personas {
			p, ok := r.personas[slug]
			if !ok {
				r.diags.Errorf(j.File, j.Line("personas."+strconv.Itoa(i)), known("", slug, keys(r.personas)), "personas: no persona %q", slug)
				continue
			}
			if !slices.Contains(j.Personas, p) {
				j.Personas = append(j.Personas, p)
				p.Journeys = append(p.Journeys, j)
			}
		}
		if o := j.Journey.Owner; o != "" && !isNone(o) {
			if j.Owner = r.team(o, j.Source, "owner"); j.Owner != nil {
				j.Owner.Journeys = append(j.Owner.Journeys, j)
			}
		}
		if t := j.Journey.Target; t != "" {
			line := j.Line("target")
			switch tj, ok := r.journeys[t]; {
			case !ok:
				r.diags.Errorf(j.File, line, known("", t, keys(r.journeys)), "target: no journey %q", t)
			case tj == j:
				r.diags.Errorf(j.File, line, "name the separate journey that shows the to-be state", "target: a journey cannot be its own target")
			case j.State == "target":
				r.diags.Errorf(j.File, line, "remove `target`, or set `state: current` on this journey", "target: only a current (as-is) journey names a target")
			case tj.State != "target":
				r.diags.Errorf(j.File, line, "set `state: target` in "+tj.File, "target: journey %q is not a target (to-be) journey", t)
			default:
				j.Target = tj
				j.CompareURL = j.URL + content.GeneratedSegment + "/compare/"
				tj.Current = append(tj.Current, j)
			}
		}
		r.linkTouchpoints(j)
		j.Lanes = lanes(j)
	}
	for _, j := range r.s.Journeys {
		r.linkToBe(j) // once every as-is journey has named its target
	}
	sortBy(r.s.Teams, func(t *Team) string { return strings.ToLower(t.Title) + "\x00" + t.Slug })
	sortBy(r.s.Channels, func(c *Channel) string { return c.Slug })
	sortBy(r.s.Competitors, func(c *Competitor) string { return strings.ToLower(c.Title) + "\x00" + c.Slug })
}

func (r *resolver) linkTouchpoints(j *Journey) {
	bySlug := map[string]*Touchpoint{}
	for _, t := range j.Touchpoints {
		bySlug[t.Slug] = t
	}
	for _, t := range j.Touchpoints {
		t.Feelings = r.feelings(j, t)
		r.touchpointKPIs(t)
		r.touchpointCompetitors(t)
		switch o := t.Touchpoint.Owner; {
		case o == "":
		case isNone(o):
			t.OwnerNone = true
		default:
			if t.Owner = r.team(o, t.Source, "owner"); t.Owner != nil {
				t.Owner.Touchpoints = append(t.Owner.Touchpoints, t)
			}
		}
		if w := t.Touchpoint.Channel; w != "" {
			if t.Channel = r.channel(w, t.Source, "channel"); t.Channel != nil {
				t.Channel.Touchpoints = append(t.Channel.Touchpoints, t)
			}
		}
		if p := t.Touchpoint.Parent; p != "" {
			p = strings.TrimPrefix(p, j.Slug+"/")
			switch parent, ok := bySlug[p]; {
			case !ok:
				r.diags.Errorf(t.File, t.Line("parent"), known("a parent is a touchpoint of the same journey", p, keys(bySlug)), "parent: no touchpoint %q in journey %q", p, j.Slug)
			case parent == t:
				r.diags.Errorf(t.File, t.Line("parent"), "name a broader touchpoint of the same journey", "parent: a touchpoint cannot be its own parent")
			default:
				t.Parent = parent
			}
		}
		for i, o := range t.Touchpoint.Opportunities {
			op := &Opportunity{Opportunity: o, Touchpoint: t}
			if o.Owner != "" && !isNone(o.Owner) {
				if op.Owner = r.team(o.Owner, t.Source, "opportunities."+strconv.Itoa(i)+".owner"); op.Owner != nil {
					op.Owner.Opportunities = append(op.Owner.Opportunities, op)
				}
			}
			t.Opportunities = append(t.Opportunities, op)
		}
	}
	// Parents: break cycles, then record children and depth.
	for _, t := range j.Touchpoints {
		seen := map[*Touchpoint]bool{t: true}
		for p := t.Parent; p != nil; p = p.Parent {
			if seen[p] {
				r.diags.Errorf(t.File, t.Line("parent"), "make the chain of parents end at a top-level touchpoint", "parent: %q leads back to %q in a loop", t.Touchpoint.Parent, t.Slug)
				t.Parent = nil
				break
			}
			seen[p] = true
		}
	}
	for _, t := range j.Touchpoints {
		if t.Parent != nil {
			t.Parent.Children = append(t.Parent.Children, t)
		}
		for p := t.Parent; p != nil; p = p.Parent {
			t.Depth++
		}
	}
	for _, t := range j.Touchpoints {
		for i, ref := range t.Touchpoint.Related {
			line := t.Line("related." + strconv.Itoa(i))
			js, ts, ok := strings.Cut(ref, "/")
			if !ok {
				js, ts = j.Slug, ref
			}
			oj, ok := r.journeys[js]
			if !ok {
				r.diags.Errorf(t.File, line, known("write journey-slug/touchpoint-slug", js, keys(r.journeys)), "related: no journey %q", js)
				continue
			}
			var other *Touchpoint
			var names []string
			for _, ot := range oj.Touchpoints {
				names = append(names, ot.Slug)
				if ot.Slug == ts {
					other = ot
				}
			}
			if other == nil {
				r.diags.Errorf(t.File, line, known("", ts, names), "related: no touchpoint %q in journey %q", ts, js)
				continue
			}
			if other == t {
				continue
			}
			if !slices.Contains(t.Related, other) {
				t.Related = append(t.Related, other)
			}
			if !slices.Contains(other.Related, t) {
				other.Related = append(other.Related, t)
			}
		}
	}
}

// linkToBe resolves what to-be journey j takes from its as-is journeys:
// the stages and touchpoints it keeps (`keep`, a stage's slug first) and the touchpoints its touchpoints replace
// (`replaces`). Both name items of the journeys whose `target` is j.
func (r *resolver) linkToBe(j *Journey) {
	asIs := func(key string, src content.Source, what string) bool {
		switch {
		case j.State != "target":
			r.diags.Errorf(src.File, src.Line(key), "remove it, or set `state: target` on the journey", "%s: only a to-be journey %s", shownKey(key), what)
			return false
		case len(j.Current) == 0:
			r.diags.Errorf(src.File, src.Line(key), "name this journey in an as-is journey's `target`", "%s: no as-is journey names %q as its target", shownKey(key), j.Slug)
			return false
		}
		return true
	}
	for i, slug := range j.Journey.Keep {
		key := "keep." + strconv.Itoa(i)
		if !asIs(key, j.Source, "keeps stages of its as-is journey") {
			break
		}
		var found *Stage
		var tp *Touchpoint
		var names []string
		for _, cur := range j.Current {
			for _, st := range cur.Stages {
				names = append(names, st.Slug)
				if st.Slug == slug && found == nil {
					found = st
				}
			}
			for _, t := range cur.Touchpoints {
				names = append(names, t.Slug)
				if t.Slug == slug && tp == nil {
					tp = t
				}
			}
		}
		switch {
		case found != nil:
			if !slices.Contains(j.Keep, found) {
				j.Keep = append(j.Keep, found)
			}
		case tp != nil:
			if !slices.Contains(j.KeepTouchpoints, tp) {
				j.KeepTouchpoints = append(j.KeepTouchpoints, tp)
			}
		default:
			r.diags.Errorf(j.File, j.Line(key), known("keep names stages or touchpoints of the as-is journey", slug, names), "keep: no stage or touchpoint %q in %s", slug, journeySlugs(j.Current))
		}
	}
	for _, t := range j.Touchpoints {
		for i, ref := range t.Touchpoint.Replaces {
			key := "replaces." + strconv.Itoa(i)
			if !asIs(key, t.Source, "replaces touchpoints of its as-is journey") {
				break
			}
			js, ts, named := strings.Cut(ref, "/")
			var found *Touchpoint
			var names []string
			for _, cur := range j.Current {
				if named && cur.Slug != js {
					continue
				}
				for _, ot := range cur.Touchpoints {
					names = append(names, ot.Slug)
					if (ot.Slug == ts || (!named && ot.Slug == ref)) && found == nil {
						found = ot
					}
				}
			}
			if found == nil {
				r.diags.Errorf(t.File, t.Line(key), known("name a touchpoint of the as-is journey", ref, names), "replaces: no touchpoint %q in %s", ref, journeySlugs(j.Current))
				continue
			}
			if !slices.Contains(t.Replaces, found) {
				t.Replaces = append(t.Replaces, found)
				found.ReplacedBy = append(found.ReplacedBy, t)
			}
		}
	}
}

func journeySlugs(js []*Journey) string {
	slugs := make([]string, len(js))
	for i, j := range js {
		slugs[i] = diag.Quote(j.Slug)
	}
	return strings.Join(slugs, ", ")
}

// feelings resolves how each persona of journey j feels at touchpoint t,
// in the journey's order of personas: a plain `emotion` is every persona's,
// the map form names each persona, who must be one of the journey's.
func (r *resolver) feelings(j *Journey, t *Touchpoint) []Feeling {
	if t.Emotion != nil {
		out := make([]Feeling, len(j.Personas))
		for i, p := range j.Personas {
			out[i] = Feeling{Persona: p, Value: *t.Emotion}
		}
		return out
	}
	if len(t.Emotions) == 0 {
		return nil
	}
	values := make(map[*Persona]int, len(t.Emotions))
	for _, e := range t.Emotions {
		key := "emotion." + e.Persona
		p, ok := r.personas[e.Persona]
		switch {
		case !ok:
			r.diags.Errorf(t.File, t.Line(key), known("", e.Persona, keys(r.personas)), "%s: no persona %q", key, e.Persona)
		case !slices.Contains(j.Personas, p):
			r.diags.Errorf(t.File, t.Line(key), fmt.Sprintf("add it to the journey's `personas` in %s, or remove it here", j.File),
				"%s: persona %q is not one of the journey's personas (%s)", key, e.Persona, personaSlugs(j.Personas))
		default:
			values[p] = e.Value
		}
	}
	var out []Feeling
	for _, p := range j.Personas {
		if v, ok := values[p]; ok {
			out = append(out, Feeling{Persona: p, Value: v})
		}
	}
	return out
}

func personaSlugs(ps []*Persona) string {
	slugs := make([]string, len(ps))
	for i, p := range ps {
		slugs[i] = p.Slug
	}
	return strings.Join(slugs, ", ")
}

// isNone reports whether an owner says that nobody owns the item.
// It is content.Slugify(owner) == OwnerNone, without the allocations.
func isNone(owner string) bool { return strings.EqualFold(strings.TrimSpace(owner), OwnerNone) }

// lanes returns the journey's lanes: those it names, or every lane that
// has data, in the contract's order.
func lanes(j *Journey) []string {
	if len(j.Journey.Lanes) > 0 {
		var out []string
		for _, l := range j.Journey.Lanes {
			if slices.Contains(content.Lanes, l) && !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
		return out
	}
	has := map[string]bool{"stages": len(j.Stages) > 0, "touchpoints": len(j.Touchpoints) > 0}
	for _, t := range j.Touchpoints {
		for _, l := range content.NoteLists {
			has[l.Key] = has[l.Key] || len(l.Of(t.Touchpoint)) > 0
		}
		has["emotions"] = has["emotions"] || len(t.Feelings) > 0
		has["engagement"] = has["engagement"] || t.Engagement != ""
		has["owners"] = has["owners"] || t.Owner != nil || t.OwnerNone
		has["kpis"] = has["kpis"] || len(t.KPIs) > 0
		has["opportunities"] = has["opportunities"] || len(t.Opportunities) > 0
	}
	var out []string
	for _, l := range content.Lanes {
		if has[l] {
			out = append(out, l)
		}
	}
	return out
}

// gaps warns about touchpoints with no emotion, which leave a hole in the
// curve. The CX gaps (owners, plans, KPIs, dates) are package rollup's.
func (r *resolver) gaps() {
	for _, t := range r.s.Touchpoints {
		if t.NoEmotion() {
			r.diags.Warnf(t.File, t.Start, "add `emotion: N`, an integer from -2 (very negative) to 2 (very positive)", "no emotion")
		}
	}
}

// kpiDirections warns about a KPI whose name the touchpoints share but
// whose `better` they do not: "time to confirm, 4 min against 0.5" is met
// where `better: lower` is forgotten. The way the `better` keys written
// out say most often (lower at a tie) is taken as meant, and every KPI of
// the name that goes the other way is warned about, at its `better` or,
// when it has none, at the KPI.
func (r *resolver) kpiDirections() {
	type use struct {
		t       *Touchpoint
		i       int
		better  string
		written bool
	}
	byName := map[string][]use{}
	var names []string
	for _, t := range r.s.Touchpoints {
		for i, k := range t.KPIs {
			name := strings.ToLower(k.Name)
			if name == "" {
				continue
			}
			if _, ok := byName[name]; !ok {
				names = append(names, name)
			}
			byName[name] = append(byName[name], use{t, i, k.Better, t.Has("kpis." + strconv.Itoa(i) + ".better")})
		}
	}
	for _, name := range names {
		uses := byName[name]
		votes := map[string]int{}
		for _, u := range uses {
			if u.written {
				votes[u.better]++
			}
		}
		want := "lower"
		if votes["higher"] > votes["lower"] {
			want = "higher"
		}
		if votes[want] == 0 {
			continue // nobody wrote `better`: all go the default way
		}
		var at *use // the first KPI that says the way meant, to point at
		for i := range uses {
			if uses[i].written && uses[i].better == want {
				at = &uses[i]
				break
			}
		}
		for _, u := range uses {
			if u.better == want {
				continue
			}
			key := "kpis." + strconv.Itoa(u.i)
			line, how := u.t.Line(key), "the default"
			if u.written {
				line, how = u.t.Line(key+".better"), "`better: "+u.better+"`"
			}
			r.diags.Warnf(u.t.File, line, fmt.Sprintf("write `better: %s`, so that it counts as met the same way everywhere", want),
				"kpis[%d]: %q counts %s as better here (%s), but %s at %s:%d", u.i+1, u.t.KPIs[u.i].Name, u.better, how, want, at.t.File, at.t.Line("kpis."+strconv.Itoa(at.i)+".better"))
		}
	}
}

// route lists every page and reports two items that would share a URL.
func (r *resolver) route() {
	s := r.s
	add := func(path, kind string, item any, file string) {
		s.Routes = append(s.Routes, Route{Path: path, Kind: kind, Item: item, File: file})
	}
	add("", "home", nil, s.Settings.File)
	add("404.html", "404", nil, "")
	add("personas/", "personas", nil, "")
	add("teams/", "teams", nil, "")
	add("journeys/", "journeys", nil, "")
	add("channels/", "channels", nil, "")
	add("opportunities/", "opportunities", nil, "")
	add("gaps/", "gaps", nil, "")
	add("heatmap/", "heatmap", nil, "")
	// The data page lists the exports beside it (data/cjm.json, ...); a
	// plain page of the site's own at /data/ keeps its URL.
	if !slices.ContainsFunc(s.Pages, func(p *Page) bool { return p.URL == "data/" }) {
		add("data/", "data", nil, "")
	}
	add("kpis/", "kpis", nil, "")
	add("benchmark/", "benchmark", nil, "")
	for _, d := range s.KPIs {
		add(d.URL, "kpi", d, d.File)
	}
	for _, c := range s.Competitors {
		add(c.URL, "competitor", c, c.File)
	}
	for _, p := range s.Personas {
		add(p.URL, "persona", p, p.File)
	}
	for _, t := range s.Teams {
		add(t.URL, "team", t, t.File)
	}
	for _, c := range s.Channels {
		file := ""
		if c.File != nil {
			file = c.File.File
		}
		add(c.URL, "channel", c, file)
	}
	for _, j := range s.Journeys {
		add(j.URL, "journey", j, j.File)
		add(j.MapURL, "map", j, j.File)
		add(j.EmbedURL, "embed", j, j.File)
		add(j.HistoryURL, "history", j, j.File)
		if j.CompareURL != "" {
			add(j.CompareURL, "compare", j, j.File)
			// The comparison was at compare/ until pages cjm makes moved
			// under -/; links to it keep working wherever no stage took it.
			if !slices.ContainsFunc(j.Stages, func(st *Stage) bool { return st.Slug == "compare" }) {
				add(j.URL+"compare/", "alias", &Alias{To: j.CompareURL}, "")
			}
		}
		for _, st := range j.Stages {
			add(st.URL, "stage", st, st.File)
		}
		for _, t := range j.Touchpoints {
			add(t.URL, "touchpoint", t, t.File)
		}
	}
	for _, p := range s.Pages {
		add(p.URL, "page", p, p.File)
	}
	// "x/" and "x" collide too: one would be a folder, the other a file.
	key := func(r Route) string { return strings.TrimSuffix(r.Path, "/") }
	slices.SortStableFunc(s.Routes, func(a, b Route) int { return strings.Compare(key(a), key(b)) })
	for i := 1; i < len(s.Routes); i++ {
		a, b := s.Routes[i-1], s.Routes[i]
		if key(a) != key(b) {
			continue
		}
		file, other := b.File, a.File
		if file == "" {
			file, other = a.File, b.File
		}
		if other == "" {
			other = "a page cjm makes"
		}
		r.diags.Errorf(file, 0, "rename it or set a different `slug`", "URL /%s is taken: %s has it too", b.Path, other)
	}
}

// shownKey writes a key path as messages show it: "opportunities.0.owner"
// is "opportunities[1].owner", as authors count.
func shownKey(path string) string {
	parts := strings.Split(path, ".")
	var b strings.Builder
	for i, p := range parts {
		if n, err := strconv.Atoi(p); err == nil && i > 0 {
			fmt.Fprintf(&b, "[%d]", n+1)
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// known formats a hint naming what would be right: an optional lead, the
// nearest known name, and the known names.
func known(lead, wrong string, names []string) string {
	var parts []string
	if lead != "" {
		parts = append(parts, lead)
	}
	if len(names) == 0 {
		return strings.Join(append(parts, "none is defined yet"), "; ")
	}
	sort.Strings(names)
	const most = 10
	list, more := names, ""
	if len(list) > most {
		list, more = list[:most], fmt.Sprintf(", and %d more", len(names)-most)
	}
	knownList := "known: " + strings.Join(list, ", ") + more
	if n := content.Nearest(wrong, names); n != "" {
		knownList = diag.Sprintf("did you mean %q? ", n) + knownList
	}
	return strings.Join(append(parts, knownList), "; ")
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortBy[T any](items []T, key func(T) string) {
	sort.SliceStable(items, func(i, j int) bool { return key(items[i]) < key(items[j]) })
}
