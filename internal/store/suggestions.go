package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/zhen-workbench/zhen/glossary"
)

// TermSuggestions is the last computation of glossary candidates (one
// row): computing them reads the whole corpus, so it runs in the
// background after imports and readers get this.
type TermSuggestions struct {
	ID         uint      `gorm:"primaryKey;autoIncrement:false"`
	Data       string    `gorm:"not null"` // []glossary.Suggestion as JSON
	ComputedAt time.Time `gorm:"not null"`
}

func (TermSuggestions) TableName() string { return "term_suggestions" }

// SaveSuggestions replaces the stored suggestions.
func (s *Store) SaveSuggestions(ctx context.Context, sg []glossary.Suggestion) error {
	data, err := json.Marshal(sg)
	if err != nil {
		return err
	}
	return s.w.WithContext(ctx).Save(&TermSuggestions{ID: 1, Data: string(data), ComputedAt: now()}).Error
}

// Suggestions returns the stored suggestions and when they were computed;
// ok is false before the first computation.
func (s *Store) Suggestions(ctx context.Context) (sg []glossary.Suggestion, at time.Time, ok bool, err error) {
	var row TermSuggestions
	res := s.r.WithContext(ctx).Limit(1).Find(&row, 1)
	if res.Error != nil || res.RowsAffected == 0 {
		return nil, time.Time{}, false, res.Error
	}
	err = json.Unmarshal([]byte(row.Data), &sg)
	return sg, row.ComputedAt, err == nil, err
}
