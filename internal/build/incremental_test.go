package build_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cjm-portal/cjm"
	"github.com/cjm-portal/cjm/internal/build"
	"github.com/cjm-portal/cjm/internal/gen"
)

// edit changes a site folder and returns the paths it touched.
type edit struct {
	name string
	do   func(site) []string
}

// site is a site folder in memory whose edits bump modification times,
// as saving in an editor does.
type site struct {
	fs    fstest.MapFS
	clock *time.Time
}

func (s site) write(name, data string) string {
	*s.clock = s.clock.Add(time.Second)
	s.fs[name] = &fstest.MapFile{Data: []byte(data), ModTime: *s.clock}
	return name
}

func (s site) read(name string) string { return string(s.fs[name].Data) }

func (s site) remove(name string) string {
	delete(s.fs, name)
	return name
}

// setKey sets a front-matter key of a YAML file, adding it if missing.
func (s site) setKey(name, key, value string) string {
	data := s.read(name)
	line := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `:.*$`)
	if line.MatchString(data) {
		data = line.ReplaceAllLiteralString(data, key+": "+value)
	} else {
		data = strings.Replace(data, "---\n", "---\n"+key+": "+value+"\n", 1)
	}
	return s.write(name, data)
}

// setBlock sets a front-matter key of a YAML file to value, as setKey
// does, dropping the indented lines of a block the key had.
func (s site) setBlock(name, key, value string) string {
	data := s.read(name)
	block := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `:.*\n(?:(?: |- ).*\n)*`)
	if block.MatchString(data) {
		data = block.ReplaceAllLiteralString(data, key+": "+value+"\n")
	} else {
		data = strings.Replace(data, "---\n", "---\n"+key+": "+value+"\n", 1)
	}
	return s.write(name, data)
}

// moveDir renames a folder with everything in it.
func (s site) moveDir(from, to string) []string {
	var changed []string
	for name, f := range s.fs {
		if strings.HasPrefix(name, from+"/") {
			delete(s.fs, name)
			s.fs[to+strings.TrimPrefix(name, from)] = f
			changed = append(changed, name, to+strings.TrimPrefix(name, from))
		}
	}
	return changed
}

func (s site) files(re string) []string {
	var out []string
	m := regexp.MustCompile(re)
	for name := range s.fs {
		if m.MatchString(name) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

func one(paths ...string) []string { return paths }

// checkSame builds the folder from scratch and compares it with the
// incremental build, file by file and byte by byte.
func checkSame(t *testing.T, step string, inc built, s site) {
	t.Helper()
	clean := buildOpts(build.Options{Source: s.fs, Builtin: cjm.DefaultTheme(), Now: now})
	if inc.OK() != clean.OK() {
		t.Fatalf("%s: incremental ok=%v, clean ok=%v\nincremental: %v\nclean: %v", step, inc.OK(), clean.OK(), inc.Diags.Errors(), clean.Diags.Errors())
	}
	if fmt.Sprint(inc.Diags) != fmt.Sprint(clean.Diags) {
		t.Errorf("%s: diagnostics differ:\nincremental: %v\nclean: %v", step, inc.Diags, clean.Diags)
	}
	if !clean.OK() {
		return
	}
	for name, data := range clean.Files {
		got, ok := inc.Files[name]
		if !ok {
			t.Errorf("%s: incremental build lacks %s", step, name)
		} else if !bytes.Equal(got, data) {
			t.Errorf("%s: %s differs from a clean build's", step, name)
		}
	}
	for name := range inc.Files {
		if _, ok := clean.Files[name]; !ok {
			t.Errorf("%s: incremental build has %s, which a clean build does not", step, name)
		}
	}
}

func loadDir(t *testing.T, dir string) site {
	t.Helper()
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s := site{fs: fstest.MapFS{}, clock: &clock}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(filepath.Dir(dir), p)
		s.fs[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data, ModTime: clock}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestIncrementalEqualsClean edits the example portal step by step, the
// way an author does, and checks after every step that the incremental
// build equals a clean build, byte for byte.
func TestIncrementalEqualsClean(t *testing.T) {
	t.Parallel() // one of the longest tests, with its own site and output
	s := loadDir(t, "../../content")
	const tp = "content/journeys/order-groceries/04-confirmation/confirmation-email.md"
	const stage = "content/journeys/order-groceries/04-confirmation"
	const pantry = "content/journeys/office-pantry-subscription/03-proposal/proposal-review-meeting.md"
	const kpi = "content/kpis/time-to-confirmation-email.md"
	edits := []edit{
		{"touchpoint title", func(s site) []string { return one(s.setKey(tp, "title", "Email that is late")) }},
		{"touchpoint emotion", func(s site) []string { return one(s.setKey(tp, "emotion", "1")) }},
		{"parent's title, shown on its details' cards", func(s site) []string {
			return one(s.setKey(stage+"/order-confirmation.md", "title", "Confirmation, every channel"))
		}},
		{"touchpoint body", func(s site) []string { return one(s.write(tp, s.read(tp)+"\nOne more line.\n")) }},
		{"owner to a team with no file", func(s site) []string { return one(s.setKey(tp, "owner", "Night Shift")) }},
		{"owner none", func(s site) []string { return one(s.setKey(tp, "owner", "none")) }},
		{"weight moves it first", func(s site) []string { return one(s.setKey(tp, "weight", "-5")) }},
		{"broken YAML", func(s site) []string { return one(s.write(tp, "---\ntitle: [unclosed\n---\n")) }},
		{"fixed", func(s site) []string {
			return one(s.write(tp, "---\ntitle: Email again\nemotion: -2\nowner: crm\n---\nBack.\n"))
		}},
		{"stage title", func(s site) []string { return one(s.setKey(stage+"/_index.md", "title", "Confirmed?")) }},
		{"new stage with a touchpoint", func(s site) []string {
			return one(s.write("content/journeys/order-groceries/08-return/_index.md", "---\ntitle: Return\n---\n"),
				s.write("content/journeys/order-groceries/08-return/label.md", "---\ntitle: Print a label\nemotion: -1\nchannel: web\nowner: logistics\n---\n"))
		}},
		{"stage folder renamed", func(s site) []string { return s.moveDir(stage, "content/journeys/order-groceries/04-confirmed") }},
		{"touchpoint deleted", func(s site) []string {
			return one(s.remove("content/journeys/order-groceries/08-return/label.md"))
		}},
		{"persona added", func(s site) []string {
			return one(s.write("content/personas/zoe.md", "---\ntitle: Zoe, student\nchannels: [app]\n---\n"))
		}},
		{"journey names the new persona", func(s site) []string {
			const j = "content/journeys/office-pantry-subscription/_index.md"
			return one(s.write(j, strings.Replace(s.read(j), "personas:", "personas:\n  - zoe", 1)))
		}},
		{"emotion per persona", func(s site) []string {
			return one(s.setKey(pantry, "emotion", "{tomas-office-manager: -2, irina-small-business-owner: 2}"))
		}},
		{"persona title, named beside per-persona emotions", func(s site) []string {
			return one(s.setKey("content/personas/tomas-office-manager.md", "title", "Tomáš, office manager"))
		}},
		{"per-persona emotion back to one for all", func(s site) []string { return one(s.setKey(pantry, "emotion", "1")) }},
		{"plain page title (navigation on every page)", func(s site) []string {
			return one(s.setKey("content/glossary.md", "title", "Words we use"))
		}},
		{"KPI catalogue entry's title, shown on its touchpoints and maps", func(s site) []string {
			return one(s.setKey(kpi, "title", "Minutes from payment to email"))
		}},
		{"KPI catalogue entry's target, inherited by its touchpoints", func(s site) []string { return one(s.setKey(kpi, "target", "3")) }},
		{"competitor's title, shown on touchpoints and the benchmark", func(s site) []string {
			return one(s.setKey("content/competitors/freshmart.md", "title", "Fresh Mart Ltd"))
		}},
		{"competitor deleted: its name is still a competitor", func(s site) []string {
			return one(s.remove("content/competitors/quickbasket.md"))
		}},
		{"new KPI entry named by a touchpoint", func(s site) []string {
			f := s.files(`^content/journeys/order-groceries/06-delivery/doorstep-handover\.md$`)[0]
			return one(s.write("content/kpis/on-time.md", "---\ntitle: On-time delivery\nunit: \"%\"\ntarget: 97\n---\n"),
				s.write(f, strings.Replace(s.read(f), "  - name: On-time delivery\n", "  - kpi: on-time\n", 1)))
		}},
		{"KPI entry deleted: its touchpoint's kpi names nothing", func(s site) []string { return one(s.remove("content/kpis/on-time.md")) }},
		{"KPI entry back", func(s site) []string {
			return one(s.write("content/kpis/on-time.md", "---\ntitle: On-time delivery\nunit: \"%\"\ntarget: 97\n---\n"))
		}},
		{"team deleted", func(s site) []string { return one(s.remove("content/teams/crm.md")) }},
		{"related both ways", func(s site) []string {
			f := s.files(`^content/journeys/card-to-card-transfer/.*/[^_][^/]*\.md$`)[0]
			return one(s.setKey(f, "related", "[order-groceries/confirmation-email]"))
		}},
		{"site settings", func(s site) []string { return one(s.setKey("content/_index.md", "title", "Portal")) }},
		{"journey deleted", func(s site) []string {
			var out []string
			for _, f := range s.files(`^content/journeys/flight-with-mobile-boarding-pass/`) {
				out = append(out, s.remove(f))
			}
			return out
		}},
		{"nothing changed", func(s site) []string { return nil }},
	}
	// The saved files' pages come early, as cjm serve shows them: each
	// must be the page the whole build publishes.
	var early map[string][]byte
	b := newMemBuilder(build.Options{Source: s.fs, Builtin: cjm.DefaultTheme(), Now: now,
		Early: func(pages map[string][]byte) { early = maps.Clone(pages) }})
	first := b.Build(nil)
	checkSame(t, "first build", first, s)
	total := first.Pages
	for _, e := range edits {
		early = nil
		res := b.Build(e.do(s))
		checkSame(t, e.name, res, s)
		for name, data := range early {
			if !res.OK() {
				t.Errorf("%s: the build failed after its early page %s", e.name, name)
			} else if !bytes.Equal(data, res.Files[name]) {
				t.Errorf("%s: early page %s differs from the one published", e.name, name)
			}
		}
		if e.name == "touchpoint title" && !slices.Equal(slices.Collect(maps.Keys(early)), []string{"journeys/order-groceries/confirmation/confirmation-email/index.html"}) {
			t.Errorf("%s: early pages %v, want the touchpoint's own", e.name, slices.Collect(maps.Keys(early)))
		}
		if e.name == "touchpoint title" {
			// The point of it all: one title renders a few pages, not all.
			if res.Full || res.Pages == 0 || res.Pages > total/3 {
				t.Errorf("a touchpoint's title rendered %d of %d pages (full: %v)", res.Pages, total, res.Full)
			}
		}
		if strings.HasPrefix(e.name, "KPI catalogue entry's") && (res.Full || res.Pages == 0 || res.Pages > total/3) {
			// A KPI's file renders the pages that show it, not all.
			t.Errorf("%s rendered %d of %d pages (full: %v)", e.name, res.Pages, total, res.Full)
		}
		if e.name == "nothing changed" && (res.Pages != 0 || res.Published.Written != 0 || res.Published.Removed != 0) {
			t.Errorf("no change rendered %d pages and published %+v", res.Pages, res.Published)
		}
	}
}

// TestIncrementalRandomEdits makes random edits of every kind to a
// generated portal, seeded so a failure repeats, and checks every step.
func TestIncrementalRandomEdits(t *testing.T) {
	t.Parallel() // one of the longest tests, with its own site and output
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s := site{fs: fstest.MapFS{}, clock: &clock}
	for name, data := range gen.Files(gen.Options{Touchpoints: 120, Seed: 7, BodyWords: 20}) {
		s.fs[name] = &fstest.MapFile{Data: data, ModTime: clock}
	}
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	tps := func() []string { return s.files(`^content/journeys/[^/]+/[^/]+/[^_/][^/]*\.md$`) }
	ref := func(f string) string { // journey/slug of a touchpoint file
		parts := strings.Split(f, "/")
		return parts[2] + "/" + strings.TrimSuffix(parts[4], ".md")
	}
	ops := []edit{
		{"title", func(s site) []string {
			return one(s.setKey(pick(tps()), "title", fmt.Sprintf("Edited %d", r.IntN(1000))))
		}},
		{"emotion", func(s site) []string { return one(s.setKey(pick(tps()), "emotion", fmt.Sprint(r.IntN(5)-2))) }},
		{"emotion per persona", func(s site) []string {
			f := pick(tps())
			var kv []string
			for _, p := range personasOf(s, path.Dir(path.Dir(f))+"/_index.md") {
				kv = append(kv, fmt.Sprintf("%s: %d", p, r.IntN(5)-2))
			}
			return one(s.setKey(f, "emotion", "{"+strings.Join(kv, ", ")+"}"))
		}},
		{"journey gains a persona", func(s site) []string {
			j := pick(s.files(`^content/journeys/[^/]+/_index\.md$`))
			p := strings.TrimSuffix(path.Base(pick(s.files(`^content/personas/`))), ".md")
			return one(s.setKey(j, "personas", "["+strings.Join(append(personasOf(s, j), p), ", ")+"]"))
		}},
		{"owner", func(s site) []string {
			return one(s.setKey(pick(tps()), "owner", pick([]string{"team-0", "team-1", "none", "Brand New Team"})))
		}},
		{"weight", func(s site) []string { return one(s.setKey(pick(tps()), "weight", fmt.Sprint(r.IntN(20)-10))) }},
		{"related", func(s site) []string { return one(s.setKey(pick(tps()), "related", "["+ref(pick(tps()))+"]")) }},
		{"parent", func(s site) []string {
			f := pick(tps())
			siblings := s.files("^" + regexp.QuoteMeta(path.Dir(f)) + "/[^_][^/]*$")
			return one(s.setKey(f, "parent", strings.TrimSuffix(path.Base(pick(siblings)), ".md")))
		}},
		{"delete touchpoint", func(s site) []string { return one(s.remove(pick(tps()))) }},
		{"copy touchpoint", func(s site) []string {
			from, to := pick(tps()), pick(tps())
			return one(s.write(path.Dir(to)+fmt.Sprintf("/copy-%d.md", r.IntN(1000)), s.read(from)))
		}},
		{"stage title", func(s site) []string {
			return one(s.setKey(pick(s.files(`^content/journeys/[^/]+/[^/]+/_index\.md$`)), "title", fmt.Sprintf("Stage %d", r.IntN(100))))
		}},
		{"stage renamed", func(s site) []string {
			st := path.Dir(pick(s.files(`^content/journeys/[^/]+/[^/]+/_index\.md$`)))
			return s.moveDir(st, path.Dir(st)+fmt.Sprintf("/%02d-renamed-%d", r.IntN(9), r.IntN(100)))
		}},
		{"journey title", func(s site) []string {
			return one(s.setKey(pick(s.files(`^content/journeys/[^/]+/_index\.md$`)), "title", fmt.Sprintf("Journey %d", r.IntN(100))))
		}},
		{"persona title", func(s site) []string {
			return one(s.setKey(pick(s.files(`^content/personas/`)), "title", fmt.Sprintf("Persona %d", r.IntN(100))))
		}},
		{"team deleted", func(s site) []string {
			if teams := s.files(`^content/teams/`); len(teams) > 1 {
				return one(s.remove(pick(teams)))
			}
			return nil
		}},
		{"broken front matter", func(s site) []string { return one(s.write(pick(tps()), "---\ntitle: \"unclosed\n---\n")) }},
		{"opportunity", func(s site) []string {
			return one(s.setKey(pick(tps()), "opportunities", `[{title: "Fix it", owner: team-2, due: 2026-01-01, status: planned}]`))
		}},
		// The KPI page and the opportunities board keep their rows and
		// sections between builds: these move, merge and renumber them.
		{"opportunities, more of them", func(s site) []string {
			return one(s.setBlock(pick(tps()), "opportunities", fmt.Sprintf(`[{title: "First %d", owner: team-1, status: idea, impact: 4, effort: 2}, {title: "Second", due: 2025-06-01, status: in-progress}]`, r.IntN(100))))
		}},
		{"opportunities none", func(s site) []string { return one(s.setBlock(pick(tps()), "opportunities", "[]")) }},
		{"KPI shared by name", func(s site) []string {
			return one(s.setBlock(pick(tps()), "kpis", fmt.Sprintf(`[{name: "Shared %d", current: %d, target: 50, unit: "%%"}, {name: "aaa first", current: 1}]`, r.IntN(3), r.IntN(100))))
		}},
		{"KPI value", func(s site) []string {
			return one(s.setBlock(pick(tps()), "kpis", fmt.Sprintf(`[{name: "Value %d", current: %d, target: 50, better: lower}]`, r.IntN(3), r.IntN(100))))
		}},
		{"KPIs none", func(s site) []string { return one(s.setBlock(pick(tps()), "kpis", "[]")) }},
		{"team title", func(s site) []string {
			return one(s.setKey(pick(s.files(`^content/teams/`)), "title", fmt.Sprintf("Team %d", r.IntN(100))))
		}},
	}
	b := newMemBuilder(build.Options{Source: s.fs, Builtin: cjm.DefaultTheme(), Now: now})
	checkSame(t, "first build", b.Build(nil), s)
	steps := 60
	if testing.Short() {
		steps = 15
	}
	var done []string
	for i := 0; i < steps; i++ {
		op := ops[r.IntN(len(ops))]
		changed := op.do(s)
		done = append(done, op.name)
		checkSame(t, fmt.Sprintf("step %d (%s)", i, strings.Join(done, ", ")), b.Build(changed), s)
		if t.Failed() {
			return
		}
	}
}

// personasOf returns the persona slugs a generated journey's file names.
func personasOf(s site, journey string) []string {
	line := regexp.MustCompile(`(?m)^personas:.*$`).FindString(s.read(journey))
	return regexp.MustCompile(`persona-\d+`).FindAllString(line, -1)
}

// TestIncrementalKPIsAndBoard edits what the KPI page and the
// opportunities board show, whose rows and sections are kept between
// builds, and checks every step against a clean build.
func TestIncrementalKPIsAndBoard(t *testing.T) {
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s := site{fs: fstest.MapFS{}, clock: &clock}
	for name, data := range gen.Files(gen.Options{Touchpoints: 120, Seed: 3}) {
		s.fs[name] = &fstest.MapFile{Data: data, ModTime: clock}
	}
	tps := s.files(`^content/journeys/[^/]+/[^/]+/[^_/][^/]*\.md$`)
	a, c := tps[3], tps[40]
	edits := []edit{
		{"title", func(s site) []string { return one(s.setKey(a, "title", "Changed")) }},
		{"KPI shared by name, first in order", func(s site) []string {
			return one(s.setBlock(a, "kpis", `[{name: "Shared", current: 3, target: 50, unit: "%"}, {name: "aaa first", current: 1}]`))
		}},
		{"another touchpoint shares it", func(s site) []string {
			return one(s.setBlock(c, "kpis", `[{name: "shared", current: 70, target: 50, unit: "%"}]`))
		}},
		{"its value", func(s site) []string {
			return one(s.setBlock(c, "kpis", `[{name: "shared", current: 20, target: 50, unit: "%"}]`))
		}},
		{"title of a touchpoint sharing it", func(s site) []string { return one(s.setKey(c, "title", "Also changed")) }},
		{"stage title", func(s site) []string {
			return one(s.setKey(path.Dir(a)+"/_index.md", "title", "A stage"))
		}},
		{"opportunities added, the rows renumbered", func(s site) []string {
			return one(s.setBlock(a, "opportunities", `[{title: "First", owner: team-1, status: in-progress, due: 2026-01-01, impact: 4, effort: 2}, {title: "Second", owner: team-1, status: in-progress}]`))
		}},
		{"team title, an opportunity's owner", func(s site) []string {
			return one(s.setKey("content/teams/team-1.md", "title", "Team One"))
		}},
		{"opportunities none", func(s site) []string { return one(s.setBlock(a, "opportunities", "[]")) }},
		{"KPIs none", func(s site) []string { return one(s.setBlock(a, "kpis", "[]")) }},
	}
	b := newMemBuilder(build.Options{Source: s.fs, Builtin: cjm.DefaultTheme(), Now: now})
	checkSame(t, "first build", b.Build(nil), s)
	for _, e := range edits {
		res := b.Build(e.do(s))
		if !res.OK() {
			t.Fatalf("%s: %v", e.name, res.Diags.Errors())
		}
		checkSame(t, e.name, res, s)
		if strings.HasPrefix(e.name, "opportunities added") {
			// Each of a touchpoint's opportunities has a row of its own.
			page := string(res.Files["teams/team-1/index.html"])
			if !strings.Contains(page, ">First</th>") || !strings.Contains(page, ">Second</th>") {
				t.Errorf("%s: the team's page lacks a row of each opportunity", e.name)
			}
		}
	}
}
