// Package auth holds the rules of users and sessions that need no database
// or HTTP: roles and what they may do, password hashing, session tokens.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/crypto/bcrypt"
)

// Role is what a user may do. Each role may do everything the roles below
// it may: admin > reviewer > translator > viewer.
type Role string

const (
	Viewer     Role = "viewer"     // read and export
	Translator Role = "translator" // + edit, submit, comment, import statements, propose glossary terms
	Reviewer   Role = "reviewer"   // + approve and reject, edit the glossary, dismiss findings
	Admin      Role = "admin"      // + users and settings
)

// Public marks a route that needs no session (log in, health, API document).
const Public Role = ""

// Roles lists the roles from the least to the most powerful.
var Roles = []Role{Viewer, Translator, Reviewer, Admin}

func (r Role) rank() int {
	for i, x := range Roles {
		if x == r {
			return i + 1
		}
	}
	return 0
}

// Valid says whether r is one of Roles.
func (r Role) Valid() bool { return r.rank() > 0 }

// Allows says whether a user with role r may do what needs role need.
func (r Role) Allows(need Role) bool { return need == Public || (r.Valid() && r.rank() >= need.rank()) }

// ParseRole reads a role name, with an error that lists the choices.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if !r.Valid() {
		return "", fmt.Errorf("unknown role %q: use admin, reviewer, translator or viewer", s)
	}
	return r, nil
}

// Password rules: long enough to resist guessing, short enough for bcrypt,
// which ignores what lies past 72 bytes. MinPassword counts characters,
// MaxPassword bytes (72 characters of ASCII; fewer accented or Chinese
// ones). The other rules are in passwords.go.
const (
	MinPassword = 8
	MaxPassword = 72
)

// Cost is bcrypt's work factor. Tests lower it: a hash at the default cost
// takes about 200 ms.
var Cost = bcrypt.DefaultCost

// CheckPasswordRules says why a new password is refused, or nil, when the
// user's name is not known: CheckPassword(pw, "").
func CheckPasswordRules(pw string) error { return CheckPassword(pw, "") }

// HashPassword hashes a password that passed CheckPasswordRules. Where the
// user's name is known, HashUserPassword also refuses passwords made from it.
func HashPassword(pw string) (string, error) {
	if err := CheckPasswordRules(pw); err != nil {
		return "", err
	}
	return hash(pw)
}

func hash(pw string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(pw), Cost)
	return string(h), err
}

// dummyHash is compared against when there is no such user, so that a
// wrong user name takes as long as a wrong password. Made on first use:
// commands that never log anyone in should not pay for a hash.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("no such user: constant time"), Cost)
	return h
})

// PasswordMatches says whether pw is the password of hash. An empty hash
// (no such user) still costs a full comparison and never matches.
func PasswordMatches(hash, pw string) bool {
	if hash == "" {
		bcrypt.CompareHashAndPassword(dummyHash(), []byte(pw))
		return false
	}
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw)) == nil
}

// NewToken returns a random secret (256 bits, URL-safe) and the hash under
// which it is stored: a stolen database does not hold usable tokens.
func NewToken() (token, hash string) {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, TokenHash(token)
}

// TokenHash is the stored form of a token.
func TokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// SameSecret compares two secrets in constant time.
func SameSecret(a, b string) bool {
	return len(a) == len(b) && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// NewPassword returns a random password that passes CheckPasswordRules,
// for demo users and resets: 26 characters of base32, 130 bits. (It is not
// checked against a user name: by chance it may contain a short one.)
func NewPassword() string { return rand.Text() }

// NormalizeUsername is the form a user name is looked up and compared in;
// it returns an error saying what is wrong with an unusable one. It still
// takes letters of any script, so that users created before names had to
// be ASCII can log in and be managed; a new user's name must pass the
// stricter NewUsername.
func NormalizeUsername(s string) (string, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	if name == "" || len(name) > 64 {
		return "", errors.New("a user name has 1 to 64 characters")
	}
	for _, r := range name {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_') {
			return "", fmt.Errorf("user name %q: use letters, digits, '.', '-' and '_' only", s)
		}
	}
	return name, nil
}
