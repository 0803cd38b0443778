package qa

import (
	"context"
	"errors"
	"iter"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/store"
)

// streamingStore streams rows clauses and cancels the request after
// cancelAfter of them, but goes on streaming as long as it is asked: what
// stops the work must be the checker looking at its context, not the
// database.
type streamingStore struct {
	rows        int
	cancelAfter int
	cancel      context.CancelFunc
	streamed    int
}

func (s *streamingStore) Terms(context.Context) iter.Seq2[glossary.Entry, error] {
	return func(yield func(glossary.Entry, error) bool) {
		yield(glossary.Entry{ID: 1, ZH: "金砖国家", EN: "BRICS", Status: glossary.StatusApproved}, nil)
	}
}

func (s *streamingStore) GlossaryGeneration(context.Context) (int64, error) { return 1, nil }

func (s *streamingStore) ExportRows(context.Context, store.ExportFilter) iter.Seq2[store.ExportRow, error] {
	return func(yield func(store.ExportRow, error) bool) {
		for i := range s.rows {
			if i == s.cancelAfter {
				s.cancel()
			}
			s.streamed++
			row := store.ExportRow{Clause: store.Clause{ID: uint(i + 1), DocumentID: uint(i%7 + 1), Source: "双方支持金砖国家合作。", Target: "The two sides support BRIC cooperation."}}
			if !yield(row, nil) {
				return
			}
		}
	}
}

func (s *streamingStore) SameSource(context.Context, string) ([]store.Clause, error) { return nil, nil }
func (s *streamingStore) InconsistentClauses(context.Context) ([]store.Clause, error) {
	return nil, nil
}
func (s *streamingStore) Dismissals(context.Context) (map[string]store.Dismissal, error) {
	return map[string]store.Dismissal{}, nil
}

// Each corpus-wide check stops soon after its request is cancelled, with the
// cancellation as its error, even while clauses still stream in.
func TestChecksStopWhenCancelled(t *testing.T) {
	const rows, cancelAfter = 20 * checkBatch, checkBatch + 1
	for name, run := range map[string]func(ctx context.Context, c *Checker) error{
		"findings": func(ctx context.Context, c *Checker) error { _, err := c.Findings(ctx, Filter{}); return err },
		"suggest":  func(ctx context.Context, c *Checker) error { _, err := c.Suggest(ctx, 10); return err },
	} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			st := &streamingStore{rows: rows, cancelAfter: cancelAfter, cancel: cancel}
			err := run(ctx, New(st))
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err %v, want context.Canceled", err)
			}
			// Suggest gathers the corpus before it looks for strings: it
			// stops in the glossary's first look instead.
			if name != "suggest" && st.streamed > cancelAfter+checkBatch+1 {
				t.Fatalf("read %d of %d clauses after the cancellation at %d", st.streamed, rows, cancelAfter)
			}
		})
	}
}

// blockingMemory's sources stream only once released (or fail when the
// build's context ends), and it counts the builds that began.
type blockingMemory struct {
	fakeMemory
	started chan struct{} // one value per build that began
	release chan struct{}
	builds  atomic.Int32
}

func (b *blockingMemory) MemorySources(ctx context.Context) iter.Seq2[store.MemorySource, error] {
	b.builds.Add(1)
	src := b.fakeMemory.MemorySources(ctx)
	return func(yield func(store.MemorySource, error) bool) {
		b.started <- struct{}{}
		select {
		case <-b.release:
		case <-ctx.Done():
			yield(store.MemorySource{}, ctx.Err())
			return
		}
		for s, err := range src {
			if !yield(s, err) {
				return
			}
		}
	}
}

// A search given up while it waits for the index returns at once; the
// build goes on, shared, so the next searches get the index it built
// without building again.
func TestMemoryBuildOutlivesCancelledSearch(t *testing.T) {
	f := &blockingMemory{started: make(chan struct{}, 10), release: make(chan struct{})}
	f.src = []store.MemorySource{
		{ClauseID: 1, Source: "双方支持上海合作组织扩大。", Target: "The two sides support the expansion of the SCO."},
		{UnitID: 9, Source: "双方支持上海合作组织发展。", Target: "The two sides support the development of the SCO."},
	}
	m := NewMemory(f)
	bound := time.After(10 * time.Second) // against a hang only: nothing here waits for the build
	search := func(ctx context.Context) <-chan error {
		done := make(chan error, 1)
		go func() {
			got, err := m.Matches(ctx, "双方支持上海合作组织扩大。", 0, 5, 0.7)
			if err == nil && len(got) != 2 {
				t.Errorf("%d matches", len(got))
			}
			done <- err
		}()
		return done
	}
	ctxA, cancelA := context.WithCancel(t.Context())
	a := search(ctxA)
	select {
	case <-f.started:
	case <-bound:
		t.Fatal("no build began")
	}
	b := search(t.Context()) // waits for the same build
	cancelA()
	select {
	case err := <-a:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled search: %v", err)
		}
	case <-bound:
		t.Fatal("the cancelled search still waits for the build")
	}
	close(f.release)
	for _, done := range []<-chan error{b, search(t.Context())} {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-bound:
			t.Fatal("a search never returned")
		}
	}
	if n := f.builds.Load(); n != 1 {
		t.Fatalf("%d builds: the cancelled search's build was not shared", n)
	}
	// Nothing changed since: the index is kept.
	if _, err := m.Matches(t.Context(), "双方支持上海合作组织发展。", 0, 5, 0.7); err != nil || f.builds.Load() != 1 {
		t.Fatalf("%v, %d builds", err, f.builds.Load())
	}
}
