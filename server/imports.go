package server

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/imports"
	"github.com/zhen-workbench/zhen/internal/store"
)

// importTranslations applies a CSV, TMX or XLIFF file (see
// imports.Translations), all or nothing. Open editors are told to reload
// what changed.
func (h *handlers) importTranslations(c *gin.Context) {
	name, data, ok := h.upload(c)
	if !ok {
		return
	}
	res, err := imports.Translations(c.Request.Context(), h.st, name, bytes.NewReader(data), author(c), imports.Options{MemoryOnly: c.Query("memory_only") == "1"})
	if err != nil {
		var fe *imports.FileError
		var le *store.LineError
		var inv *store.InvalidTextError
		if errors.As(err, &fe) || errors.As(err, &le) || errors.As(err, &inv) {
			apiError(c, http.StatusUnprocessableEntity, "invalid_file", fmt.Sprintf("%s: %v (nothing was imported)", name, err))
			return
		}
		storeError(c, err)
		return
	}
	if res.Updated > 0 {
		h.events.Publish(events.Event{Type: "reload", Action: "import", Actor: author(c)})
	}
	c.JSON(http.StatusOK, res)
}
