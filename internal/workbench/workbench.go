// Package workbench is Zhen's application layer: every change to the data
// goes through it, whoever asks (the HTTP API, the CLI, a background job).
// Each use case takes a command struct and the actor explicitly, checks
// the actor may do it and the command makes sense, makes the change in one
// transaction (the store's), and after the commit publishes what changed,
// so that open editors on every server show it. Failures are internal/fault
// errors, which the API and the CLI each turn into an answer in one place.
//
// Reads stay outside: the HTTP handlers and the CLI read the store through
// small interfaces of their own.
package workbench

import (
	"context"
	"encoding/json"
	"iter"
	"sync/atomic"
	"time"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/auth"
	"github.com/zhen-workbench/zhen/internal/events"
	"github.com/zhen-workbench/zhen/internal/fault"
	"github.com/zhen-workbench/zhen/internal/imports"
	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/store"
)

// Store is what the use cases need of the database: its writes, and the
// reads a write decides by.
type Store interface {
	GetClause(ctx context.Context, id uint) (store.Clause, error)
	GetDocument(ctx context.Context, id uint) (store.DocumentSummary, error)
	CountDocuments(ctx context.Context) (int64, error)
	Terms(ctx context.Context) iter.Seq2[glossary.Entry, error]
	UserByName(ctx context.Context, name string) (store.User, error)
	GetUser(ctx context.Context, id uint) (store.User, error)

	SaveTranslation(ctx context.Context, clauseID uint, base int, text, author, origin string) (store.Clause, error)
	ConfirmTranslation(ctx context.Context, clauseID uint, base int, text, author, origin string) (store.Clause, error)
	SubmitMany(ctx context.Context, choice store.SubmitChoice, actor string, checkFindings bool) (store.SubmitResult, error)
	Submit(ctx context.Context, clauseID uint, base int, actor string) (store.Clause, error)
	Approve(ctx context.Context, clauseID uint, base, revision int, actor string) (store.Clause, error)
	RejectClause(ctx context.Context, clauseID uint, base int, reason, actor string) (store.Rejected, error)
	Restore(ctx context.Context, clauseID uint, base, revision int, actor string) (store.Clause, error)
	SplitClause(ctx context.Context, clauseID uint, base, at int, english []string, actor string) (store.Split, error)
	MergeClauses(ctx context.Context, clauseID uint, base, nextBase int, english *string, actor string) (store.Merged, error)
	AddComment(ctx context.Context, clauseID uint, text, author string) (store.Comment, error)
	ResolveComment(ctx context.Context, id uint, resolved bool, actor string) (store.Comment, error)
	MarkRead(ctx context.Context, user string, ids []uint, all bool) (marked, unread int64, err error)
	Noted(ctx context.Context, clauses []store.Clause) ([]store.NotedClause, error)
	Dismiss(ctx context.Context, d store.Dismissal) (store.Dismissal, error)
	Undismiss(ctx context.Context, key string) error

	ImportFiles(ctx context.Context, files []store.SourceFile) ([]store.Imported, error)
	UpdateDocument(ctx context.Context, id uint, title, date string) (store.DocumentSummary, error)
	SetEnglishTitle(ctx context.Context, id uint, title string) (store.DocumentSummary, error)
	SetNumberingStyle(ctx context.Context, documentID uint, style, actor string) (store.DocumentSummary, store.Renumbered, error)
	SetCorpusSettings(ctx context.Context, cs store.CorpusSettings, actor string) (store.CorpusSettings, store.Renumbered, error)
	Settings(ctx context.Context) (store.CorpusSettings, error)
	SetTargetLanguage(ctx context.Context, lang, actor string) error
	ApplyAlignment(ctx context.Context, documentID uint, as []store.Assignment, author string) (store.AlignResult, error)
	imports.Store
	RevisionMark(ctx context.Context) (uint, error)
	ClausesRevisedSince(ctx context.Context, mark uint) ([]uint, error)

	CreateTerm(ctx context.Context, e glossary.Entry, author string) (store.Term, error)
	UpdateTerm(ctx context.Context, id uint, e glossary.Entry, version int, author string) (store.Term, error)
	DeleteTerm(ctx context.Context, id uint, author string) error
	CheckTermChange(ctx context.Context, id uint, e glossary.Entry, version int) (glossary.Entry, error)
	ImportTerms(ctx context.Context, entries []glossary.Entry, author string) (store.GlossaryImport, error)

	CreateUser(ctx context.Context, u store.NewUser, actor string) (store.User, error)
	UpdateUser(ctx context.Context, id uint, ch store.UserChange, actor string) (store.User, error)
	CreateSession(ctx context.Context, s store.Session) (store.Session, error)
	TouchSession(ctx context.Context, id uint, expires time.Time) error
	RevokeSession(ctx context.Context, userID, id uint) error

	qa.KeptStore

	// assignments (issue 18)
	CreateAssignment(ctx context.Context, a store.WorkAssignment, actor string) (store.WorkAssignment, error)
	UpdateAssignment(ctx context.Context, id uint, base int, ch store.AssignmentChange, actor string) (store.WorkAssignment, error)
	DeleteAssignment(ctx context.Context, id uint, base int, actor string) error
	GetAssignment(ctx context.Context, id uint) (store.AssignmentProgress, error)
	GetTerm(ctx context.Context, id uint) (store.Term, error)
	SaveSuggestions(ctx context.Context, sg []glossary.Suggestion) error
	SaveDiscovered(ctx context.Context, terms []glossary.DiscoveredTerm) error
	Discovered(ctx context.Context) ([]glossary.DiscoveredTerm, time.Time, bool, error)
	DiscoveredAt(ctx context.Context) (time.Time, bool, error)
	TermIDs(ctx context.Context) (map[string]uint, error)
	Suggestions(ctx context.Context) ([]glossary.Suggestion, time.Time, bool, error)
}

// Publisher announces a change after it is committed: to this process's
// listeners and, through the database, to every server's (events.Hub).
type Publisher interface {
	Publish(e events.Event)
}

// Actor is who makes a change: the name kept in the history, and the role
// that says what they may do. The CLI acts as an admin (it has the
// database file or its password already).
type Actor struct {
	Name string
	Role auth.Role
}

// Workbench holds the use cases.
type Workbench struct {
	st   Store
	pub  Publisher
	qa   *qa.Checker
	keep *qa.Keeper // the stored findings, rechecked after every change

	discovering atomic.Bool // a computation of the discovered terms is running
	// corpusWide lets one computation over the whole corpus (glossary
	// candidates, discovered terms) run at a time: each holds hundreds of
	// megabytes on an archive, two at once would double that.
	corpusWide chan struct{}

	discovered discoveredCache
}

// New returns the workbench over st, announcing changes through pub.
func New(st Store, pub Publisher) *Workbench {
	c := qa.New(st)
	return &Workbench{st: st, pub: pub, qa: c, keep: qa.NewKeeper(c, st), corpusWide: make(chan struct{}, 1)}
}

// oneCorpusWide waits until no other computation over the whole corpus
// runs (or ctx ends) and returns the function that lets the next one run.
func (w *Workbench) oneCorpusWide(ctx context.Context) (release func(), err error) {
	select {
	case w.corpusWide <- struct{}{}:
		return func() { <-w.corpusWide }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Checker is the workbench's QA checker, for readers that show findings:
// one glossary index in memory, not one per reader.
func (w *Workbench) Checker() *qa.Checker { return w.qa }

// allow refuses an actor whose role is below role: the HTTP routes check
// the same, and this holds for every other caller.
func allow(a Actor, role auth.Role, what string) error {
	if a.Role.Allows(role) {
		return nil
	}
	return &fault.Forbidden{Reason: "only a " + string(role) + " or above may " + what}
}

// publish announces e, made by a.
func (w *Workbench) publish(a Actor, e events.Event) {
	e.Actor = a.Name
	w.pub.Publish(e)
}

// clauseEvent announces a change to one clause, with the clause as the API
// shows it, so that open rows update in place.
func (w *Workbench) clauseEvent(a Actor, action string, cl store.Clause) {
	w.publishAbout(a, events.TypeClause, action, cl, cl)
}

// publishAbout announces a change of type to something of clause cl, with
// data (the changed object as the API shows it).
func (w *Workbench) publishAbout(a Actor, typ, action string, cl store.Clause, data any) {
	raw, _ := json.Marshal(data)
	w.publish(a, events.Event{Type: typ, Action: action, ClauseID: cl.ID, Document: cl.DocumentID, Data: raw})
}

// reload announces a bulk change: open editors fetch what they show again
// (one event, however many clauses changed).
func (w *Workbench) reload(a Actor, action string) {
	w.publish(a, events.Event{Type: events.TypeReload, Action: action})
}
