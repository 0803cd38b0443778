package store

import (
	"context"
	"errors"
	"github.com/zhen-workbench/zhen/internal/fault"
	"strings"
	"testing"
)

func firstClause(t *testing.T, s *Store) Clause {
	t.Helper()
	mustImport(t, s, testDoc("甲", "双方认为。中俄关系好。"))
	cl, _, err := s.ListClauses(context.Background(), ClauseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return cl[0]
}

func TestClauseLifecycle(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := firstClause(t, s)
		var state *fault.InvalidState
		if _, err := s.Submit(ctx, c.ID, 0, "tr"); !errors.As(err, &state) {
			t.Fatalf("submitting nothing: %v", err)
		}
		c, err := s.SaveTranslation(ctx, c.ID, 0, "The two sides agree.", "tr", "editor")
		if err != nil || c.Status != StatusDraft {
			t.Fatalf("save: %+v %v", c, err)
		}
		c, err = s.Submit(ctx, c.ID, c.Version, "tr")
		if err != nil || c.Status != StatusSubmitted || c.Version != 2 {
			t.Fatalf("submit: %+v %v", c, err)
		}
		if _, err := s.Reject(ctx, c.ID, c.Version, "  ", "rev"); err == nil {
			t.Fatal("a rejection without a comment was accepted")
		}
		c, err = s.Reject(ctx, c.ID, c.Version, "Use “hold the view”.", "rev")
		if err != nil || c.Status != StatusRejected {
			t.Fatalf("reject: %+v %v", c, err)
		}
		c, _ = s.SaveTranslation(ctx, c.ID, c.Version, "The two sides hold the view.", "tr", "editor")
		c, _ = s.Submit(ctx, c.ID, c.Version, "tr")
		// A second translator proposes an alternative: the clause stays submitted.
		c, err = s.SaveTranslation(ctx, c.ID, c.Version, "Both sides believe.", "tr2", "editor")
		if err != nil || c.Status != StatusSubmitted {
			t.Fatalf("alternative: %+v %v", c, err)
		}
		history, _ := s.ReviewHistory(ctx, []Clause{c})
		alts := history[c.ID].Alternatives
		if len(alts) != 3 || alts[0].Text != "Both sides believe." || alts[1].Text != "The two sides hold the view." {
			t.Fatalf("alternatives: %+v", alts)
		}
		// A stale approval changes nothing; then the reviewer picks the first translator's text.
		var conflict *fault.Conflict
		if _, err := s.Approve(ctx, c.ID, c.Version-1, 0, "rev"); !errors.As(err, &conflict) {
			t.Fatalf("stale approval: %v", err)
		}
		c, err = s.Approve(ctx, c.ID, c.Version, alts[1].Version, "rev")
		if err != nil || c.Status != StatusApproved || c.ApprovedTarget != "The two sides hold the view." || c.Target != c.ApprovedTarget ||
			c.UpdatedBy != "tr" || c.ApprovedBy != "rev" || c.ApprovedAt == nil {
			t.Fatalf("approve alternative: %+v %v", c, err)
		}
		// Editing an approved clause: a pending draft; exports keep the approved text.
		c, _ = s.SaveTranslation(ctx, c.ID, c.Version, "The two sides hold the common view.", "tr", "editor")
		if c.Status != StatusDraft || c.ApprovedTarget != "The two sides hold the view." {
			t.Fatalf("edit after approval: %+v", c)
		}
		texts := map[Texts]string{}
		for _, tx := range []Texts{ApprovedTexts, LatestTexts, ReviewedTexts} {
			for r, err := range s.ExportRows(ctx, ExportFilter{Texts: tx}) {
				if err != nil {
					t.Fatal(err)
				}
				texts[tx] += r.Target + "|" + r.Status + ";"
			}
		}
		if texts[ApprovedTexts] != "The two sides hold the view.|approved;" || texts[LatestTexts] != "The two sides hold the common view.|draft;" ||
			texts[ReviewedTexts] != "The two sides hold the view.|draft;" {
			t.Fatalf("exports: %v", texts)
		}
		// Restore an earlier revision: a new revision, history only grows.
		h, _ := s.History(ctx, c.ID)
		first := h[len(h)-1]
		c, err = s.Restore(ctx, c.ID, c.Version, first.Version, "tr")
		if err != nil || c.Target != "The two sides agree." {
			t.Fatalf("restore: %+v %v", c, err)
		}
		h2, _ := s.History(ctx, c.ID)
		var actions []string
		for i := len(h2) - 1; i >= 0; i-- {
			actions = append(actions, h2[i].Action+":"+h2[i].Author)
			if h2[i].Version != len(h2)-i {
				t.Fatalf("history versions: %+v", h2)
			}
		}
		want := "save:tr submit:tr reject:rev save:tr submit:tr save:tr2 approve:rev save:tr restore:tr"
		if got := join(actions); got != want {
			t.Fatalf("history %q, want %q", got, want)
		}
		if h2[len(h2)-3].Comment != "Use “hold the view”." {
			t.Fatalf("rejection comment: %+v", h2[len(h2)-3])
		}
		if q, _ := s.ReviewQueue(ctx, QueueFilter{}); len(q.Clauses) != 0 {
			t.Fatalf("queue: %+v", q)
		}
		c, _ = s.Submit(ctx, c.ID, c.Version, "tr")
		for _, f := range []QueueFilter{{}, {Translator: "tr"}, {DocumentID: c.DocumentID}} {
			if q, _ := s.ReviewQueue(ctx, f); len(q.Clauses) != 1 || q.Total != 1 || q.Clauses[0].ID != c.ID {
				t.Fatalf("queue %+v: %+v", f, q)
			}
		}
		if q, _ := s.ReviewQueue(ctx, QueueFilter{Translator: "tr2"}); len(q.Clauses) != 0 || q.Total != 0 {
			t.Fatalf("queue for tr2: %+v", q)
		}
		d, _ := s.GetDocument(ctx, c.DocumentID)
		if d.Submitted != 1 || d.Approved != 1 || d.Translated != 1 {
			t.Fatalf("progress: %+v", d)
		}
		if _, err := s.AddComment(ctx, c.ID, " <b>check</b> the date ", "rev"); err != nil {
			t.Fatal(err)
		}
		if cs, _ := s.Comments(ctx, c.ID); len(cs) != 2 || cs[0].Kind != CommentKindRejection || cs[0].Text != "Use “hold the view”." ||
			cs[1].Kind != CommentKindComment || cs[1].Text != "<b>check</b> the date" || cs[1].Author != "rev" {
			t.Fatalf("comments: %+v", cs)
		}
		if _, err := s.AddComment(ctx, 999, "x", "rev"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("comment on a missing clause: %v", err)
		}
	})
}

func join(ss []string) string { return strings.Join(ss, " ") }

func TestUsersAndSessions(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		u, err := s.CreateUser(ctx, NewUser{Username: "wang", PasswordHash: "$2a$x", Role: "translator"}, "admin")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateUser(ctx, NewUser{Username: "wang", PasswordHash: "$2a$y", Role: "viewer"}, "admin"); !errors.Is(err, ErrExists) {
			t.Fatalf("duplicate user: %v", err)
		}
		a, _ := s.CreateSession(ctx, Session{TokenHash: "a", CSRF: "ca", UserID: u.ID, ExpiresAt: now().Add(3600e9)})
		s.CreateSession(ctx, Session{TokenHash: "b", CSRF: "cb", UserID: u.ID, ExpiresAt: now().Add(3600e9)})
		s.CreateSession(ctx, Session{TokenHash: "old", CSRF: "c", UserID: u.ID, ExpiresAt: now().Add(-1e9)})
		if su, err := s.LiveSession(ctx, "a"); err != nil || su.User.Username != "wang" {
			t.Fatalf("live: %+v %v", su, err)
		}
		if _, err := s.LiveSession(ctx, "old"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("expired session: %v", err)
		}
		if ss, _ := s.Sessions(ctx, u.ID); len(ss) != 2 {
			t.Fatalf("sessions: %+v", ss)
		}
		// A new password ends the other sessions.
		hash := "$2a$new"
		if _, err := s.UpdateUser(ctx, u.ID, UserChange{PasswordHash: &hash, KeepSession: a.ID}, "wang"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.LiveSession(ctx, "b"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("session b after a password change: %v", err)
		}
		if _, err := s.LiveSession(ctx, "a"); err != nil {
			t.Fatalf("the changing session ended: %v", err)
		}
		yes := true
		s.UpdateUser(ctx, u.ID, UserChange{Disabled: &yes}, "admin")
		if _, err := s.LiveSession(ctx, "a"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("session of a disabled user: %v", err)
		}
		log, _ := s.AuditLog(ctx, 10)
		var got []string
		for _, e := range log {
			got = append(got, e.Actor+":"+e.Action)
		}
		if join(got) != "admin:user.disable wang:user.password_change admin:user.create" {
			t.Fatalf("audit: %v", got)
		}
	})
}
