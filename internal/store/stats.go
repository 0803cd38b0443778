package store

import (
	"context"
	"iter"

	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/segment"
	"github.com/zhen-workbench/zhen/internal/stats"
)

// statDocuments are the statements counted: one (documentID), or all, in
// import order.
func (s *Store) statDocuments(ctx context.Context, documentID uint) ([]stats.Document, error) {
	var docs []Document
	q := s.r.WithContext(ctx).Select("id", "title", "date").Order("id")
	if documentID != 0 {
		q = q.Where("id = ?", documentID)
	}
	if err := q.Find(&docs).Error; err != nil {
		return nil, err
	}
	if documentID != 0 && len(docs) == 0 {
		return nil, fault.Missing("document", documentID)
	}
	out := make([]stats.Document, len(docs))
	for i, d := range docs {
		out[i] = stats.Document{ID: d.ID, Title: d.Title, Date: d.Date}
	}
	return out, nil
}

// Stats counts characters, words, clauses and statuses of one statement
// (documentID), or of every statement and the corpus, streaming the
// clauses (constant memory per statement).
func (s *Store) Stats(ctx context.Context, documentID uint) (stats.Report, error) {
	docs, err := s.statDocuments(ctx, documentID)
	if err != nil {
		return stats.Report{}, err
	}
	where := ""
	if documentID != 0 {
		where = "WHERE document_id = ?"
	}
	return stats.Count(docs, s.statClauses(ctx, where, documentID))
}

// Analyze is the leverage analysis of one statement (documentID) or of
// every statement: the clauses are streamed in import order, those of
// earlier statements too (they make repetitions), and best scores each
// first occurrence against the translation memory.
func (s *Store) Analyze(ctx context.Context, documentID uint, best stats.Matcher) (stats.Analysis, error) {
	docs, err := s.statDocuments(ctx, documentID)
	if err != nil {
		return stats.Analysis{}, err
	}
	where := ""
	if documentID != 0 {
		where = "WHERE document_id <= ?"
	}
	return stats.Analyze(docs, s.statClauses(ctx, where, documentID), best)
}

// statClauses streams clauses in import order (statement by statement in
// the order they were imported, each in reading order).
func (s *Store) statClauses(ctx context.Context, where string, args ...any) iter.Seq2[stats.Clause, error] {
	if where == "" {
		args = nil
	}
	return func(yield func(stats.Clause, error) bool) {
		rows, err := s.r.WithContext(ctx).Raw(`SELECT id, document_id, kind, source, source_key, target, approved_target, status
			FROM clauses `+where+` ORDER BY document_id, position`, args...).Rows()
		if err != nil {
			yield(stats.Clause{}, err)
			return
		}
		defer rows.Close()
		var kind string
		for rows.Next() {
			var c stats.Clause
			if err := rows.Scan(&c.ID, &c.Document, &kind, &c.Source, &c.Key, &c.Target, &c.Approved, &c.Status); err != nil {
				yield(stats.Clause{}, err)
				return
			}
			c.Marker = kind == string(segment.KindHeading)
			if !yield(c, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(stats.Clause{}, err)
		}
	}
}
