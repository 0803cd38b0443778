package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/internal/demo"
	"github.com/zhen-workbench/zhen/internal/exchange"
	"github.com/zhen-workbench/zhen/internal/segment"
)

// Benchmark sizes. By default the import and export benchmarks use 10,000
// clauses, small enough for CI's one-iteration smoke run; ZHEN_BENCH_FULL=1
// uses 1,000,000 (the figures in docs/PERFORMANCE.md), and
// ZHEN_BENCH_CLAUSES=N any multiple of 100 (e.g. 100000, to show that export
// memory stays flat between 100k and 1M).
func benchClauses(b *testing.B) int {
	if os.Getenv("ZHEN_BENCH_FULL") == "1" {
		return 1_000_000
	}
	if s := os.Getenv("ZHEN_BENCH_CLAUSES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 || n%clausesPerFile != 0 {
			b.Fatalf("ZHEN_BENCH_CLAUSES=%q: want a positive multiple of %d", s, clausesPerFile)
		}
		return n
	}
	return 10_000
}

const clausesPerFile = 100

// benchDir holds the databases shared by several benchmarks of one run
// (building a 1,000,000-clause database takes a while); TestMain removes it.
var benchDir struct {
	once sync.Once
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(exitCleanups) - 1; i >= 0; i-- {
		exitCleanups[i]()
	}
	if benchDir.path != "" {
		os.RemoveAll(benchDir.path)
	}
	os.Exit(code)
}

func sharedBenchDir(b *testing.B) string {
	benchDir.once.Do(func() { benchDir.path, benchDir.err = os.MkdirTemp("", "zhen-store-bench-") })
	if benchDir.err != nil {
		b.Fatal(benchDir.err)
	}
	return benchDir.path
}

// seedSentences are the seed corpus's clauses that are one whole sentence
// of text (so that two of them on a line segment into exactly two clauses).
var seedSentences = sync.OnceValue(func() []string {
	docs, err := segment.Parse(demo.SeedName, demo.Seed)
	if err != nil {
		panic(err)
	}
	var out []string
	for _, d := range docs {
		for _, c := range d.Clauses {
			if c.Kind == segment.KindText && strings.HasSuffix(c.Text, "。") && len(segment.Clauses(c.Text)) == 1 {
				out = append(out, c.Text)
			}
		}
	}
	return out
})

// benchFiles makes n/100 plain-text statements as a user would import them:
// a title line, a Chinese date, then 50 paragraphs of two seed sentences
// each, numbered so that every file and clause is distinct. Each file
// segments into exactly 100 clauses (checked by the callers).
func benchFiles(n int) [][]byte {
	seed := seedSentences()
	files := make([][]byte, n/clausesPerFile)
	k := 0
	for i := range files {
		var sb strings.Builder
		fmt.Fprintf(&sb, "中华人民共和国和俄罗斯联邦联合声明第%d号\n二〇一五年五月八日于莫斯科\n", i)
		for j := 0; j < clausesPerFile/2-1; j++ {
			a, c := seed[k%len(seed)], seed[(k+1)%len(seed)]
			k += 2
			fmt.Fprintf(&sb, "第%d号文件第%d段：%s%s\n", i, j, a, c)
		}
		// The date line is a clause too (one paragraph); one more sentence
		// makes 1 + 49×2 + 1 = 100.
		fmt.Fprintf(&sb, "第%d号文件完：%s\n", i, seed[k%len(seed)])
		k++
		files[i] = []byte(sb.String())
	}
	return files
}

// parseFiles segments files as an import does.
func parseFiles(b *testing.B, files [][]byte) []segment.Document {
	docs := make([]segment.Document, 0, len(files))
	for i, f := range files {
		d, err := segment.Parse(fmt.Sprintf("statement-%d.txt", i), f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d...)
	}
	return docs
}

func countClauses(docs []segment.Document) int {
	n := 0
	for _, d := range docs {
		n += len(d.Clauses)
	}
	return n
}

var checkFilesOnce sync.Once

// checkFiles makes sure the generated files segment as intended.
func checkFiles(b *testing.B, files [][]byte) {
	checkFilesOnce.Do(func() {
		docs := parseFiles(b, files[:1])
		if len(docs) != 1 || len(docs[0].Clauses) != clausesPerFile {
			b.Fatalf("a generated file gave %d documents, %d clauses", len(docs), countClauses(docs))
		}
	})
}

// BenchmarkImport is an import as a user runs it: segment.Parse of plain
// text files (decode, split, segment) and ImportDocuments of the documents
// in one transaction (content hashes, duplicate checks, normalised keys,
// the indexes). Compare with BenchmarkRawInsertBaseline (clauses/s).
func BenchmarkImport(b *testing.B) {
	n := benchClauses(b)
	files := benchFiles(n)
	checkFiles(b, files)
	for b.Loop() {
		b.StopTimer()
		s := openBench(b, "bench.db")
		runtime.GC()
		b.StartTimer()
		docs := parseFiles(b, files)
		imp, err := s.ImportDocuments(context.Background(), "bench.txt", docs)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if len(imp) != n/clausesPerFile || countClauses(docs) != n {
			b.Fatalf("%d documents, %d clauses", len(imp), countClauses(docs))
		}
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "clauses/s")
}

// BenchmarkRawInsertBaseline is the floor: the same clauses (segmented
// before the timer starts) inserted into the same schema (same indexes) with
// one prepared statement in one transaction through database/sql: no ORM,
// no normalisation, no hashing, no segmentation.
func BenchmarkRawInsertBaseline(b *testing.B) {
	n := benchClauses(b)
	docs := parseFiles(b, benchFiles(n))
	for b.Loop() {
		b.StopTimer()
		s := openBench(b, "raw.db")
		runtime.GC()
		b.StartTimer()
		if err := rawInsert(s, docs, false); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.N*countClauses(docs))/b.Elapsed().Seconds(), "clauses/s")
}

func openBench(b *testing.B, name string) *Store {
	path := filepath.Join(b.TempDir(), name)
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// rawInsert stores docs with prepared statements in one transaction. With
// translated, every clause also gets an approved English, so that exports
// have something to write.
func rawInsert(s *Store, docs []segment.Document, translated bool) error {
	db, err := s.w.DB()
	if err != nil {
		return err
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	doc, err := tx.Prepare(`INSERT INTO documents (title, date, source_name, content_hash, signed_date, signed_place, created_at) VALUES (?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	defer doc.Close()
	st, err := tx.Prepare(`INSERT INTO clauses (document_id, position, paragraph, kind, source, source_key, target, status, version, updated_by, updated_at, created_at,
		approved_target, approved_version, approved_by, approved_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	t := now()
	for i, d := range docs {
		res, err := doc.Exec(d.Title, d.Date, "bench.txt", strconv.Itoa(i), "", "", t)
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		for j, c := range d.Clauses {
			if !translated {
				_, err = st.Exec(id, j, c.Paragraph, string(c.Kind), c.Text, c.Text, "", StatusUntranslated, 0, "", t, t, "", 0, "", nil)
			} else {
				en := benchEnglish(i, j)
				_, err = st.Exec(id, j, c.Paragraph, string(c.Kind), c.Text, c.Text, en, StatusApproved, 2, "reviewer", t, t, en, 2, "reviewer", t)
			}
			if err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}

func benchEnglish(doc, clause int) string {
	return fmt.Sprintf("The two sides will continue to strengthen coordination within the SCO, BRICS & the G20 (statement %d, clause %d).", doc, clause)
}

// exportStore is a database of n translated clauses, built once per run
// and shared by the export benchmarks.
var exportStores sync.Map // n → *Store

func exportStore(b *testing.B, n int) *Store {
	if s, ok := exportStores.Load(n); ok {
		return s.(*Store)
	}
	s, err := Open(filepath.Join(sharedBenchDir(b), fmt.Sprintf("export-%d.db", n)))
	if err != nil {
		b.Fatal(err)
	}
	if err := rawInsert(s, parseFiles(b, benchFiles(n)), true); err != nil {
		b.Fatal(err)
	}
	s.w.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	// Warm up as a long-running server would be: the file in the page
	// cache, the read pool's connections open.
	db, _ := s.r.DB()
	rawScan(b, db)
	for range s.ExportUnits(context.Background(), ExportFilter{}) {
	}
	exportStores.Store(n, s)
	return s
}

// exportFile is where an export op writes: a real file, truncated before
// each op, as `zhen export -o FILE` writes.
func exportFile(b *testing.B, name string) *os.File {
	f, err := os.Create(filepath.Join(b.TempDir(), name))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { f.Close() })
	return f
}

func rewind(b *testing.B, f *os.File) {
	if err := f.Truncate(0); err != nil {
		b.Fatal(err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		b.Fatal(err)
	}
}

// heapPeak samples the heap (live and not yet collected objects) every
// millisecond from start until stop, without stopping the world.
type heapPeak struct {
	peak atomic.Uint64
	done chan struct{}
	wg   sync.WaitGroup
}

func startHeapPeak() *heapPeak {
	h := &heapPeak{done: make(chan struct{})}
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() {
		metrics.Read(sample)
		if v := sample[0].Value.Uint64(); v > h.peak.Load() {
			h.peak.Store(v)
		}
	}
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			read()
			select {
			case <-h.done:
				read()
				return
			case <-t.C:
			}
		}
	}()
	return h
}

func (h *heapPeak) stop() uint64 {
	close(h.done)
	h.wg.Wait()
	return h.peak.Load()
}

var exportOpts = exchange.TMXOptions{ToolVersion: "bench", Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}

// benchExport is an export as `zhen export` runs it: ExportUnits streamed
// from SQLite into exchange.Write, to a file. It reports output MB/s and
// the peak heap during the op (peak-heap-MB), which stays flat from 100,000
// to 1,000,000 clauses because nothing is kept.
func benchExport(b *testing.B, format exchange.Format) {
	n := benchClauses(b)
	s := exportStore(b, n)
	f := exportFile(b, "export"+format.Ext())
	var peak uint64
	var size int64
	for b.Loop() {
		b.StopTimer()
		rewind(b, f)
		runtime.GC()
		b.StartTimer()
		h := startHeapPeak()
		cw := &countWriter{w: f}
		got, err := exchange.Write(cw, format, s.ExportUnits(context.Background(), ExportFilter{}), exportOpts)
		peak = max(peak, h.stop())
		if err != nil {
			b.Fatal(err)
		}
		if got != n {
			b.Fatalf("%d units, want %d", got, n)
		}
		size = cw.n
	}
	b.SetBytes(size)
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "clauses/s")
}

// benchWriteBytes is the export's baseline: the same bytes, rendered in
// memory before the timer starts, written to the same kind of file in the
// same 64 KiB pieces the exporters' buffers write.
func benchWriteBytes(b *testing.B, format exchange.Format) {
	n := benchClauses(b)
	s := exportStore(b, n)
	var buf bytes.Buffer
	if _, err := exchange.Write(&buf, format, s.ExportUnits(context.Background(), ExportFilter{}), exportOpts); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	f := exportFile(b, "raw"+format.Ext())
	for b.Loop() {
		b.StopTimer()
		rewind(b, f)
		runtime.GC()
		b.StartTimer()
		for p := data; len(p) > 0; {
			k := min(len(p), 64<<10)
			if _, err := f.Write(p[:k]); err != nil {
				b.Fatal(err)
			}
			p = p[k:]
		}
	}
	b.SetBytes(int64(len(data)))
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "clauses/s")
}

func BenchmarkExportTMX(b *testing.B)             { benchExport(b, exchange.FormatTMX) }
func BenchmarkExportCSV(b *testing.B)             { benchExport(b, exchange.FormatCSV) }
func BenchmarkWriteTMXBytesBaseline(b *testing.B) { benchWriteBytes(b, exchange.FormatTMX) }
func BenchmarkWriteCSVBytesBaseline(b *testing.B) { benchWriteBytes(b, exchange.FormatCSV) }

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// BenchmarkExportRows streams the export database's clauses with their
// document titles. Compare with BenchmarkRawScanBaseline (rows/s).
func BenchmarkExportRows(b *testing.B) {
	n := benchClauses(b)
	s := exportStore(b, n)
	for b.Loop() {
		got := 0
		for _, err := range s.ExportRows(context.Background(), ExportFilter{Texts: LatestTexts, Untranslated: true}) {
			if err != nil {
				b.Fatal(err)
			}
			got++
		}
		if got != n {
			b.Fatalf("%d rows", got)
		}
	}
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkRawScanBaseline reads the same rows with database/sql, scanning
// only the ids and texts (no times): the floor for a streamed export.
func BenchmarkRawScanBaseline(b *testing.B) {
	n := benchClauses(b)
	s := exportStore(b, n)
	db, _ := s.r.DB()
	for b.Loop() {
		if got := rawScan(b, db); got != n {
			b.Fatalf("%d rows", got)
		}
	}
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "rows/s")
}

func rawScan(b *testing.B, db *sql.DB) int {
	rows, err := db.Query(`SELECT c.id, c.source, c.target, d.title FROM clauses c JOIN documents d ON d.id = c.document_id ORDER BY c.document_id, c.position`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	n := 0
	var id int
	var src, tgt, title string
	for rows.Next() {
		if err := rows.Scan(&id, &src, &tgt, &title); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	return n
}

// TestExportUnitsMatchRows checks the pipelined, lean ExportUnits against
// ExportRows for every choice of texts, outside and inside a transaction,
// and that stopping early or cancelling ends it cleanly.
func TestExportUnitsMatchRows(t *testing.T) {
	ctx := t.Context()
	s, err := Open(filepath.Join(t.TempDir(), "units.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	docs, err := segment.Parse(demo.SeedName, demo.Seed)
	if err != nil {
		t.Fatal(err)
	}
	for k := range 3 { // > unitBatch clauses in several documents
		for i := range docs {
			docs[i].Paragraphs = append(docs[i].Paragraphs, fmt.Sprint(k))
		}
		if _, err := s.ImportDocuments(ctx, "seed.txt", docs); err != nil {
			t.Fatal(err)
		}
	}
	all, _, err := s.ListClauses(ctx, ClauseFilter{})
	if err != nil || len(all) < 3*unitBatch {
		t.Fatal(err, len(all))
	}
	for i, c := range all[:len(all)/2] {
		if _, err := s.SaveTranslation(ctx, c.ID, c.Version, fmt.Sprintf("English %d", i), "tr", "editor"); err != nil {
			t.Fatal(err)
		}
		if i%3 == 0 {
			if err := s.w.Exec("UPDATE clauses SET approved_target = ?, approved_by = 'rev', approved_at = ?, approved_version = 1 WHERE id = ?",
				fmt.Sprintf("Approved %d", i), now(), c.ID).Error; err != nil {
				t.Fatal(err)
			}
		}
	}
	want := func(st *Store, f ExportFilter) []exchange.Unit {
		var out []exchange.Unit
		for r, err := range st.ExportRows(ctx, f) {
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, exchange.Unit{ClauseID: r.ID, DocumentID: r.DocumentID, DocumentTitle: r.DocumentTitle, Index: r.Position, Version: r.Version,
				Source: r.Source, Target: r.Target, Status: r.Status, UpdatedAt: r.UpdatedAt, UpdatedBy: r.UpdatedBy})
		}
		return out
	}
	got := func(st *Store, f ExportFilter) []exchange.Unit {
		var out []exchange.Unit
		for u, err := range st.ExportUnits(ctx, f) {
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, u)
		}
		return out
	}
	same := func(name string, a, b []exchange.Unit) {
		if len(a) != len(b) {
			t.Fatalf("%s: %d units, want %d", name, len(a), len(b))
		}
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("%s: unit %d\n got %+v\nwant %+v", name, i, a[i], b[i])
			}
		}
	}
	for _, f := range []ExportFilter{{}, {Untranslated: true}, {Texts: LatestTexts}, {Texts: LatestTexts, Untranslated: true},
		{Texts: ReviewedTexts, Untranslated: true}, {DocumentID: all[0].DocumentID, Untranslated: true}} {
		name := fmt.Sprintf("%+v", f)
		w := want(s, f)
		if len(w) == 0 {
			t.Fatalf("%s: nothing to compare", name)
		}
		same(name, got(s, f), w)
		if err := s.InTransaction(ctx, func(tx *Store) error {
			same(name+" in a transaction", got(tx, f), w)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	// Stopping early releases the reader (the store closes cleanly, and
	// the read pool is not left short).
	for range 10 {
		n := 0
		for range s.ExportUnits(ctx, ExportFilter{Untranslated: true}) {
			if n++; n == unitBatch+3 {
				break
			}
		}
	}
	same("after early stops", got(s, ExportFilter{Untranslated: true}), want(s, ExportFilter{Untranslated: true}))
	// A cancelled export ends with an error, never as if complete.
	cctx, cancel := context.WithCancel(ctx)
	n, sawErr := 0, false
	for _, err := range s.ExportUnits(cctx, ExportFilter{Untranslated: true}) {
		if err != nil {
			sawErr = true
			break
		}
		if n++; n == 10 {
			cancel()
		}
	}
	cancel()
	if !sawErr || n >= len(all) {
		t.Fatalf("cancelled export: %d units, error %v", n, sawErr)
	}
}
