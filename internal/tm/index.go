package tm

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/zhen-workbench/zhen/glossary"

	"github.com/zhen-workbench/zhen/internal/stop"
)

// Entry is one approved clause of the translation memory.
type Entry struct {
	ID     uint
	Source string // Chinese, as stored
	Target string // its approved English
}

// Index is a translation memory ready for fuzzy search. It is immutable
// after Build and safe for concurrent searches.
type Index struct {
	impl interface {
		search(query string, k int, min float64) []Match
	}
	size int
}

// Len is the number of entries indexed (entries whose normalised source is
// empty are left out: no score is defined for them).
func (ix *Index) Len() int { return ix.size }

// sym is a character as the index stores it: a dense id into the alphabet
// of the indexed text. Two bytes are enough for any real Chinese memory and
// halve the text and the cache traffic; four are the fallback.
type sym interface{ ~uint16 | ~uint32 }

// core holds the index proper. Entries are renumbered by normalised length
// (internal ids), so a length filter is an id range, and every posting list
// is sorted by internal id, so that range is found by binary search.
type core[S sym] struct {
	entries  []Entry // by internal id
	alphabet []rune  // symbol → rune
	symOf    map[rune]uint32
	text     []S      // every entry's normalised source, as symbols
	off      []uint32 // entry i is text[off[i]:off[i+1]]
	lenStart []uint32 // lenStart[L]: first internal id of length ≥ L (len maxLen+2)
	maxLen   int

	// Unigram postings, by symbol: an entry is listed once per occurrence
	// of the character, so a scan can count a multiset intersection.
	uniOff  []uint32
	uniPost []uint32

	// Bigram postings, the same way; biKeys is sorted and bigram g's
	// postings are biPost[biOff[g]:biOff[g+1]].
	biKeys []uint64
	biOff  []uint32
	biPost []uint32

	pool sync.Pool // *scratch[S]
}

// Build indexes entries. The slice is not kept; Source and Target strings
// are shared, not copied. A large memory takes seconds, so Build stops,
// with ctx's error, once ctx ends.
func Build(ctx context.Context, entries []Entry) (*Index, error) {
	// Pass 1: matching keys and the alphabet. The keys are kept until the
	// symbols are written so that Normalize runs once per entry.
	keys := make([]string, len(entries))
	lens := make([]int, len(entries))
	symOf := map[rune]uint32{}
	var alphabet []rune
	for i, e := range entries {
		if err := stop.At(ctx, i); err != nil {
			return nil, err
		}
		k := glossary.Normalize(e.Source)
		keys[i] = k
		n := 0
		for _, r := range k {
			if _, ok := symOf[r]; !ok {
				symOf[r] = uint32(len(alphabet))
				alphabet = append(alphabet, r)
			}
			n++
		}
		lens[i] = n
	}
	var impl interface {
		search(string, int, float64) []Match
	}
	size := 0
	if len(alphabet) <= math.MaxUint16+1 {
		c, err := build[uint16](ctx, entries, keys, lens, symOf, alphabet)
		if err != nil {
			return nil, err
		}
		impl, size = c, len(c.entries)
	} else {
		c, err := build[uint32](ctx, entries, keys, lens, symOf, alphabet)
		if err != nil {
			return nil, err
		}
		impl, size = c, len(c.entries)
	}
	return &Index{impl: impl, size: size}, nil
}

func build[S sym](ctx context.Context, entries []Entry, keys []string, lens []int, symOf map[rune]uint32, alphabet []rune) (*core[S], error) {
	// Order by length (stable: equal lengths keep the input order).
	maxLen := 0
	total := 0
	for _, n := range lens {
		maxLen = max(maxLen, n)
		total += n
	}
	if uint64(total) > math.MaxUint32 || uint64(len(entries)) >= math.MaxUint32 {
		panic(fmt.Sprintf("tm: %d entries with %d characters exceed the index's 32-bit offsets", len(entries), total))
	}
	lenCount := make([]uint32, maxLen+2)
	for _, n := range lens {
		if n > 0 {
			lenCount[n]++
		}
	}
	lenStart := make([]uint32, maxLen+2)
	for L := 1; L <= maxLen+1; L++ {
		lenStart[L] = lenStart[L-1] + lenCount[L-1]
	}
	size := int(lenStart[maxLen+1]) // empty keys are not indexed
	order := make([]int32, size)    // internal id → input position
	next := slices.Clone(lenStart)
	for i, n := range lens {
		if n > 0 {
			order[next[n]] = int32(i)
			next[n]++
		}
	}

	c := &core[S]{
		entries:  make([]Entry, size),
		alphabet: alphabet,
		symOf:    symOf,
		text:     make([]S, 0, total),
		off:      make([]uint32, size+1),
		lenStart: lenStart,
		maxLen:   maxLen,
	}
	uniCount := make([]uint32, len(alphabet)+1)
	biID := map[uint64]uint32{} // bigram key → count, later → rank
	for id, pos := range order {
		if err := stop.At(ctx, id); err != nil {
			return nil, err
		}
		c.entries[id] = entries[pos]
		start := len(c.text)
		for _, r := range keys[pos] {
			c.text = append(c.text, S(symOf[r]))
		}
		c.off[id+1] = uint32(len(c.text))
		t := c.text[start:]
		for j, s := range t {
			uniCount[s]++
			if j > 0 {
				biID[bigram(uint32(t[j-1]), uint32(s))]++
			}
		}
	}
	keys = nil

	c.uniOff = prefixSums(uniCount)
	c.uniPost = make([]uint32, c.uniOff[len(alphabet)])

	c.biKeys = make([]uint64, 0, len(biID))
	for k := range biID {
		c.biKeys = append(c.biKeys, k)
	}
	slices.Sort(c.biKeys)
	biCount := make([]uint32, len(c.biKeys)+1)
	for g, k := range c.biKeys {
		biCount[g] = biID[k]
		biID[k] = uint32(g)
	}
	c.biOff = prefixSums(biCount)
	c.biPost = make([]uint32, c.biOff[len(c.biKeys)])

	// Pass 2: fill the postings in internal id order, so each list is sorted.
	uniNext := slices.Clone(c.uniOff)
	biNext := slices.Clone(c.biOff)
	for id := range size {
		if err := stop.At(ctx, id); err != nil {
			return nil, err
		}
		t := c.text[c.off[id]:c.off[id+1]]
		for j, s := range t {
			c.uniPost[uniNext[s]] = uint32(id)
			uniNext[s]++
			if j > 0 {
				g := biID[bigram(uint32(t[j-1]), uint32(s))]
				c.biPost[biNext[g]] = uint32(id)
				biNext[g]++
			}
		}
	}
	return c, nil
}

// prefixSums turns counts into offsets: out[i] = sum of counts[:i].
func prefixSums(counts []uint32) []uint32 {
	out := make([]uint32, len(counts))
	var sum uint32
	for i, n := range counts {
		out[i] = sum
		sum += n
	}
	return out
}

func bigram(a, b uint32) uint64 { return uint64(a)<<32 | uint64(b) }

// lookupBigram returns bigram (a, b)'s postings, nil if no entry has it.
func (c *core[S]) lookupBigram(a, b uint32) []uint32 {
	g, ok := slices.BinarySearch(c.biKeys, bigram(a, b))
	if !ok {
		return nil
	}
	return c.biPost[c.biOff[g]:c.biOff[g+1]]
}

// runes decodes entry id's normalised source.
func (c *core[S]) runes(id uint32) []rune {
	t := c.text[c.off[id]:c.off[id+1]]
	out := make([]rune, len(t))
	for i, s := range t {
		out[i] = c.alphabet[s]
	}
	return out
}
