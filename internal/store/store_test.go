package store

import (
	"context"
	"errors"
	"fmt"
	"github.com/zhen-workbench/zhen/internal/fault"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/zhen-workbench/zhen/internal/segment"
	"github.com/zhen-workbench/zhen/internal/testkit"
)

// forEachDB runs a test on a fresh SQLite file and, when ZHEN_TEST_POSTGRES
// names a server (the test command starts one), on a fresh PostgreSQL schema.
func forEachDB(t *testing.T, test func(t *testing.T, s *Store)) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		s, err := Open(filepath.Join(t.TempDir(), "zhen.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		test(t, s)
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		test(t, openTestPostgres(t))
	})
}

func openTestPostgres(t *testing.T) *Store {
	t.Helper()
	s, err := Open(testkit.PostgresDSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() }) // before the schema is dropped: cleanups run last first
	return s
}

// docBuilder makes segment documents for tests.
func testDoc(title string, paras ...string) segment.Document {
	d := segment.Document{Title: title, Date: "2011-06-17", Paragraphs: paras}
	for i, p := range paras {
		for _, c := range strings.SplitAfter(p, "。") {
			if c != "" {
				d.Clauses = append(d.Clauses, segment.Clause{Paragraph: i, Text: c, Kind: segment.KindText})
			}
		}
	}
	return d
}

func mustImport(t *testing.T, s *Store, docs ...segment.Document) []Imported {
	t.Helper()
	got, err := s.ImportDocuments(context.Background(), "test.txt", docs)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestMigrationsRecordSchemaVersion(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		var v int
		if err := s.r.Raw("SELECT MAX(version) FROM schema_migrations").Scan(&v).Error; err != nil {
			t.Fatal(err)
		}
		if v != SchemaVersion() {
			t.Fatalf("schema version %d, want %d", v, SchemaVersion())
		}
		// Running the migrations again on a migrated database changes nothing.
		if err := migrate(s.w); err != nil {
			t.Fatal(err)
		}
	})
}

func TestReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "zhen.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustImport(t, s, testDoc("A", "双方认为。"))
	s.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, _ := s.CountDocuments(context.Background()); n != 1 {
		t.Fatalf("%d documents after reopen, want 1", n)
	}
}

func TestSQLitePragmas(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "zhen.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var mode string
	var fk, timeout int
	s.r.Raw("PRAGMA journal_mode").Scan(&mode)
	s.r.Raw("PRAGMA foreign_keys").Scan(&fk)
	s.r.Raw("PRAGMA busy_timeout").Scan(&timeout)
	if mode != "wal" || fk != 1 || timeout != 5000 {
		t.Fatalf("journal_mode=%s foreign_keys=%d busy_timeout=%d", mode, fk, timeout)
	}
}

func TestImportAndDuplicate(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := testDoc("甲", "第一句。第二句。", "第三句。")
		b := testDoc("乙", "另一句。")
		got := mustImport(t, s, a, b)
		if len(got) != 2 || got[0].Clauses != 3 || got[1].Clauses != 1 || got[0].Duplicate {
			t.Fatalf("first import: %+v", got)
		}
		// Same content again, in full-width spacing: a duplicate, nothing added.
		a2 := testDoc("甲", "第一句。第二句。", "第三句。")
		again := mustImport(t, s, a2)
		if !again[0].Duplicate || again[0].ID != got[0].ID || again[0].Clauses != 3 {
			t.Fatalf("second import: %+v", again)
		}
		if n, _ := s.CountDocuments(ctx); n != 2 {
			t.Fatalf("%d documents, want 2", n)
		}
		docs, err := s.ListDocuments(ctx)
		if err != nil || len(docs) != 2 {
			t.Fatalf("ListDocuments: %v %+v", err, docs)
		}
		clauses, total, err := s.ListClauses(ctx, ClauseFilter{DocumentID: got[0].ID, Offset: 1, Limit: 1})
		if err != nil || total != 3 || len(clauses) != 1 || clauses[0].Source != "第二句。" || clauses[0].Position != 1 {
			t.Fatalf("paged clauses: %v %d %+v", err, total, clauses)
		}
	})
}

func TestImportIsAllOrNothing(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		// Make the database refuse the clauses of the second document, after
		// the first document went in: the whole import must roll back.
		// The database itself refuses it (a trigger on SQLite, a check on
		// PostgreSQL), as it would a write on a full disk.
		refuse := `CREATE TRIGGER test_refuse BEFORE INSERT ON clauses WHEN NEW.source = '坏句。' BEGIN SELECT RAISE(ABORT, 'disk full'); END`
		if s.Dialect == "postgres" {
			refuse = `ALTER TABLE clauses ADD CONSTRAINT "disk full" CHECK (source <> '坏句。')`
		}
		if err := s.w.Exec(refuse).Error; err != nil {
			t.Fatal(err)
		}
		_, err := s.ImportDocuments(ctx, "x.txt", []segment.Document{testDoc("好", "好句。"), testDoc("坏", "坏句。")})
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Fatalf("import error = %v, want disk full", err)
		}
		if n, _ := s.CountDocuments(ctx); n != 0 {
			t.Fatalf("%d documents after a failed import, want 0", n)
		}
		var clauses int64
		s.r.Model(&Clause{}).Count(&clauses)
		if clauses != 0 {
			t.Fatalf("%d clauses after a failed import, want 0", clauses)
		}
	})
}

func TestSaveTranslationVersions(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		mustImport(t, s, testDoc("甲", "双方认为。"))
		cl, _, _ := s.ListClauses(ctx, ClauseFilter{})
		id := cl[0].ID
		c, err := s.SaveTranslation(ctx, id, 0, "  The two sides hold.  ", "anna", "editor")
		if err != nil || c.Version != 1 || c.Target != "The two sides hold." || c.Status != StatusDraft || c.UpdatedBy != "anna" {
			t.Fatalf("first save: %v %+v", err, c)
		}
		// A stale write is refused and says what is there now.
		_, err = s.SaveTranslation(ctx, id, 0, "Both sides believe.", "boris", "editor")
		var conflict *fault.Conflict
		if !errors.As(err, &conflict) || conflict.Current.(Clause).Target != "The two sides hold." || conflict.Current.(Clause).Version != 1 {
			t.Fatalf("stale save: %v", err)
		}
		if _, err := s.SaveTranslation(ctx, id, 1, "Both sides believe.", "boris", "editor"); err != nil {
			t.Fatal(err)
		}
		h, err := s.History(ctx, id)
		if err != nil || len(h) != 2 || h[0].Version != 2 || h[0].Author != "boris" || h[1].Text != "The two sides hold." {
			t.Fatalf("history: %v %+v", err, h)
		}
		if _, err := s.SaveTranslation(ctx, 9999, 0, "x", "a", "editor"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("missing clause: %v", err)
		}
		var inv *fault.Invalid
		if _, err := s.SaveTranslation(ctx, id, 2, "bad \x01 char", "a", "editor"); !errors.As(err, &inv) {
			t.Fatalf("control char accepted: %v", err)
		}
		if _, err := s.SaveTranslation(ctx, id, 2, "bad \xff", "a", "editor"); !errors.As(err, &inv) {
			t.Fatalf("invalid UTF-8 accepted: %v", err)
		}
	})
}

// Many writers racing on one clause: every accepted write is in the history,
// with consecutive versions, and no write was lost or overwritten silently.
func TestConcurrentSavesLoseNothing(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		mustImport(t, s, testDoc("甲", "双方认为。"))
		cl, _, _ := s.ListClauses(ctx, ClauseFilter{})
		id := cl[0].ID
		const writers = 50
		var wg sync.WaitGroup
		var mu sync.Mutex
		accepted := map[string]bool{}
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for try := 0; try < 500; try++ {
					cur, err := s.GetClause(ctx, id)
					if err != nil {
						t.Error(err)
						return
					}
					text := fmt.Sprintf("writer %d try %d", w, try)
					_, err = s.SaveTranslation(ctx, id, cur.Version, text, fmt.Sprint("w", w), "editor")
					var conflict *fault.Conflict
					if errors.As(err, &conflict) {
						continue
					}
					if err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					accepted[text] = true
					mu.Unlock()
					return
				}
				t.Errorf("writer %d never got a write in", w)
			}()
		}
		wg.Wait()
		h, _ := s.History(ctx, id)
		if len(h) != len(accepted) || len(h) != writers {
			t.Fatalf("%d revisions, %d accepted writes, %d writers", len(h), len(accepted), writers)
		}
		for i, r := range h {
			if r.Version != len(h)-i || !accepted[r.Text] {
				t.Fatalf("revision %+v not an accepted write in order", r)
			}
		}
	})
}

func TestApplyTranslations(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		mustImport(t, s, testDoc("甲", "双方认为。中俄关系好。"), testDoc("乙", "双方认为。"))
		res, err := s.ApplyTranslations(ctx, []SourcePair{
			{Source: " 双方认为。", Target: "The two sides believe."}, // in two documents; spacing differs
			{Source: "没有这句。", Target: "Not there."},
		}, "csv", "csv")
		if err != nil || res.Matched != 1 || res.Unmatched != 1 || res.Updated != 2 {
			t.Fatalf("apply: %v %+v", err, res)
		}
		res, _ = s.ApplyTranslations(ctx, []SourcePair{{Source: "双方认为。", Target: "The two sides believe."}}, "csv", "csv")
		if res.Unchanged != 2 || res.Updated != 0 {
			t.Fatalf("re-apply: %+v", res)
		}
		var rows []ExportRow
		for r, err := range s.ExportRows(ctx, ExportFilter{Texts: LatestTexts, Untranslated: true}) {
			if err != nil {
				t.Fatal(err)
			}
			rows = append(rows, r)
		}
		if len(rows) != 3 || rows[0].DocumentTitle != "甲" || rows[0].Target != "The two sides believe." || rows[2].Target == "" || rows[1].Target != "" {
			t.Fatalf("export rows: %+v", rows)
		}
	})
}

// A later pair for the same Chinese wins, also in another batch of the
// set-based import (whose writes wait for the end of the file): the clause
// gets both versions in its history, in order, and the last English.
func TestApplyTranslationsLaterPairWinsAcrossBatches(t *testing.T) {
	old := applyBatch
	applyBatch = 1 // a pair a batch; set before the parallel subtests, put back after
	t.Cleanup(func() { applyBatch = old })
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		mustImport(t, s, testDoc("甲", "双方认为。中俄关系好。"))
		res, err := s.ApplyTranslations(ctx, []SourcePair{
			{Source: "双方认为。", Target: "One."}, {Source: "中俄关系好。", Target: "Good."}, {Source: "双方认为。", Target: "Two."}, {Source: "双方认为。", Target: "Two."},
		}, "li", "csv")
		if err != nil || res.Matched != 4 || res.Updated != 3 || res.Unchanged != 1 {
			t.Fatalf("apply: %v %+v", err, res)
		}
		for r, err := range s.ExportRows(ctx, ExportFilter{Texts: LatestTexts, Untranslated: true}) {
			if err != nil {
				t.Fatal(err)
			}
			h, err := s.History(ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			var texts []string
			for _, rev := range h {
				texts = append(texts, fmt.Sprintf("%d %s %s", rev.Version, rev.Text, rev.Author))
			}
			want := map[string]string{"双方认为。": "Two. 2 [2 Two. li 1 One. li]", "中俄关系好。": "Good. 1 [1 Good. li]"}[r.Source]
			if got := fmt.Sprintf("%s %d %v", r.Target, r.Version, texts); got != want || r.Status != StatusDraft || r.UpdatedBy != "li" {
				t.Fatalf("%s: %s (%s, by %s), want %s", r.Source, got, r.Status, r.UpdatedBy, want)
			}
		}
	})
}

// A translations import of more clauses than one UPDATE carries (full
// statements and a short last one) gives each its own English, version,
// status and history row, on SQLite and PostgreSQL; ClausesRevisedSince
// names exactly those clauses.
func TestApplyTranslationsManyClauses(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		n := 2*updateRows + 3
		var text strings.Builder
		for i := range n {
			fmt.Fprintf(&text, "双方就第%d号项目达成一致。", i)
		}
		mustImport(t, s, testDoc("甲", text.String()))
		mark, err := s.RevisionMark(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pairs := make([]SourcePair, n)
		for i := range pairs {
			pairs[i] = SourcePair{Source: fmt.Sprintf("双方就第%d号项目达成一致。", i), Target: fmt.Sprintf("Agreement on project %d.", i)}
		}
		if res, err := s.ApplyTranslations(ctx, pairs, "li", "csv"); err != nil || res.Updated != n {
			t.Fatalf("%+v %v", res, err)
		}
		var ids []uint
		for r, err := range s.ExportRows(ctx, ExportFilter{Texts: LatestTexts, Untranslated: true}) {
			if err != nil {
				t.Fatal(err)
			}
			var i int
			if _, err := fmt.Sscanf(r.Source, "双方就第%d号", &i); err != nil {
				t.Fatal(err)
			}
			if want := fmt.Sprintf("Agreement on project %d.", i); r.Target != want || r.Version != 1 || r.Status != StatusDraft || r.UpdatedBy != "li" {
				t.Fatalf("clause %d: %q v%d %s by %s, want %q", r.ID, r.Target, r.Version, r.Status, r.UpdatedBy, want)
			}
			ids = append(ids, r.ID)
		}
		revised, err := s.ClausesRevisedSince(ctx, mark)
		if err != nil || len(ids) != n || !slices.Equal(revised, ids) {
			t.Fatalf("%d clauses, %d revised since the mark (%v)", len(ids), len(revised), err)
		}
	})
}

// TestBackupWhileWriting copies a database while writers keep saving: the
// copy opens, passes the integrity check and holds a consistent state.
func TestBackupWhileWriting(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(filepath.Join(dir, "zhen.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	mustImport(t, s, testDoc("甲", "双方认为。中俄关系好。"))
	cl, _, _ := s.ListClauses(ctx, ClauseFilter{})
	stop := make(chan struct{})
	saved := make(chan struct{}) // closed after the first save: the backups copy a clause being written
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			c, _ := s.GetClause(ctx, cl[0].ID)
			s.SaveTranslation(ctx, c.ID, c.Version, fmt.Sprintf("Text %d.", i), "w", "editor")
			if i == 0 {
				close(saved) // a failed save shows in the checks below
			}
		}
	}()
	<-saved
	backup := filepath.Join(dir, "backup.db")
	for range 3 {
		if err := s.Backup(ctx, backup); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	b, err := Open(backup) // restoring is opening the copy
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if ok, err := b.IntegrityCheck(ctx); err != nil || ok != "ok" {
		t.Fatalf("integrity: %q %v", ok, err)
	}
	c, err := b.GetClause(ctx, cl[0].ID)
	h, _ := b.History(ctx, cl[0].ID)
	if err != nil || c.Version == 0 || len(h) != c.Version || h[0].Text != c.Target {
		t.Fatalf("backup is not consistent: clause %+v, %d revisions", c, len(h))
	}
	if _, err := os.Stat(backup + ".part"); !os.IsNotExist(err) {
		t.Fatal("a .part file was left behind")
	}
}
