package events

import (
	"sync"
	"testing"
)

func TestFanOut(t *testing.T) {
	var h Hub
	a, b := h.Subscribe(), h.Subscribe()
	h.Publish(Event{Type: "clause", Action: "save", ClauseID: 7})
	for _, s := range []*Subscription{a, b} {
		if e := <-s.C; e.ClauseID != 7 || e.Action != "save" {
			t.Fatalf("got %+v", e)
		}
	}
	a.Close()
	a.Close() // twice is harmless
	if _, open := <-a.C; open {
		t.Fatal("closed subscription still open")
	}
	if h.Subscribers() != 1 {
		t.Fatalf("%d subscribers", h.Subscribers())
	}
	b.Close()
}

func TestSlowSubscriberMissesInsteadOfBlocking(t *testing.T) {
	var h Hub
	s := h.Subscribe()
	defer s.Close()
	for i := range Buffer + 10 {
		h.Publish(Event{ClauseID: uint(i)})
	}
	if !s.Missed() || s.Missed() {
		t.Fatal("Missed should report the dropped events once")
	}
	if len(s.C) != Buffer {
		t.Fatalf("%d buffered", len(s.C))
	}
}

func TestConcurrentPublishAndClose(t *testing.T) {
	var h Hub
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(2)
		s := h.Subscribe()
		go func() {
			defer wg.Done()
			for range 100 {
				h.Publish(Event{Type: "clause"})
			}
		}()
		go func() {
			defer wg.Done()
			for range 10 {
				<-s.C
			}
			s.Close()
		}()
	}
	wg.Wait()
}
