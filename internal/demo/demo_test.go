package demo_test

import (
	"bytes"
	"testing"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/demo"
	"github.com/zhen-workbench/zhen/internal/exchange"
	"github.com/zhen-workbench/zhen/internal/segment"
)

// TestGlossary checks the starter glossary: it reads as Zhen's glossary CSV
// and every term is in the seed's clauses, so each shows in the editor.
func TestGlossary(t *testing.T) {
	entries, err := exchange.ReadGlossaryCSV(bytes.NewReader(demo.Glossary))
	if err != nil {
		t.Fatal(err)
	}
	docs, err := segment.Parse(demo.SeedName, demo.Seed)
	if err != nil {
		t.Fatal(err)
	}
	var clauses []string
	for _, d := range docs {
		for _, c := range d.Clauses {
			clauses = append(clauses, c.Text)
		}
	}
	tb := glossary.Compile(entries)
	found := map[string]bool{}
	for _, c := range clauses {
		for _, h := range tb.Hits(c) {
			found[h.Entry.ZH] = true
		}
	}
	for _, e := range entries {
		if !found[e.ZH] {
			t.Errorf("%s (%s) is in no clause of the seed", e.ZH, e.EN)
		}
		if e.EN == "" || e.Status == "" {
			t.Errorf("%s: English %q, status %q", e.ZH, e.EN, e.Status)
		}
	}
	if len(entries) < 20 {
		t.Errorf("%d entries", len(entries))
	}
}
