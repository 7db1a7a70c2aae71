package cjm

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

//go:generate go test -run ^TestPackageDiagram$ -update .

var update = flag.Bool("update", false, "rewrite the package diagram in docs/architecture.md from `go list`")

// The package diagram in docs/architecture.md lies between these lines.
const (
	architectureDoc = "docs/architecture.md"
	diagramBegin    = "<!-- BEGIN package diagram: written by `go generate .` from `go list ./...`; do not edit by hand -->"
	diagramEnd      = "<!-- END package diagram -->"
)

// howToFix is said by every failure of TestPackageDiagram.
const howToFix = `To fix it, run from the repository's root:

	go generate .        (the same as: go test -run '^TestPackageDiagram$' -update .)

which rewrites the diagram between the BEGIN and END lines of ` + architectureDoc + `
from ` + "`go list ./...`" + `; review it with git diff. A new package also needs a row
of its own, | ` + "`internal/NAME`" + ` | what it owns |, in the table of packages above
the diagram.`

// TestPackageDiagram keeps the package diagram of docs/architecture.md in
// step with the code: every package of the module (under cmd/ and
// internal/, and the root) with exactly the packages of the module it
// imports, as `go list` says, and a row describing each package in the
// table of packages. With -update (go generate .) it rewrites the diagram.
func TestPackageDiagram(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH; the package diagram is checked where it is")
	}
	graph := listPackages(t, goBin)
	want := renderDiagram(graph)

	doc, err := os.ReadFile(architectureDoc)
	if err != nil {
		t.Fatal(err)
	}
	begin := bytes.Index(doc, []byte(diagramBegin))
	end := bytes.Index(doc, []byte(diagramEnd))
	if begin < 0 || end < begin {
		t.Fatalf("%s has no package diagram between the lines\n%s\n%s\n(put both lines where the diagram belongs, then run go generate .)", architectureDoc, diagramBegin, diagramEnd)
	}
	start := begin + len(diagramBegin)
	got := string(doc[start:end])

	if *update {
		if got != want {
			out := append(append(append([]byte{}, doc[:start]...), want...), doc[end:]...)
			if err := os.WriteFile(architectureDoc, out, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("rewrote the package diagram in %s", architectureDoc)
		}
	} else if got != want {
		t.Errorf("the package diagram in %s is out of step with the code:\n%s\n%s",
			architectureDoc, describeDiff(parseImportTable(got), graph), howToFix)
	}

	// Every package is described, in a table row of its own outside the
	// generated block.
	prose := string(doc[:begin]) + string(doc[end:])
	for _, pkg := range sortedKeys(graph) {
		if !strings.Contains(prose, "| `"+pkg+"` |") {
			t.Errorf("%s: the table of packages has no row for `%s`; add one: | `%s` | what it owns |", architectureDoc, pkg, pkg)
		}
	}
}

// listPackages returns every package of the module, named relative to the
// module (cmd/cjm, internal/build; the root package is "cjm"), with the
// packages of the module it imports (test files left out).
func listPackages(t *testing.T, goBin string) map[string][]string {
	t.Helper()
	cmd := exec.Command(goBin, "list", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", "./...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list ./...: %v\n%s", err, stderr.String())
	}
	modPath, err := exec.Command(goBin, "list", "-m", "-f", "{{.Path}}").Output()
	if err != nil {
		t.Fatalf("go list -m: %v", err)
	}
	mod := strings.TrimSpace(string(modPath))
	short := func(p string) (string, bool) {
		if p == mod {
			return "cjm", true
		}
		if rel, ok := strings.CutPrefix(p, mod+"/"); ok {
			return rel, true
		}
		return "", false
	}
	graph := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		pkg, ok := short(fields[0])
		if !ok {
			continue
		}
		imports := []string{}
		for _, imp := range fields[1:] {
			if s, ok := short(imp); ok {
				imports = append(imports, s)
			}
		}
		sort.Strings(imports)
		graph[pkg] = imports
	}
	return graph
}

// renderDiagram writes the generated block: a Mermaid flowchart of the
// imports with the ones implied by others left out (so that it stays
// readable), then a table of every package's direct imports.
func renderDiagram(graph map[string][]string) string {
	var b strings.Builder
	id := func(pkg string) string { return strings.NewReplacer("/", "_", ".", "_", "-", "_").Replace(pkg) }
	b.WriteString("\n\n```mermaid\nflowchart LR\n")
	for _, pkg := range sortedKeys(graph) {
		fmt.Fprintf(&b, "  %s[\"%s\"]\n", id(pkg), pkg)
	}
	reach := reachability(graph)
	for _, pkg := range sortedKeys(graph) {
		for _, imp := range graph[pkg] {
			implied := false
			for _, other := range graph[pkg] {
				if other != imp && reach[other][imp] {
					implied = true
					break
				}
			}
			if !implied {
				fmt.Fprintf(&b, "  %s --> %s\n", id(pkg), id(imp))
			}
		}
	}
	b.WriteString("```\n\nEvery package and the packages of the module it imports (test files aside):\n\n")
	b.WriteString("| package | imports |\n| --- | --- |\n")
	for _, pkg := range sortedKeys(graph) {
		names := make([]string, len(graph[pkg]))
		for i, imp := range graph[pkg] {
			names[i] = "`" + imp + "`"
		}
		imports := strings.Join(names, ", ")
		if imports == "" {
			imports = "none"
		}
		fmt.Fprintf(&b, "| %s | %s |\n", "`"+pkg+"`", imports)
	}
	b.WriteString("\n")
	return b.String()
}

// reachability says, for each package, every package it imports directly
// or through others.
func reachability(graph map[string][]string) map[string]map[string]bool {
	reach := map[string]map[string]bool{}
	var visit func(string) map[string]bool
	visit = func(pkg string) map[string]bool {
		if r, ok := reach[pkg]; ok {
			return r
		}
		r := map[string]bool{}
		reach[pkg] = r
		for _, imp := range graph[pkg] {
			r[imp] = true
			for p := range visit(imp) {
				r[p] = true
			}
		}
		return r
	}
	for pkg := range graph {
		visit(pkg)
	}
	return reach
}

// parseImportTable reads the table of direct imports back from a
// generated block, to say what differs.
func parseImportTable(block string) map[string][]string {
	graph := map[string][]string{}
	for _, line := range strings.Split(block, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 4 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		pkg := strings.Trim(strings.TrimSpace(cells[1]), "`")
		imports := []string{}
		for _, imp := range strings.Split(cells[2], ",") {
			if imp = strings.Trim(strings.TrimSpace(imp), "`"); imp != "" && imp != "none" {
				imports = append(imports, imp)
			}
		}
		graph[pkg] = imports
	}
	return graph
}

// describeDiff says, a line each, which packages and imports the diagram
// has wrong.
func describeDiff(doc, code map[string][]string) string {
	var lines []string
	for _, pkg := range sortedKeys(code) {
		if _, ok := doc[pkg]; !ok {
			lines = append(lines, fmt.Sprintf("- package %s is missing from the diagram", pkg))
		}
	}
	for _, pkg := range sortedKeys(doc) {
		if _, ok := code[pkg]; !ok {
			lines = append(lines, fmt.Sprintf("- package %s is in the diagram but not in the code", pkg))
		}
	}
	for _, pkg := range sortedKeys(code) {
		have, ok := doc[pkg]
		if !ok {
			continue
		}
		for _, imp := range code[pkg] {
			if !slices.Contains(have, imp) {
				lines = append(lines, fmt.Sprintf("- %s imports %s; the diagram does not say so", pkg, imp))
			}
		}
		for _, imp := range have {
			if !slices.Contains(code[pkg], imp) {
				lines = append(lines, fmt.Sprintf("- the diagram says %s imports %s; it does not", pkg, imp))
			}
		}
	}
	if len(lines) == 0 {
		lines = append(lines, "- the packages and imports agree, but the diagram's text differs from what go generate writes")
	}
	return strings.Join(lines, "\n")
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestDocLinks checks every relative link of README.md and docs/*.md: the
// file it names exists, and so does the heading its #anchor names (as
// GitHub makes anchors from headings), so that moving a section between
// files cannot leave a link behind.
func TestDocLinks(t *testing.T) {
	docs, err := filepath.Glob("docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	docs = append([]string{"README.md"}, docs...)
	anchors := map[string]map[string]bool{}
	anchorsOf := func(file string) map[string]bool {
		if a, ok := anchors[file]; ok {
			return a
		}
		a := map[string]bool{}
		data, _ := os.ReadFile(file)
		for _, h := range markdownHeadings(string(data)) {
			id := headingAnchor(h)
			for n := 1; a[id]; n++ { // GitHub numbers a repeated heading's anchor
				id = fmt.Sprintf("%s-%d", headingAnchor(h), n)
			}
			a[id] = true
		}
		anchors[file] = a
		return a
	}
	for _, doc := range docs {
		data, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range linkRE.FindAllStringSubmatch(proseOf(string(data)), -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") || strings.HasPrefix(target, "/") {
				continue
			}
			file, anchor, _ := strings.Cut(target, "#")
			if file == "" {
				file = doc
			} else {
				file = filepath.Join(filepath.Dir(doc), file)
			}
			if _, err := os.Stat(file); err != nil {
				t.Errorf("%s: link %q: %s does not exist", doc, target, file)
				continue
			}
			if anchor != "" && strings.HasSuffix(file, ".md") && !anchorsOf(file)[anchor] {
				t.Errorf("%s: link %q: %s has no heading with the anchor #%s", doc, target, file, anchor)
			}
		}
	}
}

var (
	linkRE       = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	codeSpanRE   = regexp.MustCompile("`+[^`]*`+")
	headingRE    = regexp.MustCompile(`(?m)^#{1,6} (.+)$`)
	anchorDropRE = regexp.MustCompile(`[^\p{L}\p{N}_\- ]`)
)

// proseOf drops fenced code blocks and code spans, whose brackets are not
// links.
func proseOf(md string) string {
	var b strings.Builder
	fenced := false
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		if !fenced {
			b.WriteString(codeSpanRE.ReplaceAllString(line, "") + "\n")
		}
	}
	return b.String()
}

// markdownHeadings lists the ATX headings outside fenced code blocks.
func markdownHeadings(md string) []string {
	var hs []string
	fenced := false
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		if m := headingRE.FindStringSubmatch(line); m != nil && !fenced {
			hs = append(hs, m[1])
		}
	}
	return hs
}

// headingAnchor is the anchor GitHub gives a heading: lower case, every
// character but letters, digits, '_', '-' and spaces dropped, spaces made
// hyphens.
func headingAnchor(h string) string {
	return strings.ReplaceAll(anchorDropRE.ReplaceAllString(strings.ToLower(strings.TrimSpace(h)), ""), " ", "-")
}
