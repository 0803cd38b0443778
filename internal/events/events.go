// Package events fans changes out to whoever is listening (the browser
// editors, through server-sent events). A slow listener misses events
// rather than slowing down the writer: its channel is buffered, and an
// event that does not fit is dropped and the listener told to reload.
package events

import (
	"encoding/json"
	"sync"
)

// The kinds of event (Event.Type), as the browser's event stream names
// them.
const (
	TypeClause   = "clause"   // one clause changed; Data is the clause
	TypeComment  = "comment"  // a comment was added; Data is the comment
	TypeDocument = "document" // a statement's clauses were split, merged or renamed: reload it
	TypeGlossary = "glossary" // the glossary changed: findings and highlights may have too
	TypeFindings = "findings" // a finding was dismissed or restored
	TypeReload   = "reload"   // a bulk change (an import): reload whatever is shown
	TypeSession  = "session"  // sessions ended: streams check theirs at once
	TypeInbox    = "inbox"    // users' inboxes changed; Data is {"users": [names]}
	// An assignment was created, changed (Data: it with its progress) or
	// deleted (Data: {"id": N}) (issue 18).
	TypeAssignment = "assignment"
)

// Event is one change: what happened, to what, by whom.
type Event struct {
	Type     string          `json:"type"`   // one of the Type… constants
	Action   string          `json:"action"` // save, submit, approve, reject, restore, comment; created, updated, deleted, imported
	Actor    string          `json:"actor"`
	ClauseID uint            `json:"clause_id,omitempty"`
	Document uint            `json:"document_id,omitempty"`
	Data     json.RawMessage `json:"data,omitempty"` // the changed object as the API shows it
}

// Hub is a set of subscribers. The zero value is ready to use.
//
// Relay, when set before use, carries every published event to all the
// servers that share the database (PostgreSQL NOTIFY), this one included;
// they hand it to Deliver. Unset, Publish delivers here only.
type Hub struct {
	Relay func(Event)
	mu    sync.Mutex
	subs  map[*Subscription]struct{}
}

// Subscription receives events until Close.
type Subscription struct {
	C      <-chan Event
	c      chan Event
	hub    *Hub
	missed bool // an event was dropped: the listener should reload
}

// Buffer is how many events a subscriber may fall behind by.
const Buffer = 64

// Subscribe starts receiving events.
func (h *Hub) Subscribe() *Subscription {
	c := make(chan Event, Buffer)
	s := &Subscription{C: c, c: c, hub: h}
	h.mu.Lock()
	if h.subs == nil {
		h.subs = map[*Subscription]struct{}{}
	}
	h.subs[s] = struct{}{}
	h.mu.Unlock()
	return s
}

// Close stops the subscription and closes its channel.
func (s *Subscription) Close() {
	h := s.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.subs[s]; ok {
		delete(h.subs, s)
		close(s.c)
	}
}

// Missed says whether events were dropped since the last call, and resets.
func (s *Subscription) Missed() bool {
	s.hub.mu.Lock()
	defer s.hub.mu.Unlock()
	m := s.missed
	s.missed = false
	return m
}

// Publish announces e: through the Relay when there is one, else to this
// hub's subscribers.
func (h *Hub) Publish(e Event) {
	if h.Relay != nil {
		h.Relay(e)
		return
	}
	h.Deliver(e)
}

// Deliver sends e to every subscriber of this hub without waiting for any.
func (h *Hub) Deliver(e Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		select {
		case s.c <- e:
		default:
			s.missed = true
		}
	}
}

// Subscribers is how many are listening.
func (h *Hub) Subscribers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}
