package server

import (
	"bytes"
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/testkit/corpus"
)

// goneClientStore is the real store, except that when a request streams
// the corpus its client goes away first (goAway), and the rows then keep
// coming as if they were already in flight: what stops the work must be the
// handler's context, not the database noticing.
type goneClientStore struct {
	*store.Store
	goAway atomic.Pointer[context.CancelFunc]
}

func (s *goneClientStore) ExportRows(ctx context.Context, f store.ExportFilter) iter.Seq2[store.ExportRow, error] {
	return func(yield func(store.ExportRow, error) bool) {
		var rows []store.ExportRow
		for r, err := range s.Store.ExportRows(ctx, f) {
			if err != nil {
				yield(r, err)
				return
			}
			rows = append(rows, r)
		}
		if goAway := s.goAway.Load(); goAway != nil {
			(*goAway)()
			select { // until the server has seen the connection close
			case <-ctx.Done():
			case <-time.After(10 * time.Second):
			}
		}
		for _, r := range rows {
			if r.Target == "" {
				r.Target = "The two sides agreed." // work for the checks
			}
			if !yield(r, nil) {
				return
			}
		}
	}
}

// bodyCounter counts the bytes a handler writes.
type bodyCounter struct {
	http.ResponseWriter
	n int
}

func (w *bodyCounter) Write(b []byte) (int, error) {
	w.n += len(b)
	return w.ResponseWriter.Write(b)
}

// When the client of a long request goes away, the handler stops — it
// answers nothing — instead of finishing the work for nobody. Over a real
// listener, so that the cancellation comes the way it does in production:
// the connection closes and net/http ends the request's context.
func TestAbandonedLongRequestsStop(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "zhen.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := t.Context()
	if _, err := st.ImportDocuments(ctx, "seed.txt", corpus.SeedCopies(t, 3)); err != nil {
		t.Fatal(err)
	}
	hash, err := auth.HashPassword("password-viewer")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateUser(ctx, store.NewUser{Username: "viewer", PasswordHash: hash, Role: "viewer"}, "test"); err != nil {
		t.Fatal(err)
	}
	gone := &goneClientStore{Store: st}
	h := newHandler(gone, gone, Config{Version: "test", UI: testUI})
	type served struct {
		body   int   // bytes the handler wrote
		ctxErr error // its request's context when it returned
	}
	returned := make(chan served, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		bc := &bodyCounter{ResponseWriter: w}
		h.ServeHTTP(bc, r)
		if r.URL.Path != "/api/v1/session" {
			returned <- served{bc.n, r.Context().Err()}
		}
	}))
	t.Cleanup(srv.Close)
	body, _ := json.Marshal(map[string]string{"username": "viewer", "password": "password-viewer"})
	resp, err := http.Post(srv.URL+"/api/v1/session", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var login struct{ Token string }
	json.NewDecoder(resp.Body).Decode(&login)
	resp.Body.Close()
	if login.Token == "" {
		t.Fatalf("login: %s", resp.Status)
	}
	get := func(ctx context.Context, path string) (*http.Response, error) {
		req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+login.Token)
		return http.DefaultClient.Do(req)
	}
	handlerReturned := func(t *testing.T) served {
		t.Helper()
		select {
		case s := <-returned:
			return s
		case <-time.After(10 * time.Second): // against a hang only
			t.Fatal("the handler never returned")
		}
		return served{}
	}
	// (Term suggestions are computed in the background and read from a
	// table: internal/qa's cancellation test covers their computation.)
	for _, path := range []string{"/api/v1/terms/report", "/api/v1/findings", "/api/v1/findings/summary"} {
		t.Run(path, func(t *testing.T) {
			// The client stays: an answer.
			gone.goAway.Store(nil)
			resp, err := get(t.Context(), path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if s := handlerReturned(t); resp.StatusCode != http.StatusOK || s.body == 0 {
				t.Fatalf("status %d, %d bytes", resp.StatusCode, s.body)
			}
			// The client goes: no answer, the handler stopped. Findings and
			// the term report are stored: their reads are long only when the
			// findings must be computed again (here: as after an upgrade).
			if err := st.InvalidateQAState(t.Context()); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			gone.goAway.Store(&cancel)
			if resp, err := get(ctx, path); err == nil {
				resp.Body.Close()
				t.Fatalf("the client got an answer: %s", resp.Status)
			}
			s := handlerReturned(t)
			if s.ctxErr == nil {
				t.Fatal("the request's context did not end when the client went away")
			}
			if s.body != 0 {
				t.Fatalf("the handler finished the work for nobody: it wrote %d bytes", s.body)
			}
		})
	}
}
