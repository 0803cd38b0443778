package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestConcordance runs on whatever this build has: FTS5 trigrams (the test
// command's -tags sqlite_fts5), the instr() scan (plain go test), and
// PostgreSQL's pg_trgm; the answers must be the same.
func TestConcordance(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		t.Logf("search method: %s", s.SearchMethod())
		mustImport(t, s,
			testDoc("甲", "双方支持金砖国家合作。二十国集团（Ｇ２０）峰会。", "全面战略协作伙伴关系继续发展。"),
			testDoc("乙", "金砖国家领导人会晤。"))
		cl, _, _ := s.ListClauses(ctx, ClauseFilter{})
		s.SaveTranslation(ctx, cl[0].ID, 0, "The two sides support BRICS cooperation.", "tr", "editor")
		cases := []struct {
			q, in string
			want  []uint
		}{
			{"金砖", "", []uint{cl[0].ID, cl[3].ID}}, // two characters: trigrams cannot, the scan can
			{"金砖国家合作", "zh", []uint{cl[0].ID}},     // long
			{"G20", "zh", []uint{cl[1].ID}},        // half-width query, full-width text
			{"战略协作", "", []uint{cl[2].ID}},         // inside a longer term
			{"brics", "en", []uint{cl[0].ID}},      // English ignores case
			{"brics", "zh", nil},                   // not in the Chinese
			{"金砖", "en", nil},                      // not in the English
			{"100%", "", nil},                      // LIKE wildcards are text
			{`"`, "", nil},                         // quotes cannot break an FTS query
		}
		for _, c := range cases {
			hits, err := s.Search(ctx, c.q, c.in, 50)
			if err != nil {
				t.Fatalf("%q in %q: %v", c.q, c.in, err)
			}
			var got []uint
			for _, h := range hits {
				got = append(got, h.ID)
			}
			if len(got) != len(c.want) || (len(got) > 0 && (got[0] != c.want[0] || got[len(got)-1] != c.want[len(c.want)-1])) {
				t.Errorf("%q in %q: %v, want %v", c.q, c.in, got, c.want)
			}
			for _, h := range hits {
				if h.DocumentTitle == "" {
					t.Errorf("%q: hit without its document", c.q)
				}
			}
		}
		// The index follows edits.
		s.SaveTranslation(ctx, cl[0].ID, 1, "Both sides back the group.", "tr", "editor")
		if hits, _ := s.Search(ctx, "BRICS cooperation", "en", 50); len(hits) != 0 {
			t.Errorf("old English still found: %+v", hits)
		}
		if hits, _ := s.Search(ctx, "back the group", "en", 50); len(hits) != 1 {
			t.Errorf("new English not found: %+v", hits)
		}
	})
}

// TestConcordanceIndexRebuilt: a build without FTS5 drops the triggers and
// writes on; the next FTS5 build rebuilds the index, so nothing written in
// between is missing.
func TestConcordanceIndexRebuilt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "zhen.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.SearchMethod() != "fts5" {
		s.Close()
		t.Skip("this build has no FTS5 (run with -tags sqlite_fts5)")
	}
	ctx := context.Background()
	for _, tr := range strings.Split(ftsTriggers, ",") { // what a build without FTS5 does
		s.w.Exec("DROP TRIGGER " + tr)
	}
	mustImport(t, s, testDoc("甲", "上海合作组织峰会。"))
	s.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if hits, err := s.Search(ctx, "上海合作组织", "zh", 10); err != nil || len(hits) != 1 {
		t.Fatalf("after reopening: %v %+v", err, hits)
	}
}
