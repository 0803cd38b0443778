package glossary

// UseState says how a clause rendered a glossary term in its Chinese.
type UseState uint8

// States of a TermUse. Problem and Other need a reviewer's attention.
const (
	UseUntranslated UseState = iota // the clause has no English
	UseRendered                     // as the glossary says, every time
	UseProblem                      // a forbidden rendering, or fewer accepted renderings than occurrences
	UseOther                        // none of the glossary's forms: the English renders it some other way
)

// Attention says whether a reviewer should look at the clause for the term.
func (s UseState) Attention() bool { return s == UseProblem || s == UseOther }

// TermUse is what one clause does with one entry whose term is in its
// Chinese: a row of the term-occurrence index that the term report is
// built from and that finds the clauses a glossary change touches.
type TermUse struct {
	EntryID   uint
	Count     int      // occurrences of the term in the Chinese
	State     UseState //
	Accepted  []string // for each accepted rendering in the English, the glossary form it stands for
	Forbidden []string // likewise for forbidden renderings
}

// termUses is uses as TermUses, allocated apart from the scratch they live in.
func (tb *Termbase) termUses(uses []use, translated bool) []TermUse {
	if len(uses) == 0 {
		return nil
	}
	out := make([]TermUse, len(uses))
	for i := range uses {
		u := &uses[i]
		out[i] = TermUse{EntryID: tb.entries[u.entry].ID, Count: u.count, State: u.state(translated),
			Accepted: renderingsOf(u.accepted), Forbidden: renderingsOf(u.forbidden)}
	}
	return out
}

// state is how the English rendered the term of u.
func (u *use) state(translated bool) UseState {
	switch {
	case !translated:
		return UseUntranslated
	case len(u.accepted) == 0 && len(u.forbidden) == 0 && u.renderings > 0:
		return UseOther
	case len(u.forbidden) > 0 || len(u.accepted) < u.count && u.renderings > 0:
		return UseProblem
	}
	return UseRendered
}

func renderingsOf(occ []Occurrence) []string {
	if len(occ) == 0 {
		return nil
	}
	out := make([]string, len(occ))
	for i, o := range occ {
		out[i] = o.Rendering
	}
	return out
}
