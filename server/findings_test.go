package server

import (
	"fmt"
	"slices"
	"testing"

	"github.com/zhen-workbench/zhen/internal/qa"
)

type findingsPage struct {
	Findings []qa.Finding `json:"findings"`
	Total    int          `json:"total"`
	Offset   int          `json:"offset"`
	Limit    int          `json:"limit"`
}

// The QA page reads stored findings a page at a time: the pages join up to
// the whole list, the total is the same on every page, and a change shows
// on the next read (the write rechecked it before answering).
func TestFindingsArePagedAndCurrent(t *testing.T) {
	e := newEnv(t)
	e.importSeed()
	tr := e.as("translator")
	var saved []uint
	for i, s := range []string{"双方", "两国", "合作", "发展", "战略", "国际", "问题"} {
		cl := e.clauseWith(s)
		if slices.Contains(saved, cl.ID) {
			continue
		}
		// Chinese left in the English: a finding each.
		tr.json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", cl.ID), map[string]any{"text": fmt.Sprintf("双方 agree on %d points.", 900+i), "version": cl.Version}, 200, nil)
		saved = append(saved, cl.ID)
	}
	var all findingsPage
	e.json("GET", "/api/v1/findings?limit=1000", nil, 200, &all)
	if all.Total != len(all.Findings) || all.Total < len(saved) {
		t.Fatalf("%d findings of %d for %d clauses", len(all.Findings), all.Total, len(saved))
	}
	var joined []qa.Finding
	for offset := 0; offset < all.Total; offset += 3 {
		var p findingsPage
		e.json("GET", fmt.Sprintf("/api/v1/findings?limit=3&offset=%d", offset), nil, 200, &p)
		if p.Total != all.Total || p.Offset != offset || p.Limit != 3 || len(p.Findings) != min(3, all.Total-offset) {
			t.Fatalf("page at %d: %d findings, total %d, offset %d, limit %d", offset, len(p.Findings), p.Total, p.Offset, p.Limit)
		}
		joined = append(joined, p.Findings...)
	}
	for i := range joined {
		if joined[i].Key != all.Findings[i].Key {
			t.Fatalf("finding %d: %s in pages, %s in the whole list", i, joined[i].Key, all.Findings[i].Key)
		}
	}
	e.json("GET", "/api/v1/findings?limit=0", nil, 400, nil)
	e.json("GET", "/api/v1/findings?limit=1001", nil, 400, nil)

	// A fix shows at once, in the list and in the statement list's counts.
	fixed := e.clauseWith("双方")
	var before map[string]map[string]int
	e.json("GET", "/api/v1/findings/summary", nil, 200, &before)
	tr.json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", fixed.ID), map[string]any{"text": "", "version": fixed.Version}, 200, nil)
	var after findingsPage
	e.json("GET", "/api/v1/findings?limit=1000", nil, 200, &after)
	for _, f := range after.Findings {
		if f.ClauseID == fixed.ID {
			t.Fatalf("a finding of a clause whose English was removed: %+v", f)
		}
	}
	var counts map[string]map[string]int
	e.json("GET", "/api/v1/findings/summary", nil, 200, &counts)
	doc := fmt.Sprint(fixed.DocumentID)
	if counts["documents"][doc] >= before["documents"][doc] {
		t.Fatalf("statement %s: %d open findings before the fix, %d after", doc, before["documents"][doc], counts["documents"][doc])
	}
}

// ?dry_run=1 on a glossary add or edit answers what it would do to the
// findings and changes nothing; the roles are those of the change.
func TestGlossaryDryRunThroughTheAPI(t *testing.T) {
	e := newEnv(t)
	e.importSeed()
	cl := e.clauseWith("金砖国家")
	e.as("translator").json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", cl.ID), map[string]any{"text": "Cooperation within BRIC.", "version": cl.Version}, 200, nil)
	var out struct {
		Impact qa.Impact `json:"impact"`
	}
	entry := map[string]any{"zh": "金砖国家", "en": "BRICS", "forbidden": []string{"BRIC"}}
	e.json("POST", "/api/v1/glossary?dry_run=1", entry, 200, &out)
	if len(out.Impact.NewFindings) == 0 || out.Impact.NewFindings[0].ClauseID != cl.ID {
		t.Fatalf("impact: %+v", out.Impact)
	}
	// ?limit cuts the lists, not the counts: a preview needs a few clauses.
	whole := out.Impact
	e.json("POST", "/api/v1/glossary?dry_run=1&limit=1", entry, 200, &out)
	if len(out.Impact.NewFindings) != 1 || out.Impact.NewCount != whole.NewCount || out.Impact.FlaggedClauses != whole.FlaggedClauses ||
		out.Impact.Truncated != (whole.NewCount > 1) || len(out.Impact.PerDocument) != len(whole.Documents) {
		t.Fatalf("limit 1: %+v; whole: %+v", out.Impact, whole)
	}
	e.json("POST", "/api/v1/glossary?dry_run=1&limit=0", entry, 400, nil)
	var terms struct{ Terms []any }
	e.json("GET", "/api/v1/glossary", nil, 200, &terms)
	if len(terms.Terms) != 0 {
		t.Fatalf("a dry run added %d terms", len(terms.Terms))
	}
	e.as("translator").json("POST", "/api/v1/glossary?dry_run=1", map[string]any{"zh": "金砖国家", "en": "BRICS", "status": "approved"}, 403, nil)
	var term struct{ ID uint }
	e.json("POST", "/api/v1/glossary", entry, 201, &term)
	e.json("PUT", fmt.Sprintf("/api/v1/glossary/%d?dry_run=1", term.ID), map[string]any{"zh": "金砖国家", "en": "BRIC", "version": 1}, 200, &out)
	if len(out.Impact.ResolvedFindings) == 0 {
		t.Fatalf("edit impact: %+v", out.Impact)
	}
	e.as("translator").json("PUT", fmt.Sprintf("/api/v1/glossary/%d?dry_run=1", term.ID), map[string]any{"zh": "金砖国家", "en": "BRIC", "version": 1}, 403, nil)
}
