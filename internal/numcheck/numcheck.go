// Package numcheck compares the numbers of a Chinese clause with those of its
// English translation by value, not by digits: 1000亿美元 and "US$100 billion"
// agree, "US$1,000 billion" does not, 二〇一九年九月十一日 is "11 September
// 2019" and 第三次 is "third". Digit-based checks (translate-toolkit's
// `numbers`, Xbench, Tolgee) get exactly these cases wrong.
//
// Chinese and English extract the values of one side; Compare matches them
// as multisets and says what is missing or extra in a translator's words.
// The rules (what is parsed, what tolerance applies, what is never flagged)
// are in docs/NUMBERS.md.
package numcheck

import (
	"math"
	"strconv"
	"strings"
)

// Kind says what a value measures; only values of compatible kinds match.
type Kind string

// Kinds of values.
const (
	KindNumber      Kind = "number"      // a count or a bare number: 300名, "300"; 第2043号 (a designation)
	KindAmount      Kind = "amount"      // a number with a currency or unit: 1000亿美元, "US$100 billion", 5万吨
	KindYear        Kind = "year"        // 2011年, "2011"
	KindDate        Kind = "date"        // a day: 2011年6月16日, "16 June 2011"; Year and Month may be 0
	KindMonth       Kind = "month"       // a month: 5月, "May", 2010年5月, "May 2010"; Year may be 0
	KindOrdinal     Kind = "ordinal"     // 第三次, "third", "3rd"; 21世纪 has Unit "century"
	KindPercent     Kind = "percent"     // 百分之五, 5%, "5 per cent"
	KindPPoint      Kind = "ppoint"      // 5个百分点, "5 percentage points"
	KindFraction    Kind = "fraction"    // 三分之一, "one third"; Num is the value (0.333…)
	KindAnniversary Kind = "anniversary" // 10周年, "10th anniversary"
	KindDuration    Kind = "duration"    // 10年, 3个月, "10 years", "a decade"; Unit is year, month, week, day or hour
	KindPeriod      Kind = "period"      // 第一季度 (Unit "quarter", Num 1), 上半年 (Unit "half", Num 1)
	KindDecade      Kind = "decade"      // 90年代, "the 1990s"; Num 1990, or 90 when the century is not said
)

// Value is one number found in a text.
type Value struct {
	Kind Kind
	Num  float64 // the value; for a year the year; unused for dates and months
	// Unit is a currency (USD, CNY, EUR, RUB, JPY, GBP, HKD), a measure (km,
	// km2, m, m3, t, kg, ha, bbl, kW, kWh, MW), a time unit for durations,
	// "century" for an ordinal century, "quarter" or "half" for periods.
	Unit             string
	Year, Month, Day int  // dates and months; 0 when not written
	Approx           bool // 约, 近, 逾, 多, 余 …, "about", "over", "more than" …: informational only
	// Soft values never cause a mismatch on their own, only match: small
	// counts without a unit (两国 ↔ "the two countries"), "first" and "one
	// year", which translators add and drop legitimately.
	Soft  bool
	Range bool   // one end of a range (2013年至2017年, "5 to 10"); never soft
	Text  string // as written
	Start int    // byte offsets of Text in the parsed string
	End   int
}

// Describe is a value in words a translator reads at a glance:
// "200,000,000,000 USD", "16 June 2011", "3rd", "5%".
func Describe(v Value) string {
	s := describe(v)
	if v.Approx {
		s = "about " + s
	}
	return s
}

func describe(v Value) string {
	switch v.Kind {
	case KindYear:
		return formatNum(v.Num, 0)
	case KindDate:
		var parts []string
		if v.Day > 0 {
			parts = append(parts, strconv.Itoa(v.Day))
		}
		if v.Month > 0 {
			parts = append(parts, monthNames[v.Month-1])
		}
		if v.Year > 0 {
			parts = append(parts, strconv.Itoa(v.Year))
		}
		if v.Month == 0 {
			return "day " + strings.Join(parts, " ")
		}
		return strings.Join(parts, " ")
	case KindMonth:
		if v.Year > 0 {
			return monthNames[v.Month-1] + " " + strconv.Itoa(v.Year)
		}
		return monthNames[v.Month-1]
	case KindOrdinal:
		if v.Unit != "" {
			return ordinal(v.Num) + " " + v.Unit
		}
		return ordinal(v.Num)
	case KindPercent:
		return formatNum(v.Num, 4) + "%"
	case KindPPoint:
		if v.Num == 1 {
			return "1 percentage point"
		}
		return formatNum(v.Num, 4) + " percentage points"
	case KindFraction:
		return fraction(v.Num)
	case KindAnniversary:
		return ordinal(v.Num) + " anniversary"
	case KindDuration:
		if v.Num == 1 {
			return "1 " + v.Unit
		}
		return formatNum(v.Num, 4) + " " + v.Unit + "s"
	case KindPeriod:
		if v.Unit == "half" {
			return "H" + formatNum(v.Num, 0)
		}
		return "Q" + formatNum(v.Num, 0)
	case KindDecade:
		if v.Num < 100 {
			return "'" + formatNum(v.Num, 0) + "s"
		}
		return formatNum(v.Num, 0) + "s"
	}
	if v.Unit != "" {
		return formatNum(v.Num, 3) + " " + v.Unit // 4,300 km
	}
	return formatNum(v.Num, 4) // 2043 stays as written: a designation or a count
}

var monthNames = [12]string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// formatNum writes whole numbers exactly, with thousands separators when
// they have more than minDigits digits (0: never).
func formatNum(f float64, minDigits int) string {
	if f != math.Trunc(f) || math.Abs(f) >= 1e18 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	s := strconv.FormatInt(int64(f), 10)
	if minDigits == 0 || len(s) <= minDigits {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func ordinal(f float64) string {
	n := int64(f)
	if float64(n) != f {
		return formatNum(f, 4) + "th"
	}
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.FormatInt(n, 10) + suffix
}

// fraction writes 0.333… as 1/3 when a small denominator fits.
func fraction(f float64) string {
	for d := 2; d <= 12; d++ {
		n := f * float64(d)
		if math.Abs(n-math.Round(n)) < 1e-9 {
			return strconv.Itoa(int(math.Round(n))) + "/" + strconv.Itoa(d)
		}
	}
	return formatNum(f, 4)
}

// same compares two parsed numbers: 1.2 million built from decimals need
// not be bit-identical to 1200000.
func same(a, b float64) bool {
	if a == b {
		return true
	}
	return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

// maxValue bounds what a parser reports: nothing in a policy text is larger,
// and a fuzzer's 亿亿亿亿… must not become +Inf.
const maxValue = 1e18

// soften marks the values that never cause a mismatch on their own.
func soften(v *Value) {
	if v.Range {
		return
	}
	whole := v.Num == math.Trunc(v.Num)
	switch v.Kind {
	case KindNumber:
		v.Soft = whole && v.Num >= 0 && v.Num <= 10
	case KindOrdinal:
		v.Soft = v.Num == 1 && v.Unit == ""
	case KindDuration:
		v.Soft = v.Num == 1
	}
}
