package workbench

import (
	"context"
	"fmt"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/store"
)

// BulkSubmit sends several clauses to review in one transaction: the
// listed ones (Clauses, each only at the version the translator saw), or
// (Document with Mine) every translated clause of that statement whose
// English the actor wrote last. Unless DespiteFindings, open findings on
// any clause it would submit hold the whole submit back (a *fault.Held
// with the findings, code open_findings) and nothing is submitted.
type BulkSubmit struct {
	Clauses         []Versioned
	Document        uint
	Mine            bool
	DespiteFindings bool
}

// BulkSubmitted says what BulkSubmit did.
type BulkSubmitted struct {
	Submitted []store.Clause `json:"submitted"`
	Skipped   []Skipped      `json:"skipped"`
}

func (w *Workbench) BulkSubmit(ctx context.Context, a Actor, c BulkSubmit) (BulkSubmitted, error) {
	out := BulkSubmitted{Submitted: []store.Clause{}, Skipped: []Skipped{}}
	if err := allow(a, auth.Translator, "submit translations"); err != nil {
		return out, err
	}
	usage := fmt.Sprintf(`send {"clauses": [{"id": N, "version": M}, …]} (1 to %d of them) or {"document": ID, "mine": true}, with "despite_findings": true to submit despite open findings`, MaxBulk)
	choice := store.SubmitChoice{Document: c.Document, Mine: c.Mine}
	switch {
	case len(c.Clauses) > 0 && (c.Document != 0 || c.Mine):
		return out, &fault.Invalid{Field: "request", Reason: "name the clauses or a statement, not both: " + usage}
	case len(c.Clauses) > MaxBulk:
		return out, &fault.Invalid{Field: "request", Reason: usage}
	case len(c.Clauses) > 0:
		choice.Clauses = make([]store.ClauseVersion, len(c.Clauses))
		for i, x := range c.Clauses {
			choice.Clauses[i] = store.ClauseVersion{ID: x.ID, Version: x.Version}
		}
	case c.Document == 0 || !c.Mine:
		return out, &fault.Invalid{Field: "request", Reason: usage}
	}
	if !c.DespiteFindings {
		// The check reads the stored findings: make sure they are current.
		if err := w.CurrentFindings(ctx); err != nil {
			return out, err
		}
	}
	res, err := w.st.SubmitMany(ctx, choice, a.Name, !c.DespiteFindings)
	if err != nil {
		return out, err
	}
	for _, s := range res.Skipped {
		out.Skipped = append(out.Skipped, Skipped(s))
	}
	if len(res.Open) > 0 {
		clauses := map[uint]bool{}
		for _, f := range res.Open {
			clauses[f.ClauseID] = true
		}
		which := fmt.Sprintf("%d clauses to submit have open findings", len(clauses))
		if len(clauses) == 1 {
			which = "a clause to submit has open findings"
		}
		return out, &fault.Held{Code: "open_findings", Key: "findings", Details: qa.FromStored(res.Open),
			Reason: which + " (" + plural(len(res.Open), "finding") + "), so nothing was submitted: fix them (or have a reviewer dismiss them), or submit despite them"}
	}
	out.Submitted = res.Submitted
	if len(out.Submitted) == 0 {
		return out, nil
	}
	ids := make([]uint, len(out.Submitted))
	for i, cl := range out.Submitted {
		ids[i] = cl.ID
	}
	w.recheckClauses(ctx, ids...)
	if len(out.Submitted) > fewClauses {
		w.reload(a, "submit")
		return out, nil
	}
	for _, cl := range out.Submitted {
		w.clauseEvent(a, "submit", cl)
	}
	return out, nil
}

// plural is n and noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
