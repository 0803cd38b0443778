// Package usertext is Zhen's one rule for text that people send it: the
// English of a clause, comments, titles and dates, glossary entries,
// dismissal reasons, file names and query parameters all pass Check, so
// that what one field refuses no other field lets in.
//
// Refused everywhere: invalid UTF-8; control characters (Unicode category
// Cc: U+0000–U+001F, U+007F, U+0080–U+009F), except tab, line feed and
// carriage return in multi-line fields; and the 66 noncharacters (U+FDD0–
// U+FDEF, U+FFFE, U+FFFF and their like in every plane), which are never
// text and which XML exports could not carry. Lengths count characters
// (code points), as the person typing them does, never bytes.
package usertext

import (
	"fmt"
	"unicode/utf8"
)

// Rule is what a field may hold besides the characters refused everywhere.
type Rule struct {
	Max       int  // most characters; 0: no limit here
	Multiline bool // tab, line feed and carriage return allowed
}

// Line is a one-line field (a title, a term, a query parameter) of any length.
var Line = Rule{}

// Error says what is wrong with a field's text, for the person who wrote
// it: which field, what, where (counted in characters from 1) and what to do.
type Error struct {
	Field   string // e.g. "the title", "the parameter q"
	Problem string // e.g. "contains a control character (U+0000) at character 5: remove it"
}

func (e *Error) Error() string { return e.Field + " " + e.Problem }

// Check returns nil if s may be stored in (or, for a parameter, read from)
// the field r describes, else an *Error naming field.
func Check(field, s string, r Rule) error {
	n := 0
	for i, c := range s {
		n++
		if c == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return &Error{field, fmt.Sprintf("is not valid UTF-8 (at character %d): send text encoded as UTF-8", n)}
			}
		}
		if p := refused(c, r.Multiline); p != "" {
			return &Error{field, fmt.Sprintf(p, c, n)}
		}
	}
	if r.Max > 0 && n > r.Max {
		return &Error{field, fmt.Sprintf("has %d characters, more than the %d allowed: shorten it", n, r.Max)}
	}
	return nil
}

// Refused says whether c may not appear in a field, multi-line or not.
func Refused(c rune, multiline bool) bool { return refused(c, multiline) != "" }

// refused returns the message format (with the character and its
// position) for a refused character, or "".
func refused(c rune, multiline bool) string {
	switch {
	case c == '\t' || c == '\n' || c == '\r':
		if multiline {
			return ""
		}
		if c == '\t' {
			return "contains a tab (U+%04X) at character %d: use a space"
		}
		return "contains a line break (U+%04X) at character %d: write it on one line"
	case c < 0x20 || c >= 0x7F && c <= 0x9F:
		return "contains a control character (U+%04X) at character %d: remove it"
	case c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069:
		return "contains a bidirectional control (U+%04X) at character %d, which makes text read otherwise than it is stored: remove it"
	case c >= 0xFDD0 && c <= 0xFDEF || c&0xFFFE == 0xFFFE:
		return "contains U+%04X at character %d, which is not a character of any text: remove it"
	}
	return ""
}
