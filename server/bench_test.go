package server

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/demo"
	"github.com/zhen-workbench/zhen/internal/segment"
	"github.com/zhen-workbench/zhen/internal/store"
)

// BenchmarkClausesPage serves a page of 50 clauses from SQLite through the
// whole stack (routing, middleware, session look-up, store, JSON), as a
// logged-in script would ask (bearer token). Its baseline is
// BenchmarkGinMemoryBaseline: bare Gin answering the same 50 clauses from memory.
func BenchmarkClausesPage(b *testing.B) {
	e := newEnv(b)
	imp := importSeedB(b, e)
	path := fmt.Sprintf("/api/v1/documents/%d/clauses?offset=10&limit=50", imp)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest("GET", path, nil)
			req.Header.Set("Authorization", "Bearer "+e.token)
			e.h.ServeHTTP(rec, req)
			if rec.Code != 200 {
				b.Fatalf("status %d", rec.Code)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

func BenchmarkGinMemoryBaseline(b *testing.B) {
	e := newEnv(b)
	id := importSeedB(b, e)
	clauses, _, err := e.st.ListClauses(b.Context(), store.ClauseFilter{DocumentID: id, Offset: 10, Limit: 50})
	if err != nil || len(clauses) != 50 {
		b.Fatal(err, len(clauses))
	}
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.GET("/clauses", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"clauses": clauses}) })
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			r.ServeHTTP(rec, httptest.NewRequest("GET", "/clauses", nil))
			if rec.Code != 200 {
				b.Fatalf("status %d", rec.Code)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

// BenchmarkBareSQLPageBaseline is the goal's baseline for
// BenchmarkClausesPage: a bare net/http handler, no router, middleware or
// session, running the same two queries (the count and the page of 50)
// through database/sql on its own pool of four connections to the same
// SQLite file, scanning into the same struct and encoding the same JSON.
func BenchmarkBareSQLPageBaseline(b *testing.B) {
	e := newEnv(b)
	id := importSeedB(b, e)
	dsn := "file:" + (&url.URL{Path: filepath.Join(e.dir, "zhen.db")}).EscapedPath() +
		"?_journal_mode=WAL&_busy_timeout=5000&_foreign_keys=on&_synchronous=NORMAL&_txlock=deferred"
	db, err := sql.Open("sqlite3", dsn) // registered by the store's SQLite driver
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	const columns = "id, document_id, position, paragraph, kind, source, source_key, target, status, version, updated_by, " +
		"updated_at, created_at, approved_target, approved_version, approved_by, approved_at"
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		doc, _ := strconv.Atoi(q.Get("document"))
		offset, _ := strconv.Atoi(q.Get("offset"))
		limit, _ := strconv.Atoi(q.Get("limit"))
		ctx := r.Context()
		var total int64
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM clauses WHERE document_id = ?", doc).Scan(&total); err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		rows, err := db.QueryContext(ctx, "SELECT "+columns+" FROM clauses WHERE document_id = ? ORDER BY document_id, position LIMIT ? OFFSET ?", doc, limit, offset)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		defer rows.Close()
		out := make([]store.Clause, 0, limit)
		for rows.Next() {
			var c store.Clause
			if err := rows.Scan(&c.ID, &c.DocumentID, &c.Position, &c.Paragraph, &c.Kind, &c.Source, &c.SourceKey,
				&c.Target, &c.Status, &c.Version, &c.UpdatedBy, &c.UpdatedAt, &c.CreatedAt,
				&c.ApprovedTarget, &c.ApprovedVersion, &c.ApprovedBy, &c.ApprovedAt); err != nil {
				http.Error(w, err.Error(), 500)
				return
			}
			out = append(out, c)
		}
		if err := rows.Err(); err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		json.NewEncoder(w).Encode(map[string]any{"clauses": out, "total": total, "offset": offset, "limit": limit})
	})
	path := fmt.Sprintf("/clauses?document=%d&offset=10&limit=50", id)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	var got struct{ Clauses []store.Clause }
	if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &got) != nil || len(got.Clauses) != 50 {
		b.Fatalf("status %d, %d clauses: %s", rec.Code, len(got.Clauses), rec.Body.String())
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
			if rec.Code != 200 {
				b.Fatalf("status %d", rec.Code)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

func parseSeed(b *testing.B) []segment.Document {
	docs, err := segment.Parse(demo.SeedName, demo.Seed)
	if err != nil {
		b.Fatal(err)
	}
	return docs
}

// importSeedB imports the seed and returns the id of its largest statement.
func importSeedB(b *testing.B, e *env) uint {
	docs, err := e.st.ImportDocuments(b.Context(), "seed.txt", parseSeed(b))
	if err != nil {
		b.Fatal(err)
	}
	best := docs[0]
	for _, d := range docs {
		if d.Clauses > best.Clauses {
			best = d
		}
	}
	return best.ID
}
