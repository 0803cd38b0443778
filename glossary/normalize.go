// Package glossary holds Zhen's terminology logic: text normalisation, the
// Aho–Corasick term matcher, English rendering rules, the QA checks, the
// cross-statement report and term discovery. It is pure domain code: it
// knows nothing of HTTP, SQL or files.
package glossary

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns the matching key of a text: every character folded to its
// Unicode compatibility form (NFKC: full-width Ａ１，（ become A1,( and the
// ideographic space a space), runs of whitespace collapsed to one space, and
// the ends trimmed. Two clauses are "the same source" when their keys are
// equal, whatever width or spacing the file they came from used.
func Normalize(s string) string {
	return normalize(s, nil)
}

// NormalizeWithOffsets is Normalize that also says where each byte of the
// result came from: offsets[i] is the byte offset in s of the character that
// produced byte i of the result, and offsets[len(result)] == len(s). A match
// found in the normalised text can so be shown at its place in the original.
//
// Folding is per character, so it never moves text across character
// boundaries; Chinese text has no combining sequences for NFKC to compose.
func NormalizeWithOffsets(s string) (string, []int) {
	offsets := make([]int, 0, len(s)+1)
	out := normalize(s, &offsets)
	return out, offsets
}

// normalize folds s, recording offsets only when asked: keys for storage
// are computed for every imported clause and need no offsets.
func normalize(s string, offsets *[]int) string {
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace := -1 // offset of the first whitespace of a run not yet written
	for i := 0; i < len(s); {
		// A run of characters that are their own form (ASCII other than
		// spacing, CJK ideographs) is copied whole: most of a Chinese text,
		// and every imported clause is normalised.
		if j := ownFormRun(s, i); j > i {
			if pendingSpace >= 0 && b.Len() > 0 {
				b.WriteByte(' ')
				if offsets != nil {
					*offsets = append(*offsets, pendingSpace)
				}
			}
			pendingSpace = -1
			if offsets != nil {
				for k := i; k < j; k++ {
					start := k
					for start > i && s[start]&0xC0 == 0x80 {
						start--
					}
					*offsets = append(*offsets, start)
				}
			}
			b.WriteString(s[i:j])
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		folded := foldRune(s[i:i+size], r)
		if isSpace(folded) {
			if pendingSpace < 0 {
				pendingSpace = i
			}
			i += size
			continue
		}
		if pendingSpace >= 0 && b.Len() > 0 {
			b.WriteByte(' ')
			if offsets != nil {
				*offsets = append(*offsets, pendingSpace)
			}
		}
		pendingSpace = -1
		if offsets != nil {
			for j := 0; j < len(folded); j++ {
				*offsets = append(*offsets, i)
			}
		}
		b.WriteString(folded)
		i += size
	}
	if offsets != nil {
		*offsets = append(*offsets, len(s))
	}
	return b.String()
}

// ownFormRun is where the run of characters from i that foldRune leaves
// as they are, and that are not spacing, ends: printable ASCII and CJK
// ideographs (U+4000–U+9FFF, three bytes led by E4–E9).
func ownFormRun(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			if c <= ' ' { // spacing and control characters: the per-character path
				return i
			}
			i++
		case c >= 0xE4 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			i += 3
		default:
			return i
		}
	}
	return i
}

func foldRune(raw string, r rune) string {
	switch {
	case r == utf8.RuneError && len(raw) == 1:
		return "\uFFFD" // invalid byte: keep a visible marker, never drop text silently
	case r < utf8.RuneSelf && r != 0:
		return raw
	case r >= 0x4E00 && r <= 0x9FFF: // CJK unified ideographs are their own NFKC form
		return raw
	case r == '\u3000':
		return " "
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII (，（）２０): NFKC is the ASCII twin
		return asciiFold[r-0xFF01]
	}
	// A table lookup: most punctuation (。、《》) has no compatibility
	// decomposition and stays as it is, without an allocation.
	if p := norm.NFKC.PropertiesString(raw); len(p.Decomposition()) == 0 {
		return raw
	}
	folded := norm.NFKC.String(raw)
	if strings.IndexFunc(folded, unicode.IsSpace) >= 0 && !isSpace(folded) {
		return raw // e.g. Arabic ligatures that decompose to a space and marks: keep them whole
	}
	return folded
}

// asciiFold holds the ASCII twin of each full-width form U+FF01…U+FF5E.
var asciiFold = func() (t [0x5E]string) {
	for i := range t {
		t[i] = string(rune('!' + i))
	}
	return t
}()

func isSpace(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}
