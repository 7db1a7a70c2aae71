package content

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

func TestKindOf(t *testing.T) {
	for rel, want := range map[string]Kind{
		"_index.md":                          KindSite,
		"personas/_index.md":                 KindSection,
		"teams/_index.md":                    KindSection,
		"journeys/_index.md":                 KindSection,
		"kpis/_index.md":                     KindSection,
		"personas/olga-busy-parent.md":       KindPersona,
		"teams/crm.md":                       KindTeam,
		"channels/sms.md":                    KindChannel,
		"kpis/time-to-confirm.md":            KindKPI,
		"competitors/acme.md":                KindCompetitor,
		"journeys/order/_index.md":           KindJourney,
		"journeys/order/01-buy/_index.md":    KindStage,
		"journeys/order/01-buy/pay.md":       KindTouchpoint,
		"glossary.md":                        KindPage,
		"guides/_index.md":                   KindPage,
		"guides/setup.md":                    KindPage,
		"journeys.md":                        KindPage,
		"personas/olga.png":                  "",
		"journeys/order/01-buy/pay.md.bak":   "",
		"personas/old/olga.md":               "",
		"journeys/order.md":                  "",
		"journeys/order/pay.md":              "",
		"journeys/order/01-buy/more/pay.md":  "",
		"_draft.md":                          "",
		"journeys/order/01-buy/_pay.md":      "",
		"journeys/order/01-buy/.pay.md.swp":  "",
		"journeys/.order/01-buy/pay.md":      "",
		"":                                   "",
		"journeys/order/01-buy/_index.md.md": "", // a draft: "_" and not _index.md
		"journeys/order/01-buy/index.md":     KindTouchpoint,
	} {
		got, ok := KindOf(rel)
		if got != want || ok != (want != "") {
			t.Errorf("KindOf(%q) = %q, %v; want %q", rel, got, ok, want)
		}
	}
}

// TestKindsTable checks the table against the types: each kind once, its
// decoder making items that say it, and InfoOf finding it.
func TestKindsTable(t *testing.T) {
	seen := map[Kind]bool{}
	for _, k := range Kinds {
		if seen[k.Kind] {
			t.Errorf("kind %q is in Kinds twice", k.Kind)
		}
		seen[k.Kind] = true
		if info, ok := InfoOf(k.Kind); !ok || info.Kind != k.Kind {
			t.Errorf("InfoOf(%q) = %q, %v", k.Kind, info.Kind, ok)
		}
		if k.decode == nil || k.clone == nil || k.at == nil {
			t.Errorf("kind %q lacks a decoder, a clone or a place", k.Kind)
		}
	}
	if _, ok := InfoOf("settings"); ok {
		t.Error(`InfoOf("settings") found a kind: the site file's kind is "site"`)
	}
}

// TestItems loads one file of each kind and checks what the Item
// interface says of it: its kind, URL path and position.
func TestItems(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":                           file("title: Shop"),
		"content/personas/_index.md":                  file("title: People"),
		"content/personas/olga.md":                    file("title: Olga"),
		"content/teams/crm.md":                        file("title: CRM"),
		"content/channels/sms.md":                     file("title: SMS"),
		"content/kpis/time.md":                        file("title: Time"),
		"content/competitors/acme.md":                 file("title: Acme"),
		"content/journeys/order/_index.md":            file("title: Order\nslug: buy\npersonas: [olga]"),
		"content/journeys/order/01-pick/_index.md":    file("title: Pick"),
		"content/journeys/order/01-pick/02-basket.md": file("title: Basket"),
		"content/guides/01-setup/start.md":            file("title: Start"),
		"content/guides/_index.md":                    file("title: Guides"),
	}
	c, diags := Load(fsys)
	if diags.HasErrors() {
		t.Fatalf("errors:\n%v", diags.Errors())
	}
	j := c.Journeys[0]
	st := j.Stages[0]
	covered := map[Kind]bool{}
	for _, tc := range []struct {
		item      Item
		kind      Kind
		path, pos string
	}{
		{&c.Settings, KindSite, "", "content/_index.md:1"},
		{c.Sections["personas"], KindSection, "personas/", "content/personas/_index.md:1"},
		{c.Personas[0], KindPersona, "personas/olga/", "content/personas/olga.md:1"},
		{c.Teams[0], KindTeam, "teams/crm/", "content/teams/crm.md:1"},
		{c.Channels[0], KindChannel, "channels/sms/", "content/channels/sms.md:1"},
		{c.KPIs[0], KindKPI, "kpis/time/", "content/kpis/time.md:1"},
		{c.Competitors[0], KindCompetitor, "competitors/acme/", "content/competitors/acme.md:1"},
		{j, KindJourney, "journeys/buy/", "content/journeys/order/_index.md:1"},
		{st, KindStage, "journeys/buy/pick/", "content/journeys/order/01-pick/_index.md:1"},
		{st.Touchpoints[0], KindTouchpoint, "journeys/buy/pick/basket/", "content/journeys/order/01-pick/02-basket.md:1"},
		{c.Pages[0], KindPage, "guides/", "content/guides/_index.md:1"},
		{c.Pages[1], KindPage, "guides/setup/start/", "content/guides/01-setup/start.md:1"},
	} {
		covered[tc.kind] = true
		if got := tc.item.ItemKind(); got != tc.kind {
			t.Errorf("%s: kind %q, want %q", tc.pos, got, tc.kind)
		}
		if got := tc.item.URLPath(); got != tc.path {
			t.Errorf("%s: URL path %q, want %q", tc.pos, got, tc.path)
		}
		if m := tc.item.ItemMeta(); m.File+":"+strconv.Itoa(m.Start) != tc.pos {
			t.Errorf("%s: ItemMeta has file %q, start %d", tc.pos, m.File, m.Start)
		}
	}

	for _, k := range Kinds { // a new kind needs a file above, and a place in Content
		if !covered[k.Kind] {
			t.Errorf("no file of kind %q checked", k.Kind)
		}
	}

	// Read alone, a stage or touchpoint does not know its journey's path.
	tp, _ := Decode("content/journeys/order/01-pick/02-basket.md", []byte("---\ntitle: Basket\n---\n"))
	if tp == nil || tp.ItemKind() != KindTouchpoint || tp.URLPath() != "" || tp.ItemMeta().Slug != "basket" {
		t.Errorf("Decode: %#v", tp)
	}
}

// TestNoteLists checks that NoteLists holds every list of notes Touchpoint
// has, each once, and reads the field of its name; and that Lists gives
// the filled ones in order.
func TestNoteLists(t *testing.T) {
	tp := &Touchpoint{}
	rt := reflect.TypeOf(*tp)
	var fields []string
	for i := range rt.NumField() {
		if rt.Field(i).Type == reflect.TypeOf(Notes{}) {
			fields = append(fields, rt.Field(i).Name)
		}
	}
	var keys []string
	for i, l := range NoteLists {
		keys = append(keys, strings.ToUpper(l.Key[:1])+l.Key[1:])
		*l.of(tp) = Notes{{Text: strconv.Itoa(i)}}
		if got := reflect.ValueOf(*tp).FieldByName(keys[i]).Interface().(Notes); len(got) != 1 || got[0].Text != strconv.Itoa(i) {
			t.Errorf("list %q reads field %s wrongly: %v", l.Key, keys[i], got)
		}
		if got, ok := NoteListOf(l.Key); !ok || got.Key != l.Key {
			t.Errorf("NoteListOf(%q) = %q, %v", l.Key, got.Key, ok)
		}
		if !slices.Contains(Lanes, l.Key) {
			t.Errorf("list %q is not a lane", l.Key)
		}
	}
	if !slices.Equal(fields, keys) {
		t.Errorf("Touchpoint's lists %q, NoteLists %q", fields, keys)
	}
	if _, ok := NoteListOf("related"); ok {
		t.Error(`NoteListOf("related") found a list of notes`)
	}
	tp.Questions, tp.Gains = nil, nil
	var got []string
	for _, l := range tp.Lists() {
		got = append(got, l.Key+"="+l.Notes[0].Text)
	}
	if want := []string{"actions=0", "barriers=2", "pains=3", "influencers=5", "processes=6"}; !slices.Equal(got, want) {
		t.Errorf("Lists() = %q, want %q", got, want)
	}
	if !slices.Equal(NoteListKeys(), []string{"actions", "questions", "barriers", "pains", "gains", "influencers", "processes"}) {
		t.Errorf("NoteListKeys() = %q", NoteListKeys())
	}
}

// TestSearchedLists checks the lists the search reads and their order,
// which the search text of every touchpoint follows.
func TestSearchedLists(t *testing.T) {
	var got []string
	for _, l := range SearchedLists() {
		got = append(got, l.Key)
	}
	if want := []string{"pains", "gains", "actions", "questions", "barriers"}; !slices.Equal(got, want) {
		t.Errorf("SearchedLists() = %q, want %q", got, want)
	}
}
