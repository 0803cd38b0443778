package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/stats"
	"github.com/zhen-workbench/zhen/internal/store"
)

// cmdStats prints the counts of every statement and the corpus, or of one:
//
//	zhen stats [--document ID] [--json]
func cmdStats(args []string, stdout io.Writer) error {
	fs, db := newFlags("stats")
	docID := fs.Uint("document", 0, "only this statement")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := noArgs("stats", pos); err != nil {
		return err
	}
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := st.Stats(context.Background(), *docID)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, r)
	}
	// The title last: tab stops do not know how wide Chinese is.
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "id\tcharacters\twords\tclauses\tuntranslated\tdraft\ttranslated\tsubmitted\tapproved\trejected\tmarkers\t  title")
	row := func(id string, c stats.Counts, title string) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d", id, c.ChineseCharacters, c.EnglishWords, c.Clauses)
		for _, s := range stats.Statuses {
			fmt.Fprintf(tw, "\t%d", c.ByStatus[s])
		}
		fmt.Fprintf(tw, "\t%d\t  %s\n", c.Markers, title)
	}
	for _, d := range r.Documents {
		row(fmt.Sprint(d.ID), d.Counts, d.Title)
	}
	if *docID == 0 {
		row("total", r.Total, "")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err = fmt.Fprintln(stdout, "\ncharacters: Chinese letters and digits, without punctuation or spaces; words: of the approved English; numbering markers are counted apart")
	return err
}

// cmdAnalyze prints the leverage analysis of every statement, or of one:
//
//	zhen analyze [--document ID] [--json|--csv]
func cmdAnalyze(args []string, stdout io.Writer) error {
	fs, db := newFlags("analyze")
	docID := fs.Uint("document", 0, "only this statement")
	asJSON := fs.Bool("json", false, "print JSON")
	asCSV := fs.Bool("csv", false, "print CSV: one row per statement, a clauses and a characters column per band")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := noArgs("analyze", pos); err != nil {
		return err
	}
	if *asJSON && *asCSV {
		return usageError{"analyze: pass --json or --csv, not both"}
	}
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	if err := requireDocument(ctx, st, *docID); err != nil {
		return err
	}
	best, entries, err := qa.NewMemory(st).Leverage(ctx)
	if err != nil {
		return err
	}
	a, err := st.Analyze(ctx, *docID, best)
	if err != nil {
		return err
	}
	a.MemoryEntries = entries
	switch {
	case *asJSON:
		return writeJSON(stdout, a)
	case *asCSV:
		return stats.WriteCSV(stdout, a)
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "id\tclauses\tcharacters\trepetitions\t100%\t95-99%\t85-94%\t75-84%\tno match\t  title")
	row := func(id string, l stats.Leverage, title string) {
		fmt.Fprintf(tw, "%s\t%d\t%d", id, l.Clauses, l.ChineseCharacters)
		for b := stats.Repetition; b <= stats.NoMatch; b++ {
			t := l.Bands.Of(b)
			fmt.Fprintf(tw, "\t%d/%d", t.Clauses, t.ChineseCharacters)
		}
		fmt.Fprintf(tw, "\t  %s\n", title)
	}
	for _, d := range a.Documents {
		row(fmt.Sprint(d.ID), d.Leverage, d.Title)
	}
	if *docID == 0 {
		row("total", a.Total, "")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "\nbands: clauses/Chinese characters; repetitions of earlier clauses in import order, else the best match among %d memory entries (approved English of other clauses, imported units)\n", entries)
	return err
}
