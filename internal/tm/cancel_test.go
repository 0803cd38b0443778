package tm

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"
)

func mustBuild(t testing.TB, entries []Entry) *Index {
	t.Helper()
	ix, err := Build(context.Background(), entries)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// cancelAt is a context that reads as cancelled from its at-th look on
// (never if at is 0), counting the looks: a cancellation at an exact point
// of the build, with no clock involved.
type cancelAt struct {
	context.Context
	at, looks int
}

func (c *cancelAt) Err() error {
	c.looks++
	if c.at > 0 && c.looks >= c.at {
		return context.Canceled
	}
	return nil
}

// A cancelled build stops at the look that saw it, in any of its passes,
// and returns no index.
func TestBuildStopsWhenCancelled(t *testing.T) {
	entries := testEntries(t, rand.New(rand.NewPCG(7, 8)), 3*checkEvery)
	whole := &cancelAt{Context: context.Background()}
	if ix, err := Build(whole, entries); err != nil || ix.Len() == 0 {
		t.Fatalf("whole build: %v", err)
	}
	if whole.looks < 3*3 { // three passes over the entries
		t.Fatalf("a whole build looked at its context %d times", whole.looks)
	}
	for at := 1; at <= whole.looks; at++ {
		ctx := &cancelAt{Context: context.Background(), at: at}
		ix, err := Build(ctx, entries)
		if !errors.Is(err, context.Canceled) || ix != nil {
			t.Fatalf("cancelled at look %d of %d: %v, index %v", at, whole.looks, err, ix != nil)
		}
		if ctx.looks != at {
			t.Fatalf("cancelled at look %d: went on to look %d", at, ctx.looks)
		}
	}
}
