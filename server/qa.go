package server

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/workbench"
)

func (h *handlers) findings(c *gin.Context) {
	p := paramsOf(c)
	f := store.FindingFilter{DocumentID: p.optionalID("document", "document"), Kind: c.Query("kind"), Term: c.Query("term"), IncludeDismissed: c.Query("dismissed") == "1",
		Offset: p.int("offset", 0, 0, 1<<31-1), Limit: p.int("limit", 100, 1, maxFindingsPage)}
	if !p.ok() || !h.documentExists(c, f.DocumentID) {
		return
	}
	out, total, err := h.storedFindings(c, f)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"findings": out, "total": total, "offset": f.Offset, "limit": f.Limit})
}

// maxFindingsPage bounds a page of findings.
const maxFindingsPage = 1000

// storedFindings reads a page of the stored findings, once they are
// current (see workbench.CurrentFindings).
func (h *handlers) storedFindings(c *gin.Context, f store.FindingFilter) ([]qa.Finding, int64, error) {
	ctx := c.Request.Context()
	if err := h.wb.CurrentFindings(ctx); err != nil {
		return nil, 0, err
	}
	sfs, total, err := h.st.Findings(ctx, f)
	return qa.FromStored(sfs), total, err
}

// documentQA gives the editor everything it shows beside a statement's
// clauses: glossary hits in the Chinese, and the current findings. All the
// statement's, a page of its clauses (?offset=&limit=, as the clauses'
// pages), or ?around=ID,…: those clauses and the statement's others with
// the same Chinese, what a save can change (the "same Chinese, other
// English" check spans them). "clauses" lists the clauses answered for.
func (h *handlers) documentQA(c *gin.Context) {
	p := paramsOf(c)
	id := p.id()
	offset, limit := p.int("offset", 0, 0, 1<<31-1), p.int("limit", 0, 1, maxPage)
	around := p.ids("around", "clause", maxPage)
	if around != nil && (offset != 0 || limit != 0) {
		p.fail("around", "ask for a page (offset, limit) or for clauses (around), not both")
	}
	if !p.ok() {
		return
	}
	ctx := c.Request.Context()
	clauses, total, err := h.st.ListClauses(ctx, store.ClauseFilter{DocumentID: id, Offset: offset, Limit: limit})
	if err == nil && total == 0 {
		_, err = h.st.GetDocument(ctx, id)
	}
	if err != nil {
		fail(c, err)
		return
	}
	filter := store.FindingFilter{DocumentID: id}
	if around != nil {
		clauses = sameChinese(clauses, around)
	}
	ids := make([]uint, len(clauses))
	for i, cl := range clauses {
		ids[i] = cl.ID
	}
	if around != nil || limit != 0 {
		filter.ClauseIDs = ids
	}
	hits, err := h.qa.Hits(ctx, clauses)
	if err != nil {
		fail(c, err)
		return
	}
	findings, _, err := h.storedFindings(c, filter)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"hits": hits, "findings": findings, "clauses": ids, "total": total})
}

// sameChinese is the clauses named and those with the same Chinese as one
// of them, in order.
func sameChinese(clauses []store.Clause, named []uint) []store.Clause {
	asked := make(map[uint]bool, len(named))
	for _, id := range named {
		asked[id] = true
	}
	keys := map[string]bool{}
	for _, cl := range clauses {
		if asked[cl.ID] {
			keys[cl.SourceKey] = true
		}
	}
	var out []store.Clause
	for _, cl := range clauses {
		if keys[cl.SourceKey] {
			out = append(out, cl)
		}
	}
	return out
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
		fail(c, err)
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
	d, err := h.wb.Dismiss(c.Request.Context(), actor(c), workbench.Dismiss{Clause: req.ClauseID, Key: req.Key, Kind: req.Kind, Reason: req.Reason})
	answer(c, http.StatusCreated, d, err)
}

func (h *handlers) undismiss(c *gin.Context) {
	p := paramsOf(c)
	p.require("key", "key is missing: name the dismissal to undo, ?key=KEY (the finding's key)")
	if !p.ok() {
		return
	}
	if err := h.wb.Undismiss(c.Request.Context(), actor(c), workbench.Undismiss{Key: c.Query("key")}); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// termReport is a page of the term report, from the term-occurrence index
// once it is current.
func (h *handlers) termReport(c *gin.Context) {
	p := paramsOf(c)
	offset, limit := p.int("offset", 0, 0, 1<<31-1), p.int("limit", 50, 1, maxTermsPage)
	if !p.ok() {
		return
	}
	ctx := c.Request.Context()
	if err := h.wb.CurrentFindings(ctx); err != nil {
		fail(c, err)
		return
	}
	rep, total, err := qa.ReportPage(ctx, h.st, limit, offset)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"terms": rep, "total": total, "offset": offset, "limit": limit})
}

// maxTermsPage bounds a page of the term report.
const maxTermsPage = 500

// termReportOf is the whole report of one term: every rendering, with its
// clauses.
func (h *handlers) termReportOf(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	if err := h.wb.CurrentFindings(ctx); err != nil {
		fail(c, err)
		return
	}
	rep, err := qa.TermReport(ctx, h.st, id)
	if err == nil && len(rep) == 0 {
		err = &fault.NotFound{What: "use of glossary entry", ID: id, Hint: "its term is in no clause's Chinese"}
	}
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"term": rep[0]})
}

func (h *handlers) termSuggestions(c *gin.Context) {
	limit, ok := intQuery(c, "limit", 50, 1, 1000)
	if !ok {
		return
	}
	s, at, err := h.wb.Suggestions(c.Request.Context(), limit)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"suggestions": s, "computed_at": at})
}

// discoveredTerms is a page of the terms rendered in more than one way,
// as last computed in the background (see workbench.KeepDiscovered).
func (h *handlers) discoveredTerms(c *gin.Context) {
	p := paramsOf(c)
	doc := p.optionalID("document", "document")
	offset, limit := p.int("offset", 0, 0, 1<<31-1), p.int("limit", 20, 1, maxTermsPage)
	if !p.ok() || !h.documentExists(c, doc) {
		return
	}
	page, err := h.wb.Discovered(c.Request.Context(), doc, offset, limit)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, page)
}

// findingsSummary counts the open (not dismissed) findings of each
// statement, for the statement list: {"documents": {"ID": N, …}}.
func (h *handlers) findingsSummary(c *gin.Context) {
	ctx := c.Request.Context()
	if err := h.wb.CurrentFindings(ctx); err != nil {
		fail(c, err)
		return
	}
	found, err := h.st.FindingCounts(ctx)
	if err != nil {
		fail(c, err)
		return
	}
	counts := make(map[string]int64, len(found))
	for doc, n := range found {
		counts[strconv.FormatUint(uint64(doc), 10)] = n
	}
	c.JSON(http.StatusOK, gin.H{"documents": counts})
}
