package qa

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/store"
)

// RulesVersion is the version of the checks: raise it when a check changes
// what it finds, or the stored form of a finding changes, and the stored
// findings are computed again on first use. 2: findings stored in
// store.encodeFinding's form instead of JSON. 3: findings carry a code and
// params (the message for an interface in another language). 4: numbering
// markers whose English the system wrote (store.Clause.Numbered) have no
// findings.
const RulesVersion = 4

// KeptStore is what keeping the stored findings current needs.
type KeptStore interface {
	Store
	ClausesByID(ctx context.Context, ids []uint) ([]store.Clause, error)
	TranslatedWithSources(ctx context.Context, keys []string) ([]store.Clause, error)
	ClausesWithTerms(ctx context.Context, entries []uint, keys []string) ([]uint, error)
	DocumentClauseIDs(ctx context.Context, documentID uint) ([]uint, error)
	GroupedSources(ctx context.Context, clauseIDs []uint) ([]string, error)
	ReplaceFindings(ctx context.Context, checked []store.Checked, generation int64) (moved []uint, stale bool, err error)
	ResetFindings(ctx context.Context, generation int64, rules int, fn func(w *store.FindingWriter) error) error
	SetQAState(ctx context.Context, generation int64, rules int) error
	GetQAState(ctx context.Context) (store.QAState, bool, error)
	InvalidateQAState(ctx context.Context) error
	ClauseCount(ctx context.Context) (int64, error)
}

// Keeper keeps the stored findings equal to what the checks find now:
// every write rechecks what it touched (Recheck, RecheckDocument,
// RecheckTerms), and a glossary or rules version the findings were not
// computed with makes Current compute them all again. One recheck runs at a
// time in a process; across processes, the store refuses findings computed
// from a clause version or glossary that has moved on, and they are
// computed again.
type Keeper struct {
	c  *Checker
	st KeptStore
	mu sync.Mutex
}

// NewKeeper returns a keeper of the findings c finds, stored in st.
func NewKeeper(c *Checker, st KeptStore) *Keeper { return &Keeper{c: c, st: st} }

// maxRounds bounds how often a recheck starts again because someone
// changed its clauses meanwhile: then the last writer's recheck covers it.
const maxRounds = 4

// Recheck computes again the findings of the clauses ids, and of every
// clause with the same Chinese as one of them (the "same Chinese, other
// English" check spans them), and stores them.
func (k *Keeper) Recheck(ctx context.Context, ids []uint) error {
	return k.ifCurrent(ctx, func() error { return k.recheck(ctx, ids) })
}

// ifCurrent runs fn, one at a time, if the stored findings are current:
// else they are out of date anyway, and the next read computes them all.
func (k *Keeper) ifCurrent(ctx context.Context, fn func() error) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if ok, err := k.fresh(ctx, 0); err != nil || !ok {
		return err
	}
	return fn()
}

// RecheckMany rechecks the clauses ids after a bulk write, or computes
// every finding again when they are so large a part of the corpus that
// that is cheaper: a recheck writes its rows at random places of indexes
// of millions of entries, a recompute builds them sorted.
func (k *Keeper) RecheckMany(ctx context.Context, ids []uint) error {
	return k.ifCurrent(ctx, func() error { return k.recheckOrRecompute(ctx, ids) })
}

func (k *Keeper) recheckOrRecompute(ctx context.Context, ids []uint) error {
	n, err := k.st.ClauseCount(ctx)
	if err != nil {
		return err
	}
	if int64(len(ids))*recheckCost >= n {
		return k.recomputeAll(ctx)
	}
	return k.recheck(ctx, ids)
}

// recheckCost is what a clause costs a recheck, in clauses of a full
// recompute: a recheck is chosen for fewer than 1/recheckCost of the
// corpus. Measured at 223,000 clauses (docs/PERFORMANCE.md), with the
// store writing only the clauses whose findings changed: a glossary edit
// rechecked 6,000 clauses in 5 s, 11,900 in 20 s and 22,000 in 31 s, and
// an import 25,800 in 28 s, against 29–32 s for the whole recompute; the
// recheck grows faster than its clauses as its reads spill the page cache.
const recheckCost = 10

// fresh says whether the stored findings are current: computed with these
// rules and the glossary as it is now, or as it was changes ago.
func (k *Keeper) fresh(ctx context.Context, changes int64) (bool, error) {
	state, ok, err := k.st.GetQAState(ctx)
	if err != nil || !ok || state.Rules != RulesVersion {
		return false, err
	}
	gen, err := k.st.GlossaryGeneration(ctx)
	return state.Glossary == gen-changes, err
}

func (k *Keeper) recheck(ctx context.Context, ids []uint) error {
	// A statement's or an import's clauses are stored a slice at a time,
	// so that memory stays bounded.
	for part := range slices.Chunk(ids, checkSlice) {
		if err := k.recheckPart(ctx, part); err != nil {
			return err
		}
	}
	return nil
}

// checkSlice is how many clauses a recheck or a dry run (Impact) reads and
// checks at a time; a recheck stores them in one transaction. Their
// findings are held until then (ten a clause on a large glossary): a
// glossary edit rechecking 22,000 clauses peaked at 470 MB with 5,000,
// 200 MB with 1,000, for 8 % more time (docs/PERFORMANCE.md).
const checkSlice = 1000

func (k *Keeper) recheckPart(ctx context.Context, ids []uint) error {
	for round := 0; len(ids) > 0 && round < maxRounds; round++ {
		gen, tb, err := k.termbase(ctx)
		if err != nil {
			return err
		}
		checked, err := k.check(ctx, tb, ids)
		if err != nil {
			return err
		}
		moved, stale, err := k.st.ReplaceFindings(ctx, checked, gen)
		if err != nil {
			return err
		}
		if !stale {
			ids = moved
		}
	}
	return nil
}

// termbase is the compiled glossary with a generation no newer than it:
// findings computed with it and stored under that generation are refused
// if the glossary moved on (and computed again), never wrongly kept.
func (k *Keeper) termbase(ctx context.Context) (int64, *glossary.Termbase, error) {
	gen, err := k.st.GlossaryGeneration(ctx)
	if err != nil {
		return 0, nil, err
	}
	tb, err := k.c.Termbase(ctx)
	return gen, tb, err
}

// check computes the findings of ids and of their same-Chinese groups.
func (k *Keeper) check(ctx context.Context, tb *glossary.Termbase, ids []uint) ([]store.Checked, error) {
	clauses, err := k.st.ClausesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	// The groups to check again: each clause's now, and the ones it was in
	// (a clause whose Chinese was split, or whose English was emptied,
	// leaves the others of its group with one translation fewer).
	byID := map[uint]store.Clause{}
	var keys []string
	for _, cl := range clauses {
		byID[cl.ID] = cl
		if cl.Target != "" && !cl.Numbered() { // a clause without English is in no group, nor a marker Zhen numbered
			keys = append(keys, cl.SourceKey)
		}
	}
	was, err := k.st.GroupedSources(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, src := range was {
		keys = append(keys, glossary.Normalize(src))
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	group, err := k.st.TranslatedWithSources(ctx, keys)
	if err != nil {
		return nil, err
	}
	for _, cl := range group {
		byID[cl.ID] = cl
	}
	all := make([]glossary.Clause, 0, len(byID))
	for _, cl := range byID {
		all = append(all, toClause(cl))
	}
	out := make([]store.Checked, len(all), len(all)+len(ids))
	tb.ExamineClauses(all, func(i int, fs []glossary.Finding, uses []glossary.TermUse) {
		c := all[i]
		out[i] = store.Checked{ClauseID: c.ID, DocumentID: c.DocumentID, Version: byID[c.ID].Version, Uses: uses}
		if c.Target != "" && !byID[c.ID].Numbered() {
			out[i].Findings = withNumbers(c, fs)
		}
	})
	reviewedUses(tb, all, func(i int) string { return byID[all[i].ID].ApprovedTarget }, func(i int, uses []glossary.TermUse) { out[i].Uses = uses })
	inconsistent, err := glossary.Inconsistent(ctx, convert(group))
	if err != nil {
		return nil, err
	}
	at := make(map[uint]int, len(out))
	for i := range out {
		at[out[i].ClauseID] = i
	}
	for _, f := range inconsistent {
		c := &out[at[f.ClauseID]]
		c.Findings = append(c.Findings, f)
	}
	for _, id := range ids {
		if _, ok := byID[id]; !ok { // gone: its findings and uses go
			out = append(out, store.Checked{ClauseID: id})
		}
	}
	return out, nil
}

// reviewedUses puts in the term-occurrence index what the approved English
// of clauses does with their terms, where it is not their newest: the term
// report counts the approved English until a new one is approved
// (store.ReviewedTexts), while the findings check the newest. approved(i)
// is clause i's approved English; set(i, uses) stores its uses.
func reviewedUses(tb *glossary.Termbase, clauses []glossary.Clause, approved func(i int) string, set func(i int, uses []glossary.TermUse)) {
	var alt []glossary.Clause
	var at []int
	for i, c := range clauses {
		if a := approved(i); a != "" && a != c.Target {
			c.Target = a
			alt, at = append(alt, c), append(at, i)
		}
	}
	if len(alt) > 0 {
		tb.ExamineClauses(alt, func(k int, _ []glossary.Finding, uses []glossary.TermUse) { set(at[k], uses) })
	}
}

// RecheckDocument rechecks every clause of a statement.
func (k *Keeper) RecheckDocument(ctx context.Context, documentID uint) error {
	ids, err := k.st.DocumentClauseIDs(ctx, documentID)
	if err != nil {
		return err
	}
	return k.Recheck(ctx, ids)
}

// RecheckTerms rechecks the clauses whose Chinese holds the term of entry
// (as the term-occurrence index has it) or one of zh, after one change of
// the glossary (entry added, changed or deleted; zh its Chinese now, left
// out when the change leaves the clauses it matches as they were), then
// records that the findings are current for the glossary.
func (k *Keeper) RecheckTerms(ctx context.Context, entry uint, zh ...string) error {
	return k.RecheckTermsOf(ctx, []uint{entry}, zh)
}

// RecheckTermsOf is RecheckTerms after a change of several entries at once,
// each recorded as one change of the glossary (an import).
func (k *Keeper) RecheckTermsOf(ctx context.Context, entries []uint, zh []string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	// The findings were current before these changes of the glossary, or
	// the next read computes them all anyway.
	if ok, err := k.fresh(ctx, int64(len(entries))); err != nil || !ok {
		return err
	}
	keys := make([]string, len(zh))
	for i, t := range zh {
		keys[i] = glossary.Normalize(t)
	}
	gen, err := k.st.GlossaryGeneration(ctx)
	if err != nil {
		return err
	}
	ids, err := k.termClauses(ctx, entries, keys)
	if err != nil {
		return err
	}
	// A common term (双方 in a fifth of an archive's clauses) is cheaper to
	// recompute everything for: rechecking its 45,000 clauses took 466 s.
	if err := k.recheckOrRecompute(ctx, ids); err != nil {
		return err
	}
	return k.st.SetQAState(ctx, gen, RulesVersion)
}

// termClauses looks up the clauses of the entries and terms keys a few at
// a time, and stops once they are enough for a recompute (recheckCost):
// looking up each of an import's 2,000 new terms took 40 s of a 71 s
// import on an archive, when the first few dozen already made it a
// recompute.
func (k *Keeper) termClauses(ctx context.Context, entries []uint, keys []string) ([]uint, error) {
	n, err := k.st.ClauseCount(ctx)
	if err != nil {
		return nil, err
	}
	seen := map[uint]bool{}
	var ids []uint
	for i := 0; i < max(len(entries), len(keys)); i += termSlice {
		part, err := k.st.ClausesWithTerms(ctx, entries[min(i, len(entries)):min(i+termSlice, len(entries))], keys[min(i, len(keys)):min(i+termSlice, len(keys))])
		if err != nil {
			return nil, err
		}
		for _, id := range part {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		if int64(len(ids))*recheckCost >= n {
			break // a recompute: the rest need not be looked up
		}
	}
	slices.Sort(ids) // rechecked in the clauses' order
	return ids, nil
}

// termSlice is how many terms termClauses looks up at a time.
const termSlice = 20

// Current makes sure the stored findings were computed with today's
// glossary and rules, computing them all again if not. It says whether it
// had to.
func (k *Keeper) Current(ctx context.Context) (bool, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	state, ok, err := k.st.GetQAState(ctx)
	if err != nil {
		return false, err
	}
	gen, err := k.st.GlossaryGeneration(ctx)
	if err != nil {
		return false, err
	}
	if ok && state.Glossary == gen && state.Rules == RulesVersion {
		return false, nil
	}
	return true, k.recomputeAll(ctx)
}

// RecomputeAll computes every finding again, streaming the corpus through
// the checks in batches, and replaces the stored ones in one transaction.
func (k *Keeper) RecomputeAll(ctx context.Context) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.recomputeAll(ctx)
}

func (k *Keeper) recomputeAll(ctx context.Context) error {
	gen, tb, err := k.termbase(ctx)
	if err != nil {
		return err
	}
	// The corpus is read through the store's own connections while the
	// findings are written in the transaction's (PostgreSQL cannot read and
	// write on one connection at once). It is read and checked on another
	// goroutine while this one writes the batch before: on two cores the
	// checks are hidden behind the writes (docs/PERFORMANCE.md).
	return k.st.ResetFindings(ctx, gen, RulesVersion, func(w *store.FindingWriter) error {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		batches := make(chan store.FindingBatch, 2)
		checked := make(chan error, 1)
		go func() {
			defer close(batches)
			checked <- k.checkCorpus(ctx, tb, batches)
		}()
		for b := range batches {
			if err := w.Add(ctx, b); err != nil {
				cancel()
				for range batches { // until the checks see the cancellation
				}
				return err
			}
		}
		if err := <-checked; err != nil {
			return err
		}
		same, err := k.st.InconsistentClauses(ctx)
		if err != nil {
			return err
		}
		inconsistent, err := glossary.Inconsistent(ctx, convert(same))
		if err != nil {
			return err
		}
		return w.Add(ctx, store.NewFindingBatch(inconsistent, nil))
	})
}

// checkCorpus streams every clause through the checks, a batch at a time,
// and sends each batch's findings and term uses to out, encoded.
func (k *Keeper) checkCorpus(ctx context.Context, tb *glossary.Termbase, out chan<- store.FindingBatch) error {
	batch := make([]glossary.Clause, 0, checkBatch)
	approved := make([]string, 0, checkBatch)
	numbered := make([]bool, 0, checkBatch) // markers the system numbered have no findings
	var found []glossary.Finding
	checked := make([]store.Checked, 0, checkBatch)
	flush := func() error {
		if err := ctx.Err(); err != nil {
			return err
		}
		found, checked = found[:0], checked[:len(batch)]
		tb.ExamineClauses(batch, func(i int, fs []glossary.Finding, uses []glossary.TermUse) {
			c := batch[i]
			if c.Target != "" && !numbered[i] {
				found = append(found, withNumbers(c, fs)...)
			}
			checked[i] = store.Checked{ClauseID: c.ID, DocumentID: c.DocumentID, Uses: uses}
		})
		reviewedUses(tb, batch, func(i int) string { return approved[i] }, func(i int, uses []glossary.TermUse) { checked[i].Uses = uses })
		b := store.NewFindingBatch(found, checked)
		batch, approved, numbered = batch[:0], approved[:0], numbered[:0]
		select {
		case out <- b:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for row, err := range k.st.ExportRows(ctx, store.ExportFilter{Texts: store.LatestTexts, Untranslated: true}) {
		if err != nil {
			return err
		}
		approved, numbered = append(approved, row.ApprovedTarget), append(numbered, row.Numbered())
		if batch = append(batch, toClause(row.Clause)); len(batch) == cap(batch) {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// FromStored is stored findings as the checks report them.
func FromStored(sfs []store.StoredFinding) []Finding {
	out := make([]Finding, len(sfs))
	for i, sf := range sfs {
		out[i] = Finding{Finding: sf.Finding, Key: sf.Key, Dismissed: sf.Dismissed}
	}
	return out
}

// Impact is what a glossary change would do to the findings, before it is
// made: the findings it would add and clear, in how many approved clauses
// it would raise one, and in which statements; with the counts, and what
// it does in each statement, so that a preview can show them whole when
// the lists are cut (Truncate).
type Impact struct {
	NewFindings      []Finding        `json:"new_findings"`
	ResolvedFindings []Finding        `json:"resolved_findings"`
	ApprovedClauses  int              `json:"approved_clauses"`
	Documents        []uint           `json:"documents"`
	NewCount         int              `json:"new_count"`       // findings added
	ResolvedCount    int              `json:"resolved_count"`  // findings cleared
	FlaggedClauses   int              `json:"flagged_clauses"` // clauses that would get one
	PerDocument      []DocumentImpact `json:"per_document"`    // in document order
	Truncated        bool             `json:"truncated"`       // the lists hold only the first findings
}

// DocumentImpact is what a glossary change would do in one statement.
type DocumentImpact struct {
	DocumentID     uint `json:"document_id"`
	FlaggedClauses int  `json:"flagged_clauses"`
	ResolvedCount  int  `json:"resolved_count"`
	FirstClause    uint `json:"first_clause"` // the first clause flagged, else the first cleared
}

// Truncate keeps the first n findings of each list (in clause order); the
// counts stay those of the whole change.
func (im *Impact) Truncate(n int) {
	if len(im.NewFindings) > n || len(im.ResolvedFindings) > n {
		im.Truncated = true
		im.NewFindings = im.NewFindings[:min(n, len(im.NewFindings))]
		im.ResolvedFindings = im.ResolvedFindings[:min(n, len(im.ResolvedFindings))]
	}
}

// Impact computes what replacing the entry before (nil: none, an addition)
// by after (nil: none, a deletion) would do, without changing anything:
// the clauses whose Chinese holds either term are checked with the
// glossary as it is and as it would be. Only the glossary's checks are
// run: the others find the same either way.
func (k *Keeper) Impact(ctx context.Context, before, after *glossary.Entry) (Impact, error) {
	out := Impact{NewFindings: []Finding{}, ResolvedFindings: []Finding{}, Documents: []uint{}, PerDocument: []DocumentImpact{}}
	now, err := k.c.Termbase(ctx)
	if err != nil {
		return out, err
	}
	var entries []glossary.Entry
	var keys []string
	if before != nil {
		keys = append(keys, glossary.Normalize(before.ZH))
	}
	if after != nil {
		keys = append(keys, glossary.Normalize(after.ZH))
	}
	for e, err := range k.st.Terms(ctx) {
		if err != nil {
			return out, err
		}
		if before != nil && glossary.Normalize(e.ZH) == keys[0] {
			continue // replaced or deleted
		}
		entries = append(entries, e)
	}
	if after != nil {
		entries = append(entries, *after)
	}
	then := glossary.Compile(entries)
	var used []uint
	if before != nil {
		used = append(used, before.ID)
		if after != nil && glossary.SameMatches(*before, *after) {
			// The index has every clause the term matches, if it is current.
			if current, err := k.fresh(ctx, 0); err != nil {
				return out, err
			} else if current {
				keys = nil
			}
		}
	}
	ids, err := k.st.ClausesWithTerms(ctx, used, keys)
	if err != nil {
		return out, err
	}
	docs := map[uint]*DocumentImpact{}
	doc := func(id uint) *DocumentImpact {
		if docs[id] == nil {
			docs[id] = &DocumentImpact{DocumentID: id}
		}
		return docs[id]
	}
	for part := range slices.Chunk(ids, checkSlice) {
		clauses, err := k.st.ClausesByID(ctx, part)
		if err != nil {
			return out, err
		}
		cs := make([]glossary.Clause, len(clauses))
		for i, cl := range clauses {
			cs[i] = toClause(cl)
		}
		was, will := make([][]glossary.Finding, len(cs)), make([][]glossary.Finding, len(cs))
		now.CheckClauses(cs, func(i int, fs []glossary.Finding) { was[i] = fs })
		then.CheckClauses(cs, func(i int, fs []glossary.Finding) { will[i] = fs })
		for i, cl := range clauses {
			added, cleared := impactOf(was[i], will[i])
			if len(added) > 0 {
				out.NewFindings = append(out.NewFindings, added...)
				out.FlaggedClauses++
				d := doc(cl.DocumentID)
				if d.FlaggedClauses == 0 {
					d.FirstClause = cl.ID
				}
				d.FlaggedClauses++
				if cl.ApprovedTarget != "" {
					out.ApprovedClauses++
				}
			}
			if len(cleared) > 0 {
				out.ResolvedFindings = append(out.ResolvedFindings, cleared...)
				d := doc(cl.DocumentID)
				if d.FlaggedClauses == 0 && d.ResolvedCount == 0 {
					d.FirstClause = cl.ID
				}
				d.ResolvedCount += len(cleared)
			}
		}
		if err := ctx.Err(); err != nil {
			return out, err
		}
	}
	for id, d := range docs {
		out.Documents = append(out.Documents, id)
		out.PerDocument = append(out.PerDocument, *d)
	}
	slices.Sort(out.Documents)
	slices.SortFunc(out.PerDocument, func(a, b DocumentImpact) int { return cmp.Compare(a.DocumentID, b.DocumentID) })
	byClause := func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.ClauseID, b.ClauseID), strings.Compare(a.Key, b.Key))
	}
	slices.SortFunc(out.NewFindings, byClause)
	slices.SortFunc(out.ResolvedFindings, byClause)
	out.NewCount, out.ResolvedCount = len(out.NewFindings), len(out.ResolvedFindings)
	return out, nil
}

// impactOf is the findings of one clause that the change adds, and those
// it clears, by key.
func impactOf(was, will []glossary.Finding) (added, cleared []Finding) {
	keys := func(fs []glossary.Finding) map[string]glossary.Finding {
		m := make(map[string]glossary.Finding, len(fs))
		for _, f := range fs {
			m[glossary.FindingKey(f)] = f
		}
		return m
	}
	before, after := keys(was), keys(will)
	for key, f := range after {
		if _, ok := before[key]; !ok {
			added = append(added, Finding{Finding: f, Key: key})
		}
	}
	for key, f := range before {
		if _, ok := after[key]; !ok {
			cleared = append(cleared, Finding{Finding: f, Key: key})
		}
	}
	return added, cleared
}
