package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/store"
)

// announce tells the servers on the same database about a change this
// command made, so that open editors show it: on PostgreSQL through the
// servers' notifications, on SQLite through the change log they follow.
// The change is saved already: a failure here only delays what editors see.
func announce(ctx context.Context, st *store.Store, e events.Event) {
	e.Actor = cliAuthor()
	p, _ := json.Marshal(e)
	var err error
	if st.Dialect == "postgres" {
		err = st.Notify(ctx, string(p))
	} else {
		err = st.LogChange(ctx, string(p))
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "zhen: saved, but open editors were not told (%v): they show the change after a reload\n", err)
	}
}

// reloadEvent tells editors to fetch what they show again: one event for a bulk
// change, not one per clause.
var reloadEvent = events.Event{Type: "reload", Action: "import"}

func glossaryEvent(action string) events.Event { return events.Event{Type: "glossary", Action: action} }
