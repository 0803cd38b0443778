package glossary

// Entry statuses.
const (
	StatusProposed   = "proposed"
	StatusApproved   = "approved"
	StatusDeprecated = "deprecated"
)

// Entry is one term of the shared glossary: a Chinese term and how it must,
// may and must not be rendered in English.
type Entry struct {
	ID            uint     `json:"id"`
	ZH            string   `json:"zh"`             // the Chinese term, e.g. 金砖国家
	EN            string   `json:"en"`             // the approved English, e.g. BRICS
	Variants      []string `json:"variants"`       // accepted alternatives, e.g. BRICS countries
	Forbidden     []string `json:"forbidden"`      // renderings that must not be used, e.g. BRIC
	POS           string   `json:"pos"`            // part of speech (noun, verb …), free text
	Note          string   `json:"note"`           // guidance for translators
	Status        string   `json:"status"`         // proposed, approved or deprecated
	CaseSensitive bool     `json:"case_sensitive"` // English matching respects case (e.g. "US" vs "us")
}

// ValidStatus says whether s is an entry status.
func ValidStatus(s string) bool {
	return s == StatusProposed || s == StatusApproved || s == StatusDeprecated
}

// SameMatches says whether replacing entry before by after leaves the
// clauses its term matches as they were: the same Chinese, compiled before
// and after (Compile leaves deprecated entries out). Then only the clauses
// where it matched can be checked differently (its renderings count, and
// shorter terms inside it skip them), not every clause whose Chinese
// contains it inside a longer term.
func SameMatches(before, after Entry) bool {
	return Normalize(before.ZH) == Normalize(after.ZH) && before.ZH != "" &&
		before.Status != StatusDeprecated && after.Status != StatusDeprecated
}
