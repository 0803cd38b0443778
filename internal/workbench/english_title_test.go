package workbench

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/docout"
	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/store"
)

// TestEnglishTitle: a translator sets a statement's English title (a
// viewer may not; an invalid one is refused and not announced); the
// English document (text, HTML, DOCX with its docProps title) carries it,
// and falls back to the Chinese title once it is cleared.
func TestEnglishTitle(t *testing.T) {
	forEachDB(t, func(t *testing.T, w *Workbench, st *store.Store, rec *recorder) {
		ctx := t.Context()
		docs, err := st.ListDocuments(ctx)
		if err != nil || len(docs) == 0 {
			t.Fatalf("%d documents, %v", len(docs), err)
		}
		doc := docs[0].ID
		var forbidden *fault.Forbidden
		if _, err := w.SetEnglishTitle(ctx, viewer, SetEnglishTitle{Document: doc, Title: "Statement"}); !errors.As(err, &forbidden) {
			t.Fatalf("a viewer set an English title: %v", err)
		}
		var invalid *fault.Invalid
		if _, err := w.SetEnglishTitle(ctx, translator, SetEnglishTitle{Document: doc, Title: "Joint\nStatement"}); !errors.As(err, &invalid) {
			t.Fatalf("a two-line English title: %v", err)
		}
		if got := rec.take(); len(got) != 0 {
			t.Fatalf("refusals announced %v", got)
		}

		const english = "Joint Statement & Declaration"
		d, err := w.SetEnglishTitle(ctx, translator, SetEnglishTitle{Document: doc, Title: english})
		if err != nil || d.EnglishTitle != english {
			t.Fatalf("%+v %v", d.Document, err)
		}
		if got := rec.take(); len(got) != 1 || got[0].Type != events.TypeDocument || got[0].Action != "updated" || got[0].Document != doc || got[0].Actor != translator.Name {
			t.Fatalf("announced %+v", got)
		}

		statement := func() docout.Statement {
			d, err := st.GetDocument(ctx, doc)
			if err != nil {
				t.Fatal(err)
			}
			cs, _, err := st.ListClauses(ctx, store.ClauseFilter{DocumentID: doc})
			if err != nil {
				t.Fatal(err)
			}
			return Statement(d.Document, cs, "", docout.Options{AllStatuses: true})
		}
		s := statement()
		if s.Title != english || s.TitleLang != "en" || s.SourceTitle != d.Title {
			t.Fatalf("title %q (%s), source title %q", s.Title, s.TitleLang, s.SourceTitle)
		}
		var text, html, docx bytes.Buffer
		for f, b := range map[docout.Format]*bytes.Buffer{docout.Text: &text, docout.HTML: &html, docout.DOCX: &docx} {
			if err := docout.Write(b, f, s); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
		}
		if first, _, _ := strings.Cut(text.String(), "\n"); first != english {
			t.Errorf("the text export begins %q", first)
		}
		if h := html.String(); !strings.Contains(h, "<title>Joint Statement &amp; Declaration</title>") || !strings.Contains(h, ">Joint Statement &amp; Declaration</h1>") {
			t.Errorf("the HTML export's title: %s", h)
		}
		if core := zipPart(t, docx.Bytes(), "docProps/core.xml"); !strings.Contains(core, "<dc:title>Joint Statement &amp; Declaration</dc:title>") {
			t.Errorf("docProps/core.xml: %s", core)
		}
		if body := zipPart(t, docx.Bytes(), "word/document.xml"); !strings.Contains(body, `<w:pStyle w:val="Title"/></w:pPr><w:r><w:rPr><w:lang w:val="en"/></w:rPr><w:t xml:space="preserve">Joint Statement &amp; Declaration</w:t>`) {
			t.Errorf("word/document.xml has not the English title as its Title: %.600s", body)
		}

		// Cleared: the Chinese title again, marked as Chinese.
		if _, err := w.SetEnglishTitle(ctx, translator, SetEnglishTitle{Document: doc, Title: ""}); err != nil {
			t.Fatal(err)
		}
		rec.take()
		if s := statement(); s.Title != d.Title || s.TitleLang != "zh-CN" {
			t.Fatalf("cleared: title %q (%s), want %q", s.Title, s.TitleLang, d.Title)
		}
	})
}

func zipPart(t *testing.T, b []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
