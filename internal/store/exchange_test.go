package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/internal/exchange"
	"github.com/zhen-workbench/zhen/internal/segment"
)

// units reads an export's units by clause id.
func exportedUnits(t *testing.T, s *Store, f ExportFilter) map[uint]exchange.Unit {
	t.Helper()
	out := map[uint]exchange.Unit{}
	for u, err := range s.ExportUnits(t.Context(), f) {
		if err != nil {
			t.Fatal(err)
		}
		out[u.ClauseID] = u
	}
	return out
}

// revisionAt is the time of a clause's history row of version v.
func revisionAt(t *testing.T, s *Store, clauseID uint, v int) time.Time {
	t.Helper()
	h, err := s.History(t.Context(), clauseID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range h {
		if r.Version == v {
			return r.CreatedAt.UTC()
		}
	}
	t.Fatalf("clause %d has no revision %d: %+v", clauseID, v, h)
	return time.Time{}
}

// TestExportHistory: TMX's metadata comes from the history, not from the
// import: translator A writes, B changes, reviewer C approves (creationid A,
// changeid B, approver C, with their times), in one streamed query.
func TestExportHistory(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		imp := mustImport(t, s, testDoc("中华人民共和国和俄罗斯联邦关于合作共赢的联合声明", "第一句。第二句。第三句。"))
		clauses, _, err := s.ListClauses(ctx, ClauseFilter{DocumentID: imp[0].ID})
		if err != nil || len(clauses) != 3 {
			t.Fatal(err, len(clauses))
		}
		one, two := clauses[0], clauses[1]
		step := func(c Clause, err error) Clause {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			time.Sleep(2 * time.Millisecond) // distinct times
			return c
		}
		// Clause 1: A writes, B changes, B submits, C approves; then A
		// starts a newer draft, which an approved export does not carry.
		c := step(s.SaveTranslation(ctx, one.ID, 0, "First try.", "anna", "editor"))
		c = step(s.SaveTranslation(ctx, one.ID, c.Version, "The first sentence.", "ben", "editor"))
		c = step(s.Submit(ctx, one.ID, c.Version, "ben"))
		c = step(s.Approve(ctx, one.ID, c.Version, 0, "chen"))
		approvedAt := *c.ApprovedAt
		c = step(s.SaveTranslation(ctx, one.ID, c.Version, "A newer draft.", "anna", "editor"))
		// Clause 2: A writes, B writes another, C approves A's (revision 1):
		// the approved English's last writer is A.
		d := step(s.SaveTranslation(ctx, two.ID, 0, "Second, by Anna.", "anna", "editor"))
		d = step(s.SaveTranslation(ctx, two.ID, d.Version, "Second, by Ben.", "ben", "editor"))
		step(s.Approve(ctx, two.ID, d.Version, 1, "chen"))

		approved := exportedUnits(t, s, ExportFilter{DocumentID: imp[0].ID, History: true})
		if len(approved) != 2 {
			t.Fatalf("approved export: %d units, want 2 (the third clause has no English)", len(approved))
		}
		u := approved[one.ID]
		if u.Target != "The first sentence." || u.CreatedBy != "anna" || u.ChangedBy != "ben" || u.ApprovedBy != "chen" {
			t.Errorf("clause 1 approved: %q created by %q, changed by %q, approved by %q; want anna, ben, chen", u.Target, u.CreatedBy, u.ChangedBy, u.ApprovedBy)
		}
		if !u.CreatedAt.Equal(revisionAt(t, s, one.ID, 1)) || !u.ChangedAt.Equal(revisionAt(t, s, one.ID, 2)) || !u.ApprovedAt.Equal(approvedAt.UTC()) {
			t.Errorf("clause 1 times: created %v changed %v approved %v; want revisions 1 and 2 and %v", u.CreatedAt, u.ChangedAt, u.ApprovedAt, approvedAt)
		}
		if imported := one.CreatedAt; u.CreatedAt.Equal(imported) {
			t.Errorf("creation date is the import time %v", imported)
		}
		if u.Number() != 1 || approved[two.ID].Number() != 2 {
			t.Errorf("clause numbers %d, %d; want 1, 2", u.Number(), approved[two.ID].Number())
		}
		if v := approved[two.ID]; v.Target != "Second, by Anna." || v.CreatedBy != "anna" || v.ChangedBy != "anna" || v.ApprovedBy != "chen" ||
			!v.ChangedAt.Equal(revisionAt(t, s, two.ID, 1)) {
			t.Errorf("clause 2 approved (an earlier alternative): %+v", v)
		}

		latest := exportedUnits(t, s, ExportFilter{DocumentID: imp[0].ID, Texts: LatestTexts, History: true})
		if u := latest[one.ID]; u.Target != "A newer draft." || u.CreatedBy != "anna" || u.ChangedBy != "anna" || u.ApprovedBy != "" ||
			!u.ChangedAt.Equal(revisionAt(t, s, one.ID, 5)) || !u.CreatedAt.Equal(revisionAt(t, s, one.ID, 1)) {
			t.Errorf("clause 1 newest: %+v", u)
		}
		if u := latest[two.ID]; u.ApprovedBy != "chen" || u.Target != "Second, by Anna." {
			t.Errorf("clause 2 newest is the approved English: %+v", u)
		}

		// Without History (CSV, XLIFF) nothing of it is read.
		if u := exportedUnits(t, s, ExportFilter{DocumentID: imp[0].ID})[one.ID]; u.CreatedBy != "" || u.ApprovedBy != "" || u.UpdatedBy != "chen" {
			t.Errorf("export without history: %+v", u)
		}
	})
}

// TestExportHistoryNumbering: a numbering marker's English, which the
// system wrote with no save in the history, keeps the clause's own writer,
// and the target language is a setting with en-GB as its default.
func TestExportHistoryNumbering(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		d := segment.Document{Title: "标题", Date: "2013-03-23", Paragraphs: []string{"一、双方同意。"}, Clauses: []segment.Clause{
			{Paragraph: 0, Text: "一、", Kind: segment.KindHeading}, {Paragraph: 0, Text: "双方同意。", Kind: segment.KindText}}}
		imp := mustImport(t, s, d)
		units := exportedUnits(t, s, ExportFilter{DocumentID: imp[0].ID, History: true})
		if len(units) != 1 {
			t.Fatalf("%d units, want the marker's", len(units))
		}
		for _, u := range units {
			if u.Target == "" || u.CreatedBy != NumberingAuthor || u.ChangedBy != NumberingAuthor || u.ApprovedBy != NumberingAuthor || u.CreatedAt.IsZero() {
				t.Errorf("marker: %+v", u)
			}
		}

		if lang, err := s.TargetLanguage(ctx); err != nil || lang != "en-GB" {
			t.Fatalf("default target language %q, %v", lang, err)
		}
		if err := s.SetTargetLanguage(ctx, "en-US", "admin"); err != nil {
			t.Fatal(err)
		}
		if cs, err := s.Settings(ctx); err != nil || cs.TargetLanguage != "en-US" || cs.NumberingStyle == "" {
			t.Fatalf("settings %+v, %v", cs, err)
		}
		if err := s.SetTargetLanguage(ctx, "en_US", "admin"); err == nil {
			t.Fatal("en_US accepted")
		}
		if lang, _ := s.TargetLanguage(ctx); lang != "en-US" {
			t.Fatalf("a refused value changed the setting: %q", lang)
		}
	})
}

// BenchmarkExportTMXHistory is BenchmarkExportTMX with each clause's
// history (a save and an approval) read for TMX's metadata: the
// correlated subqueries of historyColumns, in the same single query.
func BenchmarkExportTMXHistory(b *testing.B) {
	n := benchClauses(b)
	s, err := Open(filepath.Join(b.TempDir(), "history.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := rawInsert(s, parseFiles(b, benchFiles(n)), true); err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{
		"INSERT INTO revisions (clause_id, version, action, text, comment, author, origin, created_at) SELECT id, 1, 'save', target, '', 'translator', 'bench', created_at FROM clauses",
		"INSERT INTO revisions (clause_id, version, action, text, comment, author, origin, created_at) SELECT id, 2, 'approve', target, '', 'reviewer', 'bench', created_at FROM clauses",
	} {
		if err := s.w.Exec(q).Error; err != nil {
			b.Fatal(err)
		}
	}
	f := exportFile(b, "history.tmx")
	for b.Loop() {
		rewind(b, f)
		got, err := exchange.Write(f, exchange.FormatTMX, s.ExportUnits(context.Background(), ExportFilter{History: true}), exportOpts)
		if err != nil || got != n {
			b.Fatal(got, err)
		}
	}
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "clauses/s")
}
