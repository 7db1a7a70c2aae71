package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/cjm-portal/cjm/internal/build"
	"github.com/cjm-portal/cjm/internal/gitlog"
	"github.com/cjm-portal/cjm/internal/history"
)

// historyReader reads the site's history from git: once per build, and
// under cjm serve and build -watch once per commit checked out.
func historyReader(dir string) *history.Reader {
	return &history.Reader{Repo: &gitlog.Repo{Dir: dir}}
}

// warnHistory says, once, why a build has no history where it could have
// one: a shallow clone, or git failing. Outside a repository, or without
// git, the pages say so, and the terminal need not.
func warnHistory(w io.Writer, res *build.Result, said *string) {
	h := res.History
	if h == nil || h.Available() || h.Unavailable == *said {
		return
	}
	*said = h.Unavailable
	switch h.Unavailable {
	case gitlog.ErrNoRepo.Error(), gitlog.ErrNoGit.Error(), gitlog.ErrNoCommits.Error():
		return
	}
	if strings.HasPrefix(h.Unavailable, "history is off") { // as asked
		return
	}
	fmt.Fprintf(w, "cjm: warning: no history: %s; pages say when they were updated only where `updated` is given\n", h.Unavailable)
}
