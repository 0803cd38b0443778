package main

import (
	"archive/zip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// zhen export writes a statement's English document in each format: the
// draft only with --all-statuses, marked; a format for one statement
// without --document is a usage error; an unknown statement fails and
// leaves no file.
func TestExportStatementCLI(t *testing.T) {
	f := newFixture(t)
	docs := decode[importJSON](t, mustZhen(t, "import", "--json", "--db", f.db, f.seed))
	first := docs.Documents[0]
	cl := decode[clausesJSON](t, mustZhen(t, "clauses", "--document", itoa(first.ID), "--json", "--db", f.db))
	csv := "zh,en\r\n\"" + strings.ReplaceAll(cl.Clauses[0].Source, `"`, `""`) + "\",On 16 June 2011 the presidents issued a joint statement.\r\n"
	mustZhen(t, "translations", "import", f.write(t, "tr.csv", []byte(csv)), "--db", f.db)

	path := filepath.Join(f.dir, "statement.txt")
	out := mustZhen(t, "export", "--format", "text", "--document", itoa(first.ID), "-o", path, "--db", f.db)
	if !strings.Contains(out, fmt.Sprintf("wrote %d clauses", first.Clauses)) {
		t.Fatalf("export said %q", out)
	}
	text, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(text), first.Title+"\n17 June 2011\n\n[not approved: 2011年6月16日") || !strings.Contains(string(text), "\nI\n") {
		t.Fatalf("approved English:\n%s", text)
	}
	mustZhen(t, "export", "--format", "text", "--document", itoa(first.ID), "--all-statuses", "-o", path, "--db", f.db)
	text, _ = os.ReadFile(path)
	if !strings.Contains(string(text), "On 16 June 2011 the presidents issued a joint statement. [draft] [untranslated: 联合声明全文如下") {
		t.Fatalf("all statuses:\n%s", text)
	}
	mustZhen(t, "export", "--format", "html", "--document", itoa(first.ID), "--all-statuses", "-o", filepath.Join(f.dir, "s.html"), "--db", f.db)
	if h, _ := os.ReadFile(filepath.Join(f.dir, "s.html")); !strings.HasPrefix(string(h), "<!DOCTYPE html>") || !strings.Contains(string(h), `<mark class="draft"`) {
		t.Fatalf("html:\n%s", h)
	}
	for _, format := range []string{"docx", "bilingual-docx"} {
		p := filepath.Join(f.dir, format+".docx")
		mustZhen(t, "export", "--format", format, "--document", itoa(first.ID), "-o", p, "--db", f.db)
		z, err := zip.OpenReader(p)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if len(z.File) < 5 {
			t.Fatalf("%s: %d parts", format, len(z.File))
		}
		z.Close()
	}

	_, err := zhen(t, "export", "--format", "bilingual-docx", "-o", filepath.Join(f.dir, "x.docx"), "--db", f.db)
	var ue usageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "--document ID") {
		t.Fatalf("no --document: %v", err)
	}
	if _, err := zhen(t, "export", "--format", "docx", "--document", "99", "-o", filepath.Join(f.dir, "y.docx"), "--db", f.db); err == nil || !strings.Contains(err.Error(), "document 99") {
		t.Fatalf("unknown statement: %v", err)
	}
	if _, err := os.Stat(filepath.Join(f.dir, "y.docx")); !os.IsNotExist(err) {
		t.Error("a failed export left a file behind")
	}
}
