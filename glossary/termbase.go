package glossary

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Termbase is a glossary compiled for checking: the Chinese terms in one
// automaton and the English renderings ready for matching. Deprecated
// entries are left out. A Termbase is immutable and safe for concurrent
// use; compile a new one when the glossary changes.
//
// What a check reads for each term found is side by side in a few flat
// arrays, not in a slice per entry: a check touches a few terms of
// thousands per clause, and each scattered allocation would cost a trip to
// memory.
type Termbase struct {
	entries []Entry
	terms   []string    // distinct normalised Chinese terms, the matcher's patterns
	termAt  []termInfo  // per term, and one more to end the last
	within  []int32     // the longer terms that contain each term, term after term: 全面战略协作伙伴关系 for 伙伴关系
	byTerm  []entryUse  // the entries of each term, term after term, approved before proposed
	forms   []rendering // the entries' renderings, in the same order (see entryUse)
	matcher *Matcher

	// What the terms are made of, to know when a source can be scanned as
	// it is instead of normalised first (see rawSafe).
	asciiUsed [utf8.RuneSelf]bool
	spaceUsed bool
	runesUsed map[rune]bool
	punctSafe [len(punctBlocks)][0x80]bool // foldSafe, worked out once for the punctuation Chinese text uses
	rawLead   [256]uint8                   // per byte starting a character: what rawSafe does with it (see scanRaw)
}

// What scanRaw does with the byte that starts a character (rawLead).
const (
	leadSafe  = iota // ASCII that normalisation keeps or that no term has
	leadCJK          // E4–E9: a CJK ideograph if two continuation bytes follow
	leadCheck        // anything else: decoded and looked up (runeSafe)
)

// punctBlocks are where the punctuation of Chinese text is, besides the
// full-width forms: General Punctuation (“”—…) and CJK Symbols and
// Punctuation (、。《》【】). Deciding whether they fold safely takes a
// Unicode table look-up, too slow to do for each one.
var punctBlocks = [...]rune{0x2000, 0x3000}

// termInfo is where a term's entries are in Termbase.byTerm and the terms
// that contain it in Termbase.within, and its length. withinBits has bit
// t%32 set for each term t that contains it, so that most terms that do
// not are told without a search.
type termInfo struct {
	entries, within, len int32
	withinBits           uint32
	want                 uint64 // the wantKey of all its entries' renderings
}

// withinBit is term t's bit in termInfo.withinBits.
func withinBit(t int) uint32 { return 1 << (uint(t) % 32) }

// entryUse is an entry of a term and where its renderings are in
// Termbase.forms: approved rendering and variants, then forbidden ones.
type entryUse struct{ entry, accepted, forbidden, end int32 }

// entriesOf is the entries of term t, approved before proposed.
func (tb *Termbase) entriesOf(t int) []entryUse {
	return tb.byTerm[tb.termAt[t].entries:tb.termAt[t+1].entries]
}

// withinOf is the longer terms that contain term t, in order.
func (tb *Termbase) withinOf(t int) []int32 {
	return tb.within[tb.termAt[t].within:tb.termAt[t+1].within]
}

// Hit is a glossary term found in a Chinese source.
type Hit struct {
	Entry      *Entry // the entry, owned by the Termbase: do not modify
	Start, End int    // byte offsets in the source as given, not normalised
	Text       string // the source there, e.g. 金砖国家 or 二十国集团（Ｇ２０） as written
}

// Compile builds a Termbase. Entries are copied; deprecated ones and those
// whose Chinese normalises to nothing are left out.
func Compile(entries []Entry) *Termbase {
	tb := &Termbase{runesUsed: map[rune]bool{}}
	index := map[string]int{}
	var entriesOf [][]int32
	for _, e := range entries {
		zh := Normalize(e.ZH)
		if e.Status == StatusDeprecated || zh == "" {
			continue
		}
		t, ok := index[zh]
		if !ok {
			t = len(tb.terms)
			index[zh] = t
			tb.terms = append(tb.terms, zh)
			entriesOf = append(entriesOf, nil)
		}
		entriesOf[t] = append(entriesOf[t], int32(len(tb.entries)))
		tb.entries = append(tb.entries, cloneEntry(e))
	}
	add := func(texts []string, caseSensitive bool) int32 {
		for _, s := range texts {
			if r := compileRendering(s, caseSensitive); r != nil {
				tb.forms = append(tb.forms, *r)
			}
		}
		return int32(len(tb.forms))
	}
	for t, es := range entriesOf {
		slices.SortStableFunc(es, func(a, b int32) int {
			return rank(tb.entries[a].Status) - rank(tb.entries[b].Status)
		})
		tb.termAt = append(tb.termAt, termInfo{entries: int32(len(tb.byTerm)), len: int32(len(tb.terms[t]))})
		for _, e := range es {
			u := entryUse{entry: e, accepted: int32(len(tb.forms))}
			u.forbidden = add(append([]string{tb.entries[e].EN}, tb.entries[e].Variants...), tb.entries[e].CaseSensitive)
			u.end = add(tb.entries[e].Forbidden, tb.entries[e].CaseSensitive)
			tb.byTerm = append(tb.byTerm, u)
			for j := u.accepted; j < u.end; j++ {
				tb.termAt[t].want |= tb.forms[j].wantKey()
			}
		}
	}
	tb.termAt = append(tb.termAt, termInfo{entries: int32(len(tb.byTerm))})

	// The renderings' strings side by side too: a term's are read together.
	var arena strings.Builder
	for _, r := range tb.forms {
		arena.WriteString(r.key)
		arena.WriteString(r.text)
	}
	all := arena.String()
	for i := range tb.forms {
		r := &tb.forms[i]
		r.key, all = all[:len(r.key)], all[len(r.key):]
		r.text, all = all[:len(r.text)], all[len(r.text):]
	}
	tb.matcher = NewMatcher(tb.terms)
	within := make([][]int32, len(tb.terms))
	for t, term := range tb.terms {
		tb.matcher.ScanOverlapping(term, func(m Match) bool {
			if w := within[m.Pattern]; m.Pattern != t && (len(w) == 0 || w[len(w)-1] != int32(t)) {
				within[m.Pattern] = append(w, int32(t)) // in order: t only grows
			}
			return true
		})
	}
	for t, ts := range within {
		tb.termAt[t].within = int32(len(tb.within))
		tb.within = append(tb.within, ts...)
		for _, w := range ts {
			tb.termAt[t].withinBits |= withinBit(int(w))
		}
	}
	tb.termAt[len(tb.terms)].within = int32(len(tb.within))
	for _, term := range tb.terms {
		for _, r := range term {
			switch {
			case r == ' ':
				tb.spaceUsed = true
			case r < utf8.RuneSelf:
				tb.asciiUsed[r] = true
			default:
				tb.runesUsed[r] = true
			}
		}
	}
	for b := range tb.rawLead {
		switch {
		case b < utf8.RuneSelf && (!tb.spaceUsed || b != ' ' && (b < '\t' || b > '\r')):
			tb.rawLead[b] = leadSafe
		case b >= 0xE4 && b <= 0xE9:
			tb.rawLead[b] = leadCJK
		default:
			tb.rawLead[b] = leadCheck
		}
	}
	for b, first := range punctBlocks {
		for i := range tb.punctSafe[b] {
			r := first + rune(i)
			tb.punctSafe[b][i] = tb.foldSafe(string(r), r)
		}
	}
	return tb
}

func cloneEntry(e Entry) Entry {
	e.Variants = slices.Clone(e.Variants)
	e.Forbidden = slices.Clone(e.Forbidden)
	return e
}

func rank(status string) int {
	if status == StatusApproved {
		return 0
	}
	return 1
}

// Len is the number of entries compiled.
func (tb *Termbase) Len() int { return len(tb.entries) }

// Hits returns the glossary terms in source, leftmost-longest (see
// Matcher.FindAll), with offsets in source as given: the text is matched
// normalised, so ＳＣＯ　峰会 is found for the term "SCO 峰会". A term that
// several entries share gives one Hit per entry, approved first.
func (tb *Termbase) Hits(source string) []Hit {
	var hits []Hit
	tb.scan(source, func(t, start, end int) {
		for _, u := range tb.entriesOf(t) {
			hits = append(hits, Hit{Entry: &tb.entries[u.entry], Start: start, End: end, Text: source[start:end]})
		}
	})
	return hits
}

// scan calls fn for each term in source with its offsets in source.
//
// Terms are normalised, so the source must be too; but normalising costs
// more than the automaton. When no character that normalisation would
// change can matter (the common case: full-width punctuation and spaces
// where no term has punctuation or spaces), the source is scanned as it is,
// with the same result: such a character is in no term, and neither is
// what it becomes, so in either text the automaton is back at its root
// after it.
func (tb *Termbase) scan(source string, fn func(term, start, end int)) {
	if tb.rawSafe(source) {
		tb.matcher.Scan(source, func(m Match) bool {
			fn(m.Pattern, m.Start, m.End)
			return true
		})
		return
	}
	tb.scanNormalised(source, fn)
}

func (tb *Termbase) scanNormalised(source string, fn func(term, start, end int)) {
	norm, offs := NormalizeWithOffsets(source)
	tb.matcher.Scan(norm, func(m Match) bool {
		// A match must cover whole characters of the source: not part of
		// what one character became (一 inside ㈠ → (一)), which cannot be
		// shown in the source.
		if m.Start > 0 && offs[m.Start-1] == offs[m.Start] || offs[m.End] == offs[m.End-1] {
			return true
		}
		fn(m.Pattern, offs[m.Start], origEnd(source, offs[m.End-1]))
		return true
	})
}

// rawSafe says whether scanning source as it is finds what scanning its
// normalised form would.
func (tb *Termbase) rawSafe(s string) bool {
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if tb.spaceUsed && (b == ' ' || b >= '\t' && b <= '\r') {
				return false // spacing changes under normalisation and matters
			}
			i++
			continue
		}
		if b >= 0xE4 && b <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			i += 3 // U+4000–U+9FFF, CJK ideographs: their own normal form
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !tb.runeSafe(s[i:i+size], r) {
			return false
		}
		i += size
	}
	return true
}

// scanRaw is rawSafe and Matcher.Scan in one pass over s: it appends to ms
// the leftmost-longest matches in s as it is and returns them with ok, or
// ok false (and ms to be ignored) if s is not rawSafe, to be scanned
// normalised instead. Reading the text once instead of twice matters: the
// check reads every clause's Chinese, and the safety test, bytes that do
// not depend on the automaton's state, mostly runs in the shadow of its
// dependent loads.
//
// It reads a character at a time, not a byte: the safety test has to find
// where each character ends anyway, and a pattern (valid UTF-8) can only
// end where a character of s does, so what the automaton says is only
// looked at there. A CJK ideograph is three steps and one look.
func (tb *Termbase) scanRaw(s string, ms []Match) (_ []Match, ok bool) {
	m := tb.matcher
	// The matcher's tables in locals, the step inlined: the loop keeps them
	// in registers instead of reloading them through m at every byte.
	nodes, root, class, lead, lens, depth := m.nodes, m.root, &m.class, &tb.rawLead, m.lens, m.depth
	var best Match // while settling: the best match so far (see Matcher.settle)
	settling := false
	st := int32(0)
	for i := 0; ; {
		if i == len(s) {
			if !settling {
				return ms, true
			}
			ms, settling, i, st = append(ms, best), false, best.End, 0
			continue
		}
		// One character: tested for safety, and stepped through.
		if b := s[i]; lead[b] == leadCJK && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			st = stepIn(nodes, root, st, int32(class[b]))
			st = stepIn(nodes, root, st, int32(class[s[i+1]]))
			st = stepIn(nodes, root, st, int32(class[s[i+2]]))
			i += 3
		} else if lead[b] == leadSafe {
			st = stepIn(nodes, root, st, int32(class[b]))
			i++
		} else {
			end := tb.rawNextSlow(s, i)
			if end < 0 {
				return ms, false
			}
			for ; i < end; i++ {
				st = stepIn(nodes, root, st, int32(class[s[i]]))
			}
		}
		p := nodes[st].longest
		if !settling {
			if p >= 0 {
				best, settling = Match{Pattern: int(p), Start: i - int(lens[p]), End: i}, true
			}
			continue
		}
		// Settling: the path no longer reaching back to the best start, no
		// later match can start there or before (the path's start only
		// moves right), so the scan goes on from the best match's end.
		if i-int(depth[st]) > best.Start {
			ms, settling, i, st = append(ms, best), false, best.End, 0
			continue
		}
		if p >= 0 {
			if start := i - int(lens[p]); start <= best.Start {
				best = Match{Pattern: int(p), Start: start, End: i}
			}
		}
	}
}

// stepIn is Matcher.step on the matcher's tables, for a byte of class c.
func stepIn(nodes []node, root []int32, s, c int32) int32 {
	for s != 0 {
		if t := nodes[s].base + c; nodes[t].check == s {
			return t
		}
		s = nodes[s].fail
	}
	return root[c]
}

// rawNextSlow is where the character after the one at i in s starts, or
// -1 if that character is not rawSafe: the test scanRaw makes of the
// characters that are neither ASCII it can pass nor a CJK ideograph.
func (tb *Termbase) rawNextSlow(s string, i int) int {
	if s[i] < utf8.RuneSelf {
		return -1 // spacing, where it matters (rawLead)
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if !tb.runeSafe(s[i:i+size], r) {
		return -1
	}
	return i + size
}

// runeSafe is foldSafe, looked up for punctuation.
func (tb *Termbase) runeSafe(raw string, r rune) bool {
	for b, first := range punctBlocks {
		if r >= first && r < first+0x80 {
			return tb.punctSafe[b][r-first]
		}
	}
	return tb.foldSafe(raw, r)
}

// foldSafe says whether one character of a source, raw, is either its own
// normal form or normalises to characters that are in no term.
func (tb *Termbase) foldSafe(raw string, r rune) bool {
	if r == utf8.RuneError && len(raw) == 1 {
		return false // invalid bytes: leave them to Normalize
	}
	if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII, the usual case: ，（）：
		return !tb.asciiUsed[r-0xFEE0]
	}
	folded := foldRune(raw, r)
	if folded == raw && !unicode.IsSpace(r) {
		return true
	}
	if isSpace(folded) {
		return !tb.spaceUsed
	}
	for _, c := range folded {
		if c == ' ' && tb.spaceUsed || c < utf8.RuneSelf && tb.asciiUsed[c] || tb.runesUsed[c] {
			return false
		}
	}
	return true
}

// use is what one clause does with one entry whose term is in its source.
type use struct {
	entry      int
	count      int          // occurrences of the term in the Chinese
	first      int          // where it first occurs in the Chinese
	renderings int          // approved rendering and variants the entry has
	accepted   []Occurrence // the approved rendering and variants in the English
	forbidden  []Occurrence // forbidden renderings in the English, outside accepted ones
}

// termCount is a term found in a clause's source, small: uses appends one
// for each.
type termCount struct {
	term, count, first int32
	len                int32  // of the term, in bytes
	entries, end       int32  // its entries: Termbase.byTerm[entries:end]
	at                 int32  // index of its first use in what uses returns
	withinBits         uint32 // see termInfo; 0: no term contains it
}

// scratch is the working memory of checking one clause, kept for the next
// (see scratchPool) so that a clause without findings allocates nothing.
type scratch struct {
	matches []Match // the terms in the clauses' sources, one after another (see CheckClauses)
	ends    []int   // where each clause's matches end
	terms   []termCount
	order   []int
	uses    []use
	occ     []Occurrence // the uses' occurrences, one after another
	skip    []Occurrence
	en      english
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxScratch bounds the English (and, a third of it, the matches in the
// Chinese) a pooled scratch may keep buffers for: one huge clause should
// not pin its memory for good.
const maxScratch = 64 << 10

func putScratch(sc *scratch) {
	if cap(sc.en.lower.buf) > maxScratch || cap(sc.en.exact.buf) > maxScratch || cap(sc.matches) > maxScratch/3 {
		return
	}
	sc.en.reset("")
	scratchPool.Put(sc)
}

// termsIn appends to ms the terms in source: the leftmost-longest matches,
// in order.
func (tb *Termbase) termsIn(ms []Match, source string) []Match {
	n := len(ms)
	ms, ok := tb.scanRaw(source, ms)
	if !ok {
		ms = ms[:n]
		tb.scanNormalised(source, func(t, start, end int) {
			ms = append(ms, Match{Pattern: t, Start: start, End: end})
		})
	}
	return ms
}

// uses finds the entries of the terms in ms (termsIn of a source) and what
// target does with each, in the order the terms first occur in the source.
// What it returns lives in sc, until sc is used again.
func (tb *Termbase) uses(sc *scratch, ms []Match, target string) []use {
	sc.en.reset(target)
	terms := sc.terms[:0]
	n := 0          // uses: entries of the terms found
	nested := false // some term found has longer terms that contain it
	// The renderings looked for below, so that the English's word index
	// has only the words that may start one.
	want := uint64(0)
	var foundBits uint32 // withinBit of each term found
next:
	for _, m := range ms {
		for i := range terms {
			if int(terms[i].term) == m.Pattern {
				terms[i].count++
				continue next
			}
		}
		t := m.Pattern
		info := &tb.termAt[t]
		tc := termCount{term: int32(t), count: 1, first: int32(m.Start), len: info.len, entries: info.entries, end: tb.termAt[t+1].entries, withinBits: info.withinBits, at: int32(n)}
		want |= info.want
		foundBits |= withinBit(t)
		n += int(tc.end - tc.entries)
		nested = nested || tc.withinBits != 0
		terms = append(terms, tc)
	}
	sc.terms = terms
	if len(terms) == 0 {
		return nil
	}
	out := slices.Grow(sc.uses[:0], n)[:n]
	occ, skip := sc.occ[:0], sc.skip[:0]
	en := &sc.en
	en.want = want
	if nested {
		// Is any term found inside a longer one found? Rarely.
		nested = false
		for i := range terms {
			if tc := &terms[i]; tc.withinBits&foundBits != 0 { // else no term found contains it
				for j := range terms {
					if longer := &terms[j]; tb.contained(tc, longer) {
						nested = true
					}
				}
			}
		}
	}
	if !nested {
		// No term found contains another: nothing to skip, and the order
		// of the terms does not matter.
		for i := range terms {
			tc := &terms[i]
			for k, e := range tb.byTerm[tc.entries:tc.end] {
				u := use{entry: int(e.entry), count: int(tc.count), first: int(tc.first), renderings: int(e.forbidden - e.accepted)}
				// Occurrences are appended to occ; earlier results stay
				// valid when occ grows: they keep the old array.
				from := len(occ)
				occ = appendAll(occ, tb.forms[e.accepted:e.forbidden], en, nil)
				u.accepted = occ[from:len(occ):len(occ)]
				if e.forbidden < e.end {
					from = len(occ)
					occ = appendAll(occ, tb.forms[e.forbidden:e.end], en, u.accepted)
					u.forbidden = occ[from:len(occ):len(occ)]
				}
				out[int(tc.at)+k] = u
			}
		}
		sc.uses, sc.occ = out, occ
		return out
	}
	// found appends the occurrences of rs to occ and returns them. Earlier
	// results stay valid when occ grows: they keep the old array.
	found := func(rs []rendering, except []Occurrence) []Occurrence {
		n := len(occ)
		occ = appendAll(occ, rs, en, except)
		return occ[n:len(occ):len(occ)]
	}
	// Longer terms first: English that renders a longer term does not
	// count for a shorter term inside it, as the Chinese does not (伙伴关系
	// is not counted inside 全面战略协作伙伴关系, nor "partnership" inside
	// "comprehensive strategic partnership of coordination").
	for _, i := range longestFirst(sc, terms) {
		tc := &terms[i]
		skip = skip[:0]
		for j := range terms {
			if tc.withinBits == 0 {
				break
			}
			if longer := &terms[j]; tb.contained(tc, longer) {
				for _, u := range out[longer.at : longer.at+longer.end-longer.entries] {
					skip = append(skip, u.accepted...)
				}
			}
		}
		for k, e := range tb.byTerm[tc.entries:tc.end] {
			u := use{entry: int(e.entry), count: int(tc.count), first: int(tc.first), renderings: int(e.forbidden - e.accepted)}
			u.accepted = found(tb.forms[e.accepted:e.forbidden], skip)
			if e.forbidden < e.end {
				n := len(skip)
				skip = append(skip, u.accepted...)
				u.forbidden = found(tb.forms[e.forbidden:e.end], skip)
				skip = skip[:n]
			}
			out[int(tc.at)+k] = u
		}
	}
	sc.uses, sc.occ, sc.skip = out, occ, skip
	return out
}

// contained says whether longer is a longer term that contains tc's.
func (tb *Termbase) contained(tc, longer *termCount) bool {
	return longer.len > tc.len && tc.withinBits&withinBit(int(longer.term)) != 0 && contains(tb.withinOf(int(tc.term)), int(longer.term))
}

// contains says whether the sorted terms include t.
func contains(terms []int32, t int) bool {
	lo, hi := 0, len(terms) // a binary search, without the generic one's call
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if int(terms[mid]) < t {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo < len(terms) && int(terms[lo]) == t
}

// longestFirst is the order in which to look at terms: longest first, and
// in the order found on a tie.
func longestFirst(sc *scratch, terms []termCount) []int {
	order := sc.order[:0]
	for i := range terms {
		order = append(order, i)
	}
	sc.order = order
	// An insertion sort: there are a few terms, often in order already.
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && terms[order[j]].len > terms[order[j-1]].len; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	return order
}
