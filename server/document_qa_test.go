package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/store"
)

type documentQAResp struct {
	Hits     map[uint][]qa.Hit `json:"hits"`
	Findings []qa.Finding      `json:"findings"`
	Clauses  []uint            `json:"clauses"`
	Total    int               `json:"total"`
}

// A statement's QA comes whole, a page of clauses at a time, or for the
// clauses around a change (and those with the same Chinese): each part is
// the whole answer's for its clauses.
func TestDocumentQAPagesAndAround(t *testing.T) {
	e := newEnv(t)
	var imp importResp
	text := "中华人民共和国和俄罗斯联邦联合声明\n\n双方同意加强合作。中方支持上海合作组织。双方同意加强合作。俄方欢迎金砖国家合作。两国元首会晤。\n"
	rec := e.upload("s.txt", []byte(text))
	if rec.Code != http.StatusCreated {
		t.Fatalf("import: %d %s", rec.Code, rec.Body)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &imp); err != nil {
		t.Fatal(err)
	}
	doc := imp.Documents[0].ID
	var clauses struct{ Clauses []store.Clause }
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses", doc), nil, 200, &clauses)
	e.json("POST", "/api/v1/glossary", map[string]any{"zh": "上海合作组织", "en": "Shanghai Cooperation Organisation"}, 201, nil)
	// The same Chinese translated two ways, the rest one way.
	var twins []uint
	for _, c := range clauses.Clauses {
		english := "The sides agree."
		if c.Source == "双方同意加强合作。" {
			english = fmt.Sprintf("The two sides agree (%d).", len(twins))
			twins = append(twins, c.ID)
		}
		e.as("translator").json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", c.ID), map[string]any{"text": english, "version": c.Version}, 200, nil)
	}
	if len(twins) != 2 {
		t.Fatalf("clauses: %+v", clauses.Clauses)
	}
	url := fmt.Sprintf("/api/v1/documents/%d/qa", doc)
	var whole documentQAResp
	e.json("GET", url, nil, 200, &whole)
	if len(whole.Clauses) != len(clauses.Clauses) || whole.Total != len(clauses.Clauses) || len(whole.Findings) == 0 || len(whole.Hits) == 0 {
		t.Fatalf("whole: %+v", whole)
	}
	// part fails unless part is the whole answer for part's clauses.
	same := func(what string, part documentQAResp) {
		t.Helper()
		var want []string
		for _, f := range whole.Findings {
			if slices.Contains(part.Clauses, f.ClauseID) {
				want = append(want, f.Key)
			}
		}
		var got []string
		for _, f := range part.Findings {
			got = append(got, f.Key)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: findings %v, the whole answer has %v for its clauses", what, got, want)
		}
		for _, id := range part.Clauses {
			if len(part.Hits[id]) != len(whole.Hits[id]) {
				t.Errorf("%s: clause %d has %d hits, %d in the whole answer", what, id, len(part.Hits[id]), len(whole.Hits[id]))
			}
		}
	}
	var seen []uint
	for offset := 0; offset < whole.Total; offset += 2 {
		var page documentQAResp
		e.json("GET", fmt.Sprintf("%s?offset=%d&limit=2", url, offset), nil, 200, &page)
		if page.Total != whole.Total || len(page.Clauses) > 2 {
			t.Fatalf("page at %d: %+v", offset, page)
		}
		same(fmt.Sprintf("page at %d", offset), page)
		seen = append(seen, page.Clauses...)
	}
	if !slices.Equal(seen, whole.Clauses) {
		t.Fatalf("the pages covered %v, the statement has %v", seen, whole.Clauses)
	}
	// Around one of the twins: both, with their "same Chinese" findings.
	var around documentQAResp
	e.json("GET", fmt.Sprintf("%s?around=%d", url, twins[0]), nil, 200, &around)
	if !slices.Equal(around.Clauses, twins) {
		t.Fatalf("around %d: clauses %v, want %v", twins[0], around.Clauses, twins)
	}
	same("around", around)
	inconsistent := 0
	for _, f := range around.Findings {
		if f.Kind == "segment_inconsistent" {
			inconsistent++
		}
	}
	if inconsistent != 2 {
		t.Errorf("around: %d findings of the same Chinese translated two ways, want 2", inconsistent)
	}
	// Bad requests name what is wrong.
	for _, q := range []string{"?around=1&limit=5", "?around=x", "?around=" + strings.Repeat("1,", 500) + "1", "?limit=0", "?limit=501"} {
		if rec := e.do("GET", url+q, nil); rec.Code != http.StatusBadRequest || errCode(t, rec) != "invalid_parameter" {
			t.Errorf("%s: %d %s", q, rec.Code, rec.Body)
		}
	}
}
