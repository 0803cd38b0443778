package tm

import (
	"math/rand/v2"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/glossary"
)

// The benchmark memory: seed clauses (≈ 50 characters) each with random
// substitutions, insertions and deletions, up to a quarter of its length,
// so that every query has near matches at many distances, as in a memory
// of statements that repeat themselves. 1,000,000 entries with
// ZHEN_BENCH_FULL=1, else 100,000.
var bench struct {
	once      sync.Once
	entries   []Entry
	ix        *Index
	built     time.Duration
	heapBytes uint64 // live heap the index adds
	chars     int    // characters indexed
	queries   map[string][]string
}

func benchSize() int {
	if os.Getenv("ZHEN_BENCH_FULL") == "1" {
		return 1_000_000
	}
	return 100_000
}

func benchEntries(tb testing.TB, n int, rng *rand.Rand) []Entry {
	clauses, chars := seedClauses(tb)
	entries := make([]Entry, n)
	for i := range entries {
		c := []rune(clauses[rng.IntN(len(clauses))])
		entries[i] = Entry{ID: uint(i + 1), Source: string(edit(rng, c, rng.IntN(1+len(c)/4), chars)), Target: "English"}
	}
	return entries
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func benchIndex(b *testing.B) {
	bench.once.Do(func() {
		rng := rand.New(rand.NewPCG(11, 12))
		bench.entries = benchEntries(b, benchSize(), rng)
		before := liveHeap()
		start := time.Now()
		bench.ix = mustBuild(b, bench.entries)
		bench.built = time.Since(start)
		bench.heapBytes = liveHeap() - before
		for _, e := range bench.entries {
			bench.chars += len([]rune(e.Source))
		}

		clauses, chars := seedClauses(b)
		bench.queries = map[string][]string{}
		for range 64 {
			// A clause of the memory edited again (1–5 edits): the usual case.
			e := []rune(bench.entries[rng.IntN(len(bench.entries))].Source)
			bench.queries["edited"] = append(bench.queries["edited"], string(edit(rng, e, 1+rng.IntN(5), chars)))
			// A seed clause as it is.
			bench.queries["seed"] = append(bench.queries["seed"], clauses[rng.IntN(len(clauses))])
			// Characters in seed proportions, seed length: nothing close
			// exists, so the bar stays at min and the filters work hardest.
			s := make([]rune, 20+rng.IntN(60))
			for i := range s {
				s[i] = chars[rng.IntN(len(chars))]
			}
			bench.queries["novel"] = append(bench.queries["novel"], string(s))
		}
		for i := range 64 {
			q := bench.queries["edited"][i]
			if i%4 == 3 {
				q = bench.queries["seed"][i]
			}
			bench.queries["mixed"] = append(bench.queries["mixed"], q)
		}
	})
}

// BenchmarkSearch1M: one top-5 search at min 0.7 per op. "mixed" is three
// edited memory clauses to one seed clause.
func BenchmarkSearch1M(b *testing.B) {
	benchIndex(b)
	for _, kind := range []string{"mixed", "edited", "seed", "novel"} {
		b.Run(kind, func(b *testing.B) {
			qs := bench.queries[kind]
			found := 0
			i := 0
			for b.Loop() {
				found += len(bench.ix.Search(qs[i%len(qs)], 5, 0.7))
				i++
			}
			b.ReportMetric(float64(found)/float64(i), "matches/op")
			b.ReportMetric(float64(bench.ix.Len()), "entries")
		})
	}
}

// BenchmarkBruteForceBaseline is the bare loop Search replaces: the
// Levenshtein ratio (two-row dynamic programme) of the query against every
// entry's prepared key, keeping the top 5, over the first 100,000 entries
// of the same memory with the "mixed" queries.
func BenchmarkBruteForceBaseline(b *testing.B) {
	benchIndex(b)
	n := min(100_000, len(bench.entries))
	keys := make([][]rune, n)
	for i, e := range bench.entries[:n] {
		keys[i] = []rune(glossary.Normalize(e.Source))
	}
	qs := bench.queries["mixed"]
	i := 0
	for b.Loop() {
		q := []rune(glossary.Normalize(qs[i%len(qs)]))
		i++
		var top [5]float64
		for _, s := range keys {
			r := float64(len(q)+len(s)-levenshtein(q, s)) / float64(len(q)+len(s))
			if r >= 0.7 && r > top[4] {
				j := 4
				for j > 0 && r > top[j-1] {
					top[j] = top[j-1]
					j--
				}
				top[j] = r
			}
		}
	}
	b.ReportMetric(float64(n), "entries")
}

// BenchmarkBuild indexes the benchmark memory once per op.
func BenchmarkBuild(b *testing.B) {
	benchIndex(b)
	for b.Loop() {
		mustBuild(b, bench.entries)
	}
	b.ReportMetric(float64(len(bench.entries)), "entries")
	b.ReportMetric(float64(bench.chars)/float64(len(bench.entries)), "chars/entry")
	// Measured once, on the shared index: the live heap Build added and
	// its time then (ns/op above is the same work repeated).
	b.ReportMetric(float64(bench.heapBytes)/1e6, "index-MB")
	b.ReportMetric(bench.built.Seconds(), "first-build-s")
}
