package main

import (
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/align"
)

// TestAlignCommandRefusesTooMuch: the CLI applies align's limits, the
// API's, and says the limit and what to do.
func TestAlignCommandRefusesTooMuch(t *testing.T) {
	f := newFixture(t)
	doc := decode[importJSON](t, mustZhen(t, "import", "--json", f.seed, "--db", f.db)).Documents[0]
	en := f.write(t, "english.txt", []byte(strings.Repeat("Yes! ", align.MaxEnglishChars/5+1)))
	out, err := zhen(t, "align", "--document", itoa(doc.ID), en, "--db", f.db)
	if err == nil {
		t.Fatalf("aligned %d characters: %s", align.MaxEnglishChars+5, out)
	}
	for _, w := range []string{"english.txt", "500,005 characters", "more than the 500,000", "smaller documents"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not say %q", err, w)
		}
	}
}
