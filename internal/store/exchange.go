package store

import (
	"database/sql"
	"fmt"

	"github.com/zhen-workbench/zhen/internal/exchange"
)

// writesEnglish are the history actions that write English: a revision of
// one of them with a non-empty text is a translator's (or reviewer's)
// writing, unlike confirm, submit, approve and reject, which only move the
// status of English already there.
const writesEnglish = "('" + ActionSave + "', '" + ActionRestore + "', '" + ActionSplit + "', '" + ActionMerge + "')"

// historyColumns are four correlated subqueries over a clause's revisions,
// for TMX's metadata (ExportFilter.History): who first wrote English and
// when, and who last wrote the exported English (text) and when, up to the
// version (version) it is exported at. Each is an ordered, limited read of
// the (clause_id, version) unique index, so the export stays one streamed
// query whatever the size of the corpus: no query per clause.
func historyColumns(text, version string, textTimes bool) string {
	first := "FROM revisions r WHERE r.clause_id = clauses.id AND r.action IN " + writesEnglish +
		" AND r.text <> '' AND r.version <= " + version + " ORDER BY r.version LIMIT 1"
	last := "FROM revisions r WHERE r.clause_id = clauses.id AND r.action IN " + writesEnglish +
		" AND r.text <> '' AND r.text = " + text + " AND r.version <= " + version + " ORDER BY r.version DESC LIMIT 1"
	at := "r.created_at"
	if textTimes {
		at = "CAST(r.created_at AS TEXT)"
	}
	return ", (SELECT r.author " + first + "), (SELECT " + at + " " + first + ")" +
		", (SELECT r.author " + last + "), (SELECT " + at + " " + last + ")"
}

// historyColumnsFor are f's history columns: the approved English's
// writer up to the approval, or the newest English's.
func (f ExportFilter) historyColumns(textTimes bool) string {
	if f.Texts == ApprovedTexts {
		return historyColumns("clauses.approved_target", "clauses.approved_version", textTimes)
	}
	return historyColumns("clauses.target", "clauses.version", textTimes)
}

// unitHistory receives the history columns of one row.
type unitHistory struct {
	firstBy, lastBy sql.NullString
	firstAt, lastAt sql.NullTime
	// SQLite: the times as text (see unitColumnsSQLite)
	firstText, lastText sql.RawBytes
}

func (h *unitHistory) dest(textTimes bool) []any {
	if textTimes {
		return []any{&h.firstBy, &h.firstText, &h.lastBy, &h.lastText}
	}
	return []any{&h.firstBy, &h.firstAt, &h.lastBy, &h.lastAt}
}

// apply sets the history's writers and times on u, falling back to the
// clause's own (u.UpdatedBy, u.UpdatedAt) for English that no revision
// records (a numbering marker's, written by the system).
func (h *unitHistory) apply(u *exchange.Unit, textTimes bool) error {
	if textTimes {
		h.firstAt, h.lastAt = sql.NullTime{}, sql.NullTime{}
		for _, p := range []struct {
			b  sql.RawBytes
			to *sql.NullTime
		}{{h.firstText, &h.firstAt}, {h.lastText, &h.lastAt}} {
			if p.b == nil {
				continue
			}
			t, err := parseTime(p.b)
			if err != nil {
				return fmt.Errorf("a revision's time: %w", err)
			}
			*p.to = sql.NullTime{Time: t, Valid: true}
		}
	}
	u.CreatedBy, u.CreatedAt = u.UpdatedBy, u.UpdatedAt
	u.ChangedBy, u.ChangedAt = u.UpdatedBy, u.UpdatedAt
	if h.firstBy.Valid && h.firstAt.Valid {
		u.CreatedBy, u.CreatedAt = h.firstBy.String, h.firstAt.Time.UTC()
	}
	if h.lastBy.Valid && h.lastAt.Valid {
		u.ChangedBy, u.ChangedAt = h.lastBy.String, h.lastAt.Time.UTC()
	}
	return nil
}

// approval sets u's approver and time when the exported English is the
// approved English (c is the clause after Texts.choose).
func approval(u *exchange.Unit, c *Clause) {
	if c.ApprovedTarget == "" || c.Target != c.ApprovedTarget || c.Status != StatusApproved {
		return
	}
	u.ApprovedBy = c.ApprovedBy
	if c.ApprovedAt != nil {
		u.ApprovedAt = c.ApprovedAt.UTC()
	}
}
