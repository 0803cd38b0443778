package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/testkit"
	"github.com/zhen-workbench/zhen/internal/testkit/corpus"
	"github.com/zhen-workbench/zhen/internal/workbench"
	"github.com/zhen-workbench/zhen/server"
)

func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 200; i++ {
		d = append(d, time.Duration(i))
	}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{50, 100}, {99, 198}, {100, 200}, {0, 1}, {0.1, 1}} {
		if got := Percentile(d, c.p); got != c.want {
			t.Errorf("p%v = %d, want %d", c.p, got, c.want)
		}
	}
	if Percentile(nil, 50) != 0 || Percentile(d[:1], 99) != 1 {
		t.Error("empty or single")
	}
}

func TestRunCountsEveryCall(t *testing.T) {
	var calls atomic.Int64
	r := Run(t.Context(), "count", 4, 50*time.Millisecond, func(ctx context.Context, client, i int) error {
		calls.Add(1)
		time.Sleep(time.Millisecond)
		if i%2 == 1 {
			return errors.New("odd")
		}
		return nil
	})
	if int64(r.Requests) != calls.Load() || r.Requests < 4 {
		t.Fatalf("%d requests counted, %d made", r.Requests, calls.Load())
	}
	if r.Errors < r.Requests/2-4 || r.Errors > r.Requests/2+4 || r.P50 < time.Millisecond || r.P99 < r.P50 || r.Max < r.P99 {
		t.Fatalf("%+v", r)
	}
}

// TestLoadAPI measures the API on a real 127.0.0.1 listener: throughput and
// p50/p99 latency of reading a page of 50 clauses and of saving a
// translation, each for a bounded time with concurrent clients, on SQLite
// and (when ZHEN_TEST_POSTGRES is set) PostgreSQL. It only runs with
// ZHEN_LOAD=1 and reports figures; it fails only when requests fail.
//
//	ZHEN_LOAD=1 ZHEN_TEST_POSTGRES=postgres://… go test -run=TestLoadAPI -v ./internal/loadtest/
//
// ZHEN_LOAD_SECONDS (default 5) and ZHEN_LOAD_CLIENTS (default 32) change
// the bounds.
func TestLoadAPI(t *testing.T) {
	if os.Getenv("ZHEN_LOAD") != "1" {
		t.Skip("set ZHEN_LOAD=1 to measure the API under load (see docs/PERFORMANCE.md)")
	}
	secs, _ := strconv.ParseFloat(cmpOr(os.Getenv("ZHEN_LOAD_SECONDS"), "5"), 64)
	clients, _ := strconv.Atoi(cmpOr(os.Getenv("ZHEN_LOAD_CLIENTS"), "32"))
	d := time.Duration(secs * float64(time.Second))
	backends := []struct{ name, dsn string }{{"sqlite", filepath.Join(t.TempDir(), "load.db")}}
	if os.Getenv("ZHEN_TEST_POSTGRES") != "" {
		backends = append(backends, struct{ name, dsn string }{"postgres", testkit.PostgresDSN(t)})
	}
	var results []Result
	for _, be := range backends {
		results = append(results, loadBackend(t, be.name, be.dsn, clients, d)...)
	}
	t.Log("\n" + strings.Join(func() []string {
		var s []string
		for _, r := range results {
			s = append(s, r.String())
		}
		return s
	}(), "\n"))
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func loadBackend(t *testing.T, name, dsn string, clients int, d time.Duration) []Result {
	ctx := t.Context()
	st, err := store.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// 20 distinct copies of the seed corpus: ≈ 100 documents, 7,400 clauses.
	imported, err := st.ImportDocuments(ctx, "load.txt", corpus.SeedCopies(t, 20))
	if err != nil {
		t.Fatal(err)
	}
	big := imported[0]
	for _, d := range imported {
		if d.Clauses > big.Clauses {
			big = d
		}
	}
	all, _, err := st.ListClauses(ctx, store.ClauseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	hash, err := auth.HashPassword("load-password")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateUser(ctx, store.NewUser{Username: "load", PasswordHash: hash, Role: "translator"}, "test"); err != nil {
		t.Fatal(err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hub := &events.Hub{}
	srv := &http.Server{Handler: server.New(st, workbench.New(st, hub), server.Config{Version: "load", Events: hub}), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, DisableCompression: true}}

	var login struct{ Token string }
	if code := call(client, "POST", base+"/api/v1/session", "", map[string]string{"username": "load", "password": "load-password"}, &login); code != 200 {
		t.Fatalf("login: %d", code)
	}
	token := login.Token

	page := fmt.Sprintf("%s/api/v1/documents/%d/clauses?offset=10&limit=50", base, big.ID)
	get := func(ctx context.Context, _, _ int) error {
		if code := call(client, "GET", page, token, nil, nil); code != 200 {
			return fmt.Errorf("status %d", code)
		}
		return nil
	}
	// Each client saves its own clauses in turn (clause k belongs to client
	// k mod clients) and keeps the version each save returns, so no save
	// conflicts; a 409 would count as an error.
	versions := make([][]int, clients)
	mine := make([][]uint, clients)
	for k, c := range all {
		mine[k%clients] = append(mine[k%clients], c.ID)
		versions[k%clients] = append(versions[k%clients], c.Version)
	}
	var conflicts atomic.Int64
	put := func(ctx context.Context, c, i int) error {
		j := i % len(mine[c])
		var out struct{ Version int }
		body := map[string]any{"text": fmt.Sprintf("The two sides agreed (client %d, save %d).", c, i), "version": versions[c][j]}
		code := call(client, "PUT", fmt.Sprintf("%s/api/v1/clauses/%d/translation", base, mine[c][j]), token, body, &out)
		if code == http.StatusConflict {
			conflicts.Add(1)
		}
		if code != 200 {
			return fmt.Errorf("status %d", code)
		}
		versions[c][j] = out.Version
		return nil
	}

	var out []Result
	for _, sc := range []struct {
		name string
		do   func(context.Context, int, int) error
	}{{"GET page of 50", get}, {"PUT translation", put}} {
		Run(ctx, "warm-up", clients, d/5, sc.do) // connections, caches, JIT-free but page cache
		r := Run(ctx, name+" "+sc.name, clients, d, sc.do)
		if r.Errors > 0 {
			t.Errorf("%s: %d of %d requests failed (%d conflicts)", r.Name, r.Errors, r.Requests, conflicts.Load())
		}
		out = append(out, r)
	}
	return out
}

// call makes one API request with a JSON body and reads the whole answer
// (decoding it into out when given), returning the status.
func call(c *http.Client, method, url, token string, body, out any) int {
	var rd io.Reader
	if body != nil {
		j, _ := json.Marshal(body)
		rd = bytes.NewReader(j)
	}
	req, _ := http.NewRequest(method, url, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	if out != nil && resp.StatusCode == 200 {
		if json.NewDecoder(resp.Body).Decode(out) != nil {
			return -1
		}
	}
	io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}
