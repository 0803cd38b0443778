package server

import (
	"archive/zip"
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/docout"
)

// The English document of a statement, through the export route: approved
// English by default, drafts marked with all_statuses=1, every format with
// its type and a file name; the preview's JSON; the errors.
func TestExportStatement(t *testing.T) {
	e := newEnv(t)
	doc := e.importSeed().Documents[1]
	var page clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=500", doc.ID), nil, 200, &page)
	var approved, draft, marker uint
	for _, c := range page.Clauses {
		switch {
		case c.Kind == "heading" && marker == 0:
			marker = c.ID
		case c.Kind == "text" && approved == 0 && c.Paragraph == page.Clauses[0].Paragraph:
			approved = c.ID
			e.json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", c.ID), map[string]any{"text": "On 16 June 2011 the presidents signed <the statement> & more.", "version": 0}, 200, nil)
			e.json("POST", fmt.Sprintf("/api/v1/clauses/%d/approve", c.ID), map[string]any{"version": 1}, 200, nil)
		case c.Kind == "text" && draft == 0 && approved != 0:
			draft = c.ID
			e.as("translator").json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", c.ID), map[string]any{"text": "The full text follows.", "version": 0}, 200, nil)
		}
	}
	base := fmt.Sprintf("/api/v1/export?document=%d&format=", doc.ID)

	rec := e.as("viewer").do("GET", base+"text", nil)
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Fatalf("text: %d %s %s", rec.Code, rec.Header(), rec.Body)
	}
	// Named as the statement's other exports: its date and short title.
	// (mime gives the UTF-8 name of filename*; old clients read the ASCII one.)
	cd := rec.Header().Get("Content-Disposition")
	if _, params, _ := mime.ParseMediaType(cd); !strings.HasPrefix(params["filename"], doc.Date+" ") || !strings.HasSuffix(params["filename"], "-en.txt") ||
		!strings.Contains(cd, fmt.Sprintf(`filename="%s-statement-%d-en.txt"`, doc.Date, doc.ID)) {
		t.Fatalf("file name: %q", rec.Header().Get("Content-Disposition"))
	}
	text := rec.Body.String()
	if !strings.HasPrefix(text, doc.Title+"\n17 June 2011\n\nOn 16 June 2011 the presidents signed <the statement> & more. [not approved: ") || strings.Contains(text, "The full text follows.") {
		t.Fatalf("text of approved English:\n%s", text)
	}
	rec = e.do("GET", base+"text&all_statuses=1", nil)
	if !strings.Contains(rec.Body.String(), "& more. The full text follows. [draft]") {
		t.Fatalf("text with drafts:\n%s", rec.Body)
	}
	rec = e.do("GET", base+"html&all_statuses=1", nil)
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "text/html; charset=utf-8" || !strings.Contains(rec.Body.String(), "signed &lt;the statement&gt; &amp; more.") ||
		!strings.Contains(rec.Body.String(), `<mark class="draft"`) {
		t.Fatalf("html: %d %s", rec.Code, rec.Body)
	}
	for _, f := range []string{"docx", "bilingual-docx"} {
		rec = e.do("GET", base+f, nil)
		if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/vnd.openxmlformats-officedocument.wordprocessingml.document" {
			t.Fatalf("%s: %d %s", f, rec.Code, rec.Header())
		}
		z, err := zip.NewReader(bytes.NewReader(rec.Body.Bytes()), int64(rec.Body.Len()))
		if err != nil || len(z.File) < 5 {
			t.Fatalf("%s is no DOCX: %v", f, err)
		}
	}
	if !strings.Contains(rec.Header().Get("Content-Disposition"), fmt.Sprintf(`filename="%s-statement-%d-zh-en.docx"`, doc.Date, doc.ID)) {
		t.Fatalf("bilingual file name: %q", rec.Header().Get("Content-Disposition"))
	}

	// The preview's JSON: blocks of pieces with the clause ids.
	var s docout.Statement
	e.as("viewer").json("GET", fmt.Sprintf("/api/v1/documents/%d/statement?all_statuses=1", doc.ID), nil, 200, &s)
	found := map[uint]docout.State{}
	for _, b := range s.Blocks {
		for _, p := range b.Pieces {
			found[p.ClauseID] = p.State
		}
	}
	if len(found) != len(page.Clauses) || found[approved] != docout.Approved || found[draft] != docout.Draft || found[marker] != docout.Approved || s.Drafts != 1 {
		t.Fatalf("statement JSON: %d pieces of %d clauses, states %v %v %v, drafts %d", len(found), len(page.Clauses), found[approved], found[draft], found[marker], s.Drafts)
	}

	// Errors: no session, an unknown statement, no statement, a bad format.
	if rec := e.anon().do("GET", base+"docx", nil); rec.Code != http.StatusUnauthorized {
		t.Fatalf("without a session: %d", rec.Code)
	}
	if rec := e.anon().do("GET", fmt.Sprintf("/api/v1/documents/%d/statement", doc.ID), nil); rec.Code != http.StatusUnauthorized {
		t.Fatalf("statement without a session: %d", rec.Code)
	}
	if rec := e.do("GET", "/api/v1/export?document=999&format=docx", nil); rec.Code != 404 || errCode(t, rec) != "not_found" {
		t.Fatalf("unknown statement: %d %s", rec.Code, rec.Body)
	}
	if rec := e.do("GET", "/api/v1/documents/999/statement", nil); rec.Code != 404 {
		t.Fatalf("unknown statement's preview: %d %s", rec.Code, rec.Body)
	}
	if rec := e.do("GET", "/api/v1/export?format=html", nil); rec.Code != 400 || !strings.Contains(rec.Body.String(), "?document=ID") {
		t.Fatalf("no statement: %d %s", rec.Code, rec.Body)
	}
	if rec := e.do("GET", base+"pdf", nil); rec.Code != 400 || !strings.Contains(rec.Body.String(), "bilingual-docx") {
		t.Fatalf("bad format: %d %s", rec.Code, rec.Body)
	}
	if rec := e.do("GET", "/api/v1/export?format=docx&document=x", nil); rec.Code != 400 {
		t.Fatalf("bad id: %d %s", rec.Code, rec.Body)
	}
}
