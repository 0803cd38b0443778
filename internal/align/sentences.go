package align

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentences splits an English text into sentences; see Split.
func Sentences(text string) []string {
	s, _ := Split(text)
	return s
}

// Split splits an English text (one paragraph per line; CRLF, CR and a
// leading BOM tolerated; empty lines are paragraph breaks like any line
// break) into sentences, and gives the 0-based paragraph of each (counting
// only non-empty lines).
//
// A sentence ends after . ! ? or ; followed by a space or the end of the
// paragraph, with any closing quotes and brackets after the mark. A full
// stop does not end a sentence after an abbreviation (Mr., No., e.g., U.S.),
// an initial (J.), a list marker at the start of a paragraph (1. II. a.),
// or when the next word starts in lower case. Nothing ends inside a
// bracket or quote pair that closes later in the paragraph; an opener that
// never closes is ignored rather than swallowing the paragraph.
//
// Lossless: the sentences joined with single spaces equal the text's words
// (strings.Fields) joined with single spaces. Spacing is all that changes.
func Split(text string) (sentences []string, paragraph []int) {
	text = strings.TrimPrefix(text, "\uFEFF")
	p := 0
	for line := range strings.Lines(text) {
		// strings.Lines breaks at \n only; a lone CR (old Mac files) is a line break too.
		for part := range strings.SplitSeq(line, "\r") {
			words := strings.Fields(part)
			if len(words) == 0 {
				continue
			}
			for _, s := range splitWords(words) {
				sentences = append(sentences, s)
				paragraph = append(paragraph, p)
			}
			p++
		}
	}
	return sentences, paragraph
}

// splitWords cuts one paragraph, given as its words, into sentences.
func splitWords(words []string) []string {
	depth := pairDepths(words)
	var out []string
	start := 0
	for k := range words {
		if k+1 < len(words) && !endsSentence(words, k, depth[k]) {
			continue
		}
		out = append(out, strings.Join(words[start:k+1], " "))
		start = k + 1
	}
	return out
}

// endsSentence reports whether a sentence ends after words[k] (not the
// last word); depth is how many bracket or quote pairs are open after it.
func endsSentence(words []string, k int, depth int) bool {
	if depth > 0 {
		return false
	}
	w := strings.TrimRightFunc(words[k], isClosing)
	last, _ := utf8.DecodeLastRuneInString(w)
	switch last {
	case ';', '!', '?':
		return true
	case '.':
	default:
		return false
	}
	if strings.HasSuffix(w, "..") && !strings.HasSuffix(w, "...") {
		return false // a typo or an abbreviation run, not a stop
	}
	if k == 0 && isListMarker(w) {
		return false // "1. The two sides …", "II. Energy"
	}
	if isAbbreviation(w) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(words[k+1], isOpening))
	// "etc. and", "approx. ten": a lower-case word continues the sentence.
	return !unicode.IsLower(next)
}

// isListMarker reports whether w (with its final full stop) is a list
// number: 1. 12. II. iv. a. (A.)
func isListMarker(w string) bool {
	w = strings.TrimLeftFunc(strings.TrimSuffix(w, "."), isOpening)
	w = strings.TrimRight(w, ")")
	if w == "" {
		return false
	}
	if strings.Trim(w, "0123456789") == "" {
		return len(w) <= 3
	}
	if strings.Trim(strings.ToUpper(w), "IVXLC") == "" {
		return len(w) <= 5
	}
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && unicode.IsLetter(r)
}

// abbreviations end in a full stop that is not a sentence end. "No." and
// "Art." are the numbering of official texts; months as in "Jan. 1".
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
	"sr": true, "jr": true, "gen": true, "col": true, "lt": true, "capt": true,
	"gov": true, "sen": true, "rep": true, "amb": true, "hon": true, "rev": true,
	"no": true, "nos": true, "vol": true, "vols": true, "art": true, "arts": true,
	"para": true, "paras": true, "sec": true, "ch": true, "fig": true, "p": true,
	"pp": true, "cf": true, "vs": true, "viz": true, "approx": true, "ca": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"inc": true, "ltd": true, "co": true, "corp": true, "dept": true, "univ": true,
}

// isAbbreviation reports whether w, ending in a full stop, is an
// abbreviation: a listed one, an initial (J.), or letters with inner
// stops (U.S., e.g., a.m., U.N.).
func isAbbreviation(w string) bool {
	w = strings.TrimLeftFunc(strings.TrimSuffix(w, "."), isOpening)
	if abbreviations[strings.ToLower(w)] {
		return true
	}
	if r, size := utf8.DecodeRuneInString(w); size == len(w) && unicode.IsLetter(r) {
		return true // an initial
	}
	if !strings.Contains(w, ".") {
		return false
	}
	for part := range strings.SplitSeq(w, ".") {
		if n := utf8.RuneCountInString(part); n == 0 || n > 2 {
			return false
		}
		for _, r := range part {
			if !unicode.IsLetter(r) {
				return false
			}
		}
	}
	return true
}

func isClosing(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', ')', ']', '}', '»', '›':
		return true
	}
	return false
}

func isOpening(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '(', '[', '{', '«', '‹':
		return true
	}
	return false
}

// pairDepths gives, for each word, how many bracket and quote pairs are
// open after it. Only pairs that close within the paragraph count; straight
// double quotes pair up in order. Apostrophes are left alone: "the two
// sides' interests" must not open anything.
func pairDepths(words []string) []int {
	type open struct {
		closer rune
		word   int
	}
	var stack []open
	delta := make([]int, len(words)+1) // +1 where a matched pair opens, -1 after the word where it closes
	quoteOpen := -1
	for k, w := range words {
		for _, r := range w {
			switch r {
			case '(', '[', '{', '“', '«':
				stack = append(stack, open{closerFor(r), k})
			case ')', ']', '}', '”', '»':
				// close the innermost matching opener; unmatched closers are ignored
				for i := len(stack) - 1; i >= 0; i-- {
					if stack[i].closer == r {
						delta[stack[i].word]++
						delta[k]--
						stack = stack[:i]
						break
					}
				}
			case '"':
				if quoteOpen < 0 {
					quoteOpen = k
				} else {
					delta[quoteOpen]++
					delta[k]--
					quoteOpen = -1
				}
			}
		}
	}
	depth := make([]int, len(words))
	d := 0
	for k := range words {
		d += delta[k]
		depth[k] = d
	}
	return depth
}

func closerFor(r rune) rune {
	switch r {
	case '(':
		return ')'
	case '[':
		return ']'
	case '{':
		return '}'
	case '“':
		return '”'
	}
	return '»'
}
