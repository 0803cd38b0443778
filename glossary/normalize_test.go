package glossary

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"上海合作组织", "上海合作组织"},
		{"ＳＣＯ　峰会", "SCO 峰会"},         // full-width letters, ideographic space
		{"  双方\t\n认为 ， ", "双方 认为 ,"}, // whitespace runs, full-width comma
		{"（全文）", "(全文)"},             // full-width brackets
		{"二０一二年", "二0一二年"},           // full-width digit
		{"中俄　　　关系", "中俄 关系"},
		{"", ""},
		{"　　", ""},
	}
	for _, c := range cases {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzNormalizeWithOffsets(f *testing.F) {
	for _, s := range []string{"上海合作组织", "ＳＣＯ　峰会", " a  b ", "\xff\xfe", "①②", "ﬁ", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, offs := NormalizeWithOffsets(s)
		if len(offs) != len(out)+1 {
			t.Fatalf("len(offsets)=%d, want %d", len(offs), len(out)+1)
		}
		for i := 1; i < len(offs); i++ {
			if offs[i] < offs[i-1] || offs[i] > len(s) {
				t.Fatalf("offsets not monotone within input: %v", offs)
			}
		}
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q", s)
		}
		if strings.HasPrefix(out, " ") || strings.HasSuffix(out, " ") || strings.Contains(out, "  ") {
			t.Fatalf("whitespace not collapsed: %q", out)
		}
		if again := Normalize(out); again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, out, again)
		}
	})
}

func BenchmarkNormalize(b *testing.B) {
	s := strings.Repeat("双方将在上海合作组织、金砖国家框架内加强协调，全面战略协作伙伴关系（２０１５年）。　", 20)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Normalize(s)
	}
}

// The full-width fast path must agree with NFKC itself.
func TestFullWidthFastPathMatchesNFKC(t *testing.T) {
	for r := rune(0xFF01); r <= 0xFF5E; r++ {
		if got, want := Normalize(string(r)), norm.NFKC.String(string(r)); got != want {
			t.Errorf("U+%04X: %q, NFKC says %q", r, got, want)
		}
	}
}
