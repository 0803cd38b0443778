package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/stats"
)

// TestStatsAndAnalyzeCommands checks the JSON scripts rely on, the table,
// the CSV and the errors.
func TestStatsAndAnalyzeCommands(t *testing.T) {
	f := newFixture(t)
	docs := decode[importJSON](t, mustZhen(t, "import", "--json", "--db", f.db, f.seed))
	out := mustZhen(t, "stats", "--json", "--db", f.db)
	var shape struct {
		Documents []map[string]json.RawMessage `json:"documents"`
		Total     map[string]json.RawMessage   `json:"total"`
	}
	if err := json.Unmarshal([]byte(out), &shape); err != nil {
		t.Fatal(err)
	}
	if len(shape.Documents) != len(docs.Documents) {
		t.Fatalf("%d documents in %s", len(shape.Documents), out)
	}
	for _, k := range []string{"chinese_characters", "english_words", "clauses", "by_status"} {
		if _, ok := shape.Total[k]; !ok {
			t.Errorf("total has no %q", k)
		}
		if _, ok := shape.Documents[0][k]; !ok {
			t.Errorf("a document has no %q", k)
		}
	}
	if _, ok := shape.Documents[0]["id"]; !ok {
		t.Error("a document has no id")
	}
	r := decode[stats.Report](t, out)
	clauses := 0
	for _, d := range docs.Documents {
		clauses += d.Clauses
	}
	if r.Total.Clauses+r.Total.Markers != clauses || r.Total.ByStatus["untranslated"] != r.Total.Clauses || r.Total.ChineseCharacters == 0 {
		t.Errorf("total %+v of %d clauses imported", r.Total, clauses)
	}
	one := decode[stats.Report](t, mustZhen(t, "stats", "--json", "--document", itoa(docs.Documents[1].ID), "--db", f.db))
	if len(one.Documents) != 1 || one.Total.Clauses != one.Documents[0].Clauses {
		t.Errorf("one statement: %+v", one)
	}
	table := mustZhen(t, "stats", "--db", f.db)
	if !strings.Contains(table, "characters") || !strings.Contains(table, docs.Documents[0].Title) || !strings.Contains(table, "total") {
		t.Errorf("table:\n%s", table)
	}

	a := decode[stats.Analysis](t, mustZhen(t, "analyze", "--json", "--db", f.db))
	if a.Total.Clauses != r.Total.Clauses || a.Total.ChineseCharacters != r.Total.ChineseCharacters || a.MemoryEntries != r.Total.Markers {
		t.Errorf("analysis %+v (the memory holds the markers' approved English)", a.Total)
	}
	csvOut := mustZhen(t, "analyze", "--csv", "--db", f.db)
	lines := strings.Split(strings.TrimSuffix(strings.TrimPrefix(csvOut, "\uFEFF"), "\r\n"), "\r\n")
	if len(lines) != len(docs.Documents)+2 || lines[0] != strings.Join(stats.CSVHeader, ",") || !strings.HasPrefix(lines[len(lines)-1], "total,") {
		t.Errorf("CSV:\n%s", csvOut)
	}
	if !strings.Contains(mustZhen(t, "analyze", "--db", f.db), "repetitions") {
		t.Error("no analysis table")
	}
	for _, args := range [][]string{
		{"stats", "--document", "999"},
		{"analyze", "--document", "999"},
		{"analyze", "--json", "--csv"},
		{"stats", "extra"},
	} {
		if _, err := zhen(t, append(args, "--db", f.db)...); err == nil || !slices.ContainsFunc([]string{"no such document: 999", "not both", "unexpected argument"}, func(s string) bool { return strings.Contains(err.Error(), s) }) {
			t.Errorf("zhen %v: %v", args, err)
		}
	}
}
