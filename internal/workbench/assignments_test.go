package workbench

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/store"
)

// Assignments (issue 18): who may assign, what is checked, the progress
// of the range, versions (409 on stale), the audit log, and one event per
// change, after commit.
func TestAssignments(t *testing.T) {
	forEachDB(t, func(t *testing.T, w *Workbench, st *store.Store, rec *recorder) {
		ctx := t.Context()
		for _, u := range []Actor{admin, reviewer, translator, viewer, {Name: "gone", Role: "translator"}} {
			if _, err := w.AddUser(ctx, admin, AddUser{Name: u.Name, Role: string(u.Role)}); err != nil {
				t.Fatal(err)
			}
		}
		gone, _ := st.UserByName(ctx, "gone")
		off := true
		if _, err := w.ChangeUser(ctx, admin, ChangeUser{User: gone.ID, Disabled: &off}); err != nil {
			t.Fatal(err)
		}
		rec.take()
		docs, _ := st.ListDocuments(ctx)
		doc := docs[0].ID
		clauses, n, err := st.ListClauses(ctx, store.ClauseFilter{DocumentID: doc})
		if err != nil || n < 6 {
			t.Fatalf("%d clauses: %v", n, err)
		}

		// Who may assign, and what is refused.
		ok := Assign{Document: doc, First: 2, Last: 5, Translator: " Tom ", Reviewer: "rita", Due: "2026-12-20"}
		for _, c := range []struct {
			who   Actor
			cmd   Assign
			field string
		}{
			{translator, ok, ""},
			{viewer, ok, ""},
			{reviewer, Assign{Document: doc, First: 2, Last: 5, Translator: "nobody", Reviewer: "rita"}, "translator"},
			{reviewer, Assign{Document: doc, Translator: "gone", Reviewer: "rita"}, "translator"},
			{reviewer, Assign{Document: doc, Translator: "vic", Reviewer: "rita"}, "translator"},
			{reviewer, Assign{Document: doc, Translator: "tom", Reviewer: "tom"}, "reviewer"},
			{reviewer, Assign{Document: doc, Translator: "tom", Reviewer: ""}, "reviewer"},
			{reviewer, Assign{Document: doc, First: 3, Last: 2, Translator: "tom", Reviewer: "rita"}, "clauses"},
			{reviewer, Assign{Document: doc, First: 2, Last: int(n) + 1, Translator: "tom", Reviewer: "rita"}, "clauses"},
			{reviewer, Assign{Document: doc, Translator: "tom", Reviewer: "rita", Due: "2026-13-01"}, "due"},
			{reviewer, Assign{Translator: "tom", Reviewer: "rita"}, "document"},
		} {
			_, err := w.Assign(ctx, c.who, c.cmd)
			var inv *fault.Invalid
			var forb *fault.Forbidden
			if c.field == "" && !errors.As(err, &forb) || c.field != "" && (!errors.As(err, &inv) || inv.Field != c.field) {
				t.Errorf("%s assigning %+v: %v, want a refusal of %q", c.who.Name, c.cmd, err, c.field)
			}
		}
		if _, err := w.Assign(ctx, reviewer, Assign{Document: 999999, Translator: "tom", Reviewer: "rita"}); !errors.Is(err, fault.ErrNotFound) {
			t.Errorf("a missing statement: %v", err)
		}
		if got := rec.take(); len(got) != 0 {
			t.Fatalf("refused assignments announced %v", kinds(got))
		}

		// Progress counts the work clauses of the range (2–5: positions 1–4).
		var inRange []store.Clause
		for _, c := range clauses[1:5] {
			if c.Kind != "heading" {
				inRange = append(inRange, c)
			}
		}
		first := inRange[0]
		if _, err := w.Save(ctx, translator, Save{Clause: first.ID, Version: first.Version, Text: "The two sides agree.", Confirm: true}); err != nil {
			t.Fatal(err)
		}
		rec.take()
		a, err := w.Assign(ctx, reviewer, ok)
		if err != nil {
			t.Fatal(err)
		}
		if a.Translator != "tom" || a.Reviewer != "rita" || a.FirstClause != 2 || a.LastClause != 5 || a.Version != 1 || a.Due != "2026-12-20" ||
			a.Clauses != len(inRange) || a.Translated != 1 || a.Confirmed != 1 || a.Untranslated != len(inRange)-1 || a.Approved != 0 ||
			a.DocumentTitle != docs[0].Title || a.FirstClauseID != clauses[1].ID || a.TranslatorClauseID != inRange[1].ID || a.ReviewerClauseID != 0 || a.Overdue {
			t.Fatalf("assigned %+v", a)
		}
		if k := kinds(rec.take()); !slices.Equal(k, []string{"assignment/created"}) {
			t.Fatalf("announced %v", k)
		}
		whole, err := w.Assign(ctx, admin, Assign{Document: docs[1].ID, Translator: "rita", Reviewer: "ada", Due: "2020-01-01"})
		if err != nil || !whole.Whole() || !whole.Overdue || whole.Clauses != docs[1].Clauses {
			t.Fatalf("the whole of another statement, overdue: %+v %v", whole, err)
		}
		rec.take()

		// Lists: mine (as translator or reviewer), by statement.
		for _, c := range []struct {
			f    store.AssignmentFilter
			want []uint
		}{
			{store.AssignmentFilter{User: "tom"}, []uint{a.ID}},
			{store.AssignmentFilter{User: "rita"}, []uint{whole.ID, a.ID}}, // the soonest due first
			{store.AssignmentFilter{Reviewer: "rita"}, []uint{a.ID}},
			{store.AssignmentFilter{DocumentID: docs[1].ID}, []uint{whole.ID}},
			{store.AssignmentFilter{User: "vic"}, nil},
		} {
			got, err := st.Assignments(ctx, c.f)
			var ids []uint
			for _, g := range got {
				ids = append(ids, g.ID)
			}
			if err != nil || !slices.Equal(ids, c.want) {
				t.Errorf("%+v: %v %v, want %v", c.f, ids, err, c.want)
			}
		}

		// Changes compare the version; a stale one is a conflict with the
		// assignment as it is.
		tr, due := "rita", ""
		b, err := w.ChangeAssignment(ctx, reviewer, ChangeAssignment{ID: a.ID, Version: a.Version, Translator: &tr, Due: &due, Range: &[2]int{1, 3}})
		if err != nil || b.Translator != "rita" || b.Due != "" || b.Version != 2 || b.FirstClause != 1 || b.LastClause != 3 || b.Reviewer != "rita" {
			t.Fatalf("changed: %+v %v", b, err)
		}
		if k := kinds(rec.take()); !slices.Equal(k, []string{"assignment/updated"}) {
			t.Fatalf("announced %v", k)
		}
		_, err = w.ChangeAssignment(ctx, reviewer, ChangeAssignment{ID: a.ID, Version: 1, Due: &due})
		var conflict *fault.Conflict
		if !errors.As(err, &conflict) || conflict.Current.(store.WorkAssignment).Version != 2 {
			t.Fatalf("a stale change: %v", err)
		}
		if _, err := w.ChangeAssignment(ctx, translator, ChangeAssignment{ID: a.ID, Version: 2, Due: &due}); !errors.As(err, new(*fault.Forbidden)) {
			t.Fatalf("a translator changing: %v", err)
		}
		if err := w.Unassign(ctx, reviewer, Unassign{ID: a.ID, Version: 1}); !errors.As(err, &conflict) {
			t.Fatalf("a stale delete: %v", err)
		}
		if err := w.Unassign(ctx, translator, Unassign{ID: a.ID, Version: 2}); !errors.As(err, new(*fault.Forbidden)) {
			t.Fatalf("a translator deleting: %v", err)
		}
		if err := w.Unassign(ctx, reviewer, Unassign{ID: 999999, Version: 1}); !errors.Is(err, fault.ErrNotFound) {
			t.Fatalf("deleting a missing one: %v", err)
		}
		rec.take()
		if err := w.Unassign(ctx, reviewer, Unassign{ID: a.ID, Version: 2}); err != nil {
			t.Fatal(err)
		}
		if k := kinds(rec.take()); !slices.Equal(k, []string{"assignment/deleted"}) {
			t.Fatalf("announced %v", k)
		}
		if _, err := st.GetAssignment(ctx, a.ID); !errors.Is(err, fault.ErrNotFound) {
			t.Fatalf("deleted, still read: %v", err)
		}

		// The audit log has every create, change and delete, by whom.
		log, err := st.AuditLog(ctx, 100)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range log {
			if strings.HasPrefix(e.Action, "assignment.") {
				got = append(got, e.Actor+" "+e.Action+" "+e.Subject+": "+e.Detail)
			}
		}
		slices.Reverse(got)
		want := []string{
			"rita assignment.create assignment " + itoa(a.ID) + ": document " + itoa(doc) + ", clauses 2–5: translator tom, reviewer rita, due 2026-12-20",
			"ada assignment.create assignment " + itoa(whole.ID) + ": document " + itoa(docs[1].ID) + ", all clauses: translator rita, reviewer ada, due 2020-01-01",
			"rita assignment.update assignment " + itoa(a.ID) + ": document " + itoa(doc) + ": clauses 2–5 → clauses 1–3; translator tom → rita; due 2026-12-20 → none",
			"rita assignment.delete assignment " + itoa(a.ID) + ": document " + itoa(doc) + ", clauses 1–3: translator rita, reviewer rita",
		}
		if !slices.Equal(got, want) {
			t.Fatalf("audit log:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

func itoa(n uint) string { return strconv.FormatUint(uint64(n), 10) }
