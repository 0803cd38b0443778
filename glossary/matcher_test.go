package glossary

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	ahocorasick "github.com/BobuSumisu/aho-corasick"
)

// bruteLeftmostLongest is the definition FindAll must meet: at each position
// from the left, the longest pattern that starts there (the first given on a
// tie), then on after it.
func bruteLeftmostLongest(patterns []string, text string) []Match {
	var ms []Match
	for pos := 0; pos < len(text); {
		best := -1
		for i, p := range patterns {
			if usable(p) && strings.HasPrefix(text[pos:], p) && (best < 0 || len(p) > len(patterns[best])) {
				best = i
			}
		}
		if best < 0 {
			pos++
			continue
		}
		ms = append(ms, Match{Pattern: best, Start: pos, End: pos + len(patterns[best])})
		pos += len(patterns[best])
	}
	return ms
}

// bruteOverlapping lists every occurrence of every distinct pattern, ordered
// as ScanOverlapping reports them: by end, longest first.
func bruteOverlapping(patterns []string, text string) []Match {
	var ms []Match
	for end := 1; end <= len(text); end++ {
		for start := 0; start < end; start++ {
			for i, p := range patterns {
				if usable(p) && text[start:end] == p && slices.Index(patterns, p) == i {
					ms = append(ms, Match{Pattern: i, Start: start, End: end})
				}
			}
		}
	}
	return ms
}

func collectOverlapping(m *Matcher, text string) []Match {
	var ms []Match
	m.ScanOverlapping(text, func(x Match) bool {
		ms = append(ms, x)
		return true
	})
	return ms
}

func show(patterns []string, text string, ms []Match) string {
	var parts []string
	for _, x := range ms {
		parts = append(parts, fmt.Sprintf("%s@%d", patterns[x.Pattern], x.Start))
		if text[x.Start:x.End] != patterns[x.Pattern] {
			parts = append(parts, "(WRONG TEXT)")
		}
	}
	return strings.Join(parts, " ")
}

func TestFindAll(t *testing.T) {
	nested := []string{"伙伴关系", "战略协作伙伴关系", "全面战略协作伙伴关系"}
	cases := []struct {
		name     string
		patterns []string
		text     string
		want     string // pattern@start, space-separated
	}{
		{"nested: longest wins", nested,
			"深化中俄全面战略协作伙伴关系。", "全面战略协作伙伴关系@12"},
		{"nested: shorter alone", nested,
			"平等信任的战略协作伙伴关系和伙伴关系", "战略协作伙伴关系@15 伙伴关系@42"},
		{"two-character terms", []string{"金砖", "中俄", "中俄关系"},
			"中俄在金砖框架内合作，中俄关系", "中俄@0 金砖@9 中俄关系@33"},
		{"overlapping candidates", []string{"国家", "金砖国家", "砖国"},
			"金砖国家领导人和国家元首", "金砖国家@0 国家@24"},
		{"leftmost beats longer later", []string{"金砖", "砖国家领导人"},
			"金砖国家领导人", "金砖@0"},
		{"adjacent hits", []string{"中俄", "联合国"},
			"中俄联合国中俄", "中俄@0 联合国@6 中俄@15"},
		{"prefix of a longer pattern that does not complete", []string{"上海合作组织峰会", "上海", "合作组织"},
			"上海合作组织成员国", "上海@0 合作组织@6"},
		{"longer pattern found after a shorter one ends", []string{"abcd", "bc", "ab"},
			"xabcdx abce", "abcd@1 ab@7"},
		{"duplicate and empty patterns", []string{"", "联合国", "联合国"},
			"联合国联合国", "联合国@0 联合国@9"},
		{"mixed width text after normalisation", []string{"G20", "二十国集团"},
			Normalize("二十国集团（Ｇ２０）"), "二十国集团@0 G20@16"},
		{"nothing", []string{"上海合作组织"}, "上海合作", ""},
		{"no patterns", nil, "上海合作", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := NewMatcher(c.patterns)
			got := m.FindAll(c.text)
			if s := show(c.patterns, c.text, got); s != c.want {
				t.Errorf("FindAll = %q, want %q", s, c.want)
			}
			if brute := bruteLeftmostLongest(c.patterns, c.text); !slices.Equal(got, brute) {
				t.Errorf("FindAll = %v, brute force %v", got, brute)
			}
			if over, brute := collectOverlapping(m, c.text), bruteOverlapping(c.patterns, c.text); !slices.Equal(over, brute) {
				t.Errorf("ScanOverlapping = %v, brute force %v", over, brute)
			}
		})
	}
}

func TestScanStops(t *testing.T) {
	m := NewMatcher([]string{"中俄"})
	n := 0
	m.Scan("中俄中俄中俄", func(Match) bool { n++; return n < 2 })
	if n != 2 {
		t.Errorf("Scan went on after false: %d calls", n)
	}
	n = 0
	m.ScanOverlapping("中俄中俄中俄", func(Match) bool { n++; return false })
	if n != 1 {
		t.Errorf("ScanOverlapping went on after false: %d calls", n)
	}
}

// TestAllBytesUsed covers the automaton without a spare byte class.
func TestAllBytesUsed(t *testing.T) {
	var all []byte
	for b := range 256 {
		all = append(all, byte(b))
	}
	patterns := []string{strings.ToValidUTF8(string(all), ""), "ab", "\x00"}
	m := NewMatcher(patterns)
	text := "xxab\x00ab"
	if got, want := m.FindAll(text), bruteLeftmostLongest(patterns, text); !slices.Equal(got, want) {
		t.Errorf("FindAll = %v, want %v", got, want)
	}
}

// fuzzAlphabet is small so that random patterns occur in random texts.
var fuzzAlphabet = []string{"金", "砖", "国", "家", "中", "俄", "a", "b", "，"}

// fromAlphabet maps each byte to a letter of the alphabet.
func fromAlphabet(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		s.WriteString(fuzzAlphabet[int(c)%len(fuzzAlphabet)])
	}
	return s.String()
}

// fuzzPatterns makes up to 12 patterns of the alphabet out of spec, cut at 0xFF.
func fuzzPatterns(spec []byte) []string {
	var ps []string
	for i, part := range strings.Split(string(spec), "\xff") {
		if i == 12 {
			break
		}
		ps = append(ps, fromAlphabet([]byte(part)))
	}
	return ps
}

func FuzzMatcher(f *testing.F) {
	f.Add([]byte("\x00\x01\x02\x03\xff\x02\x03\xff\x00\x01"), []byte("\x00\x01\x02\x03\x02\x03\x00"), false)
	f.Add([]byte("\x04\x05\xff\x04\x05\x02\x03\xff\x05\x04"), []byte("\x04\x05\x04\x05\x02\x03\x07"), false)
	f.Add([]byte("\x00\xff\x00\x00\xff\x00\x00\x00"), []byte("\x00\x00\x00\x00\x00"), false)
	seed := string(seedText(f))
	for i := 0; i < len(seed) && i < 3000; i += 600 {
		f.Add([]byte("\x00\x01\x02\x03\xff\x04\x05"), []byte(strings.ToValidUTF8(seed[i:i+600], "")), true)
	}
	f.Add([]byte("\x00\x01"), []byte("\xe9\x87\x91\xe9\x87\xe9\x87\x91\xe7\xa0\x96"), true) // broken UTF-8
	f.Fuzz(func(t *testing.T, spec, rawText []byte, raw bool) {
		if len(spec) > 256 || len(rawText) > 4096 {
			t.Skip("long inputs slow the brute-force oracle down without finding more")
		}
		patterns := fuzzPatterns(spec)
		text := string(rawText)
		if !raw {
			text = fromAlphabet(rawText)
		} else if len(patterns) > 0 {
			patterns = append(patterns, "国家", "金砖国家", "上海合作组织", "合作")
		}
		m := NewMatcher(patterns)
		got := m.FindAll(text)
		if want := bruteLeftmostLongest(patterns, text); !slices.Equal(got, want) {
			t.Fatalf("patterns %q text %q:\nFindAll %s\nbrute   %s", patterns, text,
				show(patterns, text, got), show(patterns, text, want))
		}
		boundaries := map[int]bool{len(text): true} // where decoding puts them, invalid bytes included
		for i := range text {
			boundaries[i] = true
		}
		for _, x := range got {
			if !boundaries[x.Start] || !boundaries[x.End] {
				t.Fatalf("match %v not on rune boundaries in %q", x, text)
			}
		}
		if len(text) > 300 {
			return // the quadratic oracle below is too slow for long texts
		}
		if got, want := collectOverlapping(m, text), bruteOverlapping(patterns, text); !slices.Equal(got, want) {
			t.Fatalf("patterns %q text %q:\nScanOverlapping %s\nbrute           %s", patterns, text,
				show(patterns, text, got), show(patterns, text, want))
		}
	})
}

// TestOverlappingAgainstLibrary checks ScanOverlapping against an
// independent implementation on the seed with seed terms.
func TestOverlappingAgainstLibrary(t *testing.T) {
	text := strings.ToValidUTF8(string(seedText(t)), "")
	patterns := []string{"上海合作组织", "联合国", "金砖国家", "国家", "全面战略协作伙伴关系", "战略协作伙伴关系",
		"伙伴关系", "二十国集团", "六方会谈", "中俄", "合作", "国际", "双方", "安理会", "联合国安理会", "10"}
	var got []string
	NewMatcher(patterns).ScanOverlapping(text, func(x Match) bool {
		got = append(got, fmt.Sprintf("%d:%s", x.Start, patterns[x.Pattern]))
		return true
	})
	var want []string
	trie := ahocorasick.NewTrieBuilder().AddStrings(patterns).Build()
	for _, x := range trie.MatchString(text) {
		want = append(want, fmt.Sprintf("%d:%s", x.Pos(), x.MatchString()))
	}
	slices.Sort(got)
	slices.Sort(want)
	if len(got) < 500 || !slices.Equal(got, want) {
		t.Errorf("ScanOverlapping found %d occurrences, library %d", len(got), len(want))
	}
}
