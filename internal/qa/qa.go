// Package qa runs the glossary's pure checks over the stored corpus: it
// loads the termbase (cached until the glossary changes), streams clauses
// from the store, applies reviewers' dismissals and filters. The server and
// the CLI both ask it, so they always agree.
package qa

import (
	"cmp"
	"context"
	"iter"
	"slices"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/cedict"
	"github.com/zhen-workbench/zhen/internal/segment"
	"github.com/zhen-workbench/zhen/internal/store"

	"github.com/zhen-workbench/zhen/internal/stop"
)

// Store is what the checks need of the database.
type Store interface {
	Terms(ctx context.Context) iter.Seq2[glossary.Entry, error]
	GlossaryGeneration(ctx context.Context) (int64, error)
	ExportRows(ctx context.Context, f store.ExportFilter) iter.Seq2[store.ExportRow, error]
	SameSource(ctx context.Context, sourceKey string) ([]store.Clause, error)
	InconsistentClauses(ctx context.Context) ([]store.Clause, error)
	Dismissals(ctx context.Context) (map[string]store.Dismissal, error)
}

// Finding is a glossary finding with its stable key and, when a reviewer
// dismissed it, the dismissal.
type Finding struct {
	glossary.Finding
	Key       string           `json:"key"`
	Dismissed *store.Dismissal `json:"dismissed,omitempty"`
}

// Filter narrows a check; zero values select everything.
type Filter struct {
	DocumentID       uint
	Kind             string
	Term             string
	IncludeDismissed bool
}

// Checker runs checks. It is safe for concurrent use.
type Checker struct {
	st  Store
	mu  sync.Mutex
	gen int64
	tb  *glossary.Termbase
}

// New returns a checker over st.
func New(st Store) *Checker { return &Checker{st: st, gen: -1} }

// Termbase returns the compiled glossary, recompiled only when the glossary
// has changed since the last call: findings are never computed from a stale
// glossary, and an unchanged one is not recompiled for every keystroke.
func (c *Checker) Termbase(ctx context.Context) (*glossary.Termbase, error) {
	gen, err := c.st.GlossaryGeneration(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen == c.gen && c.tb != nil {
		return c.tb, nil
	}
	var entries []glossary.Entry
	for e, err := range c.st.Terms(ctx) {
		if err != nil {
			return nil, err
		}
		entries = append(entries, e)
	}
	c.tb, c.gen = glossary.Compile(entries), gen
	return c.tb, nil
}

// checkBatch is how many streamed clauses Findings hands the glossary at once.
const checkBatch = 512

func toClause(cl store.Clause) glossary.Clause {
	return glossary.Clause{ID: cl.ID, DocumentID: cl.DocumentID, Source: cl.Source, Target: cl.Target}
}

// Findings checks every translated clause (of one document, if the filter
// says so) and the corpus-wide consistency of repeated clauses.
func (c *Checker) Findings(ctx context.Context, f Filter) ([]Finding, error) {
	tb, err := c.Termbase(ctx)
	if err != nil {
		return nil, err
	}
	dismissed, err := c.st.Dismissals(ctx)
	if err != nil {
		return nil, err
	}
	// The clauses are checked in batches as they stream in: the glossary
	// checks a batch faster than its clauses one by one (CheckClauses).
	// A batch is a millisecond's work: an abandoned request stops at the next.
	var found []glossary.Finding
	batch := make([]glossary.Clause, 0, checkBatch)
	flush := func() error {
		if err := ctx.Err(); err != nil {
			return err
		}
		tb.CheckClauses(batch, func(i int, fs []glossary.Finding) {
			found = append(found, withNumbers(batch[i], fs)...)
		})
		batch = batch[:0]
		return nil
	}
	for row, err := range c.st.ExportRows(ctx, store.ExportFilter{DocumentID: f.DocumentID, Texts: store.LatestTexts}) {
		if err != nil {
			return nil, err
		}
		if row.Numbered() { // the system's English for a numbering marker: nothing to check
			continue
		}
		if batch = append(batch, toClause(row.Clause)); len(batch) == cap(batch) {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	same, err := c.st.InconsistentClauses(ctx)
	if err != nil {
		return nil, err
	}
	inconsistent, err := glossary.Inconsistent(ctx, convert(same))
	if err != nil {
		return nil, err
	}
	found = append(found, inconsistent...)
	out := []Finding{}
	for _, g := range found {
		if (f.DocumentID != 0 && g.DocumentID != f.DocumentID) || (f.Kind != "" && g.Kind != f.Kind) || (f.Term != "" && g.Term != f.Term) {
			continue
		}
		fd := withKey(g, dismissed)
		if fd.Dismissed != nil && !f.IncludeDismissed {
			continue
		}
		out = append(out, fd)
	}
	slices.SortStableFunc(out, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.DocumentID, b.DocumentID), cmp.Compare(a.ClauseID, b.ClauseID))
	})
	return out, nil
}

func withKey(g glossary.Finding, dismissed map[string]store.Dismissal) Finding {
	fd := Finding{Finding: g, Key: glossary.FindingKey(g)}
	if d, ok := dismissed[fd.Key]; ok {
		fd.Dismissed = &d
	}
	return fd
}

func convert(cls []store.Clause) []glossary.Clause {
	out := make([]glossary.Clause, len(cls))
	for i, cl := range cls {
		out[i] = toClause(cl)
	}
	return out
}

// Draft checks one clause as if its English were text, without saving it:
// the editor shows these findings while the translator types. Dismissed
// findings are left out.
func (c *Checker) Draft(ctx context.Context, cl store.Clause, text string) ([]Finding, error) {
	return c.checkOne(ctx, cl, text, false)
}

// Clause checks one clause's English as it is stored, as Findings would,
// dismissed findings included (with their dismissal): the findings a
// reviewer may dismiss, or dismiss again with another reason.
func (c *Checker) Clause(ctx context.Context, cl store.Clause) ([]Finding, error) {
	return c.checkOne(ctx, cl, cl.Target, true)
}

func (c *Checker) checkOne(ctx context.Context, cl store.Clause, text string, withDismissed bool) ([]Finding, error) {
	tb, err := c.Termbase(ctx)
	if err != nil {
		return nil, err
	}
	dismissed, err := c.st.Dismissals(ctx)
	if err != nil {
		return nil, err
	}
	numbered := cl.Numbered() && text == cl.Target // the system's English for a numbering marker
	cl.Target = text
	var found []glossary.Finding
	if text != "" && !numbered {
		found = clauseFindings(tb, toClause(cl))
		same, err := c.st.SameSource(ctx, cl.SourceKey)
		if err != nil {
			return nil, err
		}
		group := []glossary.Clause{toClause(cl)}
		for _, o := range same {
			if o.ID != cl.ID {
				group = append(group, toClause(o))
			}
		}
		inconsistent, err := glossary.Inconsistent(ctx, group)
		if err != nil {
			return nil, err
		}
		for _, g := range inconsistent {
			if g.ClauseID == cl.ID {
				found = append(found, g)
			}
		}
	}
	out := []Finding{}
	for _, g := range found {
		if fd := withKey(g, dismissed); fd.Dismissed == nil || withDismissed {
			out = append(out, fd)
		}
	}
	return out, nil
}

// Hit is a glossary term found in a clause's Chinese, for highlighting.
// Start and End count UTF-16 code units, as JavaScript indexes strings.
type Hit struct {
	Start int             `json:"start"`
	End   int             `json:"end"`
	Entry *glossary.Entry `json:"entry"`
}

// Hits finds the glossary terms in each clause's Chinese.
func (c *Checker) Hits(ctx context.Context, clauses []store.Clause) (map[uint][]Hit, error) {
	tb, err := c.Termbase(ctx)
	if err != nil {
		return nil, err
	}
	out := map[uint][]Hit{}
	for i, cl := range clauses {
		if err := stop.At(ctx, i); err != nil { // a statement can have many thousands of clauses
			return nil, err
		}
		for _, h := range tb.Hits(cl.Source) {
			out[cl.ID] = append(out[cl.ID], Hit{Start: utf16Len(cl.Source[:h.Start]), End: utf16Len(cl.Source[:h.End]), Entry: h.Entry})
		}
	}
	return out, nil
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r == utf8.RuneError {
			n++
			continue
		}
		n += len(utf16.Encode([]rune{r}))
	}
	return n
}

// Suggest proposes glossary candidates from Chinese recurring across
// statements.
func (c *Checker) Suggest(ctx context.Context, limit int) ([]glossary.Suggestion, error) {
	tb, err := c.Termbase(ctx)
	if err != nil {
		return nil, err
	}
	corpus := func() iter.Seq2[glossary.ChineseClause, error] {
		return func(yield func(glossary.ChineseClause, error) bool) {
			for row, err := range c.st.ExportRows(ctx, store.ExportFilter{Untranslated: true}) {
				if !yield(glossary.ChineseClause{DocumentID: row.DocumentID, ZH: row.Source}, err) || err != nil {
					return
				}
			}
		}
	}
	return glossary.Suggest(ctx, corpus, tb, limit)
}

// Discover finds the terms of the translated clauses whose English differs
// between clauses (glossary.Discover), with CC-CEDICT as its dictionary.
// Numbering markers are left out: their English is Zhen's.
func (c *Checker) Discover(ctx context.Context) ([]glossary.DiscoveredTerm, error) {
	in := glossary.DiscoverInput{Lexicon: cedict.Load()}
	for e, err := range c.st.Terms(ctx) {
		if err != nil {
			return nil, err
		}
		if e.Status != glossary.StatusDeprecated {
			in.Glossary = append(in.Glossary, e)
		}
	}
	for row, err := range c.st.ExportRows(ctx, store.ExportFilter{Texts: store.LatestTexts}) {
		if err != nil {
			return nil, err
		}
		if row.Kind == string(segment.KindHeading) || row.Target == "" {
			continue
		}
		in.Pairs = append(in.Pairs, glossary.Pair{ClauseID: row.ID, DocumentID: row.DocumentID, ZH: row.Source, EN: row.Target})
	}
	return glossary.Discover(ctx, in)
}
