package server

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/store"
)

func TestSplitAndMergeThroughTheAPI(t *testing.T) {
	e := newEnv(t)
	id := e.importSeed().Documents[0].ID
	var page clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=500", id), nil, 200, &page)
	var cl store.Clause
	for _, c := range page.Clauses {
		if strings.Count(c.Source, "，") >= 1 && len([]rune(c.Source)) > 10 {
			cl = c
			break
		}
	}
	runes := []rune(cl.Source)
	at := strings.Index(cl.Source, "，") + len("，")
	chars := len([]rune(cl.Source[:at]))
	tr := e.as("translator")
	path := fmt.Sprintf("/api/v1/clauses/%d/split", cl.ID)

	// Bad requests say what to send; a viewer may not split.
	for _, body := range []any{map[string]any{"at": chars}, map[string]any{"at": len(runes), "version": cl.Version}, map[string]any{"at": -3, "version": cl.Version}} {
		rec := tr.do("POST", path, strings.NewReader(mustJSON(body)), "Content-Type", "application/json")
		if rec.Code != 400 && rec.Code != 422 {
			t.Fatalf("%v: %d %s", body, rec.Code, rec.Body)
		}
		errCode(t, rec)
	}
	e.as("viewer").json("POST", path, map[string]any{"at": chars, "version": cl.Version}, 403, nil)
	tr.json("POST", path, map[string]any{"at": chars, "version": cl.Version + 5}, 409, nil)

	var split store.Split
	tr.json("POST", path, map[string]any{"at": chars, "version": cl.Version, "english": []string{"First half,", "second half."}}, 200, &split)
	first, second := split.Clauses[0], split.Clauses[1]
	if first.Source+second.Source != cl.Source || first.Target != "First half," || second.Position != cl.Position+1 || second.Paragraph != cl.Paragraph {
		t.Fatalf("split: %+v", split)
	}
	var after clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=500", id), nil, 200, &after)
	if after.Total != page.Total+1 || after.Clauses[second.Position].ID != second.ID {
		t.Fatalf("%d clauses after the split, %d before", after.Total, page.Total)
	}

	// Merge back, naming both versions; a stale next version is a conflict.
	mpath := fmt.Sprintf("/api/v1/clauses/%d/merge", first.ID)
	tr.json("POST", mpath, map[string]any{"version": first.Version}, 400, nil)
	tr.json("POST", mpath, map[string]any{"version": first.Version, "next_version": second.Version + 1}, 409, nil)
	var merged store.Clause
	tr.json("POST", mpath, map[string]any{"version": first.Version, "next_version": second.Version}, 200, &merged)
	if merged.Source != cl.Source || merged.Target != "First half, second half." {
		t.Fatalf("merged: %+v", merged)
	}
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=500", id), nil, 200, &after)
	if after.Total != page.Total {
		t.Fatalf("%d clauses after merging back, %d before", after.Total, page.Total)
	}
	// The last clause of a paragraph has nothing to merge with.
	last := after.Clauses[len(after.Clauses)-1]
	rec := tr.do("POST", fmt.Sprintf("/api/v1/clauses/%d/merge", last.ID), strings.NewReader(mustJSON(map[string]any{"version": last.Version, "next_version": 0})), "Content-Type", "application/json")
	if rec.Code != 422 || errCode(t, rec) != "invalid_structure" {
		t.Fatalf("merging the last clause: %d %s", rec.Code, rec.Body)
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func TestClauseNumbersInEnglish(t *testing.T) {
	e := newEnv(t)
	id := e.importSeed().Documents[0].ID
	var page clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=500", id), nil, 200, &page)
	for _, c := range page.Clauses {
		if !strings.Contains(c.Source, "年") || !strings.Contains(c.Source, "月") {
			continue
		}
		var out struct {
			Numbers []struct{ Text, English string }
		}
		e.as("viewer").json("GET", fmt.Sprintf("/api/v1/clauses/%d/numbers", c.ID), nil, 200, &out)
		if len(out.Numbers) == 0 || out.Numbers[0].English == "" || !strings.Contains(c.Source, out.Numbers[0].Text) {
			t.Fatalf("%s: %+v", c.Source, out)
		}
		return
	}
	t.Fatal("no clause with a date in the seed")
}

func TestFindingsSummaryCountsPerStatement(t *testing.T) {
	e := newEnv(t)
	docs := e.importSeed().Documents
	var page clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=3", docs[1].ID), nil, 200, &page)
	for _, c := range page.Clauses[:2] {
		e.as("translator").json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", c.ID), map[string]any{"text": "Chinese punctuation left in，", "version": c.Version}, 200, nil)
	}
	var out struct{ Documents map[string]int }
	e.as("viewer").json("GET", "/api/v1/findings/summary", nil, 200, &out)
	if n := out.Documents[fmt.Sprint(docs[1].ID)]; n < 2 || len(out.Documents) != 1 {
		t.Fatalf("summary %v", out.Documents)
	}
}
