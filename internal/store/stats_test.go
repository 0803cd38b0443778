package store

import (
	"context"
	"errors"
	"testing"

	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/segment"
	"github.com/zhen-workbench/zhen/internal/stats"
)

// statsCorpus imports two statements (the first with a numbering marker)
// and gives three clauses English: one approved, one submitted, one draft.
func statsCorpus(t *testing.T, s *Store) (first, second uint) {
	t.Helper()
	ctx := context.Background()
	a := testDoc("甲", "双方认为，关系很好。", "２０１５年合作。")
	a.Clauses = append([]segment.Clause{{Paragraph: 0, Text: "一、", Kind: segment.KindHeading}}, a.Clauses...)
	a.Paragraphs[0] = "一、" + a.Paragraphs[0]
	b := testDoc("乙", "双方认为，关系很好。", "新的一句。")
	got := mustImport(t, s, a, b)
	first, second = got[0].ID, got[1].ID
	cl, _, err := s.ListClauses(ctx, ClauseFilter{DocumentID: first})
	if err != nil {
		t.Fatal(err)
	}
	// cl[0] is the marker, cl[1] 双方认为，关系很好。 cl[2] ２０１５年合作。
	c, err := s.SaveTranslation(ctx, cl[1].ID, cl[1].Version, "The two sides believe relations are good.", "tr", "editor")
	if err != nil {
		t.Fatal(err)
	}
	if c, err = s.Submit(ctx, c.ID, c.Version, "tr"); err != nil {
		t.Fatal(err)
	}
	if _, err = s.Approve(ctx, c.ID, c.Version, 0, "rev"); err != nil {
		t.Fatal(err)
	}
	if c, err = s.SaveTranslation(ctx, cl[2].ID, cl[2].Version, "Cooperation in 2015.", "tr", "editor"); err != nil {
		t.Fatal(err)
	}
	if _, err = s.Submit(ctx, c.ID, c.Version, "tr"); err != nil {
		t.Fatal(err)
	}
	cl, _, _ = s.ListClauses(ctx, ClauseFilter{DocumentID: second})
	if _, err = s.SaveTranslation(ctx, cl[1].ID, cl[1].Version, "A new sentence, in draft.", "tr", "editor"); err != nil {
		t.Fatal(err)
	}
	return first, second
}

func TestStats(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		first, second := statsCorpus(t, s)
		r, err := s.Stats(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Documents) != 2 || r.Documents[0].ID != first || r.Documents[1].ID != second || r.Documents[0].Title != "甲" {
			t.Fatalf("documents %+v", r.Documents)
		}
		a, b := r.Documents[0], r.Documents[1]
		// 双方认为关系很好 8 + ２０１５年合作 7; the marker apart.
		if a.Clauses != 2 || a.Markers != 1 || a.ChineseCharacters != 15 || a.EnglishWords != 7 || a.EnglishWordsCurrent != 10 {
			t.Errorf("first: %+v", a.Counts)
		}
		if a.ByStatus[StatusApproved] != 1 || a.ByStatus[StatusSubmitted] != 1 || a.ByStatus[StatusUntranslated] != 0 {
			t.Errorf("first by status: %v", a.ByStatus)
		}
		if b.Clauses != 2 || b.ChineseCharacters != 12 || b.EnglishWords != 0 || b.EnglishWordsCurrent != 5 || b.ByStatus[StatusDraft] != 1 || b.ByStatus[StatusUntranslated] != 1 {
			t.Errorf("second: %+v", b.Counts)
		}
		if r.Total.Clauses != 4 || r.Total.ChineseCharacters != 27 || r.Total.Markers != 1 || r.Total.ByStatus[StatusUntranslated] != 1 {
			t.Errorf("total: %+v", r.Total)
		}
		one, err := s.Stats(ctx, second)
		if err != nil || len(one.Documents) != 1 || one.Total.ChineseCharacters != 12 {
			t.Errorf("one statement: %+v, %v", one, err)
		}
		var missing *fault.NotFound
		if _, err := s.Stats(ctx, 999); !errors.As(err, &missing) {
			t.Errorf("a missing statement: %v", err)
		}
	})
}

func TestAnalyzeRepetitionsInImportOrder(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		_, second := statsCorpus(t, s)
		var asked []string
		best := func(source string, exclude uint) float64 {
			asked = append(asked, source)
			if source == "新的一句。" {
				return 0.8
			}
			return 0
		}
		a, err := s.Analyze(ctx, second, best)
		if err != nil {
			t.Fatal(err)
		}
		// Only the second statement, but its first clause repeats one of the first.
		if len(a.Documents) != 1 || a.Documents[0].ID != second {
			t.Fatalf("documents %+v", a.Documents)
		}
		l := a.Documents[0].Leverage
		if l.Clauses != 2 || l.Bands.Repetitions != (stats.Tally{Clauses: 1, ChineseCharacters: 8}) || l.Bands.Fuzzy75 != (stats.Tally{Clauses: 1, ChineseCharacters: 4}) {
			t.Errorf("second: %+v", l)
		}
		if len(asked) != 1 {
			t.Errorf("the memory was asked %q: only the second statement's first occurrences are searched", asked)
		}
		all, err := s.Analyze(ctx, 0, best)
		if err != nil {
			t.Fatal(err)
		}
		if all.Total.Clauses != 4 || all.Total.Bands.Repetitions.Clauses != 1 || all.Total.Bands.NoMatch.Clauses != 2 || all.Documents[0].Bands.Repetitions.Clauses != 0 {
			t.Errorf("corpus: %+v", all)
		}
	})
}
