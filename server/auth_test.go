package server

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/store"
)

// TestEveryRouteEnforcesItsRole tries every route of the table with no
// session and with each role: below the route's role the server refuses
// (401 without a session, 403 with too small a role) before the handler
// runs; from that role up it lets the request through.
func TestEveryRouteEnforcesItsRole(t *testing.T) {
	e := newEnv(t)
	e.importSeed()
	param := regexp.MustCompile(`:(\w+)`)
	for _, r := range (&handlers{}).routes() {
		path := param.ReplaceAllString(r.Path, "999")
		for _, who := range append([]auth.Role{auth.Public}, auth.Roles...) {
			t.Run(fmt.Sprintf("%s %s as %s", r.Method, r.Path, roleName(who)), func(t *testing.T) {
				u := e.anon()
				if who != auth.Public {
					u.token = e.login(string(who), "password-"+string(who)) // fresh: the route may end the session
				}
				ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond) // the event stream never ends by itself
				defer cancel()
				req := httptest.NewRequestWithContext(ctx, r.Method, path, strings.NewReader("{}"))
				req.Header.Set("Content-Type", "application/json")
				if u.token != "" {
					req.Header.Set("Authorization", "Bearer "+u.token)
				}
				rec := httptest.NewRecorder()
				e.h.ServeHTTP(rec, req)
				code := ""
				if rec.Code == 401 || rec.Code == 403 {
					code = errCode(t, rec)
				}
				refused := code == "unauthenticated" || code == "forbidden"
				switch {
				case r.Role == auth.Public && refused:
					t.Errorf("public route refused: %d %s", rec.Code, rec.Body)
				case r.Role != auth.Public && who == auth.Public && rec.Code != 401:
					t.Errorf("no session: %d, want 401: %s", rec.Code, rec.Body)
				case who != auth.Public && !who.Allows(r.Role) && (rec.Code != 403 || code != "forbidden"):
					t.Errorf("%s on a %s route: %d, want 403: %s", who, r.Role, rec.Code, rec.Body)
				case who != auth.Public && who.Allows(r.Role) && refused:
					t.Errorf("%s refused on a %s route: %d %s", who, r.Role, rec.Code, rec.Body)
				}
			})
		}
	}
}

func roleName(r auth.Role) string {
	if r == auth.Public {
		return "nobody"
	}
	return string(r)
}

func TestLoginGivesNoUserEnumeration(t *testing.T) {
	e := newEnv(t)
	try := func(name, pw string) *httptest.ResponseRecorder {
		b, _ := json.Marshal(map[string]string{"username": name, "password": pw})
		return e.anon().do("POST", "/api/v1/session", strings.NewReader(string(b)), "Content-Type", "application/json")
	}
	wrongUser, wrongPassword := try("nobody-here", "password-viewer"), try("viewer", "wrong password")
	if wrongUser.Code != 401 || wrongPassword.Code != 401 || wrongUser.Body.String() != wrongPassword.Body.String() {
		t.Fatalf("wrong user %d %s / wrong password %d %s", wrongUser.Code, wrongUser.Body, wrongPassword.Code, wrongPassword.Body)
	}
	// A disabled user with the right password gets the same answer.
	viewer, _ := e.st.UserByName(t.Context(), "viewer")
	yes := true
	if _, err := e.st.UpdateUser(t.Context(), viewer.ID, store.UserChange{Disabled: &yes}, "admin"); err != nil {
		t.Fatal(err)
	}
	if rec := try("viewer", "password-viewer"); rec.Code != 401 || rec.Body.String() != wrongPassword.Body.String() {
		t.Fatalf("disabled user: %d %s", rec.Code, rec.Body)
	}
}

// login as the browser does: the cookie, and the CSRF secret for writes.
func cookieLogin(t *testing.T, e *env, name string) (cookie *http.Cookie, csrf string) {
	t.Helper()
	rec := e.anon().json("POST", "/api/v1/session", map[string]string{"username": name, "password": "password-" + name}, 200, nil)
	var out struct{ CSRF string }
	json.Unmarshal(rec.Body.Bytes(), &out)
	for _, c := range rec.Result().Cookies() {
		if c.Name == cookieName {
			if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" {
				t.Fatalf("cookie %+v", c)
			}
			return c, out.CSRF
		}
	}
	t.Fatal("no session cookie")
	return nil, ""
}

func TestCookieWritesNeedTheCSRFSecret(t *testing.T) {
	e := newEnv(t)
	id := e.importSeed().Documents[0].ID
	var page clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=1", id), nil, 200, &page)
	ck, csrf := cookieLogin(t, e, "translator")
	put := func(hdr ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", page.Clauses[0].ID), strings.NewReader(`{"text":"x","version":0}`))
		req.Header.Set("Content-Type", "application/json")
		req.AddCookie(ck)
		for i := 0; i+1 < len(hdr); i += 2 {
			req.Header.Set(hdr[i], hdr[i+1])
		}
		rec := httptest.NewRecorder()
		e.h.ServeHTTP(rec, req)
		return rec
	}
	if rec := put(); rec.Code != 403 || errCode(t, rec) != "csrf" {
		t.Fatalf("without the header: %d %s", rec.Code, rec.Body)
	}
	if rec := put(csrfHeader, csrf+"x"); rec.Code != 403 {
		t.Fatalf("with a wrong secret: %d", rec.Code)
	}
	if got, _ := e.st.GetClause(t.Context(), page.Clauses[0].ID); got.Target != "" {
		t.Fatal("a refused write changed the clause")
	}
	if rec := put(csrfHeader, csrf); rec.Code != 200 {
		t.Fatalf("with the secret: %d %s", rec.Code, rec.Body)
	}
	// Reads need only the cookie.
	req := httptest.NewRequest("GET", "/api/v1/session", nil)
	req.AddCookie(ck)
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"username":"translator"`) {
		t.Fatalf("GET session: %d %s", rec.Code, rec.Body)
	}
}

func TestSessionsAreRevocable(t *testing.T) {
	e := newEnv(t)
	tr := e.as("translator")
	other := e.login("translator", "password-translator")
	// Logging out ends this session only.
	tr.json("DELETE", "/api/v1/session", nil, 204, nil)
	if rec := tr.do("GET", "/api/v1/session", nil); rec.Code != 401 {
		t.Fatalf("after logout: %d", rec.Code)
	}
	o := e.anon()
	o.token = other
	var ss struct {
		Sessions []struct {
			ID      uint
			Current bool
		}
	}
	o.json("GET", "/api/v1/sessions", nil, 200, &ss)
	if len(ss.Sessions) != 1 || !ss.Sessions[0].Current {
		t.Fatalf("sessions: %+v", ss)
	}
	// A password change ends the other sessions, not the one that made it.
	third := e.anon()
	third.token = e.login("translator", "password-translator")
	o.json("PUT", "/api/v1/account/password", map[string]string{"current": "wrong", "new": "a new password"}, 403, nil)
	o.json("PUT", "/api/v1/account/password", map[string]string{"current": "password-translator", "new": "short"}, 422, nil)
	o.json("PUT", "/api/v1/account/password", map[string]string{"current": "password-translator", "new": "a new password"}, 204, nil)
	o.json("GET", "/api/v1/session", nil, 200, nil)
	third.json("GET", "/api/v1/session", nil, 401, nil)
	e.anon().json("POST", "/api/v1/session", map[string]string{"username": "translator", "password": "password-translator"}, 401, nil)
	e.login("translator", "a new password")
	// An admin disabling a user ends every session of theirs at once.
	adm := e.as("admin")
	tr2, _ := e.st.UserByName(t.Context(), "translator")
	adm.json("PUT", fmt.Sprintf("/api/v1/users/%d", tr2.ID), map[string]any{"disabled": true}, 200, nil)
	o.json("GET", "/api/v1/session", nil, 401, nil)
	// Admins cannot lock themselves out.
	me, _ := e.st.UserByName(t.Context(), "admin")
	adm.json("PUT", fmt.Sprintf("/api/v1/users/%d", me.ID), map[string]any{"disabled": true}, 422, nil)
	adm.json("PUT", fmt.Sprintf("/api/v1/users/%d", me.ID), map[string]any{"role": "viewer"}, 422, nil)
	// A bearer token of garbage is refused, not ignored.
	bad := e.anon()
	bad.token = "not-a-token"
	bad.json("GET", "/api/v1/documents", nil, 401, nil)
}

func TestUsersAndAuditLog(t *testing.T) {
	e := newEnv(t)
	adm := e.as("admin")
	var created struct {
		User     store.User
		Password string
	}
	adm.json("POST", "/api/v1/users", map[string]string{"username": "Li.Wei", "role": "translator"}, 201, &created)
	if created.User.Username != "li.wei" || created.User.Role != "translator" || auth.CheckPasswordRules(created.Password) != nil {
		t.Fatalf("created %+v", created)
	}
	if rec := adm.do("GET", "/api/v1/users", nil); strings.Contains(rec.Body.String(), "$2") || strings.Contains(rec.Body.String(), "password") {
		t.Fatalf("user list shows password hashes: %s", rec.Body)
	}
	e.login("li.wei", created.Password)
	adm.json("POST", "/api/v1/users", map[string]string{"username": "li.wei", "role": "viewer"}, 409, nil)
	adm.json("POST", "/api/v1/users", map[string]string{"username": "x y", "role": "viewer"}, 422, nil)
	adm.json("POST", "/api/v1/users", map[string]string{"username": "z", "role": "root"}, 422, nil)
	adm.json("PUT", fmt.Sprintf("/api/v1/users/%d", created.User.ID), map[string]any{"role": "reviewer"}, 200, nil)
	var reset struct{ Password string }
	adm.json("POST", fmt.Sprintf("/api/v1/users/%d/password", created.User.ID), nil, 200, &reset)
	e.login("li.wei", reset.Password)
	var log struct{ Events []store.AuditEntry }
	adm.json("GET", "/api/v1/audit", nil, 200, &log)
	var actions []string
	for _, ev := range log.Events {
		if ev.Subject == "li.wei" {
			actions = append(actions, ev.Actor+":"+ev.Action)
		}
	}
	if strings.Join(actions, ",") != "admin:user.password_reset,admin:user.role,admin:user.create" {
		t.Fatalf("audit: %v", actions)
	}
	// Glossary changes are in the same log.
	e.json("POST", "/api/v1/glossary", map[string]any{"zh": "金砖国家", "en": "BRICS", "status": "approved"}, 201, nil)
	adm.json("GET", "/api/v1/audit?limit=1", nil, 200, &log)
	if len(log.Events) != 1 || log.Events[0].Action != "glossary.created" || log.Events[0].Actor != "reviewer" || log.Events[0].Subject != "金砖国家" || log.Events[0].Detail != "→ BRICS (approved)" {
		t.Fatalf("audit: %+v", log.Events)
	}
}

func TestTranslatorsProposeGlossaryTerms(t *testing.T) {
	e := newEnv(t)
	tr := e.as("translator")
	var term store.Term
	tr.json("POST", "/api/v1/glossary", map[string]any{"zh": "上海合作组织", "en": "SCO"}, 201, &term)
	if term.Status != "proposed" {
		t.Fatalf("a translator's term is %s", term.Status)
	}
	tr.json("POST", "/api/v1/glossary", map[string]any{"zh": "金砖国家", "en": "BRICS", "status": "approved"}, 403, nil)
	tr.json("PUT", fmt.Sprintf("/api/v1/glossary/%d", term.ID), map[string]any{"zh": "上海合作组织", "en": "SCO", "status": "approved", "version": term.Version}, 403, nil)
	e.json("PUT", fmt.Sprintf("/api/v1/glossary/%d", term.ID), map[string]any{"zh": "上海合作组织", "en": "SCO", "status": "approved", "version": term.Version}, 200, nil)
}

func TestBadBodies(t *testing.T) {
	e := newEnv(t)
	id := e.importSeed().Documents[0].ID
	var page clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=1", id), nil, 200, &page)
	path := fmt.Sprintf("/api/v1/clauses/%d/translation", page.Clauses[0].ID)
	huge := `{"text": "` + strings.Repeat("a", maxJSON) + `", "version": 0}`
	for _, c := range []struct {
		body   string
		status int
		code   string
	}{
		{huge, 413, "too_large"},
		{"{\"text\": \"caf\xe9\", \"version\": 0}", 400, "invalid_utf8"},
		{`{"text": "x", "version": 0`, 400, "invalid_request"},
	} {
		rec := e.do("PUT", path, strings.NewReader(c.body), "Content-Type", "application/json")
		if rec.Code != c.status || errCode(t, rec) != c.code {
			t.Errorf("%.40q: %d %s", c.body, rec.Code, rec.Body)
		}
	}
	if got, _ := e.st.GetClause(t.Context(), page.Clauses[0].ID); got.Version != 0 {
		t.Fatal("a refused body changed the clause")
	}
}

// readEvents collects server-sent events from a live server.
// The stream ends when ctx does: cancel it before closing the server,
// which waits for open connections.
func readEvents(t *testing.T, ctx context.Context, url, token string) <-chan map[string]any {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", url+"/api/v1/events", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("events: %v %v", err, res)
	}
	out := make(chan map[string]any, 16)
	go func() {
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var ev map[string]any
				json.Unmarshal([]byte(data), &ev)
				out <- ev
			}
		}
		close(out)
	}()
	return out
}

func TestEventsReachOtherEditors(t *testing.T) {
	e := newEnv(t)
	id := e.importSeed().Documents[0].ID
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	evs := readEvents(t, ctx, srv.URL, e.tokens["viewer"]) // subscribed once the headers are in
	var page clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=1", id), nil, 200, &page)
	cl := page.Clauses[0]
	tr := e.as("translator")
	tr.json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", cl.ID), map[string]any{"text": "Joint statement.", "version": 0}, 200, nil)
	tr.json("POST", fmt.Sprintf("/api/v1/clauses/%d/submit", cl.ID), map[string]any{"version": 1}, 200, nil)
	e.json("POST", fmt.Sprintf("/api/v1/clauses/%d/approve", cl.ID), map[string]any{"version": 2}, 200, nil)
	e.json("POST", "/api/v1/glossary", map[string]any{"zh": "金砖国家", "en": "BRICS", "status": "approved"}, 201, nil)
	want := []string{"clause save translator", "clause submit translator", "clause approve reviewer", "glossary created reviewer"}
	for i, w := range want {
		select {
		case ev := <-evs:
			got := fmt.Sprint(ev["type"], " ", ev["action"], " ", ev["actor"])
			if got != w {
				t.Fatalf("event %d: %q, want %q (%v)", i, got, w, ev)
			}
			if ev["type"] == "clause" && (uint(ev["clause_id"].(float64)) != cl.ID || ev["data"].(map[string]any)["target"] != "Joint statement.") {
				t.Fatalf("event %d: %v", i, ev)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("event %d (%s) did not arrive", i, w)
		}
	}
	// Without a session there is no stream.
	res, err := http.Get(srv.URL + "/api/v1/events")
	if err != nil || res.StatusCode != 401 {
		t.Fatalf("anonymous stream: %v %v", err, res)
	}
	res.Body.Close()
}

func TestEventStreamEndsWithItsSession(t *testing.T) {
	old := heartbeat
	heartbeat = 20 * time.Millisecond
	defer func() { heartbeat = old }()
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	v := e.as("viewer")
	evs := readEvents(t, ctx, srv.URL, v.token)
	v.json("DELETE", "/api/v1/session", nil, 204, nil)
	deadline := time.After(5 * time.Second)
	for {
		select {
		case _, open := <-evs:
			if !open {
				return // the server closed the stream
			}
		case <-deadline:
			t.Fatal("the stream outlived its session")
		}
	}
}

// TestConcurrentWritersThroughTheAPI: 50 writers save one clause at once,
// each retrying on 409 from the version it was told; no accepted write is
// lost and the history holds each one, in order.
func TestConcurrentWritersThroughTheAPI(t *testing.T) {
	e := newEnv(t)
	id := e.importSeed().Documents[0].ID
	var page clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=1", id), nil, 200, &page)
	path := fmt.Sprintf("/api/v1/clauses/%d/translation", page.Clauses[0].ID)
	const writers = 50
	accepted := make(chan string, writers)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			version := 0
			for range 1000 {
				text := fmt.Sprintf("Writer %d's English.", w)
				b, _ := json.Marshal(map[string]any{"text": text, "version": version})
				rec := e.as("translator").do("PUT", path, strings.NewReader(string(b)), "Content-Type", "application/json")
				switch rec.Code {
				case 200:
					accepted <- text
					return
				case 409:
					var c struct{ Current store.Clause }
					json.Unmarshal(rec.Body.Bytes(), &c)
					version = c.Current.Version
				default:
					t.Errorf("writer %d: %d %s", w, rec.Code, rec.Body)
					return
				}
			}
			t.Errorf("writer %d never got a write in", w)
		}()
	}
	wg.Wait()
	close(accepted)
	got := map[string]bool{}
	for text := range accepted {
		got[text] = true
	}
	var hist struct{ Revisions []store.Revision }
	e.json("GET", fmt.Sprintf("/api/v1/clauses/%d/history", page.Clauses[0].ID), nil, 200, &hist)
	if len(got) != writers || len(hist.Revisions) != writers {
		t.Fatalf("%d accepted writes, %d revisions, %d writers", len(got), len(hist.Revisions), writers)
	}
	for i, r := range hist.Revisions {
		if r.Version != writers-i || !got[r.Text] {
			t.Fatalf("revision %+v is not an accepted write in order", r)
		}
	}
}
