package align

import "math"

// band is the part of the (n+1)×(m+1) matrix of cells that the programme
// fills: for each row i (clauses done) the columns lo[i]..hi[i] (sentences
// done). Both bounds never decrease and consecutive rows overlap, so every
// cell of the band can be reached from (0, 0).
type band struct {
	lo, hi, off []int
	size        int
}

func newBand(lo, hi []int) *band {
	for i := 1; i < len(lo); i++ {
		hi[i-1] = max(hi[i-1], lo[i]) // rows overlap: a 1:0 bead can go down
	}
	b := &band{lo: lo, hi: hi, off: make([]int, len(lo))}
	for i := range lo {
		b.off[i] = b.size
		b.size += hi[i] - lo[i] + 1
	}
	return b
}

// at is the index of cell (i, j) in the band's arrays, or -1 outside.
func (b *band) at(i, j int) int {
	if i < 0 || j < b.lo[i] || j > b.hi[i] {
		return -1
	}
	return b.off[i] + j - b.lo[i]
}

// diagonalBand is the band of half-width w around the diagonal drawn by
// length: row i is centred on the sentence where the English has covered
// the share of its letters that clauses 0..i-1 cover of the Chinese. That
// follows a text whose clauses are split more finely in one part than in
// another better than i·m/n does.
func (a *aligner) diagonalBand(w int) *band {
	lo, hi := make([]int, a.n+1), make([]int, a.n+1)
	totalZ, totalE := a.cz[a.n], a.ce[a.m]
	j := 0
	for i := 0; i <= a.n; i++ {
		var c int
		switch {
		case i == a.n:
			c = a.m
		case totalZ == 0 || totalE == 0:
			c = i * a.m / max(a.n, 1)
		default:
			// smallest j whose share of English reaches clauses 0..i-1's share of Chinese
			for j < a.m && a.ce[j]*totalZ < a.cz[i]*totalE {
				j++
			}
			c = j
		}
		lo[i], hi[i] = max(0, c-w), min(a.m, c+w)
	}
	return newBand(lo, hi)
}

// maxWidenings bounds how often the band doubles when the best path
// touches its edge: memory grows with the band.
const maxWidenings = 2

// viterbi returns the cheapest path from (0, 0) to (n, m).
func (a *aligner) viterbi() []step {
	w := minBand + max(a.n, a.m)/100
	for k := 0; ; k++ {
		bd := a.diagonalBand(w)
		path := a.bestPath(bd)
		if k == maxWidenings || !touchesEdge(bd, path, a.m) {
			return path
		}
		w *= 2
	}
}

// touchesEdge reports whether the path runs along an edge of the band that
// is not an edge of the matrix: a wider band might give a better path.
func touchesEdge(bd *band, path []step, m int) bool {
	for _, st := range path {
		if st.j == bd.lo[st.i] && st.j > 0 || st.j == bd.hi[st.i] && st.j < m {
			return true
		}
	}
	return false
}

func (a *aligner) bestPath(bd *band) []step {
	cost := make([]float64, bd.size)
	back := make([]int8, bd.size)
	for i := 0; i <= a.n; i++ {
		for j := bd.lo[i]; j <= bd.hi[i]; j++ {
			k := bd.at(i, j)
			if i == 0 && j == 0 {
				back[k] = -1
				continue
			}
			best, bb := math.Inf(1), int8(-1)
			for b, be := range beads {
				pk := bd.at(i-be.dz, j-be.de)
				if pk < 0 || i-be.dz < 0 || j-be.de < 0 || math.IsInf(cost[pk], 1) {
					continue
				}
				c := cost[pk] + a.baseCost(i-be.dz, j-be.de, b)
				if a.anchored(j-be.de, b) {
					if c-anchorWeight >= best {
						continue // no anchor can make it the best: skip the call
					}
					c += a.anchorCost(i-be.dz, j-be.de, b)
				}
				if c < best {
					best, bb = c, int8(b)
				}
			}
			cost[k], back[k] = best, bb
		}
	}
	var path []step
	for i, j := a.n, a.m; i > 0 || j > 0; {
		b := back[bd.at(i, j)]
		i, j = i-beads[b].dz, j-beads[b].de
		path = append(path, step{i, j, int(b)})
	}
	for l, r := 0, len(path)-1; l < r; l, r = l+1, r-1 {
		path[l], path[r] = path[r], path[l]
	}
	return path
}

// pathBand is the band of cells within pathNeighbours sentences of the
// path, where the forward–backward pass sums over alternatives.
func (a *aligner) pathBand(path []step) *band {
	jmax := make([]int, a.n+1) // largest j of a path cell in rows ≤ i
	jmin := make([]int, a.n+1) // smallest j of a path cell in rows ≥ i
	for i := range jmax {
		jmax[i], jmin[i] = -1, a.m+1
	}
	cells := append(make([]step, 0, len(path)+1), path...)
	cells = append(cells, step{i: a.n, j: a.m})
	for _, c := range cells {
		jmax[c.i] = max(jmax[c.i], c.j)
		jmin[c.i] = min(jmin[c.i], c.j)
	}
	for i := 1; i <= a.n; i++ {
		jmax[i] = max(jmax[i], jmax[i-1])
	}
	for i := a.n - 1; i >= 0; i-- {
		jmin[i] = min(jmin[i], jmin[i+1])
	}
	lo, hi := make([]int, a.n+1), make([]int, a.n+1)
	for i := range lo {
		lo[i] = max(0, min(jmax[i], jmin[i])-pathNeighbours)
		hi[i] = min(a.m, max(jmax[i], jmin[i])+pathNeighbours)
	}
	return newBand(lo, hi)
}

// posteriors returns, for each step of the path, the probability that a
// path drawn in proportion to exp(-cost/temperature) among those near the
// best one takes exactly that bead.
func (a *aligner) posteriors(path []step) []float64 {
	post := make([]float64, len(path))
	if len(path) == 0 {
		return post
	}
	bd := a.pathBand(path)
	fwd := make([]float64, bd.size)
	var terms [8]float64
	for i := 0; i <= a.n; i++ {
		for j := bd.lo[i]; j <= bd.hi[i]; j++ {
			k := bd.at(i, j)
			if i == 0 && j == 0 {
				continue
			}
			t := terms[:0]
			for b, be := range beads {
				pi, pj := i-be.dz, j-be.de
				if pi < 0 || pj < 0 {
					continue
				}
				if pk := bd.at(pi, pj); pk >= 0 {
					t = append(t, fwd[pk]-a.cost(pi, pj, b)/temperature)
				}
			}
			fwd[k] = logSumExp(t)
		}
	}
	bwd := make([]float64, bd.size)
	for i := a.n; i >= 0; i-- {
		for j := bd.hi[i]; j >= bd.lo[i]; j-- {
			k := bd.at(i, j)
			if i == a.n && j == a.m {
				continue
			}
			t := terms[:0]
			for b, be := range beads {
				ni, nj := i+be.dz, j+be.de
				if ni > a.n || nj > a.m {
					continue
				}
				if nk := bd.at(ni, nj); nk >= 0 {
					t = append(t, bwd[nk]-a.cost(i, j, b)/temperature)
				}
			}
			bwd[k] = logSumExp(t)
		}
	}
	z := fwd[bd.at(a.n, a.m)]
	for k, st := range path {
		be := beads[st.b]
		lp := fwd[bd.at(st.i, st.j)] - a.cost(st.i, st.j, st.b)/temperature + bwd[bd.at(st.i+be.dz, st.j+be.de)] - z
		post[k] = math.Min(1, math.Exp(lp))
	}
	return post
}

// logSumExp is log Σ exp(t), -Inf for no terms.
func logSumExp(t []float64) float64 {
	m := math.Inf(-1)
	for _, x := range t {
		m = max(m, x)
	}
	if math.IsInf(m, -1) {
		return m
	}
	s := 0.0
	for _, x := range t {
		s += math.Exp(x - m)
	}
	return m + math.Log(s)
}
