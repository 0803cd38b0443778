package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/testkit"
)

func TestGlossaryCommands(t *testing.T) {
	f := newFixture(t)
	out := mustZhen(t, "glossary", "add", "--zh", "金砖国家", "--en", "BRICS", "--forbidden", "BRIC", "--variants", "BRICS countries|BRICS nations", "--db", f.db)
	var term struct {
		ID        uint     `json:"id"`
		Variants  []string `json:"variants"`
		Version   int      `json:"version"`
		Forbidden []string `json:"forbidden"`
	}
	if err := json.Unmarshal([]byte(out), &term); err != nil || len(term.Variants) != 2 || term.Forbidden[0] != "BRIC" {
		t.Fatalf("add: %v %s", err, out)
	}
	out = mustZhen(t, "glossary", "edit", itoa(term.ID), "--note", "BRIC predates South Africa", "--db", f.db)
	if !strings.Contains(out, `"note": "BRIC predates South Africa"`) || !strings.Contains(out, `"BRICS nations"`) {
		t.Fatalf("edit lost fields or did not apply: %s", out)
	}
	csvPath := f.write(t, "terms.csv", []byte("zh,en,variants\n上海合作组织,Shanghai Cooperation Organisation,SCO\n六方会谈,Six-Party Talks,\n"))
	if out := mustZhen(t, "glossary", "import", csvPath, "--db", f.db); !strings.Contains(out, "2 entries added") {
		t.Fatalf("import: %s", out)
	}
	if _, err := zhen(t, "glossary", "import", f.write(t, "bad.csv", []byte("zh,en\n双方,both sides\n,missing\n")), "--db", f.db); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Fatalf("bad import: %v", err)
	}
	if out := mustZhen(t, "glossary", "list", "--db", f.db); strings.Count(out, "\n") != 3 {
		t.Fatalf("list after a failed import:\n%s", out)
	}
	for _, format := range []string{"tbx", "csv"} {
		path := filepath.Join(f.dir, "glossary."+format)
		if out := mustZhen(t, "glossary", "export", "--format", format, "-o", path, "--db", f.db); !strings.Contains(out, "wrote 3 entries") {
			t.Fatalf("export: %s", out)
		}
		args, script := []string{path}, "validate_tbx.sh"
		if format == "csv" {
			script, args = "validate_csv.py", append(args, "--zh-col", "0", "--en-col", "1", "--csvkit")
		}
		if msg, code := testkit.RunValidator(t, script, args...); code != 0 {
			t.Fatalf("%s:\n%s", script, msg)
		}
		// Into a fresh database and out again: the same file.
		db2 := filepath.Join(f.dir, format+"2.db")
		mustZhen(t, "glossary", "import", path, "--db", db2)
		path2 := filepath.Join(f.dir, "again."+format)
		mustZhen(t, "glossary", "export", "--format", format, "-o", path2, "--db", db2)
		a, _ := os.ReadFile(path)
		b, _ := os.ReadFile(path2)
		if format == "csv" && string(a) != string(b) {
			t.Fatalf("CSV round trip differs:\n%s\n---\n%s", a, b)
		}
	}
	mustZhen(t, "glossary", "delete", itoa(term.ID), "--db", f.db)
	if _, err := zhen(t, "glossary", "delete", itoa(term.ID), "--db", f.db); err == nil {
		t.Fatal("deleting twice succeeded")
	}
}

func TestCheckAndTermCommands(t *testing.T) {
	f := newFixture(t)
	mustZhen(t, "import", f.seed, "--db", f.db)
	mustZhen(t, "glossary", "add", "--zh", "金砖国家", "--en", "BRICS", "--forbidden", "BRIC", "--db", f.db)
	src := clauseSourceWith(t, f, "金砖国家")
	csv := "zh,en\n\"" + src + "\",\"Cooperation within BRIC, the SCO and others。\"\n"
	mustZhen(t, "translations", "import", f.write(t, "tr.csv", []byte(csv)), "--db", f.db)
	var res struct {
		Findings []struct {
			Kind, Severity, Source, Target, Term, Expected, Found, Message string
			ClauseID                                                       uint `json:"clause_id"`
			DocumentID                                                     uint `json:"document_id"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(mustZhen(t, "check", "--json", "--db", f.db)), &res); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, fd := range res.Findings {
		got[fd.Kind] = true
		if fd.ClauseID == 0 || fd.DocumentID == 0 || fd.Message == "" || fd.Source != src {
			t.Errorf("incomplete finding: %+v", fd)
		}
	}
	if !got["term_forbidden"] || !got["punctuation"] {
		t.Fatalf("check found %v", got)
	}
	// A page: --offset and --limit cut the list in its order, the total
	// is the whole's; --kind keeps one kind.
	var page struct {
		Findings []struct {
			Kind    string `json:"kind"`
			Message string `json:"message"`
		} `json:"findings"`
		Total, Offset, Limit int
	}
	if err := json.Unmarshal([]byte(mustZhen(t, "check", "--json", "--offset", "1", "--limit", "1", "--db", f.db)), &page); err != nil {
		t.Fatal(err)
	}
	if page.Total != len(res.Findings) || page.Offset != 1 || page.Limit != 1 || len(page.Findings) != 1 || page.Findings[0].Message != res.Findings[1].Message {
		t.Fatalf("a page of one from 1: %+v, the whole: %d", page, len(res.Findings))
	}
	if err := json.Unmarshal([]byte(mustZhen(t, "check", "--json", "--kind", "term_forbidden", "--limit", "10", "--db", f.db)), &page); err != nil {
		t.Fatal(err)
	}
	if page.Total != 1 || len(page.Findings) != 1 || page.Findings[0].Kind != "term_forbidden" {
		t.Fatalf("--kind term_forbidden: %+v", page)
	}
	if out := mustZhen(t, "check", "--limit", "1", "--db", f.db); !strings.HasSuffix(out, fmt.Sprintf("1 of %d findings (from 0)\n", len(res.Findings))) {
		t.Fatalf("a page as text ends %q", out[max(0, len(out)-60):])
	}
	for _, bad := range [][]string{{"--limit", "-1"}, {"--offset", "-2"}, {"--report", "csv", "-o", "x.csv", "--kind", "number_mismatch"}} {
		if _, err := zhen(t, append([]string{"check", "--db", f.db}, bad...)...); err == nil {
			t.Errorf("check %v: no error", bad)
		}
	}
	var rep struct {
		Terms []json.RawMessage `json:"terms"`
	}
	json.Unmarshal([]byte(mustZhen(t, "terms", "report", "--json", "--db", f.db)), &rep)
	if len(rep.Terms) != 1 || !strings.Contains(string(rep.Terms[0]), "BRIC") {
		t.Fatalf("report: %s", rep.Terms)
	}
	var sug struct {
		Suggestions []struct{ Text string } `json:"suggestions"`
	}
	json.Unmarshal([]byte(mustZhen(t, "terms", "suggest", "--json", "--db", f.db)), &sug)
	if len(sug.Suggestions) == 0 {
		t.Fatal("no suggestions from the seed")
	}
}

// `glossary add|edit --dry-run --json` prints what the change would do to
// the findings and changes nothing.
func TestGlossaryDryRun(t *testing.T) {
	f := newFixture(t)
	mustZhen(t, "import", f.seed, "--db", f.db)
	src := clauseSourceWith(t, f, "金砖国家")
	mustZhen(t, "translations", "import", f.write(t, "tr.csv", []byte("zh,en\n\""+src+"\",\"Cooperation within BRIC.\"\n")), "--db", f.db)
	var out struct {
		Impact struct {
			NewFindings []struct {
				Kind     string `json:"kind"`
				ClauseID uint   `json:"clause_id"`
			} `json:"new_findings"`
			ResolvedFindings []any  `json:"resolved_findings"`
			ApprovedClauses  int    `json:"approved_clauses"`
			Documents        []uint `json:"documents"`
		} `json:"impact"`
	}
	if err := json.Unmarshal([]byte(mustZhen(t, "glossary", "add", "--zh", "金砖国家", "--en", "BRICS", "--forbidden", "BRIC", "--dry-run", "--json", "--db", f.db)), &out); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, fd := range out.Impact.NewFindings {
		kinds[fd.Kind] = true
	}
	if !kinds["term_forbidden"] || len(out.Impact.Documents) != 1 {
		t.Fatalf("impact: %+v", out.Impact)
	}
	if list := mustZhen(t, "glossary", "list", "--db", f.db); strings.Contains(list, "金砖国家") {
		t.Fatalf("a dry run added the term:\n%s", list)
	}
}

// clauseSourceWith is the Chinese of the first clause that contains part.
func clauseSourceWith(t *testing.T, f fixture, part string) string {
	t.Helper()
	for _, c := range decode[clausesJSON](t, mustZhen(t, "clauses", "--json", "--db", f.db)).Clauses {
		if strings.Contains(c.Source, part) {
			return c.Source
		}
	}
	t.Fatalf("no clause contains %s", part)
	return ""
}
