package align

import (
	"testing"
)

// benchText repeats the gold statement until it has n clauses and about as
// many sentences.
func benchText(b *testing.B, n int) ([]Clause, []string, []int) {
	cases := loadGold(b)
	var c goldCase
	for _, x := range cases {
		if x.name == "treaty-2011" {
			c = x
		}
	}
	var zh []Clause
	var en []string
	var par []int
	for rep := 0; len(zh) < n; rep++ {
		for _, cl := range c.clauses {
			cl.ID = uint(len(zh))
			cl.Paragraph += rep * 100
			zh = append(zh, cl)
		}
		for j, s := range c.sentences {
			en = append(en, s)
			par = append(par, c.paragraphs[j]+rep*100)
		}
	}
	return zh[:n], en[:n], par[:n]
}

func BenchmarkAlign5000(b *testing.B) {
	zh, en, par := benchText(b, 5000)
	b.Run("length", func(b *testing.B) {
		for b.Loop() {
			alignAll(zh, en, Options{Paragraphs: par})
		}
	})
	b.Run("numbers", func(b *testing.B) {
		for b.Loop() {
			alignAll(zh, en, Options{Paragraphs: par, Anchors: NumberAnchors()})
		}
	})
}
