package workbench

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/store"
)

// kinds lists events as type/action.
func kinds(es []events.Event) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Type+"/"+e.Action)
	}
	return out
}

func inboxUsers(t *testing.T, e events.Event) []string {
	t.Helper()
	var d struct{ Users []string }
	if err := json.Unmarshal(e.Data, &d); err != nil {
		t.Fatal(err)
	}
	return d.Users
}

// A rejection writes its reason as a comment, notifies the translator (not
// the reviewer), shows on the clause; mentions notify; resolve and reopen;
// each announced once, after commit.
func TestRejectionsMentionsAndResolve(t *testing.T) {
	forEachDB(t, func(t *testing.T, w *Workbench, st *store.Store, rec *recorder) {
		ctx := t.Context()
		for _, u := range []Actor{reviewer, translator, viewer} {
			if _, err := w.AddUser(ctx, admin, AddUser{Name: u.Name, Role: string(u.Role)}); err != nil {
				t.Fatal(err)
			}
		}
		rec.take()
		cl := firstClauses(t, st, 1)[0]
		cl, err := w.Save(ctx, translator, Save{Clause: cl.ID, Version: cl.Version, Text: "The two sides agree."})
		if err != nil {
			t.Fatal(err)
		}
		cl, _ = w.Submit(ctx, translator, Submit{cl.ID, cl.Version})
		rec.take()

		cl, err = w.Reject(ctx, reviewer, Reject{Clause: cl.ID, Version: &cl.Version, Comment: "Say “hold the view”, @vic."})
		if err != nil || cl.Status != store.StatusRejected {
			t.Fatalf("reject: %+v %v", cl, err)
		}
		got := rec.take()
		if k := kinds(got); !slices.Equal(k, []string{"clause/reject", "comment/reject", "inbox/reject"}) {
			t.Fatalf("announced %v", k)
		}
		var noted store.NotedClause
		json.Unmarshal(got[0].Data, &noted)
		if noted.Rejection == nil || noted.Rejection.Reason != "Say “hold the view”, @vic." || noted.Rejection.Author != reviewer.Name || noted.OpenComments != 1 {
			t.Fatalf("the rejection's clause event: %s", got[0].Data)
		}
		if u := inboxUsers(t, got[2]); !slices.Equal(u, []string{translator.Name, viewer.Name}) {
			t.Fatalf("notified %v", u)
		}
		cs, _ := st.Comments(ctx, cl.ID)
		if len(cs) != 1 || cs[0].Kind != store.CommentKindRejection || cs[0].Author != reviewer.Name {
			t.Fatalf("thread %+v", cs)
		}
		in, _ := st.Inbox(ctx, translator.Name)
		if in.Unread != 1 || in.Items[0].Kind != store.NotifyRejection || in.Items[0].Text != cs[0].Text {
			t.Fatalf("translator's inbox %+v", in)
		}
		if in, _ := st.Inbox(ctx, reviewer.Name); in.Unread != 0 {
			t.Fatalf("the reviewer was notified of their own rejection: %+v", in)
		}

		// Mentions: the translator names the reviewer and themself; only
		// the reviewer is notified.
		if _, err := w.Comment(ctx, translator, Comment{Clause: cl.ID, Text: "@rita is it better now? (@tom, @nobody)"}); err != nil {
			t.Fatal(err)
		}
		got = rec.take()
		if k := kinds(got); !slices.Equal(k, []string{"comment/comment", "inbox/mention"}) || !slices.Equal(inboxUsers(t, got[1]), []string{reviewer.Name}) {
			t.Fatalf("mention announced %v", k)
		}
		// A comment that names nobody reaches no inbox.
		w.Comment(ctx, translator, Comment{Clause: cl.ID, Text: "Plain."})
		if k := kinds(rec.take()); !slices.Equal(k, []string{"comment/comment"}) {
			t.Fatalf("plain comment announced %v", k)
		}

		// Resolve and reopen: translators and above; viewers may not.
		var forbidden *fault.Forbidden
		var state *fault.InvalidState
		var notFound *fault.NotFound
		if _, err := w.Resolve(ctx, viewer, Resolve{Comment: cs[0].ID}); !errors.As(err, &forbidden) {
			t.Fatalf("a viewer resolves: %v", err)
		}
		cm, err := w.Resolve(ctx, translator, Resolve{Comment: cs[0].ID})
		if err != nil || cm.ResolvedBy != translator.Name || cm.ResolvedAt == nil {
			t.Fatalf("resolve: %+v %v", cm, err)
		}
		if got := rec.take(); len(got) != 1 || got[0].Type != events.TypeComment || got[0].Action != "resolve" || got[0].Document != cl.DocumentID {
			t.Fatalf("resolve announced %+v", got)
		}
		if _, err := w.Resolve(ctx, reviewer, Resolve{Comment: cs[0].ID}); !errors.As(err, &state) {
			t.Fatalf("resolve twice: %v", err)
		}
		if _, err := w.Resolve(ctx, reviewer, Resolve{Comment: 999999, Reopen: true}); !errors.As(err, &notFound) {
			t.Fatalf("reopen nothing: %v", err)
		}
		if len(rec.take()) != 0 {
			t.Fatal("a refused resolution was announced")
		}
		if _, err := w.Resolve(ctx, reviewer, Resolve{Comment: cs[0].ID, Reopen: true}); err != nil {
			t.Fatal(err)
		}
		if k := kinds(rec.take()); !slices.Equal(k, []string{"comment/reopen"}) {
			t.Fatalf("reopen announced %v", k)
		}

		// Mark read: one's own inbox only; a request naming nothing is refused.
		var invalid *fault.Invalid
		if _, err := w.MarkRead(ctx, translator, MarkRead{}); !errors.As(err, &invalid) {
			t.Fatalf("mark nothing: %v", err)
		}
		if _, err := w.MarkRead(ctx, translator, MarkRead{IDs: []uint{1}, All: true}); !errors.As(err, &invalid) {
			t.Fatalf("mark both: %v", err)
		}
		rin, _ := st.Inbox(ctx, reviewer.Name)
		if m, err := w.MarkRead(ctx, translator, MarkRead{IDs: []uint{rin.Items[0].ID}}); err != nil || m.Marked != 0 || m.Unread != 1 {
			t.Fatalf("marking another's: %+v %v", m, err)
		}
		if len(rec.take()) != 0 {
			t.Fatal("marking nothing was announced")
		}
		m, err := w.MarkRead(ctx, viewer, MarkRead{All: true})
		if err != nil || m.Marked != 1 || m.Unread != 0 {
			t.Fatalf("viewer marks all: %+v %v", m, err)
		}
		if got := rec.take(); len(got) != 1 || !slices.Equal(inboxUsers(t, got[0]), []string{viewer.Name}) {
			t.Fatalf("marking read announced %+v", got)
		}
	})
}
