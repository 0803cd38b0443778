package main

import (
	"strings"
	"testing"
)

// A zh,en CSV from a tool that keeps the numbering marker with the sentence
// (四、双方… with 4. The two sides…) fills the sentence after 四、 in the
// seed's second statement; the marker keeps Zhen's "4.".
func TestTranslationsImportMarkerWithSentence(t *testing.T) {
	f := newFixture(t)
	docs := decode[importJSON](t, mustZhen(t, "import", "--json", "--db", f.db, f.seed))
	second := docs.Documents[1]
	cl := decode[clausesJSON](t, mustZhen(t, "clauses", "--document", itoa(second.ID), "--json", "--db", f.db))
	at := -1
	for i, c := range cl.Clauses {
		if c.Source == "四、" {
			at = i
		}
	}
	if at < 0 || at+1 >= len(cl.Clauses) {
		t.Fatal("the second statement has no 四、 marker before a sentence")
	}
	sentence := cl.Clauses[at+1].Source
	csv := "zh,en\r\n\"四、" + sentence + "\",\"4. The two sides stress this point.\"\r\n"
	out := mustZhen(t, "translations", "import", f.write(t, "omegat.csv", []byte(csv)), "--db", f.db)
	if !strings.Contains(out, "csv: 1 clause updated, 0 unchanged, 1 pair matched a numbering marker and its sentence; 0 conflicts") {
		t.Fatalf("translations import said: %s", out)
	}
	cl = decode[clausesJSON](t, mustZhen(t, "clauses", "--document", itoa(second.ID), "--json", "--db", f.db))
	if m, s := cl.Clauses[at], cl.Clauses[at+1]; m.Target != "4." || m.Status != "approved" || s.Target != "The two sides stress this point." || s.Status != "draft" {
		t.Fatalf("after the import: marker %+v, sentence %+v", m, s)
	}
	// --json reports the pair as such.
	res := decode[struct {
		Updated     int `json:"updated"`
		Unchanged   int `json:"unchanged"`
		MarkerPairs int `json:"marker_pairs"`
	}](t, mustZhen(t, "translations", "import", "--json", f.write(t, "again.csv", []byte(csv)), "--db", f.db))
	if res.Updated != 0 || res.Unchanged != 1 || res.MarkerPairs != 1 {
		t.Fatalf("second import: %+v", res)
	}
}
