package qa

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/demo"
	"github.com/zhen-workbench/zhen/internal/numbering"
	"github.com/zhen-workbench/zhen/internal/segment"
	"github.com/zhen-workbench/zhen/internal/store"
)

// The 2011 treaty statement numbers its points （一）…（五）, and its
// English version (1)…(5), each with its sentence: the alignment leaves the
// markers to Zhen and gives each sentence its English without "(1)".
func TestAlignNumberedEnglish(t *testing.T) {
	c := alignChecker(t)
	docs, err := segment.Parse(demo.SeedName, demo.Seed)
	if err != nil {
		t.Fatal(err)
	}
	var clauses []store.Clause
	for _, d := range docs {
		if !strings.Contains(d.Title, "签署10周年") {
			continue
		}
		for i, cl := range d.Clauses {
			clauses = append(clauses, store.Clause{ID: uint(i + 1), Position: i, Paragraph: cl.Paragraph, Kind: string(cl.Kind), Source: cl.Text})
		}
	}
	en, err := os.ReadFile("../align/testdata/treaty-2011.en.txt")
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.Align(t.Context(), clauses, string(en))
	if err != nil {
		t.Fatal(err)
	}
	pairOf := map[uint]AlignedPair{}
	for _, p := range out.Pairs {
		for _, id := range p.ClauseIDs {
			pairOf[id] = p
		}
		for _, s := range p.Sentences {
			if m, _ := numbering.PeelEnglish(s); m != "" || numbering.IsEnglishMarker(s) {
				t.Errorf("a sentence keeps its numbering: %q", s)
			}
		}
	}
	markers := 0
	for i, cl := range clauses {
		if !strings.HasPrefix(cl.Source, "（") || cl.Kind != string(segment.KindHeading) {
			continue
		}
		markers++
		if p, ok := pairOf[cl.ID]; ok {
			t.Errorf("marker %s is in a pair: %+v", cl.Source, p)
		}
		next := clauses[i+1]
		p := pairOf[next.ID]
		if len(p.ClauseIDs) == 0 || p.ClauseIDs[0] != next.ID || !strings.HasPrefix(p.English, "They will") {
			t.Errorf("the sentence after %s (%.20s…) pairs as %v with %.40q", cl.Source, next.Source, p.ClauseIDs, p.English)
		}
	}
	if markers != 5 {
		t.Fatalf("%d markers （一）…（五）, want 5", markers)
	}
	if out.Clauses != len(clauses) {
		t.Errorf("Clauses = %d, want every clause of the document (%d)", out.Clauses, len(clauses))
	}
}

func TestPeelNumbering(t *testing.T) {
	got, paras := peelNumbering(
		[]string{"4. The two sides stress cooperation.", "II. They agree.", "IV", "(3)", "Trade grows.", "5. Billion.", "(6)"},
		[]int{0, 0, 1, 2, 3, 3, 4})
	want := []string{"The two sides stress cooperation.", "II. They agree.", "IV", "Trade grows.", "5. Billion.", "(6)"}
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(paras, []int{0, 0, 1, 3, 3, 4}) {
		t.Errorf("peelNumbering = %q %v, want %q", got, paras, want)
	}
}
