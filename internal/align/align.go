// Package align aligns an existing English translation with the Chinese
// clauses of a document: each English sentence goes to the clause or
// clauses it translates.
//
// The method is Gale and Church's (1993) length-based dynamic programme:
// a translation of n Chinese characters has about c·n English letters with
// a variance proportional to n, and sentences come in "beads" of 1:1, 2:1,
// 1:2 … with prior probabilities. Two kinds of evidence sharpen it: anchors
// (numbers and dates that agree by value, glossary terms; see AnchorFunc)
// and paragraph breaks. The programme is coarse to fine (dp.go): a long
// text is first aligned in units of two, four … clauses and sentences, and
// then only in a band of bounded width around that path, so time and
// memory grow linearly with the text, and it stops when the caller's
// context ends. Confidence is each bead's posterior probability under all paths
// near the best one (forward–backward). What callers may send is bounded
// by the limits in limits.go.
//
// The package is pure: no I/O, no shared state. The measured accuracy on
// the gold set in testdata is in docs/QA.md ("Alignment").
package align

import (
	"context"
	"math"
	"strconv"
	"strings"
)

// Clause is a Chinese clause of the document, in document order.
type Clause struct {
	ID        uint
	Text      string
	Paragraph int // paragraph index: a bead joining two paragraphs is penalised
}

// Pair is one bead of the alignment: consecutive Chinese clauses and the
// consecutive English sentences that translate them.
//
// Every English sentence is in exactly one Pair, and the pairs are in
// order. Chinese clauses that no English translates come back as pairs of
// Kind "1:0" with English "" and no Sentences, so a caller storing drafts
// must skip them; English sentences with no Chinese (a translator's note)
// are pairs of Kind "0:1" with no ClauseIDs.
type Pair struct {
	ClauseIDs  []uint
	English    string // the sentences joined with single spaces
	Sentences  []int  // indexes into the sentences given to Align
	Confidence float64
	Kind       string // "Chinese:English" counts: "1:1", "2:1", "1:2", "2:2", "3:1", "1:3", "1:0", "0:1"
}

// AnchorFunc returns evidence in [-1, 1] that an English text translates a
// Chinese one: positive when their numbers or terms agree, negative when
// they disagree, 0 for no evidence. Align calls it with the joined texts of
// each candidate bead (one side may be ""), many times with the same
// strings, so an expensive one should cache by string (NumberAnchors and
// TermAnchors do).
type AnchorFunc func(zh, en string) float64

// Options tune Align. The zero value aligns by length and paragraphs alone.
type Options struct {
	Anchors AnchorFunc // nil: no anchors
	// Paragraphs is the English paragraph of each sentence (from Split).
	// When given, a Chinese paragraph break is expected where an English
	// one is. nil: unknown.
	Paragraphs []int
}

// Parameters of the model. The length ratio and variance are measured on
// the gold set (TestLengthModel); the rest were set on it by hand.
const (
	// lengthRatio is English letters and digits per Han character; digits
	// and Latin letters in the Chinese come over one for one (zhUnits).
	lengthRatio = 4.3
	// lengthVariance is the variance of the English length per unit of
	// zhUnits.
	lengthVariance = 11.0

	anchorWeight   = 4.0 // nats for an anchor score of 1
	zhParaCross    = 4.0 // a bead joining clauses of two Chinese paragraphs
	enParaCross    = 1.0 // a bead joining sentences of two English paragraphs (scraped texts glue a title to a clause)
	breakMismatch  = 2.0 // a Chinese paragraph break where the English has none, or the reverse
	emptyPerUnit   = 0.1 // a 1:0 or 0:1 bead, per Han character (or 4.3 English letters)
	notePenalty    = 20  // a translator's note in a bead with Chinese
	temperature    = 1.0 // posteriors are computed from costs divided by this
	pathNeighbours = 12  // half-width of the forward–backward band around the best path
)

// bead is a kind of step: dz clauses against de sentences.
type bead struct {
	dz, de int
	cost   float64 // -log prior
}

// beads and their priors, roughly the proportions in the gold set with
// some mass kept for the rare kinds.
var beads = []bead{
	{1, 1, -math.Log(0.70)},
	{1, 2, -math.Log(0.08)},
	{2, 1, -math.Log(0.08)},
	{1, 0, -math.Log(0.03)},
	{0, 1, -math.Log(0.03)},
	{2, 2, -math.Log(0.01)},
	{3, 1, -math.Log(0.02)},
	{1, 3, -math.Log(0.02)},
}

// Align aligns English sentences to Chinese clauses. Its time and memory
// grow linearly with the texts; it returns ctx.Err() soon after ctx ends.
// It takes texts of any size: callers facing users check them first with
// CheckEnglish and CheckSize.
func Align(ctx context.Context, clauses []Clause, sentences []string, opt Options) ([]Pair, error) {
	return newAligner(ctx, clauses, sentences, opt).align()
}

func (a *aligner) align() ([]Pair, error) {
	if err := a.progress.ctx.Err(); err != nil {
		return nil, err
	}
	path, err := a.viterbi()
	if err != nil {
		return nil, err
	}
	post, err := a.posteriors(path)
	if err != nil {
		return nil, err
	}
	clauses, sentences := a.clauses, a.sentences
	pairs := make([]Pair, len(path))
	for k, st := range path {
		b := beads[st.b]
		p := Pair{Kind: strconv.Itoa(b.dz) + ":" + strconv.Itoa(b.de)}
		for i := st.i; i < st.i+b.dz; i++ {
			p.ClauseIDs = append(p.ClauseIDs, clauses[i].ID)
		}
		for j := st.j; j < st.j+b.de; j++ {
			p.Sentences = append(p.Sentences, j)
		}
		p.English = strings.Join(sentences[st.j:st.j+b.de], " ")
		p.Confidence = a.confidence(st, post[k])
		pairs[k] = p
	}
	return pairs, nil
}

// step is a bead of the path starting at cell (i, j): clauses from i,
// sentences from j.
type step struct{ i, j, b int }

// aligner is one level of the programme: the texts themselves, or (made
// by coarser) units of several clauses and sentences, which have lengths
// only: no clauses, sentences, notes, paragraphs or anchors.
type aligner struct {
	progress  *progress
	clauses   []Clause
	sentences []string
	opt       Options
	n, m      int
	cz, ce    []float64   // prefix sums of lengths
	notes     []int       // prefix counts of translator's notes; nil: none
	zhPara    []int       // paragraph of each clause; nil: unknown
	zhJoin    [4][]string // zhJoin[k][i]: clauses i..i+k-1 joined, for anchors
	enJoin    [4][]string
}

func newAligner(ctx context.Context, clauses []Clause, sentences []string, opt Options) *aligner {
	a := &aligner{progress: &progress{ctx: ctx}, clauses: clauses, sentences: sentences, opt: opt, n: len(clauses), m: len(sentences)}
	if len(opt.Paragraphs) != a.m {
		a.opt.Paragraphs = nil
	}
	a.cz = make([]float64, a.n+1)
	a.zhPara = make([]int, a.n)
	for i, c := range clauses {
		a.cz[i+1] = a.cz[i] + zhUnits(c.Text)
		a.zhPara[i] = c.Paragraph
	}
	a.ce = make([]float64, a.m+1)
	a.notes = make([]int, a.m+1)
	for j, s := range sentences {
		a.ce[j+1] = a.ce[j] + enLength(s)
		a.notes[j+1] = a.notes[j]
		if isNote(s) {
			a.notes[j+1]++
		}
	}
	if opt.Anchors != nil {
		zh := make([]string, a.n)
		for i, c := range clauses {
			zh[i] = c.Text
		}
		for k := 1; k <= 3; k++ {
			a.zhJoin[k] = joins(zh, k, "")
			a.enJoin[k] = joins(sentences, k, " ")
		}
	}
	return a
}

// joins returns s[i..i+k-1] joined with sep for every i that has k items.
func joins(s []string, k int, sep string) []string {
	if len(s) < k {
		return nil
	}
	out := make([]string, len(s)-k+1)
	for i := range out {
		out[i] = strings.Join(s[i:i+k], sep)
	}
	return out
}

func (a *aligner) zhText(i, k int) string {
	if k == 0 {
		return ""
	}
	return a.zhJoin[k][i]
}

func (a *aligner) enText(j, k int) string {
	if k == 0 {
		return ""
	}
	return a.enJoin[k][j]
}

// cost is the cost (-log probability, up to a constant) of bead b starting
// at cell (i, j); the caller has checked that it fits.
func (a *aligner) cost(i, j, b int) float64 {
	return a.baseCost(i, j, b) + a.anchorCost(i, j, b)
}

// anchored reports whether bead b starting at sentence j gets an anchor
// score. Beads with an empty side do not: a clause whose numbers are
// nowhere in the English is better left out than put in a bead whose
// English lacks them. Notes are ruled out in any bead with Chinese.
func (a *aligner) anchored(j, b int) bool {
	bd := beads[b]
	return a.opt.Anchors != nil && bd.dz > 0 && bd.de > 0 && a.notesIn(j, bd.de) == 0
}

// anchorCost is the anchor part of the cost, in [-anchorWeight, anchorWeight].
func (a *aligner) anchorCost(i, j, b int) float64 {
	if !a.anchored(j, b) {
		return 0
	}
	bd := beads[b]
	return -anchorWeight * clamp(a.opt.Anchors(a.zhText(i, bd.dz), a.enText(j, bd.de)))
}

// notesIn is the number of translator's notes in the de sentences from j.
func (a *aligner) notesIn(j, de int) int {
	if a.notes == nil {
		return 0
	}
	return a.notes[j+de] - a.notes[j]
}

// baseCost is the cost without anchors: prior, length and paragraphs.
func (a *aligner) baseCost(i, j, b int) float64 {
	bd := beads[b]
	if notes := a.notesIn(j, bd.de); notes > 0 {
		// A translator's note has no Chinese: alone it costs only its
		// prior, with Chinese it is as good as ruled out.
		if bd.dz == 0 {
			return bd.cost
		}
		return bd.cost + notePenalty*float64(notes) + lengthCost(a.cz[i+bd.dz]-a.cz[i], a.ce[j+bd.de]-a.ce[j])
	}
	lz := a.cz[i+bd.dz] - a.cz[i]
	le := a.ce[j+bd.de] - a.ce[j]
	var c float64
	if bd.dz == 0 || bd.de == 0 {
		// Gale and Church's δ would make leaving out a clause cost its
		// length squared; translators drop whole paragraphs, so the cost
		// grows only linearly.
		c = bd.cost + emptyPerUnit*(lz+le/lengthRatio)
	} else {
		c = bd.cost + lengthCost(lz, le)
	}
	if bd.dz >= 2 && a.zhPara != nil && a.zhPara[i] != a.zhPara[i+bd.dz-1] {
		c += zhParaCross
	}
	if par := a.opt.Paragraphs; par != nil {
		if bd.de >= 2 && par[j] != par[j+bd.de-1] {
			c += enParaCross
		}
		// Are both sides at a paragraph break, or neither? Checked at both
		// ends of beads with two sides, half each, so that a run of 1:0
		// beads (an omitted paragraph) is judged where it starts and ends.
		if bd.dz > 0 && bd.de > 0 {
			c += breakMismatch / 2 * (a.breakDiffers(i, j) + a.breakDiffers(i+bd.dz, j+bd.de))
		}
	}
	return c
}

// breakDiffers is 1 when cell (i, j) is a paragraph break on one side
// only; the start and end of the texts count as breaks on both.
func (a *aligner) breakDiffers(i, j int) float64 {
	if i == 0 || i == a.n || j == 0 || j == a.m {
		return b2f((i == 0 || i == a.n) != (j == 0 || j == a.m))
	}
	zb := a.zhPara[i-1] != a.zhPara[i]
	eb := a.opt.Paragraphs[j-1] != a.opt.Paragraphs[j]
	return b2f(zb != eb)
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// notePrefixes start the sentences taken for translator's or editor's
// notes, which no Chinese clause translates.
var notePrefixes = []string{"translator's note", "translator’s note", "translators' note",
	"translators’ note", "editor's note", "editor’s note", "note by the translator", "note:", "n.b.", "tr. note"}

// isNote reports whether an English sentence is a translator's note.
func isNote(s string) bool {
	s = strings.ToLower(strings.TrimLeft(s, "([{*†‡ "))
	for _, p := range notePrefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// clamp keeps an anchor score in [-1, 1]; NaN is no evidence.
func clamp(x float64) float64 {
	switch {
	case x != x:
		return 0
	case x > 1:
		return 1
	case x < -1:
		return -1
	}
	return x
}

// lengthCost is -log P(|δ| ≥ observed) for lz Chinese units against le
// English letters, δ the normalised difference of Gale and Church with
// the mean of both lengths as the scale.
func lengthCost(lz, le float64) float64 {
	if lz == 0 && le == 0 {
		return 0
	}
	mean := (lz + le/lengthRatio) / 2
	d := math.Abs(le-lengthRatio*lz) / math.Sqrt(lengthVariance*mean)
	return tailCost(d)
}

// tailCost is -log(erfc(d/√2)), two-tailed normal, read from a table: it
// is most of the programme's time otherwise.
func tailCost(d float64) float64 {
	x := d * tailSteps
	if x >= float64(len(tailTable)-1) {
		return -logErfc(d / math.Sqrt2)
	}
	k := int(x)
	f := x - float64(k)
	return tailTable[k]*(1-f) + tailTable[k+1]*f
}

const tailSteps = 64 // table entries per unit of δ

var tailTable = func() []float64 {
	t := make([]float64, 30*tailSteps+1)
	for k := range t {
		t[k] = -logErfc(float64(k) / tailSteps / math.Sqrt2)
	}
	return t
}()

// logErfc is log(erfc(x)) for x ≥ 0, without underflow for large x.
func logErfc(x float64) float64 {
	if x < 20 {
		return math.Log(math.Erfc(x))
	}
	return -x*x - math.Log(x*math.SqrtPi)
}

// lengthDelta is δ for a bead, signed: negative when the English is
// shorter than expected.
func lengthDelta(lz, le float64) float64 {
	if lz == 0 && le == 0 {
		return 0
	}
	mean := (lz + le/lengthRatio) / 2
	return (le - lengthRatio*lz) / math.Sqrt(lengthVariance*mean)
}

// confidence turns a bead's posterior into a confidence: lowered for
// beads with an empty side, whose length evidence is weak, and for length
// outliers that the posterior accepted only for want of a better path.
func (a *aligner) confidence(st step, post float64) float64 {
	bd := beads[st.b]
	c := post
	if bd.dz == 0 || bd.de == 0 {
		c *= 0.7
	}
	d := math.Abs(lengthDelta(a.cz[st.i+bd.dz]-a.cz[st.i], a.ce[st.j+bd.de]-a.ce[st.j]))
	if d > 2 {
		c *= math.Exp(-(d - 2) / 2)
	}
	return math.Max(0, math.Min(1, c))
}
