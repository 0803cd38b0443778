package store

import (
	"context"
	"fmt"
	"github.com/zhen-workbench/zhen/internal/fault"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/segment"
)

// History actions that change a clause's Chinese.
const (
	ActionSplit = "split" // the clause's Chinese was cut in two; the rest is a new clause after it
	ActionMerge = "merge" // the next clause of the paragraph was joined to this one
)

// Split is what SplitClause and MergeClauses leave: the clauses changed or
// made, in order.
type Split struct {
	Clauses []Clause `json:"clauses"`
}

// SplitClause cuts a clause's Chinese in two at byte offset at, which must
// fall between two characters inside it: the clause keeps the first part,
// and a new clause right after it, in the same paragraph, gets the rest, so
// the paragraph's clauses still concatenate to its text byte for byte.
// english gives the two parts' English; nil keeps the clause's English on
// the first part and leaves the second untranslated. The Chinese changed,
// so an approval does not carry over: both parts are drafts (or
// untranslated) until approved again. base is the version the user saw
// (see changeTx).
func (s *Store) SplitClause(ctx context.Context, clauseID uint, base, at int, english []string, actor string) (Split, error) {
	if english != nil && len(english) != 2 {
		return Split{}, fault.Invalidf("structure", "give the English of both parts, or none")
	}
	var texts [2]string
	for i := range english {
		texts[i] = normalizeTarget(english[i])
		if err := CheckTarget(texts[i]); err != nil {
			return Split{}, err
		}
	}
	var out Split
	err := s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var second Clause
		first, err := changeTx(tx, clauseID, base, func(tx *gorm.DB, c *Clause, at2 time.Time) (Revision, map[string]any, error) {
			if c.Kind == string(segment.KindHeading) {
				return Revision{}, nil, fault.Invalidf("structure", "clause %d is a numbering marker (%s): it cannot be split", c.Position+1, strings.TrimSpace(c.Source))
			}
			if at <= 0 || at >= len(c.Source) || !utf8.RuneStart(c.Source[at]) {
				return Revision{}, nil, fault.Invalidf("structure", "clause %d cannot be split there: split it after one of its characters 1 to %d", c.Position+1, utf8.RuneCountInString(c.Source)-1)
			}
			head, tail := c.Source[:at], c.Source[at:]
			if english == nil {
				texts = [2]string{c.Target, ""}
			}
			if err := shiftPositions(tx, c.DocumentID, c.Position, +1); err != nil {
				return Revision{}, nil, err
			}
			second = Clause{DocumentID: c.DocumentID, Position: c.Position + 1, Paragraph: c.Paragraph, Kind: c.Kind,
				Source: tail, SourceKey: glossary.Normalize(tail), Target: texts[1], Status: statusOf(texts[1]),
				Version: 1, UpdatedBy: actor, UpdatedAt: at2, CreatedAt: at2}
			if err := tx.Create(&second).Error; err != nil {
				return Revision{}, nil, err
			}
			// The dismissals of the clause go with both parts: either may
			// have the text a finding was about.
			if err := carryDismissals(tx, c.ID, second.ID, false); err != nil {
				return Revision{}, nil, err
			}
			if err := tx.Create(&Revision{ClauseID: second.ID, Version: 1, Action: ActionSplit, Text: texts[1], Author: actor, Origin: "editor", CreatedAt: at2,
				Comment: fmt.Sprintf("split from clause %d (id %d), whose Chinese was %s", c.Position+1, c.ID, c.Source)}).Error; err != nil {
				return Revision{}, nil, err
			}
			return Revision{Action: ActionSplit, Text: texts[0], Author: actor,
					Comment: fmt.Sprintf("split: %s | %s", head, tail)},
				withoutApproval(map[string]any{"source": head, "source_key": glossary.Normalize(head), "target": texts[0],
					"status": statusOf(texts[0]), "updated_by": actor, "updated_at": at2}), nil
		})
		if err != nil {
			return err
		}
		out.Clauses = []Clause{first, second}
		return nil
	})
	return out, err
}

// MergeClauses joins to a clause the one right after it, which must be in
// the same paragraph (a merge never joins paragraphs): the Chinese is the
// two concatenated, so the lossless property holds. base and nextBase are
// the versions the user saw of each. english is the merged English; nil
// joins the two with a space. The next clause is removed; its Chinese,
// English and history are written into the merge's history row, so
// nothing of it is lost.
func (s *Store) MergeClauses(ctx context.Context, clauseID uint, base, nextBase int, english *string, actor string) (Merged, error) {
	var text string
	if english != nil {
		text = normalizeTarget(*english)
		if err := CheckTarget(text); err != nil {
			return Merged{}, err
		}
	}
	var out Merged
	err := s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		out.Clause, err = changeTx(tx, clauseID, base, func(tx *gorm.DB, c *Clause, at time.Time) (Revision, map[string]any, error) {
			var next Clause
			res := tx.Where("document_id = ? AND position = ?", c.DocumentID, c.Position+1).Limit(1).Find(&next)
			if res.Error != nil {
				return Revision{}, nil, res.Error
			}
			if res.RowsAffected == 0 || next.Paragraph != c.Paragraph {
				return Revision{}, nil, fault.Invalidf("structure", "clause %d is the last of its paragraph: only clauses of one paragraph can be merged", c.Position+1)
			}
			if next.Version != nextBase {
				return Revision{}, nil, clauseConflict(next)
			}
			if english == nil {
				text = strings.TrimSpace(strings.TrimSpace(c.Target) + " " + strings.TrimSpace(next.Target))
			}
			record, err := mergeRecord(tx, next)
			if err != nil {
				return Revision{}, nil, err
			}
			// Comments and dismissals follow the text they are about.
			if err := tx.Model(&Comment{}).Where("clause_id = ?", next.ID).Update("clause_id", c.ID).Error; err != nil {
				return Revision{}, nil, err
			}
			if err := carryDismissals(tx, next.ID, c.ID, true); err != nil {
				return Revision{}, nil, err
			}
			del := tx.Where("id = ? AND version = ?", next.ID, nextBase).Delete(&Clause{})
			if del.Error != nil {
				return Revision{}, nil, del.Error
			}
			if del.RowsAffected == 0 {
				var now Clause
				if err := tx.Take(&now, next.ID).Error; err != nil {
					return Revision{}, nil, err
				}
				return Revision{}, nil, clauseConflict(now)
			}
			out.Removed = next.ID
			if err := shiftPositions(tx, c.DocumentID, next.Position, -1); err != nil {
				return Revision{}, nil, err
			}
			source := c.Source + next.Source
			set := withoutApproval(map[string]any{"source": source, "source_key": glossary.Normalize(source), "target": text,
				"status": statusOf(text), "updated_by": actor, "updated_at": at})
			if c.Kind == string(segment.KindHeading) {
				// A marker joined to its sentence is a sentence to translate.
				set["kind"] = next.Kind
			}
			return Revision{Action: ActionMerge, Text: text, Author: actor, Comment: record}, set, nil
		})
		return err
	})
	return out, err
}

// Merged is the clause a merge made, and the one it removed.
type Merged struct {
	Clause
	Removed uint // the id of the clause merged into it, gone
}

// mergeRecord describes a clause about to be merged into the one before
// it: its Chinese, English and every history row, for the merge's own
// history row.
func mergeRecord(tx *gorm.DB, c Clause) (string, error) {
	var revs []Revision
	if err := tx.Where("clause_id = ?", c.ID).Order("version").Find(&revs).Error; err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "merged with clause %d (id %d): %s", c.Position+1, c.ID, c.Source)
	if c.Target != "" {
		fmt.Fprintf(&b, " — %s", c.Target)
	}
	for _, r := range revs {
		fmt.Fprintf(&b, "\nits v%d %s by %s at %s", r.Version, r.Action, r.Author, r.CreatedAt.UTC().Format(time.RFC3339))
		if r.Text != "" {
			fmt.Fprintf(&b, ": %s", r.Text)
		}
		if r.Comment != "" {
			fmt.Fprintf(&b, " (“%s”)", r.Comment)
		}
	}
	return b.String(), nil
}

// shiftPositions moves the clauses of a document after position by delta
// (±1). In two steps through negative positions: the unique index on
// (document, position) is checked row by row, so a plain position + 1
// would collide with the next row on PostgreSQL. (With delta -1 the
// positions moved are at least 2, so their first step is negative too.)
func shiftPositions(tx *gorm.DB, documentID uint, position, delta int) error {
	if err := tx.Model(&Clause{}).Where("document_id = ? AND position > ?", documentID, position).
		Update("position", gorm.Expr("-position - ?", delta)).Error; err != nil {
		return err
	}
	return tx.Model(&Clause{}).Where("document_id = ? AND position < 0", documentID).
		Update("position", gorm.Expr("-position")).Error
}

// statusOf is the status of a clause whose English was just set by a
// structural change.
func statusOf(english string) string {
	if english == "" {
		return StatusUntranslated
	}
	return StatusDraft
}

// withoutApproval adds to set what drops a clause's approval: its Chinese
// changed, so the approved English no longer stands for it.
func withoutApproval(set map[string]any) map[string]any {
	set["approved_target"], set["approved_version"], set["approved_by"], set["approved_at"] = "", 0, "", nil
	return set
}
