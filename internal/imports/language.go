package imports

import (
	"fmt"
	"slices"
	"strings"
)

// languageNote compares the English variants a file names (TMX tuvs'
// xml:lang, XLIFF target-language, a CSV column named en-US …) with the
// corpus's target language. Any English is imported: the file's English is
// what its translator wrote, and respelling it is the reviewer's call; but
// a file that names another variant is worth saying, so that someone looks
// at the spelling. A bare "en" names no variant, and neither does a corpus
// whose target language is "en": no note then. It returns the variants
// that differ, in the order first seen, and the note ("" when none).
func languageNote(corpus string, named []string) ([]string, string) {
	norm := func(tag string) string {
		return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(tag), "_", "-"))
	}
	c := norm(corpus)
	if c == "" || c == "en" {
		return nil, ""
	}
	var other []string
	seen := map[string]bool{}
	for _, tag := range named {
		n := norm(tag)
		if n == "" || n == "en" || n == c || seen[n] {
			continue
		}
		seen[n] = true
		other = append(other, strings.TrimSpace(tag))
	}
	if len(other) == 0 {
		return nil, ""
	}
	slices.Sort(other)
	return other, fmt.Sprintf("the file's English is %s, the corpus's target language is %s: the English was imported as it is; check its spelling",
		strings.Join(other, ", "), corpus)
}
