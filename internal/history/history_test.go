package history_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/gitlog"
	"github.com/cjm-portal/cjm/internal/gitlog/gittest"
	"github.com/cjm-portal/cjm/internal/history"
	"github.com/cjm-portal/cjm/internal/sitefs"
)

func day(d int) time.Time { return time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC).AddDate(0, 0, d) }

// scripted makes the history the tests read: a journey written, then
// changed over months by three authors, one named with markup.
func scripted(t *testing.T) (*gittest.Repo, []string) {
	r := gittest.New(t)
	var hashes []string
	commit := func(d int, author, msg string) { hashes = append(hashes, r.Commit(day(d), author, msg)) }
	r.Write(map[string]string{
		"content/_index.md":                       "---\ntitle: Portal\n---\n",
		"content/personas/anna.md":                "---\ntitle: Anna\n---\n",
		"content/personas/boris.md":               "---\ntitle: Boris\n---\n",
		"content/journeys/order/_index.md":        "---\ntitle: Order\npersonas: [anna, boris]\n---\n",
		"content/journeys/order/01-buy/_index.md": "---\ntitle: Buy\n---\n",
		"content/journeys/order/02-pay/_index.md": "---\ntitle: Pay\n---\n",
		"content/journeys/order/01-buy/cart.md":   "---\ntitle: Cart\nemotion: 1\npains: [Slow page]\nkpis: [{name: Time, current: 40, target: 5, unit: s}]\nmetrics: {csi: 3.1}\nopportunities: [{title: Faster cart, owner: web, status: planned}]\n---\n",
		"content/journeys/order/02-pay/card.md":   "---\ntitle: Card\nemotion: -1\n---\n",
	})
	commit(0, "Anna Admin", "Map the order journey")
	r.Write(map[string]string{
		"content/journeys/order/01-buy/cart.md": "---\ntitle: Cart\nemotion: {anna: 2, boris: -1}\npains: [Slow page, No totals]\nowner: web\nkpis: [{name: Time, current: 20, target: 5, unit: s}]\nmetrics: {csi: 3.5}\nopportunities: [{title: Faster cart, owner: web, status: in-progress}]\n---\n",
	})
	commit(30, "Boris Builder", "Cart: per persona\n\nAfter the interviews.")
	r.Move("content/journeys/order/02-pay/card.md", "content/journeys/order/01-buy/card.md")
	r.Write(map[string]string{"content/journeys/order/01-buy/card.md": "---\ntitle: Pay by card\nemotion: -1\n---\n"})
	commit(60, "<script>alert(1)</script>", "Move card \x1b[31mred\x07")
	r.Write(map[string]string{
		"content/journeys/order/01-buy/cart.md":    "---\ntitle: Cart\nemotion: {anna: 2, boris: 1}\npains: [No totals]\nowner: web\nkpis: [{name: Time, current: 6, target: 5, unit: s}]\nmetrics: {csi: 4.2}\nopportunities: [{title: Faster cart, owner: web, status: done}, {title: Show totals, owner: web}]\n---\n",
		"content/journeys/order/03-ship/_index.md": "---\ntitle: Ship\nweight: -1\n---\n",
	})
	commit(90, "Anna Admin", "Faster cart is done; shipping first")
	r.Remove("content/journeys/order/01-buy/card.md")
	r.Write(map[string]string{
		"content/personas/anna.md":                "---\ntitle: Anna, buyer\n---\n",
		"content/journeys/order/02-pay/_index.md": "---\ntitle: Pay\nweight: -2\n---\n",
	})
	commit(120, "Anna Admin", "Drop the card, pay first")
	return r, hashes
}

func read(t *testing.T, r *gittest.Repo, w history.Window) *history.History {
	t.Helper()
	root, err := sitefs.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := content.Load(root)
	rd := &history.Reader{Repo: &gitlog.Repo{Dir: r.Dir}}
	return rd.Read(context.Background(), c, w, day(130))
}

func TestHistory(t *testing.T) {
	r, hashes := scripted(t)
	h := read(t, r, history.Window{Commits: 500, Years: 2})
	if !h.Available() {
		t.Fatalf("no history: %s", h.Unavailable)
	}
	if len(h.Commits) != 5 || h.Commits[0].Hash != hashes[4] {
		t.Fatalf("commits: %d, newest %v", len(h.Commits), h.Commits[0])
	}
	// git keeps no < or > in a name: markup reaches the pages only through
	// messages (and addresses), which they escape.
	if c := h.Commits[2]; c.Author != "scriptalert(1)/script" || c.Subject() != "Move card \x1b[31mred\x07" {
		t.Errorf("hostile commit read as %q %q", c.Author, c.Subject())
	}
	for p, want := range map[string]int{
		"content/journeys/order":                  4,
		"content/journeys/order/01-buy/cart.md":   3,
		"content/journeys/order/02-pay":           4,
		"content/journeys/order/01-buy/_index.md": 0,
		"content/personas/anna.md":                4,
		"content/personas/boris.md":               0,
		"content":                                 4,
	} {
		if c := h.Last(p); c == nil || c.Hash != hashes[want] {
			t.Errorf("Last(%s) = %v, want commit %d", p, c, want)
		}
	}
	if c := h.Last("content/journeys/order/01-buy/new.md"); c != nil {
		t.Errorf("an uncommitted file has a commit: %v", c)
	}
	j := h.Journey("content/journeys/order")
	if j == nil || len(j.Entries) != 5 {
		t.Fatalf("journey entries: %+v", j)
	}
	got := map[string][]string{}
	for _, e := range j.Entries {
		for _, c := range e.Changes {
			got[e.Commit.Hash] = append(got[e.Commit.Hash], strings.Join(slices.DeleteFunc([]string{string(c.Kind), c.Touchpoint, c.Stage, c.Detail, c.From + ">" + c.To}, func(s string) bool { return s == "" }), " "))
		}
	}
	want := map[int][]string{
		0: {"journey-added >Order", "touchpoint-added Cart Buy >", "touchpoint-added Card Pay >"},
		1: {"emotion Cart anna 1>2", "emotion Cart boris 1>-1", "pain-added Cart No totals >", "owner-assigned Cart >web", "kpi Cart Time 40>20", "metric Cart csi 3.1>3.5", "opportunity-status Cart Faster cart planned>in-progress"},
		2: {"touchpoint-renamed Pay by card Card>Pay by card", "touchpoint-moved Pay by card Pay>Buy"},
		3: {"emotion Cart boris -1>1", "pain-resolved Cart Slow page >", "kpi Cart Time 20>6", "metric Cart csi 3.5>4.2", "opportunity-done Cart Faster cart in-progress>", "opportunity-opened Cart Show totals >idea", "stage-added Ship >"},
		4: {"touchpoint-removed Pay by card Buy >", "stages-reordered >Pay → Ship → Buy"},
	}
	for i, w := range want {
		g := got[hashes[i]]
		slices.Sort(g)
		slices.Sort(w)
		if !slices.Equal(g, w) {
			t.Errorf("commit %d:\n got %q\nwant %q", i, g, w)
		}
	}
	// The points: the journey as each commit left it.
	last := j.Entries[0].After
	if len(last.Stages) != 3 || last.Stages[1].Title != "Ship" || len(last.Stages[2].Touchpoints) != 1 {
		t.Errorf("newest point: %+v", last)
	}
	first := j.Entries[4].After
	if len(first.Stages) != 2 || first.Stages[1].Touchpoints[0].Title != "Card" || first.Stages[1].Touchpoints[0].Feelings[1] != (history.Feeling{"boris", -1}) {
		t.Errorf("oldest point: %+v", first)
	}
	// The numbers over time.
	s := h.Series("content/journeys/order/01-buy/cart.md")
	var vals []string
	for _, v := range s.Of("kpi:Time") {
		vals = append(vals, v.Commit.Hash[:7]+"="+ftoa(v.Value))
	}
	if want := []string{hashes[0][:7] + "=40", hashes[1][:7] + "=20", hashes[3][:7] + "=6"}; !slices.Equal(vals, want) {
		t.Errorf("KPI series %q, want %q", vals, want)
	}
	if c := h.Done("content/journeys/order/01-buy/cart.md", "Faster cart"); c == nil || c.Hash != hashes[3] {
		t.Errorf("done at %v", c)
	}
	if v, ok := s.At("csi", h.Commits[3]); !ok || v != 3.5 {
		t.Errorf("csi at commit 1: %v %v", v, ok)
	}
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func TestWindow(t *testing.T) {
	r, hashes := scripted(t)
	h := read(t, r, history.Window{Commits: 2, Years: 2})
	if len(h.Commits) != 2 || !h.Truncated {
		t.Fatalf("window of 2: %d commits, truncated %v", len(h.Commits), h.Truncated)
	}
	// A file last changed before the window still has its commit.
	if c := h.Last("content/personas/boris.md"); c == nil || c.Hash != hashes[0] {
		t.Errorf("boris.md: %v", c)
	}
	if off := read(t, r, history.Window{Commits: 0}); off.Available() {
		t.Error("historyCommits: 0 read a history")
	}
}

func TestUnavailable(t *testing.T) {
	dir := t.TempDir()
	h := (&history.Reader{Repo: &gitlog.Repo{Dir: dir}}).Read(context.Background(), nil, history.Window{Commits: 10}, day(0))
	if h.Available() || !strings.Contains(h.Unavailable, "not in a git repository") {
		t.Errorf("outside a repository: %q", h.Unavailable)
	}
	r, _ := scripted(t)
	clone := t.TempDir()
	r.Git(time.Time{}, "", "clone", "-q", "--depth", "1", "file://"+r.Dir, clone)
	h = (&history.Reader{Repo: &gitlog.Repo{Dir: clone}}).Read(context.Background(), nil, history.Window{Commits: 10}, day(0))
	if h.Available() || !strings.Contains(h.Unavailable, "shallow") {
		t.Errorf("shallow clone: %q", h.Unavailable)
	}
}
