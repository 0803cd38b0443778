package store

import (
	"context"
	"errors"
	"github.com/zhen-workbench/zhen/internal/fault"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zhen-workbench/zhen/glossary"
)

// paragraphsOf joins a document's clauses by paragraph, in order.
func paragraphsOf(t *testing.T, s *Store, docID uint) ([]string, []Clause) {
	t.Helper()
	cs, _, err := s.ListClauses(context.Background(), ClauseFilter{DocumentID: docID})
	if err != nil {
		t.Fatal(err)
	}
	var paras []string
	for i, c := range cs {
		if c.Position != i {
			t.Fatalf("clause %d at position %d: positions must stay 0…n-1", i, c.Position)
		}
		for len(paras) <= c.Paragraph {
			paras = append(paras, "")
		}
		paras[c.Paragraph] += c.Source
	}
	return paras, cs
}

// TestSplitMergeLossless makes random splits and merges and checks after
// each that every paragraph's clauses still concatenate to its text.
func TestSplitMergeLossless(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		paras := []string{"双方愿进一步加强全面战略协作伙伴关系。中方支持俄方举办峰会。", "双方将继续在上海合作组织框架内合作。", "二〇一一年六月十六日于莫斯科"}
		doc := mustImport(t, s, testDoc("分合测试", paras...))[0]
		rng := rand.New(rand.NewPCG(7, 8))
		splits, merges := 0, 0
		for range 40 {
			_, cs := paragraphsOf(t, s, doc.ID)
			c := cs[rng.IntN(len(cs))]
			if rng.IntN(2) == 0 && utf8.RuneCountInString(c.Source) > 1 {
				runes := []rune(c.Source)
				at := len(string(runes[:1+rng.IntN(len(runes)-1)]))
				got, err := s.SplitClause(ctx, c.ID, c.Version, at, nil, "ed")
				if err != nil {
					t.Fatal(err)
				}
				if got.Clauses[0].Source+got.Clauses[1].Source != c.Source || got.Clauses[1].Position != c.Position+1 {
					t.Fatalf("split of %q gave %q + %q", c.Source, got.Clauses[0].Source, got.Clauses[1].Source)
				}
				splits++
			} else if c.Position+1 < len(cs) && cs[c.Position+1].Paragraph == c.Paragraph {
				next := cs[c.Position+1]
				got, err := s.MergeClauses(ctx, c.ID, c.Version, next.Version, nil, "ed")
				if err != nil {
					t.Fatal(err)
				}
				if got.Source != c.Source+next.Source {
					t.Fatalf("merge gave %q", got.Source)
				}
				merges++
			}
			got, _ := paragraphsOf(t, s, doc.ID)
			if strings.Join(got, "\n") != strings.Join(paras, "\n") {
				t.Fatalf("paragraphs now %q, imported %q", got, paras)
			}
		}
		if splits < 5 || merges < 5 {
			t.Fatalf("%d splits, %d merges: too few to test", splits, merges)
		}
	})
}

func TestSplitMergeEnglishHistoryAndConflicts(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		doc := mustImport(t, s, testDoc("分合", "中方支持俄方举办峰会，双方将加强合作。下一句。", "另一段。"))[0]
		_, cs := paragraphsOf(t, s, doc.ID)
		c, err := s.SaveTranslation(ctx, cs[0].ID, 0, "China supports Russia hosting the summit, and the two sides will strengthen cooperation.", "tr", "editor")
		if err != nil {
			t.Fatal(err)
		}
		if c, err = s.Approve(ctx, c.ID, c.Version, 0, "rev"); err != nil {
			t.Fatal(err)
		}

		// A stale version, a point inside a character, the ends: refused, nothing changed.
		var conflict *fault.Conflict
		if _, err := s.SplitClause(ctx, c.ID, c.Version-1, 3, nil, "ed"); !errors.As(err, &conflict) {
			t.Fatalf("stale split: %v", err)
		}
		var structure *fault.Invalid
		for _, at := range []int{0, 1, len(c.Source)} {
			if _, err := s.SplitClause(ctx, c.ID, c.Version, at, nil, "ed"); !errors.As(err, &structure) {
				t.Fatalf("split at %d: %v", at, err)
			}
		}
		if _, err := s.SplitClause(ctx, c.ID, c.Version, 3, []string{"only one"}, "ed"); !errors.As(err, &structure) {
			t.Fatalf("one English for two parts: %v", err)
		}

		at := strings.Index(c.Source, "双方")
		got, err := s.SplitClause(ctx, c.ID, c.Version, at, []string{"China supports Russia hosting the summit,", "and the two sides will strengthen cooperation."}, "ed")
		if err != nil {
			t.Fatal(err)
		}
		first, second := got.Clauses[0], got.Clauses[1]
		if first.Source != "中方支持俄方举办峰会，" || second.Source != "双方将加强合作。" || first.Status != StatusDraft || second.Status != StatusDraft ||
			first.ApprovedTarget != "" || second.Target != "and the two sides will strengthen cooperation." || second.Version != 1 {
			t.Fatalf("split gave %+v and %+v", first, second)
		}
		hist, _ := s.History(ctx, first.ID)
		if hist[0].Action != ActionSplit || hist[len(hist)-1].Action != ActionSave {
			t.Fatalf("history of the first part: %+v", hist)
		}
		if h2, _ := s.History(ctx, second.ID); len(h2) != 1 || h2[0].Action != ActionSplit || !strings.Contains(h2[0].Comment, "split from clause 1") {
			t.Fatalf("history of the second part: %+v", h2)
		}

		// Merging back: the English joined, the second clause's history kept in the merge row.
		if _, err := s.AddComment(ctx, second.ID, "check the tense", "rev"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.MergeClauses(ctx, first.ID, first.Version, second.Version-1, nil, "ed"); !errors.As(err, &conflict) || conflict.Current.(Clause).ID != second.ID {
			t.Fatalf("merge with a stale next version: %v", err)
		}
		merged, err := s.MergeClauses(ctx, first.ID, first.Version, second.Version, nil, "ed")
		if err != nil {
			t.Fatal(err)
		}
		if merged.Source != "中方支持俄方举办峰会，双方将加强合作。" || merged.Target != "China supports Russia hosting the summit, and the two sides will strengthen cooperation." {
			t.Fatalf("merged %+v", merged)
		}
		hist, _ = s.History(ctx, merged.ID)
		if hist[0].Action != ActionMerge || !strings.Contains(hist[0].Comment, "its v1 split by ed") || !strings.Contains(hist[0].Comment, "双方将加强合作。") {
			t.Fatalf("merge row %+v", hist[0])
		}
		if cm, _ := s.Comments(ctx, merged.ID); len(cm) != 1 || cm[0].Text != "check the tense" {
			t.Fatalf("comments after merge: %+v", cm)
		}
		if _, err := s.GetClause(ctx, second.ID); !errors.Is(err, ErrNotFound) {
			t.Fatalf("merged-away clause: %v", err)
		}

		// Never across paragraphs.
		_, cs = paragraphsOf(t, s, doc.ID)
		if _, err := s.MergeClauses(ctx, cs[1].ID, cs[1].Version, cs[2].Version, nil, "ed"); !errors.As(err, &structure) {
			t.Fatalf("merge across paragraphs: %v", err)
		}
		if last := cs[len(cs)-1]; true {
			if _, err := s.MergeClauses(ctx, last.ID, last.Version, 0, nil, "ed"); !errors.As(err, &structure) {
				t.Fatalf("merge of the last clause: %v", err)
			}
		}
	})
}

// TestSplitMergeCarryDismissals checks that a reviewer's dismissal follows
// the text it was about: moved to the clause a merge keeps (unless that one
// has its own), copied to both parts of a split.
func TestSplitMergeCarryDismissals(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		doc := mustImport(t, s, testDoc("驳回随行", "金砖国家合作。金砖国家发展。金砖国家对话。"))[0]
		_, cs := paragraphsOf(t, s, doc.ID)
		if len(cs) != 3 {
			t.Fatalf("%d clauses", len(cs))
		}
		key := func(id uint, found string) string {
			return glossary.FindingKey(glossary.Finding{Kind: glossary.KindTermForbidden, ClauseID: id, Term: "金砖国家", Found: found})
		}
		dismiss := func(id uint, found, reason string) {
			if _, err := s.Dismiss(ctx, Dismissal{FindingKey: key(id, found), ClauseID: id, Kind: glossary.KindTermForbidden, Reason: reason, Author: "rev"}); err != nil {
				t.Fatal(err)
			}
		}
		dismiss(cs[0].ID, "BRIC", "the first clause's own")
		dismiss(cs[1].ID, "BRIC", "quoted name")     // the same key in the clause it joins: dropped
		dismiss(cs[1].ID, "BRICs", "a plural, fine") // moves
		if _, err := s.MergeClauses(ctx, cs[0].ID, cs[0].Version, cs[1].Version, nil, "ed"); err != nil {
			t.Fatal(err)
		}
		ds, err := s.Dismissals(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(ds) != 2 || ds[key(cs[0].ID, "BRIC")].Reason != "the first clause's own" || ds[key(cs[0].ID, "BRICs")].Reason != "a plural, fine" || ds[key(cs[0].ID, "BRICs")].ClauseID != cs[0].ID {
			t.Fatalf("dismissals after the merge: %+v", ds)
		}
		// A split copies them to the new clause; the first keeps its own.
		_, cs = paragraphsOf(t, s, doc.ID)
		split, err := s.SplitClause(ctx, cs[0].ID, cs[0].Version, len("金砖国家合作。"), nil, "ed")
		if err != nil {
			t.Fatal(err)
		}
		second := split.Clauses[1].ID
		ds, err = s.Dismissals(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(ds) != 4 || ds[key(second, "BRICs")].Reason != "a plural, fine" || ds[key(second, "BRIC")].ClauseID != second || ds[key(cs[0].ID, "BRIC")].Reason != "the first clause's own" {
			t.Fatalf("dismissals after the split: %+v", ds)
		}
	})
}
