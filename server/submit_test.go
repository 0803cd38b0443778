package server

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/testkit"
	"github.com/zhen-workbench/zhen/internal/workbench"
)

// A draft (saved) and a translated (confirmed) clause: the statement's
// counts tell them apart, numbering markers apart from work; exports with
// every status carry the difference and pass the validators; a bulk submit
// of "my translated clauses" is held back by an open finding, then made
// despite it.
func TestStatusesAndBulkSubmit(t *testing.T) {
	e := newEnv(t)
	doc := e.importSeed().Documents[0]
	var page clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=500", doc.ID), nil, 200, &page)
	var work, markers []store.Clause
	for _, c := range page.Clauses {
		if c.Kind == "heading" {
			markers = append(markers, c)
		} else {
			work = append(work, c)
		}
	}
	if len(work) < 4 {
		t.Fatalf("the seed's first statement has %d work clauses", len(work))
	}
	tr := e.as("translator")
	put := func(c *store.Clause, text string, confirm bool) {
		t.Helper()
		tr.json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", c.ID), map[string]any{"text": text, "version": c.Version, "confirm": confirm}, 200, c)
	}
	draft, confirmed, punct, rejected := work[0], work[1], work[2], work[3]
	put(&draft, "The two sides agree.", false)
	put(&confirmed, "China supports it.", false)
	put(&confirmed, "China supports it.", true) // the draft confirmed: a status change
	put(&punct, "Russia welcomes it，too.", true)
	put(&rejected, "Both sides hold.", true)
	e.as("reviewer").json("POST", fmt.Sprintf("/api/v1/clauses/%d/reject", rejected.ID), map[string]any{"comment": "Say it otherwise.", "version": rejected.Version}, 200, &rejected)
	if draft.Status != store.StatusDraft || confirmed.Status != store.StatusTranslated || confirmed.Version != 2 || rejected.Status != store.StatusRejected {
		t.Fatalf("statuses: %s %s v%d %s", draft.Status, confirmed.Status, confirmed.Version, rejected.Status)
	}
	var hist struct{ Revisions []store.Revision }
	e.json("GET", fmt.Sprintf("/api/v1/clauses/%d/history", confirmed.ID), nil, 200, &hist)
	if len(hist.Revisions) != 2 || hist.Revisions[0].Action != "confirm" || hist.Revisions[0].Text != "China supports it." {
		t.Fatalf("history of a confirmed draft: %+v", hist.Revisions)
	}

	// The counts, from the statement and from the list.
	var one map[string]any
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d", doc.ID), nil, 200, &one)
	want := map[string]float64{"clauses": float64(len(work)), "translated": 4, "draft": 1, "confirmed": 2, "rejected": 1, "submitted": 0, "markers": float64(len(markers))}
	for k, v := range want {
		if one[k] != v {
			t.Errorf("document %s = %v, want %v", k, one[k], v)
		}
	}
	var list struct{ Documents []map[string]any }
	e.json("GET", "/api/v1/documents", nil, 200, &list)
	i := slices.IndexFunc(list.Documents, func(d map[string]any) bool { return d["id"] == float64(doc.ID) })
	for k, v := range want {
		if i < 0 || list.Documents[i][k] != v {
			t.Errorf("listed document %s = %v, want %v", k, list.Documents[i][k], v)
		}
	}

	// Exports of every status tell a draft from a translated clause.
	for _, f := range []struct {
		format, script string
		args           []string
		draft, done    string
	}{
		{"tmx", "validate_tmx.sh", nil, `<prop type="x-status">draft</prop>`, `<prop type="x-status">translated</prop>`},
		{"csv", "validate_csv.py", []string{"--zh-col", "3", "--en-col", "4", "--csvkit"}, "The two sides agree.,draft,", "China supports it.,translated,"},
		{"xliff", "validate_xliff.sh", nil, `state="needs-review-translation">The two sides agree.`, `state="translated">China supports it.`},
	} {
		rec := e.do("GET", fmt.Sprintf("/api/v1/export?format=%s&document=%d&all_statuses=1", f.format, doc.ID), nil)
		body := rec.Body.String()
		if rec.Code != 200 || !strings.Contains(body, f.draft) || !strings.Contains(body, f.done) {
			t.Errorf("%s export (%d) lacks %q or %q", f.format, rec.Code, f.draft, f.done)
		}
		path := filepath.Join(e.dir, "statuses."+f.format)
		os.WriteFile(path, rec.Body.Bytes(), 0o644)
		if out, code := testkit.RunValidator(t, f.script, append([]string{path}, f.args...)...); code != 0 {
			t.Fatalf("%s rejects the export (exit %d):\n%s", f.script, code, out)
		}
	}

	// Bulk submit of the translator's translated clauses: held back by the
	// punctuation left in one, nothing submitted; then despite it.
	mine := map[string]any{"document": doc.ID, "mine": true}
	rec := tr.json("POST", "/api/v1/submit", mine, 409, nil)
	var held struct {
		Error    struct{ Code, Message string }
		Findings []qa.Finding
	}
	json.Unmarshal(rec.Body.Bytes(), &held)
	if held.Error.Code != "open_findings" || !slices.ContainsFunc(held.Findings, func(f qa.Finding) bool { return f.ClauseID == punct.ID && f.Kind == "punctuation" }) {
		t.Fatalf("held: %s", rec.Body)
	}
	if now, _ := e.st.GetClause(t.Context(), confirmed.ID); now.Status != store.StatusTranslated {
		t.Fatalf("a held submit changed a clause: %+v", now)
	}
	mine["despite_findings"] = true
	var out workbench.BulkSubmitted
	tr.json("POST", "/api/v1/submit", mine, 200, &out)
	if len(out.Submitted) != 2 || out.Submitted[0].ID != confirmed.ID || out.Submitted[1].ID != punct.ID || len(out.Skipped) != 0 {
		t.Fatalf("submitted: %+v", out)
	}
	// By list (its English lacks the date: despite that finding): the draft
	// is submitted, a stale version and the submitted
	// clause are skipped with their reasons.
	tr.json("POST", "/api/v1/submit", map[string]any{"clauses": []map[string]any{{"id": draft.ID, "version": draft.Version},
		{"id": rejected.ID, "version": rejected.Version - 1}, {"id": confirmed.ID, "version": confirmed.Version + 1}}, "despite_findings": true}, 200, &out)
	if len(out.Submitted) != 1 || out.Submitted[0].ID != draft.ID || len(out.Skipped) != 2 ||
		out.Skipped[0].Reason != "changed since you looked: look at it again" || out.Skipped[1].Reason != "the clause is already waiting for review" {
		t.Fatalf("by list: %+v", out)
	}
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d", doc.ID), nil, 200, &one)
	if one["submitted"] != float64(3) || one["draft"] != float64(0) || one["confirmed"] != float64(0) || one["rejected"] != float64(1) {
		t.Fatalf("counts after submitting: %v", one)
	}
}
