package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/zhen-workbench/zhen/internal/segment"
)

// benchDocs makes n documents of 100 clauses each, like real statements.
func benchDocs(n int) []segment.Document {
	docs := make([]segment.Document, n)
	for i := range docs {
		d := segment.Document{Title: fmt.Sprintf("中华人民共和国和俄罗斯联邦联合声明 %d", i), Date: "2015-05-09"}
		for j := 0; j < 100; j++ {
			p := fmt.Sprintf("双方将在上海合作组织、金砖国家框架内加强协调，第%d号文件第%d条规定了全面战略协作伙伴关系。", i, j)
			d.Paragraphs = append(d.Paragraphs, p)
			d.Clauses = append(d.Clauses, segment.Clause{Paragraph: j, Text: p, Kind: segment.KindText})
		}
		docs[i] = d
	}
	return docs
}

// BenchmarkImport stores 100 documents × 100 clauses through the store, in
// one transaction. Compare with BenchmarkRawInsertBaseline (clauses/s).
func BenchmarkImport(b *testing.B) {
	docs := benchDocs(100)
	for b.Loop() {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := s.ImportDocuments(context.Background(), "bench.txt", docs); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.N*100*100)/b.Elapsed().Seconds(), "clauses/s")
}

// BenchmarkRawInsertBaseline is the floor: the same 10,000 clauses inserted
// into the same schema (same indexes) with one prepared statement in one
// transaction through database/sql: no ORM, no normalisation, no hashing.
func BenchmarkRawInsertBaseline(b *testing.B) {
	docs := benchDocs(100)
	for b.Loop() {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), "raw.db"))
		if err != nil {
			b.Fatal(err)
		}
		db, _ := s.w.DB()
		b.StartTimer()
		tx, err := db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		doc, _ := tx.Prepare(`INSERT INTO documents (title, date, source_name, content_hash, signed_date, signed_place, created_at) VALUES (?,?,?,?,?,?,?)`)
		st, _ := tx.Prepare(`INSERT INTO clauses (document_id, position, paragraph, kind, source, source_key, target, status, version, updated_by, updated_at, created_at) VALUES (?,?,?,?,?,?,'',?,0,'',?,?)`)
		t := now()
		for i, d := range docs {
			res, err := doc.Exec(d.Title, d.Date, "bench.txt", fmt.Sprint(i), "", "", t)
			if err != nil {
				b.Fatal(err)
			}
			id, _ := res.LastInsertId()
			for j, c := range d.Clauses {
				if _, err := st.Exec(id, j, c.Paragraph, string(c.Kind), c.Text, c.Text, StatusUntranslated, t, t); err != nil {
					b.Fatal(err)
				}
			}
		}
		doc.Close()
		st.Close()
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.N*100*100)/b.Elapsed().Seconds(), "clauses/s")
}

// BenchmarkExportRows streams 10,000 clauses with their document titles.
// Compare with BenchmarkRawScanBaseline (rows/s).
func BenchmarkExportRows(b *testing.B) {
	s := benchStore(b)
	for b.Loop() {
		n := 0
		for _, err := range s.ExportRows(context.Background(), ExportFilter{Texts: LatestTexts, Untranslated: true}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 10000 {
			b.Fatalf("%d rows", n)
		}
	}
	b.ReportMetric(float64(b.N*10000)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkRawScanBaseline reads the same rows with database/sql, scanning
// only the ids and texts (no times): the floor for a streamed export.
func BenchmarkRawScanBaseline(b *testing.B) {
	s := benchStore(b)
	db, _ := s.r.DB()
	for b.Loop() {
		rows, err := db.Query(`SELECT c.id, c.source, c.target, d.title FROM clauses c JOIN documents d ON d.id = c.document_id ORDER BY c.document_id, c.position`)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		var id int
		var src, tgt, title string
		for rows.Next() {
			if err := rows.Scan(&id, &src, &tgt, &title); err != nil {
				b.Fatal(err)
			}
			n++
		}
		rows.Close()
		if n != 10000 {
			b.Fatalf("%d rows", n)
		}
	}
	b.ReportMetric(float64(b.N*10000)/b.Elapsed().Seconds(), "rows/s")
}

func benchStore(b *testing.B) *Store {
	s, err := Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if _, err := s.ImportDocuments(context.Background(), "bench.txt", benchDocs(100)); err != nil {
		b.Fatal(err)
	}
	return s
}
