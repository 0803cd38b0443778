package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// serveWithTimeouts serves e.h as zhen serve does, with short timeouts.
func serveWithTimeouts(t *testing.T, e *env, idle, total time.Duration) string {
	t.Helper()
	oldIdle, oldTotal := bodyIdle, bodyTotal
	bodyIdle, bodyTotal = idle, total
	t.Cleanup(func() { bodyIdle, bodyTotal = oldIdle, oldTotal })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := NewHTTPServer(e.h)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// closedWithin reads from conn until the server closes it; false if it is
// still open after d (the bound is far above the timeouts under test: it
// only keeps a broken build from hanging).
func closedWithin(conn net.Conn, d time.Duration) bool {
	conn.SetReadDeadline(time.Now().Add(d))
	_, err := io.Copy(io.Discard, conn)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		return false
	}
	return true
}

// TestSlowBodiesDoNotHoldConnections: a client that sends headers and part
// of a body, then nothing (or a byte now and then), is cut off.
func TestSlowBodiesDoNotHoldConnections(t *testing.T) {
	e := newEnv(t)
	addr := serveWithTimeouts(t, e, 150*time.Millisecond, 600*time.Millisecond)
	head := "PUT /api/v1/clauses/1/translation HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + e.token +
		"\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"

	silent, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	fmt.Fprint(silent, head+`{"text": "`)
	if !closedWithin(silent, 15*time.Second) {
		t.Fatal("a body that stopped coming held the connection")
	}

	// A byte every 100 ms never pauses for bodyIdle, but the whole body
	// has bodyTotal.
	drip, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer drip.Close()
	fmt.Fprint(drip, head)
	done := make(chan bool)
	go func() { done <- closedWithin(drip, 15*time.Second) }()
	for i := 0; i < 150; i++ {
		select {
		case closed := <-done:
			if !closed {
				t.Fatal("a dripping body held the connection")
			}
			return
		case <-time.After(100 * time.Millisecond):
			drip.Write([]byte(" "))
		}
	}
	t.Fatal("a dripping body held the connection")
}

// TestLongResponsesOutliveTheBodyDeadline: the read deadline that bounds
// bodies must not cancel an event stream or a request whose body is in.
func TestLongResponsesOutliveTheBodyDeadline(t *testing.T) {
	e := newEnv(t)
	id := e.importSeed().Documents[0].ID
	addr := serveWithTimeouts(t, e, 100*time.Millisecond, 200*time.Millisecond)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	evs := openEventStream(t, ctx, "http://"+addr, e.tokens["viewer"])
	time.Sleep(500 * time.Millisecond) // past both deadlines
	var page clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=1", id), nil, 200, &page)
	e.as("translator").json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", page.Clauses[0].ID), map[string]any{"text": "Joint statement.", "version": 0}, 200, nil)
	select {
	case ev, open := <-evs:
		if !open || ev != "clause" {
			t.Fatalf("the stream ended or sent %q after the read deadline", ev)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("no event after the read deadline")
	}

	// A request whose body came in time is not cut off by a keep-alive
	// read deadline while the server works.
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := `{"text": "Another English.", "version": 1}`
	fmt.Fprintf(conn, "PUT /api/v1/clauses/%d/translation HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
		page.Clauses[0].ID, e.tokens["translator"], len(body), body)
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || !strings.Contains(string(b), "Another English.") {
		t.Fatalf("%d %s", res.StatusCode, b)
	}
}
