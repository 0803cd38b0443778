package store

import (
	"context"
	"errors"
	"github.com/zhen-workbench/zhen/internal/fault"
	"testing"

	"github.com/zhen-workbench/zhen/glossary"
)

func brics() glossary.Entry {
	return glossary.Entry{ZH: "金砖国家", EN: "BRICS", Variants: []string{"BRICS countries", " ", "BRICS countries"}, Forbidden: []string{"BRIC"}, POS: "noun", Status: "approved"}
}

func TestGlossaryCRUDAndHistory(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		gen0, _ := s.GlossaryGeneration(ctx)
		created, err := s.CreateTerm(ctx, brics(), "rita")
		if err != nil || created.ID == 0 || created.Version != 1 || len(created.Variants) != 1 || created.UpdatedBy != "rita" {
			t.Fatalf("create: %v %+v", err, created)
		}
		// The same term in full-width form is the same term.
		dup := brics()
		dup.ZH = " 金砖国家 "
		var ee *fault.Invalid
		if _, err := s.CreateTerm(ctx, dup, "rita"); !errors.As(err, &ee) {
			t.Fatalf("duplicate term: %v", err)
		}
		for _, bad := range []glossary.Entry{{ZH: "", EN: "x"}, {ZH: "双方", EN: ""}, {ZH: "双方", EN: "both sides", Status: "final"}, {ZH: "双方", EN: "x", Forbidden: []string{"X"}}} {
			if _, err := s.CreateTerm(ctx, bad, "rita"); !errors.As(err, &ee) {
				t.Errorf("bad entry %+v accepted: %v", bad, err)
			}
		}
		e := created.Entry
		e.Variants = append(e.Variants, "BRICS nations")
		updated, err := s.UpdateTerm(ctx, created.ID, e, 1, "sam")
		if err != nil || updated.Version != 2 || len(updated.Variants) != 2 || updated.UpdatedBy != "sam" {
			t.Fatalf("update: %v %+v", err, updated)
		}
		var conflict *fault.Conflict
		if _, err := s.UpdateTerm(ctx, created.ID, e, 1, "lee"); !errors.As(err, &conflict) || conflict.Current.(Term).Version != 2 {
			t.Fatalf("stale update: %v", err)
		}
		found, _ := s.ListTerms(ctx, "brics nations")
		byZH, _ := s.ListTerms(ctx, "金砖")
		none, _ := s.ListTerms(ctx, "100%_")
		if len(found) != 1 || len(byZH) != 1 || len(none) != 0 {
			t.Fatalf("search: %d %d %d", len(found), len(byZH), len(none))
		}
		if err := s.DeleteTerm(ctx, created.ID, "sam"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.GetTerm(ctx, created.ID); !errors.Is(err, ErrNotFound) {
			t.Fatalf("deleted term still there: %v", err)
		}
		h, err := s.TermHistory(ctx, created.ID)
		if err != nil || len(h) != 3 || h[0].Action != "deleted" || h[2].Action != "created" || h[1].Entry.Version != 2 || h[1].Author != "sam" {
			t.Fatalf("history: %v %+v", err, h)
		}
		gen1, _ := s.GlossaryGeneration(ctx)
		if gen1 <= gen0 {
			t.Fatalf("generation did not move: %d -> %d", gen0, gen1)
		}
	})
}

func TestImportTermsAllOrNothing(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		if _, err := s.CreateTerm(ctx, brics(), "rita"); err != nil {
			t.Fatal(err)
		}
		sco := glossary.Entry{ZH: "上海合作组织", EN: "Shanghai Cooperation Organisation", Variants: []string{"SCO"}}
		changed := brics()
		changed.Note = "BRIC is the pre-2011 name"
		res, err := s.ImportTerms(ctx, []glossary.Entry{sco, changed}, "import")
		if err != nil || res.Created != 1 || res.Updated != 1 {
			t.Fatalf("import: %v %+v", err, res)
		}
		res, _ = s.ImportTerms(ctx, []glossary.Entry{sco, changed}, "import")
		if res.Unchanged != 2 {
			t.Fatalf("re-import: %+v", res)
		}
		_, err = s.ImportTerms(ctx, []glossary.Entry{{ZH: "六方会谈", EN: "Six-Party Talks"}, {ZH: "坏", EN: ""}}, "import")
		if err == nil {
			t.Fatal("import with a bad entry succeeded")
		}
		if got, _ := s.ListTerms(ctx, "六方会谈"); len(got) != 0 {
			t.Fatal("part of a failed import was applied")
		}
	})
}

func TestDismissals(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		doc := mustImport(t, s, testDoc("驳回", "金砖国家合作。"))[0]
		cl, _, _ := s.ListClauses(ctx, ClauseFilter{DocumentID: doc.ID})
		id := cl[0].ID
		k1 := glossary.FindingKey(glossary.Finding{Kind: glossary.KindTermMissing, ClauseID: id, Term: "金砖国家"})
		if _, err := s.Dismiss(ctx, Dismissal{FindingKey: k1, ClauseID: id, Kind: "term_missing", Reason: " ", Author: "r"}); err == nil {
			t.Fatal("dismissal without a reason accepted")
		}
		// The key, kind and clause must agree, and the clause must exist.
		var ee *fault.Invalid
		for _, d := range []Dismissal{
			{FindingKey: "k1", ClauseID: id, Kind: "term_missing"},
			{FindingKey: k1, ClauseID: id, Kind: "<script>"},
			{FindingKey: k1, ClauseID: id},
			{FindingKey: k1, ClauseID: id + 1, Kind: "term_missing"},
		} {
			d.Reason, d.Author = "why", "r"
			if _, err := s.Dismiss(ctx, d); !errors.As(err, &ee) {
				t.Errorf("%+v: %v", d, err)
			}
		}
		gone := glossary.FindingKey(glossary.Finding{Kind: glossary.KindTermMissing, ClauseID: 9999})
		if _, err := s.Dismiss(ctx, Dismissal{FindingKey: gone, ClauseID: 9999, Kind: "term_missing", Reason: "why", Author: "r"}); !errors.Is(err, ErrNotFound) {
			t.Errorf("dismissal in a missing clause: %v", err)
		}
		if _, err := s.Dismiss(ctx, Dismissal{FindingKey: k1, ClauseID: id, Kind: "term_missing", Reason: "why \x00", Author: "r"}); !errors.As(err, &ee) || ee.Reason != "the reason contains a control character (U+0000) at character 5: remove it" {
			t.Errorf("reason with NUL: %v", err)
		}
		if d, _ := s.Dismissals(ctx); len(d) != 0 {
			t.Fatalf("refused dismissals stored: %+v", d)
		}
		for _, reason := range []string{"proper name", "quoted title"} {
			if _, err := s.Dismiss(ctx, Dismissal{FindingKey: k1, ClauseID: id, Kind: "term_missing", Reason: reason, Author: "r"}); err != nil {
				t.Fatal(err)
			}
		}
		d, _ := s.Dismissals(ctx)
		if len(d) != 1 || d[k1].Reason != "quoted title" {
			t.Fatalf("%+v", d)
		}
		if err := s.Undismiss(ctx, k1); err != nil {
			t.Fatal(err)
		}
		if err := s.Undismiss(ctx, k1); !errors.Is(err, ErrNotFound) {
			t.Fatalf("second undismiss: %v", err)
		}
	})
}

func TestInconsistentClauses(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		mustImport(t, s, testDoc("甲", "双方认为。中俄友好。"), testDoc("乙", "双方认为。中俄友好。", "另一段。"))
		cl, _, _ := s.ListClauses(ctx, ClauseFilter{})
		texts := []string{"The two sides believe.", "China and Russia are friends.", "Both sides hold.", "China and Russia are friends.", "Another paragraph."}
		for i, c := range cl {
			if _, err := s.SaveTranslation(ctx, c.ID, 0, texts[i], "t", "editor"); err != nil {
				t.Fatal(err)
			}
		}
		inc, err := s.InconsistentClauses(ctx)
		if err != nil || len(inc) != 2 || inc[0].Target == inc[1].Target || inc[0].SourceKey != "双方认为。" {
			t.Fatalf("inconsistent: %v %+v", err, inc)
		}
		same, _ := s.SameSource(ctx, cl[1].SourceKey)
		if len(same) != 2 {
			t.Fatalf("same source: %+v", same)
		}
	})
}
