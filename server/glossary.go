package server

import (
	"bytes"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/exchange"
	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/workbench"
)

type termRequest struct {
	glossary.Entry
	Version *int `json:"version"`
}

func (h *handlers) listTerms(c *gin.Context) {
	terms, err := h.st.ListTerms(c.Request.Context(), c.Query("q"))
	if err != nil {
		fail(c, err)
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
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, t)
}

func (h *handlers) createTerm(c *gin.Context) {
	var req termRequest
	if !bindJSON(c, &req) {
		return
	}
	cmd := workbench.AddTerm{Entry: req.Entry}
	if dryRun(c) {
		limit, ok := impactLimit(c)
		if !ok {
			return
		}
		impact, err := h.wb.AddTermImpact(c.Request.Context(), actor(c), cmd)
		answerImpact(c, impact, limit, err)
		return
	}
	t, err := h.wb.AddTerm(c.Request.Context(), actor(c), cmd)
	answer(c, http.StatusCreated, t, err)
}

// dryRun says whether the request asks what a glossary change would do
// (?dry_run=1) instead of making it.
func dryRun(c *gin.Context) bool { return c.Query("dry_run") == "1" }

// impactLimit is a dry run's ?limit: how many findings of each list to
// answer (0, none given: all of them). A preview as the user types needs
// the counts and a few clauses, not 45,000 findings of a common term.
func impactLimit(c *gin.Context) (int, bool) {
	p := paramsOf(c)
	limit := p.int("limit", 0, 1, maxFindingsPage)
	return limit, p.ok()
}

func answerImpact(c *gin.Context, impact qa.Impact, limit int, err error) {
	if limit > 0 {
		impact.Truncate(limit)
	}
	answer(c, http.StatusOK, gin.H{"impact": impact}, err)
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
	if dryRun(c) {
		limit, ok := impactLimit(c)
		if !ok {
			return
		}
		impact, err := h.wb.EditTermImpact(c.Request.Context(), actor(c), workbench.EditTerm{Term: id, Version: *req.Version, Entry: req.Entry})
		answerImpact(c, impact, limit, err)
		return
	}
	t, err := h.wb.EditTerm(c.Request.Context(), actor(c), workbench.EditTerm{Term: id, Version: *req.Version, Entry: req.Entry})
	answer(c, http.StatusOK, t, err)
}

func (h *handlers) deleteTerm(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	if err := h.wb.DeleteTerm(c.Request.Context(), actor(c), workbench.DeleteTerm{Term: id}); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (h *handlers) termHistory(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	changes, err := h.st.TermHistory(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
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
	res, err := h.wb.ImportGlossary(c.Request.Context(), actor(c), workbench.ImportGlossary{Name: name, Data: bytes.NewReader(data)})
	answer(c, http.StatusOK, res, err)
}

func (h *handlers) exportGlossary(c *gin.Context) {
	p := paramsOf(c)
	format, err := exchange.ParseGlossaryFormat(c.DefaultQuery("format", "tbx"))
	if err != nil {
		p.fail("format", err.Error())
	}
	if !p.ok() {
		return
	}
	lang, err := h.targetLanguage(c)
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Content-Type", format.ContentType())
	n := exchange.CorpusFileName("glossary", time.Now(), format.Ext())
	c.Header("Content-Disposition", attachment(n, n))
	c.Status(http.StatusOK)
	if _, err := exchange.WriteGlossary(c.Writer, format, lang, h.st.Terms(c.Request.Context())); err != nil {
		logCutShort("glossary export", err)
	}
}
