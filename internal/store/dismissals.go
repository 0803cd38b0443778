package store

import (
	"context"
	"errors"
	"github.com/zhen-workbench/zhen/internal/fault"
	"strconv"
	"strings"
	"time"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/usertext"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Dismissal records that a reviewer judged a QA finding a false positive.
// It is keyed by the finding's stable key, so it keeps hiding that finding
// and no other: once the clause or the term changes, the key changes and
// the finding comes back.
type Dismissal struct {
	ID         uint      `gorm:"primaryKey" json:"id"`
	FindingKey string    `gorm:"not null;uniqueIndex" json:"finding_key"`
	ClauseID   uint      `gorm:"not null;index" json:"clause_id"`
	Kind       string    `gorm:"size:32;not null" json:"kind"`
	Reason     string    `gorm:"not null" json:"reason"`
	Author     string    `gorm:"not null" json:"author"`
	CreatedAt  time.Time `gorm:"not null" json:"created_at"`
}

// Dismiss stores a dismissal; dismissing the same finding again updates the
// reason. The key must be a finding key (glossary.FindingKey) of d's kind
// and clause, and the clause must exist (ErrNotFound): whether the finding
// is reported just now is for the caller, who runs the checks, to know.
func (s *Store) Dismiss(ctx context.Context, d Dismissal) (Dismissal, error) {
	d.Reason = strings.TrimSpace(d.Reason)
	if d.Reason == "" {
		return d, fault.Invalidf("entry", "say why the finding is a false positive")
	}
	if err := usertext.Check("the reason", d.Reason, usertext.Rule{Max: MaxComment, Multiline: true}); err != nil {
		return d, &fault.Invalid{Field: "entry", Reason: err.Error()}
	}
	if d.Kind == "" || !strings.HasPrefix(d.FindingKey, d.Kind+":"+strconv.FormatUint(uint64(d.ClauseID), 10)+":") {
		return d, fault.Invalidf("entry", "the key is not that of a finding of this kind in this clause: dismiss a finding as the checks report it")
	}
	d.ID, d.CreatedAt = 0, now()
	err := s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Select("id").Take(&Clause{}, d.ClauseID).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return fault.Missing("clause", d.ClauseID)
			}
			return err
		}
		return tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "finding_key"}},
			DoUpdates: clause.AssignmentColumns([]string{"reason", "author", "created_at"}),
		}).Create(&d).Error
	})
	return d, err
}

// Undismiss removes a dismissal.
func (s *Store) Undismiss(ctx context.Context, key string) error {
	res := s.w.WithContext(ctx).Where("finding_key = ?", key).Delete(&Dismissal{})
	if res.Error == nil && res.RowsAffected == 0 {
		return fault.Missing("dismissal", nil)
	}
	return res.Error
}

// Dismissals returns every dismissal by finding key.
func (s *Store) Dismissals(ctx context.Context) (map[string]Dismissal, error) {
	var rows []Dismissal
	if err := s.r.WithContext(ctx).Find(&rows).Error; err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, err
	}
	out := make(map[string]Dismissal, len(rows))
	for _, d := range rows {
		out[d.FindingKey] = d
	}
	return out, nil
}

// carryDismissals re-keys the dismissals of clause from for clause to
// (glossary.FindingKeyIn), unless to has one with the same key already:
// moved for a merge (from is removed), copied for a split (from keeps its
// own).
func carryDismissals(tx *gorm.DB, from, to uint, move bool) error {
	var rows []Dismissal
	if err := tx.Where("clause_id = ?", from).Order("id").Find(&rows).Error; err != nil {
		return err
	}
	for _, d := range rows {
		key, ok := glossary.FindingKeyIn(d.FindingKey, to)
		if !ok {
			continue
		}
		var n int64
		err := tx.Model(&Dismissal{}).Where("finding_key = ?", key).Count(&n).Error
		switch {
		case err != nil:
		case n > 0 && move:
			err = tx.Delete(&Dismissal{}, d.ID).Error // the clause it joins has its own
		case n > 0:
		case move:
			err = tx.Model(&Dismissal{}).Where("id = ?", d.ID).Updates(map[string]any{"finding_key": key, "clause_id": to}).Error
		default:
			c := d
			c.ID, c.FindingKey, c.ClauseID = 0, key, to
			err = tx.Create(&c).Error
		}
		if err != nil {
			return err
		}
	}
	return nil
}
