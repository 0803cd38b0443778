package exchange

import (
	"bufio"
	"encoding/xml"
	"io"
	"iter"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// writers are the streaming exporters under test.
var writers = []struct {
	name  string
	write func(io.Writer, iter.Seq2[Unit, error]) (int, error)
}{
	{"TMX", func(w io.Writer, units iter.Seq2[Unit, error]) (int, error) {
		return WriteTMX(w, TMXOptions{ToolVersion: "test"}, units)
	}},
	{"CSV", func(w io.Writer, units iter.Seq2[Unit, error]) (int, error) {
		return WriteCSV(w, true, units)
	}},
	{"XLIFF", func(w io.Writer, units iter.Seq2[Unit, error]) (int, error) {
		return WriteXLIFF(w, XLIFFOptions{ToolVersion: "test"}, units)
	}},
}

// TestWritersStreamInConstantMemory exports 20,000 and 200,000 units and
// compares the live heap measured (after a GC) while the last unit is being
// produced, i.e. with everything the writer holds on to still reachable. A
// writer that kept units or output around would grow by tens of megabytes.
func TestWritersStreamInConstantMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("exports 220,000 units per writer")
	}
	const slack = 8 << 20 // generous: allocator and race-detector noise
	for _, w := range writers {
		t.Run(w.name, func(t *testing.T) {
			small, smallBytes := heapWhileWriting(t, w.write, 20_000)
			large, largeBytes := heapWhileWriting(t, w.write, 200_000)
			t.Logf("live heap: %d KiB at 20k units (%d MB written), %d KiB at 200k units (%d MB written)",
				small>>10, smallBytes>>20, large>>10, largeBytes>>20)
			if large > small+slack {
				t.Errorf("heap grew from %d KiB to %d KiB with 10× the units: the writer is not streaming", small>>10, large>>10)
			}
		})
	}
}

func heapWhileWriting(t *testing.T, write func(io.Writer, iter.Seq2[Unit, error]) (int, error), n int) (heap uint64, written int64) {
	t.Helper()
	units := func(yield func(Unit, error) bool) {
		for i := range n {
			if i == n-1 {
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				heap = ms.HeapAlloc
			}
			if !yield(syntheticUnit(i), nil) {
				return
			}
		}
	}
	cw := &countingWriter{w: io.Discard}
	got, err := write(cw, units)
	if err != nil {
		t.Fatal(err)
	}
	if got != n {
		t.Fatalf("wrote %d units, want %d", got, n)
	}
	return heap, cw.n
}

// benchUnits is a document's worth of realistic clauses.
func benchUnits() []Unit {
	units := make([]Unit, 1000)
	for i := range units {
		units[i] = syntheticUnit(i)
	}
	return units
}

// benchWrite measures one exporter over benchUnits, reporting throughput in
// output bytes.
func benchWrite(b *testing.B, write func(io.Writer, iter.Seq2[Unit, error]) (int, error)) {
	units := benchUnits()
	cw := &countingWriter{w: io.Discard}
	if _, err := write(cw, seqOf(units)); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(cw.n)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := write(io.Discard, seqOf(units)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteTMX(b *testing.B) { benchWrite(b, writers[0].write) }

func BenchmarkWriteCSV(b *testing.B) { benchWrite(b, writers[1].write) }

func BenchmarkWriteXLIFF(b *testing.B) { benchWrite(b, writers[2].write) }

// BenchmarkEncodingXMLBaseline writes the same units with an encoding/xml
// Encoder per unit, the approach WriteTMX avoids; compare MB/s.
func BenchmarkEncodingXMLBaseline(b *testing.B) {
	benchWrite(b, encodeTMXWithEncodingXML)
}

type xmlTU struct {
	XMLName      xml.Name  `xml:"tu"`
	TUID         uint      `xml:"tuid,attr"`
	CreationID   string    `xml:"creationid,attr,omitempty"`
	CreationDate string    `xml:"creationdate,attr,omitempty"`
	ChangeDate   string    `xml:"changedate,attr,omitempty"`
	ChangeID     string    `xml:"changeid,attr,omitempty"`
	Props        []xmlProp `xml:"prop"`
	TUVs         []xmlTUV  `xml:"tuv"`
}

type xmlProp struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type xmlTUV struct {
	Lang string `xml:"xml:lang,attr"` // marshals correctly; reading needs the namespace URL
	Seg  string `xml:"seg"`
}

func encodeTMXWithEncodingXML(w io.Writer, units iter.Seq2[Unit, error]) (int, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(xml.Header + `<!DOCTYPE tmx SYSTEM "tmx14.dtd">` + "\n" + `<tmx version="1.4">` + "\n" +
		`<header creationtool="Zhen" creationtoolversion="bench" segtype="sentence" o-tmf="Zhen" adminlang="en-US" srclang="zh-CN" datatype="plaintext"/>` +
		"\n<body>\n")
	enc := xml.NewEncoder(bw)
	date := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(tmxDateLayout)
	}
	n := 0
	for u, err := range units {
		if err != nil {
			return n, err
		}
		if u.Source == "" || u.Target == "" {
			continue
		}
		tu := xmlTU{
			TUID: u.ClauseID, CreationID: u.CreatedBy, CreationDate: date(u.CreatedAt), ChangeDate: date(u.ChangedAt), ChangeID: u.ChangedBy,
			Props: []xmlProp{
				{"x-document", u.DocumentTitle},
				{"x-document-id", strconv.Itoa(int(u.DocumentID))},
				{"x-clause-number", strconv.Itoa(u.Number())},
				{"x-status", u.Status},
				{"x-approved-by", u.ApprovedBy},
				{"x-approved-at", date(u.ApprovedAt)},
			},
			TUVs: []xmlTUV{{"zh-CN", u.Source}, {"en-US", u.Target}},
		}
		if err := enc.Encode(tu); err != nil {
			return n, err
		}
		n++
	}
	enc.Flush()
	bw.WriteString("\n</body>\n</tmx>\n")
	return n, bw.Flush()
}
