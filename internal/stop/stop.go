// Package stop is how long loops notice that their request has ended:
// they look at the context every Every steps, often enough that an
// abandoned request stops within milliseconds, rarely enough to cost
// nothing.
package stop

import "context"

// Every is how many steps pass between looks at the context.
const Every = 1024

// At is ctx's error at every Every-th step i (the first, 0, included), nil
// at the others.
func At(ctx context.Context, i int) error {
	if i%Every != 0 {
		return nil
	}
	return ctx.Err()
}

// Counter counts the steps of a loop without an index of its own: Step
// looks at the context at the first step and every Every steps after.
type Counter struct {
	Ctx   context.Context
	steps int
}

// Step counts a step and says whether to stop.
func (c *Counter) Step() error {
	err := At(c.Ctx, c.steps)
	c.steps++
	return err
}
