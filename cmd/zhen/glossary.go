package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/exchange"
	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/workbench"
)

// cmdGlossary dispatches `zhen glossary SUBCOMMAND`.
func cmdGlossary(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError{"glossary: name a subcommand: list, add, edit, delete, import, export"}
	}
	sub, rest := args[0], args[1:]
	switch sub {
	case "list":
		return glossaryList(rest, stdout)
	case "add", "edit":
		return glossaryAddEdit(sub, rest, stdout)
	case "delete":
		return glossaryDelete(rest, stdout)
	case "import":
		return glossaryImport(rest, stdout)
	case "export":
		return glossaryExport(rest, stdout)
	}
	return usageError{fmt.Sprintf("glossary: unknown subcommand %q", sub)}
}

func glossaryList(args []string, stdout io.Writer) error {
	fs, db := newFlags("glossary list")
	query := fs.String("query", "", "only entries containing this text")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := noArgs("glossary list", pos); err != nil {
		return err
	}
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	terms, err := st.ListTerms(context.Background(), *query)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, map[string]any{"terms": terms})
	}
	for _, t := range terms {
		fmt.Fprintf(stdout, "%d\t%s\t%s\t%s\n", t.ID, t.ZH, t.EN, t.Status)
	}
	return nil
}

// glossaryAddEdit adds an entry, or edits one (`edit ID`): flags not given
// keep their current value.
func glossaryAddEdit(sub string, args []string, stdout io.Writer) error {
	fs, db := newFlags("glossary " + sub)
	zh := fs.String("zh", "", "Chinese term")
	en := fs.String("en", "", "approved English")
	variants := fs.String("variants", "", "accepted variants, separated by |")
	forbidden := fs.String("forbidden", "", "forbidden renderings, separated by |")
	posTag := fs.String("pos", "", "part of speech")
	note := fs.String("note", "", "note for translators")
	status := fs.String("status", "", "proposed, approved or deprecated")
	caseSensitive := fs.Bool("case-sensitive", false, "English matching respects case")
	dry := fs.Bool("dry-run", false, "change nothing: print what the change would do to the findings, as JSON")
	fs.Bool("json", true, "print JSON (the only output: the entry, or the impact of --dry-run)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	var e glossary.Entry
	var id uint
	version := 0
	if sub == "edit" {
		if len(pos) != 1 {
			return usageError{"glossary edit: name the entry: glossary edit ID [--en …]"}
		}
		if _, err := fmt.Sscan(pos[0], &id); err != nil || id == 0 {
			return usageError{fmt.Sprintf("glossary edit: %q is not an entry id", pos[0])}
		}
		cur, err := st.GetTerm(ctx, id)
		if err != nil {
			return fmt.Errorf("glossary entry %d: %w", id, err)
		}
		e, version = cur.Entry, cur.Version
	} else if err := noArgs("glossary add", pos); err != nil {
		return err
	}
	apply := func(name string, dst *string, v string) {
		if set[name] {
			*dst = v
		}
	}
	apply("zh", &e.ZH, *zh)
	apply("en", &e.EN, *en)
	apply("pos", &e.POS, *posTag)
	apply("note", &e.Note, *note)
	apply("status", &e.Status, *status)
	if set["variants"] {
		e.Variants = strings.Split(*variants, "|")
	}
	if set["forbidden"] {
		e.Forbidden = strings.Split(*forbidden, "|")
	}
	if set["case-sensitive"] {
		e.CaseSensitive = *caseSensitive
	}
	var t store.Term
	wb := cliWorkbench(ctx, st)
	if *dry {
		var impact qa.Impact
		if sub == "edit" {
			impact, err = wb.EditTermImpact(ctx, cliActor(), workbench.EditTerm{Term: id, Version: version, Entry: e})
		} else {
			impact, err = wb.AddTermImpact(ctx, cliActor(), workbench.AddTerm{Entry: e})
		}
		if err != nil {
			return err
		}
		return writeJSON(stdout, map[string]any{"impact": impact})
	}
	if sub == "edit" {
		t, err = wb.EditTerm(ctx, cliActor(), workbench.EditTerm{Term: id, Version: version, Entry: e})
	} else {
		t, err = wb.AddTerm(ctx, cliActor(), workbench.AddTerm{Entry: e})
	}
	if err != nil {
		return err
	}
	return writeJSON(stdout, t)
}

func glossaryDelete(args []string, stdout io.Writer) error {
	fs, db := newFlags("glossary delete")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	var id uint
	if len(pos) != 1 {
		return usageError{"glossary delete: name the entry: glossary delete ID"}
	}
	if _, err := fmt.Sscan(pos[0], &id); err != nil || id == 0 {
		return usageError{fmt.Sprintf("glossary delete: %q is not an entry id", pos[0])}
	}
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	if err := cliWorkbench(ctx, st).DeleteTerm(ctx, cliActor(), workbench.DeleteTerm{Term: id}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "deleted glossary entry %d\n", id)
	return nil
}

func glossaryImport(args []string, stdout io.Writer) error {
	fs, db := newFlags("glossary import")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return usageError{"glossary import: name exactly one FILE (.csv or .tbx)"}
	}
	f, err := os.Open(files[0])
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	res, err := cliWorkbench(ctx, st).ImportGlossary(ctx, cliActor(), workbench.ImportGlossary{Name: files[0], Data: f})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d entries added, %d updated, %d unchanged\n", res.Created, res.Updated, res.Unchanged)
	return nil
}

func glossaryExport(args []string, stdout io.Writer) error {
	fs, db := newFlags("glossary export")
	formatName := fs.String("format", "", "csv or tbx")
	out := fs.String("o", "", "output file (- for standard output)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := noArgs("glossary export", pos); err != nil {
		return err
	}
	format, err := exchange.ParseGlossaryFormat(*formatName)
	if err != nil {
		return usageError{"glossary export: " + err.Error()}
	}
	if *out == "" {
		return usageError{"glossary export: name the output file with -o FILE"}
	}
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	lang, err := st.TargetLanguage(context.Background())
	if err != nil {
		return err
	}
	return writeOutput(*out, stdout, func(w io.Writer) (int, error) {
		return exchange.WriteGlossary(w, format, lang, st.Terms(context.Background()))
	}, "entries")
}

func cmdCheck(args []string, stdout io.Writer) error {
	fs, db := newFlags("check")
	docID := fs.Uint("document", 0, "only this document")
	kind := fs.String("kind", "", "only findings of this kind (term_missing, number_mismatch …)")
	offset := fs.Int("offset", 0, "skip this many findings (in statement and clause order)")
	limit := fs.Int("limit", 0, "print at most this many findings (0: all); the total is printed too")
	asJSON := fs.Bool("json", false, "print JSON")
	recompute := fs.Bool("recompute", false, "compute every finding again first (after an upgrade that changes the checks, or to be sure)")
	report := fs.String("report", "", "csv or html: write the QA report (every open and dismissed finding) to -o FILE")
	reportOut := fs.String("o", "", "--report: the output file (- for standard output)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := noArgs("check", pos); err != nil {
		return err
	}
	if *report != "" && *report != "csv" && *report != "html" {
		return usageError{"check: --report is csv or html"}
	}
	if (*report == "") != (*reportOut == "") {
		return usageError{"check: --report csv|html and -o FILE go together"}
	}
	if *offset < 0 || *limit < 0 {
		return usageError{"check: --offset and --limit are 0 or more"}
	}
	if *report != "" && (*kind != "" || *offset != 0 || *limit != 0) {
		return usageError{"check: --report writes every finding; --kind, --offset and --limit are for the list"}
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
	wb := cliWorkbench(ctx, st)
	if *recompute {
		err = wb.RecomputeFindings(ctx, cliActor())
	} else {
		err = wb.CurrentFindings(ctx)
	}
	if err != nil {
		return err
	}
	if *report != "" {
		return checkReport(ctx, st, *report, *docID, *reportOut, stdout)
	}
	filter := store.FindingFilter{DocumentID: *docID, Kind: *kind, Offset: *offset, Limit: *limit}
	// The total of a page: the kept counts, as the API's.
	var total int64 = -1
	if *offset != 0 || *limit != 0 {
		whole := filter
		whole.Offset, whole.Limit = 0, 1
		if _, total, err = st.Findings(ctx, whole); err != nil {
			return err
		}
	}
	// Streamed, a finding a line: a large corpus has millions.
	out := bufio.NewWriterSize(stdout, 1<<16)
	if *asJSON {
		out.WriteString(`{"findings": [`)
	}
	n := 0
	var line []byte
	for sf, err := range st.EachFinding(ctx, filter) {
		if err != nil {
			return err
		}
		f := qa.FromStored([]store.StoredFinding{sf})[0]
		if *asJSON {
			if n > 0 {
				out.WriteByte(',')
			}
			if line, err = appendFindingJSON(line[:0], f); err != nil {
				return err
			}
			out.WriteString("\n  ")
			out.Write(line)
		} else {
			fmt.Fprintf(out, "%s\t%s\tdocument %d clause %d\t%s\n", f.Severity, f.Kind, f.DocumentID, f.ClauseID, f.Message)
		}
		n++
	}
	switch {
	case *asJSON && total >= 0:
		fmt.Fprintf(out, "\n], \"total\": %d, \"offset\": %d, \"limit\": %d}\n", total, *offset, *limit)
	case *asJSON:
		out.WriteString("\n]}\n")
	case total >= 0:
		fmt.Fprintf(out, "%d of %s (from %d)\n", n, count(int(total), "finding", "findings"), *offset)
	default:
		fmt.Fprintln(out, count(n, "finding", "findings"))
	}
	return out.Flush()
}

func cmdTerms(args []string, stdout io.Writer) error {
	if len(args) == 0 || (args[0] != "report" && args[0] != "suggest" && args[0] != "discover") {
		return usageError{"terms: the subcommands are `terms report --json`, `terms suggest --json` and `terms discover [--json]`"}
	}
	fs, db := newFlags("terms " + args[0])
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 50, "suggest, discover: at most this many")
	document := fs.Uint("document", 0, "discover: only terms with a clause in this statement")
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	if err := noArgs("terms "+args[0], pos); err != nil {
		return err
	}
	if !*asJSON && args[0] != "discover" {
		return usageError{"terms " + args[0] + ": pass --json (the only output form)"}
	}
	if *limit < 0 {
		return usageError{"terms " + args[0] + ": --limit must be 0 (all) or more"}
	}
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	wb := cliWorkbench(ctx, st)
	switch args[0] {
	case "report":
		if err := wb.CurrentFindings(ctx); err != nil {
			return err
		}
		rep, err := qa.TermReport(ctx, st, 0)
		if err != nil {
			return err
		}
		return writeJSON(stdout, map[string]any{"terms": rep})
	case "discover":
		return termsDiscover(ctx, wb, st, uint(*document), *limit, *asJSON, stdout)
	}
	// Computed now, and kept for the servers, which otherwise compute them
	// in the background after imports.
	if err := wb.RefreshSuggestions(ctx); err != nil {
		return err
	}
	s, _, err := wb.Suggestions(ctx, *limit)
	if err != nil {
		return err
	}
	return writeJSON(stdout, map[string]any{"suggestions": s})
}

// termsDiscover computes the discovered terms now (keeping them for the
// servers, like suggest) and prints them: JSON, or a list to read.
func termsDiscover(ctx context.Context, wb *workbench.Workbench, st *store.Store, document uint, limit int, asJSON bool, stdout io.Writer) error {
	if document != 0 {
		if _, err := st.GetDocument(ctx, document); err != nil {
			return err
		}
	}
	if err := wb.RefreshDiscovered(ctx); err != nil {
		return err
	}
	page, err := wb.Discovered(ctx, document, 0, limit)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(stdout, map[string]any{"terms": page.Terms})
	}
	out := bufio.NewWriter(stdout)
	if len(page.Terms) == 0 {
		fmt.Fprintln(out, "No term is rendered in more than one way in the translated clauses.")
	}
	for _, t := range page.Terms {
		note := ""
		if t.InGlossary {
			note += ", in the glossary"
		}
		if t.Abbreviation {
			note += ", abbreviation and full form"
		}
		fmt.Fprintf(out, "%s — %d renderings, %s in %s%s (score %.2f)\n", t.ZH, len(t.Renderings),
			count(t.Clauses, "clause", "clauses"), count(t.Statements, "statement", "statements"), note, t.Score)
		for _, r := range t.Renderings {
			ids := make([]string, len(r.Clauses))
			for i, id := range r.Clauses {
				ids[i] = "#" + strconv.FormatUint(uint64(id), 10)
			}
			fmt.Fprintf(out, "    %-50s %s: %s\n", r.EN, count(r.Count, "clause", "clauses"), strings.Join(ids, " "))
		}
		if len(t.Unaligned) > 0 {
			fmt.Fprintf(out, "    (no rendering found in %s)\n", count(len(t.Unaligned), "clause", "clauses"))
		}
	}
	if len(page.Terms) < page.Total {
		fmt.Fprintf(out, "%d more: --limit 0 shows all.\n", page.Total-len(page.Terms))
	}
	return out.Flush()
}
