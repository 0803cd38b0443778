package server

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/exchange"
	"github.com/zhen-workbench/zhen/internal/imports"
	"github.com/zhen-workbench/zhen/internal/store"
)

type termRequest struct {
	glossary.Entry
	Version *int `json:"version"`
}

func (h *handlers) listTerms(c *gin.Context) {
	terms, err := h.st.ListTerms(c.Request.Context(), c.Query("q"))
	if err != nil {
		storeError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"terms": terms})
}

func (h *handlers) getTerm(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	t, err := h.st.GetTerm(c.Request.Context(), id)
	if err != nil {
		storeError(c, err)
		return
	}
	c.JSON(http.StatusOK, t)
}

func (h *handlers) createTerm(c *gin.Context) {
	var req termRequest
	if !bindJSON(c, &req) {
		return
	}
	// Translators propose terms; reviewers decide which are approved.
	if !roleOf(c).Allows(reviewer) {
		if req.Status != "" && req.Status != glossary.StatusProposed {
			apiError(c, http.StatusForbidden, "forbidden", "translators can only propose terms (status \"proposed\"): a reviewer approves them")
			return
		}
		req.Status = glossary.StatusProposed
	}
	t, err := h.st.CreateTerm(c.Request.Context(), req.Entry, author(c))
	if err != nil {
		storeError(c, err)
		return
	}
	h.glossaryChanged(c, "created")
	c.JSON(http.StatusCreated, t)
}

func (h *handlers) updateTerm(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	var req termRequest
	if !bindJSON(c, &req) {
		return
	}
	if req.Version == nil {
		apiError(c, http.StatusBadRequest, "invalid_request", "name the version you edited: {\"version\": N, …}")
		return
	}
	t, err := h.st.UpdateTerm(c.Request.Context(), id, req.Entry, *req.Version, author(c))
	var conflict *store.TermConflictError
	if errors.As(err, &conflict) {
		c.AbortWithStatusJSON(http.StatusConflict, gin.H{
			"error":   gin.H{"code": "conflict", "message": fmt.Sprintf("%s was changed by %s since you opened it (now version %d): compare and save again", conflict.Current.ZH, conflict.Current.UpdatedBy, conflict.Current.Version)},
			"current": conflict.Current,
		})
		return
	}
	if err != nil {
		storeError(c, err)
		return
	}
	h.glossaryChanged(c, "updated")
	c.JSON(http.StatusOK, t)
}

func (h *handlers) deleteTerm(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	if err := h.st.DeleteTerm(c.Request.Context(), id, author(c)); err != nil {
		storeError(c, err)
		return
	}
	h.glossaryChanged(c, "deleted")
	c.Status(http.StatusNoContent)
}

func (h *handlers) termHistory(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	changes, err := h.st.TermHistory(c.Request.Context(), id)
	if err != nil {
		storeError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"changes": changes})
}

// importGlossary reads a .csv or .tbx upload and applies it whole or not at all.
func (h *handlers) importGlossary(c *gin.Context) {
	name, data, ok := h.upload(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	entries, err := exchange.ReadGlossary(name, imports.UntilDone(ctx, bytes.NewReader(data)))
	if ctx.Err() != nil {
		storeError(c, ctx.Err()) // the client went away: nobody to answer
		return
	}
	if err != nil {
		apiError(c, http.StatusUnprocessableEntity, "invalid_file", fmt.Sprintf("%s: %v (nothing was imported)", name, err))
		return
	}
	res, err := h.st.ImportTerms(ctx, entries, author(c))
	if err != nil {
		var ee *store.EntryError
		if errors.As(err, &ee) {
			apiError(c, http.StatusUnprocessableEntity, "invalid_entry", fmt.Sprintf("%s: %v (nothing was imported)", name, err))
			return
		}
		storeError(c, err)
		return
	}
	h.glossaryChanged(c, "imported")
	c.JSON(http.StatusOK, res)
}

// glossaryChanged tells open editors that findings and highlights may have
// changed.
func (h *handlers) glossaryChanged(c *gin.Context, action string) {
	h.events.Publish(events.Event{Type: "glossary", Action: action, Actor: author(c)})
}

func (h *handlers) exportGlossary(c *gin.Context) {
	format, err := exchange.ParseGlossaryFormat(c.DefaultQuery("format", "tbx"))
	if err != nil {
		apiError(c, http.StatusBadRequest, "invalid_format", err.Error())
		return
	}
	c.Header("Content-Type", format.ContentType())
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "zhen-glossary" + format.Ext()}))
	c.Status(http.StatusOK)
	if _, err := exchange.WriteGlossary(c.Writer, format, h.st.Terms(c.Request.Context())); err != nil {
		logCutShort("glossary export", err)
	}
}
