// Package store keeps Zhen's documents, clauses and translation revisions in
// SQLite (the embedded default) or PostgreSQL, through GORM.
package store

import "time"

// Clause statuses: untranslated → draft (English saved, e.g. autosaved,
// not yet confirmed) → translated (the translator confirmed it) →
// submitted (sent to review by a translator) → approved or rejected (by a
// reviewer). Changing the English of a translated, rejected or approved
// clause without confirming it makes it a draft again, while its approved
// English stays what exports and the term report read until a new text is
// approved. A draft or translated (or rejected) clause can be submitted.
const (
	StatusUntranslated = "untranslated"
	StatusDraft        = "draft"
	StatusTranslated   = "translated"
	StatusSubmitted    = "submitted"
	StatusApproved     = "approved"
	StatusRejected     = "rejected"
)

// History actions: what a history row records.
const (
	ActionSave    = "save"    // new English
	ActionRestore = "restore" // new English copied from an earlier revision
	ActionConfirm = "confirm" // the translator confirmed the English as it was (draft → translated)
	ActionSubmit  = "submit"
	ActionApprove = "approve"
	ActionReject  = "reject"
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
	// How its numbering markers read in English (internal/numbering); ""
	// follows the corpus default (the numbering_style setting).
	NumberingStyle string `gorm:"size:16;not null;default:''" json:"numbering_style"`
	// The title of its English document; "" uses the Chinese title.
	EnglishTitle string `gorm:"not null;default:''" json:"english_title"`
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
	Version    int       `gorm:"not null;default:0" json:"version"`     // bumped by every change (save, submit, approve, reject); 0 = none yet
	UpdatedBy  string    `gorm:"not null;default:''" json:"updated_by"` // who wrote Target
	UpdatedAt  time.Time `json:"updated_at"`
	CreatedAt  time.Time `json:"created_at"`

	// The English a reviewer approved, kept while a newer draft waits.
	ApprovedTarget  string     `gorm:"not null;default:''" json:"approved_target"`
	ApprovedVersion int        `gorm:"not null;default:0" json:"approved_version"` // history version of the approval
	ApprovedBy      string     `gorm:"not null;default:''" json:"approved_by"`
	ApprovedAt      *time.Time `json:"approved_at"`
}

// Revision is one change of a clause: new English (save, restore) or a
// status change (confirm, submit, approve, reject), with the text it concerns.
// Revisions are never changed or deleted: they are the clause's history.
type Revision struct {
	ID        uint      `gorm:"primaryKey" json:"id"`
	ClauseID  uint      `gorm:"not null;uniqueIndex:idx_revision_version,priority:1" json:"clause_id"`
	Version   int       `gorm:"not null;uniqueIndex:idx_revision_version,priority:2" json:"version"`
	Action    string    `gorm:"size:16;not null;default:'save'" json:"action"`
	Text      string    `gorm:"not null" json:"text"`
	Comment   string    `gorm:"not null;default:''" json:"comment"`
	Author    string    `gorm:"not null" json:"author"`
	Origin    string    `gorm:"size:32;not null" json:"origin"` // editor, csv, cli …
	CreatedAt time.Time `json:"created_at"`
}

// Comment is a note on a clause, for the translators and reviewers, or
// (kind rejection) a reviewer's reason for sending the clause back. Anyone
// who may translate resolves it when it has been dealt with, or reopens it.
type Comment struct {
	ID         uint       `gorm:"primaryKey" json:"id"`
	ClauseID   uint       `gorm:"not null;index" json:"clause_id"`
	Author     string     `gorm:"not null" json:"author"`
	Text       string     `gorm:"not null" json:"text"`
	Kind       string     `gorm:"size:16;not null;default:'comment'" json:"kind"` // CommentKind…
	CreatedAt  time.Time  `gorm:"not null" json:"created_at"`
	ResolvedAt *time.Time `json:"resolved_at"`
	ResolvedBy string     `gorm:"not null;default:''" json:"resolved_by"`
	Mentions   Names      `gorm:"not null;default:''" json:"mentions"` // the users @named in Text (existing and enabled then)
}

// Comment kinds.
const (
	CommentKindComment   = "comment"
	CommentKindRejection = "rejection"
)

// User is an account. The password is kept only as a bcrypt hash.
type User struct {
	ID           uint      `gorm:"primaryKey" json:"id"`
	Username     string    `gorm:"not null;uniqueIndex" json:"username"`
	PasswordHash string    `gorm:"not null" json:"-"`
	Role         string    `gorm:"size:16;not null" json:"role"`
	Disabled     bool      `gorm:"not null;default:false" json:"disabled"`
	CreatedAt    time.Time `gorm:"not null" json:"created_at"`
	UpdatedAt    time.Time `gorm:"not null" json:"updated_at"`
}

// Session is a login. Only the token's hash is stored; CSRF is the secret a
// cookie-authenticated write must also send in a header.
type Session struct {
	ID         uint       `gorm:"primaryKey" json:"id"`
	TokenHash  string     `gorm:"size:64;not null;uniqueIndex" json:"-"`
	CSRF       string     `gorm:"column:csrf;not null" json:"-"`
	UserID     uint       `gorm:"not null;index" json:"user_id"`
	UserAgent  string     `gorm:"not null;default:''" json:"user_agent"`
	CreatedAt  time.Time  `gorm:"not null" json:"created_at"`
	LastSeenAt time.Time  `gorm:"not null" json:"last_seen_at"`
	ExpiresAt  time.Time  `gorm:"not null" json:"expires_at"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

// AuditEvent records a change to users or sessions made by someone (the
// glossary's changes are in GlossaryChange).
type AuditEvent struct {
	ID        uint      `gorm:"primaryKey" json:"id"`
	Actor     string    `gorm:"not null" json:"actor"`
	Action    string    `gorm:"size:32;not null" json:"action"`
	Subject   string    `gorm:"not null" json:"subject"`
	Detail    string    `gorm:"not null;default:''" json:"detail"`
	CreatedAt time.Time `gorm:"not null;index" json:"created_at"`
}

// DocumentSummary is a document with its translation and review progress.
type DocumentSummary struct {
	Document
	// Every count is of work clauses (kind other than heading) but
	// Markers, which counts the numbering markers (headings: their
	// English is not the translator's work).
	Clauses    int `json:"clauses"`
	Translated int `json:"translated"` // clauses with English
	Submitted  int `json:"submitted"`  // waiting for a reviewer
	Approved   int `json:"approved"`   // with approved English
	Draft      int `json:"draft"`      // English saved, not confirmed
	Confirmed  int `json:"confirmed"`  // status translated: confirmed by the translator
	Rejected   int `json:"rejected"`   // sent back by a reviewer
	Markers    int `json:"markers"`    // numbering markers (kind heading)

	OpenComments int `gorm:"-" json:"open_comments"` // unresolved comments (and rejections) on its clauses
}
