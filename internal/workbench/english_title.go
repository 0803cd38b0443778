package workbench

import (
	"context"

	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/store"
)

// SetEnglishTitle changes the title of a statement's English document (""
// = its Chinese title): exports and the preview carry it. Announced like
// a change of the title and date (EditDocument).
type SetEnglishTitle struct {
	Document uint
	Title    string
}

func (w *Workbench) SetEnglishTitle(ctx context.Context, a Actor, c SetEnglishTitle) (store.DocumentSummary, error) {
	if err := allow(a, auth.Translator, "edit statements"); err != nil {
		return store.DocumentSummary{}, err
	}
	d, err := w.st.SetEnglishTitle(ctx, c.Document, c.Title)
	if err != nil {
		return d, err
	}
	w.publish(a, events.Event{Type: events.TypeDocument, Action: "updated", Document: d.ID})
	return d, nil
}
