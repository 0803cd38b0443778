package workbench

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/events"
)

// RefreshDiscovered finds the inconsistently rendered terms of the whole
// corpus and stores them (see KeepDiscovered).
func (w *Workbench) RefreshDiscovered(ctx context.Context) error {
	w.discovering.Store(true)
	defer w.discovering.Store(false)
	release, err := w.oneCorpusWide(ctx)
	if err != nil {
		return err
	}
	defer release()
	terms, err := w.qa.Discover(ctx)
	if err != nil {
		return err
	}
	return w.st.SaveDiscovered(ctx, terms)
}

// DiscoveredPage is a page of the stored discovered terms.
type DiscoveredPage struct {
	Terms      []glossary.DiscoveredTerm `json:"terms"`
	Total      int                       `json:"total"`       // terms that match, on every page
	ComputedAt *time.Time                `json:"computed_at"` // nil before the first computation
	Computing  bool                      `json:"computing"`   // a computation is running now
}

// Discovered returns a page of the stored discovered terms, best first:
// at most limit (all if limit ≤ 0) from offset, only those with a clause
// in documentID if it is not 0. Whether a term is in the glossary is read
// now, not when they were computed.
func (w *Workbench) Discovered(ctx context.Context, documentID uint, offset, limit int) (DiscoveredPage, error) {
	page := DiscoveredPage{Terms: []glossary.DiscoveredTerm{}, Computing: w.discovering.Load()}
	terms, at, ok, err := w.discovered.get(ctx, w.st)
	if err != nil || !ok {
		page.Computing = page.Computing || err == nil
		return page, err
	}
	page.ComputedAt = &at
	entries, err := w.st.TermIDs(ctx)
	if err != nil {
		return page, err
	}
	var match []glossary.DiscoveredTerm
	for _, t := range terms {
		if documentID != 0 && !inDocument(t, documentID) {
			continue
		}
		t.EntryID, t.InGlossary = entries[t.ZH]
		match = append(match, t)
	}
	page.Total = len(match)
	offset = min(max(offset, 0), len(match))
	match = match[offset:]
	if limit > 0 && len(match) > limit {
		match = match[:limit]
	}
	page.Terms = append(page.Terms, match...)
	return page, nil
}

// discoveredCache keeps the stored discovered terms decoded while they
// are the newest: on an archive they are a megabyte of JSON, and every
// page of the view would decode it. Any process may store newer ones, so
// each read asks when they were computed.
type discoveredCache struct {
	mu    sync.Mutex
	at    time.Time
	terms []glossary.DiscoveredTerm
}

func (c *discoveredCache) get(ctx context.Context, st Store) ([]glossary.DiscoveredTerm, time.Time, bool, error) {
	at, ok, err := st.DiscoveredAt(ctx)
	if err != nil || !ok {
		return nil, time.Time{}, false, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.terms != nil && c.at.Equal(at) {
		return c.terms, at, true, nil
	}
	terms, at, ok, err := st.Discovered(ctx)
	if err != nil || !ok {
		return nil, time.Time{}, false, err
	}
	if terms == nil {
		terms = []glossary.DiscoveredTerm{}
	}
	c.terms, c.at = terms, at
	return terms, at, true, nil
}

func inDocument(t glossary.DiscoveredTerm, documentID uint) bool {
	for _, r := range t.Renderings {
		if slices.Contains(r.Documents, documentID) {
			return true
		}
	}
	return false
}

// KeepDiscovered keeps the stored discovered terms current until ctx ends:
// after changes to the corpus, its English or the glossary have been quiet
// for quiet, it computes them again (see keepCurrent).
func (w *Workbench) KeepDiscovered(ctx context.Context, changes <-chan events.Event, quiet time.Duration) {
	keepCurrent(ctx, changes, quiet, background{
		name: "discovered terms",
		triggers: func(e events.Event) bool {
			switch e.Type {
			case events.TypeReload, events.TypeDocument, events.TypeGlossary, events.TypeClause:
				return true
			}
			return false
		},
		// Saves come all day: a run under way finishes (an archive's
		// takes most of a minute) and another follows; imports, splits
		// and glossary changes cancel it.
		cancels: func(e events.Event) bool { return e.Type != events.TypeClause },
		computed: func(ctx context.Context) (bool, error) {
			_, _, ok, err := w.st.Discovered(ctx)
			return ok, err
		},
		refresh: w.RefreshDiscovered,
	})
}
