package store

import (
	"context"
	"slices"
	"testing"

	"github.com/zhen-workbench/zhen/glossary"
)

// A recheck writes only the clauses whose findings or term uses changed:
// the others keep their rows (same ids), a changed clause's findings come
// back in the order the checks gave them, and the kept counts and term
// totals follow what was written.
func TestReplaceFindingsWritesOnlyWhatChanged(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		imp := mustImport(t, s, testDoc("重查", "双方认为。中方支持。俄方欢迎。两国合作。"))
		cl, _, err := s.ListClauses(ctx, ClauseFilter{DocumentID: imp[0].ID})
		if err != nil || len(cl) != 4 {
			t.Fatalf("clauses: %d %v", len(cl), err)
		}
		var gen int64
		if err := s.r.Model(&GlossaryChange{}).Select("COALESCE(MAX(id), 0)").Scan(&gen).Error; err != nil {
			t.Fatal(err)
		}
		finding := func(c Clause, kind, term string) glossary.Finding {
			return glossary.Finding{Kind: kind, Severity: "error", ClauseID: c.ID, DocumentID: c.DocumentID, Term: term, Message: kind + " " + term}
		}
		use := func(entry uint, state glossary.UseState, accepted ...string) glossary.TermUse {
			return glossary.TermUse{EntryID: entry, Count: 1, State: state, Accepted: accepted}
		}
		checked := func(c Clause, fs []glossary.Finding, uses ...glossary.TermUse) Checked {
			return Checked{ClauseID: c.ID, DocumentID: c.DocumentID, Version: c.Version, Findings: fs, Uses: uses}
		}
		replace := func(cs ...Checked) {
			t.Helper()
			if moved, stale, err := s.ReplaceFindings(ctx, cs, gen); err != nil || stale || len(moved) > 0 {
				t.Fatalf("replace: %v %v %v", moved, stale, err)
			}
		}
		type row struct {
			ID     uint
			Kind   string
			Term   string
			Clause uint `gorm:"column:clause_id"`
		}
		rows := func() map[uint][]row {
			t.Helper()
			var rs []row
			if err := s.r.Raw("SELECT id, kind, term, clause_id FROM findings ORDER BY document_id, clause_id, id").Scan(&rs).Error; err != nil {
				t.Fatal(err)
			}
			out := map[uint][]row{}
			for _, r := range rs {
				out[r.Clause] = append(out[r.Clause], r)
			}
			return out
		}
		a, b, c, d := cl[0], cl[1], cl[2], cl[3]
		replace(
			checked(a, []glossary.Finding{finding(a, glossary.KindTermMissing, "双方"), finding(a, glossary.KindPunctuation, "")}, use(1, glossary.UseOther)),
			checked(b, []glossary.Finding{finding(b, glossary.KindTermMissing, "中方"), finding(b, glossary.KindTermMissing, "支持"), finding(b, glossary.KindTermMissing, "俄方")},
				use(2, glossary.UseOther), use(3, glossary.UseOther)),
			checked(c, nil, use(4, glossary.UseRendered, "welcome")),
			checked(d, []glossary.Finding{finding(d, glossary.KindTermMissing, "合作")}),
		)
		before := rows()
		// Which term uses are written (SQLite: a trigger keeps a list).
		written := func() []uint { return nil }
		if s.Dialect != "postgres" {
			for _, q := range []string{"CREATE TABLE written_uses (clause_id integer, entry_id integer)",
				"CREATE TRIGGER written_use AFTER INSERT ON term_uses BEGIN INSERT INTO written_uses VALUES (new.clause_id, new.entry_id); END"} {
				if err := s.w.Exec(q).Error; err != nil {
					t.Fatal(err)
				}
			}
			written = func() (entries []uint) {
				t.Helper()
				if err := s.r.Raw("SELECT entry_id FROM written_uses ORDER BY entry_id").Scan(&entries).Error; err != nil {
					t.Fatal(err)
				}
				return entries
			}
		}
		// a: unchanged; b: its second finding changed (a glossary edit);
		// c: a finding and a use more; d: a finding more at the end.
		replace(
			checked(a, []glossary.Finding{finding(a, glossary.KindTermMissing, "双方"), finding(a, glossary.KindPunctuation, "")}, use(1, glossary.UseOther)),
			checked(b, []glossary.Finding{finding(b, glossary.KindTermMissing, "中方"), finding(b, glossary.KindTermForbidden, "支持"), finding(b, glossary.KindTermMissing, "俄方")},
				use(2, glossary.UseOther), use(3, glossary.UseProblem)),
			checked(c, []glossary.Finding{finding(c, glossary.KindUntranslated, "")}, use(4, glossary.UseRendered, "welcome"), use(5, glossary.UseOther)),
			checked(d, []glossary.Finding{finding(d, glossary.KindTermMissing, "合作"), finding(d, "number", "")}),
		)
		after := rows()
		if w := written(); s.Dialect != "postgres" && !slices.Equal(w, []uint{3, 5}) {
			t.Errorf("term uses written for entries %v, want only the changed and the new one (3, 5)", w)
		}
		if !slices.Equal(after[a.ID], before[a.ID]) {
			t.Errorf("an unchanged clause's findings were written again: %v, then %v", before[a.ID], after[a.ID])
		}
		var kinds []string
		for _, r := range after[b.ID] {
			kinds = append(kinds, r.Kind+" "+r.Term)
		}
		if want := []string{glossary.KindTermMissing + " 中方", glossary.KindTermForbidden + " 支持", glossary.KindTermMissing + " 俄方"}; !slices.Equal(kinds, want) {
			t.Errorf("a changed clause's findings: %v, want %v in the checks' order", kinds, want)
		}
		// The rows before the first change stay; those from it are new.
		if len(after[b.ID]) == 3 && (after[b.ID][0] != before[b.ID][0] || after[b.ID][1].ID <= before[b.ID][2].ID) {
			t.Errorf("a changed clause's rows: %v, then %v", before[b.ID], after[b.ID])
		}
		if len(after[d.ID]) != 2 || after[d.ID][0] != before[d.ID][0] || after[d.ID][1].Kind != "number" {
			t.Errorf("a clause with a finding more at the end: %v, then %v", before[d.ID], after[d.ID])
		}
		if len(after[c.ID]) != 1 || after[c.ID][0].Kind != glossary.KindUntranslated {
			t.Errorf("a clause with a new finding: %v", after[c.ID])
		}
		// The kept counts: three kinds' totals, and the statement's.
		for kind, n := range map[string]int64{glossary.KindTermMissing: 4, glossary.KindTermForbidden: 1, glossary.KindPunctuation: 1, glossary.KindUntranslated: 1, "number": 1} {
			if _, total, err := s.Findings(ctx, FindingFilter{Kind: kind, Limit: 1}); err != nil || total != n {
				t.Errorf("%s: total %d, want %d (%v)", kind, total, n, err)
			}
		}
		if counts, err := s.FindingCounts(ctx); err != nil || counts[imp[0].ID] != 8 {
			t.Errorf("the statement's count: %v %v, want 8", counts, err)
		}
		// The term uses and their totals.
		var uses []TermUseRow
		if err := s.r.Order("clause_id, entry_id").Find(&uses).Error; err != nil {
			t.Fatal(err)
		}
		var got []glossary.UseState
		for _, u := range uses {
			got = append(got, glossary.UseState(u.State))
		}
		if want := []glossary.UseState{glossary.UseOther, glossary.UseOther, glossary.UseProblem, glossary.UseRendered, glossary.UseOther}; !slices.Equal(got, want) {
			t.Errorf("term uses: %v, want %v", got, want)
		}
		var problems, clauses int64
		if err := s.r.Model(&TermCount{}).Select("COALESCE(SUM(problems), 0)").Scan(&problems).Error; err != nil {
			t.Fatal(err)
		}
		if err := s.r.Model(&TermCount{}).Select("COALESCE(SUM(clauses), 0)").Scan(&clauses).Error; err != nil {
			t.Fatal(err)
		}
		if problems != 4 || clauses != 5 {
			t.Errorf("term totals: %d clauses, %d needing attention; want 5 and 4", clauses, problems)
		}
		// A clause gone (merged away) loses its rows.
		replace(Checked{ClauseID: c.ID + 1000})
		replace(checked(c, nil))
		if rs := rows(); len(rs[c.ID]) != 0 {
			t.Errorf("findings left after the clause has none: %v", rs[c.ID])
		}
		var left int64
		if err := s.r.Model(&TermUseRow{}).Where("clause_id = ?", c.ID).Count(&left).Error; err != nil || left != 0 {
			t.Errorf("term uses left after the clause has none: %d %v", left, err)
		}
		// Entries 4 and 5 were used in c alone: their totals are gone, in
		// the statement and by form too (4's "welcome"), and the others'
		// stay.
		for _, table := range []string{"term_counts", "term_document_counts", "term_form_counts"} {
			var gone, kept int64
			if err := s.r.Table(table).Where("entry_id IN ?", []uint{4, 5}).Count(&gone).Error; err != nil || gone != 0 {
				t.Errorf("%s: %d rows left for the entries no clause uses (%v)", table, gone, err)
			}
			if err := s.r.Table(table).Where("entry_id IN ?", []uint{1, 2, 3}).Count(&kept).Error; err != nil || kept == 0 && table != "term_form_counts" {
				t.Errorf("%s: the used entries' totals went too (%v)", table, err)
			}
		}
	})
}
