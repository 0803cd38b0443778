// Package fault is the vocabulary of failures that the person who asked
// can act on: what was not found, which newer version stands in the way,
// why the object's state or the input does not allow the change. The
// store and the workbench return these; the HTTP layer and the CLI each
// turn them into an answer in one place (server.fail, cmd/zhen's exit
// messages). Anything else is an internal error, logged, not shown.
package fault

import (
	"errors"
	"fmt"
)

// ErrNotFound matches every *NotFound (errors.Is).
var ErrNotFound = errors.New("not found")

// NotFound says that what a request named does not exist. What is the
// noun the user knows ("clause", "glossary entry"); ID is what they named
// it by, or nil when the noun says it all.
// Hint, when set, says what to do about it.
type NotFound struct {
	What string
	ID   any
	Hint string
}

func (e *NotFound) Error() string {
	s := "no such " + e.What
	if e.ID != nil {
		s += fmt.Sprintf(": %v", e.ID)
	}
	if e.Hint != "" {
		s += ": " + e.Hint
	}
	return s
}

func (e *NotFound) Is(target error) bool { return target == ErrNotFound }

// Missing is the NotFound of what, named by id (nil: by nothing).
func Missing(what string, id any) error { return &NotFound{What: what, ID: id} }

// Conflict says that a write named a version that is no longer the newest:
// someone else changed the object first. Current is the object as it is
// now, for the user to compare with what they wrote.
type Conflict struct {
	Message string
	Current any
}

func (e *Conflict) Error() string { return e.Message }

// InvalidState says that the object's status does not allow the change
// (approving a clause nobody submitted). Current is the object as it is.
type InvalidState struct {
	Reason  string
	Current any
}

func (e *InvalidState) Error() string { return e.Reason }

// Invalid says that part of the input cannot be stored, and why. Field
// names the part ("text", "entry", "file", "structure", "alignment",
// "user", "password"; "request": the request as a whole is malformed, 400
// rather than 422); the API's error code is "invalid_" + Field unless Code
// says otherwise.
type Invalid struct {
	Field  string
	Reason string
	Code   string
}

func (e *Invalid) Error() string { return e.Reason }

// Invalidf is an Invalid of field with a formatted reason.
func Invalidf(field, format string, args ...any) error {
	return &Invalid{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// Forbidden says that the actor may not do this: their role does not
// allow it (a translator approving the term they add), or they could not
// prove who they are (a wrong current password). Code is the API's error
// code, "forbidden" when empty.
type Forbidden struct{ Reason, Code string }

func (e *Forbidden) Error() string { return e.Reason }

// TooLarge says that the input is past a limit; Reason says which, and what
// to do.
type TooLarge struct{ Reason string }

func (e *TooLarge) Error() string { return e.Reason }

// Taken says that a name is in use already, or looks like one that is
// (Code "exists" or "look_alike").
type Taken struct{ Reason, Code string }

func (e *Taken) Error() string { return e.Reason }

// Held says that a change was held back, and nothing was changed, because
// of something the actor should look at first (open findings before a
// submit); asking again with the override the reason names makes the
// change. Code is the API's error code; Details, under the key Key beside
// the error, is what to look at.
type Held struct {
	Reason  string
	Code    string
	Key     string
	Details any
}

func (e *Held) Error() string { return e.Reason }
