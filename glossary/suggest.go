package glossary

import (
	"cmp"
	"context"
	"iter"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zhen-workbench/zhen/internal/stop"
)

// DocText is the Chinese of one document, clause by clause.
type DocText struct {
	DocumentID uint
	Clauses    []string
}

// ChineseClause is the Chinese of one clause and the statement it is in.
type ChineseClause struct {
	DocumentID uint
	ZH         string
}

// ChineseCorpus reads the Chinese of a corpus, a statement's clauses
// together. Each call reads it again from the start: Suggest may read it
// twice, and never holds it whole.
type ChineseCorpus func() iter.Seq2[ChineseClause, error]

// Corpus reads docs as a ChineseCorpus.
func Corpus(docs []DocText) ChineseCorpus {
	return func() iter.Seq2[ChineseClause, error] {
		return func(yield func(ChineseClause, error) bool) {
			for _, d := range docs {
				for _, zh := range d.Clauses {
					if !yield(ChineseClause{DocumentID: d.DocumentID, ZH: zh}, nil) {
						return
					}
				}
			}
		}
	}
}

// Suggestion is a recurring Chinese string that may deserve a glossary entry.
type Suggestion struct {
	Text        string `json:"text"`
	Documents   int    `json:"documents"`   // documents it occurs in
	Occurrences int    `json:"occurrences"` // occurrences in all documents
	Examples    []uint `json:"examples"`    // ids of the first documents it occurs in, at most 5
}

// Suggestion limits.
const (
	suggestMinLen   = 2  // Han characters
	suggestMaxLen   = 12 // Han characters
	suggestExamples = 5
	// suggestSample bounds the Chinese whose strings are counted, and so
	// Suggest's memory (about 45 bytes a character): a corpus with more is
	// counted in every 2nd, 4th, 8th … clause, as many as fit, and the
	// candidates found there are counted again over the whole corpus.
	suggestSample = 2_000_000 // Han characters
)

// Suggest finds recurring Chinese strings that are not in the glossary yet.
//
// Candidates are runs of 2 to 12 Han characters (anything else, punctuation,
// digits or Latin, splits them) that occur in at least two documents. Only
// whole terms are suggested, not fragments of longer candidates (see
// fragment): not 海合作组织 or 伙伴关系 beside 上海合作组织 and
// 全面战略协作伙伴关系, nor 国人民, which begins inside 两国人民 and 各国人民.
// Strings of function characters only are dropped, and so are strings that
// begin or end with a loosely attached function character (的, 和, 与, 在 …)
// when the string without it is clearly more frequent (与金砖国家 for
// 金砖国家) — while 和平 and 对话 stay — and two candidates joined by 和, 与
// or 及 (国际和地区). Existing terms and their substrings are left out. The
// best come first (see Ranking). At most limit are returned (all if limit ≤
// 0).
//
// Ranking: documents × occurrences × length, so that a term in every
// statement and a long fixed phrase in most of them both rise; strings of two
// characters come after all longer ones.
//
// Memory is bounded whatever the corpus (suggestSample): an archive's
// candidates come from an evenly spread sample of its clauses (a string
// must recur in the sample), and their counts from the whole of it. It
// stops, with ctx's error, once ctx ends.
func Suggest(ctx context.Context, corpus ChineseCorpus, existing *Termbase, limit int) ([]Suggestion, error) {
	return suggestIn(ctx, corpus, existing, limit, suggestSample)
}

func suggestIn(ctx context.Context, corpus ChineseCorpus, existing *Termbase, limit, sample int) ([]Suggestion, error) {
	s := &stop.Counter{Ctx: ctx}
	c := newGramCounter()
	sampled, err := c.read(corpus, s, sample)
	if err != nil {
		return nil, err
	}
	cands, err := c.candidates(s)
	if err != nil {
		return nil, err
	}
	if sampled {
		if err := c.recount(corpus, cands, s); err != nil {
			return nil, err
		}
	}
	known := existingSubstrings(cands, existing)
	var kept []string
	for _, g := range cands {
		if err := s.Step(); err != nil {
			return nil, err
		}
		st := c.stats[g]
		if utf8.RuneCountInString(g) > suggestMaxLen || known[g] || functionOnly(g) || c.looseEnd(g, st) || c.fragment(g, st) {
			continue
		}
		kept = append(kept, g)
	}
	isKept := make(map[string]bool, len(kept))
	for _, g := range kept {
		isKept[g] = true
	}
	var out []Suggestion
	for _, g := range kept {
		if err := s.Step(); err != nil {
			return nil, err
		}
		if joined(g, isKept) {
			continue
		}
		st := c.stats[g]
		out = append(out, Suggestion{Text: g, Documents: st.docs, Occurrences: st.occ, Examples: st.examples})
	}
	slices.SortFunc(out, func(a, b Suggestion) int {
		return cmp.Or(cmp.Compare(twoChars(a.Text), twoChars(b.Text)),
			cmp.Compare(b.score(), a.score()), strings.Compare(a.Text, b.Text))
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// Fragments. A candidate is a fragment of longer ones, and dropped, when
// its occurrences are mostly inside them on one side:
//
//   - nearly all (90%) inside one candidate a character longer, whatever the
//     character: 海合作组织 in 上海合作组织;
//   - most (70%) inside one candidate a character longer whose extra
//     character is no function character: 区合作 in 地区合作, 伙伴关系 in
//     战略协作伙伴关系, 具有重 in 具有重要 (whereas 俄罗斯联邦, mostly after
//     和, is a term: 和俄罗斯联邦 is not);
//   - most (60%) where its first character forms a word with the one
//     before it, or its last with the one after: a two-character candidate
//     at least twice as frequent as the longer string. So 国人民 is cut out
//     of 两国人民 and 各国人民 (两国, 各国), 平等互 out of 平等互信 and 平等互利
//     (互信, 互利). Whereas in 中俄全面战略协作伙伴关系 and
//     深化全面战略协作伙伴关系, 俄全 and 化全 are no words: 全面战略协作伙伴关系
//     is a term.
const (
	fragmentAny      = 0.9
	fragmentContent  = 0.7
	fragmentWordEdge = 0.6
)

// fragment says whether g is a fragment of longer candidates (see above).
func (c *gramCounter) fragment(g string, st *gramStats) bool {
	first, _ := utf8.DecodeRuneInString(g)
	last, _ := utf8.DecodeLastRuneInString(g)
	side := func(exts []extension, loose string, edge func(rune) string) bool {
		inWord := 0
		for _, x := range exts {
			share := float64(x.occ) / float64(st.occ)
			if share >= fragmentAny || share >= fragmentContent && !strings.ContainsRune(loose, x.char) {
				return true
			}
			if b := c.stats[edge(x.char)]; b != nil && b.occ >= 2*x.occ {
				inWord += x.occ
			}
		}
		return float64(inWord) >= fragmentWordEdge*float64(st.occ)
	}
	return side(st.left, leadingLoose, func(x rune) string { return string(x) + string(first) }) ||
		side(st.right, trailingLoose, func(x rune) string { return string(last) + string(x) })
}

// joined says whether g is two kept candidates joined by 和, 与 or 及:
// 国际和地区, 中国东北地区与俄罗斯远东. The part after the conjunction need
// only begin with one, and the part before end with one: 中华人民共和国和俄罗斯联.
func joined(g string, kept map[string]bool) bool {
	for i, r := range g {
		if !strings.ContainsRune(conjunctions, r) {
			continue
		}
		before, after := g[:i], g[i+utf8.RuneLen(r):]
		if endsWithCandidate(before, kept) && beginsWithCandidate(after, kept) {
			return true
		}
	}
	return false
}

const conjunctions = "和与及"

func endsWithCandidate(s string, kept map[string]bool) bool {
	for i := range s {
		if kept[s[i:]] && utf8.RuneCountInString(s[i:]) >= suggestMinLen {
			return true
		}
	}
	return false
}

func beginsWithCandidate(s string, kept map[string]bool) bool {
	for i := range s {
		if kept[s[:i]] && utf8.RuneCountInString(s[:i]) >= suggestMinLen {
			return true
		}
	}
	return kept[s] && utf8.RuneCountInString(s) >= suggestMinLen
}

// score weighs how widespread a suggestion is by how much text it covers.
func (s Suggestion) score() int {
	return s.Documents * s.Occurrences * utf8.RuneCountInString(s.Text)
}

// twoChars is 1 for strings of two characters: most are general words
// (合作, 双方, 地区) that would crowd out the terms, so they come last.
func twoChars(s string) int {
	if utf8.RuneCountInString(s) == 2 {
		return 1
	}
	return 0
}

// hanRuns splits s into its maximal runs of Han characters.
func hanRuns(s string) []string {
	var runs []string
	start := -1
	for i, r := range s {
		if unicode.Is(unicode.Han, r) && r != '〇' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			runs = append(runs, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		runs = append(runs, s[start:])
	}
	return runs
}

type gramStats struct {
	occ, docs int
	lastDoc   int         // index of the last document counted, -1 before any
	examples  []uint      // document ids
	left      []extension // candidates one character longer to the left: 上海合作组织 for 海合作组织
	right     []extension // and to the right: 上海合作组织 for 上海合作组
}

// extension is a candidate one character longer than another.
type extension struct {
	char rune // the character added
	occ  int  // occurrences of the longer candidate
}

// gramCounter counts substrings level by level: a string of n+1 characters
// can only be in two documents if both its n-character ends are, so only
// those are counted (the candidates of each level prune the next).
type gramCounter struct {
	runs  []docRun
	chars int // in runs
	stats map[string]*gramStats
}

type docRun struct {
	text   string
	doc    int
	id     uint
	clause int    // the clause's place in the corpus
	offs   []int  // byte offset of each character, and len(text)
	alive  []bool // alive[i]: the string of the current length at character i is a candidate
}

func newGramCounter() *gramCounter { return &gramCounter{stats: map[string]*gramStats{}} }

// read takes the Han runs of the corpus's clauses: of all of them if
// their characters are within sample, else of every stride-th clause, the
// stride doubled (and every other run kept dropped) each time they are
// not. It says whether it sampled.
func (c *gramCounter) read(corpus ChineseCorpus, s *stop.Counter, sample int) (sampled bool, err error) {
	stride := 1
	err = eachClause(corpus, s, func(clause, doc int, cl ChineseClause) {
		if clause%stride == 0 {
			for _, run := range hanRuns(Normalize(cl.ZH)) {
				c.addRun(run, doc, cl.DocumentID, clause)
			}
		}
		for c.chars > sample && stride <= clause { // one clause is always kept
			stride *= 2
			c.keepEvery(stride)
		}
	})
	return stride > 1, err
}

// eachClause calls f with each clause of the corpus, its place in the
// corpus and its statement's (an index), unless s stops it.
func eachClause(corpus ChineseCorpus, s *stop.Counter, f func(clause, doc int, cl ChineseClause)) error {
	clause, doc := 0, -1
	var last uint
	for cl, err := range corpus() {
		if err != nil {
			return err
		}
		if err := s.Step(); err != nil {
			return err
		}
		if doc < 0 || cl.DocumentID != last {
			doc, last = doc+1, cl.DocumentID
		}
		f(clause, doc, cl)
		clause++
	}
	return nil
}

func (c *gramCounter) addRun(run string, doc int, id uint, clause int) {
	if utf8.RuneCountInString(run) < suggestMinLen {
		return
	}
	r := docRun{text: run, doc: doc, id: id, clause: clause}
	for i := range run {
		r.offs = append(r.offs, i)
	}
	r.offs = append(r.offs, len(run))
	c.runs = append(c.runs, r)
	c.chars += len(r.offs) - 1
}

// keepEvery keeps the runs of every stride-th clause.
func (c *gramCounter) keepEvery(stride int) {
	c.runs = slices.DeleteFunc(c.runs, func(r docRun) bool { return r.clause%stride != 0 })
	c.runs = slices.Clip(c.runs)
	c.chars = 0
	for _, r := range c.runs {
		c.chars += len(r.offs) - 1
	}
}

// recount counts the candidates again over the whole corpus, which the
// sample they were found in stands for, with what their judgement reads
// (fragment, looseEnd): the strings a character longer than a candidate,
// and the two-character strings at their edges. Every candidate is then
// judged as a reading of the whole corpus would judge it.
func (c *gramCounter) recount(corpus ChineseCorpus, cands []string, s *stop.Counter) error {
	c.runs = nil
	isCand := make(map[string]bool, len(cands))
	for _, g := range cands {
		c.stats[g] = &gramStats{lastDoc: -1}
		isCand[g] = true
	}
	// Candidates are closed under dropping a first or last character
	// (gramCounter), so the strings at a place are counted from the
	// shortest up, until neither the string without its last character
	// nor the one without its first is a candidate.
	longer := map[string]*gramStats{}
	err := hanRunsOf(corpus, s, func(run string, offs []int, doc int, id uint) {
		for i := range len(offs) - 1 {
			for n := suggestMinLen; n <= suggestMaxLen+1 && i+n < len(offs); n++ {
				g := run[offs[i]:offs[i+n]]
				switch {
				case isCand[g]:
					c.count(g, doc, id)
				case n > suggestMinLen && (isCand[run[offs[i]:offs[i+n-1]]] || isCand[run[offs[i+1]:offs[i+n]]]):
					countIn(longer, g, doc, id)
				case n > suggestMinLen:
					n = len(offs) // neither end is a candidate, nor will be further on
				}
			}
		}
	})
	if err != nil {
		return err
	}
	// A longer string in two statements is a candidate of a reading of
	// the whole corpus, and shows the candidates inside it to be
	// fragments; it is not suggested, not having recurred in the sample.
	counted := slices.Clip(cands)
	for g, st := range longer {
		if st.docs >= 2 {
			counted = append(counted, g)
			c.stats[g] = st
		}
	}
	c.extend(counted)
	// The edges: x+first of a left extension, last+x of a right one.
	edges := map[string]*gramStats{}
	for _, g := range counted {
		st := c.stats[g]
		first, _ := utf8.DecodeRuneInString(g)
		last, _ := utf8.DecodeLastRuneInString(g)
		for _, x := range st.left {
			if e := string(x.char) + string(first); c.stats[e] == nil {
				edges[e] = &gramStats{lastDoc: -1}
			}
		}
		for _, x := range st.right {
			if e := string(last) + string(x.char); c.stats[e] == nil {
				edges[e] = &gramStats{lastDoc: -1}
			}
		}
	}
	if len(edges) == 0 {
		return nil
	}
	err = hanRunsOf(corpus, s, func(run string, offs []int, doc int, id uint) {
		for i := 0; i+2 < len(offs); i++ {
			if st := edges[run[offs[i]:offs[i+2]]]; st != nil {
				st.occ++
			}
		}
	})
	for e, st := range edges {
		c.stats[e] = st
	}
	return err
}

// hanRunsOf calls f with each Han run of the corpus, the byte offset of
// each of its characters (and its length), and its statement (as an
// index, and its id).
func hanRunsOf(corpus ChineseCorpus, s *stop.Counter, f func(run string, offs []int, doc int, id uint)) error {
	var offs []int
	return eachClause(corpus, s, func(_, doc int, cl ChineseClause) {
		for _, run := range hanRuns(Normalize(cl.ZH)) {
			offs = offs[:0]
			for i := range run {
				offs = append(offs, i)
			}
			f(run, append(offs, len(run)), doc, cl.DocumentID)
		}
	})
}

func (c *gramCounter) count(g string, doc int, id uint) *gramStats {
	return countIn(c.stats, g, doc, id)
}

func countIn(stats map[string]*gramStats, g string, doc int, id uint) *gramStats {
	st := stats[g]
	if st == nil {
		st = &gramStats{lastDoc: -1}
		stats[g] = st
	}
	st.occ++
	if st.lastDoc != doc {
		st.lastDoc = doc
		st.docs++
		if len(st.examples) < suggestExamples {
			st.examples = append(st.examples, id)
		}
	}
	return st
}

// extend records each candidate as an extension of the candidates one
// character shorter.
func (c *gramCounter) extend(cands []string) {
	for _, g := range cands {
		if utf8.RuneCountInString(g) <= suggestMinLen {
			continue
		}
		first, fsize := utf8.DecodeRuneInString(g)
		last, lsize := utf8.DecodeLastRuneInString(g)
		occ := c.stats[g].occ
		if st := c.stats[g[fsize:]]; st != nil {
			st.left = append(st.left, extension{first, occ})
		}
		if st := c.stats[g[:len(g)-lsize]]; st != nil {
			st.right = append(st.right, extension{last, occ})
		}
	}
}

// candidates counts every level and returns the strings in two documents
// or more, shortest first, unless s stops it.
func (c *gramCounter) candidates(s *stop.Counter) ([]string, error) {
	var cands []string
	// One longer than suggested, so that the longest suggestions can be
	// seen to be parts of longer strings.
	for n := suggestMinLen; n <= suggestMaxLen+1; n++ {
		var level []string
		seen := map[string]bool{}
		for ri := range c.runs {
			r := &c.runs[ri]
			chars := len(r.offs) - 1
			alive := make([]bool, max(chars-n+1, 0))
			for i := range alive {
				if err := s.Step(); err != nil { // by string, not run: a run can be a whole paragraph
					return nil, err
				}
				if n > suggestMinLen && !(r.alive[i] && r.alive[i+1]) {
					continue
				}
				g := r.text[r.offs[i]:r.offs[i+n]]
				c.count(g, r.doc, r.id)
				if !seen[g] {
					seen[g] = true
					level = append(level, g)
				}
				alive[i] = true // settled below, once every document is counted
			}
			r.alive = alive
		}
		// Only strings in two documents stay candidates.
		kept := level[:0]
		for _, g := range level {
			if err := s.Step(); err != nil {
				return nil, err
			}
			if c.stats[g].docs >= 2 {
				kept = append(kept, g)
			} else {
				delete(c.stats, g)
			}
		}
		for ri := range c.runs {
			r := &c.runs[ri]
			for i := range r.alive {
				if err := s.Step(); err != nil {
					return nil, err
				}
				r.alive[i] = r.alive[i] && c.stats[r.text[r.offs[i]:r.offs[i+n]]] != nil
			}
		}
		c.extend(kept)
		cands = append(cands, kept...)
		if len(kept) == 0 {
			break
		}
	}
	return cands, nil
}

// looseEnd says whether g begins or ends with a function character: one
// that never begins or ends a term (的, 其, 之), or one that attaches to many
// things (与, 和, 在 …) when the rest of g is clearly more frequent (与金砖国家
// and 金砖国家; but 和平 stays).
func (c *gramCounter) looseEnd(g string, st *gramStats) bool {
	first, fsize := utf8.DecodeRuneInString(g)
	last, lsize := utf8.DecodeLastRuneInString(g)
	if strings.ContainsRune(hardFunction, first) || strings.ContainsRune(hardFunction, last) {
		return true
	}
	moreFrequent := func(rest string) bool {
		r := c.stats[rest]
		return r != nil && utf8.RuneCountInString(rest) >= suggestMinLen && 2*r.occ > 3*st.occ
	}
	return strings.ContainsRune(leadingLoose, first) && moreFrequent(g[fsize:]) ||
		strings.ContainsRune(trailingLoose, last) && moreFrequent(g[:len(g)-lsize])
}

// Function characters: grammatical words that are not terms on their own.
const (
	functionChars = "的了和与及在是为对将并等也都中上下之其以于而或从向把被这那此该各个有不就又再所着过由至即则使"
	hardFunction  = "的了之其这那此该着过"                            // never begin or end a term
	leadingLoose  = "的了和与及在是为对将并等也都之其以于而或从向把被这那此该就又再所由至即则使" // begin phrases, not terms
	trailingLoose = "的了和与及在是为对将并等也都中上下之其以于而或着过"             // end phrases: 问题上, 框架中, 领域等
)

func functionOnly(g string) bool {
	for _, r := range g {
		if !strings.ContainsRune(functionChars, r) {
			return false
		}
	}
	return true
}

// existingSubstrings marks the candidates that are a glossary term or part
// of one, found by running the candidates over the terms.
func existingSubstrings(cands []string, tb *Termbase) map[string]bool {
	known := map[string]bool{}
	if tb == nil || len(tb.terms) == 0 || len(cands) == 0 {
		return known
	}
	m := NewMatcher(cands)
	for _, term := range tb.terms {
		m.ScanOverlapping(term, func(x Match) bool {
			known[cands[x.Pattern]] = true
			return true
		})
	}
	return known
}
