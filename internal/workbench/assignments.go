package workbench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/store"
)

// Assigning work is a project manager's job: reviewers and admins do it.
// Translators (and above) read the assignments (My work).

// Assign gives a statement, or the clauses First to Last of it (numbered
// as the interface numbers them, from 1; both 0: the whole statement), to
// a translator and a reviewer, existing enabled users with at least those
// roles, due on Due (YYYY-MM-DD, or "").
type Assign struct {
	Document    uint
	First, Last int
	Translator  string
	Reviewer    string
	Due         string
}

func (w *Workbench) Assign(ctx context.Context, a Actor, c Assign) (store.AssignmentProgress, error) {
	if err := allow(a, auth.Reviewer, "assign work"); err != nil {
		return store.AssignmentProgress{}, err
	}
	if c.Document == 0 {
		return store.AssignmentProgress{}, &fault.Invalid{Field: "document", Reason: "name the statement to assign (its id)"}
	}
	if err := checkRange(c.First, c.Last); err != nil {
		return store.AssignmentProgress{}, err
	}
	var err error
	if c.Translator, err = w.assignee(ctx, "translator", c.Translator, auth.Translator); err != nil {
		return store.AssignmentProgress{}, err
	}
	if c.Reviewer, err = w.assignee(ctx, "reviewer", c.Reviewer, auth.Reviewer); err != nil {
		return store.AssignmentProgress{}, err
	}
	if c.Due, err = checkDue(c.Due); err != nil {
		return store.AssignmentProgress{}, err
	}
	if _, err := w.st.GetDocument(ctx, c.Document); err != nil {
		return store.AssignmentProgress{}, err
	}
	as, err := w.st.CreateAssignment(ctx, store.WorkAssignment{DocumentID: c.Document, FirstClause: c.First, LastClause: c.Last,
		Translator: c.Translator, Reviewer: c.Reviewer, Due: c.Due}, a.Name)
	if err != nil {
		return store.AssignmentProgress{}, err
	}
	return w.assignmentChanged(ctx, a, "created", as)
}

// ChangeAssignment changes an assignment made on Version (a stale version:
// *fault.Conflict with the assignment as it is); nil fields stay. Range
// sets the first and last clause together ([0, 0]: the whole statement).
type ChangeAssignment struct {
	ID         uint
	Version    int
	Range      *[2]int
	Translator *string
	Reviewer   *string
	Due        *string
}

func (w *Workbench) ChangeAssignment(ctx context.Context, a Actor, c ChangeAssignment) (store.AssignmentProgress, error) {
	if err := allow(a, auth.Reviewer, "change assignments"); err != nil {
		return store.AssignmentProgress{}, err
	}
	ch := store.AssignmentChange{Range: c.Range}
	if c.Range != nil {
		if err := checkRange(c.Range[0], c.Range[1]); err != nil {
			return store.AssignmentProgress{}, err
		}
	}
	if c.Translator != nil {
		name, err := w.assignee(ctx, "translator", *c.Translator, auth.Translator)
		if err != nil {
			return store.AssignmentProgress{}, err
		}
		ch.Translator = &name
	}
	if c.Reviewer != nil {
		name, err := w.assignee(ctx, "reviewer", *c.Reviewer, auth.Reviewer)
		if err != nil {
			return store.AssignmentProgress{}, err
		}
		ch.Reviewer = &name
	}
	if c.Due != nil {
		due, err := checkDue(*c.Due)
		if err != nil {
			return store.AssignmentProgress{}, err
		}
		ch.Due = &due
	}
	as, err := w.st.UpdateAssignment(ctx, c.ID, c.Version, ch, a.Name)
	if err != nil {
		return store.AssignmentProgress{}, err
	}
	return w.assignmentChanged(ctx, a, "updated", as)
}

// Unassign deletes an assignment at Version.
type Unassign struct {
	ID      uint
	Version int
}

func (w *Workbench) Unassign(ctx context.Context, a Actor, c Unassign) error {
	if err := allow(a, auth.Reviewer, "delete assignments"); err != nil {
		return err
	}
	if err := w.st.DeleteAssignment(ctx, c.ID, c.Version, a.Name); err != nil {
		return err
	}
	raw, _ := json.Marshal(map[string]uint{"id": c.ID})
	w.publish(a, events.Event{Type: events.TypeAssignment, Action: "deleted", Data: raw})
	return nil
}

// assignmentChanged reads the assignment back with its progress and
// announces it (open My work pages and statement pages update).
func (w *Workbench) assignmentChanged(ctx context.Context, a Actor, action string, as store.WorkAssignment) (store.AssignmentProgress, error) {
	p, err := w.st.GetAssignment(ctx, as.ID)
	if err != nil { // committed: only the progress is missing
		p = store.AssignmentProgress{WorkAssignment: as}
	}
	raw, _ := json.Marshal(p)
	w.publish(a, events.Event{Type: events.TypeAssignment, Action: action, Document: as.DocumentID, Data: raw})
	return p, nil
}

// assignee checks that name is an existing, enabled user with at least
// role, and returns the name as stored; field names the field in errors.
func (w *Workbench) assignee(ctx context.Context, field, name string, role auth.Role) (string, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		return "", &fault.Invalid{Field: field, Reason: fmt.Sprintf("name the %s (a user name)", field)}
	}
	u, err := w.st.UserByName(ctx, name)
	if errors.Is(err, fault.ErrNotFound) {
		return "", &fault.Invalid{Field: field, Reason: fmt.Sprintf("there is no user %s to be the %s: name an existing user", name, field)}
	}
	if err != nil {
		return "", err
	}
	if u.Disabled {
		return "", &fault.Invalid{Field: field, Reason: fmt.Sprintf("%s is disabled and cannot be the %s: enable them first, or name someone else", name, field)}
	}
	if !auth.Role(u.Role).Allows(role) {
		return "", &fault.Invalid{Field: field, Reason: fmt.Sprintf("%s is a %s and cannot be the %s: the %s needs the role %s or above", name, u.Role, field, field, role)}
	}
	return u.Username, nil
}

// checkRange refuses a range that cannot be one (the store checks it
// against the statement).
func checkRange(first, last int) error {
	if first == 0 && last == 0 {
		return nil
	}
	if first < 1 || last < first {
		return &fault.Invalid{Field: "clauses", Reason: fmt.Sprintf("%d–%d is not a range of clauses: give the first and the last clause number, from 1, first ≤ last (or neither, for the whole statement)", first, last)}
	}
	return nil
}

// checkDue reads a due date: YYYY-MM-DD, or "" for none.
func checkDue(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return "", &fault.Invalid{Field: "due", Reason: fmt.Sprintf("%q is not a date: write the due date as YYYY-MM-DD, e.g. 2026-12-20", s)}
	}
	return s, nil
}
