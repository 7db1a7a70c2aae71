// Package gen generates portals of any size that follow the authoring
// contract, for benchmarks and fuzzing: realistic front matter, bodies in
// English, Russian and Polish, deterministic from a seed.
package gen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Options say how big a portal to make.
type Options struct {
	Touchpoints int    // about this many touchpoints in all
	Seed        uint64 // same seed, same files
	BodyWords   int    // words in a touchpoint's body; 0 means about 220 (about 2 KB)
}

// Files returns the portal as path → contents, paths under content/.
func Files(o Options) map[string][]byte {
	if o.BodyWords == 0 {
		o.BodyWords = 220
	}
	g := &generator{r: rand.New(rand.NewPCG(o.Seed, 0x636a6d)), files: map[string][]byte{}, words: o.BodyWords}
	g.portal(max(o.Touchpoints, 1))
	return g.files
}

type generator struct {
	r     *rand.Rand
	files map[string][]byte
	words int
}

const (
	stagesPerJourney = 8
	tpsPerStage      = 5
)

var (
	stageNames = []string{"unaware", "awareness", "search", "purchase", "onboarding", "usage", "support", "loyalty", "churn"}
	channels   = []string{"web", "app", "phone", "email", "chat", "messenger", "social", "store", "courier", "ads", "event", "meeting", "kiosk", "sms"}
	langs      = []string{"en", "ru", "pl"}
	// kpiNames are the KPIs touchpoints write out without the catalogue:
	// as in a real portal, teams measure many touchpoints by a few.
	kpiNames = map[string][]string{
		"en": {"Share of orders confirmed", "Time to first reply", "Drop-off rate", "Repeat contacts", "First contact resolution", "Share of self-service", "Complaints per 1,000 orders", "Time to delivery"},
		"ru": {"Доля подтверждённых заказов", "Время до первого ответа", "Доля отказов", "Повторные обращения", "Решено с первого обращения", "Доля самообслуживания", "Жалобы на 1000 заказов", "Время доставки"},
		"pl": {"Odsetek potwierdzonych zamówień", "Czas do pierwszej odpowiedzi", "Odsetek porzuceń", "Ponowne kontakty", "Rozwiązane przy pierwszym kontakcie", "Odsetek samoobsługi", "Reklamacje na 1000 zamówień", "Czas dostawy"},
	}
	vocab = map[string][]string{
		"en": strings.Fields("customer order delivery payment confirmation app website courier support call wait slot basket price promo refund account login password code card transfer bank flight boarding pass gate check-in contract proposal invoice manager team quickly slowly never always again worried happy confused annoyed relieved expects needs wants checks opens closes reads writes sends receives"),
		"ru": strings.Fields("клиент заказ доставка оплата подтверждение приложение сайт курьер поддержка звонок ожидание слот корзина цена промокод возврат аккаунт вход пароль код карта перевод банк рейс посадка талон выход регистрация договор предложение счёт менеджер команда быстро медленно никогда всегда снова волнуется рад растерян раздражён спокоен ожидает нуждается хочет проверяет открывает закрывает читает пишет отправляет получает ёлка"),
		"pl": strings.Fields("klient zamówienie dostawa płatność potwierdzenie aplikacja strona kurier wsparcie rozmowa oczekiwanie koszyk cena zwrot konto logowanie hasło kod karta przelew bank lot karta pokładowa bramka odprawa umowa oferta faktura menedżer zespół szybko wolno nigdy zawsze znowu martwi się cieszy zdezorientowany zirytowany spokojny oczekuje potrzebuje chce sprawdza otwiera zamyka czyta pisze wysyła otrzymuje łódź żółć gęś"),
	}
)

func (g *generator) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *generator) sentence(lang string, n int) string {
	words := make([]string, n)
	for i := range words {
		words[i] = g.pick(vocab[lang])
	}
	s := strings.Join(words, " ")
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// quoted writes a YAML double-quoted string.
func quoted(s string) string { return fmt.Sprintf("%q", s) }

func (g *generator) list(lang, key string, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:\n", key)
	for range n {
		fmt.Fprintf(&b, "  - %s\n", quoted(g.sentence(lang, 3+g.r.IntN(5))))
	}
	return b.String()
}

func (g *generator) body(lang string, words int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n", g.sentence(lang, 3))
	for words > 0 {
		n := min(words, 40+g.r.IntN(40))
		b.WriteString(g.sentence(lang, n))
		b.WriteString(".\n\n")
		words -= n
		if g.r.IntN(4) == 0 {
			fmt.Fprintf(&b, "- **%s** %s\n- %s\n\n", g.sentence(lang, 1), g.sentence(lang, 6), g.sentence(lang, 8))
		}
	}
	return b.String()
}

func (g *generator) put(path, front, body string) {
	g.files[path] = []byte("---\n" + front + "---\n" + body)
}

func (g *generator) portal(total int) {
	journeys := max(1, (total+stagesPerJourney*tpsPerStage-1)/(stagesPerJourney*tpsPerStage))
	personas := max(3, journeys/4)
	teams := max(4, journeys/5)
	g.put("content/_index.md", "title: Generated portal\nlanguage: en\n", "A generated portal for benchmarks.\n")
	for i := range personas {
		lang := langs[i%3]
		g.put(fmt.Sprintf("content/personas/persona-%d.md", i),
			fmt.Sprintf("title: %s\nrole: %s\nsegment: %s\nquote: %s\n%s%s%schannels: [%s, %s]\n",
				quoted(g.sentence(lang, 2)), quoted(g.sentence(lang, 3)), quoted(g.sentence(lang, 2)), quoted(g.sentence(lang, 10)),
				g.list(lang, "goals", 3), g.list(lang, "needs", 3), g.list(lang, "pains", 3), g.pick(channels), g.pick(channels)),
			g.body(lang, 120))
	}
	for i := range teams {
		g.put(fmt.Sprintf("content/teams/team-%d.md", i), fmt.Sprintf("title: Team %d\nlead: Lead %d\ncontact: team-%d@example.com\n", i, i, i), g.body("en", 60))
	}
	made := 0
	for j := range journeys {
		lang := langs[j%3]
		dir := fmt.Sprintf("content/journeys/journey-%d", j)
		state := "current"
		target := ""
		if j%4 == 1 {
			state = "target"
		} else if j%4 == 0 && j+1 < journeys {
			target = fmt.Sprintf("target: journey-%d\n", j+1)
		}
		if lang != "en" { // a journey in another language than the portal's says so
			target += "language: " + lang + "\n"
		}
		g.put(dir+"/_index.md", fmt.Sprintf("title: %s\npersonas: [persona-%d]\nscenario: %s\nproduct: %s\nstate: %s\n%sowner: team-%d\ntags: [generated, %s]\nupdated: 2026-%02d-%02d\n",
			quoted(g.sentence(lang, 4)), j%personas, quoted(g.sentence(lang, 8)), quoted(g.sentence(lang, 2)), state, target, j%teams, lang, 1+j%12, 1+j%28), g.body(lang, 150))
		for s := range stagesPerJourney {
			sdir := fmt.Sprintf("%s/%02d-%s", dir, s+1, stageNames[s%len(stageNames)])
			g.put(sdir+"/_index.md", fmt.Sprintf("title: %s\nduration: %d-%d days\n%s%sconversion: %.2f\n",
				quoted(g.sentence(lang, 2)), 1+s, 3+s, g.list(lang, "goals", 2), g.list(lang, "expectations", 2), 0.5+g.r.Float64()/2), g.body(lang, 80))
			for t := range tpsPerStage {
				if made >= total {
					break
				}
				made++
				parent := ""
				if t > 0 && g.r.IntN(4) == 0 {
					parent = fmt.Sprintf("parent: s%d-t0\n", s)
				}
				related := ""
				if j > 0 && g.r.IntN(5) == 0 {
					related = fmt.Sprintf("related: [journey-%d/s%d-t%d]\n", g.r.IntN(j), g.r.IntN(stagesPerJourney), 0)
				}
				owner := fmt.Sprintf("team-%d", g.r.IntN(teams))
				if g.r.IntN(20) == 0 {
					owner = "none"
				}
				front := fmt.Sprintf("title: %s\nchannel: %s\nemotion: %d\nimportance: %s\nengagement: %s\nowner: %s\n%s%s%s%s%s%s%s%s",
					quoted(g.sentence(lang, 3+g.r.IntN(4))), g.pick(channels), g.r.IntN(5)-2,
					g.pick([]string{"low", "medium", "high", "critical"}), g.pick([]string{"low", "medium", "high"}), owner,
					g.list(lang, "actions", 2), g.list(lang, "questions", 2), g.list(lang, "barriers", 1), g.list(lang, "pains", 2),
					g.list(lang, "gains", 1), g.list(lang, "influencers", 1), g.list(lang, "processes", 2), parent+related)
				front += fmt.Sprintf("kpis:\n  - name: %s\n    current: %d\n    target: %d\n    unit: \"%%\"\nmetrics:\n  csi: %.1f\n  nps: %d\n  conversion: %.2f\n",
					quoted(g.pick(kpiNames[lang])), g.r.IntN(100), g.r.IntN(100), 1+4*g.r.Float64(), g.r.IntN(201)-100, g.r.Float64())
				front += fmt.Sprintf("opportunities:\n  - title: %s\n    owner: team-%d\n    due: 2027-%02d-%02d\n    status: %s\n",
					quoted(g.sentence(lang, 5)), g.r.IntN(teams), 1+g.r.IntN(12), 1+g.r.IntN(28), g.pick([]string{"idea", "planned", "in-progress", "done"}))
				g.put(fmt.Sprintf("%s/s%d-t%d.md", sdir, s, t), front, g.body(lang, g.words))
			}
		}
	}
}

// Write writes files (from Files) into the site folder dir, replacing its
// content/ folder, and returns the bytes written.
func Write(dir string, files map[string][]byte) (int, error) {
	if err := os.RemoveAll(filepath.Join(dir, "content")); err != nil {
		return 0, err
	}
	size := 0
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return size, err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return size, err
		}
		size += len(data)
	}
	return size, nil
}
