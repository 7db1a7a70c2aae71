// Package sitedir knows the layout of a site's folder, as the authoring
// contract lays it out: which folders a build reads, where a theme's
// folder is, where the output goes unless told, and where it may not go.
// Every other package asks here rather than spelling the names itself.
package sitedir

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"
)

// The folders of a site, relative to its folder. A theme's folder, and the
// built-in theme, hold layouts/ and static/ too.
const (
	Content = "content" // the Markdown the portal is made of
	Layouts = "layouts" // the site's own templates, replacing the theme's
	Static  = "static"  // files copied into the output as they are
	Themes  = "themes"  // one folder per theme: themes/NAME/
	// Archetypes holds the templates of `cjm new`, in a site or a theme.
	Archetypes = "archetypes"
	Out        = "public" // the output, unless -out says otherwise
)

// Sources are the folders a build reads: a change in any of them calls
// for a rebuild, and the output may not be inside any of them.
func Sources() []string { return []string{Content, Layouts, Static, Themes} }

// Theme is the folder of the theme called name: "themes/NAME".
func Theme(name string) string { return Themes + "/" + name }

// InContent reports whether the slash path p, relative to the site's
// folder, is content/ or inside it.
func InContent(p string) bool {
	p = path.Clean(p)
	return p == Content || strings.HasPrefix(p, Content+"/")
}

// DefaultOut is the output folder of the site in folder source.
func DefaultOut(source string) string { return filepath.Join(source, Out) }

// CheckOut refuses an output folder that is the site's folder or inside
// one of its Sources: publishing would feed the build its own output, and
// a rebuild would remove the author's files. source and out are paths of
// the system, as the user gave them.
func CheckOut(source, out string) error {
	src, err1 := filepath.Abs(source)
	dst, err2 := filepath.Abs(out)
	if err1 != nil || err2 != nil {
		return nil // the build will say what is wrong with the paths
	}
	if dst == src {
		return fmt.Errorf("-out %s is the site's folder; write the site into a folder of its own, e.g. %s", out, DefaultOut(source))
	}
	for _, dir := range Sources() {
		d := filepath.Join(src, dir)
		if dst == d || strings.HasPrefix(dst, d+string(filepath.Separator)) {
			return fmt.Errorf("-out %s is inside %s; write the site outside %s, e.g. %s", out, filepath.Join(source, dir), listed(Sources()), DefaultOut(source))
		}
	}
	return nil
}

// listed writes folders as a sentence does: "content/, layouts/, static/ and themes/".
func listed(dirs []string) string {
	s := make([]string, len(dirs))
	for i, d := range dirs {
		s[i] = d + "/"
	}
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
