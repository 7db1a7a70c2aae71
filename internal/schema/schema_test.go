package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"text/template"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/pelletier/go-toml/v2"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// kinds are the names of the kinds of content files, which name their
// schemas.
var kinds = func() []string {
	var out []string
	for _, k := range content.Kinds {
		out = append(out, k.Kind.String())
	}
	return out
}()

// compiled compiles every kind's schema, checking it against the draft
// 2020-12 meta-schema on the way.
func compiled(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	for _, kind := range kinds {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSON(kind)))
		if err != nil {
			t.Fatalf("%s: %v", FileName(kind), err)
		}
		if err := c.AddResource(FileName(kind), doc); err != nil {
			t.Fatalf("%s: %v", FileName(kind), err)
		}
	}
	out := map[string]*jsonschema.Schema{}
	for _, kind := range kinds {
		sch, err := c.Compile(FileName(kind))
		if err != nil {
			t.Fatalf("%s does not compile: %v", FileName(kind), err)
		}
		out[kind] = sch
	}
	return out
}

func decoded(t *testing.T, kind string) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(JSON(kind), &doc); err != nil {
		t.Fatalf("%s: %v", FileName(kind), err)
	}
	return doc
}

func TestAPI(t *testing.T) {
	entries, err := fs.Glob(files, "*.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, kind := range kinds {
		names = append(names, FileName(kind))
		if JSON(kind) == nil {
			t.Errorf("JSON(%q) is nil", kind)
		}
	}
	slices.Sort(names)
	if !slices.Equal(entries, names) {
		t.Errorf("embedded files %q, want one per kind: %q", entries, names)
	}
	for _, kind := range []string{"", "settings", "touchpoint.schema.json", "../schema/site", "Site"} {
		if JSON(kind) != nil {
			t.Errorf("JSON(%q) is not nil", kind)
		}
	}
	if got := FileName("touchpoint"); got != "touchpoint.schema.json" {
		t.Errorf("FileName = %q", got)
	}
}

// TestSchemasAreWellFormed checks what editors rely on: every schema
// compiles, names itself, closes every object and describes every key.
func TestSchemasAreWellFormed(t *testing.T) {
	compiled(t)
	for _, kind := range kinds {
		doc := decoded(t, kind)
		name := FileName(kind)
		for k, want := range map[string]any{"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": name, "type": "object"} {
			if doc[k] != want {
				t.Errorf("%s: %s is %v, want %v", name, k, doc[k], want)
			}
		}
		for _, k := range []string{"title", "description"} {
			if s, _ := doc[k].(string); s == "" {
				t.Errorf("%s: no %s", name, k)
			}
		}
		var check func(v any, where string)
		check = func(v any, where string) {
			switch n := v.(type) {
			case []any:
				for i, s := range n {
					check(s, fmt.Sprintf("%s/%d", where, i))
				}
			case map[string]any:
				if props, ok := n["properties"].(map[string]any); ok {
					if n["additionalProperties"] != false {
						t.Errorf("%s: %s: an object without additionalProperties: false lets unknown keys pass", name, where)
					}
					for k, p := range props {
						if d, _ := p.(map[string]any)["description"].(string); d == "" {
							t.Errorf("%s: %s/properties/%s has no description", name, where, k)
						}
					}
					required, _ := n["required"].([]any)
					for _, r := range required {
						if props[r.(string)] == nil {
							t.Errorf("%s: %s requires %q, which is not a property", name, where, r)
						}
					}
				}
				for _, k := range slices.Sorted(maps.Keys(n)) {
					check(n[k], where+"/"+k)
				}
			}
		}
		check(doc, "#")
	}
}

// TestSharedDefinitions checks that a definition used by several schemas
// is the same in all of them, so that a fix to one reaches every file.
func TestSharedDefinitions(t *testing.T) {
	first := map[string]any{}
	from := map[string]string{}
	for _, kind := range kinds {
		defs, _ := decoded(t, kind)["$defs"].(map[string]any)
		for name, def := range defs {
			if prev, ok := first[name]; ok && !reflect.DeepEqual(prev, def) {
				t.Errorf("$defs/%s differs between %s and %s", name, from[name], FileName(kind))
			} else if !ok {
				first[name], from[name] = def, FileName(kind)
			}
		}
	}
}

// frontMatter decodes a file's front matter into what a JSON Schema
// validator (or the YAML language server) sees: maps with string keys,
// and dates as the text written. A file without front matter has no keys.
func frontMatter(data []byte) (any, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	lines := strings.SplitAfter(string(data), "\n")
	open := -1
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			open = i
			break
		}
	}
	if open < 0 {
		return map[string]any{}, nil
	}
	delim := strings.TrimSpace(lines[open])
	if delim == "{" {
		dec := json.NewDecoder(strings.NewReader(strings.Join(lines[open:], "")))
		dec.UseNumber()
		var v any
		err := dec.Decode(&v)
		return v, err
	}
	format, ok := map[string]string{"---": "yaml", "---yaml": "yaml", "+++": "toml", "---toml": "toml", ";;;": "json", "---json": "json"}[delim]
	if !ok {
		return map[string]any{}, nil
	}
	closing := map[string]string{"+++": "+++", ";;;": ";;;"}[delim]
	if closing == "" {
		closing = "---"
	}
	end := slices.IndexFunc(lines[open+1:], func(l string) bool { return strings.TrimSpace(l) == closing })
	if end < 0 {
		return nil, fmt.Errorf("front matter opened with %s is never closed", delim)
	}
	text := strings.Join(lines[open+1:open+1+end], "")
	switch format {
	case "toml":
		var m map[string]any
		if err := toml.Unmarshal([]byte(text), &m); err != nil {
			return nil, err
		}
		return fromTOML(m), nil
	case "json":
		dec := json.NewDecoder(strings.NewReader(text))
		dec.UseNumber()
		var v any
		err := dec.Decode(&v)
		return v, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return map[string]any{}, nil
	}
	return fromYAML(doc.Content[0])
}

// fromYAML keeps timestamps as written, as the loader and editors see them
// (yaml.v3 would make `2026-3-1` a time.Time, which the loader refuses),
// and takes every key as text.
func fromYAML(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.AliasNode:
		return fromYAML(n.Alias)
	case yaml.SequenceNode:
		out := []any{}
		for _, c := range n.Content {
			v, err := fromYAML(c)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "<<" {
				continue // the loader takes no merge keys
			}
			v, err := fromYAML(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			out[n.Content[i].Value] = v
		}
		return out, nil
	}
	if n.ShortTag() == "!!timestamp" {
		return n.Value, nil
	}
	var v any
	err := n.Decode(&v)
	return v, err
}

// fromTOML turns TOML's dates into text as the loader does (the day only).
func fromTOML(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range t {
			out[k] = fromTOML(x)
		}
		return out
	case []any:
		out := []any{}
		for _, x := range t {
			out = append(out, fromTOML(x))
		}
		return out
	case time.Time:
		return t.Format(time.DateOnly)
	case toml.LocalDate:
		return t.String()
	case toml.LocalDateTime:
		return t.LocalDate.String()
	}
	return v
}

// TestExampleContentValidates checks every file of the example portal
// against the schema of its kind.
func TestExampleContentValidates(t *testing.T) {
	schemas := compiled(t)
	root := filepath.Join("..", "..", content.Dir)
	counts := map[string]int{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		k, ok := content.KindOf(rel)
		kind := k.String()
		if !ok {
			if strings.HasSuffix(rel, ".md") {
				t.Logf("%s: not content, skipped", rel)
			}
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		v, err := frontMatter(data)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		if err := schemas[kind].Validate(v); err != nil {
			t.Errorf("content/%s does not validate against %s:\n%v", rel, FileName(kind), err)
		}
		counts[kind]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"site", "persona", "team", "journey", "stage", "touchpoint", "page"} {
		if counts[kind] == 0 {
			t.Errorf("the example content has no %s", kind)
		}
	}
	t.Logf("validated: %v", counts)
}

// TestArchetypesValidate checks that what `cjm new` writes, with its keys
// left empty, gets no squiggle: every archetype of the built-in theme,
// filled in as cjm new fills it, validates.
func TestArchetypesValidate(t *testing.T) {
	schemas := compiled(t)
	dir := filepath.Join("..", "..", "themes", "default", "archetypes")
	paths, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no archetypes in %s: %v", dir, err)
	}
	quote := func(s string) string { return strconv.Quote(s) }
	funcs := template.FuncMap{"yaml": quote, "list": func(vs []string) string {
		for i, v := range vs {
			vs[i] = quote(v)
		}
		return "[" + strings.Join(vs, ", ") + "]"
	}}
	for _, p := range paths {
		kind, _, _ := strings.Cut(filepath.Base(p), ".")
		if !slices.Contains(kinds, kind) {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		tmpl, err := template.New(p).Funcs(funcs).Option("missingkey=error").Parse(string(data))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		var b bytes.Buffer
		err = tmpl.Execute(&b, map[string]any{
			"Title": "New item", "Slug": "new-item", "Date": "2026-11-01", "Personas": []string{"olga"},
			"Schema": "../../schema/" + FileName(kind), "Lang": "en",
		})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		v, err := frontMatter(b.Bytes())
		if err != nil {
			t.Fatalf("%s: %v\n%s", p, err, b.Bytes())
		}
		if err := schemas[kind].Validate(v); err != nil {
			t.Errorf("%s does not validate against %s:\n%v", filepath.Base(p), FileName(kind), err)
		}
	}
}

// placeOf is where a file of kind lives, for the loader.
var placeOf = map[string]string{
	"site":       "content/_index.md",
	"section":    "content/personas/_index.md",
	"persona":    "content/personas/olga.md",
	"team":       "content/teams/crm.md",
	"journey":    "content/journeys/order/_index.md",
	"stage":      "content/journeys/order/01-buy/_index.md",
	"touchpoint": "content/journeys/order/01-buy/pay.md",
	"page":       "content/glossary.md",
}

// TestCases checks front matters that must pass and that must fail, and
// that the loader agrees: it reports nothing about a file that passes, and
// an error or a warning about one that fails.
func TestCases(t *testing.T) {
	schemas := compiled(t)
	tp := "---\ntitle: Pay\n"
	cases := []struct {
		name, kind, text string
		ok               bool
	}{
		// What must pass, the loosened types especially.
		{"full touchpoint", "touchpoint", `---
title: Confirmation email that never arrives
description: The email is late
slug: late-email
channel: email
weight: 2
emotion: -2
importance: critical
engagement: high
owner: crm
parent: order-confirmation
related: [card-to-card-transfer/sms-code]
actions: [Refreshes the inbox, Checks the spam folder]
questions: Did the payment go through?
barriers: [The email is delayed by up to 40 minutes]
pains:
  - text: Fear of a double charge
    source: interview
  - Waiting
gains: []
influencers: [Partner asking whether it worked]
processes: [No retry when the email provider fails]
kpis:
  - {name: Median time to email, current: 4, target: 0.5, unit: min, better: lower}
  - {name: Opened, current: -3}
metrics: {csi: 1.9, nps: -41, conversion: 0.97}
opportunities:
  - title: Add an order status push notification
    owner: mobile-app
    due: 2027-03-31
    status: in-progress
  - title: Retry sending
source: survey
---
Body.
`, true},
		{"numbers and booleans as text", "touchpoint", "---\ntitle: 2024\nowner: 123\nchannel: 5\nparent: true\ndescription: 2026-01-01\n---\n", true},
		{"every key empty", "touchpoint", tp + "description:\nslug:\nweight:\nchannel:\nemotion:\nimportance:\nengagement:\nowner:\nsource:\nactions:\nquestions:\nbarriers:\npains:\ngains:\ninfluencers:\nprocesses:\nkpis:\nmetrics:\nopportunities:\nparent:\nrelated:\n---\n", true},
		{"single items without a list", "touchpoint", tp + "actions: Refreshes the inbox\npains: {text: Fear, source: interview}\nkpis: {name: Time}\nopportunities: {title: Push}\nrelated: other/pay\n---\n", true},
		{"empty items in lists", "touchpoint", tp + "actions: [~, Pays]\nmetrics: {csi: ~, conversion: 40%}\n---\n", true},
		{"percentages", "stage", "---\ntitle: Buy\nconversion: 40%\n---\n", true},
		{"a share", "stage", "---\ntitle: Buy\nconversion: 1\ngoals: Pay\nexpectations: [Fast, Safe]\nduration: 2-5 days\nweight: -3\n---\n", true},
		{"one persona as a string", "journey", "---\ntitle: Order\npersonas: olga\nlanes: emotions\nstate: target\nupdated: 2026-10-01\n---\n", true},
		{"a journey in full", "journey", "---\ntitle: Order\npersonas: [olga, marek]\nscenario: Weekly\nproduct: App\nstate: current\ntarget: order-target\nowner: ecommerce\nlanes: [touchpoints, emotions, processes]\ntags: [e-commerce, 2026]\nupdated: 2026-10-01T10:30:00Z\n---\n", true},
		{"a month for a date", "journey", "---\ntitle: Order\npersonas: olga\nupdated: 2026-10\n---\n", true},
		{"site settings", "site", "---\ntitle: Portal\ndescription: Maps\nlanguage: pl\nbaseURL: /cjm/\ntheme: default\neditURL: https://example.com/edit/\nrawHTML: yes\nrequireTeams: false\nmaxFileMB: 20\n---\n", true},
		{"no front matter", "site", "Just a welcome.\n", true},
		{"a persona", "persona", "---\ntitle: Olga\nrole: Parent\nsegment: Families\nquote: \"I order at 11 pm\"\navatar: images/olga.png\ngoals: [Fill the fridge]\nneeds: Certainty\npains: Slow confirmations\nchannels: [app, email]\n---\n", true},
		{"a team", "team", "---\ntitle: CRM\nlead: Anna\ncontact: \"#crm\"\nslug: Customer Relations\n---\n", true},
		{"a section", "section", "---\ntitle: People\ndescription: Who we serve\n---\n", true},
		{"a page", "page", "---\ntitle: Glossary\nweight: 5\n---\n", true},
		{"TOML", "touchpoint", "+++\ntitle = \"Pay\"\nemotion = 1\nactions = [\"Pays\"]\n[metrics]\ncsi = 4.5\n[[kpis]]\nname = \"Time\"\ncurrent = 3\n[[opportunities]]\ntitle = \"Faster\"\ndue = 2027-03-31\n+++\n", true},
		{"emotion per persona", "touchpoint", tp + "emotion: {irina-small-business-owner: 1, tomas-office-manager: -2}\n---\n", true},
		{"emotion per persona, block style, one left empty", "touchpoint", tp + "emotion:\n  Irina: +1\n  tomas:\n---\n", true},
		{"emotion per persona, none given", "touchpoint", tp + "emotion: {}\n---\n", true},
		{"emotion per persona in TOML", "touchpoint", "+++\ntitle = \"Pay\"\nemotion = { irina = 1, tomas = -2 }\n+++\n", true},
		{"emotion per persona in JSON", "touchpoint", "{\n  \"title\": \"Pay\",\n  \"emotion\": {\"irina\": 2, \"tomas\": 0}\n}\n\nBody.\n", true},
		{"JSON", "touchpoint", "{\n  \"title\": \"Pay\",\n  \"emotion\": 2,\n  \"kpis\": [{\"name\": \"Time\", \"target\": 1}],\n  \"opportunities\": [{\"title\": \"Faster\", \"due\": \"2027-05-31\"}]\n}\n\nBody.\n", true},

		// What must fail.
		{"unknown key", "touchpoint", tp + "emotions: 1\n---\n", false},
		{"emotion out of range", "touchpoint", tp + "emotion: 3\n---\n", false},
		{"emotion not whole", "touchpoint", tp + "emotion: 1.5\n---\n", false},
		{"emotion as a list", "touchpoint", tp + "emotion: [1, -2]\n---\n", false},
		{"a persona's emotion out of range", "touchpoint", tp + "emotion: {irina: 1, tomas: -3}\n---\n", false},
		{"a persona's emotion not whole", "touchpoint", tp + "emotion: {irina: 0.5}\n---\n", false},
		{"a persona's emotion as text", "touchpoint", tp + "emotion: {irina: happy}\n---\n", false},
		{"a persona that is no slug", "touchpoint", tp + "emotion: {\"a/b\": 1}\n---\n", false},
		{"importance not in the enum", "touchpoint", tp + "importance: huge\n---\n", false},
		{"engagement not in the enum", "touchpoint", tp + "engagement: critical\n---\n", false},
		{"KPI without a name", "touchpoint", tp + "kpis:\n  - {current: 4, target: 1}\n---\n", false},
		{"KPI value as text", "touchpoint", tp + "kpis:\n  - {name: Time, current: fast}\n---\n", false},
		{"KPI better", "touchpoint", tp + "kpis:\n  - {name: Time, better: faster}\n---\n", false},
		{"unknown key in a KPI", "touchpoint", tp + "kpis:\n  - {name: Time, goal: 3}\n---\n", false},
		{"journey without personas", "journey", "---\ntitle: Order\n---\n", false},
		{"journey with no persona", "journey", "---\ntitle: Order\npersonas: []\n---\n", false},
		{"not a lane", "journey", "---\ntitle: Order\npersonas: olga\nlanes: [emotion]\n---\n", false},
		{"not a state", "journey", "---\ntitle: Order\npersonas: olga\nstate: as-is\n---\n", false},
		{"not a date", "journey", "---\ntitle: Order\npersonas: olga\nupdated: 2026-13-01\n---\n", false},
		{"status not in the enum", "touchpoint", tp + "opportunities:\n  - {title: Push, status: doing}\n---\n", false},
		{"a prioritised opportunity", "touchpoint", tp + "kpis: [{name: Time, current: 40, target: 1}]\nopportunities:\n  - {title: Push, impact: 4, effort: 2, confidence: 80%, kpi: Time, expected: 5}\n---\n", true},
		{"impact past 5", "touchpoint", tp + "opportunities:\n  - {title: Push, impact: 6}\n---\n", false},
		{"effort not whole", "touchpoint", tp + "opportunities:\n  - {title: Push, effort: 2.5}\n---\n", false},
		{"confidence past 1", "touchpoint", tp + "opportunities:\n  - {title: Push, confidence: 1.5}\n---\n", false},
		{"opportunity without a title", "touchpoint", tp + "opportunities:\n  - {owner: crm}\n---\n", false},
		{"due date as written in Europe", "touchpoint", tp + "opportunities:\n  - {title: Push, due: 31.03.2027}\n---\n", false},
		{"note source not in the enum", "touchpoint", tp + "pains:\n  - {text: Slow, source: hunch}\n---\n", false},
		{"note without text", "touchpoint", tp + "pains:\n  - {source: survey}\n---\n", false},
		{"touchpoint source not in the enum", "touchpoint", tp + "source: gut feeling\n---\n", false},
		{"a list of lists", "touchpoint", tp + "actions: [[Pays]]\n---\n", false},
		{"a map for a list", "touchpoint", tp + "related: {journey: order}\n---\n", false},
		{"metrics out of range", "touchpoint", tp + "metrics: {csi: 6}\n---\n", false},
		{"NPS out of range", "touchpoint", tp + "metrics: {nps: -101}\n---\n", false},
		{"unknown metric", "touchpoint", tp + "metrics: {cis: 3}\n---\n", false},
		{"metrics as a list", "touchpoint", tp + "metrics: [3]\n---\n", false},
		{"conversion above 1", "stage", "---\ntitle: Buy\nconversion: 1.5\n---\n", false},
		{"conversion above 100%", "stage", "---\ntitle: Buy\nconversion: 140%\n---\n", false},
		{"missing title", "touchpoint", "---\nchannel: web\n---\n", false},
		{"empty title", "page", "---\ntitle: \"  \"\n---\n", false},
		{"title as a list", "persona", "---\ntitle: [Olga]\n---\n", false},
		{"page without front matter", "page", "Just text.\n", false},
		{"slug with a slash", "team", "---\ntitle: CRM\nslug: crm/eu\n---\n", false},
		{"slug starting with a dot", "team", "---\ntitle: CRM\nslug: .crm\n---\n", false},
		{"weight not whole", "page", "---\ntitle: Glossary\nweight: 1.5\n---\n", false},
		{"language not in the enum", "site", "---\nlanguage: de\n---\n", false},
		{"theme with a space", "site", "---\ntheme: my theme\n---\n", false},
		{"switch not a boolean", "site", "---\nrawHTML: maybe\n---\n", false},
		{"file size limit past a gigabyte", "site", "---\nmaxFileMB: 2048\n---\n", false},
		{"file size limit not whole", "site", "---\nmaxFileMB: 1.5\n---\n", false},
		{"a persona key on a team", "team", "---\ntitle: CRM\nrole: Support\n---\n", false},
		{"a touchpoint key on a page", "page", "---\ntitle: Glossary\nemotion: 1\n---\n", false},
		{"a setting on a section", "section", "---\nlanguage: en\n---\n", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, err := frontMatter([]byte(c.text))
			if err != nil {
				t.Fatalf("%v\n%s", err, c.text)
			}
			err = schemas[c.kind].Validate(v)
			if c.ok && err != nil {
				t.Errorf("%s rejects it:\n%v\n%s", FileName(c.kind), err, c.text)
			}
			if !c.ok && err == nil {
				t.Errorf("%s accepts it:\n%s", FileName(c.kind), c.text)
			}

			// The loader must agree, or the case does not say what it means.
			place := placeOf[c.kind]
			if k, _ := content.KindOf(strings.TrimPrefix(place, content.Dir+"/")); k.String() != c.kind {
				t.Fatalf("%s is not a %s", place, c.kind)
			}
			_, diags := content.Load(fstest.MapFS{place: {Data: []byte(c.text)}})
			var said []string
			for _, d := range diags {
				if d.File == place {
					said = append(said, d.String())
				}
			}
			if c.ok && len(said) > 0 {
				t.Errorf("the loader reports on what the schema should accept:\n%s", strings.Join(said, "\n"))
			}
			if !c.ok && len(said) == 0 {
				t.Errorf("the loader accepts what the schema should reject")
			}
		})
	}
}

// A sanity check of the decoding the tests rely on.
func TestFrontMatter(t *testing.T) {
	for _, c := range []struct {
		text string
		want any
	}{
		{"---\ndue: 2027-03-31\nn: 2\n3: x\n---\n", map[string]any{"due": "2027-03-31", "n": 2, "3": "x"}},
		{"+++\ndue = 2027-03-31\n+++\n", map[string]any{"due": "2027-03-31"}},
		{"{\n\"n\": 2\n}\n\nbody\n", map[string]any{"n": json.Number("2")}},
		{"\ufeff\n---\n---\n", map[string]any{}},
		{"# Title\n", map[string]any{}},
	} {
		got, err := frontMatter([]byte(c.text))
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("frontMatter(%q) = %#v, %v; want %#v", c.text, got, err, c.want)
		}
	}
}
