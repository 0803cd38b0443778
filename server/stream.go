package server

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/events"
)

// heartbeat keeps idle event streams open through proxies.
var heartbeat = 25 * time.Second

// defaultSessionPoll is how often the open streams' sessions are checked
// in the database: it catches a session ended by another process (`zhen
// user disable`) or by expiry. Ends made through this server's API, or
// another server's on PostgreSQL, close the streams at once.
const defaultSessionPoll = time.Second

// maxStreamsPerSession and maxStreamsPerUser bound the event streams one
// session (a browser: one per tab) and one user (all their logins) may
// hold open: each holds a connection and a goroutine.
const (
	maxStreamsPerSession = 8
	maxStreamsPerUser    = 32
)

// sessionEnded is the event that tells every server's streams to check
// their sessions now. It never reaches a browser.
const sessionEnded = events.TypeSession

// stream sends server-sent events: every change to clauses, comments and
// the glossary, as it happens. When events were dropped (a slow client),
// it sends "reload" so that the client fetches what it missed. It ends,
// with an "ended" event, as soon as its session ends.
func (h *handlers) stream(c *gin.Context) {
	sid, uid := callerOf(c).session.ID, callerOf(c).user.ID
	open, ok := h.streams.add(sid, uid)
	if !ok {
		apiError(c, http.StatusTooManyRequests, "too_many_streams", fmt.Sprintf("you already have the most live-update connections open (%d a session, %d in all): close some Zhen tabs or log out elsewhere, then reload this page", maxStreamsPerSession, maxStreamsPerUser))
		return
	}
	defer h.streams.remove(sid, open)
	sub := h.events.Subscribe()
	defer sub.Close()
	// A stream lasts as long as the session: the server's read deadline,
	// which bounds slow request bodies, must not end it.
	_ = http.NewResponseController(c.Writer).SetReadDeadline(time.Time{})
	w := c.Writer
	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream")
	hd.Set("Cache-Control", "no-cache")
	hd.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 3000\n\n")
	w.Flush()
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	ctx := c.Request.Context()
	for {
		select {
		case <-ctx.Done():
			return
		case <-h.cfg.Stop:
			return
		case <-open.ended:
			fmt.Fprint(w, "event: ended\ndata: {}\n\n")
			w.Flush()
			return
		case <-tick.C:
			fmt.Fprint(w, ": ping\n\n")
		case e, ok := <-sub.C:
			if !ok {
				return
			}
			if e.Type == sessionEnded {
				h.streams.checkNow()
				continue
			}
			data, _ := json.Marshal(e)
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.Type, data)
		}
		if sub.Missed() {
			h.streams.checkNow() // a dropped event may have been a session's end
			fmt.Fprint(w, "event: reload\ndata: {}\n\n")
		}
		w.Flush()
	}
}

// liveSessions is what the stream watcher needs of the store.
type liveSessions interface {
	LiveSessionIDs(ctx context.Context, ids []uint) ([]uint, error)
}

// streams is the set of open event streams by session. While any is open,
// a watcher checks their sessions every sessionPoll, or at once when asked,
// and ends the streams of sessions that are no longer live.
type streams struct {
	st      liveSessions
	stop    <-chan struct{}
	poll    time.Duration
	mu      sync.Mutex
	open    map[uint]map[*openStream]struct{}
	perUser map[uint]int
	running bool
	kick    chan struct{}
}

type openStream struct {
	ended chan struct{}
	user  uint
}

func newStreams(st liveSessions, stop <-chan struct{}, poll time.Duration) *streams {
	if poll <= 0 {
		poll = defaultSessionPoll
	}
	return &streams{st: st, stop: stop, poll: poll, open: map[uint]map[*openStream]struct{}{}, perUser: map[uint]int{}, kick: make(chan struct{}, 1)}
}

// add registers a stream of session sid of user uid; false when the
// session or the user has the most open already.
func (s *streams) add(sid, uid uint) (*openStream, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.open[sid]) >= maxStreamsPerSession || s.perUser[uid] >= maxStreamsPerUser {
		return nil, false
	}
	s.perUser[uid]++
	if s.open[sid] == nil {
		s.open[sid] = map[*openStream]struct{}{}
	}
	o := &openStream{ended: make(chan struct{}), user: uid}
	s.open[sid][o] = struct{}{}
	if !s.running {
		s.running = true
		go s.watch()
	}
	return o, true
}

func (s *streams) remove(sid uint, o *openStream) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.perUser[o.user]--; s.perUser[o.user] <= 0 {
		delete(s.perUser, o.user)
	}
	delete(s.open[sid], o)
	if len(s.open[sid]) == 0 {
		delete(s.open, sid)
	}
}

// checkNow asks the watcher to check the sessions without waiting for the
// next poll.
func (s *streams) checkNow() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// watch runs while streams are open.
func (s *streams) watch() {
	tick := time.NewTicker(s.poll)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
		case <-s.kick:
		case <-s.stop:
			s.mu.Lock()
			s.running = false
			s.mu.Unlock()
			return
		}
		ids := s.sessions()
		if ids == nil {
			return // no stream left; the next one starts a new watcher
		}
		live, err := s.st.LiveSessionIDs(context.Background(), ids)
		if err != nil {
			slog.Warn("cannot check the sessions of open event streams", "err", err)
			continue
		}
		s.end(ids, live)
	}
}

// sessions lists the sessions with open streams; nil (and the watcher
// stops) when there are none.
func (s *streams) sessions() []uint {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.open) == 0 {
		s.running = false
		return nil
	}
	ids := make([]uint, 0, len(s.open))
	for id := range s.open {
		ids = append(ids, id)
	}
	return ids
}

// end closes the streams of the sessions in ids that are not in live.
func (s *streams) end(ids, live []uint) {
	alive := make(map[uint]bool, len(live))
	for _, id := range live {
		alive[id] = true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		if alive[id] {
			continue
		}
		for o := range s.open[id] {
			close(o.ended)
		}
		delete(s.open, id)
	}
}
