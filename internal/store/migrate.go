package store

import (
	"fmt"
	"log/slog"
	"time"

	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/internal/auth"
)

// migrations are applied in order, each once, each in its own transaction;
// schema_migrations remembers the highest version applied. Append new
// migrations at the end and never edit an applied one: a migration describes
// the schema as it was then, so it uses frozen copies of the models, not the
// live structs in models.go.
var migrations = []func(tx *gorm.DB) error{
	migrateV1Initial,
	migrateV2Glossary,
	migrateV3Review,
	migrateV4TranslationMemory,
	migrateV5UserNameSkeleton,
	migrateV6ChangeLog,
	migrateV7Findings,
	migrateV8FindingCounts,
	migrateV9TermSuggestions,
	migrateV10TermUses,
	migrateV11DocumentCounts,
	migrateDocumentCountsWork,
	migrateCommentsInbox,
	migrateNumbering,
	migrateAssignments,
	migrateEnglishTitle,
	migrateDiscoveredTerms,
}

type schemaMigration struct {
	Version   int `gorm:"primaryKey;autoIncrement:false"`
	AppliedAt time.Time
}

func (schemaMigration) TableName() string { return "schema_migrations" }

// SchemaVersion is the schema version this build expects.
func SchemaVersion() int { return len(migrations) }

func migrate(db *gorm.DB) error {
	if err := db.AutoMigrate(&schemaMigration{}); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	var current int
	if err := db.Model(&schemaMigration{}).Select("COALESCE(MAX(version), 0)").Scan(&current).Error; err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if current > len(migrations) {
		return fmt.Errorf("database schema version %d is newer than this build (%d): upgrade Zhen", current, len(migrations))
	}
	for v := current + 1; v <= len(migrations); v++ {
		err := db.Transaction(func(tx *gorm.DB) error {
			if err := migrations[v-1](tx); err != nil {
				return err
			}
			return tx.Create(&schemaMigration{Version: v, AppliedAt: time.Now().UTC()}).Error
		})
		if err != nil {
			return fmt.Errorf("migration %d: %w", v, err)
		}
		if current > 0 { // upgrading an existing database is worth a line; creating one is not
			slog.Info("schema migrated", "version", v)
		}
	}
	return nil
}

func migrateV1Initial(tx *gorm.DB) error {
	type document struct {
		ID          uint   `gorm:"primaryKey"`
		Title       string `gorm:"not null"`
		Date        string `gorm:"size:10;not null;default:''"`
		SourceName  string `gorm:"not null;default:''"`
		ContentHash string `gorm:"size:64;not null;uniqueIndex:idx_documents_content_hash"`
		SignedDate  string `gorm:"size:10;not null;default:''"`
		SignedPlace string `gorm:"not null;default:''"`
		CreatedAt   time.Time
	}
	type clause struct {
		ID         uint      `gorm:"primaryKey"`
		DocumentID uint      `gorm:"not null;uniqueIndex:idx_clause_position,priority:1"`
		Document   *document `gorm:"constraint:OnDelete:CASCADE"`
		Position   int       `gorm:"not null;uniqueIndex:idx_clause_position,priority:2"`
		Paragraph  int       `gorm:"not null"`
		Kind       string    `gorm:"size:16;not null"`
		Source     string    `gorm:"not null"`
		SourceKey  string    `gorm:"not null;index:idx_clauses_source_key"`
		Target     string    `gorm:"not null;default:''"`
		Status     string    `gorm:"size:16;not null"`
		Version    int       `gorm:"not null;default:0"`
		UpdatedBy  string    `gorm:"not null;default:''"`
		UpdatedAt  time.Time
		CreatedAt  time.Time
	}
	type revision struct {
		ID        uint    `gorm:"primaryKey"`
		ClauseID  uint    `gorm:"not null;uniqueIndex:idx_revision_version,priority:1"`
		Clause    *clause `gorm:"constraint:OnDelete:CASCADE"`
		Version   int     `gorm:"not null;uniqueIndex:idx_revision_version,priority:2"`
		Text      string  `gorm:"not null"`
		Author    string  `gorm:"not null"`
		Origin    string  `gorm:"size:32;not null"`
		CreatedAt time.Time
	}
	m := tx.Migrator()
	for _, t := range []struct {
		model any
		name  string
	}{{&document{}, "documents"}, {&clause{}, "clauses"}, {&revision{}, "revisions"}} {
		if err := m.CreateTable(t.model); err != nil {
			return fmt.Errorf("create %s: %w", t.name, err)
		}
	}
	return nil
}

func migrateV2Glossary(tx *gorm.DB) error {
	type glossaryEntry struct {
		ID            uint      `gorm:"primaryKey"`
		ZH            string    `gorm:"column:zh;not null"`
		ZHKey         string    `gorm:"column:zh_key;not null;uniqueIndex:idx_glossary_entries_zh_key"`
		EN            string    `gorm:"column:en;not null"`
		Variants      string    `gorm:"not null;default:'[]'"`
		Forbidden     string    `gorm:"not null;default:'[]'"`
		POS           string    `gorm:"column:pos;not null;default:''"`
		Note          string    `gorm:"not null;default:''"`
		Status        string    `gorm:"size:16;not null"`
		CaseSensitive bool      `gorm:"not null;default:false"`
		Version       int       `gorm:"not null;default:1"`
		UpdatedBy     string    `gorm:"not null;default:''"`
		UpdatedAt     time.Time `gorm:"not null"`
		CreatedAt     time.Time `gorm:"not null"`
	}
	type glossaryChange struct {
		ID        uint      `gorm:"primaryKey"`
		EntryID   uint      `gorm:"not null;index:idx_glossary_changes_entry_id"`
		Action    string    `gorm:"size:16;not null"`
		Snapshot  string    `gorm:"not null"`
		Author    string    `gorm:"not null"`
		CreatedAt time.Time `gorm:"not null"`
	}
	type dismissal struct {
		ID         uint      `gorm:"primaryKey"`
		FindingKey string    `gorm:"not null;uniqueIndex:idx_dismissals_finding_key"`
		ClauseID   uint      `gorm:"not null;index:idx_dismissals_clause_id"`
		Kind       string    `gorm:"size:32;not null"`
		Reason     string    `gorm:"not null"`
		Author     string    `gorm:"not null"`
		CreatedAt  time.Time `gorm:"not null"`
	}
	return tx.Migrator().CreateTable(&glossaryEntry{}, &glossaryChange{}, &dismissal{})
}

func migrateV3Review(tx *gorm.DB) error {
	type clause struct {
		Status          string `gorm:"size:16;not null;index:idx_clauses_status"`
		ApprovedTarget  string `gorm:"not null;default:''"`
		ApprovedVersion int    `gorm:"not null;default:0"`
		ApprovedBy      string `gorm:"not null;default:''"`
		ApprovedAt      *time.Time
	}
	type revision struct {
		Action  string `gorm:"size:16;not null;default:'save'"`
		Comment string `gorm:"not null;default:''"`
	}
	type comment struct {
		ID        uint      `gorm:"primaryKey"`
		ClauseID  uint      `gorm:"not null;index:idx_comments_clause_id"`
		Author    string    `gorm:"not null"`
		Text      string    `gorm:"not null"`
		CreatedAt time.Time `gorm:"not null"`
	}
	type user struct {
		ID           uint      `gorm:"primaryKey"`
		Username     string    `gorm:"not null;uniqueIndex:idx_users_username"`
		PasswordHash string    `gorm:"not null"`
		Role         string    `gorm:"size:16;not null"`
		Disabled     bool      `gorm:"not null;default:false"`
		CreatedAt    time.Time `gorm:"not null"`
		UpdatedAt    time.Time `gorm:"not null"`
	}
	type session struct {
		ID         uint      `gorm:"primaryKey"`
		TokenHash  string    `gorm:"size:64;not null;uniqueIndex:idx_sessions_token_hash"`
		CSRF       string    `gorm:"column:csrf;not null"`
		UserID     uint      `gorm:"not null;index:idx_sessions_user_id"`
		User       *user     `gorm:"constraint:OnDelete:CASCADE"`
		UserAgent  string    `gorm:"not null;default:''"`
		CreatedAt  time.Time `gorm:"not null"`
		LastSeenAt time.Time `gorm:"not null"`
		ExpiresAt  time.Time `gorm:"not null"`
		RevokedAt  *time.Time
	}
	type auditEvent struct {
		ID        uint      `gorm:"primaryKey"`
		Actor     string    `gorm:"not null"`
		Action    string    `gorm:"size:32;not null"`
		Subject   string    `gorm:"not null"`
		Detail    string    `gorm:"not null;default:''"`
		CreatedAt time.Time `gorm:"not null;index:idx_audit_events_created_at"`
	}
	m := tx.Migrator()
	for _, col := range []string{"ApprovedTarget", "ApprovedVersion", "ApprovedBy", "ApprovedAt"} {
		if err := m.AddColumn(&clause{}, col); err != nil {
			return fmt.Errorf("clauses.%s: %w", col, err)
		}
	}
	if err := m.CreateIndex(&clause{}, "idx_clauses_status"); err != nil {
		return err
	}
	for _, col := range []string{"Action", "Comment"} {
		if err := m.AddColumn(&revision{}, col); err != nil {
			return fmt.Errorf("revisions.%s: %w", col, err)
		}
	}
	return m.CreateTable(&comment{}, &user{}, &session{}, &auditEvent{})
}

func migrateV4TranslationMemory(tx *gorm.DB) error {
	type tmUnit struct {
		ID         uint      `gorm:"primaryKey"`
		Source     string    `gorm:"not null"`
		SourceKey  string    `gorm:"not null;index:idx_tm_units_source_key"`
		Target     string    `gorm:"not null"`
		PairHash   string    `gorm:"size:64;not null;uniqueIndex:idx_tm_units_pair_hash"`
		Origin     string    `gorm:"not null;default:''"`
		ImportedBy string    `gorm:"not null"`
		CreatedAt  time.Time `gorm:"not null"`
	}
	return tx.Migrator().CreateTable(&tmUnit{})
}

// migrateV5UserNameSkeleton adds users.name_skeleton: the user name's
// auth.Skeleton, under a unique index, so that no two users can have
// names that look alike (adm1n and admin), not even when created at the
// same moment on two servers. Existing users get theirs in the order they
// were created. A later user whose name already looks like an earlier
// one's keeps NULL (a unique index takes any number of NULLs, on SQLite
// and PostgreSQL alike) and is logged, so that opening an older database
// never fails over the names it has; CreateUser compares new names with
// those users' names too. The skeleton is computed by today's
// auth.Skeleton: a change to it needs a migration that recomputes the
// column.
func migrateV5UserNameSkeleton(tx *gorm.DB) error {
	type user struct {
		ID           uint
		Username     string
		NameSkeleton *string `gorm:"uniqueIndex:idx_users_name_skeleton"`
	}
	m := tx.Migrator()
	if err := m.AddColumn(&user{}, "NameSkeleton"); err != nil {
		return fmt.Errorf("users.name_skeleton: %w", err)
	}
	var users []user
	if err := tx.Order("id").Find(&users).Error; err != nil {
		return err
	}
	first := map[string]string{} // skeleton → the earliest user's name
	for _, u := range users {
		sk := auth.Skeleton(u.Username)
		if earlier, ok := first[sk]; ok {
			slog.Warn("two user names look alike: both stay, but no new user can take a name like theirs",
				"user", u.Username, "looks_like", earlier)
			continue
		}
		first[sk] = u.Username
		if err := tx.Model(&user{}).Where("id = ?", u.ID).Update("name_skeleton", sk).Error; err != nil {
			return err
		}
	}
	return m.CreateIndex(&user{}, "idx_users_name_skeleton")
}

// migrateV6ChangeLog adds the change log: events written by processes that
// share a SQLite file with the servers but have no event hub of their own
// (the CLI), for the servers to deliver to open editors.
func migrateV6ChangeLog(tx *gorm.DB) error {
	type change struct {
		ID        uint      `gorm:"primaryKey"`
		Payload   string    `gorm:"not null"`
		CreatedAt time.Time `gorm:"not null;index"`
	}
	return tx.Migrator().CreateTable(&change{})
}

// migrateV7Findings adds the stored findings and what they were computed
// with. They start empty: the first read computes them (qa_state has no
// row yet).
func migrateV7Findings(tx *gorm.DB) error {
	type finding struct {
		ID         uint   `gorm:"primaryKey"`
		ClauseID   uint   `gorm:"not null;index;index:idx_findings_document,priority:2;index:idx_findings_kind,priority:3"`
		DocumentID uint   `gorm:"not null;index:idx_findings_document,priority:1;index:idx_findings_kind,priority:2"`
		Kind       string `gorm:"not null;index:idx_findings_kind,priority:1"`
		Term       string `gorm:"not null;default:''"`
		Key        string `gorm:"column:finding_key;not null;index"`
		Data       string `gorm:"not null"`
	}
	type qaState struct {
		ID         uint      `gorm:"primaryKey;autoIncrement:false"`
		Glossary   int64     `gorm:"not null"`
		Rules      int       `gorm:"not null"`
		ComputedAt time.Time `gorm:"not null"`
	}
	if err := tx.Table("findings").Migrator().CreateTable(&finding{}); err != nil {
		return err
	}
	return tx.Table("qa_state").Migrator().CreateTable(&qaState{})
}

// migrateV8FindingCounts adds the findings' counts by statement and kind.
// They start empty, and so does qa_state: the first read computes the
// findings and their counts again.
func migrateV8FindingCounts(tx *gorm.DB) error {
	type findingCount struct {
		DocumentID uint   `gorm:"primaryKey;autoIncrement:false"`
		Kind       string `gorm:"primaryKey"`
		N          int64  `gorm:"not null"`
	}
	if err := tx.Table("finding_counts").Migrator().CreateTable(&findingCount{}); err != nil {
		return err
	}
	return tx.Exec("DELETE FROM qa_state").Error
}

// migrateV9TermSuggestions adds the stored glossary candidates.
func migrateV9TermSuggestions(tx *gorm.DB) error {
	type termSuggestions struct {
		ID         uint      `gorm:"primaryKey;autoIncrement:false"`
		Data       string    `gorm:"not null"`
		ComputedAt time.Time `gorm:"not null"`
	}
	return tx.Table("term_suggestions").Migrator().CreateTable(&termSuggestions{})
}

// migrateDiscoveredTerms adds the stored discovered terms (issue 19).
func migrateDiscoveredTerms(tx *gorm.DB) error {
	type discoveredTerms struct {
		ID         uint      `gorm:"primaryKey;autoIncrement:false"`
		Data       string    `gorm:"not null"`
		ComputedAt time.Time `gorm:"not null"`
	}
	return tx.Table("discovered_terms").Migrator().CreateTable(&discoveredTerms{})
}

// migrateV10TermUses adds the term-occurrence index and its totals. They
// start empty, and so does qa_state: the first read computes the findings
// and the index.
func migrateV10TermUses(tx *gorm.DB) error {
	type termUse struct {
		ClauseID   uint   `gorm:"primaryKey;autoIncrement:false"`
		EntryID    uint   `gorm:"primaryKey;autoIncrement:false"`
		DocumentID uint   `gorm:"not null"`
		Count      int    `gorm:"column:occurrences;not null"`
		State      uint8  `gorm:"not null"`
		Accepted   string `gorm:"not null;default:''"`
		Forbidden  string `gorm:"not null;default:''"`
	}
	type termCount struct {
		EntryID     uint  `gorm:"primaryKey;autoIncrement:false"`
		Occurrences int64 `gorm:"not null"`
		Clauses     int64 `gorm:"not null"`
		Translated  int64 `gorm:"not null"`
		Problems    int64 `gorm:"not null"`
		Other       int64 `gorm:"not null"`
	}
	type termDocumentCount struct {
		EntryID     uint  `gorm:"primaryKey;autoIncrement:false"`
		DocumentID  uint  `gorm:"primaryKey;autoIncrement:false"`
		Occurrences int64 `gorm:"not null"`
	}
	type termFormCount struct {
		EntryID   uint   `gorm:"primaryKey;autoIncrement:false"`
		Forbidden bool   `gorm:"primaryKey;autoIncrement:false"`
		Form      string `gorm:"primaryKey"`
		N         int64  `gorm:"not null"`
	}
	for table, model := range map[string]any{"term_uses": &termUse{}, "term_counts": &termCount{},
		"term_document_counts": &termDocumentCount{}, "term_form_counts": &termFormCount{}} {
		if err := tx.Table(table).Migrator().CreateTable(model); err != nil {
			return err
		}
	}
	// An entry's clauses, and (state problem or other) those that need
	// attention: the clauses a glossary change touches, a report page's
	// first clauses.
	if err := tx.Exec("CREATE INDEX idx_term_uses_entry ON term_uses (entry_id, clause_id)").Error; err != nil {
		return err
	}
	if err := tx.Exec("CREATE INDEX idx_term_uses_attention ON term_uses (entry_id, clause_id) WHERE state >= 2").Error; err != nil {
		return err
	}
	return tx.Exec("DELETE FROM qa_state").Error
}
