package workbench

import (
	"errors"
	"testing"

	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/store"
)

// A statement's style is a translator's to change, the corpus default an
// admin's; each change is announced once, after its commit, and the
// markers' English never makes findings, whatever the styles (the same
// 一、 reads "1." in one statement and "I." in another).
func TestNumberingStyles(t *testing.T) {
	forEachDB(t, func(t *testing.T, w *Workbench, st *store.Store, rec *recorder) {
		ctx := t.Context()
		docs, err := st.ListDocuments(ctx)
		if err != nil || len(docs) < 2 {
			t.Fatalf("%d documents, %v", len(docs), err)
		}
		doc := docs[0].ID
		var forbidden *fault.Forbidden
		if _, err := w.SetNumberingStyle(ctx, viewer, SetNumberingStyle{Document: doc, Style: "roman"}); !errors.As(err, &forbidden) {
			t.Fatalf("a viewer changed a style: %v", err)
		}
		for _, a := range []Actor{viewer, translator, reviewer} {
			if _, err := w.ChangeSettings(ctx, a, ChangeSettings{store.CorpusSettings{NumberingStyle: "roman"}}); !errors.As(err, &forbidden) {
				t.Fatalf("a %s changed the corpus settings: %v", a.Role, err)
			}
		}
		if got := rec.take(); len(got) != 0 {
			t.Fatalf("refusals announced %v", got)
		}
		var invalid *fault.Invalid
		if _, err := w.SetNumberingStyle(ctx, translator, SetNumberingStyle{Document: doc, Style: "letters"}); !errors.As(err, &invalid) || invalid.Field != "numbering_style" {
			t.Fatalf("a bad style: %v", err)
		}
		if got := rec.take(); len(got) != 0 {
			t.Fatalf("a failure announced %v", got)
		}

		d, err := w.SetNumberingStyle(ctx, translator, SetNumberingStyle{Document: doc, Style: "roman"})
		if err != nil || d.NumberingStyle != "roman" {
			t.Fatalf("%+v %v", d, err)
		}
		if got := rec.take(); len(got) != 1 || got[0].Type != events.TypeDocument || got[0].Document != doc || got[0].Actor != translator.Name {
			t.Fatalf("a style change announced %+v", got)
		}
		cs, err := w.ChangeSettings(ctx, admin, ChangeSettings{store.CorpusSettings{NumberingStyle: "outline"}})
		if err != nil || cs.NumberingStyle != "outline" {
			t.Fatalf("%+v %v", cs, err)
		}
		if got := rec.take(); len(got) != 1 || got[0].Type != events.TypeReload {
			t.Fatalf("a corpus change announced %+v", got)
		}

		// 一、 and （一） in a statement of the arabic style, while the seed's
		// read "I." and "A." (outline): not "the same Chinese translated
		// differently".
		imp, err := w.ImportStatements(ctx, translator, ImportStatements{Files: []File{{Name: "s.txt", Data: []byte("中俄联合声明\n\n一、双方认为。\n\n（一）合作。\n")}}})
		if err != nil || len(imp) != 1 {
			t.Fatalf("import: %+v %v", imp, err)
		}
		if _, err := w.SetNumberingStyle(ctx, translator, SetNumberingStyle{Document: imp[0].ID, Style: "arabic"}); err != nil {
			t.Fatal(err)
		}
		rec.take()

		// No finding on a marker the system numbered: stored or computed.
		if err := w.CurrentFindings(ctx); err != nil {
			t.Fatal(err)
		}
		stored, _, err := st.Findings(ctx, store.FindingFilter{})
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := qa.New(st).Findings(ctx, qa.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		markers := 0
		all, _, _ := st.ListClauses(ctx, store.ClauseFilter{})
		heading := map[uint]store.Clause{}
		for _, c := range all {
			if c.Kind == "heading" {
				heading[c.ID] = c
				markers++
				if !c.Numbered() {
					t.Fatalf("marker %+v without the system's English", c)
				}
				if fs, err := w.Checker().Clause(ctx, c); err != nil || len(fs) != 0 {
					t.Fatalf("marker %q %q: %+v %v", c.Source, c.Target, fs, err)
				}
			}
		}
		if markers == 0 {
			t.Fatal("no markers")
		}
		for _, f := range append(qa.FromStored(stored), fresh...) {
			if _, ok := heading[f.ClauseID]; ok {
				t.Fatalf("a finding on a marker: %+v", f)
			}
		}
		// A person's English in a marker is checked like any other.
		var lone store.Clause
		for _, c := range heading {
			if c.Source == "一" {
				lone = c
			}
		}
		if lone.ID == 0 {
			t.Fatal("no lone 一 in the seed")
		}
		if _, err := w.Save(ctx, translator, Save{Clause: lone.ID, Version: lone.Version, Text: "Part I，"}); err != nil {
			t.Fatal(err)
		}
		if fs, err := w.Checker().Clause(ctx, mustClause(t, st, lone.ID)); err != nil || len(fs) == 0 {
			t.Fatalf("a person's \"Part I，\" for 一: %+v %v", fs, err)
		}
	})
}

func mustClause(t *testing.T, st *store.Store, id uint) store.Clause {
	t.Helper()
	c, err := st.GetClause(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
