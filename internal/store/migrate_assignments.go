package store

import (
	"time"

	"gorm.io/gorm"
)

// migrateAssignments adds the assignments: a statement, or a range of its
// clauses, given to a translator and a reviewer, with a due date.
func migrateAssignments(tx *gorm.DB) error {
	type assignment struct {
		ID          uint      `gorm:"primaryKey"`
		DocumentID  uint      `gorm:"not null;index"`
		FirstClause int       `gorm:"not null;default:0"`
		LastClause  int       `gorm:"not null;default:0"`
		Translator  string    `gorm:"not null;index"`
		Reviewer    string    `gorm:"not null;index"`
		Due         string    `gorm:"size:10;not null;default:''"`
		Version     int       `gorm:"not null;default:1"`
		CreatedBy   string    `gorm:"not null"`
		CreatedAt   time.Time `gorm:"not null"`
		UpdatedBy   string    `gorm:"not null;default:''"`
		UpdatedAt   time.Time `gorm:"not null"`
	}
	return tx.Table("assignments").Migrator().CreateTable(&assignment{})
}
