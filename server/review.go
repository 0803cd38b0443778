package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/diff"
	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/store"
)

// clauseChanged answers a write to a clause: the clause, or a 409 with the
// current clause when the write named a stale version or the clause's
// status does not allow it. Others' open editors hear of the change.
func (h *handlers) clauseChanged(c *gin.Context, cl store.Clause, err error, action string) {
	var conflict *store.ConflictError
	var state *store.StateError
	switch {
	case errors.As(err, &conflict):
		c.AbortWithStatusJSON(http.StatusConflict, gin.H{
			"error":   gin.H{"code": "conflict", "message": fmt.Sprintf("someone changed this clause (now version %d, English by %s) since you opened it: compare and choose", conflict.Current.Version, orUnknown(conflict.Current.UpdatedBy))},
			"current": conflict.Current,
		})
	case errors.As(err, &state):
		c.AbortWithStatusJSON(http.StatusConflict, gin.H{
			"error":   gin.H{"code": "invalid_state", "message": state.Reason},
			"current": state.Current,
		})
	case err != nil:
		storeError(c, err)
	default:
		h.publishClause(c, action, cl)
		c.JSON(http.StatusOK, cl)
	}
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func (h *handlers) publishClause(c *gin.Context, action string, cl store.Clause) {
	data, _ := json.Marshal(cl)
	h.events.Publish(events.Event{Type: "clause", Action: action, Actor: author(c), ClauseID: cl.ID, Document: cl.DocumentID, Data: data})
}

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
	cl, err := h.st.Submit(c.Request.Context(), id, *req.Version, author(c))
	h.clauseChanged(c, cl, err, "submit")
}

func (h *handlers) approve(c *gin.Context) {
	id, ok := idParam(c)
	var req versionRequest
	if !ok || !bindVersion(c, &req) {
		return
	}
	cl, err := h.st.Approve(c.Request.Context(), id, *req.Version, req.Revision, author(c))
	h.clauseChanged(c, cl, err, "approve")
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
	base := -1
	if req.Version != nil {
		base = *req.Version
	}
	cl, err := h.st.Reject(c.Request.Context(), id, base, req.Comment, author(c))
	h.clauseChanged(c, cl, err, "reject")
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
	cl, err := h.st.Restore(c.Request.Context(), id, req.Revision, *req.Version, author(c))
	h.clauseChanged(c, cl, err, "restore")
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
		if errors.Is(err, store.ErrNotFound) {
			if _, err := h.st.GetClause(ctx, id); err != nil {
				storeError(c, err)
				return "", false
			}
			apiError(c, http.StatusNotFound, "not_found", fmt.Sprintf("clause %d has no revision %d", id, v))
			return "", false
		}
		if err != nil {
			storeError(c, err)
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
		storeError(c, err)
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
	ctx := c.Request.Context()
	cm, err := h.st.AddComment(ctx, id, req.Text, author(c))
	if err != nil {
		storeError(c, err)
		return
	}
	if cl, err := h.st.GetClause(ctx, id); err == nil {
		data, _ := json.Marshal(cm)
		h.events.Publish(events.Event{Type: "comment", Action: "comment", Actor: author(c), ClauseID: id, Document: cl.DocumentID, Data: data})
	}
	c.JSON(http.StatusCreated, cm)
}

// queueItem is a clause waiting for review, with what the reviewer needs
// to judge it: its open findings and the alternatives proposed since the
// last approval.
type queueItem struct {
	store.Clause
	DocumentTitle string           `json:"document_title"`
	Findings      []qa.Finding     `json:"findings"`
	Alternatives  []store.Revision `json:"alternatives"`
}

// reviewQueue lists submitted clauses across statements; ?kind= keeps
// those with an open finding of that kind, ?kind=none those without any.
func (h *handlers) reviewQueue(c *gin.Context) {
	p := paramsOf(c)
	f := store.QueueFilter{DocumentID: p.optionalID("document", "document"), Translator: c.Query("translator")}
	if !p.ok() {
		return
	}
	kind := c.Query("kind")
	ctx := c.Request.Context()
	clauses, err := h.st.ReviewQueue(ctx, f)
	if err != nil {
		storeError(c, err)
		return
	}
	titles := map[uint]string{}
	items := []queueItem{}
	for _, cl := range clauses {
		fs, err := h.qa.Draft(ctx, cl, cl.Target)
		if err != nil {
			storeError(c, err)
			return
		}
		if kind == "none" && len(fs) > 0 || kind != "" && kind != "none" && !hasKind(fs, kind) {
			continue
		}
		alts, err := h.st.Alternatives(ctx, cl.ID)
		if err != nil {
			storeError(c, err)
			return
		}
		if _, ok := titles[cl.DocumentID]; !ok {
			d, err := h.st.GetDocument(ctx, cl.DocumentID)
			if err != nil {
				storeError(c, err)
				return
			}
			titles[cl.DocumentID] = d.Title
		}
		items = append(items, queueItem{Clause: cl, DocumentTitle: titles[cl.DocumentID], Findings: fs, Alternatives: alts})
	}
	c.JSON(http.StatusOK, gin.H{"clauses": items})
}

func hasKind(fs []qa.Finding, kind string) bool {
	for _, f := range fs {
		if f.Kind == kind {
			return true
		}
	}
	return false
}

type bulkApproveRequest struct {
	Clauses []struct {
		ID      uint `json:"id"`
		Version int  `json:"version"`
	} `json:"clauses"`
}

type skipped struct {
	ID     uint   `json:"id"`
	Reason string `json:"reason"`
}

// bulkApprove approves the listed clauses that have no open finding, each
// only at the version the reviewer saw; the others are listed with why.
func (h *handlers) bulkApprove(c *gin.Context) {
	var req bulkApproveRequest
	if !bindJSON(c, &req) {
		return
	}
	if len(req.Clauses) == 0 || len(req.Clauses) > 1000 {
		apiError(c, http.StatusBadRequest, "invalid_request", `send {"clauses": [{"id": N, "version": M}, …]}, 1 to 1000 of them`)
		return
	}
	ctx := c.Request.Context()
	approved := []store.Clause{}
	skips := []skipped{}
	for _, x := range req.Clauses {
		cl, err := h.st.GetClause(ctx, x.ID)
		if errors.Is(err, store.ErrNotFound) {
			skips = append(skips, skipped{x.ID, "no such clause"})
			continue
		}
		if err != nil {
			storeError(c, err)
			return
		}
		fs, err := h.qa.Draft(ctx, cl, cl.Target)
		if err != nil {
			storeError(c, err)
			return
		}
		if len(fs) > 0 {
			skips = append(skips, skipped{x.ID, fmt.Sprintf("%d open finding(s): review it on its own", len(fs))})
			continue
		}
		cl, err = h.st.Approve(ctx, x.ID, x.Version, 0, author(c))
		var conflict *store.ConflictError
		var state *store.StateError
		switch {
		case errors.As(err, &conflict):
			skips = append(skips, skipped{x.ID, "changed since you looked: review it again"})
		case errors.As(err, &state):
			skips = append(skips, skipped{x.ID, state.Reason})
		case err != nil:
			storeError(c, err)
			return
		default:
			approved = append(approved, cl)
			h.publishClause(c, "approve", cl)
		}
	}
	c.JSON(http.StatusOK, gin.H{"approved": approved, "skipped": skips})
}
