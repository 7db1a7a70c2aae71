package content

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/cjm-portal/cjm/internal/diag"
	"github.com/cjm-portal/cjm/internal/schema"
)

// The tests in this file keep the editors' JSON Schemas (package schema)
// and the loader in agreement, through Options.KeyRead: whatever key the
// loader asks for must be a property of its kind's schema, and every
// property of a schema must be asked for by the loader.

// schemaFixture holds a file of every kind. The loader asks for every key
// of a kind even when it is absent, but for the keys inside a KPI, an
// opportunity, metrics or a `{text, source}` item only when there is one,
// so the touchpoint has one of each, and a `{text, source}` item in every list.
var schemaFixture = fstest.MapFS{
	"content/_index.md":                       file("title: Portal\ncurrency: EUR"),
	"content/personas/_index.md":              file("title: People"),
	"content/teams/_index.md":                 file("title: Teams"),
	"content/journeys/_index.md":              file("title: Maps"),
	"content/personas/olga.md":                file("title: Olga"),
	"content/teams/crm.md":                    file("title: CRM"),
	"content/channels/_index.md":              file("title: Channels"),
	"content/channels/sms.md":                 file("title: Text message\ntitles: {ru: СМС, pl: SMS}\nkind: online\nicon: sms"),
	"content/journeys/order/_index.md":        file("title: Order\npersonas: olga"),
	"content/journeys/order/01-buy/_index.md": file("title: Buy"),
	"content/journeys/order/01-buy/pay.md": file(`title: Pay
emotion: 1
actions: [{text: Pays, source: interview}]
questions: [{text: Is it safe, source: survey}]
barriers: [{text: No card at hand, source: analytics}]
pains: [{text: Slow, source: assumption}]
gains: [{text: Fast, source: interview}]
influencers: [{text: Partner, source: interview}]
processes: [{text: Fraud check, source: interview}]
kpis: [{name: Time to pay, kpi: time-to-pay, current: 40, target: 10, unit: s, better: lower}]
metrics: {csi: 4, nps: 10, conversion: 0.9, retention: 0.8, ces: 2, ltv: 1200}
competitors: [{name: freshmart, csi: 4.2, nps: 20, note: One tap, source: Survey 2026}]
opportunities: [{title: One-tap pay, owner: crm, due: 2027-03-31, status: planned}]`),
	"content/kpis/_index.md":        file("title: KPIs"),
	"content/competitors/_index.md": file("title: Rivals"),
	"content/kpis/time-to-pay.md": file(`title: Time to pay
titles: {en: Time to pay, ru: Время оплаты, pl: Czas płatności}
unit: s
better: lower
owner: crm
definition: From the basket to the receipt
formula: median(paid_at - basket_at)
dataSource: Payment events
target: 10`),
	"content/competitors/freshmart.md": file("title: FreshMart\nwebsite: https://freshmart.example"),
	"content/glossary.md":              file("title: Glossary"),
	"content/guides/_index.md":         file("title: Guides"),
	"content/guides/setup.md":          file("title: Setup"),
}

func file(frontMatter string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\n" + frontMatter + "\n---\nBody.\n")}
}

var indexSegment = regexp.MustCompile(`\.\d+(\.|$)`)

// loaderKeys loads fsys with Options.KeyRead set and returns, for every
// file the loader read, its kind and the key paths asked for, without
// list indices ("kpis.name").
func loaderKeys(t *testing.T, fsys fs.FS) (kinds map[string]string, keys map[string]map[string]bool, diags diag.List) {
	t.Helper()
	var mu sync.Mutex // Load decodes files in parallel
	keys = map[string]map[string]bool{}
	keyRead := func(file, path string) {
		path = indexSegment.ReplaceAllString(path, "$1")
		mu.Lock()
		defer mu.Unlock()
		if keys[file] == nil {
			keys[file] = map[string]bool{}
		}
		keys[file][path] = true
	}
	_, diags = LoadWith(fsys, Options{KeyRead: keyRead})
	kinds = map[string]string{}
	for file := range keys {
		var ds diag.List
		if item := loadFile(fsys, file, DefaultMaxFileMB<<20, nil, &ds); item != nil {
			kinds[file] = item.ItemKind().String()
		}
	}
	return kinds, keys, diags
}

// schemaNode is what the walk over a schema sees at one key path.
type schemaNode struct {
	path string
	node map[string]any
}

// schemaWalk returns the key paths of kind's schema ("kpis.name") and every
// subschema met at each, following local $refs, anyOf and array items.
func schemaWalk(t *testing.T, kind string) (paths map[string]bool, nodes []schemaNode) {
	t.Helper()
	data := schema.JSON(kind)
	if data == nil {
		t.Fatalf("no schema for kind %q", kind)
	}
	var root map[string]any
	if err := json.Unmarshal(data, &root); err != nil {
		t.Fatalf("%s: %v", schema.FileName(kind), err)
	}
	paths = map[string]bool{}
	var walk func(v any, path string, depth int)
	walk = func(v any, path string, depth int) {
		n, ok := v.(map[string]any)
		if !ok || depth > 20 {
			return
		}
		nodes = append(nodes, schemaNode{path, n})
		if ref, ok := n["$ref"].(string); ok {
			name, ok := strings.CutPrefix(ref, "#/$defs/")
			defs, _ := root["$defs"].(map[string]any)
			if !ok || defs[name] == nil {
				t.Fatalf("%s: %s: $ref %q is not a local definition", schema.FileName(kind), path, ref)
			}
			walk(defs[name], path, depth+1)
		}
		for _, kw := range []string{"anyOf", "oneOf", "allOf"} {
			subs, _ := n[kw].([]any)
			for _, s := range subs {
				walk(s, path, depth+1)
			}
		}
		walk(n["items"], path, depth+1)
		walk(n["contains"], path, depth+1)
		props, _ := n["properties"].(map[string]any)
		for k, s := range props {
			p := join(path, k)
			paths[p] = true
			walk(s, p, depth+1)
		}
	}
	walk(root, "", 0)
	return paths, nodes
}

// TestSchemaKeysAgreeWithLoader checks both ways that the keys of each
// kind's schema are the keys the loader reads for that kind, nested keys
// included.
func TestSchemaKeysAgreeWithLoader(t *testing.T) {
	kinds, keys, diags := loaderKeys(t, schemaFixture)
	if diags.HasErrors() {
		t.Fatalf("the fixture has errors:\n%v", diags.Errors())
	}
	read := map[string]map[string]bool{} // schema kind → key paths
	for file, kind := range kinds {
		if got, _ := KindOf(strings.TrimPrefix(file, Dir+"/")); got.String() != kind {
			t.Errorf("KindOf(%q) = %q; the loader reads it as %q", file, got, kind)
		}
		if read[kind] == nil {
			read[kind] = map[string]bool{}
		}
		maps.Copy(read[kind], keys[file])
	}
	for _, k := range Kinds {
		kind := k.Kind.String()
		if read[kind] == nil {
			t.Errorf("the fixture has no file of kind %q", kind)
			continue
		}
		props, _ := schemaWalk(t, kind)
		for _, k := range slices.Sorted(maps.Keys(read[kind])) {
			if !props[k] {
				t.Errorf("%s: the loader reads %q, which the schema lacks", schema.FileName(kind), k)
			}
		}
		for _, k := range slices.Sorted(maps.Keys(props)) {
			if !read[kind][k] {
				t.Errorf("%s: property %q is never read by the loader", schema.FileName(kind), k)
			}
		}
	}
	for kind := range read {
		if schema.JSON(kind) == nil {
			t.Errorf("the loader reads files of kind %q, which has no schema", kind)
		}
	}
}

// TestKindOfAgreesWithLoader checks that KindOf tells every file's kind as
// the loader does, and nothing for the files it leaves out or refuses.
func TestKindOfAgreesWithLoader(t *testing.T) {
	fsys := fstest.MapFS{}
	maps.Copy(fsys, schemaFixture)
	for _, p := range []string{
		"personas/sub/olga.md", "teams/sub/crm.md", "personas/sub/_index.md", "channels/sub/sms.md", "channels/_index.md",
		"journeys/order.md", "journeys/order/pay.md", "journeys/order/01-buy/deep/pay.md",
		"journeys/order/01-buy/deep/_index.md", "_draft.md", ".hidden.md", "guides/_old/setup.md",
		"journeys/order/_01-buy/pay.md", "notes.txt", "personas/olga.MD", "personas.md", "journeys.md",
		"a/b/c/d/e.md", "a/_index.md",
	} {
		fsys["content/"+p] = file("title: T")
	}
	kinds, _, _ := loaderKeys(t, fsys)
	for file := range fsys {
		rel := strings.TrimPrefix(file, Dir+"/")
		if got, _ := KindOf(rel); got.String() != kinds[file] {
			t.Errorf("KindOf(%q) = %q, want %q as the loader reads it", rel, got, kinds[file])
		}
	}
}

// TestSchemaEnums checks the schemas' enums, channel examples and emotion
// range against the loader's.
func TestSchemaEnums(t *testing.T) {
	want := map[string][]string{
		"language":             Languages,
		"state":                States,
		"lanes":                Lanes,
		"importance":           Importances,
		"engagement":           Engagements,
		"source":               Sources,
		"kpis.better":          Betters,
		"better":               Betters,
		"opportunities.status": Statuses,
		"kind":                 ChannelKinds,
		"icon":                 Icons,
	}
	for _, k := range NoteListKeys() {
		want[k+".source"] = Sources
	}
	seen := map[string]bool{}
	for _, k := range Kinds {
		kind := k.Kind.String()
		_, nodes := schemaWalk(t, kind)
		for _, n := range nodes {
			if enum, ok := n.node["enum"].([]any); ok {
				var words []string
				for _, e := range enum {
					if e != nil {
						words = append(words, fmt.Sprint(e))
					}
				}
				w, ok := want[n.path]
				if !ok {
					t.Errorf("%s: %s has an enum the test does not know: add the loader's list to want", schema.FileName(kind), n.path)
				} else if !slices.Equal(words, w) {
					t.Errorf("%s: %s: enum %q, the loader's is %q", schema.FileName(kind), n.path, words, w)
				}
				seen[n.path] = true
			}
			if ex, ok := n.node["examples"].([]any); ok && n.path == "channel" {
				var words []string
				for _, e := range ex {
					words = append(words, fmt.Sprint(e))
				}
				if !slices.Equal(words, Channels) {
					t.Errorf("%s: channel examples %q, the loader's channels are %q", schema.FileName(kind), words, Channels)
				}
				seen["channel"] = true
			}
			if n.path == "emotion" && n.node["minimum"] != nil {
				if n.node["minimum"] != float64(EmotionRange[0]) || n.node["maximum"] != float64(EmotionRange[1]) {
					t.Errorf("%s: emotion from %v to %v, the loader's range is %v", schema.FileName(kind), n.node["minimum"], n.node["maximum"], EmotionRange)
				}
				seen["emotion"] = true
			}
		}
	}
	for _, k := range append(slices.Sorted(maps.Keys(want)), "channel", "emotion") {
		if !seen[k] {
			t.Errorf("no schema has %s", k)
		}
	}
}
