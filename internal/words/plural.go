package words

import "strconv"

// pluralWords hold each counted noun in its plural forms, in the order the
// language's rule (pluralForm) numbers them: English has one and other,
// Russian and Polish have one, few and many.
var pluralWords = map[string]map[string][]string{
	"en": {
		"stage": {"stage", "stages"}, "touchpoint": {"touchpoint", "touchpoints"}, "journey": {"journey", "journeys"},
		"persona": {"persona", "personas"}, "opportunity": {"opportunity", "opportunities"}, "pain-point": {"painful moment", "painful moments"},
		"open-opportunity": {"open opportunity", "open opportunities"}, "result": {"result", "results"},
		"gap": {"gap", "gaps"}, "day": {"day", "days"},
	},
	"ru": {
		"stage": {"этап", "этапа", "этапов"}, "touchpoint": {"точка контакта", "точки контакта", "точек контакта"}, "journey": {"путь", "пути", "путей"},
		"persona": {"персона", "персоны", "персон"}, "opportunity": {"возможность", "возможности", "возможностей"}, "pain-point": {"болевая точка", "болевые точки", "болевых точек"},
		"open-opportunity": {"открытая возможность", "открытые возможности", "открытых возможностей"}, "result": {"результат", "результата", "результатов"},
		"gap": {"пробел", "пробела", "пробелов"}, "day": {"день", "дня", "дней"},
	},
	"pl": {
		"stage": {"etap", "etapy", "etapów"}, "touchpoint": {"punkt styku", "punkty styku", "punktów styku"}, "journey": {"ścieżka", "ścieżki", "ścieżek"},
		"persona": {"persona", "persony", "person"}, "opportunity": {"szansa", "szanse", "szans"}, "pain-point": {"bolesny moment", "bolesne momenty", "bolesnych momentów"},
		"open-opportunity": {"otwarta szansa", "otwarte szanse", "otwartych szans"}, "result": {"wynik", "wyniki", "wyników"},
		"gap": {"luka", "luki", "luk"}, "day": {"dzień", "dni", "dni"},
	},
}

// pluralForm picks the form of a counted noun for n by the language's rule
// (CLDR's for whole numbers): 0 is one, 1 few-or-other, 2 many.
func pluralForm(lang string, n int) int {
	if n < 0 {
		n = -n
	}
	mod10, mod100 := n%10, n%100
	few := mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)
	switch lang {
	case "ru":
		switch {
		case mod10 == 1 && mod100 != 11:
			return 0
		case few:
			return 1
		}
		return 2
	case "pl":
		switch {
		case n == 1:
			return 0
		case few:
			return 1
		}
		return 2
	}
	if n == 1 {
		return 0
	}
	return 1
}

// Count writes n with its noun in the right form: "1 stage", "5 stages",
// "2 этапа", "5 этапов", "22 etapy", "25 etapów". Languages without the
// noun fall back to English, as Word does.
func Count(lang string, n int, noun string) string {
	forms, ok := pluralWords[lang][noun]
	if !ok {
		lang, forms = "en", pluralWords["en"][noun]
	}
	if forms == nil {
		return strconv.Itoa(n) + " " + noun
	}
	return strconv.Itoa(n) + "\u00a0" + forms[pluralForm(lang, n)]
}
