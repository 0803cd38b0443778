package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/zhen-workbench/zhen/internal/exchange"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/workbench"
)

// cmdAssign assigns a statement, or a range of its clauses, to a
// translator and a reviewer:
//
//	zhen assign --document ID --translator NAME --reviewer NAME [--clauses 5-40] [--due 2026-12-20]
//
// or, with --id, changes an existing assignment (only the flags given):
//
//	zhen assign --id N [--translator NAME] [--reviewer NAME] [--clauses 5-40|none] [--due DATE|none]
func cmdAssign(args []string, stdout io.Writer) error {
	fs, db := newFlags("assign")
	doc := fs.Uint("document", 0, "the statement to assign")
	id := fs.Uint("id", 0, "change this assignment instead of creating one (only the flags given)")
	translator := fs.String("translator", "", "who translates (a user with the role translator or above)")
	reviewer := fs.String("reviewer", "", "who reviews (a user with the role reviewer or above)")
	clauses := fs.String("clauses", "", "FIRST-LAST: a range of clause numbers as the editor shows them (from 1); empty, or none with --id: the whole statement")
	due := fs.String("due", "", "the due date, YYYY-MM-DD (none with --id: no due date)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := noArgs("assign", pos); err != nil {
		return err
	}
	if *id != 0 {
		given := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
		return changeAssignment(*db, *id, given, *doc, *translator, *reviewer, *clauses, *due, stdout)
	}
	if *doc == 0 || *translator == "" || *reviewer == "" {
		return usageError{"assign: name the statement, the translator and the reviewer: zhen assign --document ID --translator NAME --reviewer NAME [--clauses 5-40] [--due 2026-12-20]"}
	}
	first, last, err := parseClauseRange(*clauses)
	if err != nil {
		return usageError{"assign: " + err.Error()}
	}
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	a, err := cliWorkbench(ctx, st).Assign(ctx, cliActor(), workbench.Assign{Document: *doc, First: first, Last: last, Translator: *translator, Reviewer: *reviewer, Due: *due})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "assignment %d: document %d, %s to %s, review by %s%s\n", a.ID, a.DocumentID, rangeText(a.WorkAssignment), a.Translator, a.Reviewer, dueText(a.Due))
	return nil
}

// changeAssignment changes the fields given of assignment id, on the
// version it has now: zhen assign --id N.
func changeAssignment(db string, id uint, given map[string]bool, doc uint, translator, reviewer, clauses, due string, stdout io.Writer) error {
	if doc != 0 {
		return usageError{"assign: an assignment's statement cannot change (--id with --document): delete it and assign the other statement"}
	}
	if !given["translator"] && !given["reviewer"] && !given["clauses"] && !given["due"] {
		return usageError{"assign: name what to change: zhen assign --id N [--translator NAME] [--reviewer NAME] [--clauses 5-40|none] [--due DATE|none]"}
	}
	st, err := store.Open(db)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	cur, err := st.GetAssignment(ctx, id)
	if err != nil {
		return err
	}
	ch := workbench.ChangeAssignment{ID: id, Version: cur.Version}
	if given["translator"] {
		ch.Translator = &translator
	}
	if given["reviewer"] {
		ch.Reviewer = &reviewer
	}
	if given["clauses"] {
		if clauses == "none" {
			clauses = ""
		}
		first, last, err := parseClauseRange(clauses)
		if err != nil {
			return usageError{"assign: " + err.Error()}
		}
		ch.Range = &[2]int{first, last}
	}
	if given["due"] {
		if due == "none" {
			due = ""
		}
		ch.Due = &due
	}
	a, err := cliWorkbench(ctx, st).ChangeAssignment(ctx, cliActor(), ch)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "assignment %d (version %d): document %d, %s to %s, review by %s%s\n", a.ID, a.Version, a.DocumentID, rangeText(a.WorkAssignment), a.Translator, a.Reviewer, dueText(a.Due))
	return nil
}

// parseClauseRange reads FIRST-LAST ("" the whole statement: 0, 0).
func parseClauseRange(s string) (int, int, error) {
	if s == "" {
		return 0, 0, nil
	}
	a, b, ok := strings.Cut(strings.ReplaceAll(s, "–", "-"), "-")
	first, err1 := strconv.Atoi(strings.TrimSpace(a))
	last, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || first < 1 || last < first {
		return 0, 0, fmt.Errorf("--clauses %q is not a range: write FIRST-LAST, clause numbers from 1, e.g. 5-40", s)
	}
	return first, last, nil
}

func rangeText(a store.WorkAssignment) string {
	if a.Whole() {
		return "all clauses"
	}
	return fmt.Sprintf("clauses %d-%d", a.FirstClause, a.LastClause)
}

func dueText(due string) string {
	if due == "" {
		return ""
	}
	return ", due " + due
}

// cmdAssignments lists the assignments with their progress.
func cmdAssignments(args []string, stdout io.Writer) error {
	fs, db := newFlags("assignments")
	asJSON := fs.Bool("json", false, "print JSON")
	user := fs.String("user", "", "only this user's (as translator or reviewer)")
	doc := fs.Uint("document", 0, "only this statement's")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := noArgs("assignments", pos); err != nil {
		return err
	}
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	if err := requireDocument(ctx, st, *doc); err != nil {
		return err
	}
	list, err := st.Assignments(ctx, store.AssignmentFilter{User: strings.ToLower(strings.TrimSpace(*user)), DocumentID: *doc})
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, map[string]any{"assignments": list})
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDOCUMENT\tCLAUSES\tTRANSLATOR\tREVIEWER\tDUE\tENGLISH\tCONFIRMED\tSUBMITTED\tAPPROVED")
	for _, a := range list {
		due := a.Due
		if a.Overdue {
			due += " (overdue)"
		}
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%s\t%d/%d\t%d\t%d\t%d\n", a.ID, a.DocumentID, strings.TrimPrefix(strings.TrimPrefix(rangeText(a.WorkAssignment), "clauses "), "all clauses")+wholeMark(a.WorkAssignment),
			a.Translator, a.Reviewer, due, a.Translated, a.Clauses, a.Confirmed, a.Submitted, a.Approved)
	}
	tw.Flush()
	fmt.Fprintln(stdout, count(len(list), "assignment", "assignments"))
	return nil
}

func wholeMark(a store.WorkAssignment) string {
	if a.Whole() {
		return "all"
	}
	return ""
}

// checkReport writes the QA report (every open and dismissed finding) of
// a statement or the corpus to out, as csv or html: zhen check --report.
func checkReport(ctx context.Context, st *store.Store, format string, doc uint, out string, stdout io.Writer) error {
	scope := "the corpus"
	if doc != 0 {
		d, err := st.GetDocument(ctx, doc)
		if err != nil {
			return err
		}
		scope = d.Title
	}
	lines := st.EachReportLine(ctx, doc)
	return writeOutput(out, stdout, func(w io.Writer) (int, error) {
		if format == "csv" {
			return exchange.WriteFindingsCSV(w, true, lines)
		}
		return exchange.WriteFindingsHTML(w, scope, time.Now(), exchange.EnglishReportLabels, lines)
	}, "findings")
}
