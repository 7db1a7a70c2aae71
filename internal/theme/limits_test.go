package theme

import (
	"bytes"
	"errors"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// site is a layer of a site's own templates: one for every kind of page,
// each page's body from main.
func site(baseof, main string) []Layer {
	files := fstest.MapFS{"layouts/baseof.html": {Data: []byte(baseof)}}
	for _, names := range Kinds {
		files["layouts/"+names[len(names)-1]] = &fstest.MapFile{Data: []byte(`{{define "main"}}` + main + `{{end}}`)}
	}
	return []Layer{{FS: files, Layouts: "layouts"}}
}

// TestStepsChangeNoOutput: the steps added to a site's loops and templates
// write nothing, in any of html/template's contexts.
func TestStepsChangeNoOutput(t *testing.T) {
	baseof := `<!doctype html><html><head><script>var xs = [{{range .}}{{.}},{{end}}];</script>
<style>{{range .}}.c{{.}} { color: red }{{end}}</style></head>
<body><a href="/x?{{range .}}q={{.}}&amp;{{end}}" title="{{range .}}{{.}} {{end}}" onclick="f({{range .}}{{.}},{{end}}0)">{{block "main" .}}{{end}}</a>
{{range $i, $e := .}}{{if $i}}, {{end}}<b>{{$e}}</b>{{else}}none{{end}}
{{with .}}{{range .}}{{template "item" .}}{{break}}{{end}}{{end}}{{range 3}}{{.}}{{end}}</body></html>
{{define "item"}}<i>{{.}}</i>{{end}}`
	main := `{{range .}}<p>{{.}}</p>{{continue}}{{end}}`
	data := []string{"a<b", `c"d`, "e&f", "</script>"}

	th, diags := Load(site(baseof, main), nil, Limits{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, name := range []string{"baseof.html", "main", "item"} {
		if tmpl := th.pages["home.html"].Lookup(name); !guarded(tmpl.Tree.Root) {
			t.Errorf("%s has no step", name)
		}
	}
	got, err := th.Execute("home", data)
	if err != nil {
		t.Fatal(err)
	}
	plain := template.Must(template.New("baseof.html").Parse(baseof))
	template.Must(plain.New("home.html").Parse(`{{define "main"}}` + main + `{{end}}`))
	var want bytes.Buffer
	if err := plain.ExecuteTemplate(&want, "baseof.html", data); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("with steps:\n%s\nwithout:\n%s", got, want.Bytes())
	}
}

// TestHalt: a page stuck in loops that write nothing stops at once when
// the theme is halted, and later pages do not start.
func TestHalt(t *testing.T) {
	started := make(chan struct{})
	funcs := template.FuncMap{"started": func() string { close(started); return "" }}
	th, diags := Load(site(`{{block "main" .}}{{end}}`, `{{started}}{{range 1000000}}{{range 1000000}}{{end}}{{end}}`), funcs, Limits{Time: time.Hour})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	done := make(chan error, 1)
	go func() {
		_, err := th.Execute("home", nil)
		done <- err
	}()
	<-started
	halted := time.Now()
	th.Halt()
	select {
	case err := <-done:
		if !errors.Is(err, ErrStopped) {
			t.Errorf("err = %v, want ErrStopped", err)
		}
		t.Logf("stopped %s after Halt", time.Since(halted))
	case <-time.After(5 * time.Second):
		t.Fatal("the page did not stop")
	}
	if _, err := th.Execute("home", nil); !errors.Is(err, ErrStopped) {
		t.Errorf("a page after Halt: %v, want ErrStopped", err)
	}
}

// TestRangeOverNumbers: a range over a number up to MaxRange, as written,
// is a template like any other; above it, an error at the range's line.
func TestRangeOverNumbers(t *testing.T) {
	if _, diags := Load(site(`{{block "main" .}}{{end}}`, "{{range 1000000}}{{end}}{{range $i, $e := (3)}}{{end}}"), nil, Limits{}); diags.HasErrors() {
		t.Errorf("range 1000000: %s", diags)
	}
	_, diags := Load(site("{{block \"main\" .}}{{end}}\n\n{{range $i := (1000001)}}{{end}}", ""), nil, Limits{})
	if want := "layouts/baseof.html:3: template: range over 1000001: more steps than a page can take"; !strings.Contains(diags.String(), want) {
		t.Errorf("errors:\n%s\nwant %s", diags, want)
	}
}
