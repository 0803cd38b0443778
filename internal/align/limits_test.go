package align

import (
	"errors"
	"strings"
	"testing"
)

// TestLimits checks the limits at and just over them, and that the
// messages give the limit in a translator's terms and what to do.
func TestLimits(t *testing.T) {
	// At the limit: a character is a character, whatever UTF-8 takes for it.
	if err := CheckEnglish(strings.Repeat("é", MaxEnglishChars)); err != nil {
		t.Errorf("English at the limit: %v", err)
	}
	if err := CheckSize(MaxClauses, MaxSentences); err != nil {
		t.Errorf("sizes at the limit: %v", err)
	}
	for _, tt := range []struct {
		name string
		err  error
		want []string
	}{
		{"characters", CheckEnglish(strings.Repeat("a", MaxEnglishChars+1)), []string{"500,001 characters", "more than the 500,000", "smaller documents"}},
		{"sentences", CheckSize(10, MaxSentences+1), []string{"10,001 sentences", "more than the 10,000", "smaller documents"}},
		{"clauses", CheckSize(MaxClauses+1, 10), []string{"10,001 clauses", "more than the 10,000", "smaller documents"}},
	} {
		var tooLarge *TooLargeError
		if !errors.As(tt.err, &tooLarge) {
			t.Errorf("%s over the limit: %v", tt.name, tt.err)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(tt.err.Error(), w) {
				t.Errorf("%s: %q does not say %q", tt.name, tt.err, w)
			}
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 500000: "500,000", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
