package align

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/zhen-workbench/zhen/internal/numcheck"
)

// NumberAnchors returns an AnchorFunc that compares the numbers, dates,
// amounts and percentages of both sides by value (numcheck):
// 2011年6月16日 agrees with "16 June 2011", 1000亿美元 with "US$100 billion".
// Each matched value is evidence for the bead, each value on one side only
// (unless soft: small counts, "first") evidence against. Values are parsed
// once per distinct text; the returned func is safe for concurrent use and
// its cache lives as long as it does, so build one per alignment.
func NumberAnchors() AnchorFunc {
	var (
		mu sync.Mutex
		zh = map[string][]numKey{}
		en = map[string][]numKey{}
	)
	keys := func(cache map[string][]numKey, s string, parse func(string) []numcheck.Value) []numKey {
		mu.Lock()
		k, ok := cache[s]
		mu.Unlock()
		if ok {
			return k
		}
		k = numKeys(parse(s))
		mu.Lock()
		cache[s] = k
		mu.Unlock()
		return k
	}
	return func(z, e string) float64 {
		if z == "" && e == "" {
			return 0
		}
		return matchScore(keys(zh, z, numcheck.Chinese), keys(en, e, numcheck.English))
	}
}

// numKey is a value reduced to what must agree: a year, a count and an
// amount of the same number compare as numcheck's buckets do.
type numKey struct {
	key  string
	soft bool
}

func numKeys(vs []numcheck.Value) []numKey {
	out := make([]numKey, 0, len(vs))
	for _, v := range vs {
		v.Approx = false
		group := string(v.Kind)
		switch v.Kind {
		case numcheck.KindNumber, numcheck.KindAmount, numcheck.KindYear:
			group = "n"
			v.Unit = "" // "2015" the year and 2015年; 1000亿美元 and "100 billion" without the currency
			v.Kind = numcheck.KindNumber
		}
		out = append(out, numKey{group + " " + numcheck.Describe(v), v.Soft})
	}
	return out
}

// matchScore is (matched - unmatched) / (matched + unmatched) over two
// multisets of values, scaled down while fewer than two values speak: one
// agreeing year is weaker evidence than a year and an amount. Soft values
// count when they match and are ignored when they do not.
func matchScore(zs, es []numKey) float64 {
	if len(zs) == 0 && len(es) == 0 {
		return 0
	}
	used := make([]bool, len(es))
	matched, unmatched := 0, 0
	for _, z := range zs {
		found := false
		for j, e := range es {
			if !used[j] && e.key == z.key {
				used[j], found = true, true
				break
			}
		}
		switch {
		case found:
			matched++
		case !z.soft:
			unmatched++
		}
	}
	for j, e := range es {
		if !used[j] && !e.soft {
			unmatched++
		}
	}
	return score(matched, unmatched, 2)
}

// score is (m-u)/(m+u) scaled by min(1, (m+u)/full).
func score(m, u int, full float64) float64 {
	if m+u == 0 {
		return 0
	}
	s := float64(m-u) / float64(m+u)
	return s * min(1, float64(m+u)/full)
}

// Term is a glossary entry for anchoring: a Chinese term and the English
// renderings that count as its translation (approved rendering and
// variants).
type Term struct {
	Zh string
	En []string
}

// TermAnchors returns an AnchorFunc that counts, for the glossary terms in
// the Chinese, whether one of their renderings is in the English. find
// reports whether a rendering occurs in a text; nil is a case-insensitive
// whole-word search. (glossary.FindRendering is the project's
// morphology-aware one: pass func(t, r string) bool { return
// len(glossary.FindRendering(t, r, false)) > 0 }.) Terms found are weaker
// evidence than numbers, since translators paraphrase. Safe for concurrent
// use; build one per alignment.
func TermAnchors(terms []Term, find func(text, rendering string) bool) AnchorFunc {
	if find == nil {
		find = containsWord
	}
	byRune := map[rune][]int{}
	for t, term := range terms {
		if term.Zh == "" || len(term.En) == 0 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(term.Zh)
		byRune[r] = append(byRune[r], t)
	}
	type pairKey struct {
		en   string
		term int
	}
	var (
		mu   sync.Mutex
		inZh = map[string][]int{}
		inEn = map[pairKey]bool{}
	)
	termsIn := func(zh string) []int {
		mu.Lock()
		ts, ok := inZh[zh]
		mu.Unlock()
		if ok {
			return ts
		}
		seen := map[int]bool{}
		for i, r := range zh {
			for _, t := range byRune[r] {
				if !seen[t] && strings.HasPrefix(zh[i:], terms[t].Zh) {
					seen[t] = true
					ts = append(ts, t)
				}
			}
		}
		mu.Lock()
		inZh[zh] = ts
		mu.Unlock()
		return ts
	}
	rendered := func(en string, t int) bool {
		k := pairKey{en, t}
		mu.Lock()
		f, ok := inEn[k]
		mu.Unlock()
		if ok {
			return f
		}
		for _, r := range terms[t].En {
			if f = find(en, r); f {
				break
			}
		}
		mu.Lock()
		inEn[k] = f
		mu.Unlock()
		return f
	}
	return func(zh, en string) float64 {
		if zh == "" || en == "" {
			return 0 // an omitted clause says nothing about its terms
		}
		m, u := 0, 0
		for _, t := range termsIn(zh) {
			if rendered(en, t) {
				m++
			} else {
				u++
			}
		}
		return score(m, u, 3)
	}
}

// containsWord reports whether w occurs in s as whole words, ignoring case.
func containsWord(s, w string) bool {
	s, w = strings.ToLower(s), strings.ToLower(strings.TrimSpace(w))
	if w == "" {
		return false
	}
	for from := 0; ; {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return false
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(w):])
		if !isWordRune(before) && !isWordRune(after) {
			return true
		}
		from = i + 1
	}
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// Combine sums anchor functions, clamped to [-1, 1]; nil ones are skipped.
func Combine(fs ...AnchorFunc) AnchorFunc {
	var live []AnchorFunc
	for _, f := range fs {
		if f != nil {
			live = append(live, f)
		}
	}
	if len(live) == 0 {
		return nil
	}
	return func(zh, en string) float64 {
		s := 0.0
		for _, f := range live {
			s += f(zh, en)
		}
		return clamp(s)
	}
}
