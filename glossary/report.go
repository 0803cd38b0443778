package glossary

import (
	"cmp"
	"context"
	"iter"
	"maps"
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
	Attention    []uint         `json:"attention"`     // clauses with a forbidden, missing or other rendering, ascending (a page of reports: the first ones)
	Problems     int            `json:"problems"`      // how many clauses need attention
	OtherOmitted int            `json:"other_omitted"` // clauses with other translations beyond those listed
}

// RenderingUse is one way the term was rendered.
type RenderingUse struct {
	Kind    string `json:"kind"`    // approved, variant, forbidden or other
	Text    string `json:"text"`    // the glossary form; for other, the clause's English
	Count   int    `json:"count"`   // occurrences in the English; for other, clauses
	Clauses []uint `json:"clauses"` // for forbidden and other: the clauses, ascending
}

// Report goes once through clauses and reports, for every entry whose term
// occurs in at least one source, where it occurs and how it was rendered.
// Terms with problems come first, then the most frequent. It stops, with
// ctx's error, once ctx ends: a corpus takes seconds.
func Report(ctx context.Context, tb *Termbase, clauses iter.Seq[Clause]) ([]TermReport, error) {
	b := newReports(tb.entries)
	var sc scratch
	s := &stop.Counter{Ctx: ctx}
	for c := range clauses {
		if err := s.Step(); err != nil {
			return nil, err
		}
		target := strings.TrimSpace(c.Target)
		sc.matches = tb.termsIn(sc.matches[:0], c.Source)
		uses := tb.uses(&sc, sc.matches, target)
		for i := range uses {
			u := &uses[i]
			b.add(u.entry, c.ID, c.DocumentID, target, u.count, u.state(target != ""), renderingsOf(u.accepted), renderingsOf(u.forbidden))
		}
	}
	return b.Terms(), nil
}

// TermReports gathers what clauses do with glossary entries into a
// TermReport per entry: Report over clauses, or the stored term-occurrence
// index read back.
type TermReports struct {
	entries []Entry
	index   map[uint]int // entry ID → its place in entries
	reports []*TermReport
	others  []map[string]int // per entry, other English → its index in Renderings
}

// NewTermReports gathers uses of entries, which have distinct IDs.
func NewTermReports(entries []Entry) *TermReports {
	b := newReports(entries)
	b.index = make(map[uint]int, len(entries))
	for i, e := range entries {
		b.index[e.ID] = i
	}
	return b
}

func newReports(entries []Entry) *TermReports {
	return &TermReports{entries: entries, reports: make([]*TermReport, len(entries)), others: make([]map[string]int, len(entries))}
}

// Add counts what clause (of document, with English target) does with the
// entry of u; a use of an entry not given is ignored.
func (b *TermReports) Add(clause, document uint, target string, u TermUse) {
	if i, ok := b.index[u.EntryID]; ok {
		b.add(i, clause, document, strings.TrimSpace(target), u.Count, u.State, u.Accepted, u.Forbidden)
	}
}

func (b *TermReports) add(entry int, clause, document uint, target string, count int, state UseState, accepted, forbidden []string) {
	r := b.reports[entry]
	if r == nil {
		r = newTermReport(&b.entries[entry])
		b.reports[entry] = r
		b.others[entry] = map[string]int{}
	}
	r.Occurrences += count
	r.Clauses++
	r.Documents[document] += count
	if state == UseUntranslated {
		return
	}
	r.Translated++
	for _, form := range accepted {
		if i := r.form(form, false); i >= 0 {
			r.Renderings[i].Count++
		}
	}
	for _, form := range forbidden {
		if i := r.form(form, true); i >= 0 {
			use := &r.Renderings[i]
			use.Count++
			if !slices.Contains(use.Clauses, clause) {
				use.Clauses = append(use.Clauses, clause)
			}
		}
	}
	if state == UseOther {
		i, ok := b.others[entry][target]
		if !ok && len(b.others[entry]) == maxOther {
			r.OtherOmitted++
		} else {
			if !ok {
				i = len(r.Renderings)
				b.others[entry][target] = i
				r.Renderings = append(r.Renderings, RenderingUse{Kind: RenderingOther, Text: target})
			}
			r.Renderings[i].Count++
			r.Renderings[i].Clauses = append(r.Renderings[i].Clauses, clause)
		}
	}
	if state.Attention() {
		r.Attention = append(r.Attention, clause)
	}
}

// Terms is the reports of the entries used, problems first, then the most
// frequent.
func (b *TermReports) Terms() []TermReport {
	var out []TermReport
	for i, r := range b.reports {
		if r == nil {
			continue
		}
		slices.Sort(r.Attention)
		r.Attention = slices.Compact(r.Attention)
		glossaryForms := len(r.Renderings) - len(b.others[i])
		slices.SortStableFunc(r.Renderings[glossaryForms:], func(a, b RenderingUse) int { return b.Count - a.Count })
		for i := range r.Renderings {
			slices.Sort(r.Renderings[i].Clauses)
		}
		r.Problems = len(r.Attention)
		out = append(out, *r)
	}
	SortTermReports(out)
	return out
}

// SortTermReports puts terms with problems first, then the most frequent.
func SortTermReports(out []TermReport) {
	slices.SortStableFunc(out, func(a, b TermReport) int {
		if pa, pb := a.Problems > 0, b.Problems > 0; pa != pb {
			if pa {
				return -1
			}
			return 1
		}
		return cmp.Or(b.Occurrences-a.Occurrences, strings.Compare(a.Term, b.Term), cmp.Compare(a.EntryID, b.EntryID))
	})
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

// TermSummary is a term's figures without its clause lists, as the
// term-occurrence index keeps them: what a page of the report shows.
type TermSummary struct {
	Occurrences, Clauses, Translated, Problems int
	Other                                      int            // clauses that render the term none of the glossary's ways
	Documents                                  map[uint]int   // statement → occurrences
	Accepted, Forbidden                        map[string]int // glossary form → times in the English
	Attention                                  []uint         // the first clauses that need attention, ascending
}

// SummaryReport is e's report from its summary: the glossary's forms with
// their counts but not their clauses, the other renderings only counted
// (in OtherOmitted), and the first clauses that need attention.
func SummaryReport(e *Entry, s TermSummary) TermReport {
	r := newTermReport(e)
	r.Occurrences, r.Clauses, r.Translated, r.Problems, r.OtherOmitted = s.Occurrences, s.Clauses, s.Translated, s.Problems, s.Other
	maps.Copy(r.Documents, s.Documents)
	for i := range r.Renderings {
		u := &r.Renderings[i]
		if u.Kind == RenderingForbidden {
			u.Count = s.Forbidden[u.Text]
		} else {
			u.Count = s.Accepted[u.Text]
		}
	}
	r.Attention = slices.Clone(s.Attention)
	return *r
}
