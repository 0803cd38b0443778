package glossary

import (
	"math/rand/v2"
	"slices"
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

// normalizeByCharacter is normalize without the run fast path: the oracle.
func normalizeByCharacter(s string) (string, []int) {
	var b strings.Builder
	var offsets []int
	pendingSpace := -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		folded := foldRune(s[i:i+size], r)
		if isSpace(folded) {
			if pendingSpace < 0 {
				pendingSpace = i
			}
			i += size
			continue
		}
		if pendingSpace >= 0 && b.Len() > 0 {
			b.WriteByte(' ')
			offsets = append(offsets, pendingSpace)
		}
		pendingSpace = -1
		for range len(folded) {
			offsets = append(offsets, i)
		}
		b.WriteString(folded)
		i += size
	}
	return b.String(), append(offsets, len(s))
}

func TestNormalizeRunsAgreeWithCharacters(t *testing.T) {
	alphabet := []string{"中", "国", "䷀", "㐀", "a", "Z", "1", " ", "\t", "\n", "\x00", "\x01", "，", "。", "（", "Ａ", "２", "\u3000", "\u00a0", "é", "e\u0301", "ﬁ", "\xe4", "\xe4\xb8", "\x80", "\xef\xbc", "豈", "—", "…"}
	rng := rand.New(rand.NewPCG(9, 10))
	for range 20000 {
		var s strings.Builder
		for range rng.IntN(20) {
			s.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		want, wantOffs := normalizeByCharacter(s.String())
		got, offs := NormalizeWithOffsets(s.String())
		if got != want || !slices.Equal(offs, wantOffs) || Normalize(s.String()) != want {
			t.Fatalf("%q: got %q %v, want %q %v", s.String(), got, offs, want, wantOffs)
		}
	}
}

// BenchmarkNormalizeSeed normalises the seed's clauses, as an import does
// for every clause; BenchmarkNormalizeByCharacter is the same without the
// run fast path, the baseline.
func BenchmarkNormalizeSeed(b *testing.B) { benchNormalize(b, Normalize) }

func BenchmarkNormalizeByCharacter(b *testing.B) {
	benchNormalize(b, func(s string) string { out, _ := normalizeByCharacter(s); return out })
}

func benchNormalize(b *testing.B, fn func(string) string) {
	clauses := seedClauses()
	n := 0
	for _, c := range clauses {
		n += len(c)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, c := range clauses {
			fn(c)
		}
	}
}
