// Package tm is Zhen's translation-memory matcher: for the clause being
// translated, the most similar approved clauses of every statement, each
// with a score and the character differences of its source. It is pure
// domain code: no database, no HTTP.
//
// # Score
//
// The score is the Levenshtein ratio by characters (runes) of the matching
// keys (glossary.Normalize: width and spacing folded), as Pontoon scores its
// memory: (len a + len b − distance) / (len a + len b). Chinese has no
// spaces between words, so characters are the natural unit; callers show
// matches from 0.7. The result is exact: the same top k, scores and order
// (score, then smaller distance, then smaller ID) as comparing the query
// with every entry, which the tests and FuzzSearch check against a
// brute-force oracle.
//
// # How it is fast
//
// Entries are numbered by key length, so the lengths a threshold allows
// (|n − L| ≤ distance) are one id range, found by binary search in posting
// lists sorted by id. Pass 1 counts shared bigrams per entry (the multiset
// intersection: an entry is listed once per occurrence), visits entries by
// decreasing count and compares each with Myers' bit-parallel edit distance
// (one pass over the entry, the query as 64-bit masks) bounded by what the
// current k-th best allows. A count c bounds the distance from below
// (d ≥ (max(n, L) − 1 − c)/2), so the visit stops as soon as no lower count
// can beat the k-th best. When nothing close exists the bar stays at the
// threshold, where bigrams prune little, so after a budget of comparisons
// pass 2 counts shared characters (bag distance: d ≥ max(n, L) − shared),
// leaving out the most frequent characters up to half of what any entry
// needs, and compares only what both bounds allow.
//
// # Figures
//
// 2-core shared Xeon, Go 1.26.8, seed-like memory: each entry a seed clause
// (398 in the seed, 48.4 characters on average) with random substitutions,
// insertions and deletions up to a quarter of its length; top 5 at 0.7;
// medians of -count=5 while other test suites loaded the machine (load
// average 5–7 on 2 cores; a quiet single run is given in brackets).
//
//	                            100,000 entries     1,000,000 entries
//	search "mixed" (3 edited    1.17 ms (0.79 ms)   14.3 ms (6.1 ms)
//	  entries : 1 seed clause)
//	search "edited" only        0.95 ms (0.86 ms)   13.6 ms (6.4 ms)
//	search "seed" only          1.17 ms (1.00 ms)   7.3 ms (6.7 ms)
//	search "novel" (random      6.0 ms (4.6 ms)     25.9 ms (25.0 ms)
//	  characters, no match)
//	brute force, same run       1.17 s (0.45 s)     0.71 s per 100,000
//	  (BenchmarkBruteForceBaseline: DP ratio loop over 100,000)
//	ratio brute ÷ mixed         ≈ 1,000× (565×)     ≈ 500× (brute scaled to 1M)
//	index memory (live heap)    55 MB               531 MB
//	build                       0.65 s (first 1.0)  6.7 s (first build in a
//	                                                fresh process 18–24 s)
//
// The memory is the live heap Build adds (runtime.MemStats before and after,
// the entries' strings excluded: the index shares them): symbols (2 bytes a
// character), unigram and bigram postings (4 bytes an occurrence each), the
// sorted bigram keys and the entries. Real memories are shorter (≈ 19
// characters a clause), so 1,000,000 real clauses take about 40 % of this.
//
//	go test -run=NONE -bench=. -count=5 ./internal/tm/                     # 100,000
//	ZHEN_BENCH_FULL=1 go test -run=NONE -bench=. -count=5 ./internal/tm/   # 1,000,000
package tm
