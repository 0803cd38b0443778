package stats

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestChineseCharacters(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"中华人民共和国", 7},
		{"双方强调，“一带一路”倡议；", 10}, // ，“”；
		{"《联合国宪章》（1945年）", 10}, // 《》（）; 1945 counts
		{"一、", 1}, // 、
		{"：。！？…—·「」『』【】〔〕", 0}, // only punctuation
		{"２０１５年", 5},           // full-width digits
		{"APEC会议", 6},          // letters count, Latin too
		{"中　国 \t\n", 2},        // ideographic space, space, tab, newline
		{"增长10%，达到￥100", 9},    // % ￥ are symbols, ， punctuation
		{"①②", 2},              // No: a number
		{"\u200b中\ufeff", 1},   // format characters
		{"𠀀𠀁", 2},              // outside the BMP: one each
	} {
		if got := ChineseCharacters(tc.in); got != tc.want {
			t.Errorf("ChineseCharacters(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestEnglishWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"US$100", 1},
		{"2015", 1},
		{"Good-Neighbourliness", 1},
		{"The two sides agree.", 4},
		{"China, Russia and the U.S. agree", 6},
		{"1,000 and 3.5 per cent", 5},
		{"don't, it’s", 2},
		{"and/or", 1},
		{"R&D", 1},
		{"peace — and development", 3}, // a dash alone is no word
		{"-- . , ! ...", 0},
		{"(a) 4. The sides", 4}, // (a), 4, The, sides
		{"50% of €20", 3},       // % ends the word
		{"café naïve", 2},       // accents, composed or combining
		{"cafe\u0301", 1},
		{"hello--world", 2}, // two joiners: two words
		{"中国 China", 2},     // Han letters count as a word run
		{"  spaced\twords\n", 2},
	} {
		if got := EnglishWords(tc.in); got != tc.want {
			t.Errorf("EnglishWords(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func seq(cs ...Clause) iter.Seq2[Clause, error] {
	return func(yield func(Clause, error) bool) {
		for _, c := range cs {
			if !yield(c, nil) {
				return
			}
		}
	}
}

func TestCount(t *testing.T) {
	docs := []Document{{ID: 1, Title: "A"}, {ID: 2, Title: "B"}, {ID: 3, Title: "empty"}}
	r, err := Count(docs, seq(
		Clause{Document: 1, Marker: true, Source: "一、", Target: "I.", Status: "approved", Approved: "I."},
		Clause{Document: 1, Source: "双方同意。", Target: "The two sides agree.", Approved: "The two sides agree.", Status: "approved"},
		Clause{Document: 1, Source: "和平共处。", Target: "Peaceful coexistence", Status: "draft"},
		Clause{Document: 2, Source: "２０１５年", Status: "untranslated"},
		Clause{Document: 9, Source: "别的", Status: "untranslated"}, // not asked for
	))
	if err != nil {
		t.Fatal(err)
	}
	a := r.Documents[0]
	if a.ID != 1 || a.Title != "A" || a.Clauses != 2 || a.Markers != 1 || a.ChineseCharacters != 8 || a.EnglishWords != 4 || a.EnglishWordsCurrent != 6 {
		t.Errorf("document 1: %+v", a)
	}
	if a.ByStatus["approved"] != 1 || a.ByStatus["draft"] != 1 || len(a.ByStatus) != 6 {
		t.Errorf("document 1 by status: %v", a.ByStatus)
	}
	if e := r.Documents[2]; e.Clauses != 0 || len(e.ByStatus) != 6 || e.ByStatus["untranslated"] != 0 {
		t.Errorf("empty document: %+v", e)
	}
	tot := r.Total
	if tot.Clauses != 3 || tot.Markers != 1 || tot.ChineseCharacters != 13 || tot.EnglishWords != 4 || tot.ByStatus["untranslated"] != 1 {
		t.Errorf("total: %+v", tot)
	}
	boom := errors.New("boom")
	_, err = Count(docs, func(yield func(Clause, error) bool) { yield(Clause{}, boom) })
	if !errors.Is(err, boom) {
		t.Errorf("a failed stream gives %v", err)
	}
}

func TestBandOf(t *testing.T) {
	for _, tc := range []struct {
		score float64
		want  Band
	}{
		{1, Match100}, {0.9999, Fuzzy95}, {0.95, Fuzzy95}, {0.9499, Fuzzy85}, {0.85, Fuzzy85},
		{0.8499, Fuzzy75}, {0.75, Fuzzy75}, {0.7499, NoMatch}, {0, NoMatch},
		{17.0 / 20, Fuzzy85}, // computed ratios land on their band's edge
	} {
		if got := BandOf(tc.score); got != tc.want {
			t.Errorf("BandOf(%v) = %s, want %s", tc.score, BandNames[got], BandNames[tc.want])
		}
	}
}

func TestAnalyze(t *testing.T) {
	scores := map[string]float64{"甲": 1, "乙": 0.9, "丙": 0.8, "丁": 0.97}
	var mu sync.Mutex
	var asked []string
	best := func(source string, exclude uint) float64 {
		mu.Lock()
		defer mu.Unlock()
		asked = append(asked, source)
		return scores[source]
	}
	docs := []Document{{ID: 2, Title: "second"}, {ID: 3, Title: "third"}}
	a, err := Analyze(docs, seq(
		// statement 1 is not asked for, but comes first: its clauses make later ones repetitions
		Clause{ID: 1, Document: 1, Source: "重复。", Key: "重复。"},
		Clause{ID: 2, Document: 2, Marker: true, Source: "一、", Key: "一、"},
		Clause{ID: 3, Document: 2, Source: "重复。", Key: "重复。"}, // repetition of clause 1
		Clause{ID: 4, Document: 2, Source: "甲", Key: "甲"},     // 100 %
		Clause{ID: 5, Document: 2, Source: "乙", Key: "乙"},     // 85–94
		Clause{ID: 6, Document: 3, Source: "甲", Key: "甲"},     // repetition beats 100 %
		Clause{ID: 7, Document: 3, Source: "丙", Key: "丙"},     // 75–84
		Clause{ID: 8, Document: 3, Source: "丁", Key: "丁"},     // 95–99
		Clause{ID: 9, Document: 3, Source: "戊己", Key: "戊己"},   // no match
		Clause{ID: 10, Document: 3, Source: "。", Key: ""},     // nothing to match
	), best)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(asked, "重复。") {
		t.Errorf("the memory was asked for a repetition or a statement not analysed: %v", asked)
	}
	d2, d3 := a.Documents[0].Leverage, a.Documents[1].Leverage
	if d2.Clauses != 3 || d2.Bands.Repetitions != (Tally{1, 2}) || d2.Bands.Match100 != (Tally{1, 1}) || d2.Bands.Fuzzy85 != (Tally{1, 1}) {
		t.Errorf("second: %+v", d2)
	}
	if d3.Clauses != 5 || d3.Bands.Repetitions != (Tally{1, 1}) || d3.Bands.Fuzzy75 != (Tally{1, 1}) || d3.Bands.Fuzzy95 != (Tally{1, 1}) || d3.Bands.NoMatch != (Tally{2, 2}) {
		t.Errorf("third: %+v", d3)
	}
	if a.Total.Clauses != 8 || a.Total.ChineseCharacters != 9 || a.Total.Bands.Repetitions.Clauses != 2 {
		t.Errorf("total: %+v", a.Total)
	}
	var sum Tally
	for b := Repetition; b <= NoMatch; b++ {
		sum.Clauses += a.Total.Bands.Of(b).Clauses
		sum.ChineseCharacters += a.Total.Bands.Of(b).ChineseCharacters
	}
	if sum != (Tally{a.Total.Clauses, a.Total.ChineseCharacters}) {
		t.Errorf("the bands add up to %+v, not the total %+v", sum, a.Total)
	}
}

func TestWriteCSV(t *testing.T) {
	a := Analysis{Documents: []DocumentLeverage{{ID: 4, Date: "2024-05-16", Title: "=中俄联合声明, \"全文\"", Leverage: Leverage{Clauses: 2, ChineseCharacters: 9}}}}
	a.Documents[0].Bands.NoMatch = Tally{2, 9}
	a.Total = a.Documents[0].Leverage
	var buf bytes.Buffer
	if err := WriteCSV(&buf, a); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\uFEFFdocument_id,date,title,clauses,chinese_characters,repetitions_clauses,") || !strings.Contains(out, "\r\n") {
		t.Fatalf("CSV starts %q", out[:60])
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || len(recs[1]) != 17 || recs[1][2] != "'=中俄联合声明, \"全文\"" || recs[1][15] != "2" || recs[2][0] != "total" {
		t.Errorf("records %q", recs)
	}
}

// TestAnalyzeManyBatches: more first occurrences than one batch, searched
// concurrently, land in the statement they belong to.
func TestAnalyzeManyBatches(t *testing.T) {
	docs := []Document{{ID: 1}, {ID: 2}, {ID: 3}}
	var cs []Clause
	for i := range 3 * batchSize {
		src := fmt.Sprintf("第%d条。", i)
		cs = append(cs, Clause{ID: uint(i + 1), Document: uint(1 + i%3), Source: src, Key: src})
	}
	best := func(source string, _ uint) float64 {
		if strings.HasSuffix(source, "7条。") {
			return 1
		}
		return 0.5
	}
	a, err := Analyze(docs, seq(cs...), best)
	if err != nil {
		t.Fatal(err)
	}
	for d := range 3 {
		want := Tally{}
		for i := d; i < len(cs); i += 3 {
			if strings.HasSuffix(cs[i].Source, "7条。") {
				want.Clauses++
				want.ChineseCharacters += ChineseCharacters(cs[i].Source)
			}
		}
		if got := a.Documents[d].Bands.Match100; got != want || a.Documents[d].Clauses != batchSize {
			t.Errorf("statement %d: 100 %% %+v, want %+v; %d clauses", d+1, got, want, a.Documents[d].Clauses)
		}
	}
}
