package build_test

import (
	"bytes"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cjm-portal/cjm"
	"github.com/cjm-portal/cjm/internal/build"
	"github.com/cjm-portal/cjm/internal/gitlog"
	"github.com/cjm-portal/cjm/internal/gitlog/gittest"
	"github.com/cjm-portal/cjm/internal/history"
	"github.com/cjm-portal/cjm/internal/sitefs"
)

// hostileMessage holds markup and terminal escapes, which no page, map or
// spreadsheet may pass on as they are.
const hostileMessage = "Move the card <script>alert(1)</script> \x1b[31mred\x07 & \"done\""

// scriptedPortal is a portal whose history the tests know: a journey
// mapped, its numbers and feelings changed over months, a touchpoint
// renamed and moved, an opportunity done, a commit by a hostile author.
func scriptedPortal(t *testing.T) (*gittest.Repo, []string) {
	r := gittest.New(t)
	at := func(m, d int) time.Time { return time.Date(2026, time.Month(m), d, 9, 30, 0, 0, time.UTC) }
	var hashes []string
	r.Write(map[string]string{
		"content/_index.md":                       "---\ntitle: History portal\n---\n",
		"content/personas/anna.md":                "---\ntitle: Anna, buyer\n---\n",
		"content/personas/boris.md":               "---\ntitle: Boris, manager\n---\n",
		"content/teams/web.md":                    "---\ntitle: Web team\n---\n",
		"content/journeys/order/_index.md":        "---\ntitle: Order online\npersonas: [anna, boris]\nupdated: 2025-01-01\n---\n",
		"content/journeys/order/01-buy/_index.md": "---\ntitle: Buy\n---\n",
		"content/journeys/order/02-pay/_index.md": "---\ntitle: Pay\n---\n",
		"content/journeys/order/01-buy/cart.md":   "---\ntitle: Cart\nemotion: -1\nowner: web\nkpis: [{name: Time to pay, current: 40, target: 5, unit: s, better: lower}]\nmetrics: {csi: 3.1}\nopportunities: [{title: One-page checkout, owner: web, status: planned}]\n---\n",
		"content/journeys/order/02-pay/card.md":   "---\ntitle: Card\nemotion: 0\nowner: web\n---\n",
	})
	hashes = append(hashes, r.Commit(at(2, 1), "Anna Admin", "Map the order journey"))
	r.Write(map[string]string{
		"content/journeys/order/01-buy/cart.md": "---\ntitle: Cart\nemotion: {anna: 1, boris: -2}\nowner: web\npains: [Hidden fees]\nkpis: [{name: Time to pay, current: 20, target: 5, unit: s, better: lower}]\nmetrics: {csi: 3.6}\nopportunities: [{title: One-page checkout, owner: web, status: in-progress}]\n---\n",
	})
	hashes = append(hashes, r.Commit(at(4, 15), "Boris Builder", "Cart after the interviews"))
	r.Move("content/journeys/order/02-pay/card.md", "content/journeys/order/01-buy/card.md")
	r.Write(map[string]string{"content/journeys/order/01-buy/card.md": "---\ntitle: Pay by card\nemotion: 1\nowner: web\n---\n"})
	hashes = append(hashes, r.Commit(at(6, 3), "<script>alert(1)</script>", hostileMessage))
	r.Write(map[string]string{
		"content/journeys/order/01-buy/cart.md": "---\ntitle: Cart\nemotion: {anna: 2, boris: 1}\nowner: web\nkpis: [{name: Time to pay, current: 6, target: 5, unit: s, better: lower}]\nmetrics: {csi: 4.4}\nopportunities: [{title: One-page checkout, owner: web, status: done}]\n---\n",
	})
	hashes = append(hashes, r.Commit(at(9, 20), "Eve & \"Mallory\" Co", "One-page checkout is live"))
	return r, hashes
}

func buildRepo(t *testing.T, dir string) built {
	t.Helper()
	root, err := sitefs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return buildOpts(build.Options{Source: root, Builtin: cjm.DefaultTheme(), Now: now,
		History: &history.Reader{Repo: &gitlog.Repo{Dir: dir}}})
}

func TestHistoryPages(t *testing.T) {
	r, hashes := scriptedPortal(t)
	b := buildRepo(t, r.Dir)
	if !b.OK() {
		t.Fatalf("build failed: %v %v", b.Diags, b.Err)
	}
	if !b.History.Available() {
		t.Fatalf("no history: %s", b.History.Unavailable)
	}
	// page is a file's text as a reader sees it: entities decoded.
	page := func(name string) string {
		t.Helper()
		data, ok := b.Files[name]
		if !ok {
			t.Fatalf("no %s", name)
		}
		return html.UnescapeString(string(data))
	}

	// The history page lists each commit with its date, author and message,
	// and its changes in the maps' words.
	h := page("journeys/order/-/history/index.html")
	for _, want := range []string{
		"20 September 2026", "Eve & \"Mallory\" Co", "One-page checkout is live",
		"“Cart”: emotion for Anna +1 → +2", "“Cart”: emotion for Boris -2 → +1",
		"“Cart”: KPI Time to pay 20 → 6 s", "“Cart”: CSI 3.6 → 4.4", "“Cart”: opportunity done: One-page checkout",
		"3 June 2026", "scriptalert(1)/script", "Move the card <script>alert(1)</script> [31mred & \"done\"",
		"Touchpoint “Card” renamed “Pay by card”", "Touchpoint “Pay by card” moved from stage “Pay” to “Buy”",
		"15 April 2026", "Boris Builder", "“Cart”: pain added: Hidden fees", "“Cart”: opportunity “One-page checkout” planned → in progress",
		"1 February 2026", "Anna Admin", "Touchpoint “Cart” added to stage “Buy”", "Journey “Order online” mapped",
		// Compared, oldest against newest, without a script.
		"Touchpoint “Pay by card” moved from stage “Pay” to “Buy”",
	} {
		if !strings.Contains(h, want) {
			t.Errorf("history page lacks %q", want)
		}
	}
	if strings.Index(h, "20 September 2026") > strings.Index(h, "1 February 2026") {
		t.Error("the history page does not list the newest commit first")
	}
	for _, hash := range hashes {
		if !strings.Contains(h, hash[:7]) {
			t.Errorf("history page lacks commit %s", hash[:7])
		}
	}

	// "Updated … by …" is git log's newest commit to the item's files.
	for file, want := range map[string]string{
		"journeys/order/index.html":           "Updated 20 September 2026 by Eve & \"Mallory\" Co",
		"journeys/order/buy/card/index.html":  "Updated 3 June 2026 by scriptalert(1)/script",
		"journeys/order/pay/index.html":       "Updated 3 June 2026 by scriptalert(1)/script", // the card left it
		"personas/boris/index.html":           "Updated 1 February 2026 by Anna Admin",
		"index.html":                          "Updated 20 September 2026 by Eve",
		"journeys/order/-/history/index.html": "As of 1 November 2026",
		"journeys/order/buy/cart/index.html":  "Since done (20 September 2026): Time to pay 20 s → 6 s",
	} {
		if !strings.Contains(page(file), want) {
			t.Errorf("%s lacks %q", file, want)
		}
	}
	for file, hash := range map[string]int{"content/journeys/order/01-buy/card.md": 2, "content/journeys/order": 3} {
		if got := strings.TrimSpace(r.Git(time.Time{}, "", "log", "-1", "--format=%H", "--", file)); got != hashes[hash] {
			t.Fatalf("git log -1 %s = %s, the test expects commit %d", file, got, hash)
		}
	}

	// Trends: on the touchpoint page and in the map's KPI lane.
	cart := page("journeys/order/buy/cart/index.html")
	if !strings.Contains(cart, `class="trend"`) || !strings.Contains(cart, "Over time — 1 February 2026: 40; 15 April 2026: 20; 20 September 2026: 6") {
		t.Error("the cart's page draws no trend of its KPI")
	}
	if m := page("journeys/order/map.svg"); !strings.Contains(m, "40 → 20 → 6") {
		t.Error("the map's KPI lane shows no trend")
	}

	// history.csv: every value as each commit set it.
	csv := strings.TrimPrefix(page("data/history.csv"), "\ufeff")
	want := "date,commit,journey,touchpoint,metric,value\r\n" +
		"2026-02-01," + hashes[0] + ",order,cart,kpi:Time to pay,40\r\n" +
		"2026-02-01," + hashes[0] + ",order,cart,csi,3.1\r\n" +
		"2026-04-15," + hashes[1] + ",order,cart,kpi:Time to pay,20\r\n" +
		"2026-04-15," + hashes[1] + ",order,cart,csi,3.6\r\n" +
		"2026-09-20," + hashes[3] + ",order,cart,kpi:Time to pay,6\r\n" +
		"2026-09-20," + hashes[3] + ",order,cart,csi,4.4\r\n"
	if csv != want {
		t.Errorf("history.csv:\n%s\nwant:\n%s", csv, want)
	}

	// Nothing passes the hostile commit on unescaped.
	for name, data := range b.Files {
		if strings.HasPrefix(name, "fonts/") {
			continue
		}
		if bytes.Contains(data, []byte("<script>alert(1)")) || bytes.Contains(data, []byte("\x1b")) || bytes.Contains(data, []byte("\x07")) {
			t.Errorf("%s holds the hostile commit's text unescaped", name)
		}
	}
}

func TestHistoryWithoutGit(t *testing.T) {
	r, _ := scriptedPortal(t)
	// A copy of the site without .git, as a download of the repository.
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(r.Dir, "content"))); err != nil {
		t.Fatal(err)
	}
	b := buildRepo(t, dir)
	if !b.OK() {
		t.Fatalf("build failed: %v %v", b.Diags, b.Err)
	}
	if b.History.Available() {
		t.Fatal("a copy without .git has a history")
	}
	j := string(b.Files["journeys/order/index.html"])
	if !strings.Contains(j, "Updated 1 January 2025") || !strings.Contains(j, "git history unavailable: the site is not in a git repository") {
		t.Errorf("the journey page says nothing of its missing history:\n%s", j)
	}
	h := string(b.Files["journeys/order/-/history/index.html"])
	if !strings.Contains(h, "History is unavailable: the site is not in a git repository.") {
		t.Error("the history page says nothing of why it is empty")
	}
	if csv := string(b.Files["data/history.csv"]); csv != "\ufeffdate,commit,journey,touchpoint,metric,value\r\n" {
		t.Errorf("history.csv without git: %q", csv)
	}
}

// TestHistoryRebuild commits while a Builder serves the site, as under
// cjm serve: the next rebuild reads the new commit, and its output is a
// clean build's, byte for byte.
func TestHistoryRebuild(t *testing.T) {
	r, _ := scriptedPortal(t)
	root, err := sitefs.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	o := build.Options{Source: root, Builtin: cjm.DefaultTheme(), Now: now, History: &history.Reader{Repo: &gitlog.Repo{Dir: r.Dir}}}
	m := newMemBuilder(o)
	if res := m.Build(nil); !res.OK() {
		t.Fatal(res.Diags)
	}
	// A save, not committed: no history changes, few pages render.
	r.Write(map[string]string{"content/journeys/order/01-buy/card.md": "---\ntitle: Pay by card, saved\nemotion: 1\nowner: web\n---\n"})
	res := m.Build([]string{"content/journeys/order/01-buy/card.md"})
	if !res.OK() || res.Full {
		t.Fatalf("rebuild after a save: ok %v, full %v", res.OK(), res.Full)
	}
	// The save committed: every page says so.
	r.Commit(time.Date(2026, 10, 5, 8, 0, 0, 0, time.UTC), "Dora Editor", "Reword the card")
	res = m.Build([]string{})
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	if got := string(res.Files["journeys/order/buy/card/index.html"]); !strings.Contains(got, "Updated 5 October 2026 by Dora Editor") {
		t.Error("the rebuild after a commit does not show it")
	}
	o.History = &history.Reader{Repo: &gitlog.Repo{Dir: r.Dir}}
	clean := buildOpts(o)
	for name, data := range clean.Files {
		if !bytes.Equal(res.Files[name], data) {
			t.Errorf("%s differs from a clean build's", name)
		}
	}
	if len(res.Files) != len(clean.Files) {
		t.Errorf("%d files, a clean build %d", len(res.Files), len(clean.Files))
	}
}
