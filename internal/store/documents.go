package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/zhen-workbench/zhen/internal/fault"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/segment"
	"github.com/zhen-workbench/zhen/internal/usertext"
)

// Imported tells what happened to one document of an import.
type Imported struct {
	ID        uint   `json:"id"`
	Title     string `json:"title"`
	Date      string `json:"date"`
	Clauses   int    `json:"clauses"`
	Duplicate bool   `json:"duplicate"` // the same content was already there; nothing was added
}

// ContentHash identifies a document by its text, whatever width, spacing or
// file it came in: the same statement imported twice hashes the same.
func ContentHash(d segment.Document) string {
	h := sha256.New()
	for _, p := range d.Paragraphs {
		h.Write([]byte(glossary.Normalize(p)))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// SourceFile is the statements read from one file, and the file's name.
type SourceFile struct {
	Name string
	Docs []segment.Document
}

// ImportFiles stores the statements of several files in one transaction:
// all of them, or none.
func (s *Store) ImportFiles(ctx context.Context, files []SourceFile) ([]Imported, error) {
	var out []Imported
	n := 0
	for _, f := range files {
		for _, d := range f.Docs {
			n += len(d.Clauses)
		}
	}
	err := s.InTransaction(ctx, func(tx *Store) error {
		bulk, err := tx.startBulkLoad(n)
		if err != nil {
			return err
		}
		for _, f := range files {
			imported, err := tx.ImportDocuments(ctx, f.Name, f.Docs)
			if err != nil {
				return fmt.Errorf("%s: %w", f.Name, err)
			}
			out = append(out, imported...)
		}
		return bulk.finish()
	})
	return out, err
}

// bulkClauses is how many clauses make an import a bulk load.
const bulkClauses = 5000

// bulkLoad is a SQLite transaction that adds or changes many clauses
// (bulkClauses or more), and indexes them once it is done instead of one
// by one through the triggers:
//   - new clauses go into the full-text index in one statement after the
//     rows (223,000 clauses: 6 s through the trigger, 2.6 s so);
//   - when they are at least as many as the clauses already there, the
//     source_key index is built again after them (0.6 s) instead of taking
//     them one at a time at random places of its B-tree (about 6 s);
//   - when the English of clauses changes for an eighth of the corpus or
//     more, the full-text index is rebuilt once (a few seconds) instead of
//     clause by clause (177,000 clauses: 30 s).
//
// Readers see none of it: it is all in one transaction.
type bulkLoad struct {
	tx      *Store
	after   int64  // the clauses with a higher id are the new ones
	fill    bool   // index the new clauses
	rebuild bool   // rebuild the full-text index
	sources bool   // build the source_key index again
	dropped string // the trigger to create again
}

// startBulkLoad prepares the transaction s for adding n clauses.
func (s *Store) startBulkLoad(n int) (*bulkLoad, error) {
	b := &bulkLoad{tx: s}
	if s.Dialect == "postgres" || n < bulkClauses {
		return b, nil
	}
	have, maxID, err := s.clauseRange()
	if err != nil {
		return nil, err
	}
	b.after, b.fill, b.sources = maxID, s.search == "fts5", int64(n) >= have
	if b.fill {
		if err := b.drop("clause_fts_ai", ftsInsertTrigger); err != nil {
			return nil, err
		}
	}
	if b.sources {
		if err := s.w.Exec("DROP INDEX idx_clauses_source_key").Error; err != nil {
			return nil, err
		}
	}
	return b, nil
}

// startBulkUpdate prepares the transaction s for changing the English of
// the clauses of n pairs of Chinese and English (each at least one clause).
func (s *Store) startBulkUpdate(n int) (*bulkLoad, error) {
	b := &bulkLoad{tx: s}
	if s.Dialect == "postgres" || s.search != "fts5" || n < bulkClauses {
		return b, nil
	}
	have, _, err := s.clauseRange()
	if err != nil || 8*int64(n) < have {
		return b, err
	}
	b.rebuild = true
	return b, b.drop("clause_fts_au", ftsUpdateTrigger)
}

// clauseRange is how many clauses there are, and the highest id.
func (s *Store) clauseRange() (n, maxID int64, err error) {
	var have struct{ N, Max int64 }
	err = s.w.Raw("SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS max FROM clauses").Scan(&have).Error
	return have.N, have.Max, err
}

func (b *bulkLoad) drop(trigger, create string) error {
	b.dropped = create
	return b.tx.w.Exec("DROP TRIGGER " + trigger).Error
}

// finish indexes the new or changed clauses and puts back what the start
// took.
func (b *bulkLoad) finish() error {
	w := b.tx.w
	if b.fill {
		if err := w.Exec("INSERT INTO clause_fts(rowid, source_key, target) SELECT id, source_key, target FROM clauses WHERE id > ?", b.after).Error; err != nil {
			return err
		}
	}
	if b.rebuild {
		if err := w.Exec("INSERT INTO clause_fts(clause_fts) VALUES ('rebuild')").Error; err != nil {
			return err
		}
	}
	if b.dropped != "" {
		if err := w.Exec(b.dropped).Error; err != nil {
			return err
		}
	}
	if b.sources {
		return w.Exec(sourceKeyIndex).Error
	}
	return nil
}

// sourceKeyIndex is the index migration 1 made on clauses.source_key.
const sourceKeyIndex = "CREATE INDEX idx_clauses_source_key ON clauses (source_key)"

// ImportDocuments stores documents in one transaction: either all new ones
// are stored or, on any error, none. A document whose content is already in
// the database is reported as a duplicate and not stored again.
func (s *Store) ImportDocuments(ctx context.Context, sourceName string, docs []segment.Document) ([]Imported, error) {
	out := make([]Imported, 0, len(docs))
	err := s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		style, err := corpusNumberingStyle(tx)
		if err != nil {
			return err
		}
		for _, d := range docs {
			hash := ContentHash(d)
			var existing Document
			err := tx.Where("content_hash = ?", hash).Take(&existing).Error
			if err == nil {
				var n int64
				if err := tx.Model(&Clause{}).Where("document_id = ?", existing.ID).Count(&n).Error; err != nil {
					return err
				}
				out = append(out, Imported{ID: existing.ID, Title: existing.Title, Date: existing.Date, Clauses: int(n), Duplicate: true})
				continue
			}
			if !errors.Is(err, gorm.ErrRecordNotFound) {
				return err
			}
			doc := Document{Title: d.Title, Date: d.Date, SourceName: sourceName, ContentHash: hash,
				SignedDate: d.SignedDate, SignedPlace: d.SignedPlace, CreatedAt: now()}
			if err := tx.Create(&doc).Error; err != nil {
				return err
			}
			clauses := make([]Clause, 0, len(d.Clauses))
			for i, c := range d.Clauses {
				clauses = append(clauses, Clause{DocumentID: doc.ID, Position: i, Paragraph: c.Paragraph,
					Kind: string(c.Kind), Source: c.Text, SourceKey: glossary.Normalize(c.Text),
					Status: StatusUntranslated, CreatedAt: doc.CreatedAt, UpdatedAt: doc.CreatedAt})
			}
			numbered := numberNew(clauses, style)
			if err := insertClauses(tx, s.Dialect == "postgres", clauses); err != nil {
				return err
			}
			if err := recordNumbered(tx, s.Dialect == "postgres", doc.ID, numbered, style); err != nil {
				return err
			}
			out = append(out, Imported{ID: doc.ID, Title: doc.Title, Date: doc.Date, Clauses: len(clauses)})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// CountDocuments says how many documents are stored.
func (s *Store) CountDocuments(ctx context.Context) (int64, error) {
	var n int64
	err := s.r.WithContext(ctx).Model(&Document{}).Count(&n).Error
	return n, err
}

// summarySelect and summaryJoin read a document with its counts (see
// document_counts.go).
const (
	summarySelect = `documents.*, COALESCE(document_counts.clauses, 0) AS clauses,
	COALESCE(document_counts.translated, 0) AS translated,
	COALESCE(document_counts.submitted, 0) AS submitted,
	COALESCE(document_counts.approved, 0) AS approved,
	COALESCE(document_counts.draft, 0) AS draft,
	COALESCE(document_counts.confirmed, 0) AS confirmed,
	COALESCE(document_counts.rejected, 0) AS rejected,
	COALESCE(document_counts.markers, 0) AS markers`
	summaryJoin = "LEFT JOIN document_counts ON document_counts.document_id = documents.id"
)

// ListDocuments returns every document with its progress, newest statement first.
func (s *Store) ListDocuments(ctx context.Context) ([]DocumentSummary, error) {
	var out []DocumentSummary
	err := s.r.WithContext(ctx).Model(&Document{}).Select(summarySelect).Joins(summaryJoin).
		Order("documents.date DESC, documents.id").Scan(&out).Error
	if out == nil {
		out = []DocumentSummary{}
	}
	if err != nil {
		return out, err
	}
	return out, s.withOpenComments(ctx, out, 0)
}

// GetDocument returns one document with its progress.
func (s *Store) GetDocument(ctx context.Context, id uint) (DocumentSummary, error) {
	var out []DocumentSummary
	err := s.r.WithContext(ctx).Model(&Document{}).Select(summarySelect).Joins(summaryJoin).Where("documents.id = ?", id).Scan(&out).Error
	if err != nil {
		return DocumentSummary{}, err
	}
	if len(out) == 0 {
		return DocumentSummary{}, fault.Missing("document", id)
	}
	return out[0], s.withOpenComments(ctx, out, id)
}

// ClauseFilter selects clauses; zero values select everything.
type ClauseFilter struct {
	DocumentID uint
	Offset     int
	Limit      int // 0 = no limit
}

// ListClauses returns clauses in document order and how many match in all.
func (s *Store) ListClauses(ctx context.Context, f ClauseFilter) ([]Clause, int64, error) {
	q := s.r.WithContext(ctx).Model(&Clause{})
	if f.DocumentID != 0 {
		q = q.Where("document_id = ?", f.DocumentID)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	q = q.Select(clauseColumns).Order("document_id, position").Offset(f.Offset)
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	rows, err := q.Rows()
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := make([]Clause, 0, min(int(total), max(f.Limit, 16)))
	for rows.Next() {
		var c Clause
		if err := scanClause(rows, &c); err != nil {
			return nil, 0, err
		}
		out = append(out, c)
	}
	return out, total, rows.Err()
}

// clauseColumns and scanClause read clauses with database/sql directly: on
// the editor's hot paths GORM's per-row reflection cost half the time.
const clauseColumns = "clauses.id, clauses.document_id, clauses.position, clauses.paragraph, clauses.kind, clauses.source, clauses.source_key, " +
	"clauses.target, clauses.status, clauses.version, clauses.updated_by, clauses.updated_at, clauses.created_at, " +
	"clauses.approved_target, clauses.approved_version, clauses.approved_by, clauses.approved_at"

func scanClause(rows *sql.Rows, c *Clause, extra ...any) error {
	return rows.Scan(append([]any{&c.ID, &c.DocumentID, &c.Position, &c.Paragraph, &c.Kind, &c.Source, &c.SourceKey,
		&c.Target, &c.Status, &c.Version, &c.UpdatedBy, &c.UpdatedAt, &c.CreatedAt,
		&c.ApprovedTarget, &c.ApprovedVersion, &c.ApprovedBy, &c.ApprovedAt}, extra...)...)
}

// GetClause returns one clause.
func (s *Store) GetClause(ctx context.Context, id uint) (Clause, error) {
	var c Clause
	err := s.r.WithContext(ctx).Take(&c, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return c, fault.Missing("clause", id)
	}
	return c, err
}

// normalizeTarget trims what a text box leaves around a translation.
func normalizeTarget(s string) string { return strings.TrimSpace(s) }

// MaxTitle bounds a statement's title, in characters.
const MaxTitle = 500

// UpdateDocument changes a statement's title and publication date (YYYY-MM-DD
// or ""). Both are one line of text by the rule for written text.
func (s *Store) UpdateDocument(ctx context.Context, id uint, title, date string) (DocumentSummary, error) {
	title = strings.TrimSpace(title)
	if title == "" {
		return DocumentSummary{}, fault.Invalidf("text", "the title is empty: give the statement a title")
	}
	if err := checkText("the title", title, usertext.Rule{Max: MaxTitle}); err != nil {
		return DocumentSummary{}, err
	}
	if err := checkText("the date", date, usertext.Line); err != nil {
		return DocumentSummary{}, err
	}
	if date != "" && !validDate(date) {
		return DocumentSummary{}, fault.Invalidf("text", "%q is not a date: write it as YYYY-MM-DD, or leave it empty", date)
	}
	res := s.w.WithContext(ctx).Model(&Document{}).Where("id = ?", id).Updates(map[string]any{"title": title, "date": date})
	if res.Error != nil {
		return DocumentSummary{}, res.Error
	}
	if res.RowsAffected == 0 {
		return DocumentSummary{}, fault.Missing("document", id)
	}
	return s.GetDocument(ctx, id)
}

func validDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// insertClauses stores new clauses (see insertRows).
func insertClauses(tx *gorm.DB, postgres bool, clauses []Clause) error {
	cols := []string{"document_id", "position", "paragraph", "kind", "source", "source_key", "target", "status", "version", "updated_by", "updated_at", "created_at",
		"approved_target", "approved_version", "approved_by", "approved_at"}
	return insertRows(tx, postgres, "clauses", cols, len(clauses), func(i int, args []any) []any {
		c := &clauses[i]
		return append(args, c.DocumentID, c.Position, c.Paragraph, c.Kind, c.Source, c.SourceKey, c.Target, c.Status, c.Version, c.UpdatedBy, c.UpdatedAt, c.CreatedAt,
			c.ApprovedTarget, c.ApprovedVersion, c.ApprovedBy, c.ApprovedAt)
	})
}

// insertParams is how many values one INSERT carries at most, far under
// SQLite's (32,766) and PostgreSQL's (65,535) parameter limits.
const insertParams = 2400

// insertRows stores n new rows in table with multi-row INSERTs, full
// batches through one prepared statement; row appends row i's values, in
// the order of columns, to args. GORM's CreateInBatches reflected on every
// row and prepared every batch anew: several times slower on 200,000 rows.
func insertRows(tx *gorm.DB, postgres bool, table string, columns []string, n int, row func(i int, args []any) []any) error {
	return writeRows(tx, postgres, table, columns, "", n, row)
}

// writeRows is insertRows with a clause after the VALUES, such as an ON
// CONFLICT that makes it an upsert.
func writeRows(tx *gorm.DB, postgres bool, table string, columns []string, then string, n int, row func(i int, args []any) []any) error {
	query := func(rows int) string {
		var q strings.Builder
		q.WriteString("INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") VALUES ")
		p := 0
		writeTuples(&q, postgres, &p, rows, len(columns), nil)
		q.WriteString(then)
		return q.String()
	}
	return execBatches(tx, insertParams/len(columns), n, nil, query, row)
}

// execBatches runs query(rows) over n rows, perStatement at a time: the
// full batches through one prepared statement, the last one alone. Each
// statement's values are lead, then each row's (row appends row i's).
func execBatches(tx *gorm.DB, perStatement, n int, lead []any, query func(rows int) string, row func(i int, args []any) []any) error {
	pool, ctx := tx.Statement.ConnPool, tx.Statement.Context
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	var args []any
	for start := 0; start < n; start += perStatement {
		end := min(start+perStatement, n)
		args = append(args[:0], lead...)
		for i := start; i < end; i++ {
			args = row(i, args)
		}
		var err error
		if end-start == perStatement {
			if full == nil {
				if full, err = pool.PrepareContext(ctx, query(perStatement)); err != nil {
					return err
				}
			}
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = pool.ExecContext(ctx, query(end-start), args...)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// writeTuples writes rows tuples of n placeholders, "(?,?),(?,?)", numbered
// after *p on PostgreSQL ($3,$4). casts, on PostgreSQL, type the first
// tuple's values, which it cannot infer from parameters alone.
func writeTuples(q *strings.Builder, postgres bool, p *int, rows, n int, casts []string) {
	for r := range rows {
		if r > 0 {
			q.WriteByte(',')
		}
		q.WriteByte('(')
		for k := range n {
			if k > 0 {
				q.WriteByte(',')
			}
			cast := ""
			if r == 0 && casts != nil {
				cast = casts[k]
			}
			writePlaceholder(q, postgres, p, cast)
		}
		q.WriteByte(')')
	}
}

// writePlaceholder writes the next placeholder: ? on SQLite, $N on
// PostgreSQL (with cast after it, if any).
func writePlaceholder(q *strings.Builder, postgres bool, p *int, cast string) {
	*p++
	if postgres {
		q.WriteString("$" + strconv.Itoa(*p) + cast)
	} else {
		q.WriteByte('?')
	}
}
