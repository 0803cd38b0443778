// Package numbering reads a statement's numbering markers (一、 （一） 一 十一、
// 1. （1）: the clauses internal/segment marks as KindHeading) and writes
// them in English in a numbering style. It is pure: no SQL, no HTTP.
//
// Chinese official texts number their parts on four levels, 一、 > （一） >
// 1. > （1）, and a lone numeral on a line of its own heads a part. A style
// says how each level reads in English:
//
//	level      Chinese   arabic   roman   outline
//	part       一        I        I       I
//	section    一、      1.       I.      I.
//	subsection （一）    (1)      (1)     A.
//	item       1.        1.       1.      1.
//	subitem    （1）     (1)      (1)     (a)
//
// arabic (the default) keeps the Chinese shape with Arabic digits; roman
// writes the top level in Roman numerals; outline is the English outline
// (I. A. 1. (a)), which keeps the four levels apart.
package numbering

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Style is how markers read in English; its name is the API's value.
type Style string

const (
	Arabic  Style = "arabic"
	Roman   Style = "roman"
	Outline Style = "outline"
)

// Default is the style of a corpus that has not chosen one.
const Default = Arabic

// Styles lists every style, the default first.
var Styles = []Style{Arabic, Roman, Outline}

// Valid reports whether s names a style.
func Valid(s string) bool {
	for _, st := range Styles {
		if string(st) == s {
			return true
		}
	}
	return false
}

// Level is a marker's place in the hierarchy.
type Level int

const (
	Part       Level = iota + 1 // 一 alone
	Section                     // 一、
	Subsection                  // （一）
	Item                        // 1. 1、 1．
	Subitem                     // （1）
)

// Marker is a parsed numbering marker: its level and number (1 or more).
type Marker struct {
	Level  Level
	Number int
}

// Parse reads a marker, with or without surrounding white space. ok is
// false for anything else (a form it does not know, a zero, a number out
// of range): such a clause is left to the translator.
func Parse(s string) (m Marker, ok bool) {
	s = strings.TrimFunc(s, unicode.IsSpace)
	if s == "" {
		return Marker{}, false
	}
	if inner, ok := cutBrackets(s); ok {
		if n, ok := chinese(inner); ok {
			return Marker{Subsection, n}, true
		}
		if n, ok := arabic(inner); ok {
			return Marker{Subitem, n}, true
		}
		return Marker{}, false
	}
	if n, ok := chinese(s); ok {
		return Marker{Part, n}, true
	}
	last, w := utf8.DecodeLastRuneInString(s)
	body := s[:len(s)-w]
	switch last {
	case '、':
		if n, ok := chinese(body); ok {
			return Marker{Section, n}, true
		}
		if n, ok := arabic(body); ok {
			return Marker{Item, n}, true
		}
	case '.', '．':
		if n, ok := arabic(body); ok {
			return Marker{Item, n}, true
		}
	}
	return Marker{}, false
}

// cutBrackets returns what is between a leading （ or ( and a trailing ） or ).
func cutBrackets(s string) (string, bool) {
	first, fw := utf8.DecodeRuneInString(s)
	last, lw := utf8.DecodeLastRuneInString(s)
	if (first != '（' && first != '(') || (last != '）' && last != ')') || len(s) < fw+lw {
		return "", false
	}
	return s[fw : len(s)-lw], true
}

// maxNumber bounds the numbers read: a marker past it is not a numbering marker.
const maxNumber = 999

// arabic reads 1 to 999 in ASCII or full-width digits.
func arabic(s string) (int, bool) {
	if s == "" || utf8.RuneCountInString(s) > 3 {
		return 0, false
	}
	n := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
		case r >= '０' && r <= '９':
			n = n*10 + int(r-'０')
		default:
			return 0, false
		}
	}
	return n, n >= 1 && n <= maxNumber
}

var digits = map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// chinese reads a Chinese numeral from 1 to 999: the positional forms
// (十一, 二十, 一百零五, 一百一十) and the digit-by-digit ones with 〇 or 零
// (一〇 = 10, 二〇一 = 201).
func chinese(s string) (int, bool) {
	rs := []rune(s)
	if len(rs) == 0 || len(rs) > 5 {
		return 0, false
	}
	if !strings.ContainsAny(s, "十百") {
		n := 0
		for _, r := range rs {
			d, ok := digits[r]
			if !ok {
				return 0, false
			}
			n = n*10 + d
		}
		if len(rs) > 1 && digits[rs[0]] == 0 { // 〇一 is not a number one writes
			return 0, false
		}
		return n, n >= 1 && n <= maxNumber
	}
	// Positional: [d]百 [零] [d]十 [d], each part optional but in order.
	n, i := 0, 0
	take := func(unit rune, value int, needDigit bool) bool {
		d, hasDigit := 1, false
		if i < len(rs) {
			if v, ok := digits[rs[i]]; ok && v > 0 && i+1 < len(rs) && rs[i+1] == unit {
				d, hasDigit = v, true
				i++
			}
		}
		if i < len(rs) && rs[i] == unit {
			if needDigit && !hasDigit {
				return false
			}
			n += d * value
			i++
		}
		return true
	}
	if !take('百', 100, true) {
		return 0, false
	}
	hundreds := n > 0
	if hundreds && i < len(rs) && (rs[i] == '零' || rs[i] == '〇') {
		i++
		// 一百零五: a single digit follows
		if i+1 != len(rs) {
			return 0, false
		}
	} else if !take('十', 10, hundreds) { // 一百十 is written 一百一十
		return 0, false
	}
	if i < len(rs) {
		d, ok := digits[rs[i]]
		if !ok || d == 0 {
			return 0, false
		}
		n += d
		i++
	}
	if i != len(rs) {
		return 0, false
	}
	return n, n >= 1 && n <= maxNumber
}

// English is the marker as the style writes it; an unknown style writes
// the default's.
func (m Marker) English(st Style) string {
	if !Valid(string(st)) {
		st = Default
	}
	n := m.Number
	switch m.Level {
	case Part:
		return RomanNumeral(n)
	case Section:
		if st == Arabic {
			return strconv.Itoa(n) + "."
		}
		return RomanNumeral(n) + "."
	case Subsection:
		if st == Outline {
			return Letters(n, 'A') + "."
		}
		return "(" + strconv.Itoa(n) + ")"
	case Item:
		return strconv.Itoa(n) + "."
	case Subitem:
		if st == Outline {
			return "(" + Letters(n, 'a') + ")"
		}
		return "(" + strconv.Itoa(n) + ")"
	}
	return ""
}

// English is the English of a marker text in a style, and false when the
// text is not a marker Parse knows.
func English(marker string, st Style) (string, bool) {
	m, ok := Parse(marker)
	if !ok {
		return "", false
	}
	return m.English(st), true
}

// RomanNumeral writes 1 to 3999 in Roman numerals (4 is IV); other numbers
// in Arabic digits.
func RomanNumeral(n int) string {
	if n < 1 || n > 3999 {
		return strconv.Itoa(n)
	}
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}

// Letters writes n ≥ 1 as letters from first (A … Z, AA, AB …, as
// spreadsheets name columns).
func Letters(n int, first rune) string {
	if n < 1 {
		return strconv.Itoa(n)
	}
	var out []rune
	for n > 0 {
		n--
		out = append([]rune{first + rune(n%26)}, out...)
		n /= 26
	}
	return string(out)
}
