package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/workbench"
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
	out, err := h.wb.Split(c.Request.Context(), actor(c), workbench.Split{Clause: id, Version: *req.Version, At: req.At, English: req.English})
	answer(c, http.StatusOK, out, err)
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
	cl, err := h.wb.Merge(c.Request.Context(), actor(c), workbench.Merge{Clause: id, Version: *req.Version, NextVersion: *req.NextVersion, English: req.English})
	answer(c, http.StatusOK, cl, err)
}
