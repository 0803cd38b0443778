package qa

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/testkit/corpus"
)

// TestFindingsInBatches checks the corpus check, which hands the glossary
// the streamed clauses in batches, against each clause checked on its own,
// on a real SQLite database with more clauses than two batches: nothing is
// lost at a batch's end or at the last, short batch.
func TestFindingsInBatches(t *testing.T) {
	ctx := t.Context()
	st, err := store.Open(filepath.Join(t.TempDir(), "zhen.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.ImportDocuments(ctx, "seed.txt", corpus.SeedCopies(t, 4)); err != nil {
		t.Fatal(err)
	}
	for _, e := range []glossary.Entry{
		{ZH: "上海合作组织", EN: "Shanghai Cooperation Organisation", Variants: []string{"SCO"}, Status: glossary.StatusApproved},
		{ZH: "金砖国家", EN: "BRICS", Forbidden: []string{"BRIC"}, Status: glossary.StatusApproved},
	} {
		if _, err := st.CreateTerm(ctx, e, "tr"); err != nil {
			t.Fatal(err)
		}
	}
	clauses, _, err := st.ListClauses(ctx, store.ClauseFilter{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	// Every clause but a few gets English: a forbidden rendering, the
	// variant, or nothing the glossary asks for.
	for i, cl := range clauses {
		if cl.Kind == "heading" && i != len(clauses)-1 {
			continue // a numbering marker: the system gave it English
		}
		text := []string{"", "The SCO and BRIC met.", "The SCO and BRICS met.", "Nothing here."}[i%4]
		if text == "" && i != len(clauses)-1 {
			continue
		}
		if text == "" {
			text = "The last one, with BRIC." // the last clause of the last batch
		}
		if _, err := st.SaveTranslation(ctx, cl.ID, 0, text, "tr", "editor"); err != nil {
			t.Fatal(err)
		}
	}
	c := New(st)
	got, err := c.Findings(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	tb, err := c.Termbase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[uint][]glossary.Finding{}
	perBatch := map[int]int{} // clauses with findings in each batch of the stream
	row := 0
	for r, err := range st.ExportRows(ctx, store.ExportFilter{Texts: store.LatestTexts}) {
		if err != nil {
			t.Fatal(err)
		}
		if r.Numbered() {
			continue // the system's English for a numbering marker: not checked
		}
		if fs := clauseFindings(tb, toClause(r.Clause)); len(fs) > 0 {
			want[r.Clause.ID] = fs
			perBatch[row/checkBatch]++
		}
		row++
	}
	have := map[uint][]glossary.Finding{}
	for _, f := range got {
		if f.Kind != glossary.KindSegmentInconsistent {
			have[f.ClauseID] = append(have[f.ClauseID], f.Finding)
		}
	}
	if row <= 2*checkBatch || row%checkBatch == 0 || len(perBatch) != (row+checkBatch-1)/checkBatch {
		t.Fatalf("%d clauses streamed, findings in batches %v: the test needs findings in more than two batches and a short last one", row, perBatch)
	}
	if !reflect.DeepEqual(have, want) {
		for id := range want {
			if !reflect.DeepEqual(have[id], want[id]) {
				t.Fatalf("clause %d: the corpus check found %+v, the clause alone %+v", id, have[id], want[id])
			}
		}
		t.Fatalf("the corpus check found findings in %d clauses, clause by clause %d", len(have), len(want))
	}
	last := clauses[len(clauses)-1].ID
	if len(have[last]) == 0 {
		t.Fatalf("no finding for the last clause")
	}
}
