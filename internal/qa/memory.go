package qa

import (
	"context"
	"iter"
	"log/slog"
	"sync"
	"time"

	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/tm"
)

// MemoryStore is what the translation memory needs of the database.
type MemoryStore interface {
	MemorySources(ctx context.Context) iter.Seq2[store.MemorySource, error]
	MemoryGeneration(ctx context.Context) (string, error)
}

// Memory serves translation-memory matches from an index of the approved
// clauses and imported units. The index is built on first use and rebuilt
// when the memory has changed: at once while it is small (under
// syncEntries: a fraction of a second), else in the background at most
// every rebuildEvery, searches meanwhile using the index they have, so an
// approval shows up in matches within that time.
//
// One build runs at a time, shared by every search waiting for it and
// detached from the request that started it (bounded by buildTimeout): a
// search given up half-way returns at once, and the next one finds the
// build done or under way instead of starting another.
type Memory struct {
	st      MemoryStore
	mu      sync.Mutex
	ix      *tm.Index
	sources []store.MemorySource // by entry ID
	gen     string
	built   time.Time
	build   *memoryBuild  // the build under way; nil when none
	every   time.Duration // rebuildEvery; tests shorten it
}

const (
	rebuildEvery = 10 * time.Second
	syncEntries  = 100_000
	buildTimeout = 5 * time.Minute // a million entries take 7–25 s
)

// memoryBuild is one build of the index. Its results are set before done
// is closed.
type memoryBuild struct {
	done    chan struct{}
	ix      *tm.Index
	sources []store.MemorySource
	err     error
}

// NewMemory returns a memory over st.
func NewMemory(st MemoryStore) *Memory { return &Memory{st: st, every: rebuildEvery} }

// MemoryMatch is a match as the API shows it.
type MemoryMatch struct {
	Score    float64 `json:"score"`
	Source   string  `json:"source"`
	Target   string  `json:"target"`
	Diff     []tm.Op `json:"diff"` // turns the match's Chinese into the clause's (normalised)
	ClauseID uint    `json:"clause_id,omitempty"`
	Origin   string  `json:"origin"` // "approved" (a clause here) or "imported" (a TMX unit)
}

// Matches returns the k best matches for source scoring at least min,
// leaving out the clause itself (exclude).
func (m *Memory) Matches(ctx context.Context, source string, exclude uint, k int, min float64) ([]MemoryMatch, error) {
	ix, sources, err := m.index(ctx)
	if err != nil {
		return nil, err
	}
	out := []MemoryMatch{}
	for _, x := range ix.Search(source, k+1, min) {
		s := sources[x.ID]
		if exclude != 0 && s.ClauseID == exclude {
			continue
		}
		mm := MemoryMatch{Score: x.Score, Source: s.Source, Target: s.Target, Diff: x.Diff, ClauseID: s.ClauseID, Origin: "approved"}
		if s.ClauseID == 0 {
			mm.Origin = "imported"
		}
		if out = append(out, mm); len(out) == k {
			break
		}
	}
	return out, nil
}

func (m *Memory) index(ctx context.Context) (*tm.Index, []store.MemorySource, error) {
	gen, err := m.st.MemoryGeneration(ctx)
	if err != nil {
		return nil, nil, err
	}
	m.mu.Lock()
	ix, sources := m.ix, m.sources
	stale := gen != m.gen
	wait := ix == nil || stale && ix.Len() < syncEntries // the first search, or a small memory
	b := m.build
	if b == nil && (wait || stale && time.Since(m.built) >= m.every) {
		b = m.startBuild(ctx, gen)
	}
	m.mu.Unlock()
	if !wait {
		return ix, sources, nil
	}
	// A build under way since before the latest change is waited for too:
	// the next search builds again.
	select {
	case <-b.done:
		return b.ix, b.sources, b.err
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
}

// startBuild starts building the index of the memory at gen; m.mu is held.
// The build keeps ctx's values, not its cancellation.
func (m *Memory) startBuild(ctx context.Context, gen string) *memoryBuild {
	b := &memoryBuild{done: make(chan struct{})}
	m.build = b
	go func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), buildTimeout)
		defer cancel()
		b.ix, b.sources, b.err = m.load(ctx)
		m.mu.Lock()
		if b.err == nil {
			m.ix, m.sources, m.gen, m.built = b.ix, b.sources, gen, time.Now()
		}
		m.build = nil
		m.mu.Unlock()
		close(b.done)
		if b.err != nil {
			slog.Error("translation memory not built", "err", b.err)
		}
	}()
	return b
}

func (m *Memory) load(ctx context.Context) (*tm.Index, []store.MemorySource, error) {
	var sources []store.MemorySource
	var entries []tm.Entry
	for s, err := range m.st.MemorySources(ctx) {
		if err != nil {
			return nil, nil, err
		}
		entries = append(entries, tm.Entry{ID: uint(len(sources)), Source: s.Source, Target: s.Target})
		sources = append(sources, s)
	}
	ix, err := tm.Build(ctx, entries)
	if err != nil {
		return nil, nil, err
	}
	return ix, sources, nil
}
