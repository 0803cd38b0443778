package store

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/internal/fault"
)

// SettingTargetLanguage is the corpus's English: the language tag every
// export writes (TMX and XLIFF target xml:lang, XLIFF target-language, the
// TBX glossary's English) and every import compares the file's with.
const SettingTargetLanguage = "target_language"

// TargetLanguages are the English variants a corpus may be in; the first
// is the default, the spelling of the demo glossary ("Organisation").
var TargetLanguages = []string{"en-GB", "en-US", "en"}

// DefaultTargetLanguage is the target language of a corpus that never set one.
const DefaultTargetLanguage = "en-GB"

// CheckTargetLanguage refuses a target language that is not one of
// TargetLanguages, as a *fault.Invalid of field target_language.
func CheckTargetLanguage(lang string) error {
	for _, l := range TargetLanguages {
		if lang == l {
			return nil
		}
	}
	return fault.Invalidf(SettingTargetLanguage, "%q is not a target language: use %s", lang, strings.Join(TargetLanguages, ", "))
}

func corpusTargetLanguage(tx *gorm.DB) (string, error) {
	var v []string
	if err := tx.Model(&Setting{}).Where("name = ?", SettingTargetLanguage).Pluck("value", &v).Error; err != nil {
		return "", err
	}
	if len(v) == 0 || CheckTargetLanguage(v[0]) != nil {
		return DefaultTargetLanguage, nil
	}
	return v[0], nil
}

// TargetLanguage reads the corpus's target language (DefaultTargetLanguage
// when none is set).
func (s *Store) TargetLanguage(ctx context.Context) (string, error) {
	return corpusTargetLanguage(s.r.WithContext(ctx))
}

// SetTargetLanguage changes the corpus's target language, with a line in
// the audit log when it changes. The English already stored is not
// touched: the setting names it, it does not respell it.
func (s *Store) SetTargetLanguage(ctx context.Context, lang, actor string) error {
	if err := CheckTargetLanguage(lang); err != nil {
		return err
	}
	return s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		old, err := corpusTargetLanguage(tx)
		if err != nil {
			return err
		}
		if err := tx.Where("name = ?", SettingTargetLanguage).Delete(&Setting{}).Error; err != nil {
			return err
		}
		if err := tx.Create(&Setting{Name: SettingTargetLanguage, Value: lang}).Error; err != nil {
			return err
		}
		if old != lang {
			return audit(tx, actor, "change_setting", SettingTargetLanguage, old+" → "+lang)
		}
		return nil
	})
}
