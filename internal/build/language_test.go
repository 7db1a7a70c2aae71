package build_test

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

var htmlLang = regexp.MustCompile(`<html lang="([a-z]*)"`)

// TestJourneyLanguage: a journey with its own `language` inside a portal
// of another gets its pages, map and lane names in that language and says
// so with `lang`; the portal's pages stay in the portal's language and
// mark the journey's titles with theirs.
func TestJourneyLanguage(t *testing.T) {
	res := buildFS(fstest.MapFS{
		"content/_index.md":                       mapFile("---\ntitle: Portal\nlanguage: en\n---\n"),
		"content/glossary.md":                     mapFile("---\ntitle: Glossary\n---\n"),
		"content/personas/olga.md":                mapFile("---\ntitle: Olga\n---\n"),
		"content/teams/crm.md":                    mapFile("---\ntitle: CRM\n---\n"),
		"content/journeys/ru/_index.md":           mapFile("---\ntitle: Перевод\npersonas: olga\nlanguage: ru\ntarget: ru-next\n---\n"),
		"content/journeys/ru/01-s/_index.md":      mapFile("---\ntitle: Вход\n---\n"),
		"content/journeys/ru/01-s/a.md":           mapFile("---\ntitle: Код\nemotion: -1\nowner: crm\nchannel: sms\n---\n"),
		"content/journeys/ru-next/_index.md":      mapFile("---\ntitle: Перевод завтра\npersonas: olga\nlanguage: ru\nstate: target\n---\n"),
		"content/journeys/ru-next/01-s/_index.md": mapFile("---\ntitle: Вход\n---\n"),
		"content/journeys/ru-next/01-s/a.md":      mapFile("---\ntitle: Код\nemotion: 1\nowner: crm\nchannel: sms\n---\n"),
		"content/journeys/en/_index.md":           mapFile("---\ntitle: Order\npersonas: olga\n---\n"),
		"content/journeys/en/01-s/_index.md":      mapFile("---\ntitle: Pay\n---\n"),
		"content/journeys/en/01-s/b.md":           mapFile("---\ntitle: Card\nemotion: 1\nowner: crm\nchannel: sms\n---\n"),
	}, "")
	if res.Diags.HasErrors() {
		t.Fatal(res.Diags.Errors())
	}
	pages := []struct{ file, lang string }{
		{"journeys/ru/index.html", "ru"},
		{"journeys/ru/s/index.html", "ru"},
		{"journeys/ru/s/a/index.html", "ru"},
		{"journeys/ru/-/embed/index.html", "ru"},
		{"journeys/ru/-/compare/index.html", "ru"},
		{"journeys/en/index.html", "en"},
		{"index.html", "en"},
		{"teams/crm/index.html", "en"},
		{"channels/sms/index.html", "en"},
		{"gaps/index.html", "en"},
	}
	for _, p := range pages {
		m := htmlLang.FindStringSubmatch(string(res.Files[p.file]))
		if m == nil || m[1] != p.lang {
			t.Errorf("%s: lang %v, want %s", p.file, m, p.lang)
		}
	}
	ru := string(res.Files["journeys/ru/index.html"])
	for _, want := range []string{`<span class="brand-name" lang="en">Portal</span>`, `<a href="/glossary/" lang="en">Glossary</a>`, `Точки контакта`, `Эмоции`, `aria-label="Основная навигация"`} {
		if !strings.Contains(ru, want) {
			t.Errorf("the Russian journey's page lacks %s", want)
		}
	}
	if strings.Contains(ru, ">Touchpoints<") || strings.Contains(ru, ">Emotions<") {
		t.Error("the Russian journey's page has English lane names")
	}
	svg := string(res.Files["journeys/ru/map.svg"])
	if !strings.Contains(svg, `>Эмоции<`) || strings.Contains(svg, ">Emotions<") {
		t.Error("the Russian journey's map.svg is not in Russian")
	}
	if en := string(res.Files["journeys/en/index.html"]); !strings.Contains(en, ">Emotions<") || strings.Contains(en, "Эмоции") {
		t.Error("the English journey's page is not in English")
	}
	for _, p := range []string{"index.html", "teams/crm/index.html", "channels/sms/index.html"} {
		if html := string(res.Files[p]); !strings.Contains(html, ` lang="ru">Перевод</a>`) && !strings.Contains(html, ` lang="ru">Код</a>`) {
			t.Errorf("%s does not mark the Russian journey's titles as Russian", p)
		}
	}
}
