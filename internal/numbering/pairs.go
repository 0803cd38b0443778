package numbering

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pairs from other tools
//
// OmegaT, Trados and most translation memories keep a numbering marker with
// its sentence: 四、双方强调… with 4. The two sides stress…. Zhen makes the
// marker a clause of its own (its English written in the statement's
// style), so such a pair applies to two clauses: the marker keeps Zhen's
// English, and the sentence gets the English without its numbering.

// PeelEnglish splits the numbering at the start of an English text — 4.
// IV. iv. A. a. (4) (iv) (a) 4) （4） 4、 — from the rest. marker is "" and
// rest is en when en does not start with numbering or nothing follows it.
// A letter or Roman numeral with a full stop must be followed by a space
// (so U.S. or I.e. stay whole); a number may run into the word (4.The).
func PeelEnglish(en string) (marker, rest string) {
	s := strings.TrimLeftFunc(en, unicode.IsSpace)
	lead := len(en) - len(s)
	end := 0
	bracket := false
	if r, w := utf8.DecodeRuneInString(s); r == '(' || r == '（' {
		bracket = true
		end = w
	}
	tok := numberToken(s[end:])
	if tok == 0 {
		return "", en
	}
	end += tok
	word := strings.Trim(s[end-tok:end], "0123456789") != "" // a letter or a Roman numeral
	r, w := utf8.DecodeRuneInString(s[end:])
	switch {
	case bracket && (r == ')' || r == '）'):
	case !bracket && r == ')':
	case !bracket && (r == '.' || r == '．' || r == '、'):
	default:
		return "", en
	}
	end += w
	after := s[end:]
	next, _ := utf8.DecodeRuneInString(after)
	switch {
	case unicode.IsSpace(next):
	case word || after == "" || unicode.IsDigit(next) || next == '.' || next == ',':
		return "", en // 4.5, A.B., I.e., a marker alone
	}
	rest = strings.TrimLeftFunc(after, unicode.IsSpace)
	if strings.TrimFunc(rest, unicode.IsSpace) == "" {
		return "", en
	}
	return en[:lead+end], rest
}

// numberToken returns the byte length of a list number at the start of s:
// 1–3 ASCII digits, a Roman numeral of up to 7 letters in one case, or one
// letter; 0 if none.
func numberToken(s string) int {
	n := 0
	for n < len(s) && n < 4 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n > 0 {
		if n > 3 {
			return 0
		}
		return n
	}
	for _, set := range []string{"IVXLCDM", "ivxlcdm"} {
		n = 0
		for n < len(s) && n < 8 && strings.IndexByte(set, s[n]) >= 0 {
			n++
		}
		if n > 1 && n <= 7 {
			return n
		}
	}
	if len(s) > 0 && (s[0] >= 'A' && s[0] <= 'Z' || s[0] >= 'a' && s[0] <= 'z') {
		return 1
	}
	return 0
}

// SameMarker reports whether two Chinese markers are the same: equal but
// for surrounding space, or read by Parse as the same level and number
// (四、 and 四，are not; 1. and 1．are).
func SameMarker(a, b string) bool {
	a, b = strings.TrimFunc(a, unicode.IsSpace), strings.TrimFunc(b, unicode.IsSpace)
	if a == b {
		return a != ""
	}
	ma, okA := Parse(a)
	mb, okB := Parse(b)
	return okA && okB && ma == mb
}

// IsEnglishMarker reports whether s is only numbering with its punctuation
// (4. IV. (4) 4) (a)), as on a line of its own before its sentence. A bare
// number or numeral (4, IV) is not: it may head a part.
func IsEnglishMarker(s string) bool {
	s = strings.TrimFunc(s, unicode.IsSpace)
	m, rest := PeelEnglish(s + " x")
	return m == s && rest == "x"
}
