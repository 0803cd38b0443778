package workbench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/demo"
	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/testkit"
)

// recorder is a Publisher that keeps what was published and, for a clause
// event, reads the clause back through the store's read pool at that
// moment: a change published before its commit would not be there yet.
type recorder struct {
	st   *store.Store
	mu   sync.Mutex
	got  []events.Event
	seen []string // for clause events: "published version N, committed version M"
}

func (r *recorder) Publish(e events.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, e)
	if e.Type == events.TypeClause {
		var sent store.Clause
		json.Unmarshal(e.Data, &sent)
		now, err := r.st.GetClause(context0(), e.ClauseID)
		if err != nil || now.Version != sent.Version {
			r.seen = append(r.seen, fmt.Sprintf("published version %d, committed version %d (%v)", sent.Version, now.Version, err))
		}
	}
}

// take returns what was published since the last call.
func (r *recorder) take() []events.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.got
	r.got = nil
	return out
}

var (
	admin      = Actor{Name: "ada", Role: auth.Admin}
	reviewer   = Actor{Name: "rita", Role: auth.Reviewer}
	translator = Actor{Name: "tom", Role: auth.Translator}
	viewer     = Actor{Name: "vic", Role: auth.Viewer}
)

// newBench is a workbench on a new database (SQLite, and PostgreSQL when
// the test command started one) with the seed imported.
func forEachDB(t *testing.T, fn func(t *testing.T, w *Workbench, st *store.Store, rec *recorder)) {
	for _, db := range []string{"sqlite", "postgres"} {
		t.Run(db, func(t *testing.T) {
			dsn := filepath.Join(t.TempDir(), "zhen.db")
			if db == "postgres" {
				dsn = testkit.PostgresDSN(t)
			}
			st, err := store.Open(dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			rec := &recorder{st: st}
			w := New(st, rec)
			if _, err := w.ImportStatements(t.Context(), admin, ImportStatements{Files: []File{{demo.SeedName, demo.Seed}}}); err != nil {
				t.Fatal(err)
			}
			rec.take()
			fn(t, w, st, rec)
			if len(rec.seen) > 0 {
				t.Errorf("clause events published before their change was committed: %v", rec.seen)
			}
		})
	}
}

func firstClauses(t *testing.T, st *store.Store, n int) []store.Clause {
	t.Helper()
	all, _, err := st.ListClauses(t.Context(), store.ClauseFilter{Limit: 2 * n})
	var cs []store.Clause
	for _, c := range all {
		if c.Kind != "heading" && len(cs) < n { // numbering markers have their English already
			cs = append(cs, c)
		}
	}
	if err != nil || len(cs) < n {
		t.Fatalf("%d clauses: %v", len(cs), err)
	}
	return cs
}

// A change is announced once, after its commit, with its actor; a change
// that fails announces nothing.
func TestChangesAreAnnouncedAfterCommitOnly(t *testing.T) {
	forEachDB(t, func(t *testing.T, w *Workbench, st *store.Store, rec *recorder) {
		ctx := t.Context()
		cl := firstClauses(t, st, 1)[0]
		type step struct {
			name    string
			run     func() error
			wantErr any // a pointer to the fault type expected, nil for success
			event   string
		}
		var conflict *fault.Conflict
		var state *fault.InvalidState
		var invalid *fault.Invalid
		var notFound *fault.NotFound
		version := cl.Version
		saved := func(c store.Clause, err error) error {
			if err == nil {
				version = c.Version
			}
			return err
		}
		for _, s := range []step{
			{"submit with no English", func() error { return saved(w.Submit(ctx, translator, Submit{cl.ID, version})) }, &state, ""},
			{"save", func() error {
				return saved(w.Save(ctx, translator, Save{Clause: cl.ID, Version: version, Text: "The two sides agree."}))
			}, nil, "clause/save"},
			{"stale save", func() error {
				return saved(w.Save(ctx, translator, Save{Clause: cl.ID, Version: version - 1, Text: "Stale."}))
			}, &conflict, ""},
			{"save to a missing clause", func() error { return saved(w.Save(ctx, translator, Save{Clause: 999999, Text: "x"})) }, &notFound, ""},
			{"submit", func() error { return saved(w.Submit(ctx, translator, Submit{cl.ID, version})) }, nil, "clause/submit"},
			{"reject without a comment", func() error { return saved(w.Reject(ctx, reviewer, Reject{Clause: cl.ID})) }, &invalid, ""},
			{"approve", func() error { return saved(w.Approve(ctx, reviewer, Approve{Clause: cl.ID, Version: version})) }, nil, "clause/approve"},
			{"approve again", func() error { return saved(w.Approve(ctx, reviewer, Approve{Clause: cl.ID, Version: version})) }, &state, ""},
			{"restore revision 0", func() error { return saved(w.Restore(ctx, translator, Restore{Clause: cl.ID, Version: version})) }, &invalid, ""},
			{"comment", func() error {
				_, err := w.Comment(ctx, translator, Comment{Clause: cl.ID, Text: "Check the date."})
				return err
			}, nil, "comment/comment"},
			{"empty comment", func() error { _, err := w.Comment(ctx, translator, Comment{Clause: cl.ID}); return err }, &invalid, ""},
			{"add a term", func() error {
				_, err := w.AddTerm(ctx, reviewer, AddTerm{glossary.Entry{ZH: "两国", EN: "the two countries"}})
				return err
			}, nil, "glossary/created"},
			{"add it again", func() error {
				_, err := w.AddTerm(ctx, reviewer, AddTerm{glossary.Entry{ZH: "两国", EN: "both countries"}})
				return err
			}, &invalid, ""},
			{"delete a missing term", func() error { return w.DeleteTerm(ctx, reviewer, DeleteTerm{999999}) }, &notFound, ""},
			{"undismiss nothing", func() error { return w.Undismiss(ctx, reviewer, Undismiss{"nope"}) }, &notFound, ""},
			{"edit a statement", func() error {
				_, err := w.EditDocument(ctx, translator, EditDocument{Document: cl.DocumentID, Title: "Joint statement", Date: "2011-06-16"})
				return err
			}, nil, "document/updated"},
			{"a bad date", func() error {
				_, err := w.EditDocument(ctx, translator, EditDocument{Document: cl.DocumentID, Title: "Joint statement", Date: "16 June"})
				return err
			}, &invalid, ""},
		} {
			err := s.run()
			got := rec.take()
			switch {
			case s.wantErr == nil && err != nil:
				t.Fatalf("%s: %v", s.name, err)
			case s.wantErr != nil && !errors.As(err, s.wantErr):
				t.Fatalf("%s: got %T %v, want %T", s.name, err, err, s.wantErr)
			case s.event == "" && len(got) > 0:
				t.Fatalf("%s failed but announced %v", s.name, got)
			case s.event != "" && (len(got) != 1 || got[0].Type+"/"+got[0].Action != s.event || got[0].Actor == ""):
				t.Fatalf("%s: announced %+v, want one %s with its actor", s.name, got, s.event)
			}
		}
	})
}

// The roles hold whoever calls: the CLI and the API get the same answer.
func TestRolesHoldForEveryCaller(t *testing.T) {
	forEachDB(t, func(t *testing.T, w *Workbench, st *store.Store, rec *recorder) {
		ctx := t.Context()
		cl := firstClauses(t, st, 1)[0]
		var forbidden *fault.Forbidden
		for name, err := range map[string]error{
			"a viewer saves":            second(w.Save(ctx, viewer, Save{Clause: cl.ID, Text: "x"})),
			"a translator approves":     second(w.Approve(ctx, translator, Approve{Clause: cl.ID})),
			"a translator approves all": second(w.BulkApprove(ctx, translator, BulkApprove{[]Versioned{{cl.ID, 0}}})),
			"a translator edits a term": second(w.EditTerm(ctx, translator, EditTerm{Term: 1})),
			"a translator approves a term": second(w.AddTerm(ctx, translator, AddTerm{glossary.Entry{ZH: "金砖国家", EN: "BRICS countries",
				Status: glossary.StatusApproved}})),
			"a reviewer adds a user":      second(w.AddUser(ctx, reviewer, AddUser{Name: "zed", Role: "viewer"})),
			"a reviewer resets one":       second(w.ResetPassword(ctx, reviewer, ResetPassword{User: 1})),
			"a translator dismisses":      second(w.Dismiss(ctx, translator, Dismiss{Clause: cl.ID, Key: "k", Reason: "r"})),
			"a translator loads a demo":   second(w.SeedDemo(ctx, translator)),
			"a viewer imports":            second(w.ImportStatements(ctx, viewer, ImportStatements{Files: []File{{"a.txt", []byte("一、")}}})),
			"a viewer imports a glossary": second(w.ImportGlossary(ctx, translator, ImportGlossary{Name: "g.csv", Data: strings.NewReader("zh,en\n")})),
		} {
			if !errors.As(err, &forbidden) {
				t.Errorf("%s: %v, want forbidden", name, err)
			}
		}
		if got := rec.take(); len(got) > 0 {
			t.Errorf("refused changes announced %v", got)
		}
		// A translator's term is a proposal.
		term, err := w.AddTerm(ctx, translator, AddTerm{glossary.Entry{ZH: "金砖国家", EN: "BRICS countries"}})
		if err != nil || term.Status != glossary.StatusProposed {
			t.Fatalf("translator's term: %+v %v", term, err)
		}
	})
}

func second[T any](_ T, err error) error { return err }

// Not-found errors name what was not found, for the API's 404 and the
// CLI's message alike.
func TestNotFoundNamesWhat(t *testing.T) {
	forEachDB(t, func(t *testing.T, w *Workbench, st *store.Store, rec *recorder) {
		ctx := t.Context()
		yes := true
		for want, err := range map[string]error{
			"no such clause: 999999":         second(w.Comment(ctx, translator, Comment{Clause: 999999, Text: "x"})),
			"no such document: 999999":       second(w.ApplyAlignment(ctx, translator, ApplyAlignment{Document: 999999})),
			"no such glossary entry: 999999": second(w.EditTerm(ctx, reviewer, EditTerm{Term: 999999, Entry: glossary.Entry{ZH: "两国", EN: "x"}})),
			"no such user: 999999":           second(w.ChangeUser(ctx, admin, ChangeUser{User: 999999, Disabled: &yes})),
			"no such dismissal":              w.Undismiss(ctx, reviewer, Undismiss{"nope"}),
			"no such session: 999999":        w.EndSession(ctx, admin, EndSession{User: 1, Session: 999999}),
		} {
			var nf *fault.NotFound
			if !errors.As(err, &nf) || err.Error() != want {
				t.Errorf("got %v, want %q", err, want)
			}
		}
	})
}

// A bulk change announces one reload, not one event per clause; an
// import that adds nothing announces nothing.
func TestBulkChangesAnnounceOneReload(t *testing.T) {
	forEachDB(t, func(t *testing.T, w *Workbench, st *store.Store, rec *recorder) {
		ctx := t.Context()
		cs := firstClauses(t, st, 200)
		var docA, others []store.Clause
		for _, c := range cs {
			if c.DocumentID == cs[0].DocumentID {
				docA = append(docA, c)
			} else {
				others = append(others, c)
			}
		}
		if len(docA) < fewClauses+3 || len(others) < 20 {
			t.Fatalf("the seed's first statement has %d clauses, the others %d", len(docA), len(others))
		}
		pairs := make([]store.Assignment, 0, len(docA))
		for i, c := range docA[:fewClauses+1] {
			pairs = append(pairs, store.Assignment{ClauseID: c.ID, English: fmt.Sprintf("Aligned %d.", i)})
		}
		if res, err := w.ApplyAlignment(ctx, translator, ApplyAlignment{Document: docA[0].DocumentID, Pairs: pairs}); err != nil || res.Updated != len(pairs) {
			t.Fatalf("alignment: %+v %v", res, err)
		}
		if got := rec.take(); len(got) != 1 || got[0].Type != events.TypeReload {
			t.Fatalf("alignment of %d clauses announced %v", len(pairs), got)
		}
		two := []store.Assignment{{ClauseID: docA[fewClauses+1].ID, English: "One."}, {ClauseID: docA[fewClauses+2].ID, English: "Two."}}
		if _, err := w.ApplyAlignment(ctx, translator, ApplyAlignment{Document: docA[0].DocumentID, Pairs: two}); err != nil {
			t.Fatal(err)
		}
		if got := rec.take(); len(got) != 2 || got[0].Type != events.TypeClause || got[1].ClauseID != two[1].ClauseID {
			t.Fatalf("alignment of 2 clauses announced %v, want the 2 clauses", got)
		}
		var csv strings.Builder
		csv.WriteString("zh,en\n")
		for i, c := range others {
			fmt.Fprintf(&csv, "%q,\"English %d.\"\n", c.Source, i)
		}
		res, err := w.ImportTranslations(ctx, translator, ImportTranslations{Name: "t.csv", Data: strings.NewReader(csv.String())})
		if err != nil || res.Updated < len(others) {
			t.Fatalf("import: %+v %v", res, err)
		}
		if got := rec.take(); len(got) != 1 || got[0].Type != events.TypeReload {
			t.Fatalf("import of %d clauses announced %d events: %v", res.Updated, len(got), got)
		}
		again, err := w.ImportStatements(ctx, translator, ImportStatements{Files: []File{{demo.SeedName, demo.Seed}}})
		if err != nil || len(again) == 0 || !again[0].Duplicate {
			t.Fatalf("second import: %+v %v", again, err)
		}
		if got := rec.take(); len(got) > 0 {
			t.Fatalf("an import that added nothing announced %v", got)
		}
	})
}

// Imports are all or nothing: one bad file among good ones stores nothing.
func TestImportStatementsAllOrNothing(t *testing.T) {
	forEachDB(t, func(t *testing.T, w *Workbench, st *store.Store, rec *recorder) {
		ctx := t.Context()
		before, _ := st.CountDocuments(ctx)
		_, err := w.ImportStatements(ctx, translator, ImportStatements{Files: []File{
			{"good.txt", []byte("中俄两国元首发表联合声明。\n双方同意加强合作。\n")},
			{"bad.txt", []byte{0xff, 0xfe, 0x00}},
		}})
		var invalid *fault.Invalid
		if !errors.As(err, &invalid) || invalid.Field != "file" {
			t.Fatalf("bad file: %T %v", err, err)
		}
		if after, _ := st.CountDocuments(ctx); after != before {
			t.Fatalf("%d statements stored from an import that failed", after-before)
		}
	})
}

// An admin cannot lock themselves out; sessions end when an account is
// disabled, and every server hears of it.
func TestUsersAndSessions(t *testing.T) {
	forEachDB(t, func(t *testing.T, w *Workbench, st *store.Store, rec *recorder) {
		ctx := t.Context()
		ada, err := w.AddUser(ctx, admin, AddUser{Name: "ada", Role: "admin"})
		if err != nil || ada.Password == "" {
			t.Fatalf("add: %+v %v", ada, err)
		}
		var taken *fault.Taken
		if _, err := w.AddUser(ctx, admin, AddUser{Name: "ADA", Role: "viewer"}); !errors.As(err, &taken) {
			t.Fatalf("a second ada: %v", err)
		}
		no := "viewer"
		var invalid *fault.Invalid
		if _, err := w.ChangeUser(ctx, admin, ChangeUser{User: ada.User.ID, Role: &no}); !errors.As(err, &invalid) || invalid.Code != "self_lockout" {
			t.Fatalf("self demotion: %v", err)
		}
		tom, err := w.AddUser(ctx, admin, AddUser{Name: "tom", Role: "translator", Password: "a long and unusual passphrase"})
		if err != nil || tom.Password != "" {
			t.Fatalf("add tom: %+v %v", tom, err)
		}
		started, err := w.StartSession(ctx, StartSession{User: tom.User.ID, Expires: nowPlusHour()})
		if err != nil || started.Token == "" {
			t.Fatal(err)
		}
		rec.take()
		yes := true
		if _, err := w.ChangeUser(ctx, admin, ChangeUser{User: tom.User.ID, Disabled: &yes}); err != nil {
			t.Fatal(err)
		}
		if got := rec.take(); len(got) != 1 || got[0].Type != events.TypeSession {
			t.Fatalf("disabling announced %v", got)
		}
		if _, err := st.LiveSession(ctx, auth.TokenHash(started.Token)); !errors.Is(err, fault.ErrNotFound) {
			t.Fatalf("a disabled user's session lives: %v", err)
		}
		if err := w.ChangeOwnPassword(ctx, translator, ChangeOwnPassword{User: tom.User, Current: "wrong", New: "another long passphrase"}); err != ErrWrongPassword {
			t.Fatalf("wrong current password: %v", err)
		}
	})
}

func context0() context.Context { return context.Background() }

func nowPlusHour() time.Time { return time.Now().UTC().Add(time.Hour) }
