package author

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
)

func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func testSite(dir string) *Site {
	return &Site{Dir: dir, Theme: os.DirFS("../../themes/default"), Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}
}

// The files of TestImportUpdate, as an author wrote them: comments, a body
// with trailing spaces and a blank line, CRLF in one, TOML and JSON.
const (
	updPay  = "---\r\n# Reviewed with the CRM team in October.\r\ntitle: Pay by card\r\nemotion: -2   # the worst moment\r\nowner: crm\r\nkpis:\r\n  - {name: Time to confirm, current: 40, target: 1, unit: min, better: lower}\r\n\r\n# Metrics from the Q3 survey\r\nmetrics: {csi: 2.1, nps: -41}\r\nopportunities:\r\n  - title: Push on payment\r\n    status: planned\r\n---\r\nThe customer pays.  \r\n\r\n<!-- keep this -->\r\n"
	updWait = "+++\ntitle = \"Wait\"\n# how it feels\nemotion = 0\nimportance = \"low\"\nactions = [\n  \"Waits\",\n  \"Refreshes\",\n]\n\n[metrics]\ncsi = 3.5\n\n[[opportunities]]\ntitle = \"Faster\"\nstatus = \"idea\"\n+++\nTOML body.\n"
	updDoor = "{\n  \"title\": \"Door\",\n  \"emotion\": 1,\n  \"owner\":    \"logistics\"\n}\n\nJSON body.\n"
)

// TestImportUpdate exports a journey, edits the sheet as a spreadsheet
// program in Polish saves it (a byte order mark, ";" between cells, CRLF,
// decimal commas), and imports it with Update: only the keys whose values
// changed are rewritten, and bodies, comments, line ends and the other keys
// stay byte for byte.
func TestImportUpdate(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/personas/olga.md":                "---\ntitle: Olga\n---\n",
		"content/journeys/order/_index.md":        "---\ntitle: Order\npersonas: [olga]   # one persona for now\n---\nJourney body.\n",
		"content/journeys/order/01-buy/_index.md": "---\ntitle: Buy\nconversion: 0.5\n---\n",
		"content/journeys/order/01-buy/pay.md":    updPay,
		"content/journeys/order/01-buy/wait.md":   updWait,
		"content/journeys/order/01-buy/door.md":   updDoor,
	})
	s := testSite(dir)
	if err := s.open(); err != nil {
		t.Fatal(err)
	}
	sheet, err := ExportSheet(s.content(), "order")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(sheet, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int { return slices.Index(rows[0], name) }
	row := func(file string) []string {
		for _, r := range rows {
			if r[col("file")] == file {
				return r
			}
		}
		t.Fatalf("no row %s in\n%s", file, sheet)
		return nil
	}
	row("pay")[col("emotion")] = "-1"
	row("pay")[col("metrics.csi")] = "2.6"
	row("pay")[col("opportunities")] = "Push on payment | status: planned | impact: 4 | effort: 2 | confidence: 0.75 | kpi: Time to confirm | expected: 1.5"
	row("wait")[col("importance")] = "high"
	row("wait")[col("actions")] += "\nCalls the shop [interview]"
	row("01-buy")[col("conversion")] = "0.75"
	// As a spreadsheet saves it: BOM, ";", CRLF, decimal commas.
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.Comma, w.UseCRLF = ';', true
	decimal := regexp.MustCompile(`^(-?\d+)\.(\d+)$`)
	for _, r := range rows {
		for i := range r {
			r[i] = decimal.ReplaceAllString(r[i], "$1,$2")
			r[i] = strings.ReplaceAll(r[i], ": 0.75", ": 0,75")
		}
		w.Write(r)
	}
	w.Flush()
	before := map[string][]byte{}
	for _, f := range []string{"_index.md", "01-buy/door.md"} {
		before[f], _ = os.ReadFile(filepath.Join(dir, "content/journeys/order", f))
	}
	files, diags, err := testSite(dir).ImportSheet("sheet.csv", b.Bytes(), SheetOptions{Update: true})
	if err != nil || diags.HasErrors() {
		t.Fatalf("err %v, diags %v", err, diags)
	}
	slices.Sort(files)
	if want := []string{"content/journeys/order/01-buy/_index.md", "content/journeys/order/01-buy/pay.md", "content/journeys/order/01-buy/wait.md"}; !slices.Equal(files, want) {
		t.Errorf("wrote %q, want %q", files, want)
	}
	read := func(f string) string {
		data, err := os.ReadFile(filepath.Join(dir, "content/journeys/order", f))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	tests := []struct{ file, want string }{
		{"01-buy/pay.md", "---\r\n# Reviewed with the CRM team in October.\r\ntitle: Pay by card\r\nemotion: -1\r\nowner: crm\r\nkpis:\r\n  - {name: Time to confirm, current: 40, target: 1, unit: min, better: lower}\r\n\r\n# Metrics from the Q3 survey\r\nmetrics: {csi: 2.6, nps: -41}\r\nopportunities:\r\n  - {title: Push on payment, status: planned, impact: 4, effort: 2, confidence: 0.75, kpi: Time to confirm, expected: 1.5}\r\n---\r\nThe customer pays.  \r\n\r\n<!-- keep this -->\r\n"},
		{"01-buy/wait.md", "+++\ntitle = \"Wait\"\n# how it feels\nemotion = 0\nimportance = \"high\"\nactions = [\"Waits\", \"Refreshes\", { text = \"Calls the shop\", source = \"interview\" }]\n\n[metrics]\ncsi = 3.5\n\n[[opportunities]]\ntitle = \"Faster\"\nstatus = \"idea\"\n+++\nTOML body.\n"},
		{"01-buy/_index.md", "---\ntitle: Buy\nconversion: 0.75\n---\n"},
		{"01-buy/door.md", string(before["01-buy/door.md"])},
		{"_index.md", string(before["_index.md"])},
	}
	for _, tt := range tests {
		if got := read(tt.file); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.file, got, tt.want)
		}
	}
	// The same sheet again changes nothing.
	files, diags, err = testSite(dir).ImportSheet("sheet.csv", b.Bytes(), SheetOptions{Update: true})
	if err != nil || diags.HasErrors() || len(files) != 0 {
		t.Errorf("a second import wrote %q (%v, %v)", files, err, diags)
	}
}

// TestImportSheetErrors checks that every mistake of a sheet is reported at
// its row and column with what would be right, and nothing is written.
func TestImportSheetErrors(t *testing.T) {
	dir := writeSite(t, map[string]string{"content/personas/olga.md": "---\ntitle: Olga\n---\n"})
	sheet := "kind,file,stage,title,personas,emotion,kpis,opportunities,metrics.csi\n" +
		"journey,order,,Order,olga,,,,\n" +
		"stage,01-buy,,Buy,,,,,\n" +
		"touchpoint,pay,,Pay,,5,Time | current: fast,,\n" +
		"touchpoint,wait,,Wait,,1,Time | target: 3,Faster | impact: 9 | kpi: Tme,7\n" +
		"touchpoint,door,nowhere,Door,,,,,\n" +
		"planet,x,,X,,,,,\n"
	_, diags, err := testSite(dir).ImportSheet("s.csv", []byte(sheet), SheetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := []string{
		`s.csv:7: column 1 (kind): "planet" is not a kind of row; use one of: site, persona, team, channel, kpi, competitor, journey, stage, touchpoint`,
		`s.csv:4: column 7 (kpis): "Time | current: fast": current: "fast" is not a number; write one entry a line, the name first, then ` + "`key: value`" + ` parts after ` + "`|`",
		`s.csv:4: column 6 (emotion): "5" is not an emotion; use an integer from -2 (very negative) to 2 (very positive)`,
		`s.csv:5: column 8 (opportunities): opportunities[1].impact: 9 is out of range; use a whole number from 1 (helps a little) to 5 (helps a lot)`,
		`s.csv:5: column 8 (opportunities): opportunities[1].kpi: no KPI "Tme" on this touchpoint; did you mean "Time"? name a KPI of this touchpoint's ` + "`kpis`" + `: "Time"`,
		`s.csv:5: column 9 (metrics.csi): 7 is out of range; use a score from 1 to 5`,
		`s.csv:6: column 3 (stage): no stage "nowhere"; name a stage of the journey by its slug, folder or title: buy`,
	}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, w) }) {
			t.Errorf("missing %s\nin:\n%s", w, strings.Join(got, "\n"))
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content/journeys")); err == nil {
		t.Error("a sheet with errors wrote files")
	}
}

// TestCells reads back what each codec writes, for the cells a spreadsheet
// user edits.
func TestCells(t *testing.T) {
	tests := []struct {
		codec codec
		name  string
		v     any
		cell  string
	}{
		{cList, "goals", []string{"One; with a semicolon", "Two"}, "One; with a semicolon\nTwo"},
		{cNotes, "pains", []noteValue{{"Fear", "interview"}, {"Plain", ""}, {"Looks like [survey]", ""}}, "Fear [interview]\nPlain\nLooks like [survey] []"},
		{cEmotion, "emotion", []content.PersonaEmotion{{Persona: "irina", Value: 1}, {Persona: "tomas", Value: -2}}, "irina: 1\ntomas: -2"},
		{cEmotion, "emotion", -2, "-2"},
		{cRecords, "kpis", []record{{{"name", "Time | wait"}, {"current", 4.5}, {"unit", `a\b`}}}, `Time \| wait | current: 4.5 | unit: a\\b`},
		{cRecords, "opportunities", []record{{{"title", "Push"}, {"due", dateValue("2027-03-31")}, {"impact", 4}}}, "Push | due: 2027-03-31 | impact: 4"},
		{cNumber, "conversion", 0.4, "0.4"},
		{cDate, "updated", dateValue("2026-10-01"), "2026-10-01"},
	}
	for _, tt := range tests {
		if got := encodeCell(tt.codec, tt.v); got != tt.cell {
			t.Errorf("%s: encode %v = %q, want %q", tt.name, tt.v, got, tt.cell)
		}
		back, err := decodeCell(tt.codec, tt.name, tt.cell)
		if err != nil {
			t.Errorf("%s: decode %q: %v", tt.name, tt.cell, err)
			continue
		}
		if encodeCell(tt.codec, back) != tt.cell {
			t.Errorf("%s: %q read back as %v", tt.name, tt.cell, back)
		}
	}
	// What spreadsheets in other languages write.
	for cell, want := range map[string]float64{"0,4": 0.4, "40%": 0.4, "-1,5": -1.5} {
		if v, err := decodeCell(cNumber, "conversion", cell); err != nil || v != want {
			t.Errorf("number %q = %v, %v; want %v", cell, v, err, want)
		}
	}
	for _, s := range []string{"=1+1", "+x", "-x", "@x", "'=x", "''", "'", "-2", "a"} {
		if got := unguardCell(guardCell(s)); got != s {
			t.Errorf("guard %q then unguard: %q", s, got)
		}
	}
	if g := guardCell("=HYPERLINK(1)"); g != "'=HYPERLINK(1)" {
		t.Errorf("guard = %q", g)
	}
}
