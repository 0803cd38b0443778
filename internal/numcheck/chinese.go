package numcheck

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// item is a value while a text is parsed: range ends are completed from each
// other at the end (5至10万吨: the 5 is 50,000 t).
type item struct {
	Value
	base, mult float64 // Num = base*mult; mult is a trailing 万/亿 or "billion"
	bare       bool    // a number with nothing after it, which takes the other range end's unit
	linkTo     int     // byte offset where the other end of a range must start; -1 when none
}

// Chinese returns the numbers of a Chinese text, in order. Chinese numerals
// count only in a numeric context: after 第, before a unit, measure word,
// 年月日 or 百分点, or when several of them make one numeral (十五, 二〇一九),
// so 一致, 统一 and 进一步 are words, not numbers.
func Chinese(s string) []Value {
	n := utf8.RuneCountInString(s)
	z := zhText{s: s, rs: make([]rune, 0, n), off: make([]int, 0, n+1)}
	for i, r := range s {
		z.rs = append(z.rs, r)
		z.off = append(z.off, i)
	}
	z.off = append(z.off, len(s))
	for i := 0; i < len(z.rs); {
		i = z.step(i)
	}
	return finish(z.items)
}

type zhText struct {
	s     string
	rs    []rune
	off   []int // byte offset of rs[i]; off[len(rs)] = len(s)
	items []item
}

// step reads whatever starts at rune i and returns where to go on.
func (z *zhText) step(i int) int {
	r := z.rs[i]
	if isLatin(r) || isDigit(r) {
		if j, ok := z.identifier(i); ok {
			return j
		}
	}
	if strings.ContainsRune(zhSkipFirst, r) {
		for _, p := range zhSkip {
			if z.has(i, p) {
				return i + utf8.RuneCountInString(p)
			}
		}
	}
	switch r {
	case '（', '(':
		if j, ok := z.listMarker(i); ok {
			return j
		}
	case '上', '下':
		if z.has(i+1, "半年") {
			n := 1.0
			if r == '下' {
				n = 2
			}
			z.add(item{Value: Value{Kind: KindPeriod, Num: n, Unit: "half"}}, i, i+3)
			return i + 3
		}
	case '百', '千':
		if z.has(i+1, "分之") {
			return z.percent(i)
		}
	case '第':
		if j, ok := z.ordinal(i); ok {
			return j
		}
	case '半':
		if z.has(i+1, "数") {
			z.add(item{Value: Value{Kind: KindFraction, Num: 0.5}}, i, i+2)
			return i + 2
		}
	case '过':
		if z.has(i+1, "半") {
			z.add(item{Value: Value{Kind: KindFraction, Num: 0.5, Approx: true}}, i, i+2)
			return i + 2
		}
	case '十':
		if j, ok := z.fiveYearPlan(i); ok {
			return j
		}
	}
	if isDigit(r) || ChineseDigit(r) >= 0 || r == '十' {
		return z.number(i)
	}
	return i + 1
}

// zhSkip are words made of numerals that are not numbers, and names with a
// number that the English writes differently (G20).
var zhSkip = []string{"二十国集团", "十分", "十足", "万一", "十万火急", "成千上万", "千千万万", "千方百计",
	"一五一十", "三番五次", "五湖四海", "四面八方", "七嘴八舌", "九九归一", "一一", "独一无二", "一分为二", "三三两两", "不三不四"}

// zhSkipFirst are the first characters of zhSkip: most characters start none.
var zhSkipFirst = func() string {
	var b strings.Builder
	for _, p := range zhSkip {
		r, _ := utf8.DecodeRuneInString(p)
		b.WriteRune(r)
	}
	return b.String()
}()

func (z *zhText) has(i int, p string) bool {
	if i < 0 {
		return false
	}
	for _, r := range p {
		if i >= len(z.rs) || z.rs[i] != r {
			return false
		}
		i++
	}
	return true
}

// hasAny returns the first of ps at i, or "".
func (z *zhText) hasAny(i int, ps []string) string {
	for _, p := range ps {
		if z.has(i, p) {
			return p
		}
	}
	return ""
}

func (z *zhText) at(i int) rune {
	if i < 0 || i >= len(z.rs) {
		return 0
	}
	return z.rs[i]
}

// add records it as the text between runes i and j.
func (z *zhText) add(it item, i, j int) {
	it.Start, it.End, it.Text = z.off[i], z.off[j], z.s[z.off[i]:z.off[j]]
	if it.mult == 0 {
		it.mult, it.base = 1, it.Num
	}
	if it.linkTo == 0 {
		it.linkTo = -1
	}
	if !it.Approx {
		it.Approx = z.approxBefore(i)
	}
	z.items = append(z.items, it)
}

// identifier skips Latin letters and digits written together (G20, 5G,
// H1N1): a name, not a quantity.
func (z *zhText) identifier(i int) (int, bool) {
	if i > 0 && (isLatin(z.rs[i-1]) || isDigit(z.rs[i-1])) {
		return 0, false
	}
	j, letters, digits := i, false, false
	for ; j < len(z.rs) && (isLatin(z.rs[j]) || isDigit(z.rs[j])); j++ {
		letters = letters || isLatin(z.rs[j])
		digits = digits || isDigit(z.rs[j])
	}
	if letters && digits {
		return j, true
	}
	if letters {
		return j, true // a Latin word: nothing numeric in it
	}
	return 0, false
}

// listMarker skips （一） and (2): list numbering is not compared.
func (z *zhText) listMarker(i int) (int, bool) {
	n, ok := z.readNumeral(i + 1)
	if ok && (z.at(n.end) == '）' || z.at(n.end) == ')') {
		return n.end + 1, true
	}
	return 0, false
}

// clauseStart says whether only spaces stand between rune i and the start
// of the text or of a sentence: where 十七、 and 一是 are list markers.
func (z *zhText) clauseStart(i int, marks string) bool {
	for k := i - 1; k >= 0; k-- {
		switch r := z.rs[k]; {
		case r == ' ' || r == '\u3000' || r == '\t' || r == '\n' || r == '\r':
		case strings.ContainsRune(marks, r):
			return true
		default:
			return false
		}
	}
	return true
}

// percent reads 百分之五 (5%), 百分之百 and 千分之三 (0.3%).
func (z *zhText) percent(i int) int {
	if z.rs[i] == '百' && z.has(i+3, "百") && !z.has(i+4, "分") {
		z.add(item{Value: Value{Kind: KindPercent, Num: 100}}, i, i+4)
		return i + 4
	}
	n, ok := z.readNumeral(i + 3)
	if !ok {
		return i + 3
	}
	v := n.val
	if z.rs[i] == '千' {
		v /= 10
	}
	z.add(item{Value: Value{Kind: KindPercent, Num: v, Approx: n.approx || z.approxAfter(n.end)}}, i, n.end)
	return n.end
}

// ordinal reads 第三次, 第二十一次, 第2043号 (a designation: a number) and
// 第一季度 (a period).
func (z *zhText) ordinal(i int) (int, bool) {
	n, ok := z.readNumeral(i + 1)
	if !ok || n.val != math.Trunc(n.val) {
		return 0, false
	}
	it := item{Value: Value{Kind: KindOrdinal, Num: n.val}}
	j := n.end
	switch {
	case z.at(j) == '号':
		it.Kind = KindNumber
		j++
	case z.has(j, "季度") && n.val >= 1 && n.val <= 4:
		it.Kind, it.Unit = KindPeriod, "quarter"
		j += 2
	case z.has(j, "世纪"):
		it.Unit = "century"
		j += 2
	case z.at(j) == '个' && z.numeralStart(j+1):
		j++ // 第二个10年: the second decade
	case strings.ContainsRune(zhOrdinalMeasures, z.at(j)):
		j++
	}
	z.add(it, i, j)
	return j, true
}

const zhOrdinalMeasures = "次届轮批条款位名大项章节期个国方代任版阶"

// fiveYearPlan reads 十三五 (规划): the 13th five-year plan.
func (z *zhText) fiveYearPlan(i int) (int, bool) {
	d := ChineseDigit(z.at(i + 1))
	if d < 1 || z.at(i+2) != '五' || z.hasAny(i+3, []string{"规划", "计划", "时期", "期间"}) == "" {
		return 0, false
	}
	z.add(item{Value: Value{Kind: KindOrdinal, Num: float64(10 + d)}}, i, i+2)
	z.add(item{Value: Value{Kind: KindDuration, Num: 5, Unit: "year"}}, i+2, i+3)
	return i + 3, true
}

func (z *zhText) numeralStart(i int) bool {
	r := z.at(i)
	return isDigit(r) || ChineseDigit(r) >= 0 || r == '十'
}

// zhConnectors join the ends of a range: 2013年至2017年, 5-10, 2009－2018年.
const zhConnectors = "至到-－–—~～〜"

// number reads a numeral and what follows it at rune i.
func (z *zhText) number(i int) int {
	n, ok := z.readNumeral(i)
	if !ok {
		return max(n.end, i+1) // skip an invalid run whole: 三四, 一二
	}
	j := n.end
	if strings.ContainsRune("数几", z.at(i-1)) || z.at(j) == '几' || z.at(i-1) == '前' && z.has(j, "季度") {
		return j // 数十, 几百, 十几, 前三季度: no definite value
	}
	if z.at(j) == '是' && z.clauseStart(i, "，,；;：:。！？") {
		return j + 1 // 一是…二是…: an enumeration
	}
	if (z.at(j) == '、' || z.at(j) == '.' && !isDigit(z.at(j+1)) || z.at(j) == '．') && z.clauseStart(i, "。；！？：\n") {
		return j + 1 // 十七、 a heading
	}
	if j2, ok := z.isoDate(n, j); ok {
		return j2
	}
	if z.has(j, "分之") {
		m, ok := z.readNumeral(j + 2)
		if !ok || n.val == 0 {
			return j + 2
		}
		z.add(item{Value: Value{Kind: KindFraction, Num: m.val / n.val}}, i, m.end)
		return m.end
	}
	if n.val == 1 && z.at(j) == '半' && n.end-i == 1 {
		z.add(item{Value: Value{Kind: KindFraction, Num: 0.5}}, i, j+1)
		return j + 1
	}
	it, end, ok := z.unit(n, i, j)
	if !ok {
		return j
	}
	if it.Kind == KindDecade {
		i = z.decade(&it, i)
	}
	if !it.Approx {
		it.Approx = n.approx || z.approxAfter(end)
	}
	if z.at(end) != 0 && strings.ContainsRune(zhConnectors, z.at(end)) && z.numeralStart(end+1) {
		it.linkTo = z.off[end+1]
	}
	z.add(it, i, end)
	return end
}

// isoDate reads 2011-06-17 (the date line of a statement) after the year n
// that ends at rune j, and adds it.
func (z *zhText) isoDate(n numeral, j int) (int, bool) {
	if !n.plain4 || n.digitRun || z.at(j) != '-' {
		return 0, false
	}
	m, ok := z.readNumeral(j + 1)
	if !ok || m.runes > 2 || !m.arabic || z.at(m.end) != '-' {
		return 0, false
	}
	d, ok := z.readNumeral(m.end + 1)
	if !ok || d.runes > 2 || !d.arabic || m.val < 1 || m.val > 12 || d.val < 1 || d.val > 31 ||
		m.val != math.Trunc(m.val) || d.val != math.Trunc(d.val) {
		return 0, false
	}
	z.add(item{Value: Value{Kind: KindDate, Year: int(n.val), Month: int(m.val), Day: int(d.val)}}, n.end-n.runes, d.end)
	return d.end, true
}

// unit reads what follows numeral n (which starts at rune i and ends at j):
// 亿美元, 年6月16日, 个百分点, 名 …; ok is false when the numeral is not a
// number here (一 in 一致).
func (z *zhText) unit(n numeral, i, j int) (item, int, bool) {
	it := item{Value: Value{Kind: KindNumber, Num: n.val}, base: n.base, mult: n.mult}
	approx := false
	if r := z.at(j); (r == '多' || r == '余') && z.unitAt(j+1) {
		approx = true // 10多年, 300余名
		j++
	}
	it.Approx = approx || n.approx
	whole := n.val == math.Trunc(n.val)
	if p := z.hasAny(j, zhUnitWords); p != "" && !z.has(j, "年代表") && !z.has(j, "元化") && !z.has(j, "元首") {
		u := zhUnits[p]
		it.Kind, it.Unit = u.kind, u.unit
		j += utf8.RuneCountInString(p)
		switch {
		case it.Kind == KindPeriod && (!whole || n.val < 1 || n.val > 4):
			return it, j, false
		case it.Kind == KindAmount && it.Unit == "CNY":
			if z.has(j, "人民币") {
				j += 3
			}
		}
		return it, j, true
	}
	switch z.at(j) {
	case '年':
		if n.plain4 && n.val >= 1000 && n.val < 3000 {
			return z.date(n, i, j+1)
		}
		it.Kind, it.Unit = KindDuration, "year"
		return it, j + 1, true
	case '月':
		if whole && n.val >= 1 && n.val <= 12 {
			it = item{Value: Value{Kind: KindMonth, Month: int(n.val)}}
			return z.day(it, j+1)
		}
		return it, j + 1, false
	case '日':
		if whole && n.val >= 1 && n.val <= 31 {
			return item{Value: Value{Kind: KindDate, Day: int(n.val)}}, j + 1, true
		}
		return it, j + 1, false
	case '号':
		return it, j + 1, true // 2043号决议: a designation
	}
	if r := z.at(j); r != 0 && strings.ContainsRune(zhMeasures, r) {
		if z.has(i-3, "人民币") {
			it.Kind, it.Unit = KindAmount, "CNY"
		}
		return it, j + 1, true
	}
	if z.has(i-3, "人民币") {
		it.Kind, it.Unit = KindAmount, "CNY"
		return it, j, true
	}
	// A number with nothing after it: Arabic digits always count; Chinese
	// numerals when they are several (十五) or start a range (五至十个).
	it.bare = !approx
	if n.arabic || n.runes >= 2 && !n.digitRun {
		return it, j, true
	}
	if r := z.at(j); r != 0 && strings.ContainsRune(zhConnectors, r) && z.numeralStart(j+1) {
		return it, j, true
	}
	return it, j, false
}

// unitAt says whether a unit or measure word starts at rune j.
func (z *zhText) unitAt(j int) bool {
	r := z.at(j)
	return r != 0 && (z.hasAny(j, zhUnitWords) != "" || strings.ContainsRune("年月日号"+zhMeasures, r))
}

// zhMeasures are measure words and nouns that follow counts (两国, 300名,
// 六点建议): the number is a count, without a unit. 道 (一道: together),
// 致, 体, 系, 步 and 流 are left out: they make words with 一.
const zhMeasures = "个项次名位家条点国方届轮批种类件座所部支架艘辆台套份组层级倍岁人场期笔门枚只处例宗款章节篇本册页段句字票局番军党"

type zhUnit struct {
	kind Kind
	unit string
}

var zhUnits = map[string]zhUnit{
	"个百分点": {KindPPoint, ""}, "百分点": {KindPPoint, ""}, "%": {KindPercent, ""}, "％": {KindPercent, ""},
	"周年": {KindAnniversary, ""}, "年代": {KindDecade, ""}, "世纪": {KindOrdinal, "century"},
	"个月": {KindDuration, "month"}, "个星期": {KindDuration, "week"}, "星期": {KindDuration, "week"},
	"周": {KindDuration, "week"}, "天": {KindDuration, "day"}, "小时": {KindDuration, "hour"},
	"季度": {KindPeriod, "quarter"},
	"美元": {KindAmount, "USD"}, "美金": {KindAmount, "USD"}, "欧元": {KindAmount, "EUR"},
	"日元": {KindAmount, "JPY"}, "英镑": {KindAmount, "GBP"}, "港元": {KindAmount, "HKD"}, "港币": {KindAmount, "HKD"},
	"卢布": {KindAmount, "RUB"}, "人民币元": {KindAmount, "CNY"}, "元人民币": {KindAmount, "CNY"},
	"人民币": {KindAmount, "CNY"}, "元": {KindAmount, "CNY"},
	"平方公里": {KindAmount, "km2"}, "平方千米": {KindAmount, "km2"}, "公里": {KindAmount, "km"}, "千米": {KindAmount, "km"},
	"立方米": {KindAmount, "m3"}, "公顷": {KindAmount, "ha"}, "千瓦时": {KindAmount, "kWh"}, "千瓦": {KindAmount, "kW"},
	"兆瓦": {KindAmount, "MW"}, "吨": {KindAmount, "t"}, "公斤": {KindAmount, "kg"}, "千克": {KindAmount, "kg"},
	"桶": {KindAmount, "bbl"}, "米": {KindAmount, "m"},
}

// zhUnitWords are the keys of zhUnits, longest first, so that 个百分点 wins
// over 个 and 元人民币 over 元.
var zhUnitWords = func() []string {
	var ws []string
	for w := range zhUnits {
		ws = append(ws, w)
	}
	sortLongestFirst(ws)
	return ws
}()

func sortLongestFirst(ws []string) {
	for a := 1; a < len(ws); a++ { // insertion sort: tiny lists, stable order
		for b := a; b > 0 && less(ws[b], ws[b-1]); b-- {
			ws[b], ws[b-1] = ws[b-1], ws[b]
		}
	}
}

func less(a, b string) bool {
	la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	if la != lb {
		return la > lb
	}
	return a < b
}

// decade reads 90年代 and, with a century just before it, 20世纪90年代 as
// the 1990s.
// It returns the rune where the decade starts.
func (z *zhText) decade(it *item, i int) int {
	if k := len(z.items) - 1; k >= 0 {
		prev := z.items[k]
		if prev.Kind == KindOrdinal && prev.Unit == "century" && prev.End == z.off[i] && it.Num < 100 {
			it.Num += (prev.Num - 1) * 100
			z.items = z.items[:k]
			for i > 0 && z.off[i] > prev.Start {
				i--
			}
		}
	}
	return i
}

// date reads the month and day after a year: 2011年6月16日; j is after 年.
func (z *zhText) date(n numeral, i, j int) (item, int, bool) {
	it := item{Value: Value{Kind: KindYear, Num: n.val}}
	m, ok := z.readNumeral(j)
	if !ok || z.at(m.end) != '月' || m.val != math.Trunc(m.val) || m.val < 1 || m.val > 12 {
		return it, j, true
	}
	it = item{Value: Value{Kind: KindMonth, Year: int(n.val), Month: int(m.val)}}
	return z.day(it, m.end+1)
}

// day reads the day after a month: 6月16日; j is after 月.
func (z *zhText) day(it item, j int) (item, int, bool) {
	d, ok := z.readNumeral(j)
	if !ok || (z.at(d.end) != '日' && z.at(d.end) != '号') || d.val != math.Trunc(d.val) || d.val < 1 || d.val > 31 {
		return it, j, true
	}
	it.Kind, it.Day = KindDate, int(d.val)
	return it, d.end + 1, true
}

// approxBefore says whether 约, 近, 逾, 超过 … stand before rune i.
func (z *zhText) approxBefore(i int) bool {
	for _, p := range []string{"大约", "将近", "接近", "超过", "多达", "不到", "不足", "至少", "约", "近", "逾", "超"} {
		k := i - utf8.RuneCountInString(p)
		if k >= 0 && z.has(k, p) {
			return true
		}
	}
	return false
}

// approxAfter says whether 左右, 以上, 多 … follow at rune j.
func (z *zhText) approxAfter(j int) bool {
	return z.hasAny(j, []string{"左右", "以上", "以下", "上下", "多", "余"}) != ""
}

// numeral is a Chinese, Arabic or mixed numeral: 二十一, 1000亿, 3.5万, 二0一一.
type numeral struct {
	val, base, mult float64 // val = base*mult, mult the trailing 万/亿
	end             int     // rune index after the numeral
	runes           int
	arabic          bool // has Arabic digits
	digitRun        bool // Chinese digits read one by one: 二〇一九
	plain4          bool // four digits and nothing else: a year before 年
	approx          bool // 1000多亿
}

// maxNumeralTokens bounds a numeral: 一千二百三十四万五千六百七十八亿… is
// far shorter, and evaluation is quadratic in the worst case.
const maxNumeralTokens = 48

type zhTok struct {
	kind   byte // 'd' digit, 'a' Arabic group, 'u' 十百千, 'm' 万亿, 'f' decimals (点五)
	val    float64
	digits int  // Arabic: digits before the point
	plain  bool // Arabic: no separator, no point
}

// readNumeral reads the numeral at rune i. On failure end still says how far
// the run went, so that the caller can skip it whole.
func (z *zhText) readNumeral(i int) (numeral, bool) {
	var ts []zhTok
	n := numeral{end: i}
	j := i
loop:
	for j < len(z.rs) {
		r := z.rs[j]
		switch {
		case isDigit(r):
			t, k := z.readArabic(j)
			ts = append(ts, t)
			n.arabic = true
			j = k
		case ChineseDigit(r) >= 0:
			ts = append(ts, zhTok{kind: 'd', val: float64(ChineseDigit(r))})
			j++
		case r == '十' || r == '百' || r == '千':
			nx := z.at(j + 1)
			if len(ts) == 0 && r != '十' || nx == '分' || r == '千' && strings.ContainsRune("米克瓦", nx) {
				break loop // 十分, 百分之, 千米: not part of the numeral
			}
			ts = append(ts, zhTok{kind: 'u', val: map[rune]float64{'十': 10, '百': 100, '千': 1000}[r]})
			j++
		case r == '万' || r == '亿':
			if len(ts) == 0 {
				break loop
			}
			ts = append(ts, zhTok{kind: 'm', val: map[rune]float64{'万': 1e4, '亿': 1e8}[r]})
			j++
		case r == '点' && len(ts) > 0 && ChineseDigit(z.at(j+1)) >= 0 && ts[len(ts)-1].kind != 'f':
			k, frac := j+1, "0."
			for ; ChineseDigit(z.at(k)) >= 0; k++ {
				frac += strconv.Itoa(ChineseDigit(z.rs[k]))
			}
			f, _ := strconv.ParseFloat(frac, 64)
			ts = append(ts, zhTok{kind: 'f', val: f})
			j = k
		case (r == '多' || r == '余') && len(ts) > 0 && strings.ContainsRune("十百千万亿", z.at(j+1)):
			n.approx = true
			j++
		default:
			break loop
		}
	}
	n.end, n.runes = j, j-i
	if len(ts) == 0 || len(ts) > maxNumeralTokens {
		return n, false
	}
	v, ok := n.eval(ts, z.rs[i:j])
	if !ok || math.IsNaN(v) || v > maxValue {
		return n, false
	}
	n.val, n.base, n.mult = v, v, 1
	if k := len(ts) - 1; ts[k].kind == 'm' {
		mult := 1.0
		for ; k >= 0 && ts[k].kind == 'm'; k-- {
			mult *= ts[k].val
		}
		n.base, n.mult = v/mult, mult
	}
	return n, true
}

// eval computes the value of the tokens of runes rs.
func (n *numeral) eval(ts []zhTok, rs []rune) (float64, bool) {
	units := false
	for _, t := range ts {
		units = units || t.kind == 'u' || t.kind == 'm'
	}
	if units {
		return evalUnits(ts)
	}
	switch {
	case len(ts) == 1:
		n.plain4 = ts[0].kind == 'a' && ts[0].plain && ts[0].digits == 4
		return ts[0].val, true
	case len(ts) == 2 && ts[0].kind == 'd' && ts[1].kind == 'f':
		return ts[0].val + ts[1].val, true // 三点五
	}
	// Chinese digits read one by one (二〇一九, 二0一一): only a year.
	same := true
	for _, r := range rs {
		same = same && r == rs[0]
	}
	if same {
		return 0, false // 一一, ○○○○: no single value
	}
	v, digits := 0.0, 0
	for _, t := range ts {
		switch {
		case t.kind == 'd':
			v, digits = v*10+t.val, digits+1
		case t.kind == 'a' && t.plain:
			v, digits = v*math.Pow(10, float64(t.digits))+t.val, digits+t.digits // 二00一
		default:
			return 0, false
		}
	}
	if digits != 4 {
		return 0, false
	}
	n.digitRun, n.plain4 = true, true
	return v, true
}

// evalUnits evaluates a positional numeral: 三千五百万, 1000亿, 一亿零五万.
func evalUnits(ts []zhTok) (float64, bool) {
	for _, big := range []float64{1e8, 1e4} {
		k := -1
		for i, t := range ts {
			if t.kind == 'm' && t.val == big {
				k = i
			}
		}
		if k < 0 {
			continue
		}
		if k == 0 {
			return 0, false
		}
		l, ok := evalUnits(ts[:k])
		if !ok {
			return 0, false
		}
		rest := ts[k+1:]
		if len(rest) == 0 {
			return l * big, true
		}
		if len(rest) == 1 && rest[0].kind == 'd' && rest[0].val > 0 {
			return l*big + rest[0].val*big/10, true // 三万五: 35,000
		}
		r, ok := evalUnits(rest)
		if !ok || r >= big {
			return 0, false
		}
		return l*big + r, true
	}
	return evalSection(ts)
}

// evalSection evaluates a numeral below 万: 二十一, 一百零五, 一千五.
func evalSection(ts []zhTok) (float64, bool) {
	total, cur, last := 0.0, -1.0, 1e4
	zero, elide := false, true
	for _, t := range ts {
		switch t.kind {
		case 'd', 'a':
			if t.kind == 'd' && t.val == 0 {
				zero, elide = true, false // 一百零五
				continue
			}
			if cur >= 0 {
				return 0, false
			}
			cur = t.val
			elide = elide && t.kind == 'd'
		case 'u':
			if t.val >= last {
				return 0, false
			}
			c := cur
			if c < 0 {
				if t.val != 10 || (total != 0 && !zero) {
					return 0, false
				}
				c = 1 // 十五, 一百一十
			}
			total += c * t.val
			cur, last, zero = -1, t.val, false
		case 'f':
			if cur < 0 {
				return 0, false
			}
			cur += t.val
			elide = false
		case 'm':
			return 0, false
		}
	}
	if cur >= 0 {
		if elide && last >= 100 && last < 1e4 && cur < 10 {
			cur *= last / 10 // 一千五: 1,500
		}
		total += cur
	}
	return total, true
}

// readArabic reads Arabic digits at rune i, half- or full-width, with
// thousands separators (1,000) and a decimal point.
func (z *zhText) readArabic(i int) (zhTok, int) {
	var b strings.Builder
	j, digits, plain := i, 0, true
	for ; isDigit(z.at(j)); j++ {
		b.WriteRune(digitValue(z.rs[j]))
		digits++
	}
	for z.at(j) == ',' && isDigit(z.at(j+1)) && isDigit(z.at(j+2)) && isDigit(z.at(j+3)) && !isDigit(z.at(j+4)) {
		for k := j + 1; k <= j+3; k++ {
			b.WriteRune(digitValue(z.rs[k]))
		}
		j, digits, plain = j+4, digits+3, false
	}
	if (z.at(j) == '.' || z.at(j) == '．') && isDigit(z.at(j+1)) {
		b.WriteByte('.')
		for j++; isDigit(z.at(j)); j++ {
			b.WriteRune(digitValue(z.rs[j]))
		}
		plain = false
	}
	v, err := strconv.ParseFloat(b.String(), 64)
	if err != nil {
		v = math.Inf(1) // too long: rejected by the caller
	}
	return zhTok{kind: 'a', val: v, digits: digits, plain: plain}, j
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' || '０' <= r && r <= '９' }

func digitValue(r rune) rune {
	if r >= '０' {
		return r - '０' + '0'
	}
	return r
}

func isLatin(r rune) bool {
	return 'a' <= r|0x20 && r|0x20 <= 'z' || 'ａ' <= r && r <= 'ｚ' || 'Ａ' <= r && r <= 'Ｚ'
}

// ChineseDigit is the value of a Chinese digit (〇 and ○ as written in
// years, 两 as in counts), or -1. Date parsing in internal/segment uses it too.
func ChineseDigit(r rune) int {
	switch r {
	case '〇', '零', '○':
		return 0
	case '一':
		return 1
	case '二', '两':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	}
	return -1
}
