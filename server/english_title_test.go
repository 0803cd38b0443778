package server

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/docout"
	"github.com/zhen-workbench/zhen/internal/store"
)

// TestEnglishTitleAPI: PUT /api/v1/documents/:id takes english_title
// alone or with the title and date; a refused one changes nothing; the
// statement and its exports carry it.
func TestEnglishTitleAPI(t *testing.T) {
	e := newEnv(t)
	doc := e.importSeed().Documents[0]
	path := fmt.Sprintf("/api/v1/documents/%d", doc.ID)
	var got store.DocumentSummary
	e.as("translator").json("PUT", path, map[string]string{"english_title": " Joint Statement "}, 200, &got)
	if got.EnglishTitle != "Joint Statement" || got.Title != doc.Title {
		t.Fatalf("%+v", got.Document)
	}
	// A bad English title with a title: neither is stored.
	e.json("PUT", path, map[string]string{"title": "新标题", "date": "", "english_title": "a\x00b"}, 422, nil)
	e.json("GET", path, nil, 200, &got)
	if got.Title != doc.Title || got.EnglishTitle != "Joint Statement" {
		t.Fatalf("a refused change was stored: %+v", got.Document)
	}
	e.json("PUT", path, map[string]string{"title": "新标题", "date": "2011-06-16", "english_title": "Joint Statement (2011)"}, 200, &got)
	if got.Title != "新标题" || got.Date != "2011-06-16" || got.EnglishTitle != "Joint Statement (2011)" {
		t.Fatalf("%+v", got.Document)
	}

	var s docout.Statement
	e.json("GET", path+"/statement", nil, 200, &s)
	if s.Title != "Joint Statement (2011)" || s.TitleLang != "en-GB" || s.SourceTitle != "新标题" {
		t.Fatalf("statement title %q (%s), source %q", s.Title, s.TitleLang, s.SourceTitle)
	}
	rec := e.do("GET", fmt.Sprintf("/api/v1/export?format=text&document=%d&all_statuses=1", doc.ID), nil)
	if first, _, _ := strings.Cut(rec.Body.String(), "\n"); rec.Code != http.StatusOK || first != "Joint Statement (2011)" {
		t.Fatalf("text export: %d %q", rec.Code, first)
	}
}
