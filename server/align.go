package server

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/imports"
	"github.com/zhen-workbench/zhen/internal/qa"
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
		apiError(c, http.StatusUnprocessableEntity, "invalid_text", err.Error())
		return
	}
	c.JSON(http.StatusOK, out)
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

// importTranslations applies a CSV, TMX or XLIFF file (see
// imports.Translations), all or nothing. Open editors are told to reload
// what changed.
func (h *handlers) importTranslations(c *gin.Context) {
	name, data, ok := h.upload(c)
	if !ok {
		return
	}
	res, err := imports.Translations(c.Request.Context(), h.st, name, bytes.NewReader(data), author(c), imports.Options{MemoryOnly: c.Query("memory_only") == "1"})
	if err != nil {
		var fe *imports.FileError
		var le *store.LineError
		var inv *store.InvalidTextError
		if errors.As(err, &fe) || errors.As(err, &le) || errors.As(err, &inv) {
			apiError(c, http.StatusUnprocessableEntity, "invalid_file", fmt.Sprintf("%s: %v (nothing was imported)", name, err))
			return
		}
		storeError(c, err)
		return
	}
	if res.Updated > 0 {
		h.events.Publish(events.Event{Type: "reload", Action: "import", Actor: author(c)})
	}
	c.JSON(http.StatusOK, res)
}

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

type documentRequest struct {
	Title *string `json:"title"`
	Date  *string `json:"date"`
}

// updateDocument corrects a statement's title and date.
func (h *handlers) updateDocument(c *gin.Context) {
	id, ok := idParam(c)
	var req documentRequest
	if !ok || !bindJSON(c, &req) {
		return
	}
	if req.Title == nil || req.Date == nil {
		apiError(c, http.StatusBadRequest, "invalid_request", `send {"title": "...", "date": "YYYY-MM-DD" or ""}`)
		return
	}
	d, err := h.st.UpdateDocument(c.Request.Context(), id, *req.Title, *req.Date)
	if err != nil {
		storeError(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
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
	cl, err := h.st.GetClause(ctx, id)
	if err != nil {
		storeError(c, err)
		return
	}
	ms, err := h.memory.Matches(ctx, cl.Source, cl.ID, k, 0.7)
	if err != nil {
		storeError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"matches": ms})
}
