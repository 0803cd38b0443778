package store

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/segment"
)

// cancelAtCreate returns a context that is cancelled right after the n-th
// row s's writer creates (a document, a revision, a glossary entry, a
// memory unit): a client that goes away in the middle of an import.
func cancelAtCreate(t *testing.T, s *Store, n int32) (context.Context, *atomic.Int32) {
	return cancelAt(t, s, "create", n)
}

// cancelAtRead is cancelAtCreate for the n-th query that reads rows (the
// set-based imports write without GORM's create).
func cancelAtRead(t *testing.T, s *Store, n int32) (context.Context, *atomic.Int32) {
	return cancelAt(t, s, "row", n)
}

func cancelAt(t *testing.T, s *Store, which string, n int32) (context.Context, *atomic.Int32) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	var calls atomic.Int32
	hook := func(*gorm.DB) {
		if calls.Add(1) == n {
			cancel()
		}
	}
	var err error
	if which == "row" {
		cb := s.w.Callback().Row()
		err = cb.After("gorm:row").Register("test:cancel", hook)
		t.Cleanup(func() { cb.Remove("test:cancel") })
	} else {
		cb := s.w.Callback().Create()
		err = cb.After("gorm:create").Register("test:cancel", hook)
		t.Cleanup(func() { cb.Remove("test:cancel") })
	}
	if err != nil {
		t.Fatal(err)
	}
	return ctx, &calls
}

// An import whose request is cancelled half-way keeps nothing: every import
// is one transaction, and the cancellation rolls it back.
func TestCancelledImportsKeepNothing(t *testing.T) {
	// The set-based import takes a pair a batch, for the whole test: set
	// before its subtests run in parallel (on SQLite and PostgreSQL at
	// once), put back after them.
	old := applyBatch
	applyBatch = 1
	t.Cleanup(func() { applyBatch = old })
	three := []segment.Document{testDoc("甲", "双方认为。"), testDoc("乙", "中俄关系好。"), testDoc("丙", "合作共赢。")}
	for _, tc := range []struct {
		name   string
		before func(t *testing.T, s *Store) // what is there before the import
		// where to cancel: the second create, or (set) the second batch read
		setBased bool
		run      func(ctx context.Context, s *Store) error
		kept     func(t *testing.T, s *Store) // fails if anything of the import is there
	}{{
		name: "documents",
		run: func(ctx context.Context, s *Store) error {
			_, err := s.ImportDocuments(ctx, "x.txt", three)
			return err
		},
		kept: func(t *testing.T, s *Store) {
			var docs, clauses int64
			s.r.Model(&Document{}).Count(&docs)
			s.r.Model(&Clause{}).Count(&clauses)
			if docs != 0 || clauses != 0 {
				t.Fatalf("%d documents and %d clauses kept", docs, clauses)
			}
		},
	}, {
		name: "glossary",
		run: func(ctx context.Context, s *Store) error {
			_, err := s.ImportTerms(ctx, []glossary.Entry{
				{ZH: "金砖国家", EN: "BRICS", Status: glossary.StatusApproved},
				{ZH: "上海合作组织", EN: "SCO", Status: glossary.StatusApproved},
				{ZH: "联合国", EN: "the United Nations", Status: glossary.StatusApproved},
			}, "reviewer")
			return err
		},
		kept: func(t *testing.T, s *Store) {
			var entries, changes int64
			s.r.Model(&GlossaryEntry{}).Count(&entries)
			s.r.Model(&GlossaryChange{}).Count(&changes)
			if entries != 0 || changes != 0 {
				t.Fatalf("%d entries and %d history rows kept", entries, changes)
			}
		},
	}, {
		name:     "translations by Chinese (CSV)",
		before:   func(t *testing.T, s *Store) { mustImport(t, s, three...) },
		setBased: true,
		run: func(ctx context.Context, s *Store) error {
			_, err := s.ApplyTranslations(ctx, []SourcePair{
				{Source: "双方认为。", Target: "The two sides believe."},
				{Source: "中俄关系好。", Target: "Relations are good."},
				{Source: "合作共赢。", Target: "Win-win cooperation."},
			}, "translator", "csv")
			return err
		},
		kept: untranslated,
	}, {
		name:   "translations by clause (CSV, XLIFF)",
		before: func(t *testing.T, s *Store) { mustImport(t, s, three...) },
		run: func(ctx context.Context, s *Store) error {
			var edits []ClauseEdit
			for i, text := range []string{"The two sides believe.", "Relations are good.", "Win-win cooperation."} {
				edits = append(edits, ClauseEdit{Line: i + 2, ClauseID: uint(i + 1), Target: text})
			}
			_, err := s.ApplyClauseEdits(ctx, edits, "translator", "xliff")
			return err
		},
		kept: untranslated,
	}, {
		name:   "memory (TMX)",
		before: func(t *testing.T, s *Store) { mustImport(t, s, three...) },
		run: func(ctx context.Context, s *Store) error {
			_, err := s.ImportMemory(ctx, []SourcePair{
				{Source: "双方认为。", Target: "The two sides believe."},
				{Source: "中俄关系好。", Target: "Relations are good."},
				{Source: "合作共赢。", Target: "Win-win cooperation."},
			}, "x.tmx", "translator", false)
			return err
		},
		kept: func(t *testing.T, s *Store) {
			var units int64
			s.r.Model(&TMUnit{}).Count(&units)
			if units != 0 {
				t.Fatalf("%d memory units kept", units)
			}
			untranslated(t, s)
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			forEachDB(t, func(t *testing.T, s *Store) {
				if tc.before != nil {
					tc.before(t, s)
				}
				ctx, creates := cancelAtCreate(t, s, 1)
				if tc.setBased { // a pair a batch (set above): the first is written when the second is read
					ctx, creates = cancelAtRead(t, s, 2)
				}
				err := tc.run(ctx, s)
				// The cancellation itself, so that the server answers nobody
				// instead of logging a failure.
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("err %v, want context.Canceled (%d rows created)", err, creates.Load())
				}
				if creates.Load() == 0 {
					t.Fatal("cancelled before the import wrote anything: the test proves nothing")
				}
				tc.kept(t, s)
			})
		})
	}
}

func untranslated(t *testing.T, s *Store) {
	t.Helper()
	var translated, revisions int64
	s.r.Model(&Clause{}).Where("target <> '' OR version <> 0").Count(&translated)
	s.r.Model(&Revision{}).Count(&revisions)
	if translated != 0 || revisions != 0 {
		t.Fatalf("%d clauses changed, %d revisions kept", translated, revisions)
	}
}
