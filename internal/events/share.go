package events

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"time"
)

// Notifier carries payloads between the servers that share a database
// (store.Store on PostgreSQL: NOTIFY and LISTEN).
type Notifier interface {
	Notify(ctx context.Context, payload string) error
	Listen(ctx context.Context, ready chan<- struct{}, fn func(payload string)) error
}

// Share makes every event published on hub reach the subscribers of all
// the servers that share n, this one included, until ctx ends. An event
// too large for one notification travels without its data, and load (the
// changed clause as the API shows it) fills it in on arrival. Share
// returns once this server listens.
func Share(ctx context.Context, hub *Hub, n Notifier, maxPayload int, load func(ctx context.Context, clauseID uint) (json.RawMessage, error)) error {
	ready := make(chan struct{})
	failed := make(chan error, 1)
	go func() {
		failed <- n.Listen(ctx, ready, func(p string) {
			var e Event
			if err := json.Unmarshal([]byte(p), &e); err != nil {
				slog.Warn("unreadable event notification", "err", err)
				return
			}
			if e.Data == nil && e.ClauseID != 0 && e.Type == "clause" {
				data, err := load(ctx, e.ClauseID)
				if err != nil {
					slog.Warn("event for a clause that cannot be read", "clause", e.ClauseID, "err", err)
					return
				}
				e.Data = data
			}
			hub.Deliver(e)
		})
	}()
	select {
	case <-ready:
	case err := <-failed:
		return errors.Join(errors.New("cannot listen for other servers' events"), err)
	case <-time.After(30 * time.Second):
		return errors.New("cannot listen for other servers' events: no answer in 30 s")
	}
	hub.Relay = func(e Event) {
		p, _ := json.Marshal(e)
		if len(p) > maxPayload {
			e.Data = nil
			p, _ = json.Marshal(e)
		}
		if err := n.Notify(context.WithoutCancel(ctx), string(p)); err != nil {
			slog.Error("event not shared with other servers; delivered here only", "err", err)
			hub.Deliver(e)
		}
	}
	return nil
}
