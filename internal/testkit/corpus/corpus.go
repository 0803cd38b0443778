// Package corpus builds test corpora from the seed. It is not in testkit
// because it imports segment: packages segment imports (numcheck) have
// tests that import testkit. It is imported only from _test.go files.
package corpus

import (
	"fmt"
	"testing"

	"github.com/zhen-workbench/zhen/internal/demo"
	"github.com/zhen-workbench/zhen/internal/segment"
)

// SeedCopies is n distinct copies of the seed corpus's statements, for
// tests that need more clauses than the seed has: each copy's titles say
// which it is, and a first paragraph of its own makes its content differ,
// so that an import stores every copy instead of taking it for a duplicate.
func SeedCopies(t testing.TB, n int) []segment.Document {
	t.Helper()
	seed, err := segment.Parse(demo.SeedName, demo.Seed)
	if err != nil {
		t.Fatal(err)
	}
	var docs []segment.Document
	for k := range n {
		for _, d := range seed {
			c := d
			c.Title = fmt.Sprintf("%s（%d）", d.Title, k)
			c.Paragraphs = append([]string{fmt.Sprintf("副本%d", k)}, d.Paragraphs...)
			c.Clauses = append([]segment.Clause(nil), d.Clauses...)
			docs = append(docs, c)
		}
	}
	return docs
}
