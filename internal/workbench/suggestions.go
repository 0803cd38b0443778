package workbench

import (
	"context"
	"log/slog"
	"time"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/events"
)

// storedSuggestions is how many glossary candidates a computation keeps:
// more than anyone pages through.
const storedSuggestions = 1000

// RefreshSuggestions computes the glossary candidates from the whole
// corpus and stores them (see KeepSuggestions).
func (w *Workbench) RefreshSuggestions(ctx context.Context) error {
	sg, err := w.qa.Suggest(ctx, storedSuggestions)
	if err != nil {
		return err
	}
	return w.st.SaveSuggestions(ctx, sg)
}

// Suggestions returns at most limit stored glossary candidates and when
// they were computed, less those that are in the glossary now. Before the
// first computation it computes them here.
func (w *Workbench) Suggestions(ctx context.Context, limit int) ([]glossary.Suggestion, time.Time, error) {
	sg, at, ok, err := w.st.Suggestions(ctx)
	if err == nil && !ok {
		if err = w.RefreshSuggestions(ctx); err == nil {
			sg, at, _, err = w.st.Suggestions(ctx)
		}
	}
	if err != nil {
		return nil, time.Time{}, err
	}
	known := map[string]bool{}
	for e, err := range w.st.Terms(ctx) {
		if err != nil {
			return nil, time.Time{}, err
		}
		known[glossary.Normalize(e.ZH)] = true
	}
	out := make([]glossary.Suggestion, 0, min(limit, len(sg)))
	for _, s := range sg {
		if len(out) == limit {
			break
		}
		if !known[glossary.Normalize(s.Text)] {
			out = append(out, s)
		}
	}
	return out, at, nil
}

// KeepSuggestions keeps the stored glossary candidates current until ctx
// ends: after changes that alter the corpus or the glossary (imports,
// splits and merges, glossary changes) have been quiet for quiet, it
// computes them again, one computation at a time; a change during one
// cancels it and waits for quiet again.
func (w *Workbench) KeepSuggestions(ctx context.Context, changes <-chan events.Event, quiet time.Duration) {
	timer := time.NewTimer(quiet)
	if _, _, ok, err := w.st.Suggestions(ctx); err != nil || ok {
		timer.Stop() // computed already (or unreadable): wait for a change
	}
	// The computation under way, if running.
	var job struct {
		run    context.Context
		cancel context.CancelFunc
	}
	job.cancel = func() {}
	running := false
	done := make(chan struct{})
	defer func() {
		job.cancel()
		if running {
			<-done
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return
		case <-done:
			running = false
		case e, open := <-changes:
			if !open {
				return
			}
			switch e.Type {
			case events.TypeReload, events.TypeDocument, events.TypeGlossary:
				job.cancel() // a computation under way is out of date
				timer.Reset(quiet)
			}
		case <-timer.C:
			if running { // the cancelled one has not ended yet: a little later
				timer.Reset(quiet)
				continue
			}
			job.run, job.cancel = context.WithCancel(ctx)
			run := job.run
			running = true
			go func() {
				start := time.Now()
				if err := w.RefreshSuggestions(run); err != nil && run.Err() == nil {
					slog.Error("glossary candidates not computed", "err", err)
				} else if err == nil {
					slog.Info("glossary candidates computed", "ms", time.Since(start).Milliseconds())
				}
				done <- struct{}{}
			}()
		}
	}
}
