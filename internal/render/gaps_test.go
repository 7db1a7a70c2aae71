package render

import (
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/cjm-portal/cjm/internal/rollup"
)

// gapSite seeds one gap of every rule, with titles that hold quotes and
// markup, a Russian journey in the portal, and two personas who feel
// differently.
var gapSite = map[string]string{
	"content/_index.md":                     "---\ntitle: P\n---\n",
	"content/personas/olga.md":              "---\ntitle: Olga, busy parent\n---\n",
	"content/personas/ivan.md":              "---\ntitle: Ivan\n---\n",
	"content/personas/lone.md":              "---\ntitle: Lone <wolf>\n---\n",
	"content/teams/crm.md":                  "---\ntitle: CRM & Co\n---\n",
	"content/journeys/order/_index.md":      "---\ntitle: Order\npersonas: [olga, ivan]\nowner: crm\nupdated: 2025-11-01\n---\n",
	"content/journeys/order/01-s/_index.md": "---\ntitle: Confirmation\n---\n",
	"content/journeys/order/01-s/a.md":      "---\ntitle: Call \"Did it work?\"\nemotion: 0\nowner: none\n---\n",
	"content/journeys/order/01-s/b.md":      "---\ntitle: B\nemotion: 0\n---\n",
	"content/journeys/order/01-s/c.md":      "---\ntitle: C\nowner: crm\nimportance: critical\nemotion: {olga: -2, ivan: 1}\n---\n",
	"content/journeys/order/01-s/f.md":      "---\ntitle: F\nemotion: 0\nowner: crm\nkpis: [{name: Orders <1h>, current: 100}, {name: Waits, target: 3}, {name: Calls}]\n---\n",
	"content/journeys/order/01-s/g.md":      "---\ntitle: G\nemotion: 0\nowner: crm\nopportunities: [{title: \"Add a \\\"Resend\\\" button\", due: 2026-06-14, status: planned}]\n---\n",
	"content/journeys/ru/_index.md":         "---\ntitle: Перевод\npersonas: olga\nlanguage: ru\n---\n",
	"content/journeys/ru/01-s/_index.md":    "---\ntitle: Вход\n---\n",
	"content/journeys/ru/01-s/d.md":         "---\ntitle: Код\nemotion: -1\nimportance: high\nowner: crm\n---\n",
}

// TestGapSentences: every gap is a sentence about the journey in the
// page's language, its items linked, its texts escaped and quoted as the
// language quotes, never with Go's escapes; the fix says the YAML as code.
func TestGapSentences(t *testing.T) {
	today := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	const tpA = `<a href="/journeys/order/s/a/">Call &#34;Did it work?&#34;</a>`
	const stage = `<a href="/journeys/order/s/">Confirmation</a>`
	want := map[string][]string{
		"en": {
			`Nobody owns “` + tpA + `” in “` + stage + `”.`,
			`No owner is named for “<a href="/journeys/order/s/b/">B</a>” in “` + stage + `”.`,
			`“<a href="/journeys/order/s/c/">C</a>” in “` + stage + `” hurts (Olga −2) and matters (critical), but nothing is planned to fix it.`,
			`“<a href="/journeys/ru/s/d/" lang="ru">Код</a>” in “<a href="/journeys/ru/s/" lang="ru">Вход</a>” hurts (−1, negative) and matters (high), but nothing is planned to fix it.`,
			`The KPI “Orders &lt;1h&gt;” of “<a href="/journeys/order/s/f/">F</a>” has no target.`,
			`The KPI “Waits” of “<a href="/journeys/order/s/f/">F</a>” has no current value.`,
			`The KPI “Calls” of “<a href="/journeys/order/s/f/">F</a>” has neither a current value nor a target.`,
			`The opportunity “Add a &#34;Resend&#34; button” for “<a href="/journeys/order/s/g/">G</a>” was due on 14 June 2026 and is not done yet (planned).`,
			`“<a href="/journeys/order/">Order</a>” was last updated on 1 November 2025, 226&nbsp;days ago.`,
			`“<a href="/personas/lone/">Lone &lt;wolf&gt;</a>” is in no journey yet.`,
		},
		"ru": {
			`Никто не отвечает за точку «` + tpA + `» на этапе «` + stage + `».`,
			`Для точки «<a href="/journeys/order/s/b/">B</a>» на этапе «` + stage + `» не указан владелец.`,
			`В точке «<a href="/journeys/order/s/c/">C</a>» на этапе «` + stage + `» клиенту плохо (Olga −2), и это важно (критичная), но исправить это ничего не запланировано.`,
			`В точке «<a href="/journeys/ru/s/d/">Код</a>» на этапе «<a href="/journeys/ru/s/">Вход</a>» клиенту плохо (−1, негативно), и это важно (высокая), но исправить это ничего не запланировано.`,
			`У KPI «Orders &lt;1h&gt;» точки «<a href="/journeys/order/s/f/">F</a>» нет цели.`,
			`У KPI «Waits» точки «<a href="/journeys/order/s/f/">F</a>» нет текущего значения.`,
			`У KPI «Calls» точки «<a href="/journeys/order/s/f/">F</a>» нет ни текущего значения, ни цели.`,
			`Возможность «Add a &#34;Resend&#34; button» для точки «<a href="/journeys/order/s/g/">G</a>» должна была быть готова 14 июня 2026, но ещё не сделана (запланировано).`,
			`Путь «<a href="/journeys/order/">Order</a>» последний раз обновлялся 1 ноября 2025, 226&nbsp;дней назад.`,
			`Персона «<a href="/personas/lone/">Lone &lt;wolf&gt;</a>» пока не входит ни в один путь.`,
		},
		"pl": {
			`Nikt nie odpowiada za punkt „` + tpA + `” na etapie „` + stage + `”.`,
			`Dla punktu „<a href="/journeys/order/s/b/">B</a>” na etapie „` + stage + `” nie wskazano właściciela.`,
			`W punkcie „<a href="/journeys/order/s/c/">C</a>” na etapie „` + stage + `” klient cierpi (Olga −2) i to ważne (krytyczna), ale nic nie zaplanowano, by to naprawić.`,
			`W punkcie „<a href="/journeys/ru/s/d/" lang="ru">Код</a>” na etapie „<a href="/journeys/ru/s/" lang="ru">Вход</a>” klient cierpi (−1, negatywnie) i to ważne (wysoka), ale nic nie zaplanowano, by to naprawić.`,
			`KPI „Orders &lt;1h&gt;” punktu „<a href="/journeys/order/s/f/">F</a>” nie ma celu.`,
			`KPI „Waits” punktu „<a href="/journeys/order/s/f/">F</a>” nie ma bieżącej wartości.`,
			`KPI „Calls” punktu „<a href="/journeys/order/s/f/">F</a>” nie ma ani bieżącej wartości, ani celu.`,
			`Szansa „Add a &#34;Resend&#34; button” dla punktu „<a href="/journeys/order/s/g/">G</a>” miała termin 14 czerwca 2026, ale nie jest jeszcze zrobiona (zaplanowane).`,
			`Ścieżka „<a href="/journeys/order/">Order</a>” była ostatnio aktualizowana 1 listopada 2025, 226&nbsp;dni temu.`,
			`Persona „<a href="/personas/lone/">Lone &lt;wolf&gt;</a>” nie należy jeszcze do żadnej ścieżki.`,
		},
	}
	for lang, sentences := range want {
		files := maps.Clone(gapSite)
		files["content/_index.md"] = "---\ntitle: P\nlanguage: " + lang + "\n---\n"
		s := siteOf(t, files)
		views := GapViews(s, rollup.Gaps(s, rollup.Options{Today: today}), lang, today)
		var got []string
		for _, v := range views {
			got = append(got, strings.ReplaceAll(string(v.Sentence), "\u00a0", "&nbsp;"))
			if strings.Contains(string(v.Sentence), `\"`) || strings.Contains(string(v.Fix), `\"`) {
				t.Errorf("%s: a Go-escaped quote in %s / %s", lang, v.Sentence, v.Fix)
			}
			if strings.Contains(string(v.Fix), "{") && !strings.Contains(string(v.Fix), "{title") {
				t.Errorf("%s: a placeholder left in %s", lang, v.Fix)
			}
		}
		if strings.Join(got, "\n") != strings.Join(sentences, "\n") {
			t.Errorf("%s:\n got %s\nwant %s", lang, strings.Join(got, "\n     "), strings.Join(sentences, "\n     "))
		}
	}
	// The fix: its YAML as code, dates filled in.
	fixes := map[string]string{}
	s := siteOf(t, gapSite)
	for _, v := range GapViews(s, rollup.Gaps(s, rollup.Options{Today: today}), "en", today) {
		fixes[v.Rule] = string(v.Fix)
	}
	for rule, want := range map[string]string{
		rollup.RuleOwnerNone:              "When a team takes it on, name it: <code>owner: TEAM</code>.",
		rollup.RulePainWithoutOpportunity: "Add an opportunity with an owner and a due date: <code>opportunities: [{title: …, owner: TEAM, due: 2026-09-30}]</code>.",
		rollup.RuleStaleJourney:           "Review the map with the team and set <code>updated: 2026-06-15</code>.",
		rollup.RulePersonaWithoutJourney:  "Name it in a journey&#39;s <code>personas: [lone]</code>, or remove the persona.",
	} {
		if fixes[rule] != want {
			t.Errorf("%s: fix %s, want %s", rule, fixes[rule], want)
		}
	}
}

// TestGapGroups: gaps group by journey (personas' last) and by team (no
// team last), and the tally counts each team's by rule, the total last.
func TestGapGroups(t *testing.T) {
	s := siteOf(t, gapSite)
	views := GapViews(s, rollup.Gaps(s, rollup.Options{Today: time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)}), "en", time.Time{})
	var got []string
	for _, by := range []string{"journey", "team"} {
		for _, g := range GroupGaps(s, views, by, "en") {
			got = append(got, by+": "+g.Title+" "+strings.Repeat("*", len(g.Gaps)))
		}
	}
	want := "journey: Order ********|journey: Перевод *|journey: Personas *|" +
		"team: CRM & Co *******|team: No team ***"
	if strings.Join(got, "|") != want {
		t.Errorf("groups:\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
	tally := TallyGaps(s, views, "en")
	if n := len(tally); n != 3 || tally[2].Title != "All" || tally[2].Total != len(views) || tally[0].Total+tally[1].Total != len(views) {
		t.Errorf("tally: %+v", tally)
	}
}
