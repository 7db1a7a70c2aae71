// Command cjmbench times cjm on generated portals of several sizes, and
// Hugo beside it where Hugo is installed: a clean build into a new folder,
// a build over unchanged output, and a build after one touchpoint changed,
// each as a whole process, with its peak memory and the output's size.
// Runs of cjm and Hugo alternate, so that a noisy machine slows both
// alike, and the table shows medians. Beside each clean build it times two
// bounds (bounds.go): the floor, Markdown to one file per page and nothing
// else, and the writing of cjm's output alone, as if rendering were free.
//
//	cjmbench -sizes 150,4000,45000 -runs 5
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/cjm-portal/cjm/internal/gen"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "floor" {
		if len(os.Args) != 4 {
			fmt.Fprintln(os.Stderr, "usage: cjmbench floor CONTENT OUT")
			os.Exit(2)
		}
		if err := floor(os.Args[2], os.Args[3]); err != nil {
			fail(err)
		}
		return
	}
	sizes := flag.String("sizes", "150,4000,45000", "touchpoint counts, comma-separated")
	runs := flag.Int("runs", 5, "runs of each measurement; sizes over 10,000 touchpoints get 2 at most")
	dir := flag.String("dir", "bench-out", "where the generated sites and their outputs go")
	cjm := flag.String("cjm", "bin/cjm", "the cjm binary to time")
	hugoSite := flag.String("hugo-site", "tests/bench/hugo", "the minimal Hugo site (config and templates) that renders the same content")
	flag.Parse()

	hugo, _ := exec.LookPath("hugo")
	if hugo == "" {
		fmt.Println("hugo is not installed: timing cjm alone (apt-get install hugo to compare)")
	}
	var rows []row
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fail(fmt.Errorf("-sizes: %q is not a touchpoint count", s))
		}
		r := *runs
		if n > 10000 {
			r = min(r, 2)
		}
		rows = append(rows, measure(n, r, *dir, *cjm, hugo, *hugoSite)...)
	}
	fmt.Println()
	fmt.Println("| touchpoints | Markdown | run | cjm | cjm peak memory | Hugo | Hugo peak memory | cjm / Hugo | floor (÷ Hugo) | writing cjm's output alone (÷ Hugo) | output: cjm, Hugo |")
	fmt.Println("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, r := range rows {
		fmt.Println(r)
	}
}

type sample struct {
	wall time.Duration
	peak int64 // bytes
}

type row struct {
	touchpoints     int
	markdown        int64
	run             string
	cjm, hugo       []sample
	floor, written  []sample // clean builds only
	cjmOut, hugoOut int64
}

func (r row) String() string {
	c := median(r.cjm)
	cols := []string{strconv.Itoa(r.touchpoints), mb(r.markdown), r.run, secs(c.wall), mb(c.peak), "", "", "", "", "", ""}
	var h sample
	if len(r.hugo) > 0 {
		h = median(r.hugo)
		cols[5], cols[6] = secs(h.wall), mb(h.peak)
		cols[7] = fmt.Sprintf("%.2f", c.wall.Seconds()/h.wall.Seconds())
	}
	cols[8], cols[9] = bound(r.floor, h), bound(r.written, h)
	if r.cjmOut > 0 {
		cols[10] = mb(r.cjmOut)
		if r.hugoOut > 0 {
			cols[10] += ", " + mb(r.hugoOut)
		}
	}
	return "| " + strings.Join(cols, " | ") + " |"
}

// bound is a reference time, with its ratio to Hugo's where Hugo ran.
func bound(ss []sample, hugo sample) string {
	if len(ss) == 0 {
		return ""
	}
	b := median(ss).wall
	if hugo.wall == 0 {
		return secs(b)
	}
	return fmt.Sprintf("%s (%.2f)", secs(b), b.Seconds()/hugo.wall.Seconds())
}

func measure(n, runs int, dir, cjm, hugo, hugoSite string) []row {
	site, err := filepath.Abs(filepath.Join(dir, fmt.Sprintf("site-%d", n)))
	if err != nil {
		fail(err)
	}
	markdown := generate(site, n)
	cjmOut, hugoOut, floorOut, rewritten := site+"-cjm", site+"-hugo", site+"-floor", site+"-rewritten"
	clean := row{touchpoints: n, markdown: markdown, run: "clean build"}
	again := row{touchpoints: n, markdown: markdown, run: "no change"}
	edited := row{touchpoints: n, markdown: markdown, run: "one touchpoint edited"}
	tp := firstTouchpoint(site)
	original, err := os.ReadFile(tp)
	if err != nil {
		fail(err)
	}
	defer os.WriteFile(tp, original, 0o644)

	buildCJM := func() sample { return timed(cjm, "build", "-quiet", "-source", site, "-out", cjmOut) }
	buildHugo := func() sample {
		return timed(hugo, "--quiet", "--source", hugoSite, "--contentDir", filepath.Join(site, "content"), "--destination", hugoOut, "--cacheDir", site+"-hugo-cache")
	}
	self, err := os.Executable()
	if err != nil {
		fail(err)
	}
	for i := range runs {
		fmt.Printf("%d touchpoints, run %d of %d\n", n, i+1, runs)
		os.RemoveAll(floorOut)
		clean.floor = append(clean.floor, timed(self, "floor", filepath.Join(site, "content"), floorOut))
		os.RemoveAll(cjmOut)
		clean.cjm = append(clean.cjm, buildCJM())
		os.RemoveAll(rewritten)
		took, err := rewrite(cjmOut, rewritten)
		if err != nil {
			fail(err)
		}
		clean.written = append(clean.written, sample{wall: took})
		again.cjm = append(again.cjm, buildCJM())
		edit := bytes.Replace(original, []byte("title: "), []byte(fmt.Sprintf("title: Edited %d ", i)), 1)
		if err := os.WriteFile(tp, edit, 0o644); err != nil {
			fail(err)
		}
		edited.cjm = append(edited.cjm, buildCJM())
		if hugo != "" {
			os.RemoveAll(hugoOut)
			clean.hugo = append(clean.hugo, buildHugo())
			again.hugo = append(again.hugo, buildHugo())
		}
	}
	os.RemoveAll(rewritten)
	clean.cjmOut = size(cjmOut)
	if hugo != "" {
		clean.hugoOut = size(hugoOut)
	}
	return []row{clean, again, edited}
}

// generate writes the site's content unless the same generator already
// wrote it, and returns the size of its Markdown.
func generate(site string, n int) int64 {
	files := gen.Files(gen.Options{Touchpoints: n, Seed: 1})
	var total int64
	for _, data := range files {
		total += int64(len(data))
	}
	stamp := filepath.Join(site, ".generated")
	want := fmt.Sprintf("%d touchpoints, seed 1, %d files, %d bytes\n", n, len(files), total)
	if old, err := os.ReadFile(stamp); err == nil && string(old) == want {
		return total
	}
	fmt.Printf("generating %d touchpoints into %s\n", n, site)
	if _, err := gen.Write(site, files); err != nil {
		fail(err)
	}
	if err := os.WriteFile(stamp, []byte(want), 0o644); err != nil {
		fail(err)
	}
	return total
}

// firstTouchpoint is the touchpoint file edited between builds.
func firstTouchpoint(site string) string {
	matches, _ := filepath.Glob(filepath.Join(site, "content/journeys/journey-0/*/s0-t0.md"))
	if len(matches) == 0 {
		fail(fmt.Errorf("no touchpoint s0-t0.md in %s", site))
	}
	return matches[0]
}

// timed runs a command and measures its wall time and peak resident memory.
func timed(name string, args ...string) sample {
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		fail(fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.Bytes()))
	}
	s := sample{wall: time.Since(start)}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.peak = ru.Maxrss * 1024 // Linux reports kilobytes
	}
	return s
}

func median(ss []sample) sample {
	walls := make([]time.Duration, len(ss))
	peaks := make([]int64, len(ss))
	for i, s := range ss {
		walls[i], peaks[i] = s.wall, s.peak
	}
	slices.Sort(walls)
	slices.Sort(peaks)
	return sample{wall: walls[len(walls)/2], peak: peaks[len(peaks)/2]}
}

// size is the total size of the files under dir.
func size(dir string) int64 {
	var total int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				total += fi.Size()
			}
		}
		return nil
	})
	return total
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
func mb(n int64) string           { return fmt.Sprintf("%d MB", (n+500_000)/1_000_000) }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "cjmbench:", err)
	os.Exit(1)
}
