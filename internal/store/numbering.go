package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/numbering"
	"github.com/zhen-workbench/zhen/internal/segment"
)

// Numbering markers
//
// A clause of kind heading (一、 （一） 一 1. （1）) gets its English from its
// statement's numbering style (internal/numbering) when it is imported, when
// the statement's style changes, and when the corpus default changes for the
// statements that follow it. The system writes it: the author is
// NumberingAuthor, the history row's origin NumberingOrigin, and the text is
// approved at once. English a person wrote into a heading clause is theirs:
// a style change rewrites only a heading clause whose English was written
// by NumberingAuthor, or that has none (and no approved English but the
// system's). A marker internal/numbering does not know is left as it is,
// for the translator: it keeps kind heading, gets no English and no status
// change.
const (
	NumberingAuthor = auth.SystemName // who writes a marker's English: no user may have the name
	NumberingOrigin = "numbering"     // the origin of its history rows

	// SettingNumberingStyle is the corpus default numbering style.
	SettingNumberingStyle = "numbering_style"
)

// Setting is one corpus setting.
type Setting struct {
	Name  string `gorm:"primaryKey;size:64"`
	Value string `gorm:"not null;default:''"`
}

func (Setting) TableName() string { return "settings" }

// CorpusSettings are the corpus's settings, with their defaults filled in.
type CorpusSettings struct {
	NumberingStyle string `json:"numbering_style"` // the style of the statements without one of their own
	TargetLanguage string `json:"target_language"` // the corpus's English: en-GB, en-US or en (language.go)
}

// Settings reads the corpus settings.
func (s *Store) Settings(ctx context.Context) (CorpusSettings, error) {
	st, err := corpusNumberingStyle(s.r.WithContext(ctx))
	if err != nil {
		return CorpusSettings{}, err
	}
	lang, err := corpusTargetLanguage(s.r.WithContext(ctx))
	return CorpusSettings{NumberingStyle: string(st), TargetLanguage: lang}, err
}

func corpusNumberingStyle(tx *gorm.DB) (numbering.Style, error) {
	var v []string
	if err := tx.Model(&Setting{}).Where("name = ?", SettingNumberingStyle).Pluck("value", &v).Error; err != nil {
		return "", err
	}
	if len(v) == 0 || !numbering.Valid(v[0]) {
		return numbering.Default, nil
	}
	return numbering.Style(v[0]), nil
}

// CheckNumberingStyle refuses a numbering style that does not exist (""
// only where empty is allowed: a statement that follows the corpus
// default), as a *fault.Invalid of field numbering_style.
func CheckNumberingStyle(style string, empty bool) error {
	if numbering.Valid(style) || empty && style == "" {
		return nil
	}
	names := make([]string, len(numbering.Styles))
	for i, st := range numbering.Styles {
		names[i] = string(st)
	}
	also := ""
	if empty {
		also = `, or "" for the corpus default`
	}
	return fault.Invalidf("numbering_style", "%q is not a numbering style: use %s%s", style, strings.Join(names, ", "), also)
}

// Renumbered is what a change of numbering style did.
type Renumbered struct {
	Clauses []uint // the heading clauses whose English changed
}

// SetCorpusSettings changes the corpus settings: the default numbering
// style, which rewrites the markers of every statement without a style of
// its own, in one transaction. actor is recorded in the audit log and in
// the history rows' comment.
func (s *Store) SetCorpusSettings(ctx context.Context, cs CorpusSettings, actor string) (CorpusSettings, Renumbered, error) {
	if err := CheckNumberingStyle(cs.NumberingStyle, false); err != nil {
		return CorpusSettings{}, Renumbered{}, err
	}
	var out Renumbered
	err := s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		old, err := corpusNumberingStyle(tx)
		if err != nil {
			return err
		}
		if err := tx.Where("name = ?", SettingNumberingStyle).Delete(&Setting{}).Error; err != nil {
			return err
		}
		if err := tx.Create(&Setting{Name: SettingNumberingStyle, Value: cs.NumberingStyle}).Error; err != nil {
			return err
		}
		if string(old) != cs.NumberingStyle {
			if err := audit(tx, actor, "change_setting", SettingNumberingStyle, string(old)+" → "+cs.NumberingStyle); err != nil {
				return err
			}
		}
		out.Clauses, err = renumber(tx, s.Dialect == "postgres", actor, "documents.numbering_style = ''")
		return err
	})
	if err != nil {
		return CorpusSettings{}, Renumbered{}, err
	}
	return cs, out, nil
}

// SetNumberingStyle changes a statement's numbering style ("" = the corpus
// default) and rewrites its markers' English, in one transaction.
func (s *Store) SetNumberingStyle(ctx context.Context, documentID uint, style, actor string) (DocumentSummary, Renumbered, error) {
	if err := CheckNumberingStyle(style, true); err != nil {
		return DocumentSummary{}, Renumbered{}, err
	}
	var out Renumbered
	err := s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&Document{}).Where("id = ?", documentID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return fault.Missing("document", documentID)
		}
		if err := tx.Model(&Document{}).Where("id = ?", documentID).Update("numbering_style", style).Error; err != nil {
			return err
		}
		var err error
		out.Clauses, err = renumber(tx, s.Dialect == "postgres", actor, "clauses.document_id = ?", documentID)
		return err
	})
	if err != nil {
		return DocumentSummary{}, Renumbered{}, err
	}
	d, err := s.GetDocument(ctx, documentID)
	return d, out, err
}

// numberNew gives the new heading clauses whose marker internal/numbering
// knows their English in style, approved, as the system's version 1 (the
// import then records it with recordNumbered). It says how many it gave.
func numberNew(clauses []Clause, style numbering.Style) int {
	n := 0
	for i := range clauses {
		c := &clauses[i]
		if c.Kind != string(segment.KindHeading) {
			continue
		}
		en, ok := numbering.English(c.Source, style)
		if !ok {
			continue
		}
		at := c.CreatedAt
		c.Target, c.Status, c.Version, c.UpdatedBy, c.UpdatedAt = en, StatusApproved, 1, NumberingAuthor, at
		c.ApprovedTarget, c.ApprovedVersion, c.ApprovedBy, c.ApprovedAt = en, 1, NumberingAuthor, &at
		n++
	}
	return n
}

// recordNumbered writes the history rows of the n markers numberNew gave
// English to in a new document.
func recordNumbered(tx *gorm.DB, postgres bool, documentID uint, n int, style numbering.Style) error {
	if n == 0 {
		return nil
	}
	var rows []struct {
		ID        uint
		Target    string
		CreatedAt time.Time
	}
	if err := tx.Model(&Clause{}).Select("id, target, created_at").
		Where("document_id = ? AND kind = ? AND updated_by = ?", documentID, string(segment.KindHeading), NumberingAuthor).
		Order("id").Scan(&rows).Error; err != nil {
		return err
	}
	comment := styleComment(style, "")
	return insertRows(tx, postgres, "revisions", revisionColumns, len(rows), func(i int, args []any) []any {
		r := &rows[i]
		return append(args, r.ID, 1, ActionApprove, r.Target, comment, NumberingAuthor, NumberingOrigin, r.CreatedAt)
	})
}

var revisionColumns = []string{"clause_id", "version", "action", "text", "comment", "author", "origin", "created_at"}

func styleComment(style numbering.Style, actor string) string {
	if actor == "" {
		return fmt.Sprintf("numbering marker in the %s style", style)
	}
	return fmt.Sprintf("numbering marker in the %s style (set by %s)", style, actor)
}

// renumber writes the English of the heading clauses that where (a
// condition on clauses and documents, with args) selects, each in its
// statement's numbering style or else the corpus default: as the system's
// approved text, with a history row, where the system wrote the English, or
// where there is none and no approved English but the system's. It returns
// the clauses it changed.
func renumber(tx *gorm.DB, postgres bool, actor, where string, args ...any) ([]uint, error) {
	corpus, err := corpusNumberingStyle(tx)
	if err != nil {
		return nil, err
	}
	q := "SELECT " + clauseColumns + ", documents.numbering_style FROM clauses JOIN documents ON documents.id = clauses.document_id " +
		"WHERE clauses.kind = ? AND (clauses.updated_by = ? OR (clauses.target = '' AND (clauses.approved_target = '' OR clauses.approved_by = ?))) AND " + where +
		" ORDER BY clauses.id"
	if postgres {
		q += " FOR UPDATE OF clauses"
	}
	rows, err := tx.Raw(q, append([]any{string(segment.KindHeading), NumberingAuthor, NumberingAuthor}, args...)...).Rows()
	if err != nil {
		return nil, err
	}
	type change struct {
		c     Clause
		style numbering.Style
	}
	var changes []change
	for rows.Next() {
		var c Clause
		var docStyle string
		if err := scanClause(rows, &c, &docStyle); err != nil {
			rows.Close()
			return nil, err
		}
		style := corpus
		if numbering.Valid(docStyle) {
			style = numbering.Style(docStyle)
		}
		en, ok := numbering.English(c.Source, style)
		if !ok || c.Target == en && c.ApprovedTarget == en && c.Status == StatusApproved {
			continue
		}
		c.Target = en
		changes = append(changes, change{c, style})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(changes) == 0 {
		return nil, nil
	}
	at := now()
	pool, ctx := tx.Statement.ConnPool, tx.Statement.Context
	update := "UPDATE clauses SET target = ?, status = ?, version = ?, updated_by = ?, updated_at = ?, " +
		"approved_target = ?, approved_version = ?, approved_by = ?, approved_at = ? WHERE id = ?"
	if postgres {
		var b strings.Builder
		n := 0
		for _, r := range update {
			if r == '?' {
				n++
				b.WriteString("$" + strconv.Itoa(n))
			} else {
				b.WriteRune(r)
			}
		}
		update = b.String()
	}
	stmt, err := pool.PrepareContext(ctx, update)
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	ids := make([]uint, len(changes))
	for i, ch := range changes {
		c := &ch.c
		v := c.Version + 1
		if _, err := stmt.ExecContext(ctx, c.Target, StatusApproved, v, NumberingAuthor, at, c.Target, v, NumberingAuthor, at, c.ID); err != nil {
			return nil, err
		}
		changes[i].c.Version, ids[i] = v, c.ID
	}
	err = insertRows(tx, postgres, "revisions", revisionColumns, len(changes), func(i int, args []any) []any {
		c := &changes[i].c
		return append(args, c.ID, c.Version, ActionApprove, c.Target, styleComment(changes[i].style, actor), NumberingAuthor, NumberingOrigin, at)
	})
	return ids, err
}

// migrateNumbering adds the statements' numbering style and the corpus
// settings, and gives the heading clauses of an existing corpus that have
// no English theirs in the arabic style (the default; no corpus has another yet), as
// the system's approved text with a history row. Its SQL names only the
// columns of the schema as it was then.
func migrateNumbering(tx *gorm.DB) error {
	for _, q := range []string{
		"ALTER TABLE documents ADD COLUMN numbering_style VARCHAR(16) NOT NULL DEFAULT ''",
		"CREATE TABLE settings (name VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL DEFAULT '')",
	} {
		if err := tx.Exec(q).Error; err != nil {
			return err
		}
	}
	var markers []struct {
		ID      uint
		Source  string
		Version int
	}
	if err := tx.Raw("SELECT id, source, version FROM clauses WHERE kind = 'heading' AND target = '' AND approved_target = '' ORDER BY id").
		Scan(&markers).Error; err != nil {
		return err
	}
	at := now()
	comment := styleComment(numbering.Arabic, "")
	for _, m := range markers {
		en, ok := numbering.English(m.Source, numbering.Arabic)
		if !ok {
			continue
		}
		v := m.Version + 1
		if err := tx.Exec(`UPDATE clauses SET target = ?, status = 'approved', version = ?, updated_by = ?, updated_at = ?,
			approved_target = ?, approved_version = ?, approved_by = ?, approved_at = ? WHERE id = ?`,
			en, v, NumberingAuthor, at, en, v, NumberingAuthor, at, m.ID).Error; err != nil {
			return err
		}
		if err := tx.Exec(`INSERT INTO revisions (clause_id, version, action, text, comment, author, origin, created_at)
			VALUES (?, ?, 'approve', ?, ?, ?, ?, ?)`, m.ID, v, en, comment, NumberingAuthor, NumberingOrigin, at).Error; err != nil {
			return err
		}
	}
	return nil
}

// Numbered says whether the clause is a numbering marker whose English the
// system wrote: the checks leave it alone (it never has findings, and it
// is in no group of the same Chinese translated differently).
func (c Clause) Numbered() bool {
	return c.Kind == string(segment.KindHeading) && c.UpdatedBy == NumberingAuthor
}

// notNumbered is the SQL condition of clauses that are not Numbered.
const notNumbered = "NOT (clauses.kind = 'heading' AND clauses.updated_by = '" + NumberingAuthor + "')"
