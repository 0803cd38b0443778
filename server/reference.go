package server

import (
	"fmt"
	"net/http"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/qa"
)

// concordance searches the corpus for a Chinese or English string.
func (h *handlers) concordance(c *gin.Context) {
	p := paramsOf(c)
	q, in, limit := c.Query("q"), c.Query("in"), p.int("limit", 50, 1, 500)
	if in != "" && in != "zh" && in != "en" {
		p.fail("in", "in must be zh, en or empty (both)")
	}
	if n := utf8.RuneCountInString(q); n > 200 {
		p.fail("q", fmt.Sprintf("q has %d characters: search for at most 200", n))
	}
	if !p.ok() {
		return
	}
	hits, err := h.st.Search(c.Request.Context(), q, in, limit)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"hits": qa.Concordance(hits, q), "method": h.st.SearchMethod()})
}

// matches lists translation-memory matches for a clause: the most similar
// approved clauses and imported units, with their scores and how their
// Chinese differs.
func (h *handlers) matches(c *gin.Context) {
	p := paramsOf(c)
	id, k := p.id(), p.int("k", 5, 1, 20)
	if !p.ok() {
		return
	}
	ctx := c.Request.Context()
	cl, ok := h.clauseOf(c, id)
	if !ok {
		return
	}
	ms, err := h.memory.Matches(ctx, cl.Source, cl.ID, k, 0.7)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"matches": ms})
}
