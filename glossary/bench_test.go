package glossary

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"
	"unicode"
)

// The corpus benchmarks check clauses made from the seed against a
// 2,000-term glossary: the seed's terms, recurring strings of the seed as
// Suggest finds them, and made-up terms of seed characters (which share
// prefixes with real text, as real terms do). A pool of 10,000 distinct
// clauses, each seed clause with made-up terms put in, is cycled through:
// 100,000 clauses per op, or 1,000,000 (≈ the 57 MB of the reference
// baseline) with ZHEN_BENCH_FULL=1. Findings are counted, never kept.

const benchTerms = 2000

type benchData struct {
	tb      *Termbase
	pool    []Clause
	clauses int   // clauses per op
	bytes   int64 // Chinese bytes per op
}

var benchOnce = sync.OnceValue(func() *benchData { return newBenchData() })

func newBenchData() *benchData {
	rng := rand.New(rand.NewPCG(1, 2))
	clauses := seedClauses()
	entries := seedGlossary()
	seen := map[string]bool{}
	limit := benchTerms // entries to compile: deprecated ones are left out
	for _, e := range entries {
		seen[Normalize(e.ZH)] = true
		if e.Status == StatusDeprecated {
			limit++
		}
	}
	add := func(zh string) {
		if seen[zh] || len(entries) == limit {
			return
		}
		seen[zh] = true
		n := len(entries)
		entries = append(entries, Entry{
			ID: uint(n + 1), ZH: zh, EN: fmt.Sprintf("term%04d rendering", n),
			Forbidden: []string{fmt.Sprintf("bad%04d", n)}, Status: StatusApproved,
		})
	}
	var docs []DocText
	for i, d := range seedDocs() {
		doc := DocText{DocumentID: uint(i + 1)}
		for _, c := range d.Clauses {
			doc.Clauses = append(doc.Clauses, c.Text)
		}
		docs = append(docs, doc)
	}
	for _, s := range Suggest(docs, Compile(entries), 150) {
		add(s.Text)
	}
	var han []rune
	for _, r := range string(seedText(nil)) {
		if unicode.Is(unicode.Han, r) {
			han = append(han, r)
		}
	}
	var made []string
	for len(entries) < limit {
		n := 2 + rng.IntN(7)
		start := rng.IntN(len(han) - n)
		t := []rune(string(han[start : start+n]))
		t[n-1] = han[rng.IntN(len(han))] // a real prefix, a made-up end
		before := len(entries)
		add(string(t))
		if len(entries) > before {
			made = append(made, string(t))
		}
	}
	tb := Compile(entries)

	// The pool: each seed clause with 0–2 made-up terms put in, and English
	// that renders every term found, with filler so that the English is
	// about as long as real English for that Chinese. Some clauses get a
	// rendering left out, a forbidden one, or Chinese punctuation.
	var pool []Clause
	for v := 0; len(pool) < 10000; v++ {
		for _, c := range clauses {
			src := c
			for k := range v % 3 {
				at := strings.Index(src, "，")
				if at < 0 {
					at = 0
				}
				src = src[:at] + made[(v*31+k*7+len(pool))%len(made)] + src[at:]
			}
			var en strings.Builder
			en.WriteString("The two sides")
			for i, h := range tb.Hits(src) {
				switch {
				case len(pool)%20 == 1 && i == 0: // left out
				case len(pool)%20 == 2 && i == 0 && len(h.Entry.Forbidden) > 0:
					en.WriteString(" call for " + h.Entry.Forbidden[0])
				default:
					en.WriteString(" will further strengthen " + h.Entry.EN)
				}
			}
			for en.Len() < len(src)*4/3 {
				en.WriteString(" and deepen practical cooperation in all fields")
			}
			if len(pool)%50 == 3 {
				en.WriteString("，")
			}
			en.WriteString(".")
			pool = append(pool, Clause{ID: uint(len(pool) + 1), DocumentID: uint(v%7 + 1), Source: src, Target: en.String()})
			if len(pool) == 10000 {
				break
			}
		}
	}
	d := &benchData{tb: tb, pool: pool, clauses: 100_000}
	if os.Getenv("ZHEN_BENCH_FULL") == "1" {
		d.clauses = 1_000_000
	}
	for i := range d.clauses {
		d.bytes += int64(len(pool[i%len(pool)].Source))
	}
	return d
}

// BenchmarkCheckCorpus is the full check of every clause, streamed.
func BenchmarkCheckCorpus(b *testing.B) {
	d := benchOnce()
	b.SetBytes(d.bytes)
	b.ReportAllocs()
	findings := 0
	for b.Loop() {
		findings = 0
		for i := range d.clauses {
			findings += len(d.tb.CheckClause(d.pool[i%len(d.pool)]))
		}
	}
	b.ReportMetric(float64(findings), "findings/op")
	b.ReportMetric(float64(d.clauses), "clauses/op")
}

// BenchmarkBareScan is the baseline for BenchmarkCheckCorpus: the same
// automaton over the same Chinese, every overlapping occurrence counted,
// nothing else.
func BenchmarkBareScan(b *testing.B) {
	d := benchOnce()
	b.SetBytes(d.bytes)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = 0
		for i := range d.clauses {
			d.tb.matcher.ScanOverlapping(d.pool[i%len(d.pool)].Source, func(Match) bool { n++; return true })
		}
	}
	b.ReportMetric(float64(n), "occurrences/op")
}

// BenchmarkRecheckOneClause is what saving one edited clause costs.
func BenchmarkRecheckOneClause(b *testing.B) {
	d := benchOnce()
	c := Clause{
		ID:     1,
		Source: "双方支持上海合作组织扩大同其他有关国家、国际组织的对话，重申坚持上海合作组织开放原则，重视有关国家加入上海合作组织的愿望，将加紧协商涉及扩员的法律、财务和行政条件。",
		Target: "The two sides support the SCO in expanding dialogue with other countries and international organisations concerned, reaffirm the SCO's principle of openness, value the wish of the countries concerned to join the Shanghai Cooperation Organisation and will speed up consultations on the legal, financial and administrative conditions for expansion.",
	}
	b.ReportAllocs()
	for b.Loop() {
		d.tb.CheckClause(c)
	}
}

// BenchmarkCompile is what a glossary change costs.
func BenchmarkCompile(b *testing.B) {
	entries := benchOnce().tb.entries
	b.ReportAllocs()
	for b.Loop() {
		Compile(entries)
	}
}

func TestBenchData(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the 2,000-term glossary")
	}
	d := benchOnce()
	if d.tb.Len() != benchTerms || len(d.pool) != 10000 {
		t.Fatalf("%d terms, %d clauses", d.tb.Len(), len(d.pool))
	}
	findings := map[string]int{}
	for _, c := range d.pool {
		for _, f := range d.tb.CheckClause(c) {
			findings[f.Kind]++
		}
	}
	// The pool has problems of each kind, but few: most clauses are right.
	for _, k := range []string{KindTermMissing, KindTermForbidden, KindPunctuation} {
		if findings[k] == 0 || findings[k] > len(d.pool)/5 {
			t.Errorf("%d %s findings in %d clauses", findings[k], k, len(d.pool))
		}
	}
}
