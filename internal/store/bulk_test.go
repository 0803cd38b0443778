package store

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/segment"
)

// A large import fills the full-text index after its rows and, when it
// more than doubles the corpus, builds the source_key index again: after
// it, and after a large import that fails, the clauses are found as after
// a small one, and the next single insert is indexed by the trigger again.
func TestBulkImportKeepsTheIndexes(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "zhen.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ctx := t.Context()
	if s.SearchMethod() != "fts5" {
		t.Skip("built without FTS5 (the sqlite_fts5 tag): nothing to fill")
	}
	statement := func(name string, n int) SourceFile {
		var paras []string
		for i := range n {
			paras = append(paras, fmt.Sprintf("双方就第%d号%s项目达成一致。", i, name))
		}
		return SourceFile{Name: name + ".txt", Docs: []segment.Document{testDoc(name+"联合声明", paras...)}}
	}
	schema := func() string {
		var names []string
		if err := s.r.Raw("SELECT name FROM sqlite_master WHERE name IN ('clause_fts_ai', 'idx_clauses_source_key') ORDER BY name").Scan(&names).Error; err != nil {
			t.Fatal(err)
		}
		return strings.Join(names, ",")
	}
	found := func(q string) int {
		hits, err := s.Search(ctx, q, "zh", 100000)
		if err != nil {
			t.Fatal(err)
		}
		return len(hits)
	}
	var plan []string
	explain := func() string {
		var rows []struct {
			ID, Parent, Notused int
			Detail              string
		}
		if err := s.r.Raw("EXPLAIN QUERY PLAN SELECT id FROM clauses WHERE source_key = 'x'").Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			plan = append(plan, r.Detail)
		}
		return strings.Join(plan, ";")
	}
	const want = "clause_fts_ai,idx_clauses_source_key"
	for _, step := range []struct {
		name string
		n    int // clauses: bulkClauses and more make a bulk load
	}{{"甲", bulkClauses}, {"乙", bulkClauses}, {"丙", 3}} {
		if _, err := s.ImportFiles(ctx, []SourceFile{statement(step.name, step.n)}); err != nil {
			t.Fatal(err)
		}
		if got := schema(); got != want {
			t.Fatalf("after importing %s: %s, want %s", step.name, got, want)
		}
		if got := found(step.name + "项目"); got != step.n {
			t.Fatalf("after importing %d clauses of %s the full-text index finds %d", step.n, step.name, got)
		}
	}
	if !strings.Contains(explain(), "idx_clauses_source_key") {
		t.Fatalf("the source_key index is not used: %v", plan)
	}
	// English for most clauses: the full-text index is rebuilt once, and
	// finds it; the update trigger is back for the next save.
	var pairs []SourcePair
	for i := range bulkClauses {
		pairs = append(pairs, SourcePair{Source: fmt.Sprintf("双方就第%d号甲项目达成一致。", i), Target: fmt.Sprintf("Agreement on project A-%d.", i)})
	}
	if res, err := s.ApplyTranslations(ctx, pairs, "li", "import"); err != nil || res.Updated != bulkClauses {
		t.Fatalf("%+v %v", res, err)
	}
	english := func(q string) int {
		hits, err := s.Search(ctx, q, "en", 100000)
		if err != nil {
			t.Fatal(err)
		}
		return len(hits)
	}
	if got := english("Agreement on project A-"); got != bulkClauses {
		t.Fatalf("after a bulk translations import the full-text index finds %d of %d", got, bulkClauses)
	}
	hits, _ := s.Search(ctx, "丙项目", "zh", 1)
	if _, err := s.SaveTranslation(ctx, hits[0].ID, hits[0].Version, "Agreement on project C, saved alone.", "li", "editor"); err != nil {
		t.Fatal(err)
	}
	if got := english("saved alone"); got != 1 {
		t.Fatalf("a save after a bulk translations import: found %d times", got)
	}
	if got := schema(); got != want {
		t.Fatalf("after a bulk translations import: %s, want %s", got, want)
	}
	var triggers int
	if err := s.r.Raw("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'clause_fts_au'").Scan(&triggers).Error; err != nil || triggers != 1 {
		t.Fatalf("the update trigger: %d (%v)", triggers, err)
	}

	// A bulk load that fails (its client goes away after the second
	// statement is created) changes nothing, the schema included.
	cancelled, _ := cancelAtCreate(t, s, 2)
	if _, err := s.ImportFiles(cancelled, []SourceFile{statement("丁", bulkClauses), statement("戊", bulkClauses)}); err == nil {
		t.Fatal("a cancelled import succeeded")
	}
	if got := found("丁项目"); got != 0 {
		t.Fatalf("a failed import left %d clauses", got)
	}
	if got := schema(); got != want {
		t.Fatalf("after a failed bulk import: %s, want %s", got, want)
	}
}
