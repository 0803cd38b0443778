package tm

import (
	"unicode/utf8"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/diff"
)

// Op kinds, the same words internal/diff uses for translations.
const (
	Equal  = diff.Equal
	Insert = diff.Insert
	Delete = diff.Delete
)

// Op is a run of characters both texts share (equal), only the query has
// (insert) or only the match's source has (delete).
type Op = diff.Op

// runeDiff turns a into b character by character.
func runeDiff(a, b []rune) []Op {
	return diff.Of(a, b, func(r []rune) string { return string(r) })
}

// asWritten gives ops, a diff of the normalised texts, the characters of
// the texts as written: equal and delete runs from the match's source,
// insert runs from the query. The memory panel so shows the corpus's own
// full-width punctuation (，。：), not the folded key. If the ops do not
// fit the texts (they always should), they are returned unchanged.
func asWritten(ops []Op, source, query string) []Op {
	ns, so := glossary.NormalizeWithOffsets(source)
	nq, qo := glossary.NormalizeWithOffsets(query)
	i, j := 0, 0 // where the next run starts in ns and nq
	out := make([]Op, len(ops))
	for k, op := range ops {
		n := len(op.Text)
		if op.Kind == Insert {
			text, ok := written(query, nq, qo, j, n, op.Text)
			if !ok {
				return ops
			}
			out[k] = Op{Kind: op.Kind, Text: text}
			j += n
			continue
		}
		text, ok := written(source, ns, so, i, n, op.Text)
		if !ok {
			return ops
		}
		out[k] = Op{Kind: op.Kind, Text: text}
		i += n
		if op.Kind == Equal {
			j += n
		}
	}
	return out
}

// written is the original of norm[at:at+n] (which must be want): from the
// character that produced its first byte to the end of the one that
// produced its last, so whitespace the key trimmed or collapsed at the
// run's edges stays out. false if the run starts or ends inside one
// character's folding (㎏ → kg), which cannot be shown as written.
func written(orig, norm string, offsets []int, at, n int, want string) (string, bool) {
	end := at + n
	if end > len(norm) || norm[at:end] != want ||
		(at > 0 && offsets[at] == offsets[at-1]) || (end < len(norm) && offsets[end] == offsets[end-1]) {
		return "", false
	}
	last := offsets[end-1]
	_, size := utf8.DecodeRuneInString(orig[last:])
	return orig[offsets[at] : last+size], true
}
