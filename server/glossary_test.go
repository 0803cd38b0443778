package server

import (
	"bytes"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/testkit"
)

func (e *env) uploadTo(path, name string, data []byte) *httptest.ResponseRecorder {
	e.t.Helper()
	var buf bytes.Buffer
	mw := newMultipart(&buf, name, data)
	return e.do("POST", path, &buf, "Content-Type", mw)
}

// clauseWith finds a seed clause whose Chinese contains s.
func (e *env) clauseWith(s string) store.Clause {
	e.t.Helper()
	cl, _, err := e.st.ListClauses(e.t.Context(), store.ClauseFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, c := range cl {
		if strings.Contains(c.Source, s) {
			return c
		}
	}
	e.t.Fatalf("no seed clause contains %s", s)
	return store.Clause{}
}

func TestGlossaryAPI(t *testing.T) {
	e := newEnv(t)
	var created store.Term
	e.json("POST", "/api/v1/glossary", map[string]any{"zh": "金砖国家", "en": "BRICS", "variants": []string{"BRICS countries"}, "forbidden": []string{"BRIC"}}, 201, &created)
	if created.ID == 0 || created.Status != "approved" || created.Version != 1 {
		t.Fatalf("created: %+v", created)
	}
	rec := e.do("POST", "/api/v1/glossary", strings.NewReader(`{"zh":"金砖国家","en":"BRICS"}`), "Content-Type", "application/json")
	if rec.Code != 422 || errCode(t, rec) != "invalid_entry" {
		t.Fatalf("duplicate: %d %s", rec.Code, rec.Body)
	}
	var updated store.Term
	e.json("PUT", fmt.Sprintf("/api/v1/glossary/%d", created.ID), map[string]any{"zh": "金砖国家", "en": "BRICS", "forbidden": []string{"BRIC"}, "note": "BRIC is outdated", "version": 1}, 200, &updated)
	e.json("PUT", fmt.Sprintf("/api/v1/glossary/%d", created.ID), map[string]any{"zh": "金砖国家", "en": "BRICs", "version": 1}, 409, nil)
	var list struct{ Terms []store.Term }
	e.json("GET", "/api/v1/glossary?q=outdated", nil, 200, &list)
	if len(list.Terms) != 1 || list.Terms[0].Note != "BRIC is outdated" {
		t.Fatalf("search: %+v", list)
	}
	var hist struct{ Changes []store.GlossaryChange }
	e.json("GET", fmt.Sprintf("/api/v1/glossary/%d/history", created.ID), nil, 200, &hist)
	if len(hist.Changes) != 2 || hist.Changes[0].Action != "updated" || hist.Changes[0].Author != "reviewer" {
		t.Fatalf("history: %+v", hist)
	}

	// Import: a CSV with a bad row changes nothing and names the line.
	bad := "zh,en,variants,status\r\n上海合作组织,Shanghai Cooperation Organisation,SCO,approved\r\n六方会谈,,,approved\r\n"
	rec = e.uploadTo("/api/v1/glossary/import", "terms.csv", []byte(bad))
	if rec.Code != 422 || !strings.Contains(rec.Body.String(), "line 3") {
		t.Fatalf("bad CSV: %d %s", rec.Code, rec.Body)
	}
	e.json("GET", "/api/v1/glossary", nil, 200, &list)
	if len(list.Terms) != 1 {
		t.Fatalf("a failed import changed the glossary: %+v", list)
	}
	good := "zh,en,variants,forbidden,pos,note,status,extra\r\n上海合作组织,Shanghai Cooperation Organisation,SCO,,noun,,approved,x\r\n二十国集团,Group of Twenty,G20|G-20,,noun,,,\r\n"
	rec = e.uploadTo("/api/v1/glossary/import", "terms.csv", []byte(good))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"created":2`) {
		t.Fatalf("good CSV: %d %s", rec.Code, rec.Body)
	}

	// Export as TBX and CSV; the TBX passes the independent validator and
	// reads back into the same glossary.
	for _, format := range []string{"tbx", "csv"} {
		rec = e.do("GET", "/api/v1/glossary/export?format="+format, nil)
		if rec.Code != 200 {
			t.Fatalf("%s export: %d", format, rec.Code)
		}
		path := filepath.Join(e.dir, "glossary."+format)
		os.WriteFile(path, rec.Body.Bytes(), 0o644)
		args, script := []string{path}, "validate_tbx.sh"
		if format == "csv" {
			script, args = "validate_csv.py", append(args, "--zh-col", "0", "--en-col", "1", "--csvkit")
		}
		if out, code := testkit.RunValidator(t, script, args...); code != 0 {
			t.Fatalf("%s rejects the glossary export:\n%s", script, out)
		}
		e.json("DELETE", fmt.Sprintf("/api/v1/glossary/%d", created.ID), nil, 204, nil)
		rec = e.uploadTo("/api/v1/glossary/import", "back."+format, rec.Body.Bytes())
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"created":1,"updated":0,"unchanged":2`) {
			t.Fatalf("%s round trip: %d %s", format, rec.Code, rec.Body)
		}
		e.json("GET", "/api/v1/glossary?q=金砖", nil, 200, &list)
		created = list.Terms[0]
		if len(list.Terms) != 1 || created.Note != "BRIC is outdated" || strings.Join(created.Forbidden, ",") != "BRIC" {
			t.Fatalf("%s round trip lost data: %+v", format, list.Terms)
		}
	}
	e.json("GET", "/api/v1/glossary/999", nil, 404, nil)
	e.json("DELETE", "/api/v1/glossary/999", nil, 404, nil)
}

type findingsResp struct {
	Findings []qa.Finding `json:"findings"`
}

func kinds(fs []qa.Finding) string {
	var k []string
	for _, f := range fs {
		k = append(k, f.Kind)
	}
	return strings.Join(k, ",")
}

// Findings follow every save of a clause or of the glossary at once.
func TestFindingsAreLive(t *testing.T) {
	e := newEnv(t)
	e.importSeed()
	var term store.Term
	e.json("POST", "/api/v1/glossary", map[string]any{"zh": "金砖国家", "en": "BRICS", "forbidden": []string{"BRIC"}}, 201, &term)
	cl := e.clauseWith("金砖国家")
	save := func(text string, version int) {
		e.json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", cl.ID), map[string]any{"text": text, "version": version}, 200, nil)
	}
	var got findingsResp
	save("The two sides value cooperation within BRIC.", 0)
	e.json("GET", fmt.Sprintf("/api/v1/findings?document=%d", cl.DocumentID), nil, 200, &got)
	if k := kinds(got.Findings); k != "term_forbidden" {
		t.Fatalf("after saving BRIC: %s", k)
	}
	// The draft check sees the text before it is saved.
	e.json("POST", fmt.Sprintf("/api/v1/clauses/%d/check", cl.ID), map[string]any{"text": "Cooperation within BRICS matters。"}, 200, &got)
	if k := kinds(got.Findings); k != "punctuation" {
		t.Fatalf("draft check: %s", k)
	}
	// Neither the approved rendering nor a forbidden one: the term is missing.
	save("The two sides value cooperation within the group of five.", 1)
	e.json("GET", fmt.Sprintf("/api/v1/findings?document=%d", cl.DocumentID), nil, 200, &got)
	if k := kinds(got.Findings); k != "term_missing" {
		t.Fatalf("after dropping the term: %s", k)
	}
	save("The two sides value cooperation within BRICS.", 2)
	e.json("GET", fmt.Sprintf("/api/v1/findings?document=%d&term=金砖国家", cl.DocumentID), nil, 200, &got)
	if len(got.Findings) != 0 {
		t.Fatalf("after fixing: %+v", got.Findings)
	}
	// A glossary change applies at once: BRICS becomes forbidden.
	e.json("PUT", fmt.Sprintf("/api/v1/glossary/%d", term.ID), map[string]any{"zh": "金砖国家", "en": "BRICS countries", "forbidden": []string{"BRICS"}, "version": term.Version}, 200, nil)
	e.json("GET", "/api/v1/findings?kind=term_forbidden", nil, 200, &got)
	if len(got.Findings) != 1 || got.Findings[0].ClauseID != cl.ID {
		t.Fatalf("after the glossary change: %+v", got.Findings)
	}
	// A reviewer dismisses it with a reason; it stays dismissed and can be listed.
	f := got.Findings[0]
	e.json("POST", "/api/v1/findings/dismissals", map[string]any{"key": f.Key, "clause_id": f.ClauseID, "kind": f.Kind, "reason": ""}, 422, nil)
	e.json("POST", "/api/v1/findings/dismissals", map[string]any{"key": f.Key, "clause_id": f.ClauseID, "kind": f.Kind, "reason": "quoted from the summit's name"}, 201, nil)
	e.json("GET", "/api/v1/findings?kind=term_forbidden", nil, 200, &got)
	if len(got.Findings) != 0 {
		t.Fatalf("dismissed finding still listed: %+v", got.Findings)
	}
	e.json("GET", "/api/v1/findings?kind=term_forbidden&dismissed=1", nil, 200, &got)
	if len(got.Findings) != 1 || got.Findings[0].Dismissed == nil || got.Findings[0].Dismissed.Reason != "quoted from the summit's name" {
		t.Fatalf("dismissed listing: %+v", got.Findings)
	}
	e.json("DELETE", "/api/v1/findings/dismissals?key="+urlQuery(f.Key), nil, 204, nil)

	// The editor's view of the document: hits with UTF-16 offsets.
	var docQA struct {
		Hits     map[string][]qa.Hit `json:"hits"`
		Findings []qa.Finding        `json:"findings"`
	}
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/qa", cl.DocumentID), nil, 200, &docQA)
	hits := docQA.Hits[fmt.Sprint(cl.ID)]
	if len(hits) == 0 || string([]rune(cl.Source)[hits[0].Start:hits[0].End]) != "金砖国家" {
		t.Fatalf("hits: %+v for %s", hits, cl.Source)
	}
	if len(docQA.Findings) != 1 {
		t.Fatalf("document findings: %+v", docQA.Findings)
	}
}

func TestTermReportAndSuggestions(t *testing.T) {
	e := newEnv(t)
	e.importSeed()
	e.json("POST", "/api/v1/glossary", map[string]any{"zh": "金砖国家", "en": "BRICS", "forbidden": []string{"BRIC"}}, 201, nil)
	var rep struct {
		Terms []map[string]any `json:"terms"`
	}
	e.json("GET", "/api/v1/terms/report", nil, 200, &rep)
	if len(rep.Terms) != 1 {
		t.Fatalf("report: %+v", rep)
	}
	var sug struct {
		Suggestions []struct{ Text string } `json:"suggestions"`
	}
	e.json("GET", "/api/v1/terms/suggest?limit=20", nil, 200, &sug)
	found := map[string]bool{}
	for _, s := range sug.Suggestions {
		found[s.Text] = true
	}
	if !found["上海合作组织"] || found["金砖国家"] {
		t.Fatalf("suggestions: %+v", sug.Suggestions)
	}
}

// The term report comes in pages from the term-occurrence index, with the
// total, and each term's whole report on its own; a save shows at once.
func TestTermReportPagesAndOneTerm(t *testing.T) {
	e := newEnv(t)
	e.importSeed()
	var brics store.Term
	e.json("POST", "/api/v1/glossary", map[string]any{"zh": "金砖国家", "en": "BRICS", "forbidden": []string{"BRIC"}}, 201, &brics)
	for _, zh := range []string{"上海合作组织", "联合国", "双方"} {
		e.json("POST", "/api/v1/glossary", map[string]any{"zh": zh, "en": "x"}, 201, nil)
	}
	type page struct {
		Terms []glossary.TermReport `json:"terms"`
		Total int                   `json:"total"`
	}
	var all page
	e.json("GET", "/api/v1/terms/report?limit=500", nil, 200, &all)
	if all.Total != 4 || len(all.Terms) != 4 {
		t.Fatalf("report: %d of %d terms, want 4", len(all.Terms), all.Total)
	}
	for i := range 4 { // page by page, the same terms in the same order
		var one page
		e.json("GET", fmt.Sprintf("/api/v1/terms/report?limit=1&offset=%d", i), nil, 200, &one)
		if one.Total != 4 || len(one.Terms) != 1 || one.Terms[0].EntryID != all.Terms[i].EntryID {
			t.Fatalf("page %d: %+v", i, one)
		}
	}
	// Nothing translated: no problems, and the most frequent term first.
	if all.Terms[0].Term != "双方" || all.Terms[0].Problems != 0 || all.Terms[0].Translated != 0 {
		t.Fatalf("first term: %+v", all.Terms[0])
	}
	cl := e.clauseWith("金砖国家")
	e.as("translator").json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", cl.ID), map[string]any{"text": "The BRIC countries.", "version": cl.Version}, 200, nil)
	e.json("GET", "/api/v1/terms/report?limit=500", nil, 200, &all)
	at := slices.IndexFunc(all.Terms, func(r glossary.TermReport) bool { return r.EntryID == brics.ID })
	if r := all.Terms[at]; r.Problems != 1 || !slices.Equal(r.Attention, []uint{cl.ID}) || r.Translated != 1 || all.Terms[3].Problems != 0 {
		t.Fatalf("after a forbidden rendering, the terms are %+v", all.Terms)
	}
	var whole struct{ Term glossary.TermReport }
	e.json("GET", fmt.Sprintf("/api/v1/terms/report/%d", brics.ID), nil, 200, &whole)
	var forbidden []uint
	for _, u := range whole.Term.Renderings {
		if u.Kind == glossary.RenderingForbidden {
			forbidden = u.Clauses
		}
	}
	if whole.Term.EntryID != brics.ID || !slices.Equal(forbidden, []uint{cl.ID}) || whole.Term.Clauses != all.Terms[at].Clauses {
		t.Fatalf("the term's report: %+v", whole.Term)
	}
}

// Amounts are compared by value: 1000亿美元 is US$100 billion.
func TestNumberMismatchFindings(t *testing.T) {
	e := newEnv(t)
	e.importSeed()
	cl := e.clauseWith("1000亿美元")
	path := fmt.Sprintf("/api/v1/clauses/%d/check", cl.ID)
	var got findingsResp
	e.json("POST", path, map[string]any{"text": "In trade, the two sides will create the conditions to raise bilateral trade to US$100 billion by 2015 and US$200 billion by 2020."}, 200, &got)
	if len(got.Findings) != 0 {
		t.Fatalf("correct amounts flagged: %+v", got.Findings)
	}
	e.json("POST", path, map[string]any{"text": "In trade, the two sides will create the conditions to raise bilateral trade to US$1,000 billion by 2015 and US$200 billion by 2020."}, 200, &got)
	if len(got.Findings) != 1 || got.Findings[0].Kind != "number_mismatch" || !strings.Contains(got.Findings[0].Message, "100,000,000,000") {
		t.Fatalf("wrong magnitude: %+v", got.Findings)
	}
}

// Discovered terms are read from their table a page at a time, with the
// time they were computed; before the first computation the answer says
// one is coming.
func TestDiscoveredTermsPage(t *testing.T) {
	e := newEnv(t)
	var docs []uint
	for _, d := range e.importSeed().Documents {
		docs = append(docs, d.ID)
	}
	type page struct {
		Terms      []glossary.DiscoveredTerm `json:"terms"`
		Total      int                       `json:"total"`
		ComputedAt *time.Time                `json:"computed_at"`
		Computing  bool                      `json:"computing"`
	}
	var before page
	e.as("viewer").json("GET", "/api/v1/terms/discovered", nil, 200, &before)
	if before.ComputedAt != nil || !before.Computing || before.Terms == nil || before.Total != 0 {
		t.Fatalf("before the first computation: %+v", before)
	}
	var stored []glossary.DiscoveredTerm
	for i, zh := range []string{"中亚", "反导", "独联体"} {
		doc := docs[i%2]
		stored = append(stored, glossary.DiscoveredTerm{ZH: zh, Clauses: 2, Statements: 1, Unaligned: []uint{},
			Renderings: []glossary.DiscoveredRendering{{EN: "a", Count: 1, Clauses: []uint{1}, Documents: []uint{doc}}, {EN: "b", Count: 1, Clauses: []uint{2}, Documents: []uint{doc}}}})
	}
	if err := e.st.SaveDiscovered(t.Context(), stored); err != nil {
		t.Fatal(err)
	}
	e.json("POST", "/api/v1/glossary", map[string]any{"zh": "反导", "en": "missile defence"}, 201, nil)
	var got page
	e.as("viewer").json("GET", "/api/v1/terms/discovered?offset=1&limit=1", nil, 200, &got)
	if got.Total != 3 || len(got.Terms) != 1 || got.Terms[0].ZH != "反导" || !got.Terms[0].InGlossary || got.Terms[0].EntryID == 0 || got.ComputedAt == nil || got.Computing {
		t.Fatalf("the second of three: %+v", got)
	}
	e.as("viewer").json("GET", fmt.Sprintf("/api/v1/terms/discovered?document=%d", docs[1]), nil, 200, &got)
	if got.Total != 1 || got.Terms[0].ZH != "反导" {
		t.Fatalf("statement %d's terms: %+v", docs[1], got)
	}
}
