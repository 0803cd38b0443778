package server

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/imports"
	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/testkit"
)

func TestAlignAndApply(t *testing.T) {
	e := newEnv(t)
	var treaty store.Imported
	for _, d := range e.importSeed().Documents {
		if strings.Contains(d.Title, "签署10周年") {
			treaty = d
		}
	}
	english, err := os.ReadFile("../internal/align/testdata/treaty-2011.en.txt")
	if err != nil {
		t.Fatal(err)
	}
	tr := e.as("translator")
	path := fmt.Sprintf("/api/v1/documents/%d/align", treaty.ID)
	// Numbering markers have their English from the import: an alignment
	// keeps it.
	markers := map[uint]bool{}
	var listed clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=500", treaty.ID), nil, 200, &listed)
	for _, c := range listed.Clauses {
		markers[c.ID] = c.Kind == "heading"
	}
	var out qa.Alignment
	tr.json("POST", path, map[string]string{"text": string(english)}, 200, &out)
	if out.Clauses != treaty.Clauses || out.Sentences < 30 || len(out.Pairs) == 0 {
		t.Fatalf("alignment of %d clauses: %d clauses, %d sentences, %d pairs", treaty.Clauses, out.Clauses, out.Sentences, len(out.Pairs))
	}
	// Every sentence in exactly one pair, in order; clauses in order, once.
	var sentences []string
	var last uint
	var assign []store.Assignment
	for _, p := range out.Pairs {
		sentences = append(sentences, p.Sentences...)
		if strings.Join(p.Sentences, " ") != p.English || p.Confidence < 0 || p.Confidence > 1 {
			t.Fatalf("pair %+v", p)
		}
		for _, id := range p.ClauseIDs {
			if id <= last {
				t.Fatalf("clauses out of order: %+v", out.Pairs)
			}
			last = id
		}
		if len(p.ClauseIDs) == 1 && p.English != "" && !markers[p.ClauseIDs[0]] {
			assign = append(assign, store.Assignment{ClauseID: p.ClauseIDs[0], English: p.English})
		}
	}
	if len(sentences) != out.Sentences {
		t.Fatalf("%d sentences in pairs, %d in the text", len(sentences), out.Sentences)
	}
	// Nothing was stored by proposing (the numbering markers' English
	// came with the import).
	if d, _ := e.st.GetDocument(t.Context(), treaty.ID); d.Translated != d.Approved {
		t.Fatalf("proposing stored %d translations", d.Translated-d.Approved)
	}
	var res store.AlignResult
	tr.json("POST", path+"/apply", map[string]any{"assignments": assign}, 200, &res)
	if res.Updated != len(assign) || res.Kept != 0 {
		t.Fatalf("apply: %+v for %d", res, len(assign))
	}
	// Numbering markers are not counted as work, with English or not.
	work := 0
	for _, a := range assign {
		if c, err := e.st.GetClause(t.Context(), a.ClauseID); err == nil && c.Kind != "heading" {
			work++
		}
	}
	if d, _ := e.st.GetDocument(t.Context(), treaty.ID); d.Translated != work {
		t.Fatalf("%d translated after apply, want %d", d.Translated, work)
	}
	// Bad input: no English, a clause of another statement, a viewer.
	tr.json("POST", path, map[string]string{"text": "  \n "}, 422, nil)
	other := treaty.ID%5 + 1
	var page clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=1", other), nil, 200, &page)
	tr.json("POST", path+"/apply", map[string]any{"assignments": []store.Assignment{{ClauseID: page.Clauses[0].ID, English: "x"}}}, 422, nil)
	e.as("viewer").json("POST", path, map[string]string{"text": "x."}, 403, nil)
}

func TestImportTranslationsFiles(t *testing.T) {
	e := newEnv(t)
	doc := e.importSeed().Documents[0]
	var page clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=2", doc.ID), nil, 200, &page)
	tr := e.as("translator")
	tr.json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", page.Clauses[1].ID), map[string]any{"text": "Before.", "version": 0}, 200, nil)
	// An XLIFF export, edited, comes back by clause id.
	rec := e.do("GET", fmt.Sprintf("/api/v1/export?format=xliff&document=%d&all_statuses=1", doc.ID), nil)
	if rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Disposition"), ".xlf") {
		t.Fatalf("xliff export: %d %v", rec.Code, rec.Header())
	}
	path := e.dir + "/export.xlf"
	os.WriteFile(path, rec.Body.Bytes(), 0o644)
	if out, code := testkit.RunValidator(t, "validate_xliff.sh", path); code != 0 {
		t.Fatalf("validate_xliff.sh rejects the export:\n%s", out)
	}
	edited := strings.Replace(rec.Body.String(), "Before.", "After.", 1)
	var res imports.Result
	json.Unmarshal(tr.uploadTo("/api/v1/translations/import", "back.xlf", []byte(edited)).Body.Bytes(), &res)
	if res.Format != "xliff" || res.Updated != 1 || len(res.Conflicts) != 0 {
		t.Fatalf("xliff import: %+v", res)
	}
	// The same file again: a conflict, nothing overwritten.
	json.Unmarshal(tr.uploadTo("/api/v1/translations/import", "back.xlf", []byte(strings.Replace(edited, "After.", "Later.", 1))).Body.Bytes(), &res)
	if res.Updated != 0 || len(res.Conflicts) != 1 || res.Conflicts[0].Theirs != "After." {
		t.Fatalf("stale xliff: %+v", res)
	}
	// Broken files: 422 with the line, nothing applied.
	for name, data := range map[string]string{
		"cut.xlf": edited[:len(edited)/2],
		"bad.tmx": "<tmx><header srclang=\"fr\"/><body></body></tmx>",
		"bad.csv": "zh,en\n\"unclosed,x\n",
		"x.docx":  "PK",
	} {
		rec := tr.uploadTo("/api/v1/translations/import", name, []byte(data))
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), "nothing was imported") {
			t.Errorf("%s: %d %s", name, rec.Code, rec.Body)
		}
	}
	if got, _ := e.st.GetClause(t.Context(), page.Clauses[1].ID); got.Target != "After." {
		t.Fatalf("after refused files: %q", got.Target)
	}
	if rec := e.as("viewer").uploadTo("/api/v1/translations/import", "back.xlf", []byte(edited)); rec.Code != 403 {
		t.Fatalf("viewer import: %d", rec.Code)
	}
}

func TestConcordanceAPI(t *testing.T) {
	e := newEnv(t)
	e.importSeed()
	var out struct {
		Method string
		Hits   []qa.ConcordanceHit
	}
	e.as("viewer").json("GET", "/api/v1/concordance?q="+urlQuery("金砖"), nil, 200, &out)
	if len(out.Hits) < 5 || out.Method == "" {
		t.Fatalf("金砖: %d hits by %q", len(out.Hits), out.Method)
	}
	for _, h := range out.Hits {
		if len(h.SourceSpans) == 0 || !strings.Contains(h.Source, "金砖") {
			t.Fatalf("hit without the query: %+v", h)
		}
	}
	e.json("GET", "/api/v1/concordance?q=x&in=fr", nil, 400, nil)
	e.anon().json("GET", "/api/v1/concordance?q=x", nil, 401, nil)
}

func TestUpdateDocument(t *testing.T) {
	e := newEnv(t)
	doc := e.importSeed().Documents[0]
	path := fmt.Sprintf("/api/v1/documents/%d", doc.ID)
	var got store.DocumentSummary
	e.as("translator").json("PUT", path, map[string]string{"title": " 新标题 ", "date": "2011-06-16"}, 200, &got)
	if got.Title != "新标题" || got.Date != "2011-06-16" || got.Clauses+got.Markers != doc.Clauses || got.Markers == 0 {
		t.Fatalf("%+v", got)
	}
	e.json("PUT", path, map[string]string{"title": "", "date": ""}, 422, nil)
	e.json("PUT", path, map[string]string{"title": "x", "date": "2011-13-01"}, 422, nil)
	e.json("PUT", path, map[string]string{"title": "x"}, 400, nil)
	e.json("PUT", "/api/v1/documents/999", map[string]string{"title": "x", "date": ""}, 404, nil)
	e.as("viewer").json("PUT", path, map[string]string{"title": "x", "date": ""}, 403, nil)
}

func TestMemoryMatchesAPI(t *testing.T) {
	e := newEnv(t)
	e.importSeed()
	// Two clauses whose Chinese is close: approve one, ask for the other.
	var near, far store.Clause
	for _, d := range []uint{1, 2, 3, 4, 5} {
		var page clausePage
		e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=500", d), nil, 200, &page)
		for _, c := range page.Clauses {
			if strings.HasPrefix(c.Source, "双方") && near.ID == 0 {
				near = c
			}
		}
	}
	e.json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", near.ID), map[string]any{"text": "The two sides agree.", "version": 0}, 200, nil)
	e.json("POST", fmt.Sprintf("/api/v1/clauses/%d/approve", near.ID), map[string]any{"version": 1}, 200, nil)
	// An imported unit with the same Chinese but one character changed.
	edited := []rune(near.Source)
	edited[len(edited)-2] = '好'
	tmx := `<?xml version="1.0"?><tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" datatype="plaintext"/><body><tu tuid="1"><tuv xml:lang="zh-CN"><seg>` + string(edited) + `</seg></tuv><tuv xml:lang="en-US"><seg>From the memory.</seg></tuv></tu></body></tmx>`
	if rec := e.uploadTo("/api/v1/translations/import?memory_only=1", "m.tmx", []byte(tmx)); rec.Code != 200 {
		t.Fatalf("tmx: %d %s", rec.Code, rec.Body)
	}
	// "Memory only" with a CSV or XLIFF, which write clauses: refused, and
	// the clause keeps its English.
	for _, name := range []string{"m.csv", "m.xlf"} {
		rec := e.uploadTo("/api/v1/translations/import?memory_only=1", name, []byte("zh,en\n"+near.Source+",Overwritten.\n"))
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), "only a .tmx file can be imported into the translation memory alone") {
			t.Fatalf("memory only, %s: %d %s", name, rec.Code, rec.Body)
		}
	}
	var kept store.Clause
	e.json("GET", fmt.Sprintf("/api/v1/clauses/%d", near.ID), nil, 200, &kept)
	if kept.Target != "The two sides agree." {
		t.Fatalf("a refused memory-only import changed the clause: %q", kept.Target)
	}
	far = near
	var out struct{ Matches []qa.MemoryMatch }
	e.as("viewer").json("GET", fmt.Sprintf("/api/v1/clauses/%d/matches", far.ID), nil, 200, &out)
	// The clause itself is left out; the imported near-copy is found with its difference.
	if len(out.Matches) == 0 || out.Matches[0].Target != "From the memory." || out.Matches[0].Origin != "imported" || out.Matches[0].Score >= 1 || len(out.Matches[0].Diff) < 2 {
		t.Fatalf("matches %+v", out.Matches)
	}
	e.json("GET", "/api/v1/clauses/999/matches", nil, 404, nil)
}

// TestXMLBombUploadsAreRefusedWithTheLine: the streaming guard's refusals
// reach the translator as a 422 naming the line, for translations and the
// glossary alike, and nothing is imported.
func TestXMLBombUploadsAreRefusedWithTheLine(t *testing.T) {
	e := newEnv(t)
	e.importSeed()
	deep := `<?xml version="1.0"?>` + "\n" + `<tmx version="1.4"><header srclang="zh-CN"/><body>` + "\n" + strings.Repeat("<a>\n", 100_000)
	attrs := `<?xml version="1.0"?>` + "\n" + `<tmx version="1.4">` + "\n<header" + func() string {
		var b strings.Builder
		for i := range 5000 {
			fmt.Fprintf(&b, " a%d=\"1\"", i)
		}
		return b.String()
	}() + "/></tmx>"
	for _, up := range []struct{ path, name, data, want string }{
		{"/api/v1/translations/import", "deep.tmx", deep, "line 33: the XML nests deeper than 32 levels at <a>"},
		{"/api/v1/translations/import", "deep.xlf", `<xliff version="1.2"><file original="x" source-language="zh-CN" target-language="en-US" datatype="plaintext"><body>` + "\n" + strings.Repeat("<a>\n", 100_000), "line 31: the XML nests deeper than 32 levels"},
		{"/api/v1/translations/import", "attrs.tmx", attrs, "line 3: <header> has more than 64 attributes"},
		{"/api/v1/glossary/import", "deep.tbx", strings.Replace(deep, "<tmx", "<tbx", 1), "nests deeper than 32 levels"},
	} {
		rec := e.uploadTo(up.path, up.name, []byte(up.data))
		var body struct{ Error struct{ Message string } }
		json.Unmarshal(rec.Body.Bytes(), &body)
		if rec.Code != 422 || !strings.Contains(body.Error.Message, up.want) {
			t.Errorf("%s: %d %.300s", up.name, rec.Code, rec.Body)
		}
	}
	var terms struct{ Terms []any }
	e.json("GET", "/api/v1/glossary", nil, 200, &terms)
	if len(terms.Terms) != 0 {
		t.Fatalf("terms after refused uploads: %v", terms.Terms)
	}
}
