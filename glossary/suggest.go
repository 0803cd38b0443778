package glossary

import (
	"cmp"
	"context"
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
// It counts every candidate string of every length in memory: meant for a
// few hundred documents, not millions of clauses. 200,000 clauses take
// many seconds, so it stops, with ctx's error, once ctx ends.
func Suggest(ctx context.Context, docs []DocText, existing *Termbase, limit int) ([]Suggestion, error) {
	s := &stop.Counter{Ctx: ctx}
	c := newGramCounter()
	for d, doc := range docs {
		for _, clause := range doc.Clauses {
			if err := s.Step(); err != nil {
				return nil, err
			}
			for _, run := range hanRuns(Normalize(clause)) {
				c.addRun(run, d, doc.DocumentID)
			}
		}
	}
	cands, err := c.candidates(s)
	if err != nil {
		return nil, err
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
	stats map[string]*gramStats
}

type docRun struct {
	text  string
	doc   int
	id    uint
	offs  []int  // byte offset of each character, and len(text)
	alive []bool // alive[i]: the string of the current length at character i is a candidate
}

func newGramCounter() *gramCounter { return &gramCounter{stats: map[string]*gramStats{}} }

func (c *gramCounter) addRun(run string, doc int, id uint) {
	if utf8.RuneCountInString(run) < suggestMinLen {
		return
	}
	r := docRun{text: run, doc: doc, id: id}
	for i := range run {
		r.offs = append(r.offs, i)
	}
	r.offs = append(r.offs, len(run))
	c.runs = append(c.runs, r)
}

func (c *gramCounter) count(g string, doc int, id uint) *gramStats {
	st := c.stats[g]
	if st == nil {
		st = &gramStats{lastDoc: -1}
		c.stats[g] = st
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
		for _, g := range kept {
			first, fsize := utf8.DecodeRuneInString(g)
			last, lsize := utf8.DecodeLastRuneInString(g)
			occ := c.stats[g].occ
			if st := c.stats[g[fsize:]]; st != nil && n > suggestMinLen {
				st.left = append(st.left, extension{first, occ})
			}
			if st := c.stats[g[:len(g)-lsize]]; st != nil && n > suggestMinLen {
				st.right = append(st.right, extension{last, occ})
			}
		}
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
