package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/store"
)

// loginFrom logs in as a browser at addr would, sending cookies.
func (e *env) loginFrom(addr, name, password string, cookies ...*http.Cookie) *httptest.ResponseRecorder {
	e.t.Helper()
	b, _ := json.Marshal(map[string]string{"username": name, "password": password})
	req := httptest.NewRequest("POST", "/api/v1/session", strings.NewReader(string(b)))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = addr + ":40000"
	for _, c := range cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	return rec
}

func cookieNamed(rec *httptest.ResponseRecorder, name string) *http.Cookie {
	for _, c := range rec.Result().Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// TestNobodyCanLockTheOwnerOut: a script guessing admin's password from one
// address slows that address and the name down, but the owner still logs
// in from a browser that has logged in before, at once, and from a new one
// after a short delay rather than a lock.
func TestNobodyCanLockTheOwnerOut(t *testing.T) {
	e := newEnv(t)
	const attacker, office, cafe = "203.0.113.66", "198.51.100.7", "192.0.2.44"
	first := e.loginFrom(office, "admin", "password-admin")
	device := cookieNamed(first, deviceCookie)
	if first.Code != 200 || device == nil || !device.HttpOnly || device.Path != "/api/v1/session" || device.SameSite != http.SameSiteStrictMode {
		t.Fatalf("first login: %d, device cookie %+v", first.Code, device)
	}
	session := cookieNamed(first, cookieName)
	if session == nil || session.MaxAge > int(SessionIdle.Seconds()) || session.MaxAge < int(SessionIdle.Seconds())-5 {
		t.Fatalf("the session cookie must live as long as the session (%v idle): %+v", SessionIdle, session)
	}
	for i := range 40 {
		rec := e.loginFrom(attacker, "admin", "guess-"+strconv.Itoa(i))
		if rec.Code != 401 && rec.Code != 429 {
			t.Fatalf("guess %d: %d %s", i, rec.Code, rec.Body)
		}
	}
	// The attacker's address is refused for this name and, soon, any name.
	if rec := e.loginFrom(attacker, "admin", "password-admin"); rec.Code != 429 {
		t.Fatalf("the guessing address got %d with the right password", rec.Code)
	}
	// The owner's known browser gets in at once, from another address.
	if rec := e.loginFrom(office, "admin", "password-admin", device); rec.Code != 200 {
		t.Fatalf("owner with a known browser: %d %s", rec.Code, rec.Body)
	}
	// Even from the guesser's own address (an office behind one NAT).
	if rec := e.loginFrom(attacker, "admin", "password-admin", device); rec.Code != 200 {
		t.Fatalf("owner with a known browser at the guessing address: %d %s", rec.Code, rec.Body)
	}
	// A new browser elsewhere waits seconds, not a lock of many minutes.
	rec := e.loginFrom(cafe, "admin", "password-admin")
	if rec.Code == 429 {
		wait, _ := strconv.Atoi(rec.Header().Get("Retry-After"))
		if wait < 1 || wait > 61 || errCode(t, rec) != "rate_limited" {
			t.Fatalf("new browser: %d Retry-After %q %s", rec.Code, rec.Header().Get("Retry-After"), rec.Body)
		}
	} else if rec.Code != 200 {
		t.Fatalf("new browser: %d %s", rec.Code, rec.Body)
	}
	// Other names from other addresses are not affected.
	if rec := e.loginFrom(cafe, "reviewer", "password-reviewer"); rec.Code != 200 {
		t.Fatalf("another user elsewhere: %d %s", rec.Code, rec.Body)
	}
	// A forged X-Forwarded-For (no proxy is trusted) does not make another address.
	b := `{"username":"translator","password":"password-translator"}`
	for range 40 {
		e.loginFrom(attacker, "translator", "nope")
	}
	req := httptest.NewRequest("POST", "/api/v1/session", strings.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Forwarded-For", "203.0.113.9")
	req.RemoteAddr = attacker + ":1"
	forged := httptest.NewRecorder()
	e.h.ServeHTTP(forged, req)
	if forged.Code != 429 {
		t.Fatalf("X-Forwarded-For evaded the limit: %d", forged.Code)
	}
}

// TestDeviceCookieIsNotTransferable: another user's device cookie, a forged
// one, or one from before a password change does not make a browser known.
func TestDeviceCookieIsNotTransferable(t *testing.T) {
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	tok := auth.NewDeviceToken("admin", "$2a$hash-one", now)
	switch {
	case !auth.DeviceKnows(tok, "admin", "$2a$hash-one", now.Add(time.Hour)):
		t.Fatal("a fresh token is not known")
	case auth.DeviceKnows(tok, "reviewer", "$2a$hash-one", now):
		t.Fatal("known for another name")
	case auth.DeviceKnows(tok, "admin", "$2a$hash-two", now):
		t.Fatal("known after a password change")
	case auth.DeviceKnows(tok, "admin", "$2a$hash-one", now.Add(auth.DeviceLifetime+time.Second)):
		t.Fatal("known after its lifetime")
	case auth.DeviceKnows(tok[:len(tok)-2]+"AA", "admin", "$2a$hash-one", now):
		t.Fatal("a forged signature is known")
	case auth.DeviceKnows("", "admin", "$2a$hash-one", now), auth.DeviceKnows("a.b.c", "admin", "", now):
		t.Fatal("garbage is known")
	}
}

func TestThrottleDelaysGrowAndPass(t *testing.T) {
	th := newLoginThrottle()
	t0 := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	now := t0
	th.now = func() time.Time { return now }
	// Five failures from five addresses: no delay yet.
	for i := range 5 {
		if w := th.check("admin", "10.0.0."+strconv.Itoa(i), false); w != nil {
			t.Fatalf("failure %d delayed: %+v", i, w)
		}
		th.failed("admin", "10.0.0."+strconv.Itoa(i), false)
	}
	// Then each failure doubles the wait, up to a minute: never a lock.
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 32 * time.Second, time.Minute, time.Minute}
	for i, d := range want {
		w := th.check("admin", "10.1.0."+strconv.Itoa(i), false)
		if w == nil || w.wait != d {
			t.Fatalf("after %d failures: %+v, want %v", 5+i, w, d)
		}
		if th.check("admin", "10.1.0.1", true) != nil {
			t.Fatal("a known browser is delayed")
		}
		now = now.Add(d)
		if w := th.check("admin", "10.1.0."+strconv.Itoa(i), false); w != nil {
			t.Fatalf("still delayed after the delay: %+v", w)
		}
		th.failed("admin", "10.1.0."+strconv.Itoa(i), false)
	}
	// A known browser's typo does not slow the name for others.
	th2 := newLoginThrottle()
	for range 10 {
		th2.failed("li.wei", "10.2.0.1", true)
	}
	if th2.check("li.wei", "10.2.0.2", false) != nil {
		t.Fatal("the owner's typos delayed the name elsewhere")
	}
	// Per pair and per address, the window applies.
	th3 := newLoginThrottle()
	th3.now = func() time.Time { return t0 }
	th3.nameFree = 1000 // this part is about the windows
	for range th3.perPair {
		th3.failed("li.wei", "10.3.0.1", false)
	}
	if w := th3.check("li.wei", "10.3.0.1", false); w == nil || w.wait != th3.window || !strings.Contains(w.message, "from here") {
		t.Fatalf("pair: %+v", w)
	}
	for i := range th3.perAddress {
		th3.failed("user"+strconv.Itoa(i), "10.3.0.2", false)
	}
	if w := th3.check("someone-else", "10.3.0.2", false); w == nil || !strings.Contains(w.message, "network address") {
		t.Fatalf("address: %+v", w)
	}
	// The owner's known browser behind that address and pair gets in: it
	// answers for its own failures only.
	if w := th3.check("li.wei", "10.3.0.1", true); w != nil {
		t.Fatalf("a known browser behind a limited pair: %+v", w)
	}
	if w := th3.check("user1", "10.3.0.2", true); w != nil {
		t.Fatalf("a known browser behind a limited address: %+v", w)
	}
	for range th3.perPair {
		th3.failed("li.wei", "10.3.0.1", true)
	}
	if w := th3.check("li.wei", "10.3.0.9", true); w == nil || !strings.Contains(w.message, "this browser") {
		t.Fatalf("known browsers' own failures: %+v", w)
	}
	th3.now = func() time.Time { return t0.Add(th3.window) }
	if w := th3.check("someone-else", "10.3.0.2", false); w != nil {
		t.Fatalf("address after the window: %+v", w)
	}
}

func TestThrottleMemoryIsBounded(t *testing.T) {
	th := newLoginThrottle()
	for i := range maxThrottleKeys + 10 {
		th.failed("n"+strconv.Itoa(i), "10.0.0.1", false)
	}
	if len(th.failures) > maxThrottleKeys {
		t.Fatalf("%d keys kept", len(th.failures))
	}
	for range 1000 {
		th.failed("admin", "10.0.0.2", false)
	}
	if n := len(th.failures[nameKey("admin")]); n > 64 {
		t.Fatalf("%d failures kept for one name", n)
	}
}

// TestSessionCookieFollowsTheSession: using the session extends the cookie
// with it, never past the session's 30-day end.
func TestSessionCookieFollowsTheSession(t *testing.T) {
	e := newEnv(t)
	first := e.loginFrom("192.0.2.1", "viewer", "password-viewer")
	ck := cookieNamed(first, cookieName)
	// Age the session: created 29 days 23 hours ago, about to go idle.
	created := time.Now().UTC().Add(-SessionMax + time.Hour)
	db, err := gorm.Open(sqlite.Open(filepath.Join(e.dir, "zhen.db")), &gorm.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if sqlDB, err := db.DB(); err == nil {
		defer sqlDB.Close()
	}
	if err := db.Model(&store.Session{}).Where("token_hash = ?", auth.TokenHash(ck.Value)).
		Updates(map[string]any{"created_at": created, "expires_at": time.Now().UTC().Add(time.Minute)}).Error; err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("GET", "/api/v1/session", nil)
	req.AddCookie(ck)
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	renewed := cookieNamed(rec, cookieName)
	if rec.Code != 200 || renewed == nil {
		t.Fatalf("%d, cookie %+v", rec.Code, renewed)
	}
	if left := time.Until(created.Add(SessionMax)); renewed.MaxAge > int(left.Seconds())+1 || renewed.MaxAge < int(left.Seconds())-5 {
		t.Fatalf("cookie lives %d s, the session %v", renewed.MaxAge, left)
	}
}

// TestPasswordChangeIsThrottled: a stolen session cannot guess the current
// password any faster than a login could.
func TestPasswordChangeIsThrottled(t *testing.T) {
	e := newEnv(t)
	v := e.as("viewer")
	codes := map[int]int{}
	for i := range 12 {
		rec := v.do("PUT", "/api/v1/account/password", strings.NewReader(`{"current":"guess-`+strconv.Itoa(i)+`","new":"long unrelated passphrase 7391"}`), "Content-Type", "application/json")
		codes[rec.Code]++
	}
	if codes[429] == 0 || codes[403] > 6 {
		t.Fatalf("12 wrong current passwords: %v", codes)
	}
}
