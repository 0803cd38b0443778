package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
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
