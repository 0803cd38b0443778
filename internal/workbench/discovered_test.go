package workbench

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/store"
)

// Discovered terms are computed, stored and read a page at a time; whether
// a term is in the glossary is read when asked; KeepDiscovered computes
// them again after a save (English changes them), not after a comment.
func TestDiscoveredTermsAreStoredAndKeptCurrent(t *testing.T) {
	forEachDB(t, func(t *testing.T, w *Workbench, st *store.Store, rec *recorder) {
		ctx := t.Context()
		page, err := w.Discovered(ctx, 0, 0, 20)
		if err != nil || page.ComputedAt != nil || !page.Computing || len(page.Terms) != 0 {
			t.Fatalf("before the first computation: %+v, %v", page, err)
		}

		// Four clauses with 上海合作组织, its English spelt two ways.
		all, _, err := st.ListClauses(ctx, store.ClauseFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var sco []store.Clause
		for _, c := range all {
			if strings.Contains(c.Source, "上海合作组织") && len(sco) < 4 {
				sco = append(sco, c)
			}
		}
		if len(sco) < 4 {
			t.Fatalf("the seed has %d clauses with 上海合作组织", len(sco))
		}
		english := []string{
			"The two sides support the Shanghai Cooperation Organisation in its work.",
			"The Shanghai Cooperation Organisation plays a constructive role.",
			"The two sides will strengthen the Shanghai Cooperation Organization.",
			"Both sides value the Shanghai Cooperation Organization and its members.",
		}
		for i, c := range sco {
			if _, err := w.Save(ctx, translator, Save{Clause: c.ID, Version: c.Version, Text: english[i]}); err != nil {
				t.Fatal(err)
			}
		}
		rec.take()
		if err := w.RefreshDiscovered(ctx); err != nil {
			t.Fatal(err)
		}
		page, err = w.Discovered(ctx, 0, 0, 20)
		if err != nil || page.ComputedAt == nil || page.Computing {
			t.Fatalf("after computing: %+v, %v", page, err)
		}
		i := slices.IndexFunc(page.Terms, func(d glossary.DiscoveredTerm) bool { return d.ZH == "上海合作组织" })
		if i < 0 {
			t.Fatalf("上海合作组织, Organisation ×2 and Organization ×2, not discovered: %+v", page.Terms)
		}
		d := page.Terms[i]
		var ens []string
		for _, r := range d.Renderings {
			ens = append(ens, r.EN)
		}
		slices.Sort(ens)
		if !slices.Equal(ens, []string{"Shanghai Cooperation Organisation", "Shanghai Cooperation Organization"}) || d.InGlossary {
			t.Fatalf("上海合作组织 = %+v", d)
		}
		if page.Total != len(page.Terms) {
			t.Errorf("total %d for %d terms on one page", page.Total, len(page.Terms))
		}

		// Filters and pages.
		doc := d.Renderings[0].Documents[0]
		inDoc, err := w.Discovered(ctx, doc, 0, 20)
		if err != nil || !slices.ContainsFunc(inDoc.Terms, func(x glossary.DiscoveredTerm) bool { return x.ZH == "上海合作组织" }) {
			t.Fatalf("statement %d's terms: %+v, %v", doc, inDoc, err)
		}
		if page.Total > 1 {
			second, err := w.Discovered(ctx, 0, 1, 1)
			if err != nil || len(second.Terms) != 1 || second.Terms[0].ZH != page.Terms[1].ZH || second.Total != page.Total {
				t.Fatalf("the second term alone: %+v, %v", second, err)
			}
		}

		// In the glossary now: read live, not recomputed.
		if _, err := w.AddTerm(ctx, reviewer, AddTerm{glossary.Entry{ZH: "上海合作组织", EN: "Shanghai Cooperation Organisation"}}); err != nil {
			t.Fatal(err)
		}
		rec.take()
		again, err := w.Discovered(ctx, 0, 0, 20)
		if err != nil || !again.ComputedAt.Equal(*page.ComputedAt) {
			t.Fatalf("a read computed again: %v, %v", again.ComputedAt, err)
		}
		if j := slices.IndexFunc(again.Terms, func(x glossary.DiscoveredTerm) bool { return x.ZH == "上海合作组织" }); j < 0 || !again.Terms[j].InGlossary || again.Terms[j].EntryID == 0 {
			t.Fatalf("上海合作组织 is in the glossary, the page says %+v", again.Terms)
		}

		changes := make(chan events.Event, 4)
		keepCtx, stop := context.WithCancel(ctx)
		ended := make(chan struct{})
		go func() { w.KeepDiscovered(keepCtx, changes, 20*time.Millisecond); close(ended) }()
		computedAt := func() time.Time {
			_, at, _, err := st.Discovered(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return at
		}
		at := computedAt()
		changes <- events.Event{Type: events.TypeComment, Action: "add"}
		time.Sleep(300 * time.Millisecond)
		if !computedAt().Equal(at) {
			t.Fatal("a comment made the discovered terms be computed again")
		}
		changes <- events.Event{Type: events.TypeClause, Action: "save"}
		deadline := time.Now().Add(20 * time.Second)
		for computedAt().Equal(at) {
			if time.Now().After(deadline) {
				t.Fatal("a save did not make the discovered terms be computed again")
			}
			time.Sleep(20 * time.Millisecond)
		}
		stop()
		select {
		case <-ended:
		case <-time.After(10 * time.Second):
			t.Fatal("KeepDiscovered did not end with its context")
		}
	})
}

// Computations over the whole corpus run one at a time: a second waits
// for the first, and gives up when its context ends.
func TestOneCorpusWideComputationAtATime(t *testing.T) {
	forEachDB(t, func(t *testing.T, w *Workbench, st *store.Store, rec *recorder) {
		release, err := w.oneCorpusWide(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
		defer cancel()
		if err := w.RefreshDiscovered(ctx); err == nil {
			t.Fatal("discovery ran beside another corpus-wide computation")
		}
		release()
		if err := w.RefreshDiscovered(t.Context()); err != nil {
			t.Fatal(err)
		}
	})
}

// A change that b.cancels refuses lets the run under way finish and then
// brings another; one it accepts cancels the run.
func TestKeepCurrentLetsARunFinish(t *testing.T) {
	started := make(chan context.Context, 4)
	finish := make(chan struct{})
	changes := make(chan events.Event)
	ctx, stop := context.WithCancel(t.Context())
	defer stop()
	go keepCurrent(ctx, changes, 10*time.Millisecond, background{
		name:     "test",
		triggers: func(events.Event) bool { return true },
		cancels:  func(e events.Event) bool { return e.Type != events.TypeClause },
		computed: func(context.Context) (bool, error) { return false, nil },
		refresh: func(run context.Context) error {
			started <- run
			select {
			case <-finish:
				return nil
			case <-run.Done():
				return run.Err()
			}
		},
	})
	first := <-started
	changes <- events.Event{Type: events.TypeClause, Action: "save"}
	time.Sleep(100 * time.Millisecond)
	if first.Err() != nil {
		t.Fatal("a save cancelled the run under way")
	}
	finish <- struct{}{}
	var second context.Context
	select {
	case second = <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("no run after the save")
	}
	changes <- events.Event{Type: events.TypeReload, Action: "import"}
	select {
	case <-second.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("an import did not cancel the run under way")
	}
}
