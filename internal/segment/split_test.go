package segment

import (
	"errors"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// docWant is what a test expects of one document.
type docWant struct {
	title, date, signedDate, signedPlace string
	paragraphs                           int
	signature                            []string // signature paragraphs, in order
}

func checkDocs(t *testing.T, docs []Document, want []docWant) {
	t.Helper()
	if len(docs) != len(want) {
		for _, d := range docs {
			t.Logf("got %q %s", d.Title, d.Date)
		}
		t.Fatalf("got %d documents, want %d", len(docs), len(want))
	}
	for i, w := range want {
		d := docs[i]
		if d.Title != w.title || d.Date != w.date || d.SignedDate != w.signedDate || d.SignedPlace != w.signedPlace {
			t.Errorf("doc %d = %q %q signed %q %q\nwant %q %q signed %q %q", i,
				d.Title, d.Date, d.SignedDate, d.SignedPlace, w.title, w.date, w.signedDate, w.signedPlace)
		}
		if w.paragraphs > 0 && len(d.Paragraphs) != w.paragraphs {
			t.Errorf("doc %d has %d paragraphs, want %d", i, len(d.Paragraphs), w.paragraphs)
		}
		if got := signatureParagraphs(d); !reflect.DeepEqual(got, w.signature) {
			t.Errorf("doc %d signature = %q, want %q", i, got, w.signature)
		}
	}
}

// signatureParagraphs returns the paragraphs that have signature clauses.
func signatureParagraphs(d Document) []string {
	var out []string
	last := -1
	for _, c := range d.Clauses {
		if c.Kind == KindSignature && c.Paragraph != last {
			out = append(out, d.Paragraphs[c.Paragraph])
			last = c.Paragraph
		}
	}
	return out
}

// checkStructure asserts the invariants every Split result has:
// paragraphs are trimmed, non-empty substrings of the text, in order, with
// no break inside; clauses are non-empty, in paragraph order and partition each
// paragraph exactly.
func checkStructure(t testing.TB, text string, docs []Document) {
	t.Helper()
	cursor := 0 // paragraphs occur in the text in order
	for di, d := range docs {
		if d.Title == "" {
			t.Fatalf("doc %d has no title", di)
		}
		for pi, p := range d.Paragraphs {
			if p == "" || strings.TrimFunc(p, unicode.IsSpace) != p {
				t.Fatalf("doc %d paragraph %d is empty or untrimmed: %q", di, pi, p)
			}
			at := strings.Index(text[cursor:], p)
			if at < 0 {
				t.Fatalf("doc %d paragraph %d is not a substring of the text after the previous one: %q", di, pi, p)
			}
			cursor += at + len(p)
			if len(fragments(p, 0, len(p))) != 1 {
				t.Fatalf("doc %d paragraph %d contains a paragraph break: %q", di, pi, p)
			}
		}
		joined := make([]strings.Builder, len(d.Paragraphs))
		last := 0
		for ci, c := range d.Clauses {
			if c.Text == "" {
				t.Fatalf("doc %d clause %d is empty", di, ci)
			}
			if c.Paragraph < last || c.Paragraph >= len(d.Paragraphs) {
				t.Fatalf("doc %d clause %d has paragraph %d out of order", di, ci, c.Paragraph)
			}
			last = c.Paragraph
			joined[c.Paragraph].WriteString(c.Text)
		}
		for pi, p := range d.Paragraphs {
			if joined[pi].String() != p {
				t.Fatalf("doc %d paragraph %d: clauses join to %q, want %q", di, pi, joined[pi].String(), p)
			}
		}
	}
}

// markerRE matches a date marker in text with all whitespace removed.
var markerRE = regexp.MustCompile(`^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[\[［【]字体[:：]大中小[\]］】](?:[\[［【]?打印本页[\]］】]?)?`)

// checkLossless walks the scraped-form text with all whitespace removed
// and asserts it is exactly: dropped, then for every document its title,
// an optional （全文）, the date marker and its paragraphs. So no
// character is lost or duplicated, and each document's paragraphs are its
// statement's body with only chrome and whitespace removed.
func checkLossless(t *testing.T, text, dropped string, docs []Document) {
	t.Helper()
	rest := noSpace(text)
	eat := func(what, s string) {
		t.Helper()
		s = noSpace(s)
		if !strings.HasPrefix(rest, s) {
			t.Fatalf("expected %s %q, text continues %q", what, s, firstRunes(rest, 40))
		}
		rest = rest[len(s):]
	}
	eat("dropped label", dropped)
	for i, d := range docs {
		eat("title", d.Title)
		rest = strings.TrimPrefix(rest, "（全文）")
		m := markerRE.FindString(rest)
		if m == "" || !strings.HasPrefix(m, d.Date) {
			t.Fatalf("doc %d: expected date marker %s, text continues %q", i, d.Date, firstRunes(rest, 40))
		}
		rest = rest[len(m):]
		for _, p := range d.Paragraphs {
			eat("paragraph", p)
		}
	}
	if rest != "" {
		t.Fatalf("text left over: %q", firstRunes(rest, 40))
	}
}

func noSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), "")
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

func TestSplitSyntheticScraped(t *testing.T) {
	data, err := os.ReadFile("testdata/synthetic-scraped.txt")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := Parse("synthetic-scraped.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	checkDocs(t, docs, []docWant{
		{
			title: "中华人民共和国和俄罗斯联邦关于加强科技创新合作的联合声明", date: "2019-06-06",
			signedDate: "2019-06-05", signedPlace: "圣彼得堡", paragraphs: 14,
			signature: []string{"中华人民共和国主席", "俄罗斯联邦总统", "王一明", "伊·伊·伊万诺夫", "（签字）", "（签字）", "二〇一九年六月五日于圣彼得堡"},
		},
		// No signature; title without （全文）; glued to the next title by its last sentence.
		{title: "中俄总理定期会晤联合公报", date: "2019-06-07", paragraphs: 3},
		{
			title: "关于深化人文交流的联合新闻稿", date: "2020-01-15",
			signedDate: "2020-01-14", signedPlace: "北京", paragraphs: 7,
			signature: []string{"中华人民共和国国务院总理", "俄罗斯联邦政府总理", "李二", "米·米·米哈伊洛夫二〇二〇年一月十四日于北京"},
		},
		{
			title: "中国和俄罗斯关于共同应对气候变化的联合声明", date: "2020-03-02",
			signedDate: "2020-03-01", signedPlace: "莫斯科", paragraphs: 5,
			signature: []string{"中华人民共和国外交部长", "俄罗斯联邦外交部长", "二〇二〇年三月一日于莫斯科"},
		},
	})
	checkStructure(t, string(data), docs)
	checkLossless(t, string(data), "2019新闻稿", docs)

	// Headings and clause boundaries survive the scraped form.
	want := []Clause{
		{3, "（一）", KindHeading},
		{3, "扩大联合研究规模，支持两国科研机构“共建实验室。”", KindText},
		{3, "双方将每年评估一次成果。", KindText},
	}
	if got := docs[0].Clauses[6:9]; !reflect.DeepEqual(got, want) {
		t.Errorf("doc 0 clauses 6–8 = %+v", got)
	}
	if c := docs[2].Clauses[1]; c.Kind != KindHeading || c.Text != "1. " {
		t.Errorf("doc 2 clause 1 = %+v, want heading %q", c, "1. ")
	}
}

func TestSplitChromeVariants(t *testing.T) {
	for _, chrome := range []string{
		"2020-01-02[字体：大 中 小]      打印本页",
		"2020-01-02 [字体:大中小]打印本页",
		"2020-1-2［字体：大\u3000中\u3000小］\u3000\u3000打印本页",
		"2020-01-02【字体：大 中 小】[打印本页]",
		"2020-01-02\n[字体：大 中 小]\n打印本页",
		"2020-01-02[字体：大 中 小]", // no 打印本页
	} {
		text := "中国和俄罗斯关于合作的声明（全文）" + chrome + "\u3000\u3000双方同意。"
		docs, err := Split("x.txt", text)
		if err != nil {
			t.Fatal(err)
		}
		checkDocs(t, docs, []docWant{{title: "中国和俄罗斯关于合作的声明", date: "2020-01-02", paragraphs: 1}})
		if docs[0].Paragraphs[0] != "双方同意。" {
			t.Errorf("chrome %q: paragraphs %q", chrome, docs[0].Paragraphs)
		}
	}
}

func TestTitleStart(t *testing.T) {
	tests := []struct {
		name    string
		frag    string
		first   bool
		context string
		pieces  []string // what precedes the title, then the title
	}{
		{"plain title", "中国和俄罗斯关于当前国际形势的联合声明（全文）", false, "", []string{"中国和俄罗斯关于当前国际形势的联合声明（全文）"}},
		{"after sentence", "（五）……不懈努力。中国和俄罗斯关于某事的联合声明", false, "", []string{"（五）……不懈努力。", "中国和俄罗斯关于某事的联合声明"}},
		{"after quoted sentence", "落实“行动计划”。”关于某事的声明", false, "", []string{"落实“行动计划”。”", "关于某事的声明"}},
		{"date place 莫斯科", "二0一一年六月十六日于莫斯科中华人民共和国和俄罗斯联邦关于某事的联合声明", false, "", []string{"二0一一年六月十六日于莫斯科", "中华人民共和国和俄罗斯联邦关于某事的联合声明"}},
		{"date place 北京", "二０一二年六月五日于北京中华人民共和国和俄罗斯联邦关于某事的联合声明", false, "", []string{"二０一二年六月五日于北京", "中华人民共和国和俄罗斯联邦关于某事的联合声明"}},
		{"name date place 圣彼得堡", "弗·弗·普京二○一五年五月八日于圣彼得堡中俄关于某事的联合声明", false, "", []string{"弗·弗·普京二○一五年五月八日于圣彼得堡", "中俄关于某事的联合声明"}},
		{"place before 关于", "二〇二〇年一月十四日于上海关于某事的联合新闻稿", false, "", []string{"二〇二〇年一月十四日于上海", "关于某事的联合新闻稿"}},
		{"place before any 中", "二〇二〇年一月十四日于喀山中亚五国关于某事的声明", false, "", []string{"二〇二〇年一月十四日于喀山", "中亚五国关于某事的声明"}},
		{"place with space", "二〇二〇年一月十四日于喀山 五国关于某事的声明", false, "", []string{"二〇二〇年一月十四日于喀山 ", "五国关于某事的声明"}},
		{"place from context", "二〇一八年六月十日于乌兰巴托东北亚合作宣言", false, "三国元首在乌兰巴托举行会晤。", []string{"二〇一八年六月十日于乌兰巴托", "东北亚合作宣言"}},
		{"place fallback two runes", "二〇一八年六月十日于青岛东北亚合作宣言", false, "", []string{"二〇一八年六月十日于青岛", "东北亚合作宣言"}},
		{"date without place", "二〇一八年六月十日中华人民共和国政府声明", false, "", []string{"二〇一八年六月十日", "中华人民共和国政府声明"}},
		{"sentence then date place", "共同努力。二〇一八年六月十日于北京中国政府声明", false, "", []string{"共同努力。", "二〇一八年六月十日于北京", "中国政府声明"}},
		{"arabic date in title kept", "关于2015年5月8日会谈的新闻公报", false, "", []string{"关于2015年5月8日会谈的新闻公报"}},
		{"page label", "2011全面战略协作伙伴关系中国国家主席胡锦涛和俄罗斯总统联合声明", true, "", []string{"2011全面战略协作伙伴关系", "中国国家主席胡锦涛和俄罗斯总统联合声明"}},
		{"page label before 关于", "2019新闻稿关于某事的声明", true, "", []string{"2019新闻稿", "关于某事的声明"}},
		{"page label after page text", "首页 > 要闻。2019新闻稿关于某事的声明", true, "", []string{"首页 > 要闻。", "2019新闻稿", "关于某事的声明"}},
		{"page label only on first", "2011全面战略协作伙伴关系中国国家主席联合声明", false, "", []string{"2011全面战略协作伙伴关系中国国家主席联合声明"}},
		{"year with 年 is a title", "2015年中俄联合声明", true, "", []string{"2015年中俄联合声明"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cuts := titleStart(tt.frag, tt.first, tt.context)
			var got []string
			for _, sp := range splitAt(span{0, len(tt.frag)}, cuts) {
				got = append(got, tt.frag[sp.start:sp.end])
			}
			if !reflect.DeepEqual(got, tt.pieces) {
				t.Errorf("pieces = %q, want %q", got, tt.pieces)
			}
		})
	}
}

func TestSplitPlain(t *testing.T) {
	text := "关于加强合作的声明（全文）\n\n" +
		"\u3000\u3000二〇一九年九月十一日，双方在北京会晤。\n" +
		"一、双方同意加强合作。\n" +
		"（一）扩大贸易；提高质量。\n" +
		"二\n" +
		"双方将定期评估。\n" +
		"甲方代表\u3000\u3000乙方代表\n" +
		"二〇一九年九月十一日于北京\n"
	docs, err := Split("notes/statement.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	checkDocs(t, docs, []docWant{{
		title: "关于加强合作的声明", date: "2019-09-11", signedDate: "2019-09-11", signedPlace: "北京",
		paragraphs: 8, signature: []string{"甲方代表", "乙方代表", "二〇一九年九月十一日于北京"},
	}})
	checkStructure(t, text, docs)
	kinds := map[string]Kind{}
	for _, c := range docs[0].Clauses {
		kinds[c.Text] = c.Kind
	}
	for text, k := range map[string]Kind{"一、": KindHeading, "（一）": KindHeading, "二": KindHeading, "扩大贸易；": KindText, "甲方代表": KindSignature} {
		if kinds[text] != k {
			t.Errorf("clause %q kind %q, want %q", text, kinds[text], k)
		}
	}
}

func TestSplitPlainTitleFromFileName(t *testing.T) {
	tests := []struct {
		name, text, title, date string
		paragraphs              int
	}{
		{`C:\docs\会谈纪要.txt`, "双方于2020年3月1日举行会谈。\n会谈富有成果。", "会谈纪要", "2020-03-01", 2},
		{"dir/notes.txt", "这是第一句。这是第二句。", "notes", "", 1},                      // one line: a body, not a title
		{"a.b.txt", "双方同意：\n合作。", "a.b", "", 2},                                // ends with a colon
		{".txt", "一\n合作。", ".txt", "", 2},                                      // a heading is no title
		{"", "很长的第一行" + strings.Repeat("很长", 40) + "\n正文。", "untitled", "", 2}, // too long
	}
	for _, tt := range tests {
		docs, err := Split(tt.name, tt.text)
		if err != nil {
			t.Fatal(err)
		}
		checkDocs(t, docs, []docWant{{title: tt.title, date: tt.date, paragraphs: tt.paragraphs}})
	}
}

func TestSignatureNeedsDateOrSigning(t *testing.T) {
	// Short trailing lines without a date or 签字 are not a signature.
	docs, err := Split("x.txt", "标题\n双方同意。\n附件一\n附件二")
	if err != nil {
		t.Fatal(err)
	}
	if sig := signatureParagraphs(docs[0]); sig != nil || docs[0].SignedDate != "" {
		t.Errorf("unexpected signature %q", sig)
	}
	// A document made only of short lines is not all signature.
	docs, _ = Split("x.txt", "甲\n二〇一九年九月十一日")
	if sig := signatureParagraphs(docs[0]); sig != nil {
		t.Errorf("unexpected signature %q", sig)
	}
}

func TestSplitEmpty(t *testing.T) {
	for _, text := range []string{"", " \n\u3000\t"} {
		_, err := Split("blank.txt", text)
		var fe *FileError
		if !errors.As(err, &fe) || err.Error() != "blank.txt: contains no text" {
			t.Errorf("Split(%q) error = %v", text, err)
		}
	}
}

func TestFragments(t *testing.T) {
	text := " 甲 乙\u3000\u3000丙\n丁 \u3000戊\u00a0\u00a0己\r\n庚\r辛\u2029壬 "
	var got []string
	for _, sp := range fragments(text, 0, len(text)) {
		got = append(got, text[sp.start:sp.end])
	}
	want := []string{"甲 乙", "丙", "丁", "戊", "己", "庚", "辛", "壬"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fragments = %q, want %q", got, want)
	}
}
