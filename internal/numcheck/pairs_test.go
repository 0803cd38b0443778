package numcheck

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// pair is one clause pair of testdata/pairs.tsv: a Chinese clause, its
// English translation, and whether the numbers in it agree.
type pair struct {
	ID, Note, ZH, EN string
	Wrong            bool
}

func loadPairs(t testing.TB) []pair {
	t.Helper()
	f, err := os.Open("testdata/pairs.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var ps []pair
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 || f[1] != "ok" && f[1] != "wrong" {
			t.Fatalf("pairs.tsv:%d: want id, ok|wrong, note, zh, en", n)
		}
		ps = append(ps, pair{ID: f[0], Wrong: f[1] == "wrong", Note: f[2], ZH: f[3], EN: f[4]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return ps
}

// score counts a checker's verdicts on the test set: a false alarm flags a
// correct pair, a miss lets a wrong one through.
type score struct{ truePos, falseAlarms, misses, trueNeg int }

func (s *score) add(wrong, flagged bool) {
	switch {
	case wrong && flagged:
		s.truePos++
	case wrong:
		s.misses++
	case flagged:
		s.falseAlarms++
	default:
		s.trueNeg++
	}
}

func (s score) precision() float64 {
	if s.truePos+s.falseAlarms == 0 {
		return 1
	}
	return float64(s.truePos) / float64(s.truePos+s.falseAlarms)
}

func (s score) recall() float64 {
	if s.truePos+s.misses == 0 {
		return 1
	}
	return float64(s.truePos) / float64(s.truePos+s.misses)
}

// TestPairs is the quality bar: on the test set no correct pair may be
// flagged and no wrong one may pass.
func TestPairs(t *testing.T) {
	ps := loadPairs(t)
	if len(ps) < 150 {
		t.Fatalf("the test set has %d pairs; it needs at least 150", len(ps))
	}
	var s score
	for _, p := range ps {
		m, flagged := Compare(p.ZH, p.EN)
		s.add(p.Wrong, flagged)
		switch {
		case flagged && !p.Wrong:
			t.Errorf("%s false alarm (%s): %s\n  zh: %s\n  en: %s", p.ID, p.Note, m.Message, p.ZH, p.EN)
		case !flagged && p.Wrong:
			t.Errorf("%s missed (%s)\n  zh: %s %v\n  en: %s %v", p.ID, p.Note, p.ZH, describeAll(Chinese(p.ZH)), p.EN, describeAll(English(p.EN)))
		case flagged && m.Message == "":
			t.Errorf("%s: a mismatch without a message", p.ID)
		}
	}
	t.Logf("Zhen on %d pairs: %d false alarms, %d misses, precision %.3f, recall %.3f",
		len(ps), s.falseAlarms, s.misses, s.precision(), s.recall())
}

func describeAll(vs []Value) []string {
	var out []string
	for _, v := range vs {
		d := string(v.Kind) + ":" + Describe(v)
		if v.Soft {
			d += "(soft)"
		}
		out = append(out, d)
	}
	return out
}

func BenchmarkCompare(b *testing.B) {
	ps := loadPairs(b)
	size := 0
	for _, p := range ps {
		size += len(p.ZH) + len(p.EN)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range ps {
			Compare(p.ZH, p.EN)
		}
	}
}
