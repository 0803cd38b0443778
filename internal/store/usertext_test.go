package store

import (
	"context"
	"errors"
	"github.com/zhen-workbench/zhen/internal/fault"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/glossary"
)

// TestOneTextRule checks that every field people write refuses the same
// characters, with a message naming the field, and stores nothing.
func TestOneTextRule(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		doc := mustImport(t, s, testDoc("标题", "双方认为。"))[0]
		cl, _, _ := s.ListClauses(ctx, ClauseFilter{DocumentID: doc.ID})
		id := cl[0].ID
		nul := "abcd\x00ef"
		for _, c := range []struct {
			name string
			err  func() error
			want string
		}{
			{"title", func() error { _, err := s.UpdateDocument(ctx, doc.ID, nul, ""); return err },
				"the title contains a control character (U+0000) at character 5: remove it"},
			{"title C1", func() error { _, err := s.UpdateDocument(ctx, doc.ID, "Joint\u0085Statement", ""); return err },
				"the title contains a control character (U+0085) at character 6: remove it"},
			{"title line break", func() error { _, err := s.UpdateDocument(ctx, doc.ID, "Joint\nStatement", ""); return err },
				"the title contains a line break (U+000A) at character 6: write it on one line"},
			{"title length", func() error {
				_, err := s.UpdateDocument(ctx, doc.ID, strings.Repeat("中", MaxTitle+1), "")
				return err
			}, "the title has 501 characters, more than the 500 allowed: shorten it"},
			{"title empty", func() error { _, err := s.UpdateDocument(ctx, doc.ID, " ", ""); return err },
				"the title is empty: give the statement a title"},
			{"date", func() error { _, err := s.UpdateDocument(ctx, doc.ID, "Title", "2011-06-1\x007"); return err },
				"the date contains a control character (U+0000) at character 10: remove it"},
			{"date format", func() error { _, err := s.UpdateDocument(ctx, doc.ID, "Title", "17.6.2011"); return err },
				`"17.6.2011" is not a date: write it as YYYY-MM-DD, or leave it empty`},
			{"translation", func() error { _, err := s.SaveTranslation(ctx, id, 0, nul, "a", "editor"); return err },
				"the translation contains a control character (U+0000) at character 5: remove it"},
			{"translation DEL", func() error { _, err := s.SaveTranslation(ctx, id, 0, "a\x7f", "a", "editor"); return err },
				"the translation contains a control character (U+007F) at character 2: remove it"},
			{"translation length", func() error {
				_, err := s.SaveTranslation(ctx, id, 0, strings.Repeat("é", MaxTargetLen+1), "a", "editor")
				return err
			}, "the translation has 20001 characters, more than the 20000 allowed: shorten it"},
			{"comment", func() error { _, err := s.AddComment(ctx, id, nul, "a"); return err },
				"the comment contains a control character (U+0000) at character 5: remove it"},
			{"rejection comment", func() error { _, err := s.Reject(ctx, id, -1, "ab\xffcd", "a"); return err },
				"the rejection comment is not valid UTF-8 (at character 3): send text encoded as UTF-8"},
			{"comment length", func() error { _, err := s.AddComment(ctx, id, strings.Repeat("字", MaxComment+1), "a"); return err },
				"the comment has 5001 characters, more than the 5000 allowed: shorten it"},
		} {
			err := c.err()
			var inv *fault.Invalid
			if !errors.As(err, &inv) || err.Error() != c.want {
				t.Errorf("%s: %v, want %q", c.name, err, c.want)
			}
		}
		for _, c := range []struct {
			e    glossary.Entry
			want string
		}{
			{glossary.Entry{ZH: "金砖\x00国家", EN: "BRICS"}, "the Chinese term contains a control character (U+0000) at character 3: remove it"},
			{glossary.Entry{ZH: "金砖国家", EN: "BR\tICS"}, "the English contains a tab (U+0009) at character 3: use a space"},
			{glossary.Entry{ZH: "金砖国家", EN: "BRICS", Variants: []string{"BRICS countries", "BRICS\u009b"}}, "variant 2 contains a control character (U+009B) at character 6: remove it"},
			{glossary.Entry{ZH: "金砖国家", EN: "BRICS", Forbidden: []string{"BRIC\uFFFF"}}, "forbidden rendering 1 contains U+FFFF at character 5, which is not a character of any text: remove it"},
			{glossary.Entry{ZH: "金砖国家", EN: "BRICS", Note: "two\nlines are fine\x01"}, "the note contains a control character (U+0001) at character 19: remove it"},
		} {
			_, err := s.CreateTerm(ctx, c.e, "a")
			var ee *fault.Invalid
			if !errors.As(err, &ee) || err.Error() != c.want {
				t.Errorf("%+v: %v, want %q", c.e, err, c.want)
			}
		}
		if _, err := s.CreateTerm(ctx, glossary.Entry{ZH: "金砖国家", EN: "BRICS", Note: "two\nlines\tare fine"}, "a"); err != nil {
			t.Errorf("a note of two lines: %v", err)
		}
		got, _ := s.GetDocument(ctx, doc.ID)
		c, _ := s.GetClause(ctx, id)
		comments, _ := s.Comments(ctx, id)
		if got.Title != "标题" || c.Version != 0 || len(comments) != 0 {
			t.Fatalf("a refused text was stored: %+v %+v %+v", got, c, comments)
		}
	})
}
