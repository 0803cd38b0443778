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
	// Kind keeps the clauses with an open (not dismissed) stored finding
	// of that kind; QueueClean those without any.
	Kind string
	// Reviewer keeps the clauses of the statements, or ranges of clauses,
	// assigned to this reviewer.
	Reviewer      string
	Offset, Limit int // Limit 0: all
}

// QueueClean is the Kind of the clauses without open findings.
const QueueClean = "none"

// openFinding is a stored finding of the clause at hand that nobody
// dismissed.
const openFinding = "SELECT 1 FROM findings WHERE findings.clause_id = clauses.id AND NOT " + dismissedKeys

// conditions are the filter's conditions on clauses but the translator's,
// or ok false when it selects nothing (a reviewer with no assignment).
func (f QueueFilter) conditions(ctx context.Context, s *Store) (conds []string, args []any, ok bool, err error) {
	conds, args = []string{"clauses.status = ?"}, []any{StatusSubmitted}
	if f.DocumentID != 0 {
		conds, args = append(conds, "clauses.document_id = ?"), append(args, f.DocumentID)
	}
	switch f.Kind {
	case "":
	case QueueClean:
		conds = append(conds, "NOT EXISTS ("+openFinding+")")
	default:
		conds, args = append(conds, "EXISTS ("+openFinding+" AND findings.kind = ?)"), append(args, f.Kind)
	}
	if f.Reviewer != "" {
		mine, err := s.Assignments(ctx, AssignmentFilter{Reviewer: f.Reviewer})
		if err != nil || len(mine) == 0 {
			return nil, nil, false, err
		}
		var ranges []string
		for _, a := range mine {
			if a.Whole() {
				ranges, args = append(ranges, "clauses.document_id = ?"), append(args, a.DocumentID)
			} else { // positions count from 0, a range's clauses from 1
				ranges, args = append(ranges, "(clauses.document_id = ? AND clauses.position BETWEEN ? AND ?)"), append(args, a.DocumentID, a.FirstClause-1, a.LastClause-1)
			}
		}
		conds = append(conds, "("+strings.Join(ranges, " OR ")+")")
	}
	return conds, args, true, nil
}

// QueuePage is a page of the clauses waiting for review, how many wait
// under the filter, and who wrote their English (under the filter but its
// translator: the choice of translator lists them all), by name.
type QueuePage struct {
	Clauses     []Clause
	Total       int64
	Translators []QueueWriter
}

// QueueWriter is someone whose English waits for review, and how much of it.
type QueueWriter struct {
	Name    string `json:"name"`
	Clauses int64  `json:"clauses"`
}

// ReviewQueue returns a page of the clauses waiting for review across
// statements, in document order: indexed queries (the clauses' status, the
// findings' clause), whatever the size of the queue.
func (s *Store) ReviewQueue(ctx context.Context, f QueueFilter) (QueuePage, error) {
	out := QueuePage{Clauses: []Clause{}, Translators: []QueueWriter{}}
	conds, args, ok, err := f.conditions(ctx, s)
	if err != nil || !ok {
		return out, err
	}
	q := s.r.WithContext(ctx)
	err = q.Raw("SELECT clauses.updated_by AS name, COUNT(*) AS clauses FROM clauses WHERE "+strings.Join(conds, " AND ")+
		" GROUP BY clauses.updated_by ORDER BY clauses.updated_by", args...).Scan(&out.Translators).Error
	if err != nil {
		return out, err
	}
	if f.Translator != "" {
		conds, args = append(conds, "clauses.updated_by = ?"), append(args, f.Translator)
	}
	where := "WHERE " + strings.Join(conds, " AND ")
	if err := q.Raw("SELECT COUNT(*) FROM clauses "+where, args...).Scan(&out.Total).Error; err != nil {
		return out, err
	}
	page := where + " ORDER BY clauses.document_id, clauses.position"
	if f.Limit > 0 {
		page += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, f.Offset)
	}
	out.Clauses, err = s.queryClauses(ctx, page, args...)
	return out, err
}

// ClauseReview is what a reviewer weighs beside a clause's English: the
// English proposed since its last approval, newest first, each text once
// (what a reviewer chooses from), and its rejections, newest first (history
// rows of action reject, each with the English rejected and the reason).
type ClauseReview struct {
	Alternatives []Revision
	Rejections   []Revision
}

// ReviewHistory reads the ClauseReview of each of clauses (as they are
// now): one query for a page of the review queue.
func (s *Store) ReviewHistory(ctx context.Context, clauses []Clause) (map[uint]ClauseReview, error) {
	out := make(map[uint]ClauseReview, len(clauses))
	approved := make(map[uint]int, len(clauses))
	var ids []uint
	for _, c := range clauses {
		out[c.ID] = ClauseReview{Alternatives: []Revision{}, Rejections: []Revision{}}
		approved[c.ID] = c.ApprovedVersion
		ids = append(ids, c.ID)
	}
	seen := map[uint]map[string]bool{}
	for chunk := range chunks(ids, 500) {
		var revs []Revision
		err := s.r.WithContext(ctx).Where("clause_id IN ? AND (action = ? OR action IN ? AND text <> '')", chunk, ActionReject, []string{ActionSave, ActionRestore}).
			Order("clause_id, version DESC").Find(&revs).Error
		if err != nil {
			return nil, err
		}
		for _, r := range revs {
			cr := out[r.ClauseID]
			switch {
			case r.Action == ActionReject:
				cr.Rejections = append(cr.Rejections, r)
			case r.Version > approved[r.ClauseID]:
				if seen[r.ClauseID] == nil {
					seen[r.ClauseID] = map[string]bool{}
				}
				if !seen[r.ClauseID][r.Text] {
					seen[r.ClauseID][r.Text] = true
					cr.Alternatives = append(cr.Alternatives, r)
				}
			}
			out[r.ClauseID] = cr
		}
	}
	return out, nil
}
