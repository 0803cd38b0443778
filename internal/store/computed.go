package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/zhen-workbench/zhen/glossary"
)

// Results computed over the whole corpus in the background (glossary
// candidates, discovered terms) are each kept as one row of JSON with the
// time it was computed: readers get the last one instead of computing.
type computed struct {
	ID         uint      `gorm:"primaryKey;autoIncrement:false"`
	Data       string    `gorm:"not null"` // the result as JSON
	ComputedAt time.Time `gorm:"not null"`
}

// Their tables.
const (
	suggestionsTable = "term_suggestions" // []glossary.Suggestion
	discoveredTable  = "discovered_terms" // []glossary.DiscoveredTerm
)

func (s *Store) saveComputed(ctx context.Context, table string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return s.w.WithContext(ctx).Table(table).Save(&computed{ID: 1, Data: string(data), ComputedAt: now()}).Error
}

// loadComputed reads a result into v; ok is false before the first
// computation.
func (s *Store) loadComputed(ctx context.Context, table string, v any) (at time.Time, ok bool, err error) {
	var row computed
	res := s.r.WithContext(ctx).Table(table).Limit(1).Find(&row, 1)
	if res.Error != nil || res.RowsAffected == 0 {
		return time.Time{}, false, res.Error
	}
	if err := json.Unmarshal([]byte(row.Data), v); err != nil {
		return time.Time{}, false, err
	}
	return row.ComputedAt, true, nil
}

// SaveSuggestions replaces the stored glossary candidates.
func (s *Store) SaveSuggestions(ctx context.Context, sg []glossary.Suggestion) error {
	return s.saveComputed(ctx, suggestionsTable, sg)
}

// Suggestions returns the stored glossary candidates and when they were
// computed; ok is false before the first computation.
func (s *Store) Suggestions(ctx context.Context) (sg []glossary.Suggestion, at time.Time, ok bool, err error) {
	at, ok, err = s.loadComputed(ctx, suggestionsTable, &sg)
	return sg, at, ok, err
}

// SaveDiscovered replaces the stored discovered terms.
func (s *Store) SaveDiscovered(ctx context.Context, terms []glossary.DiscoveredTerm) error {
	return s.saveComputed(ctx, discoveredTable, terms)
}

// Discovered returns the stored discovered terms and when they were
// computed; ok is false before the first computation.
func (s *Store) Discovered(ctx context.Context) (terms []glossary.DiscoveredTerm, at time.Time, ok bool, err error) {
	at, ok, err = s.loadComputed(ctx, discoveredTable, &terms)
	return terms, at, ok, err
}

// DiscoveredAt returns when the stored discovered terms were computed,
// without reading them; ok is false before the first computation.
func (s *Store) DiscoveredAt(ctx context.Context) (at time.Time, ok bool, err error) {
	var row computed
	res := s.r.WithContext(ctx).Table(discoveredTable).Select("id", "computed_at").Limit(1).Find(&row, 1)
	if res.Error != nil || res.RowsAffected == 0 {
		return time.Time{}, false, res.Error
	}
	return row.ComputedAt, true, nil
}
