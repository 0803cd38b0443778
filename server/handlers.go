package server

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"path/filepath"
	"strconv"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/exchange"
	"github.com/zhen-workbench/zhen/internal/numcheck"
	"github.com/zhen-workbench/zhen/internal/segment"
	"github.com/zhen-workbench/zhen/internal/store"
)

//go:embed openapi.json
var openAPIDoc []byte

func (h *handlers) health(c *gin.Context) {
	if err := h.st.Ping(c.Request.Context()); err != nil {
		apiError(c, http.StatusServiceUnavailable, "database_unavailable", "the database does not answer")
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok", "version": h.cfg.Version})
}

func (h *handlers) openAPI(c *gin.Context) {
	c.Data(http.StatusOK, "application/json", openAPIDoc)
}

func (h *handlers) listDocuments(c *gin.Context) {
	docs, err := h.st.ListDocuments(c.Request.Context())
	if err != nil {
		storeError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"documents": docs})
}

func (h *handlers) getDocument(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	doc, err := h.st.GetDocument(c.Request.Context(), id)
	if err != nil {
		storeError(c, err)
		return
	}
	c.JSON(http.StatusOK, doc)
}

const maxPage = 500

func (h *handlers) listClauses(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	offset, ok1 := intQuery(c, "offset", 0, 0, 1<<31-1)
	limit, ok2 := intQuery(c, "limit", 100, 1, maxPage)
	if !ok1 || !ok2 {
		return
	}
	clauses, total, err := h.st.ListClauses(c.Request.Context(), store.ClauseFilter{DocumentID: id, Offset: offset, Limit: limit})
	if err != nil {
		storeError(c, err)
		return
	}
	if total == 0 { // only now is it worth asking whether the document exists
		if _, err := h.st.GetDocument(c.Request.Context(), id); err != nil {
			storeError(c, err)
			return
		}
	}
	c.JSON(http.StatusOK, gin.H{"clauses": clauses, "total": total, "offset": offset, "limit": limit})
}

func (h *handlers) getClause(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	cl, ok := h.clauseOf(c, id)
	if !ok {
		return
	}
	c.JSON(http.StatusOK, cl)
}

type saveRequest struct {
	Text    *string `json:"text"`
	Version *int    `json:"version"`
}

func (h *handlers) saveTranslation(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	var req saveRequest
	if !bindJSON(c, &req) {
		return
	}
	if req.Text == nil || req.Version == nil {
		apiError(c, http.StatusBadRequest, "invalid_request", `body must be {"text": "...", "version": N} with the version you edited`)
		return
	}
	cl, err := h.st.SaveTranslation(c.Request.Context(), id, *req.Text, *req.Version, author(c), "editor")
	h.clauseChanged(c, cl, err, "save")
}

func (h *handlers) history(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	revs, err := h.st.History(c.Request.Context(), id)
	if err != nil {
		storeError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"revisions": revs})
}

// importDocuments takes one file (multipart field "file", or the raw body
// with ?name=FILE) and imports every statement in it, all or nothing.
func (h *handlers) importDocuments(c *gin.Context) {
	name, data, ok := h.upload(c)
	if !ok {
		return
	}
	docs, err := segment.Parse(name, data)
	if err != nil {
		apiError(c, http.StatusUnprocessableEntity, "invalid_file", err.Error())
		return
	}
	imported, err := h.st.ImportDocuments(c.Request.Context(), name, docs)
	if err != nil {
		storeError(c, err)
		return
	}
	status := http.StatusOK
	for _, d := range imported {
		if !d.Duplicate {
			status = http.StatusCreated
		}
	}
	c.JSON(status, gin.H{"documents": imported})
}

// upload reads one uploaded file within the size limit, answering the
// client itself when it cannot.
func (h *handlers) upload(c *gin.Context) (string, []byte, bool) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, h.cfg.MaxUpload)
	name, data, err := readUpload(c)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		apiError(c, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("the file is larger than %d MB: split it into smaller files", h.cfg.MaxUpload>>20))
		return "", nil, false
	case err != nil:
		apiError(c, http.StatusBadRequest, "invalid_upload", err.Error())
		return "", nil, false
	}
	return name, data, true
}

func readUpload(c *gin.Context) (string, []byte, error) {
	ct, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if ct == "multipart/form-data" {
		fh, err := c.FormFile("file")
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return "", nil, err
			}
			return "", nil, errors.New(`send the file as multipart field "file"`)
		}
		f, err := fh.Open()
		if err != nil {
			return "", nil, err
		}
		defer f.Close()
		data, err := io.ReadAll(f)
		return filepath.Base(fh.Filename), data, err
	}
	name := c.Query("name")
	if name == "" {
		return "", nil, errors.New(`name the file: multipart field "file", or ?name=FILE with the file as the body`)
	}
	data, err := io.ReadAll(c.Request.Body)
	return filepath.Base(name), data, err
}

func (h *handlers) export(c *gin.Context) {
	format, err := exchange.ParseFormat(c.DefaultQuery("format", "tmx"))
	if err != nil {
		apiError(c, http.StatusBadRequest, "invalid_format", err.Error())
		return
	}
	var docID uint
	name := "zhen"
	if s := c.Query("document"); s != "" {
		n, err := strconv.ParseUint(s, 10, 32)
		if err != nil || n == 0 {
			apiError(c, http.StatusBadRequest, "invalid_request", "document must be a document id")
			return
		}
		docID = uint(n)
		if _, err := h.st.GetDocument(c.Request.Context(), docID); err != nil {
			storeError(c, err)
			return
		}
		name = fmt.Sprintf("zhen-document-%d", docID)
	}
	// XLIFF is a file to translate in: it carries every clause.
	filter := store.ExportFilter{DocumentID: docID, Untranslated: format == exchange.FormatCSV && c.Query("untranslated") == "1" || format == exchange.FormatXLIFF}
	if c.Query("all_statuses") == "1" {
		filter.Texts = store.LatestTexts
	}
	c.Header("Content-Type", format.ContentType())
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name + format.Ext()}))
	c.Status(http.StatusOK)
	// Headers are gone once the first byte is out: an error mid-stream can
	// only cut the download short, so log it.
	if _, err := exchange.Write(c.Writer, format, h.st.ExportUnits(c.Request.Context(), filter), exchange.TMXOptions{ToolVersion: h.cfg.Version}); err != nil {
		logCutShort("export", err)
	}
}

// logCutShort logs a download that failed after its first byte, when the
// client can no longer be told.
func logCutShort(what string, err error) {
	slog.Error(what+" cut short", "err", err)
}

func idParam(c *gin.Context) (uint, bool) {
	n, err := strconv.ParseUint(c.Param("id"), 10, 32)
	if err != nil || n == 0 {
		apiError(c, http.StatusBadRequest, "invalid_id", fmt.Sprintf("%q is not an id", c.Param("id")))
		return 0, false
	}
	return uint(n), true
}

func intQuery(c *gin.Context, key string, def, min, max int) (int, bool) {
	s := c.Query(key)
	if s == "" {
		return def, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		apiError(c, http.StatusBadRequest, "invalid_request", fmt.Sprintf("%s must be a whole number from %d to %d", key, min, max))
		return 0, false
	}
	return n, true
}

// maxJSON bounds a JSON request body.
const maxJSON = 1 << 20

// bindJSON decodes a JSON body into v. Too large a body gets 413, and
// invalid UTF-8 or JSON 400, before anything is done with it: Go's decoder
// would silently turn invalid UTF-8 into U+FFFD.
func bindJSON(c *gin.Context, v any) bool {
	if ct, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type")); ct != "application/json" {
		apiError(c, http.StatusUnsupportedMediaType, "invalid_request", "send JSON with Content-Type: application/json")
		return false
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, maxJSON))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		apiError(c, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("the request body is larger than %d KB", maxJSON>>10))
		return false
	case err != nil:
		apiError(c, http.StatusBadRequest, "invalid_request", "the body could not be read: "+err.Error())
		return false
	case !utf8.Valid(body):
		apiError(c, http.StatusBadRequest, "invalid_utf8", "the body is not valid UTF-8: send text encoded as UTF-8")
		return false
	}
	if err := json.Unmarshal(body, v); err != nil {
		apiError(c, http.StatusBadRequest, "invalid_request", "the body is not valid JSON: "+err.Error())
		return false
	}
	return true
}

type documentRequest struct {
	Title *string `json:"title"`
	Date  *string `json:"date"`
}

// updateDocument corrects a statement's title and date.
func (h *handlers) updateDocument(c *gin.Context) {
	id, ok := idParam(c)
	var req documentRequest
	if !ok || !bindJSON(c, &req) {
		return
	}
	if req.Title == nil || req.Date == nil {
		apiError(c, http.StatusBadRequest, "invalid_request", `send {"title": "...", "date": "YYYY-MM-DD" or ""}`)
		return
	}
	d, err := h.st.UpdateDocument(c.Request.Context(), id, *req.Title, *req.Date)
	if err != nil {
		storeError(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}

// clauseNumbers lists the numbers and dates of a clause's Chinese as
// English writes them, for the editor to insert (Alt+Shift+N). Values that
// translators add and drop freely (两国: "the two countries") are left out.
func (h *handlers) clauseNumbers(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	cl, ok := h.clauseOf(c, id)
	if !ok {
		return
	}
	type number struct {
		Text    string `json:"text"`
		English string `json:"english"`
	}
	out := []number{}
	for _, v := range numcheck.Chinese(cl.Source) {
		if !v.Soft {
			out = append(out, number{v.Text, numcheck.Render(v)})
		}
	}
	c.JSON(http.StatusOK, gin.H{"numbers": out})
}

// clauseOf loads the clause a request names, answering the client itself
// when it cannot (404 and the like).
func (h *handlers) clauseOf(c *gin.Context, id uint) (store.Clause, bool) {
	cl, err := h.st.GetClause(c.Request.Context(), id)
	if err != nil {
		storeError(c, err)
		return store.Clause{}, false
	}
	return cl, true
}
