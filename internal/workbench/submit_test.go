package workbench

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/store"
)

// A confirmed save makes the clause translated and is announced as a
// confirm; confirming it again changes and announces nothing; confirming
// no English is refused.
func TestSaveConfirm(t *testing.T) {
	forEachDB(t, func(t *testing.T, w *Workbench, st *store.Store, rec *recorder) {
		ctx := t.Context()
		cl := firstClauses(t, st, 1)[0]
		var invalid *fault.Invalid
		if _, err := w.Save(ctx, translator, Save{Clause: cl.ID, Version: cl.Version, Text: "", Confirm: true}); !errors.As(err, &invalid) || invalid.Field != "text" {
			t.Fatalf("confirming nothing: %v", err)
		}
		var forbidden *fault.Forbidden
		if _, err := w.Save(ctx, viewer, Save{Clause: cl.ID, Version: cl.Version, Text: "x", Confirm: true}); !errors.As(err, &forbidden) {
			t.Fatalf("a viewer confirms: %v", err)
		}
		if got := rec.take(); len(got) > 0 {
			t.Fatalf("refused confirms announced %v", got)
		}
		draft, err := w.Save(ctx, translator, Save{Clause: cl.ID, Version: cl.Version, Text: "The two sides agree."})
		if err != nil || draft.Status != store.StatusDraft {
			t.Fatalf("save: %+v %v", draft, err)
		}
		rec.take()
		done, err := w.Save(ctx, translator, Save{Clause: cl.ID, Version: draft.Version, Text: "The two sides agree.", Confirm: true})
		if err != nil || done.Status != store.StatusTranslated {
			t.Fatalf("confirm: %+v %v", done, err)
		}
		if got := rec.take(); len(got) != 1 || got[0].Type != events.TypeClause || got[0].Action != "confirm" || got[0].Actor != translator.Name {
			t.Fatalf("confirm announced %+v", got)
		}
		if same, err := w.Save(ctx, translator, Save{Clause: cl.ID, Version: done.Version, Text: "The two sides agree.", Confirm: true}); err != nil || same.Version != done.Version {
			t.Fatalf("confirming again: %+v %v", same, err)
		}
		if got := rec.take(); len(got) > 0 {
			t.Fatalf("a confirm that changed nothing announced %v", got)
		}
	})
}

// Bulk submit: translators may, viewers may not; open findings hold the
// whole submit back (a fault.Held with the findings) and nothing is
// submitted or announced; despite them, the clauses are submitted and
// announced one by one after the commit, or with one reload when many.
func TestBulkSubmit(t *testing.T) {
	forEachDB(t, func(t *testing.T, w *Workbench, st *store.Store, rec *recorder) {
		ctx := t.Context()
		cs := firstClauses(t, st, fewClauses+5)
		var forbidden *fault.Forbidden
		var invalid *fault.Invalid
		if _, err := w.BulkSubmit(ctx, viewer, BulkSubmit{Document: cs[0].DocumentID, Mine: true}); !errors.As(err, &forbidden) {
			t.Fatalf("a viewer submits: %v", err)
		}
		for name, c := range map[string]BulkSubmit{
			"nothing":               {},
			"a statement, not mine": {Document: cs[0].DocumentID},
			"both":                  {Clauses: []Versioned{{cs[0].ID, 0}}, Document: cs[0].DocumentID, Mine: true},
			"too many":              {Clauses: make([]Versioned, MaxBulk+1)},
		} {
			if _, err := w.BulkSubmit(ctx, translator, c); !errors.As(err, &invalid) || invalid.Field != "request" {
				t.Errorf("%s: %v, want an invalid request", name, err)
			}
		}
		// Two confirmed clauses, one with Chinese punctuation in its English
		// (an open finding).
		var mine []store.Clause
		for i, text := range []string{"The two sides agree.", "Both sides，agree."} {
			cl, err := w.Save(ctx, translator, Save{Clause: cs[i].ID, Version: cs[i].Version, Text: text, Confirm: true})
			if err != nil {
				t.Fatal(err)
			}
			mine = append(mine, cl)
		}
		rec.take()
		_, err := w.BulkSubmit(ctx, translator, BulkSubmit{Document: cs[0].DocumentID, Mine: true})
		var held *fault.Held
		if !errors.As(err, &held) || held.Code != "open_findings" || held.Key != "findings" {
			t.Fatalf("with an open finding: %v", err)
		}
		fs, ok := held.Details.([]qa.Finding)
		if !ok || !slices.ContainsFunc(fs, func(f qa.Finding) bool { return f.ClauseID == mine[1].ID && f.Kind == "punctuation" && f.Key != "" }) {
			t.Fatalf("held back by %#v", held.Details)
		}
		if got := rec.take(); len(got) > 0 {
			t.Fatalf("a held submit announced %v", got)
		}
		for _, m := range mine {
			if now, _ := st.GetClause(ctx, m.ID); now.Status != store.StatusTranslated {
				t.Fatalf("a held submit changed %+v", now)
			}
		}
		out, err := w.BulkSubmit(ctx, translator, BulkSubmit{Document: cs[0].DocumentID, Mine: true, DespiteFindings: true})
		if err != nil || len(out.Submitted) != 2 || len(out.Skipped) != 0 || out.Submitted[0].Status != store.StatusSubmitted {
			t.Fatalf("despite findings: %+v %v", out, err)
		}
		got := rec.take()
		if len(got) != 2 || got[0].Type != events.TypeClause || got[0].Action != "submit" || got[1].ClauseID != mine[1].ID || got[0].Actor != translator.Name {
			t.Fatalf("submit of 2 announced %+v", got)
		}
		// Nothing of the caller's left: nothing submitted, nothing announced.
		if out, err := w.BulkSubmit(ctx, translator, BulkSubmit{Document: cs[0].DocumentID, Mine: true}); err != nil || len(out.Submitted) != 0 {
			t.Fatalf("again: %+v %v", out, err)
		}
		if got := rec.take(); len(got) > 0 {
			t.Fatalf("submitting nothing announced %v", got)
		}
		// Many clauses by list (despite their findings), one stale: one reload.
		var list []Versioned
		for i, c := range cs[2:] {
			cl, err := w.Save(ctx, translator, Save{Clause: c.ID, Version: c.Version, Text: fmt.Sprintf("Clause %d.", i)})
			if err != nil {
				t.Fatal(err)
			}
			list = append(list, Versioned{cl.ID, cl.Version})
		}
		list[0].Version--
		rec.take()
		out, err = w.BulkSubmit(ctx, translator, BulkSubmit{Clauses: list, DespiteFindings: true})
		if err != nil || len(out.Submitted) != len(list)-1 || len(out.Skipped) != 1 || out.Skipped[0].ID != list[0].ID {
			t.Fatalf("by list: %d submitted, skipped %+v, %v", len(out.Submitted), out.Skipped, err)
		}
		if got := rec.take(); len(got) != 1 || got[0].Type != events.TypeReload || got[0].Action != "submit" {
			t.Fatalf("submit of %d announced %v", len(out.Submitted), got)
		}
		var nf *fault.NotFound
		if _, err := w.BulkSubmit(ctx, translator, BulkSubmit{Document: 999999, Mine: true}); !errors.As(err, &nf) || err.Error() != "no such document: 999999" {
			t.Fatalf("a missing statement: %v", err)
		}
	})
}
