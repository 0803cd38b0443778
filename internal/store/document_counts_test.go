package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/segment"
)

// countsPool is the Chinese the random statements are made of: few
// sentences, so that statements share them (a translation import by
// Chinese then changes clauses of several statements at once).
var countsPool = []string{"双方认为。", "中方支持。", "俄方欢迎。", "两国加强合作。", "双方同意继续努力。", "各方重申立场。"}

var countsEnglish = []string{"", "The two sides agree.", "China supports it.", "Both sides welcome this.", "They reaffirm it."}

// countsWriter makes random writes through the store, each of which may be
// refused (a clause in the wrong state, a stale version): refusals are
// part of the test, errors of any other kind fail it.
type countsWriter struct {
	t   *testing.T
	s   *Store
	rnd *rand.Rand
	ops int
}

func (w *countsWriter) english() string { return countsEnglish[w.rnd.IntN(len(countsEnglish))] }

func (w *countsWriter) doc() segment.Document {
	paras := make([]string, 1+w.rnd.IntN(3))
	for i := range paras {
		for range 1 + w.rnd.IntN(3) {
			paras[i] += countsPool[w.rnd.IntN(len(countsPool))]
		}
	}
	d := testDoc(fmt.Sprintf("声明%d", w.rnd.IntN(1000)), paras...)
	for i := range d.Clauses { // some numbering markers, which are not work
		if w.rnd.IntN(4) == 0 {
			d.Clauses[i].Kind = segment.KindHeading
		}
	}
	return d
}

func (w *countsWriter) clauses() []Clause {
	w.t.Helper()
	all, _, err := w.s.ListClauses(context.Background(), ClauseFilter{})
	if err != nil {
		w.t.Fatal(err)
	}
	return all
}

func (w *countsWriter) documents() []uint {
	var ids []uint
	if err := w.s.r.Model(&Document{}).Order("id").Pluck("id", &ids).Error; err != nil {
		w.t.Fatal(err)
	}
	return ids
}

// expected says whether err is nil or a refusal the store gives for a
// write that does not fit the clause's state.
func expected(err error) bool {
	var (
		nf *fault.NotFound
		cf *fault.Conflict
		is *fault.InvalidState
		iv *fault.Invalid
	)
	return err == nil || errors.As(err, &nf) || errors.As(err, &cf) || errors.As(err, &is) || errors.As(err, &iv)
}

var errRollBack = errors.New("roll back")

// step makes one random write and returns its name, and whether the store
// made it (rather than refused it).
func (w *countsWriter) step() (string, bool) {
	t, s, r, ctx := w.t, w.s, w.rnd, context.Background()
	t.Helper()
	w.ops++
	all := w.clauses()
	docs := w.documents()
	var c Clause
	if len(all) > 0 {
		c = all[r.IntN(len(all))]
	}
	var err error
	var name string
	op := r.IntN(22)
	if len(all) == 0 {
		op = 0
	}
	switch op {
	case 0:
		name = "import"
		ds := make([]segment.Document, 1+r.IntN(2))
		for i := range ds {
			ds[i] = w.doc()
		}
		_, err = s.ImportDocuments(ctx, "random.txt", ds)
	case 1:
		name = "import files"
		_, err = s.ImportFiles(ctx, []SourceFile{{Name: "a.txt", Docs: []segment.Document{w.doc()}}, {Name: "b.txt", Docs: []segment.Document{w.doc(), w.doc()}}})
	case 2, 3, 4:
		name = "save"
		_, err = s.SaveTranslation(ctx, c.ID, c.Version, w.english(), "anna", "editor")
	case 5:
		name = "submit"
		_, err = s.Submit(ctx, c.ID, c.Version, "anna")
	case 6:
		name = "approve"
		rev := 0
		if r.IntN(3) == 0 && c.Version > 0 {
			rev = 1 + r.IntN(c.Version)
		}
		_, err = s.Approve(ctx, c.ID, c.Version, rev, "rita")
	case 7:
		name = "reject"
		_, err = s.Reject(ctx, c.ID, -1, "Say it otherwise.", "rita")
	case 8:
		name = "restore"
		if c.Version > 0 {
			_, err = s.Restore(ctx, c.ID, c.Version, 1+r.IntN(c.Version), "anna")
		}
	case 9:
		name = "split"
		var english []string
		if r.IntN(2) == 0 {
			english = []string{w.english(), w.english()}
		}
		runes := len([]rune(c.Source))
		if runes > 1 {
			at := len(string([]rune(c.Source)[:1+r.IntN(runes-1)]))
			_, err = s.SplitClause(ctx, c.ID, c.Version, at, english, "anna")
		}
	case 10, 11:
		name = "merge"
		nextBase := 0
		for _, n := range all {
			if n.DocumentID == c.DocumentID && n.Position == c.Position+1 {
				nextBase = n.Version
			}
		}
		var english *string
		if r.IntN(2) == 0 {
			e := w.english()
			english = &e
		}
		_, err = s.MergeClauses(ctx, c.ID, c.Version, nextBase, english, "anna")
	case 12:
		name = "translations by Chinese"
		pairs := make([]SourcePair, 1+r.IntN(3))
		for i := range pairs {
			pairs[i] = SourcePair{Source: countsPool[r.IntN(len(countsPool))], Target: w.english()}
		}
		_, err = s.ApplyTranslations(ctx, pairs, "importer", "csv")
	case 13:
		name = "memory"
		_, err = s.ImportMemory(ctx, []SourcePair{{Source: countsPool[r.IntN(len(countsPool))], Target: "From memory."}}, "tm.tmx", "importer", false)
	case 14:
		name = "clause edits"
		_, err = s.ApplyClauseEdits(ctx, []ClauseEdit{{Line: 2, ClauseID: c.ID, Target: w.english(), Version: c.Version}}, "importer", "csv")
	case 15:
		name = "alignment"
		_, err = s.ApplyAlignment(ctx, c.DocumentID, []Assignment{{ClauseID: c.ID, English: "Aligned."}}, "anna")
	case 16:
		name = "rolled back"
		err = s.InTransaction(ctx, func(tx *Store) error {
			if _, err := tx.SaveTranslation(ctx, c.ID, c.Version, "Never kept.", "anna", "editor"); err != nil {
				return err
			}
			if _, err := tx.ImportDocuments(ctx, "never.txt", []segment.Document{w.doc()}); err != nil {
				return err
			}
			return errRollBack
		})
		if errors.Is(err, errRollBack) {
			err = nil
		}
	case 17:
		// No store method deletes a statement or moves a clause: SQL stands
		// in for one that would.
		switch r.IntN(3) {
		case 0:
			name = "delete document"
			err = s.w.Exec("DELETE FROM documents WHERE id = ?", c.DocumentID).Error
		case 1:
			name = "delete clauses of several documents"
			ids := []uint{c.ID}
			for range 3 {
				ids = append(ids, all[r.IntN(len(all))].ID)
			}
			err = s.w.Exec("DELETE FROM clauses WHERE id IN ?", ids).Error
		default:
			name = "move clause"
			to := docs[r.IntN(len(docs))]
			err = s.w.Exec("UPDATE clauses SET document_id = ?, position = (SELECT MAX(position) + 1 FROM clauses) WHERE id = ?", to, c.ID).Error
		}
	case 18:
		name = "copy clauses between documents"
		// One INSERT into two documents: A's clauses into B and B's into A,
		// after every position there is.
		a, b := c.DocumentID, docs[r.IntN(len(docs))]
		err = s.w.Exec(`INSERT INTO clauses (document_id, position, paragraph, kind, source, source_key, target, status, version,
				updated_by, updated_at, created_at, approved_target, approved_version, approved_by, approved_at)
			SELECT CASE WHEN document_id = ? THEN CAST(? AS BIGINT) ELSE CAST(? AS BIGINT) END, (SELECT MAX(position) FROM clauses) + id, paragraph, kind, source, source_key, target, status, version,
				updated_by, updated_at, created_at, approved_target, approved_version, approved_by, approved_at
			FROM clauses WHERE document_id IN ?`, a, b, a, []uint{a, b}).Error
	case 20:
		name = "confirm"
		text := c.Target
		if text == "" || r.IntN(2) == 0 {
			text = w.english()
		}
		_, err = s.ConfirmTranslation(ctx, c.ID, c.Version, text, "anna", "editor")
	case 21:
		// No store method changes a clause's kind: SQL stands in for one.
		name = "turn into a marker or back"
		err = s.w.Exec("UPDATE clauses SET kind = CASE WHEN kind = 'heading' THEN 'text' ELSE 'heading' END WHERE id = ?", c.ID).Error
	default:
		name = "submit a whole document"
		err = s.w.Exec("UPDATE clauses SET status = ? WHERE document_id = ? AND target <> ''", StatusSubmitted, c.DocumentID).Error
	}
	if !expected(err) {
		t.Fatalf("op %d, %s: %v", w.ops, name, err)
	}
	return name, err == nil
}

// countsDiffer compares every document's progress as the store reads it
// (from document_counts; with each, GetDocument's too) with the clauses
// counted afresh, and says how they differ ("" if they do not).
func countsDiffer(s *Store, each bool) (string, error) {
	ctx := context.Background()
	var clauses []Clause
	if err := s.r.Select("id, document_id, kind, target, status, approved_target").Find(&clauses).Error; err != nil {
		return "", err
	}
	want := map[uint]*DocumentSummary{}
	var ids []uint
	if err := s.r.Model(&Document{}).Pluck("id", &ids).Error; err != nil {
		return "", err
	}
	for _, id := range ids {
		want[id] = &DocumentSummary{}
	}
	for _, c := range clauses {
		d := want[c.DocumentID]
		if c.Kind == string(segment.KindHeading) {
			d.Markers++
			continue
		}
		d.Clauses++
		if c.Target != "" {
			d.Translated++
		}
		if c.ApprovedTarget != "" {
			d.Approved++
		}
		switch c.Status {
		case StatusSubmitted:
			d.Submitted++
		case StatusDraft:
			d.Draft++
		case StatusTranslated:
			d.Confirmed++
		case StatusRejected:
			d.Rejected++
		}
	}
	got, err := s.ListDocuments(ctx)
	if err != nil {
		return "", err
	}
	if len(got) != len(want) {
		return fmt.Sprintf("%d documents listed, %d stored", len(got), len(want)), nil
	}
	var diffs []string
	for _, g := range got {
		w := want[g.ID]
		if w == nil {
			return fmt.Sprintf("document %d listed, not stored", g.ID), nil
		}
		kept, counted := summaryCounts(g)[1:], summaryCounts(*w)[1:]
		if !slices.Equal(kept, counted) {
			diffs = append(diffs, fmt.Sprintf("document %d: kept %v, counted %v (clauses, translated, submitted, approved, draft, confirmed, rejected, markers)", g.ID, kept, counted))
		}
		if !each {
			continue
		}
		one, err := s.GetDocument(ctx, g.ID)
		if err != nil {
			return "", err
		}
		if !slices.Equal(summaryCounts(one), summaryCounts(g)) {
			diffs = append(diffs, fmt.Sprintf("document %d: GetDocument %+v, ListDocuments %+v", g.ID, one, g))
		}
	}
	var orphans int64
	if err := s.r.Raw("SELECT COUNT(*) FROM document_counts WHERE document_id NOT IN (SELECT id FROM documents)").Scan(&orphans).Error; err != nil {
		return "", err
	}
	if orphans > 0 {
		diffs = append(diffs, fmt.Sprintf("%d counts of documents that are gone", orphans))
	}
	return strings.Join(diffs, "\n"), nil
}

// summaryCounts is a summary's id and counts.
func summaryCounts(d DocumentSummary) []int {
	return []int{int(d.ID), d.Clauses, d.Translated, d.Submitted, d.Approved, d.Draft, d.Confirmed, d.Rejected, d.Markers}
}

// TestDocumentCountsMatchClauses makes random sequences of writes through
// every path that writes clauses and checks, after each write, that the
// counts the statement list reads are the clauses counted afresh.
func TestDocumentCountsMatchClauses(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		made := map[string]int{}
		for seed := range uint64(6) {
			w := &countsWriter{t: t, s: s, rnd: rand.New(rand.NewPCG(seed, 11))}
			var ops []string
			for i := range 60 {
				name, ok := w.step()
				ops = append(ops, name)
				if ok {
					made[name]++
				}
				diff, err := countsDiffer(s, i == 59)
				if err != nil {
					t.Fatal(err)
				}
				if diff != "" {
					t.Fatalf("seed %d, after %s:\n%s", seed, strings.Join(ops, ", "), diff)
				}
			}
		}
		var nc, nd int64
		s.r.Model(&Clause{}).Count(&nc)
		s.r.Model(&Document{}).Count(&nd)
		t.Logf("writes made: %v; %d clauses in %d documents", made, nc, nd)
		for _, name := range []string{"import", "import files", "save", "submit", "approve", "reject", "restore", "split", "merge",
			"translations by Chinese", "memory", "clause edits", "alignment", "rolled back", "delete document",
			"delete clauses of several documents", "move clause", "copy clauses between documents", "submit a whole document",
			"confirm", "turn into a marker or back"} {
			if made[name] == 0 {
				t.Errorf("no %s was made: the random writes miss a path", name)
			}
		}
	})
}

// freshStore opens an empty database of the dialect.
func freshStore(t *testing.T, dialect string) *Store {
	if dialect == "postgres" {
		return openTestPostgres(t)
	}
	s, err := Open(filepath.Join(t.TempDir(), "zhen.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func documentCountsTriggerNames(postgres bool) []string {
	if postgres {
		return []string{"document_counts_ai", "document_counts_ad", "document_counts_au"}
	}
	return []string{"document_counts_ai", "document_counts_ad", "document_counts_au", "document_counts_am"}
}

func dropTrigger(t *testing.T, s *Store, name string) {
	t.Helper()
	q := "DROP TRIGGER " + name
	if s.Dialect == "postgres" {
		q += " ON clauses"
	}
	if err := s.w.Exec(q).Error; err != nil {
		t.Fatal(err)
	}
}

// TestDocumentCountsTestNeedsEveryTrigger makes sure the random writes of
// TestDocumentCountsMatchClauses need every trigger: without any one of
// them, the counts go wrong.
func TestDocumentCountsTestNeedsEveryTrigger(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			for _, trigger := range documentCountsTriggerNames(dialect == "postgres") {
				t.Run(trigger, func(t *testing.T) {
					s := freshStore(t, dialect)
					dropTrigger(t, s, trigger)
					for seed := range uint64(6) {
						w := &countsWriter{t: t, s: s, rnd: rand.New(rand.NewPCG(seed, 11))}
						for range 60 {
							w.step()
							if diff, err := countsDiffer(s, false); err != nil {
								t.Fatal(err)
							} else if diff != "" {
								return
							}
						}
					}
					t.Fatalf("without %s the counts stayed right", trigger)
				})
			}
		})
	}
}

// A database whose triggers were lost (a migration rebuilt clauses) gets
// them back, and its counts counted again, when it is opened.
func TestDocumentCountsRepairedOnOpen(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		imp := mustImport(t, s, testDoc("甲", "双方认为。中方支持。"))
		dropTrigger(t, s, "document_counts_au")
		cl, _, _ := s.ListClauses(ctx, ClauseFilter{DocumentID: imp[0].ID})
		if _, err := s.SaveTranslation(ctx, cl[0].ID, 0, "The two sides hold.", "anna", "editor"); err != nil {
			t.Fatal(err)
		}
		if diff, _ := countsDiffer(s, true); diff == "" {
			t.Fatal("the counts stayed right without their update trigger")
		}
		if err := ensureDocumentCounts(s.w, s.Dialect == "postgres"); err != nil {
			t.Fatal(err)
		}
		if diff, err := countsDiffer(s, true); diff != "" || err != nil {
			t.Fatalf("after repair: %v %s", err, diff)
		}
		if _, err := s.SaveTranslation(ctx, cl[1].ID, 0, "China supports it.", "anna", "editor"); err != nil {
			t.Fatal(err)
		}
		if d, err := s.GetDocument(ctx, imp[0].ID); err != nil || d.Clauses != 2 || d.Translated != 2 {
			t.Fatalf("after repair and a save: %v %+v", err, d)
		}
	})
}

// The migration counts the clauses a database already has, and statements
// without clauses read 0.
func TestDocumentCountsMigration(t *testing.T) {
	v11 := reflect.ValueOf(migrateV11DocumentCounts).Pointer()
	before := slices.IndexFunc(migrations, func(m func(*gorm.DB) error) bool { return reflect.ValueOf(m).Pointer() == v11 })
	for _, d := range oldSchemaDialects {
		t.Run(d.name, func(t *testing.T) {
			t.Parallel()
			dsn, old := d.migratedTo(t, before)
			at := time.Now().UTC()
			for i, title := range []string{"甲", "乙", "空"} {
				if err := old.Exec("INSERT INTO documents (title, date, source_name, content_hash, signed_date, signed_place, created_at) VALUES (?, '', '', ?, '', '', ?)",
					title, fmt.Sprint(i), at).Error; err != nil {
					t.Fatal(err)
				}
			}
			// 甲: 4 clauses, 3 translated, 1 submitted, 2 approved; 乙: 1
			// untranslated; 空: none.
			for _, c := range []struct {
				doc                      int
				target, status, approved string
			}{{1, "A", StatusSubmitted, ""}, {1, "B", StatusApproved, "B"}, {1, "C", StatusDraft, "Old C"}, {1, "", StatusUntranslated, ""}, {2, "", StatusUntranslated, ""}} {
				if err := old.Exec(`INSERT INTO clauses (document_id, position, paragraph, kind, source, source_key, target, status, version, updated_by, updated_at, created_at, approved_target)
					VALUES (?, (SELECT COUNT(*) FROM clauses WHERE document_id = ?), 0, 'text', '句。', '句。', ?, ?, 1, '', ?, ?, ?)`,
					c.doc, c.doc, c.target, c.status, at, at, c.approved).Error; err != nil {
					t.Fatal(err)
				}
			}
			s := upgraded(t, dsn, old)
			docs, err := s.ListDocuments(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][4]int{}
			for _, d := range docs {
				got[d.Title] = [4]int{d.Clauses, d.Translated, d.Submitted, d.Approved}
			}
			if want := map[string][4]int{"甲": {4, 3, 1, 2}, "乙": {1, 0, 0, 0}, "空": {0, 0, 0, 0}}; !reflect.DeepEqual(got, want) {
				t.Fatalf("counts %v, want %v", got, want)
			}
			if diff, err := countsDiffer(s, true); diff != "" || err != nil {
				t.Fatalf("%v %s", err, diff)
			}
		})
	}
}
