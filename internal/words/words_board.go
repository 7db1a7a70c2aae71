package words

// boardWords are the words of the opportunities page: the impact × effort
// matrix, its quadrants, the score and the filters.
var boardWords = map[string]map[string]string{
	"en": {
		"matrix": "Impact × effort", "matrix-lead": "Each opportunity by the impact it should have (up) and the effort it takes (across); the number leads to its row below.",
		"impact": "Impact", "effort": "Effort", "confidence": "Confidence", "score": "Score", "expected": "Expected",
		"quick-win": "Quick wins", "big-bet": "Big bets", "fill-in": "Fill-ins", "money-pit": "Money pits",
		"not-scored": "Not on the matrix (no impact or effort yet)",
		"score-note": "Score = impact × confidence ÷ effort, from 0.04 to 5; a confidence not given counts as 0.5. Sort by any column.",
		"filter-all": "all", "filter-team": "Team", "filter-overdue": "Overdue only", "filter-clear": "Show all",
		"filter-shown": "shown", "filter-none": "No opportunity matches these filters.", "no-team": "no team",
	},
	"ru": {
		"matrix": "Эффект × трудозатраты", "matrix-lead": "Каждая возможность по ожидаемому эффекту (вверх) и трудозатратам (вправо); номер ведёт к её строке ниже.",
		"impact": "Эффект", "effort": "Трудозатраты", "confidence": "Уверенность", "score": "Оценка", "expected": "Ожидается",
		"quick-win": "Быстрые победы", "big-bet": "Крупные ставки", "fill-in": "Мелкие улучшения", "money-pit": "Денежные ямы",
		"not-scored": "Не на матрице (эффект или трудозатраты не указаны)",
		"score-note": "Оценка = эффект × уверенность ÷ трудозатраты, от 0,04 до 5; если уверенность не указана, она считается равной 0,5. Сортируйте по любому столбцу.",
		"filter-all": "все", "filter-team": "Команда", "filter-overdue": "Только просроченные", "filter-clear": "Показать все",
		"filter-shown": "показано", "filter-none": "Ни одна возможность не подходит под фильтры.", "no-team": "без команды",
	},
	"pl": {
		"matrix": "Wpływ × nakład", "matrix-lead": "Każda szansa według oczekiwanego wpływu (w górę) i nakładu pracy (w prawo); numer prowadzi do jej wiersza poniżej.",
		"impact": "Wpływ", "effort": "Nakład", "confidence": "Pewność", "score": "Ocena", "expected": "Oczekiwane",
		"quick-win": "Szybkie wygrane", "big-bet": "Duże zakłady", "fill-in": "Drobne usprawnienia", "money-pit": "Studnie bez dna",
		"not-scored": "Poza macierzą (brak wpływu lub nakładu)",
		"score-note": "Ocena = wpływ × pewność ÷ nakład, od 0,04 do 5; pewność niepodana liczy się jako 0,5. Sortuj według dowolnej kolumny.",
		"filter-all": "wszystkie", "filter-team": "Zespół", "filter-overdue": "Tylko po terminie", "filter-clear": "Pokaż wszystkie",
		"filter-shown": "pokazano", "filter-none": "Żadna szansa nie pasuje do filtrów.", "no-team": "bez zespołu",
	},
}

// The board's words join the others once, before any page is rendered.
func init() {
	for lang, words := range boardWords {
		for k, w := range words {
			if _, ok := Words[lang][k]; !ok {
				Words[lang][k] = w
			}
		}
	}
}
