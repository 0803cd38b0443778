package store

import "context"

// Rejections are a clause's rejections, newest first: history rows of
// action reject, each with the English rejected (Text) and the reason
// (Comment). The review queue marks the alternatives that were rejected
// before and compares the English waiting with the last rejected one.
func (s *Store) Rejections(ctx context.Context, clauseID uint) ([]Revision, error) {
	out := []Revision{}
	err := s.r.WithContext(ctx).Where("clause_id = ? AND action = ?", clauseID, ActionReject).Order("version DESC").Find(&out).Error
	return out, err
}
