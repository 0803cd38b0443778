package align

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// What one alignment takes, checked by every caller facing users (the API
// and the CLI, through qa.Align) before any work. Align is linear, so the
// limits bound a request's time and memory: a statement of 9,900 clauses
// with 500,000 characters of English took 1.2 s of one core and 70 MB
// (docs/PERFORMANCE.md). A statement is rarely more than a few thousand
// clauses, its English a few hundred thousand characters. MaxEnglishChars
// also stays under the API's 1 MB JSON body, so that a translator meets
// this message, not that one.
const (
	MaxClauses      = 10_000
	MaxSentences    = 10_000
	MaxEnglishChars = 500_000
)

// TooLargeError is a text over a limit. Its message is for translators:
// what the limit is and what to do.
type TooLargeError struct {
	Count, Limit int
	msg          string
}

func (e *TooLargeError) Error() string { return e.msg }

// splitAdvice is what a translator with too much to align can do. Not
// "align part of the English": against the whole statement, the English
// of a part aligns badly (scale_test.go, "ninth").
const splitAdvice = "import the statement as smaller documents (for example one per chapter) and align each with its own part of the English"

// CheckEnglish reports an English text too long to align, counted in
// characters; it runs before the text is split.
func CheckEnglish(text string) error {
	if n := utf8.RuneCountInString(text); n > MaxEnglishChars {
		return &TooLargeError{n, MaxEnglishChars, fmt.Sprintf("the English text has %s characters, more than the %s that can be aligned at once; %s",
			thousands(n), thousands(MaxEnglishChars), splitAdvice)}
	}
	return nil
}

// CheckSize reports a statement or an English text (split into sentences)
// too large to align.
func CheckSize(clauses, sentences int) error {
	if clauses > MaxClauses {
		return &TooLargeError{clauses, MaxClauses, fmt.Sprintf("the statement has %s clauses, more than the %s that can be aligned at once; %s",
			thousands(clauses), thousands(MaxClauses), splitAdvice)}
	}
	if sentences > MaxSentences {
		return &TooLargeError{sentences, MaxSentences, fmt.Sprintf("the English text has %s sentences, more than the %s that can be aligned at once; %s",
			thousands(sentences), thousands(MaxSentences), splitAdvice)}
	}
	return nil
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
