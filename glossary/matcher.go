package glossary

import (
	"sort"
	"unicode/utf8"
)

// Match is one occurrence of a pattern in a text.
type Match struct {
	Pattern    int // index of the pattern in the slice given to NewMatcher
	Start, End int // byte offsets in the text, on rune boundaries
}

// Matcher finds many patterns in one pass over a text (Aho–Corasick).
//
// The automaton is a byte-level DFA: every byte of the text costs one table
// look-up, whatever the number of patterns. Bytes are first mapped to
// classes (the distinct bytes that occur in some pattern, plus one class for
// all others), which keeps a row at ~70 entries for Chinese instead of 256.
// States are numbered so that those where a pattern ends come last: the hot
// loop needs one comparison to know whether anything was found. Otherwise
// they keep the order they were made in, pattern by pattern, so that the
// states along a pattern are near each other in the table (measured: twice
// as fast here as breadth-first order, which scatters them).
//
// A Matcher is immutable once built and safe for concurrent use.
type Matcher struct {
	class     [256]uint8 // byte → column; 0 for bytes that occur in no pattern
	stride    int32      // columns per state
	trans     []int32    // trans[row+class] is the row of the next state (state×stride)
	matchFrom int32      // rows ≥ matchFrom are states where a pattern ends
	depth     []int32    // per state: length of the trie path it stands for
	longest   []int32    // per state: longest pattern that is a suffix of the path, or -1
	out       []int32    // per state: pattern whose path is exactly this state's, or -1
	outLink   []int32    // per state: nearest state on the failure chain with out ≥ 0, or -1
	lens      []int32    // per pattern: length in bytes
}

// NewMatcher compiles patterns, which should already be normalised.
// Empty patterns and patterns that are not valid UTF-8 never match (the
// latter so that every match falls on rune boundaries); a pattern given
// twice is reported under its first index.
func NewMatcher(patterns []string) *Matcher {
	m := &Matcher{lens: make([]int32, len(patterns))}
	for i, p := range patterns {
		m.lens[i] = int32(len(p))
	}
	// Columns: one per distinct byte used by a pattern, 0 for the rest.
	var used [256]bool
	nused := 0
	for _, p := range patterns {
		if !usable(p) {
			continue
		}
		for i := 0; i < len(p); i++ {
			if !used[p[i]] {
				used[p[i]] = true
				nused++
			}
		}
	}
	stride := int32(nused + 1)
	if nused == 256 { // every byte is used: no value left for "other"
		stride = 256
		for b := range m.class {
			m.class[b] = uint8(b)
		}
	} else {
		c := 0
		for b, u := range used {
			if u {
				c++
				m.class[b] = uint8(c)
			}
		}
	}
	m.stride = stride

	// Trie, with -1 for missing edges. State 0 is the root.
	var (
		trans = make([]int32, stride)
		depth = []int32{0}
		out   = []int32{-1}
	)
	for i := range trans {
		trans[i] = -1
	}
	for pi, p := range patterns {
		if !usable(p) {
			continue
		}
		s := int32(0)
		for i := 0; i < len(p); i++ {
			c := s*stride + int32(m.class[p[i]])
			if trans[c] < 0 {
				trans[c] = int32(len(depth))
				depth = append(depth, depth[s]+1)
				out = append(out, -1)
				for range stride {
					trans = append(trans, -1)
				}
			}
			s = trans[c]
		}
		if out[s] < 0 {
			out[s] = int32(pi)
		}
	}
	n := len(depth)

	// Failure links in breadth-first order, turning the trie into a DFA:
	// a missing edge takes the edge of the failure state, already complete
	// because it is shallower.
	fail := make([]int32, n)
	longest := make([]int32, n)
	outLink := make([]int32, n)
	longest[0], outLink[0] = out[0], -1
	queue := make([]int32, 0, n)
	for c := range stride {
		if t := trans[c]; t < 0 {
			trans[c] = 0
		} else {
			queue = append(queue, t)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		f := fail[s]
		outLink[s] = outLink[f]
		if out[f] >= 0 {
			outLink[s] = f
		}
		longest[s] = out[s]
		if longest[s] < 0 {
			longest[s] = longest[f]
		}
		for c := range stride {
			i := s*stride + c
			if t := trans[i]; t < 0 {
				trans[i] = trans[f*stride+c]
			} else {
				fail[t] = trans[f*stride+c]
				queue = append(queue, t)
			}
		}
	}

	// Renumber: states where a pattern ends go last; the root stays 0.
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	sort.SliceStable(order, func(a, b int) bool {
		return longest[order[a]] < 0 && longest[order[b]] >= 0
	})
	newID := make([]int32, n)
	for to, from := range order {
		newID[from] = int32(to)
	}
	m.trans = make([]int32, len(trans))
	m.depth = make([]int32, n)
	m.longest = make([]int32, n)
	m.out = make([]int32, n)
	m.outLink = make([]int32, n)
	m.matchFrom = int32(n) * stride
	for to, from := range order {
		copy(m.trans[int32(to)*stride:], trans[from*stride:(from+1)*stride])
		m.depth[to] = depth[from]
		m.longest[to] = longest[from]
		m.out[to] = out[from]
		m.outLink[to] = -1
		if l := outLink[from]; l >= 0 {
			m.outLink[to] = newID[l]
		}
		if longest[from] >= 0 && int32(to)*stride < m.matchFrom {
			m.matchFrom = int32(to) * stride
		}
	}
	for i, t := range m.trans {
		m.trans[i] = newID[t] * stride
	}
	return m
}

func usable(p string) bool { return p != "" && utf8.ValidString(p) }

// FindAll returns the leftmost-longest, non-overlapping matches in text:
// scanning from the left, the longest pattern that starts at the earliest
// possible position wins, and scanning goes on after it. So
// 全面战略协作伙伴关系 is one match, not also 战略协作伙伴关系 and 伙伴关系.
func (m *Matcher) FindAll(text string) []Match {
	var ms []Match
	m.Scan(text, func(x Match) bool {
		ms = append(ms, x)
		return true
	})
	return ms
}

// Scan calls fn for each match FindAll would return, in order, until fn
// returns false. It allocates nothing.
func (m *Matcher) Scan(text string, fn func(Match) bool) {
	trans, class, matchFrom := m.trans, &m.class, m.matchFrom
	for i := 0; i < len(text); i++ {
		s := int32(0)
		for ; i < len(text); i++ {
			s = trans[s+int32(class[text[i]])]
			if s >= matchFrom {
				break
			}
		}
		if i == len(text) {
			return
		}
		x := m.settle(text, i+1, s)
		if !fn(x) {
			return
		}
		i = x.End - 1
	}
}

// settle is called when a pattern ends at pos in state s (the first such
// point since the last match). A match starting earlier, or longer at the
// same start, may still end later, so it reads on while the automaton's
// path reaches back to the best start so far: no pattern can start before
// the path does.
func (m *Matcher) settle(text string, pos int, s int32) Match {
	p := m.longest[s/m.stride]
	best := Match{Pattern: int(p), Start: pos - int(m.lens[p]), End: pos}
	for ; pos < len(text); pos++ {
		s = m.trans[s+int32(m.class[text[pos]])]
		if pos+1-int(m.depth[s/m.stride]) > best.Start {
			break
		}
		if s >= m.matchFrom {
			p := m.longest[s/m.stride]
			if start := pos + 1 - int(m.lens[p]); start <= best.Start {
				best = Match{Pattern: int(p), Start: start, End: pos + 1}
			}
		}
	}
	return best
}

// ScanOverlapping calls fn for every occurrence of every pattern, nested and
// overlapping ones included, ordered by end offset (longest first at the
// same end), until fn returns false. It is the plain Aho–Corasick scan.
func (m *Matcher) ScanOverlapping(text string, fn func(Match) bool) {
	trans, class, matchFrom := m.trans, &m.class, m.matchFrom
	s := int32(0)
	for i := 0; i < len(text); i++ {
		s = trans[s+int32(class[text[i]])]
		if s < matchFrom {
			continue
		}
		st := s / m.stride
		if p := m.out[st]; p >= 0 {
			if !fn(Match{Pattern: int(p), Start: i + 1 - int(m.lens[p]), End: i + 1}) {
				return
			}
		}
		for l := m.outLink[st]; l >= 0; l = m.outLink[l] {
			p := m.out[l]
			if !fn(Match{Pattern: int(p), Start: i + 1 - int(m.lens[p]), End: i + 1}) {
				return
			}
		}
	}
}
