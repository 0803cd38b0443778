package store

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/internal/fault"
)

// Names is a list of user names, stored in one column, space-separated
// (user names have no spaces), shown as a JSON array.
type Names []string

// Value stores the names.
func (n Names) Value() (driver.Value, error) { return strings.Join(n, " "), nil }

// Scan reads the names back.
func (n *Names) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*n = nil
	case string:
		*n = strings.Fields(x)
	case []byte:
		*n = strings.Fields(string(x))
	default:
		return fmt.Errorf("names: cannot read %T", v)
	}
	return nil
}

// MarshalJSON shows no names as [], not null.
func (n Names) MarshalJSON() ([]byte, error) {
	if n == nil {
		return []byte("[]"), nil
	}
	return json.Marshal([]string(n))
}

// Notification kinds: why something is in a user's inbox.
const (
	NotifyRejection = "rejection" // their English was rejected
	NotifyMention   = "mention"   // a comment @named them
)

// Notification puts a comment in a user's inbox.
type Notification struct {
	ID        uint      `gorm:"primaryKey"`
	Username  string    `gorm:"not null"`
	CommentID uint      `gorm:"not null"`
	Kind      string    `gorm:"size:16;not null"`
	CreatedAt time.Time `gorm:"not null"`
	ReadAt    *time.Time
}

// mentionPattern finds @name: an @ not inside a word or an e-mail address,
// then the characters a user name may have.
var mentionPattern = regexp.MustCompile(`(?:^|[^A-Za-z0-9._@-])@([A-Za-z0-9._-]+)`)

// mentionCandidates are the user names text may @name, in order, each
// once: "@rita." names rita (the sentence's full stop is not hers) unless
// a user is called "rita.".
func mentionCandidates(text string) []string {
	var out []string
	for _, m := range mentionPattern.FindAllStringSubmatch(text, -1) {
		name := strings.ToLower(m[1])
		for _, c := range []string{name, strings.TrimRight(name, ".-_")} {
			if c != "" && !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// enabledUsers returns which of names are enabled users.
func enabledUsers(tx *gorm.DB, names []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(names) == 0 {
		return out, nil
	}
	var found []string
	if err := tx.Model(&User{}).Where("username IN ? AND disabled = ?", names, false).Pluck("username", &found).Error; err != nil {
		return nil, err
	}
	for _, n := range found {
		out[n] = true
	}
	return out, nil
}

// mentionsIn returns the enabled users text @names, in order: "@rita." is
// rita unless there is a user "rita.".
func mentionsIn(tx *gorm.DB, text string) (Names, error) {
	cands := mentionCandidates(text)
	users, err := enabledUsers(tx, cands)
	if err != nil {
		return nil, err
	}
	var out Names
	for _, m := range mentionPattern.FindAllStringSubmatch(text, -1) {
		name := strings.ToLower(m[1])
		if !users[name] {
			name = strings.TrimRight(name, ".-_")
		}
		if users[name] && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out, nil
}

// addCommentTx writes a comment of kind on clause, and the notifications
// it makes: first to notify (with kind notifyKind; the rejected
// translator), then to the users it mentions; never to its author, each
// user once, only enabled users. It returns the comment and who was
// notified.
func addCommentTx(tx *gorm.DB, clauseID uint, kind, text, author string, at time.Time, notify []string, notifyKind string) (Comment, []string, error) {
	mentions, err := mentionsIn(tx, text)
	if err != nil {
		return Comment{}, nil, err
	}
	c := Comment{ClauseID: clauseID, Author: author, Text: text, Kind: kind, CreatedAt: at, Mentions: mentions}
	if err := tx.Create(&c).Error; err != nil {
		return Comment{}, nil, err
	}
	enabled, err := enabledUsers(tx, notify)
	if err != nil {
		return Comment{}, nil, err
	}
	var rows []Notification
	var notified []string
	add := func(user, kind string) {
		if user == author || slices.Contains(notified, user) {
			return
		}
		notified = append(notified, user)
		rows = append(rows, Notification{Username: user, CommentID: c.ID, Kind: kind, CreatedAt: at})
	}
	for _, u := range notify {
		if enabled[u] {
			add(u, notifyKind)
		}
	}
	for _, u := range mentions {
		add(u, NotifyMention)
	}
	if len(rows) > 0 {
		if err := tx.Create(&rows).Error; err != nil {
			return Comment{}, nil, err
		}
	}
	return c, notified, nil
}

// AddComment adds a comment to a clause; the enabled users it @names other
// than its author are notified (the comment's Mentions, without the
// author).
func (s *Store) AddComment(ctx context.Context, clauseID uint, text, author string) (Comment, error) {
	text, err := checkComment("the comment", text)
	if err != nil {
		return Comment{}, err
	}
	var out Comment
	err = s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Select("id").Take(&Clause{}, clauseID).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return fault.Missing("clause", clauseID)
		} else if err != nil {
			return err
		}
		out, _, err = addCommentTx(tx, clauseID, CommentKindComment, text, author, now(), nil, "")
		return err
	})
	return out, err
}

// Comments returns a clause's comments and rejections, oldest first.
func (s *Store) Comments(ctx context.Context, clauseID uint) ([]Comment, error) {
	if _, err := s.GetClause(ctx, clauseID); err != nil {
		return nil, err
	}
	out := []Comment{}
	err := s.r.WithContext(ctx).Where("clause_id = ?", clauseID).Order("id").Find(&out).Error
	return out, err
}

// GetComment returns one comment.
func (s *Store) GetComment(ctx context.Context, id uint) (Comment, error) {
	var c Comment
	err := s.r.WithContext(ctx).Take(&c, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return c, fault.Missing("comment", id)
	}
	return c, err
}

// Rejected is what a rejection did: the clause, the comment that gives the
// reason, and the users notified of it.
type Rejected struct {
	Clause   Clause
	Comment  Comment
	Notified []string
}

// RejectClause sends a clause back to its translator: the history records
// the rejection with its reason, a comment of kind rejection gives the
// reason in the clause's thread, and the translator (who wrote the English
// rejected), unless that is the reviewer, and the users the reason
// @names are notified; all in one transaction. base < 0 rejects whatever
// version the clause is at.
func (s *Store) RejectClause(ctx context.Context, clauseID uint, base int, reason, actor string) (Rejected, error) {
	reason, err := checkComment("the rejection comment", reason)
	if err != nil {
		return Rejected{}, err
	}
	if base < 0 {
		c, err := s.GetClause(ctx, clauseID)
		if err != nil {
			return Rejected{}, err
		}
		base = c.Version
	}
	var out Rejected
	err = s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		cl, err := changeTx(tx, clauseID, base, func(tx *gorm.DB, c *Clause, at time.Time) (Revision, map[string]any, error) {
			if !slices.Contains([]string{StatusSubmitted, StatusDraft, StatusTranslated}, c.Status) {
				return Revision{}, nil, stateError(*c, fmt.Sprintf("a %s clause cannot be rejected: only submitted, translated and draft ones", c.Status))
			}
			var err error
			out.Comment, out.Notified, err = addCommentTx(tx, c.ID, CommentKindRejection, reason, actor, at, []string{c.UpdatedBy}, NotifyRejection)
			if err != nil {
				return Revision{}, nil, err
			}
			return Revision{Action: ActionReject, Text: c.Target, Comment: reason, Author: actor},
				map[string]any{"status": StatusRejected}, nil
		})
		out.Clause = cl
		return err
	})
	if err != nil {
		return Rejected{}, err
	}
	return out, nil
}

// ResolveComment marks a comment resolved by actor (resolved) or open
// again. Resolving a resolved comment, or reopening an open one, is an
// invalid state (someone else did it first), with the comment as it is.
func (s *Store) ResolveComment(ctx context.Context, id uint, resolved bool, actor string) (Comment, error) {
	var c Comment
	err := s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Take(&c, id).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return fault.Missing("comment", id)
		} else if err != nil {
			return err
		}
		switch {
		case resolved && c.ResolvedAt != nil:
			return &fault.InvalidState{Reason: fmt.Sprintf("the comment is already resolved (by %s)", orUnknown(c.ResolvedBy)), Current: c}
		case !resolved && c.ResolvedAt == nil:
			return &fault.InvalidState{Reason: "the comment is open already", Current: c}
		}
		set := map[string]any{"resolved_at": nil, "resolved_by": ""}
		where := "id = ? AND resolved_at IS NOT NULL"
		if resolved {
			set = map[string]any{"resolved_at": now(), "resolved_by": actor}
			where = "id = ? AND resolved_at IS NULL"
		}
		if err := tx.Model(&Comment{}).Where(where, id).Updates(set).Error; err != nil {
			return err
		}
		c = Comment{}
		return tx.Take(&c, id).Error
	})
	return c, err
}

// Rejection is why a rejected clause was sent back, by whom and when.
type Rejection struct {
	Author string    `json:"author"`
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
}

// ClauseNotes is what the editor's rows show of a clause's thread: how many
// comments (rejections included) it has, how many are open, and, when the
// clause is rejected, the latest rejection.
type ClauseNotes struct {
	Comments     int        `json:"comments"`
	OpenComments int        `json:"open_comments"`
	Rejection    *Rejection `json:"rejection,omitempty"`
}

// NotedClause is a clause as the statement's clause list shows it.
type NotedClause struct {
	Clause
	ClauseNotes
}

// Noted returns clauses with their notes: one grouped query over the
// comments of the clauses (by their clause index), and one over the
// history of those rejected, per 500 clauses.
func (s *Store) Noted(ctx context.Context, clauses []Clause) ([]NotedClause, error) {
	out := make([]NotedClause, len(clauses))
	at := make(map[uint]int, len(clauses))
	ids := make([]uint, 0, len(clauses))
	var rejected []uint
	for i, c := range clauses {
		out[i].Clause = c
		at[c.ID] = i
		ids = append(ids, c.ID)
		if c.Status == StatusRejected {
			rejected = append(rejected, c.ID)
		}
	}
	db := s.r.WithContext(ctx)
	for chunk := range chunks(ids, 500) {
		rows, err := db.Raw("SELECT clause_id, COUNT(*), SUM(CASE WHEN resolved_at IS NULL THEN 1 ELSE 0 END) FROM comments WHERE clause_id IN ? GROUP BY clause_id", chunk).Rows()
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id uint
			var n, open int
			if err := rows.Scan(&id, &n, &open); err != nil {
				rows.Close()
				return nil, err
			}
			out[at[id]].Comments, out[at[id]].OpenComments = n, open
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	for chunk := range chunks(rejected, 500) {
		var revs []Revision
		if err := db.Select("clause_id", "version", "author", "comment", "created_at").
			Where("clause_id IN ? AND action = ?", chunk, ActionReject).Order("clause_id, version DESC").Find(&revs).Error; err != nil {
			return nil, err
		}
		for _, r := range revs {
			if n := &out[at[r.ClauseID]]; n.Rejection == nil {
				n.Rejection = &Rejection{Author: r.Author, Reason: r.Comment, At: r.CreatedAt}
			}
		}
	}
	return out, nil
}

// openComments counts the unresolved comments of each statement's clauses
// (of one statement if documentID is not 0): the open comments are few, and
// a partial index holds them.
func (s *Store) openComments(ctx context.Context, documentID uint) (map[uint]int, error) {
	q := "SELECT clauses.document_id, COUNT(*) FROM comments JOIN clauses ON clauses.id = comments.clause_id WHERE comments.resolved_at IS NULL"
	var args []any
	if documentID != 0 {
		q += " AND clauses.document_id = ?"
		args = append(args, documentID)
	}
	rows, err := s.r.WithContext(ctx).Raw(q+" GROUP BY clauses.document_id", args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[uint]int{}
	for rows.Next() {
		var id uint
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// withOpenComments fills in the summaries' open comments.
func (s *Store) withOpenComments(ctx context.Context, docs []DocumentSummary, documentID uint) error {
	counts, err := s.openComments(ctx, documentID)
	if err != nil {
		return err
	}
	for i := range docs {
		docs[i].OpenComments = counts[docs[i].ID]
	}
	return nil
}

// InboxItem is a rejection or a mention in a user's inbox, with where it is.
type InboxItem struct {
	ID            uint      `json:"id"`
	Kind          string    `json:"kind"` // Notify…
	CommentID     uint      `json:"comment_id"`
	ClauseID      uint      `json:"clause_id"`
	DocumentID    uint      `json:"document_id"`
	DocumentTitle string    `json:"document_title"`
	Index         int       `json:"index"` // the clause's position in its statement, from 0
	Text          string    `json:"text"`
	Author        string    `json:"author"`
	CreatedAt     time.Time `json:"created_at"`
	Read          bool      `json:"read"`
}

// Inbox is a user's newest notifications and how many are unread.
type Inbox struct {
	Items  []InboxItem `json:"items"`
	Unread int64       `json:"unread"`
}

// MaxInbox is how many notifications an inbox lists, newest first.
const MaxInbox = 200

// Inbox returns user's notifications, newest first (at most MaxInbox),
// and the number unread.
func (s *Store) Inbox(ctx context.Context, user string) (Inbox, error) {
	out := Inbox{Items: []InboxItem{}}
	db := s.r.WithContext(ctx)
	rows, err := db.Raw(`SELECT n.id, n.kind, c.id, c.clause_id, cl.document_id, d.title, cl.position, c.text, c.author, n.created_at, n.read_at IS NOT NULL
		FROM notifications n JOIN comments c ON c.id = n.comment_id JOIN clauses cl ON cl.id = c.clause_id JOIN documents d ON d.id = cl.document_id
		WHERE n.username = ? ORDER BY n.id DESC LIMIT ?`, user, MaxInbox).Rows()
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		var it InboxItem
		if err := rows.Scan(&it.ID, &it.Kind, &it.CommentID, &it.ClauseID, &it.DocumentID, &it.DocumentTitle, &it.Index, &it.Text, &it.Author, &it.CreatedAt, &it.Read); err != nil {
			return out, err
		}
		out.Items = append(out.Items, it)
	}
	if err := rows.Err(); err != nil {
		return out, err
	}
	out.Unread, err = s.unread(db, user)
	return out, err
}

func (s *Store) unread(db *gorm.DB, user string) (int64, error) {
	var n int64
	err := db.Model(&Notification{}).Where("username = ? AND read_at IS NULL", user).Count(&n).Error
	return n, err
}

// MarkRead marks user's notifications read: those of ids (others' and
// unknown ones are left alone), or all of them. It returns how many were
// marked and how many stay unread.
func (s *Store) MarkRead(ctx context.Context, user string, ids []uint, all bool) (marked, unread int64, err error) {
	err = s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		q := tx.Model(&Notification{}).Where("username = ? AND read_at IS NULL", user)
		if !all {
			q = q.Where("id IN ?", ids)
		}
		res := q.Update("read_at", now())
		if res.Error != nil {
			return res.Error
		}
		marked = res.RowsAffected
		unread, err = s.unread(tx, user)
		return err
	})
	return marked, unread, err
}
