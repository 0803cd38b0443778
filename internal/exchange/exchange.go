// Package exchange writes and reads Zhen's exchange formats: TMX 1.4b
// translation memories, XLIFF 1.2 files for CAT tools, CSV spreadsheets of
// aligned clauses, and TBX / CSV glossaries.
//
// It is pure: callers hand in units as an iterator (typically backed by a
// streamed database query) and an io.Writer, so exports of any size run in
// constant memory and the package knows nothing about storage or HTTP.
package exchange

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Unit is one aligned clause as exported.
type Unit struct {
	ClauseID      uint
	DocumentID    uint
	DocumentTitle string
	Index         int    // clause position within its document (0-based; written as a number from 1, see Number)
	Source        string // Chinese
	Target        string // English ("" = untranslated)
	Status        string // e.g. untranslated, draft, approved
	UpdatedAt     time.Time
	UpdatedBy     string
	Version       int // the clause's version (bumped by every change), for change detection on import

	// The history of the exported English, for TMX (store.ExportFilter.History):
	// who first wrote English for the clause and when (not when it was
	// imported), who last wrote the exported English and when, and who
	// approved it and when (empty and zero when it is not approved English).
	CreatedBy  string
	CreatedAt  time.Time
	ChangedBy  string
	ChangedAt  time.Time
	ApprovedBy string
	ApprovedAt time.Time
}

// Number is the clause's number as the interface shows it: from 1.
func (u Unit) Number() int { return u.Index + 1 }

// isXMLChar reports whether r may appear in an XML 1.0 document:
// #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// Surrogates never reach here as runes: Go decodes them as invalid UTF-8.
func isXMLChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return true
	default:
		return r >= 0x10000 && r <= utf8.MaxRune
	}
}

// xmlSafe returns s without the characters XML 1.0 cannot carry (see
// isXMLChar), invalid UTF-8 included. Clean strings, the usual case, are
// returned as they are.
func xmlSafe(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, notXMLChar) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isXMLChar(r) {
			return r
		}
		return -1
	}, strings.ToValidUTF8(s, ""))
}

func notXMLChar(r rune) bool { return !isXMLChar(r) }
