package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/fault"
)

// Confirming makes a clause translated; a save without confirming makes
// it a draft again when the English changes; confirming a draft's English
// unchanged is a status change only, in the history as "confirm".
func TestConfirmTranslation(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		imp := mustImport(t, s, testDoc("确认", "双方认为。中方支持。俄方欢迎。"))
		cl, _, err := s.ListClauses(ctx, ClauseFilter{DocumentID: imp[0].ID})
		if err != nil {
			t.Fatal(err)
		}
		a, b := cl[0], cl[1]
		var invalid *fault.Invalid
		if _, err := s.ConfirmTranslation(ctx, a.ID, 0, "  ", "anna", "editor"); !errors.As(err, &invalid) || invalid.Field != "text" {
			t.Fatalf("confirming no English: %v, want invalid text", err)
		}
		draft, err := s.SaveTranslation(ctx, a.ID, 0, "The two sides hold.", "anna", "editor")
		if err != nil || draft.Status != StatusDraft {
			t.Fatalf("save: %+v %v", draft, err)
		}
		var conflict *fault.Conflict
		if _, err := s.ConfirmTranslation(ctx, a.ID, 0, "The two sides hold.", "anna", "editor"); !errors.As(err, &conflict) {
			t.Fatalf("stale confirm: %v", err)
		}
		done, err := s.ConfirmTranslation(ctx, a.ID, draft.Version, "The two sides hold.", "bob", "editor")
		if err != nil || done.Status != StatusTranslated || done.Version != draft.Version+1 || done.UpdatedBy != "anna" || done.Target != draft.Target {
			t.Fatalf("confirm: %+v %v", done, err)
		}
		hist, err := s.History(ctx, a.ID)
		if err != nil || len(hist) != 2 || hist[0].Action != ActionConfirm || hist[0].Text != "The two sides hold." || hist[0].Author != "bob" {
			t.Fatalf("history after confirm: %+v %v", hist, err)
		}
		again, err := s.ConfirmTranslation(ctx, a.ID, done.Version, "The two sides hold.", "anna", "editor")
		if err != nil || again.Version != done.Version || again.Status != StatusTranslated {
			t.Fatalf("confirming a translated clause's English again changed it: %+v %v", again, err)
		}
		same, err := s.SaveTranslation(ctx, a.ID, done.Version, "The two sides hold.", "anna", "editor")
		if err != nil || same.Status != StatusTranslated {
			t.Fatalf("saving a translated clause's English unchanged: %+v %v", same, err)
		}
		edited, err := s.SaveTranslation(ctx, a.ID, same.Version, "Both sides hold.", "anna", "editor")
		if err != nil || edited.Status != StatusDraft {
			t.Fatalf("editing a translated clause: %+v %v", edited, err)
		}
		// New English confirmed at once is a save, translated.
		direct, err := s.ConfirmTranslation(ctx, b.ID, 0, "China supports it.", "anna", "editor")
		if err != nil || direct.Status != StatusTranslated || direct.Target != "China supports it." {
			t.Fatalf("confirming new English: %+v %v", direct, err)
		}
		if hist, _ := s.History(ctx, b.ID); len(hist) != 1 || hist[0].Action != ActionSave {
			t.Fatalf("history of new English confirmed: %+v", hist)
		}
		// A translated clause can be rejected and submitted; a rejected one
		// confirmed unchanged is translated again.
		rejected, err := s.Reject(ctx, b.ID, direct.Version, "Say it otherwise.", "rita")
		if err != nil || rejected.Status != StatusRejected {
			t.Fatalf("reject translated: %+v %v", rejected, err)
		}
		back, err := s.ConfirmTranslation(ctx, b.ID, rejected.Version, "China supports it.", "anna", "editor")
		if err != nil || back.Status != StatusTranslated {
			t.Fatalf("confirm rejected: %+v %v", back, err)
		}
		sub, err := s.Submit(ctx, b.ID, back.Version, "anna")
		if err != nil || sub.Status != StatusSubmitted {
			t.Fatalf("submit translated: %+v %v", sub, err)
		}
		// A submitted clause stays submitted: confirming new English adds an
		// alternative to the waiting review.
		alt, err := s.ConfirmTranslation(ctx, b.ID, sub.Version, "China backs it.", "carl", "editor")
		if err != nil || alt.Status != StatusSubmitted || alt.Target != "China backs it." {
			t.Fatalf("confirm on submitted: %+v %v", alt, err)
		}
		approved, err := s.Approve(ctx, b.ID, alt.Version, 0, "rita")
		if err != nil {
			t.Fatal(err)
		}
		if kept, err := s.ConfirmTranslation(ctx, b.ID, approved.Version, "China backs it.", "anna", "editor"); err != nil || kept.Version != approved.Version || kept.Status != StatusApproved {
			t.Fatalf("confirming approved English unchanged: %+v %v", kept, err)
		}
		if d, err := s.GetDocument(ctx, imp[0].ID); err != nil || d.Draft != 1 || d.Confirmed != 0 || d.Approved != 1 || d.Clauses != 3 || d.Translated != 2 {
			t.Fatalf("counts: %+v %v", d, err)
		}
	})
}

// storeFinding stores one open finding of kind in clause c, as the checks
// would.
func storeFinding(t *testing.T, s *Store, c Clause, kind string) glossary.Finding {
	t.Helper()
	ctx := context.Background()
	var gen int64
	if err := s.r.Model(&GlossaryChange{}).Select("COALESCE(MAX(id), 0)").Scan(&gen).Error; err != nil {
		t.Fatal(err)
	}
	f := glossary.Finding{Kind: kind, Severity: "error", ClauseID: c.ID, DocumentID: c.DocumentID, Term: "双方", Expected: "both sides", Found: c.Target,
		Message: "the glossary says both sides"}
	if moved, _, err := s.ReplaceFindings(ctx, []Checked{{ClauseID: c.ID, DocumentID: c.DocumentID, Version: c.Version, Findings: []glossary.Finding{f}}}, gen); err != nil || len(moved) > 0 {
		t.Fatalf("store finding: %v %v", moved, err)
	}
	return f
}

// A bulk submit submits what it can in one transaction and skips the rest
// with a reason; open findings on a clause it would submit hold everything
// back, unless asked to submit despite them; dismissed findings do not.
func TestSubmitMany(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		imp := mustImport(t, s, testDoc("提交", "双方认为。中方支持。俄方欢迎。两国加强合作。各方重申立场。"))
		cl, _, _ := s.ListClauses(ctx, ClauseFilter{DocumentID: imp[0].ID})
		mine := func(i int, confirm bool, who string) Clause {
			t.Helper()
			save := s.SaveTranslation
			if confirm {
				save = s.ConfirmTranslation
			}
			c, err := save(ctx, cl[i].ID, cl[i].Version, fmt.Sprintf("English %d.", i), who, "editor")
			if err != nil {
				t.Fatal(err)
			}
			cl[i] = c
			return c
		}
		mine(0, true, "anna")  // translated, Anna's
		mine(1, true, "anna")  // translated, Anna's
		mine(2, false, "anna") // a draft: not "mine to submit"
		mine(3, true, "bob")   // Bob's
		f := storeFinding(t, s, cl[1], "term_missing")

		// Open findings hold all back.
		res, err := s.SubmitMany(ctx, SubmitChoice{Document: imp[0].ID, Mine: true}, "anna", true)
		if err != nil || len(res.Submitted) != 0 || len(res.Open) != 1 || res.Open[0].ClauseID != cl[1].ID || res.Open[0].Key != glossary.FindingKey(f) || res.Open[0].Target != cl[1].Target {
			t.Fatalf("held: %+v %v", res, err)
		}
		for i := range 2 {
			if c, _ := s.GetClause(ctx, cl[i].ID); c.Status != StatusTranslated || c.Version != cl[i].Version {
				t.Fatalf("a held submit changed clause %d: %+v", i, c)
			}
		}
		// Dismissed, it no longer holds the submit.
		if _, err := s.Dismiss(ctx, Dismissal{FindingKey: glossary.FindingKey(f), ClauseID: cl[1].ID, Kind: f.Kind, Reason: "fine", Author: "rita"}); err != nil {
			t.Fatal(err)
		}
		res, err = s.SubmitMany(ctx, SubmitChoice{Document: imp[0].ID, Mine: true}, "anna", true)
		if err != nil || len(res.Open) != 0 || len(res.Skipped) != 0 || len(res.Submitted) != 2 ||
			res.Submitted[0].ID != cl[0].ID || res.Submitted[1].ID != cl[1].ID || res.Submitted[0].Status != StatusSubmitted {
			t.Fatalf("mine: %+v %v", res, err)
		}
		if hist, _ := s.History(ctx, cl[0].ID); hist[0].Action != ActionSubmit || hist[0].Author != "anna" {
			t.Fatalf("history: %+v", hist)
		}

		// By list: a stale version, a submitted clause, an untranslated one,
		// a missing one and a duplicate are skipped; an open finding of a
		// skipped clause holds nothing back.
		storeFinding(t, s, cl[4], "number_mismatch") // cl[4] has no English: skipped anyway
		g := storeFinding(t, s, cl[3], "term_missing")
		list := []ClauseVersion{{cl[2].ID, cl[2].Version}, {cl[3].ID, cl[3].Version - 1}, {cl[0].ID, cl[0].Version + 1},
			{cl[4].ID, cl[4].Version}, {999999, 0}, {cl[2].ID, cl[2].Version}}
		res, err = s.SubmitMany(ctx, SubmitChoice{Clauses: list}, "anna", true)
		if err != nil || len(res.Open) != 0 || len(res.Submitted) != 1 || res.Submitted[0].ID != cl[2].ID || len(res.Skipped) != 5 {
			t.Fatalf("list: %+v %v", res, err)
		}
		reasons := map[uint]string{}
		for _, sk := range res.Skipped {
			reasons[sk.ID] += sk.Reason
		}
		if reasons[cl[3].ID] != "changed since you looked: look at it again" || reasons[999999] != "no such clause" ||
			reasons[cl[0].ID] != "the clause is already waiting for review" || reasons[cl[4].ID] == "" || reasons[cl[2].ID] == "" {
			t.Fatalf("reasons: %v", reasons)
		}
		// Bob's clause with its open finding: held, then despite it.
		res, err = s.SubmitMany(ctx, SubmitChoice{Clauses: []ClauseVersion{{cl[3].ID, cl[3].Version}}}, "bob", true)
		if err != nil || len(res.Submitted) != 0 || len(res.Open) != 1 || res.Open[0].Key != glossary.FindingKey(g) {
			t.Fatalf("held by list: %+v %v", res, err)
		}
		res, err = s.SubmitMany(ctx, SubmitChoice{Clauses: []ClauseVersion{{cl[3].ID, cl[3].Version}}}, "bob", false)
		if err != nil || len(res.Submitted) != 1 || len(res.Open) != 0 {
			t.Fatalf("despite findings: %+v %v", res, err)
		}
		var nf *fault.NotFound
		if _, err := s.SubmitMany(ctx, SubmitChoice{Document: 999999, Mine: true}, "anna", true); !errors.As(err, &nf) {
			t.Fatalf("mine of a missing statement: %v", err)
		}
		if d, err := s.GetDocument(ctx, imp[0].ID); err != nil || d.Submitted != 4 || d.Draft != 0 || d.Confirmed != 0 {
			t.Fatalf("counts: %+v %v", d, err)
		}
	})
}

// The migration to counts of work clauses counts again the clauses a
// database has: numbering markers apart, drafts, confirmed and rejected
// clauses each.
func TestDocumentCountsWorkMigration(t *testing.T) {
	m := reflect.ValueOf(migrateDocumentCountsWork).Pointer()
	before := slices.IndexFunc(migrations, func(f func(*gorm.DB) error) bool { return reflect.ValueOf(f).Pointer() == m })
	for _, d := range oldSchemaDialects {
		t.Run(d.name, func(t *testing.T) {
			t.Parallel()
			dsn, old := d.migratedTo(t, before)
			at := time.Now().UTC()
			for i, title := range []string{"甲", "乙"} {
				if err := old.Exec("INSERT INTO documents (title, date, source_name, content_hash, signed_date, signed_place, created_at) VALUES (?, '', '', ?, '', '', ?)",
					title, fmt.Sprint(i), at).Error; err != nil {
					t.Fatal(err)
				}
			}
			for _, c := range []struct {
				doc                            int
				kind, target, status, approved string
			}{
				{1, "heading", "", StatusUntranslated, ""}, {1, "text", "A", StatusDraft, ""}, {1, "text", "B", StatusTranslated, ""},
				{1, "heading", "1.", StatusApproved, "1."}, {1, "text", "C", StatusRejected, ""}, {1, "text", "D", StatusSubmitted, "Old D"},
				{1, "signature", "", StatusUntranslated, ""}, {2, "heading", "I", StatusApproved, "I"},
			} {
				if err := old.Exec(`INSERT INTO clauses (document_id, position, paragraph, kind, source, source_key, target, status, version, updated_by, updated_at, created_at, approved_target)
					VALUES (?, (SELECT COUNT(*) FROM clauses WHERE document_id = ?), 0, ?, '句。', '句。', ?, ?, 1, '', ?, ?, ?)`,
					c.doc, c.doc, c.kind, c.target, c.status, at, at, c.approved).Error; err != nil {
					t.Fatal(err)
				}
			}
			s := upgraded(t, dsn, old)
			docs, err := s.ListDocuments(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][]int{}
			for _, d := range docs {
				got[d.Title] = summaryCounts(d)[1:]
			}
			// clauses, translated, submitted, approved, draft, confirmed, rejected, markers
			if want := map[string][]int{"甲": {5, 4, 1, 1, 1, 1, 1, 2}, "乙": {0, 0, 0, 0, 0, 0, 0, 1}}; !reflect.DeepEqual(got, want) {
				t.Fatalf("counts %v, want %v", got, want)
			}
			if diff, err := countsDiffer(s, true); diff != "" || err != nil {
				t.Fatalf("%v %s", err, diff)
			}
		})
	}
}
