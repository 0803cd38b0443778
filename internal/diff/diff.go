// Package diff compares two translations word by word, as a reviewer reads
// a change: English words, runs of spaces and punctuation marks are units,
// and each Chinese character is one (Chinese has no spaces between words).
package diff

import (
	"slices"
	"strings"
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

// Words returns the changes that turn a into b, by the units Tokens gives:
// the Equal and Delete runs joined give a, the Equal and Insert runs give b.
func Words(a, b string) []Op {
	return Of(Tokens(a), Tokens(b), func(ts []string) string { return strings.Join(ts, "") })
}

// Of is a shortest insert/delete script turning a into b, unit by unit
// (Myers' O(ND) algorithm), as runs of text (text joins units), with runs
// of one kind merged and a delete put before the insert next to it, so a
// replacement reads old → new. Words diffs by words; the translation
// memory by characters.
func Of[T comparable](a, b []T, text func([]T) string) []Op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []Op
	add := func(kind string, r []T) {
		if len(r) == 0 {
			return
		}
		if n := len(ops); n > 0 && ops[n-1].Kind == kind {
			ops[n-1].Text += text(r)
		} else {
			ops = append(ops, Op{kind, text(r)})
		}
	}
	add(Equal, a[:pre])
	x, y := a[pre:len(a)-suf], b[pre:len(b)-suf]
	for _, e := range myers(x, y) {
		switch e.kind {
		case 'd':
			add(Delete, x[e.i:e.i+1])
		case 'i':
			add(Insert, y[e.j:e.j+1])
		default:
			add(Equal, x[e.i:e.i+1])
		}
	}
	add(Equal, a[len(a)-suf:])
	for i := 1; i < len(ops); i++ {
		if ops[i].Kind == Delete && ops[i-1].Kind == Insert {
			ops[i-1], ops[i] = ops[i], ops[i-1]
		}
	}
	// The swap can bring two runs of one kind together (…insert delete
	// insert… becomes …delete insert insert…): merge them.
	out := ops[:0]
	for _, op := range ops {
		if n := len(out); n > 0 && out[n-1].Kind == op.Kind {
			out[n-1].Text += op.Text
		} else {
			out = append(out, op)
		}
	}
	return out
}

type step struct {
	kind byte // 'e', 'd', 'i'
	i, j int  // positions in x and y
}

// myers returns the edit script of x into y. Each round's frontier is kept
// only over the diagonals it reaches (O(D²) memory, D the script length).
func myers[T comparable](x, y []T) []step {
	n, m := len(x), len(y)
	if n == 0 || m == 0 {
		var out []step
		for i := range x {
			out = append(out, step{'d', i, 0})
		}
		for j := range y {
			out = append(out, step{'i', 0, j})
		}
		return out
	}
	off := n + m
	v := make([]int, 2*off+2)
	var trace [][]int // trace[d] = v[off-d : off+d+1] before round d
	for d := 0; d <= n+m; d++ {
		lo, hi := max(off-d, 0), off+d+1
		trace = append(trace, slices.Clone(v[lo:hi]))
		for k := -d; k <= d; k += 2 {
			var i int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				i = v[off+k+1] // down: an insert
			} else {
				i = v[off+k-1] + 1 // right: a delete
			}
			j := i - k
			for i < n && j < m && x[i] == y[j] {
				i, j = i+1, j+1
			}
			v[off+k] = i
			if i >= n && j >= m {
				return backtrack(trace, n, m, d)
			}
		}
	}
	panic("diff: unreachable")
}

func backtrack(trace [][]int, n, m, d int) []step {
	var rev []step
	i, j := n, m
	for ; d >= 0; d-- {
		v := trace[d] // v[k+d] is the frontier's diagonal k
		at := func(k int) int { return v[k+d] }
		k := i - j
		prevK := k - 1
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			prevK = k + 1
		}
		var pi int
		if d > 0 {
			pi = at(prevK)
		}
		pj := pi - prevK
		for i > pi && j > pj {
			rev = append(rev, step{'e', i - 1, j - 1})
			i, j = i-1, j-1
		}
		if d == 0 {
			break
		}
		if i == pi {
			rev = append(rev, step{'i', i, pj})
		} else {
			rev = append(rev, step{'d', pi, j})
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
