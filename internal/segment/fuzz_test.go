package segment

import (
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/zhen-workbench/zhen/internal/demo"
)

// fuzzSeeds are hand-picked awkward inputs shared by the fuzz tests.
var fuzzSeeds = []string{
	"",
	"。",
	"。。！？；",
	"！”）》」』",
	"“《（「『",
	"采取“分步走。仓促推动。",
	"（甲“乙。丙）丁。",
	"《甲。》》乙。《",
	"一",
	"二十一、",
	"（一）",
	"(1)将",
	"1.5亿。1.",
	"好! ok? 中;",
	"\xff\xfe\xe4\xb8",
	"中\xe4\xb8。\x80”",
	"\u3000\u3000 \n",
	"二0一一年六月十六日于莫斯科中华人民共和国关于2011-06-17[字体：大 中 小]      打印本页\u3000\u3000甲。",
	"2011-06-17[字体：大 中 小]2011-06-18[字体:大中小]",
	"2011标签中国声明2011-13-45［字体：大中小］打印本页\n甲\n二〇二一年二月二十九日于",
}

func FuzzClauses(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	for _, d := range parseSeed(f) {
		for _, p := range d.Paragraphs {
			f.Add(p)
		}
	}
	f.Fuzz(func(t *testing.T, p string) {
		cs := Clauses(p)
		checkPartition(t, p, cs)
		for i, c := range cs {
			if c.Paragraph != 0 {
				t.Fatalf("clause %d has paragraph %d", i, c.Paragraph)
			}
			if c.Kind == KindHeading && i != 0 {
				t.Fatalf("heading clause %d is not first: %q", i, c.Text)
			}
			if c.Kind != KindText && c.Kind != KindHeading {
				t.Fatalf("clause %d has kind %q", i, c.Kind)
			}
		}
	})
}

func FuzzSplit(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	// The statement boundaries of the seed, where the title heuristics
	// work, rather than the whole 58 KB file: mutating and minimising
	// inputs that large stalls the fuzzer for most of a short run.
	seed := string(demo.Seed)
	for _, m := range findMarkers(seed) {
		f.Add(runeWindow(seed, m[0]-300, m[1]+300))
	}
	f.Add(runeWindow(seed, len(seed)-600, len(seed)))
	if b, err := os.ReadFile("testdata/synthetic-scraped.txt"); err == nil {
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, text string) {
		docs, err := Split("fuzz.txt", text)
		if err != nil {
			if strings.TrimFunc(text, unicode.IsSpace) != "" {
				t.Fatalf("error for non-blank text: %v", err)
			}
			return
		}
		if len(docs) == 0 {
			t.Fatal("no documents and no error")
		}
		checkStructure(t, text, docs)
		// Decode must not panic either, whatever the bytes.
		_, _ = Decode("fuzz.txt", []byte(text))
	})
}

// runeWindow returns s[from:to], clamped to s and widened to rune
// boundaries.
func runeWindow(s string, from, to int) string {
	from, to = max(from, 0), min(to, len(s))
	for from > 0 && !utf8.RuneStart(s[from]) {
		from--
	}
	for to < len(s) && !utf8.RuneStart(s[to]) {
		to++
	}
	return s[from:to]
}
