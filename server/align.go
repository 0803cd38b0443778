package server

import (
	"context"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/align"
	"github.com/zhen-workbench/zhen/internal/store"
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
		storeError(c, err)
		return
	}
	clauses, _, err := h.st.ListClauses(ctx, store.ClauseFilter{DocumentID: id})
	if err != nil {
		storeError(c, err)
		return
	}
	out, err := h.qa.Align(ctx, clauses, req.Text)
	if err != nil {
		alignError(c, err)
		return
	}
	c.JSON(http.StatusOK, out)
}

// alignError answers a failed alignment: 413 for a text over align's
// limits, whose message says the limit and what to do; nothing when the
// request was abandoned (the client has gone, and the work has stopped);
// 422 for a text that cannot be aligned.
func alignError(c *gin.Context, err error) {
	var tooLarge *align.TooLargeError
	switch {
	case errors.As(err, &tooLarge):
		apiError(c, http.StatusRequestEntityTooLarge, "too_large", err.Error())
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		c.Abort()
	default:
		apiError(c, http.StatusUnprocessableEntity, "invalid_text", err.Error())
	}
}

type applyAlignmentRequest struct {
	Assignments []store.Assignment `json:"assignments"`
}

// applyAlignment stores accepted English, clause by clause, as drafts; all
// or nothing.
func (h *handlers) applyAlignment(c *gin.Context) {
	id, ok := idParam(c)
	var req applyAlignmentRequest
	if !ok || !bindJSON(c, &req) {
		return
	}
	ctx := c.Request.Context()
	if _, err := h.st.GetDocument(ctx, id); err != nil {
		storeError(c, err)
		return
	}
	res, err := h.st.ApplyAlignment(ctx, id, req.Assignments, author(c))
	var le *store.LineError
	if errors.As(err, &le) {
		apiError(c, http.StatusUnprocessableEntity, "invalid_alignment", le.Error()+" (nothing was stored)")
		return
	}
	if err != nil {
		storeError(c, err)
		return
	}
	for _, a := range req.Assignments {
		if cl, err := h.st.GetClause(ctx, a.ClauseID); err == nil && cl.Target == a.English {
			h.publishClause(c, "save", cl)
		}
	}
	c.JSON(http.StatusOK, res)
}
