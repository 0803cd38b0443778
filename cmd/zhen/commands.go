package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/zhen-workbench/zhen/frontend"
	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/docout"
	"github.com/zhen-workbench/zhen/internal/exchange"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/workbench"
	"github.com/zhen-workbench/zhen/server"
)

func cmdServe(args []string, stdout io.Writer) error {
	fs, db := newFlags("serve")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	withDemo := fs.Bool("demo", false, "import the demo statements if the database is empty, and create a demo user per role")
	secure := fs.Bool("secure-cookies", false, "HTTPS-only session cookies (behind a TLS proxy)")
	proxies := fs.String("trusted-proxies", "", "comma-separated addresses or CIDRs of reverse proxies whose X-Forwarded-For is believed")
	logLevel := fs.String("log-level", "info", "debug, info, warn or error")
	logFormat := fs.String("log-format", "text", "text or json")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := noArgs("serve", pos); err != nil {
		return err
	}
	logger, err := newLogger(logOutput, *logLevel, *logFormat)
	if err != nil {
		return err
	}
	slog.SetDefault(logger)
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	hub, err := sharedEvents(ctx, st)
	if err != nil {
		return err
	}
	wb := workbench.New(st, hub)
	if *withDemo {
		if err := demoAllowed(ctx, st); err != nil {
			return err
		}
		if err := importDemo(ctx, wb, stdout); err != nil {
			return err
		}
		if err := ensureDemoUsers(ctx, st, wb, stdout); err != nil {
			return err
		}
	}
	if us, err := st.ListUsers(ctx); err != nil {
		return err
	} else if len(us) == 0 {
		fmt.Fprintln(stdout, "No users yet, so nobody can log in: create an admin with `zhen user add NAME --role admin` (password on stdin), or start with --demo.")
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w (choose another with --addr HOST:PORT)", *addr, err)
	}
	// Glossary candidates are computed again once imports and glossary
	// changes (from any process) have been quiet for a while.
	go wb.KeepSuggestions(ctx, hub.Subscribe().C, suggestQuiet)
	// And the discovered terms after any change of the English too.
	go wb.KeepDiscovered(ctx, hub.Subscribe().C, suggestQuiet)
	stopStreams := make(chan struct{})
	srv := server.NewHTTPServer(server.New(st, wb, server.Config{Version: version, UI: frontend.Dist(), SecureCookies: *secure,
		TrustedProxies: splitList(*proxies), Stop: stopStreams, Events: hub, RequestLogs: true}))
	srv.RegisterOnShutdown(func() { close(stopStreams) }) // event streams never end by themselves
	fmt.Fprintf(stdout, "Zhen %s serving %s on http://%s/\n", version, store.RedactDSN(*db), displayAddr(ln.Addr()))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	slog.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

// logOutput is where the server logs (tests read it).
var logOutput io.Writer = os.Stderr

// newLogger is the server's log: the access log, slow queries and errors,
// as text or JSON lines, from the level given on.
func newLogger(w io.Writer, level, format string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, usageError{fmt.Sprintf("serve: --log-level %q: use debug, info, warn or error", level)}
	}
	opt := &slog.HandlerOptions{Level: l}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opt)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opt)), nil
	}
	return nil, usageError{fmt.Sprintf("serve: --log-format %q: use text or json", format)}
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// displayAddr turns 0.0.0.0:8080 into something a browser can open.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// demoAllowed refuses --demo on a database that has users of its own (any
// user that --demo did not create):
// there it would create well-known accounts (admin, reviewer …) and print
// their passwords on a real team's server.
func demoAllowed(ctx context.Context, st *store.Store) error {
	us, err := st.ListUsers(ctx)
	if err != nil {
		return err
	}
	made, err := st.UsersCreatedBy(ctx, "demo")
	if err != nil {
		return err
	}
	for _, u := range us {
		// A demo user is one --demo created, whatever its name: a team's
		// own admin may well be called admin.
		if !made[u.Username] || !slices.Contains(demoUsers, auth.Role(u.Username)) {
			return fmt.Errorf("--demo is for a new or demo database, and this one has users of its own (%s): start without --demo, or give --db a new file for the demo", u.Username)
		}
	}
	return nil
}

func importDemo(ctx context.Context, wb *workbench.Workbench, stdout io.Writer) error {
	d, err := wb.SeedDemo(ctx, demoActor)
	if err != nil {
		return err
	}
	if d.Statements > 0 {
		fmt.Fprintf(stdout, "Imported the demo corpus: %s.\n", count(d.Statements, "statement", "statements"))
	}
	if d.Terms > 0 {
		fmt.Fprintf(stdout, "Imported the demo glossary: %s.\n", count(d.Terms, "term", "terms"))
	}
	return nil
}

func cmdImport(args []string, stdout io.Writer) error {
	fs, db := newFlags("import")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usageError{"import: name at least one FILE"}
	}
	var c workbench.ImportStatements
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		c.Files = append(c.Files, workbench.File{Name: filepath.Base(f), Data: data})
	}
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	out, err := cliWorkbench(ctx, st).ImportStatements(ctx, cliActor(), c)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, map[string]any{"documents": out})
	}
	for _, d := range out {
		if d.Duplicate {
			fmt.Fprintf(stdout, "already imported as document %d (not added again): %s\n", d.ID, d.Title)
		} else {
			fmt.Fprintf(stdout, "imported document %d, %s, %s: %s\n", d.ID, orDash(d.Date), count(d.Clauses, "clause", "clauses"), d.Title)
		}
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "no date"
	}
	return s
}

func cmdClauses(args []string, stdout io.Writer) error {
	fs, db := newFlags("clauses")
	docID := fs.Uint("document", 0, "only this document")
	asJSON := fs.Bool("json", false, "print JSON (the only output form)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := noArgs("clauses", pos); err != nil {
		return err
	}
	if !*asJSON {
		return usageError{"clauses: pass --json (the only output form)"}
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
	type row struct {
		ID         uint   `json:"id"`
		DocumentID uint   `json:"document_id"`
		Index      int    `json:"index"`
		Source     string `json:"source"`
		Target     string `json:"target"`
		Status     string `json:"status"`
	}
	rows := []row{}
	for u, err := range st.ExportUnits(ctx, store.ExportFilter{DocumentID: *docID, Texts: store.LatestTexts, Untranslated: true}) {
		if err != nil {
			return err
		}
		rows = append(rows, row{u.ClauseID, u.DocumentID, u.Index, u.Source, u.Target, u.Status})
	}
	return writeJSON(stdout, map[string]any{"clauses": rows})
}

func cmdTranslationsImport(args []string, stdout io.Writer) error {
	fs, db := newFlags("translations import")
	memoryOnly := fs.Bool("memory-only", false, "TMX: keep the units as translation memory only, fill no clause")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return usageError{"translations import: name exactly one FILE (.csv, .tmx, .xlf or .xliff)"}
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
	res, err := cliWorkbench(ctx, st).ImportTranslations(ctx, cliActor(), workbench.ImportTranslations{Name: files[0], Data: f, MemoryOnly: *memoryOnly})
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, res)
	}
	fmt.Fprintf(stdout, "%s: %s updated, %d unchanged", res.Format, count(res.Updated, "clause", "clauses"), res.Unchanged)
	if res.Unmatched > 0 {
		fmt.Fprintf(stdout, ", %s no clause", count(res.Unmatched, "row matches", "rows match"))
	}
	if res.MarkerPairs > 0 {
		fmt.Fprintf(stdout, ", %s a numbering marker and its sentence", count(res.MarkerPairs, "pair matched", "pairs matched"))
	}
	if m := res.Memory; m != nil {
		fmt.Fprintf(stdout, "; translation memory: %s, %d new; %s their English, %s no clause", count(m.Units, "unit", "units"), m.Stored,
			count(m.Kept, "clause kept", "clauses kept"), count(m.Unmatched, "unit matches", "units match"))
	}
	fmt.Fprintf(stdout, "; %s\n", count(len(res.Conflicts), "conflict", "conflicts"))
	if res.LanguageNote != "" {
		fmt.Fprintf(stdout, "note: %s\n", res.LanguageNote)
	}
	for _, c := range res.Conflicts {
		fmt.Fprintf(stdout, "conflict, line %d: clause %d was changed in Zhen by %s at %s since the export; kept %q, not applied %q\n",
			c.Line, c.ClauseID, c.ChangedBy, c.ChangedAt.Format(time.RFC3339), c.Theirs, c.Yours)
	}
	return nil
}

func cmdExport(args []string, stdout io.Writer) error {
	fs, db := newFlags("export")
	formatName := fs.String("format", "", "tmx, csv or xliff; or one statement's English document: text, html, docx or bilingual-docx")
	docID := fs.Uint("document", 0, "only this document")
	untranslated := fs.Bool("untranslated", false, "CSV: also clauses without English (a worksheet to fill in)")
	allStatuses := fs.Bool("all-statuses", false, "the newest English of every clause, not only approved English")
	out := fs.String("o", "", "output file (- for standard output)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := noArgs("export", pos); err != nil {
		return err
	}
	if f, ok := docout.ParseFormat(*formatName); ok {
		if *out == "" {
			return usageError{"export: name the output file with -o FILE"}
		}
		return exportStatement(f, *db, *docID, *allStatuses, *out, stdout)
	}
	format, err := exchange.ParseFormat(*formatName)
	if err != nil {
		return usageError{"export: " + err.Error() + ", or for one statement's English document text, html, docx or bilingual-docx"}
	}
	if *out == "" {
		return usageError{"export: name the output file with -o FILE"}
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
	plan := workbench.Export{Format: format, Document: *docID, Untranslated: *untranslated, AllStatuses: *allStatuses}
	lang, err := st.TargetLanguage(ctx)
	if err != nil {
		return err
	}
	units := st.ExportUnits(ctx, plan.Filter())
	opt := exchange.TMXOptions{ToolVersion: version, TargetLang: lang}
	return writeOutput(*out, stdout, func(w io.Writer) (int, error) { return exchange.Write(w, format, units, opt) }, "units")
}

// exportStatement writes one statement's English document (internal/docout).
func exportStatement(f docout.Format, db string, docID uint, allStatuses bool, out string, stdout io.Writer) error {
	if docID == 0 {
		return usageError{fmt.Sprintf("export: format %s is the English document of one statement: name it with --document ID", f)}
	}
	st, err := store.Open(db)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	d, err := st.GetDocument(ctx, docID)
	if err != nil {
		return fmt.Errorf("document %d: %w", docID, err)
	}
	clauses, _, err := st.ListClauses(ctx, store.ClauseFilter{DocumentID: docID})
	if err != nil {
		return err
	}
	settings, err := st.Settings(ctx)
	if err != nil {
		return err
	}
	s := workbench.Statement(d.Document, clauses, settings.NumberingStyle, docout.Options{AllStatuses: allStatuses, Language: settings.TargetLanguage})
	return writeOutput(out, stdout, func(w io.Writer) (int, error) { return len(clauses), docout.Write(w, f, s) }, "clauses")
}

// writeOutput runs write into the file named out ("-" = stdout). It writes
// beside the target and renames: a failed export never leaves a truncated
// file where a good one was. The file gets the mode a newly created file
// gets (0666 less the umask), not the 0600 of the temporary file, so that
// colleagues on a shared drive can open it (see createBeside).
func writeOutput(out string, stdout io.Writer, write func(io.Writer) (int, error), what string) error {
	if out == "-" {
		_, err := write(stdout)
		return err
	}
	tmp, err := createBeside(filepath.Dir(out))
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	n, err := write(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d %s to %s\n", n, what, out)
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// cmdHealthcheck asks a running server whether it and its database answer.
// The Docker image uses it: the runtime image has no curl.
func cmdHealthcheck(args []string, stdout io.Writer) error {
	fs, _ := newFlags("healthcheck")
	url := fs.String("url", "http://127.0.0.1:8080/healthz", "health endpoint")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := noArgs("healthcheck", pos); err != nil {
		return err
	}
	client := &http.Client{Timeout: 5 * time.Second}
	res, err := client.Get(*url)
	if err != nil {
		return fmt.Errorf("unhealthy: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("unhealthy: %s answered %s", *url, res.Status)
	}
	fmt.Fprintln(stdout, "healthy")
	return nil
}

// requireDocument fails with a clear message when a --document ID names no
// document (0 means "all documents" and always passes).
func requireDocument(ctx context.Context, st *store.Store, id uint) error {
	if id == 0 {
		return nil
	}
	if _, err := st.GetDocument(ctx, id); err != nil {
		return fmt.Errorf("document %d: %w", id, err)
	}
	return nil
}
