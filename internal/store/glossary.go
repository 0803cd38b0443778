package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/zhen-workbench/zhen/internal/fault"
	"iter"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/usertext"
)

// GlossaryEntry is the stored form of a glossary.Entry.
type GlossaryEntry struct {
	ID            uint      `gorm:"primaryKey"`
	ZH            string    `gorm:"column:zh;not null"`
	ZHKey         string    `gorm:"column:zh_key;not null;uniqueIndex"` // glossary.Normalize(ZH): one entry per term
	EN            string    `gorm:"column:en;not null"`
	Variants      string    `gorm:"not null;default:'[]'"` // JSON array
	Forbidden     string    `gorm:"not null;default:'[]'"` // JSON array
	POS           string    `gorm:"column:pos;not null;default:''"`
	Note          string    `gorm:"not null;default:''"`
	Status        string    `gorm:"size:16;not null"`
	CaseSensitive bool      `gorm:"not null;default:false"`
	Version       int       `gorm:"not null;default:1"`
	UpdatedBy     string    `gorm:"not null;default:''"`
	UpdatedAt     time.Time `gorm:"not null"`
	CreatedAt     time.Time `gorm:"not null"`
}

// GlossaryChange is one line of the glossary's history: what an entry
// looked like after a change (or before its deletion), who did it and when.
type GlossaryChange struct {
	ID        uint      `gorm:"primaryKey" json:"id"`
	EntryID   uint      `gorm:"not null;index" json:"entry_id"` // no foreign key: history outlives deleted entries
	Action    string    `gorm:"size:16;not null" json:"action"` // created, updated, deleted, imported
	Snapshot  string    `gorm:"not null" json:"-"`
	Author    string    `gorm:"not null" json:"author"`
	CreatedAt time.Time `gorm:"not null" json:"created_at"`
	Entry     *Term     `gorm:"-" json:"entry"`
}

// Term is a glossary entry as the API shows it.
type Term struct {
	glossary.Entry
	Version   int       `json:"version"`
	UpdatedBy string    `json:"updated_by"`
	UpdatedAt time.Time `json:"updated_at"`
}

func (e GlossaryEntry) term() Term {
	t := Term{Entry: glossary.Entry{ID: e.ID, ZH: e.ZH, EN: e.EN, POS: e.POS, Note: e.Note, Status: e.Status, CaseSensitive: e.CaseSensitive},
		Version: e.Version, UpdatedBy: e.UpdatedBy, UpdatedAt: e.UpdatedAt}
	json.Unmarshal([]byte(e.Variants), &t.Variants)
	json.Unmarshal([]byte(e.Forbidden), &t.Forbidden)
	if t.Variants == nil {
		t.Variants = []string{}
	}
	if t.Forbidden == nil {
		t.Forbidden = []string{}
	}
	return t
}

// CleanEntry trims an entry and checks it; it is what every write goes
// through, and what a dry run checks.
func CleanEntry(e glossary.Entry) (glossary.Entry, error) {
	e.ZH, e.EN = strings.TrimSpace(e.ZH), strings.TrimSpace(e.EN)
	e.POS, e.Note, e.Status = strings.TrimSpace(e.POS), strings.TrimSpace(e.Note), strings.TrimSpace(e.Status)
	e.Variants, e.Forbidden = cleanList(e.Variants), cleanList(e.Forbidden)
	if e.Status == "" {
		e.Status = glossary.StatusApproved
	}
	switch {
	case e.ZH == "":
		return e, &fault.Invalid{Field: "entry", Reason: "the Chinese term is empty"}
	case e.EN == "":
		return e, &fault.Invalid{Field: "entry", Reason: "the approved English is empty"}
	case !glossary.ValidStatus(e.Status):
		return e, fault.Invalidf("entry", "status %q is not one of proposed, approved, deprecated", e.Status)
	}
	// The rule for written text: terms are one line each, the note may have
	// several.
	type field struct {
		name string
		s    string
		r    usertext.Rule
	}
	line, text := usertext.Rule{Max: MaxTargetLen}, usertext.Rule{Max: MaxTargetLen, Multiline: true}
	fields := []field{{"the Chinese term", e.ZH, line}, {"the English", e.EN, line}, {"the part of speech", e.POS, line}, {"the note", e.Note, text}}
	for i, v := range e.Variants {
		fields = append(fields, field{fmt.Sprintf("variant %d", i+1), v, line})
	}
	for i, f := range e.Forbidden {
		fields = append(fields, field{fmt.Sprintf("forbidden rendering %d", i+1), f, line})
	}
	for _, f := range fields {
		if err := usertext.Check(f.name, f.s, f.r); err != nil {
			return e, &fault.Invalid{Field: "entry", Reason: err.Error()}
		}
	}
	for _, f := range e.Forbidden {
		if strings.EqualFold(f, e.EN) {
			return e, fault.Invalidf("entry", "%q cannot be both the approved English and forbidden", f)
		}
	}
	return e, nil
}

func cleanList(in []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func toRow(e glossary.Entry) GlossaryEntry {
	v, _ := json.Marshal(e.Variants)
	f, _ := json.Marshal(e.Forbidden)
	return GlossaryEntry{ID: e.ID, ZH: e.ZH, ZHKey: glossary.Normalize(e.ZH), EN: e.EN, Variants: string(v), Forbidden: string(f),
		POS: e.POS, Note: e.Note, Status: e.Status, CaseSensitive: e.CaseSensitive}
}

func recordChange(tx *gorm.DB, row GlossaryEntry, action, author string) error {
	snap, _ := json.Marshal(row.term())
	return tx.Create(&GlossaryChange{EntryID: row.ID, Action: action, Snapshot: string(snap), Author: author, CreatedAt: row.UpdatedAt}).Error
}

// ListTerms returns entries whose Chinese, English, variants or note contain
// q (all when q is empty), ordered by Chinese term.
func (s *Store) ListTerms(ctx context.Context, q string) ([]Term, error) {
	db := s.r.WithContext(ctx).Model(&GlossaryEntry{})
	if q = strings.TrimSpace(q); q != "" {
		like := "%" + likeEscape(strings.ToLower(q)) + "%"
		key := "%" + likeEscape(glossary.Normalize(q)) + "%"
		db = db.Where(`zh_key LIKE ? ESCAPE '\' OR LOWER(en) LIKE ? ESCAPE '\' OR LOWER(variants) LIKE ? ESCAPE '\' OR LOWER(note) LIKE ? ESCAPE '\'`, key, like, like, like)
	}
	var rows []GlossaryEntry
	if err := db.Order("zh_key").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Term, len(rows))
	for i, r := range rows {
		out[i] = r.term()
	}
	return out, nil
}

// Terms streams every entry, for exports and the checker.
func (s *Store) Terms(ctx context.Context) iter.Seq2[glossary.Entry, error] {
	return func(yield func(glossary.Entry, error) bool) {
		terms, err := s.ListTerms(ctx, "")
		if err != nil {
			yield(glossary.Entry{}, err)
			return
		}
		for _, t := range terms {
			if !yield(t.Entry, nil) {
				return
			}
		}
	}
}

// TermIDs maps each entry's normalised Chinese to its id, reading only
// those two columns: what pages of candidates need to say which terms are
// in the glossary now.
func (s *Store) TermIDs(ctx context.Context) (map[string]uint, error) {
	var rows []struct {
		ID    uint
		ZHKey string `gorm:"column:zh_key"`
	}
	if err := s.r.WithContext(ctx).Model(&GlossaryEntry{}).Select("id", "zh_key").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[string]uint, len(rows))
	for _, r := range rows {
		out[r.ZHKey] = r.ID
	}
	return out, nil
}

// GetTerm returns one entry.
func (s *Store) GetTerm(ctx context.Context, id uint) (Term, error) {
	var row GlossaryEntry
	err := s.r.WithContext(ctx).Take(&row, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Term{}, fault.Missing("glossary entry", id)
	}
	return row.term(), err
}

// CreateTerm adds an entry; a second entry for the same Chinese term (after
// normalisation) is refused.
func (s *Store) CreateTerm(ctx context.Context, e glossary.Entry, author string) (Term, error) {
	e, err := CleanEntry(e)
	if err != nil {
		return Term{}, err
	}
	row := toRow(e)
	row.ID, row.Version, row.UpdatedBy = 0, 1, author
	row.CreatedAt, row.UpdatedAt = now(), now()
	err = s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			if errors.Is(err, gorm.ErrDuplicatedKey) {
				return fault.Invalidf("entry", "%s is already in the glossary", e.ZH)
			}
			return err
		}
		return recordChange(tx, row, "created", author)
	})
	return row.term(), err
}

// UpdateTerm replaces an entry, provided version is still its newest; a
// stale write gets a *fault.Conflict holding the newer entry.
func (s *Store) UpdateTerm(ctx context.Context, id uint, e glossary.Entry, version int, author string) (Term, error) {
	e, err := CleanEntry(e)
	if err != nil {
		return Term{}, err
	}
	row := toRow(e)
	var out Term
	err = s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		t := now()
		res := tx.Model(&GlossaryEntry{}).Where("id = ? AND version = ?", id, version).Updates(map[string]any{
			"zh": row.ZH, "zh_key": row.ZHKey, "en": row.EN, "variants": row.Variants, "forbidden": row.Forbidden, "pos": row.POS,
			"note": row.Note, "status": row.Status, "case_sensitive": row.CaseSensitive, "version": gorm.Expr("version + 1"),
			"updated_by": author, "updated_at": t,
		})
		if res.Error != nil {
			if errors.Is(res.Error, gorm.ErrDuplicatedKey) {
				return fault.Invalidf("entry", "%s is already in the glossary", e.ZH)
			}
			return res.Error
		}
		var cur GlossaryEntry
		if err := tx.Take(&cur, id).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return fault.Missing("glossary entry", id)
			}
			return err
		}
		if res.RowsAffected == 0 {
			return termConflict(cur.term())
		}
		out = cur.term()
		return recordChange(tx, cur, "updated", author)
	})
	return out, err
}

// CheckTermChange refuses, as CreateTerm (id 0) or UpdateTerm would, a
// term already in the glossary under another entry, a missing entry or a
// stale version, and returns the entry as it would be stored; it changes
// nothing (a dry run answers as the change would).
func (s *Store) CheckTermChange(ctx context.Context, id uint, e glossary.Entry, version int) (glossary.Entry, error) {
	e, err := CleanEntry(e)
	if err != nil {
		return e, err
	}
	db := s.r.WithContext(ctx)
	var taken int64
	if err := db.Model(&GlossaryEntry{}).Where("zh_key = ? AND id <> ?", glossary.Normalize(e.ZH), id).Count(&taken).Error; err != nil {
		return e, err
	}
	if taken > 0 {
		return e, fault.Invalidf("entry", "%s is already in the glossary", e.ZH)
	}
	if id == 0 {
		return e, nil
	}
	var cur GlossaryEntry
	if err := db.Take(&cur, id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return e, fault.Missing("glossary entry", id)
		}
		return e, err
	}
	if cur.Version != version {
		return e, termConflict(cur.term())
	}
	return e, nil
}

// termConflict says an entry changed since the writer read it.
func termConflict(t Term) error {
	return &fault.Conflict{Current: t, Message: fmt.Sprintf("%s was changed by %s since you opened it (now version %d): compare and save again", t.ZH, orUnknown(t.UpdatedBy), t.Version)}
}

// DeleteTerm removes an entry; its history stays.
func (s *Store) DeleteTerm(ctx context.Context, id uint, author string) error {
	return s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row GlossaryEntry
		if err := tx.Take(&row, id).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return fault.Missing("glossary entry", id)
			}
			return err
		}
		if err := tx.Delete(&GlossaryEntry{}, id).Error; err != nil {
			return err
		}
		row.UpdatedAt = now()
		return recordChange(tx, row, "deleted", author)
	})
}

// TermHistory returns an entry's changes, newest first.
func (s *Store) TermHistory(ctx context.Context, id uint) ([]GlossaryChange, error) {
	var out []GlossaryChange
	if err := s.r.WithContext(ctx).Where("entry_id = ?", id).Order("id DESC").Find(&out).Error; err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fault.Missing("glossary entry", id)
	}
	for i := range out {
		var t Term
		if json.Unmarshal([]byte(out[i].Snapshot), &t) == nil {
			out[i].Entry = &t
		}
	}
	return out, nil
}

// GlossaryImport counts what ImportTerms did.
type GlossaryImport struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	// The entries created or updated, and their Chinese: what the
	// findings are rechecked for.
	Changed   []uint   `json:"-"`
	ChangedZH []string `json:"-"`
}

// ImportTerms adds or replaces entries by Chinese term, all in one
// transaction: one bad entry and nothing is applied.
func (s *Store) ImportTerms(ctx context.Context, entries []glossary.Entry, author string) (GlossaryImport, error) {
	var res GlossaryImport
	clean := make([]glossary.Entry, len(entries))
	for i, e := range entries {
		c, err := CleanEntry(e)
		if err != nil {
			return res, fmt.Errorf("entry %d (%s): %w", i+1, e.ZH, err)
		}
		clean[i] = c
	}
	err := s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, e := range clean {
			row := toRow(e)
			var cur GlossaryEntry
			err := tx.Where("zh_key = ?", row.ZHKey).Take(&cur).Error
			t := now()
			switch {
			case errors.Is(err, gorm.ErrRecordNotFound):
				row.ID, row.Version, row.UpdatedBy, row.CreatedAt, row.UpdatedAt = 0, 1, author, t, t
				if err := tx.Create(&row).Error; err != nil {
					return err
				}
				res.Created++
				res.Changed, res.ChangedZH = append(res.Changed, row.ID), append(res.ChangedZH, row.ZH)
				if err := recordChange(tx, row, "imported", author); err != nil {
					return err
				}
			case err != nil:
				return err
			default:
				row.ID, row.Version, row.CreatedAt, row.UpdatedBy, row.UpdatedAt = cur.ID, cur.Version, cur.CreatedAt, cur.UpdatedBy, cur.UpdatedAt
				if row == cur {
					res.Unchanged++
					continue
				}
				row.Version, row.UpdatedBy, row.UpdatedAt = cur.Version+1, author, t
				if err := tx.Save(&row).Error; err != nil {
					return err
				}
				res.Updated++
				res.Changed, res.ChangedZH = append(res.Changed, row.ID), append(res.ChangedZH, row.ZH)
				if err := recordChange(tx, row, "imported", author); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return GlossaryImport{}, err
	}
	return res, nil
}

// GlossaryGeneration changes whenever the glossary does (every change adds a
// history row), so a compiled termbase can be cached until it moves.
func (s *Store) GlossaryGeneration(ctx context.Context) (int64, error) {
	var n int64
	err := s.r.WithContext(ctx).Model(&GlossaryChange{}).Select("COALESCE(MAX(id), 0)").Scan(&n).Error
	return n, err
}
