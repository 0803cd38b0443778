package server

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/store"
)

func (h *handlers) findings(c *gin.Context) {
	p := paramsOf(c)
	f := qa.Filter{DocumentID: p.optionalID("document", "document"), Kind: c.Query("kind"), Term: c.Query("term"), IncludeDismissed: c.Query("dismissed") == "1"}
	if !p.ok() {
		return
	}
	out, err := h.qa.Findings(c.Request.Context(), f)
	if err != nil {
		storeError(c, err)
		return
	}
	writeJSONList(c, "findings", out) // tens of megabytes on a large corpus
}

// documentQA gives the editor everything it shows beside a statement's
// clauses: glossary hits in the Chinese, and the current findings.
func (h *handlers) documentQA(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	clauses, total, err := h.st.ListClauses(ctx, store.ClauseFilter{DocumentID: id})
	if err == nil && total == 0 {
		_, err = h.st.GetDocument(ctx, id)
	}
	if err != nil {
		storeError(c, err)
		return
	}
	hits, err := h.qa.Hits(ctx, clauses)
	if err != nil {
		storeError(c, err)
		return
	}
	findings, err := h.qa.Findings(ctx, qa.Filter{DocumentID: id})
	if err != nil {
		storeError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"hits": hits, "findings": findings})
}

type checkRequest struct {
	Text *string `json:"text"`
}

// checkDraft checks English the translator has typed but not saved.
func (h *handlers) checkDraft(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	var req checkRequest
	if !bindJSON(c, &req) {
		return
	}
	if req.Text == nil {
		apiError(c, http.StatusBadRequest, "invalid_request", `body must be {"text": "..."}`)
		return
	}
	cl, ok := h.clauseOf(c, id)
	if !ok {
		return
	}
	out, err := h.qa.Draft(c.Request.Context(), cl, *req.Text)
	if err != nil {
		storeError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"findings": out})
}

type dismissRequest struct {
	Key      string `json:"key"`
	ClauseID uint   `json:"clause_id"`
	Kind     string `json:"kind"`
	Reason   string `json:"reason"`
}

// dismiss records that a finding is a false positive. The finding must be
// one the checks report for that clause just now (dismissed already or
// not: dismissing again changes the reason), with that key and kind, so
// that no dismissal can be stored for a finding that does not exist.
func (h *handlers) dismiss(c *gin.Context) {
	var req dismissRequest
	if !bindJSON(c, &req) {
		return
	}
	if req.Key == "" || req.ClauseID == 0 {
		apiError(c, http.StatusBadRequest, "invalid_request", `name the finding as the checks report it: {"key": "...", "clause_id": N, "kind": "...", "reason": "..."}`)
		return
	}
	ctx := c.Request.Context()
	cl, err := h.st.GetClause(ctx, req.ClauseID)
	if errors.Is(err, store.ErrNotFound) {
		apiError(c, http.StatusNotFound, "not_found", fmt.Sprintf("no such clause: %d", req.ClauseID))
		return
	}
	if err != nil {
		storeError(c, err)
		return
	}
	found, err := h.qa.Clause(ctx, cl)
	if err != nil {
		storeError(c, err)
		return
	}
	i := slices.IndexFunc(found, func(f qa.Finding) bool { return f.Key == req.Key && (req.Kind == "" || f.Kind == req.Kind) })
	if i < 0 {
		apiError(c, http.StatusNotFound, "not_found", fmt.Sprintf("no such finding in clause %d just now: it may have been fixed since you looked; reload the findings", cl.ID))
		return
	}
	d, err := h.st.Dismiss(ctx, store.Dismissal{FindingKey: found[i].Key, ClauseID: cl.ID, Kind: found[i].Kind, Reason: req.Reason, Author: author(c)})
	if errors.Is(err, store.ErrNotFound) {
		apiError(c, http.StatusNotFound, "not_found", fmt.Sprintf("no such clause: %d", req.ClauseID))
		return
	}
	if err != nil {
		storeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, d)
}

func (h *handlers) undismiss(c *gin.Context) {
	p := paramsOf(c)
	p.require("key", "key is missing: name the dismissal to undo, ?key=KEY (the finding's key)")
	if !p.ok() {
		return
	}
	if err := h.st.Undismiss(c.Request.Context(), c.Query("key")); err != nil {
		storeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (h *handlers) termReport(c *gin.Context) {
	rep, err := h.qa.Report(c.Request.Context())
	if err != nil {
		storeError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"terms": rep})
}

func (h *handlers) termSuggestions(c *gin.Context) {
	limit, ok := intQuery(c, "limit", 50, 1, 1000)
	if !ok {
		return
	}
	s, err := h.qa.Suggest(c.Request.Context(), limit)
	if err != nil {
		storeError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"suggestions": s})
}

// findingsSummary counts the open (not dismissed) findings of each
// statement, for the statement list: {"documents": {"ID": N, …}}.
func (h *handlers) findingsSummary(c *gin.Context) {
	found, err := h.qa.Findings(c.Request.Context(), qa.Filter{})
	if err != nil {
		storeError(c, err)
		return
	}
	counts := map[string]int{}
	for _, f := range found {
		counts[strconv.FormatUint(uint64(f.DocumentID), 10)]++
	}
	c.JSON(http.StatusOK, gin.H{"documents": counts})
}
