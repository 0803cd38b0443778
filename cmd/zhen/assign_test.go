package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// zhen assign and zhen assignments; zhen check --report.
func TestAssignAndReportCommands(t *testing.T) {
	f := newFixture(t)
	mustZhen(t, "import", f.seed, "--db", f.db)
	for _, u := range [][2]string{{"tom", "translator"}, {"rita", "reviewer"}} {
		if _, err := addTestUser(t, f, u[0], u[1]); err != nil {
			t.Fatal(err)
		}
	}
	out := mustZhen(t, "assign", "--document", "1", "--translator", "tom", "--reviewer", "rita", "--clauses", "5-40", "--due", "2026-12-20", "--db", f.db)
	if !strings.HasPrefix(out, "assignment 1: document 1, clauses 5-40 to tom, review by rita, due 2026-12-20") {
		t.Fatalf("assign: %q", out)
	}
	for _, bad := range [][]string{
		{"--clauses", "40-5"},
		{"--reviewer", "tom"},
		{"--due", "20 December"},
	} {
		args := append([]string{"assign", "--document", "1", "--translator", "tom", "--reviewer", "rita", "--db", f.db}, bad...)
		if _, err := zhen(t, args...); err == nil {
			t.Errorf("zhen %s: no error", strings.Join(args, " "))
		}
	}
	list := decode[struct {
		Assignments []struct {
			ID                   uint
			Translator, Reviewer string
			FirstClause          int `json:"first_clause"`
			LastClause           int `json:"last_clause"`
			Clauses              int
		}
	}](t, mustZhen(t, "assignments", "--json", "--user", "tom", "--db", f.db))
	if len(list.Assignments) != 1 || list.Assignments[0].FirstClause != 5 || list.Assignments[0].LastClause != 40 || list.Assignments[0].Clauses == 0 {
		t.Fatalf("assignments: %+v", list)
	}
	if out := mustZhen(t, "assignments", "--db", f.db); !strings.Contains(out, "5-40") || !strings.Contains(out, "1 assignment\n") {
		t.Fatalf("assignments table:\n%s", out)
	}

	// zhen assign --id: only the flags given change, on the current version.
	out = mustZhen(t, "assign", "--id", "1", "--due", "2027-01-15", "--db", f.db)
	if !strings.HasPrefix(out, "assignment 1 (version 2): document 1, clauses 5-40 to tom, review by rita, due 2027-01-15") {
		t.Fatalf("assign --id --due: %q", out)
	}
	out = mustZhen(t, "assign", "--id", "1", "--clauses", "none", "--due", "none", "--translator", "rita", "--db", f.db)
	if !strings.HasPrefix(out, "assignment 1 (version 3): document 1, all clauses to rita, review by rita\n") {
		t.Fatalf("assign --id --clauses none --due none: %q", out)
	}
	for _, bad := range [][]string{
		{"--id", "1"}, // nothing to change
		{"--id", "1", "--document", "1", "--due", "none"}, // the statement cannot change
		{"--id", "1", "--clauses", "9-2"},
		{"--id", "1", "--translator", "nobody"},
		{"--id", "99", "--due", "none"},
	} {
		if _, err := zhen(t, append(append([]string{"assign"}, bad...), "--db", f.db)...); err == nil {
			t.Errorf("zhen assign %s: no error", strings.Join(bad, " "))
		}
	}
	mustZhen(t, "assign", "--id", "1", "--translator", "tom", "--clauses", "5-40", "--db", f.db)

	mustZhen(t, "glossary", "add", "--zh", "金砖国家", "--en", "BRICS", "--forbidden", "BRIC", "--db", f.db)
	src := clauseSourceWith(t, f, "金砖国家")
	mustZhen(t, "translations", "import", f.write(t, "tr.csv", []byte("zh,en\n\""+src+"\",\"Cooperation within BRIC & <others>。\"\n")), "--db", f.db)
	csvPath, htmlPath := filepath.Join(f.dir, "qa.csv"), filepath.Join(f.dir, "qa.html")
	if out := mustZhen(t, "check", "--report", "csv", "-o", csvPath, "--db", f.db); !strings.Contains(out, "wrote 2 findings") {
		t.Fatalf("check --report csv: %q", out)
	}
	mustZhen(t, "check", "--report", "html", "--document", "1", "-o", htmlPath, "--db", f.db)
	csv, _ := os.ReadFile(csvPath)
	html, _ := os.ReadFile(htmlPath)
	if !strings.Contains(string(csv), src) || !strings.Contains(string(csv), "term_forbidden") ||
		!strings.Contains(string(html), "BRIC &amp; &lt;others&gt;") || !strings.HasSuffix(string(html), "</html>\n") {
		t.Fatalf("reports:\n%s\n%s", csv, html)
	}
	for _, bad := range [][]string{{"--report", "pdf", "-o", csvPath}, {"--report", "csv"}, {"-o", csvPath}} {
		if _, err := zhen(t, append([]string{"check", "--db", f.db}, bad...)...); err == nil {
			t.Errorf("check %v: no error", bad)
		}
	}
}

func addTestUser(t *testing.T, f fixture, name, role string) (string, error) {
	t.Helper()
	stdin = strings.NewReader("a long pass phrase, quite unguessable 42\n")
	defer func() { stdin = os.Stdin }()
	return zhen(t, "user", "add", name, "--role", role, "--db", f.db)
}
