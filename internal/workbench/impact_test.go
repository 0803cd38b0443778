package workbench

import (
	"slices"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/store"
)

// A dry run says what a glossary change would do, changes nothing, and
// says it right: the findings the change then makes are those it named.
func TestGlossaryImpactBeforeSaving(t *testing.T) {
	forEachDB(t, func(t *testing.T, w *Workbench, st *store.Store, rec *recorder) {
		ctx := t.Context()
		// English for a few clauses with 双方, one of them approved.
		var withTerm []store.Clause
		for _, c := range firstClauses(t, st, 300) {
			if len(withTerm) < 4 && strings.Contains(c.Source, "双方") {
				withTerm = append(withTerm, c)
			}
		}
		for i, c := range withTerm {
			cl, err := w.Save(ctx, translator, Save{Clause: c.ID, Version: c.Version, Text: "Both parties agree."})
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				if cl, err = w.Submit(ctx, translator, Submit{cl.ID, cl.Version}); err == nil {
					_, err = w.Approve(ctx, reviewer, Approve{Clause: cl.ID, Version: cl.Version})
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := w.CurrentFindings(ctx); err != nil {
			t.Fatal(err)
		}
		rec.take()
		before, _, _ := st.Findings(ctx, store.FindingFilter{IncludeDismissed: true})

		entry := glossary.Entry{ZH: "双方", EN: "the two sides", Status: glossary.StatusApproved}
		impact, err := w.AddTermImpact(ctx, reviewer, AddTerm{entry})
		if err != nil {
			t.Fatal(err)
		}
		if len(impact.NewFindings) < len(withTerm) || impact.ApprovedClauses != 1 || len(impact.Documents) == 0 {
			t.Fatalf("impact: %d new findings, %d approved clauses, statements %v", len(impact.NewFindings), impact.ApprovedClauses, impact.Documents)
		}
		sameCounts(t, impact)
		// Cut for a preview, the lists are short and the counts whole.
		cut := impact
		cut.Truncate(1)
		if len(cut.NewFindings) != 1 || !cut.Truncated || cut.NewCount != impact.NewCount || cut.FlaggedClauses != impact.FlaggedClauses ||
			!slices.Equal(cut.PerDocument, impact.PerDocument) {
			t.Fatalf("cut to one finding: %+v", cut)
		}
		after, _, _ := st.Findings(ctx, store.FindingFilter{IncludeDismissed: true})
		terms, _ := st.ListTerms(ctx, "")
		if len(after) != len(before) || len(terms) != 0 || len(rec.take()) != 0 {
			t.Fatalf("a dry run changed something: %d → %d findings, %d terms", len(before), len(after), len(terms))
		}

		// Made for real, the change raises exactly the findings named.
		term, err := w.AddTerm(ctx, reviewer, AddTerm{entry})
		if err != nil {
			t.Fatal(err)
		}
		now, _, _ := st.Findings(ctx, store.FindingFilter{IncludeDismissed: true})
		if got, want := newKeys(before, now), keysOf(impact.NewFindings); !slices.Equal(got, want) {
			t.Fatalf("the change raised %v, the dry run said %v", got, want)
		}
		// An edit to what the English says clears them, as its dry run says.
		fix, err := w.EditTermImpact(ctx, reviewer, EditTerm{Term: term.ID, Version: term.Version, Entry: glossary.Entry{ZH: "双方", EN: "both parties", Status: glossary.StatusApproved}})
		if err != nil || len(fix.ResolvedFindings) < len(withTerm) || len(fix.NewFindings) != 0 {
			t.Fatalf("edit's impact: %d resolved, %d new, %v", len(fix.ResolvedFindings), len(fix.NewFindings), err)
		}
		sameCounts(t, fix)
		// A translator's dry run follows a translator's rules.
		if _, err := w.AddTermImpact(ctx, translator, AddTerm{glossary.Entry{ZH: "合作", EN: "cooperation", Status: glossary.StatusApproved}}); err == nil {
			t.Fatal("a translator's dry run of an approved term was allowed")
		}
		if _, err := w.AddTermImpact(ctx, reviewer, AddTerm{glossary.Entry{ZH: "合作"}}); err == nil {
			t.Fatal("a dry run of an entry without English was allowed")
		}
	})
}

// sameCounts fails if an impact's counts and statements are not those of
// its lists (whole, not cut).
func sameCounts(t *testing.T, im qa.Impact) {
	t.Helper()
	clauses := map[uint]bool{}
	want := map[uint]*qa.DocumentImpact{}
	doc := func(f qa.Finding) *qa.DocumentImpact {
		if want[f.DocumentID] == nil {
			want[f.DocumentID] = &qa.DocumentImpact{DocumentID: f.DocumentID}
		}
		return want[f.DocumentID]
	}
	for _, f := range im.NewFindings { // in clause order
		if d := doc(f); !clauses[f.ClauseID] {
			if d.FlaggedClauses == 0 {
				d.FirstClause = f.ClauseID
			}
			d.FlaggedClauses++
		}
		clauses[f.ClauseID] = true
	}
	for _, f := range im.ResolvedFindings {
		if d := doc(f); d.FlaggedClauses == 0 && d.ResolvedCount == 0 {
			d.FirstClause = f.ClauseID
		}
		doc(f).ResolvedCount++
	}
	var per []qa.DocumentImpact
	for _, id := range im.Documents {
		if want[id] != nil {
			per = append(per, *want[id])
		}
	}
	if im.NewCount != len(im.NewFindings) || im.ResolvedCount != len(im.ResolvedFindings) || im.FlaggedClauses != len(clauses) ||
		!slices.Equal(im.PerDocument, per) || len(per) != len(im.Documents) || im.Truncated {
		t.Fatalf("counts %d new, %d cleared, %d clauses, statements %+v; the lists say %d, %d, %d, %+v",
			im.NewCount, im.ResolvedCount, im.FlaggedClauses, im.PerDocument, len(im.NewFindings), len(im.ResolvedFindings), len(clauses), per)
	}
}

func keysOf(fs []qa.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Key
	}
	slices.Sort(out)
	return out
}

func newKeys(before, after []store.StoredFinding) []string {
	was := map[string]bool{}
	for _, f := range before {
		was[f.Key] = true
	}
	var out []string
	for _, f := range after {
		if !was[f.Key] {
			out = append(out, f.Key)
		}
	}
	slices.Sort(out)
	return out
}
