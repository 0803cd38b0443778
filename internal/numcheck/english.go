package numcheck

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// English returns the numbers of an English text, in order: digits with
// thousands separators and decimals, scale words (100 billion, 1.2 million),
// number words (one … ninety-nine, hundred), ordinals, percentages,
// currencies and units, month names, dates in the usual orders, decades and
// ranges.
func English(s string) []Value {
	e := enText{s: s, ts: tokenize(s)}
	for i := 0; i < len(e.ts); {
		i = e.step(i)
	}
	return finish(e.items)
}

// etok is a word, a number or a punctuation mark of an English text.
type etok struct {
	kind       byte   // 'w' word, 'n' number, 'p' punctuation, 'x' an identifier (G20, H1N1)
	text       string // as written
	low        string // lower case
	start, end int
	val        float64 // numbers
	digits     int     // numbers: digits before the point
	plain      bool    // numbers: no separator, no point
	suffix     string  // numbers: letters written onto them: th, s, bn, km
}

func tokenize(s string) []etok {
	ts := make([]etok, 0, len(s)/5+1) // about one token in five bytes of English

	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case r < utf8.RuneSelf && (isASCIIDigit(byte(r)) || isASCIILetter(byte(r))) || unicode.IsLetter(r):
			ts, i = readAlnum(s, i, ts)
		default:
			ts = append(ts, etok{kind: 'p', text: s[i : i+size], low: s[i : i+size], start: i, end: i + size})
			i += size
		}
	}
	return ts
}

func isASCIIDigit(b byte) bool  { return '0' <= b && b <= '9' }
func isASCIILetter(b byte) bool { return 'a' <= b|0x20 && b|0x20 <= 'z' }

// letterEnd is where the letters starting at i end.
func letterEnd(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			break
		}
		i += size
	}
	return i
}

// alnumEnd is where the letters and digits starting at i end.
func alnumEnd(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !(r < utf8.RuneSelf && isASCIIDigit(byte(r))) {
			break
		}
		i += size
	}
	return i
}

// enPrefixes may be written onto a number: USD100, Q1.
var enPrefixes = map[string]bool{"usd": true, "rmb": true, "cny": true, "eur": true, "rub": true, "gbp": true, "jpy": true, "hkd": true, "q": true, "h": true}

// readAlnum reads a word, a number with its suffix, or an identifier at i.
func readAlnum(s string, i int, ts []etok) ([]etok, int) {
	if !isASCIIDigit(s[i]) {
		j := letterEnd(s, i)
		if j < len(s) && isASCIIDigit(s[j]) && !enPrefixes[strings.ToLower(s[i:j])] {
			k := alnumEnd(s, j)
			return append(ts, etok{kind: 'x', text: s[i:k], low: strings.ToLower(s[i:k]), start: i, end: k}), k
		}
		return append(ts, etok{kind: 'w', text: s[i:j], low: strings.ToLower(s[i:j]), start: i, end: j}), j
	}
	var b strings.Builder
	j, digits, plain := i, 0, true
	for ; j < len(s) && isASCIIDigit(s[j]); j++ {
		b.WriteByte(s[j])
		digits++
	}
	for j+3 < len(s) && s[j] == ',' && isASCIIDigit(s[j+1]) && isASCIIDigit(s[j+2]) && isASCIIDigit(s[j+3]) &&
		(j+4 == len(s) || !isASCIIDigit(s[j+4])) {
		b.WriteString(s[j+1 : j+4])
		j, digits, plain = j+4, digits+3, false
	}
	if j+1 < len(s) && s[j] == '.' && isASCIIDigit(s[j+1]) {
		b.WriteByte('.')
		for j++; j < len(s) && isASCIIDigit(s[j]); j++ {
			b.WriteByte(s[j])
		}
		plain = false
	}
	v, err := strconv.ParseFloat(b.String(), 64)
	if err != nil {
		v = math.Inf(1)
	}
	t := etok{kind: 'n', val: v, digits: digits, plain: plain, start: i}
	k := letterEnd(s, j)
	t.suffix = strings.ToLower(s[j:k])
	if end := alnumEnd(s, k); end > k || (t.suffix != "" && !enSuffixes[t.suffix]) {
		t.kind, k = 'x', end // 5G, 3D, 1H1N1
	}
	t.end, t.text = k, s[i:k]
	t.low = strings.ToLower(t.text)
	return append(ts, t), k
}

// enSuffixes may be written onto a number: 21st, 1990s, 100bn, 5km.
var enSuffixes = map[string]bool{"st": true, "nd": true, "rd": true, "th": true, "s": true,
	"bn": true, "mn": true, "tn": true, "m": true, "k": true, "km": true, "kg": true, "t": true, "kw": true, "kwh": true, "mw": true}

type enText struct {
	s     string
	ts    []etok
	items []item
}

func (e *enText) tok(i int) etok {
	if i < 0 || i >= len(e.ts) {
		return etok{}
	}
	return e.ts[i]
}

func (e *enText) word(i int) string {
	if t := e.tok(i); t.kind == 'w' {
		return t.low
	}
	return ""
}

func (e *enText) punct(i int, set string) bool {
	t := e.tok(i)
	r, _ := utf8.DecodeRuneInString(t.text)
	return t.kind == 'p' && r != utf8.RuneError && strings.ContainsRune(set, r)
}

// adjacent says whether tokens i and i+1 touch (no space between).
func (e *enText) adjacent(i int) bool {
	return i >= 0 && i+1 < len(e.ts) && e.ts[i].end == e.ts[i+1].start
}

// phrase matches words at i, letting "." and "-" stand between them
// (U.S. dollars, per-cent, kilowatt-hours); it returns the index after.
func (e *enText) phrase(i int, words ...string) (int, bool) {
	for n, w := range words {
		for n > 0 && e.punct(i, ".-") {
			i++
		}
		if e.word(i) != w {
			return 0, false
		}
		i++
	}
	if len(words) > 0 && len(words[len(words)-1]) <= 2 && e.punct(i, ".") && e.adjacent(i-1) {
		i++ // U.S.
	}
	return i, true
}

// add records it as the text of tokens i to j-1.
func (e *enText) add(it item, i, j int) {
	it.Start, it.End = e.ts[i].start, e.ts[j-1].end
	it.Text = e.s[it.Start:it.End]
	if it.mult == 0 {
		it.mult, it.base = 1, it.Num
	}
	if it.linkTo == 0 {
		it.linkTo = -1
	}
	if !it.Approx {
		it.Approx = e.approxBefore(i)
	}
	e.items = append(e.items, it)
}

// sentenceStart says whether token i opens a sentence or a clause after
// one of marks.
func (e *enText) sentenceStart(i int, marks string) bool {
	return i == 0 || e.punct(i-1, marks)
}

func (e *enText) step(i int) int {
	t := e.ts[i]
	switch t.kind {
	case 'x':
		// COP21, CMP11: sessions of the climate conferences (第二十一次缔约方会议)
		for _, p := range []string{"cop", "cmp"} {
			if rest, ok := strings.CutPrefix(t.low, p); ok {
				if n, err := strconv.Atoi(rest); err == nil && n > 0 && n < 1000 {
					e.add(item{Value: Value{Kind: KindOrdinal, Num: float64(n)}}, i, i+1)
				}
			}
		}
		return i + 1
	case 'p':
		return e.stepPunct(i)
	case 'n':
		if e.punct(i-1, "-") && e.adjacent(i-1) && e.tok(i-2).kind == 'w' && e.adjacent(i-2) && !enDatePrefixes[e.word(i-2)] {
			return i + 1 // COVID-19, G-20: a name
		}
		if t.plain && t.val < 100 && t.suffix == "" && e.punct(i+1, ".)") && e.sentenceStart(i, ".;:!?") {
			return i + 2 // "17." or "2)": list numbering
		}
		if j, ok := e.isoDate(i); ok {
			return j
		}
		if j, ok := e.slashDate(i); ok {
			return j
		}
		if j, ok := e.dayDate(i); ok {
			return j
		}
		return e.expr(i, "", i)
	}
	w := t.low
	if j, ok := e.phrase(i, "group", "of", "twenty"); ok {
		return j
	}
	if j, ok := e.phrase(i, "group", "of"); ok && e.tok(j).kind == 'n' && e.tok(j).val == 20 {
		return j + 1
	}
	if m := e.month(i); m > 0 {
		return e.monthDate(i, m)
	}
	if unit := enCurrencyPrefix[w]; unit != "" && (w != "us" && w != "hk" || e.punct(i+1, "$")) {
		k := i + 1
		if w == "us" || w == "hk" {
			k++ // US$, HK$
		}
		if e.numberStart(k) {
			return e.expr(k, unit, i)
		}
		return k
	}
	if (w == "q" || w == "h") && e.tok(i+1).kind == 'n' && e.adjacent(i) {
		n := e.ts[i+1].val
		if n >= 1 && (w == "q" && n <= 4 || w == "h" && n <= 2) && e.ts[i+1].suffix == "" {
			unit := map[string]string{"q": "quarter", "h": "half"}[w]
			e.add(item{Value: Value{Kind: KindPeriod, Num: n, Unit: unit}}, i, i+2)
			return i + 2
		}
	}
	if w == "decade" {
		e.add(item{Value: Value{Kind: KindDuration, Num: 10, Unit: "year"}}, i, i+1)
		return i + 1
	}
	if w == "half" {
		return e.half(i)
	}
	if e.numberStart(i) || enOrdinals[w] > 0 || (w == "a" || w == "an") && enFractions[e.word(i+1)] > 0 {
		return e.expr(i, "", i)
	}
	return i + 1
}

// enDatePrefixes may stand before a hyphen and a year: mid-2015, end-2011.
var enDatePrefixes = map[string]bool{"mid": true, "end": true, "early": true, "late": true, "pre": true, "post": true,
	"year": true, "start": true}

func (e *enText) stepPunct(i int) int {
	t := e.ts[i]
	switch t.text {
	case "(":
		n := e.tok(i + 1)
		if n.kind == 'n' && n.plain && n.val < 100 && n.suffix == "" && e.punct(i+2, ")") {
			return i + 3 // (1): list numbering
		}
	case "'", "’":
		n := e.tok(i + 1)
		if n.kind == 'n' && n.digits == 2 && n.plain && n.suffix == "s" && e.adjacent(i) && int(n.val)%10 == 0 {
			e.add(item{Value: Value{Kind: KindDecade, Num: n.val}}, i, i+2)
			return i + 2
		}
	}
	if unit := enCurrencySymbols[t.text]; unit != "" && e.numberStart(i+1) {
		return e.expr(i+1, unit, i)
	}
	return i + 1
}

var enCurrencySymbols = map[string]string{"$": "USD", "€": "EUR", "¥": "CNY", "£": "GBP", "₽": "RUB"}

// enCurrencyPrefix are currencies written before the amount: US$100,
// USD 100, RMB 100, HK$5.
var enCurrencyPrefix = map[string]string{"us": "USD", "hk": "HKD", "usd": "USD", "rmb": "CNY", "cny": "CNY", "eur": "EUR",
	"rub": "RUB", "gbp": "GBP", "jpy": "JPY", "hkd": "HKD"}

// numberStart says whether a number (digits or words) starts at token i.
func (e *enText) numberStart(i int) bool {
	t := e.tok(i)
	switch {
	case t.kind == 'n':
		return true
	case t.kind != 'w':
		return false
	case t.low == "a" || t.low == "an":
		return enScales[e.word(i+1)] > 0 || e.word(i+1) == "hundred"
	}
	_, ok := enUnits[t.low]
	return ok || enTens[t.low] > 0
}

var enUnits = map[string]float64{"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}

var enTens = map[string]float64{"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90}

var enScales = map[string]float64{"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
	"bn": 1e9, "mn": 1e6, "tn": 1e12}

var enOrdinals = map[string]float64{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
	"seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
	"fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
	"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
	"eightieth": 80, "ninetieth": 90, "hundredth": 100}

// enFractions are denominators: one third, two-thirds, a quarter.
var enFractions = map[string]float64{"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
	"fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
	"eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10}

var enMonths = map[string]int{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

// enMayBefore are words after which a capitalised May is the month, not the verb.
var enMayBefore = map[string]bool{"in": true, "of": true, "since": true, "until": true, "till": true, "by": true,
	"from": true, "to": true, "through": true, "early": true, "late": true, "mid": true, "end": true, "before": true,
	"after": true, "between": true, "and": true, "during": true, "last": true, "next": true, "this": true, "on": true}

// month is the month named by token i (capitalised; abbreviations and May
// only next to a number or after a date word), or 0.
func (e *enText) month(i int) int {
	t := e.ts[i]
	m := enMonths[t.low]
	if m == 0 || !unicode.IsUpper(rune(t.text[0])) {
		return 0
	}
	k := i + 1
	if e.punct(k, ".") && e.adjacent(i) {
		k++
	}
	numberNear := e.tok(k).kind == 'n' || e.tok(i-1).kind == 'n'
	if len(t.low) <= 4 && t.low != "june" && t.low != "july" && !numberNear {
		monthNext := e.rangeWord(k, true) && enMonths[e.word(k+1)] > 0 // May-June
		if t.low != "may" || !(enMayBefore[e.word(i-1)] || e.punct(i-1, "-–") || monthNext) {
			return 0
		}
	}
	return m
}

// dayNumber is the day of month written by token i (16, 16th), or 0.
func (e *enText) dayNumber(i int) int {
	t := e.tok(i)
	if t.kind != 'n' || !t.plain || t.digits > 2 || t.val < 1 || t.val > 31 {
		return 0
	}
	switch t.suffix {
	case "", "st", "nd", "rd", "th":
		return int(t.val)
	}
	return 0
}

// yearNumber is the year written by token i, or 0.
func (e *enText) yearNumber(i int) int {
	t := e.tok(i)
	if t.kind == 'n' && t.plain && t.digits == 4 && t.suffix == "" && t.val >= 1000 && t.val < 3000 {
		return int(t.val)
	}
	return 0
}

// rangeWord says whether token i joins two ends of a range.
func (e *enText) rangeWord(i int, and bool) bool {
	return e.punct(i, "-–—") || e.word(i) == "to" || e.word(i) == "through" || and && e.word(i) == "and"
}

// monthDate reads June, June 2011, June 16, June 16, 2011 and June 5-6, 2012
// from the month at token i.
func (e *enText) monthDate(i, m int) int {
	k := i + 1
	if e.punct(k, ".") && e.adjacent(i) {
		k++
	}
	var days []int
	if d := e.dayNumber(k); d > 0 && e.yearNumber(k) == 0 {
		days = append(days, d)
		k++
		if d2 := e.dayNumber(k + 1); d2 > 0 && e.rangeWord(k, true) && e.month(k+1) == 0 {
			days = append(days, d2)
			k += 2
		}
	}
	year := 0
	y := k
	if e.punct(y, ",") {
		y++
	}
	if e.word(y) == "of" && len(days) == 0 {
		y++
	}
	if year = e.yearNumber(y); year > 0 {
		k = y + 1
	}
	e.addDates(i, k, year, m, days)
	return k
}

// dayDate reads 16 June 2011, 16th of June, 5-6 June 2012 and 8 to 10 May
// from the day at token i.
func (e *enText) dayDate(i int) (int, bool) {
	d := e.dayNumber(i)
	if d == 0 {
		return 0, false
	}
	days, k := []int{d}, i+1
	if d2 := e.dayNumber(k + 1); d2 > 0 && e.rangeWord(k, true) {
		days = append(days, d2)
		k += 2
	}
	if e.word(k) == "of" {
		k++
	}
	if e.tok(k).kind != 'w' {
		return 0, false
	}
	m := e.month(k)
	if m == 0 {
		return 0, false
	}
	k++
	if e.punct(k, ".") && e.adjacent(k-1) {
		k++
	}
	y := k
	if e.punct(y, ",") {
		y++
	}
	year := e.yearNumber(y)
	if year > 0 {
		k = y + 1
	}
	e.addDates(i, k, year, m, days)
	return k, true
}

// addDates adds the dates (or the month, without days) written by tokens i to j-1.
func (e *enText) addDates(i, j, year, month int, days []int) {
	if len(days) == 0 {
		it := item{Value: Value{Kind: KindMonth, Year: year, Month: month}}
		e.linkAfter(&it, j)
		e.add(it, i, j)
		return
	}
	for n, d := range days {
		it := item{Value: Value{Kind: KindDate, Year: year, Month: month, Day: d, Range: len(days) > 1}}
		if n == len(days)-1 {
			e.linkAfter(&it, j)
		}
		e.add(it, i, j)
	}
}

// isoDate reads 2011-06-16 and 2011/6/16.
func (e *enText) isoDate(i int) (int, bool) {
	y := e.yearNumber(i)
	if y == 0 || !e.punct(i+1, "-/") || !e.punct(i+3, e.ts[i+1].text) {
		return 0, false
	}
	for k := i; k < i+4; k++ {
		if !e.adjacent(k) {
			return 0, false
		}
	}
	m, d := e.tok(i+2), e.dayNumber(i+4)
	if m.kind != 'n' || !m.plain || m.digits > 2 || m.val < 1 || m.val > 12 || m.suffix != "" || d == 0 {
		return 0, false
	}
	e.add(item{Value: Value{Kind: KindDate, Year: y, Month: int(m.val), Day: d}}, i, i+5)
	return i + 5, true
}

// slashDate reads 16/06/2011 and 06/16/2011 when one of the first two
// numbers is over 12; 05/06/2012 could be either and gives nothing.
func (e *enText) slashDate(i int) (int, bool) {
	a, b, y := e.dayNumber(i), e.dayNumber(i+2), e.yearNumber(i+4)
	if a == 0 || b == 0 || y == 0 || !e.punct(i+1, "/") || !e.punct(i+3, "/") {
		return 0, false
	}
	for k := i; k < i+4; k++ {
		if !e.adjacent(k) {
			return 0, false
		}
	}
	switch {
	case a > 12 && b <= 12:
		e.add(item{Value: Value{Kind: KindDate, Year: y, Month: b, Day: a}}, i, i+5)
	case b > 12 && a <= 12:
		e.add(item{Value: Value{Kind: KindDate, Year: y, Month: a, Day: b}}, i, i+5)
	}
	return i + 5, true
}

// half reads "half" (0.5) unless it is on its own in "half a year".
func (e *enText) half(i int) int {
	if j, ok := e.phrase(i+1, "a", "percentage", "point"); ok {
		e.add(item{Value: Value{Kind: KindPPoint, Num: 0.5}}, i, j)
		return j
	}
	if e.punct(i+1, "-") || e.word(i+1) == "a" || e.word(i+1) == "an" {
		return i + 1
	}
	e.add(item{Value: Value{Kind: KindFraction, Num: 0.5}}, i, i+1)
	return i + 1
}

// cardinal reads a number at token i: digits (with bn, mn written onto
// them), words (ninety-nine, one hundred and five, a billion) and scale
// words after either (100 billion, 1.2 million). It returns the value, the
// scale and the index after it.
func (e *enText) cardinal(i int, money bool) (v, mult float64, j int, ok bool) {
	t := e.tok(i)
	mult = 1
	switch {
	case t.kind == 'n':
		v, j = t.val, i+1
		switch t.suffix {
		case "bn", "mn", "tn":
			mult = enScales[t.suffix]
		case "m", "k":
			if !money {
				return 0, 0, 0, false
			}
			mult = map[string]float64{"m": 1e6, "k": 1e3}[t.suffix]
		case "", "s", "km", "kg", "t", "kw", "kwh", "mw":
		default:
			return 0, 0, 0, false
		}
	case t.low == "a" || t.low == "an":
		if !e.numberStart(i) {
			return 0, 0, 0, false // "a third country": no number in "a"
		}
		v, j = 1, i+1
	default:
		v, j, ok = e.words(i)
		if !ok {
			return 0, 0, 0, false
		}
	}
	if e.word(j) == "hundred" && v < 100 {
		v, j = v*100, j+1
	}
	for t.suffix == "" {
		k := j
		if e.punct(k, "-") && e.adjacent(k-1) && e.adjacent(k) {
			k++ // $100-billion
		}
		if enScales[e.word(k)] == 0 {
			break
		}
		mult *= enScales[e.word(k)]
		j = k + 1
	}
	return v * mult, mult, j, true
}

// words reads number words at token i: twenty-one, one hundred and five.
func (e *enText) words(i int) (float64, int, bool) {
	total, cur, j := 0.0, -1.0, i
	for {
		w := e.word(j)
		switch {
		case enUnits[w] > 0 || w == "zero":
			// after twenty only a digit: "twenty one", not "one two"
			if cur >= 0 && math.Mod(cur, 100) != 0 && (math.Mod(cur, 10) != 0 || enUnits[w] >= 10 || enUnits[w] == 0) {
				return finishWords(total, cur, j)
			}
			cur = max(cur, 0) + enUnits[w]
			j++
		case enTens[w] > 0:
			if cur >= 0 && math.Mod(cur, 100) != 0 {
				return finishWords(total, cur, j)
			}
			cur = max(cur, 0) + enTens[w]
			j++
			if u := enUnits[e.word(j+1)]; e.punct(j, "-") && e.adjacent(j) && u > 0 && u < 10 {
				cur += u
				j += 2
			}
		case w == "hundred" && cur > 0 && cur < 10:
			cur *= 100
			j++
			if e.word(j) == "and" && (enUnits[e.word(j+1)] > 0 || enTens[e.word(j+1)] > 0) {
				j++
			}
		case w == "thousand" && cur > 0:
			total += cur * 1000
			cur = -1
			j++
			if e.word(j) == "and" && (enUnits[e.word(j+1)] > 0 || enTens[e.word(j+1)] > 0) {
				j++
			}
		default:
			return finishWords(total, cur, j)
		}
	}
}

func finishWords(total, cur float64, j int) (float64, int, bool) {
	if cur < 0 && total == 0 {
		return 0, j, false
	}
	return total + max(cur, 0), j, true
}

// ordinalAt reads an ordinal at token i (3rd, third, twenty-first).
func (e *enText) ordinalAt(i int) (float64, int, bool) {
	t := e.tok(i)
	switch {
	case t.kind == 'n' && t.plain && (t.suffix == "st" || t.suffix == "nd" || t.suffix == "rd" || t.suffix == "th"):
		return t.val, i + 1, true
	case enOrdinals[t.low] > 0:
		return enOrdinals[t.low], i + 1, true
	case enTens[t.low] > 0 && e.punct(i+1, "-") && e.adjacent(i) && enOrdinals[e.word(i+2)] > 0 && enOrdinals[e.word(i+2)] < 10:
		return enTens[t.low] + enOrdinals[e.word(i+2)], i + 3, true
	}
	return 0, 0, false
}

// expr reads a number and what follows it at token i; money is a currency
// written before it (US$, RMB), which starts at token start.
func (e *enText) expr(i int, money string, start int) int {
	if n, j, ok := e.ordinalAt(i); ok && money == "" {
		return e.ordinalExpr(i, n, j)
	}
	if j, ok := e.fraction(i); ok {
		return j
	}
	v, mult, j, ok := e.cardinal(i, money != "")
	if !ok {
		return i + 1
	}
	t := e.tok(i)
	it := item{Value: Value{Kind: KindNumber, Num: v}, base: v / mult, mult: mult}
	if t.kind == 'n' && t.suffix == "" && e.punct(j, "'’") && e.adjacent(j-1) && e.word(j+1) == "s" && e.adjacent(j) {
		t.suffix, j = "s", j+2 // 1990's
	}
	if t.kind == 'n' && t.suffix == "s" {
		if t.plain && (t.digits == 4 || t.digits == 2) && int(v)%10 == 0 {
			it.Kind = KindDecade // 1990s
			e.add(it, i, j)
			return j
		}
		return j
	}
	if money != "" {
		it.Kind, it.Unit = KindAmount, money
	}
	if u := enSuffixUnits[t.suffix]; u != "" {
		it.Kind, it.Unit = KindAmount, u
	}
	if k, kind, unit, factor := e.unitAfter(j); k > j {
		switch {
		case kind == KindAmount && money != "" && it.Unit != unit:
		default:
			it.Kind, it.Unit = kind, unit
			it.Num *= factor
			if factor != 1 {
				it.base *= factor
			}
		}
		j = k
	}
	if it.Kind == KindNumber {
		if t.kind == 'n' && t.plain && t.digits == 4 && mult == 1 && v >= 1000 && v < 3000 {
			it.Kind = KindYear
		}
		it.bare = mult == 1
	}
	between := e.word(start-1) == "between"
	if e.rangeWord(j, between) && e.numberStart(j+1) {
		it.linkTo = e.ts[j+1].start
	}
	e.add(it, start, j)
	return j
}

// enSuffixUnits are units written onto a number: 5km.
var enSuffixUnits = map[string]string{"km": "km", "kg": "kg", "t": "t", "kw": "kW", "kwh": "kWh", "mw": "MW"}

// unitAfter reads the unit after a number at token j: %, per cent,
// percentage points, US dollars, yuan, km, tons, years, decades … It returns
// the index after the unit (j when there is none) and a factor (decades are
// ten years).
func (e *enText) unitAfter(j int) (int, Kind, string, float64) {
	k := j
	if e.punct(k, "-") && e.adjacent(k-1) {
		k++ // 10-year, six-point
	}
	if e.punct(k, "%") {
		return k + 1, KindPercent, "", 1
	}
	for _, u := range enUnitPhrases {
		if end, ok := e.phrase(k, u.words...); ok {
			return end, u.kind, u.unit, u.factor
		}
	}
	return j, "", "", 1
}

type enUnit struct {
	words  []string
	kind   Kind
	unit   string
	factor float64
}

// enUnitPhrases are tried in order: longer phrases first.
var enUnitPhrases = []enUnit{
	{[]string{"percentage", "points"}, KindPPoint, "", 1},
	{[]string{"percentage", "point"}, KindPPoint, "", 1},
	{[]string{"per", "cent"}, KindPercent, "", 1},
	{[]string{"percent"}, KindPercent, "", 1},
	{[]string{"pct"}, KindPercent, "", 1},
	{[]string{"hong", "kong", "dollars"}, KindAmount, "HKD", 1},
	{[]string{"us", "dollars"}, KindAmount, "USD", 1},
	{[]string{"u", "s", "dollars"}, KindAmount, "USD", 1},
	{[]string{"american", "dollars"}, KindAmount, "USD", 1},
	{[]string{"dollars"}, KindAmount, "USD", 1},
	{[]string{"dollar"}, KindAmount, "USD", 1},
	{[]string{"usd"}, KindAmount, "USD", 1},
	{[]string{"yuan"}, KindAmount, "CNY", 1},
	{[]string{"rmb"}, KindAmount, "CNY", 1},
	{[]string{"renminbi"}, KindAmount, "CNY", 1},
	{[]string{"cny"}, KindAmount, "CNY", 1},
	{[]string{"euros"}, KindAmount, "EUR", 1},
	{[]string{"euro"}, KindAmount, "EUR", 1},
	{[]string{"eur"}, KindAmount, "EUR", 1},
	{[]string{"rubles"}, KindAmount, "RUB", 1},
	{[]string{"roubles"}, KindAmount, "RUB", 1},
	{[]string{"ruble"}, KindAmount, "RUB", 1},
	{[]string{"rouble"}, KindAmount, "RUB", 1},
	{[]string{"rub"}, KindAmount, "RUB", 1},
	{[]string{"yen"}, KindAmount, "JPY", 1},
	{[]string{"square", "kilometres"}, KindAmount, "km2", 1},
	{[]string{"square", "kilometers"}, KindAmount, "km2", 1},
	{[]string{"sq", "km"}, KindAmount, "km2", 1},
	{[]string{"km"}, KindAmount, "km", 1},
	{[]string{"kilometres"}, KindAmount, "km", 1},
	{[]string{"kilometers"}, KindAmount, "km", 1},
	{[]string{"kilometre"}, KindAmount, "km", 1},
	{[]string{"kilometer"}, KindAmount, "km", 1},
	{[]string{"miles"}, KindAmount, "mi", 1},
	{[]string{"mile"}, KindAmount, "mi", 1},
	{[]string{"cubic", "metres"}, KindAmount, "m3", 1},
	{[]string{"cubic", "meters"}, KindAmount, "m3", 1},
	{[]string{"metres"}, KindAmount, "m", 1},
	{[]string{"meters"}, KindAmount, "m", 1},
	{[]string{"metric", "tons"}, KindAmount, "t", 1},
	{[]string{"tons"}, KindAmount, "t", 1},
	{[]string{"tonnes"}, KindAmount, "t", 1},
	{[]string{"ton"}, KindAmount, "t", 1},
	{[]string{"tonne"}, KindAmount, "t", 1},
	{[]string{"kilograms"}, KindAmount, "kg", 1},
	{[]string{"kg"}, KindAmount, "kg", 1},
	{[]string{"hectares"}, KindAmount, "ha", 1},
	{[]string{"barrels"}, KindAmount, "bbl", 1},
	{[]string{"kilowatt", "hours"}, KindAmount, "kWh", 1},
	{[]string{"kwh"}, KindAmount, "kWh", 1},
	{[]string{"kilowatts"}, KindAmount, "kW", 1},
	{[]string{"kw"}, KindAmount, "kW", 1},
	{[]string{"megawatts"}, KindAmount, "MW", 1},
	{[]string{"mw"}, KindAmount, "MW", 1},
	{[]string{"years"}, KindDuration, "year", 1},
	{[]string{"year"}, KindDuration, "year", 1},
	{[]string{"months"}, KindDuration, "month", 1},
	{[]string{"month"}, KindDuration, "month", 1},
	{[]string{"weeks"}, KindDuration, "week", 1},
	{[]string{"week"}, KindDuration, "week", 1},
	{[]string{"days"}, KindDuration, "day", 1},
	{[]string{"day"}, KindDuration, "day", 1},
	{[]string{"hours"}, KindDuration, "hour", 1},
	{[]string{"hour"}, KindDuration, "hour", 1},
	{[]string{"decades"}, KindDuration, "year", 10},
	{[]string{"decade"}, KindDuration, "year", 10},
}

// ordinalExpr reads what follows an ordinal: anniversary, century, half,
// quarter; "First," opening a sentence is list numbering.
func (e *enText) ordinalExpr(i int, n float64, j int) int {
	k := j
	if e.punct(k, "-") && e.adjacent(k-1) {
		k++
	}
	it := item{Value: Value{Kind: KindOrdinal, Num: n}}
	switch w := e.word(k); {
	case e.ts[i].kind == 'w' && e.punct(j, ",") && e.sentenceStart(i, ".;:!?"):
		return j // First, … Second, …
	case w == "anniversary" || w == "anniversaries":
		it.Kind, j = KindAnniversary, k+1
	case w == "century" || w == "centuries":
		it.Unit, j = "century", k+1
	case w == "half" && n <= 2:
		it.Kind, it.Unit, j = KindPeriod, "half", k+1
		// Without a year, "the first half" is as often ordinary English
		// (the first half of a sentence, of the talks) as a half-year: it
		// matches 上半年 but is no mismatch on its own.
		it.Soft = !e.yearAfter(j)
	case (w == "quarter" || w == "quarters") && n <= 4:
		it.Kind, it.Unit, j = KindPeriod, "quarter", k+1
	}
	e.add(it, i, j)
	return j
}

// yearAfter says whether "of" and a year follow token j: "of 2015", "of the
// year", "of this year".
func (e *enText) yearAfter(j int) bool {
	if e.word(j) != "of" {
		return false
	}
	if t := e.tok(j + 1); t.kind == 'n' && t.val >= 1000 && t.val <= 2999 && t.val == math.Trunc(t.val) {
		return true
	}
	switch e.word(j + 1) {
	case "the", "this", "next", "last", "that", "each", "every":
		return e.word(j+2) == "year"
	}
	return false
}

// fraction reads one third, two-thirds, a quarter of, 1/3.
func (e *enText) fraction(i int) (int, bool) {
	t := e.tok(i)
	if t.kind == 'n' && t.plain && t.suffix == "" && e.punct(i+1, "/") && e.adjacent(i) && e.adjacent(i+1) {
		d := e.tok(i + 2)
		if d.kind == 'n' && d.plain && d.suffix == "" && d.val > t.val && d.val <= 100 && !e.punct(i+3, "/") {
			e.add(item{Value: Value{Kind: KindFraction, Num: t.val / d.val}}, i, i+3)
			return i + 3, true
		}
		return 0, false
	}
	num := enUnits[t.low]
	if t.low == "a" || t.low == "an" {
		num = 1
	}
	if t.kind != 'w' || num < 1 || num > 10 {
		return 0, false
	}
	k := i + 1
	if e.punct(k, "-") && e.adjacent(i) {
		k++
	}
	w := e.word(k)
	den := enFractions[w]
	if den == 0 || num > 1 && !strings.HasSuffix(w, "s") || num == 1 && strings.HasSuffix(w, "s") {
		return 0, false
	}
	// "a third" is a fraction before "of" or at the end of a phrase; "a
	// third country" is an ordinal.
	if (t.low == "a" || t.low == "an") && w != "half" && e.word(k+1) != "of" && e.tok(k+1).kind == 'w' {
		return 0, false
	}
	e.add(item{Value: Value{Kind: KindFraction, Num: num / den}}, i, k+1)
	return k + 1, true
}

// linkAfter marks it as the first end of a range when a range word and
// another number or month follow at token j.
func (e *enText) linkAfter(it *item, j int) {
	if e.rangeWord(j, false) && (e.numberStart(j+1) || e.tok(j+1).kind == 'w' && enMonths[e.word(j+1)] > 0) {
		it.linkTo = e.ts[j+1].start
	}
}

// approxBefore says whether about, nearly, over, more than … stand before token i.
func (e *enText) approxBefore(i int) bool {
	switch e.word(i - 1) {
	case "about", "around", "approximately", "nearly", "almost", "over", "some", "roughly", "circa", "approx":
		return true
	case "than", "to", "of", "least":
		switch e.word(i-2) + " " + e.word(i-1) {
		case "more than", "less than", "fewer than", "close to", "up to", "upwards of", "excess of", "at least":
			return true
		}
	}
	return false
}
