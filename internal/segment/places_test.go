package segment

import (
	"os"
	"reflect"
	"testing"
)

// Statements signed in several places, in the scraped form (one line, page
// chrome after each title): the next title is glued to the places, and
// must neither lose a place to the title nor begin with 和 or 、.
func TestSplitSignedInSeveralPlaces(t *testing.T) {
	data, err := os.ReadFile("testdata/synthetic-places.txt")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := Parse("synthetic-places.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	checkDocs(t, docs, []docWant{
		{
			// 莫斯科和圣彼得堡 then a title opening (中俄).
			title: "中华人民共和国和俄罗斯联邦关于加强北极合作的联合声明", date: "2019-06-06",
			signedDate: "2019-06-05", signedPlace: "莫斯科、圣彼得堡", paragraphs: 6,
			signature: []string{"中华人民共和国主席", "俄罗斯联邦总统", "王一明", "伊·伊·伊万诺夫二〇一九年六月五日于莫斯科和圣彼得堡"},
		},
		{
			// 北京、上海 then a title without a typical opening: known places.
			title: "中俄关于加强人文交流的联合公报", date: "2019-06-07",
			signedDate: "2019-06-06", signedPlace: "北京、上海", paragraphs: 5,
			signature: []string{"中华人民共和国国务院总理", "俄罗斯联邦政府总理", "二〇一九年六月六日于北京、上海"},
		},
		{
			// 乌兰巴托与莫斯科 then a title that begins with 和平 (a word, not 和).
			title: "东北亚地区合作宣言", date: "2019-06-08",
			signedDate: "2019-06-07", signedPlace: "乌兰巴托、莫斯科", paragraphs: 4,
			signature: []string{"三方外交部长", "（签字）", "二〇一九年六月七日于乌兰巴托与莫斯科"},
		},
		{
			title: "和平与发展联合倡议", date: "2019-06-10",
			signedDate: "2019-06-09", signedPlace: "喀山", paragraphs: 2,
			signature: []string{"二〇一九年六月九日于喀山"},
		},
	})
	checkStructure(t, string(data), docs)
	checkLossless(t, string(data), "2019要闻", docs)
	for i, d := range docs {
		if d.Title != "和平与发展联合倡议" && badTitleStart(d.Title) {
			t.Errorf("doc %d title begins with a conjunction or punctuation: %q", i, d.Title)
		}
	}
}

func TestTitleStartAfterSeveralPlaces(t *testing.T) {
	tests := []struct {
		name, frag, context string
		pieces              []string
	}{
		{"和 then opening", "二〇一五年五月八日于莫斯科和北京中华人民共和国和俄罗斯联邦关于某事的联合声明", "",
			[]string{"二〇一五年五月八日于莫斯科和北京", "中华人民共和国和俄罗斯联邦关于某事的联合声明"}},
		{"和 with a long second place", "二〇一五年五月八日于北京和圣彼得堡中俄关于某事的联合声明", "",
			[]string{"二〇一五年五月八日于北京和圣彼得堡", "中俄关于某事的联合声明"}},
		{"、 then opening", "二〇一五年五月八日于莫斯科、北京关于某事的声明", "",
			[]string{"二〇一五年五月八日于莫斯科、北京", "关于某事的声明"}},
		{"three places", "二〇一五年五月八日于北京、莫斯科和阿斯塔纳上海合作组织某宣言", "",
			[]string{"二〇一五年五月八日于北京、莫斯科和阿斯塔纳", "上海合作组织某宣言"}},
		{"known places, no opening", "二〇一五年五月八日于莫斯科与北京东北亚合作宣言", "",
			[]string{"二〇一五年五月八日于莫斯科与北京", "东北亚合作宣言"}},
		{"places from context", "二〇一五年五月八日于喀什和库尔勒东北亚合作宣言", "双方在喀什和库尔勒举行会谈。",
			[]string{"二〇一五年五月八日于喀什和库尔勒", "东北亚合作宣言"}},
		{"和平 begins the title", "二〇一五年五月八日于北京和平共处五项原则纪念宣言", "",
			[]string{"二〇一五年五月八日于北京", "和平共处五项原则纪念宣言"}},
		{"unknown places: never a title after 和", "二〇一五年五月八日于甲乙和丙丁戊东北亚合作宣言", "",
			[]string{"二〇一五年五月八日于甲乙和丙丁", "戊东北亚合作宣言"}},
		{"name, date, places", "弗·弗·普京二○一五年五月八日于莫斯科和圣彼得堡中俄关于某事的联合声明", "",
			[]string{"弗·弗·普京二○一五年五月八日于莫斯科和圣彼得堡", "中俄关于某事的联合声明"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, sp := range splitAt(span{0, len(tt.frag)}, titleStart(tt.frag, false, tt.context)) {
				got = append(got, tt.frag[sp.start:sp.end])
			}
			if !reflect.DeepEqual(got, tt.pieces) {
				t.Errorf("pieces = %q, want %q", got, tt.pieces)
			}
		})
	}
}

func TestSignedPlaces(t *testing.T) {
	tests := []struct {
		line, date, place string
	}{
		{"二〇一五年五月八日于莫斯科", "2015-05-08", "莫斯科"},
		{"二〇一五年五月八日于莫斯科和北京", "2015-05-08", "莫斯科、北京"},
		{"二〇一五年五月八日于莫斯科、北京", "2015-05-08", "莫斯科、北京"},
		{"二〇一五年五月八日于北京、莫斯科及阿斯塔纳", "2015-05-08", "北京、莫斯科、阿斯塔纳"},
		{"二〇一五年五月八日于莫斯科与 北京", "2015-05-08", "莫斯科、北京"},
		{"二〇一五年五月八日于和田", "2015-05-08", "和田"}, // 和 begins a name
		{"弗·弗·普京二○一五年五月八日于莫斯科", "2015-05-08", "莫斯科"},
		{"二〇一五年五月八日", "2015-05-08", ""},
		{"二〇一五年五月八日于Moscow", "2015-05-08", ""},
	}
	for _, tt := range tests {
		if !isSignatureLine(tt.line) {
			t.Errorf("%q is not read as a signature line", tt.line)
		}
		if date, place := signedAt([]string{tt.line}); date != tt.date || place != tt.place {
			t.Errorf("signedAt(%q) = %q %q, want %q %q", tt.line, date, place, tt.date, tt.place)
		}
	}
	// A list in a sentence is not a signature line.
	for _, line := range []string{"双方在莫斯科、北京会谈", "二〇一五年五月八日，双方会谈", "经济、文化"} {
		if isSignatureLine(line) {
			t.Errorf("%q is read as a signature line", line)
		}
	}
}

func TestBadTitleStart(t *testing.T) {
	for s, bad := range map[string]bool{
		"和北京中华人民共和国…": true, "、北京关于…": true, "与莫斯科…": true, "及其他": true, "并且": true,
		"，关于": true, "中华人民共和国": false, "关于": false, "和平共处": false, "和谐世界": false, "": true,
	} {
		if got := badTitleStart(s); got != bad {
			t.Errorf("badTitleStart(%q) = %v, want %v", s, got, bad)
		}
	}
}
