package store

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/glossary"
)

// Concordance search: any Chinese or English string over the corpus.
//
// SQLite built with FTS5 (the sqlite_fts5 tag, as the Docker image and the
// test command build it) keeps a trigram index of the clauses' normalised
// Chinese and their English, in step through triggers. Trigrams cannot find
// one- or two-character strings (金砖, 双方), so those, and every search of
// a build without FTS5, scan with instr(). A build without FTS5 drops the
// triggers (it could not run them); the next build with FTS5 rebuilds the
// index. PostgreSQL uses pg_trgm's GIN indexes when the extension can be
// created, else the same scan.
const (
	ftsTable    = "clause_fts"
	ftsTriggers = "clause_fts_ai,clause_fts_ad,clause_fts_au"
	// ftsInsertTrigger indexes each new clause (a large import fills the
	// index in one statement instead: bulkLoad).
	ftsInsertTrigger = "CREATE TRIGGER IF NOT EXISTS clause_fts_ai AFTER INSERT ON clauses BEGIN INSERT INTO clause_fts(rowid, source_key, target) VALUES (new.id, new.source_key, new.target); END"
	// ftsUpdateTrigger indexes a clause again when its text changes (a
	// large translations import rebuilds the index once instead: bulkLoad).
	ftsUpdateTrigger = "CREATE TRIGGER IF NOT EXISTS clause_fts_au AFTER UPDATE OF source_key, target ON clauses BEGIN INSERT INTO clause_fts(clause_fts, rowid, source_key, target) VALUES ('delete', old.id, old.source_key, old.target); INSERT INTO clause_fts(rowid, source_key, target) VALUES (new.id, new.source_key, new.target); END"
)

func (s *Store) prepareSearch() error {
	if s.Dialect == "postgres" {
		if err := s.w.Exec("CREATE EXTENSION IF NOT EXISTS pg_trgm").Error; err != nil {
			return nil // no rights to add it: searches scan
		}
		for _, col := range []string{"source_key", "target"} {
			if err := s.w.Exec(fmt.Sprintf("CREATE INDEX IF NOT EXISTS idx_clauses_%s_trgm ON clauses USING gin (%s gin_trgm_ops)", col, col)).Error; err != nil {
				return fmt.Errorf("trigram index: %w", err)
			}
		}
		s.search = "pg_trgm"
		return nil
	}
	var fts5 int
	if err := s.w.Raw("SELECT sqlite_compileoption_used('ENABLE_FTS5')").Scan(&fts5).Error; err != nil {
		return err
	}
	if fts5 == 0 {
		for _, t := range strings.Split(ftsTriggers, ",") {
			if err := s.w.Exec("DROP TRIGGER IF EXISTS " + t).Error; err != nil {
				return err
			}
		}
		return nil
	}
	var triggers int64
	if err := s.w.Raw("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'clause_fts_%'").Scan(&triggers).Error; err != nil {
		return err
	}
	if triggers < 3 {
		err := s.w.Transaction(func(tx *gorm.DB) error {
			for _, q := range []string{
				"CREATE VIRTUAL TABLE IF NOT EXISTS clause_fts USING fts5(source_key, target, content='clauses', content_rowid='id', tokenize='trigram')",
				ftsInsertTrigger,
				"CREATE TRIGGER IF NOT EXISTS clause_fts_ad AFTER DELETE ON clauses BEGIN INSERT INTO clause_fts(clause_fts, rowid, source_key, target) VALUES ('delete', old.id, old.source_key, old.target); END",
				ftsUpdateTrigger,
				"INSERT INTO clause_fts(clause_fts) VALUES ('rebuild')", // rows written while there were no triggers
			} {
				if err := tx.Exec(q).Error; err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("full-text index: %w", err)
		}
	}
	s.search = "fts5"
	return nil
}

// SearchMethod says how concordance searches run: "fts5", "pg_trgm" or
// "scan".
func (s *Store) SearchMethod() string {
	if s.search == "" {
		return "scan"
	}
	return s.search
}

// Hit is a clause a concordance search found, with its document's title.
type Hit struct {
	Clause
	DocumentTitle string `json:"document_title"`
}

// Search finds clauses whose Chinese (compared normalised: width and
// spacing folded) or English (ignoring ASCII case) contains q; in is "zh",
// "en" or "" for both. At most limit hits, in document order.
func (s *Store) Search(ctx context.Context, q, in string, limit int) ([]Hit, error) {
	zh := glossary.Normalize(q)
	en := strings.TrimSpace(q)
	if zh == "" {
		return []Hit{}, nil
	}
	var conds []string
	var args []any
	add := func(col, text string) {
		cond, arg := s.containing(col, text)
		conds, args = append(conds, cond), append(args, arg)
	}
	if in != "en" {
		add("source_key", zh)
	}
	if in != "zh" {
		add("target", en)
	}
	rows, err := s.r.WithContext(ctx).Raw("SELECT "+clauseColumns+", documents.title FROM clauses JOIN documents ON documents.id = clauses.document_id WHERE ("+
		strings.Join(conds, " OR ")+") ORDER BY clauses.document_id, clauses.position LIMIT ?", append(args, limit)...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Hit{}
	for rows.Next() {
		var h Hit
		if err := scanClause(rows, &h.Clause, &h.DocumentTitle); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// containing is the condition that a clause's column (source_key or
// target) contains text, ignoring ASCII case, with its argument: the
// trigram index where it can (three characters or more), else a scan.
func (s *Store) containing(col, text string) (cond string, arg any) {
	switch {
	case s.search == "fts5" && utf8.RuneCountInString(text) >= 3:
		return "clauses.id IN (SELECT rowid FROM clause_fts WHERE clause_fts MATCH ?)", col + ` : "` + strings.ReplaceAll(text, `"`, `""`) + `"`
	case s.Dialect == "postgres":
		return "clauses." + col + ` ILIKE ? ESCAPE '\'`, "%" + likeEscape(text) + "%"
	}
	return "instr(lower(clauses." + col + "), lower(?)) > 0", text
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
