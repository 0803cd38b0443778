package segment

import "testing"

func TestParseChineseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" means not a date
	}{
		{"2011年6月16日", "2011-06-16"},
		{"二0一一年六月十六日", "2011-06-16"},  // ASCII zero
		{"二０一二年六月五日", "2012-06-05"},   // full-width zero
		{"二○一五年五月八日", "2015-05-08"},   // white circle U+25CB
		{"二〇一九年九月十一日", "2019-09-11"},  // ideographic zero U+3007
		{"二0一三年三月二十二日", "2013-03-22"}, // 二十二
		{"二零二零年十二月三十一日", "2020-12-31"},
		{"２０１５年５月８日", "2015-05-08"},
		{"二〇二〇年二月廿九日", "2020-02-29"},
		{"二〇二〇年十月十日", "2020-10-10"},
		{" 2011年6月16日\u3000", "2011-06-16"},
		{"二〇二一年二月二十九日", ""}, // not a leap year
		{"2011年13月1日", ""},
		{"2011年6月16日于莫斯科", ""}, // not the whole string
		{"二〇一九年九月十十日", ""},
		{"二〇一九年九月一十一日", "2019-09-11"}, // formal 一十一 = 11
		{"二〇一九年九月二三日", ""},
		{"0000年1月1日", ""},
		{"2011-06-16", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := ParseChineseDate(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("ParseChineseDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestFindChineseDates(t *testing.T) {
	s := "弗·弗·普京二○一五年五月八日于莫斯科，12011年1月1日不算，2016年6月25日算。"
	got := findChineseDates(s)
	if len(got) != 2 {
		t.Fatalf("found %d dates, want 2: %+v", len(got), got)
	}
	if got[0].iso != "2015-05-08" || s[got[0].start:got[0].end] != "二○一五年五月八日" {
		t.Errorf("first date = %+v", got[0])
	}
	if got[1].iso != "2016-06-25" {
		t.Errorf("second date = %+v", got[1])
	}
}
