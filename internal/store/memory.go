package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"iter"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/zhen-workbench/zhen/glossary"
)

// TMUnit is a Chinese–English pair kept as translation memory: imported
// from another tool's TMX, whether or not a clause here has that Chinese.
type TMUnit struct {
	ID         uint      `gorm:"primaryKey" json:"id"`
	Source     string    `gorm:"not null" json:"source"`
	SourceKey  string    `gorm:"not null;index" json:"-"`
	Target     string    `gorm:"not null" json:"target"`
	PairHash   string    `gorm:"size:64;not null;uniqueIndex" json:"-"` // of SourceKey and Target: each pair once (an index on long texts would not fit PostgreSQL's limit)
	Origin     string    `gorm:"not null;default:''" json:"origin"`     // the file it came from
	ImportedBy string    `gorm:"not null" json:"imported_by"`
	CreatedAt  time.Time `gorm:"not null" json:"created_at"`
}

// MemoryResult counts what ImportMemory did.
type MemoryResult struct {
	Units     int `json:"units"`     // pairs in the file
	Stored    int `json:"stored"`    // new in the translation memory (the others were there already)
	Filled    int `json:"filled"`    // clauses without English that got it, as drafts
	Kept      int `json:"kept"`      // clauses with the same Chinese but other English, left as they were
	Unmatched int `json:"unmatched"` // pairs whose Chinese is in no clause
	// MarkerPairs are the pairs whose Chinese is a numbering marker and a
	// sentence that matched the sentence after that marker (markerpairs.go).
	MarkerPairs int `json:"marker_pairs"`
}

// ImportMemory stores pairs as translation memory and, unless memoryOnly,
// gives their English, as a draft, to every clause with the same Chinese
// (after normalisation) that has no English yet. English a translator
// already wrote is never replaced by a memory. All or nothing.
func (s *Store) ImportMemory(ctx context.Context, pairs []SourcePair, origin, author string, memoryOnly bool) (MemoryResult, error) {
	res := MemoryResult{Units: len(pairs)}
	for i, p := range pairs {
		if err := CheckTarget(normalizeTarget(p.Target)); err != nil {
			return res, fmt.Errorf("unit %d: %w", i+1, err)
		}
	}
	err := s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		t := now()
		for _, p := range pairs {
			key, target := glossary.Normalize(p.Source), normalizeTarget(p.Target)
			if key == "" || target == "" {
				continue
			}
			source := p.Source
			sp, split := splitMarkerPair(p)
			if split {
				// Zhen never has a marker in a sentence clause: the memory
				// keeps the sentence and its English without numbering.
				source, key, target = sp.sentence, sp.key, normalizeTarget(sp.target)
			}
			sum := sha256.Sum256([]byte(key + "\x00" + target))
			u := TMUnit{Source: source, SourceKey: key, Target: target, PairHash: hex.EncodeToString(sum[:]), Origin: origin, ImportedBy: author, CreatedAt: t}
			r := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&u)
			if r.Error != nil {
				return r.Error
			}
			res.Stored += int(r.RowsAffected)
			if memoryOnly {
				continue
			}
			n, err := giveSameSource(tx, p, author, "tmx", func(c Clause, _ string) bool {
				if c.Target != "" {
					res.Kept++
					return false
				}
				return true
			})
			if err != nil {
				return err
			}
			if n < 0 && split {
				if n, err = giveAfterMarker(tx, sp, author, "tmx", func(c Clause, _ string) bool {
					if c.Target != "" {
						res.Kept++
						return false
					}
					return true
				}); err != nil {
					return err
				}
				if n >= 0 {
					res.MarkerPairs++
				}
			}
			if n < 0 {
				res.Unmatched++
			} else {
				res.Filled += n
			}
		}
		return nil
	})
	if err != nil {
		return MemoryResult{}, err
	}
	return res, nil
}

// ClauseEdit is new English for a clause from a file that was exported
// from Zhen (CSV, XLIFF) and edited elsewhere.
type ClauseEdit struct {
	Line     int       // where in the file, for messages
	ClauseID uint      //
	Source   string    // the Chinese the file has, to catch a file from another database
	Target   string    // "" = the file has no English for it: left alone
	Version  int       // the clause version the file was exported at; 0 = unknown
	Since    time.Time // the time of the English the file was exported with; zero = unknown
}

// EditConflict is a clause that changed in Zhen after the file was
// exported: the file's English is not applied.
type EditConflict struct {
	Line      int       `json:"line"`
	ClauseID  uint      `json:"clause_id"`
	Theirs    string    `json:"theirs"` // the English in Zhen now
	Yours     string    `json:"yours"`  // the English in the file
	ChangedBy string    `json:"changed_by"`
	ChangedAt time.Time `json:"changed_at"`
}

// EditResult counts what ApplyClauseEdits did.
type EditResult struct {
	Updated   int            `json:"updated"`   // clauses that got a new revision
	Unchanged int            `json:"unchanged"` // rows with the English Zhen has, or none
	Conflicts []EditConflict `json:"conflicts"` // not applied: changed in Zhen since the export
}

// ApplyClauseEdits applies English by clause id, each as a new revision.
// A clause that changed in Zhen since the export (a newer version, or a
// history row newer than Since) is reported as a conflict and keeps its
// English. A row naming a clause that is not here, or whose Chinese is not
// that clause's, stops the whole import: the file is not from this database.
func (s *Store) ApplyClauseEdits(ctx context.Context, edits []ClauseEdit, author, origin string) (EditResult, error) {
	res := EditResult{Conflicts: []EditConflict{}}
	for _, e := range edits {
		if err := CheckTarget(normalizeTarget(e.Target)); err != nil {
			return res, &LineError{e.Line, err.Error()}
		}
	}
	err := s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, e := range edits {
			var c Clause
			err := tx.Take(&c, e.ClauseID).Error
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return &LineError{e.Line, fmt.Sprintf("there is no clause %d here: was the file exported from another Zhen database?", e.ClauseID)}
			}
			if err != nil {
				return err
			}
			if e.Source != "" && glossary.Normalize(e.Source) != c.SourceKey {
				return &LineError{e.Line, fmt.Sprintf("clause %d has other Chinese here than in the file: was the file exported from another Zhen database?", e.ClauseID)}
			}
			// Some tools fill untranslated targets with the source: that is
			// not English.
			target := normalizeTarget(e.Target)
			if target == "" || target == c.Target || glossary.Normalize(target) == c.SourceKey {
				res.Unchanged++
				continue
			}
			latest, err := latestChange(tx, c.ID)
			if err != nil {
				return err
			}
			// The file's times carry microseconds: compare at that precision.
			if e.Version > 0 && e.Version != c.Version || !e.Since.IsZero() && latest.Truncate(time.Microsecond).After(e.Since) {
				res.Conflicts = append(res.Conflicts, EditConflict{Line: e.Line, ClauseID: c.ID, Theirs: c.Target, Yours: target, ChangedBy: c.UpdatedBy, ChangedAt: latest})
				continue
			}
			if _, err := saveTx(tx, c.ID, target, c.Version, author, origin); err != nil {
				return err
			}
			res.Updated++
		}
		return nil
	})
	if err != nil {
		return EditResult{}, err
	}
	return res, nil
}

// latestChange is the time of a clause's newest history row (zero if none).
func latestChange(tx *gorm.DB, clauseID uint) (time.Time, error) {
	var r Revision
	err := tx.Where("clause_id = ?", clauseID).Order("version DESC").Limit(1).Find(&r).Error
	return r.CreatedAt, err
}

// LineError is a problem with one row or unit of an imported file.
type LineError struct {
	Line int
	Msg  string
}

func (e *LineError) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// Assignment is English for one clause from an accepted alignment.
type Assignment struct {
	ClauseID uint   `json:"clause_id"`
	English  string `json:"english"`
}

// AlignResult counts what ApplyAlignment did.
type AlignResult struct {
	Updated int `json:"updated"` // clauses that got the English as a draft
	Kept    int `json:"kept"`    // clauses that had English already: left as they were
}

// ApplyAlignment stores accepted alignment pairs of a document as drafts,
// all or nothing. Clauses that have English keep it: an aligned version
// fills gaps, it does not replace a translator's work. Every clause must
// belong to the document, and appear once.
func (s *Store) ApplyAlignment(ctx context.Context, documentID uint, as []Assignment, author string) (AlignResult, error) {
	var res AlignResult
	seen := map[uint]bool{}
	for i, a := range as {
		if seen[a.ClauseID] {
			return res, &LineError{0, fmt.Sprintf("pair %d: clause %d is in two pairs", i+1, a.ClauseID)}
		}
		seen[a.ClauseID] = true
		if err := CheckTarget(normalizeTarget(a.English)); err != nil {
			return res, &LineError{0, fmt.Sprintf("pair %d: %v", i+1, err)}
		}
	}
	err := s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for i, a := range as {
			var c Clause
			if err := tx.Where("id = ? AND document_id = ?", a.ClauseID, documentID).Take(&c).Error; errors.Is(err, gorm.ErrRecordNotFound) {
				return &LineError{0, fmt.Sprintf("pair %d: clause %d is not in document %d", i+1, a.ClauseID, documentID)}
			} else if err != nil {
				return err
			}
			target := normalizeTarget(a.English)
			if c.Target != "" || target == "" {
				res.Kept++
				continue
			}
			if _, err := saveTx(tx, c.ID, target, c.Version, author, "align"); err != nil {
				return err
			}
			res.Updated++
		}
		return nil
	})
	if err != nil {
		return AlignResult{}, err
	}
	return res, nil
}

// MemorySource is one pair of the translation memory: approved English of a
// clause, or an imported unit.
type MemorySource struct {
	ClauseID uint // 0 for an imported unit
	UnitID   uint // 0 for a clause
	Source   string
	Target   string
}

// MemorySources streams every pair the translation memory holds: approved
// clauses and imported units.
func (s *Store) MemorySources(ctx context.Context) iter.Seq2[MemorySource, error] {
	return func(yield func(MemorySource, error) bool) {
		rows, err := s.r.WithContext(ctx).Raw(`SELECT id, 0, source, approved_target FROM clauses WHERE approved_target <> ''
			UNION ALL SELECT 0, id, source, target FROM tm_units`).Rows()
		if err != nil {
			yield(MemorySource{}, err)
			return
		}
		defer rows.Close()
		for rows.Next() {
			var m MemorySource
			if err := rows.Scan(&m.ClauseID, &m.UnitID, &m.Source, &m.Target); err != nil {
				yield(MemorySource{}, err)
				return
			}
			if !yield(m, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(MemorySource{}, err)
		}
	}
}

// MemoryGeneration changes whenever what MemorySources returns may have:
// every approval adds a history row, as does every split or merge (which
// drops an approval), and every import adds units.
func (s *Store) MemoryGeneration(ctx context.Context) (string, error) {
	var g struct{ Revs, Units int64 }
	err := s.r.WithContext(ctx).Raw("SELECT (SELECT COALESCE(MAX(id), 0) FROM revisions WHERE action IN ('approve', 'split', 'merge')) AS revs, (SELECT COUNT(*) FROM tm_units) AS units").Scan(&g).Error
	return fmt.Sprintf("%d:%d", g.Revs, g.Units), err
}
