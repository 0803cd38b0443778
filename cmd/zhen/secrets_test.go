package main

import (
	"context"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/testkit"
)

// TestServeDemoRefusesATeamsDatabase: --demo on a database with users of
// its own would create well-known accounts and print their passwords.
func TestServeDemoRefusesATeamsDatabase(t *testing.T) {
	f := newFixture(t)
	st, err := store.Open(f.db)
	if err != nil {
		t.Fatal(err)
	}
	hash, _ := auth.HashPassword("correct horse battery staple")
	if _, err := st.CreateUser(t.Context(), store.NewUser{Username: "li.wei", PasswordHash: hash, Role: "admin"}, "test"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out, err := zhen(t, "serve", "--demo", "--addr", freeAddr(t), "--db", f.db)
	if err == nil || !strings.Contains(err.Error(), "users of its own (li.wei)") || !strings.Contains(err.Error(), "without --demo") {
		t.Fatalf("serve --demo on a team's database: %v\n%s", err, out)
	}
	if strings.Contains(out, "password") {
		t.Fatalf("printed a password:\n%s", out)
	}
	if users := mustZhen(t, "user", "list", "--db", f.db); users != "li.wei\tadmin\n" {
		t.Fatalf("users after the refusal: %q", users)
	}
	// A team whose own admin is called admin is a team all the same.
	h := newFixture(t)
	st, err = store.Open(h.db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateUser(t.Context(), store.NewUser{Username: "admin", PasswordHash: hash, Role: "admin"}, "root (cli)"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := zhen(t, "serve", "--demo", "--addr", freeAddr(t), "--db", h.db); err == nil || !strings.Contains(err.Error(), "users of its own (admin)") {
		t.Fatalf("serve --demo with a team's admin named admin: %v", err)
	}
	// A demo database (only demo users) may be started with --demo again.
	g := newFixture(t)
	addr := freeAddr(t)
	first, done := serveDemo(t, g, addr)
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	if err := <-done; err != nil {
		t.Fatalf("serve --demo: %v\n%s", err, first)
	}
	again, done := serveDemo(t, g, freeAddr(t))
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	if err := <-done; err != nil || !strings.Contains(again.String(), "Demo user admin (admin) exists") {
		t.Fatalf("serve --demo again: %v\n%s", err, again)
	}
}

// TestDatabasePasswordIsNeverShown: the start-up line and errors name a
// PostgreSQL database without its password.
func TestDatabasePasswordIsNeverShown(t *testing.T) {
	const secret = "S3cret-Pa55"
	// A server that does not answer: the error must not repeat the password.
	for _, dsn := range []string{
		"postgres://zhen:" + secret + "@127.0.0.1:1/zhen?sslmode=disable&connect_timeout=2",
		"postgresql://zhen@127.0.0.1:1/zhen?sslmode=disable&connect_timeout=2&password=" + secret,
	} {
		out, err := zhen(t, "glossary", "list", "--db", dsn)
		if err == nil || strings.Contains(err.Error()+out, secret) {
			t.Fatalf("%v\n%s", err, out)
		}
	}
	if got := store.RedactDSN("postgres://zhen:" + secret + "@db:5432/zhen?password=" + secret); strings.Contains(got, secret) || !strings.Contains(got, "zhen:xxxxx@db:5432") {
		t.Fatalf("RedactDSN: %s", got)
	}
	// PostgreSQL's key=value form is refused, not taken for a SQLite file
	// name (which would create that file), and its password not shown.
	kv := "host=127.0.0.1 port=1 user=u password=" + secret + " dbname=x"
	if out, err := zhen(t, "serve", "--db", kv, "--addr", freeAddr(t)); err == nil || strings.Contains(err.Error()+out, secret) || !strings.Contains(err.Error(), "postgres://") {
		t.Fatalf("key=value DSN: %v\n%s", err, out)
	}
	if _, err := os.Stat(kv); !os.IsNotExist(err) {
		t.Fatalf("a file named after the connection string: %v", err)
	}
	if got := store.RedactDSN("/var/lib/zhen/zhen.db"); got != "/var/lib/zhen/zhen.db" {
		t.Fatalf("RedactDSN of a file: %s", got)
	}
	// A real server (trust authentication ignores the password): the
	// start-up line shows the database without it.
	u, err := url.Parse(testkit.PostgresDSN(t))
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(u.User.Username(), secret)
	out := &syncBuffer{}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- run([]string{"serve", "--addr", freeAddr(t), "--db", u.String()}, out) }()
	for !strings.Contains(out.String(), "serving") {
		select {
		case err := <-done:
			t.Fatalf("serve: %v\n%s", err, out)
		case <-ctx.Done():
			t.Fatal(ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	<-done
	if strings.Contains(out.String(), secret) || !strings.Contains(out.String(), ":xxxxx@") {
		t.Fatalf("start-up line:\n%s", out)
	}
}
