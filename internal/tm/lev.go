package tm

// pattern is the query prepared for Myers' bit-parallel edit distance
// (Myers 1999, in Hyyrö's form for the global distance): one bit per query
// character, 64 characters per word, so a comparison costs one pass over
// the entry with a few word operations per character and block, instead of
// a row of the dynamic-programming table per character.
type pattern struct {
	n     int      // query length in characters
	words int      // 64-bit blocks
	local []uint32 // symbol → row of peq (0: a character the query lacks)
	peq   []uint64 // row r, block b at peq[r*words+b]: where the query has it
	pv    []uint64 // per-block vertical deltas, reused between comparisons
	mv    []uint64
	used  []uint32 // symbols set in local, to clear it afterwards
}

// prepare sets p up for query q (symbols; a symbol ≥ len(local) is a
// character no entry has and matches nothing).
func (p *pattern) prepare(q []uint32, alphabet int) {
	if len(p.local) < alphabet {
		p.local = make([]uint32, alphabet)
	}
	p.n = len(q)
	p.words = (len(q) + 63) / 64
	rows := 1
	for _, s := range q {
		if int(s) < alphabet && p.local[s] == 0 {
			p.local[s] = uint32(rows)
			p.used = append(p.used, s)
			rows++
		}
	}
	need := rows * p.words
	if cap(p.peq) < need {
		p.peq = make([]uint64, need)
	}
	p.peq = p.peq[:need]
	clear(p.peq)
	for i, s := range q {
		if int(s) < alphabet {
			p.peq[int(p.local[s])*p.words+i/64] |= 1 << (i % 64)
		}
	}
	if cap(p.pv) < p.words {
		p.pv = make([]uint64, p.words)
		p.mv = make([]uint64, p.words)
	}
	p.pv, p.mv = p.pv[:p.words], p.mv[:p.words]
}

// reset clears what prepare set in the shared local table.
func (p *pattern) reset() {
	for _, s := range p.used {
		p.local[s] = 0
	}
	p.used = p.used[:0]
}

// distance is the Levenshtein distance between the query and t if it is at
// most bound, else any value above bound (the comparison stops as soon as
// the distance can no longer come down to bound).
func distance[S sym](p *pattern, t []S, bound int) int {
	if p.words == 1 {
		return distance1(p, t, bound)
	}
	return distanceN(p, t, bound)
}

func distance1[S sym](p *pattern, t []S, bound int) int {
	hb := uint64(1) << (p.n - 1)
	pv, mv := ^uint64(0), uint64(0)
	score := p.n
	// The last row can fall by at most one per remaining character.
	slack := len(t) + bound
	local, peq := p.local, p.peq
	for _, s := range t {
		eq := peq[local[s]]
		xv := eq | mv
		xh := (((eq & pv) + pv) ^ pv) | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		if ph&hb != 0 {
			score++
		} else if mh&hb != 0 {
			score--
		}
		ph = ph<<1 | 1 // the top row D[0][j] = j grows by one a column
		mh <<= 1
		pv = mh | ^(xv | ph)
		mv = ph & xv
		slack--
		if score > slack {
			return bound + 1
		}
	}
	return score
}

func distanceN[S sym](p *pattern, t []S, bound int) int {
	w := p.words
	pvs, mvs := p.pv, p.mv
	for b := range pvs {
		pvs[b], mvs[b] = ^uint64(0), 0
	}
	last := uint64(1) << ((p.n - 1) % 64)
	score := p.n
	slack := len(t) + bound
	for _, s := range t {
		row := p.peq[int(p.local[s])*w : int(p.local[s])*w+w]
		hin := 1
		for b := range w {
			eq, pv, mv := row[b], pvs[b], mvs[b]
			xv := eq | mv
			if hin < 0 {
				eq |= 1
			}
			xh := (((eq & pv) + pv) ^ pv) | eq
			ph := mv | ^(xh | pv)
			mh := pv & xh
			hb := uint64(1) << 63
			if b == w-1 {
				hb = last
			}
			hout := 0
			if ph&hb != 0 {
				hout = 1
			} else if mh&hb != 0 {
				hout = -1
			}
			ph <<= 1
			mh <<= 1
			if hin < 0 {
				mh |= 1
			} else if hin > 0 {
				ph |= 1
			}
			pvs[b] = mh | ^(xv | ph)
			mvs[b] = ph & xv
			hin = hout
		}
		score += hin
		slack--
		if score > slack {
			return bound + 1
		}
	}
	return score
}
