package align

import (
	"context"
	"math"
)

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

// fullBand is the whole matrix.
func (a *aligner) fullBand() *band {
	lo, hi := make([]int, a.n+1), make([]int, a.n+1)
	for i := range hi {
		hi[i] = a.m
	}
	return newBand(lo, hi)
}

// The programme is coarse to fine, so that its time and memory grow
// linearly with the texts: a matrix of at most fullCells is filled whole;
// a larger one is first aligned by length with units of two clauses and
// two sentences (recursively, down to fullCells), and then filled only
// within startRadius units of that path. Where the best path runs along
// the band's edge (a passage left untranslated, which length alone
// locates poorly), the level is run again, centred on that path, with
// the band twice as wide there and for widenSpan times its radius either
// side, at most maxWidenings times: the band never grows with the text,
// and grows only where it must. Set on long texts built from the gold set
// (scale_test.go): with a fifth of the English left out, a narrower start,
// fewer widenings or a shorter span lose pairs; widening every row, as
// the band did, costs four times the cells on the English of a ninth of a
// statement.
const (
	fullCells    = 1 << 16 // ~250×250: every gold text is aligned exactly
	startRadius  = 32      // units either side of the guide in the first pass
	maxWidenings = 4       // to 512 units either side
	widenSpan    = 64      // rows either side of an edge, per unit of its radius, also widened
)

// progress is shared by the levels of one alignment: the caller's context,
// checked after every row, and the work done, which the tests count.
type progress struct {
	ctx       context.Context
	rows      int    // rows of any programme done
	cells     int    // cells filled (each tries every bead)
	allocated int    // cells allocated, summed over all the programmes
	largest   int    // cells of the largest programme: the memory held at once
	afterRow  func() // a test's hook
}

func (p *progress) alloc(bd *band) {
	p.allocated += bd.size
	p.largest = max(p.largest, bd.size)
}

// row records a row of cells done and reports whether to stop.
func (p *progress) row(cells int) error {
	p.rows++
	p.cells += cells
	if p.afterRow != nil {
		p.afterRow()
	}
	return p.ctx.Err()
}

// viterbi returns the cheapest path from (0, 0) to (n, m).
func (a *aligner) viterbi() ([]step, error) {
	if (a.n+1)*(a.m+1) <= fullCells {
		return a.bestPath(a.fullBand())
	}
	coarse, err := a.coarser().viterbi()
	if err != nil {
		return nil, err
	}
	guide := make([]step, len(coarse))
	for k, st := range coarse {
		guide[k] = step{i: min(2*st.i, a.n), j: min(2*st.j, a.m)}
	}
	radius := sameRadius(a.n, startRadius)
	bd := a.bandAround(guide, radius)
	path, err := a.bestPath(bd)
	for k := 0; k < maxWidenings && err == nil && widenAtEdge(bd, path, a.m, radius); k++ {
		bd = a.bandAround(path, radius)
		path, err = a.bestPath(bd)
	}
	return path, err
}

// coarser is the problem with units of two clauses and two sentences (the
// last may be one), judged by length and bead priors alone: anchors and
// paragraphs belong to the units themselves, and only guide the final
// level.
func (a *aligner) coarser() *aligner {
	c := &aligner{progress: a.progress, n: (a.n + 1) / 2, m: (a.m + 1) / 2}
	c.cz = make([]float64, c.n+1)
	for i := range c.cz {
		c.cz[i] = a.cz[min(2*i, a.n)]
	}
	c.ce = make([]float64, c.m+1)
	for j := range c.ce {
		c.ce[j] = a.ce[min(2*j, a.m)]
	}
	return c
}

// widenAtEdge doubles the radius of the rows where the path runs along an
// edge of the band that is not an edge of the matrix (a band elsewhere
// might give a better path), and of the rows within widenSpan times their
// radius; it reports whether there were any.
func widenAtEdge(bd *band, path []step, m int, radius []int) bool {
	n := len(radius) - 1
	cover := make([]int, n+2) // +1 where a widened stretch starts, -1 after it ends
	touched := false
	for _, st := range path {
		if st.j == bd.lo[st.i] && st.j > 0 || st.j == bd.hi[st.i] && st.j < m {
			touched = true
			span := widenSpan * radius[st.i]
			cover[max(0, st.i-span)]++
			cover[min(n, st.i+span)+1]--
		}
	}
	for i, c := 0, 0; i <= n; i++ {
		if c += cover[i]; c > 0 {
			radius[i] *= 2
		}
	}
	return touched
}

func (a *aligner) bestPath(bd *band) ([]step, error) {
	a.progress.alloc(bd)
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
		if err := a.progress.row(bd.hi[i] - bd.lo[i] + 1); err != nil {
			return nil, err
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
	return path, nil
}

// bandAround is the band of cells within radius[i] sentences, in row i,
// of a monotone run of cells from (0, 0) (a path, or a coarser path
// projected), which it closes at (n, m). Between two cells of the run it
// holds the rectangle they span, so its size is about n + m times the
// band's width: linear.
func (a *aligner) bandAround(cells []step, radius []int) *band {
	jmax := make([]int, a.n+1) // largest j of a run cell in rows ≤ i
	jmin := make([]int, a.n+1) // smallest j of a run cell in rows ≥ i
	for i := range jmax {
		jmax[i], jmin[i] = -1, a.m+1
	}
	for _, c := range append(cells[:len(cells):len(cells)], step{i: a.n, j: a.m}) {
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
		lo[i] = max(0, min(jmax[i], jmin[i])-radius[i])
		hi[i] = min(a.m, max(jmax[i], jmin[i])+radius[i])
	}
	// Bounds that never decrease: a wider row widens its neighbours
	// on one side.
	for i := a.n - 1; i >= 0; i-- {
		lo[i] = min(lo[i], lo[i+1])
	}
	for i := 1; i <= a.n; i++ {
		hi[i] = max(hi[i], hi[i-1])
	}
	return newBand(lo, hi)
}

// sameRadius is a radius of r for each of n+1 rows.
func sameRadius(n, r int) []int {
	radius := make([]int, n+1)
	for i := range radius {
		radius[i] = r
	}
	return radius
}

// posteriors returns, for each step of the path, the probability that a
// path drawn in proportion to exp(-cost/temperature) among those within
// pathNeighbours sentences of the best one takes exactly that bead.
func (a *aligner) posteriors(path []step) ([]float64, error) {
	post := make([]float64, len(path))
	if len(path) == 0 {
		return post, nil
	}
	bd := a.bandAround(path, sameRadius(a.n, pathNeighbours))
	a.progress.alloc(bd)
	a.progress.alloc(bd)
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
		if err := a.progress.row(bd.hi[i] - bd.lo[i] + 1); err != nil {
			return nil, err
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
		if err := a.progress.row(bd.hi[i] - bd.lo[i] + 1); err != nil {
			return nil, err
		}
	}
	z := fwd[bd.at(a.n, a.m)]
	for k, st := range path {
		be := beads[st.b]
		lp := fwd[bd.at(st.i, st.j)] - a.cost(st.i, st.j, st.b)/temperature + bwd[bd.at(st.i+be.dz, st.j+be.de)] - z
		post[k] = math.Min(1, math.Exp(lp))
	}
	return post, nil
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
