package server

import (
	"fmt"
	"mime"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/exchange"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/workbench"
)

// listAssignments lists assignments with their progress: ?mine=1 the
// caller's (as translator or reviewer), ?user=NAME someone's, ?document=ID
// a statement's; none of them: all.
func (h *handlers) listAssignments(c *gin.Context) {
	p := paramsOf(c)
	f := store.AssignmentFilter{DocumentID: p.optionalID("document", "document"), User: c.Query("user")}
	switch c.Query("mine") {
	case "", "0":
	case "1":
		if f.User != "" {
			p.fail("mine", "mine=1 and user=NAME both name whose assignments to list: send one of them")
		}
		f.User = actor(c).Name
	default:
		p.fail("mine", "mine must be 1 (the caller's assignments) or left out")
	}
	if !p.ok() || !h.documentExists(c, f.DocumentID) {
		return
	}
	out, err := h.st.Assignments(c.Request.Context(), f)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"assignments": out})
}

// assignmentRequest is an assignment as POST and PUT send it. PUT changes
// only what it names (and needs the version it was made on).
type assignmentRequest struct {
	Document    uint    `json:"document_id"`
	FirstClause *int    `json:"first_clause"`
	LastClause  *int    `json:"last_clause"`
	Translator  *string `json:"translator"`
	Reviewer    *string `json:"reviewer"`
	Due         *string `json:"due"`
	Version     *int    `json:"version"`
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func (h *handlers) createAssignment(c *gin.Context) {
	var req assignmentRequest
	if !bindJSON(c, &req) {
		return
	}
	if (req.FirstClause == nil) != (req.LastClause == nil) {
		apiError(c, http.StatusUnprocessableEntity, "invalid_clauses", "send first_clause and last_clause together (or neither, for the whole statement)")
		return
	}
	a, err := h.wb.Assign(c.Request.Context(), actor(c), workbench.Assign{Document: req.Document, First: deref(req.FirstClause), Last: deref(req.LastClause),
		Translator: deref(req.Translator), Reviewer: deref(req.Reviewer), Due: deref(req.Due)})
	answer(c, http.StatusCreated, a, err)
}

func (h *handlers) updateAssignment(c *gin.Context) {
	id, ok := idParam(c)
	var req assignmentRequest
	if !ok || !bindJSON(c, &req) {
		return
	}
	if req.Version == nil {
		apiError(c, http.StatusBadRequest, "invalid_request", `name the assignment version you looked at: {"version": N, …}`)
		return
	}
	if req.Document != 0 {
		apiError(c, http.StatusUnprocessableEntity, "invalid_document", "an assignment's statement cannot change: delete it and assign the other statement")
		return
	}
	if (req.FirstClause == nil) != (req.LastClause == nil) {
		apiError(c, http.StatusUnprocessableEntity, "invalid_clauses", "send first_clause and last_clause together ([0, 0]: the whole statement)")
		return
	}
	ch := workbench.ChangeAssignment{ID: id, Version: *req.Version, Translator: req.Translator, Reviewer: req.Reviewer, Due: req.Due}
	if req.FirstClause != nil {
		ch.Range = &[2]int{*req.FirstClause, *req.LastClause}
	}
	a, err := h.wb.ChangeAssignment(c.Request.Context(), actor(c), ch)
	answer(c, http.StatusOK, a, err)
}

// deleteAssignment deletes an assignment at ?version=N (the version the
// caller looked at: a stale one is 409 with the assignment as it is).
func (h *handlers) deleteAssignment(c *gin.Context) {
	p := paramsOf(c)
	id, version := p.id(), p.int("version", 0, 1, 1<<31-1)
	p.require("version", "version is missing: name the assignment version you looked at, ?version=N")
	if !p.ok() {
		return
	}
	if err := h.wb.Unassign(c.Request.Context(), actor(c), workbench.Unassign{ID: id, Version: version}); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// findingsReport streams the QA report: every open and dismissed finding
// of a statement (?document=ID) or of the corpus, as CSV or as a
// printable HTML document (?format=csv|html), row by row.
func (h *handlers) findingsReport(c *gin.Context) {
	p := paramsOf(c)
	format := c.Query("format")
	if format != "csv" && format != "html" {
		p.fail("format", "format must be csv or html")
	}
	docID := p.optionalID("document", "document")
	if !p.ok() {
		return
	}
	ctx := c.Request.Context()
	name, scope := "zhen-qa-report", "the corpus"
	if docID != 0 {
		d, err := h.st.GetDocument(ctx, docID)
		if err != nil {
			fail(c, err)
			return
		}
		name, scope = fmt.Sprintf("zhen-qa-report-document-%d", docID), d.Title
	}
	if err := h.wb.CurrentFindings(ctx); err != nil {
		fail(c, err)
		return
	}
	lines := h.st.EachReportLine(ctx, docID)
	var err error
	if format == "csv" {
		c.Header("Content-Type", "text/csv; charset=utf-8")
		c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name + ".csv"}))
		c.Status(http.StatusOK)
		_, err = exchange.WriteFindingsCSV(c.Writer, true, lines)
	} else {
		c.Header("Content-Type", "text/html; charset=utf-8")
		// A document of its own: its one inline style sheet, nothing else
		// (every text in it is escaped; no script may run).
		c.Header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
		c.Header("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": name + ".html"}))
		c.Status(http.StatusOK)
		_, err = exchange.WriteFindingsHTML(c.Writer, scope, time.Now(), exchange.EnglishReportLabels, lines)
	}
	// Headers are gone once the first byte is out: an error mid-stream can
	// only cut the report short.
	if err != nil {
		logCutShort("QA report", err)
	}
}
