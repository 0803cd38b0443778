package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/internal/segment"
	"github.com/zhen-workbench/zhen/internal/testkit"
)

// The statement list (ListDocuments: every statement with its counts)
// against a page of 50 clauses, on 200,000 clauses in 100 statements of
// 2,000: the list should cost no more than a few pages.
//
//	go test -tags sqlite_fts5 -run=NONE -bench='ListDocuments' ./internal/store/
//
// With ZHEN_TEST_POSTGRES set, the same on PostgreSQL.
const (
	listDocs       = 100
	listPerDoc     = 2_000
	listPageLimit  = 50
	listPageOffset = 1_000
)

// listDoc is statement i of the list corpus: 1,000 paragraphs of two
// numbered sentences.
func listDoc(i int) segment.Document {
	d := segment.Document{Title: fmt.Sprintf("中俄联合声明第%d号", i), Date: fmt.Sprintf("2015-05-%02d", 1+i%28)}
	for p := range listPerDoc / 2 {
		a, b := fmt.Sprintf("第%d号声明第%d段：双方认为。", i, p), fmt.Sprintf("第%d号声明第%d段：中方支持。", i, p)
		d.Paragraphs = append(d.Paragraphs, a+b)
		d.Clauses = append(d.Clauses, segment.Clause{Paragraph: p, Kind: segment.KindText, Text: a}, segment.Clause{Paragraph: p, Kind: segment.KindText, Text: b})
	}
	return d
}

var listStores sync.Map // dialect → *Store

// listStore is the list corpus, built once per run (on PostgreSQL in a
// schema dropped when the package's benchmarks end): 60% of the clauses
// translated, 10% waiting for review, 30% approved.
func listStore(b *testing.B, dialect string) *Store {
	if s, ok := listStores.Load(dialect); ok {
		return s.(*Store)
	}
	dsn := filepath.Join(sharedBenchDir(b), "list.db")
	if dialect == "postgres" {
		dsn = testkit.PostgresDSN(cleanAtExit{b})
	}
	s, err := Open(dsn)
	if err != nil {
		b.Fatal(err)
	}
	exitCleanups = append(exitCleanups, func() { s.Close() })
	ctx := context.Background()
	at := now()
	cols := []string{"document_id", "position", "paragraph", "kind", "source", "source_key", "target", "status", "version", "updated_by",
		"updated_at", "created_at", "approved_target", "approved_version", "approved_by", "approved_at"}
	err = s.w.Transaction(func(tx *gorm.DB) error {
		for i := range listDocs {
			d := listDoc(i)
			doc := Document{Title: d.Title, Date: d.Date, SourceName: "list.txt", ContentHash: ContentHash(d), CreatedAt: at}
			if err := tx.Create(&doc).Error; err != nil {
				return err
			}
			err := insertRows(tx, dialect == "postgres", "clauses", cols, len(d.Clauses), func(j int, args []any) []any {
				c := d.Clauses[j]
				target, status, approved, approvedAt := "", StatusUntranslated, "", (*time.Time)(nil)
				switch k := j % 10; {
				case k < 3:
					target, status, approved, approvedAt = benchEnglish(i, j), StatusApproved, benchEnglish(i, j), &at
				case k == 5:
					target, status = benchEnglish(i, j), StatusSubmitted
				case k < 6:
					target, status = benchEnglish(i, j), StatusDraft
				}
				return append(args, doc.ID, j, c.Paragraph, string(c.Kind), c.Text, c.Text, target, status, 1, "bench", at, at,
					approved, 1, "", approvedAt)
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if dialect == "postgres" {
		s.w.Exec("VACUUM ANALYZE")
	} else {
		s.w.Exec("ANALYZE")
		s.w.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	}
	list, err := s.ListDocuments(ctx) // warm, and check
	if err != nil || len(list) != listDocs {
		b.Fatal(err, len(list))
	}
	for _, d := range list {
		if d.Clauses != listPerDoc || d.Translated != listPerDoc*6/10 || d.Submitted != listPerDoc/10 || d.Approved != listPerDoc*3/10 {
			b.Fatalf("document %d: %+v", d.ID, d)
		}
	}
	listStores.Store(dialect, s)
	return s
}

// exitCleanups run when the package's tests and benchmarks end (TestMain),
// last first.
var exitCleanups []func()

// cleanAtExit defers a test helper's cleanups to the end of the run.
type cleanAtExit struct{ testing.TB }

func (c cleanAtExit) Cleanup(f func()) { exitCleanups = append(exitCleanups, f) }

// forEachBenchDB runs a benchmark on SQLite and, when ZHEN_TEST_POSTGRES
// names a server, on PostgreSQL.
func forEachBenchDB(b *testing.B, bench func(b *testing.B, dialect string)) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		b.Run(dialect, func(b *testing.B) {
			if dialect == "postgres" && os.Getenv("ZHEN_TEST_POSTGRES") == "" {
				b.Skip("ZHEN_TEST_POSTGRES not set")
			}
			bench(b, dialect)
		})
	}
}

// BenchmarkListDocuments is GET /api/v1/documents's query.
func BenchmarkListDocuments(b *testing.B) {
	forEachBenchDB(b, func(b *testing.B, dialect string) {
		s := listStore(b, dialect)
		ctx := context.Background()
		for b.Loop() {
			list, err := s.ListDocuments(ctx)
			if err != nil || len(list) != listDocs {
				b.Fatal(err, len(list))
			}
		}
	})
}

// BenchmarkListDocumentsPageBaseline is a page of 50 clauses from the
// middle of a statement (GET /api/v1/documents/ID/clauses's query).
func BenchmarkListDocumentsPageBaseline(b *testing.B) {
	forEachBenchDB(b, func(b *testing.B, dialect string) {
		s := listStore(b, dialect)
		ctx := context.Background()
		list, err := s.ListDocuments(ctx)
		if err != nil {
			b.Fatal(err)
		}
		id := list[len(list)/2].ID
		for b.Loop() {
			page, total, err := s.ListClauses(ctx, ClauseFilter{DocumentID: id, Offset: listPageOffset, Limit: listPageLimit})
			if err != nil || len(page) != listPageLimit || total != listPerDoc {
				b.Fatal(err, len(page), total)
			}
		}
	})
}

// BenchmarkImportCountTriggers is what keeping document_counts costs an
// import (statements of 100 clauses, parsed before the timer starts;
// ZHEN_BENCH_CLAUSES=200000 for the figure): "with" the triggers, and
// "without" (dropped after the database is made).
func BenchmarkImportCountTriggers(b *testing.B) {
	n := benchClauses(b)
	files := benchFiles(n)
	checkFiles(b, files)
	docs := parseFiles(b, files)
	forEachBenchDB(b, func(b *testing.B, dialect string) {
		for _, with := range []bool{true, false} {
			b.Run(map[bool]string{true: "with", false: "without"}[with], func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					var s *Store
					var err error
					if dialect == "postgres" {
						s, err = Open(testkit.PostgresDSN(b))
					} else {
						s, err = Open(filepath.Join(b.TempDir(), "import.db"))
					}
					if err != nil {
						b.Fatal(err)
					}
					if !with {
						for _, t := range documentCountsTriggerNames(dialect == "postgres") {
							q := "DROP TRIGGER " + t
							if dialect == "postgres" {
								q += " ON clauses"
							}
							if err := s.w.Exec(q).Error; err != nil {
								b.Fatal(err)
							}
						}
					}
					runtime.GC()
					b.StartTimer()
					if _, err := s.ImportDocuments(context.Background(), "bench.txt", docs); err != nil {
						b.Fatal(err)
					}
					b.StopTimer()
					s.Close()
					b.StartTimer()
				}
				b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "clauses/s")
			})
		}
	})
}
