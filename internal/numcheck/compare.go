package numcheck

import (
	"math"
	"strconv"
	"strings"
)

// Mismatch is what differs between the numbers of a source and a target.
type Mismatch struct {
	Missing []Value // in the source, not in the target
	Extra   []Value // in the target, not in the source
	Message string  // for the translator: "source 2000亿美元 = 200,000,000,000 USD; target has US$20 billion"
	// Code and Params are Message for an interface that speaks another
	// language: CodeMissing (params source), CodeExtra (target) or
	// CodeChanged (source and target), each a list of values joined by
	// "; " as Message shows them ("2000亿美元 = 200,000,000,000 USD").
	Code   string
	Params map[string]string
}

// Mismatch codes.
const (
	CodeMissing = "number_missing" // values of the source are not in the target
	CodeExtra   = "number_extra"   // values of the target are not in the source
	CodeChanged = "number_changed" // values of the source are not in the target, which has others instead
)

// Compare matches the values of a Chinese source and its English target as
// multisets; differ is true when they do not match. Soft values (small
// counts without a unit, "first", one year) are matched when they can be and
// never reported; approximations (约, "about") only need the same value.
func Compare(source, target string) (m Mismatch, differ bool) {
	return compareValues(Chinese(source), English(target))
}

// compareValues matches the values of a source and a target.
func compareValues(src, tgt []Value) (Mismatch, bool) {
	srcUsed, tgtUsed := make([]bool, len(src)), make([]bool, len(tgt))
	// Only values in the same bucket can match, which keeps a long text
	// from costing len(src)×len(tgt) comparisons.
	buckets := map[string][]int{}
	for j, t := range tgt {
		key := bucket(t)
		buckets[key] = append(buckets[key], j)
	}
	// Exact matches first, so that a tolerant match cannot take a value
	// that an exact one needs (2011 the year before 2011 the number).
	for _, accept := range []func(a, b Value) bool{identical, matches} {
		for i, s := range src {
			if srcUsed[i] {
				continue
			}
			key := bucket(s)
			cands := buckets[key]
			for len(cands) > 0 && tgtUsed[cands[0]] {
				cands = cands[1:] // drop the used ones at the front for good
			}
			buckets[key] = cands
			for _, j := range cands {
				if !tgtUsed[j] && accept(s, tgt[j]) {
					srcUsed[i], tgtUsed[j] = true, true
					break
				}
			}
		}
	}
	var m Mismatch
	for i, s := range src {
		if !srcUsed[i] && !s.Soft {
			m.Missing = append(m.Missing, s)
		}
	}
	for j, t := range tgt {
		if !tgtUsed[j] && !t.Soft {
			m.Extra = append(m.Extra, t)
		}
	}
	if len(m.Missing) == 0 && len(m.Extra) == 0 {
		return Mismatch{}, false
	}
	m.Message, m.Code, m.Params = message(m)
	return m, true
}

// bucket is where the values that can match v are: kinds that can match
// each other and the same number (the day of a date, the month of a month).
func bucket(v Value) string {
	f := v.Num
	var group string
	switch v.Kind {
	case KindNumber, KindAmount, KindYear:
		group = "n"
	case KindDate:
		group, f = "d", float64(v.Day)
	case KindMonth:
		group, f = "m", float64(v.Month)
	case KindOrdinal, KindAnniversary, KindDuration:
		group = "o"
	case KindPercent:
		group = "p"
	case KindFraction:
		group, f = "p", v.Num*100
	case KindDecade:
		group, f = "decade", math.Mod(v.Num, 100)
	default:
		group = string(v.Kind)
	}
	return group + strconv.FormatFloat(f, 'g', 9, 64)
}

func identical(a, b Value) bool {
	return a.Kind == b.Kind && a.Unit == b.Unit && same(a.Num, b.Num) && a.Year == b.Year && a.Month == b.Month && a.Day == b.Day
}

// matches is the tolerance: the same value in compatible kinds, a unit
// stated on one side only, a year stated on one side only.
func matches(a, b Value) bool {
	if rank(a.Kind) > rank(b.Kind) {
		a, b = b, a
	}
	switch pair := string(a.Kind) + "/" + string(b.Kind); pair {
	case "number/number", "number/amount", "amount/amount", "ordinal/ordinal":
		return same(a.Num, b.Num) && agree(a.Unit, b.Unit)
	case "number/year":
		return a.Unit == "" && same(a.Num, b.Num)
	case "year/year", "percent/percent", "ppoint/ppoint", "fraction/fraction", "anniversary/anniversary",
		"ordinal/anniversary":
		return same(a.Num, b.Num)
	case "date/date":
		return a.Day == b.Day && agreeInt(a.Month, b.Month) && agreeInt(a.Year, b.Year)
	case "month/month":
		return a.Month == b.Month && agreeInt(a.Year, b.Year)
	case "percent/fraction":
		return same(a.Num/100, b.Num)
	case "anniversary/duration":
		return b.Unit == "year" && same(a.Num, b.Num)
	case "duration/duration", "period/period":
		return a.Unit == b.Unit && same(a.Num, b.Num)
	case "decade/decade":
		return same(a.Num, b.Num) || (a.Num < 100 || b.Num < 100) && math.Mod(a.Num, 100) == math.Mod(b.Num, 100)
	}
	return false
}

// rank orders kinds so that matches sees each pair one way round.
func rank(k Kind) int {
	return strings.Index("number amount year date month ordinal anniversary percent fraction ppoint duration period decade", string(k))
}

func agree(a, b string) bool { return a == "" || b == "" || a == b }
func agreeInt(a, b int) bool { return a == 0 || b == 0 || a == b }

// family groups kinds for pairing a missing value with an extra one in the
// message: a wrong amount is reported as one change, not two.
func family(k Kind) string {
	switch k {
	case KindNumber, KindAmount, KindYear:
		return "number"
	case KindDate, KindMonth:
		return "date"
	case KindOrdinal, KindAnniversary:
		return "ordinal"
	case KindPercent, KindFraction:
		return "percent"
	}
	return string(k)
}

// message is m's Message, Code and Params.
func message(m Mismatch) (string, string, map[string]string) {
	var parts, source, target []string
	paired := make([]bool, len(m.Extra))
	for _, s := range m.Missing {
		j := -1
		for k, t := range m.Extra {
			if !paired[k] && family(s.Kind) == family(t.Kind) {
				j = k
				break
			}
		}
		source = append(source, show(s))
		if j < 0 {
			parts = append(parts, "source "+show(s)+" is not in the target")
			continue
		}
		paired[j] = true
		parts = append(parts, "source "+show(s)+"; target has "+m.Extra[j].Text)
		target = append(target, m.Extra[j].Text)
	}
	for k, t := range m.Extra {
		if !paired[k] {
			parts = append(parts, "target has "+show(t)+", which is not in the source")
			target = append(target, show(t))
		}
	}
	params := map[string]string{}
	code := CodeChanged
	switch {
	case len(target) == 0:
		code = CodeMissing
	case len(source) == 0:
		code = CodeExtra
	}
	if len(source) > 0 {
		params["source"] = strings.Join(source, "; ")
	}
	if len(target) > 0 {
		params["target"] = strings.Join(target, "; ")
	}
	return strings.Join(parts, "; "), code, params
}

// show is "2000亿美元 = 200,000,000,000 USD", or the text alone when that
// says it all.
func show(v Value) string {
	d := Describe(v)
	if d == v.Text {
		return d
	}
	return v.Text + " = " + d
}

// finish completes the ends of ranges from each other and returns the values.
func finish(items []item) []Value {
	for k := 0; k+1 < len(items); k++ {
		a, b := &items[k], &items[k+1]
		if a.linkTo >= 0 && a.linkTo == b.Start && joinRange(a, b) {
			a.Range, b.Range = true, true
		}
	}
	out := make([]Value, 0, len(items))
	for _, it := range items {
		v := it.Value
		if math.IsNaN(v.Num) || math.IsInf(v.Num, 0) || math.Abs(v.Num) > maxValue {
			continue
		}
		soften(&v)
		out = append(out, v)
	}
	return out
}

// joinRange completes range end a from b and b from a (5至10万吨,
// 2009-2018年, 5月8日至10日, "100-200 billion", "June 30 to July 2,
// 2015") and says whether they make a range.
func joinRange(a, b *item) bool {
	whole := func(f float64) bool { return f == math.Trunc(f) }
	yearish := func(x *item) bool { return x.bare && whole(x.Num) && x.Num >= 1000 && x.Num < 3000 }
	dateish := func(x *item) bool { return x.Kind == KindDate || x.Kind == KindMonth }
	switch {
	case dateish(a) && dateish(b):
		if b.Year == 0 {
			b.Year = a.Year
		}
		if a.Year == 0 {
			a.Year = b.Year
		}
		if b.Kind == KindDate && b.Month == 0 {
			b.Month = a.Month
		}
	case b.Kind == KindYear && (a.Kind == KindYear || yearish(a)):
		a.Kind = KindYear
	case a.Kind == KindYear && b.bare && whole(b.Num) && b.Num < 100:
		b.Kind, b.Num = KindYear, a.Num-math.Mod(a.Num, 100)+b.Num // 2011-12
		if b.Num < a.Num {
			b.Num += 100
		}
	case a.Kind == KindYear && yearish(b):
		b.Kind = KindYear
	case a.bare && b.Kind == KindMonth && whole(a.Num) && a.Num >= 1 && a.Num <= 12:
		a.Kind, a.Month, a.Year, a.Num = KindMonth, int(a.Num), b.Year, 0 // 5至6月
	case a.bare && yearish(a), a.Kind == KindYear, b.Kind == KindYear:
		return false // "from 2015 to 100 billion": not one range
	case a.bare:
		switch b.Kind {
		case KindNumber, KindAmount, KindPercent, KindPPoint, KindDuration, KindAnniversary, KindOrdinal:
			a.Kind, a.Unit = b.Kind, b.Unit
			a.Num = a.base * b.mult
		default:
			return false
		}
	case a.Kind == KindNumber && b.Kind == KindAmount && a.Unit == "":
		a.Kind, a.Unit = KindAmount, b.Unit // 100亿至200亿美元
	}
	return true
}
