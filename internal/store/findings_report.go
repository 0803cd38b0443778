package store

import (
	"context"
	"iter"
	"time"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/exchange"
)

// EachReportLine streams every stored finding of a statement (documentID)
// or of the corpus (0), open and dismissed, as the QA report's lines: in
// statement and clause order, with the clause's number (from 1), Chinese
// and English, and the dismissal. Rows are scanned one at a time: a corpus
// can have millions of findings.
func (s *Store) EachReportLine(ctx context.Context, documentID uint) iter.Seq2[exchange.FindingLine, error] {
	return func(yield func(exchange.FindingLine, error) bool) {
		q := s.r.WithContext(ctx).Table("findings").
			Joins("JOIN clauses ON clauses.id = findings.clause_id").
			Joins("JOIN documents ON documents.id = findings.document_id").
			Joins("LEFT JOIN dismissals ON dismissals.finding_key = findings.finding_key").
			Select("findings.document_id, documents.title, clauses.position, findings.clause_id, clauses.source, clauses.target, findings.data, " +
				"dismissals.author, dismissals.reason, dismissals.created_at").
			Order("findings.document_id, clauses.position, findings.id")
		if documentID != 0 {
			q = q.Where("findings.document_id = ?", documentID)
		}
		rows, err := q.Rows()
		if err != nil {
			yield(exchange.FindingLine{}, err)
			return
		}
		defer rows.Close()
		for rows.Next() {
			var l exchange.FindingLine
			var data string
			var by, why *string
			var at *time.Time
			if err := rows.Scan(&l.DocumentID, &l.DocumentTitle, &l.Clause, &l.ClauseID, &l.Chinese, &l.English, &data, &by, &why, &at); err != nil {
				yield(exchange.FindingLine{}, err)
				return
			}
			var f glossary.Finding
			if err := decodeFinding(data, &f); err != nil {
				yield(exchange.FindingLine{}, err)
				return
			}
			l.Clause++
			l.Kind, l.Severity, l.Message = f.Kind, f.Severity, f.Message
			if by != nil {
				l.DismissedBy, l.DismissedWhy = *by, *why
				if at != nil {
					l.DismissedAt = *at
				}
			}
			if !yield(l, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(exchange.FindingLine{}, err)
		}
	}
}
