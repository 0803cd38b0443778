package qa

import (
	"context"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/stats"
)

// Leverage returns the translation memory as the leverage analysis asks
// it (stats.Matcher: a clause's best score against the approved English of
// other clauses and the imported units, 0 below stats.MinScore), with the
// number of entries searched. It uses one index for the whole analysis,
// built or brought up to date first, as for GET /clauses/:id/matches. The
// matcher is safe for concurrent use.
func (m *Memory) Leverage(ctx context.Context) (stats.Matcher, int, error) {
	ix, sources, err := m.index(ctx)
	if err != nil {
		return nil, 0, err
	}
	// Exact matches are looked up, not searched: which entry has each
	// normalised Chinese first, and whether another one has it too.
	type holder struct {
		clause uint // the first entry's clause (0: an imported unit)
		more   bool // more than one entry
	}
	exact := make(map[string]holder, len(sources))
	for i, s := range sources {
		if err := ctx.Err(); i%4096 == 0 && err != nil {
			return nil, 0, err
		}
		k := glossary.Normalize(s.Source)
		if h, ok := exact[k]; ok {
			h.more = true
			exact[k] = h
		} else {
			exact[k] = holder{clause: s.ClauseID}
		}
	}
	return func(source string, exclude uint) float64 {
		if h, ok := exact[glossary.Normalize(source)]; ok && (h.more || h.clause == 0 || h.clause != exclude) {
			return 1
		}
		// The clause itself may be in the memory (approved): one more.
		for _, x := range ix.Search(source, 2, stats.MinScore) {
			if exclude != 0 && sources[x.ID].ClauseID == exclude {
				continue
			}
			return x.Score
		}
		return 0
	}, ix.Len(), nil
}
