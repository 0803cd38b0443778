package main

import (
	"bufio"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/testkit"
)

// TestCLIChangesReachOpenEditors: with a server running on the same
// database, `zhen translations import` and `zhen glossary add` reach an
// open event stream (one reload for the whole import), on SQLite through
// the change log and on PostgreSQL through notifications.
func TestCLIChangesReachOpenEditors(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		cliChangesReachEditors(t, filepath.Join(t.TempDir(), "zhen.db"))
	})
	t.Run("postgres", func(t *testing.T) {
		cliChangesReachEditors(t, testkit.PostgresDSN(t))
	})
}

func cliChangesReachEditors(t *testing.T, db string) {
	f := newFixture(t)
	mustZhen(t, "import", f.seed, "--db", db)
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	hash, _ := auth.HashPassword("an editor's long password")
	if _, err := st.CreateUser(t.Context(), store.NewUser{Username: "editor", PasswordHash: hash, Role: "viewer"}, "test"); err != nil {
		t.Fatal(err)
	}
	cl, _, err := st.ListClauses(t.Context(), store.ClauseFilter{Limit: 2})
	st.Close()
	if err != nil || len(cl) < 2 {
		t.Fatalf("%v %v", cl, err)
	}
	addr := freeAddr(t)
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run([]string{"serve", "--addr", addr, "--db", db}, out) }()
	waitServing(t, out, done)
	defer func() {
		syscall.Kill(os.Getpid(), syscall.SIGINT)
		<-done
	}()
	res, err := http.Post("http://"+addr+"/api/v1/session", "application/json", strings.NewReader(`{"username":"editor","password":"an editor's long password"}`))
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("login: %v %v", err, res)
	}
	token := decode[struct{ Token string }](t, readAll(t, res)).Token

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://"+addr+"/api/v1/events", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	stream, err := http.DefaultClient.Do(req)
	if err != nil || stream.StatusCode != 200 {
		t.Fatalf("stream: %v %v", err, stream)
	}
	defer stream.Body.Close()
	names := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(stream.Body)
		for sc.Scan() {
			if n, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				names <- n
			}
		}
	}()
	expect := func(want string) {
		t.Helper()
		select {
		case got := <-names:
			if got != want {
				t.Fatalf("event %q, want %q", got, want)
			}
		case <-time.After(10 * time.Second): // a hang guard: it takes one poll of the log (0.5 s)
			t.Fatalf("no %q event", want)
		}
	}

	csv := f.write(t, "back.csv", []byte("zh,en\n"+cl[0].Source+",The English from the CLI.\n"+cl[1].Source+",More English.\n"))
	mustZhen(t, "translations", "import", csv, "--db", db)
	expect("reload")
	mustZhen(t, "glossary", "add", "--zh", "金砖国家", "--en", "BRICS countries", "--db", db)
	expect("glossary")
	select {
	case extra := <-names:
		t.Fatalf("one import sent more than one event: %q", extra)
	case <-time.After(700 * time.Millisecond): // more than one poll of the change log
	}
}

func readAll(t *testing.T, res *http.Response) string {
	t.Helper()
	defer res.Body.Close()
	var b strings.Builder
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		b.WriteString(sc.Text())
	}
	return b.String()
}
