package imports

import (
	"slices"
	"strings"
	"testing"
)

func TestLanguageNote(t *testing.T) {
	for _, c := range []struct {
		corpus string
		named  []string
		other  []string
	}{
		{"en-GB", []string{"en-GB", "en_gb", "EN-gb"}, nil},
		{"en-GB", []string{"en"}, nil},          // names no variant
		{"en", []string{"en-US", "en-GB"}, nil}, // the corpus names none
		{"", []string{"en-US"}, nil},            // nothing to compare with
		{"en-GB", []string{"en-US", "en-GB", "en_US", "en-AU"}, []string{"en-AU", "en-US"}},
	} {
		other, note := languageNote(c.corpus, c.named)
		if !slices.Equal(other, c.other) || (note != "") != (c.other != nil) {
			t.Errorf("languageNote(%q, %q) = %q, %q; want %q", c.corpus, c.named, other, note, c.other)
		}
		if note != "" && !strings.Contains(note, c.corpus) {
			t.Errorf("note %q does not name the corpus's %s", note, c.corpus)
		}
	}
}
