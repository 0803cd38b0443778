package store

import "context"

// LiveSessionIDs returns those of ids that are still live sessions: not
// revoked, not expired, their user not disabled. The open event streams of
// the others are closed (whoever ended them: this server, another one, the
// CLI).
func (s *Store) LiveSessionIDs(ctx context.Context, ids []uint) ([]uint, error) {
	live := []uint{}
	const chunk = 500 // keeps each IN list well within every driver's limits
	for len(ids) > 0 {
		n := min(chunk, len(ids))
		var part []uint
		err := s.r.WithContext(ctx).Table("sessions").Select("sessions.id").
			Joins("JOIN users ON users.id = sessions.user_id").
			Where("sessions.id IN ? AND sessions.revoked_at IS NULL AND sessions.expires_at > ? AND users.disabled = ?", ids[:n], now(), false).
			Pluck("sessions.id", &part).Error
		if err != nil {
			return nil, err
		}
		live = append(live, part...)
		ids = ids[n:]
	}
	return live, nil
}
