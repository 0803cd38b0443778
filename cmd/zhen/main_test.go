package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/demo"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/testkit"
)

func init() { auth.Cost = bcrypt.MinCost }

// zhen runs the CLI in-process, as a script would run the binary.
func zhen(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(args, &out)
	return out.String(), err
}

func mustZhen(t *testing.T, args ...string) string {
	t.Helper()
	out, err := zhen(t, args...)
	if err != nil {
		t.Fatalf("zhen %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

type fixture struct {
	dir, db, seed string
}

func newFixture(t *testing.T) fixture {
	dir := t.TempDir()
	f := fixture{dir: dir, db: filepath.Join(dir, "zhen.db"), seed: filepath.Join(dir, demo.SeedName)}
	if err := os.WriteFile(f.seed, demo.Seed, 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f fixture) write(t *testing.T, name string, data []byte) string {
	p := filepath.Join(f.dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

type importJSON struct {
	Documents []struct {
		ID        uint   `json:"id"`
		Title     string `json:"title"`
		Date      string `json:"date"`
		Clauses   int    `json:"clauses"`
		Duplicate bool   `json:"duplicate"`
	} `json:"documents"`
}

type clausesJSON struct {
	Clauses []struct {
		ID         uint   `json:"id"`
		DocumentID uint   `json:"document_id"`
		Index      int    `json:"index"`
		Source     string `json:"source"`
		Target     string `json:"target"`
		Status     string `json:"status"`
	} `json:"clauses"`
}

func decode[T any](t *testing.T, s string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%v in %s", err, s)
	}
	return v
}

func TestImportJSONAndDuplicate(t *testing.T) {
	f := newFixture(t)
	// --db after the file, as scripts write it.
	got := decode[importJSON](t, mustZhen(t, "import", "--json", f.seed, "--db", f.db))
	wantDates := []string{"2011-06-17", "2011-06-17", "2012-06-06", "2013-03-23", "2015-05-09"}
	if len(got.Documents) != 5 {
		t.Fatalf("%d documents", len(got.Documents))
	}
	for i, d := range got.Documents {
		if d.Date != wantDates[i] || d.ID == 0 || d.Clauses == 0 || d.Title == "" || d.Duplicate {
			t.Errorf("document %d: %+v", i, d)
		}
	}
	out := mustZhen(t, "--db", f.db, "import", f.seed)
	if strings.Count(out, "already imported") != 5 {
		t.Fatalf("second import does not say it is a duplicate:\n%s", out)
	}
	// The same statements in GB18030 are the same content.
	gbk, _ := simplifiedchinese.GB18030.NewEncoder().Bytes(demo.Seed)
	out = mustZhen(t, "import", "--db="+f.db, f.write(t, "seed-gbk.txt", gbk))
	if strings.Count(out, "already imported") != 5 {
		t.Fatalf("GB18030 copy imported again:\n%s", out)
	}
}

func TestImportAllOrNothingAcrossFiles(t *testing.T) {
	f := newFixture(t)
	bad := f.write(t, "broken.txt", []byte("双方\xff\xfe认为"))
	_, err := zhen(t, "import", "--db", f.db, f.seed, bad)
	if err == nil || !strings.Contains(err.Error(), "broken.txt") {
		t.Fatalf("error %v does not name the bad file", err)
	}
	got := decode[clausesJSON](t, mustZhen(t, "clauses", "--json", "--db", f.db))
	if len(got.Clauses) != 0 {
		t.Fatalf("%d clauses stored from a failed import", len(got.Clauses))
	}
}

func TestClausesTranslationsAndExport(t *testing.T) {
	f := newFixture(t)
	docs := decode[importJSON](t, mustZhen(t, "import", "--json", "--db", f.db, f.seed))
	first := docs.Documents[0]
	cl := decode[clausesJSON](t, mustZhen(t, "clauses", "--document", itoa(first.ID), "--json", "--db", f.db))
	if len(cl.Clauses) != first.Clauses || cl.Clauses[0].Index != 0 || cl.Clauses[0].Status != "untranslated" || cl.Clauses[0].DocumentID != first.ID {
		t.Fatalf("clauses: %d, first %+v", len(cl.Clauses), cl.Clauses[0])
	}
	src := cl.Clauses[1].Source
	csv := "zh,en,note\r\n" +
		"\"" + strings.ReplaceAll(" "+src+"  ", `"`, `""`) + "\",\"The full text of the joint statement: \"\"…\"\"\",x\r\n" +
		"没有这一句。,Not in any statement.,\r\n"
	out := mustZhen(t, "translations", "import", f.write(t, "tr.csv", []byte(csv)), "--db", f.db)
	if !strings.Contains(out, "csv: 1 clause updated, 0 unchanged, 1 row matches no clause; 0 conflicts") {
		t.Fatalf("translations import said: %s", out)
	}
	cl = decode[clausesJSON](t, mustZhen(t, "clauses", "--json", "--document", itoa(first.ID), "--db", f.db))
	if cl.Clauses[1].Target != `The full text of the joint statement: "…"` || cl.Clauses[1].Status != "draft" {
		t.Fatalf("clause after import: %+v", cl.Clauses[1])
	}
	// A CSV without the en column changes nothing and says which line.
	if _, err := zhen(t, "translations", "import", f.write(t, "bad.csv", []byte("zh,english\n双方,x\n")), "--db", f.db); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Fatalf("bad CSV: %v", err)
	}

	// Exports carry approved English unless asked for every status: the
	// numbering markers, whose English the system wrote and approved, and
	// not the draft.
	markers := 0
	for _, c := range cl.Clauses {
		if c.Status == "approved" { // only numbering markers, "一、" → "1."
			if _, err := strconv.Atoi(strings.Trim(c.Target, ".()")); err != nil && strings.Trim(c.Target, "IVXL") != "" {
				t.Fatalf("numbering marker after import: %+v", c)
			}
			markers++
		}
	}
	if markers == 0 {
		t.Fatal("the first statement has no numbering markers")
	}
	if out := mustZhen(t, "export", "--format", "tmx", "--document", itoa(first.ID), "-o", filepath.Join(f.dir, "approved.tmx"), "--db", f.db); !strings.Contains(out, fmt.Sprintf("wrote %d units", markers)) {
		t.Fatalf("approved-only export of drafts said %q", out)
	}
	for _, format := range []string{"tmx", "csv"} {
		path := filepath.Join(f.dir, "out."+format)
		out := mustZhen(t, "export", "--format", format, "--document", itoa(first.ID), "--all-statuses", "-o", path, "--db", f.db)
		if !strings.Contains(out, fmt.Sprintf("wrote %d units", markers+1)) {
			t.Fatalf("export said %q", out)
		}
		data, _ := os.ReadFile(path)
		if !strings.Contains(string(data), "The full text of the joint statement") {
			t.Fatalf("%s export lacks the translation", format)
		}
		args := []string{path}
		script := "validate_tmx.sh"
		if format == "csv" {
			script, args = "validate_csv.py", append(args, "--zh-col", "3", "--en-col", "4", "--csvkit")
		}
		if msg, code := testkit.RunValidator(t, script, args...); code != 0 {
			t.Fatalf("%s rejects the %s export:\n%s", script, format, msg)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	f := newFixture(t)
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"import"},
		{"export", "--format", "docx", "-o", "x", "--db", f.db},
		{"export", "--format", "tmx", "--db", f.db},
		{"clauses", "--db", f.db},
		{"translations", "export"},
		{"serve", "extra", "--db", f.db},
	} {
		_, err := zhen(t, args...)
		var ue usageError
		if !errors.As(err, &ue) {
			t.Errorf("zhen %v: %v, want a usage error", args, err)
		}
	}
	if _, err := zhen(t, "export", "--format", "tmx", "--document", "99", "-o", filepath.Join(f.dir, "x.tmx"), "--db", f.db); err == nil {
		t.Error("export of a missing document succeeded")
	}
	if _, err := os.Stat(filepath.Join(f.dir, "x.tmx")); !os.IsNotExist(err) {
		t.Error("a failed export left a file behind")
	}
}

func itoa(n uint) string { return strconv.FormatUint(uint64(n), 10) }

func TestServeAndHealthcheck(t *testing.T) {
	f := newFixture(t)
	addr := freeAddr(t)
	if _, err := zhen(t, "healthcheck", "--url", "http://"+addr+"/healthz"); err == nil {
		t.Fatal("healthcheck passed with no server")
	}
	out, done := serveDemo(t, f, addr)
	if !strings.Contains(out.String(), "Imported the demo corpus: 5 statements.") || !strings.Contains(out.String(), "http://"+addr+"/") {
		t.Fatalf("serve --demo printed:\n%s", out)
	}
	if msg := mustZhen(t, "healthcheck", "--url", "http://"+addr+"/healthz"); !strings.Contains(msg, "healthy") {
		t.Fatal(msg)
	}
	// One demo user per role, with the password printed; they can log in.
	if !strings.Contains(out.String(), "Demo user admin (admin)") || !strings.Contains(out.String(), "Demo user viewer (viewer)") {
		t.Fatalf("serve --demo printed no demo users:\n%s", out)
	}
	token := demoLogin(t, addr, out, "translator")
	// An open event stream does not hold up the shutdown.
	req, _ := http.NewRequest("GET", "http://"+addr+"/api/v1/events", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	stream, err := http.DefaultClient.Do(req)
	if err != nil || stream.StatusCode != 200 {
		t.Fatalf("event stream: %v %v", err, stream)
	}
	defer stream.Body.Close()
	syscall.Kill(os.Getpid(), syscall.SIGINT) // serve shuts down cleanly on Ctrl-C
	if err := <-done; err != nil {
		t.Fatalf("serve after SIGINT: %v", err)
	}
	// The demo import stored every clause of the five statements, once.
	out2, err := zhen(t, "clauses", "--json", "--db", f.db)
	if err != nil || strings.Count(out2, `"document_id"`) != 398 {
		t.Fatalf("clauses after serve --demo: %v, %d", err, strings.Count(out2, `"document_id"`))
	}
	// And the starter glossary, which the check uses at once.
	terms := mustZhen(t, "glossary", "list", "--json", "--db", f.db)
	if n := strings.Count(terms, `"zh":`); n != 21 || !strings.Contains(out.String(), "Imported the demo glossary: 21 terms.") {
		t.Fatalf("serve --demo imported %d terms:\n%s", n, out)
	}
	if report := mustZhen(t, "terms", "report", "--json", "--db", f.db); !strings.Contains(report, `"term": "上海合作组织"`) {
		t.Fatalf("terms report after serve --demo:\n%.400s", report)
	}
}

// TestServeDemoKeepsAGlossary checks that serve --demo adds its starter
// glossary only to an empty one: nobody's terms are replaced or mixed in.
func TestServeDemoKeepsAGlossary(t *testing.T) {
	f := newFixture(t)
	mustZhen(t, "glossary", "add", "--zh", "金砖国家", "--en", "BRICS countries", "--status", "approved", "--db", f.db)
	addr := freeAddr(t)
	out, done := serveDemo(t, f, addr)
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	if !strings.Contains(out.String(), "Imported the demo corpus") || strings.Contains(out.String(), "demo glossary") {
		t.Fatalf("serve --demo printed:\n%s", out)
	}
	terms := mustZhen(t, "glossary", "list", "--json", "--db", f.db)
	if strings.Count(terms, `"zh":`) != 1 || !strings.Contains(terms, "BRICS countries") {
		t.Fatalf("the glossary after serve --demo:\n%s", terms)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestUserCommands(t *testing.T) {
	f := newFixture(t)
	withStdin := func(in string, args ...string) (string, error) {
		stdin = strings.NewReader(in)
		defer func() { stdin = os.Stdin }()
		return zhen(t, args...)
	}
	if out, err := withStdin("a long password\n", "user", "add", "Wang.Fang", "--role", "reviewer", "--db", f.db); err != nil || !strings.Contains(out, "added wang.fang (reviewer)") {
		t.Fatalf("user add: %v %s", err, out)
	}
	for _, bad := range [][]string{
		{"short\n", "user", "add", "li", "--role", "viewer"},
		{"", "user", "add", "li", "--role", "viewer"},
		{"a long password\n", "user", "add", "li", "--role", "root"},
		{"a long password\n", "user", "add", "wang.fang", "--role", "viewer"},
		{"a long password\n", "user", "add", "li"},
	} {
		if _, err := withStdin(bad[0], append(bad[1:], "--db", f.db)...); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	out := mustZhen(t, "user", "list", "--json", "--db", f.db)
	if !strings.Contains(out, `"username": "wang.fang"`) || strings.Contains(out, "$2") || strings.Contains(out, "password") {
		t.Fatalf("user list: %s", out)
	}
	if _, err := withStdin("another password\n", "user", "passwd", "wang.fang", "--db", f.db); err != nil {
		t.Fatal(err)
	}
	mustZhen(t, "user", "role", "wang.fang", "translator", "--db", f.db)
	mustZhen(t, "user", "disable", "wang.fang", "--db", f.db)
	if out := mustZhen(t, "user", "list", "--db", f.db); out != "wang.fang\ttranslator (disabled)\n" {
		t.Fatalf("user list: %q", out)
	}
	if _, err := zhen(t, "user", "disable", "nobody", "--db", f.db); err == nil || !strings.Contains(err.Error(), "no user") {
		t.Fatalf("disable nobody: %v", err)
	}
}

func TestAlignCommand(t *testing.T) {
	f := newFixture(t)
	imp := decode[importJSON](t, mustZhen(t, "import", "--json", f.seed, "--db", f.db))
	var treaty uint
	for _, d := range imp.Documents {
		if strings.Contains(d.Title, "签署10周年") {
			treaty = d.ID
		}
	}
	en := "../../internal/align/testdata/treaty-2011.en.txt"
	var out struct {
		Pairs []struct {
			ClauseIDs  []uint  `json:"clause_ids"`
			English    string  `json:"english"`
			Confidence float64 `json:"confidence"`
		} `json:"pairs"`
	}
	if err := json.Unmarshal([]byte(mustZhen(t, "align", "--document", itoa(treaty), en, "--json", "--db", f.db)), &out); err != nil || len(out.Pairs) < 30 {
		t.Fatalf("align --json: %v %d pairs", err, len(out.Pairs))
	}
	if cl := decode[clausesJSON](t, mustZhen(t, "clauses", "--json", "--document", itoa(treaty), "--db", f.db)); cl.Clauses[3].Target != "" {
		t.Fatal("align without --apply stored English")
	}
	msg := mustZhen(t, "align", "--document", itoa(treaty), en, "--apply", "--db", f.db)
	if !strings.Contains(msg, "stored ") {
		t.Fatalf("align --apply said %q", msg)
	}
	cl := decode[clausesJSON](t, mustZhen(t, "clauses", "--json", "--document", itoa(treaty), "--db", f.db))
	drafts := 0
	for _, c := range cl.Clauses {
		if c.Target != "" && c.Status == "draft" {
			drafts++
		}
	}
	if drafts < 20 {
		t.Fatalf("%d drafts after align --apply", drafts)
	}
	if _, err := zhen(t, "align", "--document", "99", en, "--db", f.db); err == nil {
		t.Fatal("align to a missing document succeeded")
	}
}

// TestRoundTrips: a CSV edited in a spreadsheet and an XLIFF edited in a
// CAT tool come back as new revisions by clause id; a clause changed in
// Zhen since the export is a conflict, not an overwrite; an untouched
// round trip changes nothing; TMX fills the translation memory.
func TestRoundTrips(t *testing.T) {
	f := newFixture(t)
	first := decode[importJSON](t, mustZhen(t, "import", "--json", f.seed, "--db", f.db)).Documents[0]
	cl := decode[clausesJSON](t, mustZhen(t, "clauses", "--json", "--document", itoa(first.ID), "--db", f.db)).Clauses
	writeCSV := func(name, body string) string { return f.write(t, name, []byte("zh,en\n"+body)) }
	mustZhen(t, "translations", "import", writeCSV("seed.csv", cl[1].Source+",First English.\n"+cl[2].Source+",Second English.\n"), "--db", f.db)

	for _, format := range []string{"xliff", "csv"} {
		path := filepath.Join(f.dir, "rt."+format)
		mustZhen(t, "export", "--format", format, "--document", itoa(first.ID), "--all-statuses", "-o", path, "--db", f.db)
		if format == "xliff" {
			if msg, code := testkit.RunValidator(t, "validate_xliff.sh", path); code != 0 {
				t.Fatalf("validate_xliff.sh rejects the export:\n%s", msg)
			}
		}
		// Untouched: nothing changes.
		if out := mustZhen(t, "translations", "import", path, "--db", f.db); !strings.Contains(out, "0 clauses updated") || !strings.Contains(out, "; 0 conflicts") {
			t.Fatalf("%s untouched round trip: %s", format, out)
		}
		// Edited elsewhere: a new revision.
		cur := decode[clausesJSON](t, mustZhen(t, "clauses", "--json", "--document", itoa(first.ID), "--db", f.db)).Clauses[1].Target
		data, _ := os.ReadFile(path)
		edited := strings.Replace(string(data), cur, "First English, edited in "+format+".", 1)
		os.WriteFile(path, []byte(edited), 0o644)
		if out := mustZhen(t, "translations", "import", path, "--db", f.db); !strings.Contains(out, "1 clause updated") {
			t.Fatalf("%s edited round trip: %s", format, out)
		}
		// The same file again: that clause changed since the export → conflict, kept.
		os.WriteFile(path, []byte(strings.Replace(edited, "edited in "+format, "edited twice", 1)), 0o644)
		out := mustZhen(t, "translations", "import", path, "--db", f.db)
		if !strings.Contains(out, "; 1 conflict\n") || !strings.Contains(out, "conflict, line") {
			t.Fatalf("%s stale file: %s", format, out)
		}
		now := decode[clausesJSON](t, mustZhen(t, "clauses", "--json", "--document", itoa(first.ID), "--db", f.db)).Clauses
		if now[1].Target != "First English, edited in "+format+"." {
			t.Fatalf("%s: a stale file overwrote the clause: %q", format, now[1].Target)
		}
	}

	// TMX from another tool: into memory, filling a clause without English.
	tmx := `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="zh-CN" datatype="plaintext"/>
<body><tu tuid="a"><tuv xml:lang="zh-CN"><seg>` + cl[3].Source + `</seg></tuv><tuv xml:lang="en-US"><seg>From the memory.</seg></tuv></tu>
<tu tuid="b"><tuv xml:lang="zh-CN"><seg>没有这一句。</seg></tuv><tuv xml:lang="en-US"><seg>Not here.</seg></tuv></tu></body></tmx>`
	out := mustZhen(t, "translations", "import", f.write(t, "other.tmx", []byte(tmx)), "--db", f.db)
	if !strings.Contains(out, "tmx: 1 clause updated") || !strings.Contains(out, "2 units, 2 new") {
		t.Fatalf("tmx import: %s", out)
	}
	bad := strings.Replace(tmx, `srclang="zh-CN"`, `srclang="de-DE"`, 1)
	bad = strings.ReplaceAll(bad, `xml:lang="zh-CN"`, `xml:lang="de-DE"`)
	if _, err := zhen(t, "translations", "import", f.write(t, "de.tmx", []byte(bad)), "--db", f.db); err == nil || !strings.Contains(err.Error(), "nothing was imported") {
		t.Fatalf("German TMX: %v", err)
	}
	if _, err := zhen(t, "translations", "import", f.write(t, "x.docx", []byte("x")), "--db", f.db); err == nil {
		t.Fatal("a .docx was accepted")
	}
}

func TestBackupCommand(t *testing.T) {
	f := newFixture(t)
	mustZhen(t, "import", f.seed, "--db", f.db)
	out := filepath.Join(f.dir, "backup.db")
	if msg := mustZhen(t, "backup", "-o", out, "--db", f.db); !strings.Contains(msg, "integrity check: ok") {
		t.Fatal(msg)
	}
	// Restoring is using the copy as the database.
	if got := strings.Count(mustZhen(t, "clauses", "--json", "--db", out), `"document_id"`); got != 398 {
		t.Fatalf("%d clauses in the backup", got)
	}
	if _, err := zhen(t, "backup", "--db", f.db); err == nil {
		t.Fatal("backup without -o succeeded")
	}
}

// TestKilledImportLeavesNothingHalfDone kills the zhen process (SIGKILL,
// no chance to clean up) while it imports many statements in one
// transaction: the database then has all of them or none, and passes the
// integrity check.
func TestKilledImportLeavesNothingHalfDone(t *testing.T) {
	if os.Getenv("ZHEN_CHILD_IMPORT") != "" {
		args := strings.Split(os.Getenv("ZHEN_CHILD_IMPORT"), "\n")
		if err := run(args, os.Stdout); err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	}
	f := newFixture(t)
	// Many distinct statements: the seed's with a number in their text.
	var files []string
	for i := range 60 {
		body := strings.ReplaceAll(string(demo.Seed), "中俄", fmt.Sprintf("中俄%d", i))
		files = append(files, f.write(t, fmt.Sprintf("s%d.txt", i), []byte(body)))
	}
	// What "all" is, and how long the whole import takes when not killed.
	ref := filepath.Join(f.dir, "ref.db")
	mustZhen(t, "clauses", "--json", "--db", ref)
	began := time.Now()
	mustZhen(t, append(append([]string{"import"}, files...), "--db", ref)...)
	took := time.Since(began)
	all := strings.Count(mustZhen(t, "clauses", "--json", "--db", ref), `"document_id"`)
	if all != 60*398 {
		t.Fatalf("the reference import has %d clauses, want %d", all, 60*398)
	}
	for attempt, frac := range []float64{0.3, 0.6, 0.9} {
		delay := time.Duration(frac * float64(took)) // the child also starts up: the kill lands early or mid-import
		db := filepath.Join(f.dir, fmt.Sprintf("killed%d.db", attempt))
		mustZhen(t, "clauses", "--json", "--db", db) // create the schema first: the kill is meant for the import
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledImportLeavesNothingHalfDone$")
		cmd.Env = append(os.Environ(), "ZHEN_CHILD_IMPORT="+strings.Join(append(append([]string{"import"}, files...), "--db", db), "\n"))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		out, err := zhen(t, "clauses", "--json", "--db", db)
		if err != nil {
			t.Fatalf("database after the kill: %v", err)
		}
		n := strings.Count(out, `"document_id"`)
		if n != 0 && n != all {
			t.Fatalf("after a kill at %v: %d clauses, neither none nor all", delay, n)
		}
		st, err := store.Open(db)
		if err != nil {
			t.Fatal(err)
		}
		ok, err := st.IntegrityCheck(t.Context())
		st.Close()
		if err != nil || ok != "ok" {
			t.Fatalf("integrity after a kill: %q %v", ok, err)
		}
		t.Logf("killed after %v: %d clauses", delay, n)
	}
}

// TestSIGTERMDrainsRequests: a request in flight when SIGTERM arrives (an
// upload whose body is still coming) is completed before serve returns.
func TestSIGTERMDrainsRequests(t *testing.T) {
	f := newFixture(t)
	addr := freeAddr(t)
	out, done := serveDemo(t, f, addr)
	token := demoLogin(t, addr, out, "translator")

	body := "中俄关于排水测试的联合声明\n双方认为，请求应当完成。\n"
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/documents?name=drain.txt HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", addr, token, len(body))
	conn.Write([]byte(body[:10]))
	time.Sleep(100 * time.Millisecond) // the request is in the handler, reading its body
	syscall.Kill(os.Getpid(), syscall.SIGTERM)
	time.Sleep(200 * time.Millisecond)
	conn.Write([]byte(body[10:]))
	reply, _ := io.ReadAll(conn)
	if !strings.HasPrefix(string(reply), "HTTP/1.1 201") {
		t.Fatalf("the request in flight was not completed: %q", reply)
	}
	if err := <-done; err != nil {
		t.Fatalf("serve after SIGTERM: %v", err)
	}
	if out := mustZhen(t, "clauses", "--json", "--db", f.db); !strings.Contains(out, "请求应当完成") {
		t.Fatal("the drained import was not stored")
	}
}

// freeAddr is a 127.0.0.1 address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// serveDemo runs `zhen serve --demo` in-process on addr until it says it
// is serving; done receives what serve returns once it stops.
func serveDemo(t *testing.T, f fixture, addr string) (*syncBuffer, chan error) {
	t.Helper()
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run([]string{"serve", "--demo", "--addr", addr, "--db", f.db}, out) }()
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(out.String(), "serving"); {
		if time.Now().After(deadline) {
			t.Fatalf("server did not start: %s", out)
		}
		select {
		case err := <-done:
			t.Fatalf("serve ended: %v\n%s", err, out)
		case <-time.After(20 * time.Millisecond):
		}
	}
	return out, done
}

// demoLogin logs in as a demo user with the password serve printed.
func demoLogin(t *testing.T, addr string, out *syncBuffer, user string) string {
	t.Helper()
	m := regexp.MustCompile(`Demo user ` + user + ` \(\w+\), password: (\S+)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("serve printed no password for %s:\n%s", user, out)
	}
	res, err := http.Post("http://"+addr+"/api/v1/session", "application/json", strings.NewReader(`{"username":"`+user+`","password":"`+m[1]+`"}`))
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("demo login: %v %v", err, res)
	}
	defer res.Body.Close()
	var login struct{ Token string }
	json.NewDecoder(res.Body).Decode(&login)
	return login.Token
}
