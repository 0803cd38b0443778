package qa

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/testkit/corpus"
)

// cancellingStore is a real store whose corpus stream cancels the request
// after `after` clauses, and counts what was read.
type cancellingStore struct {
	*store.Store
	after  int
	cancel context.CancelFunc
	read   int
}

func (s *cancellingStore) ExportRows(ctx context.Context, f store.ExportFilter) iter.Seq2[store.ExportRow, error] {
	return func(yield func(store.ExportRow, error) bool) {
		for row, err := range s.Store.ExportRows(ctx, f) {
			if s.read++; s.read == s.after {
				s.cancel()
			}
			if !yield(row, err) {
				return
			}
		}
	}
}

// A full recompute cancelled half-way (the corpus is read and checked on
// one goroutine while another writes) returns the cancellation, reads
// little past it, leaves the findings as they were, leaves no goroutine
// behind, and the next recompute runs.
func TestRecomputeStopsWhenCancelled(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "zhen.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.ImportDocuments(ctx, "seed.txt", corpus.SeedCopies(t, 8)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateTerm(ctx, glossary.Entry{ZH: "金砖国家", EN: "BRICS", Forbidden: []string{"BRIC"}, Status: glossary.StatusApproved}, "tr"); err != nil {
		t.Fatal(err)
	}
	clauses, _, err := st.ListClauses(ctx, store.ClauseFilter{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	if len(clauses) < 6*checkBatch {
		t.Fatalf("%d clauses: too few for the test", len(clauses))
	}
	for i, cl := range clauses {
		if cl.Kind != "heading" && i%3 == 0 {
			if _, err := st.SaveTranslation(ctx, cl.ID, 0, "BRIC met.", "tr", "editor"); err != nil {
				t.Fatal(err)
			}
		}
	}
	k := NewKeeper(New(st), st)
	if err := k.RecomputeAll(ctx); err != nil {
		t.Fatal(err)
	}
	before, total, err := st.Findings(ctx, store.FindingFilter{Limit: 1})
	if err != nil || total == 0 || len(before) != 1 {
		t.Fatalf("%d findings (%v)", total, err)
	}
	goroutines := runtime.NumGoroutine()

	cctx, cancel := context.WithCancel(ctx)
	cs := &cancellingStore{Store: st, after: 2*checkBatch + 7, cancel: cancel}
	err = NewKeeper(New(cs), cs).RecomputeAll(cctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	// The checks are at most a batch ahead of the writes, and two batches
	// wait between them.
	if limit := cs.after + 4*checkBatch; cs.read > limit || cs.read == len(clauses) {
		t.Fatalf("read %d of %d clauses after the cancellation at %d", cs.read, len(clauses), cs.after)
	}
	after, total2, err := st.Findings(ctx, store.FindingFilter{Limit: 1})
	if err != nil || total2 != total || after[0].Key != before[0].Key {
		t.Fatalf("after the cancelled recompute: %d findings, before %d (%v)", total2, total, err)
	}
	waitGoroutines(t, goroutines)

	// The writes are slow, so that the checks run ahead and wait to hand
	// over their batches, and fail half-way (a real SQLite error, from a
	// trigger): the waiting checks stop too.
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	middle := clauses[len(clauses)/2].ID
	for _, trigger := range []string{
		"CREATE TRIGGER test_slow BEFORE INSERT ON findings BEGIN SELECT COUNT(*) FROM (WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3000) SELECT x FROM n); END",
		fmt.Sprintf("CREATE TRIGGER test_fail BEFORE INSERT ON findings WHEN NEW.clause_id > %d BEGIN SELECT RAISE(ABORT, 'the test fails this write'); END", middle),
	} {
		if _, err := db.Exec(trigger); err != nil {
			t.Fatal(err)
		}
	}
	if err := k.RecomputeAll(ctx); err == nil || !strings.Contains(err.Error(), "the test fails this write") {
		t.Fatalf("err %v, want the trigger's", err)
	}
	if _, total3, err := st.Findings(ctx, store.FindingFilter{Limit: 1}); err != nil || total3 != total {
		t.Fatalf("after the failed recompute: %d findings, want %d (%v)", total3, total, err)
	}
	waitGoroutines(t, goroutines)
	if _, err := db.Exec("DROP TRIGGER test_fail; DROP TRIGGER test_slow"); err != nil {
		t.Fatal(err)
	}
	if err := k.RecomputeAll(ctx); err != nil {
		t.Fatal(err)
	}
	if _, total3, err := st.Findings(ctx, store.FindingFilter{Limit: 1}); err != nil || total3 != total {
		t.Fatalf("recomputed again: %d findings, want %d (%v)", total3, total, err)
	}
}

// waitGoroutines fails if the goroutines do not come back to n.
func waitGoroutines(t *testing.T, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); runtime.NumGoroutine() > n; {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines, %d before the recompute", runtime.NumGoroutine(), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
