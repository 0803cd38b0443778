package qa

import (
	"context"
	"iter"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/internal/store"
)

type fakeMemory struct {
	mu  sync.Mutex
	src []store.MemorySource
}

func (f *fakeMemory) MemorySources(context.Context) iter.Seq2[store.MemorySource, error] {
	f.mu.Lock()
	src := slices.Clone(f.src)
	f.mu.Unlock()
	return func(yield func(store.MemorySource, error) bool) {
		for _, s := range src {
			if !yield(s, nil) {
				return
			}
		}
	}
}

func (f *fakeMemory) MemoryGeneration(context.Context) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return string(rune('a' + len(f.src))), nil
}

func TestMemoryMatchesAndRebuilds(t *testing.T) {
	f := &fakeMemory{src: []store.MemorySource{
		{ClauseID: 1, Source: "双方支持上海合作组织扩大。", Target: "The two sides support the expansion of the SCO."},
		{UnitID: 9, Source: "双方支持上海合作组织发展。", Target: "The two sides support the development of the SCO."},
	}}
	m := NewMemory(f)
	m.every = 0
	ctx := context.Background()
	got, err := m.Matches(ctx, "双方支持上海合作组织扩大。", 0, 5, 0.7)
	if err != nil || len(got) != 2 || got[0].Score != 1 || got[0].Origin != "approved" || got[1].Origin != "imported" || len(got[1].Diff) == 0 {
		t.Fatalf("%+v %v", got, err)
	}
	// The clause itself is left out.
	if got, _ := m.Matches(ctx, "双方支持上海合作组织扩大。", 1, 5, 0.7); len(got) != 1 || got[0].Target != "The two sides support the development of the SCO." {
		t.Fatalf("excluding the clause: %+v", got)
	}
	// A new approval appears once the background rebuild is done.
	f.mu.Lock()
	f.src = append(f.src, store.MemorySource{ClauseID: 3, Source: "中俄关系发展良好。", Target: "China–Russia relations are developing well."})
	f.mu.Unlock()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got, _ := m.Matches(ctx, "中俄关系发展良好。", 0, 5, 0.7)
		if len(got) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the new approval never reached the memory")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
