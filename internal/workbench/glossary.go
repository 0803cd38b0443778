package workbench

import (
	"context"
	"fmt"
	"io"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/exchange"
	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/imports"
	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/store"
)

// AddTerm adds a glossary entry. Translators propose terms (status
// "proposed", the default for them); reviewers decide which are approved.
type AddTerm struct {
	Entry glossary.Entry
}

// proposal is e as a actor may add it: translators propose terms (status
// "proposed", the default for them); reviewers decide which are approved.
func proposal(a Actor, e glossary.Entry) (glossary.Entry, error) {
	if err := allow(a, auth.Translator, "propose glossary terms"); err != nil {
		return e, err
	}
	if !a.Role.Allows(auth.Reviewer) {
		if e.Status != "" && e.Status != glossary.StatusProposed {
			return e, &fault.Forbidden{Reason: `translators can only propose terms (status "proposed"): a reviewer approves them`}
		}
		e.Status = glossary.StatusProposed
	}
	return e, nil
}

func (w *Workbench) AddTerm(ctx context.Context, a Actor, c AddTerm) (store.Term, error) {
	e, err := proposal(a, c.Entry)
	if err != nil {
		return store.Term{}, err
	}
	t, err := w.st.CreateTerm(ctx, e, a.Name)
	if err != nil {
		return t, err
	}
	w.recheckTerms(ctx, t.ID, t.ZH)
	w.glossaryChanged(a, "created")
	return t, nil
}

// EditTerm replaces a glossary entry, provided Version is still its newest.
type EditTerm struct {
	Term    uint
	Version int
	Entry   glossary.Entry
}

func (w *Workbench) EditTerm(ctx context.Context, a Actor, c EditTerm) (store.Term, error) {
	if err := allow(a, auth.Reviewer, "edit glossary terms"); err != nil {
		return store.Term{}, err
	}
	// The entry as it was: the update below refuses any other version, so
	// if it succeeds this is what it replaced.
	was, err := w.st.GetTerm(ctx, c.Term)
	if err != nil {
		return store.Term{}, err
	}
	t, err := w.st.UpdateTerm(ctx, c.Term, c.Entry, c.Version, a.Name)
	if err != nil {
		return t, err
	}
	if was.Version == t.Version-1 && glossary.SameMatches(was.Entry, t.Entry) {
		// Its term matches the same clauses as before: the index has them
		// all, and the clauses where it is only part of a longer term (支持
		// in 36,000 clauses' Chinese, a term in 12,000) need no recheck.
		w.recheckTerms(ctx, t.ID)
	} else {
		w.recheckTerms(ctx, t.ID, t.ZH)
	}
	w.glossaryChanged(a, "updated")
	return t, nil
}

// DeleteTerm removes a glossary entry; its history stays.
type DeleteTerm struct {
	Term uint
}

func (w *Workbench) DeleteTerm(ctx context.Context, a Actor, c DeleteTerm) error {
	if err := allow(a, auth.Reviewer, "delete glossary terms"); err != nil {
		return err
	}
	if err := w.st.DeleteTerm(ctx, c.Term, a.Name); err != nil {
		return err
	}
	w.recheckTerms(ctx, c.Term)
	w.glossaryChanged(a, "deleted")
	return nil
}

// ImportGlossary reads a CSV or TBX glossary and applies it whole or not
// at all: new terms are added, known ones updated.
type ImportGlossary struct {
	Name string // the extension says the format
	Data io.Reader
}

func (w *Workbench) ImportGlossary(ctx context.Context, a Actor, c ImportGlossary) (store.GlossaryImport, error) {
	if err := allow(a, auth.Reviewer, "import glossaries"); err != nil {
		return store.GlossaryImport{}, err
	}
	entries, err := exchange.ReadGlossary(c.Name, imports.UntilDone(ctx, c.Data))
	if ctx.Err() != nil {
		return store.GlossaryImport{}, ctx.Err()
	}
	if err != nil {
		return store.GlossaryImport{}, &fault.Invalid{Field: "file", Reason: fmt.Sprintf("%s: %v (nothing was imported)", c.Name, err)}
	}
	return w.importTerms(ctx, a, c.Name, entries)
}

func (w *Workbench) importTerms(ctx context.Context, a Actor, name string, entries []glossary.Entry) (store.GlossaryImport, error) {
	res, err := w.st.ImportTerms(ctx, entries, a.Name)
	if inv, ok := err.(*fault.Invalid); ok {
		return res, &fault.Invalid{Field: "entry", Reason: fmt.Sprintf("%s: %s (nothing was imported)", name, inv.Reason)}
	}
	if err != nil {
		return res, err
	}
	if len(res.Changed) > 0 {
		// The clauses of the terms imported (a common term, or many terms,
		// make it a recompute: recheckCost).
		w.recheck(ctx, func(ctx context.Context) error { return w.keep.RecheckTermsOf(ctx, res.Changed, res.ChangedZH) })
	}
	w.glossaryChanged(a, "imported")
	return res, nil
}

// glossaryChanged tells open editors that findings and highlights may have
// changed.
func (w *Workbench) glossaryChanged(a Actor, action string) {
	w.publish(a, events.Event{Type: events.TypeGlossary, Action: action})
}

// AddTermImpact is what AddTerm would do to the findings, checked as
// AddTerm checks it, without changing anything (a dry run).
func (w *Workbench) AddTermImpact(ctx context.Context, a Actor, c AddTerm) (qa.Impact, error) {
	e, err := proposal(a, c.Entry)
	if err != nil {
		return qa.Impact{}, err
	}
	after, err := w.st.CheckTermChange(ctx, 0, e, 0)
	if err != nil {
		return qa.Impact{}, err
	}
	return w.keep.Impact(ctx, nil, &after)
}

// EditTermImpact is what EditTerm would do to the findings, without
// changing anything (a dry run).
func (w *Workbench) EditTermImpact(ctx context.Context, a Actor, c EditTerm) (qa.Impact, error) {
	if err := allow(a, auth.Reviewer, "edit glossary terms"); err != nil {
		return qa.Impact{}, err
	}
	before, err := w.st.GetTerm(ctx, c.Term)
	if err != nil {
		return qa.Impact{}, err
	}
	after, err := w.st.CheckTermChange(ctx, c.Term, c.Entry, c.Version)
	if err != nil {
		return qa.Impact{}, err
	}
	return w.keep.Impact(ctx, &before.Entry, &after)
}
