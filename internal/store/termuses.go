package store

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"strings"

	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/glossary"
)

// The term-occurrence index: for every clause, translated or not, what it
// does with each glossary entry whose term is in its Chinese (a
// glossary.TermUse). It is kept with the stored findings, by the same
// rechecks and in the same transactions, and with three running totals
// that the term report pages read: per entry, per entry and statement, and
// per entry and glossary form.

// TermUseRow is one row of the index.
//
// Its key is (clause, entry): a recompute writes it in clause order; the
// index idx_term_uses_entry finds an entry's clauses.
type TermUseRow struct {
	ClauseID   uint   `gorm:"primaryKey;autoIncrement:false"`
	EntryID    uint   `gorm:"primaryKey;autoIncrement:false"`
	DocumentID uint   `gorm:"not null"`
	Count      int    `gorm:"column:occurrences;not null"`
	State      uint8  `gorm:"not null"`
	Accepted   string `gorm:"not null;default:''"` // glossary forms, joined by formSep
	Forbidden  string `gorm:"not null;default:''"`
}

func (TermUseRow) TableName() string { return "term_uses" }

// TermCount is an entry's totals over the corpus.
type TermCount struct {
	EntryID     uint  `gorm:"primaryKey;autoIncrement:false"`
	Occurrences int64 `gorm:"not null"`
	Clauses     int64 `gorm:"not null"`
	Translated  int64 `gorm:"not null"`
	Problems    int64 `gorm:"not null"` // clauses whose use needs attention
	Other       int64 `gorm:"not null"` // clauses that render it none of the glossary's ways
}

func (TermCount) TableName() string { return "term_counts" }

// TermDocumentCount is an entry's occurrences in one statement's Chinese.
type TermDocumentCount struct {
	EntryID     uint  `gorm:"primaryKey;autoIncrement:false"`
	DocumentID  uint  `gorm:"primaryKey;autoIncrement:false"`
	Occurrences int64 `gorm:"not null"`
}

func (TermDocumentCount) TableName() string { return "term_document_counts" }

// TermFormCount is how often the English has one of an entry's forms.
type TermFormCount struct {
	EntryID   uint   `gorm:"primaryKey;autoIncrement:false"`
	Forbidden bool   `gorm:"primaryKey;autoIncrement:false"`
	Form      string `gorm:"primaryKey"`
	N         int64  `gorm:"not null"`
}

func (TermFormCount) TableName() string { return "term_form_counts" }

// formSep joins glossary forms in a row: a control character that
// glossary.CleanEntry never leaves in one.
const formSep = "\x1f"

func termUseRow(clause, document uint, u glossary.TermUse) TermUseRow {
	return TermUseRow{EntryID: u.EntryID, ClauseID: clause, DocumentID: document, Count: u.Count, State: uint8(u.State),
		Accepted: strings.Join(u.Accepted, formSep), Forbidden: strings.Join(u.Forbidden, formSep)}
}

// Use is the row as the glossary package knows it.
func (r TermUseRow) Use() glossary.TermUse {
	return glossary.TermUse{EntryID: r.EntryID, Count: r.Count, State: glossary.UseState(r.State),
		Accepted: splitForms(r.Accepted), Forbidden: splitForms(r.Forbidden)}
}

func splitForms(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, formSep)
}

// termTally is a change to the three totals, from rows that go (sign -1)
// and rows that come (+1).
type termTally struct {
	terms map[uint]*TermCount
	docs  map[[2]uint]int64
	forms map[formKey]int64
}

type formKey struct {
	entry     uint
	forbidden bool
	form      string
}

func newTermTally() *termTally {
	return &termTally{terms: map[uint]*TermCount{}, docs: map[[2]uint]int64{}, forms: map[formKey]int64{}}
}

func (t *termTally) add(r *TermUseRow, sign int64) {
	c := t.terms[r.EntryID]
	if c == nil {
		c = &TermCount{EntryID: r.EntryID}
		t.terms[r.EntryID] = c
	}
	state := glossary.UseState(r.State)
	c.Occurrences += sign * int64(r.Count)
	c.Clauses += sign
	if state != glossary.UseUntranslated {
		c.Translated += sign
	}
	if state.Attention() {
		c.Problems += sign
	}
	if state == glossary.UseOther {
		c.Other += sign
	}
	t.docs[[2]uint{r.EntryID, r.DocumentID}] += sign * int64(r.Count)
	for _, f := range splitForms(r.Accepted) {
		t.forms[formKey{r.EntryID, false, f}] += sign
	}
	for _, f := range splitForms(r.Forbidden) {
		t.forms[formKey{r.EntryID, true, f}] += sign
	}
}

// apply adds the tally to the stored totals (multi-row upserts) and drops
// the totals that fell to nothing.
func (t *termTally) apply(tx *gorm.DB, postgres bool) error {
	var terms []*TermCount
	for _, c := range t.terms {
		if *c != (TermCount{EntryID: c.EntryID}) {
			terms = append(terms, c)
		}
	}
	err := writeRows(tx, postgres, "term_counts", []string{"entry_id", "occurrences", "clauses", "translated", "problems", "other"},
		" ON CONFLICT (entry_id) DO UPDATE SET occurrences = term_counts.occurrences + excluded.occurrences, "+
			"clauses = term_counts.clauses + excluded.clauses, translated = term_counts.translated + excluded.translated, "+
			"problems = term_counts.problems + excluded.problems, other = term_counts.other + excluded.other",
		len(terms), func(i int, args []any) []any {
			c := terms[i]
			return append(args, c.EntryID, c.Occurrences, c.Clauses, c.Translated, c.Problems, c.Other)
		})
	if err != nil {
		return err
	}
	type docDelta struct {
		key [2]uint
		n   int64
	}
	var docs []docDelta
	for k, n := range t.docs {
		if n != 0 {
			docs = append(docs, docDelta{k, n})
		}
	}
	err = writeRows(tx, postgres, "term_document_counts", []string{"entry_id", "document_id", "occurrences"},
		" ON CONFLICT (entry_id, document_id) DO UPDATE SET occurrences = term_document_counts.occurrences + excluded.occurrences",
		len(docs), func(i int, args []any) []any { return append(args, docs[i].key[0], docs[i].key[1], docs[i].n) })
	if err != nil {
		return err
	}
	type formDelta struct {
		key formKey
		n   int64
	}
	var forms []formDelta
	for k, n := range t.forms {
		if n != 0 {
			forms = append(forms, formDelta{k, n})
		}
	}
	err = writeRows(tx, postgres, "term_form_counts", []string{"entry_id", "forbidden", "form", "n"},
		" ON CONFLICT (entry_id, forbidden, form) DO UPDATE SET n = term_form_counts.n + excluded.n",
		len(forms), func(i int, args []any) []any {
			f := forms[i]
			return append(args, f.key.entry, f.key.forbidden, f.key.form, f.n)
		})
	if err != nil {
		return err
	}
	// The totals that fell to nothing go: looked for among the entries
	// whose totals went down (a save should not scan every entry's
	// totals, and an import that only adds clauses scanned 2,000 entries'
	// totals of every statement a thousand clauses: 14 s of 64).
	var fewerClauses, fewerInDocs, fewerForms []uint
	for id, c := range t.terms {
		if c.Clauses < 0 {
			fewerClauses = append(fewerClauses, id)
		}
	}
	for _, d := range docs {
		if d.n < 0 {
			fewerInDocs = append(fewerInDocs, d.key[0])
		}
	}
	for _, f := range forms {
		if f.n < 0 {
			fewerForms = append(fewerForms, f.key.entry)
		}
	}
	for _, gone := range []struct {
		model   any
		where   string
		entries []uint
	}{{&TermCount{}, "clauses <= 0", fewerClauses}, {&TermDocumentCount{}, "occurrences <= 0", fewerInDocs}, {&TermFormCount{}, "n <= 0", fewerForms}} {
		slices.Sort(gone.entries)
		for chunk := range chunks(slices.Compact(gone.entries), 500) {
			if err := tx.Where("entry_id IN ? AND "+gone.where, chunk).Delete(gone.model).Error; err != nil {
				return err
			}
		}
	}
	return nil
}

// replaceTermUses replaces the uses of the clauses ids by checked's (for
// those of checked that are still there), in transaction tx, keeping the
// totals. Only the rows that changed are written (see diffFindings).
func replaceTermUses(tx *gorm.DB, postgres bool, ids []uint, checked []*Checked) error {
	fresh := map[[2]uint]TermUseRow{}
	for _, c := range checked {
		for _, u := range c.Uses {
			r := termUseRow(c.ClauseID, c.DocumentID, u)
			fresh[[2]uint{r.ClauseID, r.EntryID}] = r
		}
	}
	tally := newTermTally()
	var gone [][2]uint
	for chunk := range chunks(ids, 500) {
		old, err := storedTermUses(tx, chunk)
		if err != nil {
			return err
		}
		for i := range old {
			k := [2]uint{old[i].ClauseID, old[i].EntryID}
			if r, ok := fresh[k]; ok && r == old[i] {
				delete(fresh, k) // unchanged
				continue
			}
			tally.add(&old[i], -1)
			gone = append(gone, k)
		}
	}
	if err := deleteTermUses(tx, postgres, gone); err != nil {
		return err
	}
	// What is left of fresh is new or changed, written in clause order.
	var rows []TermUseRow
	for _, c := range checked {
		for _, u := range c.Uses {
			if r, ok := fresh[[2]uint{c.ClauseID, u.EntryID}]; ok {
				rows = append(rows, r)
			}
		}
	}
	for i := range rows {
		tally.add(&rows[i], 1)
	}
	if err := insertTermUses(tx, postgres, rows); err != nil {
		return err
	}
	return tally.apply(tx, postgres)
}

// storedTermUses reads the rows of the clauses ids.
func storedTermUses(tx *gorm.DB, ids []uint) ([]TermUseRow, error) {
	return scanRows(tx, func(r *TermUseRow) []any {
		return []any{&r.ClauseID, &r.EntryID, &r.DocumentID, &r.Count, &r.State, &r.Accepted, &r.Forbidden}
	}, "SELECT clause_id, entry_id, document_id, occurrences, state, accepted, forbidden FROM term_uses WHERE clause_id IN ?", ids)
}

// deleteTermUses deletes the rows with these keys (clause, entry).
func deleteTermUses(tx *gorm.DB, postgres bool, keys [][2]uint) error {
	var casts []string
	if postgres {
		casts = []string{"::bigint", "::bigint"}
	}
	query := func(rows int) string {
		var q strings.Builder
		p := 0
		// A subquery, not a bare VALUES list: SQLite walks the whole table
		// for the latter.
		q.WriteString("DELETE FROM term_uses WHERE (clause_id, entry_id) IN (SELECT column1, column2 FROM (VALUES ")
		writeTuples(&q, postgres, &p, rows, 2, casts)
		q.WriteString(") AS v)")
		return q.String()
	}
	return execBatches(tx, insertParams/2, len(keys), nil, query, func(i int, args []any) []any {
		return append(args, keys[i][0], keys[i][1])
	})
}

func insertTermUses(tx *gorm.DB, postgres bool, rows []TermUseRow) error {
	cols := []string{"entry_id", "clause_id", "document_id", "occurrences", "state", "accepted", "forbidden"}
	return insertRows(tx, postgres, "term_uses", cols, len(rows), func(i int, args []any) []any {
		r := &rows[i]
		return append(args, r.EntryID, r.ClauseID, r.DocumentID, r.Count, r.State, r.Accepted, r.Forbidden)
	})
}

// ClausesWithTerms returns the ids of the clauses whose Chinese holds the
// term of one of the entries (from the index), or one of the normalised
// terms keys, which need not be in the glossary yet: looked up as the
// concordance searches (containing).
func (s *Store) ClausesWithTerms(ctx context.Context, entries []uint, keys []string) ([]uint, error) {
	var out []uint
	for chunk := range chunks(entries, 500) {
		var ids []uint
		if err := s.r.WithContext(ctx).Model(&TermUseRow{}).Where("entry_id IN ?", chunk).Pluck("clause_id", &ids).Error; err != nil {
			return nil, err
		}
		out = append(out, ids...)
	}
	for _, key := range keys {
		if key == "" {
			continue
		}
		cond, arg := s.containing("source_key", key)
		var ids []uint
		if err := s.r.WithContext(ctx).Model(&Clause{}).Where(cond, arg).Pluck("clauses.id", &ids).Error; err != nil {
			return nil, err
		}
		out = append(out, ids...)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// TermTotals is what the index keeps counted for one entry.
type TermTotals struct {
	Entry glossary.Entry
	glossary.TermSummary
}

// TermTotalsPage returns the totals of the entries used anywhere, those
// with problems first, then the most frequent (as glossary.SortTermReports
// orders reports), limit of them from offset, with the number in all and
// the first attention clauses of each. It reads one snapshot.
func (s *Store) TermTotalsPage(ctx context.Context, limit, offset, attention int) (out []TermTotals, total int64, err error) {
	err = s.r.WithContext(ctx).Transaction(func(db *gorm.DB) error {
		if err := db.Model(&TermCount{}).Joins("JOIN glossary_entries ON glossary_entries.id = term_counts.entry_id").Count(&total).Error; err != nil {
			return err
		}
		var counts []TermCount
		err := db.Table("term_counts").Select("term_counts.*").Joins("JOIN glossary_entries ON glossary_entries.id = term_counts.entry_id").
			Order("CASE WHEN term_counts.problems > 0 THEN 0 ELSE 1 END, term_counts.occurrences DESC, glossary_entries.zh" + s.bytewise() + ", term_counts.entry_id").
			Limit(limit).Offset(offset).Scan(&counts).Error
		if err != nil || len(counts) == 0 {
			return err
		}
		out = make([]TermTotals, len(counts))
		at := map[uint]*TermTotals{}
		ids := make([]uint, len(counts))
		for i, c := range counts {
			out[i].TermSummary = glossary.TermSummary{Occurrences: int(c.Occurrences), Clauses: int(c.Clauses), Translated: int(c.Translated),
				Problems: int(c.Problems), Other: int(c.Other), Documents: map[uint]int{}, Accepted: map[string]int{}, Forbidden: map[string]int{}}
			at[c.EntryID], ids[i] = &out[i], c.EntryID
		}
		var entries []GlossaryEntry
		if err := db.Where("id IN ?", ids).Find(&entries).Error; err != nil {
			return err
		}
		for _, e := range entries {
			at[e.ID].Entry = e.term().Entry
		}
		var docs []TermDocumentCount
		if err := db.Where("entry_id IN ?", ids).Find(&docs).Error; err != nil {
			return err
		}
		for _, d := range docs {
			at[d.EntryID].Documents[d.DocumentID] = int(d.Occurrences)
		}
		var forms []TermFormCount
		if err := db.Where("entry_id IN ?", ids).Find(&forms).Error; err != nil {
			return err
		}
		for _, f := range forms {
			if t := at[f.EntryID]; f.Forbidden {
				t.Forbidden[f.Form] = int(f.N)
			} else {
				t.Accepted[f.Form] = int(f.N)
			}
		}
		for i := range out {
			if out[i].Problems == 0 || attention <= 0 {
				continue
			}
			err := db.Model(&TermUseRow{}).Where(attentionUses, ids[i]).Order("clause_id").Limit(attention).Pluck("clause_id", &out[i].Attention).Error
			if err != nil {
				return err
			}
		}
		return nil
	})
	return out, total, err
}

// attentionUses selects an entry's uses that need attention with the
// literal condition of the partial index idx_term_uses_attention (a bound
// parameter would not let the planners use it).
var attentionUses = fmt.Sprintf("entry_id = ? AND state >= %d", glossary.UseProblem)

// reviewedTarget is a clause's English as the term report counts it: the
// approved one until a new one is approved (ReviewedTexts).
const reviewedTarget = "CASE WHEN clauses.approved_target <> '' THEN clauses.approved_target ELSE clauses.target END"

// TermUseAt is a stored use with its clause's English.
type TermUseAt struct {
	ClauseID, DocumentID uint
	Target               string
	Use                  glossary.TermUse
}

// EachTermUse streams the stored uses of an entry (0: of every entry), in
// entry and clause order, with their clauses' English as the index has it
// (ReviewedTexts).
func (s *Store) EachTermUse(ctx context.Context, entry uint) iter.Seq2[TermUseAt, error] {
	return func(yield func(TermUseAt, error) bool) {
		q := s.r.WithContext(ctx).Table("term_uses").Select("term_uses.entry_id, term_uses.clause_id, term_uses.document_id, term_uses.occurrences, term_uses.state, term_uses.accepted, term_uses.forbidden, " + reviewedTarget).
			Joins("JOIN clauses ON clauses.id = term_uses.clause_id").Order("term_uses.entry_id, term_uses.clause_id")
		if entry != 0 {
			q = q.Where("term_uses.entry_id = ?", entry)
		}
		rows, err := q.Rows()
		if err != nil {
			yield(TermUseAt{}, err)
			return
		}
		defer rows.Close()
		for rows.Next() {
			var r TermUseRow
			var target string
			if err := rows.Scan(&r.EntryID, &r.ClauseID, &r.DocumentID, &r.Count, &r.State, &r.Accepted, &r.Forbidden, &target); err != nil {
				yield(TermUseAt{}, err)
				return
			}
			if !yield(TermUseAt{ClauseID: r.ClauseID, DocumentID: r.DocumentID, Target: target, Use: r.Use()}, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(TermUseAt{}, err)
		}
	}
}

// bytewise is the collation that orders text as Go compares strings
// (SQLite's default already does).
func (s *Store) bytewise() string {
	if s.Dialect == "postgres" {
		return ` COLLATE "C"`
	}
	return ""
}
