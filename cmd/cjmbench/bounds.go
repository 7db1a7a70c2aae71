package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cjm-portal/cjm/internal/par"
	"github.com/yuin/goldmark"
)

// floor is the least work any generator does for a portal of this
// contract: it reads each Markdown file, converts its body with goldmark on
// every core, and writes it as index.html in a folder of its own at the
// page's pretty URL. No front matter is read, no page links to another, no
// map is drawn. Its time, measured as a whole process like cjm's and
// Hugo's, is what the file system and Markdown cost on this machine: the
// bound under which no generator of these URLs can go.
//
//	cjmbench floor CONTENT OUT
func floor(content, out string) error {
	var files []string
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return err
	}
	md := goldmark.New() // safe for concurrent use
	errs := make([]error, len(files))
	par.For(len(files), func(i int) { errs[i] = floorPage(md, content, files[i], out) })
	return errors.Join(errs...)
}

func floorPage(md goldmark.Markdown, content, file, out string) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	rel, err := filepath.Rel(content, file)
	if err != nil {
		return err
	}
	dir := filepath.Join(out, strings.TrimSuffix(rel, ".md"))
	if filepath.Base(rel) == "_index.md" {
		dir = filepath.Join(out, filepath.Dir(rel))
	}
	var page bytes.Buffer
	page.WriteString("<!doctype html><meta charset=utf-8><title>page</title>\n")
	if err := md.Convert(body(src), &page); err != nil {
		return fmt.Errorf("%s: %v", file, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), page.Bytes(), 0o644)
}

// body is the Markdown after the front matter's closing "---" line. It
// splits only the LF-ended YAML fences cjmgen writes, and decodes nothing:
// the content package's splitter also decodes, which the floor must not.
func body(src []byte) []byte {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return src
	}
	if i := bytes.Index(src[3:], []byte("\n---\n")); i >= 0 {
		return src[3+i+5:]
	}
	return src
}

// rewrite reads every file of a built site into memory, then writes them
// all into out, with a writer per core, and returns the time of the
// writing alone: what the file system charges for cjm's output, whatever
// the time spent rendering it.
func rewrite(built, out string) (time.Duration, error) {
	type file struct {
		name string
		data []byte
	}
	var files []file
	err := filepath.WalkDir(built, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(built, p)
		files = append(files, file{rel, data})
		return err
	})
	if err != nil {
		return 0, err
	}
	start := time.Now()
	errs := make([]error, len(files))
	par.For(len(files), func(i int) {
		p := filepath.Join(out, files[i].name)
		if errs[i] = os.MkdirAll(filepath.Dir(p), 0o755); errs[i] == nil {
			errs[i] = os.WriteFile(p, files[i].data, 0o644)
		}
	})
	return time.Since(start), errors.Join(errs...)
}
