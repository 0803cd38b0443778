package stats

import (
	"hash/fnv"
	"iter"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// Band is where a clause lands in the leverage analysis: its best.
type Band int

const (
	Repetition Band = iota // the same normalised Chinese as an earlier clause of the corpus
	Match100               // the same normalised Chinese as a memory entry
	Fuzzy95                // 95–99 %
	Fuzzy85                // 85–94 %
	Fuzzy75                // 75–84 %
	NoMatch                // below 75 %, or no memory entry at all
)

// MinScore is the lowest memory score that is a match (75 %).
const MinScore = 0.75

// BandNames are the bands' names in JSON and CSV, in Band order.
var BandNames = [...]string{"repetitions", "match_100", "fuzzy_95_99", "fuzzy_85_94", "fuzzy_75_84", "no_match"}

// BandOf is the memory band of a best score (a Levenshtein ratio, 0..1):
// the score in whole percent, rounded down as CAT tools do, so 0.999 is
// 99 %, and only the same normalised Chinese (1) is 100 %.
func BandOf(score float64) Band {
	if score >= 1 {
		return Match100
	}
	p := int(math.Floor(score*100 + 1e-9))
	switch {
	case p >= 95: // 99.99… % too: only the same text is 100 %
		return Fuzzy95
	case p >= 85:
		return Fuzzy85
	case p >= 75:
		return Fuzzy75
	}
	return NoMatch
}

// Tally is a band's clauses and Chinese characters.
type Tally struct {
	Clauses           int `json:"clauses"`
	ChineseCharacters int `json:"chinese_characters"`
}

// Bands are the tallies of every band.
type Bands struct {
	Repetitions Tally `json:"repetitions"`
	Match100    Tally `json:"match_100"`
	Fuzzy95     Tally `json:"fuzzy_95_99"`
	Fuzzy85     Tally `json:"fuzzy_85_94"`
	Fuzzy75     Tally `json:"fuzzy_75_84"`
	NoMatch     Tally `json:"no_match"`
}

// Of returns the tally of band b.
func (bs *Bands) Of(b Band) *Tally {
	return [...]*Tally{&bs.Repetitions, &bs.Match100, &bs.Fuzzy95, &bs.Fuzzy85, &bs.Fuzzy75, &bs.NoMatch}[b]
}

// Leverage is a statement's analysis, or the corpus's.
type Leverage struct {
	Clauses           int   `json:"clauses"` // markers left out
	ChineseCharacters int   `json:"chinese_characters"`
	Bands             Bands `json:"bands"`
}

func (l *Leverage) add(b Band, chars int) {
	l.Clauses++
	l.ChineseCharacters += chars
	t := l.Bands.Of(b)
	t.Clauses++
	t.ChineseCharacters += chars
}

func (l *Leverage) plus(o Leverage) {
	l.Clauses += o.Clauses
	l.ChineseCharacters += o.ChineseCharacters
	for b := Repetition; b <= NoMatch; b++ {
		t, u := l.Bands.Of(b), o.Bands.Of(b)
		t.Clauses += u.Clauses
		t.ChineseCharacters += u.ChineseCharacters
	}
}

// DocumentLeverage is a statement's analysis.
type DocumentLeverage struct {
	ID    uint   `json:"id"`
	Title string `json:"title"`
	Date  string `json:"date"`
	Leverage
}

// Analysis is what `zhen analyze` and GET /api/v1/analysis answer.
type Analysis struct {
	Documents     []DocumentLeverage `json:"documents"`
	Total         Leverage           `json:"total"`
	MemoryEntries int                `json:"memory_entries"` // approved clauses and imported units searched
}

// Matcher is the translation memory: the best score (0..1) of an entry
// for source other than the clause itself (exclude), 0 if none reaches
// MinScore.
type Matcher func(source string, exclude uint) float64

// Analyze bands the clauses of docs. rows must come in import order and
// hold every clause imported before the last of docs (the statements
// before them too: a clause is a repetition when an earlier clause of the
// corpus has its normalised Chinese, the first occurrence is not). Each
// clause lands in one band, its best: a repetition first (it is translated
// once, with its first occurrence), else its best memory score. Markers
// are not work and are left out. Only a 128-bit hash of each distinct
// Chinese is kept, never the clauses.
func Analyze(docs []Document, rows iter.Seq2[Clause, error], best Matcher) (Analysis, error) {
	a := Analysis{Documents: make([]DocumentLeverage, len(docs))}
	at := make(map[uint]int, len(docs))
	for i, d := range docs {
		a.Documents[i] = DocumentLeverage{ID: d.ID, Title: d.Title, Date: d.Date}
		at[d.ID] = i
	}
	seen := map[[16]byte]struct{}{}
	h := fnv.New128a()
	var sum [16]byte
	// First occurrences wait in a batch for the memory, searched on every
	// core (best must be safe for concurrent use; tm.Index is).
	var batch []searched
	flush := func() {
		parallel(len(batch), func(j int) { batch[j].band = BandOf(best(batch[j].source, batch[j].id)) })
		for _, s := range batch {
			a.Documents[s.doc].add(s.band, s.chars)
		}
		batch = batch[:0]
	}
	for cl, err := range rows {
		if err != nil {
			return Analysis{}, err
		}
		if cl.Marker {
			continue
		}
		repeated := false
		if cl.Key != "" {
			h.Reset()
			h.Write([]byte(cl.Key))
			h.Sum(sum[:0])
			_, repeated = seen[sum]
			seen[sum] = struct{}{}
		}
		i, ok := at[cl.Document]
		if !ok {
			continue
		}
		switch chars := ChineseCharacters(cl.Source); {
		case repeated:
			a.Documents[i].add(Repetition, chars)
		case cl.Key == "":
			a.Documents[i].add(NoMatch, chars)
		default:
			if batch = append(batch, searched{doc: i, source: cl.Source, id: cl.ID, chars: chars}); len(batch) == batchSize {
				flush()
			}
		}
	}
	flush()
	for _, d := range a.Documents {
		a.Total.plus(d.Leverage)
	}
	return a, nil
}

// batchSize is how many first occurrences are searched at once.
const batchSize = 512

type searched struct {
	doc    int // index in Analysis.Documents
	source string
	id     uint
	chars  int
	band   Band
}

// parallel runs f(0) … f(n-1) on every core.
func parallel(n int, f func(int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := int(next.Add(1)) - 1; j < n; j = int(next.Add(1)) - 1 {
				f(j)
			}
		}()
	}
	wg.Wait()
}
