package cedict

import (
	"slices"
	"testing"
)

func TestLoadKnowsPolicyTerms(t *testing.T) {
	d := Load()
	if d.Len() < 100_000 {
		t.Fatalf("%d headwords, want the whole of CC-CEDICT (> 100,000)", d.Len())
	}
	for zh, want := range map[string]string{
		"中亚":     "Central Asia",
		"上海合作组织": "Shanghai Cooperation Organization",
		"独联体":    "Commonwealth of Independent States",
		"条约":     "treaty",
	} {
		if got := d.Senses(zh); !slices.Contains(got, want) {
			t.Errorf("Senses(%s) = %q, want it to contain %q", zh, got, want)
		}
	}
	for _, s := range d.Senses("亚") {
		if s == "Taiwan pr." || s == "" {
			t.Errorf("亚 has a sense without a translation: %q", s)
		}
	}
	if d.Senses("不是词语吧") != nil {
		t.Error("a string that is no headword has senses")
	}
}
