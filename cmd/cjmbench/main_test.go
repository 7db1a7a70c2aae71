package main

import (
	"strings"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []sample
		want sample
	}{
		{"none", nil, sample{}},
		{"one", []sample{{wall: 2 * time.Second, cpu: 3 * time.Second, peak: 5}}, sample{wall: 2 * time.Second, cpu: 3 * time.Second, peak: 5}},
		{"each measure on its own", []sample{
			{wall: 3 * time.Second, cpu: 1 * time.Second, peak: 7},
			{wall: 1 * time.Second, cpu: 9 * time.Second, peak: 8},
			{wall: 2 * time.Second, cpu: 4 * time.Second, peak: 1},
		}, sample{wall: 2 * time.Second, cpu: 4 * time.Second, peak: 7}},
	} {
		if got := median(tc.in); got != tc.want {
			t.Errorf("%s: median = %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestPrintTables(t *testing.T) {
	s := func(wall, cpu float64) []sample {
		return []sample{{wall: time.Duration(wall * float64(time.Second)), cpu: time.Duration(cpu * float64(time.Second)), peak: 100e6}}
	}
	sites := []hugoSite{{"Hugo, same portal", "p"}, {"Hugo, minimal", "m"}}
	r := result{
		touchpoints: 4000, markdown: 15e6,
		cjm: [2]timing{{s(1, 2), 60e6}, {s(0.9, 1.6), 110e6}},
		hugo: [][2]timing{
			{{s(4, 8), 40e6}, {s(3, 6), 50e6}},
			{{s(2, 2.5), 17e6}, {s(1.8, 2), 20e6}},
		},
		again: s(0.5, 0.8), edited: s(0.6, 0.9), floor: s(0.4, 0.7), written: s(0.2, 0.2),
	}
	var b strings.Builder
	printTables(&b, sites, []result{r}, false)
	for _, want := range []string{
		"| 4000 | 15 MB | minified | 1.00 s, 2.00 s CPU, 100 MB peak, 60 MB out | 4.00 s, 8.00 s CPU, 100 MB peak, 40 MB out | 0.25, 0.25 | 2.00 s, 2.50 s CPU, 100 MB peak, 17 MB out | 0.50, 0.80 |",
		"| 4000 | 15 MB | not minified | 0.90 s, 1.60 s CPU, 100 MB peak, 110 MB out | 3.00 s, 6.00 s CPU, 100 MB peak, 50 MB out | 0.30, 0.27 | 1.80 s, 2.00 s CPU, 100 MB peak, 20 MB out | 0.50, 0.80 |",
		"| 4000 | clean build | 1.00 s, 2.00 s | 100 MB | 0.40 s (0.10) | 0.20 s (0.05) |",
		"| 4000 | one touchpoint edited | 0.60 s, 0.90 s | 100 MB | | |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("tables lack the row\n%s\nin\n%s", want, b.String())
		}
	}
	b.Reset()
	printTables(&b, nil, []result{{touchpoints: 150, cjm: r.cjm}}, true)
	if got := b.String(); !strings.Contains(got, "| 150 | 0 MB | minified | 1.00 s, 2.00 s CPU, 100 MB peak, 60 MB out |\n") || strings.Contains(got, "clean build") {
		t.Errorf("cjm alone, clean builds only:\n%s", got)
	}
}
