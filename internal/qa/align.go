package qa

import (
	"context"
	"fmt"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/align"
	"github.com/zhen-workbench/zhen/internal/numbering"
	"github.com/zhen-workbench/zhen/internal/segment"
	"github.com/zhen-workbench/zhen/internal/store"
)

// Alignment is a proposed alignment of an English text with a document's
// clauses: every English sentence in exactly one pair, in order.
type Alignment struct {
	Pairs     []AlignedPair `json:"pairs"`
	Clauses   int           `json:"clauses"`
	Sentences int           `json:"sentences"`
}

// AlignedPair is one pair as the API and the CLI show it.
type AlignedPair struct {
	ClauseIDs  []uint   `json:"clause_ids"`
	English    string   `json:"english"`
	Sentences  []string `json:"sentences"`
	Confidence float64  `json:"confidence"`
	Kind       string   `json:"kind"` // "1:1", "2:1", "1:2", "1:0" (a clause without English), "0:1" (English without Chinese) …
}

// Align proposes how the sentences of english translate clauses (one
// document's, in order), anchored on numbers and on the glossary's terms.
// Numbering is Zhen's: a marker clause that Zhen numbers and that heads a
// sentence of its paragraph (四、 before 双方强调…) is left out, keeping its
// English, and the numbering that starts an English paragraph (4. IV. (4)
// 4)) is peeled off its first sentence (or dropped when it is a line of
// its own), so that 4. The two sides… pairs with 双方强调… alone and its
// numbers do not count against it.
// Nothing is stored. Texts over align's limits are refused before any
// work with an *align.TooLargeError; when ctx ends, Align stops and
// returns ctx.Err().
func (c *Checker) Align(ctx context.Context, clauses []store.Clause, english string) (Alignment, error) {
	if err := align.CheckEnglish(english); err != nil {
		return Alignment{}, err
	}
	sentences, paragraphs := align.Split(english)
	sentences, paragraphs = peelNumbering(sentences, paragraphs)
	if len(sentences) == 0 {
		return Alignment{}, fmt.Errorf("the English text has no sentences: paste or upload the English version, one paragraph per line")
	}
	if err := align.CheckSize(len(clauses), len(sentences)); err != nil {
		return Alignment{}, err
	}
	var terms []align.Term
	for e, err := range c.st.Terms(ctx) {
		if err != nil {
			return Alignment{}, err
		}
		if e.Status != glossary.StatusDeprecated {
			terms = append(terms, align.Term{Zh: e.ZH, En: append([]string{e.EN}, e.Variants...)})
		}
	}
	find := func(text, rendering string) bool { return len(glossary.FindRendering(text, rendering, false)) > 0 }
	zh := make([]align.Clause, 0, len(clauses))
	for i, cl := range clauses {
		if zhenNumbers(clauses, i) {
			continue
		}
		zh = append(zh, align.Clause{ID: cl.ID, Text: cl.Source, Paragraph: cl.Paragraph})
	}
	pairs, err := align.Align(ctx, zh, sentences, align.Options{
		Anchors:    align.Combine(align.NumberAnchors(), align.TermAnchors(terms, find)),
		Paragraphs: paragraphs,
	})
	if err != nil {
		return Alignment{}, err
	}
	out := Alignment{Pairs: make([]AlignedPair, len(pairs)), Clauses: len(clauses), Sentences: len(sentences)}
	for i, p := range pairs {
		ap := AlignedPair{ClauseIDs: p.ClauseIDs, English: p.English, Sentences: []string{}, Confidence: p.Confidence, Kind: p.Kind}
		if ap.ClauseIDs == nil {
			ap.ClauseIDs = []uint{}
		}
		for _, j := range p.Sentences {
			ap.Sentences = append(ap.Sentences, sentences[j])
		}
		out.Pairs[i] = ap
	}
	return out, nil
}

// zhenNumbers reports whether clauses[i] is a numbering marker whose
// English Zhen writes (numbering.Parse reads it) followed by a clause of
// the same paragraph: the alignment leaves it to Zhen.
func zhenNumbers(clauses []store.Clause, i int) bool {
	c := clauses[i]
	if c.Kind != string(segment.KindHeading) || i+1 >= len(clauses) || clauses[i+1].Paragraph != c.Paragraph {
		return false
	}
	_, ok := numbering.Parse(c.Source)
	return ok
}

// peelNumbering removes the numbering (numbering.PeelEnglish) from the
// first sentence of each English paragraph, and drops a paragraph that is
// only numbering with its punctuation ((4), 4., IV.) before another one:
// the numbering is the markers', which Zhen writes. A bare numeral (IV)
// stays: it may stand for a part heading (一 alone), which is aligned.
func peelNumbering(sentences []string, paragraphs []int) ([]string, []int) {
	var out []string
	var paras []int
	for j, s := range sentences {
		if j == 0 || paragraphs[j] != paragraphs[j-1] {
			if numbering.IsEnglishMarker(s) && j+1 < len(sentences) && paragraphs[j+1] != paragraphs[j] {
				continue
			}
			_, s = numbering.PeelEnglish(s)
		}
		out = append(out, s)
		paras = append(paras, paragraphs[j])
	}
	return out, paras
}
