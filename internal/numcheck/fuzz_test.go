package numcheck

import (
	"strings"
	"testing"
	"unicode"
)

// zhNumerals are the characters that can make a Chinese number. 半 is here
// too: 上半年, 下半年, 半数 and 过半 are values without a numeral.
const zhNumerals = "〇零一二两三四五六七八九十百千万亿半"

// hasChineseNumber says whether s has a digit of any width or a Chinese numeral.
func hasChineseNumber(s string) bool {
	return strings.ContainsFunc(s, unicode.IsDigit) || strings.ContainsAny(s, zhNumerals)
}

// enNumberWords are the English words that can make a number: the parser's
// vocabulary, so that the fuzzers test what it does with everything else.
var enNumberWords = func() map[string]bool {
	ws := map[string]bool{"hundred": true, "decade": true, "decades": true}
	for _, m := range []map[string]float64{enUnits, enTens, enScales, enOrdinals, enFractions} {
		for w := range m {
			ws[w] = true
		}
	}
	for w := range enMonths {
		ws[w] = true
	}
	return ws
}()

// hasEnglishNumber says whether s has a digit of any width or a number word.
func hasEnglishNumber(s string) bool {
	if strings.ContainsFunc(s, unicode.IsDigit) {
		return true
	}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if enNumberWords[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// checkValues fails when a value's offsets do not point at its text.
func checkValues(t *testing.T, s string, vs []Value) {
	t.Helper()
	boundary := map[int]bool{len(s): true} // where characters start, as range decodes them (bad bytes one by one)
	for i := range s {
		boundary[i] = true
	}
	for _, v := range vs {
		if v.Start < 0 || v.End <= v.Start || v.End > len(s) {
			t.Fatalf("%q: value %+v has offsets outside the text", s, v)
		}
		if s[v.Start:v.End] != v.Text {
			t.Fatalf("%q: value text %q is not s[%d:%d] = %q", s, v.Text, v.Start, v.End, s[v.Start:v.End])
		}
		if !boundary[v.Start] || !boundary[v.End] {
			t.Fatalf("%q: value %q does not start and end on characters", s, v.Text)
		}
		if Describe(v) == "" {
			t.Fatalf("%q: value %+v has no description", s, v)
		}
	}
}

func addSeeds(f *testing.F, zh bool) {
	for _, p := range loadPairs(f) {
		if zh {
			f.Add(p.ZH)
		} else {
			f.Add(p.EN)
		}
	}
	for _, s := range []string{"", "一", "○○○○", "亿亿亿亿亿亿亿亿亿亿亿亿", "1" + strings.Repeat("0", 400) + "亿", "第", "百分之",
		"分之一", "二0一一年十三月", "\xff\xfe二\xff", "（）", "5至", "至10万", "US$", "$-", "June 5-", "the 1990's",
		"1/0", "0/1", "COP", "cop99999999999999999999", "a third of a", "Q5", "H0", "1e308 billion billion billion"} {
		f.Add(s)
	}
}

func FuzzChinese(f *testing.F) {
	addSeeds(f, true)
	f.Fuzz(func(t *testing.T, s string) {
		vs := Chinese(s)
		checkValues(t, s, vs)
		if !hasChineseNumber(s) && len(vs) > 0 {
			t.Fatalf("%q has no number but gives %v", s, describeAll(vs))
		}
		Compare(s, s)
	})
}

func FuzzEnglish(f *testing.F) {
	addSeeds(f, false)
	f.Fuzz(func(t *testing.T, s string) {
		vs := English(s)
		checkValues(t, s, vs)
		if !hasEnglishNumber(s) && len(vs) > 0 {
			t.Fatalf("%q has no number but gives %v", s, describeAll(vs))
		}
		Compare(s, s)
	})
}
