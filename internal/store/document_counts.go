package store

import (
	"fmt"

	"gorm.io/gorm"
)

// document_counts keeps each statement's progress (its clauses, and how
// many have English, wait for review, have approved English), so that the
// statement list reads 100 rows instead of counting 200,000 clauses four
// times. Triggers on clauses keep it exact, whatever writes them: imports,
// saves, submits, approvals, splits, merges, set-based translation
// imports, a deleted statement (its clauses and its counts go with it by
// ON DELETE CASCADE). A statement without clauses may have no row: readers
// LEFT JOIN it and read 0.
//
// SQLite runs plain row triggers. PostgreSQL counts inserted and deleted
// rows once per statement, from the statement's transition table (an
// import inserts clauses 200 at a time), and updated rows one by one
// (UPDATE OF a column list cannot have transition tables), only when a
// count changes. An update changes a count by the difference of the
// clause's flags before and after; one that moves a clause to another
// statement takes it from the one and gives it to the other.
//
// On PostgreSQL the counts row of a statement is locked, until commit, by
// every transaction that changes one of its counts: writers of clauses of
// one statement that change counts queue one behind the other (SQLite has
// one writer anyway). On SQLite, rows that INSERT OR REPLACE removes would
// fire no delete trigger (recursive_triggers is off): nothing writes
// clauses so.

// documentCountsTriggers matches the triggers' names: ensureDocumentCounts
// puts them back if any is missing (a table rebuilt by a migration loses
// its triggers), and counts again.
const documentCountsTriggers = "document_counts_%"

// documentCountsSQL is the schema as migrateV11DocumentCounts made it: the
// table, the triggers and (on PostgreSQL) their functions, in the order
// they must be created. A later change to the triggers is a new migration,
// which must also change what ensureDocumentCounts makes, not this:
// migrateDocumentCountsWork (document_counts_work.go) changed them, and
// ensureDocumentCounts makes its triggers.
func documentCountsSQL(postgres bool) []string {
	if !postgres {
		add := func(row string) string { // counts row's clause in its document
			return fmt.Sprintf("INSERT INTO document_counts (document_id, clauses, translated, submitted, approved) "+
				"VALUES (%[1]s.document_id, 1, (%[1]s.target <> ''), (%[1]s.status = 'submitted'), (%[1]s.approved_target <> '')) "+
				"ON CONFLICT (document_id) DO UPDATE SET clauses = clauses + 1, translated = translated + excluded.translated, "+
				"submitted = submitted + excluded.submitted, approved = approved + excluded.approved;", row)
		}
		remove := func(row string) string { // takes row's clause from its document's counts
			return fmt.Sprintf("UPDATE document_counts SET clauses = clauses - 1, translated = translated - (%[1]s.target <> ''), "+
				"submitted = submitted - (%[1]s.status = 'submitted'), approved = approved - (%[1]s.approved_target <> '') "+
				"WHERE document_id = %[1]s.document_id;", row)
		}
		return []string{
			`CREATE TABLE document_counts (
				document_id INTEGER NOT NULL PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
				clauses INTEGER NOT NULL DEFAULT 0,
				translated INTEGER NOT NULL DEFAULT 0,
				submitted INTEGER NOT NULL DEFAULT 0,
				approved INTEGER NOT NULL DEFAULT 0)`,
			"CREATE TRIGGER document_counts_ai AFTER INSERT ON clauses BEGIN " + add("new") + " END",
			"CREATE TRIGGER document_counts_ad AFTER DELETE ON clauses BEGIN " + remove("old") + " END",
			`CREATE TRIGGER document_counts_au AFTER UPDATE OF document_id, target, status, approved_target ON clauses
				WHEN old.document_id = new.document_id AND ((old.target <> '') <> (new.target <> '')
					OR (old.status = 'submitted') <> (new.status = 'submitted')
					OR (old.approved_target <> '') <> (new.approved_target <> ''))
				BEGIN UPDATE document_counts SET
					translated = translated + (new.target <> '') - (old.target <> ''),
					submitted = submitted + (new.status = 'submitted') - (old.status = 'submitted'),
					approved = approved + (new.approved_target <> '') - (old.approved_target <> '')
				WHERE document_id = new.document_id; END`,
			`CREATE TRIGGER document_counts_am AFTER UPDATE OF document_id ON clauses
				WHEN old.document_id <> new.document_id
				BEGIN ` + remove("old") + " " + add("new") + " END",
		}
	}
	// Counts of a transition table (rows), by document.
	const counted = `SELECT document_id, COUNT(*) AS clauses,
			COUNT(*) FILTER (WHERE target <> '') AS translated,
			COUNT(*) FILTER (WHERE status = 'submitted') AS submitted,
			COUNT(*) FILTER (WHERE approved_target <> '') AS approved
		FROM %s GROUP BY document_id`
	const flag = "(%s)::int"
	f := func(cond string) string { return fmt.Sprintf(flag, cond) }
	return []string{
		`CREATE TABLE document_counts (
			document_id BIGINT NOT NULL PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
			clauses INTEGER NOT NULL DEFAULT 0,
			translated INTEGER NOT NULL DEFAULT 0,
			submitted INTEGER NOT NULL DEFAULT 0,
			approved INTEGER NOT NULL DEFAULT 0)`,
		// ORDER BY: concurrent inserts lock counts rows in one order.
		`CREATE OR REPLACE FUNCTION document_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			INSERT INTO document_counts AS d (document_id, clauses, translated, submitted, approved)
			` + fmt.Sprintf(counted, "new_clauses") + ` ORDER BY document_id
			ON CONFLICT (document_id) DO UPDATE SET clauses = d.clauses + excluded.clauses,
				translated = d.translated + excluded.translated, submitted = d.submitted + excluded.submitted,
				approved = d.approved + excluded.approved;
			RETURN NULL;
		END $$`,
		`CREATE OR REPLACE FUNCTION document_counts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			UPDATE document_counts AS d SET clauses = d.clauses - o.clauses, translated = d.translated - o.translated,
				submitted = d.submitted - o.submitted, approved = d.approved - o.approved
			FROM (` + fmt.Sprintf(counted, "old_clauses") + `) AS o WHERE d.document_id = o.document_id;
			RETURN NULL;
		END $$`,
		`CREATE OR REPLACE FUNCTION document_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			IF OLD.document_id = NEW.document_id THEN
				UPDATE document_counts SET
					translated = translated + ` + f("NEW.target <> ''") + ` - ` + f("OLD.target <> ''") + `,
					submitted = submitted + ` + f("NEW.status = 'submitted'") + ` - ` + f("OLD.status = 'submitted'") + `,
					approved = approved + ` + f("NEW.approved_target <> ''") + ` - ` + f("OLD.approved_target <> ''") + `
				WHERE document_id = NEW.document_id;
			ELSE
				UPDATE document_counts SET clauses = clauses - 1,
					translated = translated - ` + f("OLD.target <> ''") + `,
					submitted = submitted - ` + f("OLD.status = 'submitted'") + `,
					approved = approved - ` + f("OLD.approved_target <> ''") + `
				WHERE document_id = OLD.document_id;
				INSERT INTO document_counts AS d (document_id, clauses, translated, submitted, approved)
				VALUES (NEW.document_id, 1, ` + f("NEW.target <> ''") + `, ` + f("NEW.status = 'submitted'") + `, ` + f("NEW.approved_target <> ''") + `)
				ON CONFLICT (document_id) DO UPDATE SET clauses = d.clauses + 1,
					translated = d.translated + excluded.translated, submitted = d.submitted + excluded.submitted,
					approved = d.approved + excluded.approved;
			END IF;
			RETURN NULL;
		END $$`,
		`CREATE TRIGGER document_counts_ai AFTER INSERT ON clauses REFERENCING NEW TABLE AS new_clauses
			FOR EACH STATEMENT EXECUTE FUNCTION document_counts_insert()`,
		`CREATE TRIGGER document_counts_ad AFTER DELETE ON clauses REFERENCING OLD TABLE AS old_clauses
			FOR EACH STATEMENT EXECUTE FUNCTION document_counts_delete()`,
		`CREATE TRIGGER document_counts_au AFTER UPDATE OF document_id, target, status, approved_target ON clauses
			FOR EACH ROW WHEN (OLD.document_id <> NEW.document_id
				OR (OLD.target <> '') <> (NEW.target <> '')
				OR (OLD.status = 'submitted') <> (NEW.status = 'submitted')
				OR (OLD.approved_target <> '') <> (NEW.approved_target <> ''))
			EXECUTE FUNCTION document_counts_update()`,
	}
}

// documentCountsTriggerCount is how many triggers documentCountsSQL and
// documentCountsWorkSQL make.
func documentCountsTriggerCount(postgres bool) int64 {
	if postgres {
		return 3
	}
	return 4
}

// fillDocumentCounts counts every document's clauses afresh. It runs after
// the triggers are made: on PostgreSQL, making them waits for the writers
// of clauses and holds off new ones until commit, so that no write falls
// between the count and the triggers.
const fillDocumentCounts = `INSERT INTO document_counts (document_id, clauses, translated, submitted, approved)
	SELECT document_id, COUNT(*),
		SUM(CASE WHEN target <> '' THEN 1 ELSE 0 END),
		SUM(CASE WHEN status = 'submitted' THEN 1 ELSE 0 END),
		SUM(CASE WHEN approved_target <> '' THEN 1 ELSE 0 END)
	FROM clauses GROUP BY document_id`

// migrateV11DocumentCounts adds document_counts, its triggers, and the
// counts of the clauses there are.
func migrateV11DocumentCounts(tx *gorm.DB) error {
	for _, q := range documentCountsSQL(tx.Dialector.Name() == "postgres") {
		if err := tx.Exec(q).Error; err != nil {
			return fmt.Errorf("document counts: %w", err)
		}
	}
	return tx.Exec(fillDocumentCounts).Error
}

// ensureDocumentCounts puts back the triggers of document_counts if any is
// missing, and counts again: on SQLite, a migration that rebuilds clauses
// (as GORM's migrator does to alter or drop a column) drops its triggers
// with it, and the writes that follow would go uncounted. It is one query
// on a sound database.
func ensureDocumentCounts(db *gorm.DB, postgres bool) error {
	q := "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'clauses' AND name LIKE ?"
	if postgres {
		q = "SELECT COUNT(*) FROM pg_trigger WHERE tgrelid = 'clauses'::regclass AND tgname LIKE ?"
	}
	var n int64
	if err := db.Raw(q, documentCountsTriggers).Scan(&n).Error; err != nil {
		return err
	}
	if n == documentCountsTriggerCount(postgres) {
		return nil
	}
	// The triggers as the latest migration made them (see
	// document_counts_work.go).
	err := db.Transaction(func(tx *gorm.DB) error { return makeDocumentCountsWork(tx, postgres) })
	if err != nil {
		return fmt.Errorf("document counts: %w", err)
	}
	return nil
}
