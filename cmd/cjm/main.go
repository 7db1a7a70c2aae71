// Command cjm builds a portal of customer journey maps from Markdown.
//
//	cjm build [-source DIR] [-out DIR] [-base-url URL]
//	cjm build -watch [-poll DUR]
//	cjm check [-source DIR]
//	cjm serve [-source DIR] [-bind ADDR] [-port N] [-base-url URL] [-poll DUR]
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

const usage = `cjm builds a portal of customer journey maps from Markdown.

Usage:
  cjm build [-source DIR] [-out DIR] [-base-url URL]   build the site into OUT (default DIR/public)
  cjm build -watch                                     build, then rebuild on every change
  cjm check [-source DIR]                              check the content; print errors and gaps
  cjm serve [-source DIR] [-bind ADDR] [-port N]       build, watch and serve the site on 127.0.0.1:1313
  cjm new KIND PATH [-stages A,B]                      write a new persona, team, channel, journey, stage or touchpoint
  cjm import csv FILE -journey SLUG                    turn a spreadsheet of touchpoints into a journey
  cjm import mermaid FILE                              turn a Mermaid journey diagram into a journey
  cjm export mermaid SLUG                              print a journey as a Mermaid journey diagram
  cjm schema [-out DIR]                                write the front matter's JSON Schemas, for editors
  cjm version                                          print the version

Run 'cjm COMMAND -h' for the flags of a command.
`

// version is set by the linker for releases.
var version = "dev"

func main() {
	// A soft ceiling on the heap: the collector works harder near it
	// instead of asking the system for more. Memory the process has not
	// touched before is the dearest thing a large build uses (on a small
	// virtual machine, about 3 ms a megabyte). A build of 4,000
	// touchpoints stays well under it; one of 45,000 holds up to about
	// 430 MB live and peaks at 535-561 MB with it (587-594 MB at 480 MiB,
	// 604 MB at 512 MiB). GOMEMLIMIT overrides it.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const memoryLimit = 448 << 20

// errUsage marks a mistake in the command line: exit code 2.
var errUsage = errors.New("usage")

// run runs one command and returns the process's exit code: 0 on success,
// 1 when the content has errors, 2 for a wrong command line.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "build":
		err = runBuild(rest, stdout, stderr)
	case "check":
		err = runCheck(rest, stdout, stderr)
	case "serve":
		err = runServe(rest, stdout, stderr)
	case "new":
		err = runNew(rest, stdout, stderr)
	case "import":
		err = runImport(rest, stdout, stderr)
	case "export":
		err = runExport(rest, stdout, stderr)
	case "schema":
		err = runSchema(rest, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "cjm", version)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "cjm: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage), errors.Is(err, flag.ErrHelp):
		return 2
	case errors.Is(err, errFailed):
		return 1
	}
	fmt.Fprintln(stderr, "cjm:", err)
	return 1
}

// errFailed means the problems were already printed.
var errFailed = errors.New("failed")

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("cjm "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return errUsage
	}
	return nil
}
