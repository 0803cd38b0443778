package events

import (
	"context"
	"sync"
	"testing"
	"time"
)

// memLog is a change log in memory, as the SQLite table behaves: ids
// ascending, read after an id.
type memLog struct {
	mu      sync.Mutex
	entries []Logged
}

func (l *memLog) write(_ context.Context, p string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, Logged{ID: uint(len(l.entries) + 1), Payload: p})
	return nil
}

func (l *memLog) read(_ context.Context, after uint) ([]Logged, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []Logged
	for _, e := range l.entries {
		if e.ID > after && len(out) < 3 { // a small page: bursts take several reads
			out = append(out, e)
		}
	}
	return out, nil
}

// Two servers on one change log: each event reaches every subscriber
// exactly once — the publishing server's at once, the other's through the
// log — and a command's announcement (no origin) reaches both.
func TestShareLogDeliversEachEventOnce(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	log := &memLog{}
	var a, b Hub
	ShareLog(ctx, &a, 0, 5*time.Millisecond, log.write, log.read)
	ShareLog(ctx, &b, 0, 5*time.Millisecond, log.write, log.read)
	subA, subB := a.Subscribe(), b.Subscribe()
	cli := Announcer(ctx, log.write, 0, func(err error) { t.Error(err) })

	for i := range 5 {
		a.Publish(Event{Type: TypeClause, Action: "save", ClauseID: uint(i + 1)})
	}
	b.Publish(Event{Type: TypeGlossary, Action: "created"})
	cli(Event{Type: TypeReload, Action: "import"})

	want := map[string]int{"clause": 5, "glossary": 1, "reload": 1}
	for name, sub := range map[string]*Subscription{"A": subA, "B": subB} {
		got := map[string]int{}
		deadline := time.After(5 * time.Second)
	collect:
		for {
			select {
			case e := <-sub.C:
				got[e.Type]++
			case <-time.After(100 * time.Millisecond):
				if got["clause"] >= 5 && got["glossary"] >= 1 && got["reload"] >= 1 {
					break collect
				}
			case <-deadline:
				break collect
			}
		}
		for k, n := range want {
			if got[k] != n {
				t.Errorf("server %s received %d %s events, want %d (all: %v)", name, got[k], k, n, got)
			}
		}
	}
}
