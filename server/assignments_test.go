package server

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/testkit"
)

// The QA report: every open and dismissed finding, as CSV that passes the
// CSV validator (formula-like English neutralised, Chinese intact) and as
// one complete HTML document with every text escaped.
func TestFindingsReport(t *testing.T) {
	e := newEnv(t)
	e.importSeed()
	e.as("reviewer").json("POST", "/api/v1/glossary", map[string]any{"zh": "金砖国家", "en": "BRICS", "forbidden": []string{"BRIC"}}, 201, nil)
	brics := e.clauseWith("金砖国家")
	e.as("translator").json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", brics.ID), map[string]any{"text": "=Cooperation within BRIC <script>alert(1)</script> & more，and so on。", "version": brics.Version}, 200, nil)
	var found findingsResp
	e.json("GET", fmt.Sprintf("/api/v1/findings?document=%d", brics.DocumentID), nil, 200, &found)
	if len(found.Findings) < 2 {
		t.Fatalf("findings: %+v", found.Findings)
	}
	dismissed := found.Findings[0]
	e.as("reviewer").json("POST", "/api/v1/findings/dismissals", map[string]any{"key": dismissed.Key, "clause_id": dismissed.ClauseID, "kind": dismissed.Kind, "reason": "<i>quoted</i>, as \"said\""}, 201, nil)

	rec := e.as("viewer").do("GET", fmt.Sprintf("/api/v1/findings/report?format=csv&document=%d", brics.DocumentID), nil)
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") ||
		!strings.Contains(rec.Header().Get("Content-Disposition"), fmt.Sprintf("zhen-qa-report-document-%d.csv", brics.DocumentID)) {
		t.Fatalf("CSV report: %d %v", rec.Code, rec.Header())
	}
	path := filepath.Join(e.dir, "qa.csv")
	os.WriteFile(path, rec.Body.Bytes(), 0o644)
	if out, code := testkit.RunValidator(t, "validate_csv.py", path, "--zh-col", "zh", "--en-col", "en", "--csvkit"); code != 0 {
		t.Fatalf("validate_csv.py rejects the QA report (exit %d):\n%s", code, out)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(rec.Body.String(), "\uFEFF"))).ReadAll()
	if err != nil || len(rows) != len(found.Findings)+1 {
		t.Fatalf("%d rows for %d findings: %v", len(rows), len(found.Findings), err)
	}
	states := map[string]int{}
	for _, r := range rows[1:] {
		states[r[9]]++
		if r[3] == fmt.Sprint(brics.ID) && (r[2] != fmt.Sprint(brics.Position+1) || r[4] != brics.Source || !strings.HasPrefix(r[5], "'=Cooperation")) {
			t.Errorf("row %q: clause number, Chinese or neutralised English wrong", r)
		}
		if r[9] == "dismissed" && (r[10] != "reviewer" || r[11] != `<i>quoted</i>, as "said"`) {
			t.Errorf("dismissed row %q", r)
		}
	}
	if states["dismissed"] != 1 || states["open"] != len(found.Findings)-1 {
		t.Fatalf("states %v", states)
	}

	rec = e.as("viewer").do("GET", "/api/v1/findings/report?format=html", nil)
	body := rec.Body.String()
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") || !strings.HasPrefix(body, "<!DOCTYPE html>") || !strings.HasSuffix(body, "</html>\n") {
		t.Fatalf("HTML report: %d %v\n%.300s", rec.Code, rec.Header(), body)
	}
	if strings.Contains(body, "<script>") || strings.Contains(body, "<i>quoted") || !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more，and so on。") ||
		!strings.Contains(body, "&lt;i&gt;quoted&lt;/i&gt;") || !strings.Contains(body, brics.Source) || !strings.Contains(body, "1 dismissed") {
		t.Fatalf("HTML report not escaped or incomplete:\n%s", body)
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "script-src") {
		t.Fatalf("the report's CSP: %q", csp)
	}
}

// The review queue's ?assigned=1 keeps the clauses of the ranges the
// caller is assigned to review.
func TestReviewQueueAssigned(t *testing.T) {
	e := newEnv(t)
	doc := e.importSeed().Documents[0].ID
	var page clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=500", doc), nil, 200, &page)
	tr := e.as("translator")
	var submitted []store.Clause
	for _, cl := range page.Clauses {
		if cl.Kind == "heading" || len(submitted) == 3 {
			continue
		}
		tr.json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", cl.ID), map[string]any{"text": "The two sides agree.", "version": cl.Version}, 200, &cl)
		tr.json("POST", fmt.Sprintf("/api/v1/clauses/%d/submit", cl.ID), map[string]any{"version": cl.Version}, 200, &cl)
		submitted = append(submitted, cl)
	}
	n := submitted[1].Position + 1
	e.as("admin").json("POST", "/api/v1/assignments", map[string]any{"document_id": doc, "first_clause": n, "last_clause": n + 1, "translator": "translator", "reviewer": "reviewer"}, 201, nil)
	var q struct {
		Clauses []queueItem `json:"clauses"`
	}
	e.as("reviewer").json("GET", "/api/v1/review?assigned=1", nil, 200, &q)
	if len(q.Clauses) == 0 || q.Clauses[0].ID != submitted[1].ID || len(q.Clauses) > 2 {
		t.Fatalf("assigned queue: %+v", q.Clauses)
	}
	e.as("reviewer").json("GET", "/api/v1/review", nil, 200, &q)
	if len(q.Clauses) != 3 {
		t.Fatalf("the whole queue: %d clauses", len(q.Clauses))
	}
	e.as("admin").json("GET", "/api/v1/review?assigned=1", nil, 200, &q)
	if len(q.Clauses) != 0 {
		t.Fatalf("an admin assigned nothing sees %d", len(q.Clauses))
	}
	var mine struct {
		Assignments []store.AssignmentProgress `json:"assignments"`
	}
	e.as("translator").json("GET", "/api/v1/assignments?mine=1", nil, 200, &mine)
	if len(mine.Assignments) != 1 || mine.Assignments[0].Submitted < 1 || mine.Assignments[0].ReviewerClauseID != submitted[1].ID {
		t.Fatalf("mine: %+v", mine.Assignments)
	}
}
