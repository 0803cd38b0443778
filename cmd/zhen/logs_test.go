package main

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
)

// TestServeAccessLog: zhen serve logs every request as a JSON line (method,
// path, status, duration, user), never the password, the token or the
// query; a bad level or format is a usage error.
func TestServeAccessLog(t *testing.T) {
	logs := &syncBuffer{}
	logOutput = logs
	t.Cleanup(func() { logOutput = os.Stderr })
	f := newFixture(t)
	addr := freeAddr(t)
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run([]string{"serve", "--demo", "--addr", addr, "--db", f.db, "--log-format", "json"}, out)
	}()
	waitServing(t, out, done)
	token := demoLogin(t, addr, out, "viewer")
	req, _ := http.NewRequest("GET", "http://"+addr+"/api/v1/documents?secret-query=1", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	var seen []string
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("not a JSON line: %q", line)
		}
		if rec["msg"] == "http" {
			seen = append(seen, strings.Join([]string{rec["method"].(string), rec["path"].(string), jsonNumber(rec["status"]), rec["user"].(string)}, " "))
			if _, ok := rec["ms"]; !ok {
				t.Fatalf("no duration: %v", rec)
			}
		}
	}
	want := []string{"POST /api/v1/session 200 ", "GET /api/v1/documents 200 viewer"}
	if strings.Join(seen, "\n") != strings.Join(want, "\n") {
		t.Fatalf("access log:\n%s\nwant\n%s", strings.Join(seen, "\n"), strings.Join(want, "\n"))
	}
	if strings.Contains(logs.String(), token) || strings.Contains(logs.String(), "secret-query") || strings.Contains(logs.String(), "password") {
		t.Fatalf("the log holds a secret:\n%s", logs)
	}
	for _, bad := range [][]string{{"--log-level", "loud"}, {"--log-format", "xml"}} {
		if _, err := zhen(t, append([]string{"serve", "--db", f.db}, bad...)...); err == nil || !strings.Contains(err.Error(), bad[0]) {
			t.Errorf("%v: %v", bad, err)
		}
	}
}

func jsonNumber(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// waitServing waits until serve says it is serving.
func waitServing(t *testing.T, out *syncBuffer, done chan error) {
	t.Helper()
	for !strings.Contains(out.String(), "serving") {
		select {
		case err := <-done:
			t.Fatalf("serve ended: %v\n%s", err, out)
		default:
			syscall.Nanosleep(&syscall.Timespec{Nsec: 20e6}, nil)
		}
	}
}
