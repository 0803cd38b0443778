package store

import (
	"context"
	"errors"
	"fmt"
	"github.com/zhen-workbench/zhen/internal/fault"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/internal/usertext"
)

// stateError says a clause is not in a status that allows the change.
func stateError(c Clause, reason string) error {
	return &fault.InvalidState{Reason: reason, Current: c}
}

// Submit sends a clause's English to the reviewers: a draft, translated
// or rejected clause with English.
func (s *Store) Submit(ctx context.Context, clauseID uint, base int, actor string) (Clause, error) {
	return s.change(ctx, clauseID, base, submitDecision(actor))
}

// submitDecision is the change Submit makes, or refuses.
func submitDecision(actor string) func(tx *gorm.DB, c *Clause, at time.Time) (Revision, map[string]any, error) {
	return func(tx *gorm.DB, c *Clause, at time.Time) (Revision, map[string]any, error) {
		switch {
		case c.Target == "":
			return Revision{}, nil, stateError(*c, "there is no English to submit: translate the clause first")
		case c.Status == StatusSubmitted:
			return Revision{}, nil, stateError(*c, "the clause is already waiting for review")
		case c.Status == StatusApproved:
			return Revision{}, nil, stateError(*c, "the clause is approved: edit it to propose a new text")
		}
		return Revision{Action: ActionSubmit, Text: c.Target, Author: actor},
			map[string]any{"status": StatusSubmitted}, nil
	}
}

// Approve makes English approved: the clause's current text, or, when
// revision is not 0, the text of that earlier revision (one of several
// alternatives). The approved text also becomes the current one.
func (s *Store) Approve(ctx context.Context, clauseID uint, base, revision int, actor string) (Clause, error) {
	return s.change(ctx, clauseID, base, func(tx *gorm.DB, c *Clause, at time.Time) (Revision, map[string]any, error) {
		text, author := c.Target, c.UpdatedBy
		if revision != 0 {
			var r Revision
			err := tx.Where("clause_id = ? AND version = ? AND action IN ?", c.ID, revision, []string{ActionSave, ActionRestore}).Take(&r).Error
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return Revision{}, nil, stateError(*c, fmt.Sprintf("clause %d has no revision %d with English to approve", c.ID, revision))
			}
			if err != nil {
				return Revision{}, nil, err
			}
			text, author = r.Text, r.Author
		}
		switch {
		case text == "":
			return Revision{}, nil, stateError(*c, "there is no English to approve")
		case c.Status == StatusApproved && text == c.ApprovedTarget:
			return Revision{}, nil, stateError(*c, "this English is already approved")
		}
		return Revision{Action: ActionApprove, Text: text, Author: actor},
			map[string]any{"status": StatusApproved, "target": text, "updated_by": author,
				"approved_target": text, "approved_version": c.Version + 1, "approved_by": actor, "approved_at": at}, nil
	})
}

// MaxComment bounds a comment or a rejection's reason.
const MaxComment = 5000

// checkComment trims a comment (field names it: "the comment") and checks
// it by the rule for written text.
func checkComment(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", fault.Invalidf("text", "a comment is required: say what to change")
	}
	return s, checkText(field, s, usertext.Rule{Max: MaxComment, Multiline: true})
}

// Reject sends a clause back to its translator with a comment saying why
// (RejectClause, which says what else it did). base < 0 rejects whatever
// version the clause is at.
func (s *Store) Reject(ctx context.Context, clauseID uint, base int, comment, actor string) (Clause, error) {
	r, err := s.RejectClause(ctx, clauseID, base, comment, actor)
	return r.Clause, err
}

// Restore makes the English of an earlier revision the current one, as a
// new revision: history is only ever added to.
func (s *Store) Restore(ctx context.Context, clauseID uint, base, revision int, actor string) (Clause, error) {
	var r Revision
	err := s.r.WithContext(ctx).Where("clause_id = ? AND version = ?", clauseID, revision).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		if _, err := s.GetClause(ctx, clauseID); err != nil {
			return Clause{}, err
		}
		return Clause{}, fault.Missing(fmt.Sprintf("revision of clause %d", clauseID), revision)
	}
	if err != nil {
		return Clause{}, err
	}
	return s.SaveTranslation(ctx, clauseID, base, r.Text, actor, ActionRestore)
}

func (s *Store) change(ctx context.Context, clauseID uint, base int, decide func(tx *gorm.DB, c *Clause, at time.Time) (Revision, map[string]any, error)) (Clause, error) {
	var out Clause
	err := s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		out, err = changeTx(tx, clauseID, base, decide)
		return err
	})
	return out, err
}

// Revision returns one history row of a clause.
func (s *Store) Revision(ctx context.Context, clauseID uint, version int) (Revision, error) {
	var r Revision
	err := s.r.WithContext(ctx).Where("clause_id = ? AND version = ?", clauseID, version).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return r, fault.Missing(fmt.Sprintf("revision of clause %d", clauseID), version)
	}
	return r, err
}

// QueueFilter selects clauses waiting for review; zero values select all.
type QueueFilter struct {
	DocumentID uint
	Translator string // who wrote the English
}

// ReviewQueue returns the submitted clauses across statements, in
// document order.
func (s *Store) ReviewQueue(ctx context.Context, f QueueFilter) ([]Clause, error) {
	where, args := "WHERE clauses.status = ?", []any{StatusSubmitted}
	if f.DocumentID != 0 {
		where += " AND clauses.document_id = ?"
		args = append(args, f.DocumentID)
	}
	if f.Translator != "" {
		where += " AND clauses.updated_by = ?"
		args = append(args, f.Translator)
	}
	return s.queryClauses(ctx, where+" ORDER BY clauses.document_id, clauses.position", args...)
}

// Alternatives returns the English proposed for a clause since its last
// approval, newest first, each text once: what a reviewer chooses from.
func (s *Store) Alternatives(ctx context.Context, clauseID uint) ([]Revision, error) {
	c, err := s.GetClause(ctx, clauseID)
	if err != nil {
		return nil, err
	}
	var revs []Revision
	err = s.r.WithContext(ctx).Where("clause_id = ? AND version > ? AND action IN ? AND text <> ''", clauseID, c.ApprovedVersion,
		[]string{ActionSave, ActionRestore}).Order("version DESC").Find(&revs).Error
	out := []Revision{}
	seen := map[string]bool{}
	for _, r := range revs {
		if !seen[r.Text] {
			seen[r.Text] = true
			out = append(out, r)
		}
	}
	return out, err
}
