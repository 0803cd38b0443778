package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/internal/demo"
	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/numbering"
	"github.com/zhen-workbench/zhen/internal/segment"
)

// importSeed imports the seed corpus as the workbench does.
func importSeed(t *testing.T, s *Store) []Imported {
	t.Helper()
	docs, err := segment.Parse(demo.SeedName, demo.Seed)
	if err != nil {
		t.Fatal(err)
	}
	imp, err := s.ImportFiles(t.Context(), []SourceFile{{Name: demo.SeedName, Docs: docs}})
	if err != nil {
		t.Fatal(err)
	}
	return imp
}

// markers returns the heading clauses of a document (all documents for 0).
func markers(t *testing.T, s *Store, doc uint) []Clause {
	t.Helper()
	cs, _, err := s.ListClauses(t.Context(), ClauseFilter{DocumentID: doc})
	if err != nil {
		t.Fatal(err)
	}
	var out []Clause
	for _, c := range cs {
		if c.Kind == string(segment.KindHeading) {
			out = append(out, c)
		}
	}
	return out
}

// systemWrote checks that c carries en as the system's approved English,
// and that its newest history row says so (in style, unless "").
func systemWrote(t *testing.T, s *Store, c Clause, en, style string) {
	t.Helper()
	if c.Target != en || c.Status != StatusApproved || c.UpdatedBy != NumberingAuthor || c.ApprovedTarget != en ||
		c.ApprovedBy != NumberingAuthor || c.ApprovedAt == nil || c.ApprovedVersion != c.Version {
		t.Fatalf("marker %q: want %q approved by the system, got %+v", c.Source, en, c)
	}
	hist, err := s.History(t.Context(), c.ID)
	if err != nil || len(hist) == 0 {
		t.Fatalf("history of %d: %v %v", c.ID, hist, err)
	}
	h := hist[0]
	if h.Version != c.Version || h.Action != ActionApprove || h.Text != en || h.Author != NumberingAuthor || h.Origin != NumberingOrigin ||
		style != "" && !strings.Contains(h.Comment, "the "+style+" style") {
		t.Fatalf("marker %q: newest history row %+v", c.Source, h)
	}
}

func englishOf(t *testing.T, source string, style numbering.Style) string {
	t.Helper()
	en, ok := numbering.English(source, style)
	if !ok {
		t.Fatalf("%q is not a marker", source)
	}
	return en
}

// An import gives every numbering marker of the seed its English in the
// corpus default style, approved, with a history row, in the same
// transaction (the seed is large enough for a bulk load on SQLite).
func TestImportNumbersMarkers(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		imp := importSeed(t, s)
		all := markers(t, s, 0)
		if len(all) < 30 {
			t.Fatalf("%d markers in the seed", len(all))
		}
		for _, c := range all {
			systemWrote(t, s, c, englishOf(t, c.Source, numbering.Arabic), "arabic")
			if c.Version != 1 {
				t.Fatalf("marker %q: version %d", c.Source, c.Version)
			}
		}
		// "一、" → "1.", "（一）" → "(1)", a lone "一" → "I".
		seen := map[string]string{}
		for _, c := range all {
			seen[strings.TrimSpace(c.Source)] = c.Target
		}
		for zh, en := range map[string]string{"一、": "1.", "（一）": "(1)", "一": "I"} {
			if got, ok := seen[zh]; ok && got != en {
				t.Errorf("%s → %q, want %q", zh, got, en)
			}
		}
		// Other clauses are untouched.
		cs, _, _ := s.ListClauses(t.Context(), ClauseFilter{DocumentID: imp[0].ID})
		for _, c := range cs {
			if c.Kind != string(segment.KindHeading) && (c.Target != "" || c.Status != StatusUntranslated || c.Version != 0) {
				t.Fatalf("a clause that is not a marker: %+v", c)
			}
		}
		// A later corpus default applies to later imports.
		if _, _, err := s.SetCorpusSettings(t.Context(), CorpusSettings{NumberingStyle: "outline"}, "ada"); err != nil {
			t.Fatal(err)
		}
		more, err := s.ImportDocuments(t.Context(), "more.txt", []segment.Document{{Title: "新", Paragraphs: []string{"（二）合作。"},
			Clauses: segment.Clauses("（二）合作。")}})
		if err != nil {
			t.Fatal(err)
		}
		m := markers(t, s, more[0].ID)
		if len(m) != 1 {
			t.Fatalf("markers %+v", m)
		}
		systemWrote(t, s, m[0], "B.", "outline")
	})
}

// A statement's style rewrites the English the system wrote, with
// history; English a person wrote into a marker is kept; the corpus
// default changes only the statements without a style of their own.
func TestNumberingStyleChanges(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		imp := importSeed(t, s)
		// a: numbered 一、 二、 …; b: with （一） （二） … (a lone 一 reads "I"
		// in every style).
		var a, b uint
		for _, d := range imp {
			has := func(l numbering.Level) bool {
				return slices.ContainsFunc(markers(t, s, d.ID), func(c Clause) bool { m, _ := numbering.Parse(c.Source); return m.Level == l })
			}
			switch {
			case a == 0 && has(numbering.Section):
				a = d.ID
			case b == 0 && has(numbering.Subsection):
				b = d.ID
			}
		}
		if a == 0 || b == 0 {
			t.Fatalf("the seed has no statement numbered 一、 (%d) or （一） (%d)", a, b)
		}
		ma, mb := markers(t, s, a), markers(t, s, b)
		if len(ma) < 2 || len(mb) < 2 {
			t.Fatalf("markers: %d, %d", len(ma), len(mb))
		}
		// A person's English in one marker of a; one of b emptied by a person.
		human, err := s.SaveTranslation(ctx, ma[0].ID, ma[0].Version, "Part One", "li", "editor")
		if err != nil {
			t.Fatal(err)
		}
		emptied, err := s.SaveTranslation(ctx, mb[0].ID, mb[0].Version, "", "li", "editor")
		if err != nil {
			t.Fatal(err)
		}

		d, res, err := s.SetNumberingStyle(ctx, a, "roman", "tom")
		if err != nil || d.NumberingStyle != "roman" || d.ID != a {
			t.Fatalf("set style: %+v %v", d, err)
		}
		if len(res.Clauses) == 0 || slices.Contains(res.Clauses, human.ID) {
			t.Fatalf("changed %v (the person's marker is %d)", res.Clauses, human.ID)
		}
		for _, c := range markers(t, s, a) {
			if c.ID == human.ID {
				if c.Target != "Part One" || c.UpdatedBy != "li" || c.Version != human.Version {
					t.Fatalf("the person's English was not kept: %+v", c)
				}
				continue
			}
			systemWrote(t, s, c, englishOf(t, c.Source, numbering.Roman), "roman")
			hist, _ := s.History(ctx, c.ID)
			if len(hist) != 2 || hist[1].Text != englishOf(t, c.Source, numbering.Arabic) || !strings.Contains(hist[0].Comment, "set by tom") {
				t.Fatalf("history of %q: %+v", c.Source, hist)
			}
		}
		// The same style again changes nothing.
		if _, res, err := s.SetNumberingStyle(ctx, a, "roman", "tom"); err != nil || len(res.Clauses) != 0 {
			t.Fatalf("same style again: %v %v", res, err)
		}
		// b follows the corpus default: outline reaches it, not a.
		cs, res, err := s.SetCorpusSettings(ctx, CorpusSettings{NumberingStyle: "outline"}, "ada")
		if err != nil || cs.NumberingStyle != "outline" {
			t.Fatalf("corpus: %+v %v", cs, err)
		}
		if got, err := s.Settings(ctx); err != nil || got.NumberingStyle != "outline" {
			t.Fatalf("settings: %+v %v", got, err)
		}
		for _, c := range markers(t, s, a) {
			if c.ID != human.ID && c.Target != englishOf(t, c.Source, numbering.Roman) {
				t.Fatalf("a statement with its own style followed the corpus: %+v", c)
			}
		}
		for _, c := range markers(t, s, b) {
			// The emptied marker has no English: the system fills it again.
			style := ""
			if c.ID == emptied.ID || englishOf(t, c.Source, numbering.Outline) != englishOf(t, c.Source, numbering.Arabic) {
				style = "outline"
			}
			systemWrote(t, s, c, englishOf(t, c.Source, numbering.Outline), style)
			if c.ID == emptied.ID && c.Version != emptied.Version+1 {
				t.Fatalf("emptied marker: %+v", c)
			}
		}
		if !slices.Contains(res.Clauses, emptied.ID) {
			t.Fatalf("corpus change did not report the emptied marker: %v", res.Clauses)
		}
		// a back to the corpus default.
		if d, _, err := s.SetNumberingStyle(ctx, a, "", "tom"); err != nil || d.NumberingStyle != "" {
			t.Fatalf("back to the default: %+v %v", d, err)
		}
		for _, c := range markers(t, s, a) {
			if c.ID != human.ID {
				systemWrote(t, s, c, englishOf(t, c.Source, numbering.Outline), "") // 一、 is "I." in both
			}
		}
		// The change is in the audit log.
		log, err := s.AuditLog(ctx, 10)
		if err != nil || !slices.ContainsFunc(log, func(e AuditEntry) bool { return e.Actor == "ada" && e.Subject == SettingNumberingStyle }) {
			t.Fatalf("audit log: %+v %v", log, err)
		}

		// Refusals.
		var inv *fault.Invalid
		if _, _, err := s.SetNumberingStyle(ctx, a, "letters", "tom"); !errors.As(err, &inv) || inv.Field != "numbering_style" {
			t.Fatalf("a bad style: %v", err)
		}
		if _, _, err := s.SetCorpusSettings(ctx, CorpusSettings{NumberingStyle: ""}, "ada"); !errors.As(err, &inv) || inv.Field != "numbering_style" {
			t.Fatalf("an empty corpus style: %v", err)
		}
		var nf *fault.NotFound
		if _, _, err := s.SetNumberingStyle(ctx, 99999, "roman", "tom"); !errors.As(err, &nf) {
			t.Fatalf("a missing statement: %v", err)
		}
	})
}

// A marker cannot be split; merged with its sentence it becomes a
// sentence to translate, its English leading the sentence's. A file of
// translations by Chinese does not change the system's markers.
func TestMarkersInStructureAndImports(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		imp := mustImport(t, s, segment.Document{Title: "T", Paragraphs: []string{"一、双方认为。合作。"}, Clauses: segment.Clauses("一、双方认为。合作。")})
		cs, _, _ := s.ListClauses(ctx, ClauseFilter{DocumentID: imp[0].ID})
		if len(cs) != 3 || cs[0].Kind != "heading" || cs[0].Target != "1." {
			t.Fatalf("clauses %+v", cs)
		}
		var inv *fault.Invalid
		if _, err := s.SplitClause(ctx, cs[0].ID, cs[0].Version, len("一"), nil, "tom"); !errors.As(err, &inv) || !strings.Contains(err.Error(), "numbering marker") {
			t.Fatalf("split of a marker: %v", err)
		}
		// By Chinese: the marker keeps the system's English.
		res, err := s.ApplyTranslations(ctx, []SourcePair{{Source: "一、", Target: "Firstly,"}, {Source: "双方认为。", Target: "Both sides believe."}}, "tom", "csv")
		if err != nil || res.Updated != 1 || res.Unchanged != 1 {
			t.Fatalf("apply: %+v %v", res, err)
		}
		second, _ := s.GetClause(ctx, cs[1].ID)
		merged, err := s.MergeClauses(ctx, cs[0].ID, cs[0].Version, second.Version, nil, "tom")
		if err != nil {
			t.Fatal(err)
		}
		if merged.Kind != "text" || merged.Source != "一、双方认为。" || merged.Target != "1. Both sides believe." || merged.Status != StatusDraft || merged.ApprovedTarget != "" {
			t.Fatalf("merged %+v", merged)
		}
		// No longer a marker: a style change leaves it alone.
		if _, res, err := s.SetNumberingStyle(ctx, imp[0].ID, "roman", "tom"); err != nil || len(res.Clauses) != 0 {
			t.Fatalf("style after the merge: %+v %v", res, err)
		}
	})
}

// Markers whose English the system wrote are in no group of "same Chinese,
// other English", whatever the styles of their statements.
func TestNumberedMarkersAreNotInconsistent(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		imp := importSeed(t, s)
		if _, _, err := s.SetNumberingStyle(ctx, imp[0].ID, "roman", "tom"); err != nil {
			t.Fatal(err)
		}
		same, err := s.InconsistentClauses(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(same) != 0 {
			t.Fatalf("inconsistent: %+v", same)
		}
		m := markers(t, s, imp[0].ID)[0]
		if got, err := s.SameSource(ctx, m.SourceKey); err != nil || len(got) != 0 {
			t.Fatalf("same source as %q: %+v %v", m.Source, got, err)
		}
		if got, err := s.TranslatedWithSources(ctx, []string{m.SourceKey}); err != nil || len(got) != 0 {
			t.Fatalf("translated with source %q: %+v %v", m.Source, got, err)
		}
	})
}

// The migration gives the markers of an existing corpus that have no
// English theirs in the default style, and keeps a person's.
func TestNumberingMigration(t *testing.T) {
	mig := reflect.ValueOf(migrateNumbering).Pointer()
	before := slices.IndexFunc(migrations, func(m func(*gorm.DB) error) bool { return reflect.ValueOf(m).Pointer() == mig })
	if before < 0 {
		t.Fatal("migrateNumbering is not in the migrations")
	}
	for _, d := range oldSchemaDialects {
		t.Run(d.name, func(t *testing.T) {
			t.Parallel()
			dsn, old := d.migratedTo(t, before)
			at := time.Now().UTC().Add(-time.Hour)
			if err := old.Exec("INSERT INTO documents (title, date, source_name, content_hash, signed_date, signed_place, created_at) VALUES ('甲', '', '', 'h', '', '', ?)", at).Error; err != nil {
				t.Fatal(err)
			}
			for i, c := range []struct{ kind, source, target, status, by string }{
				{"heading", "一、", "", StatusUntranslated, ""},
				{"heading", "（十二）", "", StatusUntranslated, ""},
				{"heading", "一", "Part I", StatusDraft, "li"},
				{"heading", "第一", "", StatusUntranslated, ""}, // not a marker Zhen knows
				{"text", "双方认为。", "", StatusUntranslated, ""},
			} {
				if err := old.Exec(`INSERT INTO clauses (document_id, position, paragraph, kind, source, source_key, target, status, version, updated_by, updated_at, created_at)
					VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, i, i, c.kind, c.source, c.source, c.target, c.status, min(len(c.target), 1), c.by, at, at).Error; err != nil {
					t.Fatal(err)
				}
			}
			s := upgraded(t, dsn, old)
			cs, _, err := s.ListClauses(context.Background(), ClauseFilter{DocumentID: 1})
			if err != nil || len(cs) != 5 {
				t.Fatalf("%+v %v", cs, err)
			}
			systemWrote(t, s, cs[0], "1.", "arabic")
			systemWrote(t, s, cs[1], "(12)", "arabic")
			if cs[0].Version != 1 {
				t.Fatalf("version %d", cs[0].Version)
			}
			for _, c := range cs[2:] {
				if c.UpdatedBy == NumberingAuthor {
					t.Fatalf("the migration wrote into %+v", c)
				}
			}
			if cs[2].Target != "Part I" || cs[3].Target != "" || cs[4].Target != "" {
				t.Fatalf("clauses %+v", cs)
			}
			doc, err := s.GetDocument(context.Background(), 1)
			if err != nil || doc.NumberingStyle != "" {
				t.Fatalf("document %+v %v", doc, err)
			}
			if st, err := s.Settings(context.Background()); err != nil || st.NumberingStyle != "arabic" {
				t.Fatalf("settings %+v %v", st, err)
			}
			if diff, err := countsDiffer(s, true); diff != "" || err != nil {
				t.Fatalf("document counts: %v %s", err, diff)
			}
			// A later style change reaches the migrated markers.
			if _, res, err := s.SetNumberingStyle(context.Background(), 1, "roman", "tom"); err != nil || fmt.Sprint(res.Clauses) != fmt.Sprint([]uint{cs[0].ID}) {
				t.Fatalf("roman after the migration: %+v %v", res, err)
			}
		})
	}
}

// A bulk import (SQLite fills the full-text index after the rows) indexes
// the markers' English with the rows, so that later changes keep the index
// sound.
func TestBulkImportNumbersMarkers(t *testing.T) {
	s, err := Open(t.TempDir() + "/zhen.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if s.SearchMethod() != "fts5" {
		t.Skip("built without FTS5 (the sqlite_fts5 tag)")
	}
	ctx := t.Context()
	d := segment.Document{Title: "大"}
	for i := range bulkClauses {
		p := fmt.Sprintf("（%d）双方就第%d号项目达成一致。", i%99+1, i)
		d.Paragraphs = append(d.Paragraphs, p)
		for _, c := range segment.Clauses(p) {
			c.Paragraph = i
			d.Clauses = append(d.Clauses, c)
		}
	}
	imp, err := s.ImportFiles(ctx, []SourceFile{{Name: "big.txt", Docs: []segment.Document{d}}})
	if err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		if err := s.w.Exec("INSERT INTO clause_fts(clause_fts) VALUES ('integrity-check')").Error; err != nil {
			t.Fatalf("%s: the full-text index: %v", when, err)
		}
	}
	check("after the import")
	want := 0
	for i := range bulkClauses {
		if i%99+1 == 42 {
			want++
		}
	}
	hits, err := s.Search(ctx, "(42)", "en", 100)
	if err != nil || len(hits) != want {
		t.Fatalf("search of a marker's English: %d hits, %v", len(hits), err)
	}
	if _, _, err := s.SetNumberingStyle(ctx, imp[0].ID, "outline", "tom"); err != nil {
		t.Fatal(err)
	}
	check("after a style change")
	if hits, err := s.Search(ctx, "(ap)", "en", 100); err != nil || len(hits) != want { // 42 = ap
		t.Fatalf("search after the style change: %d hits, %v", len(hits), err)
	}
}
