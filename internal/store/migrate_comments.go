package store

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// migrateCommentsInbox gives comments a kind (comment or rejection), a
// resolution and their mentions, and adds the notifications a user's inbox
// lists. The latest rejection of every clause still rejected becomes an
// open comment of kind rejection, so that its reason shows in the clause's
// thread and on its row; older reasons stay in the clauses' history. No
// notification is made for them.
func migrateCommentsInbox(tx *gorm.DB) error {
	type comment struct {
		Kind       string `gorm:"size:16;not null;default:'comment'"`
		ResolvedAt *time.Time
		ResolvedBy string `gorm:"not null;default:''"`
		Mentions   string `gorm:"not null;default:''"`
	}
	type notification struct {
		ID        uint      `gorm:"primaryKey;index:idx_notifications_user,priority:2"`
		Username  string    `gorm:"not null;uniqueIndex:idx_notifications_comment,priority:1;index:idx_notifications_user,priority:1"`
		CommentID uint      `gorm:"not null;uniqueIndex:idx_notifications_comment,priority:2"`
		Kind      string    `gorm:"size:16;not null"`
		CreatedAt time.Time `gorm:"not null"`
		ReadAt    *time.Time
	}
	m := tx.Table("comments").Migrator()
	for _, col := range []string{"Kind", "ResolvedAt", "ResolvedBy", "Mentions"} {
		if err := m.AddColumn(&comment{}, col); err != nil {
			return fmt.Errorf("comments.%s: %w", col, err)
		}
	}
	// The statement list counts open comments by statement.
	if err := tx.Exec("CREATE INDEX idx_comments_open ON comments (clause_id) WHERE resolved_at IS NULL").Error; err != nil {
		return err
	}
	if err := tx.Table("notifications").Migrator().CreateTable(&notification{}); err != nil {
		return err
	}
	// A user's inbox, newest first, and their unread count.
	if err := tx.Exec("CREATE INDEX idx_notifications_unread ON notifications (username) WHERE read_at IS NULL").Error; err != nil {
		return err
	}
	return tx.Exec(`INSERT INTO comments (clause_id, author, text, kind, created_at, resolved_by, mentions)
		SELECT r.clause_id, r.author, r.comment, 'rejection', r.created_at, '', ''
		FROM revisions r JOIN clauses c ON c.id = r.clause_id
		WHERE c.status = 'rejected' AND r.action = 'reject' AND r.comment <> ''
			AND r.version = (SELECT MAX(r2.version) FROM revisions r2 WHERE r2.clause_id = r.clause_id AND r2.action = 'reject')
		ORDER BY r.clause_id`).Error
}
