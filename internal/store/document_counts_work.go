package store

import (
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// The second shape of document_counts (issue 17): numbering markers
// (clauses of kind heading) are not the translator's work, so every count
// but markers counts only the other clauses, and the counts tell drafts
// (saved, not confirmed), confirmed (status translated) and rejected
// clauses apart. migrateDocumentCountsWork adds the columns and replaces
// the triggers; ensureDocumentCounts makes these triggers too.

// workCount is one column of document_counts and the condition under which
// a clause counts in it, with %[1]s standing for the row (new, old, or a
// transition table's columns when it is "").
type workCount struct {
	column, cond string
}

// workCounts are document_counts' columns after clauses (which counts the
// work clauses), in order.
var workCounts = []workCount{
	{"clauses", "%[1]skind <> 'heading'"},
	{"translated", "%[1]skind <> 'heading' AND %[1]starget <> ''"},
	{"submitted", "%[1]skind <> 'heading' AND %[1]sstatus = 'submitted'"},
	{"approved", "%[1]skind <> 'heading' AND %[1]sapproved_target <> ''"},
	{"draft", "%[1]skind <> 'heading' AND %[1]sstatus = 'draft'"},
	{"confirmed", "%[1]skind <> 'heading' AND %[1]sstatus = 'translated'"},
	{"rejected", "%[1]skind <> 'heading' AND %[1]sstatus = 'rejected'"},
	{"markers", "%[1]skind = 'heading'"},
}

// workCountColumns are the clause columns the counts depend on.
const workCountColumns = "document_id, kind, target, status, approved_target"

// cond is c's condition on row ("new", "old", "NEW", … or "" for a bare
// column).
func (c workCount) on(row string) string {
	if row != "" {
		row += "."
	}
	return "(" + fmt.Sprintf(c.cond, row) + ")"
}

// columnList is the count columns, joined by ", ".
func columnList() string {
	names := make([]string, len(workCounts))
	for i, c := range workCounts {
		names[i] = c.column
	}
	return strings.Join(names, ", ")
}

// each joins f of every count with sep.
func each(sep string, f func(c workCount) string) string {
	parts := make([]string, len(workCounts))
	for i, c := range workCounts {
		parts[i] = f(c)
	}
	return strings.Join(parts, sep)
}

// documentCountsWorkSQL is the triggers (and on PostgreSQL their
// functions) of document_counts in its second shape, in the order they must
// be made. The table is there.
func documentCountsWorkSQL(postgres bool) []string {
	if !postgres {
		flag := func(c workCount, row string) string { return c.on(row) } // SQLite: a condition is 0 or 1
		add := func(row string) string {
			return "INSERT INTO document_counts (document_id, " + columnList() + ") VALUES (" + row + ".document_id, " +
				each(", ", func(c workCount) string { return flag(c, row) }) + ") ON CONFLICT (document_id) DO UPDATE SET " +
				each(", ", func(c workCount) string { return c.column + " = " + c.column + " + excluded." + c.column }) + ";"
		}
		remove := func(row string) string {
			return "UPDATE document_counts SET " + each(", ", func(c workCount) string { return c.column + " = " + c.column + " - " + flag(c, row) }) +
				" WHERE document_id = " + row + ".document_id;"
		}
		return []string{
			"CREATE TRIGGER document_counts_ai AFTER INSERT ON clauses BEGIN " + add("new") + " END",
			"CREATE TRIGGER document_counts_ad AFTER DELETE ON clauses BEGIN " + remove("old") + " END",
			"CREATE TRIGGER document_counts_au AFTER UPDATE OF " + workCountColumns + ` ON clauses
				WHEN old.document_id = new.document_id AND (` + each(" OR ", func(c workCount) string { return c.on("old") + " <> " + c.on("new") }) + `)
				BEGIN UPDATE document_counts SET ` + each(", ", func(c workCount) string {
				return c.column + " = " + c.column + " + " + c.on("new") + " - " + c.on("old")
			}) + ` WHERE document_id = new.document_id; END`,
			`CREATE TRIGGER document_counts_am AFTER UPDATE OF document_id ON clauses
				WHEN old.document_id <> new.document_id
				BEGIN ` + remove("old") + " " + add("new") + " END",
		}
	}
	f := func(c workCount, row string) string { return c.on(row) + "::int" }
	counted := func(table string) string { // the counts of a transition table, by document
		return "SELECT document_id, " + each(", ", func(c workCount) string {
			return "COUNT(*) FILTER (WHERE " + c.on("") + ") AS " + c.column
		}) + " FROM " + table + " GROUP BY document_id"
	}
	upsert := "ON CONFLICT (document_id) DO UPDATE SET " + each(", ", func(c workCount) string { return c.column + " = d." + c.column + " + excluded." + c.column })
	return []string{
		// ORDER BY: concurrent inserts lock counts rows in one order.
		`CREATE OR REPLACE FUNCTION document_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			INSERT INTO document_counts AS d (document_id, ` + columnList() + `)
			` + counted("new_clauses") + ` ORDER BY document_id
			` + upsert + `;
			RETURN NULL;
		END $$`,
		`CREATE OR REPLACE FUNCTION document_counts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			UPDATE document_counts AS d SET ` + each(", ", func(c workCount) string { return c.column + " = d." + c.column + " - o." + c.column }) + `
			FROM (` + counted("old_clauses") + `) AS o WHERE d.document_id = o.document_id;
			RETURN NULL;
		END $$`,
		`CREATE OR REPLACE FUNCTION document_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			IF OLD.document_id = NEW.document_id THEN
				UPDATE document_counts SET ` + each(", ", func(c workCount) string {
			return c.column + " = " + c.column + " + " + f(c, "NEW") + " - " + f(c, "OLD")
		}) + `
				WHERE document_id = NEW.document_id;
			ELSE
				UPDATE document_counts SET ` + each(", ", func(c workCount) string { return c.column + " = " + c.column + " - " + f(c, "OLD") }) + `
				WHERE document_id = OLD.document_id;
				INSERT INTO document_counts AS d (document_id, ` + columnList() + `)
				VALUES (NEW.document_id, ` + each(", ", func(c workCount) string { return f(c, "NEW") }) + `)
				` + upsert + `;
			END IF;
			RETURN NULL;
		END $$`,
		`CREATE TRIGGER document_counts_ai AFTER INSERT ON clauses REFERENCING NEW TABLE AS new_clauses
			FOR EACH STATEMENT EXECUTE FUNCTION document_counts_insert()`,
		`CREATE TRIGGER document_counts_ad AFTER DELETE ON clauses REFERENCING OLD TABLE AS old_clauses
			FOR EACH STATEMENT EXECUTE FUNCTION document_counts_delete()`,
		`CREATE TRIGGER document_counts_au AFTER UPDATE OF ` + workCountColumns + ` ON clauses
			FOR EACH ROW WHEN (OLD.document_id <> NEW.document_id OR ` + each(" OR ", func(c workCount) string { return c.on("OLD") + " <> " + c.on("NEW") }) + `)
			EXECUTE FUNCTION document_counts_update()`,
	}
}

// fillDocumentCountsWork counts every document's clauses afresh, in the
// second shape (see fillDocumentCounts).
func fillDocumentCountsWork() string {
	return "INSERT INTO document_counts (document_id, " + columnList() + ") SELECT document_id, " +
		each(", ", func(c workCount) string { return "SUM(CASE WHEN " + c.on("") + " THEN 1 ELSE 0 END)" }) +
		" FROM clauses GROUP BY document_id"
}

// dropDocumentCountsTriggers drops the triggers of document_counts there
// are.
func dropDocumentCountsTriggers(tx *gorm.DB, postgres bool) error {
	for _, t := range []string{"document_counts_ai", "document_counts_ad", "document_counts_au", "document_counts_am"} {
		drop := "DROP TRIGGER IF EXISTS " + t
		if postgres {
			drop += " ON clauses"
		}
		if err := tx.Exec(drop).Error; err != nil {
			return err
		}
	}
	return nil
}

// makeDocumentCountsWork replaces the triggers of document_counts by those
// of its second shape and counts every document again.
func makeDocumentCountsWork(tx *gorm.DB, postgres bool) error {
	if err := dropDocumentCountsTriggers(tx, postgres); err != nil {
		return err
	}
	for _, q := range documentCountsWorkSQL(postgres) {
		if err := tx.Exec(q).Error; err != nil {
			return err
		}
	}
	if err := tx.Exec("DELETE FROM document_counts").Error; err != nil {
		return err
	}
	return tx.Exec(fillDocumentCountsWork()).Error
}

// migrateDocumentCountsWork gives document_counts the draft, confirmed,
// rejected and markers columns, and triggers that count only work clauses
// (numbering markers apart), and counts every document again.
func migrateDocumentCountsWork(tx *gorm.DB) error {
	postgres := tx.Dialector.Name() == "postgres"
	for _, col := range []string{"draft", "confirmed", "rejected", "markers"} {
		if err := tx.Exec("ALTER TABLE document_counts ADD COLUMN " + col + " INTEGER NOT NULL DEFAULT 0").Error; err != nil {
			return fmt.Errorf("document counts: %w", err)
		}
	}
	if err := makeDocumentCountsWork(tx, postgres); err != nil {
		return fmt.Errorf("document counts: %w", err)
	}
	return nil
}
