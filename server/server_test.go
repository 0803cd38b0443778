package server

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/crypto/bcrypt"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/demo"
	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/testkit"
	"github.com/zhen-workbench/zhen/internal/workbench"
)

var testUI = fstest.MapFS{
	"index.html":    {Data: []byte("<!doctype html><title>Zhen</title>")},
	"assets/app.js": {Data: []byte("console.log('zhen')")},
}

func init() { auth.Cost = bcrypt.MinCost } // tests log in often; the cost is tested in auth

type env struct {
	t      testing.TB
	h      http.Handler
	st     *store.Store
	dir    string
	token  string            // sent as a bearer token; "" = no session
	tokens map[string]string // by user name: one user per role, named after it
}

// newEnv serves the API over a real SQLite file in a temp dir, with a user
// of each role (named after the role, password "password-"+role), logged
// in through the API; requests go as the reviewer unless e.as says else.
func newEnv(t testing.TB) *env {
	t.Helper()
	return newEnvIn(t, t.TempDir())
}

// newEnvIn is newEnv with the database in dir.
func newEnvIn(t testing.TB, dir string) *env {
	t.Helper()
	return newEnvOn(t, filepath.Join(dir, "zhen.db"), dir)
}

// newHandler is the server over st, its changes made through a workbench
// on w (the same store, unless a test wraps st) and announced on
// cfg.Events.
func newHandler(st Store, w workbench.Store, cfg Config) http.Handler {
	if cfg.Events == nil {
		cfg.Events = &events.Hub{}
	}
	return New(st, workbench.New(w, cfg.Events), cfg)
}

// newEnvOn is newEnv with the database dsn names: a SQLite file, or a
// PostgreSQL schema (testkit.PostgresDSN).
// onBothDatabases runs test, in parallel, on a server over a fresh SQLite
// file and over a fresh PostgreSQL schema (skipped without one, outside CI).
func onBothDatabases(t *testing.T, test func(t *testing.T, e *env)) {
	for name, open := range map[string]func(t *testing.T) *env{
		"sqlite":   func(t *testing.T) *env { return newEnv(t) },
		"postgres": func(t *testing.T) *env { return newEnvOn(t, testkit.PostgresDSN(t), t.TempDir()) },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			test(t, open(t))
		})
	}
}

func newEnvOn(t testing.TB, dsn, dir string) *env {
	t.Helper()
	st, err := store.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &env{t: t, h: newHandler(st, st, Config{Version: "test", UI: testUI, MaxUpload: 1 << 20}), st: st, dir: dir, tokens: map[string]string{}}
	for _, r := range auth.Roles {
		name := string(r)
		hash, err := auth.HashPassword("password-" + name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateUser(t.Context(), store.NewUser{Username: name, PasswordHash: hash, Role: name}, "test"); err != nil {
			t.Fatal(err)
		}
		e.tokens[name] = e.login(name, "password-"+name)
	}
	e.token = e.tokens["reviewer"]
	return e
}

// login returns a new session's token.
func (e *env) login(name, password string) string {
	e.t.Helper()
	var out struct{ Token string }
	e.anon().json("POST", "/api/v1/session", map[string]string{"username": name, "password": password}, 200, &out)
	return out.Token
}

// as is e acting as another user (a role name), anon without a session.
func (e *env) as(user string) *env {
	c := *e
	c.token = e.tokens[user]
	if c.token == "" {
		e.t.Fatalf("no user %q", user)
	}
	return &c
}

func (e *env) anon() *env {
	c := *e
	c.token = ""
	return &c
}

func (e *env) do(method, path string, body io.Reader, hdr ...string) *httptest.ResponseRecorder {
	e.t.Helper()
	req := httptest.NewRequest(method, path, body)
	if e.token != "" {
		req.Header.Set("Authorization", "Bearer "+e.token)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	return rec
}

func (e *env) json(method, path string, body any, want int, out any) *httptest.ResponseRecorder {
	e.t.Helper()
	var r io.Reader
	var hdr []string
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
		hdr = []string{"Content-Type", "application/json"}
	}
	rec := e.do(method, path, r, hdr...)
	if rec.Code != want {
		e.t.Fatalf("%s %s: status %d, want %d: %s", method, path, rec.Code, want, rec.Body)
	}
	if out != nil {
		if err := json.Unmarshal(rec.Body.Bytes(), out); err != nil {
			e.t.Fatalf("%s %s: %v in %s", method, path, err, rec.Body)
		}
	}
	return rec
}

func (e *env) upload(name string, data []byte) *httptest.ResponseRecorder {
	e.t.Helper()
	return e.uploadTo("/api/v1/documents", name, data)
}

type importResp struct {
	Documents []store.Imported `json:"documents"`
}

func (e *env) importSeed() importResp {
	e.t.Helper()
	rec := e.upload(demo.SeedName, demo.Seed)
	if rec.Code != http.StatusCreated {
		e.t.Fatalf("seed import: %d %s", rec.Code, rec.Body)
	}
	var out importResp
	json.Unmarshal(rec.Body.Bytes(), &out)
	return out
}

func errCode(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	var body struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error.Code == "" || body.Error.Message == "" {
		t.Fatalf("not an error body: %s", rec.Body)
	}
	return body.Error.Code
}

func TestHealth(t *testing.T) {
	e := newEnv(t)
	var out map[string]string
	e.json("GET", "/healthz", nil, 200, &out)
	if out["status"] != "ok" {
		t.Fatalf("%v", out)
	}
}

// Every route in the table is documented, and the document names no route
// that does not exist.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	e := newEnv(t)
	var doc struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			Role string `json:"x-zhen-role"`
		} `json:"paths"`
	}
	e.json("GET", "/api/v1/openapi.json", nil, 200, &doc)
	documented := map[string]string{} // route → role
	for p, ops := range doc.Paths {
		for m, op := range ops {
			documented[strings.ToUpper(m)+" "+p] = op.Role
		}
	}
	param := regexp.MustCompile(`:(\w+)`)
	h := &handlers{}
	for _, r := range h.routes() {
		key := r.Method + " " + param.ReplaceAllString(r.Path, "{$1}")
		role, ok := documented[key]
		if !ok {
			t.Errorf("route %s is not in openapi.json", key)
		}
		if want := cmp.Or(string(r.Role), "public"); ok && role != want {
			t.Errorf("route %s: openapi.json says x-zhen-role %q, the route table %q", key, role, want)
		}
		delete(documented, key)
	}
	for k := range documented {
		t.Errorf("openapi.json documents %s, which has no route", k)
	}
}

func TestSeedImportListAndDuplicate(t *testing.T) {
	e := newEnv(t)
	imp := e.importSeed()
	if len(imp.Documents) != 5 {
		t.Fatalf("%d documents imported, want 5", len(imp.Documents))
	}
	var list struct {
		Documents []store.DocumentSummary `json:"documents"`
	}
	e.json("GET", "/api/v1/documents", nil, 200, &list)
	wantDates := []string{"2015-05-09", "2013-03-23", "2012-06-06", "2011-06-17", "2011-06-17"}
	if len(list.Documents) != 5 {
		t.Fatalf("%d documents listed", len(list.Documents))
	}
	for i, d := range list.Documents {
		// The only English is the numbering markers', approved as written.
		if d.Date != wantDates[i] || d.Clauses == 0 || d.Translated != d.Approved || d.Submitted != 0 || d.SourceName != demo.SeedName {
			t.Errorf("document %d: %+v", i, d)
		}
	}
	// The same file again, and re-encoded as GB18030: nothing new.
	rec := e.upload(demo.SeedName, demo.Seed)
	gbk, _ := simplifiedchinese.GB18030.NewEncoder().Bytes(demo.Seed)
	rec2 := e.upload("seed-gbk.txt", gbk)
	for _, r := range []*httptest.ResponseRecorder{rec, rec2} {
		var again importResp
		json.Unmarshal(r.Body.Bytes(), &again)
		if r.Code != 200 || len(again.Documents) != 5 || !again.Documents[0].Duplicate {
			t.Fatalf("re-import: %d %s", r.Code, r.Body)
		}
	}
	e.json("GET", "/api/v1/documents", nil, 200, &list)
	if len(list.Documents) != 5 {
		t.Fatalf("%d documents after duplicate imports", len(list.Documents))
	}
}

func TestImportRejectsBadFiles(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name   string
		data   []byte
		status int
		code   string
	}{
		{"binary.txt", []byte("\x00\x01\x02PK"), 422, "invalid_file"},
		{"latin1.txt", []byte("caf\xe9 \xff\xfe\xfd"), 422, "invalid_file"},
		{"empty.txt", nil, 422, "invalid_file"},
		{"huge.txt", bytes.Repeat([]byte("双方认为。"), 1<<20/15+1), 413, "too_large"},
	}
	for _, c := range cases {
		rec := e.upload(c.name, c.data)
		if rec.Code != c.status || errCode(t, rec) != c.code {
			t.Errorf("%s: %d %s", c.name, rec.Code, rec.Body)
		}
		if c.status == 422 && !strings.Contains(rec.Body.String(), c.name) {
			t.Errorf("%s: error does not name the file: %s", c.name, rec.Body)
		}
	}
	if n, _ := e.st.CountDocuments(t.Context()); n != 0 {
		t.Fatalf("%d documents after bad imports", n)
	}
	rec := e.do("POST", "/api/v1/documents", strings.NewReader("双方认为。"))
	if rec.Code != 400 {
		t.Fatalf("unnamed raw body: %d", rec.Code)
	}
	rec = e.do("POST", "/api/v1/documents?name=plain.txt", strings.NewReader("标题\n双方认为。中俄友好。\n"))
	if rec.Code != 201 {
		t.Fatalf("raw body import: %d %s", rec.Code, rec.Body)
	}
}

type clausePage struct {
	Clauses []store.Clause `json:"clauses"`
	Total   int            `json:"total"`
}

func TestClausesPagingAndErrors(t *testing.T) {
	e := newEnv(t)
	id := e.importSeed().Documents[0].ID
	var all, page clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=500", id), nil, 200, &all)
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?offset=5&limit=3", id), nil, 200, &page)
	if len(page.Clauses) != 3 || page.Total != all.Total || page.Clauses[0].ID != all.Clauses[5].ID || page.Clauses[0].Position != 5 {
		t.Fatalf("page: %+v", page)
	}
	for _, c := range []struct {
		path   string
		status int
	}{
		{"/api/v1/documents/999/clauses", 404},
		{"/api/v1/documents/abc/clauses", 400},
		{fmt.Sprintf("/api/v1/documents/%d/clauses?limit=0", id), 400},
		{fmt.Sprintf("/api/v1/documents/%d/clauses?limit=100000", id), 400},
		{fmt.Sprintf("/api/v1/documents/%d/clauses?offset=-1", id), 400},
		{"/api/v1/documents/999", 404},
		{"/api/v1/clauses/999", 404},
		{"/api/v1/clauses/999/history", 404},
		{"/api/v1/nothing", 404},
	} {
		rec := e.do("GET", c.path, nil)
		if rec.Code != c.status {
			t.Errorf("%s: %d, want %d", c.path, rec.Code, c.status)
		}
		errCode(t, rec)
	}
}

func TestSaveTranslationAndConflict(t *testing.T) {
	e := newEnv(t)
	id := e.importSeed().Documents[0].ID
	var page clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=1", id), nil, 200, &page)
	cl := page.Clauses[0]
	path := fmt.Sprintf("/api/v1/clauses/%d/translation", cl.ID)

	var saved store.Clause
	xss := `<img src=x onerror=alert(1)> On 16 June 2011 & "more"`
	e.json("PUT", path, map[string]any{"text": xss, "version": 0}, 200, &saved)
	if saved.Version != 1 || saved.Target != xss || saved.Status != "draft" {
		t.Fatalf("saved: %+v", saved)
	}
	// The stale writer gets 409 with the text that is there now.
	var conflict struct {
		Error   struct{ Code string } `json:"error"`
		Current store.Clause          `json:"current"`
	}
	e.json("PUT", path, map[string]any{"text": "other", "version": 0}, 409, &conflict)
	if conflict.Error.Code != "conflict" || conflict.Current.Target != xss || conflict.Current.Version != 1 {
		t.Fatalf("conflict: %+v", conflict)
	}
	var got store.Clause
	e.json("GET", fmt.Sprintf("/api/v1/clauses/%d", cl.ID), nil, 200, &got)
	if got.Target != xss {
		t.Fatalf("stale write changed the text: %q", got.Target)
	}
	// JSON answers never carry raw angle brackets a browser could sniff.
	if rec := e.do("GET", fmt.Sprintf("/api/v1/clauses/%d", cl.ID), nil); strings.Contains(rec.Body.String(), "<img") {
		t.Fatalf("unescaped HTML in JSON: %s", rec.Body)
	}
	var hist struct{ Revisions []store.Revision }
	e.json("GET", fmt.Sprintf("/api/v1/clauses/%d/history", cl.ID), nil, 200, &hist)
	if len(hist.Revisions) != 1 || hist.Revisions[0].Author != "reviewer" {
		t.Fatalf("history: %+v", hist)
	}

	bad := []struct {
		body   string
		ctype  string
		status int
	}{
		{`{"text": "x"}`, "application/json", 400},
		{`{"version": 1}`, "application/json", 400},
		{`{"text": "x", "version": "1"}`, "application/json", 400},
		{`not json`, "application/json", 400},
		{`{"text": "x", "version": 1}`, "text/plain", 415},
		{`{"text": "bell \u0007", "version": 1}`, "application/json", 422},
	}
	for _, b := range bad {
		rec := e.do("PUT", path, strings.NewReader(b.body), "Content-Type", b.ctype)
		if rec.Code != b.status {
			t.Errorf("%s (%s): %d, want %d: %s", b.body, b.ctype, rec.Code, b.status, rec.Body)
		}
		errCode(t, rec)
	}
	// A page on another site cannot make the browser write.
	rec := e.do("PUT", path, strings.NewReader(`{"text":"x","version":1}`), "Content-Type", "application/json", "Origin", "https://evil.example")
	if rec.Code != 403 {
		t.Fatalf("cross-origin write: %d", rec.Code)
	}
	rec = e.do("PUT", path, strings.NewReader(`{"text":"x","version":1}`), "Content-Type", "application/json", "Origin", "http://example.com")
	if rec.Code != 200 {
		t.Fatalf("same-origin write: %d %s", rec.Code, rec.Body)
	}
}

func TestExportPassesValidators(t *testing.T) {
	e := newEnv(t)
	docs := e.importSeed().Documents
	var page clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=500", docs[0].ID), nil, 200, &page)
	n, markers := 0, 0
	for i, c := range page.Clauses {
		if c.Kind == "heading" { // a numbering marker is exported with its automatic English
			markers++
			continue
		}
		if n == 3 {
			continue
		}
		e.json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", c.ID), map[string]any{"text": fmt.Sprintf("=Clause %d & <b>", i), "version": 0}, 200, nil)
		n++
	}
	for _, f := range []struct{ format, ctype, script string }{
		{"tmx", "application/x-tmx+xml", "validate_tmx.sh"},
		{"csv", "text/csv", "validate_csv.py"},
	} {
		rec := e.do("GET", fmt.Sprintf("/api/v1/export?format=%s&document=%d&all_statuses=1", f.format, docs[0].ID), nil)
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), f.ctype) ||
			!strings.Contains(rec.Header().Get("Content-Disposition"), fmt.Sprintf(`filename="%s-statement-%d.%s"`, docs[0].Date, docs[0].ID, f.format)) {
			t.Fatalf("%s export: %d %v", f.format, rec.Code, rec.Header())
		}
		path := filepath.Join(e.dir, "export."+f.format)
		os.WriteFile(path, rec.Body.Bytes(), 0o644)
		args := []string{path}
		if f.format == "csv" {
			args = append(args, "--zh-col", "3", "--en-col", "4", "--csvkit")
			if n := strings.Count(rec.Body.String(), "\r\n"); n != 4+markers {
				t.Errorf("CSV has %d lines, want header + the 3 translated clauses + %d numbering markers", n, markers)
			}
		} else if got := strings.Count(rec.Body.String(), "<tu "); got != 3+markers {
			t.Errorf("TMX has %d units, want the 3 translated clauses + %d numbering markers", got, markers)
		}
		if out, code := testkit.RunValidator(t, f.script, args...); code != 0 {
			t.Fatalf("%s rejects the export (exit %d):\n%s", f.script, code, out)
		}
	}
	// The worksheet form carries every clause, English or not.
	rec := e.do("GET", fmt.Sprintf("/api/v1/export?format=csv&untranslated=1&document=%d", docs[0].ID), nil)
	if n := strings.Count(rec.Body.String(), "\r\n"); n != docs[0].Clauses+1 {
		t.Errorf("worksheet CSV has %d lines for %d clauses", n, docs[0].Clauses)
	}
	path := filepath.Join(e.dir, "worksheet.csv")
	os.WriteFile(path, rec.Body.Bytes(), 0o644)
	if out, code := testkit.RunValidator(t, "validate_csv.py", path, "--zh-col", "3", "--csvkit"); code != 0 {
		t.Fatalf("validate_csv.py rejects the worksheet (exit %d):\n%s", code, out)
	}
	for _, q := range []string{"format=docx", "format=tmx&document=x", "format=tmx&document=99"} {
		if rec := e.do("GET", "/api/v1/export?"+q, nil); rec.Code < 400 {
			t.Errorf("export?%s: %d", q, rec.Code)
		}
	}
}

func TestUIServedWithSecurityHeaders(t *testing.T) {
	e := newEnv(t)
	for _, p := range []string{"/", "/documents/3", "/assets/app.js"} {
		rec := e.do("GET", p, nil)
		if rec.Code != 200 {
			t.Fatalf("%s: %d", p, rec.Code)
		}
		if !strings.Contains(rec.Header().Get("Content-Security-Policy"), "script-src 'self'") || rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Fatalf("%s: security headers missing: %v", p, rec.Header())
		}
	}
	if rec := e.do("GET", "/documents/3", nil); !strings.Contains(rec.Body.String(), "<title>Zhen") {
		t.Fatalf("deep link does not get the app: %s", rec.Body)
	}
	if rec := e.do("POST", "/", nil); rec.Code != 405 {
		t.Fatalf("POST /: %d", rec.Code)
	}
}

func newMultipart(buf *bytes.Buffer, name string, data []byte) string {
	mw := multipart.NewWriter(buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	return mw.FormDataContentType()
}

func urlQuery(s string) string { return url.QueryEscape(s) }
