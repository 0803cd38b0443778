package tm

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/zhen-workbench/zhen/glossary"
)

func TestDistanceMatchesDP(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alpha := []rune("合作双方中俄发展国家关系的和")
	randText := func(n int) []rune {
		s := make([]rune, n)
		for i := range s {
			s[i] = alpha[rng.IntN(len(alpha))]
		}
		return s
	}
	for i := range 3000 {
		n := 1 + rng.IntN(40)
		if i%5 == 0 {
			n = 1 + rng.IntN(200) // several 64-bit blocks
		}
		a := randText(n)
		b := edit(rng, a, rng.IntN(n+2), alpha)
		if i%7 == 0 {
			b = randText(rng.IntN(2 * n))
		}
		syms := map[rune]uint32{}
		for i, r := range alpha[:len(alpha)-1] { // the last character: unknown to the "index"
			syms[r] = uint32(i)
		}
		q := make([]uint32, len(a))
		for i, r := range a {
			if s, ok := syms[r]; ok {
				q[i] = s
			} else {
				q[i] = uint32(len(alpha) - 1)
			}
		}
		tx := make([]uint16, 0, len(b))
		var bKnown []rune
		for _, r := range b {
			if s, ok := syms[r]; ok {
				tx = append(tx, uint16(s))
				bKnown = append(bKnown, r)
			}
		}
		var p pattern
		p.prepare(q, len(alpha)-1)
		want := levenshtein(a, bKnown)
		if got := distance(&p, tx, len(a)+len(tx)); got != want {
			t.Fatalf("%q vs %q: distance %d, want %d", string(a), string(bKnown), got, want)
		}
		for bound := range want + 2 {
			got := distance(&p, tx, bound)
			if (want <= bound && got != want) || (want > bound && got <= bound) {
				t.Fatalf("%q vs %q bound %d: %d, want %d", string(a), string(bKnown), bound, got, want)
			}
		}
		p.reset()
	}
}

// testEntries is a memory of edited seed clauses with near duplicates,
// exact duplicates, short clauses and full-width variants.
func testEntries(t testing.TB, rng *rand.Rand, n int) []Entry {
	clauses, chars := seedClauses(t)
	entries := make([]Entry, 0, n)
	for i := range n {
		var s []rune
		switch r := rng.IntN(20); {
		case r == 0:
			s = []rune(clauses[rng.IntN(len(clauses))])
		case r == 1: // short
			s = edit(rng, []rune(clauses[rng.IntN(len(clauses))])[:1+rng.IntN(4)], rng.IntN(2), chars)
		case r == 2 && len(entries) > 0: // exact duplicate of another entry
			s = []rune(entries[rng.IntN(len(entries))].Source)
		default:
			s = edit(rng, []rune(clauses[rng.IntN(len(clauses))]), rng.IntN(6), chars)
		}
		src := string(s)
		if rng.IntN(10) == 0 {
			src = strings.ReplaceAll(strings.ReplaceAll(src, ",", "，"), "1", "１") + "　"
		}
		entries = append(entries, Entry{ID: uint(i*3 + 7), Source: src, Target: fmt.Sprintf("en %d", i)})
	}
	// Nothing to match on: an empty source and one made only of spaces.
	entries = append(entries, Entry{ID: 1, Source: ""}, Entry{ID: 2, Source: " 　 "})
	return entries
}

func testQueries(t testing.TB, rng *rand.Rand, entries []Entry, n int) []string {
	clauses, chars := seedClauses(t)
	var qs []string
	for i := range n {
		switch i % 6 {
		case 0, 1: // an edited entry: the realistic case
			qs = append(qs, string(edit(rng, []rune(entries[rng.IntN(len(entries)-2)].Source), rng.IntN(8), chars)))
		case 2: // a seed clause as it is
			qs = append(qs, clauses[rng.IntN(len(clauses))])
		case 3: // characters in seed proportions: nothing close exists
			s := make([]rune, 5+rng.IntN(60))
			for i := range s {
				s[i] = chars[rng.IntN(len(chars))]
			}
			qs = append(qs, string(s))
		case 4: // short
			qs = append(qs, string(edit(rng, []rune(clauses[rng.IntN(len(clauses))])[:1+rng.IntN(5)], rng.IntN(2), chars)))
		case 5: // two clauses joined: long, several blocks
			qs = append(qs, clauses[rng.IntN(len(clauses))]+clauses[rng.IntN(len(clauses))]+"外")
		}
	}
	return qs
}

func TestSearchMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	entries := testEntries(t, rng, 1000)
	ix := mustBuild(t, entries)
	nonEmpty := 0
	for _, e := range entries {
		if glossary.Normalize(e.Source) != "" {
			nonEmpty++
		}
	}
	if ix.Len() != nonEmpty {
		t.Fatalf("Len %d, want %d", ix.Len(), nonEmpty)
	}
	qs := testQueries(t, rng, entries, 96)
	o := newOracle(entries)
	for _, q := range qs {
		for _, kf := range []struct {
			k     int
			floor float64
		}{{5, 0.7}, {1, 0.7}, {20, 0.7}, {5, 0.9}, {5, 0.5}, {3, 0.3}, {5, 0}, {5, 1}} {
			checkAgainstOracle(t, ix, o, q, kf.k, kf.floor)
		}
	}
}

func TestSearchBasics(t *testing.T) {
	entries := []Entry{
		{ID: 10, Source: "双方将继续深化全面战略协作伙伴关系。", Target: "The two sides will continue to deepen…"},
		{ID: 11, Source: "双方将进一步深化全面战略协作伙伴关系。", Target: "…further deepen…"},
		{ID: 12, Source: "中俄两国人民睦邻友好。", Target: "good-neighbourly"},
		{ID: 13, Source: "双方将继续深化全面战略协作伙伴关系。", Target: "a duplicate, later ID"},
	}
	ix := mustBuild(t, entries)
	got := ix.Search("双方将继续深化全面战略协作伙伴关系。", 5, 0.7)
	if len(got) != 3 || got[0].ID != 10 || got[0].Score != 1 || got[1].ID != 13 || got[2].ID != 11 {
		t.Fatalf("exact first, then the duplicate, then the near match: %+v", got)
	}
	want := []Op{{Kind: Equal, Text: "双方将"}, {Kind: Delete, Text: "进一步"}, {Kind: Insert, Text: "继续"}, {Kind: Equal, Text: "深化全面战略协作伙伴关系。"}}
	if fmt.Sprint(got[2].Diff) != fmt.Sprint(want) {
		t.Fatalf("diff %v, want %v", got[2].Diff, want)
	}
	if got[0].Diff[0] != (Op{Kind: Equal, Text: entries[0].Source}) || len(got[0].Diff) != 1 {
		t.Fatalf("exact match diff %v", got[0].Diff)
	}
	// The diff shows the texts as written: the match's full-width
	// punctuation, and the query's own in what only the query has.
	wide := mustBuild(t, []Entry{{ID: 1, Source: "双方认为，两国关系（当前）良好。"}})
	got = wide.Search("双方认为，两国关系（目前）良好。", 1, 0.5)
	want = []Op{{Kind: Equal, Text: "双方认为，两国关系（"}, {Kind: Delete, Text: "当"}, {Kind: Insert, Text: "目"}, {Kind: Equal, Text: "前）良好。"}}
	if len(got) != 1 || fmt.Sprint(got[0].Diff) != fmt.Sprint(want) {
		t.Fatalf("diff as written: %+v, want %v", got, want)
	}
	// Width and spacing do not count: the key folds them.
	got = ix.Search("  中俄两国人民睦邻友好。", 1, 0.7)
	if len(got) != 1 || got[0].Score != 1 || got[0].ID != 12 {
		t.Fatalf("normalised exact match: %+v", got)
	}
	for _, q := range []string{"", "  ", "完全无关的内容"} {
		if got := ix.Search(q, 5, 0.7); len(got) != 0 {
			t.Fatalf("%q: %+v", q, got)
		}
	}
	if got := ix.Search("双方", 0, 0); got != nil {
		t.Fatalf("k=0: %+v", got)
	}
	if got := mustBuild(t, nil).Search("双方", 5, 0); got != nil {
		t.Fatalf("empty index: %+v", got)
	}
}

func TestConcurrentSearches(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	entries := testEntries(t, rng, 1000)
	ix := mustBuild(t, entries)
	qs := testQueries(t, rng, entries, 24)
	want := make([][]Match, len(qs))
	for i, q := range qs {
		want[i] = ix.Search(q, 5, 0.7)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for r := range 3 {
				for i, q := range qs {
					if (i+g+r)%2 == 0 {
						continue
					}
					if got := ix.Search(q, 5, 0.7); fmt.Sprint(got) != fmt.Sprint(want[i]) {
						t.Errorf("concurrent search %q: %v, want %v", q, got, want[i])
					}
				}
			}
		})
	}
	wg.Wait()
}

func FuzzSearch(f *testing.F) {
	f.Add([]byte("abcab\x00abc\x00bca\x00aab"), []byte("abc"), uint8(3), uint8(70))
	f.Add([]byte("aaaa\x00ab\x00ba\x00b"), []byte("ab"), uint8(5), uint8(0))
	f.Add([]byte("abcdefgh\x00hgfedcba\x00abcdxfgh"), []byte("abcdefgh"), uint8(2), uint8(90))
	// Bytes map to a few Chinese characters (and a space and a full-width
	// comma, which normalisation folds), so texts collide often.
	alpha := []rune("双方合作中俄国 ，")
	text := func(b []byte) string {
		var sb strings.Builder
		for _, c := range b {
			sb.WriteRune(alpha[int(c)%len(alpha)])
		}
		return sb.String()
	}
	f.Fuzz(func(t *testing.T, data, query []byte, k, pct uint8) {
		if len(data) > 2000 || len(query) > 200 {
			return
		}
		var entries []Entry
		for i, part := range strings.Split(string(data), "\x00") {
			entries = append(entries, Entry{ID: uint(i + 1), Source: text([]byte(part))})
		}
		ix := mustBuild(t, entries)
		checkAgainstOracle(t, ix, newOracle(entries), text(query), int(k%12), float64(pct%101)/100)
	})
}
