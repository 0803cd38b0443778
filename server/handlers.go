package server

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"path/filepath"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/docout"
	"github.com/zhen-workbench/zhen/internal/exchange"
	"github.com/zhen-workbench/zhen/internal/numcheck"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/usertext"
	"github.com/zhen-workbench/zhen/internal/workbench"
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
		fail(c, err)
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
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, doc)
}

const maxPage = 500

func (h *handlers) listClauses(c *gin.Context) {
	p := paramsOf(c)
	id, offset, limit := p.id(), p.int("offset", 0, 0, 1<<31-1), p.int("limit", 100, 1, maxPage)
	if !p.ok() {
		return
	}
	clauses, total, err := h.st.ListClauses(c.Request.Context(), store.ClauseFilter{DocumentID: id, Offset: offset, Limit: limit})
	if err != nil {
		fail(c, err)
		return
	}
	if total == 0 { // only now is it worth asking whether the document exists
		if _, err := h.st.GetDocument(c.Request.Context(), id); err != nil {
			fail(c, err)
			return
		}
	}
	noted, err := h.st.Noted(c.Request.Context(), clauses)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"clauses": noted, "total": total, "offset": offset, "limit": limit})
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
	Confirm bool    `json:"confirm"` // the translator confirms the English: status translated
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
	cl, err := h.wb.Save(c.Request.Context(), actor(c), workbench.Save{Clause: id, Version: *req.Version, Text: *req.Text, Confirm: req.Confirm})
	answer(c, http.StatusOK, cl, err)
}

func (h *handlers) history(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	revs, err := h.st.History(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
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
	imported, err := h.wb.ImportStatements(c.Request.Context(), actor(c), workbench.ImportStatements{Files: []workbench.File{{Name: name, Data: data}}})
	if err != nil {
		fail(c, err)
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
	case errors.Is(err, errNoFile):
		apiError(c, http.StatusBadRequest, "invalid_upload", err.Error())
		return "", nil, false
	case err != nil: // the connection: a stall, a cut; its details are no help
		apiError(c, http.StatusBadRequest, "invalid_upload", "the file stopped arriving before its end: check the connection and send it again")
		return "", nil, false
	}
	// The name is stored with what is imported, and shown: one line of text.
	if err := usertext.Check("the file name", name, usertext.Rule{Max: 255}); err != nil {
		apiError(c, http.StatusBadRequest, "invalid_upload", err.Error())
		return "", nil, false
	}
	return name, data, true
}

// errNoFile: the request names no file; readUpload's other errors are the
// connection's.
var errNoFile = errors.New("no file in the request")

func readUpload(c *gin.Context) (string, []byte, error) {
	ct, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if ct == "multipart/form-data" {
		fh, err := c.FormFile("file")
		if err != nil {
			var tooBig *http.MaxBytesError
			var conn net.Error
			if errors.As(err, &tooBig) || errors.As(err, &conn) || errors.Is(err, io.ErrUnexpectedEOF) {
				return "", nil, err
			}
			return "", nil, fmt.Errorf(`%w: send the file as multipart field "file"`, errNoFile)
		}
		f, err := fh.Open()
		if err != nil {
			return "", nil, err
		}
		defer f.Close()
		// The size is known: one buffer of it, not ReadAll's doublings
		// (peak memory stays near the file's size).
		data := make([]byte, fh.Size)
		_, err = io.ReadFull(f, data)
		return filepath.Base(fh.Filename), data, err
	}
	name := c.Query("name")
	if name == "" {
		return "", nil, fmt.Errorf(`%w: multipart field "file", or ?name=FILE with the file as the body`, errNoFile)
	}
	buf := bytes.NewBuffer(make([]byte, 0, max(0, min(c.Request.ContentLength, 1<<20))+bytes.MinRead))
	_, err := buf.ReadFrom(c.Request.Body)
	return filepath.Base(name), buf.Bytes(), err
}

func (h *handlers) export(c *gin.Context) {
	p := paramsOf(c)
	if f, ok := docout.ParseFormat(c.Query("format")); ok {
		h.exportStatement(c, f) // the English document (server/docout.go)
		return
	}
	format, err := exchange.ParseFormat(c.DefaultQuery("format", "tmx"))
	if err != nil {
		p.fail("format", err.Error()+", or for one statement's English document text, html, docx or bilingual-docx")
	}
	docID := p.optionalID("document", "document")
	if !p.ok() {
		return
	}
	var doc store.DocumentSummary
	if docID != 0 {
		if doc, err = h.st.GetDocument(c.Request.Context(), docID); err != nil {
			fail(c, err)
			return
		}
	}
	lang, err := h.targetLanguage(c)
	if err != nil {
		fail(c, err)
		return
	}
	plan := workbench.Export{Format: format, Document: docID, Untranslated: c.Query("untranslated") == "1", AllStatuses: c.Query("all_statuses") == "1"}
	c.Header("Content-Type", format.ContentType())
	nameDownload(c, docID, doc.Date, doc.Title, format.Ext())
	c.Status(http.StatusOK)
	// Headers are gone once the first byte is out: an error mid-stream can
	// only cut the download short, so log it.
	if _, err := exchange.Write(c.Writer, format, h.st.ExportUnits(c.Request.Context(), plan.Filter()), exchange.TMXOptions{ToolVersion: h.cfg.Version, TargetLang: lang}); err != nil {
		logCutShort("export", err)
	}
}

// logCutShort logs a download that failed after its first byte, when the
// client can no longer be told.
func logCutShort(what string, err error) {
	slog.Error(what+" cut short", "err", err)
}

// idParam reads the :id path parameter, answering 400 itself when it is
// not an id. A handler that reads more parameters uses paramsOf, to name
// every bad one in a single answer.
func idParam(c *gin.Context) (uint, bool) {
	p := paramsOf(c)
	id := p.id()
	return id, p.ok()
}

// intQuery reads one whole-number query parameter (see params.int),
// answering 400 itself when it is bad.
func intQuery(c *gin.Context, key string, def, min, max int) (int, bool) {
	p := paramsOf(c)
	n := p.int(key, def, min, max)
	return n, p.ok()
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
		apiError(c, http.StatusBadRequest, "invalid_request", "the request body could not be read: send it again")
		return false
	case !utf8.Valid(body):
		apiError(c, http.StatusBadRequest, "invalid_utf8", fmt.Sprintf("the request body is not valid UTF-8 (at character %d): send text encoded as UTF-8", invalidUTF8At(body)))
		return false
	}
	if err := json.Unmarshal(body, v); err != nil {
		apiError(c, http.StatusBadRequest, "invalid_request", jsonProblem(body, err))
		return false
	}
	return true
}

// invalidUTF8At is the position, counted in characters from 1, of the
// first byte of b that is not UTF-8.
func invalidUTF8At(b []byte) int {
	n := 1
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			break
		}
		b, n = b[size:], n+1
	}
	return n
}

// jsonProblem says what is wrong with a JSON body in words for the person
// who sent it: where the JSON breaks (in characters, not bytes), or which
// field has the wrong kind of value and what it must be. Go's own messages
// name Go types and struct fields ("Go struct field saveRequest.version of
// type int"): none of that reaches the client.
func jsonProblem(body []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn) && len(bytes.TrimSpace(body)) == 0:
		return "the request body is empty: send a JSON object"
	case errors.As(err, &syn) && syn.Offset >= int64(len(body)):
		return "the request is not valid JSON: it ends before the JSON is complete (a missing } or ] or \")"
	case errors.As(err, &syn):
		return fmt.Sprintf("the request is not valid JSON (at character %d): check the quotes, commas and brackets there", utf8.RuneCount(body[:max(syn.Offset, 1)]))
	case errors.As(err, &typ):
		field := jsonField(typ.Field)
		if field == "" {
			return fmt.Sprintf("the request body must be %s, not %s", jsonKind(typ.Type), jsonValue(typ.Value))
		}
		if num, ok := strings.CutPrefix(typ.Value, "number "); ok && !strings.ContainsAny(num, ".eE") && isInteger(typ.Type) {
			if strings.HasPrefix(num, "-") {
				return fmt.Sprintf("%s must be 0 or more, not %s", field, num)
			}
			return fmt.Sprintf("%s is too large (%s)", field, num)
		}
		return fmt.Sprintf("%s must be %s, not %s", field, jsonKind(typ.Type), jsonValue(typ.Value))
	}
	slog.Error("request body not decoded", "err", err)
	return "the request body could not be read as JSON: check it against the API description (/api/v1/openapi.json)"
}

// jsonField is a field path as the client wrote it ("clauses.id"), without
// the names of embedded Go structs that encoding/json puts in it: every
// JSON name of the API is lower-case, every Go type name upper-case.
func jsonField(path string) string {
	var out []string
	for _, p := range strings.Split(path, ".") {
		if p != "" && !unicode.IsUpper(rune(p[0])) {
			out = append(out, p)
		}
	}
	return strings.Join(out, ".")
}

// jsonKind says what kind of JSON value t takes.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case isInteger(t) && t.Kind() >= reflect.Uint && t.Kind() <= reflect.Uintptr:
		return "a whole number, 0 or more"
	case isInteger(t):
		return "a whole number"
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		return "a number"
	case t.Kind() == reflect.String:
		return "text in quotes"
	case t.Kind() == reflect.Bool:
		return "true or false"
	case t.Kind() == reflect.Slice || t.Kind() == reflect.Array:
		return "a list [...]"
	case t.Kind() == reflect.Struct || t.Kind() == reflect.Map:
		return "an object {...}"
	}
	return "another kind of value"
}

func isInteger(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() >= reflect.Int && t.Kind() <= reflect.Uintptr
}

// jsonValue names the kind of JSON value encoding/json found ("string",
// "number 1.5", "array", …).
func jsonValue(v string) string {
	switch {
	case v == "string":
		return "text"
	case v == "array":
		return "a list"
	case v == "object":
		return "an object"
	case v == "bool":
		return "true or false"
	case strings.HasPrefix(v, "number "):
		return strings.TrimPrefix(v, "number ")
	case v == "number":
		return "a number"
	}
	return v
}

type documentRequest struct {
	Title          *string `json:"title"`
	Date           *string `json:"date"`
	NumberingStyle *string `json:"numbering_style"`
	EnglishTitle   *string `json:"english_title"`
}

// updateDocument corrects a statement's title and date, changes its
// numbering style, its English title, or several of these.
func (h *handlers) updateDocument(c *gin.Context) {
	id, ok := idParam(c)
	var req documentRequest
	if !ok || !bindJSON(c, &req) {
		return
	}
	if (req.Title == nil) != (req.Date == nil) || req.Title == nil && req.NumberingStyle == nil && req.EnglishTitle == nil {
		apiError(c, http.StatusBadRequest, "invalid_request", `send {"title": "...", "date": "YYYY-MM-DD" or ""}, {"numbering_style": "arabic", "roman", "outline" or "" (the corpus default)}, {"english_title": "..." or "" (the Chinese title)}, or several`)
		return
	}
	if req.EnglishTitle != nil {
		// Checked first too: a bad English title must not leave a new title behind.
		if _, err := store.CheckEnglishTitle(*req.EnglishTitle); err != nil {
			fail(c, err)
			return
		}
	}
	if req.NumberingStyle != nil {
		// Checked first: a bad style must not leave a new title behind.
		if err := store.CheckNumberingStyle(*req.NumberingStyle, true); err != nil {
			fail(c, err)
			return
		}
	}
	var d store.DocumentSummary
	var err error
	if req.Title != nil {
		d, err = h.wb.EditDocument(c.Request.Context(), actor(c), workbench.EditDocument{Document: id, Title: *req.Title, Date: *req.Date})
	}
	if err == nil && req.NumberingStyle != nil {
		d, err = h.wb.SetNumberingStyle(c.Request.Context(), actor(c), workbench.SetNumberingStyle{Document: id, Style: *req.NumberingStyle})
	}
	if err == nil && req.EnglishTitle != nil {
		d, err = h.wb.SetEnglishTitle(c.Request.Context(), actor(c), workbench.SetEnglishTitle{Document: id, Title: *req.EnglishTitle})
	}
	answer(c, http.StatusOK, d, err)
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

// answer sends v with status, or the error.
func answer(c *gin.Context, status int, v any, err error) {
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(status, v)
}

// clauseOf loads the clause a request names, answering the client itself
// when it cannot (404 and the like).
func (h *handlers) clauseOf(c *gin.Context, id uint) (store.Clause, bool) {
	cl, err := h.st.GetClause(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return store.Clause{}, false
	}
	return cl, true
}
