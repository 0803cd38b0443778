package segment

import (
	"reflect"
	"strings"
	"testing"
)

// h and x build expected clauses: heading and text.
func h(s string) Clause { return Clause{Text: s, Kind: KindHeading} }
func x(s string) Clause { return Clause{Text: s, Kind: KindText} }

func TestClauses(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Clause
	}{
		{"empty", "", nil},
		{"no terminator", "双方认为", []Clause{x("双方认为")}},
		{"terminators", "甲。乙！丙？丁；戊", []Clause{x("甲。"), x("乙！"), x("丙？"), x("丁；"), x("戊")}},
		{"repeated terminators", "真的吗？！好。", []Clause{x("真的吗？！"), x("好。")}},
		{"closing quote stays", "他说：“好。”然后走了。", []Clause{x("他说：“好。”"), x("然后走了。")}},
		{"closing bracket stays", "合作（详见附件。）双方满意。", []Clause{x("合作（详见附件。）"), x("双方满意。")}},
		{"nested closers", "（“是。”）下一句。", []Clause{x("（“是。”）"), x("下一句。")}},
		{"no split inside quotes", "采取“分步走。再走”方式。", []Clause{x("采取“分步走。再走”方式。")}},
		{"no split inside title marks", "《甲。乙》签署。丙。", []Clause{x("《甲。乙》签署。"), x("丙。")}},
		{"no split inside corner brackets", "「甲；乙」和『丙！丁』。", []Clause{x("「甲；乙」和『丙！丁』。")}},
		{"unclosed opener falls back", "采取“分步走。仓促推动。", []Clause{x("采取“分步走。"), x("仓促推动。")}},
		{"unclosed inside closed", "（甲“乙。丙）丁。", []Clause{x("（甲“乙。丙）丁。")}},
		{"stray closer after terminator", "好。”下一句。", []Clause{x("好。”"), x("下一句。")}},
		{"whitespace follows clause", "甲。 乙。\u3000丙", []Clause{x("甲。 "), x("乙。\u3000"), x("丙")}},
		{"ascii after Chinese", "真的吗?好的! 再见;结束", []Clause{x("真的吗?"), x("好的! "), x("再见;"), x("结束")}},
		{"ascii in English", "See http://a.b/?q=1; ok! 好", []Clause{x("See http://a.b/?q=1; ok! 好")}},
		{"only punctuation", "。。！", []Clause{x("。。！")}},
		{"terminator run inside pairs", "（“。。。”甲）乙。", []Clause{x("（“。。。”甲）乙。")}},
		{"ellipsis does not split", "等等……双方同意。", []Clause{x("等等……双方同意。")}},

		{"lone numeral", "一", []Clause{h("一")}},
		{"lone compound numeral", "二十一", []Clause{h("二十一")}},
		{"numeral comma", "一、双方指出。当前形势。", []Clause{h("一、"), x("双方指出。"), x("当前形势。")}},
		{"eleven", "十一、双方认识到", []Clause{h("十一、"), x("双方认识到")}},
		{"bracketed", "（一）将继续保持。", []Clause{h("（一）"), x("将继续保持。")}},
		{"ascii brackets", "(一)将继续", []Clause{h("(一)"), x("将继续")}},
		{"bracketed arabic", "（2）其他", []Clause{h("（2）"), x("其他")}},
		{"arabic dot", "1. 办好交流年。", []Clause{h("1. "), x("办好交流年。")}},
		{"arabic comma", "12、扩大合作", []Clause{h("12、"), x("扩大合作")}},
		{"full-width dot", "３．合作", []Clause{h("３．"), x("合作")}},
		{"marker only", "一、", []Clause{h("一、")}},
		{"decimal is not a heading", "1.5亿美元。", []Clause{x("1.5亿美元。")}},
		{"year is not a heading", "2011年6月16日。", []Clause{x("2011年6月16日。")}},
		{"year range in brackets", "（2011-2012年）期间", []Clause{x("（2011-2012年）期间")}},
		{"numeral word", "一九九七年", []Clause{x("一九九七年")}},
		{"signature in brackets", "（签字）", []Clause{x("（签字）")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Clauses(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Clauses(%q)\n got %q\nwant %q", tt.in, texts(got), texts(tt.want))
				for i := range got {
					if i < len(tt.want) && got[i].Kind != tt.want[i].Kind {
						t.Errorf("clause %d kind %s, want %s", i, got[i].Kind, tt.want[i].Kind)
					}
				}
			}
			checkPartition(t, tt.in, got)
		})
	}
}

func texts(cs []Clause) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Text
	}
	return out
}

// checkPartition asserts that clauses are non-empty and concatenate to p.
func checkPartition(t *testing.T, p string, cs []Clause) {
	t.Helper()
	var b strings.Builder
	for i, c := range cs {
		if c.Text == "" {
			t.Fatalf("clause %d of %q is empty", i, p)
		}
		b.WriteString(c.Text)
	}
	if b.String() != p {
		t.Fatalf("clauses of %q join to %q", p, b.String())
	}
}

func TestSplitMarker(t *testing.T) {
	for _, tt := range []struct{ in, marker, rest string }{
		{"四、双方强调合作。", "四、", "双方强调合作。"},
		{"（一）扩大贸易。", "（一）", "扩大贸易。"},
		{"1. 办好教育交流年。", "1. ", "办好教育交流年。"},
		{" 十一、双方认为。", "十一、", "双方认为。"},
		{"四、", "", "四、"},
		{"一", "", "一"},
		{"一带一路合作。", "", "一带一路合作。"},
		{"1.5亿美元。", "", "1.5亿美元。"},
		{"双方强调。", "", "双方强调。"},
	} {
		m, r := SplitMarker(tt.in)
		if m != tt.marker || r != tt.rest {
			t.Errorf("SplitMarker(%q) = %q, %q; want %q, %q", tt.in, m, r, tt.marker, tt.rest)
		}
	}
}
