package glossary

import "context"

// checkEvery is how many steps of a long loop pass between looks at the
// context: often enough that an abandoned request stops within
// milliseconds, rarely enough to cost nothing.
const checkEvery = 1024

// stopper tells a long loop to stop once its context has ended. It looks
// at the first step and then every checkEvery steps.
type stopper struct {
	ctx   context.Context
	steps int
}

func (s *stopper) stop() error {
	s.steps++
	if s.steps%checkEvery != 1 {
		return nil
	}
	return s.ctx.Err()
}
