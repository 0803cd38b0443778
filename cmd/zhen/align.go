package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/segment"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/workbench"
)

// cmdAlign proposes an alignment of an English version with a document;
// with --apply it stores the pairs of one clause as drafts (clauses that
// have English keep it). Pairs of several clauses are listed, not stored:
// their English has to be shared out by hand (the browser does that).
func cmdAlign(args []string, stdout io.Writer) error {
	fs, db := newFlags("align")
	docID := fs.Uint("document", 0, "the Chinese document the English translates")
	asJSON := fs.Bool("json", false, "print the pairs as JSON")
	apply := fs.Bool("apply", false, "store the one-clause pairs as drafts")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *docID == 0 {
		return usageError{"align: zhen align --document ID FILE [--json] [--apply]"}
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return err
	}
	text, err := segment.Decode(pos[0], data)
	if err != nil {
		return err
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
	clauses, _, err := st.ListClauses(ctx, store.ClauseFilter{DocumentID: *docID})
	if err != nil {
		return err
	}
	out, err := qa.New(st).Align(ctx, clauses, text)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	var res store.AlignResult
	if *apply {
		var as []store.Assignment
		for _, p := range out.Pairs {
			if len(p.ClauseIDs) == 1 && p.English != "" {
				as = append(as, store.Assignment{ClauseID: p.ClauseIDs[0], English: p.English})
			}
		}
		if res, err = cliWorkbench(ctx, st).ApplyAlignment(ctx, cliActor(), workbench.ApplyAlignment{Document: *docID, Pairs: as}); err != nil {
			return err
		}
	}
	if *asJSON {
		v := map[string]any{"pairs": out.Pairs}
		if *apply {
			v["applied"] = res
		}
		return writeJSON(stdout, v)
	}
	for _, p := range out.Pairs {
		fmt.Fprintf(stdout, "%3.0f%%  %-4s clauses %v  %s\n", 100*p.Confidence, p.Kind, p.ClauseIDs, p.English)
	}
	if *apply {
		fmt.Fprintf(stdout, "stored %s; %s English and kept it\n", count(res.Updated, "draft", "drafts"), count(res.Kept, "clause already had", "clauses already had"))
	}
	return nil
}
