package workbench

import (
	"context"
	"log/slog"

	"github.com/zhen-workbench/zhen/internal/auth"
)

// recheck brings the stored findings up to date after a committed change,
// before the change is announced: whoever reads findings next sees them.
// The change is saved whatever happens here, so the recheck finishes even
// if the request that made the change is abandoned; if it fails, the
// findings are marked out of date and the next read computes them all.
func (w *Workbench) recheck(ctx context.Context, fn func(ctx context.Context) error) {
	ctx = context.WithoutCancel(ctx)
	if err := fn(ctx); err != nil {
		slog.Error("findings not rechecked after a change: they are computed again on the next read", "err", err)
		if err := w.st.InvalidateQAState(ctx); err != nil {
			slog.Error("findings not marked out of date", "err", err)
		}
	}
}

func (w *Workbench) recheckClauses(ctx context.Context, ids ...uint) {
	w.recheck(ctx, func(ctx context.Context) error { return w.keep.Recheck(ctx, ids) })
}

func (w *Workbench) recheckDocument(ctx context.Context, id uint) {
	w.recheck(ctx, func(ctx context.Context) error { return w.keep.RecheckDocument(ctx, id) })
}

func (w *Workbench) recheckTerms(ctx context.Context, entry uint, zh ...string) {
	w.recheck(ctx, func(ctx context.Context) error { return w.keep.RecheckTerms(ctx, entry, zh...) })
}

// recheckRevisedSince rechecks the clauses a bulk write changed: those
// with history rows newer than mark (store.RevisionMark), whatever wrote
// them.
func (w *Workbench) recheckRevisedSince(ctx context.Context, mark uint) {
	w.recheck(ctx, func(ctx context.Context) error {
		ids, err := w.st.ClausesRevisedSince(ctx, mark)
		if err != nil {
			return err
		}
		return w.keep.RecheckMany(ctx, ids)
	})
}

// CurrentFindings makes sure the stored findings were computed with today's
// glossary and checks (computing them all again if not: after an upgrade,
// or a change a recheck missed) before someone reads them. Anyone who may
// read findings may ask.
func (w *Workbench) CurrentFindings(ctx context.Context) error {
	_, err := w.keep.Current(ctx)
	return err
}

// RecomputeFindings computes every stored finding again (zhen check
// --recompute).
func (w *Workbench) RecomputeFindings(ctx context.Context, a Actor) error {
	if err := allow(a, auth.Admin, "recompute every finding"); err != nil {
		return err
	}
	return w.keep.RecomputeAll(ctx)
}
