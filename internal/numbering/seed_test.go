package numbering_test

import (
	"testing"

	"github.com/zhen-workbench/zhen/internal/demo"
	"github.com/zhen-workbench/zhen/internal/numbering"
	"github.com/zhen-workbench/zhen/internal/segment"
)

// Every marker the segmenter finds in the seed corpus is one Parse knows.
func TestSeedMarkers(t *testing.T) {
	docs, err := segment.Parse(demo.SeedName, demo.Seed)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range docs {
		for _, c := range d.Clauses {
			if c.Kind != segment.KindHeading {
				continue
			}
			n++
			if _, ok := numbering.Parse(c.Text); !ok {
				t.Errorf("%s: marker %q not understood", d.Title, c.Text)
			}
		}
	}
	if n < 30 {
		t.Fatalf("only %d markers in the seed", n)
	}
	t.Logf("%d markers", n)
}
