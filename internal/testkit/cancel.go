package testkit

import "context"

// CancelAt is a context that reads as cancelled from its At-th look at Err
// on (never if At is 0), counting the looks in Looks: a cancellation at an
// exact point of a loop, with no clock involved.
type CancelAt struct {
	context.Context
	At, Looks int
}

func (c *CancelAt) Err() error {
	c.Looks++
	if c.At > 0 && c.Looks >= c.At {
		return context.Canceled
	}
	return nil
}
