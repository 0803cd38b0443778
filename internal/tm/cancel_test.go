package tm

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/zhen-workbench/zhen/internal/testkit"

	"github.com/zhen-workbench/zhen/internal/stop"
)

func mustBuild(t testing.TB, entries []Entry) *Index {
	t.Helper()
	ix, err := Build(context.Background(), entries)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// A cancelled build stops at the look that saw it, in any of its passes,
// and returns no index.
func TestBuildStopsWhenCancelled(t *testing.T) {
	entries := testEntries(t, rand.New(rand.NewPCG(7, 8)), 3*stop.Every)
	whole := &testkit.CancelAt{Context: context.Background()}
	if ix, err := Build(whole, entries); err != nil || ix.Len() == 0 {
		t.Fatalf("whole build: %v", err)
	}
	if whole.Looks < 3*3 { // three passes over the entries
		t.Fatalf("a whole build looked at its context %d times", whole.Looks)
	}
	for at := 1; at <= whole.Looks; at++ {
		ctx := &testkit.CancelAt{Context: context.Background(), At: at}
		ix, err := Build(ctx, entries)
		if !errors.Is(err, context.Canceled) || ix != nil {
			t.Fatalf("cancelled at look %d of %d: %v, index %v", at, whole.Looks, err, ix != nil)
		}
		if ctx.Looks != at {
			t.Fatalf("cancelled at look %d: went on to look %d", at, ctx.Looks)
		}
	}
}
