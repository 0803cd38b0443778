package server

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
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

// TestUploadsTakeTurns: past maxUploads at once, an upload waits for a
// slot, then gets 503 with what to do, so uploads cannot pile up in memory.
func TestUploadsTakeTurns(t *testing.T) {
	oldMax, oldWait := maxUploads, uploadWait
	maxUploads, uploadWait = 1, 100*time.Millisecond
	t.Cleanup(func() { maxUploads, uploadWait = oldMax, oldWait })
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	post := func(body io.Reader) (*http.Response, error) {
		req, _ := http.NewRequest("POST", srv.URL+"/api/v1/documents?name=statement.txt", body)
		req.Header.Set("Authorization", "Bearer "+e.tokens["translator"])
		return http.DefaultClient.Do(req)
	}
	pr, pw := io.Pipe()
	first := make(chan int)
	go func() {
		res, err := post(pr)
		if err != nil {
			first <- 0
			return
		}
		res.Body.Close()
		first <- res.StatusCode
	}()
	pw.Write([]byte("中华人民共和国和俄罗斯联邦联合声明\n")) // the first upload is sent, still arriving
	// Until the server has the first in its slot, another goes through.
	var res *http.Response
	var body struct {
		Error struct{ Code, Message string }
	}
	for i := 0; i < 100 && (res == nil || res.StatusCode != 503); i++ {
		var err error
		if res, err = post(strings.NewReader("双方认为。\n")); err != nil {
			t.Fatal(err)
		}
		json.NewDecoder(res.Body).Decode(&body)
		res.Body.Close()
	}
	if res.StatusCode != 503 || body.Error.Code != "busy" || res.Header.Get("Retry-After") == "" || !strings.Contains(body.Error.Message, "try again") {
		t.Fatalf("second upload while the first arrives: %d %+v", res.StatusCode, body)
	}
	pw.Write([]byte("双方认为，两国关系发展顺利。\n"))
	pw.Close()
	if code := <-first; code != 201 {
		t.Fatalf("first upload: %d", code)
	}
	if res, err := post(strings.NewReader("双方同意加强合作。\n")); err != nil || res.StatusCode != 201 {
		t.Fatalf("an upload after the slot was freed: %v %v", err, res)
	}
}

// TestStalledUploadSaysWhatToDo: an upload that stops arriving is refused
// with what to do, not the socket's error (which names addresses).
func TestStalledUploadSaysWhatToDo(t *testing.T) {
	e := newEnv(t)
	addr := serveWithTimeouts(t, e, 150*time.Millisecond, 5*time.Second)
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/documents?name=a.txt HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Length: 1000\r\n\r\n双方认为", e.tokens["translator"])
	conn.SetReadDeadline(time.Now().Add(15 * time.Second))
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 400 || !strings.Contains(string(b), "stopped arriving") || strings.Contains(string(b), "tcp") || strings.Contains(string(b), "127.0.0.1") {
		t.Fatalf("%d %s", res.StatusCode, b)
	}
}
