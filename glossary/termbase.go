package glossary

import (
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Termbase is a glossary compiled for checking: the Chinese terms in one
// automaton and the English renderings ready for matching. Deprecated
// entries are left out. A Termbase is immutable and safe for concurrent
// use; compile a new one when the glossary changes.
type Termbase struct {
	entries   []Entry
	terms     []string // distinct normalised Chinese terms, the matcher's patterns
	byTerm    [][]int  // term → its entries, approved before proposed
	termOf    []int    // entry → term
	matcher   *Matcher
	accepted  [][]*rendering // entry → approved rendering, then variants
	forbidden [][]*rendering // entry → forbidden renderings
	within    [][]int        // term → longer terms that contain it: 全面战略协作伙伴关系 for 伙伴关系

	// What the terms are made of, to know when a source can be scanned as
	// it is instead of normalised first (see rawSafe).
	asciiUsed [utf8.RuneSelf]bool
	spaceUsed bool
	runesUsed map[rune]bool
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
			tb.byTerm = append(tb.byTerm, nil)
		}
		tb.byTerm[t] = append(tb.byTerm[t], len(tb.entries))
		tb.termOf = append(tb.termOf, t)
		tb.entries = append(tb.entries, cloneEntry(e))
	}
	for t := range tb.byTerm {
		slices.SortStableFunc(tb.byTerm[t], func(a, b int) int {
			return rank(tb.entries[a].Status) - rank(tb.entries[b].Status)
		})
	}
	for _, e := range tb.entries {
		var acc, forb []*rendering
		for _, s := range append([]string{e.EN}, e.Variants...) {
			if r := compileRendering(s, e.CaseSensitive); r != nil {
				acc = append(acc, r)
			}
		}
		for _, s := range e.Forbidden {
			if r := compileRendering(s, e.CaseSensitive); r != nil {
				forb = append(forb, r)
			}
		}
		tb.accepted = append(tb.accepted, acc)
		tb.forbidden = append(tb.forbidden, forb)
	}
	tb.matcher = NewMatcher(tb.terms)
	tb.within = make([][]int, len(tb.terms))
	for t, term := range tb.terms {
		tb.matcher.ScanOverlapping(term, func(m Match) bool {
			if m.Pattern != t {
				tb.within[m.Pattern] = append(tb.within[m.Pattern], t)
			}
			return true
		})
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
		for _, e := range tb.byTerm[t] {
			hits = append(hits, Hit{Entry: &tb.entries[e], Start: start, End: end, Text: source[start:end]})
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
		if !tb.foldSafe(s[i:i+size], r) {
			return false
		}
		i += size
	}
	return true
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
	entry     int
	count     int          // occurrences of the term in the Chinese
	first     int          // where it first occurs in the Chinese
	accepted  []Occurrence // the approved rendering and variants in the English
	forbidden []Occurrence // forbidden renderings in the English, outside accepted ones
}

type termCount struct{ term, count, first int }

// scratch is the working memory of checking one clause, kept for the next
// (see scratchPool) so that a clause without findings allocates nothing.
type scratch struct {
	terms []termCount
	uses  []use
	occ   []Occurrence // the uses' occurrences, one after another
	skip  []Occurrence
	en    english
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxScratch bounds the English a pooled scratch may keep buffers for: one
// huge clause should not pin its memory for good.
const maxScratch = 64 << 10

func putScratch(sc *scratch) {
	if cap(sc.en.lower.s) > maxScratch || cap(sc.en.exact.s) > maxScratch {
		return
	}
	sc.en.reset("")
	scratchPool.Put(sc)
}

// uses finds the entries whose terms are in source and what target does
// with each, in the order the terms first occur in source. What it returns
// lives in sc, until sc is used again.
func (tb *Termbase) uses(sc *scratch, source, target string) []use {
	terms := sc.terms[:0]
	tb.scan(source, func(t, start, _ int) {
		for i := range terms {
			if terms[i].term == t {
				terms[i].count++
				return
			}
		}
		terms = append(terms, termCount{t, 1, start})
	})
	sc.terms = terms
	if len(terms) == 0 {
		return nil
	}
	en := &sc.en
	en.reset(target)
	// Longer terms first: English that renders a longer term does not
	// count for a shorter term inside it, as the Chinese does not (伙伴关系
	// is not counted inside 全面战略协作伙伴关系, nor "partnership" inside
	// "comprehensive strategic partnership of coordination").
	if len(terms) > 1 {
		slices.SortStableFunc(terms, func(a, b termCount) int {
			return len(tb.terms[b.term]) - len(tb.terms[a.term])
		})
	}
	out, occ, skip := sc.uses[:0], sc.occ[:0], sc.skip[:0]
	// found appends the occurrences of rs to occ and returns them. Earlier
	// results stay valid when occ grows: they keep the old array.
	found := func(rs []*rendering, except []Occurrence) []Occurrence {
		n := len(occ)
		occ = appendAll(occ, rs, en, except)
		return occ[n:len(occ):len(occ)]
	}
	for i := range terms {
		t := terms[i].term
		skip = skip[:0]
		for _, longer := range tb.within[t] {
			for _, u := range out {
				if tb.termOf[u.entry] == longer {
					skip = append(skip, u.accepted...)
				}
			}
		}
		for _, e := range tb.byTerm[t] {
			u := use{entry: e, count: terms[i].count, first: terms[i].first}
			u.accepted = found(tb.accepted[e], skip)
			if len(tb.forbidden[e]) > 0 {
				n := len(skip)
				skip = append(skip, u.accepted...)
				u.forbidden = found(tb.forbidden[e], skip)
				skip = skip[:n]
			}
			out = append(out, u)
		}
	}
	sc.uses, sc.occ, sc.skip = out, occ, skip
	if len(terms) > 1 {
		slices.SortStableFunc(out, func(a, b use) int { return a.first - b.first })
	}
	return out
}
