package events

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"
)

// bus is an in-memory Notifier shared by several hubs, as PostgreSQL is
// shared by several servers.
type bus struct {
	mu        sync.Mutex
	listeners []func(string)
	max       int
}

func (b *bus) Notify(_ context.Context, p string) error {
	if len(p) > b.max {
		panic("payload over the limit")
	}
	b.mu.Lock()
	ls := append([]func(string){}, b.listeners...)
	b.mu.Unlock()
	for _, l := range ls {
		l(p)
	}
	return nil
}

func (b *bus) Listen(ctx context.Context, ready chan<- struct{}, fn func(string)) error {
	b.mu.Lock()
	b.listeners = append(b.listeners, fn)
	b.mu.Unlock()
	close(ready)
	<-ctx.Done()
	return nil
}

func TestShareAcrossHubs(t *testing.T) {
	b := &bus{max: 200}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	loaded := 0
	load := func(_ context.Context, id uint) (json.RawMessage, error) {
		loaded++
		return json.RawMessage(`{"id":` + "7" + `,"target":"long"}`), nil
	}
	var one, two Hub
	for _, h := range []*Hub{&one, &two} {
		if err := Share(ctx, h, b, b.max, load); err != nil {
			t.Fatal(err)
		}
	}
	s1, s2 := one.Subscribe(), two.Subscribe()
	one.Publish(Event{Type: "clause", Action: "save", ClauseID: 7, Data: json.RawMessage(`{"id":7}`)})
	for _, s := range []*Subscription{s1, s2} {
		select {
		case e := <-s.C:
			if e.ClauseID != 7 || string(e.Data) != `{"id":7}` {
				t.Fatalf("got %+v", e)
			}
		case <-time.After(time.Second):
			t.Fatal("event did not arrive on both servers")
		}
	}
	// Too large for one notification: sent without data, loaded on arrival.
	big := json.RawMessage(`{"target":"` + strings.Repeat("x", 300) + `"}`)
	two.Publish(Event{Type: "clause", Action: "save", ClauseID: 7, Data: big})
	for _, s := range []*Subscription{s1, s2} {
		if e := <-s.C; string(e.Data) != `{"id":7,"target":"long"}` {
			t.Fatalf("large event: %s", e.Data)
		}
	}
	if loaded != 2 {
		t.Fatalf("loaded %d times", loaded)
	}
}
