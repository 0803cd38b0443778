package qa

import (
	"context"
	"fmt"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/align"
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
// Nothing is stored. Texts over align's limits are refused before any
// work with an *align.TooLargeError; when ctx ends, Align stops and
// returns ctx.Err().
func (c *Checker) Align(ctx context.Context, clauses []store.Clause, english string) (Alignment, error) {
	if err := align.CheckEnglish(english); err != nil {
		return Alignment{}, err
	}
	sentences, paragraphs := align.Split(english)
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
	zh := make([]align.Clause, len(clauses))
	for i, cl := range clauses {
		zh[i] = align.Clause{ID: cl.ID, Text: cl.Source, Paragraph: cl.Paragraph}
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
