package server

import (
	"fmt"
	"testing"

	"github.com/zhen-workbench/zhen/internal/diff"
	"github.com/zhen-workbench/zhen/internal/store"
)

// The review queue marks an alternative that was rejected before (with
// the reason) and compares the English waiting with the last one rejected;
// an approval since puts the old rejection behind it. On SQLite and
// PostgreSQL.
func TestReviewQueueMarksRejectedEnglish(t *testing.T) {
	onBothDatabases(t, func(t *testing.T, e *env) {
		docs := e.importSeed().Documents
		var list struct{ Clauses []store.Clause }
		e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=20", docs[0].ID), nil, 200, &list)
		var cl store.Clause
		for _, c := range list.Clauses {
			if c.Kind != "heading" && c.Target == "" {
				cl = c
				break
			}
		}
		tr := e.as("translator")
		url := func(what string) string { return fmt.Sprintf("/api/v1/clauses/%d/%s", cl.ID, what) }
		save := func(who *env, text string) {
			who.json("PUT", url("translation"), map[string]any{"text": text, "version": cl.Version}, 200, &cl)
		}
		step := func(who *env, what string, body map[string]any) {
			body["version"] = cl.Version
			who.json("POST", url(what), body, 200, &cl)
		}
		const first, second, third = "The two sides held talks.", "The two sides held talks in Beijing.", "Both sides held talks in Beijing."
		save(tr, first)
		step(tr, "submit", map[string]any{})
		step(e, "reject", map[string]any{"comment": "Where?"})
		save(tr, second)
		step(tr, "submit", map[string]any{})

		type queue struct {
			Clauses []struct {
				ID           uint
				Target       string
				Alternatives []struct {
					Text           string
					Rejected       bool
					RejectedReason string `json:"rejected_reason"`
					RejectedBy     string `json:"rejected_by"`
				}
				RejectedText    string    `json:"rejected_text"`
				RejectedReason  string    `json:"rejected_reason"`
				RejectedBy      string    `json:"rejected_by"`
				RejectedVersion int       `json:"rejected_version"`
				RejectedDiff    []diff.Op `json:"rejected_diff"`
			}
		}
		var q queue
		e.json("GET", "/api/v1/review", nil, 200, &q)
		if len(q.Clauses) != 1 || q.Clauses[0].ID != cl.ID {
			t.Fatalf("queue: %+v", q)
		}
		it := q.Clauses[0]
		if it.RejectedText != first || it.RejectedReason != "Where?" || it.RejectedBy != "reviewer" || it.RejectedVersion != 3 {
			t.Errorf("last rejection: %+v", it)
		}
		if want := []diff.Op{{Kind: diff.Equal, Text: "The two sides held talks"}, {Kind: diff.Insert, Text: " in Beijing"}, {Kind: diff.Equal, Text: "."}}; fmt.Sprint(it.RejectedDiff) != fmt.Sprint(want) {
			t.Errorf("diff from the rejected English: %+v, want %+v", it.RejectedDiff, want)
		}
		if len(it.Alternatives) != 2 || it.Alternatives[0].Text != second || it.Alternatives[0].Rejected ||
			it.Alternatives[1].Text != first || !it.Alternatives[1].Rejected || it.Alternatives[1].RejectedReason != "Where?" || it.Alternatives[1].RejectedBy != "reviewer" {
			t.Errorf("alternatives: %+v", it.Alternatives)
		}

		// The reviewer approves; a later revision waits without the old rejection.
		step(e, "approve", map[string]any{})
		save(tr, third)
		step(tr, "submit", map[string]any{})
		q = queue{}
		e.json("GET", "/api/v1/review", nil, 200, &q)
		if len(q.Clauses) != 1 {
			t.Fatalf("queue after approval: %+v", q)
		}
		it = q.Clauses[0]
		if it.RejectedText != "" || it.RejectedDiff != nil || len(it.Alternatives) != 1 || it.Alternatives[0].Rejected {
			t.Errorf("after an approval: %+v", it)
		}
	})
}
