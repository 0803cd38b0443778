package glossary
import ("testing";"fmt";"time")
func TestScratch(t *testing.T){
	d := benchOnce()
	m := d.tb.matcher
	fmt.Println("states", len(m.depth), "stride", m.stride, "table MB", len(m.trans)*4/1e6, "bytes/op", d.bytes)
	hits, over := 0, 0
	for _, c := range d.pool { hits += len(m.FindAll(Normalize(c.Source))); m.ScanOverlapping(c.Source, func(Match) bool { over++; return true }) }
	fmt.Println("leftmost hits/clause", float64(hits)/float64(len(d.pool)), "overlapping", float64(over)/float64(len(d.pool)))
	for r := 0; r < 3; r++ {
	st := time.Now(); n := 0
	for k := 0; k < 10; k++ { for _, c := range d.pool { m.Scan(c.Source, func(Match) bool { n++; return true }) } }
	t1 := time.Since(st); st = time.Now()
	for k := 0; k < 10; k++ { for _, c := range d.pool { m.ScanOverlapping(c.Source, func(Match) bool { n++; return true }) } }
	t2 := time.Since(st); st = time.Now()
	for k := 0; k < 10; k++ { for _, c := range d.pool { d.tb.rawSafe(c.Source) } }
	t3 := time.Since(st)
	fmt.Println("scan", t1, "overlapping", t2, "rawSafe", t3)
	}
}
