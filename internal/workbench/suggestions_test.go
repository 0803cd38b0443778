package workbench

import (
	"context"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/store"
)

// Glossary candidates are computed once and then read from the table;
// a term added since is left out at once; KeepSuggestions computes them
// again after an import, not after a save.
func TestSuggestionsAreStoredAndKeptCurrent(t *testing.T) {
	forEachDB(t, func(t *testing.T, w *Workbench, st *store.Store, rec *recorder) {
		ctx := t.Context()
		first, at, err := w.Suggestions(ctx, 20)
		if err != nil || len(first) == 0 || at.IsZero() {
			t.Fatalf("first read: %d suggestions at %v, %v", len(first), at, err)
		}
		again, at2, err := w.Suggestions(ctx, 20)
		if err != nil || !at2.Equal(at) || len(again) != len(first) {
			t.Fatalf("second read computed again: %v then %v (%v)", at, at2, err)
		}
		top := first[0].Text
		if _, err := w.AddTerm(ctx, reviewer, AddTerm{glossary.Entry{ZH: top, EN: "a term"}}); err != nil {
			t.Fatal(err)
		}
		now, _, err := w.Suggestions(ctx, 20)
		if err != nil || len(now) == 0 || now[0].Text == top {
			t.Fatalf("%s is in the glossary but still suggested: %+v", top, now)
		}

		changes := make(chan events.Event, 4)
		keepCtx, stop := context.WithCancel(ctx)
		ended := make(chan struct{})
		go func() { w.KeepSuggestions(keepCtx, changes, 20*time.Millisecond); close(ended) }()
		computedAt := func() time.Time {
			_, at, _, err := st.Suggestions(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return at
		}
		changes <- events.Event{Type: events.TypeClause, Action: "save"}
		time.Sleep(300 * time.Millisecond)
		if !computedAt().Equal(at) {
			t.Fatal("a save made the candidates be computed again")
		}
		changes <- events.Event{Type: events.TypeReload, Action: "import"}
		deadline := time.Now().Add(20 * time.Second)
		for computedAt().Equal(at) {
			if time.Now().After(deadline) {
				t.Fatal("an import did not make the candidates be computed again")
			}
			time.Sleep(20 * time.Millisecond)
		}
		stop()
		select {
		case <-ended:
		case <-time.After(10 * time.Second):
			t.Fatal("KeepSuggestions did not end with its context")
		}
	})
}
