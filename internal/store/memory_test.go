package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestImportMemory(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		mustImport(t, s, testDoc("甲", "双方认为。中俄关系好。"), testDoc("乙", "双方认为。"))
		cl, _, _ := s.ListClauses(ctx, ClauseFilter{})
		s.SaveTranslation(ctx, cl[1].ID, 0, "Relations are good.", "tr", "editor")
		pairs := []SourcePair{
			{Source: "双方认为。", Target: "The two sides believe."},            // two clauses without English
			{Source: "中俄关系好。", Target: "Sino-Russian relations are good."}, // has English: kept
			{Source: "没有这一句。", Target: "Not here."},                        // memory only
		}
		res, err := s.ImportMemory(ctx, pairs, "old.tmx", "tr", false)
		if err != nil {
			t.Fatal(err)
		}
		if res != (MemoryResult{Units: 3, Stored: 3, Filled: 2, Kept: 1, Unmatched: 1}) {
			t.Fatalf("result %+v", res)
		}
		cl, _, _ = s.ListClauses(ctx, ClauseFilter{})
		if cl[0].Target != "The two sides believe." || cl[1].Target != "Relations are good." || cl[2].Target != "The two sides believe." || cl[0].Status != StatusDraft {
			t.Fatalf("clauses %+v", cl)
		}
		// Again: nothing new, nothing filled.
		res, _ = s.ImportMemory(ctx, pairs, "old.tmx", "tr", false)
		if res.Stored != 0 || res.Filled != 0 {
			t.Fatalf("second import %+v", res)
		}
		// A bad unit stops everything.
		if _, err := s.ImportMemory(ctx, []SourcePair{{Source: "新。", Target: "ok"}, {Source: "坏。", Target: "bell \a"}}, "x.tmx", "tr", true); err == nil {
			t.Fatal("a control character was accepted")
		}
		var n int64
		s.r.Model(&TMUnit{}).Count(&n)
		if n != 3 {
			t.Fatalf("%d memory units", n)
		}
	})
}

func TestApplyClauseEdits(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := firstClause(t, s)
		c, _ = s.SaveTranslation(ctx, c.ID, 0, "First.", "tr", "editor")
		exported := c.UpdatedAt.Truncate(time.Microsecond) // as the CSV carries it
		// Nobody changed it since: applied.
		res, err := s.ApplyClauseEdits(ctx, []ClauseEdit{{Line: 2, ClauseID: c.ID, Source: c.Source, Target: "Edited in a spreadsheet.", Since: exported}}, "rev", "csv")
		if err != nil || res.Updated != 1 || len(res.Conflicts) != 0 {
			t.Fatalf("%+v %v", res, err)
		}
		// The same file again: the clause changed since that export (by the file itself): a conflict, not an overwrite.
		res, _ = s.ApplyClauseEdits(ctx, []ClauseEdit{{Line: 2, ClauseID: c.ID, Source: c.Source, Target: "Another edit.", Since: exported}}, "rev", "csv")
		if res.Updated != 0 || len(res.Conflicts) != 1 || res.Conflicts[0].Theirs != "Edited in a spreadsheet." || res.Conflicts[0].Yours != "Another edit." {
			t.Fatalf("%+v", res)
		}
		// By version (XLIFF): stale version → conflict; current → applied; same text → unchanged.
		cur, _ := s.GetClause(ctx, c.ID)
		res, _ = s.ApplyClauseEdits(ctx, []ClauseEdit{{ClauseID: c.ID, Target: "By version.", Version: cur.Version - 1}}, "rev", "xliff")
		if len(res.Conflicts) != 1 {
			t.Fatalf("stale version: %+v", res)
		}
		res, _ = s.ApplyClauseEdits(ctx, []ClauseEdit{{ClauseID: c.ID, Target: "By version.", Version: cur.Version}, {ClauseID: c.ID, Target: ""}}, "rev", "xliff")
		if res.Updated != 1 || res.Unchanged != 1 {
			t.Fatalf("current version: %+v", res)
		}
		// A file from elsewhere stops everything.
		var le *LineError
		if _, err := s.ApplyClauseEdits(ctx, []ClauseEdit{{Line: 3, ClauseID: 999, Target: "x"}}, "rev", "csv"); !errors.As(err, &le) || le.Line != 3 {
			t.Fatalf("unknown clause: %v", err)
		}
		if _, err := s.ApplyClauseEdits(ctx, []ClauseEdit{{Line: 4, ClauseID: c.ID, Source: "别的。", Target: "x"}}, "rev", "csv"); !errors.As(err, &le) {
			t.Fatalf("other Chinese: %v", err)
		}
		if got, _ := s.GetClause(ctx, c.ID); got.Target != "By version." {
			t.Fatalf("after refused files: %q", got.Target)
		}
	})
}

func TestApplyAlignment(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := firstClause(t, s)
		cl, _, _ := s.ListClauses(ctx, ClauseFilter{})
		s.SaveTranslation(ctx, cl[1].ID, 0, "Mine.", "tr", "editor")
		res, err := s.ApplyAlignment(ctx, c.DocumentID, []Assignment{{ClauseID: cl[0].ID, English: "The two sides believe."}, {ClauseID: cl[1].ID, English: "Aligned."}}, "tr")
		if err != nil || res != (AlignResult{Updated: 1, Kept: 1}) {
			t.Fatalf("%+v %v", res, err)
		}
		if got, _ := s.GetClause(ctx, cl[1].ID); got.Target != "Mine." {
			t.Fatalf("aligned English replaced a translator's: %q", got.Target)
		}
		h, _ := s.History(ctx, cl[0].ID)
		if len(h) != 1 || h[0].Origin != "align" || h[0].Author != "tr" {
			t.Fatalf("history %+v", h)
		}
		mustImport(t, s, testDoc("乙", "别的文件。"))
		other, _, _ := s.ListClauses(ctx, ClauseFilter{DocumentID: c.DocumentID + 1})
		for _, bad := range [][]Assignment{
			{{ClauseID: other[0].ID, English: "x"}},
			{{ClauseID: cl[0].ID, English: "x"}, {ClauseID: cl[0].ID, English: "y"}},
			{{ClauseID: 9999, English: "x"}},
		} {
			if _, err := s.ApplyAlignment(ctx, c.DocumentID, bad, "tr"); err == nil {
				t.Errorf("%+v accepted", bad)
			}
		}
		if got, _ := s.GetClause(ctx, other[0].ID); got.Target != "" {
			t.Fatal("a refused alignment stored English")
		}
	})
}
