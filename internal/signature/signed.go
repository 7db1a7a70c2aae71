package signature

import (
	"hash/maphash"
	"slices"

	"github.com/cjm-portal/cjm/internal/site"
)

// Sum is the sum a card of item depends on: a touchpoint as listed, or a
// journey with all it shows.
func (s *Signed) Sum(item any) (uint64, bool) {
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
	case *site.Opportunity: // a row of its touchpoint's: its sum and place there
		i := slices.Index(it.Touchpoint.Opportunities, it)
		v, ok := s.tps[it.Touchpoint]
		return opportunitySum(v, i) ^ s.global, ok && i >= 0
	}
	return 0, false
}

// opportunitySum is the sum of the i'th opportunity of a touchpoint of
// sum tp.
func opportunitySum(tp uint64, i int) uint64 {
	var h maphash.Hash
	h.SetSeed(sigSeed)
	writeUint(&h, tp)
	writeUint(&h, uint64(i))
	return h.Sum64()
}

// Current is every item sum of this build.
func (s *Signed) Current() map[uint64]bool {
	m := make(map[uint64]bool, len(s.tps)+len(s.journeys))
	for tp, v := range s.tps {
		m[v^s.global] = true
		for i := range tp.Opportunities {
			m[opportunitySum(v, i)^s.global] = true
		}
	}
	for _, v := range s.journeys {
		m[v^s.global] = true
	}
	return m
}

// Group sums up what a KPI's index item and section show: its title and
// anchor, its catalogue entry def (nil for a free-form KPI) and the
// entry's owner, and each of uses, the touchpoints' KPIs measuring it,
// with which of its touchpoint's KPIs it is (their sums cover the
// journey, the stage, the build's date and base URL). ok is false when a
// touchpoint has no sum: the section is then written anew.
func (s *Signed) Group(lang, title, anchor string, def *site.KPIDef, uses []*site.KPI) (key uint64, ok bool) {
	f := NewFields()
	f.Add(lang, title, anchor)
	writeUint(&f.Hash, s.global)
	if d := def; d != nil {
		writeUint(&f.Hash, fingerprint(d))
		if d.Owner != nil {
			writeUint(&f.Hash, fingerprint(d.Owner))
		}
	}
	writeUint(&f.Hash, uint64(len(uses)))
	for _, k := range uses {
		sum, ok := s.Sum(k.Touchpoint)
		if !ok {
			return 0, false
		}
		writeUint(&f.Hash, sum)
		writeUint(&f.Hash, uint64(slices.Index(k.Touchpoint.KPIs, k)))
	}
	return f.Sum64(), true
}
