package workbench

import (
	"context"
	"errors"
	"time"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/store"
)

// AddUser creates a user. Without a password one is made up, returned
// once, for the admin to pass on. The name must be ASCII and must not look
// like an existing user's; a chosen password must pass auth's rules.
type AddUser struct {
	Name     string
	Role     string
	Password string // "": made up
}

// NewUser is the user AddUser created, with the password it made up ("" if
// one was given).
type NewUser struct {
	User     store.User
	Password string
}

func (w *Workbench) AddUser(ctx context.Context, a Actor, c AddUser) (NewUser, error) {
	if err := allow(a, auth.Admin, "add users"); err != nil {
		return NewUser{}, err
	}
	name, err := auth.NewUsername(c.Name)
	if err != nil {
		return NewUser{}, &fault.Invalid{Field: "user", Reason: err.Error()}
	}
	role, err := auth.ParseRole(c.Role)
	if err != nil {
		return NewUser{}, &fault.Invalid{Field: "user", Reason: err.Error()}
	}
	pw, made := c.Password, ""
	var hash string
	if pw == "" {
		pw = auth.NewPassword()
		made = pw
		hash, err = auth.HashPassword(pw)
	} else {
		hash, err = auth.HashUserPassword(name, pw)
	}
	if err != nil {
		return NewUser{}, &fault.Invalid{Field: "password", Reason: err.Error()}
	}
	u, err := w.st.CreateUser(ctx, store.NewUser{Username: name, PasswordHash: hash, Role: string(role)}, a.Name)
	var lookAlike *store.LookAlikeError
	switch {
	case errors.Is(err, store.ErrExists):
		return NewUser{}, &fault.Taken{Code: "exists", Reason: "there is already a user " + name + ": choose another name"}
	case errors.As(err, &lookAlike):
		return NewUser{}, &fault.Taken{Code: "look_alike", Reason: lookAlike.Error()}
	case err != nil:
		return NewUser{}, err
	}
	return NewUser{User: u, Password: made}, nil
}

// ChangeUser changes a user's role, or disables or enables them (disabling
// ends their sessions at once). An admin cannot lock themselves out.
type ChangeUser struct {
	User     uint
	Role     *string
	Disabled *bool
	Password *string // a new password the admin chose (auth's rules apply)
}

func (w *Workbench) ChangeUser(ctx context.Context, a Actor, c ChangeUser) (store.User, error) {
	if err := allow(a, auth.Admin, "change users"); err != nil {
		return store.User{}, err
	}
	var ch store.UserChange
	if c.Role != nil {
		role, err := auth.ParseRole(*c.Role)
		if err != nil {
			return store.User{}, &fault.Invalid{Field: "user", Reason: err.Error()}
		}
		r := string(role)
		ch.Role = &r
	}
	ch.Disabled = c.Disabled
	if self, err := w.st.UserByName(ctx, a.Name); err == nil && self.ID == c.User &&
		(ch.Role != nil && *ch.Role != string(auth.Admin) || ch.Disabled != nil && *ch.Disabled) {
		return store.User{}, &fault.Invalid{Code: "self_lockout", Reason: "you cannot disable yourself or give up your own admin role: ask another admin"}
	}
	if c.Password != nil {
		u, err := w.st.GetUser(ctx, c.User)
		if err != nil {
			return store.User{}, err
		}
		hash, err := auth.HashUserPassword(u.Username, *c.Password)
		if err != nil {
			return store.User{}, &fault.Invalid{Field: "password", Reason: err.Error()}
		}
		ch.PasswordHash = &hash
	}
	u, err := w.st.UpdateUser(ctx, c.User, ch, a.Name)
	if err != nil {
		return u, err
	}
	if u.Disabled || ch.PasswordHash != nil {
		w.sessionsEnded(a)
	}
	return u, nil
}

// ResetPassword gives a user a new random password, returned once; the
// user's sessions end.
type ResetPassword struct {
	User uint
}

func (w *Workbench) ResetPassword(ctx context.Context, a Actor, c ResetPassword) (NewUser, error) {
	if err := allow(a, auth.Admin, "reset passwords"); err != nil {
		return NewUser{}, err
	}
	pw := auth.NewPassword()
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return NewUser{}, err
	}
	u, err := w.st.UpdateUser(ctx, c.User, store.UserChange{PasswordHash: &hash}, a.Name)
	if err != nil {
		return NewUser{}, err
	}
	w.sessionsEnded(a)
	return NewUser{User: u, Password: pw}, nil
}

// ChangeOwnPassword sets the actor's own password, given the current one;
// their other sessions end.
type ChangeOwnPassword struct {
	User        store.User // the actor, as their session names them
	Current     string
	New         string
	KeepSession uint // the session that stays logged in
}

// ErrWrongPassword is the answer to a wrong current password (the caller
// counts it against guessing).
var ErrWrongPassword = &fault.Forbidden{Code: "invalid_credentials", Reason: "the current password is wrong"}

func (w *Workbench) ChangeOwnPassword(ctx context.Context, a Actor, c ChangeOwnPassword) error {
	if !auth.PasswordMatches(c.User.PasswordHash, c.Current) {
		return ErrWrongPassword
	}
	hash, err := auth.HashUserPassword(c.User.Username, c.New)
	if err != nil {
		return &fault.Invalid{Field: "password", Reason: err.Error()}
	}
	if _, err := w.st.UpdateUser(ctx, c.User.ID, store.UserChange{PasswordHash: &hash, KeepSession: c.KeepSession}, a.Name); err != nil {
		return err
	}
	w.sessionsEnded(a)
	return nil
}

// StartSession opens a session for a user who proved who they are.
type StartSession struct {
	User      uint
	UserAgent string
	Expires   time.Time
}

// Started is a new session and its secrets, shown once: the token (the
// database keeps only its hash) and the CSRF token.
type Started struct {
	Session store.Session
	Token   string
	CSRF    string
}

func (w *Workbench) StartSession(ctx context.Context, c StartSession) (Started, error) {
	token, hash := auth.NewToken()
	csrf, _ := auth.NewToken()
	s, err := w.st.CreateSession(ctx, store.Session{TokenHash: hash, CSRF: csrf, UserID: c.User, UserAgent: c.UserAgent, ExpiresAt: c.Expires})
	return Started{Session: s, Token: token, CSRF: csrf}, err
}

// ExtendSession records that a session was used and moves its end.
type ExtendSession struct {
	Session uint
	Expires time.Time
}

func (w *Workbench) ExtendSession(ctx context.Context, c ExtendSession) error {
	return w.st.TouchSession(ctx, c.Session, c.Expires)
}

// EndSession ends one of a user's sessions (logging out, or a lost laptop).
type EndSession struct {
	User    uint
	Session uint
}

func (w *Workbench) EndSession(ctx context.Context, a Actor, c EndSession) error {
	if err := w.st.RevokeSession(ctx, c.User, c.Session); err != nil {
		return err
	}
	w.sessionsEnded(a)
	return nil
}

// sessionsEnded tells every server that sessions ended, so that their
// event streams check theirs at once.
func (w *Workbench) sessionsEnded(a Actor) {
	w.publish(a, events.Event{Type: events.TypeSession, Action: "ended"})
}
