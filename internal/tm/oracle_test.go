package tm

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/demo"
	"github.com/zhen-workbench/zhen/internal/segment"
)

// levenshtein is the textbook two-row dynamic programme: the oracle.
func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			sub := prev[j-1]
			if a[i-1] != b[j-1] {
				sub++
			}
			cur[j] = min(sub, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

type scored struct {
	id    uint
	score float64
	d     int
}

// oracle scores every entry against the query, as Search promises, with
// the entries' keys computed once and the last query's scores kept.
type oracle struct {
	entries []Entry
	keys    [][]rune
	byID    map[uint]int
	query   string
	all     []scored // every entry's score for query, best first
}

func newOracle(entries []Entry) *oracle {
	o := &oracle{entries: entries, byID: map[uint]int{}}
	for i, e := range entries {
		o.keys = append(o.keys, []rune(glossary.Normalize(e.Source)))
		o.byID[e.ID] = i
	}
	return o
}

func (o *oracle) top(query string, k int, floor float64) []scored {
	q := []rune(glossary.Normalize(query))
	if len(q) == 0 || k <= 0 {
		return nil
	}
	if o.all == nil || o.query != query {
		o.query, o.all = query, o.all[:0]
		for i, s := range o.keys {
			if len(s) == 0 {
				continue
			}
			d := levenshtein(q, s)
			o.all = append(o.all, scored{o.entries[i].ID, float64(len(q)+len(s)-d) / float64(len(q)+len(s)), d})
		}
		slices.SortFunc(o.all, func(a, b scored) int {
			return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.d, b.d), cmp.Compare(a.id, b.id))
		})
	}
	var out []scored
	for _, s := range o.all {
		if len(out) == k || s.score < floor {
			break
		}
		out = append(out, s)
	}
	return out
}

var seed struct {
	once    sync.Once
	clauses []string // normalised seed clauses of two characters or more
	chars   []rune   // every character of them, with repeats: frequency-weighted
}

func seedClauses(tb testing.TB) ([]string, []rune) {
	seed.once.Do(func() {
		docs, err := segment.Parse(demo.SeedName, demo.Seed)
		if err != nil {
			panic(err)
		}
		for _, d := range docs {
			for _, c := range d.Clauses {
				t := glossary.Normalize(c.Text)
				if len([]rune(t)) >= 2 {
					seed.clauses = append(seed.clauses, t)
					seed.chars = append(seed.chars, []rune(t)...)
				}
			}
		}
	})
	if len(seed.clauses) < 100 {
		tb.Fatalf("seed: %d clauses", len(seed.clauses))
	}
	return seed.clauses, seed.chars
}

// edit applies n random substitutions, insertions and deletions with
// characters drawn from chars.
func edit(rng *rand.Rand, s []rune, n int, chars []rune) []rune {
	s = slices.Clone(s)
	for range n {
		c := chars[rng.IntN(len(chars))]
		switch op := rng.IntN(3); {
		case op == 0 && len(s) > 0:
			s[rng.IntN(len(s))] = c
		case op == 1 || len(s) == 0:
			s = slices.Insert(s, rng.IntN(len(s)+1), c)
		default:
			i := rng.IntN(len(s))
			s = slices.Delete(s, i, i+1)
		}
	}
	return s
}

// checkAgainstOracle runs one search and compares it with brute force: the
// same scores in the same order, each match's score true for its source,
// and a diff that spells both texts.
func checkAgainstOracle(t testing.TB, ix *Index, o *oracle, query string, k int, floor float64) {
	t.Helper()
	got := ix.Search(query, k, floor)
	want := o.top(query, k, floor)
	if len(got) != len(want) {
		t.Fatalf("query %q k=%d min=%v: %d matches, oracle %d\ngot %v\nwant %v", query, k, floor, len(got), len(want), got, want)
	}
	q := []rune(glossary.Normalize(query))
	for i, m := range got {
		if m.Score != want[i].score {
			t.Fatalf("query %q k=%d min=%v: match %d score %v, oracle %v (id %d vs %d)\ngot %v\nwant %v", query, k, floor, i, m.Score, want[i].score, m.ID, want[i].id, got, want)
		}
		e := o.entries[o.byID[m.ID]]
		s := o.keys[o.byID[m.ID]]
		d := levenshtein(q, s)
		if score := float64(len(q)+len(s)-d) / float64(len(q)+len(s)); score != m.Score {
			t.Fatalf("match %d (id %d): score %v, true score %v", i, m.ID, m.Score, score)
		}
		if m.Source != e.Source || m.Target != e.Target {
			t.Fatalf("match %d (id %d): texts %q/%q, entry %q/%q", i, m.ID, m.Source, m.Target, e.Source, e.Target)
		}
		if d != want[i].d {
			t.Fatalf("match %d: distance %d, oracle %d at the same score", i, d, want[i].d)
		}
		checkDiff(t, m.Diff, string(s), string(q))
	}
}

func checkDiff(t testing.TB, ops []Op, a, b string) {
	t.Helper()
	var x, y string
	for i, op := range ops {
		if op.Text == "" {
			t.Fatalf("diff %v: empty op", ops)
		}
		if i > 0 && ops[i-1].Kind == op.Kind {
			t.Fatalf("diff %v: runs not merged", ops)
		}
		switch op.Kind {
		case Equal:
			x, y = x+op.Text, y+op.Text
		case Delete:
			x += op.Text
		case Insert:
			y += op.Text
		default:
			t.Fatalf("diff %v: kind %q", ops, op.Kind)
		}
	}
	// The runs are the texts as written; they normalise to the keys.
	if glossary.Normalize(x) != a || glossary.Normalize(y) != b {
		t.Fatalf("diff %v spells %q → %q, want %q → %q", ops, x, y, a, b)
	}
}
