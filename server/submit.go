package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/workbench"
)

type bulkSubmitRequest struct {
	Clauses         []workbench.Versioned `json:"clauses"`
	Document        uint                  `json:"document"`
	Mine            bool                  `json:"mine"`
	DespiteFindings bool                  `json:"despite_findings"`
}

// bulkSubmit sends several clauses to review at once: the listed ones at
// the versions the translator saw, or every translated clause of a
// statement whose English the caller wrote last. Open findings hold it
// back (409 open_findings with the findings) unless despite_findings.
func (h *handlers) bulkSubmit(c *gin.Context) {
	var req bulkSubmitRequest
	if !bindJSON(c, &req) {
		return
	}
	out, err := h.wb.BulkSubmit(c.Request.Context(), actor(c), workbench.BulkSubmit{Clauses: req.Clauses, Document: req.Document,
		Mine: req.Mine, DespiteFindings: req.DespiteFindings})
	answer(c, http.StatusOK, out, err)
}
