package workbench

import (
	"github.com/zhen-workbench/zhen/internal/docout"
	"github.com/zhen-workbench/zhen/internal/store"
)

// Statement is the English document of a statement (internal/docout) from
// its stored clauses, for the API and the CLI alike: the statement's own
// numbering style, else the corpus default (corpusStyle); its English
// title when it has one and o names none, else (docout) its Chinese title.
func Statement(d store.Document, clauses []store.Clause, corpusStyle string, o docout.Options) docout.Statement {
	style := d.NumberingStyle
	if style == "" {
		style = corpusStyle
	}
	cs := make([]docout.Clause, len(clauses))
	for i, c := range clauses {
		cs[i] = docout.Clause{ID: c.ID, Position: c.Position, Paragraph: c.Paragraph, Kind: c.Kind, Source: c.Source,
			Target: c.Target, ApprovedTarget: c.ApprovedTarget, Status: c.Status}
	}
	if o.Title == "" {
		o.Title = d.EnglishTitle
	}
	return docout.Build(docout.Document{ID: d.ID, Title: d.Title, Date: d.Date, NumberingStyle: style}, cs, o)
}
