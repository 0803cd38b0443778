package auth

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxUsername is the longest user name, in characters.
const MaxUsername = 64

// NewUsername checks the name of a new user and returns the form it is
// stored in (lowercase). Only ASCII letters, digits, '.', '-' and '_' are
// allowed, with at least one letter or digit: a Cyrillic "а" would make
// "аdmin" read as "admin" in the history and the audit log. Names that
// only look like an existing one (adm1n, ad.min) are refused by the store,
// which compares Skeletons.
func NewUsername(s string) (string, error) {
	trimmed := strings.TrimSpace(s)
	if trimmed == "" || len(trimmed) > MaxUsername {
		return "", fmt.Errorf("a user name has 1 to %d characters", MaxUsername)
	}
	alnum := false
	for _, r := range trimmed { // before lowercasing: the Kelvin sign K lowercases to an ASCII k
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			alnum = true
		case r == '.' || r == '-' || r == '_':
		case r > unicode.MaxASCII:
			return "", fmt.Errorf("user name %q: %q (U+%04X) is not a plain ASCII letter: use only the letters a–z, the digits 0–9, '.', '-' and '_', so that no name can pass for another", s, r, r)
		default:
			return "", fmt.Errorf("user name %q: use only the letters a–z, the digits 0–9, '.', '-' and '_'", s)
		}
	}
	if !alnum {
		return "", errors.New("a user name needs at least one letter or digit")
	}
	if name := strings.ToLower(trimmed); name != SystemName {
		return name, nil
	}
	return "", fmt.Errorf("user name %q is Zhen's own: it signs the English Zhen writes itself (numbering markers); choose another", s)
}

// SystemName is the name under which Zhen itself writes (the English of
// numbering markers): no user may have it.
const SystemName = "zhen"

// Skeleton is the form in which user names that look alike are equal, so
// that the store can refuse a new name that would pass for an existing one
// in the history and the audit log. It is, in this order:
//
//   - the name in Unicode NFKC form and lowercase (Admin, ａｄｍｉｎ: admin);
//   - without '.', '-', '_' and spaces (li.wei, li_wei, li-wei: liwei);
//   - with look-alike characters made one: 0 → o; 1, i, | → l; 5 → s; and
//     Cyrillic and Greek letters that look Latin → that Latin letter
//     (а → a, о → o, і → l, ο → o …), which matters only for names created
//     before names had to be ASCII;
//   - then with look-alike pairs made one letter: rn → m, vv → w, cl → d.
//
// So admin, Admin, adm1n, ad.min, adrnin and аdmin (Cyrillic а) all have
// the skeleton "admln". Changing this mapping needs a migration that
// recomputes the stored skeletons (users.name_skeleton).
func Skeleton(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(norm.NFKC.String(name)) {
		switch r {
		case '.', '-', '_', ' ':
			continue
		case '0':
			r = 'o'
		case '1', 'i', '|':
			r = 'l'
		case '5':
			r = 's'
		default:
			if l, ok := latinLookAlike[r]; ok {
				r = l
			}
		}
		b.WriteRune(r)
	}
	return pairLookAlikes.Replace(b.String())
}

var pairLookAlikes = strings.NewReplacer("rn", "m", "vv", "w", "cl", "d")

// latinLookAlike maps lowercase Cyrillic and Greek letters to the Latin
// letter they are drawn like (after the mapping above: i → l).
var latinLookAlike = map[rune]rune{
	// Cyrillic
	'а': 'a', 'е': 'e', 'ё': 'e', 'һ': 'h', 'і': 'l', 'ї': 'l', 'ј': 'j', 'к': 'k', 'о': 'o', 'р': 'p',
	'с': 'c', 'у': 'y', 'х': 'x', 'ѕ': 's', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'ӏ': 'l',
	// Greek
	'α': 'a', 'ι': 'l', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'υ': 'u', 'χ': 'x',
	// Latin letters outside ASCII that NFKC leaves as they are
	'ɡ': 'g', 'ı': 'l',
}
