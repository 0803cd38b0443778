package qa

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/internal/segment"
	"github.com/zhen-workbench/zhen/internal/stats"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/testkit/corpus"
)

// TestLeverageLeavesTheClauseItselfOut: an approved clause is in the
// memory, but its own best match is another entry, never itself.
func TestLeverageLeavesTheClauseItselfOut(t *testing.T) {
	ctx := t.Context()
	st, err := store.Open(filepath.Join(t.TempDir(), "zhen.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	doc := segment.Document{Title: "甲", Paragraphs: []string{"双方认为，两国关系发展良好。"}, Clauses: []segment.Clause{{Text: "双方认为，两国关系发展良好。", Kind: segment.KindText}}}
	if _, err := st.ImportDocuments(ctx, "a.txt", []segment.Document{doc}); err != nil {
		t.Fatal(err)
	}
	cl, _, _ := st.ListClauses(ctx, store.ClauseFilter{})
	c, err := st.SaveTranslation(ctx, cl[0].ID, 0, "The two sides agree.", "tr", "editor")
	if err == nil {
		c, err = st.Submit(ctx, c.ID, c.Version, "tr")
	}
	if err == nil {
		_, err = st.Approve(ctx, c.ID, c.Version, 0, "rev")
	}
	if err != nil {
		t.Fatal(err)
	}
	best, n, err := NewMemory(st).Leverage(ctx)
	if err != nil || n != 1 {
		t.Fatalf("%d entries, %v", n, err)
	}
	if s := best(c.Source, c.ID); s != 0 {
		t.Errorf("the clause matched itself: %v", s)
	}
	if s := best(c.Source, 0); s != 1 {
		t.Errorf("another clause with that Chinese scores %v", s)
	}
	if _, err := st.ImportMemory(ctx, []store.SourcePair{{Source: "双方认为，两国关系发展很好。", Target: "Good."}}, "x.tmx", "tr", true); err != nil {
		t.Fatal(err)
	}
	best, n, _ = NewMemory(st).Leverage(ctx)
	if s := best(c.Source, c.ID); n != 2 || stats.BandOf(s) != stats.Fuzzy95 {
		t.Errorf("one character changed in 14 scores %v of %d entries", s, n)
	}
}

// TestMeasureAnalysis times stats and the analysis of a large corpus:
// ZHEN_MEASURE_ANALYSIS=copies of the seed (each ~400 clauses), every
// clause made unique per copy, and a memory of half the copies' Chinese.
// A pessimistic case: each clause has near matches in every other copy.
func TestMeasureAnalysis(t *testing.T) {
	copies, _ := strconv.Atoi(os.Getenv("ZHEN_MEASURE_ANALYSIS"))
	if copies == 0 {
		t.Skip("set ZHEN_MEASURE_ANALYSIS=N (copies of the seed) to measure")
	}
	ctx := t.Context()
	st, err := store.Open(filepath.Join(t.TempDir(), "zhen.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	docs := corpus.SeedCopies(t, copies)
	var pairs []store.SourcePair
	for i := range docs {
		d := &docs[i]
		paras := make([]string, len(d.Paragraphs))
		for j := range d.Clauses {
			c := &d.Clauses[j]
			if c.Kind == segment.KindText {
				c.Text = fmt.Sprintf("第%d号", i) + c.Text
				if i%2 == 0 {
					pairs = append(pairs, store.SourcePair{Source: c.Text, Target: "Memory."})
				}
			}
			paras[c.Paragraph] += c.Text
		}
		d.Paragraphs = paras
	}
	t0 := time.Now()
	imported, err := st.ImportDocuments(ctx, "big.txt", docs)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportMemory(ctx, pairs, "big.tmx", "tr", true); err != nil {
		t.Fatal(err)
	}
	t.Logf("imported %d statements and %d memory units in %v", len(docs), len(pairs), time.Since(t0))
	t0 = time.Now()
	r, err := st.Stats(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("stats of %d clauses (%d characters): %v", r.Total.Clauses, r.Total.ChineseCharacters, time.Since(t0))
	t0 = time.Now()
	best, n, err := NewMemory(st).Leverage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("memory of %d entries built in %v", n, time.Since(t0))
	t0 = time.Now()
	a, err := st.Analyze(ctx, 0, best)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("analysis of %d clauses: %v; bands %+v", a.Total.Clauses, time.Since(t0), a.Total.Bands)
	t0 = time.Now()
	if _, err := st.Analyze(ctx, imported[len(imported)/2].ID, best); err != nil {
		t.Fatal(err)
	}
	t.Logf("analysis of one statement mid-corpus: %v", time.Since(t0))
}
