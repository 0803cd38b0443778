package store

import (
	"testing"

	"github.com/zhen-workbench/zhen/internal/segment"
)

// markerDoc imports a statement whose sentence 双方强调互利共赢。 follows
// 二、, 三、 and no marker, and returns its clauses by position.
func markerDoc(t *testing.T, s *Store) []Clause {
	t.Helper()
	docs, err := segment.Split("markers.txt", "关于合作的声明\n"+
		"一、双方同意加强合作。\n"+
		"二、双方强调互利共赢。\n"+
		"（一）扩大贸易。\n"+
		"三、双方强调互利共赢。\n"+
		"双方强调互利共赢。\n")
	if err != nil {
		t.Fatal(err)
	}
	imp, err := s.ImportFiles(t.Context(), []SourceFile{{Name: "markers.txt", Docs: docs}})
	if err != nil {
		t.Fatal(err)
	}
	cs, _, err := s.ListClauses(t.Context(), ClauseFilter{DocumentID: imp[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"一、", "双方同意加强合作。", "二、", "双方强调互利共赢。", "（一）", "扩大贸易。", "三、", "双方强调互利共赢。", "双方强调互利共赢。"}
	if len(cs) != len(want) {
		t.Fatalf("%d clauses, want %d", len(cs), len(want))
	}
	for i, c := range cs {
		if c.Source != want[i] {
			t.Fatalf("clause %d is %q, want %q", i, c.Source, want[i])
		}
	}
	return cs
}

// checkMarkerTargets compares the English of the clauses with want, and
// checks that the markers kept the English Zhen wrote.
func checkMarkerTargets(t *testing.T, s *Store, doc uint, want []string) {
	t.Helper()
	cs, _, err := s.ListClauses(t.Context(), ClauseFilter{DocumentID: doc})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cs {
		if c.Target != want[i] {
			t.Errorf("clause %d (%s) has %q, want %q", i, c.Source, c.Target, want[i])
		}
		if c.Kind == string(segment.KindHeading) && (c.UpdatedBy != NumberingAuthor || c.Status != StatusApproved) {
			t.Errorf("marker %s was changed: %+v", c.Source, c)
		}
	}
}

// Pairs that keep the marker with the sentence, as OmegaT and Trados
// segment, apply to the sentence after that marker, without the English's
// numbering; the marker keeps Zhen's English.
func TestApplyTranslationsMarkerAndSentence(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		cs := markerDoc(t, s)
		res, err := s.ApplyTranslations(t.Context(), []SourcePair{
			{Source: "二、双方强调互利共赢。", Target: "2. The two sides stress mutual benefit."},
			{Source: "一、 双方同意加强合作。", Target: "I. The two sides agree to strengthen cooperation."},
			{Source: "（一）扩大贸易。", Target: "(1) Expand trade."},
			{Source: "四、双方同意加强合作。", Target: "4. Not after 四、."},     // no such marker before it
			{Source: "五、没有这一句。", Target: "5. In no statement."},     // no such sentence
			{Source: "扩大贸易。", Target: "Expand trade."},              // by itself: as ever
			{Source: "三、双方强调互利共赢。", Target: "The sides stress it."}, // English without numbering
		}, "tom", "csv")
		if err != nil {
			t.Fatal(err)
		}
		// 扩大贸易。 got "(1) Expand trade." from the marker pair, then the
		// same English again: unchanged.
		want := ApplyResult{Matched: 5, Unmatched: 2, Updated: 4, Unchanged: 1, MarkerPairs: 4}
		if res != want {
			t.Errorf("result %+v, want %+v", res, want)
		}
		checkMarkerTargets(t, s, cs[0].DocumentID, []string{
			"1.", "The two sides agree to strengthen cooperation.",
			"2.", "The two sides stress mutual benefit.",
			"(1)", "Expand trade.",
			"3.", "The sides stress it.",
			"",
		})
	})
}

func TestImportMemoryMarkerAndSentence(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		cs := markerDoc(t, s)
		if _, err := s.SaveTranslation(t.Context(), cs[7].ID, cs[7].Version, "Written by a translator.", "tom", "editor"); err != nil {
			t.Fatal(err)
		}
		res, err := s.ImportMemory(t.Context(), []SourcePair{
			{Source: "二、双方强调互利共赢。", Target: "II. The two sides stress mutual benefit."},
			{Source: "三、双方强调互利共赢。", Target: "III. Not over a translator's English."},
			{Source: "四、双方同意加强合作。", Target: "IV. Not after 四、."},
		}, "omegat.tmx", "tom", false)
		if err != nil {
			t.Fatal(err)
		}
		want := MemoryResult{Units: 3, Stored: 3, Filled: 1, Kept: 1, Unmatched: 1, MarkerPairs: 2}
		if res != want {
			t.Errorf("result %+v, want %+v", res, want)
		}
		checkMarkerTargets(t, s, cs[0].DocumentID, []string{
			"1.", "",
			"2.", "The two sides stress mutual benefit.",
			"(1)", "",
			"3.", "Written by a translator.",
			"",
		})
		// The memory keeps the sentence and its English without numbering:
		// what a clause of Zhen's can match.
		var units []TMUnit
		if err := s.r.Order("id").Find(&units).Error; err != nil {
			t.Fatal(err)
		}
		if len(units) != 3 || units[0].Source != "双方强调互利共赢。" || units[0].Target != "The two sides stress mutual benefit." ||
			units[2].Source != "双方同意加强合作。" || units[2].Target != "Not after 四、." {
			t.Errorf("memory units %+v", units)
		}
	})
}
