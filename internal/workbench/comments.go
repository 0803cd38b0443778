package workbench

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/store"
)

// rejected announces a rejection: the clause (with its notes, so that an
// open row shows the reason at once), the comment that gives the reason
// (an open thread shows it), and the inboxes it reached.
func (w *Workbench) rejected(ctx context.Context, a Actor, r store.Rejected) {
	var data any = r.Clause
	if noted, err := w.st.Noted(ctx, []store.Clause{r.Clause}); err == nil {
		data = noted[0]
	} else {
		slog.Warn("a rejection's notes not read: the event carries the clause alone", "clause", r.Clause.ID, "err", err)
	}
	w.publishAbout(a, events.TypeClause, "reject", r.Clause, data)
	w.publishAbout(a, events.TypeComment, "reject", r.Clause, r.Comment)
	w.notified(a, "reject", r.Notified)
}

// mentioned are the users a comment notified: those it @names but its
// author (the store's rule).
func mentioned(c store.Comment) []string {
	var out []string
	for _, u := range c.Mentions {
		if u != c.Author && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

// notified announces that users' inboxes changed (the data names them,
// nothing more: an inbox is read by its owner only).
func (w *Workbench) notified(a Actor, action string, users []string) {
	if len(users) == 0 {
		return
	}
	raw, _ := json.Marshal(map[string][]string{"users": users})
	w.publish(a, events.Event{Type: events.TypeInbox, Action: action, Data: raw})
}

// Resolve marks a comment resolved (it has been dealt with), or, with
// Reopen, open again.
type Resolve struct {
	Comment uint
	Reopen  bool
}

func (w *Workbench) Resolve(ctx context.Context, a Actor, c Resolve) (store.Comment, error) {
	what := "resolve comments"
	if c.Reopen {
		what = "reopen comments"
	}
	if err := allow(a, auth.Translator, what); err != nil {
		return store.Comment{}, err
	}
	cm, err := w.st.ResolveComment(ctx, c.Comment, !c.Reopen, a.Name)
	if err != nil {
		return cm, err
	}
	action := "resolve"
	if c.Reopen {
		action = "reopen"
	}
	cl, err := w.st.GetClause(ctx, cm.ClauseID)
	if err != nil { // the comment changed; only the event lacks its statement
		slog.Warn("a resolved comment's clause not read: its event names no statement", "comment", cm.ID, "err", err)
		cl = store.Clause{ID: cm.ClauseID}
	}
	w.publishAbout(a, events.TypeComment, action, cl, cm)
	return cm, nil
}

// MarkRead marks notifications of the actor's own inbox read: IDs, or All.
type MarkRead struct {
	IDs []uint
	All bool
}

// MarkedRead says what MarkRead did.
type MarkedRead struct {
	Marked int64 `json:"marked"` // notifications marked read now
	Unread int64 `json:"unread"` // still unread
}

func (w *Workbench) MarkRead(ctx context.Context, a Actor, c MarkRead) (MarkedRead, error) {
	if err := allow(a, auth.Viewer, "read their inbox"); err != nil {
		return MarkedRead{}, err
	}
	if c.All == (len(c.IDs) > 0) || len(c.IDs) > MaxBulk {
		return MarkedRead{}, &fault.Invalid{Field: "request", Reason: fmt.Sprintf(`send {"ids": [N, …]} (1 to %d of them) or {"all": true}`, MaxBulk)}
	}
	marked, unread, err := w.st.MarkRead(ctx, a.Name, c.IDs, c.All)
	if err != nil {
		return MarkedRead{}, err
	}
	if marked > 0 {
		w.notified(a, "read", []string{a.Name})
	}
	return MarkedRead{Marked: marked, Unread: unread}, nil
}
