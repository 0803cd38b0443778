package glossary

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Candidates for discovery are runs of whole words: each clause's Chinese
// is cut into dictionary words (forward maximum matching on the Lexicon;
// without one, every character is a word), and a candidate begins and ends
// on those cuts. So 联邦睦邻友好合作条约, which begins inside 俄罗斯联邦, is
// none, while 睦邻友好合作条约 is. Suggest's statistics of maximal strings
// serve documents across a corpus; in a few dozen clauses of formulaic text
// they would keep only the longest set phrase and lose the terms inside it.

const (
	lexiconWordMax = 8  // runes: the longest dictionary word segmentation tries
	candidateMax   = 12 // runes in a candidate
	countedMax     = 16 // runes of the runs counted: longer than candidates, so that a candidate inside a longer set phrase is seen to be
)

// zhSpan is a word or a run of words: bytes of a normalised clause.
type zhSpan struct{ start, end int32 }

// segmentation returns the words of pair's Chinese, cut once.
func (d *discovery) segmentation(pair int) [][]zhSpan {
	if d.segs[pair] == nil {
		d.segs[pair] = d.segment(d.zh[pair])
		if d.segs[pair] == nil {
			d.segs[pair] = [][]zhSpan{}
		}
	}
	return d.segs[pair]
}

// segment cuts each Han run of zh into words.
func (d *discovery) segment(zh string) [][]zhSpan {
	var runs [][]zhSpan
	var offs []int // the start of each character of the current run, then its end
	end := 0
	flush := func() {
		if len(offs) == 0 {
			return
		}
		offs = append(offs, end)
		runs = append(runs, d.cut(zh, offs))
		offs = offs[:0]
	}
	for i, r := range zh {
		if unicode.Is(unicode.Han, r) && r != '〇' {
			offs = append(offs, i)
			end = i + utf8.RuneLen(r)
			continue
		}
		// A hyphen or middle dot between Han characters joins a name
		// (澜沧江-湄公河合作): it is a word of the run.
		if strings.ContainsRune(connectors, r) && len(offs) > 0 && end == i {
			next, _ := utf8.DecodeRuneInString(zh[i+utf8.RuneLen(r):])
			if unicode.Is(unicode.Han, next) {
				offs = append(offs, i)
				end = i + utf8.RuneLen(r)
				continue
			}
		}
		flush()
	}
	flush()
	return runs
}

// connectors join two names into one (澜沧江-湄公河, 中国—东盟).
const connectors = "-–—·‧•"

// isConnector says whether a word is a connector.
func isConnector(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	return size == len(s) && strings.ContainsRune(connectors, r)
}

// cut segments one Han run (offs: the start of each character, then the
// end) by maximum matching both ways, keeping the cut with fewer words,
// then fewer single characters other than function words, then the
// backward one (问题|上|相互, not 问题|上相|互; 安全|等, not 安|全等).
func (d *discovery) cut(zh string, offs []int) []zhSpan {
	n := len(offs) - 1
	var forward, backward []zhSpan
	for i := 0; i < n; {
		l := 1
		for try := min(lexiconWordMax, n-i); try >= 2; try-- {
			if d.inLexicon(zh[offs[i]:offs[i+try]]) {
				l = try
				break
			}
		}
		forward = append(forward, zhSpan{int32(offs[i]), int32(offs[i+l])})
		i += l
	}
	for j := n; j > 0; {
		l := 1
		for try := min(lexiconWordMax, j); try >= 2; try-- {
			if d.inLexicon(zh[offs[j-try]:offs[j]]) {
				l = try
				break
			}
		}
		backward = append(backward, zhSpan{int32(offs[j-l]), int32(offs[j])})
		j -= l
	}
	slices.Reverse(backward)
	// Single characters that are no function word are where a cut goes
	// wrong (安|全等 beside 安全|等).
	singles := func(ws []zhSpan) int {
		k := 0
		for _, w := range ws {
			s := zh[w.start:w.end]
			if r, size := utf8.DecodeRuneInString(s); size == len(s) && !strings.ContainsRune(functionChars, r) {
				k++
			}
		}
		return k
	}
	// Where the two cuts differ, between two boundaries they share, the
	// better one of that stretch wins: a whole clause compared at once
	// would let a good cut here pay for a bad one there.
	var out []zhSpan
	i, j := 0, 0
	for i < len(forward) && j < len(backward) {
		fi, bj := i, j
		for forward[i].end != backward[j].end {
			if forward[i].end < backward[j].end {
				i++
			} else {
				j++
			}
		}
		i, j = i+1, j+1
		f, b := forward[fi:i], backward[bj:j]
		if len(f) < len(b) || len(f) == len(b) && singles(f) < singles(b) {
			out = append(out, f...)
		} else {
			out = append(out, b...)
		}
	}
	return out
}

// seqStats counts a run of words.
type seqStats struct {
	occ      int // clauses
	lastPair int // the last clause counted, -1 before any
	extended int // occurrences of the most common valid run one word longer
}

// wordCandidates returns the recurring runs of words that may be terms,
// most frequent (by occurrences × length) first, at most discoverCandidates,
// with their counts.
func (d *discovery) wordCandidates() ([]string, map[string]*seqStats, error) {
	type clauseRun struct {
		pair  int
		words []zhSpan
		alive []bool // the run of the current length starting at each word recurs
	}
	var runs []clauseRun
	for pi := range d.zh {
		if err := d.s.Step(); err != nil {
			return nil, nil, err
		}
		for _, words := range d.segmentation(pi) {
			runs = append(runs, clauseRun{pair: pi, words: words})
		}
	}
	stats := map[string]*seqStats{}
	count := func(g string, pair int) {
		st := stats[g]
		if st == nil {
			st = &seqStats{lastPair: -1}
			stats[g] = st
		}
		if st.lastPair != pair {
			st.lastPair = pair
			st.occ++
		}
	}
	var cands []string
	for n := 1; ; n++ { // words in a run
		var level []string
		seen := map[string]bool{}
		for ri := range runs {
			r := &runs[ri]
			alive := make([]bool, max(len(r.words)-n+1, 0))
			for i := range alive {
				if err := d.s.Step(); err != nil {
					return nil, nil, err
				}
				if n > 1 && !(r.alive[i] && r.alive[i+1]) {
					continue
				}
				zh := d.zh[r.pair]
				g := zh[r.words[i].start:r.words[i+n-1].end]
				if utf8.RuneCountInString(g) > countedMax {
					continue
				}
				count(g, r.pair)
				if !seen[g] {
					seen[g] = true
					level = append(level, g)
				}
				alive[i] = true
			}
			r.alive = alive
		}
		kept := level[:0]
		for _, g := range level {
			if stats[g].occ >= 2 {
				kept = append(kept, g)
			} else {
				delete(stats, g)
			}
		}
		if len(kept) == 0 {
			break
		}
		for ri := range runs {
			r := &runs[ri]
			for i := range r.alive {
				r.alive[i] = r.alive[i] && stats[d.zh[r.pair][r.words[i].start:r.words[i+n-1].end]] != nil
			}
		}
		// A valid run one word longer tells its parts how often they
		// occur inside it.
		for ri := range runs {
			r := &runs[ri]
			if n < 2 {
				break
			}
			zh := d.zh[r.pair]
			for i, ok := range r.alive {
				if !ok {
					continue
				}
				words := r.words[i : i+n]
				g := zh[words[0].start:words[n-1].end]
				if !d.validRun(zh, words) {
					continue
				}
				occ := stats[g].occ
				for _, part := range []string{zh[words[1].start:words[n-1].end], zh[words[0].start:words[n-2].end]} {
					if st := stats[part]; st != nil && st.extended < occ {
						st.extended = occ
					}
				}
			}
		}
		for _, g := range kept {
			if n := utf8.RuneCountInString(g); n >= 2 && n <= candidateMax {
				cands = append(cands, g)
			}
		}
	}
	// Valid, closed (not always inside the same longer run: 联合国宪章宗旨
	// is, in these texts, but a dictionary word is a term wherever it is)
	// and no phrase.
	out := cands[:0]
	for _, g := range cands {
		if err := d.s.Step(); err != nil {
			return nil, nil, err
		}
		st := stats[g]
		if st.extended >= st.occ && !d.inLexicon(g) || !d.validCandidate(g) {
			continue
		}
		out = append(out, g)
	}
	out = d.dropPhrases(stats, out)
	slices.SortFunc(out, func(a, b string) int {
		return cmp.Or(cmp.Compare(stats[b].occ*utf8.RuneCountInString(b), stats[a].occ*utf8.RuneCountInString(a)), strings.Compare(a, b))
	})
	return out[:min(len(out), discoverCandidates)], stats, nil
}

// validRun says whether a run of words may be a term: no function word
// (的, 在, 上 … as a word of its own) in it, but 不 (不扩散核武器条约) and
// 和 or 与 inside (和平 and 与 in names are rare, but 中国和东盟 is two).
func (d *discovery) validRun(zh string, words []zhSpan) bool {
	// Without a dictionary every character is a word, and 中 or 上 may
	// begin a term (中亚, 上海): only the characters that never do count.
	function := functionChars
	if d.in.Lexicon == nil {
		function = hardFunction
	}
	if isConnector(zh[words[0].start:words[0].end]) || isConnector(zh[words[len(words)-1].start:words[len(words)-1].end]) {
		return false
	}
	for i, w := range words {
		s := zh[w.start:w.end]
		r, size := utf8.DecodeRuneInString(s)
		if size != len(s) || r == '不' || !strings.ContainsRune(function, r) {
			continue
		}
		if i == 0 || i == len(words)-1 || r != '和' && r != '与' && r != '及' {
			return false
		}
	}
	return true
}

// validCandidate is validRun on a candidate's text, segmented alone.
func (d *discovery) validCandidate(g string) bool {
	if functionOnly(g) {
		return false
	}
	for _, words := range d.segment(g) {
		if !d.validRun(g, words) {
			return false
		}
	}
	return true
}
