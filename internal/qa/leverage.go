package qa

import (
	"context"

	"github.com/zhen-workbench/zhen/internal/stats"
)

// Leverage returns the translation memory as the leverage analysis asks
// it (stats.Matcher: a clause's best score against the approved English of
// other clauses and the imported units, 0 below stats.MinScore), with the
// number of entries searched. It uses one index for the whole analysis,
// built or brought up to date first, as for GET /clauses/:id/matches.
func (m *Memory) Leverage(ctx context.Context) (stats.Matcher, int, error) {
	ix, sources, err := m.index(ctx)
	if err != nil {
		return nil, 0, err
	}
	return func(source string, exclude uint) float64 {
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
