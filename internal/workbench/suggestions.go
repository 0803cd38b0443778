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
	release, err := w.oneCorpusWide(ctx)
	if err != nil {
		return err
	}
	defer release()
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
	known, err := w.st.TermIDs(ctx)
	if err != nil {
		return nil, time.Time{}, err
	}
	out := make([]glossary.Suggestion, 0, min(limit, len(sg)))
	for _, s := range sg {
		if len(out) == limit {
			break
		}
		if _, in := known[glossary.Normalize(s.Text)]; !in {
			out = append(out, s)
		}
	}
	return out, at, nil
}

// KeepSuggestions keeps the stored glossary candidates current until ctx
// ends: after changes that alter the corpus or the glossary (imports,
// splits and merges, glossary changes) have been quiet for quiet, it
// computes them again (see keepCurrent).
func (w *Workbench) KeepSuggestions(ctx context.Context, changes <-chan events.Event, quiet time.Duration) {
	keepCurrent(ctx, changes, quiet, background{
		name: "glossary candidates",
		triggers: func(e events.Event) bool {
			return e.Type == events.TypeReload || e.Type == events.TypeDocument || e.Type == events.TypeGlossary
		},
		computed: func(ctx context.Context) (bool, error) {
			_, _, ok, err := w.st.Suggestions(ctx)
			return ok, err
		},
		refresh: w.RefreshSuggestions,
	})
}

// background is a computation over the whole corpus kept current by keepCurrent.
type background struct {
	name     string
	triggers func(events.Event) bool                 // the change makes the stored result stale
	cancels  func(events.Event) bool                 // … and the run under way too (nil: every trigger does)
	computed func(ctx context.Context) (bool, error) // a result is stored
	refresh  func(ctx context.Context) error         // computes and stores it
}

// keepCurrent runs b until ctx ends or changes closes: once at the start if
// nothing is stored, then each time changes that trigger it have been
// quiet for quiet, one computation at a time; a change during one cancels
// it (or, if b.cancels says not, lets it finish) and waits for quiet again.
func keepCurrent(ctx context.Context, changes <-chan events.Event, quiet time.Duration, b background) {
	timer := time.NewTimer(quiet)
	if ok, err := b.computed(ctx); err != nil || ok {
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
			if b.triggers(e) {
				if b.cancels == nil || b.cancels(e) {
					job.cancel() // a computation under way is out of date
				}
				timer.Reset(quiet) // (and one that goes on is followed by another)
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
				if err := b.refresh(run); err != nil && run.Err() == nil {
					slog.Error(b.name+" not computed", "err", err)
				} else if err == nil {
					slog.Info(b.name+" computed", "ms", time.Since(start).Milliseconds())
				}
				done <- struct{}{}
			}()
		}
	}
}
