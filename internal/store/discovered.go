package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/zhen-workbench/zhen/glossary"
)

// DiscoveredTerms is the last computation of inconsistently rendered terms
// (one row): it reads every translated clause, so it runs in the
// background after changes and readers get this.
type DiscoveredTerms struct {
	ID         uint      `gorm:"primaryKey;autoIncrement:false"`
	Data       string    `gorm:"not null"` // []glossary.DiscoveredTerm as JSON
	ComputedAt time.Time `gorm:"not null"`
}

func (DiscoveredTerms) TableName() string { return "discovered_terms" }

// SaveDiscovered replaces the stored discovered terms.
func (s *Store) SaveDiscovered(ctx context.Context, terms []glossary.DiscoveredTerm) error {
	data, err := json.Marshal(terms)
	if err != nil {
		return err
	}
	return s.w.WithContext(ctx).Save(&DiscoveredTerms{ID: 1, Data: string(data), ComputedAt: now()}).Error
}

// Discovered returns the stored discovered terms and when they were
// computed; ok is false before the first computation.
func (s *Store) Discovered(ctx context.Context) (terms []glossary.DiscoveredTerm, at time.Time, ok bool, err error) {
	var row DiscoveredTerms
	res := s.r.WithContext(ctx).Limit(1).Find(&row, 1)
	if res.Error != nil || res.RowsAffected == 0 {
		return nil, time.Time{}, false, res.Error
	}
	err = json.Unmarshal([]byte(row.Data), &terms)
	return terms, row.ComputedAt, err == nil, err
}

// DiscoveredAt returns when the stored discovered terms were computed,
// without reading them; ok is false before the first computation.
func (s *Store) DiscoveredAt(ctx context.Context) (at time.Time, ok bool, err error) {
	var row DiscoveredTerms
	res := s.r.WithContext(ctx).Select("id", "computed_at").Limit(1).Find(&row, 1)
	if res.Error != nil || res.RowsAffected == 0 {
		return time.Time{}, false, res.Error
	}
	return row.ComputedAt, true, nil
}
