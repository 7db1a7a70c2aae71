package gen

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
)

// HistoryStart is the date of a generated history's first commit; its
// commits follow every 16 hours, so that 1,000 of them span under two
// years and fit the default window of a build made a year later.
var HistoryStart = time.Date(2025, 1, 10, 9, 0, 0, 0, time.UTC)

// Commit is one generated commit: files written (path → contents),
// renamed (old path → new) and its message and author.
type Commit struct {
	Author, Message string
	Date            time.Time
	Write           map[string][]byte
	Rename          map[string]string
}

// History returns commits that change a generated portal's touchpoints as
// teams do over months: emotions, KPIs' current values, metrics and
// opportunities' status moved, pains added, titles reworded, a touchpoint
// moved to another stage now and then. The first commit adds files; each
// later one starts from the files as the commits before left them.
func History(files map[string][]byte, commits int, seed uint64) []Commit {
	r := rand.New(rand.NewPCG(seed, 0x68697374))
	state := make(map[string][]byte, len(files))
	for k, v := range files {
		state[k] = v
	}
	var tps []string
	for p := range files {
		if strings.Count(p, "/") == 4 && strings.HasPrefix(p, "content/journeys/") && path.Base(p) != "_index.md" {
			tps = append(tps, p)
		}
	}
	slices.Sort(tps)
	authors := []string{"Anna Kowalska", "Boris Petrov", "Chloé Martin", "Dmitri Ivanov", "Ewa Nowak"}
	out := []Commit{{Author: authors[0], Message: "Map the portal", Date: HistoryStart, Write: files}}
	for i := 1; i < commits; i++ {
		c := Commit{Author: authors[r.IntN(len(authors))], Date: HistoryStart.Add(time.Duration(i) * 16 * time.Hour), Write: map[string][]byte{}}
		var said []string
		for range 1 + r.IntN(3) {
			k := r.IntN(len(tps))
			p := tps[k]
			data := state[p]
			switch n := r.IntN(20); {
			case n < 5:
				data = replaceFirst(data, emotionRe, fmt.Sprintf("emotion: %d", r.IntN(5)-2))
				said = append(said, "emotion")
			case n < 10:
				data = replaceFirst(data, currentRe, fmt.Sprintf("current: %d", r.IntN(100)))
				said = append(said, "KPI")
			case n < 13:
				data = replaceFirst(data, csiRe, fmt.Sprintf("csi: %.1f", 1+4*r.Float64()))
				said = append(said, "CSI")
			case n < 15:
				data = replaceFirst(data, statusRe, "status: "+[]string{"idea", "planned", "in-progress", "done"}[r.IntN(4)])
				said = append(said, "opportunity")
			case n < 17:
				data = bytes.Replace(data, []byte("pains:\n"), fmt.Appendf(nil, "pains:\n  - \"Found in review %d\"\n", i), 1)
				said = append(said, "pain")
			case n < 19:
				data = bytes.Replace(data, []byte("title: \""), []byte("title: \"Reworded "), 1)
				said = append(said, "title")
			default:
				// Moved to another stage of its journey, its name kept.
				dir := path.Dir(p)
				stages := path.Dir(dir)
				to := ""
				for q := range state {
					if path.Base(q) == "_index.md" && path.Dir(path.Dir(q)) == stages && path.Dir(q) != dir {
						to = path.Dir(q)
						if r.IntN(3) == 0 {
							break
						}
					}
				}
				if to == "" {
					continue
				}
				np := to + "/" + path.Base(p)
				if _, taken := state[np]; taken {
					continue
				}
				if c.Rename == nil {
					c.Rename = map[string]string{}
				}
				c.Rename[p] = np
				delete(state, p)
				if _, edited := c.Write[p]; edited { // earlier in this commit
					delete(c.Write, p)
					c.Write[np] = data
				}
				state[np] = data
				tps[k] = np
				said = append(said, "move")
				continue
			}
			state[p] = data
			c.Write[p] = data
		}
		c.Message = fmt.Sprintf("Review %d: %s", i, strings.Join(said, ", "))
		out = append(out, c)
	}
	return out
}

var (
	emotionRe = regexp.MustCompile(`(?m)^emotion: -?\d+`)
	currentRe = regexp.MustCompile(`(?m)^    current: \d+`)
	csiRe     = regexp.MustCompile(`(?m)^  csi: [\d.]+`)
	statusRe  = regexp.MustCompile(`(?m)^    status: [a-z-]+`)
)

func replaceFirst(data []byte, re *regexp.Regexp, with string) []byte {
	loc := re.FindIndex(data)
	if loc == nil {
		return data
	}
	indent := ""
	if m := data[loc[0]:loc[1]]; bytes.HasPrefix(m, []byte("    ")) {
		indent = "    "
	} else if bytes.HasPrefix(m, []byte("  ")) {
		indent = "  "
	}
	return slices.Concat(data[:loc[0]], []byte(indent+with), data[loc[1]:])
}

// WriteRepo makes dir a git repository holding the commits, its working
// folder checked out at the last: one `git fast-import`, which writes a
// thousand commits in a second or two.
func WriteRepo(dir string, commits []Commit) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	git := func(stdin []byte, args ...string) error {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if stdin != nil {
			cmd.Stdin = bytes.NewReader(stdin)
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("git %s: %v\n%s", args[0], err, out)
		}
		return nil
	}
	if err := os.RemoveAll(dir + "/.git"); err != nil {
		return err
	}
	if err := git(nil, "init", "-q", "-b", "main"); err != nil {
		return err
	}
	var b bytes.Buffer
	for _, c := range commits {
		who := fmt.Sprintf("%s <%s@example.com> %d +0000", c.Author, strings.ToLower(strings.Fields(c.Author)[0]), c.Date.Unix())
		fmt.Fprintf(&b, "commit refs/heads/main\nauthor %s\ncommitter %s\ndata %d\n%s\n", who, who, len(c.Message), c.Message)
		for _, old := range sortedKeys(c.Rename) {
			fmt.Fprintf(&b, "R %s %s\n", old, c.Rename[old])
		}
		for _, p := range sortedKeys(c.Write) {
			fmt.Fprintf(&b, "M 100644 inline %s\ndata %d\n", p, len(c.Write[p]))
			b.Write(c.Write[p])
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	if err := git(b.Bytes(), "fast-import", "--quiet"); err != nil {
		return err
	}
	return git(nil, "reset", "-q", "--hard", "main")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
