package export

import "strings"

// HistoryRow is one value of a touchpoint's KPI or metric as a commit set
// it (see package history), a row of /data/history.csv.
type HistoryRow struct {
	Date       string // YYYY-MM-DD, the commit's
	Commit     string // its hash
	Journey    string // the journey's slug
	Touchpoint string // the touchpoint's slug
	Metric     string // csi, nps, conversion, or "kpi:" and the KPI's name
	Value      string // as written, with a dot
}

// HistoryCSV writes /data/history.csv: one row per value, in the order
// given, with the BOM and CRLF of the other spreadsheets and every cell
// made safe to open in one.
func HistoryCSV(rows []HistoryRow) []byte {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = []string{r.Date, r.Commit, r.Journey, r.Touchpoint, cleanCell(r.Metric), r.Value}
	}
	return writeCSV([]string{"date", "commit", "journey", "touchpoint", "metric", "value"}, out)
}

// cleanCell drops control characters, which no spreadsheet shows.
func cleanCell(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return -1
		}
		return r
	}, s)
}
