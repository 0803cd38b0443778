package store

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/usertext"
)

// migrateEnglishTitle adds documents.english_title: the title of a
// statement's English document ("" uses the Chinese title).
func migrateEnglishTitle(tx *gorm.DB) error {
	return tx.Exec("ALTER TABLE documents ADD COLUMN english_title TEXT NOT NULL DEFAULT ''").Error
}

// CheckEnglishTitle trims an English title and refuses it unless it is one
// line of at most MaxTitle characters by the rule for written text; ""
// (the Chinese title is used) is allowed.
func CheckEnglishTitle(title string) (string, error) {
	title = strings.TrimSpace(title)
	return title, checkText("the English title", title, usertext.Rule{Max: MaxTitle})
}

// SetEnglishTitle changes the title of a statement's English document (""
// = its Chinese title).
func (s *Store) SetEnglishTitle(ctx context.Context, id uint, title string) (DocumentSummary, error) {
	title, err := CheckEnglishTitle(title)
	if err != nil {
		return DocumentSummary{}, err
	}
	res := s.w.WithContext(ctx).Model(&Document{}).Where("id = ?", id).Update("english_title", title)
	if res.Error != nil {
		return DocumentSummary{}, res.Error
	}
	if res.RowsAffected == 0 {
		return DocumentSummary{}, fault.Missing("document", id)
	}
	return s.GetDocument(ctx, id)
}
