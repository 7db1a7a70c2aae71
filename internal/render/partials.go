package render

import (
	"html/template"
	"sync"

	"github.com/cjm-portal/cjm/internal/signature"
	"github.com/cjm-portal/cjm/internal/site"
	"github.com/cjm-portal/cjm/internal/theme"
)

// Partials renders the cards that many pages repeat (a touchpoint's card
// on its channel's and stage's pages, a journey's card on home, the lists,
// its team's and personas' pages) once per change of what they show, and
// keeps them across builds. A card's key is its partial's name and the
// signature sum of its item (see signature.Signed), which changes exactly when the
// card would; the build's global sum (language, base URL, date) is part of
// every item's sum, so a change there misses the whole cache.
//
// It also keeps, for one build only, the partials that {{cached}} renders
// once per key (the header, the footer).
//
// FuncsIn is given a Partials before the theme exists; Bind hands it the
// theme and the build's sums before rendering starts.
type Partials struct {
	mu    sync.Mutex
	theme *theme.Theme
	sums  *signature.Signed
	cards map[cardKey]template.HTML
	// rows are the pieces of the rows of the big tables written in Go
	// (the KPI page's, the opportunities board's), one entry per KPI or
	// opportunity of a touchpoint, under the touchpoint's sum as cards
	// are: a save writes again only the rows of the touchpoint it changed.
	rows map[cardKey]rowParts
	// sizes are how long the last page of a name and language written in
	// Go came out, to make room for the next at once rather than grow
	// into it: the KPI page of a big portal runs to megabytes.
	sizes map[cardKey]int
	// sections are the pieces of the last page of a name and language
	// written in Go by groups (the KPI page's index items and sections),
	// under a sum of what each shows (see groupKey); each page written
	// keeps just the ones it used.
	sections map[cardKey]map[uint64]rowParts
	// once is set for a single build (OneBuild): rows are not kept, and
	// cards only up to onceCardBytes.
	once bool
	held int // the bytes of the cards kept, for once
}

// onceCardBytes is as much as a single build keeps of cards: a portal of
// 4,000 touchpoints has about 19 MB of them, one of 45,000 about 180 MB,
// which it cannot afford beside its content. A card past it is rendered
// again where it is shown again.
const onceCardBytes = 32 << 20

// rowParts are a table row's HTML but for what depends on its place in the
// table (its number), which goes between them.
type rowParts [2]string

type cardKey struct {
	name string
	lang string // the language of the page it is on
	sum  uint64 // a card's item sum
	key  string // a {{cached}} partial's key
	once bool   // kept for one build: a {{cached}} partial
	sub  int    // a row's: which of its touchpoint's KPIs or opportunities
}

// NewPartials returns an empty cache.
func NewPartials() *Partials {
	return &Partials{cards: map[cardKey]template.HTML{}, rows: map[cardKey]rowParts{}}
}

// OneBuild sets p for a single build and returns it: the rows of the big
// tables, each written once a build, are not kept for a next one. At
// 45,000 touchpoints they would hold about 70 MB until the build ends.
func (p *Partials) OneBuild() *Partials {
	p.once = true
	return p
}

// Clear drops every card and row: a one-off build's pages are rendered,
// and what comes after (the data exports) needs room more than cards.
func (p *Partials) Clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cards, p.rows = map[cardKey]template.HTML{}, map[cardKey]rowParts{}
	p.sections, p.sizes, p.held = nil, nil, 0
}

// Bind readies the cache for a build with theme th and sums sigs, and
// drops the cards of items whose sums are gone. fresh empties the cache:
// the templates changed. With sigs nil, before the sums are known, cards
// are rendered without the cache, which keeps them for the next Bind.
func (p *Partials) Bind(th *theme.Theme, sigs *signature.Signed, fresh bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.theme, p.sums = th, sigs
	if fresh || p.cards == nil {
		p.cards = map[cardKey]template.HTML{}
		p.rows = map[cardKey]rowParts{}
		p.sections = nil
		return
	}
	var current map[uint64]bool
	if sigs != nil {
		current = sigs.Current()
	}
	for k := range p.cards {
		if k.once || (sigs != nil && !current[k.sum]) {
			delete(p.cards, k)
		}
	}
	for k := range p.rows {
		if sigs != nil && !current[k.sum] {
			delete(p.rows, k)
		}
	}
}

// row returns the pieces of the row that write makes for the sub'th KPI
// or opportunity of tp, on a page in lang, from the cache or made by
// write and kept. A row shows only what its touchpoint's sum covers (its
// file, journey, stage, owners, catalogue entries, and the build's date
// and base URL), as a card does. p may be nil: write is then called.
func (p *Partials) row(name, lang string, tp *site.Touchpoint, sub int, write func() rowParts) rowParts {
	if p == nil {
		return write()
	}
	p.mu.Lock()
	sum, ok := p.sums.Sum(tp)
	k := cardKey{name: name, lang: lang, sum: sum, sub: sub}
	parts, hit := p.rows[k]
	p.mu.Unlock()
	if hit && ok {
		return parts
	}
	parts = write()
	if ok && !p.once {
		p.mu.Lock()
		if p.rows == nil {
			p.rows = map[cardKey]rowParts{}
		}
		p.rows[k] = parts
		p.mu.Unlock()
	}
	return parts
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
	sum, ok := sigs.Sum(item)
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
	switch {
	case !p.once || k.once:
		p.cards[k] = html
	case p.held+len(html) <= onceCardBytes:
		p.cards[k] = html
		p.held += len(html)
	}
	p.mu.Unlock()
	return html, nil
}

// size is how long the text name in lang came out last time; 0 when
// unknown.
func (p *Partials) size(name, lang string) int {
	if p == nil {
		return 0
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.sizes[cardKey{name: name, lang: lang}]
}

// setSize keeps how long the text name in lang came out.
func (p *Partials) setSize(name, lang string, n int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.sizes == nil {
		p.sizes = map[cardKey]int{}
	}
	p.sizes[cardKey{name: name, lang: lang}] = n
}

// groups returns the pieces of the page name in lang that were kept the
// last time it was written.
func (p *Partials) groups(name, lang string) map[uint64]rowParts {
	if p == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.sections[cardKey{name: name, lang: lang}]
}

// keepGroups keeps the pieces of the page name in lang just written.
func (p *Partials) keepGroups(name, lang string, m map[uint64]rowParts) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.sections == nil {
		p.sections = map[cardKey]map[uint64]rowParts{}
	}
	p.sections[cardKey{name: name, lang: lang}] = m
}

// groupKey sums up what a KPI's index item and section show (see
// signature.Signed.Group). ok is false when a touchpoint has no sum: the
// section is then written anew.
func (p *Partials) groupKey(g KPIGroup, lang string) (key uint64, ok bool) {
	if p == nil {
		return 0, false
	}
	p.mu.Lock()
	sigs := p.sums
	p.mu.Unlock()
	if sigs == nil {
		return 0, false
	}
	return sigs.Group(lang, g.Title, g.Anchor, g.Def, g.Uses)
}

type bindError struct{}

func (bindError) Error() string { return "cached partial used before the theme was bound" }

var errNotBound error = bindError{}
