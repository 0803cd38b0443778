package server

import (
	"fmt"
	"mime"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/stats"
)

// statistics answers the counts of every statement and the corpus, or of
// one statement (?document=ID): Chinese characters, English words (of the
// approved English; english_words_current: of the current English),
// clauses by status, numbering markers apart.
func (h *handlers) statistics(c *gin.Context) {
	p := paramsOf(c)
	docID := p.optionalID("document", "document")
	if !p.ok() {
		return
	}
	r, err := h.st.Stats(c.Request.Context(), docID)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, r)
}

// analysis answers the leverage analysis (repetitions and translation-
// memory bands per statement) as JSON, or as CSV with ?format=csv.
func (h *handlers) analysis(c *gin.Context) {
	p := paramsOf(c)
	docID := p.optionalID("document", "document")
	format := c.DefaultQuery("format", "json")
	if format != "json" && format != "csv" {
		p.fail("format", fmt.Sprintf("format must be json or csv, not %q", format))
	}
	if !p.ok() {
		return
	}
	ctx := c.Request.Context()
	best, entries, err := h.memory.Leverage(ctx)
	if err != nil {
		fail(c, err)
		return
	}
	a, err := h.st.Analyze(ctx, docID, best)
	if err != nil {
		fail(c, err)
		return
	}
	a.MemoryEntries = entries
	if format == "json" {
		c.JSON(http.StatusOK, a)
		return
	}
	name := "zhen-analysis.csv"
	if docID != 0 {
		name = fmt.Sprintf("zhen-analysis-%d.csv", docID)
	}
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	c.Status(http.StatusOK)
	if err := stats.WriteCSV(c.Writer, a); err != nil {
		logCutShort("analysis", err)
	}
}
