package store

import (
	"context"
	"iter"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/zhen-workbench/zhen/glossary"
)

// FindingRow is one stored finding: what the checks (internal/qa) found in
// a clause's English as it was at the clause's version, with the glossary
// of QAState.Glossary. Reads are indexed queries on it; the workbench keeps
// it current on every write.
type FindingRow struct {
	ID         uint   `gorm:"primaryKey"`
	ClauseID   uint   `gorm:"not null;index;index:idx_findings_document,priority:2;index:idx_findings_kind,priority:3"`
	DocumentID uint   `gorm:"not null;index:idx_findings_document,priority:1;index:idx_findings_kind,priority:2"`
	Kind       string `gorm:"not null;index:idx_findings_kind,priority:1"`
	Term       string `gorm:"not null;default:''"`
	Key        string `gorm:"column:finding_key;not null;index"`
	Data       string `gorm:"not null"` // the glossary.Finding (encodeFinding)
}

func (FindingRow) TableName() string { return "findings" }

// FindingCount is how many findings a statement has of a kind, kept with
// the findings in the same transactions, so that the statement list's
// counts and a page's total are not a count over millions of rows.
type FindingCount struct {
	DocumentID uint   `gorm:"primaryKey;autoIncrement:false"`
	Kind       string `gorm:"primaryKey"`
	N          int64  `gorm:"not null"`
}

func (FindingCount) TableName() string { return "finding_counts" }

// QAState says what the stored findings were computed with: the glossary's
// generation and the checks' rules version. One row (ID 1).
type QAState struct {
	ID         uint      `gorm:"primaryKey;autoIncrement:false"`
	Glossary   int64     `gorm:"not null"`
	Rules      int       `gorm:"not null"`
	ComputedAt time.Time `gorm:"not null"`
}

func (QAState) TableName() string { return "qa_state" }

// Checked is the findings of one clause, computed from its English at
// Version, and what it does with the glossary's terms in its Chinese.
type Checked struct {
	ClauseID   uint
	DocumentID uint
	Version    int
	Findings   []glossary.Finding
	Uses       []glossary.TermUse
}

// lockForUpdate holds the checked clauses on PostgreSQL until the findings
// are written (SQLite's write transactions hold the whole file).
var lockForUpdate = clause.Locking{Strength: "UPDATE"}

// errStaleGlossary: the glossary changed while findings were computed.
var errStaleGlossary = staleGlossary{}

type staleGlossary struct{}

func (staleGlossary) Error() string { return "the glossary changed while the findings were computed" }

// ReplaceFindings stores checked in one transaction, replacing what each
// clause had, provided each clause is still at the version its findings
// were computed from and the glossary still at generation; it returns the
// clauses that moved on (their findings are left for whoever moved them),
// or all of them, with stale true, when the glossary did.
func (s *Store) ReplaceFindings(ctx context.Context, checked []Checked, generation int64) (moved []uint, stale bool, err error) {
	if len(checked) == 0 {
		return nil, false, nil
	}
	err = s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		moved = moved[:0]
		var gen int64
		if err := tx.Model(&GlossaryChange{}).Select("COALESCE(MAX(id), 0)").Scan(&gen).Error; err != nil {
			return err
		}
		if gen != generation {
			return errStaleGlossary
		}
		ids := make([]uint, len(checked))
		for i, c := range checked {
			ids[i] = c.ClauseID
		}
		now := map[uint]int{}
		for chunk := range chunks(ids, 500) {
			var vs []struct {
				ID      uint
				Version int
			}
			q := tx.Model(&Clause{}).Select("id, version").Where("id IN ?", chunk)
			if s.Dialect == "postgres" {
				q = q.Clauses(lockForUpdate)
			}
			if err := q.Scan(&vs).Error; err != nil {
				return err
			}
			for _, v := range vs {
				now[v.ID] = v.Version
			}
		}
		var keep []uint
		var there []*Checked
		fresh := map[uint][]FindingRow{} // the new rows of each clause still there
		for i := range checked {
			c := &checked[i]
			v, ok := now[c.ClauseID]
			if ok && v != c.Version {
				moved = append(moved, c.ClauseID)
				continue
			}
			keep = append(keep, c.ClauseID) // a clause gone since (merged away): its findings go too
			if !ok {
				continue
			}
			there = append(there, c)
			rows := make([]FindingRow, len(c.Findings))
			for k, f := range c.Findings {
				rows[k] = findingRow(f)
			}
			fresh[c.ClauseID] = rows
		}
		deltas := map[countKey]int64{}
		var add []FindingRow
		for chunk := range chunks(keep, 500) {
			old, err := storedFindings(tx, chunk)
			if err != nil {
				return err
			}
			gone, rows := diffFindings(old, chunk, fresh)
			for _, r := range gone {
				deltas[countKey{r.DocumentID, r.Kind}]--
			}
			for _, r := range rows {
				deltas[countKey{r.DocumentID, r.Kind}]++
			}
			add = append(add, rows...)
			ids := make([]uint, len(gone))
			for i, r := range gone {
				ids[i] = r.ID
			}
			for part := range chunks(ids, 500) {
				if err := tx.Where("id IN ?", part).Delete(&FindingRow{}).Error; err != nil {
					return err
				}
			}
		}
		if err := insertFindings(tx, s.Dialect == "postgres", add); err != nil {
			return err
		}
		if err := addCounts(tx, deltas); err != nil {
			return err
		}
		return replaceTermUses(tx, s.Dialect == "postgres", keep, there)
	})
	if err == errStaleGlossary {
		return nil, true, nil
	}
	return moved, false, err
}

// storedFindings reads the finding rows of the clauses ids, in id order.
func storedFindings(tx *gorm.DB, ids []uint) ([]FindingRow, error) {
	return scanRows(tx, func(r *FindingRow) []any {
		return []any{&r.ID, &r.ClauseID, &r.DocumentID, &r.Kind, &r.Term, &r.Key, &r.Data}
	}, "SELECT id, clause_id, document_id, kind, term, finding_key, data FROM findings WHERE clause_id IN ? ORDER BY id", ids)
}

// scanRows reads the rows of a query into Ts, fields(t) giving where each
// column goes: a plain scan, as through gorm's reflection a recheck spent
// more time reading its rows than SQLite took to find them.
func scanRows[T any](tx *gorm.DB, fields func(*T) []any, query string, args ...any) ([]T, error) {
	rows, err := tx.Raw(query, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var r T
		if err := rows.Scan(fields(&r)...); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// diffFindings compares the stored findings old (in id order) of the
// clauses ids with their new rows: it returns the stored rows to delete and
// the new rows to insert. A recheck after a glossary change or an import
// leaves most clauses' findings as they were, and a row written costs far
// more than a row read. Of a clause whose findings changed, the rows before
// the first change are kept and the rest written again, so that they stay
// in the order the checks give them (a read's order within a clause): a
// finding added at the end (a number) writes one row.
func diffFindings(old []FindingRow, ids []uint, fresh map[uint][]FindingRow) (gone, add []FindingRow) {
	stored := map[uint][]FindingRow{}
	for _, r := range old {
		stored[r.ClauseID] = append(stored[r.ClauseID], r)
	}
	for _, id := range ids {
		was, now := stored[id], fresh[id]
		same := 0
		for same < len(was) && same < len(now) && sameFinding(was[same], now[same]) {
			same++
		}
		gone, add = append(gone, was[same:]...), append(add, now[same:]...)
	}
	return gone, add
}

// sameFinding says whether a stored row and a new one hold the same finding.
func sameFinding(stored, row FindingRow) bool {
	stored.ID = 0
	return stored == row
}

// countKey is a row of finding_counts: a statement and a kind.
type countKey struct {
	document uint
	kind     string
}

// addCounts adds deltas to the kept counts.
func addCounts(tx *gorm.DB, deltas map[countKey]int64) error {
	for k, d := range deltas {
		if d == 0 {
			continue
		}
		err := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "document_id"}, {Name: "kind"}},
			DoUpdates: clause.Assignments(map[string]any{"n": gorm.Expr("finding_counts.n + ?", d)}),
		}).Create(&FindingCount{DocumentID: k.document, Kind: k.kind, N: d}).Error
		if err != nil {
			return err
		}
	}
	return tx.Where("n <= 0").Delete(&FindingCount{}).Error
}

// findingRow is f as stored. The clause's Chinese and English are not
// copied into every finding (a clause has ten on a large glossary): a read
// takes them from the clause, which is rechecked whenever they change. The
// "same Chinese, other English" findings keep the Chinese they were about,
// the group a clause leaves when its Chinese changes (GroupedSources).
func findingRow(f glossary.Finding) FindingRow {
	key := glossary.FindingKey(f)
	if f.Kind != glossary.KindSegmentInconsistent {
		f.Source = ""
	}
	f.Target = ""
	return FindingRow{ClauseID: f.ClauseID, DocumentID: f.DocumentID, Kind: f.Kind, Term: f.Term, Key: key, Data: encodeFinding(f)}
}

// ResetFindings starts a full recompute: every stored finding and term use
// goes, in the transaction fn writes the new ones in (through the writer it
// is given), and the state records generation and rules. Whatever fn fails
// leaves the old findings.
func (s *Store) ResetFindings(ctx context.Context, generation int64, rules int, fn func(w *FindingWriter) error) error {
	return s.InTransaction(ctx, func(tx *Store) error {
		// No WHERE: SQLite empties a table at once instead of row by row.
		for _, table := range []string{"findings", "finding_counts", "term_uses", "term_counts", "term_document_counts", "term_form_counts"} {
			if err := tx.w.Exec("DELETE FROM " + table).Error; err != nil {
				return err
			}
		}
		rebuild := tx.Dialect != "postgres" // PostgreSQL would lock the tables against readers meanwhile
		if rebuild {
			for _, ix := range rebuiltIndexes {
				if err := tx.w.Exec("DROP INDEX IF EXISTS " + ix.name).Error; err != nil {
					return err
				}
			}
		}
		w := &FindingWriter{tx: tx, tally: newTermTally()}
		if err := fn(w); err != nil {
			return err
		}
		if rebuild {
			// Sorting millions of entries with a helper thread: 7.8 s → 6 s
			// for the three indexes (docs/PERFORMANCE.md).
			if err := tx.w.Exec("PRAGMA threads = 2").Error; err != nil {
				return err
			}
			for _, ix := range rebuiltIndexes {
				if err := tx.w.Exec(ix.create).Error; err != nil {
					return err
				}
			}
			if err := tx.w.Exec("PRAGMA threads = 0").Error; err != nil {
				return err
			}
		}
		if err := tx.w.Exec("INSERT INTO finding_counts (document_id, kind, n) SELECT document_id, kind, COUNT(*) FROM findings GROUP BY document_id, kind").Error; err != nil {
			return err
		}
		if err := w.tally.apply(tx.w, tx.Dialect == "postgres"); err != nil {
			return err
		}
		return tx.setQAState(generation, rules)
	})
}

// rebuiltIndexes are dropped before a full recompute writes its rows, and
// built again after, on SQLite: filled as the rows come (in clause order)
// they would be written at random places of B-trees of millions of
// entries, spilling the page cache at every step; built at the end they
// are sorted once. The definitions are the migrations' (TestRecomputeKeepsTheIndexes).
var rebuiltIndexes = []struct{ name, create string }{
	{"idx_findings_key", "CREATE INDEX idx_findings_key ON findings (finding_key)"},
	{"idx_term_uses_entry", "CREATE INDEX idx_term_uses_entry ON term_uses (entry_id, clause_id)"},
	{"idx_term_uses_attention", "CREATE INDEX idx_term_uses_attention ON term_uses (entry_id, clause_id) WHERE state >= 2"},
}

// FindingWriter writes the findings and term uses of a full recompute
// (ResetFindings), and reads through the transaction it writes in.
type FindingWriter struct {
	tx    *Store
	tally *termTally
}

// FindingBatch is rows of a full recompute, encoded: made where the
// clauses are checked, so that the one goroutine writing only writes.
type FindingBatch struct {
	findings []FindingRow
	uses     []TermUseRow
}

// NewFindingBatch encodes findings, and what checked clauses do with the
// glossary's terms. It needs no transaction: any goroutine may call it.
func NewFindingBatch(found []glossary.Finding, checked []Checked) FindingBatch {
	b := FindingBatch{findings: make([]FindingRow, len(found))}
	for i, f := range found {
		b.findings[i] = findingRow(f)
	}
	for _, c := range checked {
		for _, u := range c.Uses {
			b.uses = append(b.uses, termUseRow(c.ClauseID, c.DocumentID, u))
		}
	}
	return b
}

// Add inserts a batch.
func (w *FindingWriter) Add(ctx context.Context, b FindingBatch) error {
	postgres := w.tx.Dialect == "postgres"
	if len(b.findings) > 0 {
		if err := insertFindings(w.tx.w.WithContext(ctx), postgres, b.findings); err != nil {
			return err
		}
	}
	for i := range b.uses {
		w.tally.add(&b.uses[i], 1)
	}
	return insertTermUses(w.tx.w.WithContext(ctx), postgres, b.uses)
}

// insertFindings stores new finding rows (see insertRows).
func insertFindings(tx *gorm.DB, postgres bool, rows []FindingRow) error {
	cols := []string{"clause_id", "document_id", "kind", "term", "finding_key", "data"}
	return insertRows(tx, postgres, "findings", cols, len(rows), func(i int, args []any) []any {
		r := &rows[i]
		return append(args, r.ClauseID, r.DocumentID, r.Kind, r.Term, r.Key, r.Data)
	})
}

// SetQAState records that the stored findings are current for the
// glossary's generation and the rules version.
func (s *Store) SetQAState(ctx context.Context, generation int64, rules int) error {
	return s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return (&Store{w: tx, r: tx, Dialect: s.Dialect}).setQAState(generation, rules)
	})
}

func (s *Store) setQAState(generation int64, rules int) error {
	st := QAState{ID: 1, Glossary: generation, Rules: rules, ComputedAt: now()}
	return s.w.Save(&st).Error
}

// GetQAState returns what the stored findings were computed with; ok is
// false before the first computation.
func (s *Store) GetQAState(ctx context.Context) (st QAState, ok bool, err error) {
	res := s.r.WithContext(ctx).Limit(1).Find(&st, 1)
	return st, res.RowsAffected == 1, res.Error
}

// FindingFilter selects stored findings; zero values select everything.
type FindingFilter struct {
	DocumentID       uint
	ClauseIDs        []uint // these clauses only (nil: any; at most a page's)
	Kind             string
	Term             string
	IncludeDismissed bool
	Offset, Limit    int // Limit 0: all
}

// where narrows q to what f selects.
func (f FindingFilter) where(q *gorm.DB) *gorm.DB {
	return f.narrow(q, "findings.document_id", "findings.clause_id", "findings.kind", "findings.term")
}

// whereByKey is where for a query that must find its rows by key (the
// dismissed ones): the filter's columns are wrapped so that no index on
// them tempts the planner to walk every finding of a kind.
func (f FindingFilter) whereByKey(q *gorm.DB) *gorm.DB {
	return f.narrow(q, "findings.document_id + 0", "findings.clause_id + 0", "findings.kind || ''", "findings.term || ''")
}

func (f FindingFilter) narrow(q *gorm.DB, document, clause, kind, term string) *gorm.DB {
	if f.DocumentID != 0 {
		q = q.Where(document+" = ?", f.DocumentID)
	}
	if f.ClauseIDs != nil {
		q = q.Where(clause+" IN ?", f.ClauseIDs)
	}
	if f.Kind != "" {
		q = q.Where(kind+" = ?", f.Kind)
	}
	if f.Term != "" {
		q = q.Where(term+" = ?", f.Term)
	}
	return q
}

// StoredFinding is a stored finding with its dismissal, if any.
type StoredFinding struct {
	glossary.Finding
	Key       string
	Dismissed *Dismissal
}

// Findings returns a page of stored findings in statement and clause
// order, and how many the filter selects in all.
func (s *Store) Findings(ctx context.Context, f FindingFilter) ([]StoredFinding, int64, error) {
	filter := f.where
	// The total: the kept counts (or, by term, an index count), less the
	// dismissed findings (a few, found from the dismissals' side). A join
	// on every finding would look up each one's key.
	var total, dismissed int64
	if f.Term == "" && f.ClauseIDs == nil { // the kept counts
		q := s.r.WithContext(ctx).Model(&FindingCount{}).Select("COALESCE(SUM(n), 0)")
		if f.DocumentID != 0 {
			q = q.Where("document_id = ?", f.DocumentID)
		}
		if f.Kind != "" {
			q = q.Where("kind = ?", f.Kind)
		}
		if err := q.Scan(&total).Error; err != nil {
			return nil, 0, err
		}
	} else if err := filter(s.r.WithContext(ctx).Table("findings")).Count(&total).Error; err != nil {
		return nil, 0, err
	}
	if !f.IncludeDismissed {
		q := f.whereByKey(s.r.WithContext(ctx).Table("findings").Where(dismissedKeys))
		if err := q.Count(&dismissed).Error; err != nil {
			return nil, 0, err
		}
	}
	total -= dismissed
	out := []StoredFinding{}
	for sf, err := range s.EachFinding(ctx, f) {
		if err != nil {
			return nil, 0, err
		}
		out = append(out, sf)
	}
	return out, total, nil
}

// EachFinding streams the stored findings the filter selects (its Offset
// and Limit too) in statement and clause order, without holding them: a
// corpus can have millions.
func (s *Store) EachFinding(ctx context.Context, f FindingFilter) iter.Seq2[StoredFinding, error] {
	return func(yield func(StoredFinding, error) bool) {
		q := f.where(s.r.WithContext(ctx).Table("findings").Joins("LEFT JOIN dismissals ON dismissals.finding_key = findings.finding_key"))
		if !f.IncludeDismissed {
			q = q.Where("dismissals.finding_key IS NULL")
		}
		q = q.Joins("JOIN clauses ON clauses.id = findings.clause_id").
			Select("findings.finding_key, findings.data, clauses.source, clauses.target, dismissals.id, dismissals.clause_id, dismissals.kind, dismissals.reason, dismissals.author, dismissals.created_at").
			Order("findings.document_id, findings.clause_id").Offset(f.Offset)
		if f.Limit > 0 {
			q = q.Limit(f.Limit)
		}
		rows, err := q.Rows()
		if err != nil {
			yield(StoredFinding{}, err)
			return
		}
		defer rows.Close()
		for rows.Next() {
			var sf StoredFinding
			var data, source, target string
			var d struct {
				ID        *uint
				ClauseID  *uint
				Kind      *string
				Reason    *string
				Author    *string
				CreatedAt *time.Time
			}
			if err := rows.Scan(&sf.Key, &data, &source, &target, &d.ID, &d.ClauseID, &d.Kind, &d.Reason, &d.Author, &d.CreatedAt); err != nil {
				yield(StoredFinding{}, err)
				return
			}
			if err := decodeFinding(data, &sf.Finding); err != nil {
				yield(StoredFinding{}, err)
				return
			}
			sf.Source, sf.Target = source, target
			if d.ID != nil {
				sf.Dismissed = &Dismissal{ID: *d.ID, FindingKey: sf.Key, ClauseID: *d.ClauseID, Kind: *d.Kind, Reason: *d.Reason, Author: *d.Author, CreatedAt: *d.CreatedAt}
			}
			if !yield(sf, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(StoredFinding{}, err)
		}
	}
}

// dismissedKeys selects the dismissed findings from the dismissals' side:
// one index lookup each, whatever the planner knows of the tables' sizes
// (as a join, SQLite walked two million findings for none dismissed).
const dismissedKeys = "findings.finding_key IN (SELECT finding_key FROM dismissals)"

// FindingCounts counts the open (not dismissed) findings of each statement
// that has any.
func (s *Store) FindingCounts(ctx context.Context) (map[uint]int64, error) {
	// The kept counts by statement, less the dismissed findings (see
	// Findings).
	count := func(q *gorm.DB) (map[uint]int64, error) {
		var rows []struct {
			DocumentID uint
			N          int64
		}
		err := q.Select("findings.document_id, COUNT(*) AS n").Group("findings.document_id").Scan(&rows).Error
		out := make(map[uint]int64, len(rows))
		for _, r := range rows {
			out[r.DocumentID] = r.N
		}
		return out, err
	}
	var kept []FindingCount
	if err := s.r.WithContext(ctx).Model(&FindingCount{}).Select("document_id, SUM(n) AS n").Group("document_id").Scan(&kept).Error; err != nil {
		return nil, err
	}
	all := make(map[uint]int64, len(kept))
	for _, k := range kept {
		all[k.DocumentID] = k.N
	}
	dismissed, err := count(s.r.WithContext(ctx).Table("findings").Where(dismissedKeys))
	if err != nil {
		return nil, err
	}
	for doc, n := range dismissed {
		if all[doc] -= n; all[doc] <= 0 {
			delete(all, doc)
		}
	}
	return all, nil
}

// chunks yields ids in slices of at most n (IN lists stay within the
// databases' parameter limits).
func chunks(ids []uint, n int) func(yield func([]uint) bool) {
	return func(yield func([]uint) bool) {
		for len(ids) > 0 {
			k := min(n, len(ids))
			if !yield(ids[:k]) {
				return
			}
			ids = ids[k:]
		}
	}
}

// ClausesByID returns the clauses with these ids that exist, in id order.
func (s *Store) ClausesByID(ctx context.Context, ids []uint) ([]Clause, error) {
	out := []Clause{}
	for chunk := range chunks(ids, 500) {
		cs, err := s.queryClauses(ctx, "WHERE clauses.id IN ? ORDER BY clauses.id", chunk)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return out, nil
}

// TranslatedWithSources returns the translated clauses whose normalised
// Chinese is one of keys: the groups "same Chinese, other English" is
// checked within.
func (s *Store) TranslatedWithSources(ctx context.Context, keys []string) ([]Clause, error) {
	out := []Clause{}
	for len(keys) > 0 {
		k := min(500, len(keys))
		cs, err := s.queryClauses(ctx, "WHERE clauses.target <> '' AND "+notNumbered+" AND clauses.source_key IN ? ORDER BY clauses.id", keys[:k])
		if err != nil {
			return nil, err
		}
		out, keys = append(out, cs...), keys[k:]
	}
	return out, nil
}

// DocumentClauseIDs returns the ids of a statement's clauses.
func (s *Store) DocumentClauseIDs(ctx context.Context, documentID uint) ([]uint, error) {
	var ids []uint
	err := s.r.WithContext(ctx).Model(&Clause{}).Where("document_id = ?", documentID).Pluck("id", &ids).Error
	return ids, err
}

// InvalidateQAState says the stored findings may be out of date (a
// recheck failed after its change was committed): the next read computes
// them all again.
func (s *Store) InvalidateQAState(ctx context.Context) error {
	return s.w.WithContext(ctx).Where("id = 1").Delete(&QAState{}).Error
}

// GroupedSources returns the Chinese of the stored "same Chinese, other
// English" findings of these clauses: the groups they were in when last
// checked, which a clause leaves when its Chinese or English changes.
func (s *Store) GroupedSources(ctx context.Context, clauseIDs []uint) ([]string, error) {
	var out []string
	for chunk := range chunks(clauseIDs, 500) {
		var data []string
		if err := s.r.WithContext(ctx).Model(&FindingRow{}).Where("clause_id IN ? AND kind = ?", chunk, glossary.KindSegmentInconsistent).Pluck("data", &data).Error; err != nil {
			return nil, err
		}
		for _, d := range data {
			var f glossary.Finding
			if decodeFinding(d, &f) == nil {
				out = append(out, f.Source)
			}
		}
	}
	return out, nil
}
