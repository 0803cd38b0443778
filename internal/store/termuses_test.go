package store

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A full recompute drops and builds again some indexes on SQLite: after it
// the schema has the very indexes the migrations made.
func TestRecomputeKeepsTheIndexes(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "zhen.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ctx := t.Context()
	indexes := func() map[string]string {
		var rows []struct{ Name, SQL string }
		if err := s.r.Raw("SELECT name, COALESCE(sql, '') AS sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('findings', 'term_uses')").Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, r := range rows {
			out[r.Name] = regexp.MustCompile(`\s+`).ReplaceAllString(strings.ReplaceAll(r.SQL, "`", ""), "")
		}
		return out
	}
	before := indexes()
	for _, ix := range rebuiltIndexes {
		if _, ok := before[ix.name]; !ok {
			t.Fatalf("%s is rebuilt by a recompute but no migration made it", ix.name)
		}
	}
	if err := s.ResetFindings(ctx, 0, 1, func(*FindingWriter) error { return nil }); err != nil {
		t.Fatal(err)
	}
	after := indexes()
	if len(after) != len(before) {
		t.Fatalf("indexes before a recompute %v, after %v", before, after)
	}
	for name, sql := range before {
		if after[name] != sql {
			t.Errorf("index %s: made by the migrations as %q, by a recompute as %q", name, sql, after[name])
		}
	}
}
