// Package words holds the interface's own words in each interface language
// (English, Russian, Polish): labels, counted nouns, dates, channel names.
// The templates' functions (t, count, date), the pages and the maps all
// say them, so they live apart from any one of those.
package words

import (
	"sort"
	"strconv"
)

// Words are the interface's own words (lane names, headings, labels) in
// each interface language. Templates look them up with `t "key"`.
var Words = map[string]map[string]string{
	"en": {
		"gaps-lead": "What the maps do not yet say: touchpoints nobody owns, pains with no plan, KPIs without a target, late opportunities, journeys not looked at for half a year, personas with no journey. cjm check lists the same.", "gaps-none": "None.", "gap-owner-none": "Nobody owns it", "gap-no-owner": "No owner named", "gap-pain-without-opportunity": "Painful and important, with no plan", "gap-kpi-incomplete": "KPIs without a target or a current value", "gap-overdue": "Overdue opportunities", "gap-stale-journey": "Journeys not updated for 180 days", "gap-persona-without-journey": "Personas with no journey",
		"opportunities-lead": "Every improvement planned on a touchpoint, with its owner and due date. Overdue ones are marked.", "heatmap-lead": "Mean emotion of the touchpoints in each stage: red where customers suffer, green where they are pleased.",
		"funnel": "Funnel: customers reaching each stage", "health": "Health", "health-note": "Share of touchpoints felt as neutral or better, weighted by importance", "csi-mean": "Mean CSI", "nps-mean": "Mean NPS", "kpis-met": "KPIs met", "gaps": "Gaps", "heatmap": "Heatmap", "opportunities-board": "Opportunities", "heatmap-strips": "Each journey with its own stages, in order. Below, each journey's channels against its stages.", "stages-in-order": "Stages, in order", "evidence": "Evidence", "evidence-touchpoints": "Touchpoints rest on", "notes-evidence": "Their notes rest on", "interview": "interview", "survey": "survey", "analytics": "analytics", "assumption": "assumption", "no-source": "not given",
		"throughout":    "throughout",
		"map-scroll":    "The map, scrolling sideways",
		"at-a-glance":   "At a glance",
		"emotion-curve": "Emotion curve", "lowest": "lowest", "highest": "highest", "theme-dark": "Dark theme", "theme-light": "Light theme", "painful": "Painful moments", "open-opportunities": "Open opportunities",
		"edit": "Edit this page", "compare": "As-is and to-be compared", "added": "Added in the to-be journey", "removed": "Gone in the to-be journey", "changed": "Changed", "unchanged-count": "Touchpoints unchanged", "mean-emotion": "Mean emotion", "delta": "Change", "field": "Field", "from": "As-is", "to": "To-be", "map-as-table": "The map as a table", "main-nav": "Main navigation", "breadcrumbs": "Breadcrumbs", "line-of-visibility": "Line of visibility",
		"portal": "Customer journey maps",
		"home":   "Home", "personas": "Personas", "teams": "Teams", "journeys": "Journeys", "channels": "Channels", "pages": "Pages",
		"persona": "Persona", "team": "Team", "journey": "Journey", "stage": "Stage", "touchpoint": "Touchpoint", "channel": "Channel",
		"stages": "Stages", "touchpoints": "Touchpoints", "actions": "Actions", "questions": "Questions", "barriers": "Barriers",
		"emotions": "Emotions", "emotion": "Emotion", "pains": "Pains", "gains": "Gains", "engagement": "Engagement",
		"influencers": "Influencers", "owners": "Owners", "owner": "Owner", "kpis": "KPIs", "opportunities": "Opportunities", "processes": "Back-stage processes",
		"goals": "Goals", "needs": "Needs", "expectations": "Expectations", "duration": "Duration", "conversion": "Conversion",
		"importance": "Importance", "metrics": "Metrics", "csi": "CSI", "nps": "NPS", "role": "Role", "segment": "Segment",
		"scenario": "Scenario", "product": "Product", "state": "State", "current": "As-is", "target": "To-be", "tags": "Tags", "updated": "Updated",
		"lead": "Lead", "contact": "Contact", "parent": "Part of", "children": "Details", "related": "Related touchpoints",
		"previous": "Previous", "next": "Next", "map": "Journey map", "map-svg": "Map as SVG", "target-journey": "To-be journey", "current-journeys": "As-is journeys",
		"nobody": "nobody", "no-owner": "no owner", "owner-none": "Nobody owns this touchpoint yet.", "generated-team": "This team has no page of its own yet; it is named as an owner.",
		"kpi": "KPI", "kpi-current": "Current", "kpi-target": "Target", "opportunity": "Opportunity", "due": "Due", "status": "Status",
		"idea": "idea", "planned": "planned", "in-progress": "in progress", "done": "done",
		"low": "low", "medium": "medium", "high": "high", "critical": "critical",
		"emotion-2": "very negative", "emotion-1": "negative", "emotion0": "neutral", "emotion1": "positive", "emotion2": "very positive",
		"not-found": "Page not found", "not-found-text": "There is no page at this address. It may have moved when the content changed.",
		"back-home": "Back to the portal", "skip": "Skip to content", "lane": "Lane", "none": "none", "map-caption": "Stages across, lanes down",
		"journeys-of-persona": "Journeys", "owned-journeys": "Journeys owned", "owned-touchpoints": "Touchpoints owned", "quote": "Quote",
		"used-by": "Preferred by", "built-with": "Built with cjm", "overdue": "overdue", "all-touchpoints": "All touchpoints", "source": "Source",
		"search": "Search", "search-label": "Search the portal", "search-results": "Results: %d", "search-more": "%d more: add a word to narrow the search", "no-results": "Nothing found",
		// The map's legend and header.
		"legend": "Legend", "lanes": "Lanes", "map-tools": "Map view", "map-fit": "Fit", "zoom-in": "Zoom in", "zoom-out": "Zoom out", "full-screen": "Full screen", "embed-map": "Embed this map", "embed-help": "Paste this into a page of Confluence, Notion or your intranet to show the map there, with its controls:", "open-in-portal": "Open in the portal", "goal": "goal", "expectation": "expectation", "goals-expectations": "Goals and expectations", "notes": "Lists", "kpi-met": "met", "kpi-missed": "missed", "kpi-unmeasured": "not measured", "kpi-status": "Status",
		"assumption-legend": "an assumption, not yet proven", "warnings": "Warnings", "warn-legend": "nobody owns it, or overdue", "map-current": "As-is map", "map-target": "To-be map",
	},
	"ru": {
		"gaps-lead": "Чего карты пока не говорят: точки без владельца, боли без плана, KPI без цели, просроченные возможности, пути, которые полгода не обновлялись, персоны без пути. То же выводит cjm check.", "gaps-none": "Нет.", "gap-owner-none": "Владельца нет", "gap-no-owner": "Владелец не указан", "gap-pain-without-opportunity": "Важная боль без плана", "gap-kpi-incomplete": "KPI без цели или текущего значения", "gap-overdue": "Просроченные возможности", "gap-stale-journey": "Пути без обновлений 180 дней", "gap-persona-without-journey": "Персоны без пути",
		"opportunities-lead": "Все улучшения точек контакта с владельцами и сроками. Просроченные отмечены.", "heatmap-lead": "Средняя эмоция точек контакта на каждом этапе: красное — где клиентам плохо, зелёное — где хорошо.",
		"funnel": "Воронка: доля клиентов, дошедших до этапа", "health": "Здоровье", "health-note": "Доля точек контакта с нейтральной или лучшей эмоцией, взвешенная по важности", "csi-mean": "Средний CSI", "nps-mean": "Средний NPS", "kpis-met": "KPI выполнено", "gaps": "Пробелы", "heatmap": "Тепловая карта", "opportunities-board": "Возможности", "heatmap-strips": "Каждый путь со своими этапами по порядку. Ниже — каналы каждого пути по его этапам.", "stages-in-order": "Этапы по порядку", "evidence": "Основание", "evidence-touchpoints": "Основание точек контакта", "notes-evidence": "Основание их записей", "interview": "интервью", "survey": "опрос", "analytics": "аналитика", "assumption": "предположение", "no-source": "не указано",
		"throughout":    "на всём пути",
		"map-scroll":    "Карта, прокрутка по горизонтали",
		"at-a-glance":   "Коротко о портале",
		"emotion-curve": "Кривая эмоций", "lowest": "минимум", "highest": "максимум", "theme-dark": "Тёмная тема", "theme-light": "Светлая тема", "painful": "Болевые точки", "open-opportunities": "Открытые возможности",
		"edit": "Редактировать страницу", "compare": "Сравнение «как есть» и «как должно быть»", "added": "Добавлены в целевом пути", "removed": "Убраны в целевом пути", "changed": "Изменены", "unchanged-count": "Точек контакта без изменений", "mean-emotion": "Средняя эмоция", "delta": "Изменение", "field": "Поле", "from": "Как есть", "to": "Как должно быть", "map-as-table": "Карта в виде таблицы", "main-nav": "Основная навигация", "breadcrumbs": "Навигационная цепочка", "line-of-visibility": "Линия видимости",
		"portal": "Карты пути клиента",
		"home":   "Главная", "personas": "Персоны", "teams": "Команды", "journeys": "Пути клиента", "channels": "Каналы", "pages": "Страницы",
		"persona": "Персона", "team": "Команда", "journey": "Путь клиента", "stage": "Этап", "touchpoint": "Точка контакта", "channel": "Канал",
		"stages": "Этапы", "touchpoints": "Точки контакта", "actions": "Действия", "questions": "Вопросы", "barriers": "Барьеры",
		"emotions": "Эмоции", "emotion": "Эмоция", "pains": "Боли", "gains": "Радости", "engagement": "Вовлечённость",
		"influencers": "Влияющие лица", "owners": "Владельцы", "owner": "Владелец", "kpis": "KPI", "opportunities": "Возможности", "processes": "Внутренние процессы",
		"goals": "Цели", "needs": "Потребности", "expectations": "Ожидания", "duration": "Длительность", "conversion": "Конверсия",
		"importance": "Важность", "metrics": "Метрики", "csi": "CSI", "nps": "NPS", "role": "Роль", "segment": "Сегмент",
		"scenario": "Сценарий", "product": "Продукт", "state": "Состояние", "current": "Как есть", "target": "Как должно быть", "tags": "Метки", "updated": "Обновлено",
		"lead": "Руководитель", "contact": "Контакт", "parent": "Часть точки", "children": "Детализация", "related": "Связанные точки",
		"previous": "Назад", "next": "Далее", "map": "Карта пути клиента", "map-svg": "Карта в SVG", "target-journey": "Целевой путь", "current-journeys": "Текущие пути",
		"nobody": "никто", "no-owner": "нет владельца", "owner-none": "У этой точки контакта пока нет владельца.", "generated-team": "У этой команды пока нет своей страницы; она указана как владелец.",
		"kpi": "KPI", "kpi-current": "Сейчас", "kpi-target": "Цель", "opportunity": "Возможность", "due": "Срок", "status": "Статус",
		"idea": "идея", "planned": "запланировано", "in-progress": "в работе", "done": "сделано",
		"low": "низкая", "medium": "средняя", "high": "высокая", "critical": "критичная",
		"emotion-2": "очень негативно", "emotion-1": "негативно", "emotion0": "нейтрально", "emotion1": "позитивно", "emotion2": "очень позитивно",
		"not-found": "Страница не найдена", "not-found-text": "По этому адресу страницы нет. Возможно, она переехала, когда изменилось содержание.",
		"back-home": "На главную портала", "skip": "К содержанию", "lane": "Слой", "none": "нет", "map-caption": "Этапы по горизонтали, слои по вертикали",
		"journeys-of-persona": "Пути клиента", "owned-journeys": "Пути в ответственности", "owned-touchpoints": "Точки контакта в ответственности", "quote": "Цитата",
		"used-by": "Предпочитают", "built-with": "Сделано в cjm", "overdue": "просрочено", "all-touchpoints": "Все точки контакта", "source": "Источник",
		"search": "Поиск", "search-label": "Поиск по порталу", "search-results": "Найдено: %d", "search-more": "Ещё %d: уточните запрос", "no-results": "Ничего не найдено",
		"legend": "Условные обозначения", "lanes": "Слои", "map-tools": "Вид карты", "map-fit": "Целиком", "zoom-in": "Крупнее", "zoom-out": "Мельче", "full-screen": "Во весь экран", "embed-map": "Встроить карту", "embed-help": "Вставьте это в страницу Confluence, Notion или интранета, чтобы показать там карту вместе с управлением:", "open-in-portal": "Открыть на портале", "goal": "цель", "expectation": "ожидание", "goals-expectations": "Цели и ожидания", "notes": "Списки", "kpi-met": "достигнут", "kpi-missed": "не достигнут", "kpi-unmeasured": "не измерен", "kpi-status": "Статус",
		"assumption-legend": "предположение, ещё не подтверждено", "warnings": "Предупреждения", "warn-legend": "нет владельца или просрочено", "map-current": "Карта «как есть»", "map-target": "Карта «как должно быть»",
	},
	"pl": {
		"gaps-lead": "Czego mapy jeszcze nie mówią: punkty styku bez właściciela, problemy bez planu, KPI bez celu, przeterminowane szanse, ścieżki nieaktualizowane od pół roku, persony bez ścieżki. cjm check wypisuje to samo.", "gaps-none": "Brak.", "gap-owner-none": "Nikt nie jest właścicielem", "gap-no-owner": "Nie wskazano właściciela", "gap-pain-without-opportunity": "Ważny problem bez planu", "gap-kpi-incomplete": "KPI bez celu lub bieżącej wartości", "gap-overdue": "Przeterminowane szanse", "gap-stale-journey": "Ścieżki nieaktualizowane od 180 dni", "gap-persona-without-journey": "Persony bez ścieżki",
		"opportunities-lead": "Wszystkie zaplanowane usprawnienia punktów styku, z właścicielem i terminem. Przeterminowane są oznaczone.", "heatmap-lead": "Średnia emocja punktów styku na każdym etapie: czerwone tam, gdzie klienci cierpią, zielone tam, gdzie są zadowoleni.",
		"funnel": "Lejek: odsetek klientów docierających do etapu", "health": "Kondycja", "health-note": "Odsetek punktów styku odczuwanych neutralnie lub lepiej, ważony ważnością", "csi-mean": "Średni CSI", "nps-mean": "Średni NPS", "kpis-met": "Osiągnięte KPI", "gaps": "Luki", "heatmap": "Mapa cieplna", "opportunities-board": "Szanse", "heatmap-strips": "Każda ścieżka z własnymi etapami, po kolei. Niżej kanały każdej ścieżki według jej etapów.", "stages-in-order": "Etapy po kolei", "evidence": "Podstawa", "evidence-touchpoints": "Podstawa punktów styku", "notes-evidence": "Podstawa ich wpisów", "interview": "wywiad", "survey": "ankieta", "analytics": "analityka", "assumption": "założenie", "no-source": "nie podano",
		"throughout":    "na całej ścieżce",
		"map-scroll":    "Mapa, przewijana w poziomie",
		"at-a-glance":   "W skrócie",
		"emotion-curve": "Krzywa emocji", "lowest": "najniżej", "highest": "najwyżej", "theme-dark": "Motyw ciemny", "theme-light": "Motyw jasny", "painful": "Bolesne momenty", "open-opportunities": "Otwarte szanse",
		"edit": "Edytuj tę stronę", "compare": "Porównanie stanu obecnego i docelowego", "added": "Dodane w ścieżce docelowej", "removed": "Usunięte w ścieżce docelowej", "changed": "Zmienione", "unchanged-count": "Punkty styku bez zmian", "mean-emotion": "Średnia emocja", "delta": "Zmiana", "field": "Pole", "from": "Obecnie", "to": "Docelowo", "map-as-table": "Mapa jako tabela", "main-nav": "Nawigacja główna", "breadcrumbs": "Ścieżka nawigacji", "line-of-visibility": "Linia widoczności",
		"portal": "Mapy ścieżek klienta",
		"home":   "Strona główna", "personas": "Persony", "teams": "Zespoły", "journeys": "Ścieżki klienta", "channels": "Kanały", "pages": "Strony",
		"persona": "Persona", "team": "Zespół", "journey": "Ścieżka klienta", "stage": "Etap", "touchpoint": "Punkt styku", "channel": "Kanał",
		"stages": "Etapy", "touchpoints": "Punkty styku", "actions": "Działania", "questions": "Pytania", "barriers": "Bariery",
		"emotions": "Emocje", "emotion": "Emocja", "pains": "Problemy", "gains": "Korzyści", "engagement": "Zaangażowanie",
		"influencers": "Wpływający", "owners": "Właściciele", "owner": "Właściciel", "kpis": "KPI", "opportunities": "Szanse", "processes": "Procesy zaplecza",
		"goals": "Cele", "needs": "Potrzeby", "expectations": "Oczekiwania", "duration": "Czas trwania", "conversion": "Konwersja",
		"importance": "Ważność", "metrics": "Wskaźniki", "csi": "CSI", "nps": "NPS", "role": "Rola", "segment": "Segment",
		"scenario": "Scenariusz", "product": "Produkt", "state": "Stan", "current": "Stan obecny", "target": "Stan docelowy", "tags": "Etykiety", "updated": "Zaktualizowano",
		"lead": "Lider", "contact": "Kontakt", "parent": "Część punktu", "children": "Szczegóły", "related": "Powiązane punkty styku",
		"previous": "Poprzedni", "next": "Następny", "map": "Mapa ścieżki klienta", "map-svg": "Mapa jako SVG", "target-journey": "Ścieżka docelowa", "current-journeys": "Ścieżki obecne",
		"nobody": "nikt", "no-owner": "brak właściciela", "owner-none": "Ten punkt styku nie ma jeszcze właściciela.", "generated-team": "Ten zespół nie ma jeszcze własnej strony; jest wskazany jako właściciel.",
		"kpi": "KPI", "kpi-current": "Obecnie", "kpi-target": "Cel", "opportunity": "Szansa", "due": "Termin", "status": "Status",
		"idea": "pomysł", "planned": "zaplanowane", "in-progress": "w toku", "done": "zrobione",
		"low": "niska", "medium": "średnia", "high": "wysoka", "critical": "krytyczna",
		"emotion-2": "bardzo negatywnie", "emotion-1": "negatywnie", "emotion0": "neutralnie", "emotion1": "pozytywnie", "emotion2": "bardzo pozytywnie",
		"not-found": "Nie znaleziono strony", "not-found-text": "Pod tym adresem nie ma strony. Mogła zostać przeniesiona przy zmianie treści.",
		"back-home": "Wróć do portalu", "skip": "Przejdź do treści", "lane": "Warstwa", "none": "brak", "map-caption": "Etapy w poziomie, warstwy w pionie",
		"journeys-of-persona": "Ścieżki klienta", "owned-journeys": "Ścieżki w odpowiedzialności", "owned-touchpoints": "Punkty styku w odpowiedzialności", "quote": "Cytat",
		"used-by": "Preferują", "built-with": "Zbudowano w cjm", "overdue": "po terminie", "all-touchpoints": "Wszystkie punkty styku", "source": "Źródło",
		"search": "Szukaj", "search-label": "Szukaj w portalu", "search-results": "Wyniki: %d", "search-more": "Jeszcze %d: dodaj słowo, by zawęzić wyniki", "no-results": "Nic nie znaleziono",
		"legend": "Legenda", "lanes": "Warstwy", "map-tools": "Widok mapy", "map-fit": "Całość", "zoom-in": "Powiększ", "zoom-out": "Pomniejsz", "full-screen": "Pełny ekran", "embed-map": "Osadź mapę", "embed-help": "Wklej to na stronę Confluence, Notion lub intranetu, aby pokazać tam mapę z jej sterowaniem:", "open-in-portal": "Otwórz w portalu", "goal": "cel", "expectation": "oczekiwanie", "goals-expectations": "Cele i oczekiwania", "notes": "Listy", "kpi-met": "osiągnięty", "kpi-missed": "nieosiągnięty", "kpi-unmeasured": "niezmierzony", "kpi-status": "Status",
		"assumption-legend": "założenie, jeszcze niepotwierdzone", "warnings": "Ostrzeżenia", "warn-legend": "brak właściciela lub po terminie", "map-current": "Mapa stanu obecnego", "map-target": "Mapa stanu docelowego",
	},
}

// Word returns the word for key in lang, falling back to English and then
// to the key itself, so that a missing translation shows but never breaks.
func Word(lang, key string) string {
	if w, ok := Lookup(lang, key); ok {
		return w
	}
	if w, ok := Lookup("en", key); ok {
		return w
	}
	return key
}

// Lookup returns the word for key in lang, and whether lang has it: in
// Words, or in the words of the portal's pages (portalWords).
func Lookup(lang, key string) (string, bool) {
	if w, ok := Words[lang][key]; ok {
		return w, true
	}
	w, ok := portalWords[lang][key]
	return w, ok
}

// WordKeys lists the keys of a language, sorted.
func WordKeys(lang string) []string {
	keys := make([]string, 0, len(Words[lang])+len(portalWords[lang]))
	for k := range Words[lang] {
		keys = append(keys, k)
	}
	for k := range portalWords[lang] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// channelWords name the contract's channels in each interface language.
var channelWords = map[string]map[string]string{
	"en": {"web": "Website", "app": "Mobile app", "phone": "Phone", "email": "Email", "chat": "Chat", "messenger": "Messenger", "social": "Social media", "store": "Store", "courier": "Courier", "ads": "Advertising", "event": "Event", "meeting": "Meeting", "sms": "SMS", "push": "Push notification", "ivr": "Voice menu (IVR)", "kiosk": "Self-service kiosk"},
	"ru": {"web": "Сайт", "app": "Приложение", "phone": "Телефон", "email": "Эл. почта", "chat": "Чат", "messenger": "Мессенджер", "social": "Соцсети", "store": "Магазин", "courier": "Курьер", "ads": "Реклама", "event": "Мероприятие", "meeting": "Встреча", "sms": "SMS", "push": "Push-уведомление", "ivr": "Голосовое меню (IVR)", "kiosk": "Киоск самообслуживания"},
	"pl": {"web": "Strona WWW", "app": "Aplikacja", "phone": "Telefon", "email": "E-mail", "chat": "Czat", "messenger": "Komunikator", "social": "Media społecznościowe", "store": "Sklep", "courier": "Kurier", "ads": "Reklama", "event": "Wydarzenie", "meeting": "Spotkanie", "sms": "SMS", "push": "Powiadomienie push", "ivr": "Menu głosowe (IVR)", "kiosk": "Kiosk samoobsługowy"},
}

// ChannelName is a channel's name in lang: the interface word for the
// contract's channels (web, app, ...), the word as written for any other.
func ChannelName(lang, slug, written string) string {
	if w, ok := channelWords[lang][slug]; ok {
		return w
	}
	if w, ok := channelWords["en"][slug]; ok {
		return w
	}
	return written
}

// EmotionWord says an emotion from -2 to 2 in words: "very negative" ... "very positive".
func EmotionWord(lang string, e int) string { return Word(lang, "emotion"+strconv.Itoa(e)) }
