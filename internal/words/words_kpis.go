package words

// catalogueWords are the words of the KPI catalogue, the extra metrics and
// benchmarking: /kpis/, a KPI's page, /benchmark/ and a competitor's page.
var catalogueWords = map[string]map[string]string{
	"en": {
		"kpis-lead":     "Every KPI of the portal, where it is measured, its current value against its target, and who owns it. Catalogued KPIs are defined once in content/kpis/; the others are written out on touchpoints.",
		"kpi-catalogue": "Catalogued", "kpi-free-form": "Written out on touchpoints", "kpi-free-form-note": "Not in the catalogue: each touchpoint gives its own unit and target.",
		"kpi-twin": "names the catalogued KPI by its title; write `kpi: {slug}`",
		"unit":     "Unit", "better-way": "Better", "better-higher": "higher is better", "better-lower": "lower is better",
		"definition": "Definition", "formula": "Formula", "data-source": "Data source",
		"measured-at": "Where it is measured", "not-measured-anywhere": "No touchpoint measures it yet.", "kpi-tally": "Met / missed / not measured",
		"retention": "Retention", "retention-short": "Ret.", "ces": "CES", "ltv": "LTV", "retention-mean": "Mean retention", "ces-mean": "Mean CES", "ltv-mean": "Mean LTV",
		"ces-note":  "Customer effort, 1 (very easy) to 7 (very hard)",
		"benchmark": "Benchmark", "benchmark-lead": "How we score against competitors at the same moments: per journey stage, the mean CSI and NPS of the touchpoints benchmarked against each competitor, ours and theirs, over the touchpoints where both are known.",
		"competitor": "Competitor", "competitors": "Competitors", "website": "Website", "us": "Us", "note": "Note",
		"lead-lead": "we lead", "lead-lag": "we lag", "lead-level": "level", "gap": "Difference",
		"vs-competitors": "Us and competitors", "benchmarked-at": "Where it is benchmarked", "compared": "Touchpoints compared",
		"where-we-lead": "Comparisons we lead", "where-we-lag": "Comparisons we lag", "where-level": "Level",
		"generated-competitor": "This competitor has no file of its own: it is named on touchpoints. Add a file in content/competitors/ to describe it.",
		"no-benchmarks":        "No touchpoint is benchmarked against a competitor yet: add `competitors` to a touchpoint.",
	},
	"ru": {
		"kpis-lead":     "Все KPI портала: где их измеряют, текущее значение против цели и кто за них отвечает. KPI из каталога описаны один раз в content/kpis/, остальные записаны прямо в точках контакта.",
		"kpi-catalogue": "В каталоге", "kpi-free-form": "Записаны в точках контакта", "kpi-free-form-note": "Нет в каталоге: каждая точка контакта задаёт свою единицу и цель.",
		"kpi-twin": "называет KPI из каталога по названию; напишите `kpi: {slug}`",
		"unit":     "Единица", "better-way": "Лучше", "better-higher": "чем больше, тем лучше", "better-lower": "чем меньше, тем лучше",
		"definition": "Определение", "formula": "Формула", "data-source": "Источник данных",
		"measured-at": "Где измеряют", "not-measured-anywhere": "Пока ни одна точка контакта его не измеряет.", "kpi-tally": "Достигнут / не достигнут / не измерен",
		"retention": "Удержание", "retention-short": "Удерж.", "ces": "CES", "ltv": "LTV", "retention-mean": "Среднее удержание", "ces-mean": "Средний CES", "ltv-mean": "Средний LTV",
		"ces-note":  "Усилие клиента, от 1 (очень легко) до 7 (очень трудно)",
		"benchmark": "Сравнение с конкурентами", "benchmark-lead": "Как мы выглядим на фоне конкурентов в те же моменты: по каждому этапу пути — средние CSI и NPS точек контакта, сравнённых с каждым конкурентом, наши и их, по тем точкам, где известны обе оценки.",
		"competitor": "Конкурент", "competitors": "Конкуренты", "website": "Сайт", "us": "Мы", "note": "Заметка",
		"lead-lead": "мы впереди", "lead-lag": "мы отстаём", "lead-level": "наравне", "gap": "Разница",
		"vs-competitors": "Мы и конкуренты", "benchmarked-at": "Где с ним сравнивают", "compared": "Точек сравнено",
		"where-we-lead": "Сравнений, где мы впереди", "where-we-lag": "Сравнений, где мы отстаём", "where-level": "Наравне",
		"generated-competitor": "У этого конкурента нет своего файла: он назван в точках контакта. Добавьте файл в content/competitors/, чтобы описать его.",
		"no-benchmarks":        "Пока ни одна точка контакта не сравнена с конкурентом: добавьте `competitors` в точку контакта.",
	},
	"pl": {
		"kpis-lead":     "Wszystkie KPI portalu: gdzie są mierzone, obecna wartość wobec celu i kto za nie odpowiada. KPI z katalogu są opisane raz w content/kpis/, pozostałe wpisane wprost w punktach styku.",
		"kpi-catalogue": "W katalogu", "kpi-free-form": "Wpisane w punktach styku", "kpi-free-form-note": "Poza katalogiem: każdy punkt styku podaje własną jednostkę i cel.",
		"kpi-twin": "nazywa KPI z katalogu jego tytułem; napisz `kpi: {slug}`",
		"unit":     "Jednostka", "better-way": "Lepiej", "better-higher": "im więcej, tym lepiej", "better-lower": "im mniej, tym lepiej",
		"definition": "Definicja", "formula": "Wzór", "data-source": "Źródło danych",
		"measured-at": "Gdzie jest mierzony", "not-measured-anywhere": "Żaden punkt styku jeszcze go nie mierzy.", "kpi-tally": "Osiągnięty / nieosiągnięty / niezmierzony",
		"retention": "Retencja", "retention-short": "Ret.", "ces": "CES", "ltv": "LTV", "retention-mean": "Średnia retencja", "ces-mean": "Średni CES", "ltv-mean": "Średnie LTV",
		"ces-note":  "Wysiłek klienta, od 1 (bardzo łatwo) do 7 (bardzo trudno)",
		"benchmark": "Porównanie z konkurencją", "benchmark-lead": "Jak wypadamy na tle konkurencji w tych samych chwilach: dla każdego etapu ścieżki średnie CSI i NPS punktów styku porównanych z każdym konkurentem, nasze i ich, z punktów, gdzie znane są obie oceny.",
		"competitor": "Konkurent", "competitors": "Konkurenci", "website": "Strona", "us": "My", "note": "Uwaga",
		"lead-lead": "prowadzimy", "lead-lag": "odstajemy", "lead-level": "remis", "gap": "Różnica",
		"vs-competitors": "My i konkurencja", "benchmarked-at": "Gdzie jest porównywany", "compared": "Porównane punkty styku",
		"where-we-lead": "Porównania, w których prowadzimy", "where-we-lag": "Porównania, w których odstajemy", "where-level": "Remis",
		"generated-competitor": "Ten konkurent nie ma własnego pliku: jest wymieniony w punktach styku. Dodaj plik w content/competitors/, aby go opisać.",
		"no-benchmarks":        "Żaden punkt styku nie jest jeszcze porównany z konkurentem: dodaj `competitors` do punktu styku.",
	},
}

// The catalogue's words join the others once, before any page is rendered.
func init() {
	for lang, words := range catalogueWords {
		for k, w := range words {
			if _, ok := Words[lang][k]; !ok {
				Words[lang][k] = w
			}
		}
	}
}
