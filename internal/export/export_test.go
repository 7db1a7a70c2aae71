package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/site"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// now fixes the build date, so that "overdue" does not change with the calendar.
var now = time.Date(2026, 11, 1, 9, 30, 0, 0, time.UTC)

// fullSite fills every field of the export at least once, and leaves most
// of them empty somewhere else, so that both the value and the null pass
// through the schema. Each file is "-- name --" then its text.
const fullSite = `
-- content/_index.md --
---
title: Портал CJM
description: Карты пути клиента
language: ru
baseURL: https://example.github.io/cjm/
currency: eur
---
-- content/kpis/time-to-email.md --
---
title: Time to confirmation email
titles: {ru: Время до письма-подтверждения}
unit: мин
better: lower
owner: crm
definition: От оплаты до письма
formula: median(sent - paid)
dataSource: События заказа
target: 1
---
-- content/competitors/freshmart.md --
---
title: FreshMart
website: https://freshmart.example
---
-- content/glossary.md --
---
title: Glossary
---
-- content/personas/olga.md --
---
title: Ольга, занятая мама
description: Заказывает раз в неделю
role: Менеджер
segment: Семьи
quote: "Я заказываю в 23:00 & хочу знать, что всё прошло <успешно>."
avatar: img/olga.png
goals: [Заполнить холодильник]
needs: Уверенность
pains: [Тишина после оплаты]
channels: [app, email]
---
-- content/personas/marek.md --
---
title: Marek, częsty podróżny
---
-- content/teams/crm.md --
---
title: CRM & рассылки
description: Отправляет все письма
lead: Анна
contact: "#crm"
---
-- content/journeys/order/_index.md --
---
title: Заказ продуктов
description: Как есть
personas: [olga, marek]
scenario: Еженедельный заказ
product: Приложение
owner: crm
target: order-tobe
updated: 2026-10-01
tags: [продукты, "2026"]
---
-- content/journeys/order/01-buy/_index.md --
---
title: Покупка
description: Оплата
duration: 10 минут
goals: [Быстро оплатить]
expectations: Мгновенное подтверждение
conversion: 0.8
---
-- content/journeys/order/01-buy/pay.md --
---
title: =HYPERLINK("http://evil.example/","Оплата картой")
description: Платит картой
channel: app
emotion: -2
importance: critical
engagement: high
owner: crm
actions:
  - 'Says "hello", then pays'
questions: ["Прошла ли оплата?"]
barriers: [Долгая загрузка]
pains:
  - {text: Страх двойного списания, source: survey}
gains: [Сохранённая карта]
influencers: [Муж]
processes: [Платёжный шлюз]
related: [order-tobe/push]
source: interview
kpis:
  - {name: Время до письма, current: 4, target: 0.5, unit: мин, better: lower}
  - {name: Ошибки оплаты, current: 0.4, target: 0.5, unit: "%", better: lower}
  - {name: Успешные оплаты, current: 97, target: 95, unit: "%", better: higher}
  - {name: Рост выручки, current: -1.5, target: 3, unit: "%"}
  - {name: Без цели, current: 12}
  - {kpi: time-to-email, current: 3}
metrics: {csi: 1.9, nps: -41, conversion: 0.97, retention: 62%, ces: 5.5, ltv: 1240}
competitors:
  - {name: freshmart, csi: 4.1, nps: 12, note: Пуш сразу, source: Опрос 2026}
  - {name: Ozon Fresh, nps: -5}
opportunities:
  - {title: Отправлять пуш, owner: Delivery Partners, due: 2026-10-15, status: planned, impact: 4, effort: 2, confidence: 0.8, kpi: Время до письма, expected: 1}
  - {title: Повторять письмо, owner: crm, due: 2026-01-31, status: done}
  - {title: Новый экран, owner: crm, due: 2027-03-31, status: in-progress, impact: 2, effort: 5}
  - {title: "@idea without a date"}
---
-- content/journeys/order/01-buy/wait.md --
---
title: Łódź – czekanie na potwierdzenie
channel: Мессенджер
emotion: {marek: 1, olga: 0}
importance: low
engagement: low
owner: none
parent: pay
source: assumption
---
-- content/journeys/order/02-доставка/_index.md --
---
title: Доставка
---
-- content/journeys/order/02-доставка/doorstep.md --
---
title: Курьер у двери
---
-- content/journeys/order-tobe/_index.md --
---
title: Заказ продуктов, как должно быть
personas: olga
state: target
language: pl
keep: [доставка, wait]
---
-- content/channels/email.md --
---
title: Письмо
titles: {en: Email, pl: E-mail}
description: Письма о заказе
kind: online
icon: letter
---
-- content/journeys/order-tobe/01-confirm/_index.md --
---
title: Подтверждение
---
-- content/journeys/order-tobe/01-confirm/push.md --
---
title: Push-уведомление
channel: app
replaces: pay
emotion: 2
importance: medium
engagement: medium
owner: logistics
source: analytics
metrics: {csi: 4.5}
---
-- content/journeys/order-tobe/01-confirm/survey.md --
---
title: Опрос после доставки
channel: email
emotion: 1
source: survey
kpis:
  - {name: Ответы, target: 30, unit: "%"}
---
`

// parseSite reads the "-- name --" archive above into a site folder.
func parseSite(t *testing.T, archive string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	var name string
	var body strings.Builder
	flush := func() {
		if name != "" {
			fsys[name] = &fstest.MapFile{Data: []byte(body.String())}
		}
		body.Reset()
	}
	for line := range strings.Lines(archive) {
		if n, ok := strings.CutPrefix(strings.TrimRight(line, "\n"), "-- "); ok && strings.HasSuffix(n, " --") {
			flush()
			name = strings.TrimSuffix(n, " --")
			continue
		}
		body.WriteString(line)
	}
	flush()
	return fsys
}

// buildSite loads and resolves a site, as a build does before rendering
// (package build itself renders, and rendering exports: a test here
// cannot import it).
func buildSite(t *testing.T, fsys fs.FS) *site.Site {
	t.Helper()
	c, diags := content.Load(fsys)
	base, err := site.ParseBase(c.Settings.BaseURL)
	if err != nil {
		t.Fatal(err)
	}
	s, more := site.Resolve(c, base)
	diags.Add(more...)
	if diags.HasErrors() {
		t.Fatalf("build failed:\n%s", diags.Errors())
	}
	return s
}

// export builds the full site and exports it.
func export(t *testing.T) (*site.Site, map[string][]byte) {
	t.Helper()
	s := buildSite(t, parseSite(t, fullSite))
	return s, Files(s, now)
}

func compileSchema(t *testing.T, files map[string][]byte) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(files[SchemaPath]))
	if err != nil {
		t.Fatalf("%s: %v", SchemaPath, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(schemaName, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(schemaName)
	if err != nil {
		t.Fatalf("%s does not compile: %v", SchemaPath, err)
	}
	return sch
}

func instance(t *testing.T, data []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s is not JSON: %v", JSONPath, err)
	}
	return v
}

func TestFileNames(t *testing.T) {
	_, files := export(t)
	got := slices.Sorted(maps.Keys(files))
	want := []string{"data/cjm.json", "data/cjm.schema.json", "data/kpis.csv", "data/opportunities.csv", "data/touchpoints.csv"}
	if !slices.Equal(got, want) {
		t.Errorf("files: %q, want %q", got, want)
	}
}

// TestSchemaValidates checks the generated JSON of the full site against
// the schema. As the schema closes every object and requires every key,
// a field added to the Go structs but not to the schema fails here.
func TestSchemaValidates(t *testing.T) {
	_, files := export(t)
	sch := compileSchema(t, files)
	if err := sch.Validate(instance(t, files[JSONPath])); err != nil {
		t.Fatalf("%s does not match its schema:\n%v", JSONPath, err)
	}
}

// TestSchemaRejects breaks the valid JSON in one place at a time: the
// schema must notice every change, or it does not guard the shape.
func TestSchemaRejects(t *testing.T) {
	_, files := export(t)
	sch := compileSchema(t, files)
	obj := func(v any, path ...any) map[string]any {
		for _, p := range path {
			switch p := p.(type) {
			case string:
				v = v.(map[string]any)[p]
			case int:
				v = v.([]any)[p]
			}
		}
		return v.(map[string]any)
	}
	tests := []struct {
		name   string
		mutate func(doc any)
	}{
		{"extra root key", func(d any) { obj(d)["extra"] = 1 }},
		{"extra site key", func(d any) { obj(d, "site")["extra"] = 1 }},
		{"extra persona key", func(d any) { obj(d, "personas", 0)["extra"] = 1 }},
		{"extra team key", func(d any) { obj(d, "teams", 0)["extra"] = 1 }},
		{"extra channel key", func(d any) { obj(d, "channels", 0)["extra"] = 1 }},
		{"extra journey key", func(d any) { obj(d, "journeys", 0)["extra"] = 1 }},
		{"extra stage key", func(d any) { obj(d, "journeys", 0, "stages", 0)["extra"] = 1 }},
		{"extra touchpoint key", func(d any) { obj(d, "touchpoints", 0)["extra"] = 1 }},
		{"extra kpi key", func(d any) { obj(d, "touchpoints", 0, "kpis", 0)["extra"] = 1 }},
		{"extra metrics key", func(d any) { obj(d, "touchpoints", 0, "metrics")["extra"] = 1 }},
		{"extra opportunity key", func(d any) { obj(d, "touchpoints", 0, "opportunities", 0)["extra"] = 1 }},
		{"missing touchpoint key", func(d any) { delete(obj(d, "touchpoints", 0), "ownerNone") }},
		{"missing kpi key", func(d any) { delete(obj(d, "touchpoints", 0, "kpis", 0), "met") }},
		{"missing stage key", func(d any) { delete(obj(d, "journeys", 0, "stages", 0), "conversion") }},
		{"wrong version", func(d any) { obj(d)["version"] = 2 }},
		{"emotions out of range", func(d any) { obj(d, "touchpoints", 0)["emotions"] = map[string]any{"olga": json.Number("3")} }},
		{"emotions as a list", func(d any) { obj(d, "touchpoints", 0)["emotions"] = []any{} }},
		{"missing emotions", func(d any) { delete(obj(d, "touchpoints", 0), "emotions") }},
		{"note as a plain string", func(d any) { obj(d, "touchpoints", 0)["actions"] = []any{"Pays"} }},
		{"note without source", func(d any) { delete(obj(d, "touchpoints", 0, "pains", 0), "source") }},
		{"bad note source", func(d any) { obj(d, "touchpoints", 0, "pains", 0)["source"] = "hunch" }},
		{"bad importance", func(d any) { obj(d, "touchpoints", 0)["importance"] = "huge" }},
		{"bad engagement", func(d any) { obj(d, "touchpoints", 0)["engagement"] = "none" }},
		{"bad state", func(d any) { obj(d, "journeys", 0)["state"] = "future" }},
		{"bad status", func(d any) { obj(d, "touchpoints", 0, "opportunities", 0)["status"] = "blocked" }},
		{"bad source", func(d any) { obj(d, "touchpoints", 0)["source"] = "hunch" }},
		{"bad better", func(d any) { obj(d, "touchpoints", 0, "kpis", 0)["better"] = "more" }},
		{"emotion out of range", func(d any) { obj(d, "touchpoints", 0)["emotion"] = 3 }},
		{"emotion not an integer", func(d any) { obj(d, "touchpoints", 0)["emotion"] = 1.5 }},
		{"list is null", func(d any) { obj(d, "touchpoints", 0)["actions"] = nil }},
		{"bad date", func(d any) { obj(d, "touchpoints", 0, "opportunities", 0)["due"] = "15.10.2026" }},
		{"bad ref", func(d any) { obj(d, "touchpoints", 0)["parent"] = "pay" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := instance(t, files[JSONPath])
			tt.mutate(doc)
			if err := sch.Validate(doc); err == nil {
				t.Error("the schema accepted the broken document")
			}
		})
	}
}

// TestSchemaDocumented checks the schema's own rules: every object closed
// and all its keys required, a title and description on every property,
// and the enums those of the content contract.
func TestSchemaDocumented(t *testing.T) {
	var root map[string]any
	if err := json.Unmarshal(Schema(), &root); err != nil {
		t.Fatal(err)
	}
	if root["$id"] != schemaName || root["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$id %v, $schema %v", root["$id"], root["$schema"])
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case []any:
			for i, e := range v {
				walk(fmt.Sprintf("%s/%d", path, i), e)
			}
		case map[string]any:
			if props, ok := v["properties"].(map[string]any); ok {
				if v["additionalProperties"] != false {
					t.Errorf("%s: additionalProperties is not false", path)
				}
				var req []string
				for _, r := range v["required"].([]any) {
					req = append(req, r.(string))
				}
				if got, want := slices.Sorted(slices.Values(req)), slices.Sorted(maps.Keys(props)); !slices.Equal(got, want) {
					t.Errorf("%s: required %q, properties %q", path, got, want)
				}
				for name, p := range props {
					p := p.(map[string]any)
					for _, k := range []string{"title", "description"} {
						if s, _ := p[k].(string); s == "" {
							t.Errorf("%s/properties/%s: no %s", path, name, k)
						}
					}
				}
			}
			for k, e := range v {
				walk(path+"/"+k, e)
			}
		}
	}
	walk("#", root)

	defs := root["$defs"].(map[string]any)
	enum := func(def, prop string) []string {
		p := defs[def].(map[string]any)["properties"].(map[string]any)[prop].(map[string]any)
		var out []string
		for _, e := range p["enum"].([]any) {
			if e != nil {
				out = append(out, e.(string))
			}
		}
		return out
	}
	tests := []struct {
		def, prop string
		want      []string
	}{
		{"touchpoint", "importance", content.Importances},
		{"touchpoint", "engagement", content.Engagements},
		{"touchpoint", "source", content.Sources},
		{"journey", "state", content.States},
		{"opportunity", "status", content.Statuses},
		{"kpi", "better", content.Betters},
		{"site", "language", content.Languages},
	}
	for _, tt := range tests {
		if got := enum(tt.def, tt.prop); !slices.Equal(got, tt.want) {
			t.Errorf("%s.%s: enum %q, the contract has %q", tt.def, tt.prop, got, tt.want)
		}
	}
	lanes := defs["journey"].(map[string]any)["properties"].(map[string]any)["lanes"].(map[string]any)["items"].(map[string]any)["enum"]
	if got := fmt.Sprint(lanes); got != fmt.Sprint(content.Lanes) {
		t.Errorf("journey.lanes: enum %s, the contract has %s", got, content.Lanes)
	}
}

// TestStructsMatchSchema walks the Go structs and the schema side by side:
// the same keys at every level, and no key that could be left out.
func TestStructsMatchSchema(t *testing.T) {
	var root map[string]any
	if err := json.Unmarshal(Schema(), &root); err != nil {
		t.Fatal(err)
	}
	defs := root["$defs"].(map[string]any)
	deref := func(s map[string]any) map[string]any {
		if ref, ok := s["$ref"].(string); ok {
			return defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		}
		return s
	}
	var walk func(path string, typ reflect.Type, s map[string]any)
	walk = func(path string, typ reflect.Type, s map[string]any) {
		s = deref(s)
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		if typ.Implements(reflect.TypeFor[json.Marshaler]()) {
			// It writes itself; TestSchemaValidates checks what it writes.
			if s["type"] == nil {
				t.Errorf("%s: writes itself, and the schema gives no type", path)
			}
			return
		}
		switch typ.Kind() {
		case reflect.Slice:
			items, ok := s["items"].(map[string]any)
			if !ok {
				t.Errorf("%s: a list in Go, no items in the schema", path)
				return
			}
			walk(path+"[]", typ.Elem(), items)
		case reflect.Struct:
			props, _ := s["properties"].(map[string]any)
			var keys []string
			for f := range typ.Fields() {
				tag := f.Tag.Get("json")
				name, opts, _ := strings.Cut(tag, ",")
				if name == "" || name == "-" || opts != "" {
					t.Errorf("%s.%s: json tag %q; give every field a plain name, no omitempty", path, f.Name, tag)
					continue
				}
				keys = append(keys, name)
				p, ok := props[name].(map[string]any)
				if !ok {
					t.Errorf("%s: key %q is not in the schema", path, name)
					continue
				}
				walk(path+"."+name, f.Type, p)
			}
			if got, want := slices.Sorted(maps.Keys(props)), slices.Sorted(slices.Values(keys)); !slices.Equal(got, want) {
				t.Errorf("%s: schema keys %q, Go keys %q", path, got, want)
			}
		}
	}
	walk("cjm.json", reflect.TypeFor[document](), root)
}

// decode reads cjm.json back into the Go structs, refusing unknown keys.
func decode(t *testing.T, files map[string][]byte) document {
	t.Helper()
	var d document
	dec := json.NewDecoder(bytes.NewReader(files[JSONPath]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestJSONValues(t *testing.T) {
	_, files := export(t)
	d := decode(t, files)
	tps := map[string]touchpoint{}
	for _, tp := range d.Touchpoints {
		tps[tp.Ref] = tp
	}
	journeys := map[string]journey{}
	for _, j := range d.Journeys {
		journeys[j.Slug] = j
	}
	teams := map[string]team{}
	for _, tm := range d.Teams {
		teams[tm.Slug] = tm
	}
	channels := map[string]channel{}
	for _, c := range d.Channels {
		channels[c.Slug] = c
	}
	pay, wait, door := tps["order/pay"], tps["order/wait"], tps["order/doorstep"]

	str := func(p *string) string {
		if p == nil {
			return "null"
		}
		return *p
	}
	boolean := func(p *bool) string {
		if p == nil {
			return "null"
		}
		return fmt.Sprint(*p)
	}
	checks := []struct {
		what      string
		got, want any
	}{
		{"version", d.Version, 4},
		{"journey's own language", str(journeys["order-tobe"].Language), "pl"},
		{"keep", []any{journeys["order-tobe"].Keep, journeys["order-tobe"].KeepTPs, journeys["order"].Keep}, []any{[]string{"доставка"}, []string{"order/wait"}, []string{}}},
		{"replaces both ways", []any{tps["order-tobe/push"].Replaces, pay.ReplacedBy, pay.Replaces}, []any{[]string{"order/pay"}, []string{"order-tobe/push"}, []string{}}},
		{"the site's language", str(journeys["order"].Language), "null"},
		{"channel file: titles", channels["email"].Titles, map[string]string{"en": "Email", "pl": "E-mail", "ru": "Письмо"}},
		{"channel file: kind, icon, description", []string{str(channels["email"].Kind), str(channels["email"].Icon), channels["email"].Description}, []string{"online", "letter", "Письма о заказе"}},
		{"built-in channel", []any{channels["app"].Titles, str(channels["app"].Kind), str(channels["app"].Icon), channels["app"].Defined}, []any{map[string]string{}, "online", "app", true}},
		{"a word cjm does not know", []any{channels["мессенджер"].Title, str(channels["мессенджер"].Kind), str(channels["мессенджер"].Icon), channels["мессенджер"].Defined}, []any{"Мессенджер", "null", "null", false}},
		{"schema", d.Schema, "cjm.schema.json"},
		{"site title", d.Site.Title, "Портал CJM"},
		{"site baseURL", d.Site.BaseURL, "https://example.github.io/cjm/"},
		{"site buildDate", d.Site.BuildDate, "2026-11-01"},
		{"as-is target", str(journeys["order"].Target), "order-tobe"},
		{"to-be target", str(journeys["order-tobe"].Target), "null"},
		{"to-be current", journeys["order-tobe"].Current, []string{"order"}},
		{"to-be state", journeys["order-tobe"].State, "target"},
		{"as-is state", journeys["order"].State, "current"},
		{"as-is compareURL", str(journeys["order"].CompareURL), "journeys/order/-/compare/"},
		{"as-is owner", str(journeys["order"].Owner), "crm"},
		{"as-is updated", str(journeys["order"].Updated), "2026-10-01"},
		{"to-be updated", str(journeys["order-tobe"].Updated), "null"},
		{"as-is personas", journeys["order"].Personas, []string{"olga", "marek"}},
		{"stage slugs", []string{journeys["order"].Stages[0].Slug, journeys["order"].Stages[1].Slug}, []string{"buy", "доставка"}},
		{"stage touchpoints", journeys["order"].Stages[0].Touchpoints, []string{"order/pay", "order/wait"}},
		{"stage conversion", *journeys["order"].Stages[0].Conversion, 0.8},
		{"stage url", journeys["order"].Stages[1].URL, "journeys/order/доставка/"},
		{"stage absoluteURL", str(journeys["order"].Stages[1].AbsoluteURL), "https://example.github.io/cjm/journeys/order/%D0%B4%D0%BE%D1%81%D1%82%D0%B0%D0%B2%D0%BA%D0%B0/"},
		{"touchpoint url", pay.URL, "journeys/order/buy/pay/"},
		{"touchpoint stage", pay.Stage, "buy"},
		{"title starting with =", pay.Title, `=HYPERLINK("http://evil.example/","Оплата картой")`},
		{"emotion -2", *pay.Emotion, -2},
		{"emotion per persona is null", wait.Emotion == nil, true},
		{"no emotion is null", door.Emotion == nil, true},
		{"emotions of a plain emotion: every persona's, in the journey's order", pay.Emotions, feelings{{"olga", -2}, {"marek", -2}}},
		{"emotions per persona, in the journey's order, 0 kept", wait.Emotions, feelings{{"olga", 0}, {"marek", 1}}},
		{"no emotion, no emotions", door.Emotions, feelings{}},
		{"kpi lower met", boolean(pay.KPIs[1].Met), "true"},
		{"kpi lower unmet", boolean(pay.KPIs[0].Met), "false"},
		{"kpi higher met", boolean(pay.KPIs[2].Met), "true"},
		{"kpi higher unmet (default better)", boolean(pay.KPIs[3].Met), "false"},
		{"kpi default better", pay.KPIs[3].Better, "higher"},
		{"kpi no target", boolean(pay.KPIs[4].Met), "null"},
		{"kpi no current", boolean(tps["order-tobe/survey"].KPIs[0].Met), "null"},
		{"opportunity past due, planned", pay.Opportunities[0].Overdue, true},
		{"opportunity past due, done", pay.Opportunities[1].Overdue, false},
		{"opportunity due later", pay.Opportunities[2].Overdue, false},
		{"opportunity without due", pay.Opportunities[3].Overdue, false},
		{"opportunity due", str(pay.Opportunities[0].Due), "2026-10-15"},
		{"opportunity no due", str(pay.Opportunities[3].Due), "null"},
		{"opportunity no owner", str(pay.Opportunities[3].Owner), "null"},
		{"opportunity default status", pay.Opportunities[3].Status, "idea"},
		{"opportunity generated owner", str(pay.Opportunities[0].Owner), "delivery-partners"},
		{"generated team", teams["delivery-partners"].Generated, true},
		{"generated team title", teams["delivery-partners"].Title, "Delivery Partners"},
		{"team with a file", teams["crm"].Generated, false},
		{"team touchpoints", teams["crm"].Touchpoints, []string{"order/pay"}},
		{"owner", str(pay.Owner), "crm"},
		{"ownerNone", wait.OwnerNone, true},
		{"owner none is null", str(wait.Owner), "null"},
		{"no owner", str(door.Owner), "null"},
		{"no owner is not none", door.OwnerNone, false},
		{"parent", str(wait.Parent), "order/pay"},
		{"no parent", str(pay.Parent), "null"},
		{"children", pay.Children, []string{"order/wait"}},
		{"depth", wait.Depth, 1},
		{"related", pay.Related, []string{"order-tobe/push"}},
		{"related both ways", tps["order-tobe/push"].Related, []string{"order/pay"}},
		{"channel slug", str(wait.Channel), "мессенджер"},
		{"no channel", str(door.Channel), "null"},
		{"list with a comma and a quote", pay.list("actions"), []note{{Text: `Says "hello", then pays`}}},
		{"note with its own source", str(pay.list("pains")[0].Source), "survey"},
		{"empty list", door.list("actions"), []note{}},
		{"metrics nps", *pay.Metrics.NPS, -41.0},
		{"metrics retention", *pay.Metrics.Retention, 0.62},
		{"metrics ces", *pay.Metrics.CES, 5.5},
		{"metrics ltv", *pay.Metrics.LTV, 1240.0},
		{"currency", str(d.Site.Currency), "EUR"},
		{"catalogued KPI: name in the site's language", pay.KPIs[5].Name, "Время до письма-подтверждения"},
		{"catalogued KPI: slug", str(pay.KPIs[5].KPI), "time-to-email"},
		{"catalogued KPI: target inherited", *pay.KPIs[5].Target, 1.0},
		{"catalogued KPI: better inherited", pay.KPIs[5].Better, "lower"},
		{"catalogued KPI: unit inherited", pay.KPIs[5].Unit, "мин"},
		{"catalogued KPI: met", *pay.KPIs[5].Met, false},
		{"free-form KPI", str(pay.KPIs[0].KPI), "null"},
		{"catalogue entry", d.KPIs[0].Slug + " " + str(d.KPIs[0].Owner) + " " + d.KPIs[0].Titles["ru"], "time-to-email crm Время до письма-подтверждения"},
		{"catalogue entry's touchpoints", d.KPIs[0].Touchpoints, []string{"order/pay"}},
		{"benchmark with a file", pay.Competitors[0], benchmark{Name: "freshmart", Competitor: ptr("freshmart"), CSI: ptr(4.1), NPS: ptr(12.0), Note: "Пуш сразу", Source: "Опрос 2026"}},
		{"benchmark by name", str(pay.Competitors[1].Competitor) + " " + fmt.Sprint(pay.Competitors[1].CSI == nil), "ozon-fresh true"},
		{"competitors", len(d.Competitors), 2},
		{"generated competitor", d.Competitors[1].Generated && d.Competitors[1].Title == "Ozon Fresh" && !d.Competitors[0].Generated, true},
		{"no benchmarks", door.Competitors, []benchmark{}},
		{"metrics absent", door.Metrics.CSI == nil && door.Metrics.NPS == nil && door.Metrics.Conversion == nil, true},
		{"source", str(pay.Source), "interview"},
		{"no source", str(door.Source), "null"},
		{"no importance", str(door.Importance), "null"},
		{"absoluteURL", str(pay.AbsoluteURL), "https://example.github.io/cjm/journeys/order/buy/pay/"},
		{"Polish title", wait.Title, "Łódź – czekanie na potwierdzenie"},
		{"Cyrillic title", door.Title, "Курьер у двери"},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %#v, want %#v", c.what, c.got, c.want)
		}
	}
	// Raw bytes: no HTML escaping, two-space indent, nulls written out.
	raw := string(files[JSONPath])
	for _, want := range []string{`"quote": "Я заказываю в 23:00 & хочу знать, что всё прошло <успешно>."`, "\n  \"site\": {\n    \"title\"", `"owner": null`, `"met": null`,
		"\"emotions\": {\n        \"olga\": 0,\n        \"marek\": 1\n      },", `"emotions": {},`} {
		if !strings.Contains(raw, want) {
			t.Errorf("cjm.json does not contain %q", want)
		}
	}
}

// TestAbsoluteURLNull checks that a site served from a path only writes
// null absolute URLs, and still matches the schema.
func TestAbsoluteURLNull(t *testing.T) {
	fsys := parseSite(t, fullSite)
	fsys["content/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Portal\nbaseURL: /cjm/\n---\n")}
	s := buildSite(t, fsys)
	files := Files(s, now)
	if err := compileSchema(t, files).Validate(instance(t, files[JSONPath])); err != nil {
		t.Fatal(err)
	}
	d := decode(t, files)
	if d.Site.BaseURL != "/cjm/" {
		t.Errorf("baseURL %q, want /cjm/", d.Site.BaseURL)
	}
	for _, tp := range d.Touchpoints {
		if tp.AbsoluteURL != nil {
			t.Errorf("%s: absoluteURL %q without a host", tp.Ref, *tp.AbsoluteURL)
		}
	}
}

// readCSV checks the BOM and line ends and parses the file.
func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	rest, ok := bytes.CutPrefix(data, []byte("\xef\xbb\xbf"))
	if !ok {
		t.Fatal("no UTF-8 BOM")
	}
	if bytes.Count(rest, []byte("\n")) != bytes.Count(rest, []byte("\r\n")) || !bytes.HasSuffix(rest, []byte("\r\n")) {
		t.Error("lines do not end in CRLF")
	}
	r := csv.NewReader(bytes.NewReader(rest))
	r.FieldsPerRecord = 0
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return records
}

// column returns the cells of one column, by its header name.
func column(t *testing.T, records [][]string, name string) []string {
	t.Helper()
	i := slices.Index(records[0], name)
	if i < 0 {
		t.Fatalf("no column %q in %q", name, records[0])
	}
	var out []string
	for _, r := range records[1:] {
		out = append(out, r[i])
	}
	return out
}

func TestCSV(t *testing.T) {
	s, files := export(t)
	nOpps, nKPIs := 0, 0
	for _, tp := range s.Touchpoints {
		nOpps += len(tp.Opportunities)
		nKPIs += len(tp.KPIs)
	}
	tests := []struct {
		file   string
		header []string
		rows   int
	}{
		{TouchpointsPath, []string{"ref", "journey", "journey_title", "journey_state", "stage", "stage_title", "slug", "title", "url", "absolute_url", "channel", "emotion", "importance", "engagement", "owner", "owner_none", "parent", "depth", "source", "csi", "nps", "conversion", "retention", "ces", "ltv", "kpis", "kpis_met", "opportunities", "open_opportunities", "overdue_opportunities", "actions", "questions", "barriers", "pains", "gains", "influencers", "processes", "related", "emotions"}, len(s.Touchpoints)},
		{OpportunitiesPath, []string{"Ref", "Title", "Summary", "Description", "Issue Type", "Status", "Priority", "Due Date", "Team", "Labels", "Journey", "Touchpoint", "URL", "Owner", "Impact", "Effort", "Confidence", "Score", "Quadrant", "KPI", "Expected", "Overdue", "cjm Status"}, nOpps},
		{KPIsPath, []string{"journey", "touchpoint_ref", "touchpoint_title", "name", "current", "target", "unit", "better", "met", "kpi"}, nKPIs},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			records := readCSV(t, files[tt.file])
			if !slices.Equal(records[0], tt.header) {
				t.Errorf("header %q\nwant %q", records[0], tt.header)
			}
			if got := len(records) - 1; got != tt.rows {
				t.Errorf("%d rows, want %d", got, tt.rows)
			}
			for i, r := range records {
				if len(r) != len(tt.header) {
					t.Errorf("row %d has %d cells, want %d", i, len(r), len(tt.header))
				}
			}
		})
	}

	tp := readCSV(t, files[TouchpointsPath])
	opp := readCSV(t, files[OpportunitiesPath])
	kpi := readCSV(t, files[KPIsPath])
	cells := []struct {
		what      string
		got, want []string
	}{
		{"refs", column(t, tp, "ref"), []string{"order/pay", "order/wait", "order/doorstep", "order-tobe/push", "order-tobe/survey"}},
		{"titles: = prefixed, Polish and Cyrillic intact", column(t, tp, "title"), []string{`'=HYPERLINK("http://evil.example/","Оплата картой")`, "Łódź – czekanie na potwierdzenie", "Курьер у двери", "Push-уведомление", "Опрос после доставки"}},
		{"emotion: negative stays a number, per persona empty", column(t, tp, "emotion"), []string{"-2", "", "", "2", "1"}},
		{"emotions: every persona's, in the journey's order", column(t, tp, "emotions"), []string{"olga: -2; marek: -2", "olga: 0; marek: 1", "", "olga: 2", "olga: 1"}},
		{"nps", column(t, tp, "nps"), []string{"-41", "", "", "", ""}},
		{"csi", column(t, tp, "csi"), []string{"1.9", "", "", "4.5", ""}},
		{"owner", column(t, tp, "owner"), []string{"crm", "", "", "logistics", ""}},
		{"owner_none", column(t, tp, "owner_none"), []string{"false", "true", "false", "false", "false"}},
		{"parent", column(t, tp, "parent"), []string{"", "order/pay", "", "", ""}},
		{"stage", column(t, tp, "stage"), []string{"buy", "buy", "доставка", "confirm", "confirm"}},
		{"journey_title", column(t, tp, "journey_title")[:1], []string{"Заказ продуктов"}},
		{"a list item with a comma and a quote round-trips", column(t, tp, "actions")[:1], []string{`Says "hello", then pays`}},
		{"kpis", column(t, tp, "kpis"), []string{"6", "0", "0", "0", "1"}},
		{"retention", column(t, tp, "retention")[:2], []string{"0.62", ""}},
		{"ces", column(t, tp, "ces")[:2], []string{"5.5", ""}},
		{"ltv", column(t, tp, "ltv")[:2], []string{"1240", ""}},
		{"kpis_met", column(t, tp, "kpis_met"), []string{"2", "0", "0", "0", "0"}},
		{"opportunities", column(t, tp, "opportunities"), []string{"4", "0", "0", "0", "0"}},
		{"open_opportunities", column(t, tp, "open_opportunities"), []string{"3", "0", "0", "0", "0"}},
		{"overdue_opportunities", column(t, tp, "overdue_opportunities"), []string{"1", "0", "0", "0", "0"}},
		{"source", column(t, tp, "source"), []string{"interview", "assumption", "", "analytics", "survey"}},
		{"absolute_url", column(t, tp, "absolute_url")[:1], []string{"https://example.github.io/cjm/journeys/order/buy/pay/"}},
		{"opportunity overdue", column(t, opp, "Overdue"), []string{"true", "false", "false", "false"}},
		{"opportunity due", column(t, opp, "Due Date"), []string{"2026-10-15", "2026-01-31", "2027-03-31", ""}},
		{"opportunity title with @ prefixed", column(t, opp, "Title")[3:], []string{"'@idea without a date"}},
		{"opportunity summary as the title", column(t, opp, "Summary")[3:], []string{"'@idea without a date"}},
		{"opportunity owner", column(t, opp, "Owner"), []string{"delivery-partners", "crm", "crm", ""}},
		{"opportunity team by its title", column(t, opp, "Team")[1:3], []string{"CRM & рассылки", "CRM & рассылки"}},
		{"opportunity status in the trackers' words", column(t, opp, "Status"), []string{"To Do", "Done", "In Progress", "Backlog"}},
		{"opportunity status as written", column(t, opp, "cjm Status"), []string{"planned", "done", "in-progress", "idea"}},
		{"opportunity priority from the score", column(t, opp, "Priority"), []string{"Medium", "", "Low", ""}},
		{"opportunity score", column(t, opp, "Score"), []string{"1.6", "", "0.2", ""}},
		{"opportunity quadrant", column(t, opp, "Quadrant"), []string{"quick-win", "", "money-pit", ""}},
		{"opportunity kpi", column(t, opp, "KPI"), []string{"Время до письма", "", "", ""}},
		{"opportunity expected", column(t, opp, "Expected"), []string{"1", "", "", ""}},
		{"opportunity label: the journey", column(t, opp, "Labels"), []string{"order", "order", "order", "order"}},
		{"opportunity ref", column(t, opp, "Ref"), []string{"order/pay#1", "order/pay#2", "order/pay#3", "order/pay#4"}},
		{"opportunity description: the touchpoint, its page, the KPI, the score", column(t, opp, "Description")[:1], []string{"Touchpoint: =HYPERLINK(\"http://evil.example/\",\"Оплата картой\") (Заказ продуктов / Покупка)\nhttps://example.github.io/cjm/journeys/order/buy/pay/\nKPI: Время до письма, now 4 мин, expected 1 мин, target 0.5 мин\nImpact 4/5, effort 2/5, confidence 0.8: score 1.6"}},
		{"kpi current: -1.5 stays a number", column(t, kpi, "current"), []string{"4", "0.4", "97", "-1.5", "12", "3", ""}},
		{"kpi target", column(t, kpi, "target"), []string{"0.5", "0.5", "95", "3", "", "1", "30"}},
		{"kpi better", column(t, kpi, "better"), []string{"lower", "lower", "higher", "higher", "higher", "lower", "higher"}},
		{"kpi met", column(t, kpi, "met"), []string{"false", "true", "true", "false", "", "false", ""}},
		{"kpi name", column(t, kpi, "name")[:1], []string{"Время до письма"}},
		{"kpi unit", column(t, kpi, "unit"), []string{"мин", "%", "%", "%", "", "мин", "%"}},
		{"kpi catalogue slug", column(t, kpi, "kpi"), []string{"", "", "", "", "", "time-to-email", ""}},
	}
	for _, c := range cells {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.what, c.got, c.want)
		}
	}
}

// TestEveryTouchpointOnce checks that cjm.json and touchpoints.csv each
// list every touchpoint of the site exactly once.
func TestEveryTouchpointOnce(t *testing.T) {
	s, files := export(t)
	checkTouchpointsOnce(t, s, files)
}

func checkTouchpointsOnce(t *testing.T, s *site.Site, files map[string][]byte) {
	t.Helper()
	d := decode(t, files)
	fromJSON := map[string]int{}
	for _, tp := range d.Touchpoints {
		fromJSON[tp.Ref]++
	}
	fromCSV := map[string]int{}
	for _, ref := range column(t, readCSV(t, files[TouchpointsPath]), "ref") {
		fromCSV[ref]++
	}
	inStages := map[string]int{}
	for _, j := range d.Journeys {
		for _, st := range j.Stages {
			for _, ref := range st.Touchpoints {
				inStages[ref]++
			}
		}
	}
	if len(d.Touchpoints) != len(s.Touchpoints) {
		t.Errorf("cjm.json has %d touchpoints, the site %d", len(d.Touchpoints), len(s.Touchpoints))
	}
	for _, tp := range s.Touchpoints {
		for what, counts := range map[string]map[string]int{"cjm.json": fromJSON, "touchpoints.csv": fromCSV, "cjm.json stages": inStages} {
			if n := counts[tp.Ref]; n != 1 {
				t.Errorf("%s: %s lists it %d times", tp.Ref, what, n)
			}
		}
	}
	if len(fromCSV) != len(s.Touchpoints) {
		t.Errorf("touchpoints.csv has %d refs, the site %d touchpoints", len(fromCSV), len(s.Touchpoints))
	}
}

func TestDeterministic(t *testing.T) {
	_, a := export(t)
	_, b := export(t)
	s, _ := export(t)
	c := Files(s, now)
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
		if !bytes.Equal(data, c[name]) {
			t.Errorf("%s differs between two exports of one site", name)
		}
	}
}

// TestToday checks that overdue follows the build date, at day precision.
func TestToday(t *testing.T) {
	s, _ := export(t)
	tests := []struct {
		today time.Time
		want  string // overdue of the opportunity due 2026-10-15, planned
	}{
		{time.Date(2026, 10, 14, 23, 0, 0, 0, time.UTC), "false"},
		{time.Date(2026, 10, 15, 23, 59, 0, 0, time.UTC), "false"},
		{time.Date(2026, 10, 16, 0, 0, 0, 0, time.UTC), "true"},
	}
	for _, tt := range tests {
		files := Files(s, tt.today)
		if got := column(t, readCSV(t, files[OpportunitiesPath]), "Overdue")[0]; got != tt.want {
			t.Errorf("today %s: overdue %s, want %s", tt.today.Format(time.DateTime), got, tt.want)
		}
		if d := decode(t, files); fmt.Sprint(d.Touchpoints[0].Opportunities[0].Overdue) != tt.want {
			t.Errorf("today %s: cjm.json overdue %v, want %s", tt.today.Format(time.DateTime), d.Touchpoints[0].Opportunities[0].Overdue, tt.want)
		}
	}
}

func TestSafeCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"Оплата", "Оплата"},
		{"=1+1", "'=1+1"},
		{"=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"},
		{"+7 900 123", "'+7 900 123"},
		{"-cmd", "'-cmd"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"-2", "-2"},
		{"-1.5", "-1.5"},
		{"+3", "+3"},
		{"-0.5e3", "-0.5e3"},
		{"-", "'-"},
		{"-Inf", "'-Inf"},
		{"-1-1", "'-1-1"},
		{"a=b", "a=b"},
		{"12", "12"},
	}
	for _, tt := range tests {
		if got := safeCell(tt.in); got != tt.want {
			t.Errorf("safeCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestExamplePortal exports the example portal in /content.
func TestExamplePortal(t *testing.T) {
	s := buildSite(t, os.DirFS("../.."))
	if len(s.Touchpoints) == 0 {
		t.Fatal("the example portal has no touchpoints")
	}
	files := Files(s, now)
	if err := compileSchema(t, files).Validate(instance(t, files[JSONPath])); err != nil {
		t.Fatalf("%s of the example portal does not match its schema:\n%v", JSONPath, err)
	}
	checkTouchpointsOnce(t, s, files)
	if d := decode(t, files); len(d.Touchpoints) != len(s.Touchpoints) {
		t.Errorf("%d touchpoints in cjm.json, %d in the site", len(d.Touchpoints), len(s.Touchpoints))
	}
}

// TestFilesCached checks that the spliced, cached export gives the bytes a
// whole encoding gives, on a first build, a rebuild with nothing changed
// and a rebuild after an edit.
func TestFilesCached(t *testing.T) {
	fsys := parseSite(t, fullSite)
	s := buildSite(t, fsys)
	whole := func(s *site.Site) []byte { return encodeJSON(model(s, now)) }
	c := NewCache()
	for step := range 2 {
		got := FilesCached(s, now, c)
		if !bytes.Equal(got[JSONPath], whole(s)) {
			t.Fatalf("step %d: the spliced cjm.json differs from a whole encoding", step)
		}
		if !bytes.Equal(got[TouchpointsPath], touchpointsCSV(s, now)) {
			t.Fatalf("step %d: the cached touchpoints.csv differs", step)
		}
		if !bytes.Equal(got[OpportunitiesPath], opportunitiesCSV(s, now)) || !bytes.Equal(got[KPIsPath], kpisCSV(s)) {
			t.Fatalf("step %d: the cached opportunities.csv or kpis.csv differs", step)
		}
	}
	// An edit: the touchpoint's file hash changes, and so its entry.
	s.Touchpoints[0].Touchpoint.Title = "Edited in place"
	s.Touchpoints[0].Touchpoint.Hash++
	got := FilesCached(s, now, c)
	if !bytes.Equal(got[JSONPath], whole(s)) || !bytes.Contains(got[JSONPath], []byte("Edited in place")) {
		t.Error("after an edit, the cached export lags behind")
	}
	if !bytes.Contains(got[TouchpointsPath], []byte("Edited in place")) {
		t.Error("after an edit, touchpoints.csv lags behind")
	}
	// The journey's personas change, the touchpoint's file does not: a
	// plain emotion is now fewer personas' feeling.
	s.Touchpoints[0].Feelings = s.Touchpoints[0].Feelings[:1]
	got = FilesCached(s, now, c)
	if !bytes.Equal(got[JSONPath], whole(s)) || !bytes.Equal(got[TouchpointsPath], touchpointsCSV(s, now)) {
		t.Error("after the journey's personas changed, the cached export lags behind")
	}
}

// list returns tp's notes of the list named key.
func (tp *touchpoint) list(key string) []note {
	i := slices.IndexFunc(content.NoteLists, func(l content.NoteList) bool { return l.Key == key })
	if i < 0 || i >= len(tp.Lists) {
		return nil
	}
	return tp.Lists[i]
}
