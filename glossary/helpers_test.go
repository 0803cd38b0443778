package glossary

import (
	"fmt"
	"testing"

	"github.com/zhen-workbench/zhen/internal/demo"
	"github.com/zhen-workbench/zhen/internal/segment"
)

// seedText is the seed corpus: five China–Russia joint statements.
func seedText(testing.TB) []byte { return demo.Seed }

// seedDocs is the seed split into statements by the importer's segmenter.
func seedDocs() []segment.Document {
	docs, err := segment.Parse(demo.SeedName, demo.Seed)
	if err != nil || len(docs) != 5 {
		panic(fmt.Sprintf("seed: %d documents, %v", len(docs), err)) // the seed ships with the code
	}
	return docs
}

// seedClauses is the text of every clause of the seed.
func seedClauses() []string {
	var out []string
	for _, d := range seedDocs() {
		for _, c := range d.Clauses {
			out = append(out, c.Text)
		}
	}
	return out
}
