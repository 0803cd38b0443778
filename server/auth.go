package server

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/workbench"
)

// Sessions: a cookie for the browser, the same token as a bearer token for
// scripts. A session lives SessionIdle past its last use, and never longer
// than SessionMax after the login.
const (
	cookieName   = "zhen_session"
	deviceCookie = "zhen_device" // a browser that has logged in before (see auth.NewDeviceToken)
	csrfHeader   = "X-CSRF-Token"
	SessionIdle  = 12 * time.Hour
	SessionMax   = 30 * 24 * time.Hour
)

// caller is who is asking: the user and the session, and whether the token
// came in the cookie (then writes need the CSRF header too).
type caller struct {
	user    store.User
	session store.Session
	cookie  bool
}

const callerKey = "zhen.caller"

func callerOf(c *gin.Context) *caller {
	v, _ := c.Get(callerKey)
	cl, _ := v.(*caller)
	return cl
}

// author is the name edits are recorded under.
func author(c *gin.Context) string { return callerOf(c).user.Username }

func roleOf(c *gin.Context) auth.Role {
	if cl := callerOf(c); cl != nil {
		return auth.Role(cl.user.Role)
	}
	return auth.Public
}

// authenticate finds the caller's session, from the Authorization header
// or the cookie, and lets the request through only if its role allows
// need. Cookie-authenticated writes must also carry the session's CSRF
// secret in X-CSRF-Token: another site can make the browser send the
// cookie, but cannot read the secret.
func (h *handlers) authenticate(need auth.Role) gin.HandlerFunc {
	return func(c *gin.Context) {
		if need == auth.Public {
			c.Next()
			return
		}
		cl, err := h.resolve(c)
		switch {
		case errors.Is(err, store.ErrNotFound):
			h.clearCookie(c)
			apiError(c, http.StatusUnauthorized, "unauthenticated", "your session has ended: log in again")
			return
		case err != nil:
			fail(c, err)
			return
		case cl == nil:
			apiError(c, http.StatusUnauthorized, "unauthenticated", "log in first: POST /api/v1/session, or send Authorization: Bearer TOKEN")
			return
		}
		c.Set(callerKey, cl)
		if cl.cookie && !isRead(c.Request.Method) && !auth.SameSecret(c.GetHeader(csrfHeader), cl.session.CSRF) {
			apiError(c, http.StatusForbidden, "csrf", "the request lacks this session's "+csrfHeader+" header: reload the page and try again")
			return
		}
		if !auth.Role(cl.user.Role).Allows(need) {
			apiError(c, http.StatusForbidden, "forbidden", fmt.Sprintf("this needs the %s role; you are %s %s", need, article(cl.user.Role), cl.user.Role))
			return
		}
		c.Next()
	}
}

func article(role string) string {
	if role != "" && strings.ContainsRune("aeiou", rune(role[0])) {
		return "an"
	}
	return "a"
}

func isRead(method string) bool {
	return method == http.MethodGet || method == http.MethodHead || method == http.MethodOptions
}

// resolve returns the caller, nil when the request carries no token, or
// store.ErrNotFound when its token is no (longer a) live session.
func (h *handlers) resolve(c *gin.Context) (*caller, error) {
	token, cookie := "", false
	if a := c.GetHeader("Authorization"); a != "" {
		scheme, t, _ := strings.Cut(a, " ")
		if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(t) == "" {
			return nil, store.ErrNotFound
		}
		token = strings.TrimSpace(t)
	} else if ck, err := c.Cookie(cookieName); err == nil && ck != "" {
		token, cookie = ck, true
	}
	if token == "" {
		return nil, nil
	}
	ctx := c.Request.Context()
	su, err := h.st.LiveSession(ctx, auth.TokenHash(token))
	if err != nil {
		return nil, err
	}
	// Extend an idle session, at most once a minute: one write per user
	// per minute, not one per request.
	next := time.Now().UTC().Add(SessionIdle)
	if limit := su.Session.CreatedAt.Add(SessionMax); next.After(limit) {
		next = limit
	}
	if next.Sub(su.Session.ExpiresAt) > time.Minute {
		if err := h.wb.ExtendSession(ctx, workbench.ExtendSession{Session: su.Session.ID, Expires: next}); err != nil {
			return nil, err
		}
		su.Session.ExpiresAt = next
		if cookie {
			h.setSessionCookie(c, token, next)
		}
	}
	return &caller{user: su.User, session: su.Session, cookie: cookie}, nil
}

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// login checks a user name and password. A wrong name and a wrong password
// get the same answer in the same time. Guessing is slowed by the login
// throttle, which never locks the owner out (see loginThrottle).
func (h *handlers) login(c *gin.Context) {
	var req loginRequest
	if !bindJSON(c, &req) {
		return
	}
	name, _ := auth.NormalizeUsername(req.Username)
	ctx := c.Request.Context()
	u, err := h.st.UserByName(ctx, name)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		fail(c, err)
		return
	}
	now := time.Now()
	device, _ := c.Cookie(deviceCookie)
	trusted := err == nil && !u.Disabled && auth.DeviceKnows(device, u.Username, u.PasswordHash, now)
	addr := c.ClientIP()
	if t := h.throttle.check(name, addr, trusted); t != nil {
		c.Header("Retry-After", fmt.Sprint(int(t.wait.Seconds())+1))
		apiError(c, http.StatusTooManyRequests, "rate_limited", t.message)
		return
	}
	if !auth.PasswordMatches(u.PasswordHash, req.Password) || u.Disabled {
		h.throttle.failed(name, addr, trusted)
		apiError(c, http.StatusUnauthorized, "invalid_credentials", "wrong user name or password")
		return
	}
	h.throttle.succeeded(name, addr)
	started, err := h.wb.StartSession(ctx, workbench.StartSession{User: u.ID, UserAgent: truncate(c.GetHeader("User-Agent"), 200), Expires: now.UTC().Add(SessionIdle)})
	if err != nil {
		fail(c, err)
		return
	}
	token, sess := started.Token, started.Session
	h.setSessionCookie(c, token, sess.ExpiresAt)
	http.SetCookie(c.Writer, &http.Cookie{Name: deviceCookie, Value: auth.NewDeviceToken(u.Username, u.PasswordHash, now),
		Path: "/api/v1/session", HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: h.secure(c),
		MaxAge: int(auth.DeviceLifetime.Seconds())})
	c.JSON(http.StatusOK, gin.H{"token": token, "csrf": started.CSRF, "user": u, "expires_at": sess.ExpiresAt})
}

// setSessionCookie sends the session cookie to live exactly as long as the
// session: a browser forgets it when the session would have expired.
func (h *handlers) setSessionCookie(c *gin.Context, token string, expires time.Time) {
	http.SetCookie(c.Writer, &http.Cookie{Name: cookieName, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: h.secure(c), MaxAge: max(1, int(time.Until(expires).Seconds()))})
}

func truncate(s string, n int) string {
	if len(s) > n {
		return strings.ToValidUTF8(s[:n], "")
	}
	return s
}

// secure says whether cookies must be HTTPS-only: behind TLS, or a proxy
// that says it terminated TLS.
func (h *handlers) secure(c *gin.Context) bool {
	return c.Request.TLS != nil || h.cfg.SecureCookies
}

func (h *handlers) clearCookie(c *gin.Context) {
	if _, err := c.Cookie(cookieName); err == nil {
		http.SetCookie(c.Writer, &http.Cookie{Name: cookieName, Value: "", Path: "/", HttpOnly: true,
			SameSite: http.SameSiteStrictMode, Secure: h.secure(c), MaxAge: -1})
	}
}

func (h *handlers) currentSession(c *gin.Context) {
	cl := callerOf(c)
	c.JSON(http.StatusOK, gin.H{"user": cl.user, "csrf": cl.session.CSRF, "expires_at": cl.session.ExpiresAt})
}

func (h *handlers) logout(c *gin.Context) {
	cl := callerOf(c)
	if err := h.wb.EndSession(c.Request.Context(), actor(c), workbench.EndSession{User: cl.user.ID, Session: cl.session.ID}); err != nil {
		fail(c, err)
		return
	}
	h.streams.checkNow()
	h.clearCookie(c)
	c.Status(http.StatusNoContent)
}

func (h *handlers) listSessions(c *gin.Context) {
	cl := callerOf(c)
	ss, err := h.st.Sessions(c.Request.Context(), cl.user.ID)
	if err != nil {
		fail(c, err)
		return
	}
	type view struct {
		store.Session
		Current bool `json:"current"`
	}
	out := make([]view, len(ss))
	for i, s := range ss {
		out[i] = view{s, s.ID == cl.session.ID}
	}
	c.JSON(http.StatusOK, gin.H{"sessions": out})
}

// revokeSession ends one of the caller's own sessions (say, on a lost laptop).
func (h *handlers) revokeSession(c *gin.Context) {
	id, ok := idParam(c)
	if !ok {
		return
	}
	cl := callerOf(c)
	if err := h.wb.EndSession(c.Request.Context(), actor(c), workbench.EndSession{User: cl.user.ID, Session: id}); err != nil {
		fail(c, err)
		return
	}
	h.streams.checkNow()
	c.Status(http.StatusNoContent)
}

type passwordRequest struct {
	Current string `json:"current"`
	New     string `json:"new"`
}

// changePassword sets the caller's own password; the caller's other
// sessions end.
func (h *handlers) changePassword(c *gin.Context) {
	var req passwordRequest
	if !bindJSON(c, &req) {
		return
	}
	cl := callerOf(c)
	// A stolen session must not become a way to guess the password: the
	// same throttle as the login.
	addr := c.ClientIP()
	if t := h.throttle.check(cl.user.Username, addr, false); t != nil {
		c.Header("Retry-After", fmt.Sprint(int(t.wait.Seconds())+1))
		apiError(c, http.StatusTooManyRequests, "rate_limited", t.message)
		return
	}
	err := h.wb.ChangeOwnPassword(c.Request.Context(), actor(c), workbench.ChangeOwnPassword{User: cl.user, Current: req.Current, New: req.New, KeepSession: cl.session.ID})
	if err == workbench.ErrWrongPassword {
		h.throttle.failed(cl.user.Username, addr, false)
	}
	if err != nil {
		fail(c, err)
		return
	}
	h.streams.checkNow()
	c.Status(http.StatusNoContent)
}
