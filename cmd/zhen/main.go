// Command zhen is the Chinese→English aligned translation workbench: the
// server and the command-line tools. This package only wires: parsing,
// storage, formats and HTTP live in their own packages.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/pprof"
	"strings"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `Zhen — Chinese→English aligned translation workbench

Usage:
  zhen serve [--addr HOST:PORT] [--demo] [--secure-cookies] [--log-level L] [--log-format text|json]
                                                run the server and browser editor; --demo adds
                                                the demo statements and one user per role
  zhen import [--json] FILE...                  import Chinese statements (UTF-8 or GB18030)
  zhen clauses [--document ID] --json           print clauses with their English
  zhen translations import [--memory-only] [--json] FILE   English from .csv, .tmx or .xlf/.xliff
  zhen export --format tmx|csv|xliff [--document ID] [--all-statuses] -o FILE
  zhen export --format text|html|docx|bilingual-docx --document ID [--all-statuses] -o FILE
                                                a statement's English document (bilingual: a table)
  zhen align --document ID FILE [--json] [--apply]   align an English version with a document
  zhen user add NAME --role admin|reviewer|translator|viewer   (password on stdin)
  zhen user list [--json]
  zhen user passwd NAME                         new password on stdin; ends the user's sessions
  zhen user disable|enable NAME                 disabling ends the user's sessions
  zhen user role NAME ROLE
  zhen glossary list [--query Q] [--json]
  zhen glossary add --zh TERM --en RENDERING [--variants A|B] [--forbidden X|Y] [--pos P] [--note N] [--status S] [--case-sensitive]
  zhen glossary edit ID [same flags]          change only the flags given
                                                either with --dry-run: change nothing, print the impact on the findings
  zhen glossary delete ID
  zhen glossary import FILE                     .csv (zh,en,variants,forbidden,pos,note,status) or .tbx
  zhen glossary export --format csv|tbx -o FILE
  zhen check [--document ID] [--kind K] [--offset N] [--limit N] [--json]
                                                glossary and QA findings (a page of them, with the total)
  zhen check --report csv|html [--document ID] -o FILE
                                                the QA report: every open and dismissed finding
  zhen terms report --json                      how each term was rendered across statements
  zhen terms suggest [--limit N] --json         glossary candidates recurring across statements
  zhen terms discover [--document ID] [--limit N] [--json]
                                                terms rendered in more than one way, glossary or not
  zhen settings [--json]                        the corpus settings
  zhen settings set numbering_style arabic|roman|outline [--document ID]
  zhen settings set target_language en-GB|en-US|en
                                                how numbering markers read in English: the
                                                corpus default, or one statement's ("default")
  zhen stats [--document ID] [--json]          Chinese characters, English words, clauses by status
  zhen analyze [--document ID] [--json|--csv]  leverage: repetitions and memory match bands per statement
  zhen assign --document ID --translator NAME --reviewer NAME [--clauses 5-40] [--due 2026-12-20]
                                                assign a statement (or a range of its clauses)
  zhen assign --id N [--translator NAME] [--reviewer NAME] [--clauses 5-40|none] [--due DATE|none]
                                                change an assignment (only the flags given)
  zhen assignments [--user NAME] [--document ID] [--json]   assignments with their progress
  zhen backup -o FILE                           consistent copy of a SQLite database, also while serving
  zhen healthcheck [--url URL]                  exit 0 if a running server is healthy
  zhen version

Every command takes --db DSN (default $ZHEN_DB or zhen.db): a SQLite file,
or postgres://user@host:port/db for PostgreSQL. Flags may come before or
after the other arguments.
`

func main() {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})))
	// A CPU profile of the whole process, for docs/PERFORMANCE.md: the
	// user's figure is the process's, not a benchmark's.
	stop := func() {}
	if path := os.Getenv("ZHEN_CPUPROFILE"); path != "" {
		var err error
		if stop, err = profileCPU(path); err != nil {
			fmt.Fprintf(os.Stderr, "zhen: ZHEN_CPUPROFILE: %v\n", err)
			stop = func() {}
		}
	}
	err := run(os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(os.Stderr, "zhen: %v\n\n%s", err, usage)
			os.Exit(2)
		}
		fmt.Fprintf(os.Stderr, "zhen: %v\n", err)
		os.Exit(1)
	}
}

// profileCPU starts a CPU profile written to path; stop ends it.
func profileCPU(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func run(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError{"no command given"}
	}
	// --db may also stand before the command: move it behind.
	var global []string
	for len(args) > 0 && (strings.HasPrefix(args[0], "--db") || strings.HasPrefix(args[0], "-db")) {
		n := 1
		if !strings.Contains(args[0], "=") && len(args) > 1 {
			n = 2
		}
		global, args = append(global, args[:n]...), args[n:]
	}
	if len(args) == 0 {
		return usageError{"no command given"}
	}
	cmd, rest := args[0], append(args[1:len(args):len(args)], global...)
	switch cmd {
	case "serve":
		return cmdServe(rest, stdout)
	case "import":
		return cmdImport(rest, stdout)
	case "clauses":
		return cmdClauses(rest, stdout)
	case "translations":
		if len(rest) == 0 || rest[0] != "import" {
			return usageError{"translations: the subcommand is `translations import FILE`"}
		}
		return cmdTranslationsImport(rest[1:], stdout)
	case "export":
		return cmdExport(rest, stdout)
	case "glossary":
		return cmdGlossary(rest, stdout)
	case "check":
		return cmdCheck(rest, stdout)
	case "terms":
		return cmdTerms(rest, stdout)
	case "backup":
		return cmdBackup(rest, stdout)
	case "align":
		return cmdAlign(rest, stdout)
	case "user":
		return cmdUser(rest, stdout)
	case "settings":
		return cmdSettings(rest, stdout)
	case "stats":
		return cmdStats(rest, stdout)
	case "analyze":
		return cmdAnalyze(rest, stdout)
	case "healthcheck":
		return cmdHealthcheck(rest, stdout)
	case "assign":
		return cmdAssign(rest, stdout)
	case "assignments":
		return cmdAssignments(rest, stdout)
	case "version", "--version":
		fmt.Fprintln(stdout, "zhen", version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return usageError{fmt.Sprintf("unknown command %q", cmd)}
}

// newFlags returns a flag set with --db, which every command takes.
func newFlags(name string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	def := os.Getenv("ZHEN_DB")
	if def == "" {
		def = "zhen.db"
	}
	return fs, fs.String("db", def, "SQLite file or postgres:// DSN")
}

// parse parses flags wherever they stand among the positional arguments
// (the standard flag package stops at the first positional one).
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{fs.Name() + ": " + err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func noArgs(name string, positional []string) error {
	if len(positional) > 0 {
		return usageError{fmt.Sprintf("%s: unexpected argument %q", name, strings.Join(positional, " "))}
	}
	return nil
}
