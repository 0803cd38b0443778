package server

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/demo"
	"github.com/zhen-workbench/zhen/internal/exchange"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/testkit/corpus"
)

// TestMeasureCancel measures, on a large corpus over a real listener, how
// long each long request runs to the end (the faster of two runs), and how
// long after its client goes away (a quarter, half and three quarters of
// the way through) the handler returns. It only runs with
// ZHEN_CANCEL_MEASURE=1 and reports figures:
//
//	ZHEN_CANCEL_MEASURE=1 ZHEN_CANCEL_DB=/tmp/zhen-cancel.db go test -tags sqlite_fts5 -run=TestMeasureCancel -v -timeout=60m ./server/
//
// ZHEN_CANCEL_COPIES (default 540: ≈ 200,000 clauses) sets the corpus size;
// ZHEN_CANCEL_DB keeps the database between runs (it is built only when
// the file does not exist), so that before and after compare the same data.
func TestMeasureCancel(t *testing.T) {
	if os.Getenv("ZHEN_CANCEL_MEASURE") != "1" {
		t.Skip("set ZHEN_CANCEL_MEASURE=1 to measure how fast abandoned requests stop")
	}
	copies, _ := strconv.Atoi(orDefault(os.Getenv("ZHEN_CANCEL_COPIES"), "540"))
	path := orDefault(os.Getenv("ZHEN_CANCEL_DB"), filepath.Join(t.TempDir(), "zhen.db"))
	if _, err := os.Stat(path); err != nil {
		buildMeasureCorpus(t, path, copies)
	}
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := t.Context()
	if _, err := st.UserByName(ctx, "measure"); err != nil {
		hash, _ := auth.HashPassword("measure-password")
		if _, err := st.CreateUser(ctx, store.NewUser{Username: "measure", PasswordHash: hash, Role: "viewer"}, "test"); err != nil {
			t.Fatal(err)
		}
	}
	var clauses int
	docs, err := st.ListDocuments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		clauses += d.Clauses
	}
	anyClause, _, err := st.ListClauses(ctx, store.ClauseFilter{Limit: 1})
	if err != nil || len(anyClause) == 0 {
		t.Fatal(err)
	}
	t.Logf("%d documents, %d clauses", len(docs), clauses)

	// A fresh server for every request: the translation memory's index is
	// built by the first match request of a server.
	serve := func() (base, token string, returned chan time.Time, stop func()) {
		returned = make(chan time.Time, 1)
		h := newHandler(st, st, Config{Version: "measure"})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h.ServeHTTP(w, r)
			if r.URL.Path != "/api/v1/session" {
				returned <- time.Now()
			}
		}))
		var login struct{ Token string }
		body, _ := json.Marshal(map[string]string{"username": "measure", "password": "measure-password"})
		resp, err := http.Post(srv.URL+"/api/v1/session", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		json.NewDecoder(resp.Body).Decode(&login)
		resp.Body.Close()
		return srv.URL, login.Token, returned, srv.Close
	}
	// run sends the request and reads the answer; with cancelAfter > 0 the
	// client gives up then, and run says how long the handler went on.
	run := func(path string, cancelAfter time.Duration) (full, after time.Duration, status string) {
		base, token, returned, stop := serve()
		defer stop()
		rctx, cancel := context.WithCancel(ctx)
		defer cancel()
		req, _ := http.NewRequestWithContext(rctx, "GET", base+path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		start := time.Now()
		var cancelled time.Time
		if cancelAfter > 0 {
			time.AfterFunc(cancelAfter, func() { cancelled = time.Now(); cancel() })
		}
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			status = resp.Status
		}
		if err != nil {
			status = err.Error()
		}
		select {
		case end := <-returned:
			if cancelAfter > 0 && !cancelled.IsZero() {
				return 0, end.Sub(cancelled), status
			}
			return end.Sub(start), 0, status
		case <-time.After(10 * time.Minute):
			t.Fatalf("%s: the handler never returned", path)
		}
		return
	}
	for _, path := range []string{
		"/api/v1/terms/suggest?limit=50",
		"/api/v1/terms/report",
		"/api/v1/findings",
		"/api/v1/findings/summary",
		fmt.Sprintf("/api/v1/documents/%d/qa", anyClause[0].DocumentID),
		"/api/v1/export?format=tmx",
		"/api/v1/export?format=csv&all_statuses=1&untranslated=1",
		fmt.Sprintf("/api/v1/clauses/%d/matches", anyClause[0].ID),
	} {
		full, _, status := run(path, 0)
		if again, _, _ := run(path, 0); again < full {
			full = again
		}
		line := fmt.Sprintf("%-58s full %6.0f ms (%s); the handler returned after the cancel at", path, ms(full), status)
		for _, part := range []float64{1. / 4, 1. / 2, 3. / 4} {
			at := time.Duration(part * float64(full))
			_, after, cstatus := run(path, at)
			if cstatus == "200 OK" {
				line += fmt.Sprintf(" %.0f ms: answered before it;", ms(at))
				continue
			}
			line += fmt.Sprintf(" %.0f ms: %.0f ms;", ms(at), ms(after))
		}
		t.Log(line)
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func orDefault(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// buildMeasureCorpus stores copies of the seed with the demo glossary, and
// English for about three clauses in four (approved, so that exports and the
// memory carry it): the glossary's renderings, a forbidden one, or none.
func buildMeasureCorpus(t *testing.T, path string, copies int) {
	ctx := t.Context()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.ImportDocuments(ctx, "seed.txt", corpus.SeedCopies(t, copies)); err != nil {
		t.Fatal(err)
	}
	entries, err := exchange.ReadGlossary(demo.GlossaryName, bytes.NewReader(demo.Glossary))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportTerms(ctx, entries, "test"); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// The English depends on the Chinese only, so that the copies agree:
	// otherwise every repeated clause would be a consistency finding.
	_, err = db.ExecContext(ctx, `UPDATE clauses SET
		target = CASE length(source_key) % 4 WHEN 1 THEN 'The two sides support the Shanghai Cooperation Organisation (' || length(source_key) || ').'
			WHEN 2 THEN 'The SCO and BRIC met in 2011 (' || length(source_key) || ').'
			WHEN 3 THEN 'Nothing the glossary asks for (' || length(source_key) || ').' ELSE '' END`)
	if err == nil {
		_, err = db.ExecContext(ctx, `UPDATE clauses SET status = CASE target WHEN '' THEN 'untranslated' ELSE 'approved' END,
			version = CASE target WHEN '' THEN 0 ELSE 1 END, updated_by = 'test'`)
	}
	if err == nil {
		_, err = db.ExecContext(ctx, `UPDATE clauses SET approved_target = target, approved_version = 1, approved_by = 'test', approved_at = updated_at WHERE target <> ''`)
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		t.Fatal(err)
	}
}
