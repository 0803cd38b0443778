package workbench

import (
	"context"
	"errors"
	"fmt"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/store"
)

// Save writes a clause's English as a new draft revision or, with Confirm,
// as English the translator says is done (status translated).
type Save struct {
	Clause  uint
	Version int    // the version the writer edited
	Text    string // the English
	Origin  string // where the text came from: "editor" (default), "mt", "tm" …
	Confirm bool   // the translator confirms the English (see store.ConfirmTranslation)
}

func (w *Workbench) Save(ctx context.Context, a Actor, c Save) (store.Clause, error) {
	if err := allow(a, auth.Translator, "translate"); err != nil {
		return store.Clause{}, err
	}
	origin := c.Origin
	if origin == "" {
		origin = "editor"
	}
	save, action := w.st.SaveTranslation, "save"
	if c.Confirm {
		save, action = w.st.ConfirmTranslation, "confirm"
	}
	cl, err := save(ctx, c.Clause, c.Version, c.Text, a.Name, origin)
	if err != nil || cl.Version == c.Version { // failed, or confirmed already: nothing changed
		return cl, err
	}
	w.recheckClauses(ctx, cl.ID)
	w.clauseEvent(a, action, cl)
	return cl, nil
}

// Submit sends a clause's English to the reviewers.
type Submit struct {
	Clause  uint
	Version int
}

func (w *Workbench) Submit(ctx context.Context, a Actor, c Submit) (store.Clause, error) {
	if err := allow(a, auth.Translator, "submit translations"); err != nil {
		return store.Clause{}, err
	}
	cl, err := w.st.Submit(ctx, c.Clause, c.Version, a.Name)
	if err != nil {
		return cl, err
	}
	w.recheckClauses(ctx, cl.ID)
	w.clauseEvent(a, "submit", cl)
	return cl, nil
}

// Approve approves a clause's English, or (Revision > 0) an earlier
// alternative from its history.
type Approve struct {
	Clause   uint
	Version  int
	Revision int
}

func (w *Workbench) Approve(ctx context.Context, a Actor, c Approve) (store.Clause, error) {
	if err := allow(a, auth.Reviewer, "approve translations"); err != nil {
		return store.Clause{}, err
	}
	cl, err := w.st.Approve(ctx, c.Clause, c.Version, c.Revision, a.Name)
	if err != nil {
		return cl, err
	}
	w.recheckClauses(ctx, cl.ID)
	w.clauseEvent(a, "approve", cl)
	return cl, nil
}

// Reject sends a clause back to its translator with a comment.
type Reject struct {
	Clause  uint
	Version *int // nil: whatever the clause's version now
	Comment string
}

func (w *Workbench) Reject(ctx context.Context, a Actor, c Reject) (store.Clause, error) {
	if err := allow(a, auth.Reviewer, "reject translations"); err != nil {
		return store.Clause{}, err
	}
	base := -1
	if c.Version != nil {
		base = *c.Version
	}
	r, err := w.st.RejectClause(ctx, c.Clause, base, c.Comment, a.Name)
	if err != nil {
		return r.Clause, err
	}
	w.recheckClauses(ctx, r.Clause.ID)
	w.rejected(ctx, a, r)
	return r.Clause, nil
}

// Restore makes an earlier revision's English the current one.
type Restore struct {
	Clause   uint
	Version  int
	Revision int
}

func (w *Workbench) Restore(ctx context.Context, a Actor, c Restore) (store.Clause, error) {
	if err := allow(a, auth.Translator, "restore translations"); err != nil {
		return store.Clause{}, err
	}
	if c.Revision <= 0 {
		return store.Clause{}, &fault.Invalid{Field: "request", Reason: "name the revision to restore (1 or more)"}
	}
	cl, err := w.st.Restore(ctx, c.Clause, c.Version, c.Revision, a.Name)
	if err != nil {
		return cl, err
	}
	w.recheckClauses(ctx, cl.ID)
	w.clauseEvent(a, "restore", cl)
	return cl, nil
}

// Versioned names a clause at the version someone looked at.
type Versioned struct {
	ID      uint `json:"id"`
	Version int  `json:"version"`
}

// BulkApprove approves the listed clauses that have no open finding, each
// only at the version the reviewer saw.
type BulkApprove struct {
	Clauses []Versioned
}

// MaxBulk bounds one bulk request.
const MaxBulk = 1000

// Skipped is a clause a bulk change left alone, and why.
type Skipped struct {
	ID     uint   `json:"id"`
	Reason string `json:"reason"`
}

// BulkApproved says what BulkApprove did.
type BulkApproved struct {
	Approved []store.Clause `json:"approved"`
	Skipped  []Skipped      `json:"skipped"`
}

func (w *Workbench) BulkApprove(ctx context.Context, a Actor, c BulkApprove) (BulkApproved, error) {
	out := BulkApproved{Approved: []store.Clause{}, Skipped: []Skipped{}}
	if err := allow(a, auth.Reviewer, "approve translations"); err != nil {
		return out, err
	}
	if len(c.Clauses) == 0 || len(c.Clauses) > MaxBulk {
		return out, &fault.Invalid{Field: "request", Reason: fmt.Sprintf(`send {"clauses": [{"id": N, "version": M}, …]}, 1 to %d of them`, MaxBulk)}
	}
	for _, x := range c.Clauses {
		cl, err := w.st.GetClause(ctx, x.ID)
		if errors.Is(err, fault.ErrNotFound) {
			out.Skipped = append(out.Skipped, Skipped{x.ID, "no such clause"})
			continue
		}
		if err != nil {
			return out, err
		}
		fs, err := w.qa.Draft(ctx, cl, cl.Target)
		if err != nil {
			return out, err
		}
		if len(fs) > 0 {
			out.Skipped = append(out.Skipped, Skipped{x.ID, fmt.Sprintf("%d open finding(s): review it on its own", len(fs))})
			continue
		}
		cl, err = w.st.Approve(ctx, x.ID, x.Version, 0, a.Name)
		var conflict *fault.Conflict
		var state *fault.InvalidState
		switch {
		case errors.As(err, &conflict):
			out.Skipped = append(out.Skipped, Skipped{x.ID, "changed since you looked: review it again"})
		case errors.As(err, &state):
			out.Skipped = append(out.Skipped, Skipped{x.ID, state.Reason})
		case err != nil:
			return out, err
		default:
			out.Approved = append(out.Approved, cl)
		}
	}
	ids := make([]uint, len(out.Approved))
	for i, cl := range out.Approved {
		ids[i] = cl.ID
	}
	if len(ids) > 0 {
		w.recheckClauses(ctx, ids...)
	}
	for _, cl := range out.Approved {
		w.clauseEvent(a, "approve", cl)
	}
	return out, nil
}

// Comment adds a comment to a clause.
type Comment struct {
	Clause uint
	Text   string
}

func (w *Workbench) Comment(ctx context.Context, a Actor, c Comment) (store.Comment, error) {
	if err := allow(a, auth.Translator, "comment"); err != nil {
		return store.Comment{}, err
	}
	cl, err := w.st.GetClause(ctx, c.Clause)
	if err != nil {
		return store.Comment{}, err
	}
	cm, err := w.st.AddComment(ctx, c.Clause, c.Text, a.Name)
	if err != nil {
		return cm, err
	}
	w.publishAbout(a, events.TypeComment, "comment", cl, cm)
	w.notified(a, "mention", mentioned(cm))
	return cm, nil
}

// Split cuts a clause's Chinese in two after At characters.
type Split struct {
	Clause  uint
	Version int
	At      int      // in characters (code points) of the Chinese
	English []string // optional: the two parts' English
}

func (w *Workbench) Split(ctx context.Context, a Actor, c Split) (store.Split, error) {
	if err := allow(a, auth.Translator, "split clauses"); err != nil {
		return store.Split{}, err
	}
	cl, err := w.st.GetClause(ctx, c.Clause)
	if err != nil {
		return store.Split{}, err
	}
	// Out of range: -1, which the store refuses, saying where a split can go.
	at := byteOffset(cl.Source, c.At)
	out, err := w.st.SplitClause(ctx, c.Clause, c.Version, at, c.English, a.Name)
	if err != nil {
		return out, err
	}
	// Findings are the clauses' own and their "same Chinese" groups':
	// only the two parts change (the statement's other 2,000 clauses and
	// their groups took a second on an archive).
	var parts []uint
	for _, p := range out.Clauses {
		parts = append(parts, p.ID)
	}
	w.recheckClauses(ctx, parts...)
	w.publish(a, events.Event{Type: events.TypeDocument, Action: "split", ClauseID: cl.ID, Document: cl.DocumentID})
	return out, nil
}

// Merge joins a clause and the next one of its paragraph.
type Merge struct {
	Clause      uint
	Version     int
	NextVersion int     // the version of the next clause the writer looked at
	English     *string // optional: the merged English
}

func (w *Workbench) Merge(ctx context.Context, a Actor, c Merge) (store.Clause, error) {
	if err := allow(a, auth.Translator, "merge clauses"); err != nil {
		return store.Clause{}, err
	}
	m, err := w.st.MergeClauses(ctx, c.Clause, c.Version, c.NextVersion, c.English, a.Name)
	if err != nil {
		return m.Clause, err
	}
	// The clause merged away loses its findings and term uses.
	w.recheckClauses(ctx, m.ID, m.Removed)
	w.publish(a, events.Event{Type: events.TypeDocument, Action: "merge", ClauseID: m.ID, Document: m.DocumentID})
	return m.Clause, nil
}

// byteOffset is the byte offset of the n-th character of s, or -1 if s
// has fewer.
func byteOffset(s string, n int) int {
	if n < 0 {
		return -1
	}
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	if n == 0 {
		return len(s)
	}
	return -1
}
