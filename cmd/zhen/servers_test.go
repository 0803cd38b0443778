package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/demo"
	"github.com/zhen-workbench/zhen/internal/segment"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/testkit"
	"github.com/zhen-workbench/zhen/internal/workbench"
	"github.com/zhen-workbench/zhen/server"
)

// TestTwoServersOneDatabase runs two servers, each with its own store and
// event hub, on one database, as two processes behind a proxy would: a
// session made on one is valid on the other, a save on one reaches an
// event stream on the other (also one too large for a notification), a
// stale save on either is refused, and a logout on one ends the session's
// event stream on the other. On PostgreSQL through notifications; on one
// SQLite file through the change log.
func TestTwoServersOneDatabase(t *testing.T) {
	t.Run("postgres", func(t *testing.T) { twoServers(t, testkit.PostgresDSN(t)) })
	t.Run("sqlite", func(t *testing.T) { twoServers(t, filepath.Join(t.TempDir(), "zhen.db")) })
}

func twoServers(t *testing.T, dsn string) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var urls []string
	var stores []*store.Store
	for range 2 {
		st, err := store.Open(dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		hub, err := sharedEvents(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(server.New(st, workbench.New(st, hub), server.Config{Version: "test", UI: nil, Events: hub, SessionPoll: time.Hour}))
		t.Cleanup(srv.Close)
		t.Cleanup(cancel) // streams end before the servers close
		urls = append(urls, srv.URL)
		stores = append(stores, st)
	}
	a, b := urls[0], urls[1]
	hash, _ := auth.HashPassword("password-one")
	stores[0].CreateUser(ctx, store.NewUser{Username: "tr", PasswordHash: hash, Role: "translator"}, "test")
	docs, _ := segment.Parse(demo.SeedName, demo.Seed)
	stores[0].ImportDocuments(ctx, demo.SeedName, docs)
	cl, _, _ := stores[1].ListClauses(ctx, store.ClauseFilter{Limit: 1})
	id := cl[0].ID

	call := func(base, method, path, token string, body any) (int, map[string]any) {
		var r *strings.Reader
		if body != nil {
			j, _ := json.Marshal(body)
			r = strings.NewReader(string(j))
		} else {
			r = strings.NewReader("")
		}
		req, _ := http.NewRequest(method, base+"/api/v1"+path, r)
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var out map[string]any
		json.NewDecoder(res.Body).Decode(&out)
		return res.StatusCode, out
	}
	// Log in on A; the session works on B.
	code, login := call(a, "POST", "/session", "", map[string]string{"username": "tr", "password": "password-one"})
	if code != 200 {
		t.Fatalf("login: %d %v", code, login)
	}
	token := login["token"].(string)
	if code, _ := call(b, "GET", "/session", token, nil); code != 200 {
		t.Fatalf("session on B: %d", code)
	}
	// An event stream on B.
	req, _ := http.NewRequestWithContext(ctx, "GET", b+"/api/v1/events", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	stream, err := http.DefaultClient.Do(req)
	if err != nil || stream.StatusCode != 200 {
		t.Fatalf("stream on B: %v %v", err, stream)
	}
	defer stream.Body.Close()
	events := make(chan map[string]any, 8)
	go func() {
		defer close(events)
		sc := bufio.NewScanner(stream.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var e map[string]any
				json.Unmarshal([]byte(d), &e)
				events <- e
			}
		}
	}()
	long := strings.Repeat("The two sides will deepen cooperation. ", 300) // > one notification
	for i, text := range []string{"Saved on A.", long} {
		code, saved := call(a, "PUT", fmt.Sprintf("/clauses/%d/translation", id), token, map[string]any{"text": text, "version": i})
		if code != 200 {
			t.Fatalf("save on A: %d %v", code, saved)
		}
		select {
		case e := <-events:
			data, _ := e["data"].(map[string]any)
			if e["action"] != "save" || data["target"] != strings.TrimSpace(text) {
				t.Fatalf("event on B: %v", e)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("save %d on A never reached B's stream", i+1)
		}
	}
	// A stale save on B (version 1, now 2) is refused with the current text.
	code, conflict := call(b, "PUT", fmt.Sprintf("/clauses/%d/translation", id), token, map[string]any{"text": "Stale.", "version": 1})
	if code != 409 || conflict["current"].(map[string]any)["version"].(float64) != 2 {
		t.Fatalf("stale save on B: %d %v", code, conflict)
	}
	// Logging out on A ends the session on B too, and B's open stream at
	// once (through the notification or the change log: B's own poll is an
	// hour).
	call(a, "DELETE", "/session", token, nil)
	if code, _ := call(b, "GET", "/session", token, nil); code != 401 {
		t.Fatalf("session on B after logout on A: %d", code)
	}
	for timeout := time.After(20 * time.Second); ; {
		select {
		case _, open := <-events:
			if !open {
				return
			}
		case <-timeout:
			t.Fatal("the stream on B outlived the session ended on A")
		}
	}
}
