package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/internal/fault"
)

// WorkAssignment gives a statement, or a range of its clauses, to a
// translator and a reviewer, with a due date. Clauses are numbered as the
// interface numbers them, from 1 (a clause's position + 1); FirstClause
// and LastClause 0 assign the whole statement, however its clauses are
// split or merged later. (Assignment is an alignment's pairing.)
type WorkAssignment struct {
	ID          uint      `gorm:"primaryKey" json:"id"`
	DocumentID  uint      `gorm:"not null;index" json:"document_id"`
	FirstClause int       `gorm:"not null;default:0" json:"first_clause"` // from 1; 0: the whole statement
	LastClause  int       `gorm:"not null;default:0" json:"last_clause"`
	Translator  string    `gorm:"not null;index" json:"translator"`
	Reviewer    string    `gorm:"not null;index" json:"reviewer"`
	Due         string    `gorm:"size:10;not null;default:''" json:"due"` // YYYY-MM-DD or ""
	Version     int       `gorm:"not null;default:1" json:"version"`
	CreatedBy   string    `gorm:"not null" json:"created_by"`
	CreatedAt   time.Time `gorm:"not null" json:"created_at"`
	UpdatedBy   string    `gorm:"not null;default:''" json:"updated_by"`
	UpdatedAt   time.Time `gorm:"not null" json:"updated_at"`
}

func (WorkAssignment) TableName() string { return "assignments" }

// Whole says whether the assignment is of the whole statement.
func (a WorkAssignment) Whole() bool { return a.FirstClause == 0 }

// describe is the assignment as the audit log reads it.
func (a WorkAssignment) describe() string {
	s := fmt.Sprintf("document %d, %s: translator %s, reviewer %s", a.DocumentID, a.rangeText(), a.Translator, a.Reviewer)
	if a.Due != "" {
		s += ", due " + a.Due
	}
	return s
}

func (a WorkAssignment) rangeText() string {
	if a.Whole() {
		return "all clauses"
	}
	return fmt.Sprintf("clauses %d–%d", a.FirstClause, a.LastClause)
}

// AssignmentProgress is an assignment with how far its clauses are (work
// clauses: numbering markers are not counted, as on the statement list)
// and the first clause waiting for each of its people.
type AssignmentProgress struct {
	WorkAssignment
	DocumentTitle string `json:"document_title"`
	Clauses       int    `json:"clauses"`      // work clauses in the range
	Translated    int    `json:"translated"`   // with English
	Untranslated  int    `json:"untranslated"` // without English
	Draft         int    `json:"draft"`
	Confirmed     int    `json:"confirmed"` // status translated
	Submitted     int    `json:"submitted"` // waiting for the reviewer
	Approved      int    `json:"approved"`  // with approved English
	Rejected      int    `json:"rejected"`
	Overdue       bool   `json:"overdue"` // the due date has passed and not every clause is approved
	// Where to open the editor: the range's first clause, the first
	// waiting for the translator (untranslated, draft or rejected) and
	// the first waiting for the reviewer (submitted); 0 when none.
	FirstClauseID      uint `json:"first_clause_id"`
	TranslatorClauseID uint `json:"translator_clause_id"`
	ReviewerClauseID   uint `json:"reviewer_clause_id"`
}

// AssignmentFilter selects assignments; zero values select all.
type AssignmentFilter struct {
	User       string // as translator or as reviewer
	Reviewer   string // as reviewer
	DocumentID uint
	ID         uint
}

// checkRange refuses a range outside the statement (in tx).
func checkRange(tx *gorm.DB, a WorkAssignment) error {
	var d Document
	if err := tx.Select("id").Take(&d, a.DocumentID).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return fault.Missing("document", a.DocumentID)
	} else if err != nil {
		return err
	}
	if a.Whole() && a.LastClause == 0 {
		return nil
	}
	var n int64
	if err := tx.Model(&Clause{}).Where("document_id = ?", a.DocumentID).Count(&n).Error; err != nil {
		return err
	}
	if a.FirstClause < 1 || a.LastClause < a.FirstClause || int64(a.LastClause) > n {
		return &fault.Invalid{Field: "clauses", Reason: fmt.Sprintf("the clauses %d–%d are not a range of document %d, whose clauses are numbered 1 to %d: give the first and the last, first ≤ last", a.FirstClause, a.LastClause, a.DocumentID, n)}
	}
	return nil
}

// CreateAssignment stores a new assignment and records it in the audit
// log. The people are checked by the caller (the workbench); the range
// here, against the statement as it is.
func (s *Store) CreateAssignment(ctx context.Context, a WorkAssignment, actor string) (WorkAssignment, error) {
	t := now()
	a.ID, a.Version, a.CreatedBy, a.CreatedAt, a.UpdatedBy, a.UpdatedAt = 0, 1, actor, t, actor, t
	err := s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := checkRange(tx, a); err != nil {
			return err
		}
		if err := tx.Create(&a).Error; err != nil {
			return err
		}
		return audit(tx, actor, "assignment.create", fmt.Sprintf("assignment %d", a.ID), a.describe())
	})
	return a, err
}

// AssignmentChange is a change to an assignment; nil fields stay as they
// are. Range sets FirstClause and LastClause together.
type AssignmentChange struct {
	Range      *[2]int
	Translator *string
	Reviewer   *string
	Due        *string
}

// assignmentAt reads an assignment in tx and checks it is at version base:
// a *fault.Conflict with the assignment as it is otherwise.
func assignmentAt(tx *gorm.DB, id uint, base int) (WorkAssignment, error) {
	var a WorkAssignment
	if err := tx.Take(&a, id).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return a, fault.Missing("assignment", id)
	} else if err != nil {
		return a, err
	}
	if a.Version != base {
		return a, &fault.Conflict{Message: fmt.Sprintf("assignment %d was changed by %s since you loaded it (version %d, yours %d): look at it again", a.ID, a.UpdatedBy, a.Version, base), Current: a}
	}
	return a, nil
}

// UpdateAssignment applies a change made on version base and records what
// changed in the audit log; a stale base is a *fault.Conflict.
func (s *Store) UpdateAssignment(ctx context.Context, id uint, base int, ch AssignmentChange, actor string) (WorkAssignment, error) {
	var a WorkAssignment
	err := s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if a, err = assignmentAt(tx, id, base); err != nil {
			return err
		}
		old := a
		var what []string
		if ch.Range != nil && (ch.Range[0] != a.FirstClause || ch.Range[1] != a.LastClause) {
			a.FirstClause, a.LastClause = ch.Range[0], ch.Range[1]
			if err := checkRange(tx, a); err != nil {
				return err
			}
			what = append(what, old.rangeText()+" → "+a.rangeText())
		}
		if ch.Translator != nil && *ch.Translator != a.Translator {
			a.Translator = *ch.Translator
			what = append(what, "translator "+old.Translator+" → "+a.Translator)
		}
		if ch.Reviewer != nil && *ch.Reviewer != a.Reviewer {
			a.Reviewer = *ch.Reviewer
			what = append(what, "reviewer "+old.Reviewer+" → "+a.Reviewer)
		}
		if ch.Due != nil && *ch.Due != a.Due {
			a.Due = *ch.Due
			what = append(what, fmt.Sprintf("due %s → %s", orNone(old.Due), orNone(a.Due)))
		}
		if len(what) == 0 {
			return nil // nothing changed: no new version, nothing to record
		}
		a.Version++
		a.UpdatedBy, a.UpdatedAt = actor, now()
		res := tx.Model(&WorkAssignment{}).Where("id = ? AND version = ?", id, base).Updates(map[string]any{
			"first_clause": a.FirstClause, "last_clause": a.LastClause, "translator": a.Translator, "reviewer": a.Reviewer,
			"due": a.Due, "version": a.Version, "updated_by": a.UpdatedBy, "updated_at": a.UpdatedAt})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 { // changed by another connection since (PostgreSQL)
			cur, _ := assignmentAt(tx, id, -1)
			return &fault.Conflict{Message: fmt.Sprintf("assignment %d was changed since you loaded it: look at it again", id), Current: cur}
		}
		return audit(tx, actor, "assignment.update", fmt.Sprintf("assignment %d", id), fmt.Sprintf("document %d: %s", a.DocumentID, strings.Join(what, "; ")))
	})
	return a, err
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// DeleteAssignment removes an assignment at version base and records it
// in the audit log.
func (s *Store) DeleteAssignment(ctx context.Context, id uint, base int, actor string) error {
	return s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		a, err := assignmentAt(tx, id, base)
		if err != nil {
			return err
		}
		res := tx.Where("id = ? AND version = ?", id, base).Delete(&WorkAssignment{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			cur, _ := assignmentAt(tx, id, -1)
			return &fault.Conflict{Message: fmt.Sprintf("assignment %d was changed since you loaded it: look at it again", id), Current: cur}
		}
		return audit(tx, actor, "assignment.delete", fmt.Sprintf("assignment %d", id), a.describe())
	})
}

// GetAssignment returns one assignment with its progress.
func (s *Store) GetAssignment(ctx context.Context, id uint) (AssignmentProgress, error) {
	out, err := s.Assignments(ctx, AssignmentFilter{ID: id})
	if err != nil {
		return AssignmentProgress{}, err
	}
	if len(out) == 0 {
		return AssignmentProgress{}, fault.Missing("assignment", id)
	}
	return out[0], nil
}

// Assignments returns the assignments the filter selects with their
// progress, the soonest due first (those without a due date last).
func (s *Store) Assignments(ctx context.Context, f AssignmentFilter) ([]AssignmentProgress, error) {
	where, args := []string{"1 = 1"}, []any{}
	if f.User != "" {
		where, args = append(where, "(a.translator = ? OR a.reviewer = ?)"), append(args, f.User, f.User)
	}
	if f.Reviewer != "" {
		where, args = append(where, "a.reviewer = ?"), append(args, f.Reviewer)
	}
	if f.DocumentID != 0 {
		where, args = append(where, "a.document_id = ?"), append(args, f.DocumentID)
	}
	if f.ID != 0 {
		where, args = append(where, "a.id = ?"), append(args, f.ID)
	}
	const work = "c.kind <> 'heading'"
	q := `SELECT a.id, a.document_id, a.first_clause, a.last_clause, a.translator, a.reviewer, a.due, a.version,
			a.created_by, a.created_at, a.updated_by, a.updated_at, d.title AS document_title,
			COALESCE(SUM(CASE WHEN ` + work + ` THEN 1 ELSE 0 END), 0) AS clauses,
			COALESCE(SUM(CASE WHEN ` + work + ` AND c.target <> '' THEN 1 ELSE 0 END), 0) AS translated,
			COALESCE(SUM(CASE WHEN ` + work + ` AND c.status = 'untranslated' THEN 1 ELSE 0 END), 0) AS untranslated,
			COALESCE(SUM(CASE WHEN ` + work + ` AND c.status = 'draft' THEN 1 ELSE 0 END), 0) AS draft,
			COALESCE(SUM(CASE WHEN ` + work + ` AND c.status = 'translated' THEN 1 ELSE 0 END), 0) AS confirmed,
			COALESCE(SUM(CASE WHEN ` + work + ` AND c.status = 'submitted' THEN 1 ELSE 0 END), 0) AS submitted,
			COALESCE(SUM(CASE WHEN ` + work + ` AND c.approved_target <> '' THEN 1 ELSE 0 END), 0) AS approved,
			COALESCE(SUM(CASE WHEN ` + work + ` AND c.status = 'rejected' THEN 1 ELSE 0 END), 0) AS rejected,
			MIN(c.position) AS first_position,
			MIN(CASE WHEN ` + work + ` AND c.status IN ('untranslated', 'draft', 'rejected') THEN c.position END) AS translator_position,
			MIN(CASE WHEN c.status = 'submitted' THEN c.position END) AS reviewer_position
		FROM assignments a JOIN documents d ON d.id = a.document_id
		LEFT JOIN clauses c ON c.document_id = a.document_id AND (a.first_clause = 0 OR c.position BETWEEN a.first_clause - 1 AND a.last_clause - 1)
		WHERE ` + strings.Join(where, " AND ") + `
		GROUP BY a.id, d.id
		ORDER BY CASE WHEN a.due = '' THEN 1 ELSE 0 END, a.due, a.id`
	var rows []struct {
		AssignmentProgress
		FirstPosition      *int
		TranslatorPosition *int
		ReviewerPosition   *int
	}
	if err := s.r.WithContext(ctx).Raw(q, args...).Scan(&rows).Error; err != nil {
		return nil, err
	}
	today := now().Format(time.DateOnly)
	out := make([]AssignmentProgress, len(rows))
	for i, r := range rows {
		p := r.AssignmentProgress
		p.Overdue = p.Due != "" && p.Due < today && p.Approved < p.Clauses
		var positions []int
		for _, pos := range []*int{r.FirstPosition, r.TranslatorPosition, r.ReviewerPosition} {
			if pos != nil {
				positions = append(positions, *pos)
			}
		}
		if len(positions) > 0 {
			var cs []struct {
				ID       uint
				Position int
			}
			if err := s.r.WithContext(ctx).Model(&Clause{}).Select("id, position").
				Where("document_id = ? AND position IN ?", p.DocumentID, positions).Scan(&cs).Error; err != nil {
				return nil, err
			}
			idAt := func(pos *int) uint {
				for _, c := range cs {
					if pos != nil && c.Position == *pos {
						return c.ID
					}
				}
				return 0
			}
			p.FirstClauseID, p.TranslatorClauseID, p.ReviewerClauseID = idAt(r.FirstPosition), idAt(r.TranslatorPosition), idAt(r.ReviewerPosition)
		}
		out[i] = p
	}
	return out, nil
}
