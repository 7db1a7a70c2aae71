// Command cjmbench times cjm on generated portals of several sizes, and
// Hugo beside it where Hugo is installed, each as a whole process with its
// wall time, CPU time, peak memory and the output's size. Clean builds
// into a new folder run minified and not, for cjm and for two Hugo sites
// that build the same content: the portal a Hugo user would write for the
// same job (-hugo-portal, the fair anchor) and minimal templates, a page
// per Markdown file (-hugo-site). cjm also builds over its unchanged
// output, and after one touchpoint changed. Runs alternate, so that a
// noisy machine slows all alike, and the tables show medians. Beside each
// clean build it times two bounds (bounds.go): the floor, Markdown to one
// file per page and nothing else, and the writing of cjm's output alone,
// as if rendering were free.
//
//	cjmbench -sizes 150,4000,45000 -runs 5
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
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
	// The default starts with "_" so that the go tool never walks it: after
	// a run it holds gigabytes, and go list, go vet and go test ./... took
	// 20 s to walk them.
	dir := flag.String("dir", "_bench", "where the generated sites and their outputs go")
	cjm := flag.String("cjm", "bin/cjm", "the cjm binary to time")
	hugoMinimal := flag.String("hugo-site", "tests/bench/hugo", "the minimal Hugo site: one page per Markdown file with its title, lists and body (empty: leave it out)")
	hugoPortal := flag.String("hugo-portal", "../shared/bench/hugo-portal", "the Hugo site that renders the same portal as cjm: taxonomies, facts, swimlane table, search index, sitemap (empty: leave it out)")
	cleanOnly := flag.Bool("clean-only", false, "time clean builds only: no floor, no rebuilds")
	flag.Parse()

	hugo, _ := exec.LookPath("hugo")
	var sites []hugoSite
	if hugo == "" {
		fmt.Println("hugo is not installed: timing cjm alone (apt-get install hugo to compare)")
	} else {
		for _, s := range []hugoSite{{"Hugo, same portal", *hugoPortal}, {"Hugo, minimal", *hugoMinimal}} {
			if s.dir == "" {
				continue
			}
			if _, err := os.Stat(filepath.Join(s.dir, "hugo.toml")); err != nil {
				fmt.Printf("%s: no hugo.toml in %s, leaving it out\n", s.name, s.dir)
				continue
			}
			abs, err := filepath.Abs(s.dir)
			if err != nil {
				fail(err)
			}
			s.dir = abs
			sites = append(sites, s)
		}
	}
	var results []result
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fail(fmt.Errorf("-sizes: %q is not a touchpoint count", s))
		}
		r := *runs
		if n > 10000 {
			r = min(r, 2)
		}
		results = append(results, measure(n, r, *dir, *cjm, hugo, sites, *cleanOnly))
	}
	printTables(os.Stdout, sites, results, *cleanOnly)
}

// A hugoSite is a Hugo site (config and templates) that builds the
// generated content beside cjm.
type hugoSite struct {
	name, dir string
}

type sample struct {
	wall, cpu time.Duration // cpu: user and system time of the process
	peak      int64         // bytes
}

// A timing is the samples of one program in one configuration, with the
// size of what it wrote.
type timing struct {
	runs []sample
	out  int64
}

// result is what one size measured. Clean builds run minified and not,
// cjm and each Hugo site alternating.
type result struct {
	touchpoints int
	markdown    int64
	cjm         [2]timing   // clean builds, [0] minified, [1] not
	hugo        [][2]timing // by site, as cjm
	again       []sample    // cjm over its unchanged output
	edited      []sample    // cjm after one touchpoint changed
	floor       []sample    // bounds of the clean build
	written     []sample
}

var minifiedName = [2]string{"minified", "not minified"}

func printTables(w io.Writer, sites []hugoSite, results []result, cleanOnly bool) {
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Clean builds into a new folder, medians: wall time, CPU time (user + system), peak memory, output")
	fmt.Fprintln(w)
	head := "| touchpoints | Markdown | output | cjm |"
	rule := "| ---: | ---: | --- | ---: |"
	for _, s := range sites {
		head += fmt.Sprintf(" %s | cjm ÷ it: wall, CPU |", s.name)
		rule += " ---: | ---: |"
	}
	fmt.Fprintln(w, head)
	fmt.Fprintln(w, rule)
	for _, r := range results {
		for m := range 2 {
			c := r.cjm[m]
			cols := []string{strconv.Itoa(r.touchpoints), mb(r.markdown), minifiedName[m], c.String()}
			for i := range sites {
				h := r.hugo[i][m]
				cols = append(cols, h.String(), ratios(median(c.runs), median(h.runs)))
			}
			fmt.Fprintln(w, "| "+strings.Join(cols, " | ")+" |")
		}
	}
	if cleanOnly {
		return
	}
	anchor := "Hugo"
	if len(sites) > 0 {
		anchor = sites[0].name + ", minified"
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "cjm, minified, medians; each bound's ratio to %s in brackets\n", anchor)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| touchpoints | run | cjm: wall, CPU | cjm peak memory | floor | writing cjm's output alone |")
	fmt.Fprintln(w, "| ---: | --- | ---: | ---: | ---: | ---: |")
	for _, r := range results {
		var ref sample
		if len(r.hugo) > 0 {
			ref = median(r.hugo[0][0].runs)
		}
		c := median(r.cjm[0].runs)
		fmt.Fprintf(w, "| %d | clean build | %s, %s | %s | %s | %s |\n", r.touchpoints, secs(c.wall), secs(c.cpu), mb(c.peak), bound(r.floor, ref), bound(r.written, ref))
		for _, x := range []struct {
			name string
			ss   []sample
		}{{"no change", r.again}, {"one touchpoint edited", r.edited}} {
			s := median(x.ss)
			fmt.Fprintf(w, "| %d | %s | %s, %s | %s | | |\n", r.touchpoints, x.name, secs(s.wall), secs(s.cpu), mb(s.peak))
		}
	}
}

// String is a timing's table cell: wall, CPU, peak memory and output.
func (t timing) String() string {
	if len(t.runs) == 0 {
		return ""
	}
	s := median(t.runs)
	return fmt.Sprintf("%s, %s CPU, %s peak, %s out", secs(s.wall), secs(s.cpu), mb(s.peak), mb(t.out))
}

// ratios is cjm's wall and CPU time over another program's.
func ratios(c, h sample) string {
	if h.wall == 0 || h.cpu == 0 {
		return ""
	}
	return fmt.Sprintf("%.2f, %.2f", c.wall.Seconds()/h.wall.Seconds(), c.cpu.Seconds()/h.cpu.Seconds())
}

// bound is a reference time, with its ratio to the anchor's where it ran.
func bound(ss []sample, ref sample) string {
	if len(ss) == 0 {
		return ""
	}
	b := median(ss).wall
	if ref.wall == 0 {
		return secs(b)
	}
	return fmt.Sprintf("%s (%.2f)", secs(b), b.Seconds()/ref.wall.Seconds())
}

func measure(n, runs int, dir, cjm, hugo string, sites []hugoSite, cleanOnly bool) result {
	site, err := filepath.Abs(filepath.Join(dir, fmt.Sprintf("site-%d", n)))
	if err != nil {
		fail(err)
	}
	res := result{touchpoints: n, markdown: generate(site, n), hugo: make([][2]timing, len(sites))}
	cjmOut, floorOut, rewritten := site+"-cjm", site+"-floor", site+"-rewritten"
	tp := firstTouchpoint(site)
	original, err := os.ReadFile(tp)
	if err != nil {
		fail(err)
	}
	defer os.WriteFile(tp, original, 0o644)

	buildCJM := func(m int) sample {
		return timed(cjm, "build", "-quiet", "-minify="+strconv.FormatBool(m == 0), "-source", site, "-out", cjmOut)
	}
	buildHugo := func(i, m int) sample {
		out := fmt.Sprintf("%s-hugo-%d", site, i)
		os.RemoveAll(out)
		args := []string{"--quiet", "--noBuildLock", "--source", sites[i].dir, "--contentDir", filepath.Join(site, "content"),
			"--destination", out, "--cacheDir", fmt.Sprintf("%s-hugo-cache-%d", site, i)}
		if m == 0 {
			args = append(args, "--minify")
		}
		s := timed(hugo, args...)
		res.hugo[i][m].out = size(out)
		return s
	}
	self, err := os.Executable()
	if err != nil {
		fail(err)
	}
	for i := range runs {
		fmt.Printf("%d touchpoints, run %d of %d\n", n, i+1, runs)
		if !cleanOnly {
			os.RemoveAll(floorOut)
			res.floor = append(res.floor, timed(self, "floor", filepath.Join(site, "content"), floorOut))
		}
		// cjm and each Hugo site in turn, minified, then all again
		// without minifying, so that a slow spell of a shared machine
		// falls on all of them alike.
		for m := range 2 {
			os.RemoveAll(cjmOut)
			res.cjm[m].runs = append(res.cjm[m].runs, buildCJM(m))
			res.cjm[m].out = size(cjmOut)
			if m == 0 && !cleanOnly {
				os.RemoveAll(rewritten)
				took, err := rewrite(cjmOut, rewritten)
				if err != nil {
					fail(err)
				}
				os.RemoveAll(rewritten)
				res.written = append(res.written, sample{wall: took})
				res.again = append(res.again, buildCJM(m))
				edit := bytes.Replace(original, []byte("title: "), []byte(fmt.Sprintf("title: Edited %d ", i)), 1)
				if err := os.WriteFile(tp, edit, 0o644); err != nil {
					fail(err)
				}
				res.edited = append(res.edited, buildCJM(m))
				if err := os.WriteFile(tp, original, 0o644); err != nil {
					fail(err)
				}
			}
			for h := range sites {
				res.hugo[h][m].runs = append(res.hugo[h][m].runs, buildHugo(h, m))
			}
		}
	}
	return res
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
	s := sample{wall: time.Since(start), cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.peak = ru.Maxrss * 1024 // Linux reports kilobytes
	}
	return s
}

// median is the median of each measure on its own.
func median(ss []sample) sample {
	if len(ss) == 0 {
		return sample{}
	}
	walls := make([]time.Duration, len(ss))
	cpus := make([]time.Duration, len(ss))
	peaks := make([]int64, len(ss))
	for i, s := range ss {
		walls[i], cpus[i], peaks[i] = s.wall, s.cpu, s.peak
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	slices.Sort(peaks)
	return sample{wall: walls[len(walls)/2], cpu: cpus[len(cpus)/2], peak: peaks[len(peaks)/2]}
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
