package segment

import (
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/demo"
)

// The seed corpus is the file `zhen serve --demo` imports: five China–Russia
// joint statements scraped from one web page into one line.

// seedClauses is the exact clause count of the seed. The reference counts
// ≈370 when splitting at 。；！？ and paragraph breaks (371 here, with the
// bare numerals 一 二 三 as their own paragraphs); splitting the 27 leading
// markers （一）…（五） and 一、…二十二、 off as heading clauses adds 27.
const seedClauses = 398

func parseSeed(t testing.TB) []Document {
	t.Helper()
	docs, err := Parse(demo.SeedName, demo.Seed)
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func TestSeedDocuments(t *testing.T) {
	docs := parseSeed(t)
	// Statement 1 has no signature block: it ends …不懈努力。 and the next
	// title is glued to that sentence. Statement 2 carries the 2011 Moscow
	// signatures.
	checkDocs(t, docs, []docWant{
		{title: "中国国家主席胡锦涛和俄罗斯总统梅德韦杰夫关于《中俄睦邻友好合作条约》签署10周年联合声明", date: "2011-06-17", paragraphs: 21},
		{
			title: "中国和俄罗斯关于当前国际形势和重大国际问题的联合声明", date: "2011-06-17",
			signedDate: "2011-06-16", signedPlace: "莫斯科", paragraphs: 48,
			signature: []string{"中华人民共和国主席", "俄罗斯联邦总统", "胡锦涛", "德米特里·梅德韦杰夫", "（签字）", "（签字）", "二0一一年六月十六日于莫斯科"},
		},
		{
			title: "中华人民共和国和俄罗斯联邦关于进一步深化平等信任的中俄全面战略协作伙伴关系的联合声明", date: "2012-06-06",
			signedDate: "2012-06-05", signedPlace: "北京", paragraphs: 42,
			signature: []string{"中华人民共和国主席", "俄罗斯联邦总统", "胡锦涛", "弗·弗·普京", "二０一二年六月五日于北京"},
		},
		{
			title: "中华人民共和国和俄罗斯联邦关于合作共赢、深化全面战略协作伙伴关系的联合声明", date: "2013-03-23",
			signedDate: "2013-03-22", signedPlace: "莫斯科", paragraphs: 43,
			signature: []string{"中华人民共和国主席", "俄罗斯联邦总统习近平", "弗·弗·普京二0一三年三月二十二日于莫斯科"},
		},
		{
			title: "中华人民共和国和俄罗斯联邦关于深化全面战略协作伙伴关系、倡导合作共赢的联合声明", date: "2015-05-09",
			signedDate: "2015-05-08", signedPlace: "莫斯科", paragraphs: 68,
			signature: []string{"中华人民共和国", "俄罗斯联邦", "主席", "总统", "习近平", "弗·弗·普京二○一五年五月八日于莫斯科"},
		},
	})
	for i, d := range docs {
		for _, bad := range []string{"签字", "于莫斯科", "。", "字体", "打印本页", "全文"} {
			if strings.Contains(d.Title, bad) {
				t.Errorf("doc %d title contains %q: %q", i, bad, d.Title)
			}
		}
	}
}

func TestSeedLossless(t *testing.T) {
	docs := parseSeed(t)
	text := string(demo.Seed)
	checkStructure(t, text, docs)
	// Only the page-section label before the first title is dropped.
	checkLossless(t, text, "2011全面战略协作伙伴关系", docs)
}

func TestSeedClauses(t *testing.T) {
	docs := parseSeed(t)
	total := 0
	kinds := map[Kind]int{}
	for _, d := range docs {
		total += len(d.Clauses)
		for _, c := range d.Clauses {
			kinds[c.Kind]++
			if strings.Contains(c.Text, "字体") || strings.Contains(c.Text, "打印本页") {
				t.Errorf("clause contains page chrome: %q", c.Text)
			}
		}
	}
	if total != seedClauses {
		t.Errorf("seed has %d clauses, want %d", total, seedClauses)
	}
	// 13 bare numerals + 27 markers; 7+5+3+6 signature lines.
	if kinds[KindHeading] != 40 || kinds[KindSignature] != 21 {
		t.Errorf("kinds = %v, want 40 headings and 21 signature clauses", kinds)
	}

	headings := func(d Document) []string {
		var out []string
		for _, c := range d.Clauses {
			if c.Kind == KindHeading {
				out = append(out, c.Text)
			}
		}
		return out
	}
	if got, want := strings.Join(headings(docs[0]), " "), "一 二 三 （一） （二） （三） （四） （五）"; got != want {
		t.Errorf("doc 0 headings = %s, want %s", got, want)
	}
	if got := headings(docs[1]); len(got) != 22 || got[0] != "一、" || got[10] != "十一、" || got[21] != "二十二、" {
		t.Errorf("doc 1 headings = %q", got)
	}
	for i, want := range []string{"一 二 三 四", "一 二", "一 二 三 四"} {
		if got := strings.Join(headings(docs[i+2]), " "); got != want {
			t.Errorf("doc %d headings = %s, want %s", i+2, got, want)
		}
	}

	// A heading marker is split off and the rest segments normally.
	first := docs[0].Clauses
	for i, c := range first {
		if c.Text == "（五）" {
			next := first[i+1]
			if next.Kind != KindText || next.Paragraph != c.Paragraph || !strings.HasPrefix(next.Text, "将继续遵循《联合国宪章》") ||
				!strings.HasSuffix(next.Text, "不懈努力。") {
				t.Errorf("clause after （五） = %+v", next)
			}
		}
	}
}

func BenchmarkParseSeed(b *testing.B) {
	b.SetBytes(int64(len(demo.Seed)))
	for b.Loop() {
		if _, err := Parse(demo.SeedName, demo.Seed); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeBaseline is the floor for BenchmarkParseSeed: only the UTF-8
// validation and rune walk every parse has to do anyway.
func BenchmarkDecodeBaseline(b *testing.B) {
	b.SetBytes(int64(len(demo.Seed)))
	for b.Loop() {
		n := 0
		for _, r := range string(demo.Seed) {
			if r == '。' {
				n++
			}
		}
		if n == 0 {
			b.Fatal("no clause ends in the seed")
		}
	}
}
