package glossary

import (
	"cmp"
	"context"
	"iter"
	"slices"
	"strings"

	"github.com/zhen-workbench/zhen/internal/stop"
)

// Kinds of rendering in a TermReport.
const (
	RenderingApproved  = "approved"
	RenderingVariant   = "variant"
	RenderingForbidden = "forbidden"
	RenderingOther     = "other" // none of the glossary's forms: the clause's English is listed
)

// maxOther bounds the distinct "other" translations kept per term, so that
// a report over a million clauses stays small.
const maxOther = 20

// TermReport says how one term was rendered across the clauses given.
type TermReport struct {
	EntryID      uint           `json:"entry_id"`
	Term         string         `json:"term"`
	Status       string         `json:"status"`
	Expected     string         `json:"expected"`
	Occurrences  int            `json:"occurrences"`   // in all sources
	Clauses      int            `json:"clauses"`       // clauses whose source has the term
	Translated   int            `json:"translated"`    // of those, clauses with English
	Documents    map[uint]int   `json:"documents"`     // document id → occurrences in its sources
	Renderings   []RenderingUse `json:"renderings"`    // the glossary's forms, then other translations
	Attention    []uint         `json:"attention"`     // clauses with a forbidden, missing or other rendering, ascending
	OtherOmitted int            `json:"other_omitted"` // clauses with other translations beyond those listed
}

// RenderingUse is one way the term was rendered.
type RenderingUse struct {
	Kind    string `json:"kind"`    // approved, variant, forbidden or other
	Text    string `json:"text"`    // the glossary form; for other, the clause's English
	Count   int    `json:"count"`   // occurrences in the English; for other, clauses
	Clauses []uint `json:"clauses"` // for forbidden and other: the clauses, ascending
}

// Problems is the number of clauses that need attention.
func (r *TermReport) Problems() int { return len(r.Attention) }

// Report goes once through clauses and reports, for every entry whose term
// occurs in at least one source, where it occurs and how it was rendered.
// Terms with problems come first, then the most frequent. It stops, with
// ctx's error, once ctx ends: a corpus takes seconds.
func Report(ctx context.Context, tb *Termbase, clauses iter.Seq[Clause]) ([]TermReport, error) {
	reports := make([]*TermReport, len(tb.entries))
	others := make([]map[string]int, len(tb.entries)) // other English → index in Renderings
	var sc scratch
	s := &stop.Counter{Ctx: ctx}
	for c := range clauses {
		if err := s.Step(); err != nil {
			return nil, err
		}
		target := strings.TrimSpace(c.Target)
		sc.matches = tb.termsIn(sc.matches[:0], c.Source)
		for _, u := range tb.uses(&sc, sc.matches, target) {
			r := reports[u.entry]
			if r == nil {
				r = newTermReport(&tb.entries[u.entry])
				reports[u.entry] = r
				others[u.entry] = map[string]int{}
			}
			r.Occurrences += u.count
			r.Clauses++
			r.Documents[c.DocumentID] += u.count
			if target == "" {
				continue
			}
			r.Translated++
			for _, o := range u.accepted {
				if i := r.form(o.Rendering, false); i >= 0 {
					r.Renderings[i].Count++
				}
			}
			for _, o := range u.forbidden {
				if i := r.form(o.Rendering, true); i >= 0 {
					use := &r.Renderings[i]
					use.Count++
					if !slices.Contains(use.Clauses, c.ID) {
						use.Clauses = append(use.Clauses, c.ID)
					}
				}
			}
			switch {
			case len(u.accepted) == 0 && len(u.forbidden) == 0 && u.renderings > 0:
				i, ok := others[u.entry][target]
				if !ok && len(others[u.entry]) == maxOther {
					r.OtherOmitted++
				} else {
					if !ok {
						i = len(r.Renderings)
						others[u.entry][target] = i
						r.Renderings = append(r.Renderings, RenderingUse{Kind: RenderingOther, Text: target})
					}
					r.Renderings[i].Count++
					r.Renderings[i].Clauses = append(r.Renderings[i].Clauses, c.ID)
				}
				r.Attention = append(r.Attention, c.ID)
			case len(u.forbidden) > 0 || len(u.accepted) < u.count && u.renderings > 0:
				r.Attention = append(r.Attention, c.ID)
			}
		}
	}
	var out []TermReport
	for i, r := range reports {
		if r == nil {
			continue
		}
		slices.Sort(r.Attention)
		r.Attention = slices.Compact(r.Attention)
		glossaryForms := len(r.Renderings) - len(others[i])
		slices.SortStableFunc(r.Renderings[glossaryForms:], func(a, b RenderingUse) int { return b.Count - a.Count })
		for i := range r.Renderings {
			slices.Sort(r.Renderings[i].Clauses)
		}
		out = append(out, *r)
	}
	slices.SortStableFunc(out, func(a, b TermReport) int {
		if pa, pb := a.Problems() > 0, b.Problems() > 0; pa != pb {
			if pa {
				return -1
			}
			return 1
		}
		return cmp.Or(b.Occurrences-a.Occurrences, strings.Compare(a.Term, b.Term), cmp.Compare(a.EntryID, b.EntryID))
	})
	return out, nil
}

func newTermReport(e *Entry) *TermReport {
	r := &TermReport{EntryID: e.ID, Term: e.ZH, Status: e.Status, Expected: expectedRenderings(e), Documents: map[uint]int{}}
	if e.EN != "" {
		r.Renderings = append(r.Renderings, RenderingUse{Kind: RenderingApproved, Text: e.EN})
	}
	for _, v := range e.Variants {
		r.Renderings = append(r.Renderings, RenderingUse{Kind: RenderingVariant, Text: v})
	}
	for _, f := range e.Forbidden {
		r.Renderings = append(r.Renderings, RenderingUse{Kind: RenderingForbidden, Text: f})
	}
	return r
}

// form finds a glossary form among the renderings of r; the renderings
// were compiled from the same entry, so it is always there.
func (r *TermReport) form(text string, forbidden bool) int {
	return slices.IndexFunc(r.Renderings, func(u RenderingUse) bool {
		return u.Text == text && u.Kind != RenderingOther && (u.Kind == RenderingForbidden) == forbidden
	})
}
