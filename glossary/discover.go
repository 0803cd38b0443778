package glossary

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zhen-workbench/zhen/internal/stop"
)

// Pair is a translated clause: its Chinese and its English.
type Pair struct {
	ClauseID   uint
	DocumentID uint
	ZH, EN     string
}

// Lexicon gives the English senses of a Chinese word: the bilingual
// dictionary discovery takes as prior evidence (CC-CEDICT in Zhen).
type Lexicon interface {
	Senses(zh string) []string
}

// DiscoveredTerm is a Chinese term rendered in more than one way.
type DiscoveredTerm struct {
	ZH           string                `json:"zh"`
	Renderings   []DiscoveredRendering `json:"renderings"` // most used first
	Unaligned    []uint                `json:"unaligned"`  // clauses with the term where no rendering was found
	Clauses      int                   `json:"clauses"`    // translated clauses with the term
	Statements   int                   `json:"statements"`
	InGlossary   bool                  `json:"in_glossary"`
	EntryID      uint                  `json:"entry_id,omitempty"`
	Abbreviation bool                  `json:"abbreviation"` // the renderings differ only as abbreviation and full form
	Score        float64               `json:"score"`        // higher first: how much a reviewer should look
}

// DiscoveredRendering is one way a term was rendered: the English span,
// as written in the first clause that has it, and where.
type DiscoveredRendering struct {
	EN             string `json:"en"`
	Count          int    `json:"count"`                     // clauses
	Clauses        []uint `json:"clauses"`                   // at most discoverClauseIDs of them
	Documents      []uint `json:"documents"`                 // every statement, in order of first use
	AbbreviationOf string `json:"abbreviation_of,omitempty"` // the rendering this one abbreviates or shortens

	key string // the grouping key (spanKey)
}

// DiscoverInput is what discovery reads.
type DiscoverInput struct {
	Pairs    []Pair  // the translated clauses of the corpus
	Glossary []Entry // its terms are always candidates; their renderings count as dictionary senses
	Lexicon  Lexicon // may be nil
}

// Discovery limits: what keeps a large corpus within seconds and bounded
// memory.
const (
	discoverCandidates = 3000 // recurring Chinese strings considered, most frequent first (glossary terms come on top)
	discoverSample     = 300  // clauses of a term whose English is aligned span by span; the rest are matched against what those found
	discoverStats      = 5000 // clauses of a term its co-occurrence counts are taken from
	discoverClauseIDs  = 100  // clause ids listed per rendering
	discoverMaxSpan    = 10   // words in a rendering
)

// Discover finds Chinese terms that recur in the translated clauses (in two
// clauses at least) and whose English differs between them.
//
// Candidates are the recurring Han strings Suggest would propose, counted
// clause by clause, plus the glossary's terms. An occurrence inside a
// longer candidate belongs to the longer one (伙伴关系 inside
// 全面战略协作伙伴关系 is not a use of 伙伴关系).
//
// In each clause the term is aligned to an English span: every word of the
// English gets a score for how likely it translates the term, the best of
//
//   - the dictionary: the word is in a sense of the term (1), of a part of it
//     of two characters or more (0.7) or of one of its characters (0.5) —
//     spelling folded to one convention (defence/defense, -ise/-ize);
//   - co-occurrence: the Dice coefficient between the word and the term over
//     all translated clauses, times a/(a+2) for a co-occurrences, so that a
//     word seen once or twice is weak evidence on its own, and none where
//     the log-likelihood ratio says the co-occurrence may be chance;
//
// less 0.5 when the dictionary says Chinese outside the term in that clause
// translates it (成员国 for "member states" beside 上海合作组织). The span is
// the run of words whose scores exceed a threshold by the most (a maximum
// subarray; function words inside cost a little). A second pass prefers
// spans other clauses use, so that context words do not split one rendering
// into many; spans found once with no dictionary support are left out as
// unreliable.
//
// Spans are grouped by their words with articles dropped and plurals
// folded; each group is shown as first written. An all-capitals span made of
// the initials of another rendering (SCO, Shanghai Cooperation
// Organisation) is marked as its abbreviation, and a term whose renderings
// differ only that way is marked and ranked lower.
//
// Ranking: clauses not using the most common rendering, weighed up by the
// statements involved and for what looks like a term (a proper name, a
// glossary entry, three or more Chinese characters), down for single
// lowercase words (general vocabulary such as "strengthen"/"enhance").
func Discover(ctx context.Context, in DiscoverInput) ([]DiscoveredTerm, error) {
	s := &stop.Counter{Ctx: ctx}
	d := &discovery{in: in, s: s, vocab: map[string]int32{}, lexKeys: map[string][]string{}}
	if err := d.findTerms(); err != nil {
		return nil, err
	}
	if err := d.readEnglish(); err != nil {
		return nil, err
	}
	// Two passes: the first finds every term's renderings; the second
	// aligns again the terms found inconsistent, knowing which English
	// words the other terms of each clause claim (SCO, claimed by
	// 上海合作组织, is not part of 理事会's rendering in "the SCO Council").
	found := map[int]*DiscoveredTerm{}
	for ti := range d.terms {
		t, err := d.discover(&d.terms[ti])
		if err != nil {
			return nil, err
		}
		if t != nil {
			found[ti] = t
		}
	}
	d.indexClaims()
	var out []DiscoveredTerm
	for ti := range d.terms {
		if found[ti] == nil {
			continue
		}
		t, err := d.discover(&d.terms[ti])
		if err != nil {
			return nil, err
		}
		if t != nil {
			out = append(out, *t)
		}
	}
	slices.SortFunc(out, func(a, b DiscoveredTerm) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), strings.Compare(a.ZH, b.ZH))
	})
	return out, nil
}

type discovery struct {
	in    DiscoverInput
	s     *stop.Counter
	zh    []string     // normalised Chinese of each pair
	segs  [][][]zhSpan // by pair: its words, run by run, once cut (see segmentation)
	terms []dterm

	vocab    map[string]int32      // word key → id
	words    []wordInfo            // by id
	df       []int32               // by id: clauses with the word
	ids      [][]int32             // by pair: its English's word ids
	capitals []bool                // by pair: its English has a word of two capitals or more (an abbreviation, maybe)
	wordsOf  map[int][]englishWord // by pair: its English's words, for the term at hand (see englishOf)
	termsIn  map[int32][]termAt    // by pair: its terms that claim words (second pass only)
	lexKeys  map[string][]string
}

type dterm struct {
	zh    string
	entry *Entry
	occ   []termOcc
	verb  bool          // the dictionary has it as a verb: general language more than a term
	claim []string      // the word keys of its renderings used twice or more, once aligned
	keys  []weightedKey // its dictionary evidence, once asked for (see termKeys)
}

// termAt is a term's occurrence in a clause, for the clause's other terms.
type termAt struct {
	term       int32
	start, end int32
}

// indexClaims lists each clause's terms, for the second pass.
func (d *discovery) indexClaims() {
	d.termsIn = make(map[int32][]termAt)
	for ti, t := range d.terms {
		if len(t.claim) == 0 {
			continue
		}
		for _, o := range t.occ {
			d.termsIn[o.pair] = append(d.termsIn[o.pair], termAt{int32(ti), o.start, o.end})
		}
	}
}

// claimed counts the word keys that the clause's other terms claim,
// outside t's occurrence: a word without the dictionary behind it that
// another term's rendering has is that term's (the SCO of 上海合作组织).
func (d *discovery) claimed(t *dterm, o termOcc) map[string]int {
	var out map[string]int
	for _, u := range d.termsIn[o.pair] {
		if &d.terms[u.term] == t || u.start < o.end && o.start < u.end {
			continue
		}
		if out == nil {
			out = map[string]int{}
		}
		for _, k := range d.terms[u.term].claim {
			out[k]++
		}
	}
	return out
}

// termOcc is a term's first occurrence in a pair that is not inside a
// longer candidate's.
type termOcc struct {
	pair       int32
	start, end int32 // bytes in the normalised Chinese
}

type wordInfo struct {
	key  string // lower case, plural folded: what renderings are grouped by
	dict string // the key spelling-folded, compared with dictionary senses
	stop bool
}

// findTerms collects the candidates and where they occur.
func (d *discovery) findTerms() error {
	d.zh = make([]string, len(d.in.Pairs))
	d.segs = make([][][]zhSpan, len(d.in.Pairs))
	for i, p := range d.in.Pairs {
		if err := d.s.Step(); err != nil {
			return err
		}
		d.zh[i] = Normalize(p.ZH)
	}
	kept, _, err := d.wordCandidates()
	if err != nil {
		return err
	}
	index := map[string]int{}
	for i := range d.in.Glossary {
		e := &d.in.Glossary[i]
		zh := Normalize(e.ZH)
		if _, dup := index[zh]; zh == "" || dup {
			continue
		}
		index[zh] = len(d.terms)
		d.terms = append(d.terms, dterm{zh: zh, entry: e})
	}
	for _, g := range kept {
		if _, dup := index[g]; !dup {
			index[g] = len(d.terms)
			d.terms = append(d.terms, dterm{zh: g})
		}
	}
	patterns := make([]string, len(d.terms))
	for i, t := range d.terms {
		patterns[i] = t.zh
	}
	m := NewMatcher(patterns)
	var ms []Match
	for pi, zh := range d.zh {
		if err := d.s.Step(); err != nil {
			return err
		}
		ms = ms[:0]
		m.ScanOverlapping(zh, func(x Match) bool {
			ms = append(ms, x)
			return true
		})
		seen := map[int]bool{}
		for _, x := range ms {
			if seen[x.Pattern] || insideLonger(x, ms) {
				continue
			}
			seen[x.Pattern] = true
			t := &d.terms[x.Pattern]
			t.occ = append(t.occ, termOcc{pair: int32(pi), start: int32(x.Start), end: int32(x.End)})
		}
	}
	for i := range d.terms {
		t := &d.terms[i]
		t.verb = d.isVerb(t.zh)
		if t.entry == nil && d.splitsWords(t) {
			t.occ = nil
		}
	}
	return nil
}

// isVerb says whether the dictionary gives zh as a verb ("to deepen").
func (d *discovery) isVerb(zh string) bool {
	if d.in.Lexicon == nil {
		return false
	}
	return slices.ContainsFunc(d.in.Lexicon.Senses(zh), func(s string) bool { return strings.HasPrefix(s, "to ") })
}

// onlyVerb says whether every sense the dictionary gives zh is a verb's
// (重启: "to restart"; not 睦邻, also "amicable relationship with one's
// neighbor").
func (d *discovery) onlyVerb(zh string) bool {
	senses := d.in.Lexicon.Senses(zh)
	return len(senses) > 0 && !slices.ContainsFunc(senses, func(s string) bool { return !strings.HasPrefix(s, "to ") })
}

// dropPhrases leaves out candidates that are phrases rather than terms:
//
//   - a verb and its object (构建人类命运共同体, 重启六方会谈): the object
//     takes its place if it recurs, since the term is the object and the
//     phrase's renderings vary with the verb's grammar;
//   - two strings side by side that are both common apart
//     (中俄 + 全面战略协作伙伴关系, 上海合作组织 + 成员国): each is its own
//     term. 上海 + 合作组织 stays: 上海 is rarely apart;
//   - words around a glossary term or a long dictionary word that is
//     clearly more common alone (双方支持上海合作组织, 恪守联合国宪章).
func (d *discovery) dropPhrases(stats map[string]*seqStats, kept []string) []string {
	occ := func(g string) int {
		if st := stats[g]; st != nil {
			return st.occ
		}
		return 0
	}
	apart := func(whole, part string) bool { // part is common outside whole
		return occ(part) >= 2*occ(whole) && (utf8.RuneCountInString(part) > 1)
	}
	// Strong terms: the glossary's, and dictionary words of four
	// characters or more among the candidates.
	var strong []string
	for i := range d.in.Glossary {
		strong = append(strong, Normalize(d.in.Glossary[i].ZH))
	}
	for _, g := range kept {
		if utf8.RuneCountInString(g) >= 4 && d.inLexicon(g) {
			strong = append(strong, g)
		}
	}
	seen := map[string]bool{}
	out := kept[:0]
next:
	for _, g := range kept {
		r := []rune(g)
		if d.inLexicon(g) { // a dictionary word is one word (发展中国家 is no 发展 of 中国家)
			if !seen[g] {
				seen[g] = true
				out = append(out, g)
			}
			continue
		}
		// A verb (in the dictionary's words, "to …") whose object also
		// goes without it, or that goes with other objects, or that is
		// nothing but a verb: 睦邻 ("to get on well with one's neighbors")
		// in 睦邻友好合作条约 is none of these.
		if verb, rest := string(r[:min(2, len(r))]), string(r[min(2, len(r)):]); len(r) >= 4 && d.isVerb(verb) &&
			(occ(rest) > occ(g) || occ(verb) >= 2*occ(g) || d.onlyVerb(verb)) {
			if occ(rest) >= 2 && d.validCandidate(rest) {
				g, r = rest, r[2:]
			} else {
				continue
			}
		}
		for i := 2; i <= len(r)-2; i++ {
			if apart(g, string(r[:i])) && apart(g, string(r[i:])) {
				continue next
			}
		}
		// Words around a term that is clearly more common alone
		// (双方支持 + 上海合作组织): the term is the candidate.
		for _, t := range strong {
			if len(t) < len(g) && strings.Contains(g, t) && 2*occ(t) >= 3*occ(g) {
				continue next
			}
		}
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	return out
}

// inLexicon says whether the dictionary has zh.
func (d *discovery) inLexicon(zh string) bool {
	return d.in.Lexicon != nil && len(d.in.Lexicon.Senses(zh)) > 0
}

// splitsWords says whether most of a candidate's occurrences begin or end
// inside a dictionary word (进区域 in 促进区域): a chance string, not a term.
func (d *discovery) splitsWords(t *dterm) bool {
	if d.in.Lexicon == nil {
		return false
	}
	word := func(s string) bool { return len(d.in.Lexicon.Senses(s)) > 0 }
	first, _ := utf8.DecodeRuneInString(t.zh)
	last, _ := utf8.DecodeLastRuneInString(t.zh)
	head, tail := t.zh, t.zh
	if r := []rune(t.zh); len(r) > 2 {
		head, tail = string(r[:2]), string(r[len(r)-2:])
	}
	split := 0
	for _, o := range t.occ {
		zh := d.zh[o.pair]
		before, bsize := utf8.DecodeLastRuneInString(zh[:o.start])
		after, _ := utf8.DecodeRuneInString(zh[o.end:])
		if bsize > 0 && unicode.Is(unicode.Han, before) && word(string(before)+string(first)) && !word(head) ||
			int(o.end) < len(zh) && unicode.Is(unicode.Han, after) && word(string(last)+string(after)) && !word(tail) {
			split++
		}
	}
	return 2*split > len(t.occ)
}

// insideLonger says whether x lies within another, longer match.
func insideLonger(x Match, ms []Match) bool {
	for _, y := range ms {
		if y.Start <= x.Start && x.End <= y.End && y.End-y.Start > x.End-x.Start {
			return true
		}
	}
	return false
}

// readEnglish turns every English into word ids and counts in how many
// clauses each word is.
func (d *discovery) readEnglish() error {
	d.ids = make([][]int32, len(d.in.Pairs))
	d.capitals = make([]bool, len(d.in.Pairs))
	var seen []int32
	for pi, p := range d.in.Pairs {
		if err := d.s.Step(); err != nil {
			return err
		}
		ws := englishWords(p.EN)
		ids := make([]int32, len(ws))
		for _, w := range ws {
			if looksAbbreviation(p.EN[w.start:w.end]) {
				d.capitals[pi] = true
				break
			}
		}
		seen = seen[:0]
		for i, w := range ws {
			id := d.word(w.norm)
			ids[i] = id
			if !slices.Contains(seen, id) {
				seen = append(seen, id)
				d.df[id]++
			}
		}
		d.ids[pi] = ids
	}
	return nil
}

func (d *discovery) word(norm string) int32 {
	if id, ok := d.vocab[norm]; ok {
		return id
	}
	id := int32(len(d.words))
	d.vocab[norm] = id
	key := stemWord(norm)
	d.words = append(d.words, wordInfo{key: key, dict: dictKey(key), stop: englishStop[norm] || englishStop[strings.TrimSuffix(strings.TrimSuffix(norm, "'s"), "’s")] || isNumber(norm)})
	d.df = append(d.df, 0)
	return id
}

// englishOf is englishWords of a pair's English, kept while one term is
// discovered (its clauses are read many times; the corpus's would not fit).
func (d *discovery) englishOf(pair int) []englishWord {
	ws, ok := d.wordsOf[pair]
	if !ok {
		ws = englishWords(d.in.Pairs[pair].EN)
		d.wordsOf[pair] = ws
	}
	return ws
}

// englishWord is a word of an English text: letters and digits, with the
// apostrophes inside it (People's). A hyphen separates words, so that
// China-ASEAN holds ASEAN; a span keeps the hyphens it spans.
type englishWord struct {
	start, end int // bytes
	norm       string
}

func englishWords(s string) []englishWord {
	var out []englishWord
	start := -1
	for i, r := range s {
		if isWord(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && (r == '\'' || r == '’') {
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if isWord(next) {
				continue
			}
		}
		if start >= 0 {
			out = append(out, englishWord{start, i, strings.ToLower(s[start:i])})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, englishWord{start, len(s), strings.ToLower(s[start:])})
	}
	return out
}

// isNumber says whether a word is digits only: a number is the English
// of the Chinese number beside the term, never part of its rendering.
func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// stemWord folds what grammar changes and a rendering does not: a
// possessive, a plural and a verb's -ing and -ed (countries → country,
// States → state, promoting and promote → promot). The result is only a
// key for grouping.
func stemWord(w string) string {
	for _, p := range []string{"'s", "’s"} {
		w = strings.TrimSuffix(w, p)
	}
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:len(w)-1]
	case len(w) > 5 && strings.HasSuffix(w, "ing"):
		w = w[:len(w)-3]
	case len(w) > 5 && strings.HasSuffix(w, "ed"):
		w = w[:len(w)-2]
	}
	if len(w) > 4 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	return w
}

// dictKey folds British and American spelling, for comparing a word's key
// with dictionary senses only (renderings keep their spelling: defence and
// defense are an inconsistency worth showing). Keys are stemmed already, so
// the endings are theirs (organisation; centre as centr); sameRoot does the
// rest (defenc, defens).
func dictKey(key string) string { return spelling(key) }

var spellingEndings = [][2]string{{"isation", "ization"}, {"tr", "ter"}}

func spelling(w string) string {
	if len(w) > 4 {
		w = strings.ReplaceAll(w, "our", "or")
	}
	for _, e := range spellingEndings {
		if len(w) > len(e[0])+2 && strings.HasSuffix(w, e[0]) {
			return w[:len(w)-len(e[0])] + e[1]
		}
	}
	return w
}

// sameRoot says whether two dictionary keys are one word: equal, or
// sharing a long prefix (neighbor, neighborliness; strategy, strategic).
func sameRoot(a, b string) bool {
	if a == b {
		return true
	}
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	shorter := min(len(a), len(b))
	return n >= 5 && float64(n) >= 0.7*float64(shorter)
}

// englishStop are function words: never a rendering's first or last word.
var englishStop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the of and or in on at to for with by from as into onto upon about between among
		this that these those its it their they them he she his her we our us you your i be is are was were been being
		has have had do does did will would shall should can could may might must not no nor but if then than so such
		also both each either all any other which who whom whose what when where while there here very more most well
		one's itself themselves`) {
		m[w] = true
	}
	return m
}()

// senseKeys returns the dictionary keys of a Chinese word's senses, cached.
func (d *discovery) senseKeys(zh string) []string {
	if keys, ok := d.lexKeys[zh]; ok {
		return keys
	}
	var keys []string
	if d.in.Lexicon != nil {
		for _, sense := range d.in.Lexicon.Senses(zh) {
			keys = appendTextKeys(keys, sense)
		}
	}
	d.lexKeys[zh] = keys
	return keys
}

func appendTextKeys(keys []string, text string) []string {
	for _, w := range englishWords(text) {
		if englishStop[w.norm] {
			continue
		}
		if k := dictKey(stemWord(w.norm)); !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// weightedKey is a dictionary key and how strongly it speaks for the term.
type weightedKey struct {
	key    string
	weight float64
}

// termKeys is the dictionary evidence for a term: the senses of the whole
// (and the glossary entry's renderings), of its parts and of its characters.
func (d *discovery) termKeys(t *dterm) []weightedKey {
	if t.keys == nil { // both passes and the ranking ask
		t.keys = d.dictionaryEvidence(t)
		if t.keys == nil {
			t.keys = []weightedKey{}
		}
	}
	return t.keys
}

func (d *discovery) dictionaryEvidence(t *dterm) []weightedKey {
	var out []weightedKey
	add := func(keys []string, w float64) {
		for _, k := range keys {
			i := slices.IndexFunc(out, func(x weightedKey) bool { return x.key == k })
			if i < 0 {
				out = append(out, weightedKey{k, w})
			} else if out[i].weight < w {
				out[i].weight = w
			}
		}
	}
	if e := t.entry; e != nil {
		var keys []string
		for _, r := range append(append([]string{e.EN}, e.Variants...), e.Forbidden...) {
			keys = appendTextKeys(keys, r)
		}
		add(keys, 1)
	}
	runes := []rune(t.zh)
	for n := len(runes); n >= 1; n-- {
		w := 0.7
		switch {
		case n == len(runes):
			w = 1
		case n == 1:
			w = 0.45 // a character's senses are many: barely evidence alone
		}
		for i := 0; i+n <= len(runes); i++ {
			add(d.senseKeys(string(runes[i:i+n])), w)
		}
	}
	return out
}

// outsideKeys counts, for each dictionary key, the words of a clause's
// Chinese outside the term's occurrence whose senses have it (but for words
// of the term itself: 发展 said again beside 发展中国家 is no other word's
// English).
func (d *discovery) outsideKeys(t *dterm, o termOcc, inEnglish map[string]int) map[string]int {
	zh := d.zh[o.pair]
	out := map[string]int{}
	for _, words := range d.segmentation(int(o.pair)) {
		for _, w := range words {
			s := zh[w.start:w.end]
			if w.start < o.end && o.start < w.end || utf8.RuneCountInString(s) < 2 || strings.Contains(t.zh, s) {
				continue
			}
			for _, k := range d.senseKeys(s) {
				if inEnglish[k] > 0 { // only what the English says matters
					out[k]++
				}
			}
		}
	}
	return out
}

// span is a rendering found in a clause.
type span struct {
	pair       int
	from, to   int // word indexes, to exclusive
	key        string
	score      float64
	dictionary bool // some word is the dictionary's
}

const (
	wordThreshold = 0.4  // a word's score must exceed it to be part of a span
	stopCost      = 0.05 // a function word inside a span
	outsidePenal  = 0.7  // the dictionary gives the word to Chinese outside the term: at a span's edge it is cut off, inside it may stay
	sharedPenal   = 0.3  // … and to the term too (Cooperation: 合作 in 上海合作组织, 经合 beside it)
	knownBonus    = 0.35 // per ln(1+uses elsewhere): a span other clauses use
	// A word's co-occurrence with the term is evidence only where
	// Dunning's G² says it is not chance at 5% (3.84), or where the word
	// is only ever with the term (in a few clauses nothing is significant). On the evaluation
	// sets the gate changes nothing; p < 1% (6.63) or 0.1% (10.83) cost
	// the seed set's recall in the top 10 (0.83 → 0.75).
	significant = 3.84
)

// discover aligns one term in its clauses and reports it if its renderings
// differ.
func (d *discovery) discover(t *dterm) (*DiscoveredTerm, error) {
	if len(t.occ) < 2 {
		return nil, nil
	}
	d.wordsOf = map[int][]englishWord{}
	keys := d.termKeys(t)
	dictScore := map[int32]float64{}
	dictOf := func(id int32) float64 {
		if v, ok := dictScore[id]; ok {
			return v
		}
		best := 0.0
		for _, wk := range keys {
			if wk.weight > best && sameRoot(d.words[id].dict, wk.key) {
				best = wk.weight
			}
		}
		dictScore[id] = best
		return best
	}
	// Rounds: the first counts co-occurrence over all the term's clauses
	// and finds the common renderings; each next one counts it over the
	// clauses still without a rendering only, where a rarer rendering
	// stands out (Association of Southeast Asian Nations beside ASEAN).
	sample := spread(t.occ, discoverSample)
	type aligned struct {
		o      termOcc
		scores []float64
		dict   []bool
		best   *span
	}
	var al []aligned
	remaining := sample
	for round := 0; round < 3 && len(remaining) > 0; round++ {
		statsOcc := remaining
		if round == 0 {
			statsOcc = spread(t.occ, discoverStats)
		}
		co, err := d.cooccurrence(statsOcc)
		if err != nil {
			return nil, err
		}
		n := float64(len(remaining))
		scale := 1.0
		if round == 0 {
			n = float64(len(t.occ))
			scale = n / float64(len(statsOcc)) // df is over every clause
		}
		total := float64(len(d.in.Pairs))
		assoc := func(id int32) float64 {
			a := float64(co[id]) * scale
			df := float64(d.df[id])
			if round == 0 && df > a && logLikelihood(a, n, df, total) < significant {
				return 0
			}
			dice := 2 * a / (n + df)
			return dice * a / (a + 2)
		}
		var next []termOcc
		for _, o := range remaining {
			if err := d.s.Step(); err != nil {
				return nil, err
			}
			scores, dict := d.wordScores(t, o, dictOf, assoc)
			a := aligned{o: o, scores: scores, dict: dict, best: d.bestSpan(int(o.pair), scores, dict)}
			if a.best == nil {
				next = append(next, o)
				continue
			}
			al = append(al, a)
		}
		if round == 2 || len(next) == len(remaining) {
			// Left without a rendering; the second pass may still find
			// one that other clauses use.
			for _, o := range next {
				scores, dict := d.wordScores(t, o, dictOf, func(int32) float64 { return 0 })
				al = append(al, aligned{o: o, scores: scores, dict: dict})
			}
			break
		}
		remaining = next
	}
	uses := map[string]int{}
	for _, a := range al {
		if a.best != nil {
			uses[a.best.key]++
		}
	}
	// Second pass: a span other clauses use wins over a slightly better
	// one of this clause alone.
	for i := range al {
		a := &al[i]
		if a.best != nil {
			uses[a.best.key]--
		}
		if sp := d.knownSpan(int(a.o.pair), a.scores, a.dict, uses); sp != nil && (a.best == nil || sp.score+knownBonus*math.Log1p(float64(uses[sp.key])) > a.best.score) {
			a.best = sp
		}
		if a.best != nil {
			uses[a.best.key]++
		}
	}
	// A span that is part of a more common rendering may have lost the
	// words that differ: take the words in their place (cross-border crime
	// where transnational crime is common), unless they are function
	// words or another word's English.
	for i := range al {
		a := &al[i]
		if a.best == nil || a.scores == nil {
			continue
		}
		for m, n := range uses {
			if n > uses[a.best.key] && containsWords(m, a.best.key) {
				d.fillSlot(a.best, a.scores, m)
				break
			}
		}
	}
	var spans []*span
	var unaligned []int // pairs
	for _, a := range al {
		if a.best == nil {
			unaligned = append(unaligned, int(a.o.pair))
			continue
		}
		spans = append(spans, a.best)
	}
	// The clauses beyond the sample take the renderings the sample found.
	if len(sample) < len(t.occ) {
		inSample := map[int]bool{}
		for _, o := range sample {
			inSample[int(o.pair)] = true
		}
		for _, o := range t.occ {
			if err := d.s.Step(); err != nil {
				return nil, err
			}
			if inSample[int(o.pair)] {
				continue
			}
			if sp := d.knownSpan(int(o.pair), nil, nil, uses); sp != nil {
				spans = append(spans, sp)
			} else {
				unaligned = append(unaligned, int(o.pair))
			}
		}
	}
	return d.report(t, spans, unaligned), nil
}

// cooccurrence counts in how many of occ's clauses each word is.
func (d *discovery) cooccurrence(occ []termOcc) (map[int32]int32, error) {
	co := map[int32]int32{}
	seen := map[int32]bool{}
	for _, o := range occ {
		if err := d.s.Step(); err != nil {
			return nil, err
		}
		clear(seen)
		for _, id := range d.ids[o.pair] {
			if !seen[id] {
				seen[id] = true
				co[id]++
			}
		}
	}
	return co, nil
}

// wordScores scores every word of a clause's English for translating the
// term there, less wordThreshold; dict says which have the dictionary
// behind them.
func (d *discovery) wordScores(t *dterm, o termOcc, dictOf, assoc func(int32) float64) ([]float64, []bool) {
	ids := d.ids[o.pair]
	// How often each key is in the English: a word said more often than
	// the Chinese outside the term says it is the term's in one place
	// (green growth … economic growth, for 绿色发展 beside 经济增长).
	inEnglish := map[string]int{}
	for _, id := range ids {
		inEnglish[d.words[id].dict]++
	}
	outside := d.outsideKeys(t, o, inEnglish)
	claims := d.claimed(t, o)
	scores := make([]float64, len(ids))
	fromDict := make([]bool, len(ids))
	for i, id := range ids {
		w := d.words[id]
		if w.stop {
			scores[i] = -stopCost
			continue
		}
		dict := dictOf(id)
		v := max(dict, assoc(id))
		fromDict[i] = dict >= 0.5
		if outside[w.dict] > 0 && inEnglish[w.dict] <= outside[w.dict] ||
			claims[w.key] > 0 && dict == 0 {
			if dict >= 0.5 {
				v -= sharedPenal
			} else {
				v -= outsidePenal
			}
		}
		scores[i] = v - wordThreshold
	}
	return scores, fromDict
}

// logLikelihood is Dunning's G² for a word in df of total clauses and a
// term in n, together in a.
func logLikelihood(a, n, df, total float64) float64 {
	cells := [4][2]float64{
		{a, n * df / total},
		{n - a, n * (total - df) / total},
		{df - a, (total - n) * df / total},
		{total - n - df + a, (total - n) * (total - df) / total},
	}
	g := 0.0
	for _, c := range cells {
		if c[0] > 0 && c[1] > 0 {
			g += c[0] * math.Log(c[0]/c[1])
		}
	}
	return 2 * g
}

// spread picks at most n occurrences evenly over the corpus.
func spread(occ []termOcc, n int) []termOcc {
	if len(occ) <= n {
		return occ
	}
	out := make([]termOcc, n)
	for i := range out {
		out[i] = occ[i*len(occ)/n]
	}
	return out
}

// bestSpan is the maximum-sum run of word scores, if any word in it is
// evidence for the term.
func (d *discovery) bestSpan(pair int, scores []float64, dict []bool) *span {
	var best *span
	ids := d.ids[pair]
	breaks := d.breaks(pair)
	for from := range scores {
		if scores[from] <= 0 {
			continue
		}
		sum := 0.0
		for to := from; to < len(scores) && to-from < discoverMaxSpan && (to == from || !breaks[to]); to++ {
			v := scores[to]
			// A word said twice is the term's once: "developing countries
			// in developing" is not a rendering of 发展中国家.
			if v > 0 && slices.ContainsFunc(ids[from:to], func(id int32) bool { return d.words[id].key == d.words[ids[to]].key }) {
				v = -wordThreshold
			}
			sum += v
			// At equal scores the longer span: words that cost nothing
			// belong to the rendering as much as to the context.
			if v >= 0 && (best == nil || sum > best.score || sum >= best.score-1e-9 && from == best.from) {
				best = d.newSpan(pair, from, to+1, sum, dict)
			}
		}
	}
	if best != nil {
		d.extendName(best, scores)
	}
	return best
}

// fillSlot extends sp, part of the rendering whole, by as many words as
// whole has beside it (one more), on each side.
func (d *discovery) fillSlot(sp *span, scores []float64, whole string) {
	at := strings.Index(" "+whole+" ", " "+sp.key+" ")
	before := len(strings.Fields(whole[:at]))
	after := len(strings.Fields(whole)) - before - len(strings.Fields(sp.key))
	breaks := d.breaks(sp.pair)
	ids := d.ids[sp.pair]
	usable := func(i int) bool { return !d.words[ids[i]].stop && scores[i]+wordThreshold > -0.05 }
	changed := false
	for n := 0; before > 0 && n <= before && sp.from > 0 && !breaks[sp.from] && usable(sp.from-1); n++ {
		sp.from--
		changed = true
	}
	for n := 0; after > 0 && n <= after && sp.to < len(ids) && !breaks[sp.to] && usable(sp.to); n++ {
		sp.to++
		changed = true
	}
	if changed {
		sp.key = d.spanKey(sp.pair, sp.from, sp.to)
	}
}

// breaks says, for each word of a pair's English, whether punctuation
// stands between it and the word before: a rendering does not cross it.
func (d *discovery) breaks(pair int) []bool {
	en := d.in.Pairs[pair].EN
	ws := d.englishOf(pair)
	out := make([]bool, len(ws)+1)
	for i := 1; i < len(ws); i++ {
		out[i] = strings.ContainsAny(en[ws[i-1].end:ws[i].start], ",;:.!?()[]\"“”")
	}
	return out
}

// extendName extends a span that is part of a name over the capitalised
// words beside it that nothing else claims (One Belt, One Road), but not
// over a sentence's first word.
func (d *discovery) extendName(sp *span, scores []float64) {
	en := d.in.Pairs[sp.pair].EN
	ws := d.englishOf(sp.pair)
	ids := d.ids[sp.pair]
	capital := func(i int) bool {
		c, _ := utf8.DecodeRuneInString(en[ws[i].start:])
		return unicode.IsUpper(c)
	}
	free := func(i int) bool {
		return capital(i) && !d.words[ids[i]].stop && scores[i]+wordThreshold > 0
	}
	if !capital(sp.from) && !capital(sp.to-1) {
		return
	}
	changed := false
	for sp.from > 1 && sp.to-sp.from < discoverMaxSpan && free(sp.from-1) {
		sp.from--
		changed = true
	}
	for sp.to < len(ws) && sp.to-sp.from < discoverMaxSpan && free(sp.to) {
		sp.to++
		changed = true
	}
	if changed {
		sp.key = d.spanKey(sp.pair, sp.from, sp.to)
	}
}

// knownSpan is the best span of the clause that other clauses use (scored
// by scores if given, by its uses otherwise).
func (d *discovery) knownSpan(pair int, scores []float64, dict []bool, uses map[string]int) *span {
	ids := d.ids[pair]
	var best *span
	bestValue := math.Inf(-1)
	var key []byte // spanKey, built word by word: looking it up allocates nothing
	for from := range ids {
		if d.words[ids[from]].stop {
			continue
		}
		key = key[:0]
		for to := from + 1; to <= len(ids) && to-from <= discoverMaxSpan; to++ {
			w := d.words[ids[to-1]]
			if w.stop {
				continue
			}
			if len(key) > 0 {
				key = append(key, ' ')
			}
			key = append(key, w.key...)
			n := uses[string(key)]
			if n <= 0 {
				continue
			}
			sum := 0.0
			for i := from; scores != nil && i < to; i++ {
				sum += scores[i]
			}
			value := sum + knownBonus*math.Log1p(float64(n))
			if scores == nil {
				value = float64(n)
			}
			if value > bestValue {
				bestValue = value
				best = d.newSpan(pair, from, to, sum, dict)
			}
		}
	}
	return best
}

func (d *discovery) newSpan(pair, from, to int, score float64, dict []bool) *span {
	sp := &span{pair: pair, from: from, to: to, score: score, key: d.spanKey(pair, from, to)}
	for i := from; dict != nil && i < to; i++ {
		sp.dictionary = sp.dictionary || dict[i]
	}
	return sp
}

// spanKey groups renderings: the keys of their words but function words
// (interference in internal affairs, in each other's internal affairs).
func (d *discovery) spanKey(pair, from, to int) string {
	var b strings.Builder
	for _, id := range d.ids[pair][from:to] {
		w := d.words[id]
		if w.stop {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.key)
	}
	return b.String()
}

// text is the span as written.
func (d *discovery) text(sp *span) string {
	en := d.in.Pairs[sp.pair].EN
	ws := d.englishOf(sp.pair)
	return en[ws[sp.from].start:ws[sp.to-1].end]
}

// mergeVariants merges renderings that differ only in the endings of
// their words (peace, peaceful; mutual benefit, mutually beneficial): the
// same words in another part of speech, which grammar chooses. Names keep
// their exact words: Good-Neighbourliness and Friendly Cooperation is
// another name than Good-Neighbourly Friendship and Cooperation.
func (d *discovery) mergeVariants(groups map[string]*renderingGroup, order []string) []string {
	same := func(a, b string) bool {
		wa, wb := strings.Fields(a), strings.Fields(b)
		if len(wa) != len(wb) {
			return false
		}
		for i := range wa {
			if !sameRoot(wa[i], wb[i]) && !(min(len(wa[i]), len(wb[i])) >= 4 && (strings.HasPrefix(wa[i], wb[i]) || strings.HasPrefix(wb[i], wa[i]))) {
				return false
			}
		}
		return true
	}
	var kept []string
	for _, k := range order {
		g := groups[k]
		merged := false
		for _, into := range kept {
			h := groups[into]
			if !g.named && !h.named && strings.ToLower(g.r.EN) == g.r.EN && strings.ToLower(h.r.EN) == h.r.EN && same(k, into) {
				if g.r.Count > h.r.Count {
					h.r.EN = g.r.EN // shown as most often written
				}
				h.r.Count += g.r.Count
				h.capitals += g.capitals
				for _, id := range g.r.Clauses {
					if len(h.r.Clauses) < discoverClauseIDs && !slices.Contains(h.r.Clauses, id) {
						h.r.Clauses = append(h.r.Clauses, id)
					}
				}
				for _, id := range g.r.Documents {
					if !slices.Contains(h.r.Documents, id) {
						h.r.Documents = append(h.r.Documents, id)
					}
				}
				h.dictionary = h.dictionary || g.dictionary
				delete(groups, k)
				merged = true
				break
			}
		}
		if !merged {
			kept = append(kept, k)
		}
	}
	return kept
}

// sentenceStart says whether word i begins a sentence (or the text).
func sentenceStart(en string, ws []englishWord, i int) bool {
	if i == 0 {
		return true
	}
	return strings.ContainsAny(en[ws[i-1].end:ws[i].start], ".!?;:")
}

// renderingGroup is the spans of one rendering.
type renderingGroup struct {
	r          DiscoveredRendering
	dictionary bool
	initial    bool // r.EN begins its sentence: its capital says nothing
	named      bool // in most clauses a word other than a sentence's first is capitalised
	capitals   int  // clauses where one is
}

func (g *renderingGroup) add(d *discovery, sp *span) {
	p := d.in.Pairs[sp.pair]
	ws := d.englishOf(sp.pair)
	initial := sentenceStart(p.EN, ws, sp.from)
	if g.r.Count == 0 || g.initial && !initial {
		g.r.EN, g.initial = d.text(sp), initial
	}
	for i := sp.from; i < sp.to; i++ {
		c, _ := utf8.DecodeRuneInString(p.EN[ws[i].start:])
		if unicode.IsUpper(c) && !englishStop[ws[i].norm] && !(i == sp.from && initial) {
			g.capitals++
			break
		}
	}
	g.r.Count++
	g.named = 2*g.capitals > g.r.Count
	if len(g.r.Clauses) < discoverClauseIDs {
		g.r.Clauses = append(g.r.Clauses, p.ClauseID)
	}
	if !slices.Contains(g.r.Documents, p.DocumentID) {
		g.r.Documents = append(g.r.Documents, p.DocumentID)
	}
	g.dictionary = g.dictionary || sp.dictionary
}

// report groups a term's spans into renderings and scores the term, nil if
// it is rendered one way.
func (d *discovery) report(t *dterm, spans []*span, unalignedPairs []int) *DiscoveredTerm {
	// An abbreviation of a rendering found elsewhere (SCO) is too rare a
	// word for co-occurrence to find: look for one where nothing or only a
	// span of this clause alone was found.
	texts, uses := map[string]string{}, map[string]int{}
	for _, sp := range spans {
		if _, ok := texts[sp.key]; !ok {
			texts[sp.key] = d.text(sp)
		}
		uses[sp.key]++
	}
	most := 0
	for _, n := range uses {
		most = max(most, n)
	}
	for i, sp := range spans {
		if uses[sp.key] < most {
			if a := d.abbreviationSpan(sp.pair, texts, sp.key); a != nil && (uses[sp.key] == 1 || a.from < sp.to && sp.from < a.to) {
				spans[i] = a
			}
		}
	}
	var unaligned []uint
	for _, pair := range unalignedPairs {
		if sp := d.abbreviationSpan(pair, texts, ""); sp != nil {
			spans = append(spans, sp)
			continue
		}
		unaligned = append(unaligned, d.in.Pairs[pair].ClauseID)
	}
	groups := map[string]*renderingGroup{}
	var order []string
	for _, sp := range spans {
		g := groups[sp.key]
		if g == nil {
			g = &renderingGroup{r: DiscoveredRendering{key: sp.key}}
			groups[sp.key] = g
			order = append(order, sp.key)
		}
		g.add(d, sp)
	}
	order = d.mergeVariants(groups, order)
	texts = map[string]string{}
	for k, g := range groups {
		texts[k] = g.r.EN
	}
	var rs []DiscoveredRendering
	named := false
	for _, k := range order {
		g := groups[k]
		// A span found once, with no dictionary behind it, is as likely
		// context as a rendering.
		if g.r.Count == 1 && !g.dictionary && len(order) > 1 && !abbreviatesAny(g.r.EN, texts) {
			unaligned = append(unaligned, g.r.Clauses...)
			continue
		}
		rs = append(rs, g.r)
		named = named || g.named
	}
	slices.SortStableFunc(rs, func(a, b DiscoveredRendering) int { return cmp.Compare(b.Count, a.Count) })
	if d.termsIn == nil { // the first pass: what the term claims
		t.claim = t.claim[:0]
		for _, r := range rs {
			if r.Count < 2 {
				continue
			}
			for _, k := range strings.Fields(r.key) {
				if !slices.Contains(t.claim, k) {
					t.claim = append(t.claim, k)
				}
			}
		}
	}
	// Abbreviations (SCO) and short forms (the Organisation, of the
	// Shanghai Cooperation Organisation; the Belt and Road of the Belt and
	// Road Initiative) of a rendering used at least as often.
	for i := range rs {
		for j := range rs {
			if i != j && (isAbbreviation(rs[i].EN, rs[j].EN) || rs[j].Count >= rs[i].Count && containsWords(rs[j].key, rs[i].key)) {
				rs[i].AbbreviationOf = rs[j].EN
				break
			}
		}
	}
	if len(rs) < 2 {
		return nil
	}
	slices.Sort(unaligned)
	out := &DiscoveredTerm{ZH: t.zh, Renderings: rs, Unaligned: unaligned, Clauses: len(t.occ)}
	if out.Unaligned == nil {
		out.Unaligned = []uint{}
	}
	docs := map[uint]bool{}
	for _, o := range t.occ {
		docs[d.in.Pairs[o.pair].DocumentID] = true
	}
	out.Statements = len(docs)
	if t.entry != nil {
		out.InGlossary, out.EntryID = true, t.entry.ID
	}
	// One full form and abbreviations of it is the abbreviation case.
	full := 0
	for _, r := range rs {
		if r.AbbreviationOf == "" {
			full++
		}
	}
	out.Abbreviation = full == 1
	out.Score = discoverScore(out, termClass{verb: t.verb, named: named, general: d.general(t, rs)})
	return out
}

// abbreviationSpan is a word of the clause that abbreviates a rendering of
// another group than skip, or words that a rendering abbreviates (the
// Association of Southeast Asian Nations where ASEAN is common).
func (d *discovery) abbreviationSpan(pair int, texts map[string]string, skip string) *span {
	fullForms := false // some rendering is an abbreviation whose full form may be here
	for k, text := range texts {
		fullForms = fullForms || k != skip && looksAbbreviation(text)
	}
	if !fullForms && !d.capitals[pair] {
		return nil // no abbreviation either way: spare reading the words
	}
	en := d.in.Pairs[pair].EN
	ws := d.englishOf(pair)
	for i, w := range ws {
		for k, text := range texts {
			if k != skip && isAbbreviation(en[w.start:w.end], text) {
				return d.newSpan(pair, i, i+1, 0, nil)
			}
		}
	}
	for k, text := range texts {
		if k == skip || !looksAbbreviation(text) {
			continue
		}
		for from := range ws {
			if englishStop[ws[from].norm] {
				continue
			}
			for to := min(len(ws), from+8); to >= from+2; to-- {
				// Every word's initial: a full form found this way must
				// not run on into the next words.
				if !englishStop[ws[to-1].norm] && initialsOf(text, en[ws[from].start:ws[to-1].end], false) {
					return d.newSpan(pair, from, to, 0, nil)
				}
			}
		}
	}
	return nil
}

// looksAbbreviation: 2–8 capitals and digits, a capital first (SCO, G20).
func looksAbbreviation(s string) bool {
	if len(s) < 2 || len(s) > 8 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// numberNames are the numbers abbreviations write in digits (G20, Group
// of Twenty).
var numberNames = map[string]string{"two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
	"eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15", "twenty": "20"}

func abbreviatesAny(abbr string, texts map[string]string) bool {
	for _, text := range texts {
		if isAbbreviation(abbr, text) {
			return true
		}
	}
	return false
}

// isAbbreviation says whether abbr (2–8 capitals, SCO) is made of the
// letters of full in order, the first of each of full's words that is no
// function word included (Shanghai Cooperation Organisation; ASEAN for
// Association of Southeast Asian Nations).
func isAbbreviation(abbr, full string) bool {
	if initialsOf(abbr, full, false) {
		return true
	}
	return initialsOf(abbr, full, true)
}

// initialsOf is isAbbreviation, optionally leaving full's last word out
// (RCEP, Regional Comprehensive Economic Partnership Agreement).
func initialsOf(abbr, full string, withoutLast bool) bool {
	if !looksAbbreviation(abbr) {
		return false
	}
	var content []string
	for _, w := range englishWords(full) {
		if !englishStop[w.norm] {
			content = append(content, cmp.Or(numberNames[w.norm], w.norm))
		}
	}
	if withoutLast {
		if len(content) < 3 {
			return false
		}
		content = content[:len(content)-1]
	}
	if len(content) < 2 || len(abbr) < len(content) {
		return false
	}
	// The last letter is the last word's first, or its digits (G20): SCO
	// is no abbreviation of Shanghai Cooperation, whose O is inside a word.
	last := content[len(content)-1]
	if a := strings.ToLower(abbr); !isNumber(last) && a[len(a)-1] != last[0] {
		return false
	}
	return spells(strings.ToLower(abbr), content)
}

// spells says whether a is made of words' letters in order: each word's
// first letter, then any of its other letters (ASEAN: Association,
// Southeast's S and E, Asian, Nations' N). It tries every choice, not the
// first: Association's own S must not take Southeast's place.
func spells(a string, words []string) bool {
	if len(words) == 0 {
		return a == ""
	}
	w := words[0]
	if a == "" || a[0] != w[0] {
		return false
	}
	var try func(a string, from int) bool // the rest of a, from w[from:] and the next words
	try = func(a string, from int) bool {
		if spells(a, words[1:]) {
			return true
		}
		for i := from; i < len(w) && a != ""; i++ {
			if w[i] == a[0] && try(a[1:], i+1) {
				return true
			}
		}
		return false
	}
	return try(a[1:], 1)
}

// containsWords says whether key's words are a run of long's words.
func containsWords(long, key string) bool {
	return long != key && strings.Contains(" "+long+" ", " "+key+" ")
}

// general says whether a term is a common word translated by its
// synonyms (问题: issues, problems; 国家: countries, state): the most used
// rendering and three quarters of the clauses are single words its
// dictionary entry gives, a choice of style more than of terminology.
func (d *discovery) general(t *dterm, rs []DiscoveredRendering) bool {
	var whole []string
	for _, k := range d.termKeys(t) {
		if k.weight == 1 {
			whole = append(whole, k.key)
		}
	}
	sense := func(r DiscoveredRendering) bool { // one word, one of the entry's
		k := dictKey(r.key)
		return !strings.Contains(r.key, " ") && slices.ContainsFunc(whole, func(w string) bool { return sameRoot(k, w) })
	}
	senses, all := 0, 0
	for _, r := range rs {
		all += r.Count
		if sense(r) {
			senses += r.Count
		}
	}
	return rs[0].AbbreviationOf == "" && 4*senses >= 3*all && senses > 0 && sense(rs[0])
}

// termClass is what ranking knows of a term besides its counts.
type termClass struct {
	verb    bool // the dictionary has it as a verb
	named   bool // a rendering is capitalised inside a sentence: a name
	general bool // see discovery.general
}

// discoverScore ranks a term (see Discover).
func discoverScore(t *DiscoveredTerm, class termClass) float64 {
	aligned := 0
	for _, r := range t.Renderings {
		aligned += r.Count
	}
	minority := float64(aligned - t.Renderings[0].Count)
	termness := 1.0
	if t.InGlossary {
		termness += 0.5
	}
	if utf8.RuneCountInString(t.ZH) >= 3 {
		termness += 0.5
	}
	lowerWords := true
	for _, r := range t.Renderings {
		if len(englishWords(r.EN)) > 1 || class.named {
			lowerWords = false
		}
	}
	if class.named {
		termness += 1
	}
	if lowerWords {
		termness *= 0.5
	}
	if class.verb {
		termness = min(termness, 1) * 0.3
	}
	if class.general {
		termness = min(termness, 1) * 0.25 // a capital in a name does not make 和平 a term
	}
	score := minority * (1 + 0.5*math.Log(float64(max(t.Statements, 1)))) * termness
	if t.Abbreviation {
		score *= 0.15 // below the real inconsistencies
	}
	return math.Round(score*100) / 100
}
