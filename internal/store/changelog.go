package store

import (
	"context"
	"time"
)

// Change is one entry of the change log: an event, as JSON, written by
// every process on a SQLite file (servers and commands) for the servers on
// the same file to deliver (events.ShareLog). On PostgreSQL the same events
// travel as notifications instead.
type Change struct {
	ID        uint      `gorm:"primaryKey"`
	Payload   string    `gorm:"not null"`
	CreatedAt time.Time `gorm:"not null;index"`
}

// changeLogKeep is how long entries stay: servers read them within a
// second; the rest is history nobody reads.
const changeLogKeep = time.Hour

// LogChange appends payload to the change log and forgets entries older
// than an hour.
func (s *Store) LogChange(ctx context.Context, payload string) error {
	t := now()
	db := s.w.WithContext(ctx)
	if err := db.Create(&Change{Payload: payload, CreatedAt: t}).Error; err != nil {
		return err
	}
	return db.Where("created_at < ?", t.Add(-changeLogKeep)).Delete(&Change{}).Error
}

// LastChange is the newest entry's id, 0 for none: a server follows the
// log from there.
func (s *Store) LastChange(ctx context.Context) (uint, error) {
	var id uint
	err := s.r.WithContext(ctx).Model(&Change{}).Select("COALESCE(MAX(id), 0)").Scan(&id).Error
	return id, err
}

// ChangesAfter returns the entries after id, oldest first, at most limit.
func (s *Store) ChangesAfter(ctx context.Context, id uint, limit int) ([]Change, error) {
	var out []Change
	err := s.r.WithContext(ctx).Where("id > ?", id).Order("id").Limit(limit).Find(&out).Error
	return out, err
}
