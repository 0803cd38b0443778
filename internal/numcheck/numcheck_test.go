package numcheck

import (
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
)

// values writes vs as "kind:description" with a * for soft values.
func values(vs []Value) string {
	var out []string
	for _, v := range vs {
		d := string(v.Kind) + ":" + Describe(v)
		if v.Soft {
			d += "*"
		}
		out = append(out, d)
	}
	return strings.Join(out, " | ")
}

func TestChinese(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"提升至1000亿美元", "amount:100,000,000,000 USD"},
		{"3.5万吨", "amount:35,000 t"},
		{"2.5亿元", "amount:250,000,000 CNY"},
		{"人民币1000亿元", "amount:100,000,000,000 CNY"},
		{"1.2万亿元人民币", "amount:1,200,000,000,000 CNY"},
		{"两千万美元", "amount:20,000,000 USD"},
		{"三千五百万人", "number:35,000,000"},
		{"一百零五名", "number:105"},
		{"1000多亿美元", "amount:about 100,000,000,000 USD"},
		{"逾3000万人次", "number:about 30,000,000"},
		{"１５０亿美元", "amount:15,000,000,000 USD"},
		{"1,000亿美元", "amount:100,000,000,000 USD"},
		{"二0一一年六月十六日", "date:16 June 2011"},
		{"二０一二年六月五日", "date:5 June 2012"},
		{"二○一五年五月八日", "date:8 May 2015"},
		{"二〇一九年九月十一日", "date:11 September 2019"},
		{"二00一年七月十六日", "date:16 July 2001"},
		{"2011-06-17", "date:17 June 2011"},
		{"2010年5月", "month:May 2010"},
		{"今年6月底", "month:June"},
		{"2011年年底前", "year:2011"},
		{"2012年6月5日至6日", "date:5 June 2012 | date:6 June 2012"},
		{"2013年至2017年", "year:2013 | year:2017"},
		{"（2009-2018年）", "year:2009 | year:2018"},
		{"2014－2016年", "year:2014 | year:2016"},
		{"5至10万吨", "amount:50,000 t | amount:100,000 t"},
		{"5至10人", "number:5 | number:10"}, // range ends are never soft
		{"第三次会晤", "ordinal:3rd"},
		{"第二十一次缔约方会议", "ordinal:21st"},
		{"第2043号决议", "number:2043"},
		{"首次", ""},
		{"第一次", "ordinal:1st*"},
		{"21世纪", "ordinal:21st century"},
		{"十三五规划", "ordinal:13th | duration:5 years"},
		{"百分之五", "percent:5%"},
		{"百分之二十五点五", "percent:25.5%"},
		{"5％", "percent:5%"},
		{"2个百分点", "ppoint:2 percentage points"},
		{"三分之一", "fraction:1/3"},
		{"超过一半", "fraction:about 1/2"},
		{"10周年", "anniversary:10th anniversary"},
		{"七十周年", "anniversary:70th anniversary"},
		{"10年来", "duration:10 years"},
		{"3个月", "duration:3 months"},
		{"一年内", "duration:1 year*"},
		{"上半年", "period:H1"},
		{"第一季度", "period:Q1"},
		{"20世纪90年代", "decade:1990s"},
		{"两国", "number:2*"},
		{"六方会谈", "number:6*"},
		// words that are not numbers
		{"一致", ""}, {"一道", ""}, {"进一步", ""}, {"一体化", ""}, {"统一", ""}, {"一系列", ""}, {"双方", ""},
		{"十分重要", ""}, {"独一无二", ""}, {"三亚", ""}, {"零和博弈", ""}, {"千年发展目标", ""},
		{"数十个委员会", ""}, {"十几个", ""}, {"二十国集团（G20）", ""}, {"5G", ""},
		{"十七、双方", ""}, {"（二）将", ""}, {"一是加强互信；二是深化合作", ""},
		{"2010年代表团", "year:2010"},
	} {
		if got := values(Chinese(c.in)); got != c.want {
			t.Errorf("Chinese(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestEnglish(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"US$100 billion", "amount:100,000,000,000 USD"},
		{"USD 200 billion", "amount:200,000,000,000 USD"},
		{"$100bn", "amount:100,000,000,000 USD"},
		{"the $100-billion mark", "amount:100,000,000,000 USD"},
		{"100 billion U.S. dollars", "amount:100,000,000,000 USD"},
		{"RMB 1.2 trillion", "amount:1,200,000,000,000 CNY"},
		{"250 million yuan", "amount:250,000,000 CNY"},
		{"35 thousand tonnes", "amount:35,000 t"},
		{"1.2 million", "number:1,200,000"},
		{"two hundred billion US dollars", "amount:200,000,000,000 USD"},
		{"one hundred and five", "number:105"},
		{"about 4,300 km", "amount:about 4,300 km"},
		{"16 June 2011", "date:16 June 2011"},
		{"June 16, 2011", "date:16 June 2011"},
		{"the 16th of June, 2011", "date:16 June 2011"},
		{"2011-06-16", "date:16 June 2011"},
		{"Jun. 16, 2011", "date:16 June 2011"},
		{"in May 2010", "month:May 2010"},
		{"May-June 2015", "month:May 2015 | month:June 2015"},
		{"16/06/2011", "date:16 June 2011"},
		{"06/16/2011", "date:16 June 2011"},
		{"05/06/2012", ""}, // either order: not read
		{"2011/6/16", "date:16 June 2011"},
		{"in May", "month:May"},
		{"The two sides may consult", "number:2*"},
		{"June 5-6, 2012", "date:5 June 2012 | date:6 June 2012"},
		{"from 8 to 10 May 2015", "date:8 May 2015 | date:10 May 2015"},
		{"June 30 to July 2, 2015", "date:30 June 2015 | date:2 July 2015"},
		{"2013-2017", "year:2013 | year:2017"},
		{"from 2013 to 2017", "year:2013 | year:2017"},
		{"2011-12", "year:2011 | year:2012"},
		{"100-200 billion dollars", "amount:100,000,000,000 USD | amount:200,000,000,000 USD"},
		{"the third summit", "ordinal:3rd"},
		{"the 10th session", "ordinal:10th"},
		{"twenty-first century", "ordinal:21st century"},
		{"the first time", "ordinal:1st*"},
		{"First, to strengthen", ""},
		{"5 percent", "percent:5%"},
		{"5.5 per cent", "percent:5.5%"},
		{"five%", "percent:5%"},
		{"2 percentage points", "ppoint:2 percentage points"},
		{"half a percentage point", "ppoint:0.5 percentage points"},
		{"one third", "fraction:1/3"},
		{"two-thirds", "fraction:2/3"},
		{"a third of", "fraction:1/3"},
		{"a third country", "ordinal:3rd"},
		{"the 10th anniversary", "anniversary:10th anniversary"},
		{"the tenth anniversary", "anniversary:10th anniversary"},
		{"the past decade", "duration:10 years"},
		{"two decades", "duration:20 years"},
		{"a ten-year plan", "duration:10 years"},
		{"the first half of 2015", "period:H1 | year:2015"},
		{"in the second half of the year", "period:H2"},
		{"the first half, and", "period:H1*"}, {"the first half of the talks", "period:H1*"},
		{"Q3", "period:Q3"},
		{"the 1990s", "decade:1990s"},
		{"the '90s", "decade:'90s"},
		{"COP21", "ordinal:21st"},
		{"resolutions 1970 and 1973", "year:1970 | year:1973"},
		// not numbers
		{"one another", "number:1*"}, {"no one", "number:1*"}, {"G20", ""}, {"the Group of Twenty", ""},
		{"COVID-19", ""}, {"5G networks", ""}, {"(2) Deepen", ""}, {"17. The two sides", "number:2*"},
		{"hundreds of millions", ""}, {"dozens of committees", ""}, {"on behalf of", ""},
	} {
		if got := values(English(c.in)); got != c.want {
			t.Errorf("English(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCompareMessage(t *testing.T) {
	for _, c := range []struct{ zh, en, want string }{
		{"在2020年前提升至2000亿美元。", "to US$20 billion by 2020",
			"source 2000亿美元 = 200,000,000,000 USD; target has US$20 billion"},
		{"2011年6月16日", "6 June 2011", "source 2011年6月16日 = 16 June 2011; target has 6 June 2011"},
		{"两国贸易额增长5%。", "Trade between the two countries grew.", "source 5% is not in the target"},
		{"双方将继续合作。", "The two sides will continue to cooperate in 2016.", "target has 2016, which is not in the source"},
	} {
		m, ok := Compare(c.zh, c.en)
		if !ok || m.Message != c.want {
			t.Errorf("Compare(%q, %q) = %v %q, want %q", c.zh, c.en, ok, m.Message, c.want)
		}
	}
	if m, ok := Compare("两国元首", "the heads of state of both countries"); ok {
		t.Errorf("a soft value was reported: %q", m.Message)
	}
}

// Each shape of message has its code and params.
func TestCompareCodes(t *testing.T) {
	type p = map[string]string
	for _, c := range []struct {
		zh, en, code string
		params       p
	}{
		{"在2020年前提升至2000亿美元。", "to US$20 billion by 2020", CodeChanged,
			p{"source": "2000亿美元 = 200,000,000,000 USD", "target": "US$20 billion"}},
		{"两国贸易额增长5%，投资增长8%。", "Trade between the two countries grew.", CodeMissing, p{"source": "5%; 8%"}},
		{"双方将继续合作。", "The two sides will continue to cooperate in 2016.", CodeExtra, p{"target": "2016"}},
		{"两国贸易额增长5%。", "Trade grew 6% in 2016.", CodeChanged, p{"source": "5%", "target": "6%; 2016"}},
	} {
		m, ok := Compare(c.zh, c.en)
		if !ok || m.Code != c.code || !maps.Equal(m.Params, c.params) {
			t.Errorf("Compare(%q, %q) = %s %q, want %s %q (%s)", c.zh, c.en, m.Code, m.Params, c.code, c.params, m.Message)
		}
	}
}

func TestDescribe(t *testing.T) {
	for _, c := range []struct {
		v    Value
		want string
	}{
		{Value{Kind: KindAmount, Num: 2e11, Unit: "USD"}, "200,000,000,000 USD"},
		{Value{Kind: KindNumber, Num: 2043}, "2043"},
		{Value{Kind: KindNumber, Num: 1.5}, "1.5"},
		{Value{Kind: KindDate, Year: 2011, Month: 6, Day: 16}, "16 June 2011"},
		{Value{Kind: KindDate, Day: 10}, "day 10"},
		{Value{Kind: KindOrdinal, Num: 3}, "3rd"},
		{Value{Kind: KindOrdinal, Num: 12}, "12th"},
		{Value{Kind: KindOrdinal, Num: 22}, "22nd"},
		{Value{Kind: KindPercent, Num: 5, Approx: true}, "about 5%"},
		{Value{Kind: KindFraction, Num: 2.0 / 3}, "2/3"},
		{Value{Kind: KindPPoint, Num: 1}, "1 percentage point"},
		{Value{Kind: KindDuration, Num: 3, Unit: "month"}, "3 months"},
		{Value{Kind: KindDecade, Num: 90}, "'90s"},
	} {
		if got := Describe(c.v); got != c.want {
			t.Errorf("Describe(%+v) = %q, want %q", c.v, got, c.want)
		}
	}
}

// TestSeed parses the Chinese seed corpus: the REFERENCE counts its amounts
// (1000亿美元 and 2000亿美元, three times each), and the words that contain a
// numeral without being numbers must give nothing.
func TestSeed(t *testing.T) {
	b, err := os.ReadFile("../demo/zh-ru-joint-statements-2011-2015.txt")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	vs := Chinese(s)
	amounts := map[float64]int{}
	for _, v := range vs {
		if v.Kind == KindAmount && v.Unit == "USD" {
			amounts[v.Num]++
		}
		for _, w := range []string{"一道", "一致", "进一步", "一体化", "统一", "一系列", "双方", "十分", "零和", "独一无二", "三亚", "千年"} {
			if strings.HasPrefix(s[v.Start:], w) || strings.Contains(v.Text, w) {
				t.Errorf("a value at %s: %q", w, v.Text)
			}
		}
	}
	if amounts[1e11] != 3 || amounts[2e11] != 3 || len(amounts) != 2 {
		t.Errorf("USD amounts in the seed: %v, want 1e11 and 2e11 three times each", amounts)
	}
	if n := len(vs); n < 150 {
		t.Errorf("only %d values in the seed", n)
	}
	ordinals := slices.IndexFunc(vs, func(v Value) bool { return v.Kind == KindOrdinal && v.Num == 21 })
	if ordinals < 0 {
		t.Errorf("第二十一次 not found in the seed")
	}
}
