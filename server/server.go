// Package server is Zhen's HTTP layer: the JSON API under /api/v1 and the
// embedded browser app. It holds no domain logic: handlers decode requests,
// make every change through the workbench (internal/workbench), read the
// store or a pure package, and encode answers; fail turns every error into
// the answer.
package server

import (
	"context"
	"errors"
	"io/fs"
	"iter"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/align"
	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/exchange"
	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/stats"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/workbench"
)

// Store is what the handlers read. Every change goes through the
// workbench (internal/workbench), never straight to the store: the
// structure test holds the handlers to that.
type Store interface {
	Ping(ctx context.Context) error
	ListDocuments(ctx context.Context) ([]store.DocumentSummary, error)
	GetDocument(ctx context.Context, id uint) (store.DocumentSummary, error)
	ListClauses(ctx context.Context, f store.ClauseFilter) ([]store.Clause, int64, error)
	GetClause(ctx context.Context, id uint) (store.Clause, error)
	History(ctx context.Context, clauseID uint) ([]store.Revision, error)
	Revision(ctx context.Context, clauseID uint, version int) (store.Revision, error)
	ReviewHistory(ctx context.Context, clauses []store.Clause) (map[uint]store.ClauseReview, error)
	Comments(ctx context.Context, clauseID uint) ([]store.Comment, error)
	Noted(ctx context.Context, clauses []store.Clause) ([]store.NotedClause, error)
	Inbox(ctx context.Context, user string) (store.Inbox, error)
	ReviewQueue(ctx context.Context, f store.QueueFilter) (store.QueuePage, error)
	ExportUnits(ctx context.Context, f store.ExportFilter) iter.Seq2[exchange.Unit, error]
	Search(ctx context.Context, q, in string, limit int) ([]store.Hit, error)
	SearchMethod() string

	ListTerms(ctx context.Context, q string) ([]store.Term, error)
	Terms(ctx context.Context) iter.Seq2[glossary.Entry, error]
	GetTerm(ctx context.Context, id uint) (store.Term, error)
	TermHistory(ctx context.Context, id uint) ([]store.GlossaryChange, error)

	UserByName(ctx context.Context, name string) (store.User, error)
	ListUsers(ctx context.Context) ([]store.User, error)
	LiveSession(ctx context.Context, tokenHash string) (store.SessionUser, error)
	Sessions(ctx context.Context, userID uint) ([]store.Session, error)
	AuditLog(ctx context.Context, limit int) ([]store.AuditEntry, error)

	Findings(ctx context.Context, f store.FindingFilter) ([]store.StoredFinding, int64, error)
	FindingCounts(ctx context.Context) (map[uint]int64, error)
	Settings(ctx context.Context) (store.CorpusSettings, error)
	Stats(ctx context.Context, documentID uint) (stats.Report, error)
	Analyze(ctx context.Context, documentID uint, best stats.Matcher) (stats.Analysis, error)
	qa.ReportStore
	qa.MemoryStore
	qa.Store
	liveSessions

	// assignments and the QA report (issue 18)
	Assignments(ctx context.Context, f store.AssignmentFilter) ([]store.AssignmentProgress, error)
	EachReportLine(ctx context.Context, documentID uint) iter.Seq2[exchange.FindingLine, error]
}

// Workbench is where every change goes: internal/workbench's use cases.
type Workbench = *workbench.Workbench

// Config is what the server needs besides the store.
type Config struct {
	Version        string
	MaxUpload      int64           // bytes; larger uploads get 413
	UI             fs.FS           // the built browser app (frontend.Dist)
	RequestLogs    bool            // the access log (zhen serve turns it on)
	SecureCookies  bool            // HTTPS-only cookies even without TLS here (behind a TLS proxy)
	TrustedProxies []string        // addresses or CIDRs whose X-Forwarded-For names the client; none by default
	Stop           <-chan struct{} // closed when the server shuts down: event streams end
	Events         *events.Hub     // where changes are announced; nil: a hub of its own
	SessionPoll    time.Duration   // how often open event streams' sessions are checked; 0: every second
}

// New returns the HTTP handler: reads from st, changes through wb, event
// streams from cfg.Events (the hub wb publishes to).
func New(st Store, wb Workbench, cfg Config) http.Handler {
	gin.SetMode(gin.ReleaseMode)
	if cfg.MaxUpload == 0 {
		cfg.MaxUpload = 20 << 20
	}
	if cfg.Events == nil {
		cfg.Events = &events.Hub{}
	}
	h := &handlers{st: st, wb: wb, cfg: cfg, qa: wb.Checker(), memory: qa.NewMemory(st), events: cfg.Events, throttle: newLoginThrottle(), uploads: make(chan struct{}, maxUploads), streams: newStreams(st, cfg.Stop, cfg.SessionPoll)}
	r := gin.New()
	// Multipart files past 1 MB wait in a temporary file, not in memory:
	// an upload is then held once, in the buffer its handler reads it into.
	r.MaxMultipartMemory = 1 << 20
	// The client's address (login rate limits) comes from X-Forwarded-For
	// only when a trusted proxy sent it: anyone else could forge it.
	if err := r.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		slog.Error("trusted proxies ignored", "err", err)
		r.SetTrustedProxies(nil)
	}
	r.Use(gin.Recovery(), bodyDeadline, securityHeaders, sameOrigin)
	if cfg.RequestLogs {
		r.Use(requestLog)
	}
	// Every API route's query parameters are checked once, here, before
	// anything reads them (checkQuery).
	for _, rt := range h.routes() {
		r.Handle(rt.Method, rt.Path, checkQuery, h.authenticate(rt.Role), rt.Handler)
	}
	r.NoRoute(h.ui())
	return r
}

type handlers struct {
	st       Store
	wb       Workbench
	cfg      Config
	qa       *qa.Checker
	memory   *qa.Memory
	events   *events.Hub
	throttle *loginThrottle
	uploads  chan struct{} // a slot per upload being read and imported
	streams  *streams
}

// route is one line of the route table. Every API route is here and nowhere
// else, with the least role that may use it (Public: no session needed);
// the OpenAPI test checks the table against openapi.json, and the roles
// test tries every route with every role.
type route struct {
	Method  string
	Path    string
	Role    auth.Role
	Handler gin.HandlerFunc
}

const (
	public     = auth.Public
	viewer     = auth.Viewer
	translator = auth.Translator
	reviewer   = auth.Reviewer
	admin      = auth.Admin
)

func (h *handlers) routes() []route {
	return []route{
		{"GET", "/healthz", public, h.health},
		{"GET", "/api/v1/openapi.json", public, h.openAPI},
		{"POST", "/api/v1/session", public, h.login},
		{"GET", "/api/v1/session", viewer, h.currentSession},
		{"DELETE", "/api/v1/session", viewer, h.logout},
		{"GET", "/api/v1/sessions", viewer, h.listSessions},
		{"DELETE", "/api/v1/sessions/:id", viewer, h.revokeSession},
		{"PUT", "/api/v1/account/password", viewer, h.changePassword},
		{"GET", "/api/v1/users", admin, h.listUsers},
		{"POST", "/api/v1/users", admin, h.createUser},
		{"PUT", "/api/v1/users/:id", admin, h.updateUser},
		{"POST", "/api/v1/users/:id/password", admin, h.resetPassword},
		{"GET", "/api/v1/audit", admin, h.auditLog},
		{"GET", "/api/v1/events", viewer, h.stream},
		{"GET", "/api/v1/documents", viewer, h.listDocuments},
		{"POST", "/api/v1/documents", translator, h.oneOfFewUploads(h.importDocuments)},
		{"GET", "/api/v1/documents/:id", viewer, h.getDocument},
		{"PUT", "/api/v1/documents/:id", translator, h.updateDocument},
		{"POST", "/api/v1/documents/:id/align", translator, h.alignDocument},
		{"POST", "/api/v1/documents/:id/align/apply", translator, h.applyAlignment},
		{"GET", "/api/v1/documents/:id/clauses", viewer, h.listClauses},
		{"GET", "/api/v1/clauses/:id", viewer, h.getClause},
		{"PUT", "/api/v1/clauses/:id/translation", translator, h.saveTranslation},
		{"POST", "/api/v1/clauses/:id/submit", translator, h.submit},
		{"POST", "/api/v1/clauses/:id/approve", reviewer, h.approve},
		{"POST", "/api/v1/clauses/:id/reject", reviewer, h.reject},
		{"POST", "/api/v1/clauses/:id/restore", translator, h.restore},
		{"POST", "/api/v1/clauses/:id/split", translator, h.splitClause},
		{"POST", "/api/v1/clauses/:id/merge", translator, h.mergeClauses},
		{"GET", "/api/v1/clauses/:id/history", viewer, h.history},
		{"GET", "/api/v1/clauses/:id/matches", viewer, h.matches},
		{"GET", "/api/v1/clauses/:id/numbers", viewer, h.clauseNumbers},
		{"GET", "/api/v1/clauses/:id/diff", viewer, h.revisionDiff},
		{"GET", "/api/v1/clauses/:id/comments", viewer, h.comments},
		{"POST", "/api/v1/clauses/:id/comments", translator, h.addComment},
		{"GET", "/api/v1/review", viewer, h.reviewQueue},
		{"POST", "/api/v1/review/approve", reviewer, h.bulkApprove},
		{"GET", "/api/v1/concordance", viewer, h.concordance},
		{"GET", "/api/v1/export", viewer, h.export},
		{"POST", "/api/v1/translations/import", translator, h.oneOfFewUploads(h.importTranslations)},
		{"GET", "/api/v1/glossary", viewer, h.listTerms},
		{"POST", "/api/v1/glossary", translator, h.createTerm},
		{"POST", "/api/v1/glossary/import", reviewer, h.oneOfFewUploads(h.importGlossary)},
		{"GET", "/api/v1/glossary/export", viewer, h.exportGlossary},
		{"GET", "/api/v1/glossary/:id", viewer, h.getTerm},
		{"PUT", "/api/v1/glossary/:id", reviewer, h.updateTerm},
		{"DELETE", "/api/v1/glossary/:id", reviewer, h.deleteTerm},
		{"GET", "/api/v1/glossary/:id/history", viewer, h.termHistory},
		{"GET", "/api/v1/findings", viewer, h.findings},
		{"GET", "/api/v1/findings/summary", viewer, h.findingsSummary},
		{"POST", "/api/v1/findings/dismissals", reviewer, h.dismiss},
		{"DELETE", "/api/v1/findings/dismissals", reviewer, h.undismiss},
		{"GET", "/api/v1/documents/:id/qa", viewer, h.documentQA},
		{"POST", "/api/v1/clauses/:id/check", viewer, h.checkDraft},
		{"GET", "/api/v1/terms/report", viewer, h.termReport},
		{"GET", "/api/v1/terms/report/:id", viewer, h.termReportOf},
		{"GET", "/api/v1/terms/suggest", viewer, h.termSuggestions},
		{"GET", "/api/v1/terms/discovered", viewer, h.discoveredTerms},
		{"POST", "/api/v1/submit", translator, h.bulkSubmit},
		{"POST", "/api/v1/comments/:id/resolve", translator, h.resolveComment},
		{"DELETE", "/api/v1/comments/:id/resolve", translator, h.resolveComment},
		{"GET", "/api/v1/inbox", viewer, h.inbox},
		{"POST", "/api/v1/inbox/read", viewer, h.markRead},
		{"GET", "/api/v1/settings", viewer, h.settings},
		{"PUT", "/api/v1/settings", admin, h.changeSettings},
		{"GET", "/api/v1/documents/:id/statement", viewer, h.statement},
		{"GET", "/api/v1/stats", viewer, h.statistics},
		{"GET", "/api/v1/analysis", viewer, h.analysis},
		{"GET", "/api/v1/assignments", translator, h.listAssignments},
		{"POST", "/api/v1/assignments", reviewer, h.createAssignment},
		{"PUT", "/api/v1/assignments/:id", reviewer, h.updateAssignment},
		{"DELETE", "/api/v1/assignments/:id", reviewer, h.deleteAssignment},
		{"GET", "/api/v1/findings/report", viewer, h.findingsReport},
	}
}

// apiError writes {"error": {"code", "message"}}.
func apiError(c *gin.Context, status int, code, message string) {
	writeError(c, status, gin.H{"code": code, "message": message})
}

// writeError answers with {"error": e} and ends the request, unless it was
// ended or answered already: a request gets one body, never two JSON
// objects glued together. A second error is a handler's mistake, logged.
func writeError(c *gin.Context, status int, e gin.H) {
	if c.IsAborted() || c.Writer.Written() {
		slog.Error("second answer to a request not sent", "method", c.Request.Method, "path", c.FullPath(), "status", status, "error", e["message"])
		return
	}
	c.AbortWithStatusJSON(status, gin.H{"error": e})
}

// fail answers a request that failed: the fault (internal/fault) says
// what the user can do about it; a request whose client went away gets
// nothing; anything else is logged and reported without internals. It is
// the one place errors become answers.
func fail(c *gin.Context, err error) {
	var (
		notFound  *fault.NotFound
		conflict  *fault.Conflict
		state     *fault.InvalidState
		invalid   *fault.Invalid
		forbidden *fault.Forbidden
		taken     *fault.Taken
		tooLarge  *fault.TooLarge
		held      *fault.Held
		alignSize *align.TooLargeError
	)
	switch {
	case errors.As(err, &notFound):
		apiError(c, http.StatusNotFound, "not_found", notFound.Error())
	case errors.As(err, &conflict):
		writeErrorWith(c, http.StatusConflict, gin.H{"code": "conflict", "message": conflict.Message}, conflict.Current)
	case errors.As(err, &state):
		writeErrorWith(c, http.StatusConflict, gin.H{"code": "invalid_state", "message": state.Reason}, state.Current)
	case errors.As(err, &invalid):
		code, status := invalid.Code, http.StatusUnprocessableEntity
		if code == "" {
			code = "invalid_" + invalid.Field
		}
		if invalid.Field == "request" { // the request as a whole, not what it carries
			status = http.StatusBadRequest
		}
		apiError(c, status, code, invalid.Reason)
	case errors.As(err, &forbidden):
		code := forbidden.Code
		if code == "" {
			code = "forbidden"
		}
		apiError(c, http.StatusForbidden, code, forbidden.Reason)
	case errors.As(err, &taken):
		apiError(c, http.StatusConflict, taken.Code, taken.Reason)
	case errors.As(err, &held):
		writeErrorBeside(c, http.StatusConflict, gin.H{"code": held.Code, "message": held.Reason}, held.Key, held.Details)
	case errors.As(err, &tooLarge):
		apiError(c, http.StatusRequestEntityTooLarge, "too_large", tooLarge.Reason)
	case errors.As(err, &alignSize):
		apiError(c, http.StatusRequestEntityTooLarge, "too_large", alignSize.Error())
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		c.Abort()
	case store.IsDiskFull(err):
		slog.Error("disk full", "method", c.Request.Method, "path", c.FullPath(), "err", err)
		apiError(c, http.StatusInsufficientStorage, "disk_full", "the server's disk is full, so nothing was saved: ask the administrator to free space, then try again (what you typed is still in your browser)")
	case store.IsReadOnly(err):
		slog.Error("database read-only", "method", c.Request.Method, "path", c.FullPath(), "err", err)
		apiError(c, http.StatusServiceUnavailable, "read_only", "the database is read-only just now, so nothing was saved: ask the administrator to make it writable, then try again (what you typed is still in your browser)")
	default:
		slog.Error("request failed", "method", c.Request.Method, "path", c.FullPath(), "err", err)
		apiError(c, http.StatusInternalServerError, "internal", "the server could not complete the request; try again, and tell the administrator if it persists")
	}
}

// writeErrorWith is writeError with the object as it is now beside the
// error ("current"), for the user to compare with what they sent.
func writeErrorWith(c *gin.Context, status int, e gin.H, current any) {
	writeErrorBeside(c, status, e, "current", current)
}

// writeErrorBeside is writeError with v beside the error under key (when
// v is not nil).
func writeErrorBeside(c *gin.Context, status int, e gin.H, key string, v any) {
	if c.IsAborted() || c.Writer.Written() {
		slog.Error("second answer to a request not sent", "method", c.Request.Method, "path", c.FullPath(), "status", status, "error", e["message"])
		return
	}
	body := gin.H{"error": e}
	if v != nil {
		body[key] = v
	}
	c.AbortWithStatusJSON(status, body)
}

// actor is the caller as the workbench knows them.
func actor(c *gin.Context) workbench.Actor {
	return workbench.Actor{Name: author(c), Role: roleOf(c)}
}

func securityHeaders(c *gin.Context) {
	hd := c.Writer.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Referrer-Policy", "same-origin")
	// The app is one script and one stylesheet from this origin: nothing a
	// translation could smuggle in would be allowed to run.
	hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
	c.Next()
}

// sameOrigin refuses state-changing requests sent by another site's page
// (the browser names the page's origin in Origin).
func sameOrigin(c *gin.Context) {
	switch c.Request.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		c.Next()
		return
	}
	if o := c.GetHeader("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Host != c.Request.Host {
			apiError(c, http.StatusForbidden, "cross_origin", "request from another site refused")
			return
		}
	}
	c.Next()
}

// requestLog is the access log: method, path (never the query, which a
// script may have put a token in), status, duration and user. Event streams
// are logged when they end.
func requestLog(c *gin.Context) {
	start := time.Now()
	c.Next()
	user := ""
	if cl := callerOf(c); cl != nil {
		user = cl.user.Username
	}
	slog.Info("http", "method", c.Request.Method, "path", c.Request.URL.Path, "status", c.Writer.Status(),
		"ms", time.Since(start).Milliseconds(), "bytes", c.Writer.Size(), "user", user)
}
