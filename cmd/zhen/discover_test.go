package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zhen-workbench/zhen/glossary"
)

// discoverExpected is an evaluation set's answer (testdata/discover/*/expected.json).
type discoverExpected struct {
	Inconsistent []expectedTerm `json:"inconsistent"`
	Abbreviation []expectedTerm `json:"abbreviation"`
	Consistent   []struct {
		ZH      string `json:"zh"`
		EN      string `json:"en"`
		Clauses int    `json:"clauses"`
	} `json:"consistent"`
}

type expectedTerm struct {
	ZH         string         `json:"zh"`
	Renderings map[string]int `json:"renderings"`
}

// discoverMetrics is precision and recall at the top 10 and 20 and over
// the whole list.
type discoverMetrics struct {
	Reported, Relevant            int
	P10, R10, P20, R20, RecallAll float64
	Missed, ConsistentReported    []string
	AbbreviationsMarked, Abbrevs  int
	SpansExact, Spans             int // seeded renderings reported as exactly that English span
}

// matches says whether a reported term is an expected one: the same
// Chinese, or one inside the other — a term found with a word around it
// (人类命运共同体 in 构建人类命运共同体), or more than half of it
// (湄公河合作 of 澜沧江－湄公河合作, not 发展 of 绿色发展).
func matches(reported, expected string) bool {
	reported, expected = glossary.Normalize(reported), glossary.Normalize(expected)
	return strings.Contains(reported, expected) ||
		strings.Contains(expected, reported) && 2*utf8.RuneCountInString(reported) > utf8.RuneCountInString(expected)
}

func evaluate(exp discoverExpected, got []glossary.DiscoveredTerm) discoverMetrics {
	relevant := append(slices.Clone(exp.Inconsistent), exp.Abbreviation...)
	m := discoverMetrics{Reported: len(got), Relevant: len(relevant), Abbrevs: len(exp.Abbreviation)}
	// A hit is a reported term that matches a seeded one no term ranked
	// above it matched: a second report of one inconsistency is a miss.
	at := func(k int) (p, r float64) {
		top := got[:min(k, len(got))]
		hits := 0
		seen := map[string]bool{}
		for _, g := range top {
			i := slices.IndexFunc(relevant, func(e expectedTerm) bool { return matches(g.ZH, e.ZH) })
			if i >= 0 && !seen[relevant[i].ZH] {
				seen[relevant[i].ZH] = true
				hits++
			}
		}
		found := 0
		for _, e := range relevant {
			if slices.ContainsFunc(top, func(g glossary.DiscoveredTerm) bool { return matches(g.ZH, e.ZH) }) {
				found++
			}
		}
		if len(top) > 0 {
			p = float64(hits) / float64(len(top))
		}
		return p, float64(found) / float64(len(relevant))
	}
	m.P10, m.R10 = at(10)
	m.P20, m.R20 = at(20)
	_, m.RecallAll = at(len(got))
	for _, e := range relevant {
		if !slices.ContainsFunc(got, func(g glossary.DiscoveredTerm) bool { return matches(g.ZH, e.ZH) }) {
			m.Missed = append(m.Missed, e.ZH)
		}
	}
	for _, c := range exp.Consistent {
		if slices.ContainsFunc(got, func(g glossary.DiscoveredTerm) bool { return g.ZH == c.ZH }) {
			m.ConsistentReported = append(m.ConsistentReported, c.ZH)
		}
	}
	for _, e := range exp.Abbreviation {
		if slices.ContainsFunc(got, func(g glossary.DiscoveredTerm) bool { return matches(g.ZH, e.ZH) && g.Abbreviation }) {
			m.AbbreviationsMarked++
		}
	}
	for _, e := range relevant {
		i := slices.IndexFunc(got, func(g glossary.DiscoveredTerm) bool { return matches(g.ZH, e.ZH) })
		for en := range e.Renderings {
			m.Spans++
			if i >= 0 && slices.ContainsFunc(got[i].Renderings, func(r glossary.DiscoveredRendering) bool { return strings.EqualFold(r.EN, en) }) {
				m.SpansExact++
			}
		}
	}
	return m
}

// runDiscoverySet imports an evaluation set's statements and English into
// a fresh database and runs `zhen terms discover --json` on it.
func runDiscoverySet(t *testing.T, name string) (discoverExpected, []glossary.DiscoveredTerm) {
	t.Helper()
	f := newFixture(t)
	dir := filepath.Join("testdata", "discover", name)
	statements := []string{f.seed}
	if name != "seed" {
		statements, _ = filepath.Glob(filepath.Join(dir, "*.txt"))
		slices.Sort(statements)
	}
	mustZhen(t, append([]string{"import", "--db", f.db}, statements...)...)
	mustZhen(t, "translations", "import", "--db", f.db, filepath.Join(dir, "translations.csv"))
	got := decode[struct {
		Terms []glossary.DiscoveredTerm `json:"terms"`
	}](t, mustZhen(t, "terms", "discover", "--json", "--limit", "0", "--db", f.db)).Terms
	data, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var exp discoverExpected
	if err := json.Unmarshal(data, &exp); err != nil {
		t.Fatal(err)
	}
	return exp, got
}

// TestDiscoverEvaluation measures term discovery on the evaluation sets
// (docs/QA.md has the figures): it fails when a term translated the same
// way everywhere is reported, or a seeded inconsistency is not.
func TestDiscoverEvaluation(t *testing.T) {
	for _, set := range []string{"seed", "heldout"} {
		t.Run(set, func(t *testing.T) {
			exp, got := runDiscoverySet(t, set)
			m := evaluate(exp, got)
			var top strings.Builder
			for i, g := range got[:min(20, len(got))] {
				ens := make([]string, len(g.Renderings))
				for j, r := range g.Renderings {
					ens[j] = fmt.Sprintf("%s ×%d", r.EN, r.Count)
				}
				fmt.Fprintf(&top, "\n  %2d. %s (%.2f): %s", i+1, g.ZH, g.Score, strings.Join(ens, " | "))
			}
			t.Logf("%s: %d reported, %d seeded; top 10: precision %.2f recall %.2f; top 20: precision %.2f recall %.2f; all: recall %.2f; abbreviations marked %d/%d; seeded renderings found as exactly that span %d/%d%s",
				set, m.Reported, m.Relevant, m.P10, m.R10, m.P20, m.R20, m.RecallAll, m.AbbreviationsMarked, m.Abbrevs, m.SpansExact, m.Spans, top.String())
			if len(m.ConsistentReported) > 0 {
				t.Errorf("terms rendered one way everywhere reported as inconsistent: %v", m.ConsistentReported)
			}
			if len(m.Missed) > 0 {
				t.Errorf("seeded inconsistencies not reported: %v", m.Missed)
			}
		})
	}
}

// Without --json the discovered terms read as a list; a missing statement
// and a negative limit are refused.
func TestTermsDiscoverText(t *testing.T) {
	f := newFixture(t)
	dir := filepath.Join("testdata", "discover", "heldout")
	statements, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	slices.Sort(statements)
	mustZhen(t, append([]string{"import", "--db", f.db}, statements...)...)
	if out := mustZhen(t, "terms", "discover", "--db", f.db); !strings.Contains(out, "No term is rendered in more than one way") {
		t.Fatalf("before any English: %s", out)
	}
	mustZhen(t, "translations", "import", "--db", f.db, filepath.Join(dir, "translations.csv"))
	out := mustZhen(t, "terms", "discover", "--limit", "3", "--db", f.db)
	for _, want := range []string{"一带一路 — 2 renderings", "Belt and Road", "6 clauses: #", "more: --limit 0 shows all."} {
		if !strings.Contains(out, want) {
			t.Errorf("terms discover says\n%s\nwithout %q", out, want)
		}
	}
	if _, err := zhen(t, "terms", "discover", "--document", "999", "--db", f.db); err == nil || !strings.Contains(err.Error(), "999") {
		t.Errorf("a missing statement: %v", err)
	}
	if _, err := zhen(t, "terms", "discover", "--limit", "-1", "--db", f.db); err == nil || !strings.Contains(err.Error(), "--limit") {
		t.Errorf("a negative limit: %v", err)
	}
	one := decode[struct {
		Terms []glossary.DiscoveredTerm `json:"terms"`
	}](t, mustZhen(t, "terms", "discover", "--json", "--document", "2", "--limit", "0", "--db", f.db)).Terms
	for _, d := range one {
		if !slices.ContainsFunc(d.Renderings, func(r glossary.DiscoveredRendering) bool { return slices.Contains(r.Documents, 2) }) {
			t.Errorf("--document 2 lists %s, which is not in statement 2", d.ZH)
		}
	}
}
