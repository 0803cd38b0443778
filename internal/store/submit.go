package store

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/internal/fault"
)

// ClauseVersion names a clause at the version someone looked at.
type ClauseVersion struct {
	ID      uint `json:"id"`
	Version int  `json:"version"`
}

// Skipped is a clause a bulk change left alone, and why.
type Skipped struct {
	ID     uint   `json:"id"`
	Reason string `json:"reason"`
}

// SubmitChoice says which clauses a bulk submit sends to review: the
// listed ones, each only at the version given, or (Document, with Mine)
// every clause of that statement whose status is translated and whose
// English the actor wrote last, at its version now.
type SubmitChoice struct {
	Clauses  []ClauseVersion
	Document uint
	Mine     bool
}

// SubmitResult is what SubmitMany did: the clauses submitted, those left
// alone and why, and, when open findings held the submit back (nothing
// was submitted then), those findings.
type SubmitResult struct {
	Submitted []Clause
	Skipped   []Skipped
	Open      []StoredFinding
}

// errHeld rolls back a bulk submit that open findings held back.
var errHeld = errors.New("held back by open findings")

// SubmitMany submits the chosen clauses in one transaction, each as Submit
// would (a stale version or a status that cannot be submitted skips the
// clause, saying why). With checkFindings, if any clause it would submit
// has an open (not dismissed) stored finding, it submits nothing and
// returns those findings in Open.
func (s *Store) SubmitMany(ctx context.Context, choice SubmitChoice, actor string, checkFindings bool) (SubmitResult, error) {
	var out SubmitResult
	err := s.InTransaction(ctx, func(st *Store) error {
		out = SubmitResult{Submitted: []Clause{}, Skipped: []Skipped{}}
		items := choice.Clauses
		if choice.Mine {
			var err error
			if items, err = st.mineToSubmit(ctx, choice.Document, actor); err != nil {
				return err
			}
		}
		seen := make(map[uint]bool, len(items))
		for _, it := range items {
			if seen[it.ID] {
				out.Skipped = append(out.Skipped, Skipped{it.ID, "listed more than once: submitted once"})
				continue
			}
			seen[it.ID] = true
			cl, err := changeTx(st.w, it.ID, it.Version, submitDecision(actor))
			var (
				nf       *fault.NotFound
				conflict *fault.Conflict
				state    *fault.InvalidState
			)
			switch {
			case errors.As(err, &nf):
				out.Skipped = append(out.Skipped, Skipped{it.ID, "no such clause"})
			case errors.As(err, &conflict):
				out.Skipped = append(out.Skipped, Skipped{it.ID, "changed since you looked: look at it again"})
			case errors.As(err, &state):
				out.Skipped = append(out.Skipped, Skipped{it.ID, state.Reason})
			case err != nil:
				return err
			default:
				out.Submitted = append(out.Submitted, cl)
			}
		}
		if !checkFindings || len(out.Submitted) == 0 {
			return nil
		}
		ids := make([]uint, len(out.Submitted))
		for i, cl := range out.Submitted {
			ids[i] = cl.ID
		}
		open, err := st.openFindingsOf(ctx, ids)
		if err != nil {
			return err
		}
		if len(open) > 0 {
			out.Open = open
			return errHeld
		}
		return nil
	})
	if errors.Is(err, errHeld) {
		return SubmitResult{Submitted: []Clause{}, Skipped: out.Skipped, Open: out.Open}, nil
	}
	if err != nil {
		return SubmitResult{}, err
	}
	return out, nil
}

// mineToSubmit is every clause of a statement that is translated and whose
// English author wrote last, at its version now, in statement order.
func (s *Store) mineToSubmit(ctx context.Context, documentID uint, author string) ([]ClauseVersion, error) {
	var doc Document
	if err := s.r.WithContext(ctx).Select("id").Take(&doc, documentID).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, fault.Missing("document", documentID)
		}
		return nil, err
	}
	var out []ClauseVersion
	err := s.r.WithContext(ctx).Model(&Clause{}).Select("id, version").
		Where("document_id = ? AND status = ? AND updated_by = ?", documentID, StatusTranslated, author).
		Order("position").Scan(&out).Error
	return out, err
}

// openFindingsOf returns the open (not dismissed) stored findings of these
// clauses, in statement and clause order.
func (s *Store) openFindingsOf(ctx context.Context, ids []uint) ([]StoredFinding, error) {
	out := []StoredFinding{}
	for part := range chunks(ids, 500) {
		rows, err := s.r.WithContext(ctx).Table("findings").
			Joins("JOIN clauses ON clauses.id = findings.clause_id").
			Where("findings.clause_id IN ? AND findings.finding_key NOT IN (SELECT finding_key FROM dismissals)", part).
			Select("findings.finding_key, findings.data, clauses.source, clauses.target").
			Order("findings.document_id, findings.clause_id, findings.id").Rows()
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var sf StoredFinding
			var data, source, target string
			if err := rows.Scan(&sf.Key, &data, &source, &target); err != nil {
				rows.Close()
				return nil, err
			}
			if err := decodeFinding(data, &sf.Finding); err != nil {
				rows.Close()
				return nil, err
			}
			sf.Source, sf.Target = source, target
			out = append(out, sf)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
