package store

import (
	"errors"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/fault"
)

// TestEnglishTitle: a statement's English title is stored trimmed, read
// back by GetDocument and ListDocuments, cleared with "", and refused
// (nothing stored) when it is not one line of written text of at most
// MaxTitle characters.
func TestEnglishTitle(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		doc := mustImport(t, s, testDoc("中俄联合声明", "双方认为。"))[0]
		if d, err := s.GetDocument(ctx, doc.ID); err != nil || d.EnglishTitle != "" {
			t.Fatalf("a new statement has the English title %q (%v)", d.EnglishTitle, err)
		}
		d, err := s.SetEnglishTitle(ctx, doc.ID, "  Joint Statement of China and Russia \t")
		if err != nil || d.EnglishTitle != "Joint Statement of China and Russia" || d.Title != "中俄联合声明" {
			t.Fatalf("%+v %v", d.Document, err)
		}
		list, err := s.ListDocuments(ctx)
		if err != nil || len(list) != 1 || list[0].EnglishTitle != "Joint Statement of China and Russia" {
			t.Fatalf("listed %+v %v", list, err)
		}
		// The title and date are corrected without touching it.
		if d, err = s.UpdateDocument(ctx, doc.ID, "中俄联合声明（全文）", ""); err != nil || d.EnglishTitle != "Joint Statement of China and Russia" {
			t.Fatalf("after a title change: %+v %v", d.Document, err)
		}

		for _, c := range []struct{ title, want string }{
			{"Joint\nStatement", "the English title contains a line break (U+000A) at character 6: write it on one line"},
			{"Joint\x00Statement", "the English title contains a control character (U+0000) at character 6: remove it"},
			{"Joint\uFFFEStatement", "the English title contains U+FFFE at character 6, which is not a character of any text: remove it"},
			{strings.Repeat("a", MaxTitle+1), "the English title has 501 characters, more than the 500 allowed: shorten it"},
		} {
			_, err := s.SetEnglishTitle(ctx, doc.ID, c.title)
			var inv *fault.Invalid
			if !errors.As(err, &inv) || err.Error() != c.want {
				t.Errorf("%q: %v, want %q", c.title, err, c.want)
			}
		}
		if d, err = s.GetDocument(ctx, doc.ID); err != nil || d.EnglishTitle != "Joint Statement of China and Russia" {
			t.Fatalf("a refused title was stored: %+v %v", d.Document, err)
		}
		if _, err := s.SetEnglishTitle(ctx, doc.ID, strings.Repeat("a", MaxTitle)); err != nil {
			t.Fatalf("%d characters refused: %v", MaxTitle, err)
		}
		var missing *fault.NotFound
		if _, err := s.SetEnglishTitle(ctx, doc.ID+100, "Statement"); !errors.As(err, &missing) {
			t.Fatalf("an unknown statement: %v", err)
		}
		if d, err = s.SetEnglishTitle(ctx, doc.ID, " "); err != nil || d.EnglishTitle != "" {
			t.Fatalf("cleared: %+v %v", d.Document, err)
		}
	})
}
