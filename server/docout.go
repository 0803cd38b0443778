package server

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/docout"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/workbench"
)

// statementOf reads a statement and builds its English document; it
// answers itself (404 for an unknown statement) and returns false when it
// cannot.
func (h *handlers) statementOf(c *gin.Context, id uint, o docout.Options) (docout.Statement, bool) {
	ctx := c.Request.Context()
	d, err := h.st.GetDocument(ctx, id)
	if err != nil {
		fail(c, err)
		return docout.Statement{}, false
	}
	clauses, _, err := h.st.ListClauses(ctx, store.ClauseFilter{DocumentID: id})
	if err != nil {
		fail(c, err)
		return docout.Statement{}, false
	}
	settings, err := h.st.Settings(ctx)
	if err != nil {
		fail(c, err)
		return docout.Statement{}, false
	}
	if o.Language == "" {
		o.Language = settings.TargetLanguage // the corpus's English, as every export names it
	}
	return workbench.Statement(d.Document, clauses, settings.NumberingStyle, o), true
}

// exportStatement answers GET /api/v1/export?format=text|html|docx|bilingual-docx&document=ID:
// the English document of one statement, as a download.
func (h *handlers) exportStatement(c *gin.Context, f docout.Format) {
	p := paramsOf(c)
	p.require("document", fmt.Sprintf("format %s is the English document of one statement: name it with ?document=ID", f))
	id := p.optionalID("document", "document")
	if !p.ok() {
		return
	}
	s, ok := h.statementOf(c, id, docout.Options{AllStatuses: c.Query("all_statuses") == "1"})
	if !ok {
		return
	}
	// A statement is small: written whole, so that a failure is an error
	// answer, not a download cut short.
	var b bytes.Buffer
	if err := docout.Write(&b, f, s); err != nil {
		fail(c, err)
		return
	}
	nameDownload(c, id, s.Date, s.SourceTitle, f.FileSuffix()) // named as the statement's other exports
	c.Data(http.StatusOK, f.ContentType(), b.Bytes())
}

// statement answers GET /api/v1/documents/:id/statement: the English
// document as JSON (blocks of pieces, one per clause, with the Chinese),
// for the browser's preview.
func (h *handlers) statement(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	if s, ok := h.statementOf(c, id, docout.Options{AllStatuses: c.Query("all_statuses") == "1"}); ok {
		c.JSON(http.StatusOK, s)
	}
}
