package server

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/qa"
)

func manyFindings(n int) []qa.Finding {
	out := make([]qa.Finding, n)
	for i := range out {
		out[i] = qa.Finding{Key: fmt.Sprint("k", i), Finding: glossary.Finding{Kind: glossary.KindTermMissing, ClauseID: uint(i + 1),
			Source: "双方支持金砖国家合作。", Target: "<b>BRIC</b> & co", Message: fmt.Sprintf("finding %d", i)}}
	}
	return out
}

func TestWriteJSONListIsCJSON(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	for _, items := range [][]qa.Finding{{}, manyFindings(3)} {
		want := httptest.NewRecorder()
		c, _ := gin.CreateTestContext(want)
		c.JSON(http.StatusOK, gin.H{"findings": items})
		got := httptest.NewRecorder()
		c, _ = gin.CreateTestContext(got)
		c.Request = httptest.NewRequest("GET", "/", nil)
		writeJSONList(c, "findings", items)
		if got.Code != want.Code || got.Header().Get("Content-Type") != want.Header().Get("Content-Type") || !bytes.Equal(got.Body.Bytes(), want.Body.Bytes()) {
			t.Fatalf("got %d %q %s\nwant %d %q %s", got.Code, got.Header().Get("Content-Type"), got.Body, want.Code, want.Header().Get("Content-Type"), want.Body)
		}
	}
}

// goneAtFirstWrite is a client that goes away once the answer starts.
type goneAtFirstWrite struct {
	*httptest.ResponseRecorder
	cancel context.CancelFunc
}

func (w goneAtFirstWrite) Write(b []byte) (int, error) {
	w.cancel()
	return w.ResponseRecorder.Write(b)
}

func TestWriteJSONListStopsWhenClientGoes(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	items := manyFindings(20_000)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	rec := goneAtFirstWrite{httptest.NewRecorder(), cancel}
	c, _ := gin.CreateTestContext(rec)
	c.Request = httptest.NewRequest("GET", "/", nil).WithContext(ctx)
	writeJSONList(c, "findings", items)
	// The first 64 KiB went out, and encoding stopped at the next look
	// at the context.
	if n := rec.Body.Len(); n == 0 || bytes.Count(rec.Body.Bytes(), []byte(`"key"`)) > 1024 {
		t.Fatalf("%d bytes, %d findings written after the client went away", n, bytes.Count(rec.Body.Bytes(), []byte(`"key"`)))
	}
}
