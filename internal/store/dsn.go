package store

import (
	"net/url"
	"regexp"
	"strings"
)

// RedactDSN is the database's name as it may be shown (start-up line,
// logs, errors): a PostgreSQL URL without its password. A SQLite path is
// shown as it is.
func RedactDSN(dsn string) string {
	if !isPostgres(dsn) {
		return keyValuePassword.ReplaceAllString(dsn, "${1}xxxxx")
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://(a URL that does not parse; not shown, it may hold a password)"
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// keyValuePassword finds the password of a key=value connection string.
var keyValuePassword = regexp.MustCompile(`(?i)(\bpassword\s*=\s*)('[^']*'|\S+)`)

// isKeyValueDSN says whether dsn is PostgreSQL's key=value form, which
// Zhen does not take (it would be read as a SQLite file name).
func isKeyValueDSN(dsn string) bool {
	return strings.ContainsAny(dsn, " \t") && keyValueKey.MatchString(dsn)
}

var keyValueKey = regexp.MustCompile(`(?i)\b(host|dbname|user|password|port|sslmode)\s*=`)

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// dsnPassword is the password a PostgreSQL URL carries, "" if none.
func dsnPassword(dsn string) string {
	u, err := url.Parse(dsn)
	if !isPostgres(dsn) || err != nil {
		return ""
	}
	if p, ok := u.User.Password(); ok {
		return p
	}
	return u.Query().Get("password")
}

// redactedError is an error whose message had the database password taken
// out; errors.Is and errors.As still see the driver's error.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// withoutPassword makes sure no error from opening the database repeats
// the password, whatever the driver puts in its messages.
func withoutPassword(dsn string, err error) error {
	pw := dsnPassword(dsn)
	if err == nil || pw == "" {
		return err
	}
	msg := strings.ReplaceAll(err.Error(), pw, "xxxxx")
	if esc := url.QueryEscape(pw); esc != pw {
		msg = strings.ReplaceAll(msg, esc, "xxxxx")
	}
	if esc := url.PathEscape(pw); esc != pw {
		msg = strings.ReplaceAll(msg, esc, "xxxxx")
	}
	return &redactedError{msg, err}
}
