package workbench

import (
	"bytes"
	"context"
	"fmt"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/demo"
	"github.com/zhen-workbench/zhen/internal/exchange"
)

// Demo says what SeedDemo added: 0 for what was there already.
type Demo struct {
	Statements int
	Terms      int
}

// SeedDemo fills an empty database with the demo corpus (the China–Russia
// joint statements) and, into an empty glossary only, the starter
// glossary: nobody's statements or terms are replaced.
func (w *Workbench) SeedDemo(ctx context.Context, a Actor) (Demo, error) {
	var out Demo
	if err := allow(a, auth.Admin, "load the demo corpus"); err != nil {
		return out, err
	}
	n, err := w.st.CountDocuments(ctx)
	if err != nil || n > 0 {
		return out, err
	}
	imported, err := w.ImportStatements(ctx, a, ImportStatements{Files: []File{{demo.SeedName, demo.Seed}}})
	if err != nil {
		return out, fmt.Errorf("demo corpus: %w", err)
	}
	out.Statements = len(imported)
	for _, err := range w.st.Terms(ctx) {
		return out, err // a term is there already (or the glossary cannot be read)
	}
	entries, err := exchange.ReadGlossaryCSV(bytes.NewReader(demo.Glossary))
	if err != nil {
		return out, fmt.Errorf("demo glossary: %w", err)
	}
	res, err := w.importTerms(ctx, a, "the demo glossary", entries)
	if err != nil {
		return out, fmt.Errorf("demo glossary: %w", err)
	}
	out.Terms = res.Created
	return out, nil
}
