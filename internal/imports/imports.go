// Package imports reads translations from files other tools made or
// edited — CSV, TMX, XLIFF — and applies them to the store, for the CLI and
// the API alike.
package imports

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/zhen-workbench/zhen/internal/exchange"
	"github.com/zhen-workbench/zhen/internal/store"
)

// Result says what an import did.
type Result struct {
	Format    string `json:"format"`              // csv, tmx, xliff
	Updated   int    `json:"updated"`             // clauses that got a new revision
	Unchanged int    `json:"unchanged"`           // rows or units with the English Zhen has, or none
	Unmatched int    `json:"unmatched,omitempty"` // pairs whose Chinese is in no clause (CSV without clause ids)
	// MarkerPairs are the pairs by Chinese (CSV without clause ids, TMX)
	// whose Chinese is a numbering marker and its sentence (四、双方… with
	// 4. Both sides…): they went to the sentence after that marker, without
	// the English's numbering; the marker kept Zhen's English.
	MarkerPairs int                  `json:"marker_pairs,omitempty"`
	Conflicts   []store.EditConflict `json:"conflicts"`        // changed in Zhen since the export: not applied
	Memory      *store.MemoryResult  `json:"memory,omitempty"` // TMX: what went into the translation memory

	// The English variants the file names that are not the corpus's
	// target language (en-US in an en-GB corpus), and a sentence saying so:
	// imported all the same (see languageNote).
	OtherLanguages []string `json:"other_languages,omitempty"`
	LanguageNote   string   `json:"language_note,omitempty"`
}

// Store is what imports need of the database.
type Store interface {
	ApplyTranslations(ctx context.Context, pairs []store.SourcePair, author, origin string) (store.ApplyResult, error)
	ApplyClauseEdits(ctx context.Context, edits []store.ClauseEdit, author, origin string) (store.EditResult, error)
	ImportMemory(ctx context.Context, pairs []store.SourcePair, origin, author string, memoryOnly bool) (store.MemoryResult, error)
}

// FileError says the file itself is wrong (format, encoding, a bad row):
// the user's to fix, unlike a database failure.
type FileError struct{ Err error }

func (e *FileError) Error() string { return e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// Options tune an import.
type Options struct {
	MemoryOnly     bool   // TMX: keep the units as translation memory, fill no clause
	TargetLanguage string // the corpus's (en-GB, en-US, en): a file naming another is imported, with a note; "" checks nothing
}

// Translations imports the file name (its extension says the format) from
// r, all or nothing: a bad row or unit is an error naming its line, and
// nothing is applied.
//   - .csv with a clause_id column (a Zhen export edited in a spreadsheet):
//     English by clause id; clauses changed in Zhen since the export are
//     conflicts. Without clause_id: English for every clause with that
//     Chinese (after normalisation), as new revisions; a pair that keeps
//     the numbering marker with its sentence goes to the sentence after
//     that marker (see store.ApplyTranslations).
//   - .xlf/.xliff (a Zhen export, e.g. through OmegaT): by clause id, with
//     the exported version and time to catch clauses changed since.
//   - .tmx: into the translation memory, and (unless MemoryOnly) as drafts
//     of clauses with that Chinese that have no English yet.
//
// Every format takes any English (en, en-GB, en-US …); a file naming another
// variant than opt.TargetLanguage gets Result.LanguageNote.
func Translations(ctx context.Context, st Store, name string, r io.Reader, author string, opt Options) (Result, error) {
	res, langs, err := translations(ctx, st, name, r, author, opt)
	if err == nil {
		res.OtherLanguages, res.LanguageNote = languageNote(opt.TargetLanguage, langs)
	}
	return res, err
}

func translations(ctx context.Context, st Store, name string, r io.Reader, author string, opt Options) (Result, []string, error) {
	r = UntilDone(ctx, r)
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".csv":
		rows, lang, err := exchange.ReadTranslationsCSVLang(r)
		if err != nil {
			return Result{}, nil, fileError(ctx, err)
		}
		if len(rows) > 0 && rows[0].ClauseID != 0 {
			res, err := edits(ctx, st, "csv", rows, author)
			return res, []string{lang}, err
		}
		pairs := make([]store.SourcePair, len(rows))
		for i, p := range rows {
			pairs[i] = store.SourcePair{Source: p.Source, Target: p.Target}
		}
		res, err := st.ApplyTranslations(ctx, pairs, author, "csv")
		return Result{Format: "csv", Updated: res.Updated, Unchanged: res.Unchanged, Unmatched: res.Unmatched, MarkerPairs: res.MarkerPairs, Conflicts: []store.EditConflict{}}, []string{lang}, err
	case ".xlf", ".xliff":
		rows, langs, err := exchange.ReadXLIFFLangs(r)
		if err != nil {
			return Result{}, nil, fileError(ctx, err)
		}
		res, err := edits(ctx, st, "xliff", rows, author)
		return res, langs, err
	case ".tmx":
		units, err := exchange.ReadTMX(r)
		if err != nil {
			return Result{}, nil, fileError(ctx, err)
		}
		pairs := make([]store.SourcePair, len(units))
		var langs []string
		for i, u := range units {
			pairs[i] = store.SourcePair{Source: u.Source, Target: u.Target}
			if len(langs) == 0 || langs[len(langs)-1] != u.TargetLang {
				langs = append(langs, u.TargetLang)
			}
		}
		mem, err := st.ImportMemory(ctx, pairs, filepath.Base(name), author, opt.MemoryOnly)
		return Result{Format: "tmx", Updated: mem.Filled, MarkerPairs: mem.MarkerPairs, Conflicts: []store.EditConflict{}, Memory: &mem}, langs, err
	default:
		//lint:ignore ST1005 the message starts with the product's name, shown as the whole message
		return Result{}, nil, &FileError{fmt.Errorf("Zhen imports translations from .csv, .tmx and .xlf/.xliff files, not %q", ext)}
	}
}

// UntilDone is r until ctx ends, and then fails with ctx's error: parsing
// a large upload takes seconds, and stops when its client goes away (the
// parsers read a few kilobytes at a time).
func UntilDone(ctx context.Context, r io.Reader) io.Reader { return &untilDone{ctx, r} }

type untilDone struct {
	ctx context.Context
	r   io.Reader
}

func (u *untilDone) Read(p []byte) (int, error) {
	if err := u.ctx.Err(); err != nil {
		return 0, err
	}
	return u.r.Read(p)
}

// fileError is a reader's err as a *FileError, unless reading stopped
// because ctx ended: that is no fault of the file.
func fileError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return &FileError{err}
}

func edits(ctx context.Context, st Store, format string, rows []exchange.Pair, author string) (Result, error) {
	es := make([]store.ClauseEdit, len(rows))
	for i, p := range rows {
		if p.ClauseID == 0 {
			return Result{}, &FileError{&exchange.LineError{Line: p.Line, Msg: "the clause_id cell is empty: every row of a Zhen export has one"}}
		}
		es[i] = store.ClauseEdit{Line: p.Line, ClauseID: p.ClauseID, Source: p.Source, Target: p.Target, Version: p.Version, Since: p.UpdatedAt}
	}
	res, err := st.ApplyClauseEdits(ctx, es, author, format)
	return Result{Format: format, Updated: res.Updated, Unchanged: res.Unchanged, Conflicts: res.Conflicts}, err
}
