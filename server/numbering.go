package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/workbench"
)

// settings reads the corpus settings.
func (h *handlers) settings(c *gin.Context) {
	cs, err := h.st.Settings(c.Request.Context())
	answer(c, http.StatusOK, cs, err)
}

type settingsRequest struct {
	NumberingStyle *string `json:"numbering_style"`
}

// changeSettings changes the corpus settings (an admin's): a new default
// numbering style rewrites the markers of the statements that follow it.
func (h *handlers) changeSettings(c *gin.Context) {
	var req settingsRequest
	if !bindJSON(c, &req) {
		return
	}
	if req.NumberingStyle == nil {
		apiError(c, http.StatusBadRequest, "invalid_request", `send {"numbering_style": "arabic", "roman" or "outline"}`)
		return
	}
	cs, err := h.wb.ChangeSettings(c.Request.Context(), actor(c), workbench.ChangeSettings{Settings: store.CorpusSettings{NumberingStyle: *req.NumberingStyle}})
	answer(c, http.StatusOK, cs, err)
}
