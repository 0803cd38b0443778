package align

import (
	"context"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// alignAll is Align with a context that never ends: an error is a bug.
func alignAll(clauses []Clause, sentences []string, opt Options) []Pair {
	pairs, err := Align(context.Background(), clauses, sentences, opt)
	if err != nil {
		panic(err)
	}
	return pairs
}

func readTestdata(name string) (string, error) {
	b, err := os.ReadFile("testdata/" + name)
	return string(b), err
}

// checkPairs checks the invariants of Align: every sentence in exactly one
// pair and in order, every clause in at most one pair and in order, kinds
// that match the counts, English that is the sentences joined, confidence
// in [0, 1].
func checkPairs(t *testing.T, clauses []Clause, sentences []string, pairs []Pair) {
	t.Helper()
	nextJ, nextI := 0, 0
	for k, p := range pairs {
		for _, j := range p.Sentences {
			if j != nextJ {
				t.Fatalf("pair %d: sentence %d, want %d", k, j, nextJ)
			}
			nextJ++
		}
		for _, id := range p.ClauseIDs {
			for nextI < len(clauses) && clauses[nextI].ID != id {
				nextI++ // clauses may be skipped only by being in no pair
			}
			if nextI == len(clauses) {
				t.Fatalf("pair %d: clause %d out of order", k, id)
			}
			nextI++
		}
		if len(p.ClauseIDs) == 0 && len(p.Sentences) == 0 {
			t.Fatalf("pair %d is empty", k)
		}
		if want := itoa(len(p.ClauseIDs)) + ":" + itoa(len(p.Sentences)); p.Kind != want {
			t.Fatalf("pair %d: kind %s, want %s", k, p.Kind, want)
		}
		var en []string
		for _, j := range p.Sentences {
			en = append(en, sentences[j])
		}
		if p.English != strings.Join(en, " ") {
			t.Fatalf("pair %d: English %q", k, p.English)
		}
		if !(p.Confidence >= 0 && p.Confidence <= 1) {
			t.Fatalf("pair %d: confidence %v", k, p.Confidence)
		}
	}
	if nextJ != len(sentences) {
		t.Fatalf("%d of %d sentences in pairs", nextJ, len(sentences))
	}
}

func itoa(n int) string { return string(rune('0' + n)) }

func TestAlignEdges(t *testing.T) {
	zh := []Clause{{ID: 7, Text: "双方同意。"}, {ID: 9, Text: "会谈取得成功。", Paragraph: 1}}
	en := []string{"The two sides agreed.", "The talks were a success."}
	if p := alignAll(nil, nil, Options{}); len(p) != 0 {
		t.Errorf("nothing to align gave %v", p)
	}
	p := alignAll(nil, en, Options{})
	checkPairs(t, nil, en, p)
	if len(p) != 2 || p[0].Kind != "0:1" {
		t.Errorf("no Chinese: %+v", p)
	}
	p = alignAll(zh, nil, Options{})
	checkPairs(t, zh, nil, p)
	if len(p) != 2 || p[0].Kind != "1:0" || p[0].English != "" || p[0].ClauseIDs[0] != 7 {
		t.Errorf("no English: %+v", p)
	}
	p = alignAll(zh, en, Options{Anchors: NumberAnchors(), Paragraphs: []int{0, 1}})
	checkPairs(t, zh, en, p)
	if len(p) != 2 || p[0].Kind != "1:1" || p[1].ClauseIDs[0] != 9 {
		t.Errorf("two clauses: %+v", p)
	}
	// Paragraphs of the wrong length are ignored, not a panic.
	checkPairs(t, zh, en, alignAll(zh, en, Options{Paragraphs: []int{0}}))
	// An anchor function that returns nonsense is clamped.
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), 1e9} {
		checkPairs(t, zh, en, alignAll(zh, en, Options{Anchors: func(string, string) float64 { return v }}))
	}
}

func TestNoteIsZeroOne(t *testing.T) {
	zh := []Clause{{ID: 1, Text: "双方同意加强合作。"}, {ID: 2, Text: "会谈在友好的气氛中进行。"}}
	en := []string{"The two sides agreed to strengthen cooperation.", "Translator's note: the Chinese says \"friendly\" only once.", "The talks were held in a friendly atmosphere."}
	p := alignAll(zh, en, Options{})
	checkPairs(t, zh, en, p)
	if len(p) != 3 || p[1].Kind != "0:1" {
		t.Errorf("note not alone: %+v", p)
	}
}

func TestNumberAnchors(t *testing.T) {
	a := NumberAnchors()
	for _, tt := range []struct {
		zh, en string
		sign   int
	}{
		{"2011年6月16日，双方签署条约。", "On 16 June 2011 the two sides signed the Treaty.", 1},
		{"将双边贸易额在2015年前提升至1000亿美元。", "They will raise trade to US$100 billion by 2015.", 1},
		{"将双边贸易额在2015年前提升至1000亿美元。", "They will raise trade to US$200 billion by 2020.", -1},
		{"双方同意。", "The two sides agreed.", 0},
		{"2014年", "", -1},
	} {
		got := a(tt.zh, tt.en)
		if got < -1 || got > 1 || (tt.sign > 0) != (got > 0) || (tt.sign < 0) != (got < 0) {
			t.Errorf("NumberAnchors(%q, %q) = %v, want sign %d", tt.zh, tt.en, got, tt.sign)
		}
		if again := a(tt.zh, tt.en); again != got {
			t.Errorf("cached value differs: %v then %v", got, again)
		}
	}
}

func TestTermAnchors(t *testing.T) {
	a := TermAnchors([]Term{{"上海合作组织", []string{"Shanghai Cooperation Organisation", "SCO"}}, {"能源", []string{"energy"}}}, nil)
	if got := a("推动上海合作组织发展。", "They will develop the SCO."); got <= 0 {
		t.Errorf("rendering found: %v", got)
	}
	if got := a("推动上海合作组织发展。", "They will develop the Scottish economy."); got >= 0 {
		t.Errorf("rendering absent (SCO is not Scottish): %v", got)
	}
	if got := a("双方同意。", "Energy."); got != 0 {
		t.Errorf("no term: %v", got)
	}
	if c := Combine(nil, a, a); c("能源合作", "energy cooperation") != 2*a("能源合作", "energy cooperation") && c("能源合作", "energy cooperation") != 1 {
		t.Errorf("Combine does not sum")
	}
	if Combine(nil) != nil {
		t.Errorf("Combine of nothing is not nil")
	}
}

// TestAlignRandom checks the invariants on random texts built from the gold
// documents: sentences dropped, duplicated and shuffled locally.
func TestAlignRandom(t *testing.T) {
	cases := loadGold(t)
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		c := cases[r.IntN(len(cases))]
		zh := pick(r, c.clauses)
		en := pick(r, c.sentences)
		opt := Options{}
		if r.IntN(2) == 0 {
			opt.Anchors = NumberAnchors()
		}
		checkPairs(t, zh, en, alignAll(zh, en, opt))
	}
}

// pick returns a random run of xs with some items dropped or repeated.
func pick[T any](r *rand.Rand, xs []T) []T {
	if len(xs) == 0 {
		return nil
	}
	from := r.IntN(len(xs))
	to := from + r.IntN(len(xs)-from+1)
	var out []T
	for _, x := range xs[from:to] {
		switch r.IntN(10) {
		case 0:
		case 1:
			out = append(out, x, x)
		default:
			out = append(out, x)
		}
	}
	return out
}

func FuzzAlign(f *testing.F) {
	f.Add("双方同意。会谈成功。\n2011年6月16日", "The two sides agreed. The talks succeeded.\nTranslator's note: x.", uint8(3))
	f.Add("", "One.", uint8(0))
	f.Add("一\n二\n三", "", uint8(1))
	f.Fuzz(func(t *testing.T, zhText, enText string, flags uint8) {
		var zh []Clause
		for p, line := range strings.Split(zhText, "\n") {
			for c := range strings.SplitSeq(line, "。") {
				zh = append(zh, Clause{ID: uint(len(zh) + 1), Text: c, Paragraph: p})
			}
		}
		en, par := Split(enText)
		opt := Options{}
		if flags&1 != 0 {
			opt.Anchors = NumberAnchors()
		}
		if flags&2 != 0 {
			opt.Paragraphs = par
		}
		checkPairs(t, zh, en, alignAll(zh, en, opt))
	})
}

func TestTailCost(t *testing.T) {
	for d := 0.0; d < 45; d += 0.037 {
		want := -logErfc(d / math.Sqrt2)
		if got := tailCost(d); math.Abs(got-want) > 1e-3*math.Max(1, want) {
			t.Fatalf("tailCost(%v) = %v, want %v", d, got, want)
		}
	}
}
