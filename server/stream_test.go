package server

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/store"
)

// openEventStream opens an event stream with token and returns the names of the
// events it receives (data-only events as "message"), closed when the
// server ends the stream.
func openEventStream(t *testing.T, ctx context.Context, url, token string) <-chan string {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", url+"/api/v1/events", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("events: %v %v", err, res)
	}
	out := make(chan string, 64)
	go func() {
		defer res.Body.Close()
		defer close(out)
		sc := bufio.NewScanner(res.Body)
		name := "message"
		for sc.Scan() {
			line := sc.Text()
			if n, ok := strings.CutPrefix(line, "event: "); ok {
				name = n
			} else if strings.HasPrefix(line, "data: ") {
				out <- name
				name = "message"
			}
		}
	}()
	return out
}

// waitEnded waits for the "ended" event and the stream's close. The bound
// only keeps a broken build from hanging: the ends tested here do not wait
// for a heartbeat or a poll (both are an hour).
func waitEnded(t *testing.T, evs <-chan string) {
	t.Helper()
	ended := false
	timeout := time.After(20 * time.Second)
	for {
		select {
		case ev, open := <-evs:
			if !open {
				if !ended {
					t.Fatal("the stream closed without an ended event")
				}
				return
			}
			ended = ended || ev == "ended"
		case <-timeout:
			t.Fatal("the stream outlived its session")
		}
	}
}

// streamEnv is a server whose streams neither ping nor poll by themselves
// within a test: only an ended session's signal can end them.
func streamEnv(t *testing.T, poll time.Duration) (*env, *httptest.Server) {
	t.Helper()
	old := heartbeat
	heartbeat = time.Hour
	t.Cleanup(func() { heartbeat = old })
	e := newEnv(t)
	e.h = newHandler(e.st, e.st, Config{Version: "test", UI: testUI, SessionPoll: poll})
	srv := httptest.NewServer(e.h)
	t.Cleanup(srv.Close)
	return e, srv
}

func TestEndingASessionClosesItsStreamsAtOnce(t *testing.T) {
	e, srv := streamEnv(t, time.Hour)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()

	// Log out: both of the session's tabs end; another user's stays.
	v := e.as("viewer")
	tab1, tab2 := openEventStream(t, ctx, srv.URL, v.token), openEventStream(t, ctx, srv.URL, v.token)
	other := openEventStream(t, ctx, srv.URL, e.tokens["translator"])
	v.json("DELETE", "/api/v1/session", nil, 204, nil)
	waitEnded(t, tab1)
	waitEnded(t, tab2)

	// An admin disables a user.
	tr, _ := e.st.UserByName(t.Context(), "translator")
	e.as("admin").json("PUT", "/api/v1/users/"+itoa(tr.ID), map[string]any{"disabled": true}, 200, nil)
	waitEnded(t, other)

	// An admin resets a password; the user's own password change ends the
	// user's other sessions but not the one that made it.
	e.tokens["viewer"] = e.login("viewer", "password-viewer")
	second := e.login("viewer", "password-viewer")
	kept := openEventStream(t, ctx, srv.URL, e.tokens["viewer"])
	gone := openEventStream(t, ctx, srv.URL, second)
	e.as("viewer").json("PUT", "/api/v1/account/password", map[string]string{"current": "password-viewer", "new": "long unrelated passphrase 7391"}, 204, nil)
	waitEnded(t, gone)
	select {
	case ev, open := <-kept:
		t.Fatalf("the session that changed its password lost its stream: %q %v", ev, open)
	default:
	}
	rv, _ := e.st.UserByName(t.Context(), "reviewer")
	rs := openEventStream(t, ctx, srv.URL, e.tokens["reviewer"])
	e.as("admin").json("POST", "/api/v1/users/"+itoa(rv.ID)+"/password", nil, 200, nil)
	waitEnded(t, rs)

	// Revoking one's own other session (a lost laptop).
	a2 := e.login("admin", "password-admin")
	as := openEventStream(t, ctx, srv.URL, a2)
	var list struct{ Sessions []struct{ ID uint } }
	e.as("admin").json("GET", "/api/v1/sessions", nil, 200, &list)
	var id uint
	for _, s := range list.Sessions {
		id = max(id, s.ID) // the newest: a2
	}
	e.as("admin").json("DELETE", "/api/v1/sessions/"+itoa(id), nil, 204, nil)
	waitEnded(t, as)
}

// TestStreamEndsWhenAnotherProcessEndsTheSession: `zhen user disable` on
// the same database (here: the store, as the CLI uses it) ends the stream
// within the poll.
func TestStreamEndsWhenAnotherProcessEndsTheSession(t *testing.T) {
	e, srv := streamEnv(t, 20*time.Millisecond)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	evs := openEventStream(t, ctx, srv.URL, e.tokens["viewer"])
	v, _ := e.st.UserByName(t.Context(), "viewer")
	yes := true
	if _, err := e.st.UpdateUser(t.Context(), v.ID, store.UserChange{Disabled: &yes}, "cli"); err != nil {
		t.Fatal(err)
	}
	waitEnded(t, evs)
	// An expired session ends the same way.
	tr := e.tokens["translator"]
	evs = openEventStream(t, ctx, srv.URL, tr)
	su, err := e.st.LiveSession(t.Context(), auth.TokenHash(tr))
	if err != nil {
		t.Fatal(err)
	}
	if err := e.st.RevokeSession(t.Context(), su.User.ID, su.Session.ID); err != nil {
		t.Fatal(err)
	}
	waitEnded(t, evs)
}

func TestStreamsPerSessionAndUserAreCapped(t *testing.T) {
	e, srv := streamEnv(t, time.Hour)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	for range maxStreamsPerSession {
		openEventStream(t, ctx, srv.URL, e.tokens["viewer"])
	}
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/api/v1/events", nil)
	req.Header.Set("Authorization", "Bearer "+e.tokens["viewer"])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 429 {
		t.Fatalf("stream %d of one session: %d, want 429", maxStreamsPerSession+1, res.StatusCode)
	}
	// Another session of the same user is not affected, up to the user's
	// own bound across all their logins.
	for n := maxStreamsPerSession; n < maxStreamsPerUser; n += maxStreamsPerSession {
		token := e.login("viewer", "password-viewer")
		for range maxStreamsPerSession {
			openEventStream(t, ctx, srv.URL, token)
		}
	}
	req, _ = http.NewRequestWithContext(ctx, "GET", srv.URL+"/api/v1/events", nil)
	req.Header.Set("Authorization", "Bearer "+e.login("viewer", "password-viewer"))
	if res, err = http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 429 {
		t.Fatalf("stream %d of one user: %d, want 429", maxStreamsPerUser+1, res.StatusCode)
	}
	openEventStream(t, ctx, srv.URL, e.tokens["translator"]) // another user is not affected
}

func itoa(id uint) string { return strconv.FormatUint(uint64(id), 10) }
