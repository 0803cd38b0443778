package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/workbench"
)

// followEvery is how often a server on SQLite reads the change log.
var followEvery = 500 * time.Millisecond

// suggestQuiet is how long changes must pause before the glossary
// candidates are computed again (an import of many files is one burst).
var suggestQuiet = 5 * time.Second

// sharedEvents is where a server announces changes and hears of others':
// on PostgreSQL through notifications, on SQLite through the change log
// that every process on the file writes and every server follows. Either
// way a change made by any server or command reaches every server's
// event streams.
func sharedEvents(ctx context.Context, st *store.Store) (*events.Hub, error) {
	hub := &events.Hub{}
	if st.Dialect != "postgres" {
		start, err := st.LastChange(ctx)
		if err != nil {
			return nil, err
		}
		events.ShareLog(ctx, hub, start, followEvery, st.LogChange, changesAfter(st))
		return hub, nil
	}
	load := func(ctx context.Context, id uint) (json.RawMessage, error) {
		c, err := st.GetClause(ctx, id)
		if err != nil {
			return nil, err
		}
		return json.Marshal(c)
	}
	return hub, events.Share(ctx, hub, st, store.MaxNotify, load)
}

func changesAfter(st *store.Store) func(ctx context.Context, after uint) ([]events.Logged, error) {
	return func(ctx context.Context, after uint) ([]events.Logged, error) {
		cs, err := st.ChangesAfter(ctx, after, 100)
		out := make([]events.Logged, len(cs))
		for i, c := range cs {
			out[i] = events.Logged{ID: c.ID, Payload: c.Payload}
		}
		return out, err
	}
}

// cliWorkbench is the workbench a command changes data through: the same
// use cases as the API, its changes announced to the servers on the same
// database so that open editors show them.
func cliWorkbench(ctx context.Context, st *store.Store) *workbench.Workbench {
	send, limit := st.LogChange, 0
	if st.Dialect == "postgres" {
		send, limit = st.Notify, store.MaxNotify
	}
	hub := &events.Hub{}
	hub.Relay = events.Announcer(ctx, send, limit, func(err error) {
		// The change is saved already: only what editors see is late.
		fmt.Fprintf(os.Stderr, "zhen: saved, but open editors were not told (%v): they show the change after a reload\n", err)
	})
	return workbench.New(st, hub)
}

// cliActor is who a command acts as: the system user, with every right
// (whoever can run it can open the database directly).
func cliActor() workbench.Actor {
	return workbench.Actor{Name: cliAuthor(), Role: auth.Admin}
}

// demoActor is who the demo data is imported as.
var demoActor = workbench.Actor{Name: "demo", Role: auth.Admin}

func cliAuthor() string {
	if u := os.Getenv("USER"); u != "" {
		return u + " (cli)"
	}
	return "cli"
}
