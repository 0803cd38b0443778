package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clause boundaries
//
// A clause ends after a sentence terminator: the full-width 。！？； always,
// and the ASCII ! ? ; only when the character before them is Chinese
// (Han or CJK punctuation), so that English, URLs and code inside a
// paragraph are left alone. The ASCII full stop never ends a clause
// (1.5亿, abbreviations), nor does the ellipsis ……: in official texts it
// mostly marks an omitted list tail mid-sentence.
//
// Everything directly after the terminator that still belongs to it stays
// in the clause: more terminators (！？), closing quotes and brackets (。”
// and 。）), then whitespace. That keeps the clauses an exact partition of
// the paragraph.
//
// A terminator inside a bracket or quote pair (《》 “” （） 「」 …) does not
// end a clause unless the pair closes right after it (“……。”). Pairs are
// matched before segmenting, so an opener that never closes in the
// paragraph is ignored rather than swallowing the rest of the paragraph.

// closerOf returns the closer of an opening bracket or quote, or 0.
func closerOf(r rune) rune {
	switch r {
	case '《':
		return '》'
	case '〈':
		return '〉'
	case '“':
		return '”'
	case '‘':
		return '’'
	case '（':
		return '）'
	case '(':
		return ')'
	case '「':
		return '」'
	case '『':
		return '』'
	case '【':
		return '】'
	case '〔':
		return '〕'
	case '［':
		return '］'
	case '[':
		return ']'
	}
	return 0
}

// isCloser reports whether r closes a bracket or quote pair.
func isCloser(r rune) bool {
	switch r {
	case '》', '〉', '”', '’', '）', ')', '」', '』', '】', '〕', '］', ']':
		return true
	}
	return false
}

// Roles of a byte offset in a paragraph after pair matching.
const (
	roleNone int8 = iota
	roleOpen
	roleClose
)

// Clauses splits one paragraph into clauses: a leading section marker
// (一、 （一） 1. …, or a paragraph that is only a numeral) becomes a
// KindHeading clause, the rest is cut into sentences of KindText.
// Concatenating the Text of the result gives the paragraph back byte for
// byte; no clause is empty. Paragraph is 0: the caller sets it.
func Clauses(paragraph string) []Clause {
	if paragraph == "" {
		return nil
	}
	var out []Clause
	rest := paragraph
	if n := headingLen(paragraph); n > 0 {
		out = append(out, Clause{Text: paragraph[:n], Kind: KindHeading})
		rest = paragraph[n:]
	}
	return appendSentences(out, rest)
}

// appendSentences appends the sentence clauses of s to out.
func appendSentences(out []Clause, s string) []Clause {
	role := matchPairs(s)
	start, depth := 0, 0
	prev := rune(-1)
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch role.at(i) {
		case roleOpen:
			depth++
		case roleClose:
			depth--
		}
		i += w
		if !isTerminator(r, prev) {
			prev = r
			continue
		}
		prev = r
		// Take the tail of the terminator: more terminators and closers.
		j, d := i, depth
		for j < len(s) {
			r2, w2 := utf8.DecodeRuneInString(s[j:])
			if role.at(j) == roleClose {
				d--
			} else if role.at(j) == roleOpen || !(isTerminatorRune(r2) || isCloser(r2)) {
				break
			}
			j += w2
		}
		if d != 0 {
			// Still inside a pair: not the end of a clause. The run holds
			// only terminators and closers, so skip it whole (rescanning it
			// from each terminator would be quadratic).
			i, depth = j, d
			prev, _ = utf8.DecodeLastRuneInString(s[:j])
			continue
		}
		for j < len(s) {
			r2, w2 := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsSpace(r2) {
				break
			}
			j += w2
		}
		out = append(out, Clause{Text: s[start:j], Kind: KindText})
		start, i, depth, prev = j, j, 0, -1
	}
	if start < len(s) {
		out = append(out, Clause{Text: s[start:], Kind: KindText})
	}
	return out
}

// matchPairs marks, per byte offset of s, the openers and closers that form
// a pair. A closer matches the nearest open pair of its kind; openers
// skipped over that way, and openers still open at the end, never close
// and are treated as plain characters. The pairs are properly nested.
// Without any pair the result is nil, which reads as all roleNone.
func matchPairs(s string) roles {
	var role roles
	type open struct {
		at     int
		closer rune
	}
	var stack []open
	for i, r := range s {
		if c := closerOf(r); c != 0 {
			stack = append(stack, open{i, c})
			continue
		}
		if !isCloser(r) {
			continue
		}
		for k := len(stack) - 1; k >= 0; k-- {
			if stack[k].closer == r {
				if role == nil {
					role = make(roles, len(s))
				}
				role[stack[k].at] = roleOpen
				role[i] = roleClose
				stack = stack[:k]
				break
			}
		}
	}
	return role
}

// roles holds the pair role of each byte offset; nil means no pairs.
type roles []int8

func (r roles) at(i int) int8 {
	if r == nil {
		return roleNone
	}
	return r[i]
}

// isTerminatorRune reports whether r can end a sentence in any context.
func isTerminatorRune(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '!', '?', ';':
		return true
	}
	return false
}

// isTerminator reports whether r ends a clause given the rune before it:
// the ASCII terminators count only after Chinese text.
func isTerminator(r, prev rune) bool {
	switch r {
	case '。', '！', '？', '；':
		return true
	case '!', '?', ';':
		return isCJK(prev)
	}
	return false
}

// isCJK reports whether r is a Han character or CJK/full-width punctuation.
func isCJK(r rune) bool {
	switch {
	case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF:
		return true
	case r == '“', r == '”', r == '‘', r == '’':
		return true
	}
	return unicode.Is(unicode.Han, r)
}

// Section headings
//
// A heading clause is either a whole paragraph that is a bare Chinese
// numeral (一, 二十一), or a marker at the start of a paragraph:
//
//	一、  十一、          Chinese numeral + 、
//	（一） (一) （1）     numeral in brackets (full-width or ASCII)
//	1. 1、 １．           Arabic number (1–2 digits) + . or 、, not a decimal
//
// Whitespace after the marker belongs to the heading clause.

// headingLen returns the byte length of the heading clause at the start of
// p, or 0 when p does not start with one.
func headingLen(p string) int {
	n := numeralLen(p, isChineseNumeral, 4)
	if n > 0 && n == trimSpaceRight(p) {
		return len(p) // the whole paragraph is a bare numeral
	}
	if n > 0 && hasPrefixRune(p[n:], '、') {
		return withSpace(p, n+len("、"))
	}
	if r, w := utf8.DecodeRuneInString(p); r == '（' || r == '(' {
		k := numeralLen(p[w:], isChineseNumeral, 4)
		if k == 0 {
			k = numeralLen(p[w:], isArabicDigit, 2)
		}
		if k > 0 {
			if c, cw := utf8.DecodeRuneInString(p[w+k:]); c == '）' || c == ')' {
				return withSpace(p, w+k+cw)
			}
		}
		return 0
	}
	if k := numeralLen(p, isArabicDigit, 2); k > 0 {
		c, cw := utf8.DecodeRuneInString(p[k:])
		next, _ := utf8.DecodeRuneInString(p[k+cw:])
		if (c == '.' || c == '．' || c == '、') && !isArabicDigit(next) {
			return withSpace(p, k+cw)
		}
	}
	return 0
}

// numeralLen returns the byte length of the run of at most max runes at the
// start of s that satisfy ok, or 0 if the run is empty or longer than max.
func numeralLen(s string, ok func(rune) bool, max int) int {
	n, count := 0, 0
	for _, r := range s {
		if !ok(r) {
			break
		}
		count++
		if count > max {
			return 0
		}
		n += utf8.RuneLen(r)
	}
	return n
}

func isChineseNumeral(r rune) bool {
	switch r {
	case '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '零', '〇':
		return true
	}
	return false
}

func isArabicDigit(r rune) bool {
	return r >= '0' && r <= '9' || r >= '０' && r <= '９'
}

func hasPrefixRune(s string, r rune) bool {
	first, _ := utf8.DecodeRuneInString(s)
	return s != "" && first == r
}

// withSpace extends the end offset n over any whitespace that follows it.
func withSpace(s string, n int) int {
	for n < len(s) {
		r, w := utf8.DecodeRuneInString(s[n:])
		if !unicode.IsSpace(r) {
			break
		}
		n += w
	}
	return n
}

// trimSpaceRight returns the length of s without trailing whitespace.
func trimSpaceRight(s string) int {
	for len(s) > 0 {
		r, w := utf8.DecodeLastRuneInString(s)
		if !unicode.IsSpace(r) {
			break
		}
		s = s[:len(s)-w]
	}
	return len(s)
}

// SplitMarker splits a numbering marker (as Clauses splits it off: 四、
// （一） 1. …, with the space after it) from the text after it, as other
// tools keep them together in one segment. marker is "" and rest is s when
// s does not start with a marker or nothing follows it.
func SplitMarker(s string) (marker, rest string) {
	t := strings.TrimLeftFunc(s, unicode.IsSpace)
	n := headingLen(t)
	if n == 0 || n >= len(t) || strings.TrimFunc(t[n:], unicode.IsSpace) == "" {
		return "", s
	}
	return t[:n], t[n:]
}
