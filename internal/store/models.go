// Package store keeps Zhen's documents, clauses and translation revisions in
// SQLite (the embedded default) or PostgreSQL, through GORM.
package store

import "time"

// Clause statuses. A clause starts untranslated; saving English makes it a
// draft. The review states arrive with the review workflow.
const (
	StatusUntranslated = "untranslated"
	StatusDraft        = "draft"
)

// Document is one imported statement.
type Document struct {
	ID          uint      `gorm:"primaryKey" json:"id"`
	Title       string    `gorm:"not null" json:"title"`
	Date        string    `gorm:"size:10;not null;default:''" json:"date"` // publication date, YYYY-MM-DD or ""
	SourceName  string    `gorm:"not null;default:''" json:"source_name"`  // file it was imported from
	ContentHash string    `gorm:"size:64;not null;uniqueIndex" json:"content_hash"`
	SignedDate  string    `gorm:"size:10;not null;default:''" json:"signed_date"`
	SignedPlace string    `gorm:"not null;default:''" json:"signed_place"`
	CreatedAt   time.Time `json:"created_at"`
}

// Clause is one Chinese clause of a document with its current English.
type Clause struct {
	ID         uint      `gorm:"primaryKey" json:"id"`
	DocumentID uint      `gorm:"not null;uniqueIndex:idx_clause_position,priority:1" json:"document_id"`
	Position   int       `gorm:"not null;uniqueIndex:idx_clause_position,priority:2" json:"index"`
	Paragraph  int       `gorm:"not null" json:"paragraph"`
	Kind       string    `gorm:"size:16;not null" json:"kind"`
	Source     string    `gorm:"not null" json:"source"`
	SourceKey  string    `gorm:"not null;index" json:"-"` // glossary.Normalize(Source): finds the same clause across documents
	Target     string    `gorm:"not null;default:''" json:"target"`
	Status     string    `gorm:"size:16;not null" json:"status"`
	Version    int       `gorm:"not null;default:0" json:"version"` // number of the newest revision; 0 = none yet
	UpdatedBy  string    `gorm:"not null;default:''" json:"updated_by"`
	UpdatedAt  time.Time `json:"updated_at"`
	CreatedAt  time.Time `json:"created_at"`
}

// Revision is one saved English text of a clause. Revisions are never
// changed or deleted: they are the clause's history.
type Revision struct {
	ID        uint      `gorm:"primaryKey" json:"id"`
	ClauseID  uint      `gorm:"not null;uniqueIndex:idx_revision_version,priority:1" json:"clause_id"`
	Version   int       `gorm:"not null;uniqueIndex:idx_revision_version,priority:2" json:"version"`
	Text      string    `gorm:"not null" json:"text"`
	Author    string    `gorm:"not null" json:"author"`
	Origin    string    `gorm:"size:32;not null" json:"origin"` // editor, csv, cli …
	CreatedAt time.Time `json:"created_at"`
}

// DocumentSummary is a document with its translation progress.
type DocumentSummary struct {
	Document
	Clauses    int `json:"clauses"`
	Translated int `json:"translated"`
}
