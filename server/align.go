package server

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/align"
	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/workbench"
)

type alignRequest struct {
	Text string `json:"text"`
}

// alignDocument proposes an alignment of an English version with a
// document's clauses. Nothing is stored: the translator reviews the pairs
// and sends the accepted ones to applyAlignment.
func (h *handlers) alignDocument(c *gin.Context) {
	id, ok := idParam(c)
	var req alignRequest
	if !ok || !bindJSON(c, &req) {
		return
	}
	ctx := c.Request.Context()
	if _, err := h.st.GetDocument(ctx, id); err != nil {
		fail(c, err)
		return
	}
	clauses, _, err := h.st.ListClauses(ctx, store.ClauseFilter{DocumentID: id})
	if err != nil {
		fail(c, err)
		return
	}
	out, err := h.qa.Align(ctx, clauses, req.Text)
	var tooLarge *align.TooLargeError
	if err != nil && !errors.As(err, &tooLarge) && ctx.Err() == nil {
		err = &fault.Invalid{Field: "text", Reason: err.Error()} // a text that cannot be aligned
	}
	answer(c, http.StatusOK, out, err)
}

type applyAlignmentRequest struct {
	Assignments *[]store.Assignment `json:"assignments"` // [] when none was kept; missing is a mistake
}

// applyAlignment stores accepted English, clause by clause, as drafts; all
// or nothing.
func (h *handlers) applyAlignment(c *gin.Context) {
	id, ok := idParam(c)
	var req applyAlignmentRequest
	if !ok || !bindJSON(c, &req) {
		return
	}
	if req.Assignments == nil {
		apiError(c, http.StatusBadRequest, "invalid_request", `send {"assignments": [{"clause_id": N, "english": "..."}, …]}, the pairs you accepted ([] for none)`)
		return
	}
	res, err := h.wb.ApplyAlignment(c.Request.Context(), actor(c), workbench.ApplyAlignment{Document: id, Pairs: *req.Assignments})
	answer(c, http.StatusOK, res, err)
}
