package render

import (
	"html/template"
	"sync"

	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/theme"
)

// Partials renders the cards that many pages repeat (a touchpoint's card
// on its channel's and stage's pages, a journey's card on home, the lists,
// its team's and personas' pages) once per change of what they show, and
// keeps them across builds. A card's key is its partial's name and the
// signature sum of its item (see Signed), which changes exactly when the
// card would; the build's global sum (language, base URL, date) is part of
// every item's sum, so a change there misses the whole cache.
//
// It also keeps, for one build only, the partials that {{cached}} renders
// once per key (the header, the footer).
//
// Funcs is given a Partials before the theme exists; Bind hands it the
// theme and the build's sums before rendering starts.
type Partials struct {
	mu    sync.Mutex
	theme *theme.Theme
	sums  *Signed
	cards map[cardKey]template.HTML
}

type cardKey struct {
	name string
	lang string // the language of the page it is on
	sum  uint64 // a card's item sum
	key  string // a {{cached}} partial's key
	once bool   // kept for one build: a {{cached}} partial
}

// NewPartials returns an empty cache.
func NewPartials() *Partials { return &Partials{cards: map[cardKey]template.HTML{}} }

// Bind readies the cache for a build with theme th and sums sigs, and
// drops the cards of items whose sums are gone. fresh empties the cache:
// the templates changed.
func (p *Partials) Bind(th *theme.Theme, sigs *Signed, fresh bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.theme, p.sums = th, sigs
	if fresh || p.cards == nil {
		p.cards = map[cardKey]template.HTML{}
		return
	}
	current := sigs.current()
	for k := range p.cards {
		if k.once || !current[k.sum] {
			delete(p.cards, k)
		}
	}
}

// card renders partial name for item on a page in lang, or takes it from
// the cache.
func (p *Partials) card(name, lang string, item any) (template.HTML, error) {
	p.mu.Lock()
	th, sigs := p.theme, p.sums
	p.mu.Unlock()
	if th == nil {
		return "", errNotBound
	}
	sum, ok := sigs.sum(item)
	if !ok {
		return th.PartialIn(name, lang, item)
	}
	return p.render(th, cardKey{name: name, lang: lang, sum: sum}, item)
}

// cached renders partial name once per build, language and key, for the
// parts of a page that are the same on many pages.
func (p *Partials) cached(name, lang string, data any, key string) (template.HTML, error) {
	p.mu.Lock()
	th := p.theme
	p.mu.Unlock()
	if th == nil {
		return "", errNotBound
	}
	return p.render(th, cardKey{name: name, lang: lang, key: key, once: true}, data)
}

// render takes the partial under k from the cache, or renders it with data
// and keeps it. Two pages may render the same one at once; both get the
// same HTML.
func (p *Partials) render(th *theme.Theme, k cardKey, data any) (template.HTML, error) {
	p.mu.Lock()
	html, ok := p.cards[k]
	p.mu.Unlock()
	if ok {
		return html, nil
	}
	html, err := th.PartialIn(k.name, k.lang, data)
	if err != nil {
		return "", err
	}
	p.mu.Lock()
	p.cards[k] = html
	p.mu.Unlock()
	return html, nil
}

type bindError struct{}

func (bindError) Error() string { return "cached partial used before the theme was bound" }

var errNotBound error = bindError{}

// sum is the sum a card of item depends on: a touchpoint as listed, or a
// journey with all it shows.
func (s *Signed) sum(item any) (uint64, bool) {
	if s == nil {
		return 0, false
	}
	switch it := item.(type) {
	case *site.Touchpoint:
		v, ok := s.tps[it]
		return v ^ s.global, ok
	case *site.Journey:
		v, ok := s.journeys[it]
		return v ^ s.global, ok
	}
	return 0, false
}

// current is every item sum of this build.
func (s *Signed) current() map[uint64]bool {
	m := make(map[uint64]bool, len(s.tps)+len(s.journeys))
	for _, v := range s.tps {
		m[v^s.global] = true
	}
	for _, v := range s.journeys {
		m[v^s.global] = true
	}
	return m
}
