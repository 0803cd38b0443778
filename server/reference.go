package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/qa"
)

// concordance searches the corpus for a Chinese or English string.
func (h *handlers) concordance(c *gin.Context) {
	q := c.Query("q")
	in := c.Query("in")
	if in != "" && in != "zh" && in != "en" {
		apiError(c, http.StatusBadRequest, "invalid_request", "in must be zh, en or empty (both)")
		return
	}
	limit, ok := intQuery(c, "limit", 50, 1, 500)
	if !ok {
		return
	}
	if len([]rune(q)) > 200 {
		apiError(c, http.StatusBadRequest, "invalid_request", "search for at most 200 characters")
		return
	}
	hits, err := h.st.Search(c.Request.Context(), q, in, limit)
	if err != nil {
		storeError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"hits": qa.Concordance(hits, q), "method": h.st.SearchMethod()})
}

// matches lists translation-memory matches for a clause: the most similar
// approved clauses and imported units, with their scores and how their
// Chinese differs.
func (h *handlers) matches(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	k, ok := intQuery(c, "k", 5, 1, 20)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	cl, ok := h.clauseOf(c, id)
	if !ok {
		return
	}
	ms, err := h.memory.Matches(ctx, cl.Source, cl.ID, k, 0.7)
	if err != nil {
		storeError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"matches": ms})
}
