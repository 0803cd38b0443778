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
	db, err := sql.Open("sqlite3", path) // for the triggers below
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := st.ImportDocuments(ctx, "seed.txt", corpus.SeedCopies(t, 8)); err != nil {
		t.Fatal(err)
	}
	// A common term left out of the English: findings in most batches.
	for _, e := range []glossary.Entry{{ZH: "金砖国家", EN: "BRICS", Forbidden: []string{"BRIC"}}, {ZH: "双方", EN: "the two sides"}} {
		e.Status = glossary.StatusApproved
		if _, err := st.CreateTerm(ctx, e, "tr"); err != nil {
			t.Fatal(err)
		}
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
	waitChecksEnded(t)

	// The writes are slow, so that the checks run ahead and wait to hand
	// over their batches, and fail half-way (a real SQLite error, from a
	// trigger): the waiting checks stop too.
	middle := clauses[len(clauses)/8].ID // early: the checks have batches left to hand over
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
	waitChecksEnded(t)
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

// waitChecksEnded fails if a recompute's checking goroutine is still
// there after a while (left waiting to hand over a batch).
func waitChecksEnded(t *testing.T) {
	t.Helper()
	buf := make([]byte, 1<<20)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		stacks := string(buf[:runtime.Stack(buf, true)])
		if !strings.Contains(stacks, "(*Keeper).checkCorpus") {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the recompute's checks are still running:\n%s", stacks)
		}
	}
}

// countingStore counts the two ways of writing findings.
type countingStore struct {
	*store.Store
	resets, replaces int
}

func (s *countingStore) ResetFindings(ctx context.Context, generation int64, rules int, fn func(w *store.FindingWriter) error) error {
	s.resets++
	return s.Store.ResetFindings(ctx, generation, rules, fn)
}

func (s *countingStore) ReplaceFindings(ctx context.Context, checked []store.Checked, generation int64) ([]uint, bool, error) {
	s.replaces++
	return s.Store.ReplaceFindings(ctx, checked, generation)
}

// A bulk write or a glossary change rechecks the clauses it touched when
// they are a small part of the corpus, and computes everything again when
// they are a large one (a recheck of 45,000 clauses took 466 s, a
// recompute 27 s); either way the findings are current after it.
func TestRecheckOrRecompute(t *testing.T) {
	ctx := t.Context()
	st, err := store.Open(filepath.Join(t.TempDir(), "zhen.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.ImportDocuments(ctx, "seed.txt", corpus.SeedCopies(t, 2)); err != nil {
		t.Fatal(err)
	}
	clauses, _, err := st.ListClauses(ctx, store.ClauseFilter{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	var common, rare []uint // clauses with 双方, and with 金砖国家
	for _, c := range clauses {
		if strings.Contains(c.Source, "双方") {
			common = append(common, c.ID)
		}
		if strings.Contains(c.Source, "金砖国家") {
			rare = append(rare, c.ID)
		}
		if _, err := st.SaveTranslation(ctx, c.ID, c.Version, "The parties met.", "tr", "editor"); err != nil {
			t.Fatal(err)
		}
	}
	if len(common)*recheckCost < len(clauses) || len(rare) == 0 || len(rare)*recheckCost >= len(clauses) {
		t.Fatalf("%d clauses, %d with the common term, %d with the rare one: not what the test needs", len(clauses), len(common), len(rare))
	}
	cs := &countingStore{Store: st}
	k := NewKeeper(New(cs), cs)
	if err := k.RecomputeAll(ctx); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		zh, en  string
		recheck bool
	}{{"金砖国家", "BRICS", true}, {"双方", "the two sides", false}} {
		cs.resets, cs.replaces = 0, 0
		term, err := st.CreateTerm(ctx, glossary.Entry{ZH: tc.zh, EN: tc.en, Status: glossary.StatusApproved}, "rev")
		if err != nil {
			t.Fatal(err)
		}
		if err := k.RecheckTerms(ctx, term.ID, tc.zh); err != nil {
			t.Fatal(err)
		}
		if got := cs.resets == 0 && cs.replaces > 0; got != tc.recheck || cs.resets+cs.replaces == 0 {
			t.Fatalf("%s: %d recomputes, %d rechecks", tc.zh, cs.resets, cs.replaces)
		}
		if recomputed, err := k.Current(ctx); err != nil || recomputed {
			t.Fatalf("%s: the findings were not current after the change (%v)", tc.zh, err)
		}
		_, total, err := st.Findings(ctx, store.FindingFilter{Kind: glossary.KindTermMissing, Limit: 1})
		if err != nil || total == 0 {
			t.Fatalf("%s: %d findings of the missing term (%v)", tc.zh, total, err)
		}
	}
	for _, tc := range []struct {
		ids     []uint
		recheck bool
	}{{rare, true}, {common, false}} {
		cs.resets, cs.replaces = 0, 0
		if err := k.RecheckMany(ctx, tc.ids); err != nil {
			t.Fatal(err)
		}
		if got := cs.resets == 0 && cs.replaces > 0; got != tc.recheck {
			t.Fatalf("%d clauses: %d recomputes, %d rechecks", len(tc.ids), cs.resets, cs.replaces)
		}
	}
}
