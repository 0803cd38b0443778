package server

import (
	"fmt"
	"slices"
	"testing"

	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/store"
)

type queuePage struct {
	Clauses     []queueItem         `json:"clauses"`
	Total       int64               `json:"total"`
	Translators []store.QueueWriter `json:"translators"`
}

// The review queue pages (offset, limit, total) like any list, filters by
// kind from the stored open findings (a dismissed finding no longer
// counts), by translator on the server, and lists the translators waiting.
func TestReviewQueuePages(t *testing.T) {
	e := newEnv(t)
	doc := e.importSeed().Documents[0].ID
	e.as("reviewer").json("POST", "/api/v1/glossary", map[string]any{"zh": "合作", "en": "cooperation", "status": "approved"}, 201, nil)
	var page clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=500", doc), nil, 200, &page)
	n := 0
	for _, cl := range page.Clauses {
		if cl.Kind == "heading" || n == 14 {
			continue
		}
		who := "translator"
		if n >= 12 {
			who = "admin"
		}
		u := e.as(who)
		u.json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", cl.ID), map[string]any{"text": "The two sides agree.", "version": cl.Version}, 200, &cl)
		u.json("POST", fmt.Sprintf("/api/v1/clauses/%d/submit", cl.ID), map[string]any{"version": cl.Version}, 200, &cl)
		n++
	}
	rv := e.as("reviewer")
	var whole queuePage
	rv.json("GET", "/api/v1/review?limit=500", nil, 200, &whole)
	ids := func(items []queueItem) (out []uint) {
		for _, it := range items {
			out = append(out, it.ID)
		}
		return out
	}
	if whole.Total != 14 || len(whole.Clauses) != 14 ||
		!slices.Equal(whole.Translators, []store.QueueWriter{{Name: "admin", Clauses: 2}, {Name: "translator", Clauses: 12}}) {
		t.Fatalf("whole queue: %d of %d, translators %+v", len(whole.Clauses), whole.Total, whole.Translators)
	}
	// Pages of 5 make up the whole, in its order.
	var paged []uint
	for offset := 0; offset < 14; offset += 5 {
		var p queuePage
		rv.json("GET", fmt.Sprintf("/api/v1/review?offset=%d&limit=5", offset), nil, 200, &p)
		if p.Total != 14 || len(p.Clauses) != min(5, 14-offset) {
			t.Fatalf("page at %d: %d of %d", offset, len(p.Clauses), p.Total)
		}
		paged = append(paged, ids(p.Clauses)...)
	}
	if !slices.Equal(paged, ids(whole.Clauses)) {
		t.Fatalf("pages %v, whole %v", paged, ids(whole.Clauses))
	}
	// The findings are the stored open ones; by kind, the queue splits.
	var withTerm, clean []uint
	for _, it := range whole.Clauses {
		var stored struct{ Findings []qa.Finding }
		rv.json("GET", fmt.Sprintf("/api/v1/documents/%d/qa?around=%d", doc, it.ID), nil, 200, &stored)
		var want []string
		for _, f := range stored.Findings {
			if f.ClauseID == it.ID && f.Dismissed == nil {
				want = append(want, f.Key)
			}
		}
		var got []string
		for _, f := range it.Findings {
			got = append(got, f.Key)
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("clause %d: queue findings %v, stored %v", it.ID, got, want)
		}
		if len(got) == 0 {
			clean = append(clean, it.ID)
		}
		if slices.ContainsFunc(it.Findings, func(f qa.Finding) bool { return f.Kind == "term_missing" }) {
			withTerm = append(withTerm, it.ID)
		}
	}
	if len(withTerm) == 0 || len(clean) == 0 {
		t.Fatalf("the seed's clauses: %d with a missing term, %d clean; the test needs both", len(withTerm), len(clean))
	}
	for kind, want := range map[string][]uint{"term_missing": withTerm, "none": clean} {
		var p queuePage
		rv.json("GET", "/api/v1/review?kind="+kind, nil, 200, &p)
		if !slices.Equal(ids(p.Clauses), want) || p.Total != int64(len(want)) {
			t.Errorf("kind=%s: %v (total %d), want %v", kind, ids(p.Clauses), p.Total, want)
		}
	}
	var mine queuePage
	rv.json("GET", "/api/v1/review?translator=admin", nil, 200, &mine)
	if mine.Total != 2 || len(mine.Clauses) != 2 || mine.Clauses[0].UpdatedBy != "admin" || len(mine.Translators) != 2 {
		t.Errorf("translator=admin: %d of %d, translators %+v", len(mine.Clauses), mine.Total, mine.Translators)
	}
	// Dismissing every finding of a clause makes it clean.
	var first queueItem
	for _, it := range whole.Clauses {
		if it.ID == withTerm[0] {
			first = it
		}
	}
	for _, f := range first.Findings {
		rv.json("POST", "/api/v1/findings/dismissals", map[string]any{"key": f.Key, "clause_id": f.ClauseID, "kind": f.Kind, "reason": "house style"}, 201, nil)
	}
	var after queuePage
	rv.json("GET", "/api/v1/review?kind=none", nil, 200, &after)
	if !slices.Contains(ids(after.Clauses), first.ID) || after.Total != int64(len(clean)+1) {
		t.Errorf("after dismissing clause %d's findings, kind=none: %v", first.ID, ids(after.Clauses))
	}
	for _, bad := range []string{"limit=0", "limit=501", "offset=-1"} {
		rv.json("GET", "/api/v1/review?"+bad, nil, 400, nil)
	}
}
