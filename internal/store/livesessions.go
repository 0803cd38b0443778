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

// UsersCreatedBy names the users whose creation the audit log credits to
// actor ("demo": the demo users serve --demo made).
func (s *Store) UsersCreatedBy(ctx context.Context, actor string) (map[string]bool, error) {
	var names []string
	err := s.r.WithContext(ctx).Table("audit_events").Where("action = ? AND actor = ?", "user.create", actor).Pluck("subject", &names).Error
	out := make(map[string]bool, len(names))
	for _, n := range names {
		out[n] = true
	}
	return out, err
}
