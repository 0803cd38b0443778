package events

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"log/slog"
	"time"
)

// Logged is one entry of a change log: an event as JSON.
type Logged struct {
	ID      uint
	Payload string
}

// logged is an event as a change log keeps it, with the process that
// wrote it: that process delivered it already, and skips it when it reads
// the log.
type logged struct {
	Event
	Origin string `json:"origin,omitempty"`
}

// ShareLog makes every event published on hub reach this process's
// subscribers at once and, through a change log (a table of the SQLite
// file the processes share), every other server's within a tick; events
// other processes append reach this hub's subscribers the same way. write
// appends a payload to the log; read returns the entries after an id,
// oldest first, starting after start (nothing older is replayed). It runs
// until ctx ends.
func ShareLog(ctx context.Context, hub *Hub, start uint, every time.Duration,
	write func(ctx context.Context, payload string) error, read func(ctx context.Context, after uint) ([]Logged, error)) {
	origin := rand.Text()
	hub.Relay = func(e Event) {
		hub.Deliver(e)
		p, _ := json.Marshal(logged{e, origin})
		if err := write(context.WithoutCancel(ctx), string(p)); err != nil {
			slog.Error("event not written to the change log: other servers' editors see the change after a reload", "err", err)
		}
	}
	go follow(ctx, hub, origin, start, every, read)
}

// Announcer is a Relay for a process that listens to nobody (the CLI): it
// sends every event to the servers (send: a notification or a change log
// entry), without its data if the whole would be larger than maxPayload (0:
// no limit), and reports a failure to failed.
func Announcer(ctx context.Context, send func(ctx context.Context, payload string) error, maxPayload int, failed func(error)) func(Event) {
	return func(e Event) {
		p, _ := json.Marshal(e)
		if maxPayload > 0 && len(p) > maxPayload {
			e.Data = nil
			p, _ = json.Marshal(e)
		}
		if err := send(context.WithoutCancel(ctx), string(p)); err != nil {
			failed(err)
		}
	}
}

// follow delivers to hub's subscribers the events that other processes
// append to the change log, checking every interval, until ctx ends.
func follow(ctx context.Context, hub *Hub, origin string, start uint, every time.Duration, read func(ctx context.Context, after uint) ([]Logged, error)) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	last := start
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		// Read until the log has nothing newer: a burst is delivered at
		// once, not a page a tick.
		for {
			entries, err := read(ctx, last)
			if err != nil {
				if ctx.Err() == nil {
					slog.Warn("cannot read the change log: changes made by other processes may reach open editors late", "err", err)
				}
				break
			}
			if len(entries) == 0 {
				break
			}
			for _, en := range entries {
				last = en.ID
				var e logged
				if err := json.Unmarshal([]byte(en.Payload), &e); err != nil {
					slog.Warn("unreadable change log entry", "id", en.ID, "err", err)
					continue
				}
				if e.Origin != origin {
					hub.Deliver(e.Event)
				}
			}
		}
	}
}
