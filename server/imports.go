package server

import (
	"bytes"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/workbench"
)

// importTranslations applies a CSV, TMX or XLIFF file (see
// imports.Translations), all or nothing. Open editors are told to reload
// what changed.
func (h *handlers) importTranslations(c *gin.Context) {
	name, data, ok := h.upload(c)
	if !ok {
		return
	}
	res, err := h.wb.ImportTranslations(c.Request.Context(), actor(c), workbench.ImportTranslations{Name: name, Data: bytes.NewReader(data), MemoryOnly: c.Query("memory_only") == "1"})
	answer(c, http.StatusOK, res, err)
}
