// Package diff compares two translations word by word, as a reviewer reads
// a change: English words, runs of spaces and punctuation marks are units,
// and each Chinese character is one (Chinese has no spaces between words).
package diff

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// Op kinds.
const (
	Equal  = "equal"
	Insert = "insert"
	Delete = "delete"
)

// Op is a run of text that both texts share, or only the new one has
// (insert), or only the old one had (delete).
type Op struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// Words returns the changes that turn a into b: the Equal and Delete runs
// joined give a, the Equal and Insert runs give b. Runs of one kind are
// merged, and the diff is a shortest one (Myers), so that few words are
// marked changed.
func Words(a, b string) []Op {
	x, y := Tokens(a), Tokens(b)
	// Common prefix and suffix first: most edits touch a few words.
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	var ops []Op
	add := func(kind string, toks ...string) {
		for _, t := range toks {
			if n := len(ops); n > 0 && ops[n-1].Kind == kind {
				ops[n-1].Text += t
			} else {
				ops = append(ops, Op{kind, t})
			}
		}
	}
	add(Equal, x[:pre]...)
	for _, e := range myers(x[pre:len(x)-suf], y[pre:len(y)-suf]) {
		add(e.kind, e.tok)
	}
	add(Equal, x[len(x)-suf:]...)
	return reorder(ops)
}

// reorder puts each delete before the insert next to it, so that a
// replaced word reads "old → new".
func reorder(ops []Op) []Op {
	for i := 1; i < len(ops); i++ {
		if ops[i].Kind == Delete && ops[i-1].Kind == Insert {
			ops[i-1], ops[i] = ops[i], ops[i-1]
		}
	}
	return ops
}

type edit struct {
	kind, tok string
}

// myers is the O(ND) shortest edit script of x into y.
func myers(x, y []string) []edit {
	n, m := len(x), len(y)
	if n == 0 || m == 0 {
		var out []edit
		for _, t := range x {
			out = append(out, edit{Delete, t})
		}
		for _, t := range y {
			out = append(out, edit{Insert, t})
		}
		return out
	}
	max := n + m
	v := make([]int, 2*max+2)
	var trace [][]int
	for d := 0; d <= max; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var i int
			if k == -d || (k != d && v[max+k-1] < v[max+k+1]) {
				i = v[max+k+1] // down: an insert
			} else {
				i = v[max+k-1] + 1 // right: a delete
			}
			j := i - k
			for i < n && j < m && x[i] == y[j] {
				i, j = i+1, j+1
			}
			v[max+k] = i
			if i >= n && j >= m {
				return backtrack(trace, x, y, d, max)
			}
		}
	}
	panic("diff: unreachable")
}

// backtrack walks the saved frontiers back from (n, m) to (0, 0): trace[d]
// is the frontier before round d.
func backtrack(trace [][]int, x, y []string, d, max int) []edit {
	var rev []edit
	i, j := len(x), len(y)
	for ; d >= 0; d-- {
		v := trace[d]
		k := i - j
		prevK := k - 1
		if k == -d || (k != d && v[max+k-1] < v[max+k+1]) {
			prevK = k + 1
		}
		pi := v[max+prevK]
		pj := pi - prevK
		for i > pi && j > pj {
			rev = append(rev, edit{Equal, x[i-1]})
			i, j = i-1, j-1
		}
		if d == 0 {
			break
		}
		if i == pi {
			rev = append(rev, edit{Insert, y[pj]})
		} else {
			rev = append(rev, edit{Delete, x[pi]})
		}
		i, j = pi, pj
	}
	slices.Reverse(rev)
	return rev
}

// Tokens splits a text into the units Words compares: runs of letters and
// digits (a Chinese character alone), runs of spaces, single other marks.
func Tokens(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		j := i + size
		switch {
		case unicode.Is(unicode.Han, r):
		case isWord(r):
			for j < len(s) {
				r2, n := utf8.DecodeRuneInString(s[j:])
				if !isWord(r2) || unicode.Is(unicode.Han, r2) {
					break
				}
				j += n
			}
		case unicode.IsSpace(r):
			for j < len(s) {
				r2, n := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				j += n
			}
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' }
