package store

import (
	"context"
	"testing"
)

// A clause's rejections come newest first, with the English rejected and
// the reason; another clause's and other actions are not among them.
func TestRejections(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		mustImport(t, s, testDoc("声明", "双方认为。中方欢迎。"))
		cs, _, err := s.ListClauses(ctx, ClauseFilter{})
		if err != nil || len(cs) != 2 {
			t.Fatalf("clauses: %d %v", len(cs), err)
		}
		c, other := cs[0], cs[1]
		step := func(what string) func(Clause, error) Clause {
			return func(cl Clause, err error) Clause {
				t.Helper()
				if err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				return cl
			}
		}
		rejections := func(c Clause) ([]Revision, error) {
			h, err := s.ReviewHistory(ctx, []Clause{c})
			return h[c.ID].Rejections, err
		}
		if rs, err := rejections(c); err != nil || len(rs) != 0 {
			t.Fatalf("before any rejection: %+v %v", rs, err)
		}
		c = step("save")(s.SaveTranslation(ctx, c.ID, c.Version, "The two sides believe.", "tr", "editor"))
		c = step("submit")(s.Submit(ctx, c.ID, c.Version, "tr"))
		c = step("reject")(s.Reject(ctx, c.ID, c.Version, "Say “hold the view”.", "rev"))
		c = step("save")(s.SaveTranslation(ctx, c.ID, c.Version, "The two sides hold.", "tr", "editor"))
		c = step("submit")(s.Submit(ctx, c.ID, c.Version, "tr"))
		c = step("reject")(s.Reject(ctx, c.ID, c.Version, "Hold what?", "rev2"))
		other = step("other save")(s.SaveTranslation(ctx, other.ID, other.Version, "China welcomes.", "tr", "editor"))
		other = step("other submit")(s.Submit(ctx, other.ID, other.Version, "tr"))
		step("other reject")(s.Reject(ctx, other.ID, other.Version, "No.", "rev"))
		rs, err := rejections(c)
		if err != nil || len(rs) != 2 {
			t.Fatalf("rejections: %+v %v", rs, err)
		}
		if r := rs[0]; r.Text != "The two sides hold." || r.Comment != "Hold what?" || r.Author != "rev2" || r.Version != c.Version || r.Action != ActionReject {
			t.Errorf("newest: %+v", r)
		}
		if r := rs[1]; r.Text != "The two sides believe." || r.Comment != "Say “hold the view”." || r.Author != "rev" {
			t.Errorf("first: %+v", r)
		}
	})
}
