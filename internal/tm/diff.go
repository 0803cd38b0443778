package tm

import "github.com/zhen-workbench/zhen/internal/diff"

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
