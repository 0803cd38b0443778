package tm

import "slices"

// Op kinds, the same words internal/diff uses for translations.
const (
	Equal  = "equal"
	Insert = "insert"
	Delete = "delete"
)

// Op is a run of characters both texts share (equal), only the query has
// (insert) or only the match's source has (delete).
type Op struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// runeDiff is a shortest insert/delete script turning a into b, character
// by character (Myers' O(ND) algorithm), with runs of one kind merged and a
// delete put before the insert next to it, so a replacement reads old → new.
func runeDiff(a, b []rune) []Op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []Op
	add := func(kind string, r []rune) {
		if len(r) == 0 {
			return
		}
		if n := len(ops); n > 0 && ops[n-1].Kind == kind {
			ops[n-1].Text += string(r)
		} else {
			ops = append(ops, Op{kind, string(r)})
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
func myers(x, y []rune) []step {
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
	panic("tm: unreachable")
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
