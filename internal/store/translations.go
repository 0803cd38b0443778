package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/zhen-workbench/zhen/internal/fault"
	"iter"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/exchange"
	"github.com/zhen-workbench/zhen/internal/segment"
	"github.com/zhen-workbench/zhen/internal/usertext"
)

// MaxTargetLen bounds one translation; a clause's English never comes near it.
const MaxTargetLen = 20000

// checkText applies Zhen's one rule for written text (usertext.Check) to
// a field, named as its writer knows it ("the title").
func checkText(field, s string, r usertext.Rule) error {
	if err := usertext.Check(field, s, r); err != nil {
		return &fault.Invalid{Field: "text", Reason: err.Error()}
	}
	return nil
}

// CheckTarget refuses English that could not be stored or exported
// faithfully: invalid UTF-8, control characters other than tabs and line
// breaks, noncharacters (TMX/XLIFF could not carry them), or more than
// MaxTargetLen characters.
func CheckTarget(s string) error {
	return checkText("the translation", s, usertext.Rule{Max: MaxTargetLen, Multiline: true})
}

// SaveTranslation stores text as the clause's new English, provided base is
// still the clause's version; otherwise it returns a *fault.Conflict holding
// the newer clause, and changes nothing (see changeTx). The clause becomes a
// draft (see saveTx).
func (s *Store) SaveTranslation(ctx context.Context, clauseID uint, base int, text, author, origin string) (Clause, error) {
	return s.saveTranslation(ctx, clauseID, base, text, author, origin, false)
}

// ConfirmTranslation is SaveTranslation by a translator who says the
// English is done: the clause becomes translated (see saveTx). Confirming
// the unchanged English of a draft or rejected clause is a status change
// only (history action confirm); confirming a clause that is translated,
// submitted or approved with that English already changes nothing and
// returns it as it is.
func (s *Store) ConfirmTranslation(ctx context.Context, clauseID uint, base int, text, author, origin string) (Clause, error) {
	return s.saveTranslation(ctx, clauseID, base, text, author, origin, true)
}

func (s *Store) saveTranslation(ctx context.Context, clauseID uint, base int, text, author, origin string, confirm bool) (Clause, error) {
	text = normalizeTarget(text)
	if err := CheckTarget(text); err != nil {
		return Clause{}, err
	}
	if confirm && text == "" {
		return Clause{}, fault.Invalidf("text", "there is no English to confirm: translate the clause first")
	}
	var saved Clause
	err := s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if confirm {
			saved, err = confirmTx(tx, clauseID, text, base, author, origin)
		} else {
			saved, err = saveTx(tx, clauseID, text, base, author, origin)
		}
		return err
	})
	return saved, err
}

// saveTx stores new English that the translator has not confirmed: the
// clause becomes a draft (untranslated if it has no English at all; a
// submitted clause stays submitted, the text joining the waiting review).
// Saving a translated clause's English unchanged keeps it translated.
func saveTx(tx *gorm.DB, clauseID uint, text string, base int, author, origin string) (Clause, error) {
	return changeTx(tx, clauseID, base, func(tx *gorm.DB, c *Clause, at time.Time) (Revision, map[string]any, error) {
		status := StatusDraft
		switch {
		case text == "" && c.ApprovedTarget == "":
			status = StatusUntranslated
		case c.Status == StatusSubmitted:
			status = StatusSubmitted // another translator's alternative joins the waiting review
		case c.Status == StatusTranslated && text == c.Target:
			status = StatusTranslated
		}
		action := ActionSave
		if origin == ActionRestore {
			action = ActionRestore
		}
		return Revision{Action: action, Text: text, Author: author, Origin: origin},
			map[string]any{"target": text, "status": status, "updated_by": author, "updated_at": at}, nil
	})
}

// confirmTx stores English the translator confirmed (text is not empty):
// the clause becomes translated (a submitted one stays submitted). New
// English is a save in the history; the draft's English unchanged, a
// confirm. A clause whose English is already this text and past draft
// (translated, submitted, approved) is left as it is, with no new version.
func confirmTx(tx *gorm.DB, clauseID uint, text string, base int, author, origin string) (Clause, error) {
	c, err := clauseAt(tx, clauseID, base)
	if err != nil {
		return Clause{}, err
	}
	if text == c.Target && (c.Status == StatusTranslated || c.Status == StatusSubmitted || c.Status == StatusApproved) {
		return c, nil
	}
	return changeTx(tx, clauseID, base, func(tx *gorm.DB, c *Clause, at time.Time) (Revision, map[string]any, error) {
		status := StatusTranslated
		if c.Status == StatusSubmitted {
			status = StatusSubmitted
		}
		if text == c.Target {
			// Only the status changes: the English and its writer stay.
			return Revision{Action: ActionConfirm, Text: text, Author: author, Origin: origin},
				map[string]any{"status": status}, nil
		}
		action := ActionSave
		if origin == ActionRestore {
			action = ActionRestore
		}
		return Revision{Action: action, Text: text, Author: author, Origin: origin},
			map[string]any{"target": text, "status": status, "updated_by": author, "updated_at": at}, nil
	})
}

// clauseAt reads a clause that must still be at version base (else a
// *fault.Conflict with the newer clause).
func clauseAt(tx *gorm.DB, clauseID uint, base int) (Clause, error) {
	var c Clause
	if err := tx.Take(&c, clauseID).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return Clause{}, fault.Missing("clause", clauseID)
		}
		return Clause{}, err
	}
	if c.Version != base {
		return Clause{}, clauseConflict(c)
	}
	return c, nil
}

// changeTx applies one change to a clause provided base is still its
// version: decide looks at the clause and returns the history row to add
// and the columns to set, with at as the time of the change (the history
// row's too, so that "changed since" compares exactly). The compare-and-set is one UPDATE … WHERE
// version = base, atomic on SQLite and PostgreSQL; when it finds nothing,
// the newer clause comes back in a *fault.Conflict.
func changeTx(tx *gorm.DB, clauseID uint, base int, decide func(tx *gorm.DB, c *Clause, at time.Time) (Revision, map[string]any, error)) (Clause, error) {
	c, err := clauseAt(tx, clauseID, base)
	if err != nil {
		return Clause{}, err
	}
	at := now()
	rev, set, err := decide(tx, &c, at)
	if err != nil {
		return Clause{}, err
	}
	set["version"] = gorm.Expr("version + 1")
	res := tx.Model(&Clause{}).Where("id = ? AND version = ?", clauseID, base).Updates(set)
	if res.Error != nil {
		return Clause{}, res.Error
	}
	if err := tx.Take(&c, clauseID).Error; err != nil {
		return Clause{}, err
	}
	if res.RowsAffected == 0 {
		return Clause{}, clauseConflict(c)
	}
	rev.ClauseID, rev.Version, rev.CreatedAt = c.ID, c.Version, at
	if rev.Origin == "" {
		rev.Origin = "editor"
	}
	if err := tx.Create(&rev).Error; err != nil {
		return Clause{}, err
	}
	return c, nil
}

// History returns a clause's revisions, newest first.
func (s *Store) History(ctx context.Context, clauseID uint) ([]Revision, error) {
	if _, err := s.GetClause(ctx, clauseID); err != nil {
		return nil, err
	}
	out := []Revision{}
	err := s.r.WithContext(ctx).Where("clause_id = ?", clauseID).Order("version DESC").Find(&out).Error
	return out, err
}

// SourcePair is a Chinese text and the English to give every clause that
// has that Chinese.
type SourcePair struct {
	Source, Target string
}

// ApplyResult counts what ApplyTranslations did.
type ApplyResult struct {
	Matched   int `json:"matched"`   // pairs whose Chinese was found
	Unmatched int `json:"unmatched"` // pairs whose Chinese is in no clause
	Updated   int `json:"updated"`   // clauses that got a new revision
	Unchanged int `json:"unchanged"` // clauses that already had that English
	// MarkerPairs are the matched pairs whose Chinese is a numbering
	// marker and a sentence (四、双方… with 4. Both sides…), applied to the
	// sentence after that marker (markerpairs.go).
	MarkerPairs int `json:"marker_pairs"`
}

// ApplyTranslations sets the English of every clause whose Chinese equals a
// pair's Chinese after normalisation (width, whitespace), each as a new
// revision, all in one transaction. A pair whose Chinese is in no clause
// but starts with a numbering marker goes to the sentence after that
// marker, without the English's numbering (markerpairs.go).
func (s *Store) ApplyTranslations(ctx context.Context, pairs []SourcePair, author, origin string) (ApplyResult, error) {
	var res ApplyResult
	for i, p := range pairs {
		if err := CheckTarget(normalizeTarget(p.Target)); err != nil {
			return res, fmt.Errorf("pair %d: %w", i+1, err)
		}
	}
	err := s.InTransaction(ctx, func(st *Store) error {
		bulk, err := st.startBulkUpdate(len(pairs))
		if err != nil {
			return err
		}
		a := &applier{tx: st.w, postgres: s.Dialect == "postgres", author: author, origin: cmp.Or(origin, "editor"), at: now(), res: &res, staged: map[uint]stagedEnglish{}}
		for start := 0; start < len(pairs); start += applyBatch {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := a.resolve(pairs[start:min(start+applyBatch, len(pairs))]); err != nil {
				return err
			}
		}
		if err := a.write(ctx); err != nil {
			return err
		}
		return bulk.finish()
	})
	if err != nil {
		return ApplyResult{}, err
	}
	return res, nil
}

// applyBatch is how many pairs applier.resolve looks up with one query (a
// variable: the cancellation test takes one at a time).
var applyBatch = 500

// applier gives each pair's English to every clause with its Chinese, in
// order (a later pair for the same Chinese wins), as saveTx would one by
// one, but set-based: the clauses of a batch of pairs are read with one
// query, and the changes of the whole file are written at the end in the
// clauses' order, through multi-row UPDATEs and history INSERTs. One by
// one, 177,000 clauses took 90 s; written batch by batch, in the file's
// order, the updates went to random places of the table and its status
// index, spilling the page cache (docs/PERFORMANCE.md).
type applier struct {
	tx             *gorm.DB
	postgres       bool
	author, origin string
	at             time.Time
	res            *ApplyResult
	staged         map[uint]stagedEnglish // the clauses' English as this import leaves it
	revs           []stagedRevision       // their history rows, a change each
}

// stagedEnglish is what the import changes in a clause.
type stagedEnglish struct {
	target, status string
	version        int
}

// stagedRevision is a history row of the import (its author, origin and
// time are the import's).
type stagedRevision struct {
	clauseID uint
	version  int
	text     string
}

// resolve finds the clauses of pairs and stages their new English.
func (a *applier) resolve(pairs []SourcePair) error {
	keys := make([]string, len(pairs))
	splits := make([]markerSplit, len(pairs))
	var sentenceKeys []string
	for i, p := range pairs {
		keys[i] = glossary.Normalize(p.Source)
		if sp, ok := splitMarkerPair(p); ok {
			splits[i] = sp
			sentenceKeys = append(sentenceKeys, sp.key)
		}
	}
	q := "SELECT " + clauseColumns + " FROM clauses WHERE clauses.source_key IN ? ORDER BY clauses.id"
	if a.postgres {
		q += " FOR UPDATE"
	}
	rows, err := a.tx.Raw(q, slices.Concat(keys, sentenceKeys)).Rows()
	if err != nil {
		return err
	}
	byKey := map[string][]*Clause{}
	for rows.Next() {
		c := &Clause{}
		if err := scanClause(rows, c); err != nil {
			rows.Close()
			return err
		}
		if s, ok := a.staged[c.ID]; ok { // changed by an earlier pair of the file
			c.Target, c.Status, c.Version, c.UpdatedBy = s.target, s.status, s.version, a.author
		}
		byKey[c.SourceKey] = append(byKey[c.SourceKey], c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	before, err := markersBefore(a.tx, sentenceKeys)
	if err != nil {
		return err
	}
	res := a.res
	for i, p := range pairs {
		clauses := byKey[keys[i]]
		target := normalizeTarget(p.Target)
		if sp := splits[i]; len(clauses) == 0 && sp.key != "" {
			if clauses = afterMarker(byKey[sp.key], before, sp.marker); len(clauses) > 0 {
				target = normalizeTarget(sp.target)
				res.MarkerPairs++
			}
		}
		if len(clauses) == 0 {
			res.Unmatched++
			continue
		}
		res.Matched++
		for _, c := range clauses {
			// A numbering marker's English follows its statement's style
			// (numbering.go), not a file of translations by Chinese.
			if c.Target == target || c.Kind == string(segment.KindHeading) && c.UpdatedBy == NumberingAuthor {
				res.Unchanged++
				continue
			}
			status := StatusDraft // as saveTx decides
			switch {
			case target == "" && c.ApprovedTarget == "":
				status = StatusUntranslated
			case c.Status == StatusSubmitted:
				status = StatusSubmitted
			}
			c.Target, c.Status, c.Version, c.UpdatedBy = target, status, c.Version+1, a.author
			a.staged[c.ID] = stagedEnglish{target: target, status: status, version: c.Version}
			a.revs = append(a.revs, stagedRevision{clauseID: c.ID, version: c.Version, text: target})
			res.Updated++
		}
	}
	return nil
}

// write stores the staged English and its history, in the clauses' order.
func (a *applier) write(ctx context.Context) error {
	if len(a.staged) == 0 {
		return nil
	}
	ids := make([]uint, 0, len(a.staged))
	for id := range a.staged {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if err := a.update(ctx, ids); err != nil {
		return err
	}
	slices.SortFunc(a.revs, func(x, y stagedRevision) int {
		return cmp.Or(cmp.Compare(x.clauseID, y.clauseID), cmp.Compare(x.version, y.version))
	})
	cols := []string{"clause_id", "version", "action", "text", "comment", "author", "origin", "created_at"}
	return insertRows(a.tx.WithContext(ctx), a.postgres, "revisions", cols, len(a.revs), func(i int, args []any) []any {
		r := &a.revs[i]
		return append(args, r.clauseID, r.version, ActionSave, r.text, "", a.author, a.origin, a.at)
	})
}

// giveSameSource saves p's English, as a new revision, in every clause
// whose Chinese is p's after normalisation and for which give says so. It
// returns how many clauses it changed, or -1 if no clause has that Chinese.
func giveSameSource(tx *gorm.DB, p SourcePair, author, origin string, give func(c Clause, target string) bool) (int, error) {
	var clauses []Clause
	if err := tx.Where("source_key = ?", glossary.Normalize(p.Source)).Order("id").Find(&clauses).Error; err != nil {
		return 0, err
	}
	if len(clauses) == 0 {
		return -1, nil
	}
	target, n := normalizeTarget(p.Target), 0
	for _, c := range clauses {
		if !give(c, target) {
			continue
		}
		if _, err := saveTx(tx, c.ID, target, c.Version, author, origin); err != nil {
			return 0, err
		}
		n++
	}
	return n, nil
}

// ExportRow is a clause with its document's title, as exports need it.
type ExportRow struct {
	Clause
	DocumentTitle string
}

// ExportFilter selects what an export carries.
type ExportFilter struct {
	DocumentID   uint  // 0 = every document
	Texts        Texts // which English
	Untranslated bool  // also clauses without that English (a worksheet, not aligned data)
	// History fills the units' writers from the clauses' history (first
	// and last writer of the English, the approver): TMX's metadata. One
	// query still, with correlated subqueries (historyColumns).
	History bool
}

// Texts says which English of a clause a reader wants.
type Texts int

const (
	// ApprovedTexts is the approved English only, as an approved unit (its
	// status, approver and time): what exports carry unless asked otherwise.
	ApprovedTexts Texts = iota
	// LatestTexts is the newest English, approved or not: what the
	// translator works on and the checks look at.
	LatestTexts
	// ReviewedTexts is the approved English where there is some, else the
	// newest: what the term report counts, so that a pending edit does not
	// change it before it is approved.
	ReviewedTexts
)

// choose puts the English f asks for in c.Target.
func (t Texts) choose(c *Clause) {
	switch {
	case t == ApprovedTexts:
		c.Target = c.ApprovedTarget
		if c.ApprovedTarget != "" {
			c.Status, c.UpdatedBy = StatusApproved, c.ApprovedBy
			if c.ApprovedAt != nil {
				c.UpdatedAt = *c.ApprovedAt
			}
		}
	case t == ReviewedTexts && c.ApprovedTarget != "":
		c.Target = c.ApprovedTarget
	}
}

func (t Texts) nonEmpty() string {
	switch t {
	case ApprovedTexts:
		return "clauses.approved_target <> ''"
	case ReviewedTexts:
		return "(clauses.approved_target <> '' OR clauses.target <> '')"
	}
	return "clauses.target <> ''"
}

// ExportRows streams clauses in document order without loading them all:
// exports of any size run in constant memory.
func (s *Store) ExportRows(ctx context.Context, f ExportFilter) iter.Seq2[ExportRow, error] {
	return func(yield func(ExportRow, error) bool) {
		q, args := f.query(clauseColumns)
		rows, err := s.r.WithContext(ctx).Raw(q, args...).Rows()
		if err != nil {
			yield(ExportRow{}, err)
			return
		}
		defer rows.Close()
		for rows.Next() {
			var r ExportRow
			if err := scanClause(rows, &r.Clause, &r.DocumentTitle); err != nil {
				yield(ExportRow{}, err)
				return
			}
			f.Texts.choose(&r.Clause)
			if !yield(r, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(ExportRow{}, err)
		}
	}
}

// query is the export's SELECT of columns (and the document title) with
// f's conditions, in document order.
func (f ExportFilter) query(columns string) (string, []any) {
	q := "SELECT " + columns + ", documents.title FROM clauses JOIN documents ON documents.id = clauses.document_id"
	var where []string
	var args []any
	if f.DocumentID != 0 {
		where = append(where, "clauses.document_id = ?")
		args = append(args, f.DocumentID)
	}
	if !f.Untranslated {
		where = append(where, f.Texts.nonEmpty())
	}
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	return q + " ORDER BY clauses.document_id, clauses.position", args
}

// unitColumns are the columns an exchange unit needs: not the normalised
// key (a second copy of the Chinese), paragraph or kind.
const unitColumns = "clauses.id, clauses.document_id, clauses.position, clauses.source, clauses.target, clauses.status, " +
	"clauses.version, clauses.updated_by, clauses.updated_at, clauses.created_at, clauses.approved_target, clauses.approved_by, clauses.approved_at"

// unitBatch is how many units the export's reader hands over at a time.
const unitBatch = 256

type unitsBatch struct {
	units []exchange.Unit
	err   error
}

// ExportUnits streams clauses as exchange units, in document order. Outside
// a transaction the rows are read and scanned on a goroutine of their own,
// a batch of units ahead of the writer (two batches in flight at most), so
// that reading the database and writing the file use both cores; memory
// stays constant whatever the size of the export.
func (s *Store) ExportUnits(ctx context.Context, f ExportFilter) iter.Seq2[exchange.Unit, error] {
	if _, inTx := s.r.Statement.ConnPool.(gorm.TxCommitter); inTx {
		// A transaction's connection is not shared with a reader goroutine.
		return func(yield func(exchange.Unit, error) bool) {
			free := make(chan []exchange.Unit, 1)
			s.readUnits(ctx, f, func(units []exchange.Unit, err error) bool {
				for _, u := range units {
					if !yield(u, nil) {
						return false
					}
				}
				if err != nil {
					yield(exchange.Unit{}, err)
					return false
				}
				clear(units)
				free <- units[:0]
				return true
			}, free)
		}
	}
	return func(yield func(exchange.Unit, error) bool) {
		parent := ctx
		ctx, cancel := context.WithCancel(ctx)
		full := make(chan unitsBatch, 1)
		free := make(chan []exchange.Unit, 2)
		done := make(chan struct{})
		go func() {
			defer close(done)
			defer close(full)
			// Sends block: the consumer reads full until it is closed, also
			// when it stops early, so an error is never lost.
			s.readUnits(ctx, f, func(units []exchange.Unit, err error) bool {
				full <- unitsBatch{units, err}
				return err == nil && ctx.Err() == nil
			}, free)
		}()
		defer func() {
			cancel()
			for range full { // let the reader see the cancellation and close its rows
			}
			<-done
		}()
		for b := range full {
			for _, u := range b.units {
				if !yield(u, nil) {
					return
				}
			}
			if b.err != nil {
				yield(exchange.Unit{}, b.err)
				return
			}
			clear(b.units)
			select {
			case free <- b.units[:0]:
			default:
			}
		}
		// The reader also stops when the caller's context ends: an export cut
		// short must not look complete.
		if err := parent.Err(); err != nil {
			yield(exchange.Unit{}, err)
		}
	}
}

// readUnits reads the export's rows and hands them to emit in batches of
// unitBatch units (the last one possibly shorter, or with an error), reusing
// the slices that come back on free. It stops when emit returns
// false. Titles, statuses and user names repeat from row to row, so each
// distinct one is made into a string once.
func (s *Store) readUnits(ctx context.Context, f ExportFilter, emit func([]exchange.Unit, error) bool, free chan []exchange.Unit) {
	columns := unitColumns
	textTimes := s.Dialect == "sqlite"
	if textTimes {
		columns = unitColumnsSQLite
	}
	if f.History {
		columns += f.historyColumns(textTimes)
	}
	q, args := f.query(columns)
	rows, err := s.r.WithContext(ctx).Raw(q, args...).Rows()
	if err != nil {
		emit(nil, err)
		return
	}
	defer rows.Close()
	batch := func() []exchange.Unit {
		select {
		case b := <-free:
			return b
		default:
			return make([]exchange.Unit, 0, unitBatch)
		}
	}
	units := batch()
	var title, status, updatedBy, approvedBy sql.RawBytes
	var names interner
	lastDoc, lastTitle := uint(0), ""
	var c Clause
	var updatedAt, createdAt, approvedAt sql.RawBytes
	dest := []any{&c.ID, &c.DocumentID, &c.Position, &c.Source, &c.Target, &status, &c.Version, &updatedBy,
		&c.UpdatedAt, &c.CreatedAt, &c.ApprovedTarget, &approvedBy, &c.ApprovedAt, &title}
	if textTimes {
		dest[8], dest[9], dest[12] = &updatedAt, &createdAt, &approvedAt
	}
	var history unitHistory
	if f.History {
		// The title is the last column of query's SELECT.
		dest = append(dest[:len(dest)-1], append(history.dest(textTimes), &title)...)
	}
	for rows.Next() {
		c = Clause{}
		if err := rows.Scan(dest...); err != nil {
			emit(units, err)
			return
		}
		if textTimes {
			if err := c.readTimes(updatedAt, createdAt, approvedAt); err != nil {
				emit(units, fmt.Errorf("clause %d: %w", c.ID, err))
				return
			}
		}
		if c.DocumentID != lastDoc || lastTitle == "" {
			lastDoc, lastTitle = c.DocumentID, string(title)
		}
		c.Status, c.UpdatedBy, c.ApprovedBy = names.get(status), names.get(updatedBy), names.get(approvedBy)
		f.Texts.choose(&c)
		units = append(units, exchange.Unit{ClauseID: c.ID, DocumentID: c.DocumentID, DocumentTitle: lastTitle, Index: c.Position, Version: c.Version,
			Source: c.Source, Target: c.Target, Status: c.Status, UpdatedAt: c.UpdatedAt, UpdatedBy: c.UpdatedBy})
		if f.History {
			u := &units[len(units)-1]
			if err := history.apply(u, textTimes); err != nil {
				emit(units, fmt.Errorf("clause %d: %w", c.ID, err))
				return
			}
			approval(u, &c)
		}
		if len(units) == unitBatch {
			if !emit(units, nil) {
				return
			}
			units = batch()
		}
	}
	if err := rows.Err(); err != nil {
		emit(units, err)
		return
	}
	if len(units) > 0 {
		emit(units, nil)
	}
}

// interner turns the few distinct short values of a column (statuses, user
// names) into strings once each. It stops adding past 1,024 values, so an
// unusual export cannot make it grow without bound.
type interner map[string]string

func (m *interner) get(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if s, ok := (*m)[string(b)]; ok {
		return s
	}
	s := string(b)
	if *m == nil {
		*m = interner{}
	}
	if len(*m) < 1024 {
		(*m)[s] = s
	}
	return s
}

// InTransaction runs fn on a store whose every read and write belongs to one
// transaction: if fn fails, nothing it wrote is kept.
func (s *Store) InTransaction(ctx context.Context, fn func(tx *Store) error) error {
	return s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return fn(&Store{w: tx, r: tx, Dialect: s.Dialect, search: s.search})
	})
}

// SameSource returns the translated clauses whose Chinese has the given
// normalised key, in every document (numbering markers written by the
// system aside: their English follows each statement's style).
func (s *Store) SameSource(ctx context.Context, sourceKey string) ([]Clause, error) {
	return s.queryClauses(ctx, "WHERE clauses.source_key = ? AND clauses.target <> '' AND "+notNumbered+" ORDER BY clauses.id", sourceKey)
}

// InconsistentClauses returns every translated clause whose Chinese is
// translated more than one way across the corpus.
func (s *Store) InconsistentClauses(ctx context.Context) ([]Clause, error) {
	return s.queryClauses(ctx, `WHERE clauses.target <> '' AND `+notNumbered+` AND clauses.source_key IN (
		SELECT source_key FROM clauses WHERE target <> '' AND `+notNumbered+` GROUP BY source_key HAVING COUNT(DISTINCT target) > 1)
		ORDER BY clauses.source_key, clauses.id`)
}

func (s *Store) queryClauses(ctx context.Context, where string, args ...any) ([]Clause, error) {
	rows, err := s.r.WithContext(ctx).Raw("SELECT "+clauseColumns+" FROM clauses "+where, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Clause{}
	for rows.Next() {
		var c Clause
		if err := scanClause(rows, &c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// updateRows is how many clauses one UPDATE of applier.update changes.
const updateRows = 500

// update writes the staged English of the clauses ids (in id order), a
// few hundred clauses an UPDATE … FROM (VALUES …): one statement a clause
// cost more in the driver than in SQLite (4.4 s for 190,000 clauses).
func (a *applier) update(ctx context.Context, ids []uint) error {
	var casts []string
	if a.postgres {
		casts = []string{"::bigint", "::text", "::text", "::bigint"}
	}
	query := func(rows int) string {
		var q strings.Builder
		p := 0
		q.WriteString("UPDATE clauses SET target = v.column2, status = v.column3, version = v.column4, updated_by = ")
		writePlaceholder(&q, a.postgres, &p, "")
		q.WriteString(", updated_at = ")
		writePlaceholder(&q, a.postgres, &p, "")
		q.WriteString(" FROM (VALUES ")
		writeTuples(&q, a.postgres, &p, rows, 4, casts)
		q.WriteString(") AS v WHERE clauses.id = v.column1")
		return q.String()
	}
	return execBatches(a.tx.WithContext(ctx), updateRows, len(ids), []any{a.author, a.at}, query, func(i int, args []any) []any {
		s := a.staged[ids[i]]
		return append(args, ids[i], s.target, s.status, s.version)
	})
}

// RevisionMark is the newest history row's id: ClausesRevisedSince(mark)
// later gives the clauses whose English changed meanwhile, whatever wrote
// it (a bulk import knows no cheaper way to say what it changed).
func (s *Store) RevisionMark(ctx context.Context) (uint, error) {
	var mark uint
	err := s.r.WithContext(ctx).Raw("SELECT COALESCE(MAX(id), 0) FROM revisions").Scan(&mark).Error
	return mark, err
}

// ClausesRevisedSince returns the clauses with a history row newer than
// mark (RevisionMark), in id order.
func (s *Store) ClausesRevisedSince(ctx context.Context, mark uint) ([]uint, error) {
	var ids []uint
	err := s.r.WithContext(ctx).Raw("SELECT DISTINCT clause_id FROM revisions WHERE id > ? ORDER BY clause_id", mark).Scan(&ids).Error
	return ids, err
}

// ClauseCount is how many clauses the corpus has.
func (s *Store) ClauseCount(ctx context.Context) (int64, error) {
	var n int64
	err := s.r.WithContext(ctx).Raw("SELECT COUNT(*) FROM clauses").Scan(&n).Error
	return n, err
}
