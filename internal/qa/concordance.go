package qa

import (
	"strings"
	"unicode/utf8"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/store"
)

// Span is a stretch of a text to highlight, in UTF-16 code units as
// JavaScript counts.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// ConcordanceHit is a clause found by a concordance search, with where the
// query is in its Chinese and its English.
type ConcordanceHit struct {
	store.Hit
	SourceSpans []Span `json:"source_spans"`
	TargetSpans []Span `json:"target_spans"`
}

// Concordance marks where q occurs in each hit: in the Chinese as the
// search compared it (normalised, so Ｇ２０ is found for G20), in the
// English ignoring case.
func Concordance(hits []store.Hit, q string) []ConcordanceHit {
	zh, en := glossary.Normalize(q), strings.ToLower(strings.TrimSpace(q))
	out := make([]ConcordanceHit, len(hits))
	for i, h := range hits {
		out[i] = ConcordanceHit{Hit: h, SourceSpans: []Span{}, TargetSpans: []Span{}}
		if norm, offs := glossary.NormalizeWithOffsets(h.Source); zh != "" {
			for at := 0; ; {
				k := strings.Index(norm[at:], zh)
				if k < 0 {
					break
				}
				start, last := offs[at+k], offs[at+k+len(zh)-1]
				_, size := utf8.DecodeRuneInString(h.Source[last:])
				end := last + size
				out[i].SourceSpans = append(out[i].SourceSpans, Span{utf16Len(h.Source[:start]), utf16Len(h.Source[:end])})
				at += k + len(zh)
			}
		}
		if lower := strings.ToLower(h.Target); en != "" && len(lower) == len(h.Target) { // byte offsets hold when lower-casing kept the length
			for at := 0; ; {
				k := strings.Index(lower[at:], en)
				if k < 0 {
					break
				}
				out[i].TargetSpans = append(out[i].TargetSpans, Span{utf16Len(h.Target[:at+k]), utf16Len(h.Target[:at+k+len(en)])})
				at += k + len(en)
			}
		}
	}
	return out
}
