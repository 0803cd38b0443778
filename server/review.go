package server

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/diff"
	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/workbench"
)

type versionRequest struct {
	Version  *int `json:"version"`
	Revision int  `json:"revision"` // approve: an earlier alternative; restore: the revision to restore
}

// bindVersion reads {"version": N, …}: every write names the version it
// was made on.
func bindVersion(c *gin.Context, req *versionRequest) bool {
	if !bindJSON(c, req) {
		return false
	}
	if req.Version == nil {
		apiError(c, http.StatusBadRequest, "invalid_request", `name the clause version you looked at: {"version": N}`)
		return false
	}
	return true
}

func (h *handlers) submit(c *gin.Context) {
	id, ok := idParam(c)
	var req versionRequest
	if !ok || !bindVersion(c, &req) {
		return
	}
	cl, err := h.wb.Submit(c.Request.Context(), actor(c), workbench.Submit{Clause: id, Version: *req.Version})
	answer(c, http.StatusOK, cl, err)
}

func (h *handlers) approve(c *gin.Context) {
	id, ok := idParam(c)
	var req versionRequest
	if !ok || !bindVersion(c, &req) {
		return
	}
	cl, err := h.wb.Approve(c.Request.Context(), actor(c), workbench.Approve{Clause: id, Version: *req.Version, Revision: req.Revision})
	answer(c, http.StatusOK, cl, err)
}

type rejectRequest struct {
	Comment string `json:"comment"`
	Version *int   `json:"version"` // optional: reject only if still this version
}

func (h *handlers) reject(c *gin.Context) {
	id, ok := idParam(c)
	var req rejectRequest
	if !ok || !bindJSON(c, &req) {
		return
	}
	cl, err := h.wb.Reject(c.Request.Context(), actor(c), workbench.Reject{Clause: id, Version: req.Version, Comment: req.Comment})
	answer(c, http.StatusOK, cl, err)
}

func (h *handlers) restore(c *gin.Context) {
	id, ok := idParam(c)
	var req versionRequest
	if !ok || !bindVersion(c, &req) {
		return
	}
	if req.Revision <= 0 {
		apiError(c, http.StatusBadRequest, "invalid_request", `name the revision to restore: {"revision": N, "version": M}`)
		return
	}
	cl, err := h.wb.Restore(c.Request.Context(), actor(c), workbench.Restore{Clause: id, Version: *req.Version, Revision: req.Revision})
	answer(c, http.StatusOK, cl, err)
}

// revisionDiff compares two history rows' texts word by word; from=0 is
// the empty text.
func (h *handlers) revisionDiff(c *gin.Context) {
	p := paramsOf(c)
	id, from, to := p.id(), p.int("from", 0, 0, 1<<31-1), p.int("to", 0, 1, 1<<31-1)
	p.require("to", "to is missing: name the revisions to compare, ?from=N&to=M")
	if !p.ok() {
		return
	}
	ctx := c.Request.Context()
	text := func(v int) (string, bool) {
		if v == 0 {
			return "", true
		}
		r, err := h.st.Revision(ctx, id, v)
		if errors.Is(err, store.ErrNotFound) { // of the clause, or of the revision
			if _, cerr := h.st.GetClause(ctx, id); cerr != nil {
				err = cerr
			}
		}
		if err != nil {
			fail(c, err)
			return "", false
		}
		return r.Text, true
	}
	a, ok := text(from)
	if !ok {
		return
	}
	b, ok := text(to)
	if !ok {
		return
	}
	c.JSON(http.StatusOK, gin.H{"from": from, "to": to, "ops": diff.Words(a, b)})
}

func (h *handlers) comments(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	cs, err := h.st.Comments(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"comments": cs})
}

type commentRequest struct {
	Text string `json:"text"`
}

func (h *handlers) addComment(c *gin.Context) {
	id, ok := idParam(c)
	var req commentRequest
	if !ok || !bindJSON(c, &req) {
		return
	}
	cm, err := h.wb.Comment(c.Request.Context(), actor(c), workbench.Comment{Clause: id, Text: req.Text})
	answer(c, http.StatusCreated, cm, err)
}

// queueItem is a clause waiting for review, with what the reviewer needs
// to judge it: its open findings, the alternatives proposed since the last
// approval and, when it was rejected since, the last English rejected.
type queueItem struct {
	store.Clause
	DocumentTitle string             `json:"document_title"`
	Findings      []qa.Finding       `json:"findings"`
	Alternatives  []queueAlternative `json:"alternatives"`
	lastRejection
}

// reviewQueue lists a page of the submitted clauses across statements
// (?offset=&limit=, 100 by default; "total" says how many wait under the
// filters); ?translator= keeps one writer's, ?kind= those with an open
// finding of that kind, ?kind=none those without any; ?assigned=1 those in
// the statements (ranges) the caller is assigned to review. "translators"
// lists who wrote the English waiting under the other filters. Indexed
// queries of the stored findings: the queue of an archive pages like any
// list.
func (h *handlers) reviewQueue(c *gin.Context) {
	p := paramsOf(c)
	f := store.QueueFilter{DocumentID: p.optionalID("document", "document"), Translator: c.Query("translator"), Kind: c.Query("kind"),
		Offset: p.int("offset", 0, 0, 1<<31-1), Limit: p.int("limit", defaultQueuePage, 1, maxPage)}
	if c.Query("assigned") == "1" {
		f.Reviewer = actor(c).Name
	}
	if !p.ok() {
		return
	}
	ctx := c.Request.Context()
	if !h.documentExists(c, f.DocumentID) {
		return
	}
	if err := h.wb.CurrentFindings(ctx); err != nil {
		fail(c, err)
		return
	}
	queue, err := h.st.ReviewQueue(ctx, f)
	if err != nil {
		fail(c, err)
		return
	}
	clauses := queue.Clauses
	ids := make([]uint, len(clauses))
	for i, cl := range clauses {
		ids[i] = cl.ID
	}
	findings := map[uint][]qa.Finding{}
	if len(ids) > 0 {
		stored, _, err := h.st.Findings(ctx, store.FindingFilter{ClauseIDs: ids})
		if err != nil {
			fail(c, err)
			return
		}
		for _, fd := range qa.FromStored(stored) {
			findings[fd.ClauseID] = append(findings[fd.ClauseID], fd)
		}
	}
	history, err := h.st.ReviewHistory(ctx, clauses)
	if err != nil {
		fail(c, err)
		return
	}
	titles := map[uint]string{}
	items := []queueItem{}
	for _, cl := range clauses {
		if _, ok := titles[cl.DocumentID]; !ok {
			d, err := h.st.GetDocument(ctx, cl.DocumentID)
			if err != nil {
				fail(c, err)
				return
			}
			titles[cl.DocumentID] = d.Title
		}
		fs := findings[cl.ID]
		if fs == nil {
			fs = []qa.Finding{}
		}
		hist := history[cl.ID]
		items = append(items, queueItem{Clause: cl, DocumentTitle: titles[cl.DocumentID], Findings: fs,
			Alternatives: markRejected(hist.Alternatives, hist.Rejections), lastRejection: lastRejected(cl, hist.Rejections)})
	}
	c.JSON(http.StatusOK, gin.H{"clauses": items, "total": queue.Total, "offset": f.Offset, "limit": f.Limit, "translators": queue.Translators})
}

// defaultQueuePage is how many clauses of the review queue a page holds
// unless asked.
const defaultQueuePage = 100

type bulkApproveRequest struct {
	Clauses []workbench.Versioned `json:"clauses"`
}

// bulkApprove approves the listed clauses that have no open finding, each
// only at the version the reviewer saw; the others are listed with why.
func (h *handlers) bulkApprove(c *gin.Context) {
	var req bulkApproveRequest
	if !bindJSON(c, &req) {
		return
	}
	out, err := h.wb.BulkApprove(c.Request.Context(), actor(c), workbench.BulkApprove{Clauses: req.Clauses})
	answer(c, http.StatusOK, out, err)
}

// documentExists says whether a document filter names a statement that
// exists (0: no filter), answering 404 itself when it does not.
func (h *handlers) documentExists(c *gin.Context, id uint) bool {
	if id == 0 {
		return true
	}
	if _, err := h.st.GetDocument(c.Request.Context(), id); err != nil {
		fail(c, err)
		return false
	}
	return true
}
