package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/workbench"
)

// resolveComment marks a comment resolved; DELETE reopens it.
func (h *handlers) resolveComment(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	cm, err := h.wb.Resolve(c.Request.Context(), actor(c), workbench.Resolve{Comment: id, Reopen: c.Request.Method == http.MethodDelete})
	answer(c, http.StatusOK, cm, err)
}

// inbox lists the caller's own rejections and mentions.
func (h *handlers) inbox(c *gin.Context) {
	in, err := h.st.Inbox(c.Request.Context(), actor(c).Name)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, in)
}

type readRequest struct {
	IDs []uint `json:"ids"`
	All bool   `json:"all"`
}

// markRead marks notifications of the caller's inbox read.
func (h *handlers) markRead(c *gin.Context) {
	var req readRequest
	if !bindJSON(c, &req) {
		return
	}
	out, err := h.wb.MarkRead(c.Request.Context(), actor(c), workbench.MarkRead{IDs: req.IDs, All: req.All})
	answer(c, http.StatusOK, out, err)
}
