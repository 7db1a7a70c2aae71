package main

import (
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/cjm-portal/cjm/internal/publish"
	"github.com/cjm-portal/cjm/internal/publish/faultfs"
	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts run this test binary as the `cjm` command,
// and as `cjm-killed-at KIND N build ...`, which is `cjm build ...` whose
// process ends, as with kill -9, at the N-th file operation of KIND
// ("writefile", "rename", ...; see package faultfs) on the output folder.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"cjm":           func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
		"cjm-killed-at": killedAt,
	})
}

func killedAt() {
	if len(os.Args) < 4 || os.Args[3] != "build" {
		fmt.Fprintln(os.Stderr, "usage: cjm-killed-at KIND N build [flags]")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "usage: cjm-killed-at KIND N build [flags]")
		os.Exit(2)
	}
	kind, seen := os.Args[1], 0
	open := func(dir string) (*publish.Dir, error) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		fsys, _, err := publish.OS(dir)
		if err != nil {
			return nil, err
		}
		return publish.OpenFS(faultfs.New(fsys, func(op faultfs.Op) error {
			if op.Kind == kind {
				if seen++; seen == n {
					os.Exit(137) // no deferred call runs, as after kill -9
				}
			}
			return nil
		}), dir)
	}
	if err := buildWith(open, os.Args[4:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "cjm:", err)
		os.Exit(1)
	}
	fmt.Fprintln(os.Stderr, "cjm-killed-at: the build ended before operation", n, "of", kind)
	os.Exit(3)
}

// TestScripts runs the CLI scripts in testdata/script: each builds, checks
// or breaks a small site and asserts on output, exit codes and files.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}
