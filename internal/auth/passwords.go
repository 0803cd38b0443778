package auth

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The password rules follow NIST SP 800-63B (5.1.1.2): a minimum length,
// no composition rules (no "one digit and one capital"), and a refusal of
// passwords that are known to be common, predictable or derived from the
// user name. NewPassword's passwords always pass.

//go:generate sh common_passwords.sh

// commonPasswordsText is the 10,000 most common passwords of 8 characters
// or more, lowercased, one a line, most common first. Where it comes from,
// its licence and how to make it again: README.md and common_passwords.sh.
//
//go:embed common_passwords.txt
var commonPasswordsText string

// CommonPasswords is how many passwords the list holds.
const CommonPasswords = 10000

var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, CommonPasswords)
	for _, line := range strings.Split(commonPasswordsText, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			set[line] = struct{}{}
		}
	}
	return set
})

// IsCommonPassword says whether pw, in any case, is in the list of common
// passwords.
func IsCommonPassword(pw string) bool {
	_, ok := commonPasswords()[strings.ToLower(pw)]
	return ok
}

// The reasons a password is refused beyond its length; errors.Is tells
// them apart. Each message says what to do instead.
var (
	ErrCommonPassword      = errors.New("this password is one of the 10,000 most common passwords (of 8 characters or more); choose another (a few unrelated words make a good one)")
	ErrPredictablePassword = errors.New("this password is a repeated or sequential pattern (like aaaaaaaa, abcabcabc or 12345678), which is guessed at once; choose another (a few unrelated words make a good one)")
	ErrPasswordHasName     = errors.New("the password must not contain the user name")
)

// nameInPassword is ErrPasswordHasName with the name and the advice.
type nameInPassword struct{ name string }

func (e nameInPassword) Error() string {
	return "the password must not contain the user name (" + e.name + "); choose another (a few unrelated words make a good one)"
}

func (e nameInPassword) Is(target error) bool { return target == ErrPasswordHasName }

// CheckPassword says why pw is refused as the new password of the user
// named name ("" when not known), or nil: the length rules of bcrypt and
// people, then the common, predictable and name-derived passwords.
func CheckPassword(pw, name string) error {
	switch {
	case !utf8.ValidString(pw):
		return errors.New("the password is not valid UTF-8")
	case utf8.RuneCountInString(pw) < MinPassword:
		return fmt.Errorf("the password must have at least %d characters", MinPassword)
	case len(pw) > MaxPassword:
		// bcrypt reads 72 bytes: 72 characters of ASCII, fewer of others.
		if n := utf8.RuneCountInString(pw); n == len(pw) {
			return fmt.Errorf("the password must have at most %d characters (this one has %d)", MaxPassword, n)
		}
		return fmt.Errorf("the password is too long: it may take at most %d bytes, and accented letters take 2 bytes each, Chinese characters 3 (this one takes %d)", MaxPassword, len(pw))
	case strings.TrimSpace(pw) != pw:
		return errors.New("the password must not start or end with a space")
	case IsCommonPassword(pw):
		return ErrCommonPassword
	case predictable(pw):
		return ErrPredictablePassword
	case containsName(pw, name):
		return nameInPassword{name}
	}
	return nil
}

// HashUserPassword hashes the new password of the user named name, once
// it passes CheckPassword(pw, name).
func HashUserPassword(name, pw string) (string, error) {
	if err := CheckPassword(pw, name); err != nil {
		return "", err
	}
	return hash(pw)
}

// predictable says whether pw is a trivial pattern: a short unit repeated
// (aaaaaaaa, abababab, abcabcabc, passpass) or at most two runs of
// repeated or consecutive characters (12345678, abcdefgh, 98765432,
// aaaa1234, 1234abcd). Case does not count.
func predictable(pw string) bool {
	r := []rune(strings.ToLower(pw))
	for unit := 1; unit <= 4 && 2*unit <= len(r); unit++ {
		periodic := true
		for i := unit; i < len(r) && periodic; i++ {
			periodic = r[i] == r[i-unit]
		}
		if periodic {
			return true
		}
	}
	runs := 0
	for i := 0; i < len(r); {
		runs++
		j := i + 1
		if j < len(r) {
			if d := r[j] - r[i]; d >= -1 && d <= 1 {
				for j+1 < len(r) && r[j+1]-r[j] == d {
					j++
				}
				j++
			}
		}
		i = j
	}
	return runs <= 2
}

// containsName says whether pw is the user name or contains it, in any
// case and with the separators of either left out (li.wei: Liwei2024).
// Names of fewer than 4 letters or digits count only when they are the
// whole password: they occur in too many unrelated words.
func containsName(pw, name string) bool {
	n := lettersAndDigits(name)
	if n == "" {
		return false
	}
	p := lettersAndDigits(pw)
	return p == n || (utf8.RuneCountInString(n) >= 4 && strings.Contains(p, n))
}

func lettersAndDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}
