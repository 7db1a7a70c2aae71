package build_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sync/atomic"
	"testing"

	"github.com/cjm-portal/cjm"
	"github.com/cjm-portal/cjm/internal/build"
	"github.com/cjm-portal/cjm/internal/publish"
)

// supersedeAt calls Supersede at the at'th file a build hands it (never
// when at is 0), as a save coming in while the build runs does.
type supersedeAt struct {
	publish.Sink
	b       *build.Builder
	at, put atomic.Int64
}

func (s *supersedeAt) Put(name string, data []byte) error {
	if n := s.put.Add(1); n == s.at.Load() {
		s.b.Supersede()
	}
	return s.Sink.Put(name, data)
}

// TestSupersede saves a touchpoint and, while the build runs, its stage:
// the build whose saved page is out stops where it is, publishes
// nothing, and the next, told only of the stage, equals a clean build.
// A build with no early pages runs on.
func TestSupersede(t *testing.T) {
	s := loadDir(t, "../../content")
	const tp = "content/journeys/order-groceries/04-confirmation/confirmation-email.md"
	const stage = "content/journeys/order-groceries/04-confirmation/_index.md"
	mem := publish.NewMemory()
	sink := &supersedeAt{Sink: publish.SkipUnchanged(mem)}
	var early int
	b := build.NewBuilder(build.Options{Source: s.fs, Builtin: cjm.DefaultTheme(), Now: now, Out: sink,
		Early: func(map[string][]byte) { early++ }})
	sink.b = b
	rebuild := func(changed ...string) built {
		sink.put.Store(0)
		return built{b.Build(context.Background(), changed), mem.Files()}
	}
	checkSame(t, "first build", rebuild(), s)
	for i, at := range []int64{1, 2, 5, 30, 50} { // the saved page, and on into the rest
		step := fmt.Sprintf("cut at file %d", at)
		good := maps.Clone(mem.Files())
		sink.at.Store(at)
		early = 0
		res := rebuild(s.setKey(tp, "title", fmt.Sprintf("Email %d", i)))
		if !errors.Is(res.Err, build.ErrSuperseded) || early != 1 {
			t.Fatalf("%s: err %v after %d early calls, want %v after 1", step, res.Err, early, build.ErrSuperseded)
		}
		if !maps.EqualFunc(good, res.Files, func(a, b []byte) bool { return string(a) == string(b) }) {
			t.Errorf("%s: the build cut short changed the output", step)
		}
		sink.at.Store(0)
		checkSame(t, step+", then the next build", rebuild(s.setKey(stage, "title", fmt.Sprintf("Confirmed %d", i))), s)
	}
	// A static file changed: every page renders, none early, and a newer
	// save does not cut the build short.
	sink.at.Store(1)
	res := rebuild(s.write("static/notes.txt", "notes"))
	if res.Err != nil || !res.Full {
		t.Fatalf("a full build was cut short or not full: %v, full %v", res.Err, res.Full)
	}
	checkSame(t, "full build", res, s)
}
