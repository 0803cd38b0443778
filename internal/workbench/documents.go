package workbench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/exchange"
	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/imports"
	"github.com/zhen-workbench/zhen/internal/segment"
	"github.com/zhen-workbench/zhen/internal/store"
)

// File is one uploaded or named file: its name (the extension says the
// format) and content.
type File struct {
	Name string
	Data []byte
}

// ImportStatements splits the files into statements and clauses and
// stores them, all files or none. A statement imported before is reported
// as a duplicate, not stored twice.
type ImportStatements struct {
	Files []File
}

func (w *Workbench) ImportStatements(ctx context.Context, a Actor, c ImportStatements) ([]store.Imported, error) {
	if err := allow(a, auth.Translator, "import statements"); err != nil {
		return nil, err
	}
	if len(c.Files) == 0 {
		return nil, &fault.Invalid{Field: "file", Reason: "name at least one file to import"}
	}
	// Every file is read before anything is stored: one bad file stops the
	// whole import.
	files := make([]store.SourceFile, 0, len(c.Files))
	for _, f := range c.Files {
		docs, err := segment.Parse(f.Name, f.Data)
		if err != nil {
			return nil, &fault.Invalid{Field: "file", Reason: err.Error()}
		}
		files = append(files, store.SourceFile{Name: f.Name, Docs: docs})
	}
	out, err := w.st.ImportFiles(ctx, files)
	if err != nil {
		return nil, err
	}
	added := false
	for _, d := range out {
		if !d.Duplicate {
			// Its clauses go into the term-occurrence index.
			w.recheckDocument(ctx, d.ID)
			added = true
		}
	}
	if added {
		w.reload(a, "import")
	}
	return out, nil
}

// EditDocument corrects a statement's title and date (YYYY-MM-DD or "").
type EditDocument struct {
	Document    uint
	Title, Date string
}

func (w *Workbench) EditDocument(ctx context.Context, a Actor, c EditDocument) (store.DocumentSummary, error) {
	if err := allow(a, auth.Translator, "edit statements"); err != nil {
		return store.DocumentSummary{}, err
	}
	d, err := w.st.UpdateDocument(ctx, c.Document, c.Title, c.Date)
	if err != nil {
		return d, err
	}
	w.publish(a, events.Event{Type: events.TypeDocument, Action: "updated", Document: d.ID})
	return d, nil
}

// ApplyAlignment stores the accepted English of an alignment, clause by
// clause, as drafts; all or nothing.
type ApplyAlignment struct {
	Document uint
	Pairs    []store.Assignment
}

// fewClauses is how many changed clauses are announced one by one; more
// make one reload event.
const fewClauses = 20

func (w *Workbench) ApplyAlignment(ctx context.Context, a Actor, c ApplyAlignment) (store.AlignResult, error) {
	if err := allow(a, auth.Translator, "apply alignments"); err != nil {
		return store.AlignResult{}, err
	}
	if _, err := w.st.GetDocument(ctx, c.Document); err != nil {
		return store.AlignResult{}, err
	}
	res, err := w.st.ApplyAlignment(ctx, c.Document, c.Pairs, a.Name)
	var le *store.LineError
	if errors.As(err, &le) {
		return res, &fault.Invalid{Field: "alignment", Reason: le.Error() + " (nothing was stored)"}
	}
	if err != nil || res.Updated == 0 {
		return res, err
	}
	w.recheckDocument(ctx, c.Document)
	if len(c.Pairs) > fewClauses {
		w.reload(a, "align")
		return res, nil
	}
	for _, p := range c.Pairs {
		if cl, err := w.st.GetClause(ctx, p.ClauseID); err == nil && cl.Target == p.English {
			w.clauseEvent(a, "save", cl)
		}
	}
	return res, nil
}

// ImportTranslations applies a CSV, TMX or XLIFF file of translations
// (see imports.Translations), all or nothing.
type ImportTranslations struct {
	Name       string
	Data       io.Reader
	MemoryOnly bool // TMX: into the translation memory only
}

func (w *Workbench) ImportTranslations(ctx context.Context, a Actor, c ImportTranslations) (imports.Result, error) {
	if err := allow(a, auth.Translator, "import translations"); err != nil {
		return imports.Result{}, err
	}
	// Only a TMX is read into the memory alone: a CSV or XLIFF writes the
	// clauses' English, which "memory only" must never do.
	if ext := strings.ToLower(filepath.Ext(c.Name)); c.MemoryOnly && ext != ".tmx" {
		return imports.Result{}, &fault.Invalid{Field: "memory_only", Reason: fmt.Sprintf(
			"%s: only a .tmx file can be imported into the translation memory alone; a %s file writes the clauses' English. Import it without memory only, or as TMX (nothing was imported)", c.Name, ext)}
	}
	cs, err := w.st.Settings(ctx)
	if err != nil {
		return imports.Result{}, err
	}
	mark, err := w.st.RevisionMark(ctx)
	if err != nil {
		return imports.Result{}, err
	}
	res, err := imports.Translations(ctx, w.st, c.Name, c.Data, a.Name, imports.Options{MemoryOnly: c.MemoryOnly, TargetLanguage: cs.TargetLanguage})
	if err != nil {
		var fe *imports.FileError
		var le *store.LineError
		var inv *fault.Invalid
		if errors.As(err, &fe) || errors.As(err, &le) || errors.As(err, &inv) {
			return res, &fault.Invalid{Field: "file", Reason: fmt.Sprintf("%s: %v (nothing was imported)", c.Name, err)}
		}
		return res, err
	}
	if res.Updated > 0 {
		w.recheckRevisedSince(ctx, mark)
		w.reload(a, "import")
	}
	return res, nil
}

// Export says which clauses and texts an export of format carries: the
// one rule, for the API and the CLI.
type Export struct {
	Format       exchange.Format
	Document     uint // 0: the whole corpus
	Untranslated bool // CSV: clauses without English too
	AllStatuses  bool // the newest English of every clause, not only the approved
}

// Filter is the store query that gives an export's units. XLIFF is a file
// to translate in, so it carries every clause; TMX carries who wrote,
// changed and approved the English (from the history).
func (e Export) Filter() store.ExportFilter {
	f := store.ExportFilter{DocumentID: e.Document, Untranslated: e.Format == exchange.FormatXLIFF || e.Format == exchange.FormatCSV && e.Untranslated,
		History: e.Format == exchange.FormatTMX}
	if e.AllStatuses {
		f.Texts = store.LatestTexts
	}
	return f
}
