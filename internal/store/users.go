package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/zhen-workbench/zhen/internal/fault"
	"time"

	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/auth"
)

// ErrExists says a user name is taken.
var ErrExists = errors.New("already exists")

// LookAlikeError says a new user name looks like an existing user's (the
// same auth.Skeleton): in the history and the audit log, one would pass
// for the other.
type LookAlikeError struct {
	Name     string // the name refused
	Existing string // the existing user's name it looks like
}

func (e *LookAlikeError) Error() string {
	return fmt.Sprintf("the user name %s looks like that of the existing user %s, and would pass for it in the history and the audit log: "+
		"choose a name that differs in more than '.', '-', '_' and look-alike characters (0 and o; 1, l and i; 5 and s; rn and m; vv and w; cl and d)",
		e.Name, e.Existing)
}

// NewUser is what creating a user takes: the name as auth.NewUsername
// gives it, the password already hashed (see internal/auth).
type NewUser struct {
	Username, PasswordHash, Role string
}

// userRow is a users row as CreateUser writes it: the User and the
// skeleton of its name (see migrateV5UserNameSkeleton), which is only
// ever compared, never shown.
type userRow struct {
	User
	NameSkeleton *string
}

func (userRow) TableName() string { return "users" }

// CreateUser adds a user and records who did it in the audit log. A name
// that is taken is ErrExists; one that looks like an existing user's is a
// *LookAlikeError. Both the CLI and the API create users through here.
func (s *Store) CreateUser(ctx context.Context, u NewUser, actor string) (User, error) {
	if n, err := auth.NewUsername(u.Username); err != nil {
		return User{}, err
	} else if n != u.Username {
		return User{}, fmt.Errorf("user name %q is not in its stored form %q (auth.NewUsername)", u.Username, n)
	}
	t := now()
	sk := auth.Skeleton(u.Username)
	row := userRow{User: User{Username: u.Username, PasswordHash: u.PasswordHash, Role: u.Role, CreatedAt: t, UpdatedAt: t}, NameSkeleton: &sk}
	err := s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := nameFree(tx, u.Username, sk); err != nil {
			return err
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		return audit(tx, actor, "user.create", u.Username, "role "+u.Role)
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		// A create that committed after nameFree looked (on PostgreSQL, from
		// another connection or server) took the name or its skeleton, and
		// the unique index refused this one: say which user it was.
		if ferr := nameFree(s.w.WithContext(ctx), u.Username, sk); ferr != nil {
			return User{}, ferr
		}
		return User{}, fmt.Errorf("user %q %w", u.Username, ErrExists)
	}
	if err != nil {
		return User{}, err
	}
	return row.User, nil
}

// nameFree says whether a new user may be called name, whose skeleton is
// sk: ErrExists if a user has that name, a *LookAlikeError if one has a
// name that looks like it. The users without a stored skeleton (look-alikes
// already there when the column came, see migrateV5UserNameSkeleton) are
// compared by name.
func nameFree(tx *gorm.DB, name, sk string) error {
	var rows []struct {
		Username     string
		NameSkeleton *string
	}
	if err := tx.Model(&User{}).Select("username, name_skeleton").
		Where("username = ? OR name_skeleton = ? OR name_skeleton IS NULL", name, sk).Order("id").Find(&rows).Error; err != nil {
		return err
	}
	for _, r := range rows {
		if r.Username == name {
			return fmt.Errorf("user %q %w", name, ErrExists)
		}
	}
	for _, r := range rows {
		if (r.NameSkeleton != nil && *r.NameSkeleton == sk) || (r.NameSkeleton == nil && auth.Skeleton(r.Username) == sk) {
			return &LookAlikeError{Name: name, Existing: r.Username}
		}
	}
	return nil
}

func audit(tx *gorm.DB, actor, action, subject, detail string) error {
	return tx.Create(&AuditEvent{Actor: actor, Action: action, Subject: subject, Detail: detail, CreatedAt: now()}).Error
}

// UserByName returns the user with that (normalised) name.
func (s *Store) UserByName(ctx context.Context, name string) (User, error) {
	var u User
	err := s.r.WithContext(ctx).Where("username = ?", name).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return u, fault.Missing("user", name)
	}
	return u, err
}

// GetUser returns one user.
func (s *Store) GetUser(ctx context.Context, id uint) (User, error) {
	var u User
	err := s.r.WithContext(ctx).Take(&u, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return u, fault.Missing("user", id)
	}
	return u, err
}

// ListUsers returns every user by name.
func (s *Store) ListUsers(ctx context.Context) ([]User, error) {
	out := []User{}
	err := s.r.WithContext(ctx).Order("username").Find(&out).Error
	return out, err
}

// UserChange is a change to a user; nil fields stay as they are.
type UserChange struct {
	Role         *string
	Disabled     *bool
	PasswordHash *string
	KeepSession  uint // with a new password: the session that stays logged in (the user's own), 0 = none
}

// UpdateUser applies a change and records it in the audit log. Disabling a
// user or setting a password ends the user's sessions (but KeepSession).
func (s *Store) UpdateUser(ctx context.Context, id uint, ch UserChange, actor string) (User, error) {
	var u User
	err := s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Take(&u, id).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return fault.Missing("user", id)
			}
			return err
		}
		set := map[string]any{"updated_at": now()}
		revoke := false
		if ch.Role != nil && *ch.Role != u.Role {
			set["role"] = *ch.Role
			if err := audit(tx, actor, "user.role", u.Username, u.Role+" → "+*ch.Role); err != nil {
				return err
			}
		}
		if ch.Disabled != nil && *ch.Disabled != u.Disabled {
			set["disabled"] = *ch.Disabled
			action := "user.enable"
			if *ch.Disabled {
				action, revoke = "user.disable", true
			}
			if err := audit(tx, actor, action, u.Username, ""); err != nil {
				return err
			}
		}
		if ch.PasswordHash != nil {
			set["password_hash"] = *ch.PasswordHash
			revoke = true
			action := "user.password_reset"
			if actor == u.Username {
				action = "user.password_change"
			}
			if err := audit(tx, actor, action, u.Username, ""); err != nil {
				return err
			}
		}
		if err := tx.Model(&u).Updates(set).Error; err != nil {
			return err
		}
		if revoke {
			return revokeSessions(tx, u.ID, ch.KeepSession)
		}
		return nil
	})
	if err != nil {
		return User{}, err
	}
	return s.GetUser(ctx, id)
}

func revokeSessions(tx *gorm.DB, userID, except uint) error {
	return tx.Model(&Session{}).Where("user_id = ? AND id <> ? AND revoked_at IS NULL", userID, except).
		Update("revoked_at", now()).Error
}

// CreateSession stores a new login.
func (s *Store) CreateSession(ctx context.Context, sess Session) (Session, error) {
	t := now()
	sess.CreatedAt, sess.LastSeenAt = t, t
	err := s.w.WithContext(ctx).Create(&sess).Error
	return sess, err
}

// SessionUser is a live session with its user.
type SessionUser struct {
	Session Session
	User    User
}

// LiveSession returns the session whose token has this hash, provided it
// is neither expired nor revoked and its user is not disabled.
func (s *Store) LiveSession(ctx context.Context, tokenHash string) (SessionUser, error) {
	var out SessionUser
	err := s.r.WithContext(ctx).Where("token_hash = ? AND revoked_at IS NULL AND expires_at > ?", tokenHash, now()).
		Take(&out.Session).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return out, fault.Missing("session", nil)
	}
	if err != nil {
		return out, err
	}
	err = s.r.WithContext(ctx).Where("disabled = ?", false).Take(&out.User, out.Session.UserID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return out, fault.Missing("session", nil)
	}
	return out, err
}

// TouchSession records that a session was used and extends it to expires.
func (s *Store) TouchSession(ctx context.Context, id uint, expires time.Time) error {
	return s.w.WithContext(ctx).Model(&Session{}).Where("id = ? AND revoked_at IS NULL", id).
		Updates(map[string]any{"last_seen_at": now(), "expires_at": expires}).Error
}

// RevokeSession ends one session of a user.
func (s *Store) RevokeSession(ctx context.Context, userID, id uint) error {
	res := s.w.WithContext(ctx).Model(&Session{}).Where("id = ? AND user_id = ? AND revoked_at IS NULL", id, userID).
		Update("revoked_at", now())
	if res.Error == nil && res.RowsAffected == 0 {
		return fault.Missing("session", id)
	}
	return res.Error
}

// RevokeOtherSessions ends every session of a user but one.
func (s *Store) RevokeOtherSessions(ctx context.Context, userID, keep uint) error {
	return revokeSessions(s.w.WithContext(ctx), userID, keep)
}

// Sessions returns a user's live sessions, newest first.
func (s *Store) Sessions(ctx context.Context, userID uint) ([]Session, error) {
	out := []Session{}
	err := s.r.WithContext(ctx).Where("user_id = ? AND revoked_at IS NULL AND expires_at > ?", userID, now()).
		Order("id DESC").Find(&out).Error
	return out, err
}

// AuditEntry is one line of the audit log: a user change or a glossary change.
type AuditEntry struct {
	Actor     string    `json:"actor"`
	Action    string    `json:"action"`
	Subject   string    `json:"subject"`
	Detail    string    `json:"detail"`
	CreatedAt time.Time `json:"created_at"`
}

// AuditLog returns the newest changes to users, assignments and the glossary, newest
// first, at most limit of them. A glossary change reads as its Chinese term
// and what the entry became.
func (s *Store) AuditLog(ctx context.Context, limit int) ([]AuditEntry, error) {
	var rows []struct {
		AuditEntry
		Glossary bool
	}
	err := s.r.WithContext(ctx).Raw(`SELECT actor, action, subject, detail, created_at, glossary FROM (
		SELECT actor, action, subject, detail, created_at, id, false AS glossary FROM audit_events
		UNION ALL
		SELECT author, 'glossary.' || action, CAST(entry_id AS TEXT), snapshot, created_at, id, true FROM glossary_changes
	) a ORDER BY created_at DESC, glossary, id DESC LIMIT ?`, limit).Scan(&rows).Error
	out := make([]AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = r.AuditEntry
		var e glossary.Entry
		if r.Glossary && json.Unmarshal([]byte(r.Detail), &e) == nil {
			out[i].Subject = e.ZH
			out[i].Detail = fmt.Sprintf("→ %s (%s)", e.EN, e.Status)
		}
	}
	return out, err
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
