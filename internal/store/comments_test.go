package store

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/internal/fault"
)

func mustUsers(t *testing.T, s *Store, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := s.CreateUser(context.Background(), NewUser{Username: n, PasswordHash: "x", Role: "translator"}, "admin"); err != nil {
			t.Fatal(err)
		}
	}
}

func TestMentionCandidates(t *testing.T) {
	for text, want := range map[string][]string{
		"@rita please check":              {"rita"},
		"ask @Rita. And @li.wei, @li.wei": {"rita.", "rita", "li.wei"},
		"mail rita@example.org":           nil,
		"@@x (@tom) @":                    {"tom"},
		"第一句@张三":                          nil,
		"see @a_b- and @x.":               {"a_b-", "a_b", "x.", "x"},
	} {
		got := mentionCandidates(text)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: %q, want %q", text, got, want)
		}
	}
}

func TestCommentsMentionsAndInbox(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		mustUsers(t, s, "rita", "tom", "gone", "li.wei")
		off := true
		gone, _ := s.UserByName(ctx, "gone")
		if _, err := s.UpdateUser(ctx, gone.ID, UserChange{Disabled: &off}, "admin"); err != nil {
			t.Fatal(err)
		}
		c := firstClause(t, s)
		// Mentioned: existing, enabled users; the author too (but they are
		// not notified); unknown and disabled names are text.
		cm, err := s.AddComment(ctx, c.ID, "@Tom and @rita. see this; @nobody, @gone, @li.wei.", "rita")
		if err != nil {
			t.Fatal(err)
		}
		if cm.Kind != CommentKindComment || cm.ResolvedAt != nil || !reflect.DeepEqual(cm.Mentions, Names{"tom", "rita", "li.wei"}) {
			t.Fatalf("comment %+v", cm)
		}
		list, err := s.Comments(ctx, c.ID)
		if err != nil || len(list) != 1 || !reflect.DeepEqual(list[0].Mentions, cm.Mentions) || list[0].Kind != CommentKindComment {
			t.Fatalf("comments %+v %v", list, err)
		}
		for user, want := range map[string]int64{"tom": 1, "li.wei": 1, "rita": 0, "gone": 0, "nobody": 0} {
			in, err := s.Inbox(ctx, user)
			if err != nil {
				t.Fatal(err)
			}
			if in.Unread != want || len(in.Items) != int(want) {
				t.Errorf("%s's inbox: %+v, want %d unread", user, in, want)
			}
		}
		in, _ := s.Inbox(ctx, "tom")
		it := in.Items[0]
		if it.Kind != NotifyMention || it.ClauseID != c.ID || it.DocumentID != c.DocumentID || it.DocumentTitle != "甲" || it.Index != 0 ||
			it.Author != "rita" || it.Text != cm.Text || it.Read || it.CommentID != cm.ID {
			t.Fatalf("inbox item %+v", it)
		}
		// Tom cannot mark li.wei's notification read; his own, yes.
		liIn, _ := s.Inbox(ctx, "li.wei")
		if n, unread, err := s.MarkRead(ctx, "tom", []uint{liIn.Items[0].ID}, false); err != nil || n != 0 || unread != 1 {
			t.Fatalf("marking another's: %d %d %v", n, unread, err)
		}
		if n, unread, err := s.MarkRead(ctx, "tom", []uint{it.ID}, false); err != nil || n != 1 || unread != 0 {
			t.Fatalf("mark read: %d %d %v", n, unread, err)
		}
		if in, _ := s.Inbox(ctx, "tom"); !in.Items[0].Read || in.Unread != 0 {
			t.Fatalf("after reading: %+v", in)
		}
		if n, unread, err := s.MarkRead(ctx, "li.wei", nil, true); err != nil || n != 1 || unread != 0 {
			t.Fatalf("mark all read: %d %d %v", n, unread, err)
		}
		if _, err := s.AddComment(ctx, 9999, "@tom", "rita"); !errors.Is(err, fault.ErrNotFound) {
			t.Fatalf("comment on no clause: %v", err)
		}
		if in, _ := s.Inbox(ctx, "tom"); in.Unread != 0 {
			t.Fatalf("a failed comment notified: %+v", in)
		}
	})
}

func TestRejectionWritesCommentAndNotifies(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		mustUsers(t, s, "tr", "rev", "tom")
		c := firstClause(t, s)
		c, _ = s.SaveTranslation(ctx, c.ID, 0, "The two sides agree.", "tr", "editor")
		c, _ = s.Submit(ctx, c.ID, c.Version, "tr")
		// A refused rejection leaves nothing behind.
		var conflict *fault.Conflict
		if _, err := s.RejectClause(ctx, c.ID, c.Version-1, "stale", "rev"); !errors.As(err, &conflict) {
			t.Fatalf("stale rejection: %v", err)
		}
		if cs, _ := s.Comments(ctx, c.ID); len(cs) != 0 {
			t.Fatalf("a refused rejection left %+v", cs)
		}
		r, err := s.RejectClause(ctx, c.ID, c.Version, "Say “hold the view”; @tom knows.", "rev")
		if err != nil {
			t.Fatal(err)
		}
		if r.Clause.Status != StatusRejected || r.Comment.Kind != CommentKindRejection || r.Comment.Author != "rev" ||
			r.Comment.Text != "Say “hold the view”; @tom knows." || !slices.Equal(r.Notified, []string{"tr", "tom"}) {
			t.Fatalf("rejected %+v", r)
		}
		in, _ := s.Inbox(ctx, "tr")
		if in.Unread != 1 || in.Items[0].Kind != NotifyRejection || in.Items[0].Text != r.Comment.Text {
			t.Fatalf("translator's inbox %+v", in)
		}
		if in, _ := s.Inbox(ctx, "tom"); in.Unread != 1 || in.Items[0].Kind != NotifyMention {
			t.Fatalf("tom's inbox %+v", in)
		}
		// The listing's notes: counts and the rejection.
		noted, err := s.Noted(ctx, []Clause{r.Clause})
		if err != nil {
			t.Fatal(err)
		}
		n := noted[0]
		if n.Comments != 1 || n.OpenComments != 1 || n.Rejection == nil || n.Rejection.Author != "rev" || n.Rejection.Reason != r.Comment.Text || n.Rejection.At.IsZero() {
			t.Fatalf("notes %+v %+v", n.ClauseNotes, n.Rejection)
		}
		doc, _ := s.GetDocument(ctx, c.DocumentID)
		if doc.OpenComments != 1 {
			t.Fatalf("document open comments %d", doc.OpenComments)
		}
		// Resolve, resolve again (refused), reopen, reopen again (refused).
		var state *fault.InvalidState
		cm, err := s.ResolveComment(ctx, r.Comment.ID, true, "tr")
		if err != nil || cm.ResolvedAt == nil || cm.ResolvedBy != "tr" {
			t.Fatalf("resolve: %+v %v", cm, err)
		}
		if _, err := s.ResolveComment(ctx, r.Comment.ID, true, "tom"); !errors.As(err, &state) || state.Current.(Comment).ResolvedBy != "tr" {
			t.Fatalf("resolving twice: %v", err)
		}
		docs, _ := s.ListDocuments(ctx)
		if docs[0].OpenComments != 0 {
			t.Fatalf("open comments after resolving: %d", docs[0].OpenComments)
		}
		noted, _ = s.Noted(ctx, []Clause{r.Clause})
		if noted[0].Comments != 1 || noted[0].OpenComments != 0 {
			t.Fatalf("notes after resolving %+v", noted[0].ClauseNotes)
		}
		if cm, err = s.ResolveComment(ctx, r.Comment.ID, false, "rev"); err != nil || cm.ResolvedAt != nil || cm.ResolvedBy != "" {
			t.Fatalf("reopen: %+v %v", cm, err)
		}
		if _, err := s.ResolveComment(ctx, r.Comment.ID, false, "rev"); !errors.As(err, &state) {
			t.Fatalf("reopening an open comment: %v", err)
		}
		if _, err := s.ResolveComment(ctx, 9999, true, "rev"); !errors.Is(err, fault.ErrNotFound) {
			t.Fatalf("resolving no comment: %v", err)
		}
		// A reviewer rejecting their own English is not notified; the
		// latest rejection is the one shown.
		c, _ = s.SaveTranslation(ctx, c.ID, r.Clause.Version, "The sides hold the view.", "rev", "editor")
		r2, err := s.RejectClause(ctx, c.ID, -1, "Still not it.", "rev")
		if err != nil || len(r2.Notified) != 0 {
			t.Fatalf("self rejection: %+v %v", r2, err)
		}
		noted, _ = s.Noted(ctx, []Clause{r2.Clause})
		if noted[0].Rejection == nil || noted[0].Rejection.Reason != "Still not it." || noted[0].Comments != 2 || noted[0].OpenComments != 2 {
			t.Fatalf("second rejection's notes %+v %+v", noted[0].ClauseNotes, noted[0].Rejection)
		}
		c, _ = s.SaveTranslation(ctx, c.ID, r2.Clause.Version, "The sides share the view.", "tr", "editor")
		if noted, _ = s.Noted(ctx, []Clause{c}); noted[0].Rejection != nil { // a draft has none, whatever its history
			t.Fatalf("draft's rejection %+v", noted[0].Rejection)
		}
	})
}

func TestMigrationMakesRejectionsComments(t *testing.T) {
	before := -1
	for i, m := range migrations {
		if reflect.ValueOf(m).Pointer() == reflect.ValueOf(migrateCommentsInbox).Pointer() {
			before = i
		}
	}
	for _, d := range oldSchemaDialects {
		t.Run(d.name, func(t *testing.T) {
			t.Parallel()
			dsn, old := d.migratedTo(t, before)
			at := time.Now().UTC()
			exec := func(q string, args ...any) {
				t.Helper()
				if err := old.Exec(q, args...).Error; err != nil {
					t.Fatal(err)
				}
			}
			exec("INSERT INTO documents (title, date, source_name, content_hash, signed_date, signed_place, created_at) VALUES ('甲', '', '', 'h', '', '', ?)", at)
			for i, status := range []string{StatusRejected, StatusDraft} {
				exec(`INSERT INTO clauses (document_id, position, paragraph, kind, source, source_key, target, status, version, updated_by, updated_at, created_at)
					VALUES (1, ?, 0, 'text', '句。', '句。', 'A', ?, 4, 'tr', ?, ?)`, i, status, at, at)
				for v, action := range []string{"save", "reject", "save", "reject"} {
					exec("INSERT INTO revisions (clause_id, version, action, text, comment, author, origin, created_at) VALUES (?, ?, ?, 'A', ?, 'rev', 'editor', ?)",
						i+1, v+1, action, map[string]string{"reject": "reason " + string(rune('1'+v))}[action], at)
				}
			}
			exec("INSERT INTO comments (clause_id, author, text, created_at) VALUES (2, 'tom', 'old note', ?)", at)
			s := upgraded(t, dsn, old)
			ctx := context.Background()
			cs, err := s.Comments(ctx, 1)
			if err != nil || len(cs) != 1 || cs[0].Kind != CommentKindRejection || cs[0].Text != "reason 4" || cs[0].Author != "rev" || cs[0].ResolvedAt != nil {
				t.Fatalf("rejected clause's thread %+v %v", cs, err)
			}
			cs, _ = s.Comments(ctx, 2)
			if len(cs) != 1 || cs[0].Kind != CommentKindComment || cs[0].Text != "old note" {
				t.Fatalf("drafted clause's thread %+v", cs)
			}
			if doc, _ := s.GetDocument(ctx, 1); doc.OpenComments != 2 {
				t.Fatalf("open comments %d", doc.OpenComments)
			}
		})
	}
}
