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
	TargetLanguage *string `json:"target_language"`
}

// changeSettings changes the corpus settings (an admin's): a new default
// numbering style rewrites the markers of the statements that follow it; the
// target language names the English of exports and import checks. A field
// left out keeps its value.
func (h *handlers) changeSettings(c *gin.Context) {
	var req settingsRequest
	if !bindJSON(c, &req) {
		return
	}
	if req.NumberingStyle == nil && req.TargetLanguage == nil {
		apiError(c, http.StatusBadRequest, "invalid_request", `send {"numbering_style": "arabic", "roman" or "outline"}, {"target_language": "en-GB", "en-US" or "en"}, or both`)
		return
	}
	var set store.CorpusSettings
	// An empty value is no setting (the workbench would take it for "keep"): refused as it is.
	if req.NumberingStyle != nil {
		if set.NumberingStyle = *req.NumberingStyle; set.NumberingStyle == "" {
			fail(c, store.CheckNumberingStyle("", false))
			return
		}
	}
	if req.TargetLanguage != nil {
		if set.TargetLanguage = *req.TargetLanguage; set.TargetLanguage == "" {
			fail(c, store.CheckTargetLanguage(""))
			return
		}
	}
	cs, err := h.wb.ChangeSettings(c.Request.Context(), actor(c), workbench.ChangeSettings{Settings: set})
	answer(c, http.StatusOK, cs, err)
}
