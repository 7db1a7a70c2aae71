package words

// historyWords are the words of the pages' history (package history): when
// a page was last changed, the history page, and each kind of change. In a
// change's words, {t} is a touchpoint, {s} a stage, {d} a detail (a note, a
// KPI, a persona, an opportunity), {from} and {to} the values before and
// after, {u} a KPI's unit.
var historyWords = map[string]map[string]string{
	"en": {
		"history": "History", "history-lead": "What changed in this journey, commit by commit, as read from git.",
		"history-none": "No commit in the window has touched this journey yet.", "history-off": "History is unavailable: {why}.",
		"history-window": "The last {n} commits, since {date}.", "history-truncated": "Older commits are left out; historyCommits and historyYears in content/_index.md widen the window.",
		"updated-by": "Updated {date} by {author}", "updated-on": "Updated {date}", "not-committed": "not committed to git yet",
		"no-git-history": "git history unavailable: {why}", "as-of": "As of {date}",
		"compare-dates": "Compare two dates", "differences": "Differences", "no-differences": "No touchpoint or emotion differs.",
		"over-time": "Over time", "trend-legend": "current value, commit by commit", "moved-since": "Since done ({date})", "commit": "Commit", "all-personas": "everyone", "point-from": "Earlier", "point-to": "Later",
		"h-touchpoint-added": "Touchpoint “{t}” added to stage “{s}”", "h-touchpoint-removed": "Touchpoint “{t}” removed from stage “{s}”",
		"h-touchpoint-renamed": "Touchpoint “{from}” renamed “{to}”", "h-touchpoint-moved": "Touchpoint “{t}” moved from stage “{from}” to “{to}”",
		"h-touchpoint-edited": "Touchpoint “{t}” edited", "h-emotion": "“{t}”: emotion {from} → {to}", "h-emotion-persona": "“{t}”: emotion for {d} {from} → {to}",
		"h-pain-added": "“{t}”: pain added: {d}", "h-pain-resolved": "“{t}”: pain resolved: {d}",
		"h-barrier-added": "“{t}”: barrier added: {d}", "h-barrier-resolved": "“{t}”: barrier resolved: {d}",
		"h-gain-added": "“{t}”: gain added: {d}", "h-gain-removed": "“{t}”: gain removed: {d}",
		"h-owner-assigned": "“{t}”: owner assigned: {to}", "h-owner-changed": "“{t}”: owner {from} → {to}", "h-owner-removed": "“{t}”: owner {from} removed",
		"h-kpi": "“{t}”: KPI {d} {from} → {to} {u}", "h-kpi-added": "“{t}”: KPI {d} measured: {to} {u}", "h-metric": "“{t}”: {d} {from} → {to}",
		"h-opportunity-opened": "“{t}”: opportunity opened: {d} ({to})", "h-opportunity-status": "“{t}”: opportunity “{d}” {from} → {to}",
		"h-opportunity-done": "“{t}”: opportunity done: {d}",
		"h-stage-added":      "Stage “{s}” added", "h-stage-removed": "Stage “{s}” removed", "h-stage-renamed": "Stage “{from}” renamed “{to}”",
		"h-stages-reordered": "Stages reordered: {to}", "h-journey-added": "Journey “{to}” mapped", "h-journey-edited": "Journey “{to}” edited",
		"h-journey-renamed": "Journey “{from}” renamed “{to}”",
	},
	"ru": {
		"history": "История", "history-lead": "Что менялось в этом пути, коммит за коммитом, по данным git.",
		"history-none": "Ни один коммит в окне истории ещё не менял этот путь.", "history-off": "История недоступна: {why}.",
		"history-window": "Последние {n} коммитов, начиная с {date}.", "history-truncated": "Более старые коммиты не показаны; окно расширяют historyCommits и historyYears в content/_index.md.",
		"updated-by": "Обновлено {date}, автор: {author}", "updated-on": "Обновлено {date}", "not-committed": "ещё не закоммичено в git",
		"no-git-history": "история git недоступна: {why}", "as-of": "По состоянию на {date}",
		"compare-dates": "Сравнить две даты", "differences": "Различия", "no-differences": "Точки контакта и эмоции не различаются.",
		"over-time": "Динамика", "trend-legend": "текущее значение по коммитам", "moved-since": "С момента выполнения ({date})", "commit": "Коммит", "all-personas": "все", "point-from": "Раньше", "point-to": "Позже",
		"h-touchpoint-added": "Точка контакта «{t}» добавлена в этап «{s}»", "h-touchpoint-removed": "Точка контакта «{t}» удалена из этапа «{s}»",
		"h-touchpoint-renamed": "Точка контакта «{from}» переименована в «{to}»", "h-touchpoint-moved": "Точка контакта «{t}» перенесена из этапа «{from}» в «{to}»",
		"h-touchpoint-edited": "Точка контакта «{t}» изменена", "h-emotion": "«{t}»: эмоция {from} → {to}", "h-emotion-persona": "«{t}»: эмоция для {d} {from} → {to}",
		"h-pain-added": "«{t}»: добавлена боль: {d}", "h-pain-resolved": "«{t}»: боль снята: {d}",
		"h-barrier-added": "«{t}»: добавлен барьер: {d}", "h-barrier-resolved": "«{t}»: барьер снят: {d}",
		"h-gain-added": "«{t}»: добавлена выгода: {d}", "h-gain-removed": "«{t}»: выгода убрана: {d}",
		"h-owner-assigned": "«{t}»: назначен владелец: {to}", "h-owner-changed": "«{t}»: владелец {from} → {to}", "h-owner-removed": "«{t}»: владелец {from} снят",
		"h-kpi": "«{t}»: KPI {d} {from} → {to} {u}", "h-kpi-added": "«{t}»: KPI {d} измерен: {to} {u}", "h-metric": "«{t}»: {d} {from} → {to}",
		"h-opportunity-opened": "«{t}»: новая возможность: {d} ({to})", "h-opportunity-status": "«{t}»: возможность «{d}» {from} → {to}",
		"h-opportunity-done": "«{t}»: возможность выполнена: {d}",
		"h-stage-added":      "Добавлен этап «{s}»", "h-stage-removed": "Удалён этап «{s}»", "h-stage-renamed": "Этап «{from}» переименован в «{to}»",
		"h-stages-reordered": "Этапы переставлены: {to}", "h-journey-added": "Путь «{to}» описан", "h-journey-edited": "Путь «{to}» изменён",
		"h-journey-renamed": "Путь «{from}» переименован в «{to}»",
	},
	"pl": {
		"history": "Historia", "history-lead": "Co zmieniało się w tej ścieżce, commit po commicie, według gita.",
		"history-none": "Żaden commit w oknie historii nie zmienił jeszcze tej ścieżki.", "history-off": "Historia jest niedostępna: {why}.",
		"history-window": "Ostatnie commity ({n}) od {date}.", "history-truncated": "Starsze commity pominięto; okno poszerzają historyCommits i historyYears w content/_index.md.",
		"updated-by": "Zaktualizowano {date}, autor: {author}", "updated-on": "Zaktualizowano {date}", "not-committed": "jeszcze niezatwierdzone w gicie",
		"no-git-history": "historia gita niedostępna: {why}", "as-of": "Stan na {date}",
		"compare-dates": "Porównaj dwie daty", "differences": "Różnice", "no-differences": "Punkty styku i emocje się nie różnią.",
		"over-time": "W czasie", "trend-legend": "bieżąca wartość, commit po commicie", "moved-since": "Od wykonania ({date})", "commit": "Commit", "all-personas": "wszyscy", "point-from": "Wcześniej", "point-to": "Później",
		"h-touchpoint-added": "Punkt styku „{t}” dodany do etapu „{s}”", "h-touchpoint-removed": "Punkt styku „{t}” usunięty z etapu „{s}”",
		"h-touchpoint-renamed": "Punkt styku „{from}” przemianowany na „{to}”", "h-touchpoint-moved": "Punkt styku „{t}” przeniesiony z etapu „{from}” do „{to}”",
		"h-touchpoint-edited": "Punkt styku „{t}” zmieniony", "h-emotion": "„{t}”: emocja {from} → {to}", "h-emotion-persona": "„{t}”: emocja dla {d} {from} → {to}",
		"h-pain-added": "„{t}”: dodany problem: {d}", "h-pain-resolved": "„{t}”: problem rozwiązany: {d}",
		"h-barrier-added": "„{t}”: dodana bariera: {d}", "h-barrier-resolved": "„{t}”: bariera usunięta: {d}",
		"h-gain-added": "„{t}”: dodana korzyść: {d}", "h-gain-removed": "„{t}”: korzyść usunięta: {d}",
		"h-owner-assigned": "„{t}”: przypisany właściciel: {to}", "h-owner-changed": "„{t}”: właściciel {from} → {to}", "h-owner-removed": "„{t}”: właściciel {from} usunięty",
		"h-kpi": "„{t}”: KPI {d} {from} → {to} {u}", "h-kpi-added": "„{t}”: KPI {d} zmierzony: {to} {u}", "h-metric": "„{t}”: {d} {from} → {to}",
		"h-opportunity-opened": "„{t}”: nowa szansa: {d} ({to})", "h-opportunity-status": "„{t}”: szansa „{d}” {from} → {to}",
		"h-opportunity-done": "„{t}”: szansa zrealizowana: {d}",
		"h-stage-added":      "Dodano etap „{s}”", "h-stage-removed": "Usunięto etap „{s}”", "h-stage-renamed": "Etap „{from}” przemianowany na „{to}”",
		"h-stages-reordered": "Zmieniono kolejność etapów: {to}", "h-journey-added": "Opisano ścieżkę „{to}”", "h-journey-edited": "Zmieniono ścieżkę „{to}”",
		"h-journey-renamed": "Ścieżka „{from}” przemianowana na „{to}”",
	},
}

// The history's words join the others once, before any page is rendered.
func init() {
	for lang, words := range historyWords {
		for k, w := range words {
			if _, ok := Words[lang][k]; !ok {
				Words[lang][k] = w
			}
		}
	}
}
