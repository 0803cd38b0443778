package workbench

import (
	"context"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/store"
)

// SetNumberingStyle changes the numbering style of a statement ("" follows
// the corpus default): its numbering markers' English is written again in
// it, except English a person wrote (see store's numbering.go).
type SetNumberingStyle struct {
	Document uint
	Style    string
}

func (w *Workbench) SetNumberingStyle(ctx context.Context, a Actor, c SetNumberingStyle) (store.DocumentSummary, error) {
	if err := allow(a, auth.Translator, "change a statement's numbering style"); err != nil {
		return store.DocumentSummary{}, err
	}
	d, res, err := w.st.SetNumberingStyle(ctx, c.Document, c.Style, a.Name)
	if err != nil {
		return d, err
	}
	if len(res.Clauses) > 0 {
		w.recheckClauses(ctx, res.Clauses...)
	}
	w.publish(a, events.Event{Type: events.TypeDocument, Action: "numbering", Document: d.ID})
	return d, nil
}

// ChangeSettings changes the corpus settings: the default numbering style
// rewrites the markers of every statement that has no style of its own;
// the target language (en-GB, en-US, en) names the English of every export
// and is what imports compare a file's English with. An empty field is
// left as it is; at least one must be given.
type ChangeSettings struct {
	Settings store.CorpusSettings
}

func (w *Workbench) ChangeSettings(ctx context.Context, a Actor, c ChangeSettings) (store.CorpusSettings, error) {
	if err := allow(a, auth.Admin, "change the corpus settings"); err != nil {
		return store.CorpusSettings{}, err
	}
	set := c.Settings
	if set.NumberingStyle == "" && set.TargetLanguage == "" {
		return store.CorpusSettings{}, fault.Invalidf("settings", "name a setting to change: numbering_style or target_language")
	}
	// Both are checked before either changes, so that a bad one changes nothing.
	if set.NumberingStyle != "" {
		if err := store.CheckNumberingStyle(set.NumberingStyle, false); err != nil {
			return store.CorpusSettings{}, err
		}
	}
	if set.TargetLanguage != "" {
		if err := store.CheckTargetLanguage(set.TargetLanguage); err != nil {
			return store.CorpusSettings{}, err
		}
		if err := w.st.SetTargetLanguage(ctx, set.TargetLanguage, a.Name); err != nil {
			return store.CorpusSettings{}, err
		}
	}
	if set.NumberingStyle == "" {
		return w.st.Settings(ctx)
	}
	_, res, err := w.st.SetCorpusSettings(ctx, set, a.Name)
	if err != nil {
		return store.CorpusSettings{}, err
	}
	// Read before the reload goes out: the answer should reach the browser
	// no later than the event that makes it lay the page out again.
	out, err := w.st.Settings(ctx)
	if err != nil {
		return store.CorpusSettings{}, err
	}
	// Only markers changed: they have no findings and are in no "same
	// Chinese" group, so even an archive's 19,000 of them recheck in 4 s,
	// where computing everything again took 29 s and held every writer.
	if len(res.Clauses) > 0 {
		w.recheckClauses(ctx, res.Clauses...)
	}
	if len(res.Clauses) > 0 {
		w.reload(a, "numbering")
	}
	return out, nil
}
