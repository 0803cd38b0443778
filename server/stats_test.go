package server

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/stats"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/testkit"
)

// TestStatsAndAnalysis counts the seed, on SQLite and PostgreSQL: the
// counts add up to the clauses stored, approving English adds its words,
// and a memory imported from TMX moves clauses into the 100 % and 95–99 %
// bands; the analysis CSV passes the validator.
func TestStatsAndAnalysis(t *testing.T) {
	onBothDatabases(t, func(t *testing.T, e *env) {
		docs := e.importSeed().Documents
		first := docs[0].ID
		for _, d := range docs {
			first = min(first, d.ID)
		}
		viewer := e.as("viewer")

		// The shape the CLI and scripts rely on.
		rec := viewer.json("GET", "/api/v1/stats", nil, 200, nil)
		var raw map[string]json.RawMessage
		json.Unmarshal(rec.Body.Bytes(), &raw)
		var docsRaw []map[string]json.RawMessage
		json.Unmarshal(raw["documents"], &docsRaw)
		for _, k := range []string{"id", "chinese_characters", "english_words", "clauses", "by_status"} {
			if _, ok := docsRaw[0][k]; !ok {
				t.Errorf("a document has no %q: %s", k, rec.Body.String()[:200])
			}
		}
		var r stats.Report
		viewer.json("GET", "/api/v1/stats", nil, 200, &r)
		if len(r.Documents) != len(docs) {
			t.Fatalf("%d documents counted, %d imported", len(r.Documents), len(docs))
		}
		var all clausePage
		e.json("GET", "/api/v1/documents/"+fmt.Sprint(first)+"/clauses?limit=500", nil, 200, &all)
		d0 := r.Documents[slices.IndexFunc(r.Documents, func(d stats.DocumentCounts) bool { return d.ID == first })]
		if d0.Clauses+d0.Markers != len(all.Clauses) || d0.ByStatus["untranslated"] != d0.Clauses || d0.ChineseCharacters < d0.Clauses || r.Total.EnglishWords != 0 {
			t.Errorf("first statement %+v of %d clauses", d0, len(all.Clauses))
		}
		var texts []store.Clause
		for _, cl := range all.Clauses {
			if cl.Kind != "heading" {
				texts = append(texts, cl)
			}
		}
		a, b := texts[0], texts[1]
		if len([]rune(b.Source)) < 12 {
			t.Fatalf("the seed's second clause is short: %q", b.Source)
		}

		// Approved English counts.
		tr, rv := e.as("translator"), e.as("reviewer")
		var c store.Clause
		tr.json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", a.ID), map[string]any{"text": "Both sides, US$100 and Good-Neighbourliness.", "version": a.Version}, 200, &c)
		tr.json("POST", fmt.Sprintf("/api/v1/clauses/%d/submit", a.ID), map[string]any{"version": c.Version}, 200, &c)
		rv.json("POST", fmt.Sprintf("/api/v1/clauses/%d/approve", a.ID), map[string]any{"version": c.Version}, 200, &c)
		var one stats.Report
		viewer.json("GET", fmt.Sprintf("/api/v1/stats?document=%d", first), nil, 200, &one)
		if len(one.Documents) != 1 || one.Total.EnglishWords != 5 || one.Total.ByStatus["approved"] != 1 || one.Total.ChineseCharacters != d0.ChineseCharacters {
			t.Errorf("after one approval: %+v", one)
		}

		var before stats.Analysis
		viewer.json("GET", fmt.Sprintf("/api/v1/analysis?document=%d", first), nil, 200, &before)
		// A memory from another tool: clause b exactly (100 %), and a
		// with its last character changed (one edit in a long clause).
		ra := []rune(a.Source)
		near := string(ra[:len(ra)-2]) + "乎" + string(ra[len(ra)-1:])
		tmx := `<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/><body>` +
			`<tu><tuv xml:lang="zh-CN"><seg>` + b.Source + `</seg></tuv><tuv xml:lang="en"><seg>Exactly.</seg></tuv></tu>` +
			`<tu><tuv xml:lang="zh-CN"><seg>` + near + `</seg></tuv><tuv xml:lang="en"><seg>Nearly.</seg></tuv></tu></body></tmx>`
		if rec := tr.uploadTo("/api/v1/translations/import?memory_only=1", "old.tmx", []byte(tmx)); rec.Code != 200 {
			t.Fatalf("memory import: %d %s", rec.Code, rec.Body)
		}
		var after stats.Analysis
		viewer.json("GET", fmt.Sprintf("/api/v1/analysis?document=%d", first), nil, 200, &after)
		x, y := before.Total.Bands, after.Total.Bands
		if after.MemoryEntries != before.MemoryEntries+2 || y.Match100.Clauses != x.Match100.Clauses+1 || y.Fuzzy95.Clauses < x.Fuzzy95.Clauses+1 || after.Total.Clauses != before.Total.Clauses || after.Total.Clauses != d0.Clauses {
			t.Errorf("before the memory import %+v, after %+v", before, after)
		}

		// CSV, as a project manager downloads it.
		rec = viewer.do("GET", "/api/v1/analysis?format=csv", nil)
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") || !strings.Contains(rec.Header().Get("Content-Disposition"), "zhen-analysis.csv") {
			t.Fatalf("CSV: %d %v", rec.Code, rec.Header())
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(rec.Body.String(), "\uFEFF"))).ReadAll()
		if err != nil || len(recs) != len(docs)+2 || !slices.Equal(recs[0], stats.CSVHeader) || recs[len(recs)-1][0] != "total" {
			t.Fatalf("CSV records %q, %v", recs, err)
		}
		path := filepath.Join(e.dir, "analysis.csv")
		os.WriteFile(path, rec.Body.Bytes(), 0o644)
		if out, code := testkit.RunValidator(t, "validate_csv.py", path, "--expect-cols", fmt.Sprint(len(stats.CSVHeader)), "--csvkit"); code != 0 {
			t.Fatalf("validate_csv.py rejects the analysis (exit %d):\n%s", code, out)
		}
	})
}
