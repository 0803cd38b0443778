package align

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  \n\n ", nil},
		{"One. Two! Three? Four; five", []string{"One.", "Two!", "Three?", "Four;", "five"}},
		{"Mr. Li met the U.S. President. They talked.", []string{"Mr. Li met the U.S. President.", "They talked."}},
		{"See No. 5 and Art. 3 e.g. here. Next.", []string{"See No. 5 and Art. 3 e.g. here.", "Next."}},
		{"Growth was 3.5 per cent. It rose.", []string{"Growth was 3.5 per cent.", "It rose."}},
		{"J. R. Smith came. He left.", []string{"J. R. Smith came.", "He left."}},
		{"1. The two sides agree. II. Energy", []string{"1. The two sides agree.", "II.", "Energy"}},
		{"II. Energy cooperation.", []string{"II. Energy cooperation."}},
		{"Fruit, etc. and more. Done.", []string{"Fruit, etc. and more.", "Done."}},
		{`He said "Go. Now." Then left.`, []string{`He said "Go. Now."`, "Then left."}},
		{"They met (see above. Really.) and left. Fine.", []string{"They met (see above. Really.) and left.", "Fine."}},
		{"An (unclosed bracket. Then more.", []string{"An (unclosed bracket.", "Then more."}},
		{"“Quoted.” Next one.", []string{"“Quoted.”", "Next one."}},
		{"\uFEFFFirst line\r\nSecond. Third\rFourth", []string{"First line", "Second.", "Third", "Fourth"}},
		{"the two sides' interests. Next.", []string{"the two sides' interests.", "Next."}},
		{"Wait... What?", []string{"Wait...", "What?"}},
	}
	for _, tt := range tests {
		if got := Sentences(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitParagraphs(t *testing.T) {
	s, p := Split("Aa. Bb.\n\n\nCc.\r\nDd. Ee.")
	if !slices.Equal(s, []string{"Aa.", "Bb.", "Cc.", "Dd.", "Ee."}) || !slices.Equal(p, []int{0, 0, 1, 2, 2}) {
		t.Errorf("got %q %v", s, p)
	}
}

// checkLossless is the property of Split: the sentences, joined with
// spaces, are the words of the text joined with spaces; none is empty or
// has outer or doubled spaces; paragraphs never decrease.
func checkLossless(t *testing.T, text string) {
	s, p := Split(text)
	want := strings.Join(strings.Fields(strings.TrimPrefix(text, "\uFEFF")), " ")
	if got := strings.Join(s, " "); got != want {
		t.Fatalf("text lost: %q\n got %q\nwant %q", text, got, want)
	}
	if len(p) != len(s) {
		t.Fatalf("%d paragraphs for %d sentences", len(p), len(s))
	}
	for i, x := range s {
		if x == "" || x != strings.Join(strings.Fields(x), " ") {
			t.Fatalf("sentence %d badly spaced: %q", i, x)
		}
		if utf8.ValidString(text) && !utf8.ValidString(x) {
			t.Fatalf("sentence %d invalid UTF-8: %q", i, x)
		}
		if i > 0 && p[i] < p[i-1] {
			t.Fatalf("paragraphs go back: %v", p)
		}
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{"", "One. Two.", "Mr. X (a. b.) \"c. D.\" e; f! G? h", "\uFEFF1. A\r\nB\rC\n\nD.",
		"U.S. e.g. 3.5 No. 2. Next", "“(x.” y.) Z.", "a\u00a0b. C\u3000d."} {
		f.Add(s)
	}
	for _, name := range []string{"treaty-2011", "communique-2014", "memorandum-2014"} {
		if b, err := readTestdata(name + ".en.txt"); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkLossless(t, text)
	})
}
