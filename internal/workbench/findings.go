package workbench

import (
	"context"
	"fmt"
	"slices"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/store"
)

// Dismiss marks a finding as a false positive, with the reason. The
// finding must be one the checks report for the clause now.
type Dismiss struct {
	Clause uint
	Key    string // the finding's key, as the checks report it
	Kind   string // optional: the finding's kind, to be sure
	Reason string
}

func (w *Workbench) Dismiss(ctx context.Context, a Actor, c Dismiss) (store.Dismissal, error) {
	if err := allow(a, auth.Reviewer, "dismiss findings"); err != nil {
		return store.Dismissal{}, err
	}
	if c.Key == "" || c.Clause == 0 {
		return store.Dismissal{}, &fault.Invalid{Field: "request", Reason: `name the finding as the checks report it: {"key": "...", "clause_id": N, "kind": "...", "reason": "..."}`}
	}
	cl, err := w.st.GetClause(ctx, c.Clause)
	if err != nil {
		return store.Dismissal{}, err
	}
	found, err := w.qa.Clause(ctx, cl)
	if err != nil {
		return store.Dismissal{}, err
	}
	i := slices.IndexFunc(found, func(f qa.Finding) bool { return f.Key == c.Key && (c.Kind == "" || f.Kind == c.Kind) })
	if i < 0 {
		return store.Dismissal{}, &fault.NotFound{What: fmt.Sprintf("finding in clause %d just now", cl.ID), Hint: "it may have been fixed since you looked; reload the findings"}
	}
	d, err := w.st.Dismiss(ctx, store.Dismissal{FindingKey: found[i].Key, ClauseID: cl.ID, Kind: found[i].Kind, Reason: c.Reason, Author: a.Name})
	if err != nil {
		return d, err
	}
	w.publishAbout(a, events.TypeFindings, "dismissed", cl, d)
	return d, nil
}

// Undismiss puts a dismissed finding back.
type Undismiss struct {
	Key string
}

func (w *Workbench) Undismiss(ctx context.Context, a Actor, c Undismiss) error {
	if err := allow(a, auth.Reviewer, "restore findings"); err != nil {
		return err
	}
	if c.Key == "" {
		return &fault.Invalid{Field: "request", Reason: "name the dismissal to undo by its finding's key"}
	}
	if err := w.st.Undismiss(ctx, c.Key); err != nil {
		return err
	}
	w.publish(a, events.Event{Type: events.TypeFindings, Action: "restored"})
	return nil
}
