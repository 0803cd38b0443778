package tm

import (
	"math"
	"slices"

	"github.com/zhen-workbench/zhen/glossary"
)

// Match is a memory entry similar to the query.
type Match struct {
	ID     uint
	Source string // the entry's source as stored
	Target string
	// Score is the Levenshtein ratio of the normalised texts by characters:
	// (len a + len b − distance) / (len a + len b), 1 for the same key.
	Score float64
	// Diff turns the match's source into the query, compared normalised
	// and shown as written: Equal and Delete runs give the match's source
	// (its own punctuation and width), Equal and Insert runs normalise to
	// the query's key, so Insert and Delete are what the translator must
	// change.
	Diff []Op
}

// Search returns the k entries most similar to source with a score of at
// least min (callers usually pass 0.7), best first: by score, then the
// smaller edit distance, then the smaller ID. The result is exact: the same
// as comparing source with every entry.
func (ix *Index) Search(source string, k int, min float64) []Match {
	if ix == nil || ix.impl == nil || k <= 0 || math.IsNaN(min) {
		return nil
	}
	return ix.impl.search(source, k, min)
}

// verifiedBit marks, in the bigram counts, an entry already compared.
const verifiedBit = 0x8000

// maxFiltered is the longest query the count filters take (counts are
// 15-bit); longer ones are compared with every entry of a fitting length.
const maxFiltered = verifiedBit - 1

type scratch struct {
	cnt2, cnt1         []uint16 // shared bigrams, shared characters (multisets)
	touched2, touched1 []uint32 // entries with a non-zero count, to sort and reset
	order              []uint32
	hist               []uint32
	grams              []uint64
	lists              []gramList
	q, qs              []uint32
	dMin               []int
	pat                pattern
	top                []cand
}

type cand struct {
	num, den, d int // score num/den at distance d
	id          uint32
}

type searcher[S sym] struct {
	c      *core[S]
	sc     *scratch
	n, k   int
	lo, hi int   // lengths that can still reach the threshold
	dMin   []int // by length − lo: the largest distance min allows
	top    []cand
}

func (c *core[S]) search(query string, k int, floor float64) []Match {
	qr := []rune(glossary.Normalize(query))
	n := len(qr)
	if n == 0 || len(c.entries) == 0 {
		return nil
	}
	sc, _ := c.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{cnt2: make([]uint16, len(c.entries)), cnt1: make([]uint16, len(c.entries))}
	}
	defer c.pool.Put(sc)
	s := &searcher[S]{c: c, sc: sc, n: n, k: k, top: sc.top[:0]}
	if !s.lengths(floor) {
		return nil
	}
	q := sc.q[:0]
	for _, r := range qr {
		if id, ok := c.symOf[r]; ok {
			q = append(q, id)
		} else {
			q = append(q, uint32(len(c.alphabet))) // matches nothing
		}
	}
	sc.q = q
	sc.pat.prepare(q, len(c.alphabet))
	s.run(q)
	sc.pat.reset()
	sc.top = s.top

	out := make([]Match, len(s.top))
	for i, m := range s.top {
		e := c.entries[m.id]
		out[i] = Match{ID: e.ID, Source: e.Source, Target: e.Target,
			Score: float64(m.num) / float64(m.den), Diff: asWritten(runeDiff(c.runes(m.id), qr), e.Source, query)}
	}
	return out
}

// lengths sets the range of entry lengths that min allows and the largest
// distance for each; false if there is none. The ratio is computed exactly
// as reported, so the threshold agrees with the scores to the last bit.
func (s *searcher[S]) lengths(floor float64) bool {
	n := s.n
	s.lo, s.hi = 0, -1
	d := s.sc.dMin[:0]
	for L := 1; L <= s.c.maxLen; L++ {
		dm := maxDistance(n, L, floor)
		if dm < abs(n-L) {
			if s.hi >= 0 {
				break // the lengths that fit are an interval around n
			}
			continue
		}
		if s.hi < 0 {
			s.lo = L
		}
		s.hi = L
		d = append(d, dm)
	}
	s.dMin, s.sc.dMin = d, d
	return s.hi >= 0
}

// maxDistance is the largest distance d with (n+L−d)/(n+L) ≥ floor, −1 if none.
func maxDistance(n, L int, floor float64) int {
	den := n + L
	ok := func(d int) bool { return float64(den-d)/float64(den) >= floor }
	d := int(math.Floor((1 - math.Max(floor, 0)) * float64(den)))
	d = max(-1, min(d, den))
	for d < den && ok(d+1) {
		d++
	}
	for d >= 0 && !ok(d) {
		d--
	}
	return d
}

// dmax is the largest distance at which an entry of length L can still
// enter the result: min allows it and it is not worse than the k-th best.
func (s *searcher[S]) dmax(L int) int {
	d := s.dMin[L-s.lo]
	if len(s.top) == s.k {
		w := s.top[s.k-1]
		den := s.n + L
		// (den−x)/den ≥ w.num/w.den  ⇔  x ≤ den − ⌈w.num·den / w.den⌉
		d = min(d, den-(w.num*den+w.den-1)/w.den)
	}
	return d
}

// exists tells whether some entry has length L.
func (s *searcher[S]) exists(L int) bool { return s.c.lenStart[L] < s.c.lenStart[L+1] }

// Lower bounds of the distance to an entry of length L from the counts:
// d edits destroy at most 2d of a text's bigrams, so c shared bigrams
// (multiset) mean d ≥ (max(n, L) − 1 − c)/2; u shared characters mean
// d ≥ max(n, L) − u (the bag distance). Both are at least |n − L|.
func (s *searcher[S]) lb2(c, L int) int {
	return max(abs(s.n-L), (max(s.n, L)-c)/2) // ⌈(max−1−c)/2⌉
}

func (s *searcher[S]) lb1(u, L int) int { return max(abs(s.n-L), max(s.n, L)-u) }

// feasible tells whether an entry with the given count can still enter the
// result at any length; lb is lb1 or lb2.
func (s *searcher[S]) feasible(count int, lb func(*searcher[S], int, int) int) bool {
	for L := s.lo; L <= s.hi; L++ {
		if s.exists(L) && lb(s, count, L) <= s.dmax(L) {
			return true
		}
	}
	return false
}

// narrow drops the lengths at either end that can no longer qualify.
func (s *searcher[S]) narrow() {
	for s.lo <= s.hi && abs(s.n-s.lo) > s.dmax(s.lo) {
		s.lo++
		s.dMin = s.dMin[1:]
	}
	for s.hi >= s.lo && abs(s.n-s.hi) > s.dmax(s.hi) {
		s.hi--
		s.dMin = s.dMin[:len(s.dMin)-1]
	}
}

func (s *searcher[S]) idRange() (lo, hi uint32) {
	if s.lo > s.hi {
		return 0, 0
	}
	return s.c.lenStart[s.lo], s.c.lenStart[s.hi+1]
}

// run finds the result in up to two filtered passes. Pass 1 counts shared
// bigrams (short posting lists) and compares entries by decreasing count,
// which quickly finds near matches and raises the bar to the k-th best;
// it ends when no lower count can reach the bar. When the bar stays low
// (nothing close exists) bigram counts prune too little, so after a budget
// of comparisons pass 2 counts shared characters and compares only the
// entries both bounds allow.
func (s *searcher[S]) run(q []uint32) {
	sc, c := s.sc, s.c
	defer func() {
		for _, id := range sc.touched2 {
			sc.cnt2[id] = 0
		}
		for _, id := range sc.touched1 {
			sc.cnt1[id] = 0
		}
		sc.touched2, sc.touched1 = sc.touched2[:0], sc.touched1[:0]
	}()
	if s.n > maxFiltered {
		lo, hi := s.idRange()
		for id := lo; id < hi; id++ {
			L := s.len(id)
			s.verify(id, L, abs(s.n-L))
		}
		return
	}

	// Pass 1: bigrams.
	lo, hi := s.idRange()
	grams := sc.grams[:0]
	for j := 1; j < len(q); j++ {
		if int(q[j-1]) < len(c.alphabet) && int(q[j]) < len(c.alphabet) {
			grams = append(grams, bigram(q[j-1], q[j]))
		}
	}
	slices.Sort(grams)
	sc.grams = grams
	for i := 0; i < len(grams); {
		j := i + 1
		for j < len(grams) && grams[j] == grams[i] {
			j++
		}
		if list := c.lookupBigram(uint32(grams[i]>>32), uint32(grams[i])); list != nil {
			sc.touched2 = scanCount(sc.cnt2, sc.touched2, within(list, lo, hi), j-i)
		}
		i = j
	}
	order, starts := sc.bucket(sc.cnt2, sc.touched2)
	budget := 2048 + len(sc.touched2)/32
	more := true // whether entries with fewer shared bigrams may qualify
	compared := 0
pass1:
	for cnt := len(starts) - 2; cnt >= 1; cnt-- {
		if !s.feasible(cnt, (*searcher[S]).lb2) {
			more = false
			break
		}
		for _, id := range order[starts[cnt]:starts[cnt+1]] {
			L := s.len(id)
			s.verify(id, L, s.lb2(cnt, L))
			sc.cnt2[id] |= verifiedBit
			if compared++; compared > budget {
				break pass1
			}
		}
	}
	if more && compared <= budget {
		more = s.feasible(0, (*searcher[S]).lb2)
	}
	if !more {
		return
	}

	// Pass 2: characters. The most frequent characters have the longest
	// lists; leaving out some of them (skip occurrences in all) still
	// gives an upper bound, counted + skip, of the shared characters, and
	// as long as skip is well below what any entry needs, entries sharing
	// only skipped characters cannot qualify and the bound stays useful.
	s.narrow()
	lo, hi = s.idRange()
	qs := append(sc.qs[:0], q...)
	slices.Sort(qs)
	sc.qs = qs
	lists := sc.lists[:0]
	for i := 0; i < len(qs); {
		j := i + 1
		for j < len(qs) && qs[j] == qs[i] {
			j++
		}
		if sy := qs[i]; int(sy) < len(c.alphabet) {
			lists = append(lists, gramList{within(c.uniPost[c.uniOff[sy]:c.uniOff[sy+1]], lo, hi), j - i})
		}
		i = j
	}
	sc.lists = lists
	need := math.MaxInt // fewest shared characters any entry needs
	for L := s.lo; L <= s.hi; L++ {
		if s.exists(L) {
			need = min(need, max(s.n, L)-s.dmax(L))
		}
	}
	skip := 0
	if need > 1 {
		slices.SortFunc(lists, func(a, b gramList) int { return len(b.list) - len(a.list) })
		for i := range lists {
			if skip+lists[i].cq <= (need-1)/2 {
				skip += lists[i].cq
				lists[i].list = nil
			}
		}
	}
	for _, g := range lists {
		sc.touched1 = scanCount(sc.cnt1, sc.touched1, g.list, g.cq)
	}
	order, starts = sc.bucket(sc.cnt1, sc.touched1)
	for u := len(starts) - 2; u >= 1; u-- {
		if !s.feasible(u+skip, (*searcher[S]).lb1) {
			return
		}
		for _, id := range order[starts[u]:starts[u+1]] {
			c2 := sc.cnt2[id]
			if c2&verifiedBit != 0 {
				continue
			}
			L := s.len(id)
			s.verify(id, L, max(s.lb1(u+skip, L), s.lb2(int(c2), L)))
		}
	}
	if !s.feasible(skip, (*searcher[S]).lb1) {
		return
	}
	// Entries sharing no counted character can still qualify (a bar at or
	// below 0.5 when nothing was skipped): compare the rest of the range.
	s.narrow()
	lo2, hi2 := s.idRange()
	for id := max(lo, lo2); id < min(hi, hi2); id++ {
		if sc.cnt1[id] == 0 {
			L := s.len(id)
			s.verify(id, L, s.lb1(skip, L))
		}
	}
}

type gramList struct {
	list []uint32
	cq   int // occurrences in the query
}

func (s *searcher[S]) len(id uint32) int { return int(s.c.off[id+1] - s.c.off[id]) }

// verify compares entry id (of length L, at distance ≥ lb) with the query
// if it can still enter the result, and enters it.
func (s *searcher[S]) verify(id uint32, L, lb int) {
	bound := s.dmax(L)
	if lb > bound {
		return
	}
	d := distance(&s.sc.pat, s.c.text[s.c.off[id]:s.c.off[id+1]], bound)
	if d > bound {
		return
	}
	s.insert(cand{num: s.n + L - d, den: s.n + L, d: d, id: id})
}

func (s *searcher[S]) better(a, b cand) bool {
	if x, y := a.num*b.den, b.num*a.den; x != y {
		return x > y
	}
	if a.d != b.d {
		return a.d < b.d
	}
	if ea, eb := s.c.entries[a.id].ID, s.c.entries[b.id].ID; ea != eb {
		return ea < eb
	}
	return a.id < b.id
}

func (s *searcher[S]) insert(m cand) {
	if len(s.top) == s.k && !s.better(m, s.top[s.k-1]) {
		return
	}
	i := len(s.top)
	for i > 0 && s.better(m, s.top[i-1]) {
		i--
	}
	s.top = slices.Insert(s.top, i, m)
	if len(s.top) > s.k {
		s.top = s.top[:s.k]
	}
}

// within is the part of a sorted posting list in [lo, hi).
func within(list []uint32, lo, hi uint32) []uint32 {
	a, _ := slices.BinarySearch(list, lo)
	b, _ := slices.BinarySearch(list[a:], hi)
	return list[a : a+b]
}

// scanCount adds one posting list to the counts: an entry listed r times
// (the gram occurs r times in it) counts min(r, cq), its share of the
// multiset intersection with a query having the gram cq times.
func scanCount(cnt []uint16, touched, list []uint32, cq int) []uint32 {
	prev, run := ^uint32(0), 0
	for _, id := range list {
		if id == prev {
			if run++; run > cq {
				continue
			}
		} else {
			prev, run = id, 1
		}
		if cnt[id] == 0 {
			touched = append(touched, id)
		}
		cnt[id]++
	}
	return touched
}

// bucket orders the touched entries by count (counting sort): entries with
// count c are order[starts[c]:starts[c+1]]. Marks are ignored.
func (sc *scratch) bucket(cnt []uint16, touched []uint32) (order []uint32, starts []uint32) {
	top := 0
	for _, id := range touched {
		top = max(top, int(cnt[id]&^verifiedBit))
	}
	hist := slices.Grow(sc.hist[:0], top+2)[:top+2]
	clear(hist)
	for _, id := range touched {
		hist[cnt[id]&^verifiedBit+1]++
	}
	for c := 1; c < len(hist); c++ {
		hist[c] += hist[c-1]
	}
	order = slices.Grow(sc.order[:0], len(touched))[:len(touched)]
	next := slices.Clone(hist) // small: one per count
	for _, id := range touched {
		c := cnt[id] &^ verifiedBit
		order[next[c]] = id
		next[c]++
	}
	sc.hist, sc.order = hist, order
	return order, hist
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
