package qa

import (
	"context"
	"iter"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/store"
)

// ReportStore is what reading the term report needs: the term-occurrence
// index the Keeper keeps, and its totals.
type ReportStore interface {
	Terms(ctx context.Context) iter.Seq2[glossary.Entry, error]
	GetTerm(ctx context.Context, id uint) (store.Term, error)
	TermTotalsPage(ctx context.Context, limit, offset, attention int) ([]store.TermTotals, int64, error)
	EachTermUse(ctx context.Context, entry uint) iter.Seq2[store.TermUseAt, error]
}

// ReportAttention is how many clauses needing attention a page of the term
// report lists per term; the term's own report lists them all.
const ReportAttention = 20

// ReportPage is a page of the term report from the kept totals: limit
// terms from offset, problems first, then the most frequent, each with its
// figures and first clauses that need attention but without the other
// renderings' texts (TermReport has them), and how many terms there are.
func ReportPage(ctx context.Context, st ReportStore, limit, offset int) ([]glossary.TermReport, int64, error) {
	totals, n, err := st.TermTotalsPage(ctx, limit, offset, ReportAttention)
	if err != nil {
		return nil, 0, err
	}
	out := make([]glossary.TermReport, len(totals))
	for i := range totals {
		out[i] = glossary.SummaryReport(&totals[i].Entry, totals[i].TermSummary)
	}
	return out, n, nil
}

// TermReport is the whole report of one entry (0: of every entry used),
// with every clause and the other renderings, read back from the index. A
// missing entry is a *fault.NotFound.
func TermReport(ctx context.Context, st ReportStore, entry uint) ([]glossary.TermReport, error) {
	var entries []glossary.Entry
	if entry != 0 {
		t, err := st.GetTerm(ctx, entry)
		if err != nil {
			return nil, err
		}
		entries = append(entries, t.Entry)
	} else {
		for e, err := range st.Terms(ctx) {
			if err != nil {
				return nil, err
			}
			entries = append(entries, e)
		}
	}
	b := glossary.NewTermReports(entries)
	for u, err := range st.EachTermUse(ctx, entry) {
		if err != nil {
			return nil, err
		}
		b.Add(u.ClauseID, u.DocumentID, u.Target, u.Use)
	}
	return b.Terms(), nil
}
