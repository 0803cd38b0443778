package store

import (
	"context"
	"strconv"
	"testing"

	"github.com/zhen-workbench/zhen/glossary"
)

// The QA report's lines: open and dismissed findings of a statement or of
// the corpus, in statement and clause order, numbered from 1 as the
// interface numbers clauses, with the dismissal's author and reason.
func TestEachReportLine(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		imp := mustImport(t, s, testDoc("甲", "双方认为。中俄关系好。"), testDoc("乙", "双方同意。"))
		a, _, _ := s.ListClauses(ctx, ClauseFilter{DocumentID: imp[0].ID})
		b, _, _ := s.ListClauses(ctx, ClauseFilter{DocumentID: imp[1].ID})
		// Stored in the order b, a[1], a[0]: the report sorts them.
		storeFinding(t, s, b[0], glossary.KindTermMissing)
		storeFinding(t, s, a[1], glossary.KindTermMissing)
		f := storeFinding(t, s, a[0], glossary.KindTermMissing)
		if _, err := s.Dismiss(ctx, Dismissal{FindingKey: glossary.FindingKey(f), ClauseID: a[0].ID, Kind: f.Kind, Reason: "a quotation", Author: "rita"}); err != nil {
			t.Fatal(err)
		}
		var got []string
		for l, err := range s.EachReportLine(ctx, 0) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, l.DocumentTitle+"/"+strconv.Itoa(l.Clause)+"/"+l.Chinese+"/"+l.Kind+"/"+l.Message+"/"+l.DismissedBy+"/"+l.DismissedWhy)
			if l.DismissedBy != "" && l.DismissedAt.IsZero() {
				t.Errorf("dismissed without a time: %+v", l)
			}
		}
		want := []string{
			"甲/1/双方认为。/term_missing/the glossary says both sides/rita/a quotation",
			"甲/2/中俄关系好。/term_missing/the glossary says both sides//",
			"乙/1/双方同意。/term_missing/the glossary says both sides//",
		}
		if len(got) != len(want) {
			t.Fatalf("report:\n%q\nwant\n%q", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("line %d: %q, want %q", i, got[i], want[i])
			}
		}
		n := 0
		for l, err := range s.EachReportLine(ctx, imp[1].ID) {
			if err != nil || l.DocumentID != imp[1].ID {
				t.Fatalf("one statement's: %+v %v", l, err)
			}
			n++
		}
		if n != 1 {
			t.Fatalf("one statement's report has %d lines", n)
		}
	})
}
