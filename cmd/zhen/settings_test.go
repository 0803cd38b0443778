package main

import (
	"slices"
	"strings"
	"testing"
)

// zhen settings shows the corpus default numbering style and changes it, or
// one statement's; markers' English follows.
func TestSettingsCommand(t *testing.T) {
	f := newFixture(t)
	docs := decode[importJSON](t, mustZhen(t, "import", "--json", "--db", f.db, f.seed))
	if out := mustZhen(t, "settings", "--db", f.db); out != "numbering_style arabic\ntarget_language en-GB\n" {
		t.Fatalf("settings: %q", out)
	}
	// The statement numbered 一、 二、 …
	var doc string
	for _, d := range docs.Documents {
		for _, c := range decode[clausesJSON](t, mustZhen(t, "clauses", "--json", "--document", itoa(d.ID), "--db", f.db)).Clauses {
			if strings.TrimSpace(c.Source) == "十一、" && c.Target == "11." {
				doc = itoa(d.ID)
			}
		}
	}
	if doc == "" {
		t.Fatal("no statement has 十一、 as 11.")
	}
	english := func() []string {
		var out []string
		for _, c := range decode[clausesJSON](t, mustZhen(t, "clauses", "--json", "--document", doc, "--db", f.db)).Clauses {
			if c.Status == "approved" {
				out = append(out, c.Target)
			}
		}
		return out
	}
	if out := mustZhen(t, "settings", "set", "numbering_style", "roman", "--db", f.db); !strings.Contains(out, "numbering_style roman") {
		t.Fatalf("set: %q", out)
	}
	if got := english(); !slices.Contains(got, "XI.") {
		t.Fatalf("after roman: %v", got)
	}
	if got := decode[struct {
		NumberingStyle string `json:"numbering_style"`
	}](t, mustZhen(t, "settings", "--json", "--db", f.db)); got.NumberingStyle != "roman" {
		t.Fatalf("settings --json: %+v", got)
	}
	if out := mustZhen(t, "settings", "set", "numbering_style", "arabic", "--document", doc, "--db", f.db); !strings.Contains(out, "numbering_style arabic") {
		t.Fatalf("set --document: %q", out)
	}
	if got := english(); !slices.Contains(got, "11.") {
		t.Fatalf("after arabic for the statement: %v", got)
	}
	if out := mustZhen(t, "settings", "set", "numbering_style", "default", "--document", doc, "--db", f.db); !strings.Contains(out, "follows the corpus") {
		t.Fatalf("set --document default: %q", out)
	}
	if got := english(); !slices.Contains(got, "XI.") {
		t.Fatalf("back to the corpus default: %v", got)
	}
	for _, args := range [][]string{
		{"settings", "set", "numbering_style", "letters"},
		{"settings", "set", "numbering_style", "default"},
		{"settings", "set", "colour", "red"},
		{"settings", "set", "numbering_style", "roman", "--document", "999"},
		{"settings", "extra"},
	} {
		if _, err := zhen(t, append(args, "--db", f.db)...); err == nil {
			t.Errorf("zhen %v succeeded", args)
		}
	}
}
