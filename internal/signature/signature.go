// Package signature sums up what each page of a site shows, so that a
// rebuild renders only the routes whose sum changed (see package build),
// and the card cache (render.Partials) keeps a card while its item's sum
// holds. It reads the resolved site alone: no template, no rendering.
package signature

import (
	"encoding/binary"
	"hash/maphash"
	"strconv"
	"time"

	"github.com/cjm-portal/cjm/internal/content"
	"github.com/cjm-portal/cjm/internal/history"
	"github.com/cjm-portal/cjm/internal/site"
)

// A page's signature sums up everything it shows: its own item, every item
// it names or draws (with their files' hashes), and what every page shows
// (the settings, section titles, the navigation). Two builds give a route
// the same signature only if its page would come out the same, so a
// rebuild renders just the routes whose signature changed.
//
// The lists below follow what the default theme's templates show, and err
// on the side of more: a needless render costs a millisecond, a missed one
// leaves a stale page. A site with its own templates is rendered in full
// (see package build), since they may show anything.

var sigSeed = maphash.MakeSeed()

// Sign returns the signature of every route of s. global sums up what
// every page shows; see Global. gaps sums up what the gaps page shows,
// which the caller works out (render.GapsSum): the page's sentences are
// the renderer's.
func Sign(s *site.Site, global, gaps uint64) *Signed {
	g := &signer{journeys: map[*site.Journey]uint64{}, tps: map[*site.Touchpoint]uint64{}}
	all := allItems(s)
	// The management pages show a few fields of many items: their
	// signatures hash those fields, so that an edit elsewhere (a body, a
	// list) leaves them be.
	summed := map[string]uint64{
		"heatmap":       heatmapSum(s),
		"opportunities": boardSum(s),
		"gaps":          gaps,
	}
	out := make(map[string]uint64, len(s.Routes))
	for _, rt := range s.Routes {
		g.Reset()
		g.SetSeed(sigSeed)
		writeUint(&g.Hash, global)
		g.WriteString(rt.Kind)
		g.WriteString(rt.Path)
		if sum, ok := summed[rt.Kind]; ok {
			writeUint(&g.Hash, sum)
		} else if !g.route(rt) {
			writeUint(&g.Hash, all)
		}
		out[rt.Path] = g.Sum64()
	}
	// Every item's sum, for the cards (see render.Partials): the lists above
	// reached every journey and touchpoint but a journey with no route.
	for _, j := range s.Journeys {
		g.journey(j)
	}
	return &Signed{Routes: out, tps: g.tps, journeys: g.journeys, global: global}
}

// Signed is a build's signatures: one per route, and the sums of every
// touchpoint and journey that pages and cards show.
type Signed struct {
	Routes   map[string]uint64 // route path → signature
	tps      map[*site.Touchpoint]uint64
	journeys map[*site.Journey]uint64
	global   uint64
}

// Fields hashes strings, each ended so that "ab","c" and "a","bc" differ.
type Fields struct{ maphash.Hash }

// NewFields returns an empty Fields, seeded as every sum of the build.
func NewFields() *Fields {
	f := &Fields{}
	f.SetSeed(sigSeed)
	return f
}

// Add hashes each of v.
func (f *Fields) Add(v ...string) {
	for _, s := range v {
		f.WriteString(s)
		f.WriteByte(0)
	}
}

// heatmapSum is what the heatmap shows: journeys and stages by title and
// URL, channels, and each touchpoint's feelings, stage and channel.
func heatmapSum(s *site.Site) uint64 {
	f := NewFields()
	for _, j := range s.Journeys {
		f.Add(j.Title, j.URL)
		for _, st := range j.Stages {
			f.Add(st.Slug, st.Title, st.URL)
		}
	}
	for _, c := range s.Channels {
		f.Add(c.Slug, c.Title, c.URL, strconv.FormatUint(fingerprint(c), 16))
	}
	var e []byte
	for _, tp := range s.Touchpoints {
		e = e[:0]
		for _, fl := range tp.Feelings {
			e = strconv.AppendInt(e, int64(fl.Value), 10)
			e = append(e, ' ')
		}
		ch := ""
		if tp.Channel != nil {
			ch = tp.Channel.Slug
		}
		f.Add(tp.Stage.URL, ch, string(e))
	}
	return f.Sum64()
}

// boardSum is what the opportunities board shows of each opportunity.
func boardSum(s *site.Site) uint64 {
	f := NewFields()
	for _, tp := range s.Touchpoints {
		if len(tp.Opportunities) == 0 {
			continue
		}
		f.Add(tp.Title, tp.URL, tp.Journey.Title, tp.Journey.URL)
		for _, o := range tp.Opportunities {
			f.Add(o.Title, o.Status, o.Due.Format(time.DateOnly))
			if o.Owner != nil {
				f.Add(o.Owner.Title, o.Owner.URL)
			} else {
				f.Add("")
			}
		}
	}
	return f.Sum64()
}

// signer hashes what a route's page shows. The sums for a touchpoint as
// listed and for a whole journey are worked out once per build: many
// pages show them.
type signer struct {
	maphash.Hash
	journeys map[*site.Journey]uint64
	tps      map[*site.Touchpoint]uint64
}

func (g *signer) add(item any) { writeUint(&g.Hash, fingerprint(item)) }

// route adds what the route's page shows; false means the whole portal
// (home, the lists, 404).
func (g *signer) route(rt site.Route) bool {
	switch it := rt.Item.(type) {
	case *site.Persona:
		g.add(it)
		for _, c := range it.Channels {
			g.add(c)
		}
		for _, j := range it.Journeys {
			g.journey(j)
		}
	case *site.Team:
		g.add(it)
		for _, j := range it.Journeys {
			g.journey(j)
		}
		for _, tp := range it.Touchpoints {
			g.touchpoint(tp)
		}
		for _, o := range it.Opportunities {
			g.touchpoint(o.Touchpoint)
		}
	case *site.Channel:
		g.add(it)
		for _, p := range it.Personas {
			g.add(p)
		}
		for _, tp := range it.Touchpoints {
			g.touchpoint(tp)
		}
	case *site.Alias:
		g.WriteString(it.To)
	case *site.Journey: // journey, map, embed and compare
		g.journey(it)
		if it.Target != nil && rt.Kind == "compare" {
			g.journey(it.Target) // drawn beside it
		}
	case *site.Stage:
		g.journey(it.Journey)
	case *site.Touchpoint:
		g.touchpoint(it)
		g.add(it.Journey)
		for _, st := range it.Journey.Stages {
			g.add(st)
		}
		for a := it.Parent; a != nil; a = a.Parent { // in any order: a sum of sums
			g.touchpoint(a)
		}
		for _, n := range []*site.Touchpoint{it.Prev, it.Next} {
			if n != nil {
				g.touchpoint(n)
			}
		}
		for _, list := range [][]*site.Touchpoint{it.Children, it.Related} {
			for _, n := range list {
				g.touchpoint(n)
			}
		}
	case *site.Page:
		g.add(it)
	case *site.KPIDef:
		g.add(it)
		if it.Owner != nil {
			g.add(it.Owner)
		}
		for _, k := range it.Uses {
			g.touchpoint(k.Touchpoint)
		}
	case *site.Competitor:
		g.add(it)
		for _, b := range it.Benchmarks {
			g.touchpoint(b.Touchpoint)
		}
	default:
		// The 404 and data pages show only what every page does; home
		// and the lists show the whole portal.
		return rt.Kind == "404" || rt.Kind == "data"
	}
	return true
}

// touchpoint adds a touchpoint and what is shown with it wherever it is
// listed: its journey and stage, owner, channel, parent, opportunities'
// owners, and its feelings with the personas they name (a plain emotion
// is every persona's of the journey, so the journey's file decides them too).
func (g *signer) touchpoint(tp *site.Touchpoint) {
	sum, ok := g.tps[tp]
	if !ok {
		var h maphash.Hash
		h.SetSeed(sigSeed)
		for _, item := range []any{tp, tp.Journey, tp.Stage} {
			writeUint(&h, fingerprint(item))
		}
		if tp.Owner != nil {
			writeUint(&h, fingerprint(tp.Owner))
		}
		if tp.Channel != nil {
			writeUint(&h, fingerprint(tp.Channel))
		}
		if tp.Parent != nil {
			writeUint(&h, fingerprint(tp.Parent)) // its title is on the card
		}
		for _, o := range tp.Opportunities {
			if o.Owner != nil {
				writeUint(&h, fingerprint(o.Owner))
			}
		}
		for _, f := range tp.Feelings {
			writeUint(&h, fingerprint(f.Persona))
			writeUint(&h, uint64(f.Value))
		}
		// A catalogued KPI shows its entry's name, unit and target, and
		// links to its page; a benchmark its competitor's title and page.
		for _, k := range tp.KPIs {
			for _, d := range []*site.KPIDef{k.Def, k.Twin} {
				if d != nil {
					writeUint(&h, fingerprint(d))
				}
			}
		}
		for _, b := range tp.Competitors {
			if b.Competitor != nil {
				writeUint(&h, fingerprint(b.Competitor))
			}
		}
		sum = h.Sum64()
		g.tps[tp] = sum
	}
	writeUint(&g.Hash, sum)
}

// journey adds a journey with everything its page, map and card show.
func (g *signer) journey(j *site.Journey) {
	sum, ok := g.journeys[j]
	if !ok {
		inner := &signer{journeys: g.journeys, tps: g.tps}
		inner.SetSeed(sigSeed)
		inner.add(j)
		for _, p := range j.Personas {
			inner.add(p)
		}
		if j.Owner != nil {
			inner.add(j.Owner)
		}
		if j.Target != nil {
			inner.add(j.Target)
		}
		for _, c := range j.Current {
			inner.add(c)
		}
		for _, st := range j.Stages {
			inner.add(st)
		}
		for _, tp := range j.Touchpoints {
			inner.touchpoint(tp)
		}
		sum = inner.Sum64()
		g.journeys[j] = sum
	}
	writeUint(&g.Hash, sum)
}

// Global sums up what every page shows: the settings, the sections'
// titles and bodies, and the navigation (plain pages' titles and URLs),
// plus the extra words the caller adds (the build's date, the base URL).
func Global(s *site.Site, extra ...string) uint64 {
	var h maphash.Hash
	h.SetSeed(sigSeed)
	writeUint(&h, s.Settings.Hash)
	for _, name := range content.SectionNames {
		if sec := s.Sections[name]; sec != nil {
			writeUint(&h, sec.Hash)
		}
		h.WriteByte(0)
	}
	for _, p := range s.Pages {
		h.WriteString(p.Title)
		h.WriteByte(0)
		h.WriteString(p.URL)
		h.WriteByte(0)
	}
	for _, e := range extra {
		h.WriteString(e)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// HistoryKey sums up a history for the pages' signatures: the commit it
// was read at and its window, or why there is none. Every page shows when
// it was last changed, so a new commit renders every page again.
func HistoryKey(h *history.History) string {
	if h == nil {
		return "no history"
	}
	if !h.Available() {
		return "off\x00" + h.Unavailable
	}
	return h.Head + "\x00" + h.Since.Format(time.DateOnly) + "\x00" + strconv.Itoa(h.MaxCommits)
}

// allItems sums up every item, in order, for the pages that show the
// whole portal.
func allItems(s *site.Site) uint64 {
	var h maphash.Hash
	h.SetSeed(sigSeed)
	for _, p := range s.Personas {
		writeUint(&h, fingerprint(p))
	}
	for _, t := range s.Teams {
		writeUint(&h, fingerprint(t))
	}
	for _, c := range s.Channels {
		writeUint(&h, fingerprint(c))
	}
	for _, j := range s.Journeys {
		writeUint(&h, fingerprint(j))
		for _, st := range j.Stages {
			writeUint(&h, fingerprint(st))
		}
	}
	for _, tp := range s.Touchpoints {
		writeUint(&h, fingerprint(tp))
	}
	for _, p := range s.Pages {
		writeUint(&h, fingerprint(p))
	}
	for _, d := range s.KPIs {
		writeUint(&h, fingerprint(d))
	}
	for _, c := range s.Competitors {
		writeUint(&h, fingerprint(c))
	}
	return h.Sum64()
}

// fingerprint identifies an item and its file's content. A content item
// is its kind, page, slug and title (all that a team or competitor named
// without a file has) and its file's hash; the site gives every item
// with a file the URL path its content item has. A channel keeps its
// file, if any, aside.
func fingerprint(item any) uint64 {
	var h maphash.Hash
	h.SetSeed(sigSeed)
	switch it := item.(type) {
	case *site.Channel:
		h.WriteString("channel\x00" + it.URL + "\x00" + it.Title)
		if it.File != nil { // names, kind, icon and body
			writeUint(&h, it.File.Hash)
		}
	case content.Item:
		m := it.ItemMeta()
		h.WriteString(it.ItemKind().String() + "\x00" + it.URLPath() + "\x00" + m.Slug + "\x00" + m.Title)
		writeUint(&h, m.Hash)
	}
	return h.Sum64()
}

func writeUint(h *maphash.Hash, v uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], v)
	h.Write(b[:])
}
