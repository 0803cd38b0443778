package segment

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/zhen-workbench/zhen/internal/numcheck"
)

// chineseDateRE matches a date written 年/月/日 style. The year is four
// "digits" in any of the forms found in official texts: ASCII and
// full-width digits, Chinese numerals, and the three zeros 〇 (U+3007),
// ○ (U+25CB, a circle often typed instead of 〇) and 零. Month and day are
// either Arabic numbers or Chinese numerals with 十 (廿/卅 for 20/30).
var chineseDateRE = regexp.MustCompile(
	`([0-9０-９〇○零一二三四五六七八九]{4})年` +
		`([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月` +
		`([0-9０-９]{1,2}|[一二三四五六七八九十廿卅]{1,3})日`)

// ParseChineseDate parses a date such as 2011年6月16日, 二0一一年六月十六日,
// 二０一二年六月五日 or 二○一五年五月八日 (surrounding whitespace allowed)
// into "YYYY-MM-DD". It reports false unless the whole string is one real
// calendar date.
func ParseChineseDate(s string) (string, bool) {
	s = strings.TrimFunc(s, unicode.IsSpace)
	m := chineseDateRE.FindStringSubmatchIndex(s)
	if m == nil || m[0] != 0 || m[1] != len(s) {
		return "", false
	}
	return dateFromMatch(s, m)
}

// dateSpan is a date found inside a longer text.
type dateSpan struct {
	iso        string // YYYY-MM-DD
	start, end int    // byte offsets of the date in the text
}

// findChineseDates returns every valid 年月日 date in s, in order. A match
// glued to a preceding digit (12011年…) is not a date and is skipped.
func findChineseDates(s string) []dateSpan {
	var out []dateSpan
	for _, m := range chineseDateRE.FindAllStringSubmatchIndex(s, -1) {
		if r, _ := utf8.DecodeLastRuneInString(s[:m[0]]); m[0] > 0 && digitValue(r) >= 0 {
			continue
		}
		if iso, ok := dateFromMatch(s, m); ok {
			out = append(out, dateSpan{iso: iso, start: m[0], end: m[1]})
		}
	}
	return out
}

// dateFromMatch converts the submatches of chineseDateRE into an ISO date,
// rejecting impossible dates such as 二月三十日.
func dateFromMatch(s string, m []int) (string, bool) {
	year := 0
	for _, r := range s[m[2]:m[3]] {
		year = year*10 + digitValue(r)
	}
	month, ok1 := smallNumber(s[m[4]:m[5]])
	day, ok2 := smallNumber(s[m[6]:m[7]])
	if !ok1 || !ok2 || year == 0 {
		return "", false
	}
	return isoDate(year, month, day)
}

// isoDate formats a date after checking it exists in the calendar.
func isoDate(year, month, day int) (string, bool) {
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Year() != year || int(t.Month()) != month || t.Day() != day {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, month, day), true
}

// digitValue returns the value of one digit in any of the accepted
// forms, or -1.
func digitValue(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	if r == '两' { // a count, never a digit of a written date
		return -1
	}
	return numcheck.ChineseDigit(r)
}

// smallNumber parses a month or day: Arabic digits, or a Chinese numeral
// below 100 (五, 十, 十六, 二十, 二十二, 廿二, 卅一).
func smallNumber(s string) (int, bool) {
	n, tens, units, seenTen := 0, 0, -1, false
	for _, r := range s {
		switch r {
		case '十':
			if seenTen {
				return 0, false
			}
			seenTen = true
			tens = 1
			if units >= 0 {
				tens = units
			}
			units = -1
		case '廿', '卅':
			if seenTen || units >= 0 {
				return 0, false
			}
			seenTen = true
			tens = 2
			if r == '卅' {
				tens = 3
			}
		default:
			d := digitValue(r)
			if d < 0 {
				return 0, false
			}
			if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
				n = n*10 + d // positional Arabic number
				continue
			}
			if units >= 0 {
				return 0, false // 二三 is not a number
			}
			units = d
		}
	}
	if seenTen {
		n = tens * 10
	}
	if units > 0 {
		n += units
	}
	return n, n > 0
}
