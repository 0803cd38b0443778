package server

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/store"
)

type splitRequest struct {
	At      int      `json:"at"` // in characters (code points) of the Chinese
	Version *int     `json:"version"`
	English []string `json:"english"` // optional: the two parts' English
}

// splitClause cuts a clause's Chinese in two (see store.SplitClause).
func (h *handlers) splitClause(c *gin.Context) {
	id, ok := idParam(c)
	var req splitRequest
	if !ok || !bindJSON(c, &req) {
		return
	}
	if req.Version == nil {
		apiError(c, http.StatusBadRequest, "invalid_request", `send {"at": CHARACTERS, "version": N}: where to split, and the version you looked at`)
		return
	}
	cl, ok := h.clauseOf(c, id)
	if !ok {
		return
	}
	at := byteOffset(cl.Source, req.At) // out of range: -1, which the store refuses with the reason
	out, err := h.st.SplitClause(c.Request.Context(), id, at, *req.Version, req.English, author(c))
	if h.structureError(c, err) {
		return
	}
	h.events.Publish(events.Event{Type: "document", Action: "split", Actor: author(c), ClauseID: id, Document: cl.DocumentID})
	c.JSON(http.StatusOK, out)
}

type mergeRequest struct {
	Version     *int    `json:"version"`
	NextVersion *int    `json:"next_version"`
	English     *string `json:"english"` // optional: the merged English
}

// mergeClauses joins a clause and the next one of its paragraph.
func (h *handlers) mergeClauses(c *gin.Context) {
	id, ok := idParam(c)
	var req mergeRequest
	if !ok || !bindJSON(c, &req) {
		return
	}
	if req.Version == nil || req.NextVersion == nil {
		apiError(c, http.StatusBadRequest, "invalid_request", `send {"version": N, "next_version": M}: the versions you looked at of this clause and the next`)
		return
	}
	cl, err := h.st.MergeClauses(c.Request.Context(), id, *req.Version, *req.NextVersion, req.English, author(c))
	if h.structureError(c, err) {
		return
	}
	h.events.Publish(events.Event{Type: "document", Action: "merge", Actor: author(c), ClauseID: id, Document: cl.DocumentID})
	c.JSON(http.StatusOK, cl)
}

// structureError answers for a failed split or merge; it says whether
// there was one.
func (h *handlers) structureError(c *gin.Context, err error) bool {
	var conflict *store.ConflictError
	var structure *store.StructureError
	switch {
	case err == nil:
		return false
	case errors.As(err, &conflict):
		c.AbortWithStatusJSON(http.StatusConflict, gin.H{
			"error":   gin.H{"code": "conflict", "message": fmt.Sprintf("clause %d was changed (now version %d, by %s) since you opened it: reload and try again", conflict.Current.Position+1, conflict.Current.Version, orUnknown(conflict.Current.UpdatedBy))},
			"current": conflict.Current,
		})
	case errors.As(err, &structure):
		apiError(c, http.StatusUnprocessableEntity, "invalid_structure", structure.Reason)
	default:
		storeError(c, err)
	}
	return true
}

// byteOffset is the byte offset of the n-th character of s, or -1 if s
// has fewer.
func byteOffset(s string, n int) int {
	if n < 0 {
		return -1
	}
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	if n == 0 {
		return len(s)
	}
	return -1
}
