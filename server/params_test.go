package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/testkit"
)

// apiErr is an error body, with the parameters a 400 names.
type apiErr struct {
	Code       string   `json:"code"`
	Message    string   `json:"message"`
	Parameters []string `json:"parameters"`
}

// oneError reads a body that must be exactly one JSON error object.
func oneError(t *testing.T, rec *httptest.ResponseRecorder) apiErr {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	var body struct {
		Error apiErr `json:"error"`
	}
	if err := dec.Decode(&body); err != nil || body.Error.Code == "" || body.Error.Message == "" {
		t.Fatalf("%d: not an error body (%v): %s", rec.Code, err, rec.Body)
	}
	if _, err := dec.Token(); err != io.EOF {
		t.Fatalf("%d: more than one JSON value in the body: %s", rec.Code, rec.Body)
	}
	return body.Error
}

// goSpeak is what an error message for people must not contain: Go type
// and field names, bytes.
var goSpeak = regexp.MustCompile(`Go |struct|Request\b|\bu?int\d*\b|\[\]string|byte|json:`)

// send makes one request as the admin, ending it after a while (the event
// stream never ends by itself).
func (e *env) send(method, path string) *httptest.ResponseRecorder {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.t.Context(), 2*time.Second)
	defer cancel()
	req := httptest.NewRequestWithContext(ctx, method, path, strings.NewReader("{}"))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+e.tokens["admin"])
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	return rec
}

// badQueries are query strings no route may accept, with the parameter
// each names and the message.
var badQueries = []struct{ query, name, want string }{
	{"q=abc%00def", "q", "the parameter q contains a control character (U+0000) at character 4: remove it"},
	{"q=%ff", "q", "the parameter q is not valid UTF-8 (at character 1): send text encoded as UTF-8"},
	{"translator=%E5%8F%8C%ff", "translator", "the parameter translator is not valid UTF-8 (at character 2): send text encoded as UTF-8"},
	{"kind=a%01b", "kind", "the parameter kind contains a control character (U+0001) at character 2: remove it"},
	{"key=a%7F", "key", "the parameter key contains a control character (U+007F) at character 2: remove it"},
	{"term=a%C2%85", "term", "the parameter term contains a control character (U+0085) at character 2: remove it"},
	{"q=a%09b", "q", "the parameter q contains a tab (U+0009) at character 2: use a space"},
	{"document=1%0D%0A", "document", "the parameter document contains a line break (U+000D) at character 2: write it on one line"},
	{"q=%EF%BF%BE", "q", "the parameter q contains U+FFFE at character 1, which is not a character of any text: remove it"},
	{"a%00b=1", `"a\x00b"`, "a parameter name contains a control character (U+0000) at character 2: remove it"},
	{"q=100%zz", "q", "the parameter q is not properly %-encoded: write '%' as %25"},
	{"limit=1;q=2", "limit", "the parameter limit holds a ';': separate parameters with '&', and write ';' in a value as %3B"},
}

// TestEveryRouteRefusesBadQueryText sends every route of the table each bad
// query string: the answer is one 400 naming the parameter, before any
// handler (or the database) sees it; never a 500, never a 200.
func TestEveryRouteRefusesBadQueryText(t *testing.T) {
	e := newEnv(t)
	e.importSeed()
	param := regexp.MustCompile(`:(\w+)`)
	for _, r := range (&handlers{}).routes() {
		path := param.ReplaceAllString(r.Path, "1")
		for _, c := range badQueries {
			t.Run(fmt.Sprintf("%s %s?%s", r.Method, r.Path, c.query), func(t *testing.T) {
				rec := e.send(r.Method, path+"?ok=1&"+c.query)
				if rec.Code != http.StatusBadRequest {
					t.Fatalf("%d, want 400: %s", rec.Code, rec.Body)
				}
				got := oneError(t, rec)
				if got.Code != "invalid_parameter" || got.Message != c.want || !slices.Equal(got.Parameters, []string{c.name}) {
					t.Errorf("%+v, want %q naming %s", got, c.want, c.name)
				}
			})
		}
	}
	// Every bad parameter is named, once.
	rec := e.send("GET", "/api/v1/concordance?q=a%00&in=%ff&limit=5")
	if got := oneError(t, rec); rec.Code != 400 || !slices.Equal(got.Parameters, []string{"q", "in"}) || strings.Count(got.Message, "; ") != 1 {
		t.Errorf("two bad parameters: %d %+v", rec.Code, got)
	}
	// Text that is only unusual passes.
	for _, path := range []string{
		"/api/v1/concordance?q=" + urlQuery("双方认为") + "&in=zh",
		"/api/v1/concordance?q=" + urlQuery(`100% "BRICS" & <b>`),
		"/api/v1/glossary?q=a+b",
		"/api/v1/review?translator=" + urlQuery("Zoë"),
		"/api/v1/concordance?q=",
	} {
		if rec := e.send("GET", path); rec.Code != 200 {
			t.Errorf("%s: %d %s", path, rec.Code, rec.Body)
		}
	}
}

// TestBadQueryTextNeverReachesPostgres: PostgreSQL refuses NUL and invalid
// UTF-8 with an error (a 500 when it got there).
func TestBadQueryTextNeverReachesPostgres(t *testing.T) {
	e := newEnvOn(t, testkit.PostgresDSN(t), t.TempDir())
	e.importSeed()
	for _, path := range []string{
		"/api/v1/concordance?q=abc%00def",
		"/api/v1/concordance?q=%ff",
		"/api/v1/review?translator=%ff",
		"/api/v1/review?translator=a%00",
		"/api/v1/glossary?q=a%00b",
		"/api/v1/findings?term=%ff",
	} {
		rec := e.send("GET", path)
		if got := oneError(t, rec); rec.Code != 400 || got.Code != "invalid_parameter" {
			t.Errorf("%s: %d %+v", path, rec.Code, got)
		}
	}
	if rec := e.send("GET", "/api/v1/concordance?q="+urlQuery("双方")); rec.Code != 200 {
		t.Errorf("a good search: %d %s", rec.Code, rec.Body)
	}
}

// TestOneErrorBodyNamingEveryBadParameter: a request with several bad
// parameters gets one 400 that names each, not one JSON object per
// parameter glued together.
func TestOneErrorBodyNamingEveryBadParameter(t *testing.T) {
	e := newEnv(t)
	e.importSeed()
	long := strings.Repeat("双", 201)
	for _, c := range []struct {
		path  string
		names []string
	}{
		{"/api/v1/clauses/1/diff?from=-1&to=x", []string{"from", "to"}},
		{"/api/v1/clauses/abc/diff?from=x", []string{"id", "from", "to"}},
		{"/api/v1/clauses/1/diff?from=1", []string{"to"}},
		{"/api/v1/documents/1/clauses?offset=-1&limit=0", []string{"offset", "limit"}},
		{"/api/v1/documents/0/clauses?limit=x", []string{"id", "limit"}},
		{"/api/v1/concordance?in=fr&limit=0&q=" + urlQuery(long), []string{"limit", "in", "q"}},
		{"/api/v1/clauses/x/matches?k=99", []string{"id", "k"}},
		{"/api/v1/export?format=doc&document=x", []string{"format", "document"}},
		{"/api/v1/findings?document=-2", []string{"document"}},
		{"/api/v1/review?document=x", []string{"document"}},
		{"/api/v1/findings/dismissals", []string{"key"}},
	} {
		method := "GET"
		if strings.HasSuffix(c.path, "dismissals") {
			method = "DELETE"
		}
		rec := e.send(method, c.path)
		got := oneError(t, rec)
		if rec.Code != 400 || got.Code != "invalid_parameter" || !slices.Equal(got.Parameters, c.names) || goSpeak.MatchString(got.Message) {
			t.Errorf("%s: %d %+v, want %v", c.path, rec.Code, got, c.names)
		}
		for _, n := range c.names {
			if !strings.Contains(got.Message, n) {
				t.Errorf("%s: the message does not name %s: %s", c.path, n, got.Message)
			}
		}
	}
	// Every route, with a bad id and every parameter the handlers read
	// bad: one body, a JSON error unless the route streams.
	param := regexp.MustCompile(`:(\w+)`)
	bad := "?from=-1&to=x&offset=-1&limit=0&k=99&document=x&format=doc&in=fr&key=&name=x"
	for _, r := range (&handlers{}).routes() {
		for _, id := range []string{"abc", "999999"} {
			path := param.ReplaceAllString(r.Path, id) + bad
			rec := e.send(r.Method, path)
			ct := rec.Header().Get("Content-Type")
			if rec.Code >= 500 {
				t.Errorf("%s %s: %d %s", r.Method, path, rec.Code, rec.Body)
			}
			if !strings.HasPrefix(ct, "application/json") || rec.Code < 400 {
				continue
			}
			if got := oneError(t, rec); goSpeak.MatchString(got.Message) {
				t.Errorf("%s %s: %q speaks Go", r.Method, path, got.Message)
			}
		}
	}
}

// TestAPIErrorWritesOneBody: a second error for a request that was
// answered, or ended, writes nothing.
func TestAPIErrorWritesOneBody(t *testing.T) {
	rec := httptest.NewRecorder()
	c, _ := gin.CreateTestContext(rec)
	c.Request = httptest.NewRequest("GET", "/", nil)
	apiError(c, http.StatusBadRequest, "first", "the first problem")
	apiError(c, http.StatusNotFound, "second", "the second problem")
	if got := oneError(t, rec); rec.Code != 400 || got.Code != "first" {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	rec = httptest.NewRecorder()
	c, _ = gin.CreateTestContext(rec)
	c.Request = httptest.NewRequest("GET", "/", nil)
	c.Abort() // as fail does for a request the client gave up
	apiError(c, http.StatusBadRequest, "late", "too late")
	if rec.Body.Len() != 0 {
		t.Fatalf("an error after the request ended: %s", rec.Body)
	}
}

// TestDocumentTitleAndDateFollowTheTextRule: a title or date with a
// control character is refused like a translation with one, with a message
// that names the field; nothing is stored.
func TestDocumentTitleAndDateFollowTheTextRule(t *testing.T) {
	e := newEnv(t)
	id := e.importSeed().Documents[0].ID
	path := fmt.Sprintf("/api/v1/documents/%d", id)
	var before store.DocumentSummary
	e.json("GET", path, nil, 200, &before)
	for _, c := range []struct {
		title, date, want string
	}{
		{"abcd\x00ef", "", "the title contains a control character (U+0000) at character 5: remove it"},
		{"双方\u001b[31m", "", "the title contains a control character (U+001B) at character 3: remove it"},
		{"Joint\u0085Statement", "", "the title contains a control character (U+0085) at character 6: remove it"},
		{"Joint\nStatement", "", "the title contains a line break (U+000A) at character 6: write it on one line"},
		{strings.Repeat("声", 501), "", "the title has 501 characters, more than the 500 allowed: shorten it"},
		{"Joint Statement", "2011-06-1\x007", "the date contains a control character (U+0000) at character 10: remove it"},
		{"Joint Statement", "2011-06-17\t", "the date contains a tab (U+0009) at character 11: use a space"},
	} {
		rec := e.do("PUT", path, strings.NewReader(mustJSON(map[string]string{"title": c.title, "date": c.date})), "Content-Type", "application/json")
		if got := oneError(t, rec); rec.Code != 422 || got.Code != "invalid_text" || got.Message != c.want {
			t.Errorf("%.20q %q: %d %+v, want %q", c.title, c.date, rec.Code, got, c.want)
		}
	}
	var after store.DocumentSummary
	e.json("GET", path, nil, 200, &after)
	if after.Title != before.Title || after.Date != before.Date {
		t.Fatalf("a refused title or date was stored: %+v", after)
	}
	e.json("PUT", path, map[string]string{"title": strings.Repeat("声", 500), "date": ""}, 200, &after)
	if after.Title != strings.Repeat("声", 500) || after.Date != "" {
		t.Fatalf("500 characters: %+v", after)
	}
}

// TestDismissOnlyReportedFindings: a dismissal names a finding the checks
// report for that clause just now, with its key and kind; anything else
// is refused and stores nothing.
func TestDismissOnlyReportedFindings(t *testing.T) {
	e := newEnv(t)
	e.importSeed()
	e.json("POST", "/api/v1/glossary", map[string]any{"zh": "金砖国家", "en": "BRICS", "forbidden": []string{"BRIC"}}, 201, nil)
	cl := e.clauseWith("金砖国家")
	other := e.clauseWith("双方")
	e.json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", cl.ID), map[string]any{"text": "Cooperation within BRIC.", "version": 0}, 200, nil)
	var got findingsResp
	e.json("GET", "/api/v1/findings?kind=term_forbidden", nil, 200, &got)
	if len(got.Findings) != 1 {
		t.Fatalf("findings: %+v", got.Findings)
	}
	f := got.Findings[0]
	dismiss := func(key string, clause uint, kind string) *httptest.ResponseRecorder {
		return e.do("POST", "/api/v1/findings/dismissals", strings.NewReader(mustJSON(map[string]any{"key": key, "clause_id": clause, "kind": kind, "reason": "a name"})), "Content-Type", "application/json")
	}
	for _, c := range []struct {
		key    string
		clause uint
		kind   string
		status int
		want   string
	}{
		{"nope", cl.ID, f.Kind, 404, fmt.Sprintf("no such finding in clause %d just now", cl.ID)},
		{f.Key, cl.ID, "<script>alert(1)</script>", 404, "no such finding"},
		{f.Key, cl.ID, "term_missing", 404, "no such finding"},
		{f.Key, other.ID, f.Kind, 404, "no such finding"},
		{f.Key, 999999, f.Kind, 404, "no such clause: 999999"},
		{f.Key, 0, f.Kind, 400, "name the finding"},
		{"", cl.ID, f.Kind, 400, "name the finding"},
	} {
		rec := dismiss(c.key, c.clause, c.kind)
		if got := oneError(t, rec); rec.Code != c.status || !strings.Contains(got.Message, c.want) {
			t.Errorf("%q in %d as %q: %d %+v", c.key, c.clause, c.kind, rec.Code, got)
		}
	}
	if ds, _ := e.st.Dismissals(t.Context()); len(ds) != 0 {
		t.Fatalf("refused dismissals were stored: %+v", ds)
	}
	// The reported finding may be dismissed, and dismissed again with
	// another reason; the kind, when left out, is the finding's.
	e.json("POST", "/api/v1/findings/dismissals", map[string]any{"key": f.Key, "clause_id": cl.ID, "kind": f.Kind, "reason": "a name"}, 201, nil)
	var d store.Dismissal
	e.json("POST", "/api/v1/findings/dismissals", map[string]any{"key": f.Key, "clause_id": cl.ID, "reason": "the summit's name"}, 201, &d)
	if ds, _ := e.st.Dismissals(t.Context()); len(ds) != 1 || ds[f.Key].Reason != "the summit's name" || ds[f.Key].Kind != f.Kind {
		t.Fatalf("dismissals: %+v", ds)
	}
	// Undoing names the dismissal; one that does not exist is "no such dismissal".
	rec := e.send("DELETE", "/api/v1/findings/dismissals?key=nope")
	if got := oneError(t, rec); rec.Code != 404 || got.Message != "no such dismissal" {
		t.Errorf("undismiss nope: %d %+v", rec.Code, got)
	}
	e.json("DELETE", "/api/v1/findings/dismissals?key="+urlQuery(f.Key), nil, 204, nil)
	// Once the English is fixed the finding is gone: nothing to dismiss.
	e.json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", cl.ID), map[string]any{"text": "Cooperation within BRICS.", "version": 1}, 200, nil)
	if rec := dismiss(f.Key, cl.ID, f.Kind); rec.Code != 404 {
		t.Errorf("dismissing a fixed finding: %d %s", rec.Code, rec.Body)
	}
}

// TestJSONErrorsSpeakToPeople: a body of the wrong shape gets a message
// that says which field must be what, in characters, without Go's names
// for types and fields.
func TestJSONErrorsSpeakToPeople(t *testing.T) {
	e := newEnv(t)
	e.importSeed()
	cl := e.clauseWith("双方")
	save := fmt.Sprintf("/api/v1/clauses/%d/translation", cl.ID)
	for _, c := range []struct {
		path, body, want string
	}{
		{save, `{"text": "x", "version": "1"}`, "version must be a whole number, not text"},
		{save, `{"text": 5, "version": 0}`, "text must be text in quotes, not a number"},
		{save, `{"text": "x", "version": 1.5}`, "version must be a whole number, not 1.5"},
		{save, `{"text": "x", "version": 99999999999999999999}`, "version is too large (99999999999999999999)"},
		{save, `[{"text": "x"}]`, "the request body must be an object {...}, not a list"},
		{save, ``, "the request body is empty: send a JSON object"},
		{save, `{"text": "双方", "version": 0`, "the request is not valid JSON: it ends before the JSON is complete (a missing } or ] or \")"},
		{save, `{"text": "双方认为" "version": 0}`, "the request is not valid JSON (at character 17): check the quotes, commas and brackets there"},
		{save, "{\"text\": \"双方caf\xe9\"}", "the request body is not valid UTF-8 (at character 16): send text encoded as UTF-8"},
		{"/api/v1/glossary", `{"zh": "金砖国家", "en": "BRICS", "variants": "BRICS countries"}`, "variants must be a list [...], not text"},
		{"/api/v1/review/approve", `{"clauses": [{"id": -1, "version": 0}]}`, "clauses.id must be 0 or more, not -1"},
		{"/api/v1/review/approve", `{"clauses": {"id": 1}}`, "clauses must be a list [...], not an object"},
	} {
		method := "POST"
		if c.path == save {
			method = "PUT"
		}
		rec := e.do(method, c.path, strings.NewReader(c.body), "Content-Type", "application/json")
		got := oneError(t, rec)
		if rec.Code != 400 || got.Message != c.want || goSpeak.MatchString(got.Message) {
			t.Errorf("%s %.40s: %d %q, want %q", c.path, c.body, rec.Code, got.Message, c.want)
		}
	}
}

// TestUploadNameFollowsTheTextRule: an uploaded file's name is stored with
// what it brings, so it is one line of text.
func TestUploadNameFollowsTheTextRule(t *testing.T) {
	e := newEnv(t)
	rec := e.upload("seed\u0085.txt", []byte("标题\n双方认为。\n"))
	if got := oneError(t, rec); rec.Code != 400 || got.Code != "invalid_upload" || got.Message != "the file name contains a control character (U+0085) at character 5: remove it" {
		t.Errorf("%d %+v", rec.Code, got)
	}
	if n, _ := e.st.CountDocuments(t.Context()); n != 0 {
		t.Fatalf("%d documents imported under a bad name", n)
	}
}

// TestSplitOutsideTheClauseSpeaksCharacters: the API counts characters, so
// the answer does too (it said "at byte -1").
func TestSplitOutsideTheClauseSpeaksCharacters(t *testing.T) {
	e := newEnv(t)
	e.importSeed()
	cl := e.clauseWith("双方")
	n := len([]rune(cl.Source))
	for _, at := range []int{0, n, n + 5, -3} {
		rec := e.do("POST", fmt.Sprintf("/api/v1/clauses/%d/split", cl.ID), strings.NewReader(mustJSON(map[string]any{"at": at, "version": 0})), "Content-Type", "application/json")
		want := fmt.Sprintf("clause %d cannot be split there: split it after one of its characters 1 to %d", cl.Position+1, n-1)
		if got := oneError(t, rec); rec.Code != 422 || got.Message != want {
			t.Errorf("at %d: %d %q, want %q", at, rec.Code, got.Message, want)
		}
	}
}

// TestEveryReportedFindingCanBeDismissed: the check of one clause that a
// dismissal runs agrees with the listing of findings, for every kind of
// finding, the corpus-wide ones too.
func TestEveryReportedFindingCanBeDismissed(t *testing.T) {
	e := newEnv(t)
	rec := e.do("POST", "/api/v1/documents?name=dismiss.txt", strings.NewReader("标题\n金砖国家合作。双方认为。2011年6月16日签署。\n双方认为。\n"))
	if rec.Code != 201 {
		t.Fatalf("import: %d %s", rec.Code, rec.Body)
	}
	e.json("POST", "/api/v1/glossary", map[string]any{"zh": "金砖国家", "en": "BRICS", "forbidden": []string{"BRIC"}}, 201, nil)
	cls, _, _ := e.st.ListClauses(t.Context(), store.ClauseFilter{})
	texts := map[string]string{
		"金砖国家合作。":       "Cooperation within BRIC。",
		"双方认为。":         "The two sides believe.",
		"2011年6月16日签署。": "Signed on 17 June 2011.",
	}
	seen := map[string]bool{}
	for _, cl := range cls {
		text := texts[cl.Source]
		if seen[cl.Source] {
			text = "Both sides hold."
		}
		seen[cl.Source] = true
		e.json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", cl.ID), map[string]any{"text": text, "version": 0}, 200, nil)
	}
	var got findingsResp
	e.json("GET", "/api/v1/findings", nil, 200, &got)
	kinds := map[string]bool{}
	for _, f := range got.Findings {
		kinds[f.Kind] = true
		e.json("POST", "/api/v1/findings/dismissals", map[string]any{"key": f.Key, "clause_id": f.ClauseID, "kind": f.Kind, "reason": "checked"}, 201, nil)
	}
	for _, k := range []string{"term_forbidden", "punctuation", "segment_inconsistent", "number_mismatch"} {
		if !kinds[k] {
			t.Errorf("no %s finding among %v: the test does not cover it", k, kinds)
		}
	}
	if ds, _ := e.st.Dismissals(t.Context()); len(ds) != len(got.Findings) {
		t.Fatalf("%d dismissals for %d findings", len(ds), len(got.Findings))
	}
}
