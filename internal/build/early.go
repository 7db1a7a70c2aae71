package build

import (
	"slices"
	"sync"

	"github.com/cjm-portal/cjm/internal/diag"
	"github.com/cjm-portal/cjm/internal/render"
	"github.com/cjm-portal/cjm/internal/site"
)

// early renders, of routes, those of the files in changed, hands them to
// out and to Options.Early, and notes them in b.earlyRoutes. failed is
// true when a page failed (its errors are in diags) or out did: the build
// ends there.
func (b *Builder) early(r *render.Renderer, routes []site.Route, changed []string, out *output, diags *diag.List) (failed bool) {
	var own []site.Route
	for _, rt := range routes {
		if rt.File != "" && slices.Contains(changed, rt.File) {
			own = append(own, rt)
		}
	}
	if len(own) == 0 || diags.HasErrors() {
		return false
	}
	pages := make(map[string][]byte, len(own))
	var mu sync.Mutex
	failures, _ := r.Stream(own, func(name string, data []byte) error {
		mu.Lock()
		pages[name] = data
		mu.Unlock()
		return out.put(name, data)
	})
	diags.Add(failures...)
	if diags.HasErrors() || out.failed() != nil {
		return true
	}
	for _, rt := range own {
		b.earlyRoutes = append(b.earlyRoutes, rt.Path)
	}
	b.opts.Early(pages)
	return false
}
