package diff

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func join(ops []Op, skip string) string {
	var b strings.Builder
	for _, o := range ops {
		if o.Kind != skip {
			b.WriteString(o.Text)
		}
	}
	return b.String()
}

func changed(ops []Op) (n int) {
	for _, o := range ops {
		if o.Kind != Equal {
			n += len(Tokens(o.Text))
		}
	}
	return n
}

func TestWords(t *testing.T) {
	a := "The two sides support the BRIC countries in deepening cooperation."
	b := "The two sides support the BRICS countries in deepening practical cooperation."
	ops := Words(a, b)
	want := []Op{
		{Equal, "The two sides support the "}, {Delete, "BRIC"}, {Insert, "BRICS"},
		{Equal, " countries in deepening"}, {Insert, " practical"}, {Equal, " cooperation."},
	}
	if len(ops) != len(want) {
		t.Fatalf("got %q", ops)
	}
	for i := range want {
		if ops[i] != want[i] {
			t.Fatalf("op %d: got %q, want %q (all: %q)", i, ops[i], want[i], ops)
		}
	}
	// Chinese: character by character.
	ops = Words("金砖国家合作", "金砖国家务实合作")
	if join(ops, Delete) != "金砖国家务实合作" || changed(ops) != 2 {
		t.Errorf("Chinese: %q", ops)
	}
	if ops := Words("", "New text."); len(ops) != 1 || ops[0].Kind != Insert {
		t.Errorf("from empty: %q", ops)
	}
	if ops := Words("same", "same"); len(ops) != 1 || ops[0].Kind != Equal {
		t.Errorf("same: %q", ops)
	}
}

// TestWordsRandom checks on random edits that the runs rebuild both texts
// and that the diff is no longer than the edit that was made.
func TestWordsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	vocab := strings.Fields("the two sides will a of strategic partnership SCO BRICS , . 合 作 伙伴")
	for n := 0; n < 2000; n++ {
		var x []string
		for range rng.IntN(30) {
			x = append(x, vocab[rng.IntN(len(vocab))])
		}
		y := append([]string(nil), x...)
		edits := rng.IntN(5)
		for range edits {
			switch op := rng.IntN(3); {
			case op == 0 || len(y) == 0:
				at := rng.IntN(len(y) + 1)
				y = append(y[:at], append([]string{vocab[rng.IntN(len(vocab))]}, y[at:]...)...)
			case op == 1:
				at := rng.IntN(len(y))
				y = append(y[:at], y[at+1:]...)
			default:
				y[rng.IntN(len(y))] = vocab[rng.IntN(len(vocab))]
			}
		}
		a, b := strings.Join(x, " "), strings.Join(y, " ")
		ops := Words(a, b)
		if join(ops, Insert) != a || join(ops, Delete) != b {
			t.Fatalf("%q → %q: runs %q do not rebuild the texts", a, b, ops)
		}
		// Each word edit changes at most a word and a space on each side.
		if c := changed(ops); c > 4*edits {
			t.Fatalf("%q → %q: %d units changed for %d edits: %q", a, b, c, edits, ops)
		}
	}
}
