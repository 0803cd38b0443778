package server

import (
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// Timeouts that keep a slow or silent client from holding a connection
// (and a goroutine) forever. There is no write timeout: an event stream
// lasts as long as its session, and an export as long as the corpus takes;
// both end when the client goes away.
var (
	headerTimeout = 10 * time.Second // to send the request line and headers
	bodyIdle      = 30 * time.Second // between two pieces of a request body
	bodyTotal     = 5 * time.Minute  // for a whole request body (a 20 MB upload at 0.6 Mbit/s)
	idleTimeout   = 2 * time.Minute  // a kept-alive connection between requests
)

// NewHTTPServer returns the http.Server that serves h with those timeouts.
func NewHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: headerTimeout,
		ReadTimeout:       bodyTotal, // the backstop; bodyDeadline refines it per request
		IdleTimeout:       idleTimeout,
	}
}

// bodyDeadline gives a request body bodyIdle between pieces and bodyTotal
// in all, then lifts the read deadline once the body is read. Without the
// lift, net/http would cancel the request's context when the deadline
// passes during a long export, import or event stream. A request without
// a body has its deadline lifted at once.
func bodyDeadline(c *gin.Context) {
	rc := http.NewResponseController(c.Writer)
	if c.Request.Body == nil || c.Request.Body == http.NoBody || c.Request.ContentLength == 0 {
		_ = rc.SetReadDeadline(time.Time{})
		c.Next()
		return
	}
	end := time.Now().Add(bodyTotal)
	if rc.SetReadDeadline(earlier(time.Now().Add(bodyIdle), end)) != nil {
		c.Next() // not a real connection (tests): nothing to bound
		return
	}
	c.Request.Body = &deadlineBody{ReadCloser: c.Request.Body, rc: rc, end: end}
	c.Next()
}

type deadlineBody struct {
	io.ReadCloser
	rc   *http.ResponseController
	end  time.Time
	done bool
}

func (b *deadlineBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	switch {
	case b.done:
	case err == io.EOF:
		b.done = true
		_ = b.rc.SetReadDeadline(time.Time{})
	case err == nil:
		_ = b.rc.SetReadDeadline(earlier(time.Now().Add(bodyIdle), b.end))
	}
	return n, err
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// maxUploads is how many uploads are read and imported at once; each holds
// a few times its file in memory (up to 20 MB a file). Another waits up to
// uploadWait for a slot, then gets 503.
var (
	maxUploads = 4
	uploadWait = 10 * time.Second
)

// oneOfFewUploads runs an upload handler in one of maxUploads slots.
func (h *handlers) oneOfFewUploads(next gin.HandlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		wait := time.NewTimer(uploadWait)
		defer wait.Stop()
		select {
		case h.uploads <- struct{}{}:
			defer func() { <-h.uploads }()
			next(c)
		case <-c.Request.Context().Done():
			c.Abort()
		case <-wait.C:
			c.Header("Retry-After", "30")
			apiError(c, http.StatusServiceUnavailable, "busy", fmt.Sprintf("the server is importing %d other files just now: try again in a minute", maxUploads))
		}
	}
}
