package events

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"
)

// Logged is one entry of a change log: an event as JSON.
type Logged struct {
	ID      uint
	Payload string
}

// Follow delivers to hub's subscribers every event that other processes
// append to a change log (the CLI on a SQLite file the server shares),
// checking every interval, until ctx ends. read returns the entries after
// an id, oldest first; it starts after start, so that nothing older is
// replayed.
func Follow(ctx context.Context, hub *Hub, start uint, every time.Duration, read func(ctx context.Context, after uint) ([]Logged, error)) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	last := start
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		entries, err := read(ctx, last)
		if err != nil {
			if ctx.Err() == nil {
				slog.Warn("cannot read the change log: changes made by other processes may reach open editors late", "err", err)
			}
			continue
		}
		for _, en := range entries {
			last = en.ID
			var e Event
			if err := json.Unmarshal([]byte(en.Payload), &e); err != nil {
				slog.Warn("unreadable change log entry", "id", en.ID, "err", err)
				continue
			}
			hub.Deliver(e)
		}
	}
}
